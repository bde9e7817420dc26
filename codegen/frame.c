// frame.c: the frame of the function being generated (gen.h's Frame):
// its entry and exit blocks, where its variables live, the values computed
// ahead of their expressions, and the targets of break and continue.
#include "gen.h"

// ---------------------------------------------------------------- frames

LLVMBasicBlockRef frame_block(const char *name) {
  return LLVMAppendBasicBlockInContext(gen.ctx, gen.frame->fn, name);
}

// Allocas go to the entry block so that mem2reg can promote them.
LLVMValueRef frame_alloca(LLVMTypeRef t, const char *name) {
  return LLVMBuildAlloca(gen.frame->allocas, t, name);
}

LLVMValueRef frame_spill(LLVMValueRef v) {
  LLVMValueRef slot = frame_alloca(LLVMTypeOf(v), "tmp");
  store(v, slot);
  return slot;
}

void frame_begin(Frame *f, LLVMValueRef fn) {
  gen.frame = f;
  f->fn = fn;
  f->entry = frame_block("entry");
  f->allocas = LLVMCreateBuilderInContext(gen.ctx);
  LLVMPositionBuilderAtEnd(f->allocas, f->entry);
  f->exit = frame_block("exit");
}

static void load_captures(Frame *f) {
  int n = f->fi->captures.len;
  f->capture_cells = xcalloc((size_t)n + 1, sizeof(LLVMValueRef));
  LLVMValueRef env = LLVMBuildBitCast(f->allocas, LLVMGetParam(f->fn, 0), ptr_to(gen.t_i8p), "env");
  for (int i = 0; i < n; i++) {
    LLVMValueRef idx = ll_int(i + 1);
    LLVMValueRef slot = LLVMBuildInBoundsGEP2(f->allocas, gen.t_i8p, env, &idx, 1, "");
    f->capture_cells[i] = LLVMBuildLoad2(f->allocas, gen.t_i8p, slot, "cell");
  }
}

static void setup_results(Frame *f) {
  Type *ft = f->fi->type;
  f->nresults = ft->results.len;
  f->result_slots = xcalloc((size_t)f->nresults + 1, sizeof(LLVMValueRef));
  f->result_types = (Type **)ft->results.items;
  bool named = f->fi->results.len == f->nresults && f->nresults > 0;
  for (int i = 0; i < f->nresults; i++) {
    if (named) {
      Symbol *sym = f->fi->results.items[i];
      frame_declare_local(sym);
      f->result_slots[i] = frame_var_addr(sym);
    } else {
      f->result_slots[i] = frame_alloca(ll_type(f->result_types[i]), "result");
      store(ll_zero(f->result_types[i]), f->result_slots[i]);
    }
  }
}

// The single exit block: every return stores its results and branches here.
static void finish_exit(Frame *f) {
  LLVMPositionBuilderAtEnd(gen.b, f->exit);
  if (f->fi && f->fi->defers.len)
    gen_defer_epilogue(f);
  if (f->nresults == 0) {
    LLVMBuildRetVoid(gen.b);
  } else if (f->nresults == 1) {
    LLVMBuildRet(gen.b, load(ll_type(f->result_types[0]), f->result_slots[0]));
  } else {
    LLVMTypeRef rt = LLVMGetReturnType(LLVMGlobalGetValueType(f->fn));
    LLVMValueRef agg = LLVMGetUndef(rt);
    for (int i = 0; i < f->nresults; i++)
      agg = with_field(agg, load(ll_type(f->result_types[i]), f->result_slots[i]), (unsigned)i);
    LLVMBuildRet(gen.b, agg);
  }
}

void frame_set_ready(Node *e, LLVMValueRef v, bool kept) {
  ReadyValue *r = xmalloc(sizeof *r);
  *r = (ReadyValue){e, v, kept};
  vec_push(&gen.frame->ready, r);
}

static int ready_index(Node *e) {
  for (int i = gen.frame->ready.len - 1; i >= 0; i--)
    if (((ReadyValue *)gen.frame->ready.items[i])->node == e)
      return i;
  return -1;
}

bool frame_has_ready(Node *e) {
  return ready_index(e) >= 0;
}

static void forget_ready(int i) {
  gen.frame->ready.items[i] = gen.frame->ready.items[--gen.frame->ready.len];
}

bool frame_take_ready(Node *e, LLVMValueRef *v) {
  int i = ready_index(e);
  if (i < 0)
    return false;
  ReadyValue *r = gen.frame->ready.items[i];
  *v = r->value;
  if (!r->kept)
    forget_ready(i);
  return true;
}

void frame_drop_kept(void) {
  for (int i = gen.frame->ready.len - 1; i >= 0; i--)
    if (((ReadyValue *)gen.frame->ready.items[i])->kept)
      forget_ready(i);
}

void frame_push_jump(Node *stmt, LLVMBasicBlockRef brk, LLVMBasicBlockRef cont) {
  Jump *j = xmalloc(sizeof *j);
  *j = (Jump){stmt, brk, cont};
  vec_push(&gen.frame->jumps, j);
}

void frame_pop_jump(void) {
  gen.frame->jumps.len--;
}

Jump *frame_jump(Node *stmt) {
  for (int i = gen.frame->jumps.len - 1; i >= 0; i--)
    if (((Jump *)gen.frame->jumps.items[i])->stmt == stmt)
      return gen.frame->jumps.items[i];
  return NULL;
}

void frame_end(Frame *f, LLVMBasicBlockRef body) {
  if (ll_block_open())
    br(f->exit);
  finish_exit(f);
  LLVMPositionBuilderAtEnd(f->allocas, f->entry);
  LLVMBuildBr(f->allocas, body);
  LLVMDisposeBuilder(f->allocas);
  gen.frame = NULL;
}

// ---------------------------------------------------------------- variables

static int capture_index(Symbol *sym) {
  if (gen.frame->fi)
    for (int i = 0; i < gen.frame->fi->captures.len; i++)
      if (gen.frame->fi->captures.items[i] == sym)
        return i;
  return -1;
}

// A local variable lives in a cell of its own, which its frame slot points
// to, when closures capture it or its address is taken; escape.c decides
// whether the cell may be in the frame or must be on the heap.
bool frame_var_in_cell(Symbol *sym) {
  return sym->is_captured || sym->addr_taken;
}

LLVMValueRef frame_var_addr(Symbol *sym) {
  if (sym->kind != SYM_VAR)
    die("var_addr of non-variable %s", sym->name);
  LLVMTypeRef pt = ptr_to(ll_type(sym->type));
  if (sym->is_global)
    return sym->cg;
  if (gen.frame->fi && sym->owner == gen.frame->fi) {
    if (!sym->cg)
      die("variable %s has no storage", sym->name);
    if (!frame_var_in_cell(sym))
      return sym->cg;
    return bitcast(load(gen.t_i8p, sym->cg), pt);
  }
  int i = capture_index(sym);
  if (i < 0)
    die("variable %s is neither local nor captured in %s", sym->name,
        gen.frame->fi ? gen.frame->fi->name : "init");
  return bitcast(gen.frame->capture_cells[i], pt);
}

// A captured variable gets a fresh heap cell each time its declaration
// runs (closures made in a loop body each see their own), unless only
// closures that stay in the frame capture it; others are zeroed so that a
// declaration in a loop starts from zero every time.
void frame_declare_local(Symbol *sym) {
  if (sym->is_global)
    return;
  if (frame_var_in_cell(sym) && escape_cell_in_frame(sym)) {
    LLVMValueRef cell = frame_alloca(ll_type(sym->type), sym->name);
    store(ll_zero(sym->type), cell);
    store(as_i8p(cell), sym->cg);
    return;
  }
  if (frame_var_in_cell(sym)) {
    LLVMValueRef size = ll_int((int64_t)ll_type_size(sym->type));
    LLVMValueRef cell =
        rt_call(ll_has_pointers(sym->type) ? "mg_alloc" : "mg_alloc_noscan", &size, 1);
    store(cell, sym->cg);
    return;
  }
  store(ll_zero(sym->type), sym->cg);
}

static void make_slot(Symbol *sym) {
  if (sym->is_global || sym->kind != SYM_VAR)
    return;
  sym->cg = frame_alloca(frame_var_in_cell(sym) ? gen.t_i8p : ll_type(sym->type), sym->name);
}

// The frame of a declared function or literal (f->fi), up to its body:
// parameters stored, captured cells loaded, results zeroed, every variable
// given its slot. Returns the body's first block, where the builder is.
LLVMBasicBlockRef frame_begin_function(Frame *f, LLVMValueRef fn) {
  FuncInfo *fi = f->fi;
  frame_begin(f, fn);
  f->recover_token = LLVMGetParam(f->fn, 1);
  f->call_token = LLVMConstNull(gen.t_i8p);
  debug_function(f->fn, fi->node->pos.file, fi->node->pos.line);
  LLVMBasicBlockRef body = frame_block("body");
  LLVMPositionBuilderAtEnd(gen.b, body);
  load_captures(f);
  for (int i = 0; i < fi->params.len; i++)
    make_slot(fi->params.items[i]);
  for (int i = 0; i < fi->results.len; i++)
    make_slot(fi->results.items[i]);
  for (int i = 0; i < fi->locals.len; i++)
    make_slot(fi->locals.items[i]);
  for (int i = 0; i < fi->params.len; i++) {
    Symbol *p = fi->params.items[i];
    frame_declare_local(p);
    store(LLVMGetParam(f->fn, (unsigned)i + 2), frame_var_addr(p));
  }
  setup_results(f);
  return body;
}
