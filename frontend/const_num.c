// const_num.c: numeric constants with Go's precision, on GMP and MPFR.
//
// go/constant is the model. Integers are exact (mpz). Floats are exact
// rationals (mpq) while numerator and denominator stay below 4096 bits;
// beyond, and for literals with huge exponents, they are 512-bit binary
// floats (mpfr), as go/constant switches from big.Rat to big.Float. So
// 0.1 + 0.2 == 0.3 holds exactly, and 1e300 * 1e300 / 1e300 is 1e300. A
// complex constant is a pair of such reals. Typed float constants are
// rounded to their type (const_represent), as types2 does. Values are
// immutable once built and live as long as the compilation.
#include "minigo.h"
#include "check.h"

#include <gmp.h>
#include <math.h>
#include <mpfr.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum {
  FLOAT_PREC = 512,  // go/constant's precision for big.Float values
  MAX_EXP = 4096,    // go/constant's maxExp: bits of a "small" rational part
};

struct BigInt {
  mpz_t z;
};

// A real constant: a rational, or a 512-bit float beyond a rational's
// reasonable size.
typedef struct Real {
  bool is_float;
  mpq_t q;
  mpfr_t f;
} Real;

struct ConstNum {
  Real re, im;
};

// ---------------------------------------------------------------- integers

static const mpz_t *int_value(Const c, mpz_t tmp) {
  if (c.big)
    return (const mpz_t *)&c.big->z;
  // mpz has no __int128 setter: two 64-bit halves.
  unsigned __int128 u = c.i < 0 ? -(unsigned __int128)c.i : (unsigned __int128)c.i;
  mpz_set_ui(tmp, (unsigned long)(uint64_t)(u >> 64));
  mpz_mul_2exp(tmp, tmp, 64);
  mpz_add_ui(tmp, tmp, (unsigned long)(uint64_t)u);
  if (c.i < 0)
    mpz_neg(tmp, tmp);
  return (const mpz_t *)tmp;
}

// The int constant of z: Const.i alone when it fits in __int128 (the form
// codegen reads), else Const.big too, with i saturated so that sign tests
// and comparisons with small bounds stay right.
static Const const_of_mpz(const mpz_t z) {
  Const c = {.kind = CONST_INT};
  if (mpz_sizeinbase(z, 2) <= 126) {
    mpz_t a;
    mpz_init(a);
    mpz_abs(a, z);
    unsigned __int128 u = (unsigned __int128)mpz_getlimbn(a, 0);
    if (mpz_size(a) > 1)
      u |= (unsigned __int128)mpz_getlimbn(a, 1) << 64;
    mpz_clear(a);
    c.i = mpz_sgn(z) < 0 ? -(__int128)u : (__int128)u;
    return c;
  }
  __int128 max = (__int128)(((unsigned __int128)1 << 127) - 1);
  c.i = mpz_sgn(z) < 0 ? -max - 1 : max;
  c.big = xmalloc(sizeof *c.big);
  mpz_init_set(c.big->z, z);
  return c;
}

// big.Float's exponents are 32-bit; MPFR's default range is narrower.
void const_num_reset(void) {
  mpfr_set_emin(mpfr_get_emin_min());
  mpfr_set_emax(mpfr_get_emax_max());
}

Const const_int(__int128 v) {
  Const c = {.kind = CONST_INT, .i = v};
  return c;
}

// Digits with '_' separators and a base prefix (0x, 0o, 0b, or a leading 0
// for octal), already validated by the lexer.
static void parse_mpz(mpz_t z, const char *text, int len, bool legacy_octal) {
  int base = 10, i = 0;
  if (len >= 2 && text[0] == '0') {
    int c = text[1] | 0x20;
    if (c == 'x' || c == 'b' || c == 'o')
      base = c == 'x' ? 16 : c == 'b' ? 2 : 8, i = 2;
    else if (legacy_octal)
      base = 8, i = 1;
  }
  char *digits = xmalloc((size_t)len + 2);
  int n = 0;
  for (; i < len; i++)
    if (text[i] != '_')
      digits[n++] = text[i];
  if (n == 0)
    digits[n++] = '0';
  digits[n] = '\0';
  mpz_set_str(z, digits, base);
  free(digits);
}

Const const_int_literal(const char *text, int len) {
  mpz_t z;
  mpz_init(z);
  parse_mpz(z, text, len, true);
  Const c = const_of_mpz(z);
  mpz_clear(z);
  return c;
}

int const_bitlen(Const v) {
  mpz_t tmp;
  mpz_init(tmp);
  const mpz_t *z = int_value(v, tmp);
  int n = mpz_sgn(*z) == 0 ? 0 : (int)mpz_sizeinbase(*z, 2);
  mpz_clear(tmp);
  return n;
}

// ---------------------------------------------------------------- reals

static Real real_zero(void) {
  Real r = {0};
  mpq_init(r.q);
  return r;
}

static void real_init_float(Real *r) {
  const_num_reset();  // the lexer makes floats before the checker resets
  r->is_float = true;
  mpfr_init2(r->f, FLOAT_PREC);
}

static bool mpz_small(const mpz_t z) {
  return mpz_sizeinbase(z, 2) < MAX_EXP;
}

static Real real_norm_q_to_float(Real r) {
  Real f = {0};
  real_init_float(&f);
  mpfr_set_q(f.f, r.q, MPFR_RNDN);
  return f;
}

// go/constant's makeRat: a rational too large becomes a float.
static Real real_norm_q(Real r) {
  if (mpz_small(mpq_numref(r.q)) && mpz_small(mpq_denref(r.q)))
    return r;
  return real_norm_q_to_float(r);
}

// go/constant's smallFloat for a literal's exact value: its binary
// exponent (value = m * 2^e, 0.5 <= |m| < 1) is within +-4096. Such a
// literal stays a rational however long its digits.
static bool real_small(const Real *r) {
  if (mpq_sgn(r->q) == 0)
    return true;
  mpfr_t f;
  mpfr_init2(f, 64);
  mpfr_set_q(f, r->q, MPFR_RNDZ);
  mpfr_exp_t e = mpfr_get_exp(f);
  mpfr_clear(f);
  return -MAX_EXP < e && e < MAX_EXP;
}

// go/constant's makeFloat: a zero float is the rational 0.
static Real real_norm_f(Real r) {
  if (mpfr_zero_p(r.f))
    return real_zero();
  return r;
}

static void real_to_mpfr(mpfr_t out, const Real *r) {
  if (r->is_float)
    mpfr_set(out, r->f, MPFR_RNDN);
  else
    mpfr_set_q(out, r->q, MPFR_RNDN);
}

static Real real_from_mpz(const mpz_t z) {
  Real r = real_zero();
  mpq_set_z(r.q, z);
  return real_norm_q(r);
}

static Real real_from_double(double d) {
  Real r = real_zero();
  mpq_set_d(r.q, d);
  return r;
}

static int real_sign(const Real *r) {
  return r->is_float ? mpfr_sgn(r->f) : mpq_sgn(r->q);
}

static int real_cmp(const Real *a, const Real *b) {
  if (!a->is_float && !b->is_float)
    return mpq_cmp(a->q, b->q);
  mpfr_t x, y;
  mpfr_inits2(FLOAT_PREC, x, y, (mpfr_ptr)0);
  real_to_mpfr(x, a);
  real_to_mpfr(y, b);
  int c = mpfr_cmp(x, y);
  mpfr_clears(x, y, (mpfr_ptr)0);
  return c;
}

// a op b for op in + - * /; b is not zero for /.
static Real real_arith(Op op, const Real *a, const Real *b) {
  if (!a->is_float && !b->is_float) {
    Real r = real_zero();
    switch (op) {
    case OP_ADD: mpq_add(r.q, a->q, b->q); break;
    case OP_SUB: mpq_sub(r.q, a->q, b->q); break;
    case OP_MUL: mpq_mul(r.q, a->q, b->q); break;
    default: mpq_div(r.q, a->q, b->q); break;
    }
    return real_norm_q(r);
  }
  Real r = {0};
  real_init_float(&r);
  mpfr_t x, y;
  mpfr_inits2(FLOAT_PREC, x, y, (mpfr_ptr)0);
  real_to_mpfr(x, a);
  real_to_mpfr(y, b);
  switch (op) {
  case OP_ADD: mpfr_add(r.f, x, y, MPFR_RNDN); break;
  case OP_SUB: mpfr_sub(r.f, x, y, MPFR_RNDN); break;
  case OP_MUL: mpfr_mul(r.f, x, y, MPFR_RNDN); break;
  default: mpfr_div(r.f, x, y, MPFR_RNDN); break;
  }
  mpfr_clears(x, y, (mpfr_ptr)0);
  return real_norm_f(r);
}

static Real real_neg(const Real *a) {
  Real zero = real_zero();
  return real_arith(OP_SUB, &zero, a);
}

// The IEEE value nearest to r with the given precision and exponent
// range (subnormals included), as big.Float's Float64/Float32; infinite
// when r is beyond the largest finite value by half an ulp or more.
static void real_round(mpfr_t out, const Real *r, mpfr_exp_t emin, mpfr_exp_t emax) {
  mpfr_exp_t old_min = mpfr_get_emin(), old_max = mpfr_get_emax();
  mpfr_set_emin(emin);
  mpfr_set_emax(emax);
  int inex = r->is_float ? mpfr_set(out, r->f, MPFR_RNDN) : mpfr_set_q(out, r->q, MPFR_RNDN);
  // A float source was beyond the narrowed range: now bring it in.
  inex = mpfr_check_range(out, inex, MPFR_RNDN);
  mpfr_subnormalize(out, inex, MPFR_RNDN);
  mpfr_set_emin(old_min);
  mpfr_set_emax(old_max);
}

static double real_to_double(const Real *r) {
  mpfr_t d;
  mpfr_init2(d, 53);
  real_round(d, r, -1073, 1024);
  double v = mpfr_get_d(d, MPFR_RNDN);
  mpfr_clear(d);
  return v;
}

static float real_to_float(const Real *r) {
  mpfr_t f;
  mpfr_init2(f, 24);
  real_round(f, r, -148, 128);
  float v = mpfr_get_flt(f, MPFR_RNDN);
  mpfr_clear(f);
  return v;
}

// go/constant's ToInt: r as an integer if it is one, or within a few bits
// of precision of one (float results of earlier rounding).
static bool real_to_mpz(mpz_t out, const Real *r) {
  if (!r->is_float) {
    if (mpz_cmp_ui(mpq_denref(r->q), 1) != 0)
      return false;
    mpz_set(out, mpq_numref(r->q));
    return true;
  }
  if (mpfr_get_exp(r->f) >= MAX_EXP || mpfr_get_exp(r->f) <= -MAX_EXP)
    return false;
  if (mpfr_integer_p(r->f)) {
    mpfr_get_z(out, r->f, MPFR_RNDN);
    return true;
  }
  enum { DELTA = 4 };
  mpfr_t t;
  mpfr_init2(t, FLOAT_PREC - DELTA);
  bool ok = false;
  mpfr_rnd_t modes[] = {MPFR_RNDZ, MPFR_RNDA};
  for (int i = 0; i < 2 && !ok; i++) {
    mpfr_set(t, r->f, modes[i]);
    if (mpfr_integer_p(t)) {
      mpfr_get_z(out, t, MPFR_RNDN);
      ok = true;
    }
  }
  mpfr_clear(t);
  return ok;
}

// ---------------------------------------------------------------- number constants

static Const const_num(ConstKind kind, Real re, Real im) {
  Const c = {.kind = kind};
  c.num = xmalloc(sizeof *c.num);
  c.num->re = re;
  c.num->im = im;
  return c;
}

// The real part of a number constant of any kind, as a Real.
static Real const_re(Const c) {
  if (c.kind == CONST_INT) {
    mpz_t tmp;
    mpz_init(tmp);
    Real r = real_from_mpz(*int_value(c, tmp));
    mpz_clear(tmp);
    return r;
  }
  return c.num->re;
}

static Real const_im(Const c) {
  return c.kind == CONST_COMPLEX ? c.num->im : real_zero();
}

bool const_is_number(Const c) {
  return c.kind == CONST_INT || c.kind == CONST_FLOAT || c.kind == CONST_COMPLEX;
}

// c as a constant of kind `kind` (CONST_INT, CONST_FLOAT or CONST_COMPLEX):
// widening always succeeds; narrowing needs an integral value (to int) or
// a zero imaginary part (from complex).
bool const_to_kind(Const c, ConstKind kind, Const *out) {
  if (c.kind == kind) {
    *out = c;
    return true;
  }
  Real re = const_re(c), im = const_im(c);
  if (kind != CONST_COMPLEX && real_sign(&im) != 0)
    return false;
  if (kind == CONST_INT) {
    mpz_t z;
    mpz_init(z);
    bool ok = real_to_mpz(z, &re);
    if (ok)
      *out = const_of_mpz(z);
    mpz_clear(z);
    return ok;
  }
  *out = const_num(kind, re, im);
  return true;
}

int const_sign(Const c) {
  switch (c.kind) {
  case CONST_INT: return c.i < 0 ? -1 : c.i > 0;
  case CONST_FLOAT: return real_sign(&c.num->re);
  case CONST_COMPLEX: return real_sign(&c.num->re) | real_sign(&c.num->im);
  default: return 0;
  }
}

double const_float64(Const c) {
  Real re = const_re(c);
  return real_to_double(&re);
}

float const_float32(Const c) {
  Real re = const_re(c);
  return real_to_float(&re);
}

Const const_real_part(Const c) {
  return const_num(CONST_FLOAT, const_re(c), real_zero());
}

Const const_imag_part(Const c) {
  return const_num(CONST_FLOAT, const_im(c), real_zero());
}

Const const_complex(Const re, Const im) {
  return const_num(CONST_COMPLEX, const_re(re), const_re(im));
}

// A float literal: decimal (mantissa and e exponent) or hexadecimal
// (mantissa and p exponent), '_' separators allowed; validated by the
// lexer. The value is exact unless its exponent is beyond a rational's
// reasonable size, as go/constant's MakeFromLiteral.
static Real real_literal(const char *text, int len) {
  char *s = xmalloc((size_t)len + 1);
  int n = 0;
  for (int i = 0; i < len; i++)
    if (text[i] != '_')
      s[n++] = text[i];
  s[n] = '\0';
  bool hex = n >= 2 && s[0] == '0' && (s[1] | 0x20) == 'x';
  char *exp_at = strpbrk(s + (hex ? 2 : 0), hex ? "pP" : "eE");
  long exp = exp_at ? strtol(exp_at + 1, NULL, 10) : 0;
  // Exponents this size still make rationals quickly; larger ones are
  // never small (below).
  long scale = hex ? (exp < 0 ? -exp : exp) : (long)((exp < 0 ? -exp : exp) * 3.33);
  Real r;
  if (scale < 8 * MAX_EXP) {
    // mantissa digits as an integer, scaled by the point and exponent.
    if (exp_at)
      *exp_at = '\0';
    char *dot = strchr(s, '.');
    long frac = 0;
    if (dot) {
      frac = (long)strlen(dot + 1);
      memmove(dot, dot + 1, strlen(dot + 1) + 1);
    }
    mpz_t m, p;
    mpz_inits(m, p, (mpz_ptr)0);
    mpz_set_str(m, hex ? s + 2 : s, hex ? 16 : 10);
    long e = hex ? exp - 4 * frac : exp - frac;
    mpz_ui_pow_ui(p, hex ? 2 : 10, (unsigned long)(e < 0 ? -e : e));
    r = real_zero();
    mpq_set_z(r.q, m);
    mpq_t pq;
    mpq_init(pq);
    mpq_set_z(pq, p);
    if (e < 0)
      mpq_div(r.q, r.q, pq);
    else
      mpq_mul(r.q, r.q, pq);
    mpq_clear(pq);
    mpz_clears(m, p, (mpz_ptr)0);
    r = real_small(&r) ? r : real_norm_q_to_float(r);
  } else {
    r = (Real){0};
    real_init_float(&r);
    mpfr_strtofr(r.f, s, NULL, 0, MPFR_RNDN);
    r = real_norm_f(r);
  }
  free(s);
  return r;
}

Const const_float_literal(const char *text, int len) {
  return const_num(CONST_FLOAT, real_literal(text, len), real_zero());
}

// An imaginary literal: a float or integer literal and 'i'. Integer
// digits with a leading 0 are decimal here, as Go keeps 0123i for
// backward compatibility.
Const const_imag_literal(const char *text, int len) {
  len--;
  bool is_int = !strpbrk(text, ".eEpP") || (len >= 2 && (text[1] | 0x20) == 'x' &&
                                              !memchr(text, 'p', (size_t)len) &&
                                              !memchr(text, 'P', (size_t)len) &&
                                              !memchr(text, '.', (size_t)len));
  Real im;
  if (is_int) {
    mpz_t z;
    mpz_init(z);
    parse_mpz(z, text, len, false);
    im = real_from_mpz(z);
    mpz_clear(z);
  } else {
    im = real_literal(text, len);
  }
  return const_num(CONST_COMPLEX, real_zero(), im);
}

// ---------------------------------------------------------------- operations

static int int_binary(Op op, Const a, Const b, Const *out) {
  mpz_t ta, tb, r;
  mpz_inits(ta, tb, r, (mpz_ptr)0);
  const mpz_t *x = int_value(a, ta), *y = int_value(b, tb);
  int code = CERR_OK;
  switch (op) {
  case OP_ADD: mpz_add(r, *x, *y); break;
  case OP_SUB: mpz_sub(r, *x, *y); break;
  case OP_MUL: mpz_mul(r, *x, *y); break;
  case OP_DIV:
  case OP_REM:
    if (mpz_sgn(*y) == 0)
      code = CERR_DIVZERO;
    else if (op == OP_DIV)
      mpz_tdiv_q(r, *x, *y);  // Go's division truncates toward zero
    else
      mpz_tdiv_r(r, *x, *y);
    break;
  case OP_AND: mpz_and(r, *x, *y); break;
  case OP_OR: mpz_ior(r, *x, *y); break;
  case OP_XOR: mpz_xor(r, *x, *y); break;
  case OP_ANDNOT:
    mpz_com(r, *y);
    mpz_and(r, *x, r);
    break;
  default: code = CERR_INVALID;
  }
  if (code == CERR_OK)
    *out = const_of_mpz(r);
  mpz_clears(ta, tb, r, (mpz_ptr)0);
  return code;
}

// go/constant's complex arithmetic, exact part by part.
static void complex_arith(Op op, Real a, Real b, Real c, Real d, Real *re, Real *im) {
  if (op == OP_ADD || op == OP_SUB) {
    *re = real_arith(op, &a, &c);
    *im = real_arith(op, &b, &d);
    return;
  }
  Real ac = real_arith(OP_MUL, &a, &c), bd = real_arith(OP_MUL, &b, &d);
  Real bc = real_arith(OP_MUL, &b, &c), ad = real_arith(OP_MUL, &a, &d);
  if (op == OP_MUL) {
    *re = real_arith(OP_SUB, &ac, &bd);
    *im = real_arith(OP_ADD, &bc, &ad);
    return;
  }
  Real cc = real_arith(OP_MUL, &c, &c), dd = real_arith(OP_MUL, &d, &d);
  Real s = real_arith(OP_ADD, &cc, &dd);
  Real nre = real_arith(OP_ADD, &ac, &bd), nim = real_arith(OP_SUB, &bc, &ad);
  *re = real_arith(OP_DIV, &nre, &s);
  *im = real_arith(OP_DIV, &nim, &s);
}

// Arithmetic on number constants; the operands are of one kind after the
// checker's conversions, else the wider kind wins as in go/constant's
// match. / of two integers truncates.
int const_number_binary(Op op, Const a, Const b, Const *out) {
  ConstKind kind = a.kind > b.kind ? a.kind : b.kind;
  if (!const_to_kind(a, kind, &a) || !const_to_kind(b, kind, &b))
    return CERR_INVALID;
  if (kind == CONST_INT)
    return int_binary(op, a, b, out);
  if (op != OP_ADD && op != OP_SUB && op != OP_MUL && op != OP_DIV)
    return CERR_INVALID;
  if (op == OP_DIV && const_sign(b) == 0)
    return CERR_DIVZERO;
  Real re, im = real_zero();
  if (kind == CONST_FLOAT)
    re = real_arith(op, &a.num->re, &b.num->re);
  else
    complex_arith(op, a.num->re, a.num->im, b.num->re, b.num->im, &re, &im);
  *out = const_num(kind, re, im);
  return CERR_OK;
}

int const_shift(Op op, Const a, __int128 count, Const *out) {
  // Left shifts beyond this count are refused so that no input can make
  // the compiler build an absurdly large number; the checker bounds
  // counts lower.
  enum { MAX_SHIFT = 1 << 16 };
  if (!const_to_kind(a, CONST_INT, &a) || count < 0)
    return CERR_INVALID;
  if (op == OP_SHL && count > MAX_SHIFT && a.i != 0)
    return CERR_OVERFLOW;
  mpz_t t, r;
  mpz_inits(t, r, (mpz_ptr)0);
  const mpz_t *x = int_value(a, t);
  if (op == OP_SHR)
    mpz_fdiv_q_2exp(r, *x, count > MAX_SHIFT ? MAX_SHIFT : (mp_bitcnt_t)count);
  else
    mpz_mul_2exp(r, *x, (mp_bitcnt_t)count);
  *out = const_of_mpz(r);
  mpz_clears(t, r, (mpz_ptr)0);
  return CERR_OK;
}

// -a, and ^a of an integer: unsigned_bits > 0 flips only those bits, as
// ^x of a typed unsigned constant does.
int const_number_unary(Op op, Const a, int unsigned_bits, Const *out) {
  if (op == OP_NEG && a.kind != CONST_INT) {
    Real re = real_neg(&a.num->re);
    Real im = a.kind == CONST_COMPLEX ? real_neg(&a.num->im) : real_zero();
    *out = const_num(a.kind, re, im);
    return CERR_OK;
  }
  if (a.kind != CONST_INT)
    return CERR_INVALID;
  mpz_t t, r;
  mpz_inits(t, r, (mpz_ptr)0);
  const mpz_t *x = int_value(a, t);
  if (op == OP_NEG) {
    mpz_neg(r, *x);
  } else if (unsigned_bits > 0) {
    mpz_set_ui(r, 1);
    mpz_mul_2exp(r, r, (mp_bitcnt_t)unsigned_bits);
    mpz_sub_ui(r, r, 1);
    mpz_xor(r, r, *x);
  } else {
    mpz_com(r, *x);
  }
  *out = const_of_mpz(r);
  mpz_clears(t, r, (mpz_ptr)0);
  return CERR_OK;
}

// Three-way comparison of two real (int or float) constants; for complex
// ones, 0 when equal and 1 otherwise.
int const_number_compare(Const a, Const b) {
  if (a.kind == CONST_INT && b.kind == CONST_INT && !a.big && !b.big)
    return a.i < b.i ? -1 : a.i > b.i;
  Real ar = const_re(a), br = const_re(b);
  if (a.kind == CONST_COMPLEX || b.kind == CONST_COMPLEX) {
    Real ai = const_im(a), bi = const_im(b);
    return real_cmp(&ar, &br) != 0 || real_cmp(&ai, &bi) != 0;
  }
  return real_cmp(&ar, &br);
}

// ---------------------------------------------------------------- representation

static __int128 int_min(int bits) {
  return -((__int128)1 << (bits - 1));
}

static __int128 int_max(int bits, bool is_unsigned) {
  return is_unsigned ? ((__int128)1 << bits) - 1 : ((__int128)1 << (bits - 1)) - 1;
}

static bool int_fits(Const v, Type *t) {
  int bits = type_int_bits(t);
  if (t->is_unsigned)
    return v.i >= 0 && v.i <= int_max(bits, true);
  return v.i >= int_min(bits) && v.i <= int_max(bits, false);
}

// A float constant rounded to float32 or float64; false on overflow.
static bool round_float(Real r, int bits, Real *out) {
  double d = bits == 32 ? (double)real_to_float(&r) : real_to_double(&r);
  if (!isfinite(d))
    return false;
  *out = real_from_double(d);
  return true;
}

// types2's representableConst: whether v is a value of type t (typed or
// untyped), and *v made so: converted to t's kind of constant, and a
// typed float or complex constant rounded to its precision. Returns
// CREP_OK, CREP_TRUNCATED (a non-integer for an integer type) or
// CREP_OVERFLOW (out of range, or not a number of t's kind at all).
int const_represent(Const *v, Type *t) {
  Type *u = type_under(t);
  switch (u->kind) {
  case TY_INT:
  case TY_UNTYPED_INT:
  case TY_UNTYPED_RUNE: {
    if (!const_is_number(*v))
      return CREP_OVERFLOW;
    Const i;
    if (!const_to_kind(*v, CONST_INT, &i))
      return v->kind == CONST_INT ? CREP_OVERFLOW : CREP_TRUNCATED;
    if (u->kind == TY_INT && (i.big || !int_fits(i, u)))
      return CREP_OVERFLOW;
    *v = i;
    return CREP_OK;
  }
  case TY_FLOAT:
  case TY_UNTYPED_FLOAT: {
    Const f;
    if (!const_is_number(*v) || !const_to_kind(*v, CONST_FLOAT, &f))
      return CREP_OVERFLOW;
    Real r = f.num->re;
    if (u->kind == TY_FLOAT && !round_float(r, u->bits, &r))
      return CREP_OVERFLOW;
    *v = const_num(CONST_FLOAT, r, real_zero());
    return CREP_OK;
  }
  case TY_COMPLEX:
  case TY_UNTYPED_COMPLEX: {
    Const c;
    if (!const_is_number(*v) || !const_to_kind(*v, CONST_COMPLEX, &c))
      return CREP_OVERFLOW;
    Real re = c.num->re, im = c.num->im;
    if (u->kind == TY_COMPLEX &&
        (!round_float(re, u->bits / 2, &re) || !round_float(im, u->bits / 2, &im)))
      return CREP_OVERFLOW;
    *v = const_num(CONST_COMPLEX, re, im);
    return CREP_OK;
  }
  default:
    return CREP_OK;
  }
}

// ---------------------------------------------------------------- spelling

static char *mpz_string(const mpz_t z) {
  char *s = mpz_get_str(NULL, 10, z);
  char *r = xstrdup(s);
  void (*free_fn)(void *, size_t);
  mp_get_memory_functions(NULL, NULL, &free_fn);
  free_fn(s, strlen(s) + 1);
  return r;
}

char *const_int_string(__int128 v) {
  return const_string_repr(const_int(v));
}

// go/constant's floatVal String: %.6g when the value is in float64's
// range, else an approximate mantissa and decimal exponent.
static char *real_string(const Real *r) {
  mpfr_t f;
  mpfr_init2(f, FLOAT_PREC);
  real_to_mpfr(f, r);
  double x = mpfr_get_d(f, MPFR_RNDN);
  char *s;
  if ((mpfr_sgn(f) == 0) == (x == 0) && !isinf(x)) {
    s = xformat("%.6g", x);
  } else {
    long exp;
    double m = mpfr_get_d_2exp(&exp, f, MPFR_RNDN);
    double d = (double)exp * (M_LN2 / M_LN10);
    long e = (long)d;
    m *= pow(10, d - (double)e);
    double am = fabs(m);
    if (am < 1 - 0.5e-6)
      m *= 10, e--;
    else if (am >= 10)
      m /= 10, e++;
    s = xformat("%.6ge%+ld", m, e);
  }
  mpfr_clear(f);
  return s;
}

char *const_number_string(Const v) {
  switch (v.kind) {
  case CONST_INT:
    if (v.big)
      return mpz_string(v.big->z);
    mpz_t t;
    mpz_init(t);
    char *s = mpz_string(*int_value(v, t));
    mpz_clear(t);
    return s;
  case CONST_FLOAT:
    return real_string(&v.num->re);
  case CONST_COMPLEX:
    return xformat("(%s + %si)", real_string(&v.num->re), real_string(&v.num->im));
  default:
    return xstrdup("?");
  }
}
