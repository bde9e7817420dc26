// stack.c: goroutine stacks, and Go's report when one overflows.
//
// Go grows goroutine stacks up to a limit (1 GB on 64-bit targets, 250 MB
// on 32-bit ones) and then throws "stack overflow". The main thread's C
// stack is bounded far lower by the kernel (RLIMIT_STACK, 8 MB by default),
// so the program runs on a stack of Go's limit instead, mapped up front
// (the kernel supplies pages as they are first touched) above a guard
// region; the collector is told where it is. Running past its end faults: a
// SIGSEGV handler, on a stack of its own since the faulting one is
// exhausted, recognises a fault just below the stack's lowest address and
// prints what Go prints, up to the "goroutine 1 [running]:" line, and exits
// with status 2. Any other SIGSEGV gets the default action, as before.
#define _GNU_SOURCE 1  // pthread_getattr_np
#include "internal.h"

// The thread registration calls, without gc.h's renaming of pthread_create:
// the goroutine's thread registers itself.
#define GC_THREADS 1
#define GC_NO_THREAD_REDIRECTS 1
#include <gc.h>
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

// Go's maxstacksize, which its message quotes.
#if UINTPTR_MAX > 0xffffffffu
#define GO_STACK_LIMIT "1000000000"
#define GO_STACK_BYTES 1000000000u
#else
#define GO_STACK_LIMIT "250000000"
#define GO_STACK_BYTES 250000000u
#endif

// A fault this far below the stack's limit still counts as running off it:
// one frame can be large, and the kernel keeps a guard gap of 1 MB (256
// pages) below a growing stack.
enum { OVERFLOW_WINDOW = 2 << 20 };

// The handler's own stack: the overflowed one has no room left. Static, so
// that it exists even when memory is exhausted.
static char signal_stack[64 << 10] __attribute__((aligned(16)));

// The main goroutine's stack, [lo, hi).
static uintptr_t stack_lo, stack_hi;

// "0x" and v in lower-case hex, as Go prints addresses; s needs 19 bytes.
static const char *hex(char *s, uintptr_t v) {
  char *p = s + 18;
  *p = '\0';
  do {
    *--p = "0123456789abcdef"[v & 15];
    v >>= 4;
  } while (v);
  *--p = 'x';
  *--p = '0';
  return p;
}

// A fault in the guard region below the running goroutine's stack, or in
// its lowest page.
static bool is_stack_overflow(uintptr_t addr) {
  const mg_g *g = mg_getg();
  return g->stack_lo != 0 && addr < g->stack_lo + 4096 && addr + g->guard >= g->stack_lo;
}

// Go 1.19 prints (runtime/stack.go, newstack) the limit, the stack pointer
// and the stack's bounds, throws, prints the runtime's own frames under
// "runtime stack:" and then the goroutine. We have no runtime frames to show.
static void on_segv(int sig, siginfo_t *info, void *uc) {
  (void)uc;
  uintptr_t addr = (uintptr_t)info->si_addr;
  if (!is_stack_overflow(addr)) {
    // Not ours: fault again on return, this time with the default action.
    signal(sig, SIG_DFL);
    return;
  }
  char a[19], b[19], c[19];
  mg_write_str(2, "runtime: goroutine stack exceeds " GO_STACK_LIMIT "-byte limit\n");
  mg_write_str(2, "runtime: sp=");
  mg_write_str(2, hex(a, addr));
  mg_write_str(2, " stack=[");
  mg_write_str(2, hex(b, mg_getg()->stack_lo));
  mg_write_str(2, ", ");
  mg_write_str(2, hex(c, mg_getg()->stack_hi));
  mg_write_str(2, "]\nfatal error: stack overflow\n\nruntime stack:\n\n");
  mg_write_goroutine_line(mg_getg(), "running");
  mg_write_str(2, "main.main()\n\t?:0 +0x0\n");
  _exit(2);
}

// The main thread's own stack, where the program runs when no stack of
// Go's size can be had.
static void find_thread_stack(void) {
  pthread_attr_t attr;
  void *addr;
  size_t size;
  if (pthread_getattr_np(pthread_self(), &attr) != 0)
    return;
  if (pthread_attr_getstack(&attr, &addr, &size) == 0) {
    stack_lo = (uintptr_t)addr;
    stack_hi = stack_lo + size;
  }
  pthread_attr_destroy(&attr);
}

void *mg_stack_map(size_t size, size_t guard) {
  char *p = mmap(NULL, guard + size, PROT_READ | PROT_WRITE,
                 MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE | MAP_STACK, -1, 0);
  if (p == MAP_FAILED)
    return NULL;
  if (mprotect(p, guard, PROT_NONE) != 0) {
    munmap(p, guard + size);
    return NULL;
  }
  return p + guard;
}

// Maps the main goroutine's stack: GO_STACK_BYTES, with a guard region
// below as large as the window in which a fault counts as an overflow (a
// frame that jumps over it would land in other memory). NULL when the
// address space has no room (a limit on it, a 32-bit emulator).
static char *map_goroutine_stack(void) {
  return mg_stack_map(GO_STACK_BYTES, OVERFLOW_WINDOW);
}

// Makes an overflow of the calling thread's stack end in Go's report. The
// handler runs on an alternate signal stack, which is per thread: ours,
// unless the thread has one already (sanitizers give every thread theirs,
// and free it when the thread ends).
static void catch_overflow(void) {
  stack_t old, ss = {.ss_sp = signal_stack, .ss_size = sizeof signal_stack};
  if (sigaltstack(NULL, &old) != 0)
    return;
  if ((old.ss_flags & SS_DISABLE) && sigaltstack(&ss, NULL) != 0)
    return;
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_sigaction = on_segv;
  sa.sa_flags = SA_SIGINFO | SA_ONSTACK;
  sigemptyset(&sa.sa_mask);
  sigaction(SIGSEGV, &sa, NULL);
}

// The main goroutine's stack, for the overflow check and the collector.
static void set_main_stack(void) {
  mg_g *g = mg_getg();
  g->stack_lo = stack_lo;
  g->stack_hi = stack_hi;
  g->guard = OVERFLOW_WINDOW;
}

static void (*goroutine_body)(void);

// The goroutine's thread: the collector scans its stack once it is
// registered, from wherever it runs up to the stack's top.
static void *goroutine_thread(void *unused) {
  (void)unused;
  struct GC_stack_base sb = {.mem_base = (void *)stack_hi};
  GC_register_my_thread(&sb);
  set_main_stack();
  catch_overflow();
  goroutine_body();
  GC_unregister_my_thread();
  return NULL;
}

// A thread rather than a switch of this thread's stack: the collector, the
// sanitizers and valgrind all know how to follow threads.
static bool start_goroutine_thread(pthread_t *thread) {
  char *lo = map_goroutine_stack();
  if (lo == NULL)
    return false;
  pthread_attr_t attr;
  if (pthread_attr_init(&attr) != 0)
    return false;
  bool started = false;
  if (pthread_attr_setstack(&attr, lo, GO_STACK_BYTES) == 0) {
    stack_lo = (uintptr_t)lo;
    stack_hi = stack_lo + GO_STACK_BYTES;
    GC_allow_register_threads();
    started = pthread_create(thread, &attr, goroutine_thread, NULL) == 0;
  }
  pthread_attr_destroy(&attr);
  return started;
}

static void *join_thread(void *thread) {
  pthread_join(*(pthread_t *)thread, NULL);
  return NULL;
}

void mg_run_goroutine(void (*body)(void)) {
  goroutine_body = body;
  pthread_t thread;
  if (start_goroutine_thread(&thread)) {
    // Blocked, as far as the collector knows: it neither stops this thread
    // for a collection nor scans the part of its stack the join runs on.
    GC_do_blocking(join_thread, &thread);
    return;
  }
  find_thread_stack();
  set_main_stack();
  catch_overflow();
  body();
}
