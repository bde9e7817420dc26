// check.c: the C half of tools/ftoa_diff.py. Reads gen.go's lines
// (BITS BITSIZE FMT PREC TEXT) on stdin, formats each value again with the
// runtime's mg_ftoa and prints the lines that differ (at most 20) and
// "checked N conversions, M differ". Exits 1 when any differ.
//
// It is linked as a Mini program (the runtime's C main calls main.main).
// With FTOA_BENCH=N in the environment it instead times N shortest conversions of random float64
// bit patterns (no input) and prints the median ns per conversion of 5 runs.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "internal.h"


static double value_of(unsigned long long bits, int size) {
  if (size == 32) {
    uint32_t u = (uint32_t)bits;
    float f;
    memcpy(&f, &u, sizeof f);
    return f;
  }
  double d;
  memcpy(&d, &bits, sizeof d);
  return d;
}

static int check(void) {
  static char line[8192];
  long long checked = 0, bad = 0;
  uint8_t storage[4096];
  while (fgets(line, sizeof line, stdin)) {
    unsigned long long bits;
    int size, prec, off;
    char f;
    if (sscanf(line, "%llx %d %c %d %n", &bits, &size, &f, &prec, &off) != 4) {
      fprintf(stderr, "bad line: %s", line);
      return 2;
    }
    char *want = line + off;
    size_t wn = strcspn(want, "\n");
    mg_buf b;
    mg_buf_init(&b, storage, sizeof storage);
    mg_ftoa(&b, value_of(bits, size), f, prec, size);
    checked++;
    if (b.len != wn || memcmp(b.p, want, wn) != 0) {
      if (++bad <= 20)
        printf("DIFF %016llx bits=%d %c prec=%d: go %.*s, minigo %.*s\n", bits, size, f, prec,
               (int)wn, want, (int)b.len, (const char *)b.p);
    }
    mg_buf_free(&b);
  }
  printf("checked %lld conversions, %lld differ\n", checked, bad);
  return bad != 0;
}

static uint64_t splitmix(uint64_t *s) {
  uint64_t z = (*s += 0x9e3779b97f4a7c15u);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9u;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebu;
  return z ^ (z >> 31);
}

static int cmp_double(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return (x > y) - (x < y);
}

// Random finite float64s formatted shortest ('g', -1) into a reused buffer,
// as Go's strconv.AppendFloat(buf[:0], x, 'g', -1, 64) does.
static int bench(long n) {
  enum { NVALUES = 1 << 16 };
  static double values[NVALUES];
  uint64_t s = 42;
  for (int i = 0; i < NVALUES; i++) {
    uint64_t bits;
    do
      bits = splitmix(&s);
    while (((bits >> 52) & 0x7ff) == 0x7ff);
    memcpy(&values[i], &bits, sizeof bits);
  }
  double runs[5];
  size_t sink = 0;
  for (int r = 0; r < 5; r++) {
    uint8_t storage[64];
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    for (long i = 0; i < n; i++) {
      mg_buf b;
      mg_buf_init(&b, storage, sizeof storage);
      mg_ftoa(&b, values[i & (NVALUES - 1)], 'g', -1, 64);
      sink += b.len;
    }
    clock_gettime(CLOCK_MONOTONIC, &t1);
    runs[r] = ((t1.tv_sec - t0.tv_sec) * 1e9 + (t1.tv_nsec - t0.tv_nsec)) / (double)n;
  }
  qsort(runs, 5, sizeof runs[0], cmp_double);
  printf("%.1f ns/op (median of 5; runs %.1f..%.1f; %zu bytes)\n", runs[2], runs[0], runs[4], sink);
  return 0;
}

void check_init(void *ctx, void *token) __asm__("main.init");
void check_main(void *ctx, void *token) __asm__("main.main");

void check_init(void *ctx, void *token) {
  (void)ctx, (void)token;
}

void check_main(void *ctx, void *token) {
  (void)ctx, (void)token;
  const char *n = getenv("FTOA_BENCH");
  int status = n ? bench(atol(n)) : check();
  fflush(stdout);
  exit(status);
}
