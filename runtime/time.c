// time.c: the clocks of package time (time.Now).
#include "internal.h"

#include <time.h>

// time.Now's clocks: nanoseconds of the wall clock since 1970, and of the
// monotonic clock since an arbitrary start.
int64_t mg_time_walltime(void) {
  struct timespec ts;
  clock_gettime(CLOCK_REALTIME, &ts);
  return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

int64_t mg_time_nanotime(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}
