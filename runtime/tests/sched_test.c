// Unit tests of the scheduler (runtime/sched.c): the order goroutines run
// in, parking and waking, sleeping, the collector's view of switched-out
// stacks, reuse of finished goroutines. Goroutines are started as compiled
// code starts them: mg_go with a thunk and an argument block.
#include <gc.h>
#include <string.h>

#include "internal.h"
#include "tests/check.h"

static char order[64];
static int norder;

static void record(void *args, void *token) {
  (void)token;
  order[norder++] = *(char *)args;
}

static void go_record(char c) {
  char *args = mg_alloc(1);
  *args = c;
  mg_go(record, args);
}

// Go with one P: the newest goroutine runs next, the ones it displaced
// after it in creation order, and a yielding goroutine after all of them.
static void test_run_order(void) {
  norder = 0;
  go_record('a');
  go_record('b');
  go_record('c');
  CHECK(mg_num_goroutine() == 4);
  mg_gosched();
  order[norder] = '\0';
  CHECK(strcmp(order, "cab") == 0);
  CHECK(mg_num_goroutine() == 1);
}

static mg_g *parked;

static void park_then_record(void *args, void *token) {
  (void)token;
  parked = mg_getg();
  mg_gopark("chan receive");
  order[norder++] = *(char *)args;
}

// A parked goroutine runs only once readied, and then before the one that
// readied it continues past its next yield.
static void test_park_ready(void) {
  norder = 0;
  char *args = mg_alloc(1);
  *args = 'p';
  mg_go(park_then_record, args);
  mg_gosched();
  CHECK(norder == 0 && parked != NULL);
  go_record('x');
  mg_goready(parked);  // displaces 'x' from "run next"
  mg_gosched();
  order[norder] = '\0';
  CHECK(strcmp(order, "px") == 0);
}

static void sleep_then_record(void *args, void *token) {
  (void)token;
  char c = *(char *)args;
  mg_time_sleep((int64_t)(c - '0') * 100000000);
  order[norder++] = c;
}

// Sleepers wake in the order of their deadlines, whatever the order they
// went to sleep in; main sleeps longest and wakes last. The deadlines are
// 100 ms apart so that a loaded machine, which may start the sleepers
// late, cannot reorder them.
static void test_sleep_order(void) {
  norder = 0;
  const char *start = "3142";
  for (const char *p = start; *p; p++) {
    char *args = mg_alloc(1);
    *args = *p;
    mg_go(sleep_then_record, args);
  }
  mg_time_sleep(500000000);
  order[norder] = '\0';
  CHECK(strcmp(order, "1234") == 0);
}

enum { HOLDERS = 50, WORDS = 64 };
static mg_g *holders[HOLDERS];
static int intact;

// Keeps a heap object referenced only from its own stack while parked.
static void hold_object(void *args, void *token) {
  (void)token;
  int i = (int)*(mg_int *)args;
  uint64_t *volatile obj = mg_alloc(WORDS * sizeof(uint64_t));
  for (int w = 0; w < WORDS; w++)
    obj[w] = 0x5eed0000u + (uint64_t)i * WORDS + (uint64_t)w;
  holders[i] = mg_getg();
  mg_gopark("chan receive");
  bool ok = true;
  for (int w = 0; w < WORDS; w++)
    ok = ok && obj[w] == 0x5eed0000u + (uint64_t)i * WORDS + (uint64_t)w;
  intact += ok;
}

// Collections while goroutines are switched out keep what only their
// stacks reference: freed objects would be reused by the garbage below.
static void test_collector_sees_stacks(void) {
  intact = 0;
  for (int i = 0; i < HOLDERS; i++) {
    mg_int *args = mg_alloc(sizeof(mg_int));
    *args = i;
    mg_go(hold_object, args);
    mg_gosched();
  }
  for (int round = 0; round < 5; round++) {
    GC_gcollect();
    for (int j = 0; j < 20000; j++) {
      uint64_t *junk = mg_alloc(WORDS * sizeof(uint64_t));
      memset(junk, 0xff, WORDS * sizeof(uint64_t));
    }
  }
  for (int i = 0; i < HOLDERS; i++)
    mg_goready(holders[i]);
  mg_gosched();
  CHECK(intact == HOLDERS);
}

static int finished;

static void count_finish(void *args, void *token) {
  (void)args;
  (void)token;
  finished++;
}

// Many short goroutines in turn: finished ones are reused, so this needs
// no more than a few stacks (it would exhaust the address space
// otherwise on 32-bit targets: 100,000 x 256 KB).
static void test_many_in_turn(void) {
  finished = 0;
  for (int i = 0; i < 100000; i++) {
    mg_go(count_finish, NULL);
    mg_gosched();
  }
  CHECK(finished == 100000);
  CHECK(mg_num_goroutine() == 1);
}

static void test_gomaxprocs(void) {
  mg_int n = mg_gomaxprocs(0);
  CHECK(n == mg_num_cpu() && n >= 1);
  CHECK(mg_gomaxprocs(3) == n);
  CHECK(mg_gomaxprocs(0) == 3);
  mg_gomaxprocs(n);
}

MG_TEST_MAIN(test_run_order, test_park_ready, test_sleep_order, test_collector_sees_stacks,
             test_many_in_turn, test_gomaxprocs)
