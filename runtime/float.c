// float.c: the floating-point arithmetic compiled code calls rather than
// inlines: complex division, and conversions a target lacks.
#include "internal.h"

#include <math.h>
#include <string.h>

// Go's contract-free arithmetic: a*b+c is two roundings, never a fused
// multiply-add, so that results are the same on every target.
#pragma GCC optimize("fp-contract=off")

static double bool_to_float(bool b) {
  return b ? 1 : 0;
}

// Go's runtime complex128div: Smith's algorithm, then C99's corrections
// (Annex G.5.1) when both parts came out NaN.
void mg_complex128_div(mg_complex128 *out, double a, double b, double c, double d) {
  double e, f;
  if (fabs(c) >= fabs(d)) {
    double ratio = d / c;
    double denom = c + ratio * d;
    e = (a + b * ratio) / denom;
    f = (b - a * ratio) / denom;
  } else {
    double ratio = c / d;
    double denom = d + ratio * c;
    e = (a * ratio + b) / denom;
    f = (b * ratio - a) / denom;
  }
  if (isnan(e) && isnan(f)) {
    if (c == 0 && d == 0 && (!isnan(a) || !isnan(b))) {
      e = copysign(INFINITY, c) * a;
      f = copysign(INFINITY, c) * b;
    } else if ((isinf(a) || isinf(b)) && isfinite(c) && isfinite(d)) {
      a = copysign(bool_to_float(isinf(a)), a);
      b = copysign(bool_to_float(isinf(b)), b);
      e = INFINITY * (a * c + b * d);
      f = INFINITY * (b * c - a * d);
    } else if ((isinf(c) || isinf(d)) && isfinite(a) && isfinite(b)) {
      c = copysign(bool_to_float(isinf(c)), c);
      d = copysign(bool_to_float(isinf(d)), d);
      e = 0 * (a * c + b * d);
      f = 0 * (b * c - a * d);
    }
  }
  out->re = e;
  out->im = f;
}

// float64 to int64 and uint64 on 32-bit arm, which has no such
// instruction: Go's runtime _d2v, whose result out of range is what its
// 32-bit conversion of the high word makes of it.
uint64_t mg_float64_to_int64_soft(double d) {
  uint64_t x;
  memcpy(&x, &d, sizeof x);
  uint32_t xhi = (uint32_t)(x >> 32) & 0xfffff, xlo = (uint32_t)x;
  xhi |= 0x100000;
  int32_t sh = 1075 - (int32_t)((uint32_t)(x >> 52) & 0x7ff);
  uint32_t ylo = 0, yhi = 0;
  if (sh >= 0) {
    uint32_t s = (uint32_t)sh;
    if (s == 0) {
      ylo = xlo, yhi = xhi;
    } else if (s < 32) {
      ylo = xlo >> s | xhi << (32 - s);
      yhi = xhi >> s;
    } else if (s == 32) {
      ylo = xhi;
    } else if (s < 64) {
      ylo = xhi >> (s - 32);
    }
  } else {
    uint32_t s = (uint32_t)-sh;
    if (s <= 11) {
      ylo = xlo << s;
      yhi = xhi << s | xlo >> (32 - s);
    } else {
      // Go's uint32(d): the machine's saturating conversion (NaN is 0).
      yhi = isnan(d) ? 0 : d <= 0 ? 0 : d >= 4294967295.0 ? 0xffffffffu : (uint32_t)d;
    }
  }
  if (x >> 63) {
    if (ylo != 0) {
      ylo = -ylo;
      yhi = ~yhi;
    } else {
      yhi = -yhi;
    }
  }
  return (uint64_t)yhi << 32 | ylo;
}
