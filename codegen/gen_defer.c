// gen_defer.c: defer statements, their thunks, the frame record of a
// function that defers, and recover().
//
// The runtime side is runtime/defer.c; runtime.h describes the protocol.
// A defer statement evaluates the function value and arguments, asks the
// runtime for a record with room for them and stores them there. The call
// itself is made later by a thunk generated for that defer site, which
// loads the stored values and generates the call as if the operands were
// written there, so every kind of call (functions, closures, built-ins,
// fmt) is deferred the same way.
#include "gen.h"

#include "runtime.h"

// A defer site whose thunk is generated once the deferring function is done
// (the builder is busy with that function until then).
typedef struct Thunk {
  Node *call;           // the deferred call
  Vec operands;         // Node*: its operands evaluated at the defer statement
  LLVMTypeRef block;    // the argument block: one field per operand
  LLVMValueRef fn;      // void thunk(i8* block, i8* token)
  Pos pos;
} Thunk;

static Vec pending;     // Thunk* of the function being generated
static int thunk_count;

// ---------------------------------------------------------------- presets

typedef struct Preset {
  Node *node;
  LLVMValueRef value;
} Preset;

static Preset *presets;
static int npresets, presets_cap;

LLVMValueRef preset_value(Node *e) {
  for (int i = 0; i < npresets; i++)
    if (presets[i].node == e)
      return presets[i].value;
  return NULL;
}

static void add_preset(Node *e, LLVMValueRef v) {
  if (npresets == presets_cap) {
    presets_cap = presets_cap ? presets_cap * 2 : 8;
    presets = xrealloc(presets, sizeof *presets * (size_t)presets_cap);
  }
  presets[npresets++] = (Preset){e, v};
}

// ---------------------------------------------------------------- frames

static LLVMTypeRef frame_record_type(void) {
  LLVMTypeRef words = LLVMArrayType(g.t_i64, MG_CONTEXT_WORDS);
  LLVMTypeRef fields[2] = {words, g.t_i8p};
  return LLVMStructTypeInContext(g.ctx, fields, 2, false);
}

// Stores the addresses of the result slots in the frame record. The record
// escapes to the runtime, so the slots do too: the optimizer must keep them
// in memory, where recovery finds the values they last had.
static void publish_results(Frame *f, LLVMTypeRef rec) {
  LLVMValueRef where = LLVMBuildStructGEP2(g.b, rec, f->defer_frame, 1, "");
  if (f->nresults == 0) {
    store(LLVMConstNull(g.t_i8p), where);
    return;
  }
  LLVMTypeRef arr_type = LLVMArrayType(g.t_i8p, (unsigned)f->nresults);
  LLVMValueRef arr = entry_alloca(arr_type, "results");
  for (int i = 0; i < f->nresults; i++) {
    LLVMValueRef idx[2] = {int_val(0), int_val(i)};
    store(as_i8p(f->result_slots[i]), LLVMBuildInBoundsGEP2(g.b, arr_type, arr, idx, 2, ""));
  }
  store(as_i8p(arr), where);
}

// At entry of a function that defers: the frame record, and the context
// that recovery resumes. mg_context_save returns again, non-zero, when a
// deferred call of this activation recovers a panic; the function then
// leaves through its exit block like any return: remaining deferred calls
// run and the results are returned as they stand.
void setup_defer_frame(Frame *f) {
  LLVMTypeRef rec = frame_record_type();
  f->defer_frame = entry_alloca(rec, "frame");
  LLVMSetAlignment(f->defer_frame, 16);
  publish_results(f, rec);
  LLVMValueRef saved = rt_call("mg_context_save", &f->defer_frame, 1);
  LLVMBasicBlockRef run = append_block("run");
  cond_br(LLVMBuildICmp(g.b, LLVMIntNE, saved, LLVMConstInt(g.t_i32, 0, false), ""), f->exit,
          run);
  LLVMPositionBuilderAtEnd(g.b, run);
}

void run_deferred_calls(Frame *f) {
  rt_call("mg_defer_return", &f->defer_frame, 1);
}

// ---------------------------------------------------------------- defer

static bool is_declared_func(Node *callee) {
  return callee->kind == ND_IDENT && callee->sym && callee->sym->kind == SYM_FUNC;
}

// The parts of a call that a defer statement evaluates: the function value
// (unless it names a declared function) and the non-constant arguments.
static void collect_operands(Node *call, Vec *ops) {
  if (call->call_kind == CALL_FUNC) {
    Node *callee = strip_parens(call->lhs);
    if (!is_declared_func(callee))
      vec_push(ops, callee);
  } else if (call->call_kind == CALL_ERROR_METHOD) {
    vec_push(ops, strip_parens(call->lhs)->lhs);
    return;
  }
  for (int i = 0; i < call->list.len; i++) {
    Node *a = call->list.items[i];
    if (a->cval.kind == CONST_NONE)
      vec_push(ops, a);
  }
}

void gen_defer(Node *s) {
  Thunk *t = xcalloc(1, sizeof *t);
  t->call = strip_parens(s->lhs);
  t->pos = s->pos;
  collect_operands(t->call, &t->operands);
  int n = t->operands.len;
  LLVMValueRef vals[n + 1];
  LLVMTypeRef types[n + 1];
  for (int i = 0; i < n; i++)
    hoist_calls(t->operands.items[i]);
  for (int i = 0; i < n; i++) {
    vals[i] = gen_expr(t->operands.items[i]);
    types[i] = LLVMTypeOf(vals[i]);
  }
  t->block = LLVMStructTypeInContext(g.ctx, types, (unsigned)n, false);

  LLVMTypeRef params[2] = {g.t_i8p, g.t_i8p};
  const char *name = format("%s.defer%d", LLVMGetValueName(cur->fn), ++thunk_count);
  t->fn = LLVMAddFunction(g.mod, name, LLVMFunctionType(g.t_void, params, 2, false));
  LLVMSetLinkage(t->fn, LLVMInternalLinkage);

  LLVMValueRef push[3] = {cur->defer_frame, t->fn,
                          int_val((int64_t)LLVMABISizeOfType(g.td, t->block))};
  LLVMValueRef block = bitcast(rt_call("mg_defer_push", push, 3), ptr_to(t->block));
  for (int i = 0; i < n; i++)
    store(vals[i], LLVMBuildStructGEP2(g.b, t->block, block, (unsigned)i, ""));
  vec_push(&pending, t);
}

// thunk(block, token): the deferred call with its stored operands. The
// call it makes passes token on, so the deferred function can recover the
// panic that runs it (and nothing it calls can).
static void gen_thunk(Thunk *t) {
  Frame f = {0};
  begin_frame(&f, t->fn);
  debug_function(t->fn, LLVMGetValueName(t->fn), t->pos.line);
  f.recover_token = LLVMConstNull(g.t_i8p);
  f.call_token = LLVMGetParam(t->fn, 1);
  LLVMBasicBlockRef body = append_block("body");
  LLVMPositionBuilderAtEnd(g.b, body);
  LLVMValueRef block = bitcast(LLVMGetParam(t->fn, 0), ptr_to(t->block));
  for (int i = 0; i < t->operands.len; i++) {
    LLVMValueRef field_ptr = LLVMBuildStructGEP2(g.b, t->block, block, (unsigned)i, "");
    LLVMTypeRef ft = LLVMStructGetTypeAtIndex(t->block, (unsigned)i);
    add_preset(t->operands.items[i], load(ft, field_ptr));
  }
  gen_call(t->call);
  npresets = 0;
  end_frame(&f, body);
}

void gen_pending_thunks(void) {
  for (int i = 0; i < pending.len; i++)
    gen_thunk(pending.items[i]);
  pending.len = 0;
}

// ---------------------------------------------------------------- recover

LLVMValueRef gen_recover(void) {
  LLVMValueRef out = entry_alloca(g.t_iface, "recovered");
  LLVMValueRef args[2] = {out, cur->recover_token};
  rt_call("mg_recover", args, 2);
  return load(g.t_iface, out);
}
