// gen_stmt.c: statements to control flow.
//
// Assignments follow Go's two phases: the operands of index expressions on
// the left and every right-hand side are evaluated first, left to right;
// then the stores happen left to right. Every return goes through the
// function's one exit block.
#include "gen.h"

#include "runtime.h"

#include <string.h>

// ---------------------------------------------------------------- lvalues

// A place assigned to, after phase one: a variable, a slice or array
// element whose slice (or array's address) and index are already
// evaluated, a map entry whose map and key are (base, idx), a place
// through a pointer (*p, p.f) whose pointer is, any other place whose
// address is, or the blank identifier.
typedef struct LValue {
  enum { LV_BLANK, LV_VAR, LV_ELEM, LV_MAP, LV_PLACE, LV_ADDR } kind;
  Symbol *sym;
  GenPlace place;   // LV_PLACE: through a pointer checked at the store
  LLVMValueRef base, idx;
  Type *base_type, *idx_type;
  Type *type;
} LValue;

static bool is_blank(Node *n) {
  return n->kind == ND_IDENT && strcmp(n->name, "_") == 0;
}

static LValue prepare_lvalue(Node *n) {
  n = node_unparen(n);
  LValue lv = {0};
  if (is_blank(n) || (n->kind == ND_IDENT && !n->sym)) {
    lv.kind = LV_BLANK;
    return lv;
  }
  if (n->kind == ND_IDENT) {
    lv.kind = LV_VAR;
    lv.sym = n->sym;
    lv.type = n->sym->type;
    return lv;
  }
  if (n->kind == ND_INDEX && type_under(gen_type_of(n->lhs))->kind == TY_MAP) {
    lv.kind = LV_MAP;
    lv.base_type = gen_type_of(n->lhs);
    lv.base = gen_expr(n->lhs);
    lv.idx = gen_expr_to(n->rhs, type_under(lv.base_type)->key);
    lv.type = gen_type_of(n);
    return lv;
  }
  if (n->kind == ND_INDEX && type_under(gen_type_of(n->lhs))->kind != TY_SLICE) {
    lv.kind = LV_ELEM;
    lv.base = gen_array_as_slice(n->lhs);
    lv.base_type = type_slice(gen_type_of(n));
    lv.idx_type = gen_type_of(n->rhs);
    lv.idx = gen_expr(n->rhs);
    lv.type = gen_type_of(n);
    return lv;
  }
  if (n->kind == ND_INDEX) {
    lv.kind = LV_ELEM;
    lv.base_type = gen_type_of(n->lhs);
    lv.base = gen_expr(n->lhs);
    lv.idx_type = gen_type_of(n->rhs);
    lv.idx = gen_expr(n->rhs);
    lv.type = lv.base_type->elem;
    return lv;
  }
  lv.type = gen_type_of(n);
  if (gen_place_split(n, &lv.place)) {
    lv.kind = LV_PLACE;
    return lv;
  }
  lv.kind = LV_ADDR;
  lv.base = gen_addr(n);
  return lv;
}

static LLVMValueRef lvalue_addr(LValue *lv) {
  if (lv->kind == LV_VAR)
    return frame_var_addr(lv->sym);
  if (lv->kind == LV_ADDR)
    return lv->base;
  if (lv->kind == LV_MAP)
    return gen_map_assign_addr(lv->base_type, lv->base, lv->idx);
  if (lv->kind == LV_PLACE)
    return gen_place_addr(&lv->place);
  return gen_elem_addr(lv->base, lv->base_type, lv->idx, lv->idx_type);
}

static void store_lvalue(LValue *lv, LLVMValueRef v, Type *vt) {
  if (lv->kind == LV_BLANK)
    return;
  LLVMValueRef converted = gen_convert(v, vt, lv->type);
  store(converted, lvalue_addr(lv));  // a map entry's address after the value
}

// The right-hand sides of an assignment of n targets: n expressions, or
// one expression with n results.
static void gen_values(Vec *values, int n, Type **want, LLVMValueRef *out, Type **types) {
  if (values->len == 1 && n > 1) {
    gen_multi(values->items[0], out, types, n);
    return;
  }
  for (int i = 0; i < n; i++) {
    Node *v = values->items[i];
    if (want[i]) {
      out[i] = gen_expr_to(v, want[i]);
      types[i] = want[i];
    } else {
      out[i] = gen_expr(v);
      types[i] = gen_type_of(v);
    }
  }
}

// Go's order pass over the right-hand sides of an assignment of n
// targets; value i goes to a target of type want[i] (NULL: blank).
static void order_values(Vec *values, int n, Type **want) {
  for (int i = 0; i < values->len; i++)
    gen_order_expr_to(values->items[i], values->len == n ? want[i] : NULL);
}

static void order_list(Vec *v) {
  for (int i = 0; i < v->len; i++)
    gen_order_expr(v->items[i]);
}

// The type a target of an assignment has; NULL for the blank identifier.
static Type *target_type(Node *n) {
  n = node_unparen(n);
  if (is_blank(n) || (n->kind == ND_IDENT && !n->sym))
    return NULL;
  return n->kind == ND_IDENT ? n->sym->type : gen_type_of(n);
}

// ---------------------------------------------------------------- declarations

static bool declares(Node *name) {
  Symbol *sym = name->sym;
  return sym && sym->kind == SYM_VAR && sym->pos.line == name->pos.line &&
         sym->pos.col == name->pos.col;
}

// var x, y T = a, b / x, y := a, b: values first, then each new variable
// is declared (a fresh cell if captured) and stored.
static void gen_declaration(Node *s, bool global) {
  int n = s->names.len;
  Type *want[n];
  LLVMValueRef vals[n];
  Type *types[n];
  for (int i = 0; i < n; i++) {
    Node *name = s->names.items[i];
    want[i] = !is_blank(name) && name->sym ? name->sym->type : NULL;
  }
  order_values(&s->values, n, want);
  if (s->values.len)
    gen_values(&s->values, n, want, vals, types);
  for (int i = 0; i < n; i++) {
    Node *name = s->names.items[i];
    if (is_blank(name) || !name->sym)
      continue;
    if (!global && declares(name))
      frame_declare_local(name->sym);
    if (s->values.len)
      store(gen_convert(vals[i], types[i], name->sym->type), frame_var_addr(name->sym));
  }
}

void gen_var_init(Node *s, bool global) {
  gen_declaration(s, global);
}

static void gen_assign(Node *s) {
  int n = s->names.len;
  LValue lvs[n];
  Type *want[n];
  LLVMValueRef vals[n];
  Type *types[n];
  order_list(&s->names);
  for (int i = 0; i < n; i++)
    want[i] = target_type(s->names.items[i]);
  order_values(&s->values, n, want);
  for (int i = 0; i < n; i++)
    lvs[i] = prepare_lvalue(s->names.items[i]);
  gen_values(&s->values, n, want, vals, types);
  for (int i = 0; i < n; i++)
    store_lvalue(&lvs[i], vals[i], types[i]);
}

// x op= y and x++: x's operands are evaluated once. As Go's x = x op y,
// x is read (and an element's index checked) before y is evaluated; a map
// entry is made only when the new value is stored, as m[k] = m[k] op y.
static void gen_update(Node *target, Op op, Node *rhs) {
  gen_order_expr(target);
  gen_order_expr(rhs);
  LValue lv = prepare_lvalue(target);
  LLVMValueRef addr = NULL, old;
  if (lv.kind == LV_MAP) {
    old = gen_map_read(lv.base_type, lv.base, lv.idx);
  } else {
    addr = lvalue_addr(&lv);
    old = load(ll_type(lv.type), addr);
  }
  LLVMValueRef r;
  Type *rt;
  if (rhs) {
    rt = gen_type_of(rhs);
    r = gen_expr(rhs);
  } else {
    rt = lv.type;
    r = gen_one(rt);
  }
  if (lv.type->kind == TY_INT && op != OP_SHL && op != OP_SHR)
    r = LLVMBuildIntCast2(gen.b, r, ll_type(lv.type), !rt->is_unsigned, "");
  LLVMValueRef result = gen_binop_values(op, old, lv.type, r, rt);
  store(result, addr ? addr : lvalue_addr(&lv));
}

// ---------------------------------------------------------------- control flow

static void gen_if(Node *s) {
  if (s->init)
    gen_stmt(s->init);
  LLVMBasicBlockRef then = frame_block("if.then"), end = frame_block("if.end");
  LLVMBasicBlockRef els = s->els ? frame_block("if.else") : end;
  cond_br(gen_cond(s->cond), then, els);
  LLVMPositionBuilderAtEnd(gen.b, then);
  gen_stmt(s->then);
  if (s->els) {
    if (ll_block_open())
      br(end);
    LLVMPositionBuilderAtEnd(gen.b, els);
    gen_stmt(s->els);
  }
  ll_start_block(end);
}

static void gen_for(Node *s) {
  if (s->init)
    gen_stmt(s->init);
  LLVMBasicBlockRef cond = frame_block("for.cond"), body = frame_block("for.body");
  LLVMBasicBlockRef post = frame_block("for.post"), end = frame_block("for.end");
  frame_push_jump(s, end, post);
  ll_start_block(cond);
  if (s->cond)
    cond_br(gen_cond(s->cond), body, end);
  else
    br(body);
  LLVMPositionBuilderAtEnd(gen.b, body);
  gen_stmt(s->body);
  ll_start_block(post);
  if (s->post)
    gen_stmt(s->post);
  ll_start_block(cond);
  LLVMPositionBuilderAtEnd(gen.b, end);
  frame_pop_jump();
}

// Stores an iteration's key and value (NULL: not taken) into the range
// clause's targets. Assigning to existing places is a tuple assignment:
// the operands of both places first (for k, m[k] = range x indexes m
// with k's old value), then the stores.
static void range_assign(Node *s, LLVMValueRef kv, Type *kt, LLVMValueRef vv, Type *vt) {
  Node *targets[2] = {s->key, s->value};
  LLVMValueRef vals[2] = {kv, vv};
  Type *types[2] = {kt, vt};
  LValue lvs[2];
  for (int i = 0; i < 2; i++) {
    Node *t = targets[i];
    lvs[i] = (LValue){.kind = LV_BLANK};
    if (!t || is_blank(t) || !vals[i])
      continue;
    if (s->is_define)
      store(gen_convert(vals[i], types[i], t->sym->type), frame_var_addr(t->sym));
    else
      lvs[i] = prepare_lvalue(t);
  }
  for (int i = 0; i < 2; i++)
    store_lvalue(&lvs[i], vals[i], types[i]);
}

static bool range_takes_value(Node *s) {
  return s->value && !is_blank(s->value);
}

// The slice a range over an array (or a pointer to one) walks; *xt
// becomes its type. Ranging over an array value copies it, unless only
// the index is used; then only the length matters, as for a pointer
// (which may even be nil then).
static LLVMValueRef range_array(Node *s, Type **xt) {
  Type *at = type_under(*xt);
  bool by_pointer = at->kind == TY_POINTER;
  if (by_pointer)
    at = type_under(at->elem);
  *xt = type_slice(at->elem);
  bool values = range_takes_value(s);
  LLVMValueRef base = LLVMConstNull(gen.t_i8p);
  if (by_pointer) {
    LLVMValueRef p = gen_expr(s->lhs);
    base = values ? gen_nil_checked(p) : p;
  } else if (values) {
    base = frame_spill(gen_expr(s->lhs));
  } else {
    gen_expr(s->lhs);
  }
  LLVMValueRef r = with_field(LLVMGetUndef(gen.t_slice), as_i8p(base), 0);
  r = with_field(r, ll_int(at->array_len), 1);
  return with_field(r, ll_int(at->array_len), 2);
}

static void declare_range_vars(Node *s) {
  if (!s->is_define)
    return;
  if (s->key && !is_blank(s->key) && s->key->sym)
    frame_declare_local(s->key->sym);
  if (s->value && !is_blank(s->value) && s->value->sym)
    frame_declare_local(s->value->sym);
}

// for k, v := range m: the runtime's iterator in the frame, which starts
// at a random entry (runtime.h).
static void gen_range_map(Node *s, Type *mt) {
  LLVMValueRef it = gen_map_iter_init(mt, gen_expr(s->lhs));
  declare_range_vars(s);
  LLVMBasicBlockRef cond = frame_block("range.cond"), body = frame_block("range.body");
  LLVMBasicBlockRef post = frame_block("range.post"), end = frame_block("range.end");
  frame_push_jump(s, end, post);
  ll_start_block(cond);
  cond_br(gen_map_iter_done(it), end, body);
  LLVMPositionBuilderAtEnd(gen.b, body);
  LLVMValueRef k = s->key && !is_blank(s->key) ? gen_map_iter_key(it, mt) : NULL;
  LLVMValueRef v = range_takes_value(s) ? gen_map_iter_elem(it, mt) : NULL;
  range_assign(s, k, type_under(mt)->key, v, type_under(mt)->elem);
  gen_stmt(s->body);
  ll_start_block(post);
  gen_map_iter_next(it);
  ll_start_block(cond);
  LLVMPositionBuilderAtEnd(gen.b, end);
  frame_pop_jump();
}

// for v := range c: receives until c is closed and drained.
static void gen_range_chan(Node *s, Type *et) {
  LLVMValueRef c = gen_expr(s->lhs);
  declare_range_vars(s);
  LLVMValueRef slot = frame_alloca(ll_type(et), "range.recv");
  LLVMBasicBlockRef cond = frame_block("range.cond"), body = frame_block("range.body");
  LLVMBasicBlockRef end = frame_block("range.end");
  frame_push_jump(s, end, cond);
  ll_start_block(cond);
  cond_br(rt("mg_chan_recv", c, slot), body, end);
  LLVMPositionBuilderAtEnd(gen.b, body);
  range_assign(s, load(ll_type(et), slot), et, NULL, NULL);
  gen_stmt(s->body);
  ll_start_block(cond);
  LLVMPositionBuilderAtEnd(gen.b, end);
  frame_pop_jump();
}

// for k, v := range x: x is evaluated once and its length taken at the
// start; the variables are one pair per loop, as in Go 1.19.
static void gen_range(Node *s) {
  Type *xt = gen_type_of(s->lhs);
  bool is_str = xt->kind == TY_STRING;
  gen_order_expr(s->lhs);
  if (xt->kind == TY_MAP) {
    gen_range_map(s, xt);
    return;
  }
  if (xt->kind == TY_CHAN) {
    gen_range_chan(s, type_under(xt)->elem);
    return;
  }
  LLVMValueRef x = xt->kind == TY_ARRAY || xt->kind == TY_POINTER ? range_array(s, &xt)
                                                                  : gen_expr(s->lhs);
  LLVMValueRef len = LLVMBuildExtractValue(gen.b, x, 1, "len");
  declare_range_vars(s);
  LLVMValueRef idx = frame_alloca(gen.t_int, "range.i");
  LLVMValueRef next = frame_alloca(gen.t_int, "range.next");
  LLVMValueRef rune = frame_alloca(gen.t_i32, "range.rune");
  LLVMValueRef xslot = is_str ? frame_spill(x) : NULL;
  store(ll_int(0), idx);
  LLVMBasicBlockRef cond = frame_block("range.cond"), body = frame_block("range.body");
  LLVMBasicBlockRef post = frame_block("range.post"), end = frame_block("range.end");
  frame_push_jump(s, end, post);
  ll_start_block(cond);
  LLVMValueRef i = load(gen.t_int, idx);
  cond_br(LLVMBuildICmp(gen.b, LLVMIntSLT, i, len, ""), body, end);
  LLVMPositionBuilderAtEnd(gen.b, body);
  if (is_str) {
    LLVMValueRef args[3] = {xslot, i, rune};
    store(rt_call("mg_decode_rune", args, 3), next);
    range_assign(s, i, ty_int, load(gen.t_i32, rune), ty_rune);
  } else {
    store(LLVMBuildAdd(gen.b, i, ll_int(1), ""), next);
    LLVMValueRef v = NULL;
    if (range_takes_value(s)) {
      LLVMTypeRef et = ll_type(xt->elem);
      LLVMValueRef base = bitcast(field(x, 0), ptr_to(et));
      v = load(et, LLVMBuildInBoundsGEP2(gen.b, et, base, &i, 1, ""));
    }
    range_assign(s, i, ty_int, v, xt->elem);
  }
  gen_stmt(s->body);
  ll_start_block(post);
  store(load(gen.t_int, next), idx);
  ll_start_block(cond);
  LLVMPositionBuilderAtEnd(gen.b, end);
  frame_pop_jump();
}

static Node *last_stmt(Node *c) {
  return c->list.len ? c->list.items[c->list.len - 1] : NULL;
}

// Whether case value v matches the tag. A tagless switch's tag is true,
// and a case value of interface type is compared with it as an interface
// (switch { case i: } where i holds true).
static LLVMValueRef gen_case_hit(LLVMValueRef tag, Type *tt, Node *v) {
  Type *vt = gen_type_of(v);
  if (tag)
    return gen_equal(tag, tt, gen_expr(v), vt);
  if (vt->kind == TY_BOOL)
    return gen_cond(v);
  return gen_equal(LLVMConstInt(ll_type(ty_bool), 1, false), ty_bool, gen_expr(v), vt);
}

// Cases are tried in source order, values left to right; the tag is
// evaluated once.
static void gen_switch(Node *s) {
  if (s->init)
    gen_stmt(s->init);
  gen_order_expr(s->tag);
  Type *tt = s->tag ? gen_type_of(s->tag) : NULL;
  LLVMValueRef tag = s->tag ? gen_expr(s->tag) : NULL;
  int n = s->list.len;
  LLVMBasicBlockRef bodies[n + 1];
  LLVMBasicBlockRef end = frame_block("switch.end");
  frame_push_jump(s, end, NULL);
  Node *dflt = NULL;
  int dflt_index = -1;
  for (int i = 0; i < n; i++)
    bodies[i] = frame_block("case.body");
  bodies[n] = end;
  for (int i = 0; i < n; i++) {
    Node *c = s->list.items[i];
    if (c->is_default) {
      dflt = c;
      dflt_index = i;
      continue;
    }
    for (int j = 0; j < c->values.len; j++) {
      Node *v = c->values.items[j];
      gen_order_expr(v);
      LLVMValueRef hit = gen_case_hit(tag, tt, v);
      LLVMBasicBlockRef next = frame_block("case.next");
      cond_br(hit, bodies[i], next);
      LLVMPositionBuilderAtEnd(gen.b, next);
    }
  }
  br(dflt ? bodies[dflt_index] : end);
  LLVMBasicBlockRef saved = gen.frame->fallthrough;
  for (int i = 0; i < n; i++) {
    Node *c = s->list.items[i];
    LLVMPositionBuilderAtEnd(gen.b, bodies[i]);
    gen.frame->fallthrough = bodies[i + 1];
    for (int j = 0; j < c->list.len; j++)
      gen_stmt(c->list.items[j]);
    Node *last = last_stmt(c);
    if (!(last && last->kind == ND_FALLTHROUGH) && ll_block_open())
      br(end);
  }
  gen.frame->fallthrough = saved;
  LLVMPositionBuilderAtEnd(gen.b, end);
  frame_pop_jump();
}

// Whether a type switch's operand, of dynamic type have, matches case e.
static LLVMValueRef type_case_test(LLVMValueRef have, Node *e) {
  Type *t = e->type;
  LLVMValueRef null = LLVMConstNull(gen.t_i8p);
  if (t->kind == TY_UNTYPED_NIL)
    return icmp(LLVMIntEQ, have, null);
  if (!is_iface(t))
    return icmp(LLVMIntEQ, have, ll_type_desc(t));
  if (!has_itab(t))
    return icmp(LLVMIntNE, have, null);
  LLVMValueRef args[2] = {ll_type_desc(t), have};
  return icmp(LLVMIntNE, rt_call("mg_itab_for", args, 2), null);
}

// The value of a case's variable: the operand x as the case's one type,
// or x itself.
static LLVMValueRef type_case_value(Node *c, LLVMValueRef x, LLVMValueRef have, Type *xt) {
  Type *t = c->sym->type;
  if (c->values.len != 1 || types_identical(t, xt))
    return x;
  if (!is_iface(t))
    return gen_iface_data(x, t);
  if (has_itab(t)) {
    LLVMValueRef args[2] = {ll_type_desc(t), have};
    have = rt_call("mg_itab_for", args, 2);
  }
  return with_field(x, have, 0);
}

// switch v := x.(type): the cases are tested in order, by the dynamic
// type of x; each case's body gets its own v.
static void gen_type_switch(Node *s) {
  if (s->init)
    gen_stmt(s->init);
  Node *xn = s->tag->lhs;
  gen_order_expr(xn);
  Type *xt = gen_type_of(xn);
  LLVMValueRef x = gen_expr(xn);
  LLVMValueRef have = gen_dynamic_type(x, xt);
  int n = s->list.len, dflt = -1;
  LLVMBasicBlockRef bodies[n + 1];
  LLVMBasicBlockRef end = frame_block("typeswitch.end");
  frame_push_jump(s, end, NULL);
  for (int i = 0; i < n; i++)
    bodies[i] = frame_block("typecase.body");
  for (int i = 0; i < n; i++) {
    Node *c = s->list.items[i];
    if (c->is_default)
      dflt = i;
    for (int j = 0; j < c->values.len; j++) {
      LLVMBasicBlockRef next = frame_block("typecase.next");
      cond_br(type_case_test(have, c->values.items[j]), bodies[i], next);
      LLVMPositionBuilderAtEnd(gen.b, next);
    }
  }
  br(dflt >= 0 ? bodies[dflt] : end);
  for (int i = 0; i < n; i++) {
    Node *c = s->list.items[i];
    LLVMPositionBuilderAtEnd(gen.b, bodies[i]);
    if (c->sym) {
      frame_declare_local(c->sym);
      store(type_case_value(c, x, have, xt), frame_var_addr(c->sym));
    }
    for (int j = 0; j < c->list.len; j++)
      gen_stmt(c->list.items[j]);
    if (ll_block_open())
      br(end);
  }
  LLVMPositionBuilderAtEnd(gen.b, end);
  frame_pop_jump();
}

static void gen_return(Node *s) {
  int n = gen.frame->nresults;
  if (s->values.len > 0) {
    order_values(&s->values, n, gen.frame->result_types);
    LLVMValueRef vals[n];
    Type *types[n];
    gen_values(&s->values, n, gen.frame->result_types, vals, types);
    for (int i = 0; i < n; i++)
      store(gen_convert(vals[i], types[i], gen.frame->result_types[i]), gen.frame->result_slots[i]);
  }
  br(gen.frame->exit);
}

static void gen_jump(Node *s) {
  Jump *j = s->target ? frame_jump(s->target) : NULL;
  if (!j)
    die("break/continue without a target at %d:%d", s->pos.line, s->pos.col);
  br(s->kind == ND_BREAK ? j->brk : j->cont);
}

// A label starts a block of its own, made by whichever of the label and
// its first goto comes first.
static LLVMBasicBlockRef label_block(Node *labeled) {
  if (!labeled->cg)
    labeled->cg = frame_block(xformat("label.%s", labeled->label));
  return labeled->cg;
}

// Gotos only leave blocks (the checker saw to it), and every deferred
// call is made at the function's exit, so a goto is a plain branch. A
// defer that a goto may run twice is on the runtime's records, as in a
// loop (the checker marks it).
static void gen_goto(Node *s) {
  if (!s->target)
    die("goto without a target at %d:%d", s->pos.line, s->pos.col);
  br(label_block(s->target));
}

static void gen_labeled(Node *s) {
  LLVMBasicBlockRef b = label_block(s);
  if (ll_block_open())
    br(b);
  LLVMPositionBuilderAtEnd(gen.b, b);
  gen_stmt(s->body);
}

// ---------------------------------------------------------------- dispatch

void gen_block(Node *s) {
  for (int i = 0; i < s->list.len; i++)
    gen_stmt(s->list.items[i]);
}

void gen_stmt(Node *s) {
  // Code after a return, break or panic still needs a block to live in.
  if (!ll_block_open())
    LLVMPositionBuilderAtEnd(gen.b, frame_block("dead"));
  debug_location(s->pos);
  switch (s->kind) {
  case ND_BLOCK: gen_block(s); return;
  case ND_EXPR_STMT:
    gen_order_expr(s->lhs);
    gen_expr(s->lhs);
    return;
  case ND_VAR:
  case ND_DEFINE: gen_declaration(s, false); return;
  case ND_CONST:
  case ND_EMPTY: return;
  case ND_TYPE_DECL: return;
  case ND_ASSIGN: gen_assign(s); return;
  case ND_OP_ASSIGN: gen_update(s->lhs, s->op, s->rhs); return;
  case ND_INCDEC: gen_update(s->lhs, s->op, NULL); return;
  case ND_IF: gen_if(s); return;
  case ND_FOR: gen_for(s); return;
  case ND_RANGE: gen_range(s); return;
  case ND_SWITCH: gen_switch(s); return;
  case ND_TYPE_SWITCH: gen_type_switch(s); return;
  case ND_BREAK:
  case ND_CONTINUE: gen_jump(s); return;
  case ND_FALLTHROUGH:
    if (!gen.frame->fallthrough)
      die("fallthrough outside a switch");
    br(gen.frame->fallthrough);
    return;
  case ND_RETURN: gen_return(s); return;
  case ND_LABELED: gen_labeled(s); return;
  case ND_GOTO: gen_goto(s); return;
  case ND_DEFER: gen_defer(s); return;
  case ND_GO: gen_go(s); return;
  case ND_SEND: gen_send(s); return;
  case ND_SELECT: gen_select(s); return;
  default: die("gen_stmt: node kind %d at %d:%d", s->kind, s->pos.line, s->pos.col);
  }
}
