// sched.c: goroutines and the scheduler.
//
// Every goroutine runs on the main goroutine's thread for now, switched
// cooperatively where one blocks (a channel operation, select, a
// semaphore, Sleep) or yields (Gosched). So nothing here takes a lock, and
// the goroutine state is plain globals (mg_curg, mg_defers): running
// goroutines on several threads makes those per thread.
//
// The order goroutines run in is Go's with GOMAXPROCS=1: a goroutine just
// created or made ready goes into a one-slot "run next" place, pushing
// the one there to the tail of the run queue; Gosched goes to the tail.
//
// Stacks: the main goroutine keeps the big stack stack.c gives it; every
// other one gets a stack of G_STACK_BYTES mapped above a guard region,
// committed by the kernel as touched, when it first runs. A finished
// goroutine keeps its stack and its defer chunks on the free list for the
// next `go`.
//
// The collector: it scans the running goroutine's stack as the thread's
// (each switch tells it where that stack ends), and every switched-out
// goroutine's stack from its saved stack pointer up through a
// push-other-roots callback. Goroutine structs are uncollectable objects,
// so their saved registers and argument blocks are roots too.
#define _GNU_SOURCE 1  // sched_getaffinity
#include "internal.h"

#define GC_THREADS 1
#define GC_NO_THREAD_REDIRECTS 1
#include <gc.h>
#include <gc/gc_mark.h>
#include <sched.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

// The reserved size of a goroutine's stack. Go grows stacks up to 1 GB by
// copying them, which needs exact stack maps; here each stack is reserved
// at a fixed size and only touched pages cost memory. 64 MB keeps a million
// goroutines' reservations (64 TB) within amd64's and arm64's address
// spaces; 32-bit arm has 3 GB in all, so its goroutines get 256 KB.
// Below each stack, a guard: a fault there is a stack overflow. A frame
// larger than the guard could jump over it (a local array of megabytes:
// LLVM's stack probes would close that gap); on 64-bit targets the guard
// is as large as the main stack's, 2 MB of address space, while 32-bit
// arm, short of address space, keeps 64 KB.
#if UINTPTR_MAX > 0xffffffffu
#define G_STACK_BYTES ((size_t)64 << 20)
#define G_GUARD_BYTES ((size_t)2 << 20)
#else
#define G_STACK_BYTES ((size_t)256 << 10)
#define G_GUARD_BYTES ((size_t)64 << 10)
#endif

static mg_g *run_next;             // runs before the queue
static mg_g *run_head, *run_tail;  // the run queue, oldest first
static mg_g *sleepers;             // sleeping goroutines, soonest first
static mg_g *free_gs;              // finished goroutines, for reuse
static mg_g *all_gs;               // every goroutine but main, for the collector
static int64_t last_goid = 1;      // main is 1
static mg_int live_goroutines = 1;  // runtime.NumGoroutine
static mg_int gomaxprocs;           // runtime.GOMAXPROCS's setting; 0: not set
static bool main_exited;            // main called runtime.Goexit
static void *gc_thread;             // the collector's handle of this thread
static GC_push_other_roots_proc gc_push_other;  // the collector's own callback
// go statements since the last switch: GOS_PER_SLICE of them yield.
enum { GOS_PER_SLICE = 4096 };
static int gos_in_slice;

// ---- the run queue

static void queue_tail(mg_g *g) {
  g->next = NULL;
  if (run_tail)
    run_tail->next = g;
  else
    run_head = g;
  run_tail = g;
}

// Go's runqput(pp, g, next=true): g runs next, the one it displaces later.
static void queue_next(mg_g *g) {
  if (run_next)
    queue_tail(run_next);
  run_next = g;
}

static mg_g *queue_get(void) {
  mg_g *g = run_next;
  if (g) {
    run_next = NULL;
    return g;
  }
  g = run_head;
  if (g) {
    run_head = g->next;
    if (!run_head)
      run_tail = NULL;
  }
  return g;
}

void mg_goready(mg_g *g) {
  if (g->status != MG_G_WAITING)
    mg_throw("goready: goroutine not waiting");
  g->status = MG_G_RUNNABLE;
  queue_next(g);
}

uint32_t mg_fastrand(void) {
  return (uint32_t)(mg_random() >> 32);
}

// ---- sleeping

static int64_t monotonic_ns(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

// Readies every sleeper whose time has come, soonest first. They join the
// run queue's tail in that order: several due at once (the thread slept
// late) still run in the order of their deadlines.
static void wake_sleepers(int64_t now) {
  while (sleepers && sleepers->wake_at <= now) {
    mg_g *g = sleepers;
    sleepers = g->next;
    g->status = MG_G_RUNNABLE;
    queue_tail(g);
  }
}

enum { MAX_NAP_SECONDS = 3600 };
#define MAX_NAP_NS ((int64_t)MAX_NAP_SECONDS * 1000000000)

// Nothing can run: sleeps the thread until the first sleeper is due.
static void wait_for_sleeper(void) {
  int64_t d = sleepers->wake_at - monotonic_ns();
  if (d > MAX_NAP_NS)
    d = MAX_NAP_NS;  // a time_t of 32 bits cannot say more; the caller loops
  if (d > 0) {
    struct timespec ts = {.tv_sec = (time_t)(d / 1000000000), .tv_nsec = (long)(d % 1000000000)};
    nanosleep(&ts, NULL);
  }
  wake_sleepers(monotonic_ns());
}

void mg_time_sleep(int64_t ns) {
  if (ns <= 0)
    return;
  int64_t now = monotonic_ns();
  // A sleep past the clock's range waits for ever, as Go's does.
  mg_time_sleep_until(ns > INT64_MAX - now ? INT64_MAX : now + ns);
}

// Parks until the monotonic clock reads deadline, even one already past:
// time's timers wake in the order of their deadlines however late their
// goroutines started.
void mg_time_sleep_until(int64_t deadline) {
  mg_g *g = mg_getg();
  g->wake_at = deadline;
  mg_g **p = &sleepers;
  while (*p && (*p)->wake_at <= g->wake_at)
    p = &(*p)->next;
  g->next = *p;
  *p = g;
  mg_gopark("sleep");
}

// The next goroutine to run, waiting for sleepers if only they are left;
// NULL when every goroutine is blocked for good.
static mg_g *find_runnable(void) {
  if (sleepers)
    wake_sleepers(monotonic_ns());
  for (;;) {
    mg_g *g = queue_get();
    if (g || !sleepers)
      return g;
    wait_for_sleeper();
  }
}

// ---- switching

static void *set_stack_bottom_locked(void *g) {
  struct GC_stack_base sb = {.mem_base = (void *)((mg_g *)g)->stack_hi};
  GC_set_stackbottom(gc_thread, &sb);
  return NULL;
}

static void goroutine_main(void);

// A goroutine gets its stack when it first runs, not when it is made: a
// program that starts a hundred thousand goroutines before any blocks
// holds a hundred thousand small structs, and stacks only for those that
// have run (and still run or wait).
static void give_stack(mg_g *g) {
  char *lo = mg_stack_map(G_STACK_BYTES, G_GUARD_BYTES);
  if (!lo)
    mg_throw("runtime: cannot allocate goroutine stack");
  g->stack_lo = (uintptr_t)lo;
  g->stack_hi = (uintptr_t)lo + G_STACK_BYTES;
  g->guard = G_GUARD_BYTES;
}

// Makes g the running goroutine and continues it where it stopped, or
// starts its function on its stack.
static noreturn void run(mg_g *g) {
  if (g->stack_lo == 0)
    give_stack(g);
  mg_curg = g;
  mg_defers = &g->defers;
  gos_in_slice = 0;
  GC_call_with_alloc_lock(set_stack_bottom_locked, g);
  if (g->status == MG_G_NEW) {
    g->status = MG_G_RUNNING;
    mg_stack_start((void *)g->stack_hi, goroutine_main);
  }
  g->status = MG_G_RUNNING;
  mg_context_resume(&g->ctx, 1);
}

// Switches from the running goroutine, which has set its status, to g;
// returns when something switches back.
static void switch_to(mg_g *g) {
  mg_g *self = mg_getg();
  if (g == self) {
    g->status = MG_G_RUNNING;
    return;
  }
  if (mg_context_save(&self->ctx) == 0)
    run(g);
}

static bool deadlocked;  // set for main, which reports it from its own stack

static noreturn void report_deadlock(void) {
  mg_g *g = mg_getg();
  mg_write_str(2, "fatal error: all goroutines are asleep - deadlock!\n");
  mg_print_traceback_of(g, g->wait_reason);
  _exit(2);
}

// Every goroutine is blocked: Go's checkdead. The report shows main's
// stack, so main reports it once it is back on its own.
static noreturn void deadlock(void) {
  if (main_exited) {
    // Go's throw, without a goroutine to show after it.
    mg_write_str(2, "fatal error: no goroutines (main called runtime.Goexit) - deadlock!\n");
    _exit(2);
  }
  if (mg_getg() == &mg_main_g)
    report_deadlock();
  deadlocked = true;
  run(&mg_main_g);
}

// Leaves the running goroutine, which has ended, for the next one.
static noreturn void run_another(void) {
  mg_g *next = find_runnable();
  if (!next)
    deadlock();
  run(next);
}

void mg_gopark(const char *reason) {
  mg_g *self = mg_getg();
  self->status = MG_G_WAITING;
  self->wait_reason = reason;
  mg_g *next = find_runnable();
  if (!next)
    deadlock();
  switch_to(next);
  if (deadlocked)
    report_deadlock();
}

void mg_gosched(void) {
  mg_g *self = mg_getg();
  self->status = MG_G_RUNNABLE;
  queue_tail(self);
  switch_to(find_runnable());
}

// ---- starting and ending goroutines

// The collector's extra roots: every switched-out goroutine's stack.
static void push_goroutine_stacks(void) {
  if (gc_push_other)
    gc_push_other();
  mg_g *running = mg_getg();
  for (mg_g *g = all_gs;; g = g->all_next) {
    if (g == NULL)
      g = &mg_main_g;
    if (g != running && g->status != MG_G_NEW && g->status != MG_G_DEAD)
      GC_push_all_eager(mg_context_sp(&g->ctx), (void *)g->stack_hi);
    if (g == &mg_main_g)
      break;
  }
}

// The first `go`: the collector learns of the other stacks.
static void sched_init(void) {
  struct GC_stack_base sb;
  gc_thread = GC_get_my_stackbottom(&sb);
  gc_push_other = GC_get_push_other_roots();
  GC_set_push_other_roots(push_goroutine_stacks);
}

static mg_g *new_g(void) {
  mg_g *g = free_gs;
  if (g) {
    free_gs = g->next;
    return g;
  }
  if (!gc_thread)
    sched_init();
  g = GC_MALLOC_UNCOLLECTABLE(sizeof *g);
  if (!g)
    mg_throw("runtime: out of memory");
  g->all_next = all_gs;
  all_gs = g;
  return g;
}

void mg_go(void (*thunk)(void *args, void *token), void *args) {
  mg_g *g = new_g();
  g->goid = ++last_goid;
  g->status = MG_G_NEW;
  g->entry = thunk;
  g->entry_args = args;
  g->created_pc = (uintptr_t)__builtin_return_address(0);
  live_goroutines++;
  queue_next(g);
  // Go preempts a goroutine that runs for 10 ms; nothing preempts here,
  // but a goroutine that starts many others without ever blocking yields
  // to them now and then, so that they do not pile up unstarted.
  if (++gos_in_slice == GOS_PER_SLICE)
    mg_gosched();
}

// Leaves the finished goroutine g for the next one to run; its stack and
// defer chunks wait on the free list.
static noreturn void goroutine_end(mg_g *g) {
  g->status = MG_G_DEAD;
  g->entry = NULL;
  g->entry_args = NULL;
  g->panic = NULL;
  g->sig = 0;
  g->next = free_gs;
  free_gs = g;
  live_goroutines--;
  run_another();
}

static void goroutine_main(void) {
  mg_g *g = mg_getg();
  g->entry(g->entry_args, NULL);
  goroutine_end(g);
}

// runtime.Goexit: runs the goroutine's deferred calls as a panic would
// (recover returns nil to them), then ends it. Main's end is not the
// program's: the others run on, and when none is left Go reports it.
noreturn void mg_goexit(void) {
  mg_g *g = mg_getg();
  mg_panic_rec p;
  memset(&p, 0, sizeof p);
  p.goexit = true;
  p.link = g->panic;
  g->panic = &p;
  mg_run_panic_defers(&p);
  g->panic = p.link;
  if (g != &mg_main_g)
    goroutine_end(g);
  main_exited = true;
  g->status = MG_G_DEAD;
  live_goroutines--;
  run_another();
}

mg_int mg_num_goroutine(void) {
  return live_goroutines;
}

mg_int mg_num_cpu(void) {
  cpu_set_t set;
  if (sched_getaffinity(0, sizeof set, &set) == 0)
    return CPU_COUNT(&set);
  long n = sysconf(_SC_NPROCESSORS_ONLN);
  return n > 0 ? (mg_int)n : 1;
}

// The setting is kept and reported as Go does; goroutines still run on
// one thread whatever it says.
mg_int mg_gomaxprocs(mg_int n) {
  if (gomaxprocs == 0)
    gomaxprocs = mg_num_cpu();
  mg_int old = gomaxprocs;
  if (n > 0)
    gomaxprocs = n;
  return old;
}
