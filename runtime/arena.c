// arena.c: memory for defer chunks whose records hold no heap pointers.
//
// Such a chunk never needs to be seen by the collector, so it does not come
// from it: taking it from the collector made a frame with a million pending
// defers pay for the collector's heap growth and block search, and for a page
// fault every two chunks. Here chunks are carved from regions mapped from the
// kernel: a small first one, then 2 MiB regions the kernel is asked to back
// with huge pages, so that a long run of pending defers costs one fault per
// 2 MiB. Freed chunks are kept on a free list and reused; memory goes back to
// the kernel only at exit, as with the collector's heap.
//
// The huge-page advice pays only for memory touched the first time: reused
// chunks cost the same either way. But first touches dominate a long run of
// pending defers, and under a hypervisor 2 MiB of 4 KiB faults can cost a
// hundred times one 2 MiB fault (25 ms against 0.2 ms): without the advice
// every run of DeferMany was slower than its slowest run with it. What
// spread remains with it comes from the host backing fresh memory (a few
// huge pages cleared slowly), not from synchronous compaction, which never
// happened in those runs.
#include "internal.h"

#include <stdint.h>
#include <sys/mman.h>

enum {
  FIRST_REGION_SIZE = 64 * 1024,   // most programs never need more
  HUGE_REGION_SIZE = 2 * 1024 * 1024,
  // Chunks are carved at this stride (a chunk is a little smaller), so that
  // none straddles two pages.
  CHUNK_STRIDE = 2048,
};

// One process-wide arena: Mini has a single goroutine, and only its thread
// defers.
static struct {
  char *next, *end;          // the unused rest of the newest region
  mg_defer_chunk *free;      // freed chunks, linked through prev
  bool mapped_first;
} arena;

// A region of size bytes aligned to align: 0 for the page alignment every
// mapping has, or a multiple of the page size.
static void *map_region(size_t size, size_t align) {
  // Map size + align and trim the ends so that the region is aligned: the
  // kernel backs a huge page only with a huge-page-aligned range.
  size_t len = size + align;
  char *p = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (p == MAP_FAILED)
    mg_throw("out of memory allocating a defer chunk");
  if (align == 0)
    return p;
  char *start = (char *)(((uintptr_t)p + align - 1) & ~(uintptr_t)(align - 1));
  if (start > p)
    munmap(p, (size_t)(start - p));
  if (start + size < p + len)
    munmap(start + size, (size_t)(p + len - (start + size)));
  return start;
}

static void new_region(void) {
  char *p;
  size_t size;
  if (!arena.mapped_first) {
    size = FIRST_REGION_SIZE;
    p = map_region(size, 0);  // pages are a multiple of the stride
    arena.mapped_first = true;
  } else {
    size = HUGE_REGION_SIZE;
    p = map_region(size, HUGE_REGION_SIZE);
#ifdef MADV_HUGEPAGE
    // Advice only: where huge pages are off (or under qemu) it changes nothing.
    madvise(p, size, MADV_HUGEPAGE);
#endif
  }
  arena.next = p;
  arena.end = p + size;
}

// A chunk of MG_DEFER_CHUNK_SIZE bytes; its contents are undefined.
mg_defer_chunk *mg_arena_chunk(void) {
  mg_defer_chunk *c = arena.free;
  if (c != NULL) {
    arena.free = c->prev;
    return c;
  }
  if (arena.end - arena.next < CHUNK_STRIDE)
    new_region();
  c = (mg_defer_chunk *)arena.next;
  arena.next += CHUNK_STRIDE;
  MG_STATS_COUNT(CHUNK_STRIDE);
  return c;
}

void mg_arena_free_chunk(mg_defer_chunk *c) {
  c->prev = arena.free;
  arena.free = c;
}
