// Proves that compiled code's inline record allocator does what the
// runtime's does. codegen/defer_check.c writes, for a table of defer site
// shapes, the carve of a chunked defer statement and the pop at return,
// built by the same functions as in compiled programs (gen_defer.c); this
// test drives them on the goroutine's defer stack, calling the runtime
// where compiled code would (mg_defer_push; mg_popdefer and mg_freedefer,
// as mg_defer_return does), and the runtime's mg_newdefer and mg_popdefer
// alone on a twin stack, through the same pseudo-random sequences of
// pushes and pops across chunk boundaries. After every step the two must
// agree: whether the inline path carved or popped where the runtime's
// inline part did, and every record's kind, size, frame, thunk and place
// (which chunk of its stack, at which offset), every chunk's offset, the
// spares. Prints where the first ten failing sequences went wrong and
// ends with "N passed, N failed" (each sequence is a check, and so is each
// case the sequences must have gone through).
//
// Built with the object defer_check writes (meson's `defer_inline`,
// tools/defer_inline_test.sh under qemu), so not among ../*.c, which
// tools/build-runtime.sh builds alone.
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "defer.h"
#include "tests/check.h"

typedef struct defer_check_site {
  void *(*carve)(mg_frame *frame, mg_thunk thunk);  // NULL: the runtime's turn
  int32_t (*pop)(mg_defer *d, mg_defer **below);    // 0: the runtime's turn
  int64_t args_size;
  int32_t noscan;
} defer_check_site;
extern const defer_check_site defer_check_sites[];
extern const int32_t defer_check_nsites;

enum { SEQUENCES = 300, MAX_STEPS = 600, MAX_DEPTH = 400 };

// The runtime's allocator alone; the inline path works on *mg_defers.
static mg_defer_stack twin;

static mg_frame frames[3];
static void thunk_a(void *args, void *token) { (void)args, (void)token; }
static void thunk_b(void *args, void *token) { (void)args, (void)token; }
static const mg_thunk thunks[2] = {thunk_a, thunk_b};

// What the sequences made happen, each of which must have happened.
static struct {
  long carved, exact_fill, no_chunk, chunk_full, spare_reused, special;
  long popped, emptied_above, emptied_first, general;
} seen;

static char mismatch[256];

// Says how the stacks differ, for the sequence's report; returns false.
static bool differ(const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(mismatch, sizeof mismatch, fmt, ap);
  va_end(ap);
  return false;
}

// ---------------------------------------------------------------- compare

static bool is_chunk_record(const mg_defer *d) {
  return d->kind == MG_DEFER_CHUNK || d->kind == MG_DEFER_NOSCAN_CHUNK;
}

static bool same_chunk_stacks(int kind) {
  const mg_defer_chunk *a = mg_defers->chunk[kind], *b = twin.chunk[kind];
  for (int depth = 0; a || b; depth++, a = a->prev, b = b->prev) {
    if (!a || !b)
      return differ("kind %d: %s chunk stack is shorter (depth %d)", kind,
                    a ? "runtime's" : "inline path's", depth);
    if (a->off != b->off)
      return differ("kind %d: chunk %d: off %u inline, %u runtime", kind, depth, a->off, b->off);
  }
  const mg_defer_chunk *sa = mg_defers->spare[kind], *sb = twin.spare[kind];
  if (!sa != !sb)
    return differ("kind %d: spare %s inline, %s runtime", kind, sa ? "kept" : "none",
                  sb ? "kept" : "none");
  if (sa && sa->off != sb->off)
    return differ("kind %d: spare's off %u inline, %u runtime", kind, sa->off, sb->off);
  return true;
}

// Walks a stack's records top down and finds each chunk record's place:
// records of a kind lie in their chunk stack in the same order.
typedef struct place_walk {
  const mg_defer_chunk *chunk[2];
  int depth[2];
} place_walk;

static bool find_place(place_walk *w, const mg_defer *d, int *depth, long *off) {
  int k = d->kind;
  const char *p = (const char *)d;
  while (w->chunk[k] &&
         !(p >= (const char *)w->chunk[k] && p < (const char *)w->chunk[k] + MG_DEFER_CHUNK_SIZE)) {
    w->chunk[k] = w->chunk[k]->prev;
    w->depth[k]++;
  }
  if (!w->chunk[k])
    return false;
  *depth = w->depth[k];
  *off = p - (const char *)w->chunk[k];
  return true;
}

static bool same_records(void) {
  place_walk wa = {{mg_defers->chunk[0], mg_defers->chunk[1]}, {0, 0}};
  place_walk wb = {{twin.chunk[0], twin.chunk[1]}, {0, 0}};
  const mg_defer *a = mg_defers->top, *b = twin.top;
  for (int i = 0; a || b; i++, a = a->link, b = b->link) {
    if (!a || !b)
      return differ("record %d: only the %s stack has it", i, a ? "inline path's" : "runtime's");
    if (a->kind != b->kind || a->size != b->size)
      return differ("record %d: kind %d size %u inline, kind %d size %u runtime", i, a->kind,
                    a->size, b->kind, b->size);
    if (a->frame != b->frame || a->thunk != b->thunk)
      return differ("record %d: frame or thunk differ", i);
    if (!is_chunk_record(a))
      continue;
    int da, db;
    long oa, ob;
    if (!find_place(&wa, a, &da, &oa) || !find_place(&wb, b, &db, &ob))
      return differ("record %d: not in a chunk of its kind", i);
    if (da != db || oa != ob)
      return differ("record %d: chunk %d offset %ld inline, chunk %d offset %ld runtime", i, da,
                    oa, db, ob);
  }
  int na = 0, nb = 0;
  for (const mg_defer_special *s = mg_defers->special; s; s = s->older)
    na++;
  for (const mg_defer_special *s = twin.special; s; s = s->older)
    nb++;
  if (na != nb)
    return differ("%d special records inline, %d runtime", na, nb);
  return true;
}

static bool same_stacks(void) {
  return same_chunk_stacks(MG_DEFER_CHUNK) && same_chunk_stacks(MG_DEFER_NOSCAN_CHUNK) &&
         same_records();
}

// ---------------------------------------------------------------- steps

// Whether mg_newdefer carved record d in its inline part: from the chunk c
// that was current before, at the offset off it had.
static bool runtime_carved(const mg_defer *d, int kind, const mg_defer_chunk *c, uint32_t off) {
  return c && d->kind == kind && twin.chunk[kind] == c && (const char *)d == (const char *)c + off;
}

// The push the inline path just made, which agreed with the runtime's:
// carved, or which way the runtime went.
static void count_push(int kind, const mg_defer_chunk *before, const mg_defer_chunk *spare,
                       bool carved) {
  const mg_defer_chunk *now = mg_defers->chunk[kind];
  if (carved) {
    seen.carved++;
    seen.exact_fill += now->off == MG_DEFER_CHUNK_SIZE;
  } else if (mg_defers->top->kind == MG_DEFER_SPECIAL) {
    seen.special++;
  } else if (!before) {
    seen.no_chunk++;
  } else {
    seen.chunk_full++;
    seen.spare_reused += spare && now == spare;
  }
}

// A defer statement of the site: on the twin stack as the runtime's
// mg_defer_push does it, on the goroutine's as compiled code does.
static bool step_push(const defer_check_site *site, mg_frame *frame, mg_thunk thunk) {
  int kind = mg_chunk_kind(site->noscan);
  const mg_defer_chunk *tc = twin.chunk[kind];
  uint32_t toff = tc ? tc->off : 0;
  mg_defer *td = mg_newdefer(&twin, (mg_int)site->args_size, site->noscan);
  td->frame = frame;
  td->thunk = thunk;
  bool runtime_inline = runtime_carved(td, kind, tc, toff);

  const mg_defer_chunk *c = mg_defers->chunk[kind], *spare = mg_defers->spare[kind];
  void *args = site->carve(frame, thunk);
  bool carved = args != NULL;
  if (!carved)
    args = mg_defer_push(frame, thunk, (mg_int)site->args_size, site->noscan);
  if (carved != runtime_inline)
    return differ("push of %lld bytes%s: the inline path %s, the runtime %s",
                  (long long)site->args_size, site->noscan ? " (noscan)" : "",
                  carved ? "carved" : "fell back", runtime_inline ? "carved" : "did not");
  if (args != mg_defer_args(mg_defers->top))
    return differ("push: the argument block is not the new top record's");
  if (!same_stacks())
    return false;
  count_push(kind, c, spare, carved);
  return true;
}

static void count_pop(const mg_defer_chunk *c, int kind, bool popped) {
  if (!popped) {
    seen.general++;
    return;
  }
  seen.popped++;
  if (mg_defers->chunk[kind] != c)
    seen.emptied_above++;
  else if (c->off == sizeof(mg_defer_chunk))
    seen.emptied_first++;
}

// The site's record leaves at return: on the twin stack by mg_popdefer, on
// the goroutine's by compiled code's pop or, where that gives up, by
// mg_popdefer and mg_freedefer as mg_defer_return does.
static bool step_pop(const defer_check_site *site) {
  mg_defer *td = twin.top;
  bool runtime_chunk = is_chunk_record(td);
  mg_popdefer(&twin);
  mg_freedefer(td);

  mg_defer *d = mg_defers->top, *below = NULL;
  int kind = d->kind;
  const mg_defer_chunk *c = is_chunk_record(d) ? mg_defers->chunk[kind] : NULL;
  bool popped = site->pop(d, &below) != 0;
  if (!popped) {
    mg_popdefer(mg_defers);
    mg_freedefer(d);
  }
  if (popped != runtime_chunk)
    return differ("pop of a %lld-byte record: the inline path %s, the runtime %s",
                  (long long)site->args_size, popped ? "popped it" : "gave up",
                  runtime_chunk ? "popped it from its chunk" : "a block of its own");
  if (popped && (below != d->link || mg_defers->top != below))
    return differ("pop: the new top is not the record below");
  if (!same_stacks())
    return false;
  count_pop(c, kind, popped);
  return true;
}

// ---------------------------------------------------------------- sequences

static uint64_t rng_state;

// xorshift64*: the same sequences on every machine.
static uint32_t rng(void) {
  rng_state ^= rng_state >> 12;
  rng_state ^= rng_state << 25;
  rng_state ^= rng_state >> 27;
  return (uint32_t)((rng_state * 0x2545F4914F6CDD1Dull) >> 32);
}

static int rng_below(int n) {
  return (int)(rng() % (uint32_t)n);
}

enum { MAX_SITES = 256 };

// The sites a sequence defers at: one (a loop deferring at one statement,
// which fills chunks to the last byte where its size divides them), a few,
// or all of them.
static int choose_sites(int *pool) {
  int n = defer_check_nsites;
  int size = rng_below(3) == 0 ? 1 : rng_below(2) ? 2 + rng_below(3) : n;
  for (int i = 0; i < size; i++)
    pool[i] = size == n ? i : rng_below(n);
  return size;
}

// Forgets both stacks' chunks (the collector or the arena keeps them), so
// that the next sequence starts without any.
static void reset_stacks(void) {
  memset(mg_defers, 0, sizeof *mg_defers);
  memset(&twin, 0, sizeof twin);
}

// A run of pushes and pops in phases that mostly push or mostly pop, so
// that the depth crosses chunk boundaries both ways, then pops to empty.
// Returns false, with a message, at the first step the stacks differ.
static bool run_sequence(int seq) {
  static int pushed[MAX_DEPTH];
  int pool[MAX_SITES];
  rng_state = 0x9E3779B97F4A7C15ull * (uint64_t)(seq + 1);
  int npool = choose_sites(pool);
  int steps = 100 + rng_below(MAX_STEPS - 100), depth = 0;
  int push_percent = 50, phase_left = 0;
  for (int step = 0; step < steps || depth > 0; step++) {
    if (phase_left-- == 0) {
      static const int percents[] = {90, 70, 50, 30};
      push_percent = percents[rng_below(4)];
      phase_left = 20 + rng_below(60);
    }
    bool push = depth == 0 || (step < steps && depth < MAX_DEPTH && rng_below(100) < push_percent);
    bool ok;
    if (push) {
      pushed[depth++] = pool[rng_below(npool)];
      ok = step_push(&defer_check_sites[pushed[depth - 1]], &frames[rng_below(3)],
                     thunks[rng_below(2)]);
    } else {
      ok = step_pop(&defer_check_sites[pushed[--depth]]);
    }
    if (!ok) {
      if (failed < 10)
        printf("FAIL sequence %d, step %d (%s, depth %d): %s\n", seq, step,
               push ? "push" : "pop", depth, mismatch);
      return false;
    }
  }
  return true;
}

static void test_inline_matches_runtime(void) {
  CHECK(defer_check_nsites <= MAX_SITES);
  CHECK(mg_defers->top == NULL);
  for (int seq = 0; seq < SEQUENCES; seq++) {
    // Every third sequence starts without chunks; the others where the
    // last one left them (a first chunk and spares).
    if (seq % 3 == 0)
      reset_stacks();
    if (run_sequence(seq)) {
      passed++;
    } else {
      failed++;
      reset_stacks();  // whatever the inline path did, start afresh
    }
  }
  reset_stacks();
}

// The sequences went through every case of both paths.
static void test_every_case_seen(void) {
  CHECK(seen.carved > 0);
  CHECK(seen.exact_fill > 0);
  CHECK(seen.no_chunk > 0);
  CHECK(seen.chunk_full > 0);
  CHECK(seen.spare_reused > 0);
  CHECK(seen.special > 0);
  CHECK(seen.popped > 0);
  CHECK(seen.emptied_above > 0);
  CHECK(seen.emptied_first > 0);
  CHECK(seen.general > 0);
  printf("%ld carved (%ld filling a chunk), %ld new chunks (%ld spares), %ld first chunks, "
         "%ld special; %ld popped (%ld emptying a chunk above another, %ld the first), "
         "%ld left to the runtime\n",
         seen.carved, seen.exact_fill, seen.chunk_full, seen.spare_reused, seen.no_chunk,
         seen.special, seen.popped, seen.emptied_above, seen.emptied_first, seen.general);
}

MG_TEST_MAIN(test_inline_matches_runtime, test_every_case_seen)
