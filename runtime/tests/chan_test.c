// chan_test.c: the runtime's channels and select (chan.c): buffered
// operations, close and ok, len and cap of nil, select with default and its
// random choice, the panics' texts, and buffers that hold the only
// references to objects across collections.
#include <gc.h>
#include <gc/gc_inline.h>
#include <gc/gc_mark.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "check.h"
#include "internal.h"

#define STR(lit) {(const uint8_t *)(lit), (mg_int)(sizeof(lit) - 1)}
static const mg_type t_int64 = {.kind = MG_INT64, .size = 8, .name = STR("int64")};
static const mg_type t_string = {.kind = MG_STRING, .size = sizeof(mg_string), .name = STR("string")};
static const mg_type t_empty = {.kind = MG_STRUCT, .size = 0, .name = STR("struct {}")};
#define CHAN(var, e, nm) \
  static const mg_type var = {.kind = MG_CHAN, .size = sizeof(void *), .name = STR(nm), .elem = e, .len = 3}
CHAN(c_int64, &t_int64, "chan int64");
CHAN(c_string, &t_string, "chan string");
CHAN(c_empty, &t_empty, "chan struct {}");

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

// ---- buffered channels

static void test_len_cap(void) {
  CHECK(mg_chan_len(NULL) == 0 && mg_chan_cap(NULL) == 0);
  mg_chan *c = mg_chan_make(&c_int64, 3);
  CHECK(mg_chan_len(c) == 0 && mg_chan_cap(c) == 3);
  send64(c, 10);
  send64(c, 20);
  CHECK(mg_chan_len(c) == 2 && mg_chan_cap(c) == 3);
  mg_chan *u = mg_chan_make(&c_int64, 0);
  CHECK(mg_chan_len(u) == 0 && mg_chan_cap(u) == 0);
}

// Values come out in the order they went in, across the ring's wrap.
static void test_fifo_wraps(void) {
  mg_chan *c = mg_chan_make(&c_int64, 3);
  int64_t next_in = 0, next_out = 0;
  bool in_order = true;
  for (int round = 0; round < 20; round++) {
    while (mg_chan_len(c) < 3)  // fill up, then leave 0, 1 or 2
      send64(c, next_in++);
    while (mg_chan_len(c) > round % 3) {
      bool ok;
      in_order &= recv64(c, &ok) == next_out++ && ok;
    }
  }
  CHECK(in_order);
  CHECK(mg_chan_len(c) == next_in - next_out);
}

static void test_close(void) {
  mg_chan *c = mg_chan_make(&c_int64, 4);
  send64(c, 7);
  send64(c, 8);
  mg_chan_close(c);
  CHECK(mg_chan_len(c) == 2 && mg_chan_cap(c) == 4);
  bool ok;
  CHECK(recv64(c, &ok) == 7 && ok);
  CHECK(mg_chan_recv(c, NULL));  // dropped value, still ok
  CHECK(recv64(c, &ok) == 0 && !ok);
  CHECK(recv64(c, &ok) == 0 && !ok);
  CHECK(!mg_chan_recv(c, NULL));
  CHECK(mg_chan_len(c) == 0);
  mg_chan *u = mg_chan_make(&c_string, 0);
  mg_chan_close(u);
  mg_string s = STR("junk");
  CHECK(!mg_chan_recv(u, &s) && s.ptr == NULL && s.len == 0);
}

// Zero-size elements: counted, never copied.
static void test_empty_elems(void) {
  mg_chan *c = mg_chan_make(&c_empty, 2);
  char e[1];
  mg_chan_send(c, e);
  mg_chan_send(c, e);
  CHECK(mg_chan_len(c) == 2);
  CHECK(mg_chan_recv(c, e) && mg_chan_recv(c, NULL) && mg_chan_len(c) == 0);
  mg_chan *big = mg_chan_make(&c_empty, (mg_int)(UINTPTR_MAX >> 1));
  CHECK(mg_chan_cap(big) == (mg_int)(UINTPTR_MAX >> 1));
}

// ---- select with default (never blocks)

static void test_select_default(void) {
  int64_t in = 0, out = -1;
  bool ok = true;
  mg_chan *c = mg_chan_make(&c_int64, 1);
  mg_select_case recv = {c, &in, MG_SELECT_RECV};
  CHECK(mg_select(&recv, 1, true, &ok) == -1 && !ok);
  CHECK(mg_select(NULL, 0, true, &ok) == -1);
  out = 42;
  mg_select_case send = {c, &out, MG_SELECT_SEND};
  CHECK(mg_select(&send, 1, true, &ok) == 0);
  CHECK(mg_select(&send, 1, true, &ok) == -1);  // full
  CHECK(mg_select(&recv, 1, true, &ok) == 0 && ok && in == 42);
  // Nil channels are never ready, in either direction.
  mg_select_case nils[2] = {{NULL, &in, MG_SELECT_RECV}, {NULL, &out, MG_SELECT_SEND}};
  CHECK(mg_select(nils, 2, true, &ok) == -1);
  // A nil channel beside a ready one.
  mg_select_case mixed[3] = {{NULL, &in, MG_SELECT_RECV}, {c, &out, MG_SELECT_SEND},
                             {NULL, &out, MG_SELECT_SEND}};
  CHECK(mg_select(mixed, 3, true, &ok) == 1 && mg_chan_len(c) == 1);
  // A closed channel's receive is ready: zero value, ok false.
  mg_chan_close(c);
  CHECK(mg_select(&recv, 1, true, &ok) == 0 && ok && in == 42);
  in = 5;
  CHECK(mg_select(&recv, 1, true, &ok) == 0 && !ok && in == 0);
  // recv_ok may be NULL, elem too.
  mg_select_case drop = {c, NULL, MG_SELECT_RECV};
  CHECK(mg_select(&drop, 1, false, NULL) == 0);
}

// The same channel in several cases: exactly one runs.
static void test_select_same_channel(void) {
  mg_chan *c = mg_chan_make(&c_int64, 1);
  send64(c, 9);
  int64_t a = -1, b = -1;
  bool ok;
  mg_select_case cases[2] = {{c, &a, MG_SELECT_RECV}, {c, &b, MG_SELECT_RECV}};
  mg_int i = mg_select(cases, 2, true, &ok);
  CHECK((i == 0 && a == 9 && b == -1) || (i == 1 && b == 9 && a == -1));
  CHECK(mg_select(cases, 2, true, &ok) == -1);
  int64_t v = 3;
  mg_select_case both[2] = {{c, &v, MG_SELECT_SEND}, {c, &a, MG_SELECT_RECV}};
  CHECK(mg_select(both, 2, true, &ok) == 0 && mg_chan_len(c) == 1);  // only the send is ready
  CHECK(mg_select(both, 2, true, &ok) == 1 && ok && a == 3);          // only the receive is
}

// Of several ready cases each is chosen about equally often; the bound is
// far from what chance gives (about 33% each of three, sd 0.5%).
static void test_select_fairness(void) {
  enum { N = 10000, K = 3 };
  mg_chan *cs[K];
  mg_select_case cases[K + 1];
  int64_t dst;
  for (int k = 0; k < K; k++) {
    cs[k] = mg_chan_make(&c_int64, 0);
    mg_chan_close(cs[k]);  // always ready
    cases[k] = (mg_select_case){cs[k], &dst, MG_SELECT_RECV};
  }
  cases[K] = (mg_select_case){NULL, &dst, MG_SELECT_RECV};
  int count[K + 1] = {0};
  for (int i = 0; i < N; i++) {
    mg_int w = mg_select(cases, K + 1, false, NULL);
    count[w >= 0 && w < K ? w : K]++;
  }
  for (int k = 0; k < K; k++)
    CHECK(count[k] > N / K * 8 / 10);
  CHECK(count[K] == 0);
}

// A select of more cases than fit its stack scratch space.
static void test_select_many(void) {
  enum { N = 40 };
  mg_select_case cases[N];
  int64_t vals[N];
  mg_chan *ready = mg_chan_make(&c_int64, 1);
  for (int i = 0; i < N; i++) {
    vals[i] = i;
    cases[i] = (mg_select_case){i == 31 ? ready : mg_chan_make(&c_int64, 0), &vals[i],
                                i % 2 ? MG_SELECT_RECV : MG_SELECT_SEND};
  }
  send64(ready, 77);
  bool ok;
  CHECK(mg_select(cases, N, true, &ok) == 31 && ok && vals[31] == 77);
  CHECK(mg_select(cases, N, true, &ok) == -1);
}

// ---- panics, each in a child process whose stderr is compared


static void make_negative(void) {
  mg_chan_make(&c_int64, -1);
}
// Fits an mg_int, but not the address space.
static void make_huge(void) {
  mg_chan_make(&c_int64, (mg_int)(UINTPTR_MAX >> 2));
}
static void send_closed(void) {
  mg_chan *c = mg_chan_make(&c_int64, 1);
  mg_chan_close(c);
  send64(c, 1);
}
static void close_closed(void) {
  mg_chan *c = mg_chan_make(&c_int64, 1);
  mg_chan_close(c);
  mg_chan_close(c);
}
static void close_nil(void) {
  mg_chan_close(NULL);
}
// A select's send case on a closed channel panics even beside a ready
// case and a default: polling reaches it sooner or later.
static void select_send_closed(void) {
  mg_chan *closed = mg_chan_make(&c_int64, 1), *ready = mg_chan_make(&c_int64, 64);
  mg_chan_close(closed);
  int64_t v = 1;
  mg_select_case cases[2] = {{ready, &v, MG_SELECT_SEND}, {closed, &v, MG_SELECT_SEND}};
  for (int i = 0; i < 64; i++)
    mg_select(cases, 2, true, NULL);
}

static void test_panics(void) {
  expect_exit2("make negative", make_negative, "panic: makechan: size out of range\n");
  expect_exit2("make huge", make_huge, "panic: makechan: size out of range\n");
  expect_exit2("send on closed", send_closed, "panic: send on closed channel\n");
  expect_exit2("close closed", close_closed, "panic: close of closed channel\n");
  expect_exit2("close nil", close_nil, "panic: close of nil channel\n");
  expect_exit2("select send on closed", select_send_closed, "panic: send on closed channel\n");
}

// The panics are runtime.Errors (runtime.plainError), as recover() sees
// them in Go.
static mg_iface recovered;
static void on_panic(void *env, const mg_iface *v) {
  (void)env;
  recovered = *v;
}
static void close_nil_method(mg_string *out, void *token, void *data) {
  (void)out, (void)token, (void)data;
  close_nil();
}

static void test_recovered_value(void) {
  mg_recovering r;
  mg_recovering_init(&r, on_panic, NULL);
  mg_string out;
  CHECK(mg_call_recovering(&r, close_nil_method, &out, NULL));
  CHECK(recovered.type == &mg_type_runtime_plainError);
  uint8_t storage[64];
  mg_buf b;
  mg_buf_init(&b, storage, sizeof storage);
  mg_error_write(&b, &recovered);
  CHECK(b.len == 20 && memcmp(b.p, "close of nil channel", 20) == 0);
}

// ---- the collector

// A buffer of pointer-free elements is not scanned; one of strings is.
static void test_buffer_kinds(void) {
  size_t size;
  CHECK(GC_get_kind_and_size(mg_chan_make(&c_int64, 4), &size) == GC_I_PTRFREE);
  CHECK(GC_get_kind_and_size(mg_chan_make(&c_string, 4), &size) == GC_I_NORMAL);
}

static mg_string heap_string(int64_t k) {
  char tmp[32];
  int n = snprintf(tmp, sizeof tmp, "value-%lld", (long long)k);
  mg_string s;
  mg_string_make(&s, tmp, n);
  return s;
}

// The buffer holds the only references to heap strings while collections
// run and freed memory is reused.
static void test_gc(void) {
  enum { N = 2000 };
  mg_chan *c = mg_chan_make(&c_string, N);
  for (int64_t k = 0; k < N; k++) {
    mg_string s = heap_string(k);
    mg_chan_send(c, &s);
  }
  for (int i = 0; i < 3; i++) {
    GC_gcollect();
    for (int j = 0; j < 20000; j++)
      memset(mg_alloc_noscan(24), 0xAB, 24);
  }
  bool intact = true;
  for (int64_t k = 0; k < N; k++) {
    mg_string got, want = heap_string(k);
    intact &= mg_chan_recv(c, &got) && got.len == want.len &&
              memcmp(got.ptr, want.ptr, (size_t)want.len) == 0;
  }
  CHECK(intact);
}

MG_TEST_MAIN(test_len_cap, test_fifo_wraps, test_close, test_empty_elems, test_select_default,
             test_select_same_channel, test_select_fairness, test_select_many, test_panics,
             test_recovered_value, test_buffer_kinds, test_gc)

