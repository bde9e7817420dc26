// const.c: compile-time constant arithmetic with Go's rules.
//
// Go's untyped integer constants are unbounded; ours live in __int128, so an
// intermediate result beyond that is reported as an overflow, like Go does
// beyond its own (larger) limit. Typed results are range-checked by callers
// with const_fits(), because the message depends on the context.
#include "minigo.h"
#include "check.h"

#include <stdio.h>
#include <string.h>

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

static __int128 int_min(int bits) {
  return -((__int128)1 << (bits - 1));
}

static __int128 int_max(int bits, bool is_unsigned) {
  return is_unsigned ? ((__int128)1 << bits) - 1 : ((__int128)1 << (bits - 1)) - 1;
}

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
    return const_int_string(v.i);
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
      return format("%.*s...", (int)cut, q);
    return q;
  }
  default:
    return xstrdup("?");
  }
}

// Binary operation on two constants of the same kind; shifts and
// comparisons are separate. Typed results are range-checked by the caller.
int const_binary(Op op, Const a, Const b, Const *out) {
  if (a.kind == CONST_STRING) {
    if (op != OP_ADD)
      return CERR_INVALID;
    char *s = xmalloc((size_t)(a.slen + b.slen + 1));
    memcpy(s, a.s, (size_t)a.slen);
    memcpy(s + a.slen, b.s, (size_t)b.slen);
    s[a.slen + b.slen] = '\0';
    *out = const_string(s, a.slen + b.slen);
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
  __int128 x = a.i, y = b.i, r = 0;
  switch (op) {
  case OP_ADD:
    if (__builtin_add_overflow(x, y, &r))
      return CERR_OVERFLOW;
    break;
  case OP_SUB:
    if (__builtin_sub_overflow(x, y, &r))
      return CERR_OVERFLOW;
    break;
  case OP_MUL:
    if (__builtin_mul_overflow(x, y, &r))
      return CERR_OVERFLOW;
    break;
  case OP_DIV:
  case OP_REM:
    if (y == 0)
      return CERR_DIVZERO;
    if (y == -1)
      r = op == OP_DIV ? -x : 0;
    else
      r = op == OP_DIV ? x / y : x % y;
    break;
  case OP_AND: r = x & y; break;
  case OP_OR: r = x | y; break;
  case OP_XOR: r = x ^ y; break;
  case OP_ANDNOT: r = x & ~y; break;
  default:
    return CERR_INVALID;
  }
  *out = const_int(r);
  return CERR_OK;
}

int const_shift(Op op, Const a, __int128 count, Const *out) {
  if (a.kind != CONST_INT || count < 0)
    return CERR_INVALID;
  if (op == OP_SHR) {
    *out = const_int(count >= 127 ? (a.i < 0 ? -1 : 0) : a.i >> count);
    return CERR_OK;
  }
  if (a.i == 0) {
    *out = const_int(0);
    return CERR_OK;
  }
  if (count >= 126)
    return CERR_OVERFLOW;
  __int128 r = a.i * ((__int128)1 << count);
  if ((r >> count) != a.i)
    return CERR_OVERFLOW;
  *out = const_int(r);
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
    *out = const_int(-a.i);
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
      *out = const_int(~a.i);
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
