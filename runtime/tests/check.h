// check.h: the counting CHECK of the runtime's C unit tests. A failed check
// prints its place and condition; a test ends by printing the counts,
// "N passed, N failed", the line the test scripts sum.
#ifndef MG_TESTS_CHECK_H
#define MG_TESTS_CHECK_H

#include <stdio.h>

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

#endif
