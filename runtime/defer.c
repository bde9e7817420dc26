// defer.c: defer records in per-goroutine chunks, running them at return
// and during a panic, and recover.
#include <gc.h>
#include <string.h>

#include "internal.h"

// A special record's block, pushed on the stack's chain of specials: the
// record below it may be in an unscanned chunk, whose link to it the
// collector would never see. The block stays collectable (GC_MALLOC zeroes
// and is scanned) so that one a recovered panic unwinds past, mid-call, is
// not lost for good.
static mg_defer *new_special(mg_defer_stack *s, mg_int args_size) {
  size_t total = offsetof(mg_defer_special, rec) + mg_defer_record_size(args_size);
  mg_defer_special *b = GC_MALLOC(total);
  if (!b)
    mg_throw("out of memory allocating a defer record");
  MG_STATS_COUNT(total);
  b->older = s->special;
  s->special = b;
  b->rec.kind = MG_DEFER_SPECIAL;
  return &b->rec;
}

static mg_defer_chunk **spare_chunk(mg_defer_stack *s, bool noscan) {
  return &s->spare[mg_chunk_kind(noscan)];
}

// Switches to the spare chunk, or a new one.
static void next_chunk(mg_defer_stack *s, bool noscan) {
  mg_defer_chunk **chunk = mg_current_chunk(s, noscan), **spare = spare_chunk(s, noscan);
  mg_defer_chunk *c = *spare;
  if (c == NULL) {
    c = noscan ? mg_arena_chunk() : GC_MALLOC(MG_DEFER_CHUNK_SIZE);
    if (!c)
      mg_throw("out of memory allocating a defer chunk");
    if (!noscan)
      MG_STATS_COUNT(MG_DEFER_CHUNK_SIZE);
  }
  c->prev = *chunk;
  c->off = sizeof(mg_defer_chunk);
  *chunk = c;
  *spare = NULL;
}

mg_defer *mg_newdefer_slow(mg_defer_stack *s, mg_int args_size, bool noscan) {
  uint32_t total = mg_defer_record_size(args_size);
  mg_defer *d;
  if (mg_defer_malloc_each || total > MG_DEFER_CHUNK_SIZE / 2) {
    // Not worth a chunk: it would waste most of one (or, in the
    // malloc-each mode, every record gets a block of its own).
    d = new_special(s, args_size);
    d->size = total - (uint32_t)MG_DEFER_HEADER;
    d->link = s->top;
    s->top = d;
    return d;
  }
  next_chunk(s, noscan);
  return mg_newdefer(s, args_size, noscan);
}

// A chunk above another one emptied: keep it as the spare, so that
// deferring across the boundary again reuses it instead of allocating. The
// old spare holds no record in use (a popped record whose call is running
// is in the chunk just emptied): a scanned one is left to the collector,
// an unscanned one, which the collector never sees, goes back to the arena. The
// goroutine's first chunk simply stays current when it empties.
void mg_chunk_emptied(mg_defer_stack *s, bool noscan) {
  mg_defer_chunk **chunk = mg_current_chunk(s, noscan), **spare = spare_chunk(s, noscan);
  mg_defer_chunk *c = *chunk;
  if (noscan && *spare != NULL)
    mg_arena_free_chunk(*spare);
  *spare = c;
  *chunk = c->prev;
}

void mg_free_special(mg_defer *d) {
  GC_FREE(mg_special_block(d));
}

void *mg_defer_push(mg_frame *frame, mg_thunk thunk, mg_int args_size, bool noscan) {
  mg_defer *d = mg_newdefer(&mg_getg()->defers, args_size, noscan);
  d->frame = frame;
  d->thunk = thunk;
  return mg_defer_args(d);
}

// Runs the frame's pending deferred calls, newest first. A deferred call
// run here is not run by a panic, so it gets no recover token.
void mg_defer_return(mg_frame *frame) {
  mg_defer_stack *s = &mg_getg()->defers;
  mg_defer *d;
  while ((d = s->top) != NULL && d->frame == frame) {
    mg_popdefer(s);
    d->thunk(mg_defer_args(d), NULL);
    mg_freedefer(d);
  }
}

// recover(): the value of the running panic, when called directly by the
// deferred function that panic is running (token is that panic) and the
// panic is not yet recovered; nil otherwise (and for runtime.Goexit).
void mg_recover(mg_iface *out, void *token) {
  mg_panic_rec *p = mg_getg()->panic;
  if (p != NULL && token == p && !p->recovered && !p->aborted && !p->goexit) {
    p->recovered = true;
    mg_panic_value_copy(out, p);
    return;
  }
  out->type = NULL;
  out->data = NULL;
}

// A panic about to run record d has unwound past the deferred call of every
// older panic whose resume point is d: those are aborted.
static void abort_unwound_panics(mg_panic_rec *p, mg_defer *d) {
  for (mg_panic_rec *q = p->link; q != NULL; q = q->link)
    if (!q->aborted && q->resume_at == d)
      q->aborted = true;
}

// Makes the newest pending call of record d (the top one), by which the
// panic p unwinds, and returns the frame that deferred it.
static mg_frame *run_one(mg_defer_stack *s, mg_defer *d, mg_panic_rec *p) {
  mg_frame *frame = d->frame;
  if (d->kind == MG_DEFER_OPEN) {
    // The runner clears the call's bit before making it; the record stays
    // on the list while the frame has pending calls.
    p->resume_at = d;
    d->thunk(frame, p);
    return frame;
  }
  mg_popdefer(s);
  p->resume_at = d->link;
  d->thunk(mg_defer_args(d), p);
  mg_freedefer(d);
  return frame;
}

void mg_run_panic_defers(mg_panic_rec *p) {
  mg_g *g = mg_getg();
  mg_defer *d;
  while ((d = g->defers.top) != NULL) {
    abort_unwound_panics(p, d);
    if (d->kind == MG_DEFER_OPEN && d->frame->open_bits == 0) {
      // An open-coded frame with nothing left to run: the panic unwinds it.
      g->defers.top = d->link;
      continue;
    }
    mg_frame *frame = run_one(&g->defers, d, p);
    if (p->recovered) {
      // Drop this panic and any it aborted; resume the deferring frame,
      // which runs its remaining deferred calls and returns.
      g->panic = p->link;
      while (g->panic != NULL && g->panic->aborted)
        g->panic = g->panic->link;
      if (g->panic == NULL)
        g->sig = 0;  // no fault is being reported any more
      mg_context_resume(&frame->ctx, 1);
    }
  }
}

// The runner of an mg_recovering frame, run by the panic (token) that the
// called method raised: recovers it, as the deferred function's recover()
// would, and hands its value on.
static void recovering_runner(void *frame, void *token) {
  mg_recovering *r = frame;
  r->frame.open_bits = 0;
  mg_iface value;
  mg_recover(&value, token);
  r->on_panic(r->env, &value);
}

void mg_recovering_init(mg_recovering *r,
                        void (*on_panic)(void *env, const mg_iface *value), void *env) {
  // Only the fields a panic reads are set: the context is saved by each
  // call, and clearing it here would cost as much again.
  r->frame.open.frame = &r->frame;
  r->frame.open.thunk = recovering_runner;
  r->frame.open.kind = MG_DEFER_OPEN;
  r->on_panic = on_panic;
  r->env = env;
}

bool mg_call_recovering(mg_recovering *r, mg_string_method fn, mg_string *out, void *data) {
  mg_defer_stack *s = &mg_getg()->defers;
  r->frame.open.link = s->top;
  r->frame.open_bits = 1;
  s->top = &r->frame.open;
  if (mg_context_save(&r->frame.ctx) == 0) {
    fn(out, NULL, data);
    s->top = r->frame.open.link;
    return false;
  }
  // Resumed after on_panic returned: every record above ours is gone.
  s->top = r->frame.open.link;
  return true;
}
