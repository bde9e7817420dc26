// ftoa.c: floating-point numbers as text, with exactly the results of Go
// 1.19's strconv.AppendFloat (ftoa.go, ftoaryu.go), which fmt and the
// built-in print build on.
//
// Three ways to the decimal digits, chosen as Go chooses them, since the
// text of a number must not depend on which one ran:
//   - the shortest digits that read back as the same number (precision
//     -1): Ryū, with 128-bit (float32: 64-bit) multiplications by a table
//     of powers of ten;
//   - %e and %g with at most 18 significant digits: the fixed-precision
//     variant of Ryū, one multiplication rounded correctly;
//   - everything else (%f, long precisions): the exact decimal expansion
//     of mant * 2^exp with big integers, rounded half to even.
#include "internal.h"

#include <string.h>

#include "pow10_table.h"

typedef struct float_info {
  unsigned mantbits, expbits;
  int bias;
} float_info;

static const float_info float32_info = {23, 8, -127};
static const float_info float64_info = {52, 11, -1023};

// Decimal digits d[0..nd) ('0'-'9', no trailing zeros) of the number
// 0.d[0]d[1]... * 10^dp; nd == 0 is zero (Go's decimalSlice).
typedef struct digits {
  char *d;
  int nd, dp;
} digits;

// ---- 64x64 -> 128-bit products (arm has no __int128)

static inline uint64_t mul64(uint64_t a, uint64_t b, uint64_t *lo) {
#ifdef __SIZEOF_INT128__
  unsigned __int128 p = (unsigned __int128)a * b;
  *lo = (uint64_t)p;
  return (uint64_t)(p >> 64);
#else
  uint64_t a0 = (uint32_t)a, a1 = a >> 32, b0 = (uint32_t)b, b1 = b >> 32;
  uint64_t w0 = a0 * b0;
  uint64_t t = a1 * b0 + (w0 >> 32);
  uint64_t w1 = (uint32_t)t + a0 * b1;
  *lo = a * b;
  return a1 * b1 + (t >> 32) + (w1 >> 32);
#endif
}

// floor(x * log10(2)) and floor(x * log2(10)) for the exponents of
// float64 (Go's mulByLog2Log10, mulByLog10Log2).
static inline int log10_pow2(int x) {
  return (x * 78913) >> 18;
}

static inline int log2_pow10(int x) {
  return (x * 108853) >> 15;
}

static int bit_len64(uint64_t x) {
  return x ? 64 - __builtin_clzll(x) : 0;
}

static bool divisible_by_pow5(uint64_t m, int k) {
  if (m == 0)
    return true;
  for (int i = 0; i < k; i++) {
    if (m % 5 != 0)
      return false;
    m /= 5;
  }
  return true;
}

// m * 2^e2 * 10^q ~= *res * 2^(returned exponent), for a 55-bit m; the
// product is truncated (for q < 0 the power is rounded up), *exact tells
// whether no bit was dropped (Go's mult128bitPow10). Inline: Ryū calls it
// three times per number, and the calls were a tenth of its time.
static inline uint64_t mult128_pow10(uint64_t m, int e2, int q, int *res_e2, bool *exact) {
  if (q == 0) {
    *res_e2 = e2 - 8;
    *exact = true;
    return m << 8;
  }
  const uint64_t *pow = mg_pow10_128[q - MG_POW10_MIN_EXP10];
  uint64_t p0 = pow[0] + (q < 0);  // never carries: no entry ends in all ones
  *res_e2 = e2 + log2_pow10(q) - 127 + 119;
  uint64_t l0, h0;
  uint64_t l1 = mul64(m, p0, &l0);
  uint64_t h1 = mul64(m, pow[1], &h0);
  uint64_t mid = l1 + h0;
  h1 += mid < l1;
  *exact = (mid << 9) == 0 && l0 == 0;
  return h1 << 9 | mid >> 55;
}

// The same for a 25-bit m and a 64-bit power (Go's mult64bitPow10).
static uint32_t mult64_pow10(uint32_t m, int e2, int q, int *res_e2, bool *exact) {
  if (q == 0) {
    *res_e2 = e2 - 6;
    *exact = true;
    return m << 6;
  }
  uint64_t pow = mg_pow10_128[q - MG_POW10_MIN_EXP10][1] + (q < 0);
  uint64_t lo;
  uint64_t hi = mul64(m, pow, &lo);
  *res_e2 = e2 + log2_pow10(q) - 63 + 57;
  *exact = (lo << 7) == 0;
  return (uint32_t)(hi << 7 | lo >> 57);
}

// ---- shortest digits (Go's ryuFtoaShortest)

static const char two_digits[] =
    "00010203040506070809101112131415161718192021222324252627282930313233343536373839"
    "40414243444546474849505152535455565758596061626364656667686970717273747576777879"
    "8081828384858687888990919293949596979899";

// Digits of the number in [lower, upper] (all below 1e9) with the most
// trailing zeros, closest to central, ending at d->d[endindex]; c0 says
// whether central's discarded fraction is zero, cup whether it rounds up.
static void ryu_digits32(digits *d, uint32_t lower, uint32_t central, uint32_t upper,
                         bool c0, bool cup, int endindex) {
  if (upper == 0) {
    d->dp = endindex + 1;
    return;
  }
  int trimmed = 0;
  unsigned c_next_digit = 0;
  while (upper > 0) {
    uint32_t l = (lower + 9) / 10;
    uint32_t c = central / 10, cdigit = central % 10;
    uint32_t u = upper / 10;
    if (l > u)
      break;
    // central just below a multiple of ten that l reaches: that multiple
    // is the nearest admissible number.
    if (l == c + 1 && c < u) {
      c++;
      cdigit = 0;
      cup = false;
    }
    trimmed++;
    c0 = c0 && c_next_digit == 0;
    c_next_digit = cdigit;
    lower = l;
    central = c;
    upper = u;
  }
  if (trimmed > 0)
    cup = c_next_digit > 5 || (c_next_digit == 5 && !c0) ||
          (c_next_digit == 5 && c0 && (central & 1));
  if (central < upper && cup)
    central++;
  endindex -= trimmed;
  uint32_t v = central;
  int n = endindex;
  while (n > d->nd) {
    uint32_t v2 = v % 100;
    v /= 100;
    d->d[n] = two_digits[2 * v2 + 1];
    d->d[n - 1] = two_digits[2 * v2];
    n -= 2;
  }
  if (n == d->nd)
    d->d[n] = (char)('0' + v);
  d->nd = endindex + 1;
  d->dp = d->nd + trimmed;
}

// The digits of v < 1e9 (none for 0) ending at d[8], two at a time;
// returns the index of the first.
static int put_digits_ending_at_8(char *d, uint32_t v) {
  int n = 9;
  for (; v >= 100; v /= 100) {
    n -= 2;
    memcpy(d + n, two_digits + 2 * (v % 100), 2);
  }
  if (v >= 10) {
    n -= 2;
    memcpy(d + n, two_digits + 2 * v, 2);
  } else if (v > 0) {
    d[--n] = (char)('0' + v);
  }
  return n;
}

static void ryu_digits(digits *d, uint64_t lower, uint64_t central, uint64_t upper,
                       bool c0, bool cup) {
  uint32_t lhi = (uint32_t)(lower / 1000000000), llo = (uint32_t)(lower % 1000000000);
  uint32_t chi = (uint32_t)(central / 1000000000), clo = (uint32_t)(central % 1000000000);
  uint32_t uhi = (uint32_t)(upper / 1000000000), ulo = (uint32_t)(upper % 1000000000);
  if (uhi == 0) {
    ryu_digits32(d, llo, clo, ulo, c0, cup, 8);
  } else if (lhi < uhi) {
    // The interval spans a multiple of 1e9: the low nine digits go at once.
    if (llo != 0)
      lhi++;
    c0 = c0 && clo == 0;
    cup = clo > 500000000 || (clo == 500000000 && cup);
    ryu_digits32(d, lhi, chi, uhi, c0, cup, 8);
    d->dp += 9;
  } else {
    int n = put_digits_ending_at_8(d->d, chi);
    d->d += n;
    d->nd = 9 - n;
    ryu_digits32(d, llo, clo, ulo, c0, cup, d->nd + 8);
  }
  while (d->nd > 0 && d->d[d->nd - 1] == '0')
    d->nd--;
  while (d->nd > 0 && d->d[0] == '0') {
    d->nd--;
    d->dp--;
    d->d++;
  }
}

// The shortest digits of mant * 2^exp that read back as the same float
// (d->d needs 32 bytes).
static void ryu_shortest(digits *d, uint64_t mant, int exp, const float_info *flt) {
  d->nd = d->dp = 0;
  if (mant == 0)
    return;
  // An integer that fits in the mantissa: its neighbours are integers too,
  // so its own digits are the shortest.
  if (exp <= 0 && __builtin_ctzll(mant) >= -exp) {
    mant >>= -exp;
    ryu_digits(d, mant, mant, mant, true, false);
    return;
  }
  // The interval of numbers that round to this float, as (l, c, u) * 2^e2;
  // at a power of two the one below is half as far.
  uint64_t ml, mc, mu;
  int e2;
  if (mant != (uint64_t)1 << flt->mantbits || exp == flt->bias + 1 - (int)flt->mantbits) {
    ml = 2 * mant - 1, mc = 2 * mant, mu = 2 * mant + 1;
    e2 = exp - 1;
  } else {
    ml = 4 * mant - 1, mc = 4 * mant, mu = 4 * mant + 2;
    e2 = exp - 2;
  }
  if (e2 == 0) {
    ryu_digits(d, ml, mc, mu, true, false);
    return;
  }
  int q = log10_pow2(-e2) + 1;  // 10^q just above 2^-e2
  uint64_t dl, dc, du;
  bool dl0, dc0, du0;
  int unused;
  if (flt == &float32_info) {
    dl = mult64_pow10((uint32_t)ml, e2, q, &unused, &dl0);
    dc = mult64_pow10((uint32_t)mc, e2, q, &unused, &dc0);
    du = mult64_pow10((uint32_t)mu, e2, q, &e2, &du0);
  } else {
    dl = mult128_pow10(ml, e2, q, &unused, &dl0);
    dc = mult128_pow10(mc, e2, q, &unused, &dc0);
    du = mult128_pow10(mu, e2, q, &e2, &du0);
  }
  if (q > 55) {
    dl0 = dc0 = du0 = false;  // large powers of ten are not exact
  }
  if (q < 0 && q >= -24) {
    // A division by a power of ten may be exact.
    dl0 = dl0 || divisible_by_pow5(ml, -q);
    dc0 = dc0 || divisible_by_pow5(mc, -q);
    du0 = du0 || divisible_by_pow5(mu, -q);
  }
  unsigned extra = (unsigned)-e2;
  uint64_t mask = ((uint64_t)1 << extra) - 1;
  uint64_t fracl = dl & mask, fracc = dc & mask, fracu = du & mask;
  dl >>= extra, dc >>= extra, du >>= extra;
  // The bounds belong to the interval only when exact and the mantissa is
  // even (round half to even reads them back as this float).
  bool uok = du0 && fracu == 0 ? (mant & 1) == 0 : true;
  if (!uok)
    du--;
  bool cup;
  if (dc0)
    cup = fracc > (uint64_t)1 << (extra - 1) ||
          (fracc == (uint64_t)1 << (extra - 1) && (dc & 1));
  else
    cup = fracc >> (extra - 1) == 1;
  bool lok = dl0 && fracl == 0 && (mant & 1) == 0;
  if (!lok)
    dl++;
  bool c0 = dc0 && fracc == 0;
  ryu_digits(d, dl, dc, du, c0, cup);
  d->dp -= q;
}

// ---- fixed number of significant digits (Go's ryuFtoaFixed32/64)

static const uint64_t uint64_pow10[] = {
  1u, 10u, 100u, 1000u, 10000u, 100000u, 1000000u, 10000000u, 100000000u,
  1000000000u, 10000000000u, 100000000000u, 1000000000000u, 10000000000000u,
  100000000000000u, 1000000000000000u, 10000000000000000u, 100000000000000000u,
  1000000000000000000u, 10000000000000000000u,
};

// At most prec digits of m, rounded; trunc says m is below the number
// (Go's formatDecimal).
static void format_decimal(digits *d, uint64_t m, bool trunc, bool round_up, int prec) {
  uint64_t max = uint64_pow10[prec];
  int trimmed = 0;
  while (m >= max) {
    uint64_t b = m % 10;
    m /= 10;
    trimmed++;
    if (b > 5)
      round_up = true;
    else if (b < 5)
      round_up = false;
    else
      round_up = trunc || (m & 1);
    if (b != 0)
      trunc = true;
  }
  if (round_up)
    m++;
  if (m >= max) {
    m /= 10;
    trimmed++;
  }
  d->nd = prec;
  for (int n = prec; n > 0; n--) {
    d->d[n - 1] = (char)('0' + m % 10);
    m /= 10;
  }
  while (d->d[d->nd - 1] == '0') {
    d->nd--;
    trimmed++;
  }
  d->dp = d->nd + trimmed;
}

// Rounds the top bits of di (below 2^-dexp2 the fraction) and formats prec
// digits; exact says whether di * 2^dexp2 is the product itself.
static void fixed_round(digits *d, uint64_t di, int dexp2, bool exact, bool d0, int prec) {
  unsigned extra = (unsigned)-dexp2;
  uint64_t half = (uint64_t)1 << (extra - 1);
  uint64_t dfrac = di & (((uint64_t)1 << extra) - 1);
  di >>= extra;
  bool round_up;
  if (exact)
    round_up = dfrac > half || (dfrac == half && !d0) || (dfrac == half && d0 && (di & 1));
  else
    round_up = dfrac >> (extra - 1) == 1;  // truncated below: half rounds up
  if (dfrac != 0)
    d0 = false;
  format_decimal(d, di, !d0, round_up, prec);
}

static void ryu_fixed32(digits *d, uint32_t mant, int exp, int prec) {
  d->nd = d->dp = 0;
  if (mant == 0)
    return;
  int e2 = exp;
  int b = bit_len64(mant);
  if (b < 25) {
    mant <<= 25 - b;
    e2 += b - 25;
  }
  int q = -log10_pow2(e2 + 24) + prec - 1;
  bool exact = q <= 27 && q >= 0;
  int dexp2;
  bool d0;
  uint32_t di = mult64_pow10(mant, e2, q, &dexp2, &d0);
  if (q < 0 && q >= -10 && divisible_by_pow5(mant, -q))
    exact = d0 = true;
  fixed_round(d, di, dexp2, exact, d0, prec);
  d->dp -= q;
}

static void ryu_fixed64(digits *d, uint64_t mant, int exp, int prec) {
  d->nd = d->dp = 0;
  if (mant == 0)
    return;
  int e2 = exp;
  int b = bit_len64(mant);
  if (b < 55) {
    mant <<= 55 - b;
    e2 += b - 55;
  }
  int q = -log10_pow2(e2 + 54) + prec - 1;
  bool exact = q <= 55 && q >= 0;
  int dexp2;
  bool d0;
  uint64_t di = mult128_pow10(mant, e2, q, &dexp2, &d0);
  if (q < 0 && q >= -22 && divisible_by_pow5(mant, -q))
    exact = d0 = true;
  fixed_round(d, di, dexp2, exact, d0, prec);
  d->dp -= q;
}

// ---- exact decimal expansion (for %f and long precisions)

enum {
  BIG_BASE = 1000000000,
  // mant * 5^1074 (the smallest float64 times 2^1074) has 768 digits;
  // mant * 2^971 (the largest) 309.
  BIG_LIMBS = 90,
  BIG_DIGITS = BIG_LIMBS * 9,
};

typedef struct big {
  uint32_t limb[BIG_LIMBS];  // base 1e9, least significant first
  int n;
} big;

static void big_mul_small(big *x, uint32_t m) {
  uint64_t carry = 0;
  for (int i = 0; i < x->n; i++) {
    uint64_t t = (uint64_t)x->limb[i] * m + carry;
    x->limb[i] = (uint32_t)(t % BIG_BASE);
    carry = t / BIG_BASE;
  }
  while (carry) {
    x->limb[x->n++] = (uint32_t)(carry % BIG_BASE);
    carry /= BIG_BASE;
  }
}

// The exact digits of mant * 2^exp into buf (BIG_DIGITS + 9 bytes):
// mant * 2^exp itself when exp >= 0, else mant * 5^-exp / 10^-exp.
static void exact_digits(digits *d, char *buf, uint64_t mant, int exp) {
  d->d = buf;
  d->nd = d->dp = 0;
  if (mant == 0)
    return;
  big x = {{(uint32_t)(mant % BIG_BASE), (uint32_t)(mant / BIG_BASE % BIG_BASE),
            (uint32_t)(mant / BIG_BASE / BIG_BASE)}, 3};
  while (x.n > 1 && x.limb[x.n - 1] == 0)
    x.n--;
  for (int e = exp; e > 0; e -= 29)
    big_mul_small(&x, (uint32_t)1 << (e < 29 ? e : 29));
  for (int e = -exp; e > 0; e -= 13) {
    static const uint32_t pow5[] = {1, 5, 25, 125, 625, 3125, 15625, 78125, 390625,
                                    1953125, 9765625, 48828125, 244140625, 1220703125};
    big_mul_small(&x, pow5[e < 13 ? e : 13]);
  }
  // The top limb without leading zeros, then nine digits per limb.
  char *p = buf;
  char tmp[10];
  int k = 0;
  for (uint32_t v = x.limb[x.n - 1]; v > 0; v /= 10)
    tmp[k++] = (char)('0' + v % 10);
  while (k > 0)
    *p++ = tmp[--k];
  for (int i = x.n - 2; i >= 0; i--) {
    uint32_t v = x.limb[i];
    for (int j = 8; j >= 0; j--, v /= 10)
      p[j] = (char)('0' + v % 10);
    p += 9;
  }
  d->nd = (int)(p - buf);
  d->dp = d->nd + (exp < 0 ? exp : 0);
  while (d->nd > 0 && d->d[d->nd - 1] == '0')
    d->nd--;
}

// Keeps nd digits, rounding half to even (Go's decimal.Round: a rounding
// to no digits at all goes down at an exact half).
static void round_digits(digits *d, int nd) {
  if (nd < 0 || nd >= d->nd)
    return;
  bool up;
  if (d->d[nd] == '5' && nd + 1 == d->nd)
    up = nd > 0 && ((d->d[nd - 1] - '0') & 1);
  else
    up = d->d[nd] >= '5';
  if (up) {
    for (int i = nd - 1; i >= 0; i--) {
      if (d->d[i] < '9') {
        d->d[i]++;
        d->nd = i + 1;
        return;
      }
    }
    d->d[0] = '1';  // all nines
    d->nd = 1;
    d->dp++;
    return;
  }
  d->nd = nd;
  while (d->nd > 0 && d->d[d->nd - 1] == '0')
    d->nd--;
  if (d->nd == 0)
    d->dp = 0;
}

// ---- the text (Go's formatDigits, fmtE, fmtF, fmtB, fmtX)

// The text below is written straight into the buffer after one
// mg_buf_grow for its whole length, rather than a byte at a time: %v of a
// float is mostly this and the digits.

// An exponent's digits, at least two (Go's fmtE and fmtX), at out;
// returns the end. exp < 10000.
static char *put_exp_digits(char *out, int exp) {
  if (exp >= 100) {
    if (exp >= 1000)
      *out++ = (char)('0' + exp / 1000);
    *out++ = (char)('0' + exp / 100 % 10);
    exp %= 100;
  }
  memcpy(out, two_digits + 2 * exp, 2);
  return out + 2;
}

// e±dd at out (the longest is p-1074); returns the end.
static char *put_exp(char *out, char e, int exp) {
  *out++ = e;
  *out++ = exp < 0 ? '-' : '+';
  return put_exp_digits(out, exp < 0 ? -exp : exp);
}

static char *put_zeros(char *out, int n) {
  if (n <= 0)
    return out;
  memset(out, '0', (size_t)n);
  return out + n;
}

// The end of the buffer's contents, where the text goes.
static char *buf_end(mg_buf *b) {
  return (char *)b->p + b->len;
}

static void buf_set_end(mg_buf *b, const char *end) {
  b->len = (size_t)(end - (const char *)b->p);
}

// -d.ddddde±dd
static void fmt_e(mg_buf *b, bool neg, const digits *d, int prec, char fmt) {
  if (prec < 0)
    prec = 0;
  // sign, digit, point, prec digits and e±ddd
  mg_buf_grow(b, (size_t)prec + 8);
  char *out = buf_end(b);
  if (neg)
    *out++ = '-';
  *out++ = d->nd ? d->d[0] : '0';
  if (prec > 0) {
    *out++ = '.';
    int m = d->nd < prec + 1 ? d->nd : prec + 1;
    if (m > 1) {
      memcpy(out, d->d + 1, (size_t)(m - 1));
      out += m - 1;
    }
    out = put_zeros(out, prec + 1 - (m > 1 ? m : 1));
  }
  out = put_exp(out, fmt, d->nd == 0 ? 0 : d->dp - 1);
  buf_set_end(b, out);
}

// -ddddd.dddd
static void fmt_f(mg_buf *b, bool neg, const digits *d, int prec) {
  if (prec < 0)
    prec = 0;
  // sign, the integer part, point and prec digits
  mg_buf_grow(b, (size_t)(d->dp > 0 ? d->dp : 1) + (size_t)prec + 2);
  char *out = buf_end(b);
  if (neg)
    *out++ = '-';
  if (d->dp > 0) {
    int m = d->nd < d->dp ? d->nd : d->dp;
    memcpy(out, d->d, (size_t)m);
    out = put_zeros(out + m, d->dp - m);
  } else {
    *out++ = '0';
  }
  if (prec > 0) {
    *out++ = '.';
    for (int i = 1; i <= prec; i++) {
      int j = d->dp + i - 1;
      *out++ = 0 <= j && j < d->nd ? d->d[j] : '0';
    }
  }
  buf_set_end(b, out);
}

// -ddddp±ddd: the mantissa and binary exponent in decimal.
static void fmt_b(mg_buf *b, bool neg, uint64_t mant, int exp, const float_info *flt) {
  char tmp[24], *end = tmp + sizeof tmp;
  if (neg)
    mg_buf_byte(b, '-');
  char *s = mg_utoa(end, mant);
  mg_buf_write(b, s, (size_t)(end - s));
  mg_buf_byte(b, 'p');
  exp -= (int)flt->mantbits;
  if (exp >= 0)
    mg_buf_byte(b, '+');
  s = mg_itoa(end, exp);
  mg_buf_write(b, s, (size_t)(end - s));
}

// -0x1.yyyyyyp±dd, rounded half to even to prec hex digits.
static void fmt_x(mg_buf *b, int prec, char fmt, bool neg, uint64_t mant, int exp,
                  const float_info *flt) {
  if (mant == 0)
    exp = 0;
  // The leading 1 (if any) at bit 60.
  mant <<= 60 - flt->mantbits;
  while (mant != 0 && (mant & ((uint64_t)1 << 60)) == 0) {
    mant <<= 1;
    exp--;
  }
  if (prec >= 0 && prec < 15) {
    unsigned shift = (unsigned)prec * 4;
    uint64_t extra = (mant << shift) & (((uint64_t)1 << 60) - 1);
    mant >>= 60 - shift;
    if ((extra | (mant & 1)) > (uint64_t)1 << 59)
      mant++;
    mant <<= 60 - shift;
    if (mant & ((uint64_t)1 << 61)) {  // carried into a new leading digit
      mant >>= 1;
      exp++;
    }
  }
  const char *hex = fmt == 'X' ? "0123456789ABCDEF" : "0123456789abcdef";
  if (neg)
    mg_buf_byte(b, '-');
  mg_buf_byte(b, '0');
  mg_buf_byte(b, (uint8_t)fmt);
  mg_buf_byte(b, (uint8_t)('0' + ((mant >> 60) & 1)));
  mant <<= 4;
  if (prec < 0 && mant != 0) {
    mg_buf_byte(b, '.');
    for (; mant != 0; mant <<= 4)
      mg_buf_byte(b, (uint8_t)hex[(mant >> 60) & 15]);
  } else if (prec > 0) {
    mg_buf_byte(b, '.');
    for (int i = 0; i < prec; i++, mant <<= 4)
      mg_buf_byte(b, (uint8_t)hex[(mant >> 60) & 15]);
  }
  mg_buf_grow(b, 6);
  buf_set_end(b, put_exp(buf_end(b), fmt == 'X' ? 'P' : 'p', exp));
}

static void format_digits(mg_buf *b, bool shortest, bool neg, const digits *d, int prec,
                          char fmt) {
  switch (fmt) {
  case 'e':
  case 'E':
    fmt_e(b, neg, d, prec, fmt);
    return;
  case 'f':
    fmt_f(b, neg, d, prec);
    return;
  case 'g':
  case 'G': {
    int eprec = prec;
    if (eprec > d->nd && d->nd >= d->dp)
      eprec = d->nd;
    // %e for exponents below -4 or from the precision up; shortest
    // output decides as if the precision were 6.
    if (shortest)
      eprec = 6;
    int exp = d->dp - 1;
    if (exp < -4 || exp >= eprec) {
      if (prec > d->nd)
        prec = d->nd;
      fmt_e(b, neg, d, prec - 1, (char)(fmt + 'e' - 'g'));
      return;
    }
    if (prec > d->dp)
      prec = d->nd;
    fmt_f(b, neg, d, prec - d->dp > 0 ? prec - d->dp : 0);
    return;
  }
  default:
    mg_buf_byte(b, '%');
    mg_buf_byte(b, (uint8_t)fmt);
  }
}

// The digits by the exact expansion, rounded as fmt and prec ask (Go's
// bigFtoa without its shortest mode, which Ryū always serves).
static void big_ftoa(mg_buf *b, int prec, char fmt, bool neg, uint64_t mant, int exp) {
  char buf[BIG_DIGITS + 9];
  digits d;
  exact_digits(&d, buf, mant, exp);
  switch (fmt) {
  case 'e':
  case 'E':
    round_digits(&d, prec + 1);
    break;
  case 'f':
    round_digits(&d, d.dp + prec);
    break;
  case 'g':
  case 'G':
    if (prec == 0)
      prec = 1;
    round_digits(&d, prec);
    break;
  }
  format_digits(b, false, neg, &d, prec, fmt);
}

void mg_ftoa(mg_buf *b, double v, char fmt, int prec, int bit_size) {
  uint64_t bits;
  const float_info *flt;
  if (bit_size == 32) {
    float f = (float)v;
    uint32_t u;
    memcpy(&u, &f, sizeof u);
    bits = u;
    flt = &float32_info;
  } else {
    memcpy(&bits, &v, sizeof bits);
    flt = &float64_info;
  }
  bool neg = bits >> (flt->expbits + flt->mantbits) != 0;
  int exp = (int)(bits >> flt->mantbits) & ((1 << flt->expbits) - 1);
  uint64_t mant = bits & (((uint64_t)1 << flt->mantbits) - 1);
  if (exp == (1 << flt->expbits) - 1) {
    mg_buf_str(b, mant != 0 ? "NaN" : neg ? "-Inf" : "+Inf");
    return;
  }
  if (exp == 0)
    exp++;  // subnormal
  else
    mant |= (uint64_t)1 << flt->mantbits;
  exp += flt->bias;
  if (fmt == 'b') {
    fmt_b(b, neg, mant, exp, flt);
    return;
  }
  if (fmt == 'x' || fmt == 'X') {
    fmt_x(b, prec, fmt, neg, mant, exp, flt);
    return;
  }
  char buf[32];
  digits d = {buf, 0, 0};
  if (prec < 0) {
    ryu_shortest(&d, mant, exp - (int)flt->mantbits, flt);
    switch (fmt) {
    case 'e':
    case 'E': prec = d.nd > 1 ? d.nd - 1 : 0; break;
    case 'f': prec = d.nd > d.dp ? d.nd - d.dp : 0; break;
    case 'g':
    case 'G': prec = d.nd; break;
    }
    format_digits(b, true, neg, &d, prec, fmt);
    return;
  }
  if (fmt != 'f') {
    int ndigits = fmt == 'e' || fmt == 'E' ? prec + 1
                  : fmt == 'g' || fmt == 'G' ? (prec == 0 ? 1 : prec)
                                             : 1;
    if (fmt == 'g' || fmt == 'G')
      prec = ndigits;
    if (bit_size == 32 && ndigits <= 9) {
      ryu_fixed32(&d, (uint32_t)mant, exp - (int)flt->mantbits, ndigits);
      format_digits(b, false, neg, &d, prec, fmt);
      return;
    }
    if (ndigits <= 18) {
      ryu_fixed64(&d, mant, exp - (int)flt->mantbits, ndigits);
      format_digits(b, false, neg, &d, prec, fmt);
      return;
    }
  }
  big_ftoa(b, prec, fmt, neg, mant, exp - (int)flt->mantbits);
}
