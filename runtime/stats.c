// stats.c: the statistics mode (a runtime built with -DMG_STATS). It counts
// heap allocations and their bytes, and prints them when the program ends,
// so that tools/bench.py can report allocations per operation the way Go's
// `-benchmem` does. The default runtime compiles none of this.
#include "internal.h"

#ifdef MG_STATS

#include <stdlib.h>

static uint64_t alloc_count, alloc_bytes;

void mg_stats_count(size_t size) {
  alloc_count++;
  alloc_bytes += size;
}

static void write_number(uint64_t v) {
  char num[24];
  char *end = num + sizeof num;
  char *start = mg_utoa(end, v);
  mg_write_all(2, start, (size_t)(end - start));
}

// Written with the runtime's own helpers, not stdio: the report must work
// from os.Exit and never allocate.
void mg_stats_report(void) {
  mg_write_str(2, "mg-stats: allocs=");
  write_number(alloc_count);
  mg_write_str(2, " bytes=");
  write_number(alloc_bytes);
  mg_write_str(2, "\n");
}

// Registered before main runs, so a normal return from main.main reports;
// os.Exit, which skips atexit handlers, reports by itself.
__attribute__((constructor)) static void stats_init(void) {
  atexit(mg_stats_report);
}

#endif
