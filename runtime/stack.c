// stack.c: the goroutine's stack, and Go's report when it overflows.
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

#include <gc.h>
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <string.h>
#include <sys/mman.h>
#include <ucontext.h>
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

// The stack the program runs on, [lo, hi).
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

static bool is_stack_overflow(uintptr_t addr) {
  return stack_lo != 0 && addr < stack_lo + 4096 && addr + OVERFLOW_WINDOW >= stack_lo;
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
  mg_write_str(2, hex(b, stack_lo));
  mg_write_str(2, ", ");
  mg_write_str(2, hex(c, stack_hi));
  mg_write_str(2, "]\nfatal error: stack overflow\n\nruntime stack:\n\n"
                  "goroutine 1 [running]:\nmain.main()\n\t?:0 +0x0\n");
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

static void *set_gc_stack_bottom(void *bottom) {
  struct GC_stack_base sb = {.mem_base = bottom};
  GC_set_stackbottom(NULL, &sb);
  return NULL;
}

// Maps the goroutine's stack: GO_STACK_BYTES, with a guard region below as
// large as the window in which a fault counts as an overflow (a frame that
// jumps over it would land in other memory). NULL when the address space
// has no room (a limit on it, a 32-bit emulator).
static char *map_goroutine_stack(void) {
  size_t len = (size_t)OVERFLOW_WINDOW + GO_STACK_BYTES;
  char *p = mmap(NULL, len, PROT_READ | PROT_WRITE,
                 MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE | MAP_STACK, -1, 0);
  if (p == MAP_FAILED)
    return NULL;
  if (mprotect(p, OVERFLOW_WINDOW, PROT_NONE) != 0) {
    munmap(p, len);
    return NULL;
  }
  return p + OVERFLOW_WINDOW;
}

static ucontext_t thread_context, goroutine_context;

void mg_run_goroutine(void (*body)(void)) {
  char *lo = NULL;
#ifndef __SANITIZE_ADDRESS__
  // (AddressSanitizer warns about switching stacks: sanitized builds stay
  // on the thread's stack.)
  lo = map_goroutine_stack();
#endif
  if (lo == NULL || getcontext(&goroutine_context) != 0) {
    find_thread_stack();
    body();
    return;
  }
  stack_lo = (uintptr_t)lo;
  stack_hi = stack_lo + GO_STACK_BYTES;
  goroutine_context.uc_stack.ss_sp = lo;
  goroutine_context.uc_stack.ss_size = GO_STACK_BYTES;
  goroutine_context.uc_link = &thread_context;
  makecontext(&goroutine_context, body, 0);
  // The collector scans the running stack from its top down to the bottom
  // it knows: from here on, the goroutine's.
  GC_call_with_alloc_lock(set_gc_stack_bottom, (void *)stack_hi);
  swapcontext(&thread_context, &goroutine_context);
}

void mg_stack_init(void) {
  stack_t ss = {.ss_sp = signal_stack, .ss_size = sizeof signal_stack};
  if (sigaltstack(&ss, NULL) != 0)
    return;
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_sigaction = on_segv;
  sa.sa_flags = SA_SIGINFO | SA_ONSTACK;
  sigemptyset(&sa.sa_mask);
  sigaction(SIGSEGV, &sa, NULL);
}
