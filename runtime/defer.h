// defer.h: defer records, their per-goroutine chunks, and panic records.
//
// The design is the Go runtime's "aggregate defer allocations" (2012):
// records are carved out of 2048-byte chunks owned by the goroutine rather
// than allocated one by one; a record too large for that gets a block of its
// own; an emptied chunk is kept as a spare so that a frame deferring in a
// loop across a chunk boundary does not allocate and free in turn.
#ifndef MG_DEFER_H
#define MG_DEFER_H

#include "runtime.h"

#include <string.h>

typedef void (*mg_thunk)(void *args, void *token);

static inline uint64_t *mg_defer_args(mg_defer *d) {
  return (uint64_t *)((char *)d + MG_DEFER_HEADER);
}

// The block of a special record: the record, after a link that makes the
// pending specials a stack of their own, rooted in mg_defer_stack (see
// "What keeps a pending record alive" in runtime.h).
struct mg_defer_special {
  mg_defer_special *older;  // the next older pending special's block
  _Alignas(8) mg_defer rec; // 8-aligned, as chunk records and their arguments are
};

static inline mg_defer_special *mg_special_block(mg_defer *d) {
  return (mg_defer_special *)((char *)d - offsetof(mg_defer_special, rec));
}


// A runtime built with -DMG_DEFER_MALLOC_EACH gives every record a heap
// block of its own, freed when the call has run, as Go did before it
// aggregated defer allocations: tools/bench.py measures the difference.
#ifdef MG_DEFER_MALLOC_EACH
enum { mg_defer_malloc_each = 1 };
#else
enum { mg_defer_malloc_each = 0 };
#endif

static inline uint32_t mg_defer_record_size(mg_int args_size) {
  return (uint32_t)(MG_DEFER_HEADER + (((size_t)args_size + 7) & ~(size_t)7));
}

// The record allocator (also used by the unit tests). The common cases,
// carving from the current chunk and giving the space back, are inline:
// every defer in a loop goes through them.

// Records that do not fit the current chunk: special ones, chunk switches.
mg_defer *mg_newdefer_slow(mg_defer_stack *s, mg_int args_size, bool noscan);
// (mg_chunk_emptied, in runtime.h, gives back a chunk that popping emptied.)
// Chunks for records without heap pointers, outside the collector (arena.c).
mg_defer_chunk *mg_arena_chunk(void);
void mg_arena_free_chunk(mg_defer_chunk *c);

// The kind of a chunk record, which also indexes its chunk stack.
static inline enum mg_defer_kind mg_chunk_kind(bool noscan) {
  return noscan ? MG_DEFER_NOSCAN_CHUNK : MG_DEFER_CHUNK;
}

static inline mg_defer_chunk **mg_current_chunk(mg_defer_stack *s, bool noscan) {
  return &s->chunk[mg_chunk_kind(noscan)];
}
noreturn void mg_throw(const char *msg);

// Returns a record with room for args_size bytes of arguments, linked as
// the newest pending one. Each record is released by mg_popdefer then
// mg_freedefer.
static inline mg_defer *mg_newdefer(mg_defer_stack *s, mg_int args_size, bool noscan) {
  uint32_t total = mg_defer_record_size(args_size);
  mg_defer_chunk *c = *mg_current_chunk(s, noscan);
  if (mg_defer_malloc_each || c == NULL || total > MG_DEFER_CHUNK_SIZE - c->off ||
      total > MG_DEFER_CHUNK_SIZE / 2)
    return mg_newdefer_slow(s, args_size, noscan);
  mg_defer *d = (mg_defer *)((char *)c + c->off);
  c->off += total;
  d->kind = (uint8_t)mg_chunk_kind(noscan);
  d->size = total - (uint32_t)MG_DEFER_HEADER;
  d->link = s->top;
  s->top = d;
  return d;
}

// Unlinks the newest record. Its memory stays valid until mg_freedefer, so
// its thunk can run after it is off the list (where a nested panic must not
// find it again).
static inline void mg_popdefer(mg_defer_stack *s) {
  mg_defer *d = s->top;
  if (d == NULL)
    mg_throw("popdefer: no pending defer");
  s->top = d->link;
  if (d->kind == MG_DEFER_SPECIAL) {
    mg_defer_special *b = mg_special_block(d);
    if (b != s->special)
      mg_throw("popdefer: records out of order");
    s->special = b->older;
    return;
  }
  // A chunk record is the last one carved from the current chunk of its
  // kind; anything else means the list and the chunks disagree.
  if (d->kind != MG_DEFER_CHUNK && d->kind != MG_DEFER_NOSCAN_CHUNK)
    mg_throw("popdefer: not a chunk record");
  mg_defer_chunk *c = s->chunk[d->kind];
  if (c == NULL)
    mg_throw("popdefer: records out of order");
  uint32_t off = c->off - ((uint32_t)MG_DEFER_HEADER + d->size);
  if ((char *)d != (char *)c + off)
    mg_throw("popdefer: records out of order");
  c->off = off;
  if (off == sizeof(mg_defer_chunk) && c->prev != NULL)
    mg_chunk_emptied(s, d->kind == MG_DEFER_NOSCAN_CHUNK);
}

// Releases a popped record: a special block goes back to the collector, a
// record in a scanned chunk has its arguments cleared so they keep nothing
// alive (an unscanned chunk holds no heap pointers to clear).
void mg_free_special(mg_defer *d);
static inline void mg_freedefer(mg_defer *d) {
  if (d->kind == MG_DEFER_SPECIAL)
    mg_free_special(d);
  else if (d->kind == MG_DEFER_CHUNK && d->size != 0)
    memset(mg_defer_args(d), 0, d->size);
}

// Runs the deferred calls of the panic p (the newest panic) until one
// recovers it, resuming the frame that deferred that call; returns when
// no deferred call is left and the panic is fatal.
struct mg_panic_rec;
void mg_run_panic_defers(struct mg_panic_rec *p);

#endif
