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

void *mg_alloc_noscan(mg_int size) {
  // GC_MALLOC_ATOMIC does not clear; Go's memory is always zeroed.
  size_t n = checked_size(size);
  void *p = GC_MALLOC_ATOMIC(n);
  if (!p)
    mg_throw("runtime: out of memory");
  memset(p, 0, n);
  MG_STATS_COUNT(n);
  return p;
}

void mg_string_make(mg_string *out, const void *p, mg_int n) {
  uint8_t *s = NULL;
  if (n > 0) {
    s = mg_alloc_noscan(n);
    memcpy(s, p, n);
  }
  out->ptr = s;
  out->len = n;
}
