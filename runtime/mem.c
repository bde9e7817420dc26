// mem.c: the heap of compiled programs is the Boehm collector.
#include "internal.h"

#include <gc.h>
#include <stdlib.h>
#include <unistd.h>
#include <string.h>

noreturn void mg_throw(const char *msg) {
  // Go's throw: "fatal error: " + msg, a blank line and exit status 2;
  // nothing here may allocate, memory may be exhausted.
  mg_write_str(2, "fatal error: ");
  mg_write_str(2, msg);
  mg_write_str(2, "\n\n");
  _exit(2);
}

// How much the heap may grow before the next collection: a collection
// starts once a fifth of the heap (the collector's default: a third) has
// been allocated since the last. Boehm rounds every object up past one
// spare byte (a 16-byte struct takes 32), so at the default a program that
// builds pointer structures peaks higher than Go at GOGC=100; at 5,
// bench/binarytrees.mini peaks at Go's memory at depths 16 to 18 for no
// measurable cost in time (bench/README.md has the figures). Set before
// main's GC_INIT, which lets GC_FREE_SPACE_DIVISOR in the environment
// override it.
enum { MG_FREE_SPACE_DIVISOR = 5 };

__attribute__((constructor)) static void set_collector_policy(void) {
  GC_set_free_space_divisor(MG_FREE_SPACE_DIVISOR);
}

// A request that cannot be a real object size is out of memory too:
// Go reports it the same way.
static size_t checked_size(mg_int size) {
  if (size < 0)
    mg_throw("runtime: out of memory");
  return size == 0 ? 1 : (size_t)size;
}

void *mg_alloc(mg_int size) {
  // GC_MALLOC returns cleared memory.
  size_t n = checked_size(size);
  void *p = GC_MALLOC(n);
  if (!p)
    mg_throw("runtime: out of memory");
  MG_STATS_COUNT(n);
  return p;
}

// A block the collector does not scan, not cleared (GC_MALLOC_ATOMIC
// does not clear): for callers that write all of it.
static void *alloc_noscan_uncleared(mg_int size) {
  size_t n = checked_size(size);
  void *p = GC_MALLOC_ATOMIC(n);
  if (!p)
    mg_throw("runtime: out of memory");
  MG_STATS_COUNT(n);
  return p;
}

void *mg_alloc_noscan(mg_int size) {
  void *p = alloc_noscan_uncleared(size);
  memset(p, 0, checked_size(size));  // Go's memory is always zeroed
  return p;
}

void mg_string_make(mg_string *out, const void *p, mg_int n) {
  uint8_t *s = NULL;
  if (n > 0) {
    s = alloc_noscan_uncleared(n);
    memcpy(s, p, (size_t)n);
  }
  out->ptr = s;
  out->len = n;
}

void mg_runtime_gc(void) {
  GC_gcollect();
}
