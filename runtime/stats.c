// stats.c: the statistics mode (a runtime built with -DMG_STATS). It counts
// heap allocations and their bytes, and prints them when the program ends,
// so that tools/bench.py can report allocations per operation the way Go's
// `-benchmem` does; and it counts collections, and those that started while
// a special record (a deferred call with a block of its own) was pending,
// so that tools/difftest.py --gc-stats can say how often its programs put
// such records under the collector. The default runtime compiles none of
// this.
#include "internal.h"

#ifdef MG_STATS

#include <gc/gc_mark.h>
#include <stdlib.h>

static uint64_t alloc_count, alloc_bytes;
static uint64_t gc_count, gc_special_count;

// Called by the collector as a collection starts, world stopped: it must
// not allocate. Pending specials are a stack of their own (runtime.h), so
// its root says whether one is pending; only the running goroutine's
// stack exists until goroutines do.
static void GC_CALLBACK count_collection(void) {
  gc_count++;
  if (mg_defers->special != NULL)
    gc_special_count++;
}

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
  // A line of its own: tools/bench.py matches the first line whole.
  mg_write_str(2, "mg-stats: gcs=");
  write_number(gc_count);
  mg_write_str(2, " gcs-special-pending=");
  write_number(gc_special_count);
  mg_write_str(2, "\n");
}

// Registered before main runs, so a normal return from main.main reports;
// os.Exit, which skips atexit handlers, and a fatal panic report by
// themselves.
__attribute__((constructor)) static void stats_init(void) {
  atexit(mg_stats_report);
  GC_set_start_callback(count_collection);
}

#endif
