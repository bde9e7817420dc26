// Unit tests of the defer records' reachability invariant (runtime.h,
// "What keeps a pending record alive"): records of every kind and size,
// linked in every order, survive collections forced between pushes and
// pops, and every call runs once with its arguments intact.
//
// The test keeps its own account of each record only as hidden pointers
// (GC_HIDE_POINTER), so that nothing but the runtime's own structures can
// keep a record or its argument object alive. A finalizer on every block of
// its own (special records, argument objects) says when the collector found
// one unreachable; garbage allocated after each collection overwrites a
// freed chunk. Either way the account shows it before any call is made
// through a lost record, which is then never run or freed.
// Prints one line per failed check and ends with "N passed, N failed".
#include <gc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "defer.h"
#include "tests/check.h"

// How a test record is made. OPEN is an open-coded frame's record, on the
// C stack as compiled code keeps it.
enum push_kind { P_SCANNED, P_NOSCAN, P_SPECIAL, P_SPECIAL_NOSCAN, P_OPEN, P_KINDS };
static const char *const kind_names[P_KINDS] = {"scanned", "noscan", "special",
                                                "special-noscan", "open"};

enum { MAX_RECORDS = 256, OBJECT_WORDS = 24 };

// What the test expects of record i of a sequence.
typedef struct expected {
  enum push_kind kind;
  uint64_t id;
  GC_hidden_pointer record;  // the mg_defer
  GC_hidden_pointer object;  // the heap object its arguments reference
  mg_int args_size;
  int runs;
  bool finalized;  // the collector found its record or object unreachable
} expected;

static struct {
  expected rec[MAX_RECORDS];
  int n;
  int next_to_run;  // records run newest first: the index the next call must have
  bool order_ok;
} seq;

// Open-coded frames and their operands live on the C stack of the sequence.
typedef struct open_operands {
  uint64_t id;
  void *object;
} open_operands;

static mg_frame chunked_frame;  // the frame every chunked test record claims

// Finalizers of earlier sequences may run late: their client data carries
// the sequence number with the record's index.
static unsigned sequence_number;

static void on_finalized(void *block, void *client_data) {
  (void)block;
  uintptr_t v = (uintptr_t)client_data;
  if (v >> 16 == sequence_number)
    seq.rec[v & 0xffff].finalized = true;
}

static void watch(void *block, uint64_t id) {
  uintptr_t v = (uintptr_t)sequence_number << 16 | (uintptr_t)id;
  GC_REGISTER_FINALIZER_NO_ORDER(block, on_finalized, (void *)v, NULL, NULL);
}

// A block freed explicitly must not be finalized later as a record's.
static void unwatch(void *block) {
  GC_REGISTER_FINALIZER_NO_ORDER(block, NULL, NULL, NULL, NULL);
}

static uint64_t pattern(uint64_t id, mg_int i) {
  return id * 0x9e3779b97f4a7c15u ^ (uint64_t)i * 0x2545f4914f6cdd1du;
}

static void *new_object(uint64_t id) {
  uint64_t *o = GC_MALLOC(OBJECT_WORDS * sizeof(uint64_t));
  for (mg_int i = 0; i < OBJECT_WORDS; i++)
    o[i] = pattern(id, i);
  return o;
}

static bool object_intact(const void *p, uint64_t id) {
  const uint64_t *o = p;
  for (mg_int i = 0; i < OBJECT_WORDS; i++)
    if (o[i] != pattern(id, i))
      return false;
  return true;
}

// Arguments: the id, then the object pointer (records that may hold heap
// pointers) or the id again, then a pattern to the end of the block.
static void fill_args(uint64_t *args, mg_int size, uint64_t id, void *object) {
  args[0] = id;
  args[1] = object ? (uint64_t)(uintptr_t)object : ~id;
  for (mg_int i = 2; i < size / 8; i++)
    args[i] = pattern(id, i);
}

static bool args_intact(const uint64_t *args, const expected *e) {
  void *object = e->object ? GC_REVEAL_POINTER(e->object) : NULL;
  if (args[0] != e->id || args[1] != (object ? (uint64_t)(uintptr_t)object : ~e->id))
    return false;
  for (mg_int i = 2; i < e->args_size / 8; i++)
    if (args[i] != pattern(e->id, i))
      return false;
  return object == NULL || object_intact(object, e->id);
}

static void ran(uint64_t id) {
  int i = (int)id;
  if (i != seq.next_to_run || seq.rec[i].finalized)
    seq.order_ok = false;
  seq.next_to_run = i - 1;
  seq.rec[i].runs++;
}

static void chunked_thunk(void *args, void *token) {
  (void)token;
  uint64_t id = ((uint64_t *)args)[0];
  if (id < (uint64_t)seq.n && args_intact(args, &seq.rec[id]))
    ran(id);
  else
    seq.order_ok = false;
}

static void open_thunk(void *frame, void *token) {
  (void)token;
  open_operands *ops = ((mg_frame *)frame)->results;
  expected *e = &seq.rec[ops->id];
  if (ops->object == GC_REVEAL_POINTER(e->object) && object_intact(ops->object, ops->id))
    ran(ops->id);
  else
    seq.order_ok = false;
}

static mg_int args_size_for(enum push_kind k, uint64_t id) {
  mg_int half = MG_DEFER_CHUNK_SIZE / 2;
  switch (k) {
  case P_SCANNED: return 16 + 8 * (mg_int)(id % 24);
  case P_NOSCAN: return 16 + 8 * (mg_int)(id % 7);
  case P_SPECIAL:
  case P_SPECIAL_NOSCAN: return half + 8 * (mg_int)(id % 5);  // over half with the header
  default: return 0;
  }
}

// Pushes record id of kind k; open records use frames[id] and ops[id].
__attribute__((noinline)) static void push(mg_defer_stack *s, enum push_kind k, uint64_t id,
                                           mg_frame *frames, open_operands *ops) {
  expected *e = &seq.rec[id];
  *e = (expected){.kind = k, .id = id, .args_size = args_size_for(k, id)};
  bool noscan = k == P_NOSCAN || k == P_SPECIAL_NOSCAN;
  void *object = noscan ? NULL : new_object(id);
  e->object = object ? GC_HIDE_POINTER(object) : 0;
  if (object)
    watch(object, id);
  if (k == P_OPEN) {
    mg_frame *f = &frames[id];
    ops[id] = (open_operands){id, object};
    memset(f, 0, sizeof *f);
    f->results = &ops[id];
    f->open = (mg_defer){.link = s->top, .frame = f, .thunk = open_thunk, .kind = MG_DEFER_OPEN};
    s->top = &f->open;
    e->record = GC_HIDE_POINTER(&f->open);
    return;
  }
  mg_defer *d = mg_newdefer(s, e->args_size, noscan);
  d->frame = &chunked_frame;
  d->thunk = chunked_thunk;
  fill_args(mg_defer_args(d), e->args_size, id, object);
  e->record = GC_HIDE_POINTER(d);
  if (d->kind == MG_DEFER_SPECIAL)
    watch(GC_base(d), id);
}

// Overwrites the stack below the caller, where dead frames may still hold
// record pointers that would keep them alive for the collector.
__attribute__((noinline)) static void scrub_stack(void) {
  volatile char junk[8192];
  memset((char *)junk, 0, sizeof junk);
}

// A collection, then garbage of the sizes records and chunks have, so that
// a block the collector freed is handed out again and overwritten.
__attribute__((noinline)) static void collect_and_reuse(void) {
  scrub_stack();
  GC_gcollect();
  GC_invoke_finalizers();
  static const size_t sizes[] = {32, 64, 128, 256, 512, 1024, 1536, 2048 - 16, 4096};
  for (int round = 0; round < 8; round++)
    for (size_t i = 0; i < sizeof sizes / sizeof *sizes; i++)
      memset(GC_MALLOC(sizes[i]), 0x5a, sizes[i]);
}

static enum mg_defer_kind runtime_kind(enum push_kind k) {
  switch (k) {
  case P_SCANNED: return MG_DEFER_CHUNK;
  case P_NOSCAN: return MG_DEFER_NOSCAN_CHUNK;
  case P_OPEN: return MG_DEFER_OPEN;
  default: return MG_DEFER_SPECIAL;
  }
}

// Record i as pushed: its kind, its link to record i-1 (or to what was
// below the sequence), its arguments and what they reference.
static bool record_intact(int i, mg_defer *below) {
  const expected *e = &seq.rec[i];
  mg_defer *d = GC_REVEAL_POINTER(e->record);
  if (e->finalized || d->kind != runtime_kind(e->kind) || d->link != (i > 0 ? GC_REVEAL_POINTER(seq.rec[i - 1].record) : below))
    return false;
  if (e->kind == P_OPEN)
    return d->thunk == open_thunk &&
           object_intact(GC_REVEAL_POINTER(e->object), e->id);
  return d->thunk == chunked_thunk && d->frame == &chunked_frame &&
         d->size == (uint32_t)((e->args_size + 7) & ~7) && args_intact(mg_defer_args(d), e);
}

// Makes the pending calls newest first, as mg_defer_return and the panic
// runner do, collecting between calls when asked.
static void run_all(mg_defer_stack *s, mg_defer *below, bool collect) {
  mg_defer *d;
  while ((d = s->top) != below) {
    if (d->kind == MG_DEFER_OPEN) {
      s->top = d->link;
      d->thunk(d->frame, NULL);
    } else {
      mg_popdefer(s);
      d->thunk(mg_defer_args(d), NULL);
      if (d->kind == MG_DEFER_SPECIAL)
        unwatch(GC_base(d));
      mg_freedefer(d);
    }
    if (collect)
      collect_and_reuse();
  }
}

// Pushes records of the given kinds, oldest first, collecting after each
// push; checks every record, then runs them all. Returns whether every call
// ran once, in order, with its arguments intact.
static bool run_sequence(mg_defer_stack *s, const enum push_kind *kinds, int n, bool collect_in_run) {
  mg_frame frames[n];
  open_operands ops[n];
  mg_defer *below = s->top;
  sequence_number++;
  seq.n = n;
  for (int i = 0; i < n; i++) {
    push(s, kinds[i], (uint64_t)i, frames, ops);
    collect_and_reuse();
  }
  for (int i = 0; i < n; i++)
    if (!record_intact(i, below)) {
      // A freed record must not be run (or freed again): leave the stack
      // as it was before the sequence and report.
      s->top = below;
      return false;
    }
  seq.next_to_run = n - 1;
  seq.order_ok = true;
  run_all(s, below, collect_in_run);
  bool ok = seq.order_ok && seq.next_to_run == -1 && s->top == below;
  for (int i = 0; i < n; i++)
    ok = ok && seq.rec[i].runs == 1;
  return ok;
}

static void describe(const enum push_kind *kinds, int n) {
  printf("  sequence (oldest first):");
  for (int i = 0; i < n; i++)
    printf(" %s", kind_names[kinds[i]]);
  printf("\n");
}

// Every ordered triple of kinds: each kind links to each other kind, with
// a third record above or below, and a collection after each push and pop.
static void test_every_linking_order(void) {
  mg_defer_stack s = {0};
  int bad = 0;
  for (int a = 0; a < P_KINDS; a++)
    for (int b = 0; b < P_KINDS; b++)
      for (int c = 0; c < P_KINDS; c++) {
        enum push_kind kinds[3] = {a, b, c};
        if (!run_sequence(&s, kinds, 3, true)) {
          if (bad++ < 8)
            describe(kinds, 3);
          s = (mg_defer_stack){0};  // its chunks may be inconsistent now
        }
      }
  CHECK(bad == 0);
}

// Long random sequences: chunk boundaries crossed in both directions, the
// spare chunks taken and dropped, records of every size pending across
// many collections.
static void test_random_sequences(void) {
  mg_defer_stack s = {0};
  uint32_t x = 12345;
  int bad = 0;
  for (int round = 0; round < 12; round++) {
    enum push_kind kinds[MAX_RECORDS];
    int n = 40 + round * 16;
    for (int i = 0; i < n; i++) {
      x ^= x << 13, x ^= x >> 17, x ^= x << 5;
      kinds[i] = (enum push_kind)(x % P_KINDS);
    }
    if (!run_sequence(&s, kinds, n, round % 2 == 0)) {
      bad++;
      s = (mg_defer_stack){0};
    }
  }
  CHECK(bad == 0);
}

// Records pushed on the goroutine's own stack through mg_defer_push and
// run by mg_defer_return: a special record below records without pointers.
static int pushed_calls_run;
static bool pushed_special_finalized;

static void count_special(void *args, void *token) {
  (void)token;
  uint64_t *a = args;
  void *object = (void *)(uintptr_t)a[1];
  if (a[0] == 7 && object_intact(object, 7))
    pushed_calls_run++;
}

static void count_noscan(void *args, void *token) {
  (void)token;
  if (((uint64_t *)args)[0] == 8)
    pushed_calls_run++;
}

static void on_pushed_special_finalized(void *block, void *client_data) {
  (void)block;
  (void)client_data;
  pushed_special_finalized = true;
}

__attribute__((noinline)) static void push_through_runtime(mg_frame *f) {
  mg_int big = MG_DEFER_CHUNK_SIZE / 2;
  uint64_t *a = mg_defer_push(f, count_special, big, false);
  fill_args(a, big, 7, new_object(7));
  GC_REGISTER_FINALIZER_NO_ORDER(GC_base(a), on_pushed_special_finalized, NULL, NULL, NULL);
  for (int i = 0; i < 50; i++)
    ((uint64_t *)mg_defer_push(f, count_noscan, 8, true))[0] = 8;
}

static void test_runtime_entry_points(void) {
  mg_frame f;
  push_through_runtime(&f);
  collect_and_reuse();
  // A lost record must not be run, nor freed a second time.
  CHECK(!pushed_special_finalized);
  if (pushed_special_finalized)
    return;
  mg_defer *d = mg_defers->top;
  while (d->kind == MG_DEFER_NOSCAN_CHUNK)
    d = d->link;
  GC_REGISTER_FINALIZER_NO_ORDER(GC_base(d), NULL, NULL, NULL, NULL);
  mg_defer_return(&f);
  CHECK(pushed_calls_run == 51);
}

MG_TEST_MAIN(test_every_linking_order, test_random_sequences, test_runtime_entry_points)
