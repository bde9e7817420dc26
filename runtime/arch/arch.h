// arch.h: the per-architecture interface, the same for every architecture.
//
// Recovery resumes a frame that deferred the recovering call. The frame
// saves a context when it starts deferring; the runtime later jumps back to
// it. The two functions below are the whole of the machine-specific code;
// runtime/arch/<arch>/context.S implements them for amd64, arm and arm64.
#ifndef MG_ARCH_H
#define MG_ARCH_H

#include <stdint.h>
#include <stdnoreturn.h>

// Room for the callee-saved registers of the largest ABI we support (arm:
// r4-r11, sp, lr and d8-d15 is 26 words of 4 bytes; arm64: x19-x29, sp, lr
// and d8-d15 is 21 words of 8 bytes). Fixed so that codegen can lay out
// frame records without knowing the architecture's details.
#define MG_CONTEXT_WORDS 32

typedef struct mg_context {
  uint64_t words[MG_CONTEXT_WORDS];
} mg_context;

// Saves the callee-saved registers, the stack pointer and the return
// address in *c and returns 0. Returns again, with the value given to
// mg_context_resume, each time the context is resumed.
int mg_context_save(mg_context *c) __attribute__((returns_twice));

// Restores *c and makes its mg_context_save return value (never 0). The
// frame that saved *c must still be live.
noreturn void mg_context_resume(const mg_context *c, int value);

// Goroutines switch by saving one context and resuming another; a new
// goroutine starts with the function below, which moves to its stack.
//
// Runs fn on the stack whose highest address is top (16-byte aligned),
// as the outermost frame: unwinding stops there. fn never returns.
noreturn void mg_stack_start(void *top, void (*fn)(void));

// The offset in a saved context of its stack pointer (each context.S's
// layout says where it keeps it): the collector scans a switched-out
// goroutine's stack from there up.
#if defined(__x86_64__)
#define MG_CONTEXT_SP_OFFSET 16
#elif defined(__aarch64__)
#define MG_CONTEXT_SP_OFFSET 96
#elif defined(__arm__)
#define MG_CONTEXT_SP_OFFSET 32
#else
#error "no context layout for this architecture"
#endif

static inline void *mg_context_sp(const mg_context *c) {
  return *(void *const *)((const char *)c + MG_CONTEXT_SP_OFFSET);
}

#endif
