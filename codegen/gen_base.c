// gen_base.c: the bottom layer of code generation: LLVM types of Mini
// types, constants, type descriptors, calls of the runtime's entry points,
// blocks and stack slots. It knows nothing of statements or programs.
#include "gen.h"

#include "runtime.h"

#include <string.h>

Gen g;

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

bool type_has_pointers(Type *t) {
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

// ---------------------------------------------------------------- target

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

void gen_init_target(const BuildOptions *opts) {
  g.opts = opts;
  g.ctx = LLVMContextCreate();
  g.tm = make_target_machine(opts);
  g.td = LLVMCreateTargetDataLayout(g.tm);
  init_types();
}
