// gen_defer.c: defer statements, the frame record of a function that
// defers, and recover(). runtime.h describes the protocol with the runtime
// (runtime/defer.c).
//
// A defer statement evaluates the function value and the arguments and
// keeps them; the call is made later by generating it as if the kept values
// were written in its place (ready values kept on the frame, frame.c), so
// every kind of call (functions, closures, built-ins, fmt) is deferred the
// same way. Where the values are kept depends on the function:
//   open-coded: in a stack slot per defer site, with a bit per site; the
//               calls are generated inline in the exit block, and once more
//               in a per-function runner that a panic calls;
//   chunked:    (a defer in a loop) in a record from the goroutine's chunks;
//               a thunk per site makes the call.
#include "gen.h"

#include "runtime.h"

#include <string.h>

// Open-coded frames track pending sites in a 32-bit mask.
#define MAX_OPEN_SITES 32

// One defer site: the call and the operands its defer statement evaluates.
typedef struct Site {
  Node *call;
  Vec operands;         // Node*
  LLVMTypeRef block;    // where the operands are kept: one field each
  LLVMValueRef slot;    // open-coded: the stack slot (in the deferring frame)
  LLVMValueRef thunk;   // chunked: void thunk(i8* block, i8* token)
  // chunked: the record's kind when it comes from a chunk (MG_DEFER_CHUNK
  // or MG_DEFER_NOSCAN_CHUNK), -1 when it is too big to; its total size.
  int chunk_kind;
  uint64_t record_size;
  // `defer recover()`: the deferring function's recover token, kept as the
  // block's last field. Go's deferred recover() acts as if that function
  // called it on its way out: it recovers the panic that is running the
  // function as a deferred call, and nothing else.
  bool keeps_token;
  Pos pos;
} Site;

static LLVMValueRef block_field(Site *s, LLVMValueRef block, int i) {
  LLVMValueRef field_ptr = LLVMBuildStructGEP2(gen.b, s->block, block, (unsigned)i, "");
  return load(LLVMStructGetTypeAtIndex(s->block, (unsigned)i), field_ptr);
}

// Generates the site's call with its operands loaded from block. token is
// what the callee gets: the runtime's token in a thunk or runner, NULL at a
// normal return.
static void gen_deferred_call(Site *s, LLVMValueRef block, LLVMValueRef token) {
  LLVMValueRef saved_recover = gen.frame->recover_token, saved_call = gen.frame->call_token;
  int n = s->operands.len;
  gen.frame->recover_token = s->keeps_token ? block_field(s, block, n) : LLVMConstNull(gen.t_i8p);
  gen.frame->call_token = token;
  for (int i = 0; i < n; i++)
    frame_set_ready(s->operands.items[i], block_field(s, block, i), true);
  gen_call(s->call);
  frame_drop_kept();
  gen.frame->recover_token = saved_recover;
  gen.frame->call_token = saved_call;
}

// ---------------------------------------------------------------- frames

// The runtime structs below come from runtime/layouts.def (layout.c).

// mg_frame; without its last field, ctx, for a frame that is never resumed.
static LLVMTypeRef frame_type(bool with_context) {
  return layout_prefix(LS_mg_frame, with_context ? LF_mg_frame_ctx + 1 : LF_mg_frame_ctx);
}

static LLVMValueRef frame_field(Frame *f, unsigned i) {
  return LLVMBuildStructGEP2(gen.b, layout_type(LS_mg_frame), f->defer_frame, i, "");
}

static LLVMValueRef open_field(Frame *f, unsigned i) {
  return LLVMBuildStructGEP2(gen.b, layout_type(LS_mg_defer), frame_field(f, LF_mg_frame_open), i,
                             "");
}

// The running goroutine's defer stack (mg_defers).
static LLVMValueRef defer_stack(void) {
  LLVMValueRef gv = LLVMGetNamedGlobal(gen.mod, "mg_defers");
  if (!gv)
    gv = LLVMAddGlobal(gen.mod, gen.t_i8p, "mg_defers");
  return bitcast(load(gen.t_i8p, gv), ptr_to(layout_type(LS_mg_defer_stack)));
}

static LLVMValueRef stack_field(LLVMValueRef stack, unsigned i) {
  return LLVMBuildStructGEP2(gen.b, layout_type(LS_mg_defer_stack), stack, i, "");
}

// The address of the stack's current chunk of a record kind.
static LLVMValueRef stack_chunk(LLVMValueRef stack, int kind) {
  LLVMValueRef idx[3] = {LLVMConstInt(gen.t_i32, 0, false),
                         LLVMConstInt(gen.t_i32, LF_mg_defer_stack_chunk, false),
                         LLVMConstInt(gen.t_i32, (unsigned)kind, false)};
  return LLVMBuildInBoundsGEP2(gen.b, layout_type(LS_mg_defer_stack), stack, idx, 3, "");
}

// The address of a chunk's offset of its first free byte.
static LLVMValueRef chunk_off(LLVMValueRef chunk) {
  LLVMTypeRef ct = layout_type(LS_mg_defer_chunk);
  return LLVMBuildStructGEP2(gen.b, ct, bitcast(chunk, ptr_to(ct)), LF_mg_defer_chunk_off, "");
}

// The address of the running goroutine's newest-record pointer.
static LLVMValueRef defer_top(void) {
  return bitcast(stack_field(defer_stack(), LF_mg_defer_stack_top), ptr_to(gen.t_i8p));
}

// Stores the addresses of the result slots in the frame record. The record
// escapes to the runtime, so the slots do too: the optimizer must keep them
// in memory, where recovery finds the values they last had.
static void publish_results(Frame *f) {
  if (f->nresults == 0)
    return;
  LLVMTypeRef arr_type = LLVMArrayType(gen.t_i8p, (unsigned)f->nresults);
  LLVMValueRef arr = frame_alloca(arr_type, "results");
  for (int i = 0; i < f->nresults; i++) {
    LLVMValueRef idx[2] = {ll_int(0), ll_int(i)};
    store(as_i8p(f->result_slots[i]), LLVMBuildInBoundsGEP2(gen.b, arr_type, arr, idx, 2, ""));
  }
  store(as_i8p(arr), frame_field(f, LF_mg_frame_results));
}

// Whether the deferred call could recover a panic: a function or method
// that calls recover() itself, a function value or a method called
// through an interface (they might), or recover() itself.
static bool may_recover(Node *call) {
  if (call->call_kind == CALL_RECOVER)
    return true;  // for a function a panic runs as a deferred call
  if (call->call_kind == CALL_METHOD) {
    Method *m = node_unparen(call->lhs)->method;
    return m->iface || m->decl->func->calls_recover;
  }
  if (call->call_kind != CALL_FUNC)
    return false;  // built-ins
  Node *callee = node_unparen(call->lhs);
  if (callee->kind == ND_FUNCLIT)
    return callee->func->calls_recover;
  if (callee->kind == ND_IDENT && callee->sym && callee->sym->kind == SYM_FUNC)
    return callee->sym->decl->func->calls_recover;
  return true;
}

// The open-coded frame's record goes on the goroutine's defer list, so that
// a panic finds its pending calls in stack order with everyone else's.
static void link_open_record(Frame *f, int nsites) {
  LLVMValueRef slots = frame_alloca(LLVMArrayType(gen.t_i8p, (unsigned)nsites), "open.slots");
  store(as_i8p(slots), frame_field(f, LF_mg_frame_open_slots));
  store(LLVMConstInt(gen.t_i32, 0, false), frame_field(f, LF_mg_frame_open_bits));
  LLVMTypeRef params[2] = {gen.t_i8p, gen.t_i8p};
  f->open_runner = LLVMAddFunction(gen.mod, xformat("%s.opendefers", LLVMGetValueName(f->fn)),
                                   LLVMFunctionType(gen.t_void, params, 2, false));
  LLVMSetLinkage(f->open_runner, LLVMInternalLinkage);
  LLVMValueRef top = defer_top();
  store(load(gen.t_i8p, top), open_field(f, LF_mg_defer_link));
  store(as_i8p(f->defer_frame), open_field(f, LF_mg_defer_frame));
  store(as_i8p(f->open_runner), open_field(f, LF_mg_defer_thunk));
  // size means nothing for an open record: the runtime looks at it only
  // for records of the other kinds.
  store(LLVMConstInt(gen.t_i8, MG_DEFER_OPEN, false), open_field(f, LF_mg_defer_kind));
  store(as_i8p(frame_field(f, LF_mg_frame_open)), top);
}

static LLVMValueRef intrinsic(const char *name, LLVMTypeRef *overload, int n,
                              LLVMValueRef *args, int nargs) {
  unsigned id = LLVMLookupIntrinsicID(name, strlen(name));
  LLVMValueRef fn = LLVMGetIntrinsicDeclaration(gen.mod, id, overload, (size_t)n);
  LLVMTypeRef fty = LLVMIntrinsicGetType(gen.ctx, id, overload, (size_t)n);
  return LLVMBuildCall2(gen.b, fty, fn, args, (unsigned)nargs, "");
}

// Saves the resume context; returns 0, and non-zero when resumed. On amd64
// LLVM's own setjmp does it inline: it stores the frame pointer, the stack
// pointer and the resume address (the layout runtime/arch/amd64/context.S
// resumes), and makes the code after it assume every register clobbered,
// so nothing needs saving but those three. Elsewhere the runtime's
// mg_context_save saves the callee-saved registers.
static LLVMValueRef save_context(Frame *f) {
  LLVMValueRef ctx = frame_field(f, LF_mg_frame_ctx);
  if (gen.opts->target->context_save == CONTEXT_SAVE_RUNTIME)
    return rt_call("mg_context_save", &ctx, 1);
  LLVMValueRef words = bitcast(ctx, ptr_to(gen.t_i8p));
  LLVMValueRef zero = LLVMConstInt(gen.t_i32, 0, false), two = ll_int(2);
  store(intrinsic("llvm.frameaddress", &gen.t_i8p, 1, &zero, 1), words);
  store(intrinsic("llvm.stacksave", NULL, 0, NULL, 0),
        LLVMBuildInBoundsGEP2(gen.b, gen.t_i8p, words, &two, 1, ""));
  LLVMValueRef buf = as_i8p(words);
  LLVMValueRef call = intrinsic("llvm.eh.sjlj.setjmp", NULL, 0, &buf, 1);
  // The intrinsic alone does not tell the code generator that the function
  // returns twice; without that it shares stack slots between values live
  // on the two returns (the first run writes a slot the resumed code reads).
  unsigned kind = LLVMGetEnumAttributeKindForName("returns_twice", 13);
  LLVMAddCallSiteAttribute(call, LLVMAttributeFunctionIndex,
                           LLVMCreateEnumAttribute(gen.ctx, kind, 0));
  return call;
}

// Whether nothing after the defer statement d can panic: d is a statement
// of the function's body, followed only by returns of constants and
// variables. Then a panic can only come from the deferred call itself, whose
// bit is already clear, so no panic ever finds a call of this frame pending
// and nothing can resume it: `defer f(); return` needs no context.
static bool defer_ends_body(Node *body, Node *d) {
  int i = 0;
  while (i < body->list.len && body->list.items[i] != d)
    i++;
  if (i == body->list.len)
    return false;
  for (i++; i < body->list.len; i++) {
    Node *s = body->list.items[i];
    if (s->kind == ND_EMPTY || s->kind == ND_TYPE_DECL)
      continue;
    if (s->kind != ND_RETURN)
      return false;
    for (int k = 0; k < s->values.len; k++) {
      Node *v = node_unparen(s->values.items[k]);
      if (v->cval.kind == CONST_NONE && v->kind != ND_IDENT)
        return false;
    }
  }
  return true;
}

// At entry of a function that defers: the frame record, and the context
// that recovery resumes if a deferred call may recover. It returns again, non-zero, when a
// deferred call of this activation recovers a panic; the function then
// leaves through its exit block like any return: remaining deferred calls
// run and the results are returned as they stand.
void gen_defer_prologue(Frame *f) {
  Vec defers = f->fi->defers;
  f->open_coded =
      !gen.opts->chunked_defers && !f->fi->defer_in_loop && defers.len <= MAX_OPEN_SITES;
  bool resumable = false;
  for (int i = 0; i < defers.len; i++)
    resumable |= may_recover(node_unparen(((Node *)defers.items[i])->lhs));
  if (f->open_coded && defers.len == 1 && defer_ends_body(f->fi->node->body, defers.items[0]))
    resumable = false;
  LLVMValueRef record = frame_alloca(frame_type(resumable), "frame");
  LLVMSetAlignment(record, 16);
  f->defer_frame =
      LLVMBuildBitCast(gen.frame->allocas, record, ptr_to(layout_type(LS_mg_frame)), "");
  if (f->open_coded)
    link_open_record(f, defers.len);
  if (!resumable)
    return;  // nothing will ever resume this frame
  publish_results(f);
  LLVMValueRef saved = save_context(f);
  LLVMBasicBlockRef run = frame_block("run");
  cond_br(LLVMBuildICmp(gen.b, LLVMIntNE, saved, LLVMConstInt(gen.t_i32, 0, false), ""), f->exit,
          run);
  LLVMPositionBuilderAtEnd(gen.b, run);
}

// ---------------------------------------------------------------- open-coded

static LLVMValueRef site_bit(int k) {
  return LLVMConstInt(gen.t_i32, 1ull << k, false);
}

// Where site k's operands are: its stack slot, found directly in the
// deferring function and through the frame's slot table in the runner.
static LLVMValueRef site_operands(Frame *f, int k, bool via_table) {
  Site *s = f->open_sites.items[k];
  if (!via_table)
    return s->slot;
  LLVMValueRef table =
      bitcast(load(gen.t_i8p, frame_field(f, LF_mg_frame_open_slots)), ptr_to(gen.t_i8p));
  LLVMValueRef idx = ll_int(k);
  LLVMValueRef entry = LLVMBuildInBoundsGEP2(gen.b, gen.t_i8p, table, &idx, 1, "");
  return bitcast(load(gen.t_i8p, entry), ptr_to(s->block));
}

// Makes site k's call if its bit is set, clearing the bit first so that a
// panic in the call does not make it again; then goes on at `after` (or
// with the next site when after is NULL).
static void call_if_pending(Frame *f, int k, bool via_table, LLVMValueRef token,
                            LLVMBasicBlockRef after) {
  LLVMValueRef bits_ptr = frame_field(f, LF_mg_frame_open_bits);
  LLVMValueRef bits = load(gen.t_i32, bits_ptr);
  LLVMValueRef pending = LLVMBuildICmp(gen.b, LLVMIntNE, LLVMBuildAnd(gen.b, bits, site_bit(k), ""),
                                       LLVMConstInt(gen.t_i32, 0, false), "");
  LLVMBasicBlockRef call = frame_block("defer.call"), next = frame_block("defer.next");
  cond_br(pending, call, next);
  LLVMPositionBuilderAtEnd(gen.b, call);
  store(LLVMBuildAnd(gen.b, bits, LLVMConstNot(site_bit(k)), ""), bits_ptr);
  gen_deferred_call(f->open_sites.items[k], site_operands(f, k, via_table), token);
  if (ll_block_open())
    br(after ? after : next);
  LLVMPositionBuilderAtEnd(gen.b, next);
}

// The exit block of an open-coded function: pending calls newest first,
// then the frame's record leaves the defer list.
static void run_open_defers(Frame *f) {
  for (int k = f->open_sites.len - 1; k >= 0; k--)
    call_if_pending(f, k, false, LLVMConstNull(gen.t_i8p), NULL);
  store(load(gen.t_i8p, open_field(f, LF_mg_defer_link)), defer_top());
}

// runner(frame, token): for a panic, makes the newest pending call of an
// open-coded frame, passing the panic's token on.
static void gen_open_runner(Frame *owner) {
  Frame f = {0};
  frame_begin(&f, owner->open_runner);
  debug_function(f.fn, owner->fi->node->pos.file, owner->fi->node->pos.line);
  LLVMBasicBlockRef body = frame_block("body");
  LLVMPositionBuilderAtEnd(gen.b, body);
  f.recover_token = f.call_token = LLVMConstNull(gen.t_i8p);
  f.defer_frame = bitcast(LLVMGetParam(f.fn, 0), ptr_to(layout_type(LS_mg_frame)));
  f.open_sites = owner->open_sites;
  for (int k = f.open_sites.len - 1; k >= 0; k--)
    call_if_pending(&f, k, true, LLVMGetParam(f.fn, 1), f.exit);
  frame_end(&f, body);
}

// The defer statement of an open-coded site: operands into the site's
// slot, the slot into the frame's table, the site's bit set.
static void defer_open(Site *s, LLVMValueRef *vals) {
  int k = gen.frame->open_sites.len;
  vec_push(&gen.frame->open_sites, s);
  s->slot = frame_alloca(s->block, "defer.slot");
  for (unsigned i = 0; i < LLVMCountStructElementTypes(s->block); i++)
    store(vals[i], LLVMBuildStructGEP2(gen.b, s->block, s->slot, i, ""));
  LLVMValueRef table =
      bitcast(load(gen.t_i8p, frame_field(gen.frame, LF_mg_frame_open_slots)), ptr_to(gen.t_i8p));
  LLVMValueRef idx = ll_int(k);
  store(as_i8p(s->slot), LLVMBuildInBoundsGEP2(gen.b, gen.t_i8p, table, &idx, 1, ""));
  LLVMValueRef bits_ptr = frame_field(gen.frame, LF_mg_frame_open_bits);
  store(LLVMBuildOr(gen.b, load(gen.t_i32, bits_ptr), site_bit(k), ""), bits_ptr);
}

// ---------------------------------------------------------------- chunked

// Whether the site's operands include a heap pointer (the recover token
// points to the C stack, not the heap).
static bool operands_have_pointers(Site *s) {
  for (int i = 0; i < s->operands.len; i++) {
    Type *t = gen_type_of(s->operands.items[i]);
    Vec single = {.items = (void **)&t, .len = 1};
    Vec *types = t->kind == TY_TUPLE ? &t->results : &single;
    for (int k = 0; k < types->len; k++)
      if (ll_has_pointers(types->items[k]))
        return true;
  }
  return false;
}

// MG_DEFER_HEADER for the target, not for the machine compiling.
static uint64_t record_header_size(void) {
  return (LLVMABISizeOfType(gen.td, layout_type(LS_mg_defer)) + 7) & ~(uint64_t)7;
}

// Where a site's records come from, as mg_newdefer decides: a chunk of
// their kind, unless they are larger than half a chunk (-1).
int defer_record_kind(bool noscan, uint64_t args_size, uint64_t *record_size) {
  *record_size = record_header_size() + ((args_size + 7) & ~(uint64_t)7);
  if (*record_size > MG_DEFER_CHUNK_SIZE / 2)
    return -1;
  return noscan ? MG_DEFER_NOSCAN_CHUNK : MG_DEFER_CHUNK;
}

static void classify_site_records(Site *s, bool noscan, uint64_t args_size) {
  s->chunk_kind = defer_record_kind(noscan, args_size, &s->record_size);
}

// Carves a record of `kind` and `total` bytes for frame and thunk from the
// running goroutine's current chunk when it has room, as mg_newdefer does,
// and returns its argument block; NULL (and nothing emitted) when such
// records never come from a chunk (kind -1). The runtime is called
// otherwise, at `slow`; the two are joined at `done`.
LLVMValueRef defer_carve_inline(int kind, uint64_t total, LLVMValueRef frame, LLVMValueRef thunk,
                                LLVMBasicBlockRef slow, LLVMBasicBlockRef done) {
  if (kind < 0)
    return NULL;
  uint64_t header = record_header_size();
  LLVMValueRef stack = defer_stack();
  LLVMValueRef chunk = load(gen.t_i8p, stack_chunk(stack, kind));
  LLVMBasicBlockRef has_chunk = frame_block("carve.chunk"), fits = frame_block("carve");
  cond_br(LLVMBuildIsNotNull(gen.b, chunk, ""), has_chunk, slow);
  LLVMPositionBuilderAtEnd(gen.b, has_chunk);
  LLVMValueRef off_ptr = chunk_off(chunk);
  LLVMValueRef off = load(gen.t_i32, off_ptr);
  LLVMValueRef room = LLVMConstInt(gen.t_i32, MG_DEFER_CHUNK_SIZE - total, false);
  cond_br(LLVMBuildICmp(gen.b, LLVMIntULE, off, room, ""), fits, slow);
  LLVMPositionBuilderAtEnd(gen.b, fits);
  store(LLVMBuildAdd(gen.b, off, LLVMConstInt(gen.t_i32, total, false), ""), off_ptr);
  LLVMValueRef rec = bitcast(LLVMBuildInBoundsGEP2(gen.b, gen.t_i8, chunk, &off, 1, ""),
                             ptr_to(layout_type(LS_mg_defer)));
  LLVMValueRef top = bitcast(stack_field(stack, LF_mg_defer_stack_top), ptr_to(gen.t_i8p));
  LLVMTypeRef rt = layout_type(LS_mg_defer);
  store(load(gen.t_i8p, top), LLVMBuildStructGEP2(gen.b, rt, rec, LF_mg_defer_link, ""));
  store(as_i8p(frame), LLVMBuildStructGEP2(gen.b, rt, rec, LF_mg_defer_frame, ""));
  store(as_i8p(thunk), LLVMBuildStructGEP2(gen.b, rt, rec, LF_mg_defer_thunk, ""));
  store(LLVMConstInt(gen.t_i32, total - header, false),
        LLVMBuildStructGEP2(gen.b, rt, rec, LF_mg_defer_size, ""));
  store(LLVMConstInt(gen.t_i8, (unsigned)kind, false),
        LLVMBuildStructGEP2(gen.b, rt, rec, LF_mg_defer_kind, ""));
  store(as_i8p(rec), top);
  LLVMValueRef args_off = LLVMConstInt(gen.t_i32, header, false);
  LLVMValueRef args = LLVMBuildInBoundsGEP2(gen.b, gen.t_i8, as_i8p(rec), &args_off, 1, "");
  br(done);
  return args;
}

// The defer statement of a chunked site: a record from the goroutine's
// chunks (carved inline, or from the runtime), the operands into its block.
static void defer_chunked(Site *s, LLVMValueRef *vals) {
  LLVMTypeRef params[2] = {gen.t_i8p, gen.t_i8p};
  const char *name =
      xformat("%s.defer%d", LLVMGetValueName(gen.frame->fn), gen.frame->chunked_sites.len + 1);
  s->thunk = LLVMAddFunction(gen.mod, name, LLVMFunctionType(gen.t_void, params, 2, false));
  LLVMSetLinkage(s->thunk, LLVMInternalLinkage);
  bool noscan = !operands_have_pointers(s);
  uint64_t size = LLVMABISizeOfType(gen.td, s->block);
  LLVMBasicBlockRef slow = frame_block("defer.push"), done = frame_block("defer.pushed");
  LLVMBasicBlockRef carved_in = NULL;
  classify_site_records(s, noscan, size);
  LLVMValueRef carved = defer_carve_inline(s->chunk_kind, s->record_size, gen.frame->defer_frame,
                                           s->thunk, slow, done);
  if (carved)
    carved_in = LLVMGetInsertBlock(gen.b);
  else
    br(slow);
  LLVMPositionBuilderAtEnd(gen.b, slow);
  LLVMValueRef push[4] = {gen.frame->defer_frame, s->thunk, ll_int((int64_t)size),
                          LLVMConstInt(gen.t_i1, noscan, false)};
  LLVMValueRef pushed = rt_call("mg_defer_push", push, 4);
  br(done);
  LLVMPositionBuilderAtEnd(gen.b, done);
  LLVMValueRef args = pushed;
  if (carved) {
    args = LLVMBuildPhi(gen.b, gen.t_i8p, "args");
    LLVMValueRef in_vals[2] = {carved, pushed};
    LLVMBasicBlockRef in_blocks[2] = {carved_in, slow};
    LLVMAddIncoming(args, in_vals, in_blocks, 2);
  }
  LLVMValueRef block = bitcast(args, ptr_to(s->block));
  for (unsigned i = 0; i < LLVMCountStructElementTypes(s->block); i++)
    store(vals[i], LLVMBuildStructGEP2(gen.b, s->block, block, i, ""));
  vec_push(&gen.frame->chunked_sites, s);
}

// thunk(block, token): the deferred call with its stored operands.
static void gen_thunk(Site *s) {
  Frame f = {0};
  frame_begin(&f, s->thunk);
  debug_function(s->thunk, s->pos.file, s->pos.line);
  f.recover_token = f.call_token = LLVMConstNull(gen.t_i8p);
  LLVMBasicBlockRef body = frame_block("body");
  LLVMPositionBuilderAtEnd(gen.b, body);
  gen_deferred_call(s, bitcast(LLVMGetParam(s->thunk, 0), ptr_to(s->block)),
                    LLVMGetParam(s->thunk, 1));
  frame_end(&f, body);
}

// ---------------------------------------------------------------- defer

// A declared function, or a literal capturing nothing: known at compile
// time, so the deferred call can be made directly (and inlined).
static bool is_static_func(Node *callee) {
  if (callee->kind == ND_FUNCLIT)
    return callee->func->captures.len == 0;
  return callee->kind == ND_IDENT && callee->sym && callee->sym->kind == SYM_FUNC;
}

// The callee part of a call that a defer statement evaluates: the
// function value unless it is static, or a method's receiver; NULL if none.
static Node *deferred_callee(Node *call) {
  if (call->call_kind == CALL_METHOD)
    return node_unparen(call->lhs)->recv_expr;
  if (call->call_kind != CALL_FUNC)
    return NULL;
  Node *callee = node_unparen(call->lhs);
  return is_static_func(callee) ? NULL : callee;
}

// The parts of a call that a defer statement evaluates: the callee part
// first, then the non-constant arguments.
static void collect_operands(Node *call, Vec *ops) {
  Node *callee = deferred_callee(call);
  if (callee)
    vec_push(ops, callee);
  for (int i = 0; i < call->list.len; i++) {
    Node *a = call->list.items[i];
    if (a->cval.kind == CONST_NONE)
      vec_push(ops, a);
  }
}

// The callee part of a deferred call, at its statement, as Go evaluates
// it there: a function value is only read (a nil one panics when the call
// is made), while a method's receiver is read and nil-checked, because Go
// evaluates the method value x.M at the statement. Every deferred call's
// callee is evaluated here (and so must a go statement's be).
static LLVMValueRef eval_deferred_callee(Node *call, Node *callee) {
  gen_order_expr(callee);
  LLVMValueRef v = gen_expr(callee);
  Method *m = call->call_kind == CALL_METHOD ? node_unparen(call->lhs)->method : NULL;
  if (m && m->iface)
    check_or_panic(icmp(LLVMIntNE, LLVMBuildExtractValue(gen.b, v, 0, ""), LLVMConstNull(gen.t_i8p)),
                   "mg_panic_nil", NULL, 0);
  return v;
}

// A defer statement evaluates its operands one at a time, each completely
// (its calls included) before the next: Go gives each its own temporary
// in a statement of its own, so in `defer f(x, g())` x is read before g
// runs, unlike in the call `f(x, g())`.
static void eval_deferred_operands(Site *s, LLVMValueRef *vals, LLVMTypeRef *types) {
  int first = 0;
  Node *callee = deferred_callee(s->call);
  if (callee) {
    vals[0] = eval_deferred_callee(s->call, callee);
    first = 1;
  }
  for (int i = first; i < s->operands.len; i++) {
    Node *op = s->operands.items[i];
    gen_order_expr(op);
    vals[i] = gen_expr(op);
  }
  for (int i = 0; i < s->operands.len; i++)
    types[i] = LLVMTypeOf(vals[i]);
}

// go f(x): the operands are evaluated as a defer statement's, into a block
// on the heap that the new goroutine's thunk makes the call from. A go'd
// recover() has no panic to recover (its token is NULL): it returns nil.
void gen_go(Node *stmt) {
  Site *s = xcalloc(1, sizeof *s);
  s->call = node_unparen(stmt->lhs);
  s->pos = stmt->pos;
  collect_operands(s->call, &s->operands);
  int n = s->operands.len;
  LLVMValueRef vals[n + 1];
  LLVMTypeRef types[n + 1];
  eval_deferred_operands(s, vals, types);
  s->block = LLVMStructTypeInContext(gen.ctx, types, (unsigned)n, false);
  LLVMValueRef size = ll_int((int64_t)LLVMABISizeOfType(gen.td, s->block));
  LLVMValueRef args = rt_call(operands_have_pointers(s) ? "mg_alloc" : "mg_alloc_noscan", &size, 1);
  LLVMValueRef block = bitcast(args, ptr_to(s->block));
  for (int i = 0; i < n; i++)
    store(vals[i], LLVMBuildStructGEP2(gen.b, s->block, block, (unsigned)i, ""));
  LLVMTypeRef params[2] = {gen.t_i8p, gen.t_i8p};
  const char *name =
      xformat("%s.gowrap%d", LLVMGetValueName(gen.frame->fn), gen.frame->go_sites.len + 1);
  s->thunk = LLVMAddFunction(gen.mod, name, LLVMFunctionType(gen.t_void, params, 2, false));
  LLVMSetLinkage(s->thunk, LLVMInternalLinkage);
  vec_push(&gen.frame->go_sites, s);
  rt("mg_go", s->thunk, args);
}

void gen_defer(Node *stmt) {
  Site *s = xcalloc(1, sizeof *s);
  s->call = node_unparen(stmt->lhs);
  s->pos = stmt->pos;
  collect_operands(s->call, &s->operands);
  int n = s->operands.len;
  LLVMValueRef vals[n + 1];
  LLVMTypeRef types[n + 1];
  eval_deferred_operands(s, vals, types);
  s->keeps_token = s->call->call_kind == CALL_RECOVER;
  if (s->keeps_token) {
    vals[n] = gen.frame->recover_token;
    types[n++] = gen.t_i8p;
  }
  s->block = LLVMStructTypeInContext(gen.ctx, types, (unsigned)n, false);
  if (gen.frame->open_coded)
    defer_open(s, vals);
  else
    defer_chunked(s, vals);
}

// Pops record d, of `kind` and `total` bytes, as mg_popdefer does, or goes
// to `general` if it is not the last record carved from its chunk.
// Returns the record below it, the new top.
static LLVMValueRef pop_chunk_record(int kind, uint64_t total, LLVMValueRef d,
                                     LLVMBasicBlockRef general) {
  LLVMValueRef stack = defer_stack();
  LLVMValueRef chunk = load(gen.t_i8p, stack_chunk(stack, kind));
  LLVMValueRef off_ptr = chunk_off(chunk);
  LLVMValueRef off =
      LLVMBuildSub(gen.b, load(gen.t_i32, off_ptr), LLVMConstInt(gen.t_i32, total, false), "");
  LLVMValueRef carved_at = LLVMBuildInBoundsGEP2(gen.b, gen.t_i8, chunk, &off, 1, "");
  LLVMBasicBlockRef pop = frame_block("return.pop");
  cond_br(LLVMBuildICmp(gen.b, LLVMIntEQ, carved_at, as_i8p(d), ""), pop, general);
  LLVMPositionBuilderAtEnd(gen.b, pop);
  LLVMTypeRef rt = layout_type(LS_mg_defer);
  LLVMValueRef link = load(gen.t_i8p, LLVMBuildStructGEP2(gen.b, rt, d, LF_mg_defer_link, ""));
  store(link, bitcast(stack_field(stack, LF_mg_defer_stack_top), ptr_to(gen.t_i8p)));
  store(off, off_ptr);
  // The chunk emptied: unless it is the goroutine's first, the runtime
  // keeps it as the spare.
  LLVMValueRef empty = LLVMBuildICmp(
      gen.b, LLVMIntEQ, off,
      LLVMConstInt(gen.t_i32, LLVMABISizeOfType(gen.td, layout_type(LS_mg_defer_chunk)), false),
      "");
  LLVMBasicBlockRef emptied = frame_block("return.emptied"),
                    give_back = frame_block("return.giveback");
  LLVMBasicBlockRef popped = frame_block("return.popped");
  cond_br(empty, emptied, popped);
  LLVMPositionBuilderAtEnd(gen.b, emptied);
  LLVMTypeRef ct = layout_type(LS_mg_defer_chunk);
  LLVMValueRef prev = load(gen.t_i8p, LLVMBuildStructGEP2(gen.b, ct, bitcast(chunk, ptr_to(ct)),
                                                          LF_mg_defer_chunk_prev, ""));
  cond_br(LLVMBuildIsNotNull(gen.b, prev, ""), give_back, popped);
  LLVMPositionBuilderAtEnd(gen.b, give_back);
  LLVMValueRef args[2] = {stack, LLVMConstInt(gen.t_i1, kind == MG_DEFER_NOSCAN_CHUNK, false)};
  rt_call("mg_chunk_emptied", args, 2);
  br(popped);
  LLVMPositionBuilderAtEnd(gen.b, popped);
  return link;
}

// Pops record d (an mg_defer*) of the running goroutine if it is a record
// of `kind` and `total` bytes carved from a chunk, as mg_popdefer does;
// goes to `general` otherwise (a record with a block of its own, or one
// out of order). Returns the record below it, the new top.
LLVMValueRef defer_pop_inline(int kind, uint64_t total, LLVMValueRef d,
                              LLVMBasicBlockRef general) {
  LLVMValueRef d_kind =
      load(gen.t_i8, LLVMBuildStructGEP2(gen.b, layout_type(LS_mg_defer), d, LF_mg_defer_kind, ""));
  LLVMBasicBlockRef carved = frame_block("return.carved");
  cond_br(
      LLVMBuildICmp(gen.b, LLVMIntEQ, d_kind, LLVMConstInt(gen.t_i8, (unsigned)kind, false), ""),
      carved, general);
  LLVMPositionBuilderAtEnd(gen.b, carved);
  return pop_chunk_record(kind, total, d, general);
}

// Record d is site s's, from a chunk: pops it, makes the call directly (no
// token: this is a normal return), and clears the arguments of a scanned
// record so that they keep nothing alive, as mg_freedefer does. Returns the
// next record to look at (NULL when the call never returns).
static LLVMValueRef run_site_record(Site *s, LLVMValueRef d, LLVMBasicBlockRef general) {
  LLVMValueRef below = defer_pop_inline(s->chunk_kind, s->record_size, d, general);
  LLVMValueRef header = LLVMConstInt(gen.t_i32, record_header_size(), false);
  LLVMValueRef args = LLVMBuildInBoundsGEP2(gen.b, gen.t_i8, as_i8p(d), &header, 1, "");
  gen_deferred_call(s, bitcast(args, ptr_to(s->block)), LLVMConstNull(gen.t_i8p));
  if (!ll_block_open())
    return NULL;
  uint64_t args_size = s->record_size - record_header_size();
  if (s->chunk_kind == MG_DEFER_CHUNK && args_size != 0)
    LLVMBuildMemSet(gen.b, args, LLVMConstInt(gen.t_i8, 0, false),
                    LLVMConstInt(gen.t_i64, args_size, false), 8);
  // A call that returns has left the list as it found it, so the record
  // below d is the top again: carrying it over spares the loop a reload
  // of the top that would wait for the store just made.
  return below;
}

// The exit block of a chunked function. Its pending records are the newest
// on the goroutine's list. A record of one of its sites that was carved
// from a chunk is popped here and its call made directly, where it can be
// inlined; anything else (a record with a block of its own, as every record
// is in the runtime's malloc-each mode) goes to mg_defer_return, which
// makes the remaining calls.
static void run_chunked_defers(Frame *f) {
  LLVMBasicBlockRef loop = frame_block("return.loop"), mine = frame_block("return.mine");
  LLVMBasicBlockRef general = frame_block("return.general"), done = frame_block("return.done");
  LLVMValueRef top = load(gen.t_i8p, defer_top());
  LLVMBasicBlockRef before = LLVMGetInsertBlock(gen.b);
  br(loop);
  LLVMPositionBuilderAtEnd(gen.b, loop);
  LLVMValueRef top_phi = LLVMBuildPhi(gen.b, gen.t_i8p, "record");
  LLVMAddIncoming(top_phi, &top, &before, 1);
  LLVMTypeRef rt = layout_type(LS_mg_defer);
  LLVMValueRef d = bitcast(top_phi, ptr_to(rt));
  LLVMBasicBlockRef nonempty = frame_block("return.nonempty");
  cond_br(LLVMBuildIsNotNull(gen.b, d, ""), nonempty, done);
  LLVMPositionBuilderAtEnd(gen.b, nonempty);
  LLVMValueRef frame = load(gen.t_i8p, LLVMBuildStructGEP2(gen.b, rt, d, LF_mg_defer_frame, ""));
  cond_br(LLVMBuildICmp(gen.b, LLVMIntEQ, frame, as_i8p(f->defer_frame), ""), mine, done);
  LLVMPositionBuilderAtEnd(gen.b, mine);
  LLVMValueRef thunk = load(gen.t_i8p, LLVMBuildStructGEP2(gen.b, rt, d, LF_mg_defer_thunk, ""));
  for (int i = 0; i < f->chunked_sites.len; i++) {
    Site *s = f->chunked_sites.items[i];
    if (s->chunk_kind < 0)
      continue;
    LLVMBasicBlockRef site = frame_block("return.site"), next = frame_block("return.next");
    cond_br(LLVMBuildICmp(gen.b, LLVMIntEQ, thunk, as_i8p(s->thunk), ""), site, next);
    LLVMPositionBuilderAtEnd(gen.b, site);
    LLVMValueRef below = run_site_record(s, d, general);
    if (below) {
      LLVMBasicBlockRef end = LLVMGetInsertBlock(gen.b);
      LLVMAddIncoming(top_phi, &below, &end, 1);
      br(loop);
    }
    LLVMPositionBuilderAtEnd(gen.b, next);
  }
  br(general);
  LLVMPositionBuilderAtEnd(gen.b, general);
  rt_call("mg_defer_return", &f->defer_frame, 1);
  br(done);
  LLVMPositionBuilderAtEnd(gen.b, done);
}

void gen_defer_epilogue(Frame *f) {
  if (f->open_coded)
    run_open_defers(f);
  else
    run_chunked_defers(f);
}

// After the deferring function: its runner or its sites' thunks.
void gen_pending_thunks(Frame *f) {
  if (f->open_coded)
    gen_open_runner(f);
  for (int i = 0; i < f->chunked_sites.len; i++)
    gen_thunk(f->chunked_sites.items[i]);
  for (int i = 0; i < f->go_sites.len; i++)
    gen_thunk(f->go_sites.items[i]);
}

// ---------------------------------------------------------------- recover

// Without a token (the function was not called by a panic's thunk or
// runner) recover() is nil without asking the runtime; once a deferred call
// is inlined where its token is known to be NULL, nothing is left of it.
LLVMValueRef gen_recover(void) {
  LLVMValueRef out = frame_alloca(gen.t_iface, "recovered");
  store(LLVMConstNull(gen.t_iface), out);
  LLVMValueRef has_token =
      LLVMBuildICmp(gen.b, LLVMIntNE, gen.frame->recover_token, LLVMConstNull(gen.t_i8p), "");
  LLVMBasicBlockRef ask = frame_block("recover.ask"), done = frame_block("recover.done");
  cond_br(has_token, ask, done);
  LLVMPositionBuilderAtEnd(gen.b, ask);
  LLVMValueRef args[2] = {out, gen.frame->recover_token};
  rt_call("mg_recover", args, 2);
  br(done);
  LLVMPositionBuilderAtEnd(gen.b, done);
  return load(gen.t_iface, out);
}
