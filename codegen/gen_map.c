// gen_map.c: maps as calls of the map runtime (runtime/map.c, contract in
// runtime.h): m[k] read, v, ok := m[k], the place m[k] = v stores into,
// delete, len, make, literals and range.
//
// Every entry point takes the map type's descriptor. Keys of 8 and 4 byte
// integers and pointers and string keys go by value to the fast forms;
// any other key goes by address. A value's address from the runtime is
// good only until the next map operation, so it is loaded (or stored) at
// once.
#include "gen.h"

#include "runtime.h"

#include <stdio.h>

typedef enum MapKeyForm { KEY_FAST64, KEY_FAST32, KEY_FASTSTR, KEY_GENERIC } MapKeyForm;

static MapKeyForm map_key_form(Type *key) {
  Type *u = type_under(key);
  if (u->kind == TY_STRING)
    return KEY_FASTSTR;
  if (u->kind != TY_INT && u->kind != TY_POINTER && u->kind != TY_CHAN)
    return KEY_GENERIC;  // floats too: +0 and -0 are one key, NaN none
  uint64_t size = ll_type_size(u);
  return size == 8 ? KEY_FAST64 : size == 4 ? KEY_FAST32 : KEY_GENERIC;
}

// Calls mg_map_<op> ("access", "lookup", "assign") of map m of type mt
// for key k, a value of the key type; returns the runtime's i8* result.
static LLVMValueRef map_call(const char *op, Type *mt, LLVMValueRef m, LLVMValueRef k) {
  Type *key = type_under(mt)->key;
  LLVMValueRef desc = ll_type_desc(mt);
  char name[40];
  MapKeyForm form = map_key_form(key);
  switch (form) {
  case KEY_FAST64:
  case KEY_FAST32: {
    bool wide = form == KEY_FAST64;
    snprintf(name, sizeof name, "mg_map_%s_fast%s", op, wide ? "64" : "32");
    LLVMTypeRef it = wide ? gen.t_i64 : gen.t_i32;
    if (type_under(key)->kind == TY_POINTER || type_under(key)->kind == TY_CHAN)
      k = LLVMBuildPtrToInt(gen.b, k, it, "");
    return rt(name, desc, m, k);
  }
  case KEY_FASTSTR:
    snprintf(name, sizeof name, "mg_map_%s_faststr", op);
    return rt(name, desc, m, frame_spill(k));
  default:
    snprintf(name, sizeof name, "mg_map_%s", op);
    return rt(name, desc, m, frame_spill(k));
  }
}

static LLVMValueRef elem_ptr_of(LLVMValueRef p, Type *mt) {
  return bitcast(p, ptr_to(ll_type(type_under(mt)->elem)));
}

LLVMValueRef gen_map_read(Type *mt, LLVMValueRef m, LLVMValueRef k) {
  return load(ll_type(type_under(mt)->elem), elem_ptr_of(map_call("access", mt, m, k), mt));
}

LLVMValueRef gen_map_assign_addr(Type *mt, LLVMValueRef m, LLVMValueRef k) {
  return elem_ptr_of(map_call("assign", mt, m, k), mt);
}

// The key operand of m[k], as a value of the key type.
static LLVMValueRef key_value(Node *index) {
  return gen_expr_to(index->rhs, type_under(gen_type_of(index->lhs))->key);
}

LLVMValueRef gen_map_index(Node *e) {
  Type *mt = gen_type_of(e->lhs);
  LLVMValueRef m = gen_expr(e->lhs);
  return gen_map_read(mt, m, key_value(e));
}

// v, ok := m[k]: the zero value when k is absent.
LLVMValueRef gen_map_lookup(Node *e, LLVMValueRef *ok) {
  Type *mt = gen_type_of(e->lhs);
  LLVMValueRef m = gen_expr(e->lhs);
  LLVMValueRef p = map_call("lookup", mt, m, key_value(e));
  *ok = icmp(LLVMIntNE, p, LLVMConstNull(gen.t_i8p));
  Type *elem = type_under(mt)->elem;
  LLVMValueRef zero = frame_spill(ll_zero(elem));
  LLVMValueRef at = LLVMBuildSelect(gen.b, *ok, elem_ptr_of(p, mt), zero, "");
  return load(ll_type(elem), at);
}

// delete(m, k), or delete(f()) of a call with two results.
void gen_map_delete(Node *e) {
  Node *first = e->list.items[0];
  Type *mt = e->list.len == 2 ? gen_type_of(first) : first->type->results.items[0];
  Type *want[2] = {mt, type_under(mt)->key}, *types[2];
  LLVMValueRef args[2];
  gen_call_args(e, want, args, types);
  rt("mg_map_delete", ll_type_desc(mt), args[0], frame_spill(args[1]));
}

// len(m): the table's first word (runtime.h), 0 for nil.
LLVMValueRef gen_map_len(LLVMValueRef m) {
  LLVMBasicBlockRef from = LLVMGetInsertBlock(gen.b);
  LLVMBasicBlockRef some = frame_block("maplen.some"), done = frame_block("maplen.done");
  cond_br(icmp(LLVMIntEQ, m, LLVMConstNull(gen.t_i8p)), done, some);
  LLVMPositionBuilderAtEnd(gen.b, some);
  LLVMValueRef n = load(gen.t_int, bitcast(m, ptr_to(gen.t_int)));
  br(done);
  LLVMPositionBuilderAtEnd(gen.b, done);
  LLVMValueRef phi = LLVMBuildPhi(gen.b, gen.t_int, "len");
  LLVMValueRef vals[] = {ll_int(0), n};
  LLVMBasicBlockRef blocks[] = {from, some};
  LLVMAddIncoming(phi, vals, blocks, 2);
  return phi;
}

LLVMValueRef gen_map_make(Node *e) {
  Type *mt = e->conv_type ? e->conv_type : e->type;
  LLVMValueRef hint = e->list.len > 1 ? gen_make_size_operand(e->list.items[1]) : ll_int(0);
  return rt("mg_map_make", ll_type_desc(mt), hint);
}

// Whether Go's order pass counts e as static (isStaticCompositeLiteral):
// a constant, nil, or a struct or array literal of such.
static bool is_static(Node *e) {
  e = node_unparen(e);
  if (e->cval.kind != CONST_NONE || (e->kind == ND_IDENT && e->sym && e->sym->kind == SYM_NIL))
    return true;
  if (e->kind != ND_COMPOSITE)
    return false;
  TypeKind k = type_under(gen_type_of(e))->kind;
  if (k != TY_STRUCT && k != TY_ARRAY)
    return false;
  for (int i = 0; i < e->list.len; i++) {
    Node *el = e->list.items[i];
    if (!is_static(el->kind == ND_KEYED ? el->rhs : el))
      return false;
  }
  return true;
}

// map[K]V{...}: as Go's order pass makes it, the map with the entries
// whose key and value are static first, then each other entry in source
// order as its own m[k] = v (so a later dynamic key replaces a static one).
LLVMValueRef gen_map_literal(Node *e, Type *mt) {
  Type *u = type_under(mt);
  LLVMValueRef m = rt("mg_map_make", ll_type_desc(mt), ll_int(e->list.len));
  for (int pass = 0; pass < 2; pass++) {
    for (int i = 0; i < e->list.len; i++) {
      Node *el = e->list.items[i];
      bool static_entry = is_static(el->lhs) && is_static(el->rhs);
      if (static_entry != (pass == 0))
        continue;
      gen_order_expr_to(el->lhs, u->key);
      gen_order_expr_to(el->rhs, u->elem);
      LLVMValueRef k = gen_literal_elem(el->lhs, u->key);
      LLVMValueRef v = gen_literal_elem(el->rhs, u->elem);
      store(v, gen_map_assign_addr(mt, m, k));
    }
  }
  return m;
}

// ---- range

LLVMValueRef gen_map_iter_init(Type *mt, LLVMValueRef m) {
  LLVMValueRef it = frame_alloca(layout_type(LS_mg_map_iter), "mapiter");
  rt("mg_map_iter_init", ll_type_desc(mt), m, it);
  return it;
}

// The iterator's current key or value address (NULL key: done).
static LLVMValueRef iter_field(LLVMValueRef it, unsigned f) {
  LLVMValueRef p = LLVMBuildStructGEP2(gen.b, layout_type(LS_mg_map_iter), it, f, "");
  return load(gen.t_i8p, p);
}

LLVMValueRef gen_map_iter_done(LLVMValueRef it) {
  return icmp(LLVMIntEQ, iter_field(it, LF_mg_map_iter_key), LLVMConstNull(gen.t_i8p));
}

LLVMValueRef gen_map_iter_key(LLVMValueRef it, Type *mt) {
  LLVMTypeRef kt = ll_type(type_under(mt)->key);
  return load(kt, bitcast(iter_field(it, LF_mg_map_iter_key), ptr_to(kt)));
}

LLVMValueRef gen_map_iter_elem(LLVMValueRef it, Type *mt) {
  return load(ll_type(type_under(mt)->elem),
              elem_ptr_of(iter_field(it, LF_mg_map_iter_elem), mt));
}

void gen_map_iter_next(LLVMValueRef it) {
  rt("mg_map_iter_next", it);
}
