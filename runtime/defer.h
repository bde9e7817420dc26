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
// little wastes little, large enough for dozens of typical records.
#define MG_DEFER_CHUNK_SIZE 2048

typedef void (*mg_thunk)(void *args, void *token);

// One pending deferred call. The argument block follows the header; the
// per-site thunk knows its layout (the function value, then the arguments).
typedef struct mg_defer mg_defer;
struct mg_defer {
  mg_defer *link;     // the next older pending record of this goroutine
  mg_frame *frame;    // the activation that deferred the call
  mg_thunk thunk;     // loads the arguments and makes the call
  uint32_t size;      // bytes in args (a multiple of 8)
  bool special;       // a block of its own rather than part of a chunk
  uint64_t args[];    // 8-byte aligned so any argument type can be stored
};

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
