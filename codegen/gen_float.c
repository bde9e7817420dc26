// gen_float.c: floating-point and complex values: constants, arithmetic,
// comparisons and conversions with Go's semantics. A complex number is an
// LLVM struct of two floats, real part first (runtime.h's MG_COMPLEX*).
#include "gen.h"

#include <string.h>

LLVMTypeRef ll_float_type(int bits) {
  return bits == 32 ? LLVMFloatTypeInContext(gen.ctx) : LLVMDoubleTypeInContext(gen.ctx);
}

// The LLVM type of one part of complex type t.
static LLVMTypeRef part_type(Type *t) {
  return ll_float_type(t->bits / 2);
}

LLVMTypeRef ll_complex_type(int bits) {
  LLVMTypeRef part = ll_float_type(bits / 2);
  LLVMTypeRef parts[2] = {part, part};
  return LLVMStructTypeInContext(gen.ctx, parts, 2, false);
}

static LLVMValueRef float_const(Const c, int bits) {
  double v = bits == 32 ? (double)const_float32(c) : const_float64(c);
  return LLVMConstReal(ll_float_type(bits), v);
}

// A float or complex constant of type t.
LLVMValueRef gen_float_const(Const c, Type *t) {
  if (t->kind == TY_FLOAT)
    return float_const(c, t->bits);
  LLVMValueRef parts[2] = {float_const(const_real_part(c), t->bits / 2),
                           float_const(const_imag_part(c), t->bits / 2)};
  return LLVMConstStructInContext(gen.ctx, parts, 2, false);
}

LLVMValueRef gen_one(Type *t) {
  t = type_under(t);
  if (t->kind == TY_INT)
    return LLVMConstInt(ll_type(t), 1, false);
  return gen_float_const((Const){.kind = CONST_INT, .i = 1}, t);
}

LLVMValueRef gen_complex_make(LLVMValueRef re, LLVMValueRef im, Type *t) {
  LLVMValueRef v = LLVMGetUndef(ll_type(t));
  v = LLVMBuildInsertValue(gen.b, v, re, 0, "");
  return LLVMBuildInsertValue(gen.b, v, im, 1, "");
}

LLVMValueRef gen_complex_part(LLVMValueRef v, int i) {
  return LLVMBuildExtractValue(gen.b, v, (unsigned)i, "");
}

static LLVMValueRef float_resize(LLVMValueRef v, int from_bits, int to_bits) {
  if (from_bits == to_bits)
    return v;
  LLVMTypeRef to = ll_float_type(to_bits);
  return from_bits < to_bits ? LLVMBuildFPExt(gen.b, v, to, "") : LLVMBuildFPTrunc(gen.b, v, to, "");
}

LLVMValueRef gen_call_intrinsic(const char *name, LLVMTypeRef ret, LLVMValueRef *args, int n) {
  LLVMTypeRef params[3];
  for (int i = 0; i < n; i++)
    params[i] = LLVMTypeOf(args[i]);
  LLVMTypeRef fty = LLVMFunctionType(ret, params, (unsigned)n, false);
  LLVMValueRef fn = LLVMGetNamedFunction(gen.mod, name);
  if (!fn)
    fn = LLVMAddFunction(gen.mod, name, fty);
  return LLVMBuildCall2(gen.b, fty, fn, args, (unsigned)n, "");
}

static const char *float_suffix(LLVMValueRef v) {
  return LLVMGetTypeKind(LLVMTypeOf(v)) == LLVMFloatTypeKind ? "f32" : "f64";
}

// v converted to a bits-wide integer, saturating at the type's bounds
// (NaN is 0), as arm's and arm64's conversion instructions do.
static LLVMValueRef saturating_convert(LLVMValueRef v, bool is_signed, unsigned bits) {
  char name[40];
  snprintf(name, sizeof name, "llvm.fpto%s.sat.i%u.%s", is_signed ? "si" : "ui", bits,
           float_suffix(v));
  return gen_call_intrinsic(name, LLVMIntTypeInContext(gen.ctx, bits), &v, 1);
}

static LLVMValueRef float_arith(Op op, LLVMValueRef a, LLVMValueRef b) {
  switch (op) {
  case OP_ADD: return LLVMBuildFAdd(gen.b, a, b, "");
  case OP_SUB: return LLVMBuildFSub(gen.b, a, b, "");
  case OP_MUL: return LLVMBuildFMul(gen.b, a, b, "");
  case OP_DIV: return LLVMBuildFDiv(gen.b, a, b, "");
  default: die("float operator %s", op_string(op));
  }
}

// Go divides complex numbers in the runtime (complex128div), which gets
// infinities and NaNs right where the schoolbook formula does not;
// complex64 division goes through complex128 as Go's does.
static LLVMValueRef complex_divide(LLVMValueRef a, LLVMValueRef b, Type *t) {
  LLVMTypeRef d = ll_float_type(64);
  LLVMValueRef args[5];
  args[0] = frame_alloca(ll_complex_type(128), "cdiv");
  for (int i = 0; i < 4; i++) {
    LLVMValueRef part = gen_complex_part(i < 2 ? a : b, i % 2);
    args[i + 1] = t->bits == 64 ? LLVMBuildFPExt(gen.b, part, d, "") : part;
  }
  rt_call("mg_complex128_div", args, 5);
  LLVMValueRef q = load(ll_complex_type(128), args[0]);
  if (t->bits == 128)
    return q;
  LLVMTypeRef f = part_type(t);
  return gen_complex_make(LLVMBuildFPTrunc(gen.b, gen_complex_part(q, 0), f, ""),
                          LLVMBuildFPTrunc(gen.b, gen_complex_part(q, 1), f, ""), t);
}

// x*y + z: one rounding where Go fuses (targets.def's fma), two elsewhere.
static LLVMValueRef mul_add(LLVMValueRef x, LLVMValueRef y, LLVMValueRef z) {
  if (!gen.opts->target->fused_multiply_add)
    return float_arith(OP_ADD, float_arith(OP_MUL, x, y), z);
  char name[20];
  snprintf(name, sizeof name, "llvm.fma.%s", float_suffix(x));
  LLVMValueRef args[3] = {x, y, z};
  return gen_call_intrinsic(name, LLVMTypeOf(x), args, 3);
}

// (a+bi)(c+di) = (ac-bd) + (ad+bc)i, computed in float64 for complex64
// too, as Go's compiler expands it (and fuses on arm64: ac - b*d and
// ad + b*c with the second product unrounded).
static LLVMValueRef complex_multiply(LLVMValueRef x, LLVMValueRef y, Type *t) {
  LLVMValueRef p[4] = {gen_complex_part(x, 0), gen_complex_part(x, 1), gen_complex_part(y, 0),
                       gen_complex_part(y, 1)};
  for (int i = 0; i < 4; i++)
    p[i] = float_resize(p[i], t->bits / 2, 64);
  LLVMValueRef a = p[0], b = p[1], c = p[2], d = p[3];
  LLVMValueRef re = mul_add(LLVMBuildFNeg(gen.b, b, ""), d, float_arith(OP_MUL, a, c));
  LLVMValueRef im = mul_add(b, c, float_arith(OP_MUL, a, d));
  return gen_complex_make(float_resize(re, 64, t->bits / 2), float_resize(im, 64, t->bits / 2), t);
}

// A product the target's fused multiply-add takes in place of its
// rounded value: x*y of float type, not a constant.
static Node *fusable_product(Node *e) {
  while (e->kind == ND_PAREN)
    e = e->lhs;
  if (e->kind == ND_BINARY && e->op == OP_MUL && e->cval.kind == CONST_NONE &&
      e->type && type_under(e->type)->kind == TY_FLOAT)
    return e;
  return NULL;
}

// a + x*y, a - x*y and x*y - a in one rounding where Go's compiler fuses
// them (its arm64 rules, which look at the right operand first); NULL
// where it would not.
LLVMValueRef gen_fused(Node *e) {
  if (!gen.opts->target->fused_multiply_add || (e->op != OP_ADD && e->op != OP_SUB) ||
      type_under(e->type)->kind != TY_FLOAT)
    return NULL;
  Node *r = fusable_product(e->rhs), *l = fusable_product(e->lhs);
  if (!r && !l)
    return NULL;
  Node *other = r ? e->lhs : e->rhs, *prod = r ? r : l;
  LLVMValueRef a = gen_expr(r ? other : prod->lhs);
  LLVMValueRef x = r ? gen_expr(prod->lhs) : gen_expr(prod->rhs);
  LLVMValueRef y = r ? gen_expr(prod->rhs) : gen_expr(other);
  if (r)  // a ± x*y
    return mul_add(e->op == OP_SUB ? LLVMBuildFNeg(gen.b, x, "") : x, y, a);
  // x*y ± b, with a, x, y here being x, y, b
  return mul_add(a, x, e->op == OP_SUB ? LLVMBuildFNeg(gen.b, y, "") : y);
}

// a op b for + - * / on floats or complex numbers of type t.
LLVMValueRef gen_float_binop(Op op, LLVMValueRef a, LLVMValueRef b, Type *t) {
  if (t->kind == TY_FLOAT)
    return float_arith(op, a, b);
  if (op == OP_MUL)
    return complex_multiply(a, b, t);
  if (op == OP_DIV)
    return complex_divide(a, b, t);
  return gen_complex_make(float_arith(op, gen_complex_part(a, 0), gen_complex_part(b, 0)),
                          float_arith(op, gen_complex_part(a, 1), gen_complex_part(b, 1)), t);
}

LLVMValueRef gen_float_neg(LLVMValueRef v, Type *t) {
  if (t->kind == TY_FLOAT)
    return LLVMBuildFNeg(gen.b, v, "");
  return gen_complex_make(LLVMBuildFNeg(gen.b, gen_complex_part(v, 0), ""),
                          LLVMBuildFNeg(gen.b, gen_complex_part(v, 1), ""), t);
}

// IEEE comparisons: every ordered one is false with a NaN, != is true.
LLVMValueRef gen_float_compare(Op op, LLVMValueRef a, LLVMValueRef b, Type *t) {
  if (t->kind == TY_COMPLEX) {
    LLVMValueRef re = gen_float_compare(OP_EQ, gen_complex_part(a, 0), gen_complex_part(b, 0),
                                        ty_float64);
    LLVMValueRef im = gen_float_compare(OP_EQ, gen_complex_part(a, 1), gen_complex_part(b, 1),
                                        ty_float64);
    LLVMValueRef eq = LLVMBuildAnd(gen.b, re, im, "");
    return op == OP_EQ ? eq : LLVMBuildNot(gen.b, eq, "");
  }
  LLVMRealPredicate p = op == OP_EQ   ? LLVMRealOEQ
                        : op == OP_NE ? LLVMRealUNE
                        : op == OP_LT ? LLVMRealOLT
                        : op == OP_LE ? LLVMRealOLE
                        : op == OP_GT ? LLVMRealOGT
                                      : LLVMRealOGE;
  return LLVMBuildFCmp(gen.b, p, a, b, "");
}

// ---------------------------------------------------------------- conversions

// A float truncated toward zero to a signed integer of `bits` bits, where
// it is in range. Out of range (and NaN) Go's result is the machine's:
// amd64's CVTTSD2SQ/CVTTSD2SL give the most negative integer, arm's and
// arm64's conversions saturate (NaN is 0), which llvm.fptosi.sat does.
static LLVMValueRef float_to_signed(LLVMValueRef v, unsigned bits) {
  LLVMTypeRef it = LLVMIntTypeInContext(gen.ctx, bits);
  LLVMTypeRef ft = LLVMTypeOf(v);
  if (gen.opts->target->float_to_int == FLOAT_TO_INT_X86) {
    // in range: -2^(bits-1) <= v < 2^(bits-1), bounds exact in any float
    double lim = bits == 64 ? 9223372036854775808.0 : 2147483648.0;
    LLVMValueRef lo = LLVMBuildFCmp(gen.b, LLVMRealOGE, v, LLVMConstReal(ft, -lim), "");
    LLVMValueRef hi = LLVMBuildFCmp(gen.b, LLVMRealOLT, v, LLVMConstReal(ft, lim), "");
    LLVMValueRef ok = LLVMBuildAnd(gen.b, lo, hi, "");
    LLVMValueRef t = LLVMBuildFPToSI(gen.b, v, it, "");
    LLVMValueRef min = LLVMConstShl(LLVMConstInt(it, 1, false), LLVMConstInt(it, bits - 1, false));
    return LLVMBuildSelect(gen.b, ok, t, min, "");
  }
  return saturating_convert(v, true, bits);
}

// Go's float to uint64 where the machine has only signed conversions:
// below 2^63 convert directly; above, convert v - 2^63 and set the top
// bit (ssagen's float64ToUint64).
static LLVMValueRef float_to_uint64(LLVMValueRef v) {
  LLVMTypeRef ft = LLVMTypeOf(v);
  LLVMValueRef cutoff = LLVMConstReal(ft, 9223372036854775808.0);
  LLVMValueRef small = LLVMBuildFCmp(gen.b, LLVMRealOLT, v, cutoff, "");
  LLVMValueRef direct = float_to_signed(v, 64);
  LLVMValueRef shifted = float_to_signed(LLVMBuildFSub(gen.b, v, cutoff, ""), 64);
  LLVMValueRef top = LLVMConstShl(LLVMConstInt(gen.t_i64, 1, false), LLVMConstInt(gen.t_i64, 63, false));
  LLVMValueRef big = LLVMBuildOr(gen.b, shifted, top, "");
  return LLVMBuildSelect(gen.b, small, direct, big, "");
}

// float to integer type `to`, as Go's compiler lowers it: 64-bit results
// through a 64-bit conversion; narrower signed ones and uint8/16 through
// a 32-bit one, uint32 through a 64-bit one (on 64-bit machines), then
// truncated.
static LLVMValueRef float_to_int(LLVMValueRef v, Type *to) {
  unsigned bits = (unsigned)type_int_bits(to);
  LLVMTypeRef it = ll_type(to);
  bool saturating = gen.opts->target->float_to_int != FLOAT_TO_INT_X86;
  if (bits == 64 && gen.opts->target->float_to_int == FLOAT_TO_INT_ARM32) {
    // 32-bit arm: Go's runtime conversion, through float64.
    LLVMValueRef d = float_resize(v, LLVMGetTypeKind(LLVMTypeOf(v)) == LLVMFloatTypeKind ? 32 : 64, 64);
    return rt_call("mg_float64_to_int64_soft", &d, 1);
  }
  if (bits == 64 && to->is_unsigned) {
    if (!saturating)
      return float_to_uint64(v);
    return saturating_convert(v, false, 64);  // arm64's FCVTZU
  }
  if (bits == 64)
    return float_to_signed(v, 64);
  unsigned via = to->is_unsigned && bits == 32 ? (target_int_bits == 64 ? 64 : 32) : 32;
  LLVMValueRef r;
  if (via == 32 && to->is_unsigned && bits == 32)
    r = saturating_convert(v, false, 32);  // arm's VCVT.U32
  else
    r = float_to_signed(v, via);
  return LLVMBuildTrunc(gen.b, r, it, "");
}

static LLVMValueRef int_to_float(LLVMValueRef v, Type *from, int bits) {
  LLVMTypeRef ft = ll_float_type(bits);
  return from->is_unsigned ? LLVMBuildUIToFP(gen.b, v, ft, "") : LLVMBuildSIToFP(gen.b, v, ft, "");
}

// Conversions between numeric types where one is a float or complex.
LLVMValueRef gen_numeric_convert(LLVMValueRef v, Type *from, Type *to) {
  if (from->kind == TY_INT)
    return int_to_float(v, from, to->bits);
  if (to->kind == TY_INT)
    return float_to_int(v, to);
  if (from->kind == TY_FLOAT)
    return float_resize(v, from->bits, to->bits);
  return gen_complex_make(float_resize(gen_complex_part(v, 0), from->bits / 2, to->bits / 2),
                          float_resize(gen_complex_part(v, 1), from->bits / 2, to->bits / 2),
                          to);
}
