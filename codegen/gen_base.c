// gen_base.c: the bottom layer of code generation: LLVM types of Mini
// types, constants, type descriptors, calls of the runtime's entry points,
// blocks and stack slots. It knows nothing of statements or programs.
#include "gen.h"

#include "runtime.h"

#include <string.h>

Gen gen;

// ---------------------------------------------------------------- types

LLVMTypeRef ll_type(Type *t) {
  switch (t->kind) {
    case TY_INT: return LLVMIntTypeInContext(gen.ctx, (unsigned)type_int_bits(t));
    case TY_FLOAT: return ll_float_type(t->bits);
    case TY_COMPLEX: return ll_complex_type(t->bits);
    case TY_BOOL: return gen.t_i1;
    case TY_STRING: return gen.t_string;
    case TY_SLICE: return gen.t_slice;
    case TY_FUNC: return gen.t_i8p;
    case TY_IFACE: return gen.t_iface;
    case TY_POINTER: return gen.t_i8p;
    case TY_MAP: return gen.t_i8p;
    case TY_CHAN: return gen.t_i8p;
    case TY_ARRAY: return LLVMArrayType(ll_type(t->elem), (unsigned)t->array_len);
    case TY_STRUCT: {
      int n = t->fields.len;
      LLVMTypeRef elems[n ? n : 1];
      for (int i = 0; i < n; i++)
        elems[i] = ll_type(((Field *)t->fields.items[i])->type);
      return LLVMStructTypeInContext(gen.ctx, elems, (unsigned)n, false);
    }
    case TY_VOID: return gen.t_void;
    case TY_TUPLE: {
      LLVMTypeRef elems[t->results.len ? t->results.len : 1];
      for (int i = 0; i < t->results.len; i++)
        elems[i] = ll_type(t->results.items[i]);
      return LLVMStructTypeInContext(gen.ctx, elems, (unsigned)t->results.len, false);
  }
  case TY_UNTYPED_NIL: return gen.t_i8p;
  case TY_UNTYPED_INT:
  case TY_UNTYPED_RUNE:
  case TY_UNTYPED_FLOAT:
  case TY_UNTYPED_COMPLEX:
  case TY_UNTYPED_BOOL:
  case TY_UNTYPED_STRING: return ll_type(type_default(t));
  }
  die("lt: unknown type kind %d", t->kind);
}

LLVMTypeRef ll_results_type(Type *ft) {
  if (ft->results.len == 0)
    return gen.t_void;
  if (ft->results.len == 1)
    return ll_type(ft->results.items[0]);
  return ll_type(type_tuple(ft->results));
}

// Every compiled function takes its closure ("ctx") and the recover token
// (runtime.h) before its parameters.
LLVMTypeRef ll_func_type(Type *ft) {
  int n = ft->params.len;
  LLVMTypeRef params[n + 2];
  params[0] = gen.t_i8p;
  params[1] = gen.t_i8p;
  for (int i = 0; i < n; i++)
    params[i + 2] = ll_type(ft->params.items[i]);
  return LLVMFunctionType(ll_results_type(ft), params, (unsigned)n + 2, false);
}

uint64_t ll_type_size(Type *t) {
  return LLVMABISizeOfType(gen.td, ll_type(t));
}

Type *gen_type_of(Node *e) {
  Type *t = e->type;
  if (!t)
    die("expression without a type at %d:%d", e->pos.line, e->pos.col);
  if (type_is_untyped(t) && t->kind != TY_UNTYPED_NIL)
    return type_default(t);
  return t;
}

bool ll_has_pointers(Type *t) {
  switch (t->kind) {
  case TY_INT:
  case TY_BOOL: return false;
  case TY_ARRAY: return t->array_len > 0 && ll_has_pointers(t->elem);
  case TY_STRUCT:
    for (int i = 0; i < t->fields.len; i++)
      if (ll_has_pointers(((Field *)t->fields.items[i])->type))
        return true;
    return false;
  default: return true;
  }
}

// ---------------------------------------------------------------- constants

LLVMValueRef ll_const_int(LLVMTypeRef t, int64_t v) {
  return LLVMConstInt(t, (unsigned long long)v, true);
}

LLVMValueRef ll_int(int64_t v) {
  return ll_const_int(gen.t_int, v);
}

// A private constant byte array; string constants point into it.
static LLVMValueRef byte_array(const char *s, int64_t len) {
  LLVMValueRef init = LLVMConstStringInContext(gen.ctx, s, (unsigned)len, true);
  LLVMValueRef gv = LLVMAddGlobal(gen.mod, LLVMTypeOf(init), "str");
  LLVMSetInitializer(gv, init);
  LLVMSetLinkage(gv, LLVMPrivateLinkage);
  LLVMSetGlobalConstant(gv, true);
  LLVMSetUnnamedAddr(gv, true);
  return LLVMConstBitCast(gv, gen.t_i8p);
}

LLVMValueRef ll_const_string(const char *s, int64_t len) {
  LLVMValueRef f[2] = {len ? byte_array(s, len) : LLVMConstNull(gen.t_i8p), ll_int(len)};
  return LLVMConstNamedStruct(gen.t_string, f, 2);
}

// A NUL-terminated C string (interface names for mg_panic_assert).
LLVMValueRef ll_cstring(const char *s) {
  LLVMValueRef init = LLVMConstStringInContext(gen.ctx, s, (unsigned)strlen(s), false);
  LLVMValueRef gv = LLVMAddGlobal(gen.mod, LLVMTypeOf(init), "cstr");
  LLVMSetInitializer(gv, init);
  LLVMSetLinkage(gv, LLVMPrivateLinkage);
  LLVMSetGlobalConstant(gv, true);
  return LLVMConstBitCast(gv, gen.t_i8p);
}

LLVMValueRef ll_zero(Type *t) {
  return LLVMConstNull(ll_type(t));
}

// ---------------------------------------------------------------- descriptors

static mg_kind desc_kind(Type *t) {
  switch (t->kind) {
  case TY_BOOL: return MG_BOOL;
  case TY_STRING: return MG_STRING;
  case TY_SLICE: return MG_SLICE;
  case TY_FUNC: return MG_FUNC;
  case TY_IFACE: return MG_IFACE;
  case TY_POINTER: return MG_PTR;
  case TY_MAP: return MG_MAP;
  case TY_CHAN: return MG_CHAN;
  case TY_ARRAY: return MG_ARRAY;
  case TY_STRUCT: return MG_STRUCT;
  case TY_FLOAT: return t->bits == 32 ? MG_FLOAT32 : MG_FLOAT64;
  case TY_COMPLEX: return t->bits == 64 ? MG_COMPLEX64 : MG_COMPLEX128;
  case TY_INT: break;
  default: die("no descriptor kind for %s", t->name);
  }
  if (t->bits == 0) {
    if (!t->is_unsigned)
      return MG_INT;
    return type_under(t) == ty_uintptr ? MG_UINTPTR : MG_UINT;
  }
  int step = t->bits == 8 ? 0 : t->bits == 16 ? 1 : t->bits == 32 ? 2 : 3;
  return (mg_kind)((t->is_unsigned ? MG_UINT8 : MG_INT8) + step);
}

// Whether t is, or is made of, a defined type. Two local types main.T of
// different functions are different types, and so are []main.T made of
// each, although their run-time names are the same.
static bool mentions_defined_type(Type *t) {
  if (t->is_defined)
    return true;
  if (t->kind == TY_SLICE || t->kind == TY_POINTER || t->kind == TY_ARRAY || t->kind == TY_CHAN)
    return mentions_defined_type(t->elem);
  if (t->kind == TY_MAP)
    return mentions_defined_type(t->key) || mentions_defined_type(t->elem);
  for (int i = 0; t->kind == TY_STRUCT && i < t->fields.len; i++)
    if (mentions_defined_type(((Field *)t->fields.items[i])->type))
      return true;
  for (int i = 0; t->kind == TY_FUNC && i < t->params.len; i++)
    if (mentions_defined_type(t->params.items[i]))
      return true;
  for (int i = 0; t->kind == TY_FUNC && i < t->results.len; i++)
    if (mentions_defined_type(t->results.items[i]))
      return true;
  for (int i = 0; t->kind == TY_IFACE && i < t->imethods.len; i++)
    if (mentions_defined_type(((Method *)t->imethods.items[i])->type))
      return true;
  return false;
}

// The one type object whose descriptor stands for every type identical
// to t (the checker may make two objects for one type: func(x T) and
// func(T)), so that equal types share a descriptor.
static Type *canonical_type(Type *t) {
  for (int i = 0; i < gen.canonical_types.len; i++)
    if (types_identical(gen.canonical_types.items[i], t))
      return gen.canonical_types.items[i];
  vec_push(&gen.canonical_types, t);
  return t;
}

// The descriptor's global for such a type: one per Type object (the
// checker makes one object per distinct type), private to the program.
static LLVMValueRef own_type_global(Type *t, const char *gname) {
  if (!t->cg) {
    t->cg = LLVMAddGlobal(gen.mod, gen.t_typedesc, gname);
    LLVMSetLinkage(t->cg, LLVMPrivateLinkage);
  }
  return t->cg;
}

// A struct's mg_field array (runtime.h), as a private constant.
static LLVMValueRef field_table(Type *t) {
  int n = t->fields.len;
  if (n == 0)
    return LLVMConstNull(gen.t_i8p);
  LLVMTypeRef ft = layout_type(LS_mg_field);
  LLVMTypeRef st = ll_type(t);
  LLVMValueRef rows[n];
  for (int i = 0; i < n; i++) {
    Field *f = t->fields.items[i];
    LLVMValueRef row[] = {
        [LF_mg_field_name] = ll_const_string(f->name, (int64_t)strlen(f->name)),
        [LF_mg_field_type] = ll_type_desc(f->type),
        [LF_mg_field_offset] = ll_int((int64_t)LLVMOffsetOfElement(gen.td, st, (unsigned)i)),
        [LF_mg_field_embedded] = ll_const_int(gen.t_i8, f->embedded),
    };
    rows[i] = LLVMConstNamedStruct(ft, row, sizeof row / sizeof row[0]);
  }
  LLVMValueRef init = LLVMConstArray(ft, rows, (unsigned)n);
  LLVMValueRef gv = LLVMAddGlobal(gen.mod, LLVMTypeOf(init), "fields");
  LLVMSetInitializer(gv, init);
  LLVMSetLinkage(gv, LLVMPrivateLinkage);
  LLVMSetGlobalConstant(gv, true);
  return LLVMConstBitCast(gv, gen.t_i8p);
}

// What tells t apart from every other type, for its descriptor's symbol:
// its run-time name does not (struct{ int } and struct{ Int } with type
// Int = int are both "struct { int }"), so struct fields add their names.
static char *desc_key(Type *t) {
  switch (t->is_defined ? TY_VOID : t->kind) {
  case TY_SLICE: return xformat("[]%s", desc_key(t->elem));
  case TY_POINTER: return xformat("*%s", desc_key(t->elem));
  case TY_MAP: return xformat("map[%s]%s", desc_key(t->key), desc_key(t->elem));
  case TY_CHAN: {
    // Parenthesized as Go spells chan (<-chan T): the key stays unambiguous.
    const char *dir = t->chan_dir == CHAN_RECV ? "<-chan " : t->chan_dir == CHAN_SEND ? "chan<- " : "chan ";
    return xformat("%s(%s)", dir, desc_key(t->elem));
  }
  case TY_ARRAY: return xformat("[%lld]%s", (long long)t->array_len, desc_key(t->elem));
  case TY_STRUCT: {
    char *k = xstrdup("struct {");
    for (int i = 0; i < t->fields.len; i++) {
      Field *f = t->fields.items[i];
      // An unexported name belongs to its package: such structs of two
      // packages are different types.
      const char *pkg = f->pkg && !ident_is_exported(f->name) ? f->pkg->path : "";
      k = xformat("%s%s%s%s%s %s", k, f->embedded ? " embedded " : " ", pkg, *pkg ? "." : "",
                  f->name, desc_key(f->type));
    }
    return xformat("%s }", k);
  }
  case TY_FUNC: {
    char *k = xstrdup("func(");
    for (int i = 0; i < t->params.len; i++)
      k = xformat("%s%s,", k, desc_key(t->params.items[i]));
    k = xformat("%s%s) (", k, t->is_variadic ? "..." : "");
    for (int i = 0; i < t->results.len; i++)
      k = xformat("%s%s,", k, desc_key(t->results.items[i]));
    return xformat("%s)", k);
  }
  default: return xstrdup(t->rtname ? t->rtname : t->name);
  }
}

// The types whose descriptors the runtime defines (runtime.h), by their
// desc_key: its own error types' methods and interfaces use them, and
// package errors finds the methods Is and As by them.
static const struct { const char *key, *symbol; } runtime_descriptors[] = {
  {"error", "mg_type_error"},
  {"func() (string,)", "mg_type_sig_string"},
  {"func() ()", "mg_type_sig_void"},
  {"func() (error,)", "mg_type_sig_error"},
  {"func(error,) (bool,)", "mg_type_sig_is"},
  {"func(interface {},) (bool,)", "mg_type_sig_as"},
};

static LLVMValueRef runtime_descriptor(const char *key) {
  for (size_t i = 0; i < sizeof runtime_descriptors / sizeof runtime_descriptors[0]; i++) {
    if (strcmp(runtime_descriptors[i].key, key) != 0)
      continue;
    const char *name = runtime_descriptors[i].symbol;
    LLVMValueRef gv = LLVMGetNamedGlobal(gen.mod, name);
    if (!gv) {
      gv = LLVMAddGlobal(gen.mod, gen.t_typedesc, name);
      LLVMSetGlobalConstant(gv, true);
    }
    return LLVMConstBitCast(gv, gen.t_i8p);
  }
  return NULL;
}

// One linkonce_odr descriptor per type for the other types
// (predeclared types and those made of them only), so that equal types
// share one descriptor and a type assertion is a pointer comparison.
LLVMValueRef ll_type_desc(Type *t) {
  if (type_is_untyped(t))
    t = type_default(t);
  const char *rtname = t->rtname ? t->rtname : t->name;
  char *key = desc_key(t);
  LLVMValueRef rt_desc = runtime_descriptor(key);
  if (rt_desc)
    return rt_desc;
  char *gname = xformat("type:%s", key);
  bool own = mentions_defined_type(t);
  if (own)
    t = canonical_type(t);
  LLVMValueRef gv = own ? own_type_global(t, gname) : LLVMGetNamedGlobal(gen.mod, gname);
  if (!gv) {
    gv = LLVMAddGlobal(gen.mod, gen.t_typedesc, gname);
    LLVMSetLinkage(gv, LLVMLinkOnceODRLinkage);
  }
  if (!LLVMGetInitializer(gv)) {
    // A recursive type (type L []L) reaches its own descriptor through
    // its element: it has an initializer from here on.
    LLVMSetInitializer(gv, LLVMConstNull(gen.t_typedesc));
    LLVMSetGlobalConstant(gv, true);
    bool has_elem = t->kind == TY_SLICE || t->kind == TY_POINTER || t->kind == TY_ARRAY ||
                    t->kind == TY_MAP || t->kind == TY_CHAN;
    LLVMValueRef elem = has_elem ? ll_type_desc(t->elem) : LLVMConstNull(gen.t_i8p);
    LLVMValueRef key_desc = t->kind == TY_MAP ? ll_type_desc(t->key) : LLVMConstNull(gen.t_i8p);
    // A channel's len is its direction (reflect.ChanDir).
    int64_t len = t->kind == TY_ARRAY    ? t->array_len
                  : t->kind == TY_STRUCT ? t->fields.len
                  : t->kind == TY_CHAN   ? t->chan_dir
                                         : 0;
    int nmethods;
    LLVMValueRef methods = gen_method_table(t, &nmethods);
    LLVMValueRef f[] = {
        [LF_mg_type_kind] = ll_const_int(gen.t_i32, desc_kind(t)),
        [LF_mg_type_size] = ll_const_int(gen.t_i32, (int64_t)ll_type_size(t)),
        [LF_mg_type_name] = ll_const_string(rtname, (int64_t)strlen(rtname)),
        [LF_mg_type_elem] = elem,
        [LF_mg_type_key] = key_desc,
        [LF_mg_type_error] = gen_method_slot(t, "Error"),
        [LF_mg_type_len] = ll_int(len),
        [LF_mg_type_fields] = t->kind == TY_STRUCT ? field_table(t) : LLVMConstNull(gen.t_i8p),
        [LF_mg_type_string] = gen_method_slot(t, "String"),
        [LF_mg_type_methods] = methods,
        [LF_mg_type_nmethods] = ll_int(nmethods),
    };
    LLVMSetInitializer(gv, LLVMConstNamedStruct(gen.t_typedesc, f, sizeof f / sizeof f[0]));
  }
  return LLVMConstBitCast(gv, gen.t_i8p);
}

// ---------------------------------------------------------------- runtime

// The runtime's entry points, from the one list of them the runtime
// checks its own prototypes against (runtime/entry_points.def). Types
// become letters here: v void, p pointer, i Go int, l 64-bit integer,
// b bool, w C's int (32 bits everywhere we go), f float, d double.
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
#define F32 'f'
#define F64 'd'
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
    case 'v': return gen.t_void;
    case 'p': return gen.t_i8p;
    case 'i': return gen.t_int;
    case 'l': return gen.t_i64;
    case 'b': return gen.t_i1;
    case 'w': return gen.t_i32;
    case 'f': return LLVMFloatTypeInContext(gen.ctx);
    case 'd': return LLVMDoubleTypeInContext(gen.ctx);
  }
  die("bad runtime signature letter %c", c);
}

static void add_attr(LLVMValueRef fn, LLVMAttributeIndex idx, const char *name) {
  unsigned kind = LLVMGetEnumAttributeKindForName(name, strlen(name));
  LLVMAddAttributeAtIndex(fn, idx, LLVMCreateEnumAttribute(gen.ctx, kind, 0));
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
  LLVMValueRef fn = LLVMGetNamedFunction(gen.mod, rf->name);
  if (fn)
    return fn;
  fn = LLVMAddFunction(gen.mod, rf->name, *fty);
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
  LLVMValueRef call = LLVMBuildCall2(gen.b, fty, fn, cast, (unsigned)n, "");
  for (int i = 0; i < n; i++)
    if (rf->params[i] == 'b') {
      unsigned kind = LLVMGetEnumAttributeKindForName("zeroext", 7);
      LLVMAddCallSiteAttribute(call, (LLVMAttributeIndex)i + 1,
                               LLVMCreateEnumAttribute(gen.ctx, kind, 0));
    }
  if (rf->flags & MG_ENTRY_RETURNS_TWICE) {
    unsigned kind = LLVMGetEnumAttributeKindForName("returns_twice", 13);
    LLVMAddCallSiteAttribute(call, LLVMAttributeFunctionIndex,
                             LLVMCreateEnumAttribute(gen.ctx, kind, 0));
  }
  if (rf->flags & MG_ENTRY_NORETURN)
    LLVMBuildUnreachable(gen.b);
  return call;
}

// ---------------------------------------------------------------- blocks

bool ll_block_open(void) {
  return LLVMGetBasicBlockTerminator(LLVMGetInsertBlock(gen.b)) == NULL;
}

void ll_start_block(LLVMBasicBlockRef bb) {
  if (ll_block_open())
    br(bb);
  LLVMPositionBuilderAtEnd(gen.b, bb);
}

// ---------------------------------------------------------------- target

static void init_types(void) {
  gen.t_void = LLVMVoidTypeInContext(gen.ctx);
  gen.t_i1 = LLVMInt1TypeInContext(gen.ctx);
  gen.t_i8 = LLVMInt8TypeInContext(gen.ctx);
  gen.t_i32 = LLVMInt32TypeInContext(gen.ctx);
  gen.t_i64 = LLVMInt64TypeInContext(gen.ctx);
  gen.t_int = LLVMIntTypeInContext(gen.ctx, (unsigned)gen.opts->target->int_bits);
  gen.t_i8p = ptr_to(gen.t_i8);
  memset(gen.layout_named, 0, sizeof gen.layout_named);
  gen.t_string = layout_name(LS_mg_string, "string");
  gen.t_slice = layout_name(LS_mg_slice, "slice");
  gen.t_iface = layout_name(LS_mg_iface, "iface");
  gen.t_typedesc = layout_name(LS_mg_type, "mg_type");
}

void gen_init_target(const BuildOptions *opts) {
  gen.opts = opts;
  gen.ctx = LLVMContextCreate();
  gen.tm = emit_target_machine(opts);
  gen.td = LLVMCreateTargetDataLayout(gen.tm);
  init_types();
}
