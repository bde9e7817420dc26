// gen_expr.c: expressions to LLVM values, with Go's run-time checks.
//
// Operands and arguments are evaluated left to right, after what Go's
// order pass evaluates ahead of them (see "evaluation order"). Strings,
// slices and interfaces are first-class LLVM structs here; they go to the
// runtime through stack slots (runtime.h's calling-convention rule).
#include "gen.h"

#include "runtime.h"

#include <ctype.h>
#include <string.h>

// ---------------------------------------------------------------- helpers

static bool is_nil(Node *e) {
  e = node_unparen(e);
  if (e->type && e->type->kind == TY_UNTYPED_NIL)
    return true;
  return e->kind == ND_IDENT && e->sym && e->sym->kind == SYM_NIL;
}

static LLVMValueRef select_(LLVMValueRef c, LLVMValueRef a, LLVMValueRef b) {
  return LLVMBuildSelect(gen.b, c, a, b, "");
}

void check_or_panic(LLVMValueRef ok, const char *name, LLVMValueRef *args, int n) {
  if (LLVMIsAConstantInt(ok) && LLVMConstIntGetZExtValue(ok))
    return;
  LLVMBasicBlockRef fail = frame_block("panic");
  LLVMBasicBlockRef cont = frame_block("ok");
  cond_br(ok, cont, fail);
  LLVMPositionBuilderAtEnd(gen.b, fail);
  rt_call(name, args, n);
  LLVMPositionBuilderAtEnd(gen.b, cont);
}

static LLVMValueRef resize_int(LLVMValueRef v, bool is_unsigned, LLVMTypeRef to) {
  unsigned from_bits = LLVMGetIntTypeWidth(LLVMTypeOf(v));
  unsigned to_bits = LLVMGetIntTypeWidth(to);
  if (from_bits == to_bits)
    return v;
  if (from_bits > to_bits)
    return LLVMBuildTrunc(gen.b, v, to, "");
  return is_unsigned ? LLVMBuildZExt(gen.b, v, to, "") : LLVMBuildSExt(gen.b, v, to, "");
}

LLVMValueRef gen_to_int(LLVMValueRef v, Type *t) {
  return resize_int(v, t->is_unsigned, gen.t_int);
}

static LLVMValueRef elem_ptr(LLVMValueRef base, Type *elem, LLVMValueRef idx) {
  LLVMTypeRef et = ll_type(elem);
  LLVMValueRef p = bitcast(base, ptr_to(et));
  return LLVMBuildInBoundsGEP2(gen.b, et, p, &idx, 1, "");
}

static LLVMValueRef alloc_bytes(LLVMValueRef size, bool scan) {
  return rt_call(scan ? "mg_alloc" : "mg_alloc_noscan", &size, 1);
}

// ---------------------------------------------------------------- constants

LLVMValueRef gen_const(Const c, Type *t) {
  if (is_iface(t)) {
    Type *dt = c.kind == CONST_INT     ? ty_int
               : c.kind == CONST_FLOAT ? ty_float64
               : c.kind == CONST_COMPLEX ? ty_complex128
               : c.kind == CONST_BOOL  ? ty_bool
                                       : ty_string;
    return gen_convert(gen_const(c, dt), dt, t);
  }
  if (t->kind == TY_FLOAT || t->kind == TY_COMPLEX)
    return gen_float_const(c, t);
  switch (c.kind) {
    case CONST_INT: return LLVMConstInt(ll_type(t), (unsigned long long)(uint64_t)c.i, false);
    case CONST_BOOL: return LLVMConstInt(gen.t_i1, c.b, false);
    case CONST_STRING: return ll_const_string(c.s, c.slen);
    case CONST_FLOAT:
    case CONST_COMPLEX:
    case CONST_NONE: break;
  }
  die("gen_const without a constant");
}

// ---------------------------------------------------------------- interfaces

// A box holds a copy of the value; constants get a static box; a pointer
// is the data word itself. The first word of the interface value to is
// the type, or its itab for to.
static LLVMValueRef box(LLVMValueRef v, Type *t, Type *to) {
  LLVMValueRef data;
  if (is_direct_iface(t)) {
    data = as_i8p(v);
  } else if (LLVMIsConstant(v)) {
    LLVMValueRef gv = LLVMAddGlobal(gen.mod, LLVMTypeOf(v), "box");
    LLVMSetInitializer(gv, v);
    LLVMSetLinkage(gv, LLVMPrivateLinkage);
    LLVMSetGlobalConstant(gv, true);
    data = LLVMConstBitCast(gv, gen.t_i8p);
  } else {
    LLVMValueRef size = ll_int((int64_t)ll_type_size(t));
    data = alloc_bytes(size, ll_has_pointers(t));
    store(v, bitcast(data, ptr_to(ll_type(t))));
  }
  LLVMValueRef first = has_itab(to) ? gen_itab(to, t) : ll_type_desc(t);
  LLVMValueRef iface = with_field(LLVMGetUndef(gen.t_iface), first, 0);
  return with_field(iface, data, 1);
}

// An itab whose type is nil: the dynamic type of a nil interface is read
// through it without a branch.
static LLVMValueRef nil_itab(void) {
  LLVMValueRef gv = LLVMGetNamedGlobal(gen.mod, "go.itab.nil");
  if (!gv) {
    gv = LLVMAddGlobal(gen.mod, gen.t_i8p, "go.itab.nil");
    LLVMSetInitializer(gv, LLVMConstNull(gen.t_i8p));
    LLVMSetLinkage(gv, LLVMPrivateLinkage);
    LLVMSetGlobalConstant(gv, true);
  }
  return LLVMConstBitCast(gv, gen.t_i8p);
}

LLVMValueRef gen_dynamic_type(LLVMValueRef v, Type *t) {
  LLVMValueRef w = field(v, 0);
  if (!has_itab(t))
    return w;
  LLVMValueRef tab = select_(icmp(LLVMIntNE, w, LLVMConstNull(gen.t_i8p)), w, nil_itab());
  return load(gen.t_i8p, tab);
}

LLVMValueRef gen_convert(LLVMValueRef v, Type *from, Type *to) {
  if (!is_iface(to))
    return v;
  if (!is_iface(from))
    return from->kind == TY_UNTYPED_NIL ? ll_zero(to) : box(v, from, to);
  if (!has_itab(to) && !has_itab(from))
    return v;
  if (has_itab(to) && has_itab(from) && types_identical(type_under(to), type_under(from)))
    return v;  // the same methods: the same tables
  LLVMValueRef have = gen_dynamic_type(v, from);
  if (has_itab(to)) {
    LLVMValueRef args[2] = {ll_type_desc(to), have};
    have = rt_call("mg_itab_for", args, 2);
  }
  return with_field(v, have, 0);
}

LLVMValueRef gen_expr_to(Node *e, Type *t) {
  if (is_nil(e))
    return ll_zero(t);
  return gen_convert(gen_expr(e), gen_type_of(e), t);
}

LLVMValueRef gen_iface_data(LLVMValueRef x, Type *t) {
  LLVMValueRef data = field(x, 1);
  if (is_direct_iface(t))
    return bitcast(data, ll_type(t));
  return load(ll_type(t), bitcast(data, ptr_to(ll_type(t))));
}

// x.(I) for an interface type I, given x's dynamic type have.
static LLVMValueRef assert_iface(LLVMValueRef x, LLVMValueRef have, Type *want,
                                 LLVMValueRef *ok_out) {
  LLVMValueRef first, ok;
  if (has_itab(want)) {
    LLVMValueRef args[2] = {ll_type_desc(want), have};
    first = rt_call(ok_out ? "mg_itab_for" : "mg_assert_itab", args, 2);
    ok = icmp(LLVMIntNE, first, LLVMConstNull(gen.t_i8p));
  } else {
    first = have;
    ok = icmp(LLVMIntNE, have, LLVMConstNull(gen.t_i8p));
    if (!ok_out) {
      LLVMValueRef args[3] = {LLVMConstNull(gen.t_i8p), have, ll_type_desc(want)};
      check_or_panic(ok, "mg_panic_assert", args, 3);
    }
  }
  LLVMValueRef v = with_field(x, first, 0);
  if (!ok_out)
    return v;
  *ok_out = ok;
  return select_(ok, v, ll_zero(want));
}

// x.(T); with ok non-NULL the comma-ok form, which never panics.
static LLVMValueRef gen_assert(Node *e, LLVMValueRef *ok_out) {
  Type *want = e->type->kind == TY_TUPLE ? e->type->results.items[0] : e->type;
  Type *from = gen_type_of(e->lhs);
  LLVMValueRef x = gen_expr(e->lhs);
  LLVMValueRef have = gen_dynamic_type(x, from);
  if (is_iface(want))
    return assert_iface(x, have, want, ok_out);
  LLVMValueRef ok = icmp(LLVMIntEQ, have, ll_type_desc(want));
  if (!ok_out) {
    // Go names the source interface only for assertions to concrete types.
    LLVMValueRef args[3] = {ll_cstring(from->rtname), have, ll_type_desc(want)};
    check_or_panic(ok, "mg_panic_assert", args, 3);
    return gen_iface_data(x, want);
  }
  *ok_out = ok;
  LLVMValueRef slot = frame_alloca(ll_type(want), "asserted");
  store(ll_zero(want), slot);
  LLVMBasicBlockRef yes = frame_block("assert.ok"), done = frame_block("assert.done");
  cond_br(ok, yes, done);
  LLVMPositionBuilderAtEnd(gen.b, yes);
  store(gen_iface_data(x, want), slot);
  br(done);
  LLVMPositionBuilderAtEnd(gen.b, done);
  return load(ll_type(want), slot);
}

// ---------------------------------------------------------------- comparison

static LLVMValueRef string_cmp(Op op, LLVMValueRef a, LLVMValueRef b) {
  LLVMValueRef args[2] = {frame_spill(a), frame_spill(b)};
  if (op == OP_EQ || op == OP_NE) {
    LLVMValueRef eq = rt_call("mg_string_equal", args, 2);
    return op == OP_EQ ? eq : LLVMBuildNot(gen.b, eq, "");
  }
  LLVMValueRef c = rt_call("mg_string_compare", args, 2);
  LLVMIntPredicate p = op == OP_LT ? LLVMIntSLT : op == OP_LE ? LLVMIntSLE
                     : op == OP_GT ? LLVMIntSGT : LLVMIntSGE;
  return icmp(p, c, ll_int(0));
}

// a == b; an interface against a concrete value boxes the value first.
LLVMValueRef gen_equal(LLVMValueRef a, Type *ta, LLVMValueRef b, Type *tb) {
  if (is_iface(ta) || is_iface(tb)) {
    a = gen_convert(a, ta, ty_any);
    b = gen_convert(b, tb, ty_any);
    LLVMValueRef args[2] = {frame_spill(a), frame_spill(b)};
    return rt_call("mg_iface_equal", args, 2);
  }
  if (ta->kind == TY_STRING)
    return string_cmp(OP_EQ, a, b);
  if (ta->kind == TY_STRUCT || ta->kind == TY_ARRAY)
    return gen_aggregate_equal(a, b, ta);
  if (ta->kind == TY_FLOAT || ta->kind == TY_COMPLEX)
    return gen_float_compare(OP_EQ, a, b, ta);
  if (ta->kind == TY_SLICE)  // with nil (a switch's case nil): the array pointers
    return icmp(LLVMIntEQ, field(a, 0), field(b, 0));
  return icmp(LLVMIntEQ, a, b);
}

// x == nil for slices, functions and interfaces.
static LLVMValueRef nil_test(LLVMValueRef v, Type *t) {
  bool one_word = t->kind == TY_FUNC || t->kind == TY_POINTER || t->kind == TY_MAP || t->kind == TY_CHAN;
  LLVMValueRef p = one_word ? v : field(v, 0);
  return icmp(LLVMIntEQ, p, LLVMConstNull(gen.t_i8p));
}

static LLVMValueRef gen_compare(Node *e) {
  Op op = e->op;
  Node *l = e->lhs, *r = e->rhs;
  if (is_nil(l)) {
    Node *t = l;
    l = r;
    r = t;
  }
  if (is_nil(r)) {
    LLVMValueRef eq = nil_test(gen_expr(l), gen_type_of(l));
    return op == OP_EQ ? eq : LLVMBuildNot(gen.b, eq, "");
  }
  Type *tl = gen_type_of(l), *tr = gen_type_of(r);
  LLVMValueRef a = gen_expr(l);
  LLVMValueRef b = gen_expr(r);
  if (op == OP_EQ || op == OP_NE) {
    LLVMValueRef eq = gen_equal(a, tl, b, tr);
    return op == OP_EQ ? eq : LLVMBuildNot(gen.b, eq, "");
  }
  if (tl->kind == TY_STRING)
    return string_cmp(op, a, b);
  if (tl->kind == TY_FLOAT)
    return gen_float_compare(op, a, b, tl);
  bool u = tl->is_unsigned;
  LLVMIntPredicate p = op == OP_LT ? (u ? LLVMIntULT : LLVMIntSLT)
                     : op == OP_LE ? (u ? LLVMIntULE : LLVMIntSLE)
                     : op == OP_GT ? (u ? LLVMIntUGT : LLVMIntSGT)
                                   : (u ? LLVMIntUGE : LLVMIntSGE);
  return icmp(p, a, b);
}

// ---------------------------------------------------------------- arithmetic

// Go defines x / -1 and x % -1 for the most negative x (no trap), and
// panics on a zero divisor.
static LLVMValueRef gen_divide(Op op, LLVMValueRef x, LLVMValueRef y, Type *t) {
  LLVMTypeRef ty = LLVMTypeOf(x);
  if (!(LLVMIsAConstantInt(y) && LLVMConstIntGetZExtValue(y) != 0))
    check_or_panic(icmp(LLVMIntNE, y, LLVMConstNull(ty)), "mg_panic_divide", NULL, 0);
  if (t->is_unsigned)
    return op == OP_DIV ? LLVMBuildUDiv(gen.b, x, y, "") : LLVMBuildURem(gen.b, x, y, "");
  LLVMValueRef minus_one = icmp(LLVMIntEQ, y, LLVMConstAllOnes(ty));
  LLVMValueRef safe = select_(minus_one, LLVMConstInt(ty, 1, false), y);
  if (op == OP_DIV)
    return select_(minus_one, LLVMBuildNeg(gen.b, x, ""), LLVMBuildSDiv(gen.b, x, safe, ""));
  return select_(minus_one, LLVMConstNull(ty), LLVMBuildSRem(gen.b, x, safe, ""));
}

// Go's shifts are defined for every count: a count of at least the width
// gives 0 (or the sign for >> of a signed value); a negative one panics.
static LLVMValueRef gen_shift(Op op, LLVMValueRef x, Type *xt, LLVMValueRef n, Type *nt) {
  LLVMTypeRef ty = LLVMTypeOf(x);
  unsigned width = LLVMGetIntTypeWidth(ty);
  if (!nt->is_unsigned)
    check_or_panic(icmp(LLVMIntSGE, n, LLVMConstNull(LLVMTypeOf(n))), "mg_panic_shift", NULL, 0);
  LLVMValueRef n64 = resize_int(n, true, gen.t_i64);
  LLVMValueRef big = icmp(LLVMIntUGE, n64, LLVMConstInt(gen.t_i64, width, false));
  LLVMValueRef count = resize_int(select_(big, LLVMConstNull(gen.t_i64), n64), true, ty);
  if (op == OP_SHR && !xt->is_unsigned) {
    count = select_(big, LLVMConstInt(ty, width - 1, false), count);
    return LLVMBuildAShr(gen.b, x, count, "");
  }
  LLVMValueRef r =
      op == OP_SHL ? LLVMBuildShl(gen.b, x, count, "") : LLVMBuildLShr(gen.b, x, count, "");
  return select_(big, LLVMConstNull(ty), r);
}

static LLVMValueRef string_concat(LLVMValueRef a, LLVMValueRef b) {
  LLVMValueRef out = frame_alloca(gen.t_string, "concat");
  LLVMValueRef args[3] = {out, frame_spill(a), frame_spill(b)};
  rt_call("mg_string_concat", args, 3);
  return load(gen.t_string, out);
}

// a op b on values already computed (also for op= and ++/--).
LLVMValueRef gen_binop_values(Op op, LLVMValueRef a, Type *ta, LLVMValueRef b, Type *tb) {
  if (ta->kind == TY_STRING)
    return string_concat(a, b);
  if (ta->kind == TY_FLOAT || ta->kind == TY_COMPLEX)
    return gen_float_binop(op, a, b, ta);
  switch (op) {
    case OP_ADD: return LLVMBuildAdd(gen.b, a, b, "");
    case OP_SUB: return LLVMBuildSub(gen.b, a, b, "");
    case OP_MUL: return LLVMBuildMul(gen.b, a, b, "");
    case OP_DIV:
    case OP_REM: return gen_divide(op, a, b, ta);
    case OP_AND: return LLVMBuildAnd(gen.b, a, b, "");
    case OP_OR: return LLVMBuildOr(gen.b, a, b, "");
    case OP_XOR: return LLVMBuildXor(gen.b, a, b, "");
    case OP_ANDNOT: return LLVMBuildAnd(gen.b, a, LLVMBuildNot(gen.b, b, ""), "");
    case OP_SHL:
    case OP_SHR: return gen_shift(op, a, ta, b, tb);
    default: die("binary operator %s on values", op_string(op));
  }
}

// && and || evaluate their right operand only when needed.
static LLVMValueRef gen_logical(Node *e) {
  LLVMValueRef l = gen_cond(e->lhs);
  LLVMBasicBlockRef from = LLVMGetInsertBlock(gen.b);
  LLVMBasicBlockRef rhs = frame_block("logic.rhs"), done = frame_block("logic.done");
  if (e->op == OP_LAND)
    cond_br(l, rhs, done);
  else
    cond_br(l, done, rhs);
  LLVMPositionBuilderAtEnd(gen.b, rhs);
  LLVMValueRef r = gen_cond(e->rhs);
  LLVMBasicBlockRef rhs_end = LLVMGetInsertBlock(gen.b);
  br(done);
  LLVMPositionBuilderAtEnd(gen.b, done);
  LLVMValueRef phi = LLVMBuildPhi(gen.b, gen.t_i1, "");
  LLVMValueRef vals[2] = {LLVMConstInt(gen.t_i1, e->op == OP_LOR, false), r};
  LLVMBasicBlockRef blocks[2] = {from, rhs_end};
  LLVMAddIncoming(phi, vals, blocks, 2);
  return phi;
}

static LLVMValueRef gen_binary(Node *e) {
  switch (e->op) {
  case OP_LAND:
  case OP_LOR: return gen_logical(e);
  case OP_EQ:
  case OP_NE:
  case OP_LT:
  case OP_LE:
  case OP_GT:
  case OP_GE: return gen_compare(e);
  default: break;
  }
  LLVMValueRef fused = gen_fused(e);
  if (fused)
    return fused;
  LLVMValueRef a = gen_expr(e->lhs);
  LLVMValueRef b = gen_expr(e->rhs);
  Type *ta = gen_type_of(e), *tb = gen_type_of(e->rhs);
  // An untyped constant operand takes the expression's type.
  if (ta->kind == TY_INT) {
    a = resize_int(a, gen_type_of(e->lhs)->is_unsigned, ll_type(ta));
    if (e->op != OP_SHL && e->op != OP_SHR)
      b = resize_int(b, tb->is_unsigned, ll_type(ta));
  }
  return gen_binop_values(e->op, a, ta, b, tb);
}

static LLVMValueRef gen_unary(Node *e) {
  LLVMValueRef v = gen_expr(e->lhs);
  Type *t = gen_type_of(e);
  if (e->op == OP_NEG && (t->kind == TY_FLOAT || t->kind == TY_COMPLEX))
    return gen_float_neg(v, t);
  switch (e->op) {
    case OP_NEG: return LLVMBuildNeg(gen.b, v, "");
    case OP_POS: return v;
    case OP_NOT:
    case OP_XOR: return LLVMBuildNot(gen.b, v, "");
    default: die("unary operator %s", op_string(e->op));
  }
}

// ---------------------------------------------------------------- names

static LLVMValueRef gen_ident(Node *e) {
  Symbol *sym = e->sym;
  if (!sym)
    die("unresolved identifier %s", e->name);
  switch (sym->kind) {
    case SYM_VAR: return load(ll_type(sym->type), frame_var_addr(sym));
    case SYM_FUNC: return gen_static_closure(sym->decl->func->node->cg);
    case SYM_NIL: return ll_zero(e->type);
    case SYM_CONST: return gen_const(sym->val, gen_type_of(e));
    default: die("identifier %s is not a value", e->name);
  }
}

// ---------------------------------------------------------------- indexing

// An index or slice bound as evaluated, at its own width. Go checks it at
// full width (on a 32-bit target a 64-bit index is not cut to int first:
// 1<<32 + 2 must not become 2) and reports it with its signedness.
typedef struct IndexOperand {
  LLVMValueRef v;
  bool is_unsigned;
} IndexOperand;

static IndexOperand index_operand(Node *e) {
  return (IndexOperand){gen_expr(e), gen_type_of(e)->is_unsigned};
}

// Panics with Go's bounds error unless x pred bound, where bound is a
// non-negative int (a length, a capacity or an upper bound already
// checked); y is the number the message shows beside x.
static void check_bound(mg_bounds_code code, IndexOperand x, LLVMIntPredicate pred,
                        LLVMValueRef bound, LLVMValueRef y) {
  LLVMTypeRef xt = LLVMTypeOf(x.v);
  LLVMTypeRef wide = LLVMGetIntTypeWidth(xt) > LLVMGetIntTypeWidth(gen.t_int) ? xt : gen.t_int;
  LLVMValueRef ok = icmp(pred, resize_int(x.v, x.is_unsigned, wide), resize_int(bound, true, wide));
  LLVMValueRef args[4] = {ll_int(code), resize_int(x.v, x.is_unsigned, gen.t_i64), y,
                          LLVMConstInt(gen.t_i1, !x.is_unsigned, false)};
  check_or_panic(ok, "mg_panic_bounds", args, 4);
}

// The operand as an int, once check_bound has shown that it fits.
static LLVMValueRef checked_int(IndexOperand x) {
  return resize_int(x.v, x.is_unsigned, gen.t_int);
}

LLVMValueRef gen_elem_addr(LLVMValueRef slice, Type *st, LLVMValueRef idx, Type *it) {
  IndexOperand x = {idx, it->is_unsigned};
  LLVMValueRef len = field(slice, 1);
  check_bound(MG_BOUNDS_INDEX, x, LLVMIntULT, len, len);
  Type *elem = st->kind == TY_STRING ? ty_byte : st->elem;
  return elem_ptr(field(slice, 0), elem, checked_int(x));
}

static LLVMValueRef gen_index(Node *e) {
  Type *st = gen_type_of(e->lhs);
  if (st->kind == TY_MAP)
    return gen_map_index(e);
  if (st->kind == TY_ARRAY || st->kind == TY_POINTER)
    return load(ll_type(gen_type_of(e)), gen_array_index_addr(e));
  LLVMValueRef base = gen_expr(e->lhs);
  LLVMValueRef idx = gen_expr(e->rhs);
  LLVMValueRef p = gen_elem_addr(base, st, idx, gen_type_of(e->rhs));
  return load(ll_type(gen_type_of(e)), p);
}

// s[lo:hi:max], checked in Go's order: max against cap, hi against max,
// lo against hi. Returns hi; *cap becomes max.
static LLVMValueRef check_slice3_bounds(IndexOperand lo, IndexOperand hi, IndexOperand max,
                                        LLVMValueRef *cap) {
  check_bound(MG_BOUNDS_SLICE3_ACAP, max, LLVMIntULE, *cap, *cap);
  *cap = checked_int(max);
  check_bound(MG_BOUNDS_SLICE3_B, hi, LLVMIntULE, *cap, *cap);
  LLVMValueRef hi_int = checked_int(hi);
  check_bound(MG_BOUNDS_SLICE3_C, lo, LLVMIntULE, hi_int, hi_int);
  return hi_int;
}

// s[lo:hi], checked in Go's order: hi against cap (len for strings), then
// lo against hi; s[lo:hi:max] as check_slice3_bounds says. The operands
// are all evaluated before any check.
static LLVMValueRef gen_slice_expr(Node *e) {
  Type *st = gen_type_of(e->lhs);
  bool is_str = st->kind == TY_STRING;
  bool of_array = st->kind == TY_ARRAY || st->kind == TY_POINTER;
  LLVMValueRef s = of_array ? gen_array_as_slice(e->lhs) : gen_expr(e->lhs);
  if (of_array)
    st = gen_type_of(e);
  IndexOperand lo = e->low ? index_operand(e->low) : (IndexOperand){ll_int(0), false};
  IndexOperand hi_op = e->high ? index_operand(e->high) : (IndexOperand){NULL, false};
  IndexOperand max_op = e->max ? index_operand(e->max) : (IndexOperand){NULL, false};
  LLVMValueRef len = field(s, 1);
  LLVMValueRef cap = is_str ? len : field(s, 2);
  LLVMValueRef hi = len;
  if (e->max) {
    hi = check_slice3_bounds(lo, hi_op, max_op, &cap);
  } else {
    if (e->high) {
      check_bound(is_str ? MG_BOUNDS_SLICE_ALEN : MG_BOUNDS_SLICE_ACAP, hi_op, LLVMIntULE, cap,
                  cap);
      hi = checked_int(hi_op);
    }
    check_bound(MG_BOUNDS_SLICE_B, lo, LLVMIntULE, hi, hi);
  }
  LLVMValueRef lo_int = checked_int(lo);
  Type *elem = is_str ? ty_byte : st->elem;
  LLVMValueRef ptr = as_i8p(elem_ptr(field(s, 0), elem, lo_int));
  LLVMValueRef r = with_field(LLVMGetUndef(ll_type(st)), ptr, 0);
  r = with_field(r, LLVMBuildSub(gen.b, hi, lo_int, ""), 1);
  if (!is_str)
    r = with_field(r, LLVMBuildSub(gen.b, cap, lo_int, ""), 2);
  return r;
}

// ---------------------------------------------------------------- literals

static LLVMValueRef make_slice_value(LLVMValueRef ptr, LLVMValueRef len, LLVMValueRef cap) {
  LLVMValueRef r = with_field(LLVMGetUndef(gen.t_slice), as_i8p(ptr), 0);
  r = with_field(r, len, 1);
  return with_field(r, cap, 2);
}

// Where an element of a slice or array literal goes: its key (a constant
// the checker has vetted), or next, the place after the previous element.
static int64_t literal_index(Node *el, int64_t next) {
  return el->kind == ND_KEYED ? (int64_t)el->lhs->cval.i : next;
}

static Node *literal_value(Node *el) {
  return el->kind == ND_KEYED ? el->rhs : el;
}

// The length of a slice or array literal: its largest index + 1.
static int64_t literal_length(Node *e) {
  int64_t next = 0, len = 0;
  for (int i = 0; i < e->list.len; i++) {
    next = literal_index(e->list.items[i], next) + 1;
    if (next > len)
      len = next;
  }
  return len;
}

// []T{...}; inner literals with elided types take the element type. The
// elements are evaluated in source order, each stored at its index; the
// places no element names stay zero.
static LLVMValueRef composite_value(Node *e, Type *t);

// A literal of type t, or of the type the checker gave it (an inner one
// whose type is elided); of a pointer type, {...} is &T{...}.
static LLVMValueRef gen_composite(Node *e, Type *t) {
  if (e->type)
    t = e->type;
  if (type_under(t)->kind != TY_POINTER)
    return composite_value(e, t);
  Type *lt = type_under(t)->elem;
  LLVMValueRef v = composite_value(e, lt);
  LLVMValueRef size = ll_int((int64_t)ll_type_size(lt));
  LLVMValueRef p = alloc_bytes(size, ll_has_pointers(lt));
  store(v, bitcast(p, ptr_to(ll_type(lt))));
  return p;
}

LLVMValueRef gen_literal_elem(Node *v, Type *t) {
  return v->kind == ND_COMPOSITE && !v->type_expr ? gen_composite(v, t) : gen_expr_to(v, t);
}

static LLVMValueRef composite_value(Node *e, Type *t) {
  if (t->kind == TY_STRUCT || t->kind == TY_ARRAY)
    return gen_aggregate_literal(e, t);
  if (t->kind == TY_MAP)
    return gen_map_literal(e, t);
  int64_t n = literal_length(e);
  uint64_t esize = ll_type_size(t->elem);
  LLVMValueRef size = ll_int((int64_t)(esize * (uint64_t)(n ? n : 1)));
  LLVMValueRef mem = alloc_bytes(size, ll_has_pointers(t->elem));
  int64_t next = 0;
  for (int i = 0; i < e->list.len; i++) {
    Node *el = e->list.items[i];
    int64_t at = literal_index(el, next);
    Node *v = literal_value(el);
    store(gen_literal_elem(v, t->elem), elem_ptr(mem, t->elem, ll_int(at)));
    next = at + 1;
  }
  return make_slice_value(mem, ll_int(n), ll_int(n));
}

// ---------------------------------------------------------------- calls

int gen_multi_count(Node *e) {
  e = node_unparen(e);
  if ((e->kind == ND_TYPEASSERT || e->kind == ND_INDEX || e->kind == ND_RECV) && e->comma_ok)
    return 2;
  if (e->type && e->type->kind == TY_TUPLE)
    return e->type->results.len;
  return 1;
}

void gen_multi(Node *e, LLVMValueRef *out, Type **types, int n) {
  e = node_unparen(e);
  if (e->kind == ND_TYPEASSERT) {
    out[0] = gen_assert(e, &out[1]);
    types[0] = e->type->kind == TY_TUPLE ? e->type->results.items[0] : e->type;
    types[1] = ty_bool;
    return;
  }
  if (e->kind == ND_RECV) {
    out[0] = gen_recv(e, &out[1]);
    types[0] = type_under(gen_type_of(e->lhs))->elem;
    types[1] = ty_bool;
    return;
  }
  if (e->kind == ND_INDEX) {
    out[0] = gen_map_lookup(e, &out[1]);
    types[0] = e->type->kind == TY_TUPLE ? e->type->results.items[0] : e->type;
    types[1] = ty_bool;
    return;
  }
  LLVMValueRef v = gen_expr(e);
  if (e->type->kind != TY_TUPLE || e->type->results.len != n)
    die("multi-value expression with the wrong count");
  for (int i = 0; i < n; i++) {
    out[i] = field(v, (unsigned)i);
    types[i] = e->type->results.items[i];
  }
}

// ---------------------------------------------------------------- arguments

// The argument a call spreads, f(g()) with g returning several results;
// NULL when its arguments are written out one by one.
static Node *spread_arg(Node *e) {
  if (e->list.len != 1 || e->has_ellipsis)
    return NULL;
  Node *only = e->list.items[0];
  return gen_multi_count(only) > 1 ? only : NULL;
}

// How many values a call passes: a spread call counts as its results.
// Every call form sizes its arrays by this count and fills them with
// gen_call_args, so none of them sees a tuple.
int gen_call_arg_count(Node *e) {
  Node *spread = spread_arg(e);
  return spread ? gen_multi_count(spread) : e->list.len;
}

// The call's argument values, left to right; value i converted to want[i]
// when that is not NULL. types[i] gets the type of value i.
void gen_call_args(Node *e, Type **want, LLVMValueRef *vals, Type **types) {
  Node *spread = spread_arg(e);
  int n = gen_call_arg_count(e);
  if (spread)
    gen_multi(spread, vals, types, n);
  for (int i = 0; i < n; i++) {
    if (spread) {
      if (want[i]) {
        vals[i] = gen_convert(vals[i], types[i], want[i]);
        types[i] = want[i];
      }
      continue;
    }
    Node *a = e->list.items[i];
    vals[i] = want[i] ? gen_expr_to(a, want[i]) : gen_expr(a);
    types[i] = want[i] ? want[i] : gen_type_of(a);
  }
}

// The type each argument of a call of ft is passed as: its parameter's, or
// the element type of the variadic parameter for the packed extras.
static Type *param_type_at(Node *e, Type *ft, int i) {
  int np = ft->params.len;
  if (ft->is_variadic && !e->has_ellipsis && i >= np - 1)
    return ((Type *)ft->params.items[np - 1])->elem;
  return ft->params.items[i];
}

// Arguments for a call of a function of type ft, variadic extras packed
// into a new slice unless the call says xs...
void gen_args(Node *e, Type *ft, LLVMValueRef *out) {
  int np = ft->params.len;
  int na = gen_call_arg_count(e);
  LLVMValueRef vals[na + 1];
  Type *want[na + 1], *types[na + 1];
  for (int i = 0; i < na; i++)
    want[i] = param_type_at(e, ft, i);
  gen_call_args(e, want, vals, types);
  int fixed = ft->is_variadic && !e->has_ellipsis ? np - 1 : np;
  for (int i = 0; i < fixed; i++)
    out[i] = vals[i];
  if (fixed == np)
    return;
  Type *elem = ((Type *)ft->params.items[np - 1])->elem;
  int extra = na - fixed;
  if (extra == 0) {
    out[np - 1] = LLVMConstNull(gen.t_slice);
    return;
  }
  LLVMValueRef mem = alloc_bytes(ll_int((int64_t)ll_type_size(elem) * extra),
                                 ll_has_pointers(elem));
  for (int i = 0; i < extra; i++)
    store(vals[fixed + i], elem_ptr(mem, elem, ll_int(i)));
  out[np - 1] = make_slice_value(mem, ll_int(extra), ll_int(extra));
}

static LLVMValueRef gen_func_call(Node *e) {
  Node *callee = node_unparen(e->lhs);
  Type *ft = gen_type_of(callee);
  LLVMTypeRef fty = ll_func_type(ft);
  LLVMValueRef fn, ctx;
  if (callee->kind == ND_IDENT && callee->sym && callee->sym->kind == SYM_FUNC) {
    fn = callee->sym->decl->func->node->cg;
    ctx = LLVMConstNull(gen.t_i8p);
  } else if (callee->kind == ND_FUNCLIT) {
    // A literal called where it stands: a direct call, which LLVM can
    // inline (a deferred literal is the common case).
    fn = callee->func->node->cg;
    ctx = gen_expr(callee);
  } else {
    ctx = gen_expr(callee);
    check_or_panic(icmp(LLVMIntNE, ctx, LLVMConstNull(gen.t_i8p)), "mg_panic_nil", NULL, 0);
    fn = bitcast(load(gen.t_i8p, bitcast(ctx, ptr_to(gen.t_i8p))), ptr_to(fty));
  }
  int np = ft->params.len;
  LLVMValueRef args[np + 2];
  args[0] = ctx;
  args[1] = gen.frame->call_token;
  gen_args(e, ft, args + 2);
  return LLVMBuildCall2(gen.b, fty, fn, args, (unsigned)np + 2, "");
}

// Arguments of a library call (LibFunc), as its runtime entry point takes
// them: the fixed ones, strings and interfaces (error, any) by address and
// ints as Go ints, then for a
// final ...any the operands as an array of interfaces on the stack (or the
// slice of xs...) and their count. Returns how many it wrote to out.
static int gen_library_args(Node *e, Type *ft, LLVMValueRef *out) {
  int fixed = ft->is_variadic ? ft->params.len - 1 : ft->params.len;
  int count = gen_call_arg_count(e);
  LLVMValueRef vals[count + 1];
  Type *want[count + 1], *types[count + 1];
  for (int i = 0; i < count; i++) {
    Type *p = i < fixed ? ft->params.items[i] : NULL;
    want[i] = p ? (p->kind == TY_IFACE ? p : NULL) : e->has_ellipsis ? NULL : ty_any;
  }
  gen_call_args(e, want, vals, types);
  int n = 0;
  for (int i = 0; i < fixed; i++) {
    Type *p = ft->params.items[i];
    bool by_address = p->kind == TY_STRING || p->kind == TY_IFACE;
    out[n++] = by_address ? frame_spill(vals[i]) : gen_to_int(vals[i], types[i]);
  }
  if (!ft->is_variadic)
    return n;
  if (e->has_ellipsis) {
    out[n++] = field(vals[count - 1], 0);
    out[n++] = field(vals[count - 1], 1);
    return n;
  }
  int nops = count - fixed;
  LLVMValueRef arr =
      frame_alloca(LLVMArrayType(gen.t_iface, (unsigned)(nops ? nops : 1)), "fmtargs");
  LLVMValueRef base = bitcast(arr, ptr_to(gen.t_iface));
  for (int i = 0; i < nops; i++) {
    LLVMValueRef idx = ll_int(i);
    store(vals[fixed + i], LLVMBuildInBoundsGEP2(gen.b, gen.t_iface, base, &idx, 1, ""));
  }
  out[n++] = as_i8p(base);
  out[n++] = ll_int(nops);
  return n;
}

// LIB_RESULT_COUNT: Go's (n int, err error) from the runtime's n; err is
// always nil here.
static LLVMValueRef count_result(Node *e, LLVMValueRef n) {
  if (!e->type || e->type->kind != TY_TUPLE)
    return n;
  LLVMValueRef r = LLVMGetUndef(ll_type(e->type));
  r = with_field(r, n, 0);
  return with_field(r, ll_zero(ty_error), 1);
}

// A LIB_RESULT_OUT result's slot is named after the function: "sprintf".
static LLVMValueRef library_result_slot(const LibFunc *f, LLVMTypeRef t) {
  char name[32];
  size_t i = 0;
  for (; f->name[i] && i < sizeof name - 1; i++)
    name[i] = (char)tolower((unsigned char)f->name[i]);
  name[i] = 0;
  return frame_alloca(t, name);
}

// A call of a library function: its table row (LibFunc) gives the entry
// point and how the result comes back, its signature the arguments.
static LLVMValueRef gen_library_call(Node *e) {
  const LibFunc *f = e->lib;
  Type *ft = gen_type_of(node_unparen(e->lhs));
  LLVMValueRef args[ft->params.len + 2];  // the result's slot, then the arguments
  int n = gen_library_args(e, ft, args + 1);
  switch (f->result) {
  case LIB_RESULT_NONE: rt_call(f->entry, args + 1, n); return NULL;
  case LIB_RESULT_COUNT: return count_result(e, rt_call(f->entry, args + 1, n));
  case LIB_RESULT_VALUE: return rt_call(f->entry, args + 1, n);
  case LIB_RESULT_OUT: break;
  }
  LLVMTypeRef t = ll_type(ft->results.items[0]);
  args[0] = library_result_slot(f, t);
  rt_call(f->entry, args, n + 1);
  return load(t, args[0]);
}

// print and println: Go's built-ins, to stderr, one runtime call per
// operand. Every operand is evaluated before anything is printed, as in Go
// (a panicking operand leaves no partial line).
static void print_value(LLVMValueRef v, Type *t) {
  switch (t->kind) {
  case TY_INT:
    if (t->is_unsigned)
      rt("mg_print_uint", resize_int(v, true, gen.t_i64));
    else
      rt("mg_print_int", resize_int(v, false, gen.t_i64));
    return;
  case TY_FLOAT:
    rt("mg_print_float", t->bits == 32 ? LLVMBuildFPExt(gen.b, v, ll_float_type(64), "") : v);
    return;
  case TY_COMPLEX: {
    LLVMValueRef parts[2];
    for (int i = 0; i < 2; i++) {
      parts[i] = gen_complex_part(v, i);
      if (t->bits == 64)
        parts[i] = LLVMBuildFPExt(gen.b, parts[i], ll_float_type(64), "");
    }
    rt_call("mg_print_complex", parts, 2);
    return;
  }
  case TY_BOOL: rt_call("mg_print_bool", &v, 1); return;
  case TY_STRING: rt("mg_print_string", frame_spill(v)); return;
  case TY_SLICE: rt("mg_print_slice", frame_spill(v)); return;
  case TY_IFACE: rt("mg_print_iface", frame_spill(v)); return;
  case TY_FUNC:
  case TY_MAP:
  case TY_CHAN:
  case TY_POINTER: rt_call("mg_print_pointer", &v, 1); return;
  default: die("print of type %s", t->name);
  }
}

static void gen_print(Node *e, bool ln) {
  int n = gen_call_arg_count(e);
  LLVMValueRef vals[n + 1];
  Type *want[n + 1], *types[n + 1];
  for (int i = 0; i < n; i++)
    want[i] = NULL;  // Go rejects an untyped nil operand
  gen_call_args(e, want, vals, types);
  for (int i = 0; i < n; i++) {
    if (ln && i > 0)
      rt_call("mg_print_space", NULL, 0);
    print_value(vals[i], types[i]);
  }
  if (ln)
    rt_call("mg_print_newline", NULL, 0);
}

// Makes room for extra more elements, growing only when cap is too small.
static LLVMValueRef grow_for(LLVMValueRef s, Type *st, LLVMValueRef extra, LLVMValueRef *new_len) {
  LLVMValueRef len = field(s, 1);
  *new_len = LLVMBuildAdd(gen.b, len, extra, "");
  LLVMValueRef slot = frame_spill(s);
  LLVMBasicBlockRef grow = frame_block("append.grow"), done = frame_block("append.done");
  cond_br(icmp(LLVMIntUGT, *new_len, field(s, 2)), grow, done);
  LLVMPositionBuilderAtEnd(gen.b, grow);
  rt("mg_grow_slice", slot, ll_int((int64_t)ll_type_size(st->elem)), *new_len);
  br(done);
  LLVMPositionBuilderAtEnd(gen.b, done);
  return with_field(load(gen.t_slice, slot), *new_len, 1);
}

// append(s, xs...) copies the elements of xs (a slice, or a string for
// []byte); append(s, a, b) stores a and b. The operands may come from one
// call with several results, append(g()).
static LLVMValueRef gen_append(Node *e) {
  Type *st = gen_type_of(e);
  int n = gen_call_arg_count(e);
  LLVMValueRef vals[n + 1];
  Type *want[n + 1], *types[n + 1];
  want[0] = st;
  for (int i = 1; i < n; i++)
    want[i] = e->has_ellipsis ? (is_nil(e->list.items[1]) ? st : NULL) : st->elem;
  gen_call_args(e, want, vals, types);
  LLVMValueRef s = vals[0];
  LLVMValueRef len = field(s, 1), new_len;
  if (e->has_ellipsis) {
    LLVMValueRef t = vals[1];
    LLVMValueRef k = field(t, 1);
    s = grow_for(s, st, k, &new_len);
    uint64_t esize = ll_type_size(st->elem);
    LLVMValueRef dst = as_i8p(elem_ptr(field(s, 0), st->elem, len));
    LLVMValueRef bytes = LLVMBuildMul(gen.b, k, ll_int((int64_t)esize), "");
    LLVMBuildMemMove(gen.b, dst, 1, field(t, 0), 1, bytes);
    return s;
  }
  int k = n - 1;
  if (k == 0)
    return s;
  s = grow_for(s, st, ll_int(k), &new_len);
  for (int i = 0; i < k; i++)
    store(vals[i + 1], elem_ptr(field(s, 0), st->elem, LLVMBuildAdd(gen.b, len, ll_int(i), "")));
  return s;
}

static LLVMValueRef string_as_slice(LLVMValueRef s) {
  return make_slice_value(field(s, 0), field(s, 1), field(s, 1));
}

// copy(dst, src), also copy(g()) with g returning both.
static LLVMValueRef gen_copy(Node *e) {
  LLVMValueRef vals[2];
  Type *want[2] = {NULL, NULL}, *types[2];
  gen_call_args(e, want, vals, types);
  LLVMValueRef src = vals[1];
  if (types[1]->kind == TY_STRING)
    src = string_as_slice(src);
  LLVMValueRef args[3] = {frame_spill(vals[0]), frame_spill(src),
                          ll_int((int64_t)ll_type_size(types[0]->elem))};
  return resize_int(rt_call("mg_slice_copy", args, 3), false, ll_type(gen_type_of(e)));
}

// A make length or capacity as an int. One wider than int (a 64-bit
// operand on a 32-bit target) that does not fit becomes -1, which the
// runtime rejects with the same message Go's makeslice64 gives for it.
LLVMValueRef gen_make_size_operand(Node *e) {
  Type *t = gen_type_of(e);
  LLVMValueRef v = gen_expr(e);
  LLVMValueRef n = gen_to_int(v, t);
  if (LLVMGetIntTypeWidth(LLVMTypeOf(v)) <= LLVMGetIntTypeWidth(gen.t_int))
    return n;
  // Go converts the operand to int64 first, then checks int(x) == x.
  LLVMValueRef fits = icmp(LLVMIntEQ, resize_int(n, false, LLVMTypeOf(v)), v);
  return select_(fits, n, ll_int(-1));
}

static LLVMValueRef gen_make(Node *e) {
  Type *st = e->conv_type ? e->conv_type : e->type;
  if (type_under(st)->kind == TY_MAP)
    return gen_map_make(e);
  if (type_under(st)->kind == TY_CHAN)
    return gen_chan_make(e);
  // list[0] is the type, however it is written ([]T, a defined type's name).
  LLVMValueRef len = gen_make_size_operand(e->list.items[1]);
  LLVMValueRef cap = e->list.len > 2 ? gen_make_size_operand(e->list.items[2]) : len;
  LLVMValueRef out = frame_alloca(gen.t_slice, "make");
  rt("mg_make_slice", out, ll_int((int64_t)ll_type_size(st->elem)), len, cap);
  return load(gen.t_slice, out);
}

// A loop over the runes of the string in a slot, for the conversions to
// and from []rune: rune_loop_begin leaves the builder in the body with the
// current rune decoded into l->rune; rune_loop_end closes the loop.
typedef struct RuneLoop {
  LLVMValueRef str, pos, next, rune;
  LLVMBasicBlockRef cond, exit;
} RuneLoop;

static void rune_loop_begin(RuneLoop *l, LLVMValueRef str_slot) {
  l->str = str_slot;
  l->pos = frame_alloca(gen.t_int, "rune.pos");
  l->rune = frame_alloca(gen.t_i32, "rune");
  store(ll_int(0), l->pos);
  l->cond = frame_block("runes.cond");
  l->exit = frame_block("runes.end");
  LLVMBasicBlockRef body = frame_block("runes.body");
  br(l->cond);
  LLVMPositionBuilderAtEnd(gen.b, l->cond);
  LLVMValueRef len = field(load(gen.t_string, str_slot), 1);
  cond_br(icmp(LLVMIntSLT, load(gen.t_int, l->pos), len), body, l->exit);
  LLVMPositionBuilderAtEnd(gen.b, body);
  l->next = rt("mg_decode_rune", str_slot, load(gen.t_int, l->pos), l->rune);
}

static void rune_loop_end(RuneLoop *l) {
  store(l->next, l->pos);
  br(l->cond);
  LLVMPositionBuilderAtEnd(gen.b, l->exit);
}

// []rune(s): count the runes, then decode them into a new slice.
static LLVMValueRef runes_from_string(LLVMValueRef s) {
  LLVMValueRef slot = frame_spill(s);
  LLVMValueRef count = frame_alloca(gen.t_int, "rune.count");
  store(ll_int(0), count);
  RuneLoop l;
  rune_loop_begin(&l, slot);
  store(LLVMBuildAdd(gen.b, load(gen.t_int, count), ll_int(1), ""), count);
  rune_loop_end(&l);
  LLVMValueRef n = load(gen.t_int, count);
  LLVMValueRef out = frame_alloca(gen.t_slice, "runes");
  rt("mg_make_slice", out, ll_int(4), n, n);
  LLVMValueRef base = field(load(gen.t_slice, out), 0);
  store(ll_int(0), count);
  rune_loop_begin(&l, slot);
  LLVMValueRef k = load(gen.t_int, count);
  store(load(gen.t_i32, l.rune), elem_ptr(base, ty_rune, k));
  store(LLVMBuildAdd(gen.b, k, ll_int(1), ""), count);
  rune_loop_end(&l);
  return load(gen.t_slice, out);
}

// string(runes): the UTF-8 encodings of the runes, one after another.
static LLVMValueRef string_from_runes(LLVMValueRef rs) {
  LLVMValueRef acc = frame_alloca(gen.t_string, "acc");
  LLVMValueRef one = frame_alloca(gen.t_string, "one");
  LLVMValueRef sum = frame_alloca(gen.t_string, "sum");
  LLVMValueRef i = frame_alloca(gen.t_int, "i");
  store(LLVMConstNull(gen.t_string), acc);
  store(ll_int(0), i);
  LLVMBasicBlockRef cond = frame_block("runes.cond"), body = frame_block("runes.body");
  LLVMBasicBlockRef end = frame_block("runes.end");
  br(cond);
  LLVMPositionBuilderAtEnd(gen.b, cond);
  LLVMValueRef iv = load(gen.t_int, i);
  cond_br(icmp(LLVMIntSLT, iv, field(rs, 1)), body, end);
  LLVMPositionBuilderAtEnd(gen.b, body);
  LLVMValueRef r = load(gen.t_i32, elem_ptr(field(rs, 0), ty_rune, iv));
  rt("mg_string_from_rune", one, LLVMBuildSExt(gen.b, r, gen.t_i64, ""));
  rt("mg_string_concat", sum, acc, one);
  store(load(gen.t_string, sum), acc);
  store(LLVMBuildAdd(gen.b, iv, ll_int(1), ""), i);
  br(cond);
  LLVMPositionBuilderAtEnd(gen.b, end);
  return load(gen.t_string, acc);
}

// (*[n]T)(s): s's array, once s is known to be at least n long (a nil s
// gives nil, as in Go).
static LLVMValueRef slice_to_array_pointer(LLVMValueRef s, int64_t n) {
  LLVMValueRef len = field(s, 1);
  check_bound(MG_BOUNDS_CONVERT, (IndexOperand){ll_int(n), false}, LLVMIntULE, len, len);
  return field(s, 0);
}

static bool is_byte_slice(Type *t) {
  return t->kind == TY_SLICE && t->elem->kind == TY_INT && t->elem->bits == 8 &&
         t->elem->is_unsigned;
}

static LLVMValueRef gen_conversion(Node *e) {
  Type *to = e->conv_type ? e->conv_type : e->type;
  Node *arg = e->list.items[e->list.len - 1];
  if (is_nil(arg))
    return ll_zero(to);
  Type *from = gen_type_of(arg);
  LLVMValueRef v = gen_expr(arg);
  LLVMValueRef out;
  if (is_iface(to))
    return gen_convert(v, from, to);
  if (to->kind == TY_INT && from->kind == TY_INT)
    return resize_int(v, from->is_unsigned, ll_type(to));
  if (type_is_numeric(to) && type_is_numeric(from) &&
      !types_identical(type_under(to), type_under(from)))
    return gen_numeric_convert(v, type_under(from), type_under(to));
  if (to->kind == TY_POINTER && from->kind == TY_SLICE)
    return slice_to_array_pointer(v, type_under(to->elem)->array_len);
  if (to->kind == TY_STRING && from->kind == TY_INT) {
    out = frame_alloca(gen.t_string, "conv");
    rt("mg_string_from_rune", out, resize_int(v, from->is_unsigned, gen.t_i64));
    return load(gen.t_string, out);
  }
  if (to->kind == TY_STRING && from->kind == TY_SLICE && !is_byte_slice(from))
    return string_from_runes(v);
  if (to->kind == TY_SLICE && from->kind == TY_STRING && !is_byte_slice(to))
    return runes_from_string(v);
  if (to->kind == TY_STRING && from->kind == TY_SLICE) {
    out = frame_alloca(gen.t_string, "conv");
    rt("mg_string_from_bytes", out, frame_spill(v));
    return load(gen.t_string, out);
  }
  if (to->kind == TY_SLICE && from->kind == TY_STRING) {
    out = frame_alloca(gen.t_slice, "conv");
    rt("mg_bytes_from_string", out, frame_spill(v));
    return load(gen.t_slice, out);
  }
  return v;
}

LLVMValueRef gen_call(Node *e) {
  switch (e->call_kind) {
  case CALL_FUNC: return gen_func_call(e);
  case CALL_CONVERSION: return gen_conversion(e);
  case CALL_LEN:
  case CALL_CAP: {
    LLVMValueRef v = gen_expr(e->list.items[0]);
    Type *at = gen_type_of(e->list.items[0]);
    if (at->kind == TY_POINTER)
      at = type_under(at->elem);
    if (at->kind == TY_ARRAY)  // evaluated for its calls; the length is the type's
      return ll_const_int(ll_type(gen_type_of(e)), at->array_len);
    if (at->kind == TY_MAP)
      return gen_map_len(v);
    if (at->kind == TY_CHAN)
      return resize_int(gen_chan_len_cap(v, e->call_kind == CALL_LEN), false, ll_type(gen_type_of(e)));
    return resize_int(field(v, e->call_kind == CALL_LEN ? 1 : 2), false, ll_type(gen_type_of(e)));
  }
  case CALL_APPEND: return gen_append(e);
  case CALL_MAKE: return gen_make(e);
  case CALL_CLOSE:
    gen_chan_close(e);
    return NULL;
  case CALL_COPY: return gen_copy(e);
  case CALL_NEW: return gen_new(e);
  case CALL_PANIC: {
    LLVMValueRef v = gen_expr_to(e->list.items[0], ty_any);
    rt("mg_panic", frame_spill(v));
    return NULL;
  }
  case CALL_RECOVER: return gen_recover();
  case CALL_DELETE: gen_map_delete(e); return NULL;
  case CALL_COMPLEX: {
    Type *t = type_under(gen_type_of(e));
    Type *part = t->bits == 64 ? ty_float32 : ty_float64;
    Type *want[2] = {part, part}, *types[2];
    LLVMValueRef parts[2];
    gen_call_args(e, want, parts, types);  // complex(f()) too
    return gen_complex_make(parts[0], parts[1], t);
  }
  case CALL_REAL:
  case CALL_IMAG: return gen_complex_part(gen_expr(e->list.items[0]), e->call_kind == CALL_IMAG);
  case CALL_PRINT: gen_print(e, false); return NULL;
  case CALL_PRINTLN: gen_print(e, true); return NULL;
  case CALL_LIBRARY: return gen_library_call(e);
  case CALL_METHOD: return gen_method_call(e);
  }
  die("unknown call kind %d", e->call_kind);
}

// ---------------------------------------------------------------- evaluation order

// Go 1.19's compiler (its order pass, walk/order.go) evaluates some operands
// of a statement into temporaries, left to right, before the rest of it:
// calls, the built-ins len, cap, append, copy, make and recover, the
// conversions []byte(s) and []rune(s), slice expressions, type assertions,
// a whole && or || (r = lhs; if r { r = rhs }), and a one-byte value
// converted to an interface when it is not a variable or slice element
// (the runtime takes its address). Everything else, plain variable reads
// included, is evaluated afterwards where it stands: in x + f() a change f
// makes to x is seen, in len(s) + f() it is not. The spec leaves this
// open and Go is our oracle, so codegen does the same: gen_order_expr makes the
// early evaluations, whose values wait among the frame's ready values until
// gen_expr takes them.

static void evaluate_early(Node *e) {
  frame_set_ready(e, gen_expr(e), false);
}

// Whether Go copies the value of call e into a temporary.
static bool call_copied(Node *e) {
  switch (e->call_kind) {
  case CALL_PANIC:
  case CALL_PRINT:
  case CALL_PRINTLN:
    return false;  // statements: nothing follows them
  case CALL_LIBRARY: return e->lib->result != LIB_RESULT_NONE;  // runtime.GC: the same
  case CALL_CONVERSION: {
    Type *to = e->conv_type ? e->conv_type : e->type;
    Node *arg = e->list.items[e->list.len - 1];
    return to->kind == TY_SLICE && !is_nil(arg) && gen_type_of(arg)->kind == TY_STRING;
  }
  default: return true;
  }
}

// Whether Go takes e early for its conversion to type `to`: a one-byte
// value going into an interface, unless it is addressable.
static bool early_for_iface(Node *e, Type *to) {
  if (!to || !is_iface(to) || is_nil(e))
    return false;
  Type *t = gen_type_of(e);
  if (is_iface(t) || ll_type_size(t) != 1)
    return false;
  Node *s = node_unparen(e);
  if (s->kind == ND_IDENT)
    return false;
  return !(s->kind == ND_INDEX && gen_type_of(s->lhs)->kind == TY_SLICE);
}

// The type argument i of call e is converted to, where that can be an
// interface; NULL where it does not matter.
static Type *arg_target(Node *e, int i) {
  switch (e->call_kind) {
  case CALL_FUNC:
  case CALL_LIBRARY: {  // a library function's callee has its signature's type
    Type *ft = gen_type_of(node_unparen(e->lhs));
    return i < ft->params.len || ft->is_variadic ? param_type_at(e, ft, i) : NULL;
  }
  case CALL_PANIC: return ty_any;
  case CALL_CONVERSION:
    return i == e->list.len - 1 ? (e->conv_type ? e->conv_type : e->type) : NULL;
  case CALL_APPEND: return i > 0 && !e->has_ellipsis ? gen_type_of(e)->elem : NULL;
  default: return NULL;
  }
}

static void order_composite(Node *e, Type *t) {
  if (e->type)
    t = e->type;
  if (type_under(t)->kind == TY_POINTER)  // {...} standing for &T{...}
    t = type_under(t)->elem;
  for (int i = 0; i < e->list.len; i++) {
    Node *el = e->list.items[i];
    Type *et = t->kind == TY_STRUCT ? NULL : t->elem;
    if (el->kind == ND_KEYED) {
      et = el->field ? el->field->type : et;
      el = el->rhs;
    } else if (t->kind == TY_STRUCT && i < t->fields.len) {
      et = ((Field *)t->fields.items[i])->type;
    }
    if (el->kind == ND_COMPOSITE && !el->type_expr && type_under(et)->kind != TY_MAP)
      order_composite(el, et);
    else
      gen_order_expr_to(el, et);
  }
}

void gen_order_expr_to(Node *e, Type *to) {
  if (!e || e->cval.kind != CONST_NONE || frame_has_ready(e))
    return;
  switch (e->kind) {
  case ND_FUNCLIT: return;
  case ND_PAREN: gen_order_expr_to(e->lhs, to); return;
  case ND_BINARY:
    if (e->op == OP_LAND || e->op == OP_LOR) {
      evaluate_early(e);
      return;
    }
    gen_order_expr(e->lhs);
    gen_order_expr(e->rhs);
    break;
  case ND_CALL:
    gen_order_expr(e->lhs);
    if (gen_call_arg_count(e) != e->list.len) {
      gen_order_expr(e->list.items[0]);
    } else {
      for (int i = 0; i < e->list.len; i++)
        gen_order_expr_to(e->list.items[i], arg_target(e, i));
    }
    if (call_copied(e)) {
      evaluate_early(e);
      return;
    }
    break;
  case ND_SLICE:
    gen_order_expr(e->lhs);
    gen_order_expr(e->low);
    gen_order_expr(e->high);
    gen_order_expr(e->max);
    evaluate_early(e);
    return;
  case ND_TYPEASSERT:
    gen_order_expr(e->lhs);
    if (!e->comma_ok && gen_type_of(e)->kind != TY_FUNC) {
      evaluate_early(e);
      return;
    }
    break;
  case ND_RECV:  // Go's order pass copies a receive into a temporary
    gen_order_expr(e->lhs);
    if (!e->comma_ok) {
      evaluate_early(e);
      return;
    }
    break;
  case ND_COMPOSITE:
    // Go's order pass makes a map literal a statement of its own, then
    // one m[k] = v statement per entry that is not static.
    if (type_under(gen_type_of(e))->kind == TY_MAP)
      evaluate_early(e);
    else
      order_composite(e, gen_type_of(e));
    return;
  default:
    gen_order_expr(e->lhs);
    gen_order_expr(e->rhs);
    gen_order_expr(e->low);
    gen_order_expr(e->high);
    break;
  }
  if (early_for_iface(e, to))
    evaluate_early(e);
}

void gen_order_expr(Node *e) {
  gen_order_expr_to(e, NULL);
}

// ---------------------------------------------------------------- dispatch

LLVMValueRef gen_cond(Node *e) {
  gen_order_expr(e);
  return gen_expr(e);
}

LLVMValueRef gen_expr(Node *e) {
  if (e->cval.kind != CONST_NONE)
    return gen_const(e->cval, gen_type_of(e));
  LLVMValueRef ready;
  if (frame_take_ready(e, &ready))
    return ready;
  switch (e->kind) {
  case ND_PAREN: return gen_expr(e->lhs);
  case ND_IDENT: return gen_ident(e);
  case ND_BINARY: return gen_binary(e);
  case ND_UNARY: return gen_unary(e);
  case ND_CALL: return gen_call(e);
  case ND_INDEX: return gen_index(e);
  case ND_SLICE: return gen_slice_expr(e);
  case ND_TYPEASSERT: return gen_assert(e, NULL);
  case ND_RECV: return gen_recv(e, NULL);
  case ND_FUNCLIT: return gen_func_value(e->func);
  case ND_COMPOSITE: return gen_composite(e, gen_type_of(e));
  case ND_SELECTOR: return e->method ? gen_method_value(e) : gen_field(e);
  case ND_STAR: return gen_deref(e);
  case ND_ADDR: return gen_address_of(e);
  case ND_INT:
  case ND_RUNE:
  case ND_STRING: return gen_const(e->val, gen_type_of(e));
  default: die("gen_expr: node kind %d at %d:%d", e->kind, e->pos.line, e->pos.col);
  }
}
