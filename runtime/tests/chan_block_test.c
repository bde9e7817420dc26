// chan_block_test.c: channel operations and selects that block, between
// goroutines started with mg_go: unbuffered handoff, the FIFO order of
// blocked senders and receivers, close waking everyone, a select woken by
// one of its channels (and its waiters on the others removed), and the
// panic of a sender whose channel is closed under it.
#include <gc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "check.h"
#include "internal.h"

#define STR(lit) {(const uint8_t *)(lit), (mg_int)(sizeof(lit) - 1)}
static const mg_type t_int64 = {.kind = MG_INT64, .size = 8, .name = STR("int64")};
static const mg_type c_int64 = {.kind = MG_CHAN, .size = sizeof(void *), .name = STR("chan int64"),
                                .elem = &t_int64, .len = 3};

static mg_chan *make_chan(mg_int size) {
  return mg_chan_make(&c_int64, size);
}

static void send64(mg_chan *c, int64_t v) {
  mg_chan_send(c, &v);
}

static int64_t recv64(mg_chan *c, bool *ok) {
  int64_t v = -1;
  bool got = mg_chan_recv(c, &v);
  if (ok)
    *ok = got;
  return v;
}

// Lets every runnable goroutine run until it blocks (a yielding goroutine
// goes to the run queue's tail, so a few rounds suffice for the short
// bodies here).
static void settle(void) {
  for (int i = 0; i < 10; i++)
    mg_gosched();
}

// A goroutine's arguments: channels in, channel out, a number.
typedef struct args {
  mg_chan *in, *out;
  int64_t n;
} args;

static args *new_args(mg_chan *in, mg_chan *out, int64_t n) {
  args *a = mg_alloc(sizeof *a);
  *a = (args){in, out, n};
  return a;
}

// ---- unbuffered handoff

static void echo_plus_one(void *p, void *token) {
  (void)token;
  args *a = p;
  for (int64_t i = 0; i < a->n; i++)
    send64(a->out, recv64(a->in, NULL) + 1);
}

static void test_ping_pong(void) {
  enum { N = 1000 };
  mg_chan *ping = make_chan(0), *pong = make_chan(0);
  mg_go(echo_plus_one, new_args(ping, pong, N));
  bool all = true;
  for (int64_t i = 0; i < N; i++) {
    send64(ping, i * 3);
    all &= recv64(pong, NULL) == i * 3 + 1;
  }
  CHECK(all);
}

// ---- FIFO order of blocked goroutines

static void send_n(void *p, void *token) {
  (void)token;
  args *a = p;
  send64(a->out, a->n);
}

// Senders block in the order they started; receives take their values in
// that order, through the buffer when there is one.
static void check_sender_order(mg_int cap) {
  enum { N = 6 };
  mg_chan *c = make_chan(cap);
  for (int64_t i = 0; i < N; i++) {
    mg_go(send_n, new_args(NULL, c, i));
    settle();
  }
  CHECK(mg_chan_len(c) == cap);
  bool in_order = true;
  for (int64_t i = 0; i < N; i++)
    in_order &= recv64(c, NULL) == i;
  CHECK(in_order);
}

static void test_sender_fifo(void) {
  check_sender_order(0);
  check_sender_order(2);
}

// Receives into a->n's slot of the results, then reports on a->out.
static int64_t results[8];
static bool results_ok[8];
static void recv_into(void *p, void *token) {
  (void)token;
  args *a = p;
  results[a->n] = recv64(a->in, &results_ok[a->n]);
  send64(a->out, a->n);
}

static void test_receiver_fifo(void) {
  enum { N = 5 };
  mg_chan *c = make_chan(0), *done = make_chan(N);
  for (int64_t i = 0; i < N; i++) {
    mg_go(recv_into, new_args(c, done, i));
    settle();
  }
  for (int64_t i = 0; i < N; i++)
    send64(c, 100 + i);
  for (int64_t i = 0; i < N; i++)
    recv64(done, NULL);
  bool in_order = true;
  for (int64_t i = 0; i < N; i++)
    in_order &= results[i] == 100 + i && results_ok[i];
  CHECK(in_order);
}

// ---- close

static void test_close_wakes_receivers(void) {
  enum { N = 4 };
  mg_chan *c = make_chan(0), *done = make_chan(N);
  for (int64_t i = 0; i < N; i++) {
    results[i] = -1;
    results_ok[i] = true;
    mg_go(recv_into, new_args(c, done, i));
  }
  settle();
  CHECK(mg_chan_len(done) == 0);  // all blocked
  mg_chan_close(c);
  bool all = true;
  for (int64_t i = 0; i < N; i++)
    recv64(done, NULL);
  for (int64_t i = 0; i < N; i++)
    all &= results[i] == 0 && !results_ok[i];
  CHECK(all);
}

// ---- select

// Selects on receives from a->in and the channels after it in extra,
// reporting the index and value on a->out.
static mg_chan *extra[3];
static void select_recv3(void *p, void *token) {
  (void)token;
  args *a = p;
  int64_t v[3] = {-1, -1, -1};
  mg_select_case cases[3] = {{a->in, &v[0], MG_SELECT_RECV},
                             {extra[1], &v[1], MG_SELECT_RECV},
                             {extra[2], &v[2], MG_SELECT_RECV}};
  bool ok;
  mg_int i = mg_select(cases, 3, false, &ok);
  send64(a->out, i * 1000 + (i >= 0 ? v[i] : 0) + (ok ? 0 : 500));
}

// Whether a send on c would find a receiver (or room) now.
static bool send_ready(mg_chan *c) {
  int64_t v = 0;
  mg_select_case cs = {c, &v, MG_SELECT_SEND};
  return mg_select(&cs, 1, true, NULL) == 0;
}

static void test_select_wakes(void) {
  for (int k = 0; k < 3; k++) {
    for (int j = 0; j < 3; j++)
      extra[j] = make_chan(0);
    mg_chan *out = make_chan(1);
    mg_go(select_recv3, new_args(extra[0], out, 0));
    settle();
    CHECK(mg_chan_len(out) == 0);
    send64(extra[k], 7 + k);
    // Its waiters on the other channels are stale at once, before it runs
    // again, and gone after.
    CHECK(!send_ready(extra[(k + 1) % 3]) && !send_ready(extra[(k + 2) % 3]));
    CHECK(recv64(out, NULL) == k * 1000 + 7 + k);
    CHECK(!send_ready(extra[(k + 1) % 3]) && !send_ready(extra[(k + 2) % 3]));
  }
}

static void test_select_woken_by_close(void) {
  for (int j = 0; j < 3; j++)
    extra[j] = make_chan(0);
  mg_chan *out = make_chan(1);
  mg_go(select_recv3, new_args(extra[0], out, 0));
  settle();
  mg_chan_close(extra[1]);
  CHECK(recv64(out, NULL) == 1000 + 0 + 500);
}

// Zeroes the stack below the caller, where a dead select's waiters were.
static __attribute__((noinline)) void scrub_stack(void) {
  volatile char junk[16384];
  for (size_t i = 0; i < sizeof junk; i++)
    junk[i] = 0;
}

// Selects a->n times on receives from a->in and from a quiet channel,
// extra[1]; then waits until told to finish, its old frames scrubbed.
static void select_loop(void *p, void *token) {
  (void)token;
  args *a = p;
  for (int64_t i = 0; i < a->n; i++) {
    int64_t v;
    mg_select_case cases[2] = {{a->in, &v, MG_SELECT_RECV}, {extra[1], &v, MG_SELECT_RECV}};
    mg_select(cases, 2, false, NULL);
  }
  scrub_stack();
  send64(a->out, 1);
}

// A select woken by one channel leaves no waiter on the others: a later
// send would otherwise find the dead select's waiter and hand its value
// to a frame that is gone.
static void test_select_dequeues_losers(void) {
  enum { N = 100 };
  mg_chan *a = make_chan(0), *done = make_chan(1);
  extra[1] = make_chan(0);
  mg_go(select_loop, new_args(a, done, N));
  for (int64_t i = 0; i < N; i++)
    send64(a, i);
  settle();
  CHECK(!send_ready(extra[1]));
  CHECK(recv64(done, NULL) == 1);
}

// Selects a send of a->n on a->out or a receive from a->in; reports
// which on the channel extra[0].
static void select_send_or_recv(void *p, void *token) {
  (void)token;
  args *a = p;
  int64_t v = a->n, got = -1;
  mg_select_case cases[2] = {{a->out, &v, MG_SELECT_SEND}, {a->in, &got, MG_SELECT_RECV}};
  mg_int i = mg_select(cases, 2, false, NULL);
  send64(extra[0], i * 1000 + (i == 1 ? got : 0));
}

static void test_select_send_wakes(void) {
  extra[0] = make_chan(1);
  mg_chan *in = make_chan(0), *out = make_chan(0);
  mg_go(select_send_or_recv, new_args(in, out, 55));
  settle();
  CHECK(recv64(out, NULL) == 55);
  CHECK(recv64(extra[0], NULL) == 0);
  CHECK(!send_ready(in));
}

// The same unbuffered channel in both cases of a blocked select: a
// partner's receive takes the send case's value, a partner's send lands in
// the receive case.
static void test_select_same_channel_blocked(void) {
  extra[0] = make_chan(1);
  mg_chan *c = make_chan(0);
  mg_go(select_send_or_recv, new_args(c, c, 9));
  settle();
  send64(c, 4);
  CHECK(recv64(extra[0], NULL) == 1004);
  mg_go(select_send_or_recv, new_args(c, c, 9));
  settle();
  CHECK(recv64(c, NULL) == 9);
  CHECK(recv64(extra[0], NULL) == 0);
}

// Of two always-ready cases each wins about half of the selects; the
// bound is far outside chance (sd 0.5% of 10000).
static void test_select_fairness(void) {
  enum { N = 10000 };
  mg_chan *a = make_chan(N), *b = make_chan(N);
  for (int64_t i = 0; i < N; i++) {
    send64(a, i);
    send64(b, i);
  }
  int64_t v;
  mg_select_case cases[2] = {{a, &v, MG_SELECT_RECV}, {b, &v, MG_SELECT_RECV}};
  int count[2] = {0, 0};
  for (int i = 0; i < N; i++)
    count[mg_select(cases, 2, false, NULL)]++;
  CHECK(count[0] > N * 3 / 10 && count[1] > N * 3 / 10);
}

// ---- a sender whose channel closes under it panics


static void close_under_sender(void) {
  mg_chan *c = make_chan(0);
  mg_go(send_n, new_args(NULL, c, 1));
  settle();
  mg_chan_close(c);
  settle();
}

static void select_close_under_sender(void) {
  extra[0] = make_chan(1);
  mg_chan *out = make_chan(0);
  mg_go(select_send_or_recv, new_args(make_chan(0), out, 1));
  settle();
  mg_chan_close(out);
  settle();
}

static void test_close_panics_senders(void) {
  expect_exit2("send", close_under_sender, "panic: send on closed channel\n");
  expect_exit2("select send", select_close_under_sender, "panic: send on closed channel\n");
}

// ---- the collector

static const mg_type t_string = {.kind = MG_STRING, .size = sizeof(mg_string), .name = STR("string")};
static const mg_type c_string = {.kind = MG_CHAN, .size = sizeof(void *), .name = STR("chan string"),
                                 .elem = &t_string, .len = 3};

static mg_string heap_string(int64_t k) {
  char tmp[32];
  int n = snprintf(tmp, sizeof tmp, "value-%lld", (long long)k);
  mg_string s;
  mg_string_make(&s, tmp, n);
  return s;
}

// Sends a heap string that only its own stack references.
static void send_string(void *p, void *token) {
  (void)token;
  args *a = p;
  mg_string s = heap_string(a->n);
  mg_chan_send(a->out, &s);
}

// Values held by blocked senders survive collections until received.
static void test_gc_blocked_senders(void) {
  enum { N = 50 };
  mg_chan *c = mg_chan_make(&c_string, 0);
  for (int64_t i = 0; i < N; i++) {
    mg_go(send_string, new_args(NULL, c, i));
    settle();  // blocked in order
  }
  for (int i = 0; i < 3; i++) {
    GC_gcollect();
    for (int j = 0; j < 20000; j++)
      memset(mg_alloc_noscan(24), 0xAB, 24);
  }
  bool intact = true;
  for (int64_t i = 0; i < N; i++) {
    mg_string got, want = heap_string(i);
    intact &= mg_chan_recv(c, &got) && got.len == want.len &&
              memcmp(got.ptr, want.ptr, (size_t)want.len) == 0;
  }
  CHECK(intact);
}

// ---- wait reasons, as the deadlock report shows them

static void block_nil_send(void) {
  send64(NULL, 1);
}
static void block_nil_recv(void) {
  recv64(NULL, NULL);
}
static void block_send(void) {
  send64(make_chan(0), 1);
}
static void block_recv(void) {
  recv64(make_chan(1), NULL);
}
static void block_select(void) {
  int64_t v;
  mg_select_case cases[2] = {{make_chan(0), &v, MG_SELECT_RECV}, {NULL, &v, MG_SELECT_SEND}};
  mg_select(cases, 2, false, NULL);
}
static void block_select_nil(void) {
  int64_t v;
  mg_select_case cases[2] = {{NULL, &v, MG_SELECT_RECV}, {NULL, &v, MG_SELECT_SEND}};
  mg_select(cases, 2, false, NULL);
}
// One case without default: the operation itself, as Go compiles it.
static void block_select_one(void) {
  int64_t v;
  mg_select_case cases[1] = {{NULL, &v, MG_SELECT_SEND}};
  mg_select(cases, 1, false, NULL);
}
static void block_select_no_cases(void) {
  mg_select(NULL, 0, false, NULL);
}

static void test_wait_reasons(void) {
#define DEADLOCK(reason) "fatal error: all goroutines are asleep - deadlock!\n\ngoroutine 1 [" reason "]:\n"
  expect_exit2("nil send", block_nil_send, DEADLOCK("chan send (nil chan)"));
  expect_exit2("nil receive", block_nil_recv, DEADLOCK("chan receive (nil chan)"));
  expect_exit2("send", block_send, DEADLOCK("chan send"));
  expect_exit2("receive", block_recv, DEADLOCK("chan receive"));
  expect_exit2("select", block_select, DEADLOCK("select"));
  expect_exit2("select of nil channels", block_select_nil, DEADLOCK("select"));
  expect_exit2("select of one case", block_select_one, DEADLOCK("chan send (nil chan)"));
  expect_exit2("select {}", block_select_no_cases, DEADLOCK("select (no cases)"));
#undef DEADLOCK
}

MG_TEST_MAIN(test_ping_pong, test_sender_fifo, test_receiver_fifo, test_close_wakes_receivers,
             test_select_wakes, test_select_woken_by_close, test_select_dequeues_losers, test_select_send_wakes,
             test_select_same_channel_blocked, test_select_fairness, test_close_panics_senders,
             test_gc_blocked_senders, test_wait_reasons)
