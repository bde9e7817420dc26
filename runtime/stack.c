// stack.c: Go's report for a goroutine stack overflow.
//
// Go grows goroutine stacks up to a limit (1 GB on 64-bit targets, 250 MB
// on 32-bit ones) and then throws "stack overflow". Compiled Mini code runs
// on the main thread's C stack, which the kernel bounds (RLIMIT_STACK, 8 MB
// by default): running past it faults. A SIGSEGV handler, on a stack of its
// own since the faulting one is exhausted, recognises a fault just below
// the stack's lowest address and prints what Go prints, up to the
// "goroutine 1 [running]:" line, and exits with status 2. The recursion
// depth reached differs from Go's; what the program shows does not. Any
// other SIGSEGV gets the default action, as before.
#define _GNU_SOURCE 1  // pthread_getattr_np
#include "internal.h"

#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <string.h>
#include <unistd.h>

// Go's maxstacksize, which its message quotes.
#if UINTPTR_MAX > 0xffffffffu
#define GO_STACK_LIMIT "1000000000"
#else
#define GO_STACK_LIMIT "250000000"
#endif

// A fault this far below the stack's limit still counts as running off it:
// one frame can be large, and the kernel keeps a guard gap of 1 MB (256
// pages) below a growing stack.
enum { OVERFLOW_WINDOW = 2 << 20 };

// The handler's own stack: the overflowed one has no room left. Static, so
// that it exists even when memory is exhausted.
static char signal_stack[64 << 10] __attribute__((aligned(16)));

// The main thread's stack, [lo, hi).
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

void mg_stack_init(void) {
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
