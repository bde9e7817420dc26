// sema.c: semaphores and notification lists for package sync, as Go's
// runtime/sema.go: a goroutine that must wait parks on a queue keyed by
// the address of the semaphore (or list), FIFO, and whoever releases it
// makes the first waiter runnable.
//
// Goroutines run on one thread for now (internal.h), so nothing runs
// between a check and the park that follows it: the table needs no locks
// yet. The waiters are records on the parked goroutine's own stack, which
// lives while it waits.
#include "internal.h"

#include <unistd.h>

// A goroutine waiting on a semaphore (Go's sudog).
typedef struct sema_waiter sema_waiter;
struct sema_waiter {
  const void *addr;  // the semaphore's or notification list's address
  uint32_t ticket;   // a notification list's: the ticket waited for
  mg_g *g;
  sema_waiter *next;
};

// Waiters hashed by address, each bucket in arrival order (Go's
// semtable has 251 roots too).
enum { SEMA_TABLE_SIZE = 251 };
static struct sema_bucket {
  sema_waiter *head, *tail;
} sema_table[SEMA_TABLE_SIZE];

static struct sema_bucket *bucket_of(const void *addr) {
  return &sema_table[((uintptr_t)addr >> 3) % SEMA_TABLE_SIZE];
}

static void enqueue(struct sema_bucket *b, sema_waiter *w) {
  w->next = NULL;
  if (b->tail)
    b->tail->next = w;
  else
    b->head = w;
  b->tail = w;
}

// Removes and returns the first waiter on addr (with ticket, when
// by_ticket), or NULL.
static sema_waiter *dequeue(struct sema_bucket *b, const void *addr, bool by_ticket,
                            uint32_t ticket) {
  sema_waiter *prev = NULL;
  for (sema_waiter *w = b->head; w; prev = w, w = w->next) {
    if (w->addr != addr || (by_ticket && w->ticket != ticket))
      continue;
    if (prev)
      prev->next = w->next;
    else
      b->head = w->next;
    if (b->tail == w)
      b->tail = prev;
    return w;
  }
  return NULL;
}

static bool can_acquire(uint32_t *addr) {
  for (;;) {
    uint32_t v = __atomic_load_n(addr, __ATOMIC_SEQ_CST);
    if (v == 0)
      return false;
    if (__atomic_compare_exchange_n(addr, &v, v - 1, false, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST))
      return true;
  }
}

// Go's semacquire1: waits until *addr > 0, then decrements it. A woken
// waiter tries again: another goroutine may have taken the count first.
void mg_sync_semacquire(uint32_t *addr) {
  while (!can_acquire(addr)) {
    sema_waiter w = {.addr = addr, .g = mg_getg()};
    enqueue(bucket_of(addr), &w);
    mg_gopark("semacquire");
  }
}

// Go's semrelease1: increments *addr and wakes its first waiter.
void mg_sync_semrelease(uint32_t *addr) {
  __atomic_add_fetch(addr, 1, __ATOMIC_SEQ_CST);
  sema_waiter *w = dequeue(bucket_of(addr), addr, false, 0);
  if (w)
    mg_goready(w->g);
}

// ---- notification lists (sync.Cond): Go's notifyList. Waiters take
// tickets in order (wait, in Mini); notify says how many were woken.

// Whether ticket a comes before b, wrapping around as Go's less does.
static bool ticket_before(uint32_t a, uint32_t b) {
  return (int32_t)(a - b) < 0;
}

void mg_sync_notify_wait(mg_notify_list *l, int go_ticket) {
  uint32_t ticket = (uint32_t)go_ticket;
  if (ticket_before(ticket, __atomic_load_n(&l->notify, __ATOMIC_SEQ_CST)))
    return;  // already notified
  sema_waiter w = {.addr = l, .ticket = ticket, .g = mg_getg()};
  enqueue(bucket_of(l), &w);
  mg_gopark("sync.Cond.Wait");
}

void mg_sync_notify_one(mg_notify_list *l) {
  uint32_t t = __atomic_load_n(&l->notify, __ATOMIC_SEQ_CST);
  if (t == __atomic_load_n(&l->wait, __ATOMIC_SEQ_CST))
    return;  // nobody waits
  __atomic_store_n(&l->notify, t + 1, __ATOMIC_SEQ_CST);
  // The holder of ticket t may not have parked yet (it then sees notify
  // past its ticket and does not park).
  sema_waiter *w = dequeue(bucket_of(l), l, true, t);
  if (w)
    mg_goready(w->g);
}

void mg_sync_notify_all(mg_notify_list *l) {
  uint32_t wait = __atomic_load_n(&l->wait, __ATOMIC_SEQ_CST);
  if (wait == __atomic_load_n(&l->notify, __ATOMIC_SEQ_CST))
    return;
  __atomic_store_n(&l->notify, wait, __ATOMIC_SEQ_CST);
  struct sema_bucket *b = bucket_of(l);
  for (sema_waiter *w; (w = dequeue(b, l, false, 0));)
    mg_goready(w->g);
}

// Go's sync.fatal: a throw that deferred calls and recover cannot stop
// ("fatal error: sync: unlock of unlocked mutex"), with the traceback.
noreturn void mg_sync_fatal(const mg_string *msg) {
  mg_write_str(2, "fatal error: ");
  mg_write_all(2, msg->ptr, (size_t)msg->len);
  mg_write_str(2, "\n");
  mg_print_traceback();
  _exit(2);
}
