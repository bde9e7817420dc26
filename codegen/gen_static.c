// gen_static.c: package-level variables whose initial values are known at
// compile time become data, as Go's static initialization makes them:
// constants, composite literals of such values (a slice's backing array
// and a &T{...} get globals of their own), nil, functions, and addresses
// of package-level variables. Nothing such a value holds can be observed
// before the variable's turn in the initialization order, so setting it
// before main.init runs changes nothing but the time and code it takes
// (the tables of package unicode are thousands of literals).
#include "gen.h"

static LLVMValueRef static_value(Node *e, Type *t);

// A private global holding v, writable as Go's variables are.
static LLVMValueRef static_global(LLVMValueRef v, const char *name) {
  LLVMValueRef gv = LLVMAddGlobal(gen.mod, LLVMTypeOf(v), name);
  LLVMSetInitializer(gv, v);
  LLVMSetLinkage(gv, LLVMPrivateLinkage);
  return gv;
}

static Node *element_value(Node *el) {
  return el->kind == ND_KEYED ? el->rhs : el;
}

static Type *element_type(Type *u, int64_t at) {
  return u->kind == TY_STRUCT ? ((Field *)u->fields.items[at])->type : u->elem;
}

// A struct or array literal: each element, zero where none is given.
static LLVMValueRef static_aggregate(Node *e, Type *t) {
  Type *u = type_under(t);
  int64_t n = u->kind == TY_STRUCT ? u->fields.len : u->array_len;
  LLVMValueRef *elems = xcalloc((size_t)n + 1, sizeof(LLVMValueRef));
  for (int64_t i = 0; i < n; i++)
    elems[i] = ll_zero(element_type(u, i));
  int64_t next = 0;
  for (int i = 0; i < e->list.len; i++) {
    Node *el = e->list.items[i];
    int64_t at = next;
    if (el->kind == ND_KEYED)
      at = u->kind == TY_STRUCT ? el->field->index : (int64_t)el->lhs->cval.i;
    if (!(elems[at] = static_value(element_value(el), element_type(u, at))))
      return NULL;
    next = at + 1;
  }
  if (u->kind == TY_ARRAY)
    return LLVMConstArray(ll_type(u->elem), elems, (unsigned)n);
  return LLVMConstStructInContext(gen.ctx, elems, (unsigned)n, false);
}

// A slice literal: a private array holding its elements, and the slice of
// all of it.
static LLVMValueRef static_slice(Node *e, Type *t) {
  Type *et = type_under(t)->elem;
  int64_t n = 0, next = 0;
  for (int i = 0; i < e->list.len; i++) {
    Node *el = e->list.items[i];
    next = (el->kind == ND_KEYED ? (int64_t)el->lhs->cval.i : next) + 1;
    if (next > n)
      n = next;
  }
  LLVMValueRef *elems = xcalloc((size_t)n + 1, sizeof(LLVMValueRef));
  LLVMValueRef zero = ll_zero(et);
  for (int64_t i = 0; i < n; i++)
    elems[i] = zero;
  next = 0;
  for (int i = 0; i < e->list.len; i++) {
    Node *el = e->list.items[i];
    int64_t at = el->kind == ND_KEYED ? (int64_t)el->lhs->cval.i : next;
    if (!(elems[at] = static_value(element_value(el), et)))
      return NULL;
    next = at + 1;
  }
  LLVMValueRef arr = LLVMConstArray(ll_type(et), elems, (unsigned)n);
  LLVMValueRef parts[3] = {LLVMConstBitCast(static_global(arr, "slicelit"), gen.t_i8p), ll_int(n),
                           ll_int(n)};
  return LLVMConstNamedStruct(gen.t_slice, parts, 3);
}

static LLVMValueRef static_composite(Node *e, Type *t) {
  if (e->type)
    t = e->type;
  Type *u = type_under(t);
  if (u->kind == TY_POINTER) {  // an element {...} of type *T is &T{...}
    LLVMValueRef v = static_composite(e, u->elem);
    return v ? LLVMConstBitCast(static_global(v, "ptrlit"), ll_type(t)) : NULL;
  }
  if (u->kind == TY_STRUCT || u->kind == TY_ARRAY)
    return static_aggregate(e, t);
  if (u->kind == TY_SLICE)
    return static_slice(e, t);
  return NULL;  // a map is made at run time
}

// The value of e as a constant of type t, or NULL when it is not one.
static LLVMValueRef static_value(Node *e, Type *t) {
  e = node_unparen(e);
  Type *tu = type_under(t);
  if (tu->kind == TY_IFACE) {
    bool is_nil = e->kind == ND_IDENT && e->sym && e->sym->kind == SYM_NIL;
    return is_nil ? ll_zero(t) : NULL;  // other values are boxed at run time
  }
  if (e->cval.kind != CONST_NONE) {
    LLVMValueRef v = gen_const(e->cval, t);
    return LLVMIsConstant(v) && LLVMTypeOf(v) == ll_type(t) ? v : NULL;
  }
  switch (e->kind) {
  case ND_COMPOSITE:
    return static_composite(e, t);
  case ND_UNARY:
  case ND_ADDR: {
    Node *x = node_unparen(e->lhs);
    if (e->kind == ND_ADDR && x->kind == ND_COMPOSITE && tu->kind == TY_POINTER) {
      LLVMValueRef v = static_composite(x, tu->elem);
      return v ? LLVMConstBitCast(static_global(v, "ptrlit"), ll_type(t)) : NULL;
    }
    if (e->kind == ND_ADDR && x->kind == ND_IDENT && x->sym && x->sym->is_global && x->sym->cg)
      return LLVMConstBitCast(x->sym->cg, ll_type(t));
    return NULL;
  }
  case ND_IDENT:
    if (e->sym && e->sym->kind == SYM_NIL)
      return ll_zero(t);
    if (e->sym && e->sym->kind == SYM_FUNC && e->sym->decl && e->sym->decl->cg &&
        tu->kind == TY_FUNC)
      return gen_static_closure(e->sym->decl->cg);
    return NULL;
  default:
    return NULL;
  }
}

bool gen_static_var_init(Node *d) {
  int n = d->names.len;
  if (d->values.len != n)
    return false;  // var a, b = f()
  LLVMValueRef vals[n];
  for (int i = 0; i < n; i++) {
    Node *name = d->names.items[i];
    vals[i] = name->sym && name->sym->cg ? static_value(d->values.items[i], name->sym->type)
                                         : NULL;
    if (!vals[i] || LLVMTypeOf(vals[i]) != ll_type(name->sym->type))
      return false;
  }
  for (int i = 0; i < n; i++)
    LLVMSetInitializer(((Node *)d->names.items[i])->sym->cg, vals[i]);
  return true;
}
