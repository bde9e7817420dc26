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

// Chunk size, header included: small enough that a goroutine that defers
// little wastes little, large enough for dozens of typical records. A
// chunk fills the collector's 2048-byte size class: the collector adds a
// byte to each object (so that a pointer just past its end keeps it alive),
// and a 2048-byte request would take a 4096-byte block, doubling the memory
// and the page faults of deferring.
#define MG_DEFER_CHUNK_SIZE (2048 - 16)

typedef void (*mg_thunk)(void *args, void *token);

// A record (runtime.h) is followed by its argument block, 8-byte aligned so
// that any argument type can be stored there; the per-site thunk knows the
// block's layout (the function value, then the arguments).
#define MG_DEFER_HEADER ((sizeof(mg_defer) + 7) & ~(size_t)7)

static inline uint64_t *mg_defer_args(mg_defer *d) {
  return (uint64_t *)((char *)d + MG_DEFER_HEADER);
}

typedef struct mg_defer_chunk mg_defer_chunk;
struct mg_defer_chunk {
  mg_defer_chunk *prev;  // the chunk that was current before this one
  uint32_t off;          // bytes in use, header included
};

// A goroutine's pending deferred calls, newest first.
typedef struct mg_defer_stack {
  mg_defer *top;            // newest pending record, NULL when none
  mg_defer_chunk *chunk;    // the chunk new records are carved from
  mg_defer_chunk *spare;    // an emptied chunk kept for the next switch
} mg_defer_stack;

// The record allocator (also used by the unit tests).
mg_defer *mg_newdefer(mg_defer_stack *s, mg_int args_size);
void mg_popdefer(mg_defer_stack *s);
void mg_freedefer(mg_defer *d);

// Runs the deferred calls of the panic p (the newest panic) until one
// recovers it, resuming the frame that deferred that call; returns when
// no deferred call is left and the panic is fatal.
struct mg_panic_rec;
void mg_run_panic_defers(struct mg_panic_rec *p);

#endif
