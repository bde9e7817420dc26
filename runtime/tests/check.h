// check.h: the counting CHECK of the runtime's C unit tests. A failed check
// prints its place and condition; a test ends by printing the counts,
// "N passed, N failed", the line the test scripts sum.
#ifndef MG_TESTS_CHECK_H
#define MG_TESTS_CHECK_H

#include <stdio.h>
#include <stdlib.h>

static int passed, failed;

#define CHECK(cond)                                                   \
  do {                                                                \
    if (cond) {                                                       \
      passed++;                                                       \
    } else {                                                          \
      failed++;                                                       \
      printf("FAIL %s:%d: %s\n", __FILE__, __LINE__, #cond);          \
    }                                                                 \
  } while (0)

// A test program is a Mini program to the runtime: its start code calls
// main.init, then main.main on the goroutine's stack. MG_TEST_MAIN(f, g, ...)
// defines both: main.main runs the test functions in order, prints the
// counts and exits with status 1 if a check failed.
#define MG_TEST_MAIN(...)                                              \
  void test_init(void *ctx, void *token) __asm__("main.init");         \
  void test_main(void *ctx, void *token) __asm__("main.main");         \
  void test_init(void *ctx, void *token) {                             \
    (void)ctx;                                                         \
    (void)token;                                                       \
  }                                                                    \
  void test_main(void *ctx, void *token) {                             \
    (void)ctx;                                                         \
    (void)token;                                                       \
    void (*const tests[])(void) = {__VA_ARGS__};                       \
    for (size_t i = 0; i < sizeof tests / sizeof tests[0]; i++)        \
      tests[i]();                                                      \
    printf("%d passed, %d failed\n", passed, failed);                  \
    fflush(stdout);                                                    \
    exit(failed != 0);                                                 \
  }

#endif
