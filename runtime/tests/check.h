// check.h: the counting CHECK of the runtime's C unit tests. A failed check
// prints its place and condition; a test ends by printing the counts,
// "N passed, N failed", the line the test scripts sum.
#ifndef MG_TESTS_CHECK_H
#define MG_TESTS_CHECK_H

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

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

// Runs body in a child process and checks that it exits with status 2
// (a panic or fatal error) with stderr starting with want.
static inline void expect_exit2(const char *what, void (*body)(void), const char *want) {
  int fds[2];
  if (pipe(fds) != 0)
    abort();
  fflush(stdout);
  pid_t pid = fork();
  if (pid == 0) {
    dup2(fds[1], 2);
    close(fds[0]);
    body();
    _exit(0);
  }
  close(fds[1]);
  char buf[512];
  size_t n = 0;
  ssize_t r;
  while (n < sizeof buf - 1 && (r = read(fds[0], buf + n, sizeof buf - 1 - n)) > 0)
    n += (size_t)r;
  buf[n] = 0;
  close(fds[0]);
  int status;
  waitpid(pid, &status, 0);
  bool ok = WIFEXITED(status) && WEXITSTATUS(status) == 2 && strncmp(buf, want, strlen(want)) == 0;
  if (!ok)
    printf("FAIL %s: got \"%s\"\n", what, buf);
  CHECK(ok);
}

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
