// string.c: Go strings: concatenation, comparison, conversions, UTF-8 as
// Go's unicode/utf8 defines it, and strconv-style quoting.
#include "internal.h"

#include <string.h>

#include "unicode_print.h"

// ---- UTF-8

bool mg_rune_valid(int64_t r) {
  return (r >= 0 && r < 0xD800) || (r > 0xDFFF && r <= MG_MAX_RUNE);
}

int mg_utf8_decode(const uint8_t *p, mg_int n, int32_t *rune) {
  uint8_t c = p[0];
  if (c < 0x80) {
    *rune = c;
    return 1;
  }
  // The lead byte fixes the length and the bounds of the second byte;
  // the bounds reject overlong forms, surrogates and values > U+10FFFF.
  int len;
  uint8_t lo = 0x80, hi = 0xBF;
  int32_t r;
  if (c >= 0xC2 && c <= 0xDF) {
    len = 2;
    r = c & 0x1F;
  } else if (c >= 0xE0 && c <= 0xEF) {
    len = 3;
    r = c & 0x0F;
    if (c == 0xE0)
      lo = 0xA0;
    else if (c == 0xED)
      hi = 0x9F;
  } else if (c >= 0xF0 && c <= 0xF4) {
    len = 4;
    r = c & 0x07;
    if (c == 0xF0)
      lo = 0x90;
    else if (c == 0xF4)
      hi = 0x8F;
  } else {
    *rune = MG_RUNE_ERROR;
    return 1;
  }
  if (n < len || p[1] < lo || p[1] > hi) {
    *rune = MG_RUNE_ERROR;
    return 1;
  }
  for (int i = 1; i < len; i++) {
    if (p[i] < 0x80 || p[i] > 0xBF) {
      *rune = MG_RUNE_ERROR;
      return 1;
    }
    r = (r << 6) | (p[i] & 0x3F);
  }
  *rune = r;
  return len;
}

int mg_utf8_encode(uint8_t *buf, int32_t r) {
  if (!mg_rune_valid(r))
    r = MG_RUNE_ERROR;
  if (r < 0x80) {
    buf[0] = (uint8_t)r;
    return 1;
  }
  if (r < 0x800) {
    buf[0] = (uint8_t)(0xC0 | (r >> 6));
    buf[1] = (uint8_t)(0x80 | (r & 0x3F));
    return 2;
  }
  if (r < 0x10000) {
    buf[0] = (uint8_t)(0xE0 | (r >> 12));
    buf[1] = (uint8_t)(0x80 | ((r >> 6) & 0x3F));
    buf[2] = (uint8_t)(0x80 | (r & 0x3F));
    return 3;
  }
  buf[0] = (uint8_t)(0xF0 | (r >> 18));
  buf[1] = (uint8_t)(0x80 | ((r >> 12) & 0x3F));
  buf[2] = (uint8_t)(0x80 | ((r >> 6) & 0x3F));
  buf[3] = (uint8_t)(0x80 | (r & 0x3F));
  return 4;
}

mg_int mg_utf8_count(const uint8_t *p, mg_int n) {
  mg_int count = 0;
  for (mg_int i = 0; i < n; count++) {
    int32_t r;
    i += mg_utf8_decode(p + i, n - i, &r);
  }
  return count;
}

bool mg_rune_printable(int32_t r) {
  size_t lo = 0, hi = sizeof mg_print_ranges / sizeof mg_print_ranges[0];
  if (r < 0)
    return false;
  while (lo < hi) {
    size_t mid = lo + (hi - lo) / 2;
    if ((uint32_t)r < mg_print_ranges[mid][0])
      hi = mid;
    else if ((uint32_t)r > mg_print_ranges[mid][1])
      lo = mid + 1;
    else
      return true;
  }
  return false;
}

// ---- quoting (strconv.Quote, QuoteToASCII, QuoteRune)

static void write_hex_escape(mg_buf *b, char kind, uint32_t v, int digits) {
  mg_buf_byte(b, '\\');
  mg_buf_byte(b, (uint8_t)kind);
  for (int shift = (digits - 1) * 4; shift >= 0; shift -= 4)
    mg_buf_byte(b, (uint8_t)"0123456789abcdef"[(v >> shift) & 15]);
}

static void write_escaped_rune(mg_buf *b, int32_t r, uint8_t quote,
                               bool ascii_only) {
  if (r == quote || r == '\\') {
    mg_buf_byte(b, '\\');
    mg_buf_byte(b, (uint8_t)r);
    return;
  }
  if (ascii_only ? (r < 0x80 && mg_rune_printable(r))
                 : mg_rune_printable(r)) {
    mg_buf_rune(b, r);
    return;
  }
  static const char named[] = "\a\b\f\n\r\t\v";
  static const char letters[] = "abfnrtv";
  const char *hit = r > 0 && r < 0x80 ? strchr(named, r) : NULL;
  if (hit) {
    mg_buf_byte(b, '\\');
    mg_buf_byte(b, (uint8_t)letters[hit - named]);
  } else if (r < ' ' || r == 0x7F) {
    write_hex_escape(b, 'x', (uint32_t)r, 2);
  } else if (!mg_rune_valid(r)) {
    write_hex_escape(b, 'u', MG_RUNE_ERROR, 4);
  } else if (r < 0x10000) {
    write_hex_escape(b, 'u', (uint32_t)r, 4);
  } else {
    write_hex_escape(b, 'U', (uint32_t)r, 8);
  }
}

void mg_quote(mg_buf *b, const uint8_t *s, mg_int n, bool ascii_only) {
  mg_buf_byte(b, '"');
  for (mg_int i = 0; i < n;) {
    int32_t r;
    int w = mg_utf8_decode(s + i, n - i, &r);
    // A byte that does not start valid UTF-8 is shown as that byte.
    if (w == 1 && r == MG_RUNE_ERROR)
      write_hex_escape(b, 'x', s[i], 2);
    else
      write_escaped_rune(b, r, '"', ascii_only);
    i += w;
  }
  mg_buf_byte(b, '"');
}

void mg_quote_rune(mg_buf *b, int32_t r, bool ascii_only) {
  if (!mg_rune_valid(r))
    r = MG_RUNE_ERROR;
  mg_buf_byte(b, '\'');
  write_escaped_rune(b, r, '\'', ascii_only);
  mg_buf_byte(b, '\'');
}

// ---- the runtime.h entry points

void mg_string_concat(mg_string *out, const mg_string *a, const mg_string *b) {
  // Strings are immutable, so an empty operand lets us share the other.
  if (a->len == 0) {
    *out = *b;
    return;
  }
  if (b->len == 0) {
    *out = *a;
    return;
  }
  mg_int n = a->len + b->len;
  if (n < 0)
    mg_throw("string concatenation too long");
  uint8_t *p = mg_alloc_noscan(n);
  memcpy(p, a->ptr, (size_t)a->len);
  memcpy(p + a->len, b->ptr, (size_t)b->len);
  out->ptr = p;
  out->len = n;
}

mg_int mg_string_compare(const mg_string *a, const mg_string *b) {
  mg_int n = a->len < b->len ? a->len : b->len;
  int c = n > 0 ? memcmp(a->ptr, b->ptr, (size_t)n) : 0;
  if (c != 0)
    return c < 0 ? -1 : 1;
  if (a->len == b->len)
    return 0;
  return a->len < b->len ? -1 : 1;
}

bool mg_string_equal(const mg_string *a, const mg_string *b) {
  return a->len == b->len &&
         (a->len == 0 || memcmp(a->ptr, b->ptr, (size_t)a->len) == 0);
}

void mg_string_from_bytes(mg_string *out, const mg_slice *b) {
  mg_string_make(out, b->ptr, b->len);
}

void mg_bytes_from_string(mg_slice *out, const mg_string *s) {
  // Go rounds the capacity up to the allocator's size class when the
  // slice escapes; a non-escaping one may get 32 bytes on the stack,
  // which depends on Go's escape analysis and is not modelled.
  mg_int cap = (mg_int)mg_roundupsize((mg_uint)s->len);
  uint8_t *p = mg_alloc_noscan(cap);
  if (s->len > 0)
    memcpy(p, s->ptr, (size_t)s->len);
  out->ptr = p;
  out->len = s->len;
  out->cap = cap;
}

void mg_string_from_rune(mg_string *out, int64_t r) {
  uint8_t buf[MG_UTF_MAX];
  int32_t rune = mg_rune_valid(r) ? (int32_t)r : MG_RUNE_ERROR;
  mg_string_make(out, buf, mg_utf8_encode(buf, rune));
}

mg_int mg_decode_rune(const mg_string *s, mg_int i, int32_t *rune) {
  return i + mg_utf8_decode(s->ptr + i, s->len - i, rune);
}
