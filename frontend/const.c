// const.c: compile-time constant arithmetic with Go's rules.
//
// Go's integer constants are exact; its checker refuses an untyped result
// beyond 512 bits (check_const_result in check_expr.c), so intermediate
// values here are unbounded. A value that fits in __int128 lives in Const.i
// alone, the form codegen reads; a larger one is a BigInt in Const.big, and
// Const.i then saturates so that sign tests and comparisons with small
// bounds stay right. Typed results are range-checked by callers with
// const_fits(), because the message depends on the context.
#include "minigo.h"
#include "check.h"

#include <stdio.h>
#include <string.h>

// A two's complement integer of n 64-bit limbs, least significant first,
// with the sign in the top bit of the top limb; normalized values use the
// fewest limbs that keep the sign, so a value fits in __int128 iff n <= 2.
struct BigInt {
  int n;
  uint64_t *d;
};
typedef struct BigInt Big;

static Big big_alloc(int n) {
  Big r = {.n = n, .d = xcalloc((size_t)n, sizeof(uint64_t))};
  return r;
}

static bool big_neg(Big x) {
  return x.d[x.n - 1] >> 63;
}

// Limb i of x's infinite sign extension.
static uint64_t big_limb(Big x, int i) {
  if (i < 0)
    return 0;
  if (i < x.n)
    return x.d[i];
  return big_neg(x) ? ~(uint64_t)0 : 0;
}

static Big big_norm(Big x) {
  while (x.n > 1) {
    uint64_t top = x.d[x.n - 1];
    bool below_neg = x.d[x.n - 2] >> 63;
    if (!((top == 0 && !below_neg) || (top == ~(uint64_t)0 && below_neg)))
      break;
    x.n--;
  }
  return x;
}

static Big big_from_i128(__int128 v) {
  Big r = big_alloc(2);
  r.d[0] = (uint64_t)v;
  r.d[1] = (uint64_t)((unsigned __int128)v >> 64);
  return big_norm(r);
}

static Big big_of(Const c) {
  return c.big ? *c.big : big_from_i128(c.i);
}

static __int128 big_to_i128(Big x) {
  return (__int128)(((unsigned __int128)big_limb(x, 1) << 64) | big_limb(x, 0));
}

static Const const_big(Big x) {
  x = big_norm(x);
  if (x.n <= 2)
    return const_int(big_to_i128(x));
  Const c = {.kind = CONST_INT};
  c.i = big_neg(x) ? -(__int128)(((unsigned __int128)1 << 127) - 1) - 1
                   : (__int128)(((unsigned __int128)1 << 127) - 1);
  c.big = xmalloc(sizeof *c.big);
  *c.big = x;
  return c;
}

static bool big_is_zero(Big x) {
  x = big_norm(x);
  return x.n == 1 && x.d[0] == 0;
}

static Big big_add(Big a, Big b) {
  int n = (a.n > b.n ? a.n : b.n) + 1;
  Big r = big_alloc(n);
  unsigned __int128 carry = 0;
  for (int i = 0; i < n; i++) {
    carry += (unsigned __int128)big_limb(a, i) + big_limb(b, i);
    r.d[i] = (uint64_t)carry;
    carry >>= 64;
  }
  return big_norm(r);
}

static Big big_not(Big a) {
  Big r = big_alloc(a.n);
  for (int i = 0; i < a.n; i++)
    r.d[i] = ~a.d[i];
  return r;
}

static Big big_negate(Big a) {
  return big_add(big_not(a), big_from_i128(1));
}

static Big big_abs(Big a) {
  return big_neg(a) ? big_negate(a) : a;
}

static Big big_bitwise(Op op, Big a, Big b) {
  int n = a.n > b.n ? a.n : b.n;
  Big r = big_alloc(n);
  for (int i = 0; i < n; i++) {
    uint64_t x = big_limb(a, i), y = big_limb(b, i);
    switch (op) {
    case OP_AND: r.d[i] = x & y; break;
    case OP_OR: r.d[i] = x | y; break;
    case OP_XOR: r.d[i] = x ^ y; break;
    default: r.d[i] = x & ~y; break;
    }
  }
  return big_norm(r);
}

static Big big_mul(Big a, Big b) {
  Big x = big_abs(a), y = big_abs(b);
  Big r = big_alloc(x.n + y.n + 1);
  for (int i = 0; i < x.n; i++) {
    unsigned __int128 carry = 0;
    for (int j = 0; j < y.n; j++) {
      carry += (unsigned __int128)x.d[i] * y.d[j] + r.d[i + j];
      r.d[i + j] = (uint64_t)carry;
      carry >>= 64;
    }
    r.d[i + y.n] = (uint64_t)carry;
  }
  r = big_norm(r);
  return big_neg(a) != big_neg(b) ? big_negate(r) : r;
}

// Number of significant bits of |x|, as Go's constant.BitLen.
static int big_bitlen(Big x) {
  Big m = big_norm(big_abs(x));
  for (int i = m.n - 1; i >= 0; i--)
    if (m.d[i])
      return i * 64 + 64 - __builtin_clzll(m.d[i]);
  return 0;
}

static bool big_bit(Big x, int i) {
  return (big_limb(x, i / 64) >> (i % 64)) & 1;
}

static Big big_sub(Big a, Big b) {
  return big_add(a, big_negate(b));
}

static int big_cmp(Big a, Big b) {
  Big d = big_sub(a, b);
  return big_neg(d) ? -1 : big_is_zero(d) ? 0 : 1;
}

// Compares two magnitudes of n limbs each.
static int mag_cmp(const uint64_t *x, const uint64_t *y, int n) {
  for (int i = n - 1; i >= 0; i--)
    if (x[i] != y[i])
      return x[i] < y[i] ? -1 : 1;
  return 0;
}

static void mag_sub(uint64_t *x, const uint64_t *y, int n) {
  uint64_t borrow = 0;
  for (int i = 0; i < n; i++) {
    uint64_t d = x[i] - y[i] - borrow;
    borrow = (x[i] < y[i]) || (x[i] - y[i] < borrow);
    x[i] = d;
  }
}

// Truncated division, as Go's big.Int Quo and Rem; b must not be zero.
static void big_divmod(Big a, Big b, Big *quo, Big *rem) {
  Big x = big_abs(a), y = big_abs(b);
  Big q = big_alloc(x.n), r = big_alloc(y.n);
  // Shift-subtract long division: y's top bit is clear, so 2r+1 < 2y fits.
  for (int i = big_bitlen(x) - 1; i >= 0; i--) {
    for (int k = r.n - 1; k > 0; k--)
      r.d[k] = r.d[k] << 1 | r.d[k - 1] >> 63;
    r.d[0] = r.d[0] << 1 | (uint64_t)big_bit(x, i);
    if (mag_cmp(r.d, y.d, y.n) >= 0) {
      mag_sub(r.d, y.d, y.n);
      q.d[i / 64] |= (uint64_t)1 << (i % 64);
    }
  }
  q = big_norm(q), r = big_norm(r);
  *quo = big_neg(a) != big_neg(b) ? big_negate(q) : q;
  *rem = big_neg(a) ? big_negate(r) : r;
}

static Big big_shl(Big a, int count) {
  int w = count / 64, b = count % 64;
  Big r = big_alloc(a.n + w + 1);
  for (int i = 0; i < r.n; i++) {
    uint64_t part = big_limb(a, i - w);
    r.d[i] = b ? part << b | big_limb(a, i - w - 1) >> (64 - b) : part;
  }
  return big_norm(r);
}

// Arithmetic shift, rounding toward negative infinity like Go's.
static Big big_shr(Big a, __int128 count) {
  if (count >= (__int128)a.n * 64)
    return big_from_i128(big_neg(a) ? -1 : 0);
  int w = (int)(count / 64), b = (int)(count % 64);
  Big r = big_alloc(a.n - w);
  for (int i = 0; i < r.n; i++) {
    uint64_t part = big_limb(a, i + w);
    r.d[i] = b ? part >> b | big_limb(a, i + w + 1) << (64 - b) : part;
  }
  return big_norm(r);
}

static char *big_string(Big x) {
  Big m = big_abs(x);
  uint64_t *d = xmalloc((size_t)m.n * sizeof(uint64_t));
  memcpy(d, m.d, (size_t)m.n * sizeof(uint64_t));
  size_t cap = (size_t)m.n * 20 + 2;
  char *buf = xmalloc(cap + 1);
  char *p = buf + cap;
  *p = '\0';
  const uint64_t chunk = 10000000000000000000u;  // 10^19, the largest power of 10 in a limb
  int n = m.n;
  do {
    unsigned __int128 rem = 0;
    for (int i = n - 1; i >= 0; i--) {
      rem = rem << 64 | d[i];
      d[i] = (uint64_t)(rem / chunk);
      rem %= chunk;
    }
    while (n > 0 && d[n - 1] == 0)
      n--;
    for (int k = 0; k < 19 && (n > 0 || rem); k++) {
      *--p = (char)('0' + (int)(rem % 10));
      rem /= 10;
    }
  } while (n > 0);
  if (p == buf + cap)
    *--p = '0';
  if (big_neg(x))
    *--p = '-';
  return p;
}

Const const_int(__int128 v) {
  Const c = {.kind = CONST_INT, .i = v};
  return c;
}

Const const_bool(bool b) {
  Const c = {.kind = CONST_BOOL, .b = b};
  return c;
}

Const const_string(const char *s, int64_t len) {
  Const c = {.kind = CONST_STRING, .s = s, .slen = len};
  return c;
}

Const const_int_literal(const char *text, int len) {
  int base = 10, i = 0;
  if (len >= 2 && text[0] == '0') {
    int c = text[1] | 0x20;
    base = c == 'x' ? 16 : c == 'b' ? 2 : 8;
    i = (c == 'x' || c == 'b' || c == 'o') ? 2 : 1;
  }
  // Every digit adds at most 4 bits; one more limb keeps the sign bit clear.
  Big v = big_alloc(len * 4 / 64 + 2);
  for (; i < len; i++) {
    if (text[i] == '_')
      continue;
    int c = text[i] | 0x20;
    unsigned __int128 carry = (unsigned)(c >= 'a' ? c - 'a' + 10 : c - '0');
    for (int k = 0; k < v.n; k++) {
      carry += (unsigned __int128)v.d[k] * (unsigned)base;
      v.d[k] = (uint64_t)carry;
      carry >>= 64;
    }
  }
  return const_big(v);
}

int const_bitlen(Const v) {
  return v.big ? big_bitlen(*v.big) : big_bitlen(big_from_i128(v.i));
}

static __int128 int_min(int bits) {
  return -((__int128)1 << (bits - 1));
}

static __int128 int_max(int bits, bool is_unsigned) {
  return is_unsigned ? ((__int128)1 << bits) - 1 : ((__int128)1 << (bits - 1)) - 1;
}

// A value in Const.big never fits a typed integer; its saturated Const.i
// fails the range test below as it should.
bool const_fits(Const v, Type *t) {
  switch (t->kind) {
  case TY_INT:
    if (v.kind != CONST_INT)
      return false;
    if (t->is_unsigned)
      return v.i >= 0 && v.i <= int_max(type_int_bits(t), true);
    return v.i >= int_min(type_int_bits(t)) && v.i <= int_max(type_int_bits(t), false);
  case TY_UNTYPED_INT:
  case TY_UNTYPED_RUNE:
    return v.kind == CONST_INT;
  case TY_BOOL:
  case TY_UNTYPED_BOOL:
    return v.kind == CONST_BOOL;
  case TY_STRING:
  case TY_UNTYPED_STRING:
    return v.kind == CONST_STRING;
  case TY_IFACE:
    return true;
  default:
    return false;
  }
}

char *const_int_string(__int128 v) {
  char buf[64];
  char *p = buf + sizeof buf;
  *--p = '\0';
  unsigned __int128 u = v < 0 ? -(unsigned __int128)v : (unsigned __int128)v;
  do {
    *--p = (char)('0' + (int)(u % 10));
    u /= 10;
  } while (u);
  if (v < 0)
    *--p = '-';
  return xstrdup(p);
}

// Decodes one UTF-8 sequence at s (n bytes left); returns its length and
// stores the rune, or -1 with length 1 for an invalid encoding.
int utf8_decode(const unsigned char *s, int64_t n, int32_t *rune) {
  unsigned char c = s[0];
  int len;
  int32_t r;
  if (c < 0x80) {
    *rune = c;
    return 1;
  } else if (c >= 0xC2 && c <= 0xDF) {
    len = 2, r = c & 0x1F;
  } else if (c >= 0xE0 && c <= 0xEF) {
    len = 3, r = c & 0x0F;
  } else if (c >= 0xF0 && c <= 0xF4) {
    len = 4, r = c & 0x07;
  } else {
    *rune = -1;
    return 1;
  }
  if (n < len) {
    *rune = -1;
    return 1;
  }
  for (int i = 1; i < len; i++) {
    if ((s[i] & 0xC0) != 0x80) {
      *rune = -1;
      return 1;
    }
    r = (r << 6) | (s[i] & 0x3F);
  }
  if ((len == 3 && r < 0x800) || (len == 4 && (r < 0x10000 || r > 0x10FFFF)) ||
      (r >= 0xD800 && r <= 0xDFFF)) {
    *rune = -1;
    return 1;
  }
  *rune = r;
  return len;
}

// Go's string(rune): the UTF-8 encoding, or U+FFFD for an invalid code point.
Const const_rune_string(__int128 v) {
  if (v < 0 || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF))
    v = 0xFFFD;
  unsigned r = (unsigned)v;
  char *b = xmalloc(5);
  int n;
  if (r < 0x80) {
    b[0] = (char)r, n = 1;
  } else if (r < 0x800) {
    b[0] = (char)(0xC0 | (r >> 6)), b[1] = (char)(0x80 | (r & 0x3F)), n = 2;
  } else if (r < 0x10000) {
    b[0] = (char)(0xE0 | (r >> 12)), b[1] = (char)(0x80 | ((r >> 6) & 0x3F));
    b[2] = (char)(0x80 | (r & 0x3F)), n = 3;
  } else {
    b[0] = (char)(0xF0 | (r >> 18)), b[1] = (char)(0x80 | ((r >> 12) & 0x3F));
    b[2] = (char)(0x80 | ((r >> 6) & 0x3F)), b[3] = (char)(0x80 | (r & 0x3F)), n = 4;
  }
  b[n] = '\0';
  return const_string(b, n);
}

// Go's strconv.Quote, which is how constants and string literals appear in
// diagnostics.
char *quote_go_string(const char *s, int64_t len) {
  char *buf = xmalloc((size_t)len * 10 + 3);
  char *p = buf;
  *p++ = '"';
  for (int64_t i = 0; i < len;) {
    unsigned char c = (unsigned char)s[i];
    int32_t r;
    int n = utf8_decode((const unsigned char *)s + i, len - i, &r);
    if (r < 0) {
      p += sprintf(p, "\\x%02x", c);
    } else if (r >= 0x80) {
      memcpy(p, s + i, (size_t)n), p += n;
    } else if (c == '"' || c == '\\') {
      *p++ = '\\', *p++ = (char)c;
    } else if (c >= 0x20 && c < 0x7F) {
      *p++ = (char)c;
    } else {
      const char *esc = NULL;
      switch (c) {
      case '\a': esc = "\\a"; break;
      case '\b': esc = "\\b"; break;
      case '\f': esc = "\\f"; break;
      case '\n': esc = "\\n"; break;
      case '\r': esc = "\\r"; break;
      case '\t': esc = "\\t"; break;
      case '\v': esc = "\\v"; break;
      }
      if (esc)
        memcpy(p, esc, 2), p += 2;
      else
        p += sprintf(p, "\\x%02x", c);
    }
    i += n;
  }
  *p++ = '"';
  *p = '\0';
  return buf;
}

// Go's constant.Value String(): strings quoted and shortened to 72 runes.
char *const_string_repr(Const v) {
  switch (v.kind) {
  case CONST_INT:
    return v.big ? big_string(*v.big) : const_int_string(v.i);
  case CONST_BOOL:
    return xstrdup(v.b ? "true" : "false");
  case CONST_STRING: {
    char *q = quote_go_string(v.s, v.slen);
    int64_t runes = 0, i = 0, n = (int64_t)strlen(q), cut = 0;
    while (i < n) {
      int32_t r;
      if (runes == 72 - 3)
        cut = i;
      i += utf8_decode((const unsigned char *)q + i, n - i, &r);
      runes++;
    }
    if (runes > 72)
      return xformat("%.*s...", (int)cut, q);
    return q;
  }
  default:
    return xstrdup("?");
  }
}

// The buffer of the latest string concatenation. A chain a + b + c + ...
// folds left to right; each step extends the previous result in place
// rather than copying it, which made long chains quadratic in time and
// memory. Earlier results are prefixes of the buffer and stay valid: the
// buffer is only ever appended to, and a full one is left as it is.
static struct {
  char *buf;
  int64_t len, cap;
} concat;

void const_reset(void) {
  concat.buf = NULL;
  concat.len = concat.cap = 0;
}

static Const const_concat(Const a, Const b) {
  int64_t n = a.slen + b.slen;
  if (a.s != concat.buf || a.slen != concat.len || n + 1 > concat.cap) {
    int64_t cap = 2 * n + 16;
    char *buf = xmalloc((size_t)cap);
    memcpy(buf, a.s, (size_t)a.slen);
    concat.buf = buf;
    concat.cap = cap;
  }
  memcpy(concat.buf + a.slen, b.s, (size_t)b.slen);
  concat.buf[n] = '\0';
  concat.len = n;
  return const_string(concat.buf, n);
}

// Binary operation on two constants of the same kind; shifts and
// comparisons are separate. Results are exact; the caller checks them
// against their type or Go's limit for untyped constants.
int const_binary(Op op, Const a, Const b, Const *out) {
  if (a.kind == CONST_STRING) {
    if (op != OP_ADD)
      return CERR_INVALID;
    *out = const_concat(a, b);
    return CERR_OK;
  }
  if (a.kind == CONST_BOOL) {
    if (op == OP_LAND)
      *out = const_bool(a.b && b.b);
    else if (op == OP_LOR)
      *out = const_bool(a.b || b.b);
    else
      return CERR_INVALID;
    return CERR_OK;
  }
  if (a.kind != CONST_INT || b.kind != CONST_INT)
    return CERR_INVALID;
  Big x = big_of(a), y = big_of(b), quo, rem;
  switch (op) {
  case OP_ADD: *out = const_big(big_add(x, y)); break;
  case OP_SUB: *out = const_big(big_sub(x, y)); break;
  case OP_MUL: *out = const_big(big_mul(x, y)); break;
  case OP_DIV:
  case OP_REM:
    if (big_is_zero(y))
      return CERR_DIVZERO;
    big_divmod(x, y, &quo, &rem);
    *out = const_big(op == OP_DIV ? quo : rem);
    break;
  case OP_AND:
  case OP_OR:
  case OP_XOR:
  case OP_ANDNOT:
    *out = const_big(big_bitwise(op, x, y));
    break;
  default:
    return CERR_INVALID;
  }
  return CERR_OK;
}

// Left shifts beyond this count are refused so that no input can make the
// compiler build an absurdly large number; the checker bounds counts lower.
enum { MAX_SHIFT = 1 << 16 };

int const_shift(Op op, Const a, __int128 count, Const *out) {
  if (a.kind != CONST_INT || count < 0)
    return CERR_INVALID;
  Big x = big_of(a);
  if (op == OP_SHR) {
    *out = const_big(big_shr(x, count));
    return CERR_OK;
  }
  if (big_is_zero(x)) {
    *out = const_int(0);
    return CERR_OK;
  }
  if (count > MAX_SHIFT)
    return CERR_OVERFLOW;
  *out = const_big(big_shl(x, (int)count));
  return CERR_OK;
}

// Unary operators; t is the operand's type, needed because ^x of an
// unsigned typed constant flips only the type's bits.
int const_unary(Op op, Const a, Type *t, Const *out) {
  switch (op) {
  case OP_POS:
    *out = a;
    return a.kind == CONST_INT ? CERR_OK : CERR_INVALID;
  case OP_NEG:
    if (a.kind != CONST_INT)
      return CERR_INVALID;
    *out = const_big(big_negate(big_of(a)));
    return CERR_OK;
  case OP_NOT:
    if (a.kind != CONST_BOOL)
      return CERR_INVALID;
    *out = const_bool(!a.b);
    return CERR_OK;
  case OP_XOR:
    if (a.kind != CONST_INT)
      return CERR_INVALID;
    if (t && t->kind == TY_INT && t->is_unsigned)
      *out = const_int(a.i ^ int_max(type_int_bits(t), true));
    else
      *out = const_big(big_not(big_of(a)));
    return CERR_OK;
  default:
    return CERR_INVALID;
  }
}

static int compare_strings(Const a, Const b) {
  int64_t n = a.slen < b.slen ? a.slen : b.slen;
  int c = memcmp(a.s, b.s, (size_t)n);
  if (c)
    return c;
  return a.slen < b.slen ? -1 : a.slen > b.slen;
}

bool const_compare(Op op, Const a, Const b) {
  int c;
  if (a.kind == CONST_STRING)
    c = compare_strings(a, b);
  else if (a.kind == CONST_BOOL)
    c = a.b != b.b;
  else if (a.big || b.big)
    c = big_cmp(big_of(a), big_of(b));
  else
    c = a.i < b.i ? -1 : a.i > b.i;
  switch (op) {
  case OP_EQ: return c == 0;
  case OP_NE: return c != 0;
  case OP_LT: return c < 0;
  case OP_LE: return c <= 0;
  case OP_GT: return c > 0;
  case OP_GE: return c >= 0;
  default: return false;
  }
}
