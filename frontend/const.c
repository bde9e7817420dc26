// const.c: compile-time constants with Go's rules: booleans and strings
// here, numbers in const_num.c. Results are exact; typed results are
// range-checked by callers (const_represent), because the message depends
// on the context.
#include "minigo.h"
#include "check.h"

#include <stdio.h>
#include <string.h>

Const const_bool(bool b) {
  Const c = {.kind = CONST_BOOL, .b = b};
  return c;
}

Const const_string(const char *s, int64_t len) {
  Const c = {.kind = CONST_STRING, .s = s, .slen = len};
  return c;
}

bool const_fits(Const v, Type *t) {
  switch (t->kind) {
  case TY_BOOL:
  case TY_UNTYPED_BOOL:
    return v.kind == CONST_BOOL;
  case TY_STRING:
  case TY_UNTYPED_STRING:
    return v.kind == CONST_STRING;
  case TY_IFACE:
    return true;
  default:
    return const_represent(&v, t) == CREP_OK;
  }
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
  case CONST_FLOAT:
  case CONST_COMPLEX:
    return const_number_string(v);
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
  const_num_reset();
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
  return const_number_binary(op, a, b, out);
}

// Unary operators; t is the operand's type, needed because ^x of an
// unsigned typed constant flips only the type's bits.
int const_unary(Op op, Const a, Type *t, Const *out) {
  switch (op) {
  case OP_POS:
    *out = a;
    return const_is_number(a) ? CERR_OK : CERR_INVALID;
  case OP_NOT:
    if (a.kind != CONST_BOOL)
      return CERR_INVALID;
    *out = const_bool(!a.b);
    return CERR_OK;
  case OP_NEG:
  case OP_XOR: {
    bool is_unsigned = t && t->kind == TY_INT && t->is_unsigned;
    return const_number_unary(op, a, is_unsigned ? type_int_bits(t) : 0, out);
  }
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
    c = const_number_compare(a, b);
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
