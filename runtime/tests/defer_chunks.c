// Unit tests of the defer record allocator (runtime/defer.c): chunk
// boundaries, special records, the spare chunk, interleaved frames.
// Prints one line per failed check and ends with "N passed, N failed".
// Like a compiled Mini program it supplies main.init and main.main, and the
// runtime's own C main (with the collector set up) runs it.
#include <gc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "defer.h"
#include "tests/check.h"


static const mg_int usable = MG_DEFER_CHUNK_SIZE - sizeof(mg_defer_chunk);

static mg_int record_bytes(mg_int args) {
  return (mg_int)MG_DEFER_HEADER + ((args + 7) & ~(mg_int)7);
}

// Records that fill a chunk to the last byte stay in it; one more byte
// moves to a new chunk.
static void test_exact_boundary(void) {
  mg_defer_stack s = {0};
  mg_int args = 56;
  mg_int per = record_bytes(args);
  mg_int fit = usable / per;
  mg_int rest = usable - fit * per;  // bytes left in the chunk after `fit`

  for (mg_int i = 0; i < fit; i++)
    mg_newdefer(&s, args, false);
  mg_defer_chunk *first = s.chunk[MG_DEFER_CHUNK];
  CHECK(first->off == (uint32_t)(sizeof(mg_defer_chunk) + fit * per));

  if (rest >= (mg_int)MG_DEFER_HEADER) {
    mg_defer *last = mg_newdefer(&s, rest - (mg_int)MG_DEFER_HEADER, false);
    CHECK(s.chunk[MG_DEFER_CHUNK] == first);
    CHECK(first->off == MG_DEFER_CHUNK_SIZE);
    CHECK(last->kind == MG_DEFER_CHUNK);
  } else {
    CHECK(first->off + rest == MG_DEFER_CHUNK_SIZE);
  }
  mg_newdefer(&s, 0, false);
  CHECK(s.chunk[MG_DEFER_CHUNK] != first);
  CHECK(s.chunk[MG_DEFER_CHUNK]->prev == first);

  int n = 0;
  while (s.top) {
    mg_defer *d = s.top;
    mg_popdefer(&s);
    mg_freedefer(d);
    n++;
  }
  CHECK(s.chunk[MG_DEFER_CHUNK] == first && first->off == sizeof(mg_defer_chunk));  // stays current
  CHECK(n == fit + 1 + (rest >= (mg_int)MG_DEFER_HEADER));
}

// A record larger than half a chunk gets its own block and leaves the
// chunk alone.
static void test_special_records(void) {
  mg_defer_stack s = {0};
  mg_defer *small = mg_newdefer(&s, 8, false);
  uint32_t off = s.chunk[MG_DEFER_CHUNK]->off;
  mg_int big_args = MG_DEFER_CHUNK_SIZE / 2;  // header pushes it over half
  mg_defer *big = mg_newdefer(&s, big_args, false);
  CHECK(big->kind == MG_DEFER_SPECIAL);
  CHECK(s.chunk[MG_DEFER_CHUNK]->off == off);
  CHECK(s.top == big && big->link == small);
  memset(mg_defer_args(big), 0xab, (size_t)big_args);
  mg_popdefer(&s);
  mg_freedefer(big);
  CHECK(s.top == small);
  CHECK(s.chunk[MG_DEFER_CHUNK]->off == off);

  mg_int just_fits = MG_DEFER_CHUNK_SIZE / 2 - (mg_int)MG_DEFER_HEADER;
  mg_defer *half = mg_newdefer(&s, just_fits, false);
  CHECK(half->kind == MG_DEFER_CHUNK);
  mg_popdefer(&s);
  mg_freedefer(half);
  mg_popdefer(&s);
  mg_freedefer(small);
  CHECK(s.top == NULL);
}

// Crossing a chunk boundary back and forth reuses the spare chunk instead
// of allocating a new one each time.
static void test_spare_chunk(void) {
  mg_defer_stack s = {0};
  mg_int per = record_bytes(24);
  mg_int fit = usable / per;
  for (mg_int i = 0; i < fit; i++)
    mg_newdefer(&s, 24, false);
  mg_defer_chunk *first = s.chunk[MG_DEFER_CHUNK];

  mg_newdefer(&s, 24, false);  // into a second chunk
  mg_defer_chunk *second = s.chunk[MG_DEFER_CHUNK];
  CHECK(second != first);
  for (int round = 0; round < 100; round++) {
    mg_defer *d = s.top;
    mg_popdefer(&s);    // the second chunk empties: kept as the spare
    mg_freedefer(d);
    CHECK(s.chunk[MG_DEFER_CHUNK] == first && s.spare[MG_DEFER_CHUNK] == second);
    mg_newdefer(&s, 24, false);
    CHECK(s.chunk[MG_DEFER_CHUNK] == second);  // reused, not allocated
  }
  while (s.top) {
    mg_defer *d = s.top;
    mg_popdefer(&s);
    mg_freedefer(d);
  }
  // The first chunk stays current when it empties; the second is the spare.
  CHECK(s.chunk[MG_DEFER_CHUNK] == first && s.spare[MG_DEFER_CHUNK] == second);
}

// Records of several frames interleave as a stack; freeing clears args.
static void test_interleaved_frames(void) {
  mg_defer_stack s = {0};
  mg_frame fa, fb;
  mg_defer *a[3], *b[2];
  for (int i = 0; i < 3; i++) {
    a[i] = mg_newdefer(&s, 16, false);
    a[i]->frame = &fa;
    mg_defer_args(a[i])[0] = 100 + (uint64_t)i;
  }
  for (int i = 0; i < 2; i++) {
    b[i] = mg_newdefer(&s, 40, false);
    b[i]->frame = &fb;
    mg_defer_args(b[i])[0] = 200 + (uint64_t)i;
  }
  CHECK(s.top == b[1] && b[1]->link == b[0] && b[0]->link == a[2]);
  for (int i = 1; i >= 0; i--) {
    mg_defer *d = s.top;
    CHECK(d == b[i] && mg_defer_args(d)[0] == 200 + (uint64_t)i);
    mg_popdefer(&s);
    mg_freedefer(d);
    CHECK(mg_defer_args(d)[0] == 0);
  }
  mg_defer *again = mg_newdefer(&s, 16, false);
  CHECK(again == b[0]);  // the space b[0] used is reused, LIFO
  mg_popdefer(&s);
  mg_freedefer(again);
  for (int i = 2; i >= 0; i--) {
    CHECK(s.top == a[i] && mg_defer_args(a[i])[0] == 100 + (uint64_t)i);
    mg_popdefer(&s);
    mg_freedefer(a[i]);
  }
  CHECK(s.top == NULL);
}

// Records without pointers come from chunks of their own, each kind a stack:
// interleaved pushes and pops keep both in order, and an emptied unscanned
// chunk is reused as the spare like a scanned one.
static void test_noscan_chunks(void) {
  mg_defer_stack s = {0};
  mg_int per = record_bytes(8);
  mg_int fit = usable / per;
  mg_defer *d[3];
  d[0] = mg_newdefer(&s, 8, false);
  d[1] = mg_newdefer(&s, 8, true);
  d[2] = mg_newdefer(&s, 8, false);
  CHECK(s.chunk[MG_DEFER_CHUNK] != NULL && s.chunk[MG_DEFER_NOSCAN_CHUNK] != NULL && s.chunk[MG_DEFER_CHUNK] != s.chunk[MG_DEFER_NOSCAN_CHUNK]);
  CHECK(d[1]->kind == MG_DEFER_NOSCAN_CHUNK && d[0]->kind == MG_DEFER_CHUNK &&
        d[2]->kind == MG_DEFER_CHUNK);
  CHECK((char *)d[2] == (char *)d[0] + per);  // the scanned stack skips d[1]
  for (int i = 2; i >= 0; i--) {
    CHECK(s.top == d[i]);
    mg_popdefer(&s);
    mg_freedefer(d[i]);
  }
  CHECK(s.chunk[MG_DEFER_CHUNK]->off == sizeof(mg_defer_chunk) &&
        s.chunk[MG_DEFER_NOSCAN_CHUNK]->off == sizeof(mg_defer_chunk));

  for (mg_int i = 0; i < fit + 1; i++)
    mg_newdefer(&s, 8, true);
  mg_defer_chunk *second = s.chunk[MG_DEFER_NOSCAN_CHUNK];
  CHECK(second->prev != NULL);
  mg_popdefer(&s);
  CHECK(s.spare[MG_DEFER_NOSCAN_CHUNK] == second && s.chunk[MG_DEFER_NOSCAN_CHUNK] == second->prev);
  mg_newdefer(&s, 8, true);
  CHECK(s.chunk[MG_DEFER_NOSCAN_CHUNK] == second);  // the spare, not a new chunk
  while (s.top)
    mg_popdefer(&s);
  CHECK(s.spare[MG_DEFER_NOSCAN_CHUNK] == second && s.chunk[MG_DEFER_NOSCAN_CHUNK]->off == sizeof(mg_defer_chunk));
}

// The arena behind unscanned chunks: distinct chunks that never straddle a
// page, across the small first region and the huge-page regions after it,
// and freed chunks handed out again newest first.
static void test_arena(void) {
  enum { COUNT = 2000 };  // about 4 MB: the first region and two more
  static mg_defer_chunk *c[COUNT];
  int aligned = 1, writable = 1;
  for (int i = 0; i < COUNT; i++) {
    c[i] = mg_arena_chunk();
    if ((uintptr_t)c[i] % 2048 != 0)
      aligned = 0;
    memset(c[i], i & 0xff, MG_DEFER_CHUNK_SIZE);
  }
  for (int i = 0; i < COUNT; i++)
    if (((unsigned char *)c[i])[MG_DEFER_CHUNK_SIZE - 1] != (i & 0xff))
      writable = 0;  // another chunk overlapped this one
  CHECK(aligned && writable);
  mg_arena_free_chunk(c[10]);
  mg_arena_free_chunk(c[1500]);
  CHECK(mg_arena_chunk() == c[1500]);
  CHECK(mg_arena_chunk() == c[10]);
  mg_defer_chunk *fresh = mg_arena_chunk();
  int distinct = 1;
  for (int i = 0; i < COUNT; i++)
    if (c[i] == fresh)
      distinct = 0;
  CHECK(distinct);
}

// A million pending records in one frame cost memory in proportion to
// their arguments: chunks, not one block each.
static void test_many_pending(void) {
  mg_defer_stack s = {0};
  for (int i = 0; i < 1000000; i++) {
    mg_defer *d = mg_newdefer(&s, 8, false);
    mg_defer_args(d)[0] = (uint64_t)i;
  }
  int chunks = 0;
  for (mg_defer_chunk *c = s.chunk[MG_DEFER_CHUNK]; c; c = c->prev)
    chunks++;
  mg_int per_chunk = usable / record_bytes(8);
  CHECK(chunks == (1000000 + per_chunk - 1) / per_chunk);
  int expect = 999999, ok = 1;
  while (s.top) {
    mg_defer *d = s.top;
    if (mg_defer_args(d)[0] != (uint64_t)expect--)
      ok = 0;
    mg_popdefer(&s);
    mg_freedefer(d);
  }
  CHECK(ok && expect == -1);
}

MG_TEST_MAIN(test_exact_boundary, test_special_records, test_spare_chunk, test_interleaved_frames, test_noscan_chunks, test_arena, test_many_pending)
