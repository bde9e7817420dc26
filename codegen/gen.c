// gen.c: the LLVM module of a checked program: types, type descriptors,
// runtime declarations, variables and function frames.
//
// Every compiled function is "main.NAME" and takes its closure ("ctx")
// first; main.init runs the package-level initializers and init funcs.
#include "gen.h"

#include "runtime.h"

#include <libgen.h>
#include <string.h>

#include <llvm-c/DebugInfo.h>

Gen g;
Frame *cur;

// ---------------------------------------------------------------- types

LLVMTypeRef lt(Type *t) {
  switch (t->kind) {
  case TY_INT: return LLVMIntTypeInContext(g.ctx, (unsigned)type_int_bits(t));
  case TY_BOOL: return g.t_i1;
  case TY_STRING: return g.t_string;
  case TY_SLICE: return g.t_slice;
  case TY_FUNC: return g.t_i8p;
  case TY_IFACE: return g.t_iface;
  case TY_VOID: return g.t_void;
  case TY_TUPLE: {
    LLVMTypeRef elems[t->results.len ? t->results.len : 1];
    for (int i = 0; i < t->results.len; i++)
      elems[i] = lt(t->results.items[i]);
    return LLVMStructTypeInContext(g.ctx, elems, (unsigned)t->results.len, false);
  }
  case TY_UNTYPED_NIL: return g.t_i8p;
  case TY_UNTYPED_INT:
  case TY_UNTYPED_RUNE:
  case TY_UNTYPED_BOOL:
  case TY_UNTYPED_STRING: return lt(type_default(t));
  }
  die("lt: unknown type kind %d", t->kind);
}

static LLVMTypeRef results_lltype(Type *ft) {
  if (ft->results.len == 0)
    return g.t_void;
  if (ft->results.len == 1)
    return lt(ft->results.items[0]);
  return lt(type_tuple(ft->results));
}

// Every compiled function takes its closure ("ctx") and the recover token
// (runtime.h) before its parameters.
LLVMTypeRef func_lltype(Type *ft) {
  int n = ft->params.len;
  LLVMTypeRef params[n + 2];
  params[0] = g.t_i8p;
  params[1] = g.t_i8p;
  for (int i = 0; i < n; i++)
    params[i + 2] = lt(ft->params.items[i]);
  return LLVMFunctionType(results_lltype(ft), params, (unsigned)n + 2, false);
}

uint64_t type_size(Type *t) {
  return LLVMABISizeOfType(g.td, lt(t));
}

Type *ety(Node *e) {
  Type *t = e->type;
  if (!t)
    die("expression without a type at %d:%d", e->pos.line, e->pos.col);
  if (type_is_untyped(t) && t->kind != TY_UNTYPED_NIL)
    return type_default(t);
  return t;
}

static bool has_pointers(Type *t) {
  return t->kind != TY_INT && t->kind != TY_BOOL;
}

// ---------------------------------------------------------------- constants

LLVMValueRef ll_const_int(LLVMTypeRef t, int64_t v) {
  return LLVMConstInt(t, (unsigned long long)v, true);
}

LLVMValueRef int_val(int64_t v) {
  return ll_const_int(g.t_int, v);
}

// A private constant byte array; string constants point into it.
static LLVMValueRef byte_array(const char *s, int64_t len) {
  LLVMValueRef init = LLVMConstStringInContext(g.ctx, s, (unsigned)len, true);
  LLVMValueRef gv = LLVMAddGlobal(g.mod, LLVMTypeOf(init), "str");
  LLVMSetInitializer(gv, init);
  LLVMSetLinkage(gv, LLVMPrivateLinkage);
  LLVMSetGlobalConstant(gv, true);
  LLVMSetUnnamedAddr(gv, true);
  return LLVMConstBitCast(gv, g.t_i8p);
}

LLVMValueRef ll_const_string(const char *s, int64_t len) {
  LLVMValueRef f[2] = {len ? byte_array(s, len) : LLVMConstNull(g.t_i8p),
                       int_val(len)};
  return LLVMConstNamedStruct(g.t_string, f, 2);
}

// A NUL-terminated C string (interface names for mg_panic_assert).
LLVMValueRef cstring_ptr(const char *s) {
  LLVMValueRef init = LLVMConstStringInContext(g.ctx, s, (unsigned)strlen(s), false);
  LLVMValueRef gv = LLVMAddGlobal(g.mod, LLVMTypeOf(init), "cstr");
  LLVMSetInitializer(gv, init);
  LLVMSetLinkage(gv, LLVMPrivateLinkage);
  LLVMSetGlobalConstant(gv, true);
  return LLVMConstBitCast(gv, g.t_i8p);
}

LLVMValueRef zero_value(Type *t) {
  return LLVMConstNull(lt(t));
}

// ---------------------------------------------------------------- descriptors

static mg_kind desc_kind(Type *t) {
  switch (t->kind) {
  case TY_BOOL: return MG_BOOL;
  case TY_STRING: return MG_STRING;
  case TY_SLICE: return MG_SLICE;
  case TY_FUNC: return MG_FUNC;
  case TY_IFACE: return MG_IFACE;
  case TY_INT: break;
  default: die("no descriptor kind for %s", t->name);
  }
  if (t->bits == 0) {
    if (!t->is_unsigned)
      return MG_INT;
    return strcmp(t->rtname, "uintptr") == 0 ? MG_UINTPTR : MG_UINT;
  }
  int step = t->bits == 8 ? 0 : t->bits == 16 ? 1 : t->bits == 32 ? 2 : 3;
  return (mg_kind)((t->is_unsigned ? MG_UINT8 : MG_INT8) + step);
}

// One linkonce_odr descriptor per run-time type name, so that equal types
// share one descriptor and a type assertion is a pointer comparison.
LLVMValueRef type_desc(Type *t) {
  if (type_is_untyped(t))
    t = type_default(t);
  const char *rtname = t->rtname ? t->rtname : t->name;
  char *gname = format("type:%s", rtname);
  LLVMValueRef gv = LLVMGetNamedGlobal(g.mod, gname);
  if (!gv) {
    gv = LLVMAddGlobal(g.mod, g.t_typedesc, gname);
    LLVMSetLinkage(gv, LLVMLinkOnceODRLinkage);
    LLVMSetGlobalConstant(gv, true);
    LLVMValueRef elem = t->kind == TY_SLICE ? type_desc(t->elem) : LLVMConstNull(g.t_i8p);
    LLVMValueRef f[5] = {
        ll_const_int(g.t_i32, desc_kind(t)),
        ll_const_int(g.t_i32, (int64_t)type_size(t)),
        ll_const_string(rtname, (int64_t)strlen(rtname)),
        elem,
        LLVMConstNull(g.t_i8p),
    };
    LLVMSetInitializer(gv, LLVMConstNamedStruct(g.t_typedesc, f, 5));
  }
  return LLVMConstBitCast(gv, g.t_i8p);
}

// ---------------------------------------------------------------- runtime

// The runtime's entry points, from the one list of them the runtime
// checks its own prototypes against (runtime/entry_points.def). Types
// become letters here: v void, p pointer, i Go int, l 64-bit integer,
// b bool, w C's int (32 bits everywhere we go).
enum { MG_ENTRY_NORETURN = 1, MG_ENTRY_RETURNS_TWICE = 2 };
typedef struct RtFunc {
  const char *name;
  char ret;
  const char *params;  // one letter each; "v" for none
  int flags;           // MG_ENTRY_*
} RtFunc;

#define VOID 'v'
#define INT 'i'
#define I64 'l'
#define U64 'l'
#define BOOL 'b'
#define CINT 'w'
#define PTR(T) 'p'
#define THUNK 'p'
#define MG_UNPAREN(...) __VA_ARGS__
#define MG_ENTRY(name, result, params, flags) \
  {#name, result, (const char[]){MG_UNPAREN params, 0}, flags},
static const RtFunc rt_funcs[] = {
#include "entry_points.def"
};
#undef MG_UNPAREN

// The number of parameters of rf: its params string, but for "v".
static int rt_param_count(const RtFunc *rf) {
  return rf->params[0] == 'v' ? 0 : (int)strlen(rf->params);
}

static LLVMTypeRef rt_lltype(char c) {
  switch (c) {
  case 'v': return g.t_void;
  case 'p': return g.t_i8p;
  case 'i': return g.t_int;
  case 'l': return g.t_i64;
  case 'b': return g.t_i1;
  case 'w': return g.t_i32;
  }
  die("bad runtime signature letter %c", c);
}

static void add_attr(LLVMValueRef fn, LLVMAttributeIndex idx, const char *name) {
  unsigned kind = LLVMGetEnumAttributeKindForName(name, strlen(name));
  LLVMAddAttributeAtIndex(fn, idx, LLVMCreateEnumAttribute(g.ctx, kind, 0));
}

static const RtFunc *rt_lookup(const char *name) {
  for (size_t i = 0; i < sizeof rt_funcs / sizeof rt_funcs[0]; i++)
    if (strcmp(rt_funcs[i].name, name) == 0)
      return &rt_funcs[i];
  die("unknown runtime function %s", name);
}

static LLVMValueRef rt_declare(const RtFunc *rf, LLVMTypeRef *fty) {
  int n = rt_param_count(rf);
  LLVMTypeRef params[n + 1];
  for (int i = 0; i < n; i++)
    params[i] = rt_lltype(rf->params[i]);
  *fty = LLVMFunctionType(rt_lltype(rf->ret), params, (unsigned)n, false);
  LLVMValueRef fn = LLVMGetNamedFunction(g.mod, rf->name);
  if (fn)
    return fn;
  fn = LLVMAddFunction(g.mod, rf->name, *fty);
  if (rf->flags & MG_ENTRY_NORETURN)
    add_attr(fn, LLVMAttributeFunctionIndex, "noreturn");
  if (rf->flags & MG_ENTRY_RETURNS_TWICE)
    add_attr(fn, LLVMAttributeFunctionIndex, "returns_twice");
  // C's bool travels zero-extended; LLVM must be told on both sides.
  if (rf->ret == 'b')
    add_attr(fn, LLVMAttributeReturnIndex, "zeroext");
  for (int i = 0; i < n; i++)
    if (rf->params[i] == 'b')
      add_attr(fn, (LLVMAttributeIndex)i + 1, "zeroext");
  return fn;
}

// Calls a runtime entry point; pointer arguments are cast to i8*. After a
// noreturn call the block ends in unreachable.
LLVMValueRef rt_call(const char *name, LLVMValueRef *args, int n) {
  const RtFunc *rf = rt_lookup(name);
  LLVMTypeRef fty;
  LLVMValueRef fn = rt_declare(rf, &fty);
  if (rt_param_count(rf) != n)
    die("runtime call %s with %d arguments", name, n);
  LLVMValueRef cast[n + 1];
  for (int i = 0; i < n; i++)
    cast[i] = rf->params[i] == 'p' ? as_i8p(args[i]) : args[i];
  LLVMValueRef call = LLVMBuildCall2(g.b, fty, fn, cast, (unsigned)n, "");
  for (int i = 0; i < n; i++)
    if (rf->params[i] == 'b') {
      unsigned kind = LLVMGetEnumAttributeKindForName("zeroext", 7);
      LLVMAddCallSiteAttribute(call, (LLVMAttributeIndex)i + 1,
                               LLVMCreateEnumAttribute(g.ctx, kind, 0));
    }
  if (rf->flags & MG_ENTRY_RETURNS_TWICE) {
    unsigned kind = LLVMGetEnumAttributeKindForName("returns_twice", 13);
    LLVMAddCallSiteAttribute(call, LLVMAttributeFunctionIndex,
                             LLVMCreateEnumAttribute(g.ctx, kind, 0));
  }
  if (rf->flags & MG_ENTRY_NORETURN)
    LLVMBuildUnreachable(g.b);
  return call;
}

// ---------------------------------------------------------------- blocks

LLVMBasicBlockRef append_block(const char *name) {
  return LLVMAppendBasicBlockInContext(g.ctx, cur->fn, name);
}

bool block_open(void) {
  return LLVMGetBasicBlockTerminator(LLVMGetInsertBlock(g.b)) == NULL;
}

void start_block(LLVMBasicBlockRef bb) {
  if (block_open())
    br(bb);
  LLVMPositionBuilderAtEnd(g.b, bb);
}

// Allocas go to the entry block so that mem2reg can promote them.
LLVMValueRef entry_alloca(LLVMTypeRef t, const char *name) {
  return LLVMBuildAlloca(cur->allocas, t, name);
}

LLVMValueRef spill(LLVMValueRef v) {
  LLVMValueRef slot = entry_alloca(LLVMTypeOf(v), "tmp");
  store(v, slot);
  return slot;
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
  if (sym->is_captured && sym->cell_in_frame) {
    LLVMValueRef cell = entry_alloca(lt(sym->type), sym->name);
    store(zero_value(sym->type), cell);
    store(as_i8p(cell), sym->cg);
    return;
  }
  if (sym->is_captured) {
    LLVMValueRef size = int_val((int64_t)type_size(sym->type));
    LLVMValueRef cell = rt_call(has_pointers(sym->type) ? "mg_alloc" : "mg_alloc_noscan",
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

// ---------------------------------------------------------------- debug info

// With -g: a compile unit, a subprogram per function and a location per
// statement, enough for line tables in debuggers and profilers.
static LLVMDIBuilderRef dib;
static LLVMMetadataRef di_file, di_cu, di_scope;

static void debug_init(void) {
  if (!g.opts->debug_info)
    return;
  dib = LLVMCreateDIBuilder(g.mod);
  char *path = xstrdup(g.opts->input), *path2 = xstrdup(g.opts->input);
  const char *base = basename(path), *dir = dirname(path2);
  di_file = LLVMDIBuilderCreateFile(dib, base, strlen(base), dir, strlen(dir));
  const char *producer = "minigo";
  di_cu = LLVMDIBuilderCreateCompileUnit(dib, LLVMDWARFSourceLanguageGo, di_file, producer,
                                         strlen(producer), g.opts->opt_level > 0, "", 0, 0,
                                         "", 0, LLVMDWARFEmissionLineTablesOnly, 0, false,
                                         false, "", 0, "", 0);
  LLVMAddModuleFlag(g.mod, LLVMModuleFlagBehaviorWarning, "Debug Info Version", 18,
                    LLVMValueAsMetadata(ll_const_int(g.t_i32, LLVMDebugMetadataVersion())));
  LLVMAddModuleFlag(g.mod, LLVMModuleFlagBehaviorWarning, "Dwarf Version", 13,
                    LLVMValueAsMetadata(ll_const_int(g.t_i32, 4)));
}

void debug_function(LLVMValueRef fn, const char *name, int line) {
  if (!dib)
    return;
  LLVMMetadataRef ty = LLVMDIBuilderCreateSubroutineType(dib, di_file, NULL, 0,
                                                          LLVMDIFlagZero);
  size_t len;
  const char *link = LLVMGetValueName2(fn, &len);
  di_scope = LLVMDIBuilderCreateFunction(dib, di_file, name, strlen(name), link, len, di_file,
                                         (unsigned)line, ty, true, true, (unsigned)line,
                                         LLVMDIFlagZero, g.opts->opt_level > 0);
  LLVMSetSubprogram(fn, di_scope);
  LLVMSetCurrentDebugLocation2(
      g.b, LLVMDIBuilderCreateDebugLocation(g.ctx, (unsigned)line, 0, di_scope, NULL));
}

void debug_location(Pos pos) {
  if (!dib || !di_scope)
    return;
  LLVMSetCurrentDebugLocation2(g.b, LLVMDIBuilderCreateDebugLocation(
                                        g.ctx, (unsigned)pos.line, (unsigned)pos.col,
                                        di_scope, NULL));
}

static void debug_finish(void) {
  if (dib)
    LLVMDIBuilderFinalize(dib);
}

// ---------------------------------------------------------------- functions

static const char *llvm_name(FuncInfo *fi, int *init_count) {
  if (fi->node->kind == ND_FUNC_DECL && strcmp(fi->name, "init") == 0)
    return format("main.init.%d", (*init_count)++);
  return format("main.%s", fi->name);
}

static void declare_functions(Program *prog) {
  int init_count = 0;
  for (int i = 0; i < prog->funcs.len; i++) {
    FuncInfo *fi = prog->funcs.items[i];
    LLVMValueRef fn = LLVMAddFunction(g.mod, llvm_name(fi, &init_count),
                                      func_lltype(fi->type));
    if (fi != prog->main_func)
      LLVMSetLinkage(fn, LLVMInternalLinkage);
    fi->node->cg = fn;
  }
}

// A function value that captures nothing: a constant one-word closure.
LLVMValueRef static_closure(LLVMValueRef fn) {
  const char *name = format("%s·f", LLVMGetValueName(fn));
  LLVMValueRef gv = LLVMGetNamedGlobal(g.mod, name);
  if (!gv) {
    LLVMValueRef code = LLVMConstBitCast(fn, g.t_i8p);
    LLVMValueRef init = LLVMConstStructInContext(g.ctx, &code, 1, false);
    gv = LLVMAddGlobal(g.mod, LLVMTypeOf(init), name);
    LLVMSetInitializer(gv, init);
    LLVMSetLinkage(gv, LLVMInternalLinkage);
    LLVMSetGlobalConstant(gv, true);
  }
  return LLVMConstBitCast(gv, g.t_i8p);
}

// The closure of a function literal: code pointer, then the cells of the
// variables it captures, as seen from the enclosing function.
LLVMValueRef func_value_of(FuncInfo *fi) {
  LLVMValueRef fn = fi->node->cg;
  int n = fi->captures.len;
  if (n == 0)
    return static_closure(fn);
  LLVMValueRef env;
  if (fi->stays_in_frame) {
    env = bitcast(entry_alloca(LLVMArrayType(g.t_i8p, (unsigned)n + 1), "env"),
                  ptr_to(g.t_i8p));
  } else {
    LLVMValueRef size = int_val((int64_t)(n + 1) * LLVMABISizeOfType(g.td, g.t_i8p));
    env = bitcast(rt_call("mg_alloc", &size, 1), ptr_to(g.t_i8p));
  }
  store(LLVMConstBitCast(fn, g.t_i8p), env);
  for (int i = 0; i < n; i++) {
    LLVMValueRef idx = int_val(i + 1);
    LLVMValueRef slot = LLVMBuildInBoundsGEP2(g.b, g.t_i8p, env, &idx, 1, "");
    store(as_i8p(var_addr(fi->captures.items[i])), slot);
  }
  return as_i8p(env);
}

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
  if (f->fi && f->fi->has_defer)
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

void end_frame(Frame *f, LLVMBasicBlockRef body) {
  if (block_open())
    br(f->exit);
  finish_exit(f);
  LLVMPositionBuilderAtEnd(f->allocas, f->entry);
  LLVMBuildBr(f->allocas, body);
  LLVMDisposeBuilder(f->allocas);
  cur = NULL;
}

void gen_function(FuncInfo *fi) {
  Frame f = {.fi = fi};
  begin_frame(&f, fi->node->cg);
  f.recover_token = LLVMGetParam(f.fn, 1);
  f.call_token = LLVMConstNull(g.t_i8p);
  debug_function(f.fn, format("main.%s", fi->name), fi->node->pos.line);
  LLVMBasicBlockRef body = append_block("body");
  LLVMPositionBuilderAtEnd(g.b, body);
  load_captures(&f);
  for (int i = 0; i < fi->params.len; i++)
    make_slot(fi->params.items[i]);
  for (int i = 0; i < fi->results.len; i++)
    make_slot(fi->results.items[i]);
  for (int i = 0; i < fi->locals.len; i++)
    make_slot(fi->locals.items[i]);
  for (int i = 0; i < fi->params.len; i++) {
    Symbol *p = fi->params.items[i];
    declare_local(p);
    store(LLVMGetParam(f.fn, (unsigned)i + 2), var_addr(p));
  }
  setup_results(&f);
  if (fi->has_defer)
    setup_defer_frame(&f);
  gen_block(fi->node->body);
  end_frame(&f, body);
  gen_pending_thunks(&f);
}

// main.init: package-level variables in dependency order, then each init().
static void gen_main_init(Program *prog) {
  LLVMTypeRef p[2] = {g.t_i8p, g.t_i8p};
  LLVMTypeRef fty = LLVMFunctionType(g.t_void, p, 2, false);
  LLVMValueRef fn = LLVMAddFunction(g.mod, "main.init", fty);
  Frame f = {0};
  begin_frame(&f, fn);
  f.recover_token = f.call_token = LLVMConstNull(g.t_i8p);
  debug_function(fn, "main.init", 1);
  LLVMBasicBlockRef body = append_block("body");
  LLVMPositionBuilderAtEnd(g.b, body);
  for (int i = 0; i < prog->init_order.len; i++)
    gen_var_init(prog->init_order.items[i], true);
  for (int i = 0; i < prog->init_funcs.len; i++) {
    FuncInfo *fi = prog->init_funcs.items[i];
    LLVMValueRef args[2] = {LLVMConstNull(g.t_i8p), LLVMConstNull(g.t_i8p)};
    LLVMBuildCall2(g.b, fty, fi->node->cg, args, 2, "");
  }
  end_frame(&f, body);
}

static void declare_globals(Program *prog) {
  for (int i = 0; i < prog->globals.len; i++) {
    Symbol *sym = prog->globals.items[i];
    LLVMValueRef gv = LLVMAddGlobal(g.mod, lt(sym->type), format("main.%s", sym->name));
    LLVMSetInitializer(gv, zero_value(sym->type));
    LLVMSetLinkage(gv, LLVMInternalLinkage);
    sym->cg = gv;
  }
}

static void init_types(void) {
  g.t_void = LLVMVoidTypeInContext(g.ctx);
  g.t_i1 = LLVMInt1TypeInContext(g.ctx);
  g.t_i8 = LLVMInt8TypeInContext(g.ctx);
  g.t_i32 = LLVMInt32TypeInContext(g.ctx);
  g.t_i64 = LLVMInt64TypeInContext(g.ctx);
  g.t_int = LLVMIntTypeInContext(g.ctx, (unsigned)g.opts->target->int_bits);
  g.t_i8p = ptr_to(g.t_i8);
  memset(g.layout_named, 0, sizeof g.layout_named);
  g.t_string = layout_name(LS_mg_string, "string");
  g.t_slice = layout_name(LS_mg_slice, "slice");
  g.t_iface = layout_name(LS_mg_iface, "iface");
  g.t_typedesc = layout_name(LS_mg_type, "mg_type");
}

// ---------------------------------------------------------------- escape

static void find_frame_literals(Node *n, bool in_loop);

static void find_in_list(Vec *v, bool in_loop) {
  for (int i = 0; i < v->len; i++)
    find_frame_literals(v->items[i], in_loop);
}

// Which literals stay in the frame that makes them: those called where they
// stand, and those deferred outside loops (a deferred call runs before its
// frame is gone, even during a panic). A literal deferred in a loop, stored
// or passed anywhere may outlive the frame. Walks one function body; nested
// literals are walked as functions of their own.
static void find_frame_literals(Node *n, bool in_loop) {
  if (!n || n->kind == ND_FUNCLIT)
    return;
  Node *call = n->kind == ND_DEFER ? node_unparen(n->lhs) : n;
  if (call->kind == ND_CALL && node_unparen(call->lhs)->kind == ND_FUNCLIT) {
    node_unparen(call->lhs)->func->stays_in_frame = n->kind != ND_DEFER || !in_loop;
    find_in_list(&call->list, in_loop);
    return;
  }
  bool loop = n->kind == ND_FOR || n->kind == ND_RANGE;
  Node *kids[] = {n->lhs, n->rhs, n->init, n->cond, n->post, n->then, n->els,
                  n->low, n->high, n->key, n->value, n->tag};
  for (size_t i = 0; i < sizeof kids / sizeof kids[0]; i++)
    find_frame_literals(kids[i], in_loop);
  find_frame_literals(n->body, in_loop || loop);
  find_in_list(&n->list, in_loop);
  find_in_list(&n->values, in_loop);
  find_in_list(&n->names, in_loop);
}

// A captured variable's cell can be a stack slot when every literal that
// captures it, directly or through nested literals, stays in its frame.
static void place_captured_cells(Program *prog) {
  for (int i = 0; i < prog->funcs.len; i++)
    find_frame_literals(((FuncInfo *)prog->funcs.items[i])->node->body, false);
  for (int i = 0; i < prog->funcs.len; i++) {
    FuncInfo *fi = prog->funcs.items[i];
    for (int j = 0; j < fi->locals.len; j++)
      ((Symbol *)fi->locals.items[j])->cell_in_frame = true;
    for (int j = 0; j < fi->params.len; j++)
      ((Symbol *)fi->params.items[j])->cell_in_frame = true;
    for (int j = 0; j < fi->results.len; j++)
      ((Symbol *)fi->results.items[j])->cell_in_frame = true;
  }
  for (int i = 0; i < prog->funcs.len; i++) {
    FuncInfo *fi = prog->funcs.items[i];
    if (!fi->stays_in_frame)
      for (int j = 0; j < fi->captures.len; j++)
        ((Symbol *)fi->captures.items[j])->cell_in_frame = false;
  }
}

void gen_init_target(const BuildOptions *opts) {
  g.opts = opts;
  g.ctx = LLVMContextCreate();
  g.tm = make_target_machine(opts);
  g.td = LLVMCreateTargetDataLayout(g.tm);
  init_types();
}

void *codegen_program(Program *prog, const BuildOptions *opts) {
  gen_init_target(opts);
  g.prog = prog;
  g.mod = LLVMModuleCreateWithNameInContext(opts->input, g.ctx);
  g.b = LLVMCreateBuilderInContext(g.ctx);
  char *layout = LLVMCopyStringRepOfTargetData(g.td);
  LLVMSetDataLayout(g.mod, layout);
  LLVMDisposeMessage(layout);
  LLVMSetTarget(g.mod, opts->target->triple);
  debug_init();
  declare_globals(prog);
  declare_functions(prog);
  place_captured_cells(prog);
  for (int i = 0; i < prog->funcs.len; i++)
    gen_function(prog->funcs.items[i]);
  gen_main_init(prog);
  debug_finish();
  return g.mod;
}
