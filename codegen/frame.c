// frame.c: the frame of the function being generated (gen.h's Frame):
// its entry and exit blocks, where its variables live, the values computed
// ahead of their expressions, and the targets of break and continue.
#include "gen.h"

Frame *cur;

// ---------------------------------------------------------------- frames

void begin_frame(Frame *f, LLVMValueRef fn) {
  cur = f;
  f->fn = fn;
  f->entry = append_block("entry");
  f->allocas = LLVMCreateBuilderInContext(g.ctx);
  LLVMPositionBuilderAtEnd(f->allocas, f->entry);
  f->exit = append_block("exit");
}

static void load_captures(Frame *f) {
  int n = f->fi->captures.len;
  f->capture_cells = xcalloc((size_t)n + 1, sizeof(LLVMValueRef));
  LLVMValueRef env = LLVMBuildBitCast(f->allocas, LLVMGetParam(f->fn, 0),
                                      ptr_to(g.t_i8p), "env");
  for (int i = 0; i < n; i++) {
    LLVMValueRef idx = int_val(i + 1);
    LLVMValueRef slot = LLVMBuildInBoundsGEP2(f->allocas, g.t_i8p, env, &idx, 1, "");
    f->capture_cells[i] = LLVMBuildLoad2(f->allocas, g.t_i8p, slot, "cell");
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
      declare_local(sym);
      f->result_slots[i] = var_addr(sym);
    } else {
      f->result_slots[i] = entry_alloca(lt(f->result_types[i]), "result");
      store(zero_value(f->result_types[i]), f->result_slots[i]);
    }
  }
}

// The single exit block: every return stores its results and branches here.
static void finish_exit(Frame *f) {
  LLVMPositionBuilderAtEnd(g.b, f->exit);
  if (f->fi && f->fi->defers.len)
    run_deferred_calls(f);
  if (f->nresults == 0) {
    LLVMBuildRetVoid(g.b);
  } else if (f->nresults == 1) {
    LLVMBuildRet(g.b, load(lt(f->result_types[0]), f->result_slots[0]));
  } else {
    LLVMTypeRef rt = LLVMGetReturnType(LLVMGlobalGetValueType(f->fn));
    LLVMValueRef agg = LLVMGetUndef(rt);
    for (int i = 0; i < f->nresults; i++)
      agg = with_field(agg, load(lt(f->result_types[i]), f->result_slots[i]), (unsigned)i);
    LLVMBuildRet(g.b, agg);
  }
}

void frame_set_ready(Node *e, LLVMValueRef v, bool kept) {
  ReadyValue *r = xmalloc(sizeof *r);
  *r = (ReadyValue){e, v, kept};
  vec_push(&cur->ready, r);
}

static int ready_index(Node *e) {
  for (int i = cur->ready.len - 1; i >= 0; i--)
    if (((ReadyValue *)cur->ready.items[i])->node == e)
      return i;
  return -1;
}

bool frame_has_ready(Node *e) {
  return ready_index(e) >= 0;
}

static void forget_ready(int i) {
  cur->ready.items[i] = cur->ready.items[--cur->ready.len];
}

bool frame_take_ready(Node *e, LLVMValueRef *v) {
  int i = ready_index(e);
  if (i < 0)
    return false;
  ReadyValue *r = cur->ready.items[i];
  *v = r->value;
  if (!r->kept)
    forget_ready(i);
  return true;
}

void frame_drop_kept(void) {
  for (int i = cur->ready.len - 1; i >= 0; i--)
    if (((ReadyValue *)cur->ready.items[i])->kept)
      forget_ready(i);
}

void frame_push_jump(Node *stmt, LLVMBasicBlockRef brk, LLVMBasicBlockRef cont) {
  Jump *j = xmalloc(sizeof *j);
  *j = (Jump){stmt, brk, cont};
  vec_push(&cur->jumps, j);
}

void frame_pop_jump(void) {
  cur->jumps.len--;
}

Jump *frame_jump(Node *stmt) {
  for (int i = cur->jumps.len - 1; i >= 0; i--)
    if (((Jump *)cur->jumps.items[i])->stmt == stmt)
      return cur->jumps.items[i];
  return NULL;
}

void end_frame(Frame *f, LLVMBasicBlockRef body) {
  if (block_open())
    br(f->exit);
  finish_exit(f);
  LLVMPositionBuilderAtEnd(f->allocas, f->entry);
  LLVMBuildBr(f->allocas, body);
  LLVMDisposeBuilder(f->allocas);
  cur = NULL;
}

// ---------------------------------------------------------------- variables

static int capture_index(Symbol *sym) {
  if (cur->fi)
    for (int i = 0; i < cur->fi->captures.len; i++)
      if (cur->fi->captures.items[i] == sym)
        return i;
  return -1;
}

LLVMValueRef var_addr(Symbol *sym) {
  if (sym->kind != SYM_VAR)
    die("var_addr of non-variable %s", sym->name);
  LLVMTypeRef pt = ptr_to(lt(sym->type));
  if (sym->is_global)
    return sym->cg;
  if (cur->fi && sym->owner == cur->fi) {
    if (!sym->cg)
      die("variable %s has no storage", sym->name);
    if (!sym->is_captured)
      return sym->cg;
    return bitcast(load(g.t_i8p, sym->cg), pt);
  }
  int i = capture_index(sym);
  if (i < 0)
    die("variable %s is neither local nor captured in %s", sym->name,
        cur->fi ? cur->fi->name : "init");
  return bitcast(cur->capture_cells[i], pt);
}

// A captured variable gets a fresh heap cell each time its declaration
// runs (closures made in a loop body each see their own), unless only
// closures that stay in the frame capture it; others are zeroed so that a
// declaration in a loop starts from zero every time.
void declare_local(Symbol *sym) {
  if (sym->is_global)
    return;
  if (sym->is_captured && escape_cell_in_frame(sym)) {
    LLVMValueRef cell = entry_alloca(lt(sym->type), sym->name);
    store(zero_value(sym->type), cell);
    store(as_i8p(cell), sym->cg);
    return;
  }
  if (sym->is_captured) {
    LLVMValueRef size = int_val((int64_t)type_size(sym->type));
    LLVMValueRef cell = rt_call(type_has_pointers(sym->type) ? "mg_alloc" : "mg_alloc_noscan",
                                &size, 1);
    store(cell, sym->cg);
    return;
  }
  store(zero_value(sym->type), sym->cg);
}

static void make_slot(Symbol *sym) {
  if (sym->is_global || sym->kind != SYM_VAR)
    return;
  sym->cg = entry_alloca(sym->is_captured ? g.t_i8p : lt(sym->type), sym->name);
}

// The frame of a declared function or literal (f->fi), up to its body:
// parameters stored, captured cells loaded, results zeroed, every variable
// given its slot. Returns the body's first block, where the builder is.
LLVMBasicBlockRef begin_function_frame(Frame *f, LLVMValueRef fn) {
  FuncInfo *fi = f->fi;
  begin_frame(f, fn);
  f->recover_token = LLVMGetParam(f->fn, 1);
  f->call_token = LLVMConstNull(g.t_i8p);
  debug_function(f->fn, format("main.%s", fi->name), fi->node->pos.line);
  LLVMBasicBlockRef body = append_block("body");
  LLVMPositionBuilderAtEnd(g.b, body);
  load_captures(f);
  for (int i = 0; i < fi->params.len; i++)
    make_slot(fi->params.items[i]);
  for (int i = 0; i < fi->results.len; i++)
    make_slot(fi->results.items[i]);
  for (int i = 0; i < fi->locals.len; i++)
    make_slot(fi->locals.items[i]);
  for (int i = 0; i < fi->params.len; i++) {
    Symbol *p = fi->params.items[i];
    declare_local(p);
    store(LLVMGetParam(f->fn, (unsigned)i + 2), var_addr(p));
  }
  setup_results(f);
  return body;
}
