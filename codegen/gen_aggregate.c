// gen_aggregate.c: structs, arrays and pointers: addresses of addressable
// expressions, field selection, indirection, & and new, struct and array
// literals, and == on structs and arrays.
//
// Struct and array values are LLVM first-class aggregates of their
// fields' or elements' types; pointers are i8* like every other pointer
// of compiled code, cast where they are used.
#include "gen.h"

#include "runtime.h"

#include <string.h>

// Dereferencing nil panics as Go's does (Go gets there through SIGSEGV;
// compiled code tests first, so no signal handler is needed).
LLVMValueRef gen_nil_checked(LLVMValueRef p) {
  LLVMBasicBlockRef fail = frame_block("nil.deref");
  LLVMBasicBlockRef ok = frame_block("nonnil");
  cond_br(icmp(LLVMIntEQ, p, LLVMConstNull(LLVMTypeOf(p))), fail, ok);
  LLVMPositionBuilderAtEnd(gen.b, fail);
  rt_call("mg_panic_nil", NULL, 0);
  LLVMPositionBuilderAtEnd(gen.b, ok);
  return p;
}

static LLVMValueRef typed_ptr(LLVMValueRef p, Type *t) {
  return bitcast(p, ptr_to(ll_type(t)));
}

// ---------------------------------------------------------------- addressability

static bool hops_through_pointer(Node *sel) {
  if (type_under(gen_type_of(sel->lhs))->kind == TY_POINTER)
    return true;
  for (int i = 0; i + 1 < sel->sel_path.len; i++)
    if (type_under(((Field *)sel->sel_path.items[i])->type)->kind == TY_POINTER)
      return true;
  return false;
}

// Whether e denotes a place in memory (Go's addressable operands), so
// that reading it loads from gen_addr(e) rather than taking apart a value.
bool gen_is_addressable(Node *e) {
  switch (e->kind) {
  case ND_PAREN: return gen_is_addressable(e->lhs);
  case ND_IDENT: return e->sym && e->sym->kind == SYM_VAR;
  case ND_STAR: return true;
  case ND_SELECTOR:
    return e->sel_path.len && (hops_through_pointer(e) || gen_is_addressable(e->lhs));
  case ND_INDEX: {
    Type *t = type_under(gen_type_of(e->lhs));
    return t->kind == TY_SLICE || t->kind == TY_POINTER ||
           (t->kind == TY_ARRAY && gen_is_addressable(e->lhs));
  }
  default: return false;
  }
}

// ---------------------------------------------------------------- fields

// The address of the field at the end of path (n fields, see
// Node.sel_path), given the address of the struct of type t where it
// starts (or of the pointer to it).
static LLVMValueRef field_addr_from(LLVMValueRef addr, Type *t, Field **path, int n) {
  for (int i = 0; i < n; i++) {
    Field *f = path[i];
    if (type_under(t)->kind == TY_POINTER) {
      t = type_under(t)->elem;
      addr = gen_nil_checked(load(gen.t_i8p, addr));
    }
    LLVMTypeRef st = ll_type(t);
    addr = LLVMBuildStructGEP2(gen.b, st, typed_ptr(addr, t), (unsigned)f->index, "");
    t = f->type;
  }
  return addr;
}

static LLVMValueRef field_addr(Node *sel) {
  Type *t = gen_type_of(sel->lhs);
  if (type_under(t)->kind == TY_POINTER) {
    LLVMValueRef p = gen_nil_checked(gen_expr(sel->lhs));
    return field_addr_from(p, type_under(t)->elem, (Field **)sel->sel_path.items, sel->sel_path.len);
  }
  return field_addr_from(gen_addr(sel->lhs), t, (Field **)sel->sel_path.items, sel->sel_path.len);
}

// Phase one of an assignment to *p or to a field through a pointer: the
// last pointer on the way, evaluated but not yet checked for nil, and the
// fields after it (none of them through a pointer).
bool gen_place_split(Node *e, GenPlace *out) {
  e = node_unparen(e);
  if (e->kind == ND_STAR) {
    *out = (GenPlace){.ptr = gen_expr(e->lhs), .type = gen_type_of(e)};
    return true;
  }
  if (e->kind != ND_SELECTOR || !e->sel_path.len || e->method)
    return false;
  Field **path = (Field **)e->sel_path.items;
  int n = e->sel_path.len, last = -2;  // -1: the operand is the last pointer
  Type *t = gen_type_of(e->lhs);
  if (type_under(t)->kind == TY_POINTER)
    last = -1;
  for (int i = 0; i + 1 < n; i++)
    if (type_under(path[i]->type)->kind == TY_POINTER)
      last = i;
  if (last == -2) {
    if (!gen_is_addressable(e->lhs) || !gen_place_split(e->lhs, out))
      return false;
    for (int i = 0; i < n; i++)
      vec_push(&out->fields, path[i]);
    return true;
  }
  *out = (GenPlace){0};
  if (last == -1) {
    out->ptr = gen_expr(e->lhs);
    out->type = type_under(t)->elem;
  } else {
    LLVMValueRef base = type_under(t)->kind == TY_POINTER ? gen_nil_checked(gen_expr(e->lhs))
                                                          : gen_addr(e->lhs);
    Type *start = type_under(t)->kind == TY_POINTER ? type_under(t)->elem : t;
    out->ptr = load(gen.t_i8p, field_addr_from(base, start, path, last + 1));
    out->type = type_under(path[last]->type)->elem;
  }
  for (int i = last + 1; i < n; i++)
    vec_push(&out->fields, path[i]);
  return true;
}

// Phase two: the place's address, once its pointer is checked.
LLVMValueRef gen_place_addr(GenPlace *p) {
  Field **path = (Field **)p->fields.items;
  int n = p->fields.len;
  LLVMValueRef addr = field_addr_from(gen_nil_checked(p->ptr), p->type, path, n);
  return typed_ptr(addr, n ? path[n - 1]->type : p->type);
}

// x.f of a struct value that is not addressable (f().x, T{}.x): taken
// apart; an embedded pointer on the way is followed through memory.
static LLVMValueRef field_of_value(Node *sel) {
  LLVMValueRef v = gen_expr(sel->lhs);
  Type *t = gen_type_of(sel->lhs);
  for (int i = 0; i < sel->sel_path.len; i++) {
    Field *f = sel->sel_path.items[i];
    if (type_under(t)->kind == TY_POINTER) {
      Field **rest = (Field **)sel->sel_path.items + i;
      LLVMValueRef addr = field_addr_from(frame_spill(v), t, rest, sel->sel_path.len - i);
      return load(ll_type(gen_type_of(sel)), addr);
    }
    v = field(v, (unsigned)f->index);
    t = f->type;
  }
  return v;
}

LLVMValueRef gen_field(Node *sel) {
  if (gen_is_addressable(sel))
    return load(ll_type(gen_type_of(sel)), field_addr(sel));
  return field_of_value(sel);
}

// ---------------------------------------------------------------- arrays

// The address of element idx of the array at base, bounds-checked.
static LLVMValueRef array_elem_addr(LLVMValueRef base, Type *at, LLVMValueRef idx, Type *it) {
  LLVMValueRef len = ll_int(at->array_len);
  LLVMValueRef slice = with_field(LLVMGetUndef(gen.t_slice), as_i8p(base), 0);
  slice = with_field(slice, len, 1);
  return gen_elem_addr(slice, at, idx, it);
}

// a[i] of an array: through memory when a is addressable (or a pointer to
// an array), else from the value, spilled so that the index can be checked
// and used as in memory.
LLVMValueRef gen_array_index_addr(Node *e) {
  Type *t = type_under(gen_type_of(e->lhs));
  LLVMValueRef base;
  if (t->kind == TY_POINTER) {
    base = gen_nil_checked(gen_expr(e->lhs));
    t = type_under(t->elem);
  } else if (gen_is_addressable(e->lhs)) {
    base = gen_addr(e->lhs);
  } else {
    base = frame_spill(gen_expr(e->lhs));
  }
  LLVMValueRef idx = gen_expr(e->rhs);
  return array_elem_addr(base, t, idx, gen_type_of(e->rhs));
}

// The slice a[:] of an addressable array a (or of the array p points to).
LLVMValueRef gen_array_as_slice(Node *a) {
  Type *t = type_under(gen_type_of(a));
  LLVMValueRef base;
  if (t->kind == TY_POINTER) {
    base = gen_nil_checked(gen_expr(a));
    t = type_under(t->elem);
  } else {
    base = gen_addr(a);
  }
  LLVMValueRef s = with_field(LLVMGetUndef(gen.t_slice), as_i8p(base), 0);
  s = with_field(s, ll_int(t->array_len), 1);
  return with_field(s, ll_int(t->array_len), 2);
}

// ---------------------------------------------------------------- addresses

// The object of &T{...} or new(T) at site: a slot of the frame when
// escape.c finds it never outlives the activation (one slot serves every
// execution of the site: no two of its objects are live at once), else a
// heap block. The slot is zeroed here, where the object is made.
static LLVMValueRef new_object(Node *site, Type *t) {
  if (escape_alloc_in_frame(site)) {
    LLVMValueRef slot = frame_alloca(ll_type(t), "obj");
    store(ll_zero(t), slot);
    return as_i8p(slot);
  }
  LLVMValueRef size = ll_int((int64_t)ll_type_size(t));
  return rt_call(ll_has_pointers(t) ? "mg_alloc" : "mg_alloc_noscan", &size, 1);
}

// The address of addressable expression e, typed as a pointer to e's type.
LLVMValueRef gen_addr(Node *e) {
  switch (e->kind) {
  case ND_PAREN: return gen_addr(e->lhs);
  case ND_IDENT: return frame_var_addr(e->sym);
  case ND_STAR: return typed_ptr(gen_nil_checked(gen_expr(e->lhs)), gen_type_of(e));
  case ND_SELECTOR: return typed_ptr(field_addr(e), gen_type_of(e));
  case ND_INDEX: {
    Type *t = type_under(gen_type_of(e->lhs));
    if (t->kind == TY_SLICE)
      return gen_elem_addr(gen_expr(e->lhs), t, gen_expr(e->rhs), gen_type_of(e->rhs));
    return gen_array_index_addr(e);
  }
  default: die("gen_addr: node kind %d is not addressable", e->kind);
  }
}

// &x: x's address (its variable lives in a cell, see escape.c), or a new
// object for &T{...}.
LLVMValueRef gen_address_of(Node *e) {
  Node *x = node_unparen(e->lhs);
  if (x->kind == ND_COMPOSITE) {
    Type *t = gen_type_of(x);
    LLVMValueRef v = gen_expr(x);
    LLVMValueRef p = new_object(e, t);
    store(v, typed_ptr(p, t));
    return p;
  }
  return as_i8p(gen_addr(x));
}

LLVMValueRef gen_new(Node *e) {
  return new_object(e, e->conv_type);
}

LLVMValueRef gen_deref(Node *e) {
  return load(ll_type(gen_type_of(e)), gen_addr(e));
}

// ---------------------------------------------------------------- literals

// T{...} for a struct or array type: zero, then each element in source
// order, at its key (a field, or a constant index) or after the previous.
LLVMValueRef gen_aggregate_literal(Node *e, Type *t) {
  Type *u = type_under(t);
  LLVMValueRef v = ll_zero(t);
  int64_t next = 0;
  for (int i = 0; i < e->list.len; i++) {
    Node *el = e->list.items[i];
    int64_t at = next;
    Type *et = u->elem;
    if (el->kind == ND_KEYED) {
      at = u->kind == TY_STRUCT ? el->field->index : (int64_t)el->lhs->cval.i;
      el = el->rhs;
    }
    bool blank = false;
    if (u->kind == TY_STRUCT) {
      Field *f = u->fields.items[at];
      et = f->type;
      blank = strcmp(f->name, "_") == 0;
    }
    // A blank field's value is evaluated and dropped: the field stays zero.
    LLVMValueRef ev = gen_expr_to(el, et);
    if (!blank)
      v = with_field(v, ev, (unsigned)at);
    next = at + 1;
  }
  return v;
}

// ---------------------------------------------------------------- equality

// a == b for structs (every field but blank ones) and arrays (every
// element), comparing as == does for each field's or element's type.
LLVMValueRef gen_aggregate_equal(LLVMValueRef a, LLVMValueRef b, Type *t) {
  Type *u = type_under(t);
  LLVMValueRef eq = LLVMConstInt(gen.t_i1, 1, false);
  if (u->kind == TY_STRUCT) {
    for (int i = 0; i < u->fields.len; i++) {
      Field *f = u->fields.items[i];
      if (f->name[0] == '_' && f->name[1] == 0)
        continue;
      LLVMValueRef fe = gen_equal(field(a, (unsigned)i), f->type, field(b, (unsigned)i), f->type);
      eq = LLVMBuildAnd(gen.b, eq, fe, "");
    }
    return eq;
  }
  for (int64_t i = 0; i < u->array_len; i++) {
    LLVMValueRef ee = gen_equal(field(a, (unsigned)i), u->elem, field(b, (unsigned)i), u->elem);
    eq = LLVMBuildAnd(gen.b, eq, ee, "");
  }
  return eq;
}
