// Unit tests of the context switch (runtime/arch/<arch>/context.S): save
// returns 0, resuming makes it return the value given, the callee-saved
// registers of the frames above the saver come back, and resuming from deep
// below the saver lands on the saver's stack. Built at -O2, so the values
// the tests keep live across calls sit in callee-saved registers.
// Prints one line per failed check and ends with "N passed, N failed".
// Like a compiled Mini program it supplies main.init and main.main, and the
// runtime's own C main runs it.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arch/arch.h"
#include "tests/check.h"


// Read at run time so that nothing below folds to a constant.
static volatile unsigned seed = 12345;

// Writes garbage into every callee-saved register the compiler lets us name
// (not the frame pointer), then resumes: what the frames above the saver
// kept in those registers must come back from the context, since this
// frame's epilogue, which would restore them, never runs.
static noreturn __attribute__((noinline)) void clobber_and_resume(const mg_context *c,
                                                                  int value) {
#if defined(__x86_64__)
  __asm__ volatile("mov $-1, %%rbx\n\tmov $-1, %%r12\n\tmov $-1, %%r13\n\t"
                   "mov $-1, %%r14\n\tmov $-1, %%r15"
                   ::: "rbx", "r12", "r13", "r14", "r15");
#elif defined(__aarch64__)
  __asm__ volatile("mov x19, #-1\n\tmov x20, #-1\n\tmov x21, #-1\n\tmov x22, #-1\n\t"
                   "mov x23, #-1\n\tmov x24, #-1\n\tmov x25, #-1\n\tmov x26, #-1\n\t"
                   "mov x27, #-1\n\tmov x28, #-1\n\t"
                   "fmov d8, x19\n\tfmov d9, x19\n\tfmov d10, x19\n\tfmov d11, x19\n\t"
                   "fmov d12, x19\n\tfmov d13, x19\n\tfmov d14, x19\n\tfmov d15, x19"
                   ::: "x19", "x20", "x21", "x22", "x23", "x24", "x25", "x26", "x27",
                       "x28", "d8", "d9", "d10", "d11", "d12", "d13", "d14", "d15");
#elif defined(__arm__)
  // r7 (Thumb) or r11 (ARM) is the frame pointer and cannot be named.
  __asm__ volatile("mov r4, #-1\n\tmov r5, #-1\n\tmov r6, #-1\n\tmov r8, #-1\n\t"
                   "mov r9, #-1\n\tmov r10, #-1\n\t"
                   "vmov d8, r4, r4\n\tvmov d9, r4, r4\n\tvmov d10, r4, r4\n\t"
                   "vmov d11, r4, r4\n\tvmov d12, r4, r4\n\tvmov d13, r4, r4\n\t"
                   "vmov d14, r4, r4\n\tvmov d15, r4, r4"
                   ::: "r4", "r5", "r6", "r8", "r9", "r10", "d8", "d9", "d10", "d11",
                       "d12", "d13", "d14", "d15");
#endif
  mg_context_resume(c, value);
}

// Saves a context, resumes it once with `value` and returns what the save
// returned the second time. Small, so that it saves few registers itself
// and its caller's values live on in the registers only.
static __attribute__((noinline)) int save_and_resume(int value) {
  mg_context c;
  int r = mg_context_save(&c);
  if (r == 0)
    clobber_and_resume(&c, value);
  return r;
}

// Called through a pointer from resume_deep: as far as the compiler can
// tell the recursion below may then end, so it does not warn about it.
static void (*volatile resume_at_bottom)(const mg_context *, int) = clobber_and_resume;

// Resumes from `depth` frames below, each with stack of its own in use;
// counts the frames in *trail.
static __attribute__((noinline)) void resume_deep(const mg_context *c, int depth,
                                                  volatile int *trail) {
  volatile char pad[64];
  memset((char *)pad, depth & 0x7f, sizeof pad);
  *trail += 1 + pad[depth % 64] - (depth & 0x7f);
  if (depth > 0)
    resume_deep(c, depth - 1, trail);
  else
    resume_at_bottom(c, 7);
}

static __attribute__((noinline)) int save_and_resume_deep(int depth) {
  mg_context c;
  volatile int trail = 0;
  int r = mg_context_save(&c);
  if (r == 0)
    resume_deep(&c, depth, &trail);
  return r * 1000 + trail;
}

static void test_save_returns_zero_then_value(void) {
  static int returns;  // static: a local changed after the save is undefined
  static int seen[2];
  mg_context c;
  int r = mg_context_save(&c);
  seen[returns++] = r;
  if (returns == 1)
    mg_context_resume(&c, 42);
  CHECK(returns == 2);
  CHECK(seen[0] == 0);
  CHECK(seen[1] == 42);
}

// The same context resumes any number of times, each with its own value.
static void test_resume_repeatedly(void) {
  static int returns, sum;
  mg_context c;
  int r = mg_context_save(&c);
  sum += r;
  if (++returns <= 5)
    mg_context_resume(&c, returns);
  CHECK(returns == 6);
  CHECK(sum == 1 + 2 + 3 + 4 + 5);
}

// Twelve integers and eight doubles stay live across the call: more than
// the caller-saved registers of any of our ABIs hold, so they sit in the
// callee-saved ones that clobber_and_resume overwrites.
static void test_callee_saved_survive(void) {
  unsigned s = seed;
  unsigned a = s * 3 + 1, b = a * 5 + 2, c = b * 7 + 3, d = c * 11 + 4;
  unsigned e = d * 13 + 5, f = e * 17 + 6, g = f * 19 + 7, h = g * 23 + 8;
  unsigned i = h * 29 + 9, j = i * 31 + 10, k = j * 37 + 11, l = k * 41 + 12;
  double x0 = s * 0.5, x1 = x0 * 1.5, x2 = x1 * 2.5, x3 = x2 * 3.5;
  double x4 = x3 * 0.25, x5 = x4 * 0.75, x6 = x5 * 1.25, x7 = x6 * 1.75;
  int r = save_and_resume(9);
  CHECK(r == 9);

  unsigned t = seed;
  CHECK(a == t * 3 + 1);
  CHECK(b == a * 5 + 2 && c == b * 7 + 3 && d == c * 11 + 4);
  CHECK(e == d * 13 + 5 && f == e * 17 + 6 && g == f * 19 + 7 && h == g * 23 + 8);
  CHECK(i == h * 29 + 9 && j == i * 31 + 10 && k == j * 37 + 11 && l == k * 41 + 12);
  CHECK(x0 == t * 0.5);
  CHECK(x1 == x0 * 1.5 && x2 == x1 * 2.5 && x3 == x2 * 3.5);
  CHECK(x4 == x3 * 0.25 && x5 == x4 * 0.75 && x6 == x5 * 1.25 && x7 == x6 * 1.75);
}

// Resuming from 100 frames down restores the saver's stack pointer: its
// caller's locals and further calls work as before.
static void test_resume_from_deep_frame(void) {
  unsigned s = seed;
  unsigned live[4] = {s, s + 1, s + 2, s + 3};
  int r = save_and_resume_deep(100);
  CHECK(r == 7 * 1000 + 101);
  CHECK(live[0] == seed && live[1] == seed + 1 && live[2] == seed + 2 && live[3] == seed + 3);
  CHECK(save_and_resume_deep(3) == 7 * 1000 + 4);
  CHECK(save_and_resume(11) == 11);
}

MG_TEST_MAIN(test_save_returns_zero_then_value, test_resume_repeatedly, test_callee_saved_survive, test_resume_from_deep_frame)
