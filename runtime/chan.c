// chan.c: channels and select, shaped after Go 1.19's runtime/chan.go and
// runtime/select.go.
//
// A channel is a ring buffer of elements plus two queues of blocked
// goroutines: senders waiting for a receiver (or for room) and receivers
// waiting for a sender. A blocked goroutine's waiter record (Go's sudog)
// lives on its own stack, which the collector scans; the goroutine that
// completes its operation copies the value straight to or from that stack.
//
// All goroutines run on one thread for now and switch only when they park,
// so nothing here takes a lock; where Go locks a channel, the code below
// runs without a switch in between, which gives the same guarantees.
#include <string.h>

#include "internal.h"

typedef struct sudog sudog;

// What Go keeps in the g of a goroutine blocked on channels (param,
// selectDone, waiting), here on the blocked goroutine's stack beside its
// waiter records, so that the scheduler's g needs no channel fields.
typedef struct chan_blocked {
  mg_g *g;
  // The waiter whose operation completed and woke g (Go's gp.param): a
  // select learns from it which case won.
  sudog *param;
  // A select's case has been claimed by a waker already: its waiters still
  // queued on the other channels are stale until the select removes them.
  bool select_done;
} chan_blocked;

// One goroutine waiting in one channel's queue (Go's sudog).
struct sudog {
  chan_blocked *b;
  sudog *next, *prev;  // in the channel's queue
  // close's list of goroutines to make runnable; a select's list of its
  // waiters (Go's waitlink).
  sudog *waitlink;
  // Send: the value's address; receive: where the value goes (NULL:
  // dropped). Both are on the blocked goroutine's stack.
  void *elem;
  bool is_select;
  // The operation happened (false: the channel was closed under it).
  bool success;
};

typedef struct waitq {
  sudog *first, *last;
} waitq;

// Go's hchan. qcount first, as Go has it, so that len could be read inline.
struct mg_chan {
  mg_uint qcount;    // elements in the buffer
  mg_uint dataqsiz;  // the buffer's capacity
  void *buf;         // dataqsiz elements
  uint32_t elemsize;
  bool has_pointers;  // the element's (Go's elemtype.ptrdata != 0)
  bool closed;
  mg_uint sendx;  // where the next send goes in the buffer
  mg_uint recvx;  // where the next receive comes from
  waitq recvq;    // blocked receivers
  waitq sendq;    // blocked senders
};

// The header, rounded so that a buffer following it in the same block is
// aligned for any element (Go's hchanSize).
enum { CHAN_ALIGN = 8, HCHAN_SIZE = (sizeof(mg_chan) + CHAN_ALIGN - 1) & ~(CHAN_ALIGN - 1) };

// Go's maxAlloc: the largest allocation its heap could ever satisfy; a
// buffer larger than that is a size out of range rather than out of memory.
#if UINTPTR_MAX > 0xFFFFFFFFu
#define MAX_ALLOC ((mg_uint)1 << 48)
#else
#define MAX_ALLOC ((mg_uint)UINTPTR_MAX)
#endif

// ---- the wait queues

static void waitq_enqueue(waitq *q, sudog *sgp) {
  sgp->next = NULL;
  sudog *x = q->last;
  if (x == NULL) {
    sgp->prev = NULL;
    q->first = sgp;
    q->last = sgp;
    return;
  }
  sgp->prev = x;
  x->next = sgp;
  q->last = sgp;
}

// Removes and returns the first waiter that can still proceed. A select's
// waiter whose select another case has already won is dropped on the way:
// that goroutine is runnable but has not yet dequeued its waiters.
static sudog *waitq_dequeue(waitq *q) {
  for (;;) {
    sudog *sgp = q->first;
    if (sgp == NULL)
      return NULL;
    sudog *y = sgp->next;
    if (y == NULL) {
      q->first = NULL;
      q->last = NULL;
    } else {
      y->prev = NULL;
      q->first = y;
      sgp->next = NULL;  // removed (see waitq_remove)
    }
    if (sgp->is_select) {
      if (sgp->b->select_done)
        continue;
      sgp->b->select_done = true;
    }
    return sgp;
  }
}

// Removes sgp wherever it is in q; nothing when waitq_dequeue took it
// out already (Go's dequeueSudoG).
static void waitq_remove(waitq *q, sudog *sgp) {
  sudog *x = sgp->prev, *y = sgp->next;
  if (x != NULL) {
    x->next = y;
    if (y != NULL)
      y->prev = x;
    else
      q->last = x;
  } else if (y != NULL) {
    y->prev = NULL;
    q->first = y;
  } else if (q->first == sgp) {  // the only one, not yet removed
    q->first = NULL;
    q->last = NULL;
  }
  sgp->next = NULL;
  sgp->prev = NULL;
}

// ---- making channels

// Go's makechan. A buffer of pointer-free elements (Go's ptrdata == 0)
// shares one unscanned block with the header.
mg_chan *mg_chan_make(const mg_type *chantype, mg_int size) {
  const mg_type *elem = chantype->elem;
  if (elem->size >= (1u << 16))
    mg_throw("makechan: invalid channel element type");
  mg_uint mem;
  bool overflow = __builtin_mul_overflow((mg_uint)elem->size, (mg_uint)size, &mem);
  if (overflow || mem > MAX_ALLOC - HCHAN_SIZE || size < 0)
    mg_panic_plain("makechan: size out of range");
  mg_chan *c;
  bool has_pointers = mg_type_has_pointers(elem);
  if (mem == 0 || !has_pointers) {
    // The header holds no heap pointers of its own then: its queues point
    // into blocked goroutines' stacks, which are scanned as stacks.
    c = mg_alloc_noscan((mg_int)(HCHAN_SIZE + mem));
    c->buf = (char *)c + HCHAN_SIZE;
  } else {
    c = mg_alloc(sizeof *c);
    c->buf = mg_alloc((mg_int)mem);
  }
  c->elemsize = elem->size;
  c->has_pointers = has_pointers;
  c->dataqsiz = (mg_uint)size;
  return c;
}

// The address of slot i of the buffer.
static void *chanbuf(mg_chan *c, mg_uint i) {
  return (char *)c->buf + (size_t)i * c->elemsize;
}

// Source and destination are always different values. Word-sized
// elements, the common case, are copied inline: a call to memmove was
// about a tenth of a buffered send and receive.
static void elem_copy(mg_chan *c, void *dst, const void *src) {
  switch (c->elemsize) {
  case 0: return;
  case 4: memcpy(dst, src, 4); return;
  case 8: memcpy(dst, src, 8); return;
  default: memcpy(dst, src, c->elemsize);
  }
}

static void elem_clear(mg_chan *c, void *p) {
  if (c->elemsize != 0)
    memset(p, 0, c->elemsize);
}

// ---- blocking and waking

// Parks the running goroutine, whose waiter sg is queued already, until a
// partner completes sg's operation or close wakes it; returns whether the
// operation happened.
static bool chan_park(sudog *sg, const char *reason) {
  chan_blocked *b = sg->b;
  b->param = NULL;
  mg_gopark(reason);
  if (b->param != sg)
    mg_throw("G waiting list is corrupted");
  return sg->success;
}

// The partner of sg has completed its operation: sg's goroutine may run.
static void chan_wake(sudog *sg, bool success) {
  sg->elem = NULL;
  sg->b->param = sg;
  sg->success = success;
  mg_goready(sg->b->g);
}

// ---- send

// Hands ep's value to the receiver sg, which dequeued from c's recvq
// (the buffer is then empty).
static void send(mg_chan *c, sudog *sg, const void *ep) {
  if (sg->elem != NULL)
    elem_copy(c, sg->elem, ep);
  chan_wake(sg, true);
}

// Puts ep's value in the buffer if it has room.
static bool bufsend(mg_chan *c, const void *ep) {
  if (c->qcount >= c->dataqsiz)
    return false;
  elem_copy(c, chanbuf(c, c->sendx), ep);
  if (++c->sendx == c->dataqsiz)
    c->sendx = 0;
  c->qcount++;
  return true;
}

void mg_chan_send(mg_chan *c, const void *ep) {
  if (c == NULL) {
    mg_gopark("chan send (nil chan)");
    mg_throw("unreachable");
  }
  if (c->closed)
    mg_panic_plain("send on closed channel");
  sudog *sg = waitq_dequeue(&c->recvq);
  if (sg != NULL) {
    send(c, sg, ep);
    return;
  }
  if (bufsend(c, ep))
    return;
  chan_blocked b = {mg_getg(), NULL, false};
  sudog mysg = {.b = &b, .elem = (void *)ep};
  waitq_enqueue(&c->sendq, &mysg);
  if (!chan_park(&mysg, "chan send")) {
    if (!c->closed)
      mg_throw("chansend: spurious wakeup");
    mg_panic_plain("send on closed channel");
  }
}

// ---- receive

// Takes the value of the sender sg, which dequeued from c's sendq: an
// unbuffered channel's straight from the sender; a buffered channel is
// full then, so the receiver takes the oldest element and the sender's
// value goes in its slot, the new tail.
static void recv(mg_chan *c, sudog *sg, void *ep) {
  if (c->dataqsiz == 0) {
    if (ep != NULL)
      elem_copy(c, ep, sg->elem);
  } else {
    void *qp = chanbuf(c, c->recvx);
    if (ep != NULL)
      elem_copy(c, ep, qp);
    elem_copy(c, qp, sg->elem);
    if (++c->recvx == c->dataqsiz)
      c->recvx = 0;
    c->sendx = c->recvx;
  }
  chan_wake(sg, true);
}

// Takes the oldest element of the buffer if there is one.
static bool bufrecv(mg_chan *c, void *ep) {
  if (c->qcount == 0)
    return false;
  void *qp = chanbuf(c, c->recvx);
  if (ep != NULL)
    elem_copy(c, ep, qp);
  if (c->has_pointers)  // the collector must not keep what it points to
    elem_clear(c, qp);
  if (++c->recvx == c->dataqsiz)
    c->recvx = 0;
  c->qcount--;
  return true;
}

bool mg_chan_recv(mg_chan *c, void *ep) {
  if (c == NULL) {
    mg_gopark("chan receive (nil chan)");
    mg_throw("unreachable");
  }
  if (c->closed) {
    if (bufrecv(c, ep))
      return true;
    if (ep != NULL)
      elem_clear(c, ep);
    return false;
  }
  sudog *sg = waitq_dequeue(&c->sendq);
  if (sg != NULL) {
    recv(c, sg, ep);
    return true;
  }
  if (bufrecv(c, ep))
    return true;
  chan_blocked b = {mg_getg(), NULL, false};
  sudog mysg = {.b = &b, .elem = ep};
  waitq_enqueue(&c->recvq, &mysg);
  return chan_park(&mysg, "chan receive");
}

// ---- close, len, cap

// Moves every waiter of q onto *list, telling it the channel closed; a
// receiver gets the zero value.
static void release_all(mg_chan *c, waitq *q, sudog **list) {
  sudog *sg;
  while ((sg = waitq_dequeue(q)) != NULL) {
    if (sg->elem != NULL && q == &c->recvq)
      elem_clear(c, sg->elem);
    sg->elem = NULL;
    sg->b->param = sg;
    sg->success = false;
    sg->waitlink = *list;
    *list = sg;
  }
}

void mg_chan_close(mg_chan *c) {
  if (c == NULL)
    mg_panic_plain("close of nil channel");
  if (c->closed)
    mg_panic_plain("close of closed channel");
  c->closed = true;
  // Go collects the goroutines first and readies them once the channel is
  // unlocked, last released first (its gList is a stack); the same order
  // here.
  sudog *list = NULL;
  release_all(c, &c->recvq, &list);
  release_all(c, &c->sendq, &list);
  while (list != NULL) {
    sudog *sg = list;
    list = sg->waitlink;
    sg->waitlink = NULL;
    mg_goready(sg->b->g);
  }
}

mg_int mg_chan_len(mg_chan *c) {
  return c == NULL ? 0 : (mg_int)c->qcount;
}

mg_int mg_chan_cap(mg_chan *c) {
  return c == NULL ? 0 : (mg_int)c->dataqsiz;
}

// ---- select

// Go's fastrandn: a uniform number in [0, n) without a division.
static uint32_t fastrandn(uint32_t n) {
  return (uint32_t)(((uint64_t)mg_fastrand() * n) >> 32);
}

// Scratch space of a select: the poll order and the waiters. Small
// selects keep it on the stack.
enum { SELECT_STACK_CASES = 8 };
typedef struct select_scratch {
  uint32_t order_small[SELECT_STACK_CASES];
  sudog sg_small[SELECT_STACK_CASES];
  uint32_t *order;
  sudog *sgs;
} select_scratch;

static void select_scratch_init(select_scratch *s, mg_int n) {
  if (n <= SELECT_STACK_CASES) {
    s->order = s->order_small;
    s->sgs = s->sg_small;
    return;
  }
  s->order = mg_alloc_noscan(n * (mg_int)sizeof *s->order);
  s->sgs = mg_alloc(n * (mg_int)sizeof *s->sgs);
}

// Fills order with the indexes of the cases on non-nil channels in a
// uniformly random order (an inside-out Fisher-Yates shuffle); returns
// how many.
static mg_int select_pollorder(const mg_select_case *cases, mg_int n, uint32_t *order) {
  mg_int norder = 0;
  for (mg_int i = 0; i < n; i++) {
    if (cases[i].chan == NULL)
      continue;
    uint32_t j = fastrandn((uint32_t)norder + 1);
    order[norder] = order[j];
    order[j] = (uint32_t)i;
    norder++;
  }
  return norder;
}

// Performs case cas if it can proceed now; *recv_ok is a receive's ok.
static bool select_try(mg_select_case *cas, bool *recv_ok) {
  mg_chan *c = cas->chan;
  sudog *sg;
  if (cas->dir == MG_SELECT_RECV) {
    if ((sg = waitq_dequeue(&c->sendq)) != NULL) {
      recv(c, sg, cas->elem);
      *recv_ok = true;
      return true;
    }
    if (bufrecv(c, cas->elem)) {
      *recv_ok = true;
      return true;
    }
    if (c->closed) {
      if (cas->elem != NULL)
        elem_clear(c, cas->elem);
      *recv_ok = false;
      return true;
    }
    return false;
  }
  if (c->closed)
    mg_panic_plain("send on closed channel");
  if ((sg = waitq_dequeue(&c->recvq)) != NULL) {
    send(c, sg, cas->elem);
    return true;
  }
  return bufsend(c, cas->elem);
}

// The queue a case's waiter goes in.
static waitq *case_waitq(mg_select_case *cas) {
  return cas->dir == MG_SELECT_SEND ? &cas->chan->sendq : &cas->chan->recvq;
}

// Queues a waiter on every case's channel, in poll order (Go's lock order
// is by channel address, needed for its locks only; the poll order keeps
// the choice among cases on one channel random as Go's is), parks, and
// once woken removes the waiters that did not win. Returns the winning
// case; *recv_ok as for select_try.
static mg_int select_block(mg_select_case *cases, const uint32_t *order, mg_int norder,
                           sudog *sgs, bool *recv_ok) {
  chan_blocked b = {mg_getg(), NULL, false};
  for (mg_int k = 0; k < norder; k++) {
    mg_select_case *cas = &cases[order[k]];
    sgs[k] = (sudog){.b = &b, .elem = cas->elem, .is_select = true};
    waitq_enqueue(case_waitq(cas), &sgs[k]);
  }
  mg_gopark("select");
  sudog *won = b.param;
  mg_int casi = -1;
  for (mg_int k = 0; k < norder; k++) {
    mg_select_case *cas = &cases[order[k]];
    if (&sgs[k] == won) {
      casi = (mg_int)order[k];
      continue;
    }
    waitq_remove(case_waitq(cas), &sgs[k]);
  }
  if (casi < 0)
    mg_throw("selectgo: bad wakeup");
  if (cases[casi].dir == MG_SELECT_SEND) {
    if (!won->success)
      mg_panic_plain("send on closed channel");
  } else {
    *recv_ok = won->success;
  }
  return casi;
}

// A select of one case without default is that case's operation, as Go's
// compiler makes it (walkSelectCases): it blocks with the operation's wait
// reason ("chan receive (nil chan)"), not "select".
static mg_int select_one(mg_select_case *cas, bool *recv_ok) {
  if (cas->dir == MG_SELECT_SEND)
    mg_chan_send(cas->chan, cas->elem);
  else
    *recv_ok = mg_chan_recv(cas->chan, cas->elem);
  return 0;
}

mg_int mg_select(mg_select_case *cases, mg_int n, bool has_default, bool *recv_ok) {
  bool ok_unused;
  if (recv_ok == NULL)
    recv_ok = &ok_unused;
  *recv_ok = false;
  if (n == 0 && !has_default) {
    mg_gopark("select (no cases)");
    mg_throw("unreachable");
  }
  if (n == 1 && !has_default)
    return select_one(cases, recv_ok);
  select_scratch s;
  select_scratch_init(&s, n);
  mg_int norder = select_pollorder(cases, n, s.order);
  for (mg_int k = 0; k < norder; k++)
    if (select_try(&cases[s.order[k]], recv_ok))
      return (mg_int)s.order[k];
  if (has_default)
    return -1;
  return select_block(cases, s.order, norder, s.sgs, recv_ok);
}
