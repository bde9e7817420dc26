// fmt.c: Go's fmt (Print, Println, Printf and their S- and Errorf forms),
// errors.New. The structure follows Go 1.19's fmt/print.go and
// fmt/format.go so that every odd case ("%!d(string=x)", "%!(EXTRA ...)",
// padding of bad verbs) comes out as Go prints it. Go's reflect.Value is
// replaced by a value: a type descriptor and the address of the value.
#include "internal.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char ldigits[] = "0123456789abcdefx";
static const char udigits[] = "0123456789ABCDEFX";

// A value of a known type. p addresses the value, except for MG_ERROR_PTR
// where it is the object pointer itself (the interface's data word).
typedef struct value {
  const mg_type *t;  // NULL: no value (a nil interface)
  const void *p;
  // Reached through an unexported struct field: reflect's read-only flag,
  // under which Go never calls the value's Error or String method.
  bool ro;
} value;

// The flags and sizes of one verb (Go's fmtFlags plus wid and prec).
typedef struct flags {
  bool sharp, zero, plus, minus, space;
  bool sharp_v, plus_v;  // %#v and %+v: kept apart from # and +
  bool wid_present, prec_present;
  int wid, prec;
} flags;

// printer_init sets every field.
typedef struct printer {
  mg_buf buf;
  flags f;
  // The operand being printed, for "%!verb(type=value)": either the
  // interface argument (arg_is_set) or a value met while walking a slice.
  bool arg_is_set;
  value arg;
  value cur;
  bool erroring;  // printing a bad verb's operand: no Error() calls
  // Printing the value a String or Error method panicked with: a panic
  // in a method called for that is not caught again.
  bool panicking;
  // Calls String and Error methods (see call_method); with arg, the
  // method being called is what Go's catchPanic is deferred with.
  mg_recovering *recovering;
  bool recovering_ready;
  int32_t method_verb;
  bool method_is_error;
  bool wrap_errs;  // Errorf: %w allowed
  bool has_wrapped;
  mg_iface wrapped;
  bool reordered, good_arg_num;
} printer;

static void print_arg(printer *p, const mg_iface *arg, int32_t verb);
static void print_operand(printer *p, int32_t verb);
static void print_value(printer *p, value v, int32_t verb, int depth);

static value iface_value(const mg_iface *i) {
  return (value){i->type, i->type ? mg_iface_value(i) : NULL, false};
}

// What a method slot of v's type takes (runtime.h): the data word an
// interface holding v would have.
static void *method_data(value v) {
  return mg_type_is_direct(v.t) ? *(void *const *)v.p : (void *)v.p;
}

// The element at addr of a slice, array or struct whose element (field)
// type is t.
static value element(const mg_type *t, const void *addr, bool ro) {
  if (t->kind == MG_ERROR_PTR)
    return (value){t, *(void *const *)addr, ro};
  return (value){t, addr, ro};
}

static bool is_integer(const mg_type *t) {
  return t->kind >= MG_INT && t->kind <= MG_UINTPTR;
}

static bool is_signed_kind(uint32_t kind) {
  return kind >= MG_INT && kind <= MG_INT64;
}

// The integer at v as 64 bits (sign-extended when signed).
static uint64_t integer_bits(value v) {
  switch (v.t->kind) {
  case MG_INT: return (uint64_t)(int64_t) * (const mg_int *)v.p;
  case MG_INT8: return (uint64_t)(int64_t) * (const int8_t *)v.p;
  case MG_INT16: return (uint64_t)(int64_t) * (const int16_t *)v.p;
  case MG_INT32: return (uint64_t)(int64_t) * (const int32_t *)v.p;
  case MG_INT64: return (uint64_t) * (const int64_t *)v.p;
  case MG_UINT: return *(const mg_uint *)v.p;
  case MG_UINT8: return *(const uint8_t *)v.p;
  case MG_UINT16: return *(const uint16_t *)v.p;
  case MG_UINT32: return *(const uint32_t *)v.p;
  case MG_UINT64: return *(const uint64_t *)v.p;
  default: return *(const uintptr_t *)v.p;
  }
}

static bool mgstr_is(const mg_string *s, const char *lit) {
  size_t n = strlen(lit);
  return (size_t)s->len == n && memcmp(s->ptr, lit, n) == 0;
}

// printArg's "case []byte": the type []byte itself, not a defined type
// whose underlying type it is (that one goes through printValue and keeps
// its own name under %#v).
static bool is_bytes(const mg_type *t) {
  return t->kind == MG_SLICE && mgstr_is(&t->name, "[]uint8");
}

// Go's reflect Kind String: our runtime.errorString is a string type too.
static bool is_string_kind(const mg_type *t) {
  return t->kind == MG_STRING || t == &mg_type_runtime_errorString;
}

// Whether handleMethods finds an Error method: every runtime-defined error
// type has one, and a compiled type has one when codegen fills in its
// descriptor's error slot.
static bool is_error_type(const mg_type *t) {
  return t && t->error;
}

// ---- padding (format.go)

static void write_padding(printer *p, int n) {
  if (n <= 0)
    return;
  mg_buf_grow(&p->buf, (size_t)n);
  memset(p->buf.p + p->buf.len, p->f.zero ? '0' : ' ', (size_t)n);
  p->buf.len += (size_t)n;
}

// Appends s padded to the width, counted in runes as Go does.
static void pad(printer *p, const uint8_t *s, mg_int n) {
  if (!p->f.wid_present || p->f.wid == 0) {
    mg_buf_write(&p->buf, s, (size_t)n);
    return;
  }
  int width = p->f.wid - (int)mg_utf8_count(s, n);
  if (!p->f.minus) {
    write_padding(p, width);
    mg_buf_write(&p->buf, s, (size_t)n);
  } else {
    mg_buf_write(&p->buf, s, (size_t)n);
    write_padding(p, width);
  }
}

static void pad_cstr(printer *p, const char *s) {
  pad(p, (const uint8_t *)s, (mg_int)strlen(s));
}

// ---- integers

static void fmt_integer(printer *p, uint64_t u, int base, bool is_signed,
                        int32_t verb, const char *digits) {
  flags *f = &p->f;
  bool negative = is_signed && (int64_t)u < 0;
  if (negative)
    u = -u;
  char small[72];
  char *buf = small;
  size_t size = sizeof small;
  if (f->wid_present || f->prec_present) {
    // Room for a sign and "0x" besides the digits and zero padding.
    size_t need = 3 + (size_t)f->wid + (size_t)f->prec;
    if (need > size) {
      buf = malloc(need);
      if (!buf)
        mg_throw("runtime: out of memory");
      size = need;
    }
  }
  // %.3d and %03d both ask for leading zeros; with both, zero is ignored.
  int prec = 0;
  if (f->prec_present) {
    prec = f->prec;
    if (prec == 0 && u == 0) {
      bool old_zero = f->zero;
      f->zero = false;
      write_padding(p, f->wid);
      f->zero = old_zero;
      goto out;
    }
  } else if (f->zero && f->wid_present) {
    prec = f->wid;
    if (negative || f->plus || f->space)
      prec--;  // leave room for the sign
  }
  size_t i = size;
  do {
    buf[--i] = digits[u % (unsigned)base];
    u /= (unsigned)base;
  } while (u != 0);
  while (i > 0 && prec > (int)(size - i))
    buf[--i] = '0';
  if (f->sharp) {
    if (base == 2) {
      buf[--i] = 'b';
      buf[--i] = '0';
    } else if (base == 8) {
      if (buf[i] != '0')
        buf[--i] = '0';
    } else if (base == 16) {
      buf[--i] = digits[16];
      buf[--i] = '0';
    }
  }
  if (verb == 'O') {
    buf[--i] = 'o';
    buf[--i] = '0';
  }
  if (negative)
    buf[--i] = '-';
  else if (f->plus)
    buf[--i] = '+';
  else if (f->space)
    buf[--i] = ' ';
  // Zero padding was done above as precision.
  bool old_zero = f->zero;
  f->zero = false;
  pad(p, (const uint8_t *)buf + i, (mg_int)(size - i));
  f->zero = old_zero;
out:
  if (buf != small)
    free(buf);
}

static void fmt_0x64(printer *p, uint64_t v, bool leading_0x) {
  bool sharp = p->f.sharp;
  p->f.sharp = leading_0x;
  fmt_integer(p, v, 16, false, 'v', ldigits);
  p->f.sharp = sharp;
}

// %U: "U+0078", with # also " 'x'" for printable runes.
static void fmt_unicode(printer *p, uint64_t u) {
  int prec = 4;
  if (p->f.prec_present && p->f.prec > 4)
    prec = p->f.prec;
  mg_buf tmp;
  uint8_t storage[96];
  mg_buf_init(&tmp, storage, sizeof storage);
  char hex[20];
  int n = 0;
  uint64_t x = u;
  do {
    hex[n++] = udigits[x & 15];
    x >>= 4;
  } while (x != 0);
  mg_buf_str(&tmp, "U+");
  for (int z = n; z < prec; z++)
    mg_buf_byte(&tmp, '0');
  while (n > 0)
    mg_buf_byte(&tmp, (uint8_t)hex[--n]);
  if (p->f.sharp && u <= MG_MAX_RUNE && mg_rune_printable((int32_t)u)) {
    mg_buf_str(&tmp, " '");
    mg_buf_rune(&tmp, (int32_t)u);
    mg_buf_byte(&tmp, '\'');
  }
  bool old_zero = p->f.zero;
  p->f.zero = false;
  pad(p, tmp.p, (mg_int)tmp.len);
  p->f.zero = old_zero;
  mg_buf_free(&tmp);
}

static int32_t rune_of(uint64_t c) {
  return c > MG_MAX_RUNE ? MG_RUNE_ERROR : (int32_t)c;
}

static void fmt_c(printer *p, uint64_t c) {
  uint8_t buf[MG_UTF_MAX];
  pad(p, buf, mg_utf8_encode(buf, rune_of(c)));
}

static void fmt_qc(printer *p, uint64_t c) {
  uint8_t storage[32];
  mg_buf tmp;
  mg_buf_init(&tmp, storage, sizeof storage);
  mg_quote_rune(&tmp, rune_of(c), p->f.plus);
  pad(p, tmp.p, (mg_int)tmp.len);
  mg_buf_free(&tmp);
}

static void bad_verb(printer *p, int32_t verb);

static void print_integer(printer *p, uint64_t v, bool is_signed, int32_t verb) {
  switch (verb) {
  case 'v':
    if (p->f.sharp_v && !is_signed)
      fmt_0x64(p, v, true);
    else
      fmt_integer(p, v, 10, is_signed, verb, ldigits);
    break;
  case 'd': fmt_integer(p, v, 10, is_signed, verb, ldigits); break;
  case 'b': fmt_integer(p, v, 2, is_signed, verb, ldigits); break;
  case 'o':
  case 'O': fmt_integer(p, v, 8, is_signed, verb, ldigits); break;
  case 'x': fmt_integer(p, v, 16, is_signed, verb, ldigits); break;
  case 'X': fmt_integer(p, v, 16, is_signed, verb, udigits); break;
  case 'c': fmt_c(p, v); break;
  case 'q': fmt_qc(p, v); break;
  case 'U': fmt_unicode(p, v); break;
  default: bad_verb(p, verb);
  }
}

static void print_bool(printer *p, bool v, int32_t verb) {
  if (verb == 't' || verb == 'v')
    pad_cstr(p, v ? "true" : "false");
  else
    bad_verb(p, verb);
}

// ---- floats and complex numbers (print.go's fmtFloat and fmtComplex,
// format.go's fmtFloat)

// The sharp flag: a decimal point always, and the trailing zeros %g
// drops restored up to the precision (6 when none is given). num is the
// signed number; the result replaces it in out.
static void restore_sharp_zeros(const uint8_t *num, size_t n, int32_t verb, int prec,
                                mg_buf *out) {
  int digits = 0;
  if (verb == 'v' || verb == 'g' || verb == 'G' || verb == 'x')
    digits = prec == -1 ? 6 : prec;
  size_t head = n;  // where the exponent ("e+07", "p-02") starts
  bool has_point = false, saw_nonzero = false;
  for (size_t i = 1; i < head; i++) {
    uint8_t c = num[i];
    if (c == '.') {
      has_point = true;
    } else if (c == 'p' || c == 'P' ||
               ((c == 'e' || c == 'E') && verb != 'x' && verb != 'X')) {
      head = i;
    } else {
      // Significant digits after the first nonzero one (Go counts the x of
      // 0x too).
      saw_nonzero = saw_nonzero || c != '0';
      if (saw_nonzero)
        digits--;
    }
  }
  mg_buf_write(out, num, head);
  if (!has_point) {
    if (head == 2 && num[1] == '0')
      digits--;  // a lone leading 0 counts once
    mg_buf_byte(out, '.');
  }
  for (; digits > 0; digits--)
    mg_buf_byte(out, '0');
  mg_buf_write(out, num + head, n - head);
}

// Pads a signed number s (a leading + or -) as Go's fmtFloat does: the +
// kept only when asked for, zero padding between the sign and the digits.
static void pad_float(printer *p, const uint8_t *s, size_t n) {
  flags *f = &p->f;
  if (f->plus || s[0] != '+') {
    if (f->zero && f->wid_present && f->wid > (int)n) {
      mg_buf_byte(&p->buf, s[0]);
      write_padding(p, f->wid - (int)n);
      mg_buf_write(&p->buf, s + 1, n - 1);
      return;
    }
    pad(p, s, (mg_int)n);
    return;
  }
  pad(p, s + 1, (mg_int)n - 1);
}

// Infinities and NaN are not numbers to pad with zeros; NaN has no sign
// unless asked for.
static void pad_inf_nan(printer *p, const uint8_t *s, size_t n) {
  flags *f = &p->f;
  bool old_zero = f->zero;
  f->zero = false;
  if (s[1] == 'N' && !f->space && !f->plus) {
    s++;
    n--;
  }
  pad(p, s, (mg_int)n);
  f->zero = old_zero;
}

static void fmt_float(printer *p, double v, int size, int32_t verb, int prec) {
  flags *f = &p->f;
  if (f->prec_present)
    prec = f->prec;
  uint8_t storage[64];
  mg_buf num;
  mg_buf_init(&num, storage, sizeof storage);
  // A leading sign is reserved, for a + that strconv leaves out.
  mg_buf_byte(&num, '+');
  mg_ftoa(&num, v, (char)verb, prec, size);
  uint8_t *s = num.p;
  size_t n = num.len;
  if (s[1] == '-' || s[1] == '+') {
    s++;
    n--;
  }
  if (f->space && s[0] == '+' && !f->plus)
    s[0] = ' ';
  if (s[1] == 'I' || s[1] == 'N') {
    pad_inf_nan(p, s, n);
  } else if (f->sharp && verb != 'b') {
    uint8_t sharp_storage[64];
    mg_buf sharp;
    mg_buf_init(&sharp, sharp_storage, sizeof sharp_storage);
    restore_sharp_zeros(s, n, verb, prec, &sharp);
    pad_float(p, sharp.p, sharp.len);
    mg_buf_free(&sharp);
  } else {
    pad_float(p, s, n);
  }
  mg_buf_free(&num);
}

// The verbs of a float and the precision each defaults to; false for a
// verb floats do not have.
static bool float_verb(int32_t verb, int32_t *fmt, int *prec) {
  switch (verb) {
  case 'v': *fmt = 'g'; *prec = -1; return true;
  case 'b': case 'g': case 'G': case 'x': case 'X': *fmt = verb; *prec = -1; return true;
  case 'f': case 'e': case 'E': *fmt = verb; *prec = 6; return true;
  case 'F': *fmt = 'f'; *prec = 6; return true;
  default: return false;
  }
}

static void print_float(printer *p, double v, int size, int32_t verb) {
  int32_t fmt;
  int prec;
  if (float_verb(verb, &fmt, &prec))
    fmt_float(p, v, size, fmt, prec);
  else
    bad_verb(p, verb);
}

// (r+ji): the imaginary part always has a sign; size is the complex
// type's, each part half of it.
static void print_complex(printer *p, double re, double im, int size, int32_t verb) {
  int32_t fmt;
  int prec;
  if (!float_verb(verb, &fmt, &prec)) {
    bad_verb(p, verb);
    return;
  }
  bool old_plus = p->f.plus;
  mg_buf_byte(&p->buf, '(');
  fmt_float(p, re, size / 2, fmt, prec);
  p->f.plus = true;
  fmt_float(p, im, size / 2, fmt, prec);
  mg_buf_str(&p->buf, "i)");
  p->f.plus = old_plus;
}

static bool is_float_kind(uint32_t kind) {
  return kind >= MG_FLOAT32 && kind <= MG_COMPLEX128;
}

// The float or complex number of type t at addr.
static void print_float_value(printer *p, const mg_type *t, const void *addr, int32_t verb) {
  switch (t->kind) {
  case MG_FLOAT32: print_float(p, *(const float *)addr, 32, verb); break;
  case MG_FLOAT64: print_float(p, *(const double *)addr, 64, verb); break;
  case MG_COMPLEX64: {
    const float *c = addr;
    print_complex(p, c[0], c[1], 64, verb);
    break;
  }
  default: {
    const double *c = addr;
    print_complex(p, c[0], c[1], 128, verb);
  }
  }
}

// ---- strings and byte slices

// The prefix of s holding at most prec runes, when a precision is given.
static mg_int truncated_len(const printer *p, const uint8_t *s, mg_int n) {
  if (!p->f.prec_present)
    return n;
  int left = p->f.prec;
  for (mg_int i = 0; i < n;) {
    if (--left < 0)
      return i;
    int32_t r;
    i += mg_utf8_decode(s + i, n - i, &r);
  }
  return n;
}

static void fmt_s(printer *p, const uint8_t *s, mg_int n) {
  pad(p, s, truncated_len(p, s, n));
}

// %x and %X of a string or byte slice: two digits a byte, with # a 0x
// prefix, with a space flag between bytes.
static void fmt_sbx(printer *p, const uint8_t *s, mg_int n, const char *digits) {
  flags *f = &p->f;
  mg_int length = n;
  if (f->prec_present && f->prec < length)
    length = f->prec;
  mg_int width = 2 * length;
  if (width > 0) {
    if (f->space) {
      if (f->sharp)
        width *= 2;
      width += length - 1;
    } else if (f->sharp) {
      width += 2;
    }
  } else {
    if (f->wid_present)
      write_padding(p, f->wid);
    return;
  }
  if (f->wid_present && f->wid > width && !f->minus)
    write_padding(p, (int)(f->wid - width));
  if (f->sharp) {
    mg_buf_byte(&p->buf, '0');
    mg_buf_byte(&p->buf, (uint8_t)digits[16]);
  }
  for (mg_int i = 0; i < length; i++) {
    if (f->space && i > 0) {
      mg_buf_byte(&p->buf, ' ');
      if (f->sharp) {
        mg_buf_byte(&p->buf, '0');
        mg_buf_byte(&p->buf, (uint8_t)digits[16]);
      }
    }
    mg_buf_byte(&p->buf, (uint8_t)digits[s[i] >> 4]);
    mg_buf_byte(&p->buf, (uint8_t)digits[s[i] & 15]);
  }
  if (f->wid_present && f->wid > width && f->minus)
    write_padding(p, (int)(f->wid - width));
}

// strconv.CanBackquote: no control characters but tab, no backquote, no
// invalid UTF-8, no byte order mark.
static bool can_backquote(const uint8_t *s, mg_int n) {
  for (mg_int i = 0; i < n;) {
    int32_t r;
    int w = mg_utf8_decode(s + i, n - i, &r);
    i += w;
    if (w > 1) {
      if (r == 0xFEFF)
        return false;
      continue;
    }
    if (r == MG_RUNE_ERROR || (r < ' ' && r != '\t') || r == '`' || r == 0x7F)
      return false;
  }
  return true;
}

static void fmt_q(printer *p, const uint8_t *s, mg_int n) {
  n = truncated_len(p, s, n);
  uint8_t storage[128];
  mg_buf tmp;
  mg_buf_init(&tmp, storage, sizeof storage);
  if (p->f.sharp && can_backquote(s, n)) {
    mg_buf_byte(&tmp, '`');
    mg_buf_write(&tmp, s, (size_t)n);
    mg_buf_byte(&tmp, '`');
  } else {
    mg_quote(&tmp, s, n, p->f.plus);
  }
  pad(p, tmp.p, (mg_int)tmp.len);
  mg_buf_free(&tmp);
}

static void print_string(printer *p, const uint8_t *s, mg_int n, int32_t verb) {
  switch (verb) {
  case 'v':
    if (p->f.sharp_v)
      fmt_q(p, s, n);
    else
      fmt_s(p, s, n);
    break;
  case 's': fmt_s(p, s, n); break;
  case 'x': fmt_sbx(p, s, n, ldigits); break;
  case 'X': fmt_sbx(p, s, n, udigits); break;
  case 'q': fmt_q(p, s, n); break;
  default: bad_verb(p, verb);
  }
}

// fmtBytes: the bytes of a byte slice (NULL b: a nil one) or byte array;
// type_name is what %#v shows, v what other verbs fall back to.
static void print_bytes(printer *p, const uint8_t *b, mg_int n, value v, int32_t verb,
                        const mg_string *type_name) {
  switch (verb) {
  case 'v':
  case 'd':
    if (p->f.sharp_v) {
      mg_buf_mgstr(&p->buf, type_name);
      if (!b) {
        mg_buf_str(&p->buf, "(nil)");
        return;
      }
      mg_buf_byte(&p->buf, '{');
      for (mg_int i = 0; i < n; i++) {
        if (i > 0)
          mg_buf_str(&p->buf, ", ");
        fmt_0x64(p, b[i], true);
      }
      mg_buf_byte(&p->buf, '}');
    } else {
      mg_buf_byte(&p->buf, '[');
      for (mg_int i = 0; i < n; i++) {
        if (i > 0)
          mg_buf_byte(&p->buf, ' ');
        fmt_integer(p, b[i], 10, false, verb, ldigits);
      }
      mg_buf_byte(&p->buf, ']');
    }
    break;
  case 's': fmt_s(p, b, n); break;
  case 'x': fmt_sbx(p, b, n, ldigits); break;
  case 'X': fmt_sbx(p, b, n, udigits); break;
  case 'q': fmt_q(p, b, n); break;
  default: print_value(p, v, verb, 0);
  }
}

// ---- pointers (pointer values, slices' and closures' addresses, error
// objects)

static uintptr_t pointer_of(value v) {
  switch (v.t->kind) {
  case MG_SLICE: return (uintptr_t)((const mg_slice *)v.p)->ptr;
  case MG_FUNC:
  case MG_MAP:
  case MG_CHAN:
  case MG_PTR: return (uintptr_t) * (void *const *)v.p;
  default: return (uintptr_t)v.p;
  }
}

// fmtPointer: the kinds that have an address to show; any other is a bad
// verb (%p of an int or a struct).
static void print_pointer(printer *p, value v, int32_t verb) {
  uint32_t k = v.t->kind;
  if (k != MG_SLICE && k != MG_FUNC && k != MG_ERROR_PTR && k != MG_PTR && k != MG_MAP &&
      k != MG_CHAN) {
    bad_verb(p, verb);
    return;
  }
  uintptr_t u = pointer_of(v);
  switch (verb) {
  case 'v':
    if (p->f.sharp_v) {
      mg_buf_byte(&p->buf, '(');
      mg_buf_mgstr(&p->buf, &v.t->name);
      mg_buf_str(&p->buf, ")(");
      if (u == 0)
        mg_buf_str(&p->buf, "nil");
      else
        fmt_0x64(p, u, true);
      mg_buf_byte(&p->buf, ')');
    } else if (u == 0) {
      pad_cstr(p, "<nil>");
    } else {
      fmt_0x64(p, u, !p->f.sharp);
    }
    break;
  case 'p': fmt_0x64(p, u, !p->f.sharp); break;
  case 'b':
  case 'o':
  case 'd':
  case 'x':
  case 'X': print_integer(p, u, false, verb); break;
  default: bad_verb(p, verb);
  }
}

// ---- the error types' struct forms, as reflection would show them

#define STATIC_TYPE(var, k, sz, str) \
  static const mg_type var = {.kind = k, .size = sz, \
                              .name = {(const uint8_t *)str, sizeof str - 1}}
STATIC_TYPE(t_string, MG_STRING, sizeof(mg_string), "string");
STATIC_TYPE(t_int64, MG_INT64, 8, "int64");
STATIC_TYPE(t_int, MG_INT, sizeof(mg_int), "int");
STATIC_TYPE(t_bool, MG_BOOL, 1, "bool");
STATIC_TYPE(t_uint8, MG_UINT8, 1, "runtime.boundsErrorCode");
// wrapError.err holds the wrapped error as the interface {} it came in
// as (no itab), so it is described as an interface without methods.
STATIC_TYPE(t_error, MG_IFACE, sizeof(mg_iface), "error");
STATIC_TYPE(t_rtype, MG_ERROR_PTR, sizeof(void *), "*runtime._type");

static void field_sep(printer *p, int i, const char *name) {
  if (i > 0)
    mg_buf_str(&p->buf, p->f.sharp_v ? ", " : " ");
  if (p->f.plus_v || p->f.sharp_v) {
    mg_buf_str(&p->buf, name);
    mg_buf_byte(&p->buf, ':');
  }
}

// Every field of the runtime's error types is unexported.
static void print_field(printer *p, int i, const char *name, const mg_type *t,
                        const void *addr, int32_t verb, int depth) {
  field_sep(p, i, name);
  print_value(p, (value){t, addr, true}, verb, depth + 1);
}

// A *runtime._type field holds one of our descriptors (or NULL); it can
// only be shown as an address.
static void print_type_field(printer *p, int i, const char *name,
                             const void *t, int32_t verb) {
  field_sep(p, i, name);
  p->arg_is_set = false;
  p->cur = (value){&t_rtype, t, true};
  if (!t && verb == 'v' && !p->f.sharp_v)
    mg_buf_str(&p->buf, "<nil>");
  else
    print_pointer(p, p->cur, verb);
}

// Prints the struct that an error type is (its pointee for pointer types),
// as Go's printValue does for a struct: "{field field}".
static void print_error_struct(printer *p, value v, int32_t verb, int depth) {
  const mg_type *t = v.t;
  if (p->f.sharp_v) {
    const mg_string *n = &t->name;
    bool ptr = n->len > 0 && n->ptr[0] == '*';
    mg_buf_write(&p->buf, n->ptr + ptr, (size_t)(n->len - ptr));
  }
  mg_buf_byte(&p->buf, '{');
  if (t == &mg_type_errors_errorString) {
    const mg_errors_string *e = v.p;
    print_field(p, 0, "s", &t_string, &e->s, verb, depth);
  } else if (t == &mg_type_fmt_wrapError) {
    const mg_wrap_error *e = v.p;
    print_field(p, 0, "msg", &t_string, &e->msg, verb, depth);
    print_field(p, 1, "err", &t_error, &e->err, verb, depth);
  } else if (t == &mg_type_runtime_boundsError) {
    const mg_bounds_error *e = v.p;
    print_field(p, 0, "x", &t_int64, &e->x, verb, depth);
    print_field(p, 1, "y", &t_int, &e->y, verb, depth);
    print_field(p, 2, "signed", &t_bool, &e->is_signed, verb, depth);
    print_field(p, 3, "code", &t_uint8, &e->code, verb, depth);
  } else if (t == &mg_type_runtime_TypeAssertionError) {
    const mg_assert_error *e = v.p;
    print_type_field(p, 0, "_interface", e->iface, verb);
    print_type_field(p, 1, "concrete", e->concrete, verb);
    print_type_field(p, 2, "asserted", e->asserted, verb);
    mg_string m = {(const uint8_t *)"", 0};
    if (e->missing)
      m = (mg_string){(const uint8_t *)e->missing, (mg_int)strlen(e->missing)};
    print_field(p, 3, "missingMethod", &t_string, &m, verb, depth);
  }
  mg_buf_byte(&p->buf, '}');
}

static void print_error_value(printer *p, value v, int32_t verb, int depth) {
  if (v.t == &mg_type_runtime_plainError) {
    const mg_string *text = v.p;
    if (p->f.sharp_v && verb == 'v') {
      mg_buf_mgstr(&p->buf, &v.t->name);
      mg_buf_byte(&p->buf, '(');
      fmt_q(p, text->ptr, text->len);
      mg_buf_byte(&p->buf, ')');
    } else {
      print_string(p, text->ptr, text->len, verb);
    }
    return;
  }
  if (v.t == &mg_type_runtime_errorString) {
    // A string type: its value is the text without "runtime error: ".
    const mg_rt_error_string *e = v.p;
    uint8_t storage[256];
    mg_buf tmp;
    mg_buf_init(&tmp, storage, sizeof storage);
    mg_buf_mgstr(&tmp, &e->text);
    mg_buf_mgstr(&tmp, &e->suffix);
    if (p->f.sharp_v && verb == 'v') {
      mg_buf_mgstr(&p->buf, &v.t->name);
      mg_buf_byte(&p->buf, '(');
      fmt_q(p, tmp.p, (mg_int)tmp.len);
      mg_buf_byte(&p->buf, ')');
    } else {
      print_string(p, tmp.p, (mg_int)tmp.len, verb);
    }
    mg_buf_free(&tmp);
    return;
  }
  if (v.t->kind == MG_ERROR_PTR) {
    // Go prints a non-nil pointer to a struct at the top level as &{...}
    // and any deeper one as an address.
    if (depth == 0 && v.p) {
      mg_buf_byte(&p->buf, '&');
      print_error_struct(p, v, verb, depth + 1);
    } else {
      print_pointer(p, v, verb);
    }
    return;
  }
  print_error_struct(p, v, verb, depth);
}

// ---- the operand walk (print.go's printArg, printValue, handleMethods)

static void bad_verb(printer *p, int32_t verb) {
  p->erroring = true;
  mg_buf_str(&p->buf, "%!");
  mg_buf_rune(&p->buf, verb);
  mg_buf_byte(&p->buf, '(');
  if (p->arg_is_set && p->arg.t) {
    mg_buf_mgstr(&p->buf, &p->arg.t->name);
    mg_buf_byte(&p->buf, '=');
    print_operand(p, 'v');
  } else if (!p->arg_is_set && p->cur.t) {
    mg_buf_mgstr(&p->buf, &p->cur.t->name);
    mg_buf_byte(&p->buf, '=');
    print_value(p, p->cur, 'v', 0);
  } else {
    mg_buf_str(&p->buf, "<nil>");
  }
  mg_buf_byte(&p->buf, ')');
  p->erroring = false;
}

// The error types the runtime defines: their Error methods are C that
// cannot panic, and write their text without allocating.
static bool is_runtime_error_type(const mg_type *t) {
  return t->kind == MG_ERROR_PTR || t->kind == MG_ERROR_VALUE;
}

static bool is_nil_pointer(value v) {
  return v.t->kind == MG_PTR && *(void *const *)v.p == NULL;
}

// Go's catchPanic, run as the deferred call that recovered the method's
// panic: a nil pointer operand prints "<nil>" (unpadded, as Go writes it
// straight to the buffer), any other "%!v(PANIC=String method: value)"
// with default flags.
static void method_panicked(void *env, const mg_iface *err) {
  printer *p = env;
  if (!err->type)
    return;  // recover() is nil after panic(nil) in Go 1.19
  if (is_nil_pointer(p->arg)) {  // still the method's operand
    mg_buf_str(&p->buf, "<nil>");
    return;
  }
  if (p->panicking)
    mg_panic(err);  // printing the value panicked too: cannot succeed
  flags old = p->f;
  memset(&p->f, 0, sizeof p->f);
  mg_buf_str(&p->buf, "%!");
  mg_buf_rune(&p->buf, p->method_verb);
  mg_buf_str(&p->buf, p->method_is_error ? "(PANIC=Error method: " : "(PANIC=String method: ");
  p->panicking = true;
  print_arg(p, err, 'v');
  p->panicking = false;
  mg_buf_byte(&p->buf, ')');
  p->f = old;
}

// The printer's frame for calling methods, set up at its first call.
static mg_recovering *printer_recovering(printer *p) {
  if (!p->recovering_ready) {
    mg_recovering_init(p->recovering, method_panicked, p);
    p->recovering_ready = true;
  }
  return p->recovering;
}

// A call made while a panic's value is printed: the printer's frame is
// the running call's (the one whose panic it is), so this one needs its
// own. Kept out of line: the common path should not reserve the room.
static __attribute__((noinline)) bool call_nested(printer *p, mg_string_method fn,
                                                  mg_string *out) {
  mg_recovering r;
  mg_recovering_init(&r, method_panicked, p);
  return mg_call_recovering(&r, fn, out, method_data(p->arg));
}

// Calls the compiled String or Error method of p->arg and prints its
// result under verb; a panic in it is recovered and printed as Go's fmt
// does (method_panicked).
static inline void call_method(printer *p, int32_t verb, bool is_error) {
  p->method_verb = verb;
  p->method_is_error = is_error;
  mg_string_method fn = is_error ? p->arg.t->error : p->arg.t->string;
  mg_string s;
  bool panicked = p->panicking
                      ? call_nested(p, fn, &s)
                      : mg_call_recovering(printer_recovering(p), fn, &s, method_data(p->arg));
  if (!panicked)
    print_string(p, s.ptr, s.len, verb);
}

// Error values print their Error() text under the string verbs; %w takes
// the operand as the error Errorf wraps. Returns whether it printed.
static bool handle_methods(printer *p, int32_t verb) {
  if (p->erroring)
    return false;
  bool is_error = is_error_type(p->arg.t);
  if (verb == 'w') {
    if (!is_error || !p->wrap_errs || p->has_wrapped) {
      p->has_wrapped = false;
      p->wrap_errs = false;
      bad_verb(p, verb);
      return true;
    }
    p->has_wrapped = true;
    p->wrapped = (mg_iface){p->arg.t, method_data(p->arg)};
    verb = 'v';
  }
  // A GoStringer (%#v) would be consulted here, through a descriptor
  // slot of its own, once compiled types can have it.
  if (p->f.sharp_v || !(is_error || p->arg.t->string))
    return false;
  if (verb != 'v' && verb != 's' && verb != 'x' && verb != 'X' && verb != 'q')
    return false;
  if (!is_error) {
    call_method(p, verb, false);
    return true;
  }
  if (!is_runtime_error_type(p->arg.t)) {
    call_method(p, verb, true);
    return true;
  }
  uint8_t storage[256];
  mg_buf text;
  mg_buf_init(&text, storage, sizeof storage);
  mg_iface err = {p->arg.t, method_data(p->arg)};
  mg_error_write(&text, &err);
  print_string(p, text.p, (mg_int)text.len, verb);
  mg_buf_free(&text);
  return true;
}

// The elements of an array or a non-nil slice: [a b] or, under %#v, the
// type's name and {a, b}.
static void print_elements(printer *p, value v, const void *base, mg_int n,
                           int32_t verb, int depth) {
  const mg_type *et = v.t->elem;
  if (p->f.sharp_v)
    mg_buf_mgstr(&p->buf, &v.t->name);
  mg_buf_byte(&p->buf, p->f.sharp_v ? '{' : '[');
  for (mg_int i = 0; i < n; i++) {
    if (i > 0)
      mg_buf_str(&p->buf, p->f.sharp_v ? ", " : " ");
    const uint8_t *addr = (const uint8_t *)base + (size_t)i * et->size;
    print_value(p, element(et, addr, v.ro), verb, depth + 1);
  }
  mg_buf_byte(&p->buf, p->f.sharp_v ? '}' : ']');
}

// Slices and arrays of bytes (of any type whose kind is uint8) print as
// byte strings under the string verbs.
static bool is_byte_string_verb(const mg_type *t, int32_t verb) {
  return (verb == 's' || verb == 'q' || verb == 'x' || verb == 'X') &&
         t->elem->kind == MG_UINT8;
}

static void print_slice(printer *p, value v, int32_t verb, int depth) {
  const mg_slice *s = v.p;
  if (is_byte_string_verb(v.t, verb)) {
    print_bytes(p, s->ptr, s->len, v, verb, &v.t->name);
  } else if (p->f.sharp_v && !s->ptr) {
    mg_buf_mgstr(&p->buf, &v.t->name);
    mg_buf_str(&p->buf, "(nil)");
  } else {
    print_elements(p, v, s->ptr, s->len, verb, depth);
  }
}

static void print_array(printer *p, value v, int32_t verb, int depth) {
  if (is_byte_string_verb(v.t, verb))
    print_bytes(p, v.p, v.t->len, v, verb, &v.t->name);
  else
    print_elements(p, v, v.p, v.t->len, verb, depth);
}

// An embedded field's name is its type's name without package or '*'
// (codegen may give either spelling).
static mg_string field_name(const mg_field *f) {
  mg_string n = f->name;
  if (!f->embedded)
    return n;
  for (mg_int i = n.len; i > 0; i--) {
    if (n.ptr[i - 1] == '.' || n.ptr[i - 1] == '*')
      return (mg_string){n.ptr + i, n.len - i};
  }
  return n;
}

// Go's exported names start with an upper-case letter. Only ASCII ones
// are recognized: a name starting with a non-ASCII upper-case letter is
// taken as unexported.
static bool is_exported(const mg_string *name) {
  return name->len > 0 && name->ptr[0] >= 'A' && name->ptr[0] <= 'Z';
}

// getField: field i of the struct v, a non-nil interface replaced by the
// value it holds.
static value field_value(value v, const mg_field *f) {
  mg_string name = field_name(f);
  bool ro = v.ro || !is_exported(&name);
  value fv = element(f->type, (const uint8_t *)v.p + f->offset, ro);
  if (f->type->kind == MG_IFACE) {
    const mg_iface *i = fv.p;
    if (i->type) {
      fv = (value){mg_iface_type(f->type, i), NULL, ro};
      fv.p = mg_type_is_direct(fv.t) ? (const void *)&i->data : i->data;
    }
  }
  return fv;
}

static void print_struct(printer *p, value v, int32_t verb, int depth) {
  const mg_type *t = v.t;
  if (p->f.sharp_v)
    mg_buf_mgstr(&p->buf, &t->name);
  mg_buf_byte(&p->buf, '{');
  for (mg_int i = 0; i < t->len; i++) {
    const mg_field *f = &t->fields[i];
    if (i > 0)
      mg_buf_str(&p->buf, p->f.sharp_v ? ", " : " ");
    if (p->f.plus_v || p->f.sharp_v) {
      mg_string name = field_name(f);
      mg_buf_mgstr(&p->buf, &name);
      mg_buf_byte(&p->buf, ':');
    }
    print_value(p, field_value(v, f), verb, depth + 1);
  }
  mg_buf_byte(&p->buf, '}');
}

// A pointer to an array, slice or struct shows what it points to at the
// top level (&{1 2}); deeper, as in a cycle, only its address.
static void print_pointer_value(printer *p, value v, int32_t verb, int depth) {
  const void *target = *(const void *const *)v.p;
  uint32_t k = v.t->elem->kind;
  if (depth == 0 && target &&
      (k == MG_ARRAY || k == MG_SLICE || k == MG_STRUCT || k == MG_MAP)) {
    mg_buf_byte(&p->buf, '&');
    print_value(p, element(v.t->elem, target, v.ro), verb, depth + 1);
    return;
  }
  print_pointer(p, v, verb);
}

// map[k:v k:v], under %#v map[K]V{k:v, k:v}, in fmtsort's order
// (fmtsort.c).
static void print_map(printer *p, value v, int32_t verb, int depth) {
  mg_map *m = *(mg_map *const *)v.p;
  if (p->f.sharp_v) {
    mg_buf_mgstr(&p->buf, &v.t->name);
    if (!m) {
      mg_buf_str(&p->buf, "(nil)");
      return;
    }
  }
  mg_buf_str(&p->buf, p->f.sharp_v ? "{" : "map[");
  mg_int n;
  mg_map_entry *e = mg_map_sorted(v.t, m, &n);
  for (mg_int i = 0; i < n; i++) {
    if (i > 0)
      mg_buf_str(&p->buf, p->f.sharp_v ? ", " : " ");
    print_value(p, element(v.t->key, e[i].key, v.ro), verb, depth + 1);
    mg_buf_byte(&p->buf, ':');
    print_value(p, element(v.t->elem, e[i].elem, v.ro), verb, depth + 1);
  }
  mg_buf_byte(&p->buf, p->f.sharp_v ? '}' : ']');
}

static void print_interface(printer *p, value v, int32_t verb, int depth) {
  const mg_iface *i = v.p;
  if (i->type) {
    value elem = {mg_iface_type(v.t, i), NULL, v.ro};
    elem.p = mg_type_is_direct(elem.t) ? (const void *)&i->data : i->data;
    print_value(p, elem, verb, depth + 1);
  } else if (p->f.sharp_v) {
    mg_buf_mgstr(&p->buf, &v.t->name);
    mg_buf_str(&p->buf, "(nil)");
  } else {
    mg_buf_str(&p->buf, "<nil>");
  }
}

static void print_value(printer *p, value v, int32_t verb, int depth) {
  if (depth > 0 && v.t && v.t->kind != MG_IFACE && !v.ro) {
    p->arg_is_set = true;
    p->arg = v;
    if (handle_methods(p, verb))
      return;
  }
  p->arg_is_set = false;
  p->cur = v;
  const mg_type *t = v.t;
  switch (t->kind) {
  case MG_BOOL: print_bool(p, *(const bool *)v.p, verb); break;
  case MG_STRING: {
    const mg_string *s = v.p;
    print_string(p, s->ptr, s->len, verb);
    break;
  }
  case MG_SLICE: print_slice(p, v, verb, depth); break;
  case MG_ARRAY: print_array(p, v, verb, depth); break;
  case MG_STRUCT: print_struct(p, v, verb, depth); break;
  case MG_PTR: print_pointer_value(p, v, verb, depth); break;
  case MG_FUNC:
  case MG_CHAN: print_pointer(p, v, verb); break;
  case MG_IFACE: print_interface(p, v, verb, depth); break;
  case MG_MAP: print_map(p, v, verb, depth); break;
  case MG_ERROR_PTR:
  case MG_ERROR_VALUE: print_error_value(p, v, verb, depth); break;
  default:
    if (is_integer(t))
      print_integer(p, integer_bits(v), is_signed_kind(t->kind), verb);
    else if (is_float_kind(t->kind))
      print_float_value(p, v.t, v.p, verb);
    else
      mg_buf_str(&p->buf, "?");
  }
}

// The cases of Go's fast path, a type switch on the predeclared types:
// not the defined types whose underlying type they are, which go through
// handleMethods first (where %w of a non-error ends Errorf's wrapping)
// even without methods. A defined type's name has its package's, and the
// dot after it comes within a few bytes (memchr, a call, took longer).
static bool is_predeclared_basic(const mg_type *t) {
  bool basic = t->kind == MG_BOOL || is_integer(t) || t->kind == MG_STRING ||
               is_float_kind(t->kind);
  if (!basic)
    return false;
  for (mg_int i = 0; i < t->name.len; i++) {
    if (t->name.ptr[i] == '.')
      return false;
  }
  return true;
}

static void print_basic(printer *p, const value *v, int32_t verb) {
  const mg_type *t = v->t;
  if (t->kind == MG_BOOL) {
    print_bool(p, *(const bool *)v->p, verb);
  } else if (is_integer(t)) {
    print_integer(p, integer_bits(*v), is_signed_kind(t->kind), verb);
  } else if (t->kind == MG_STRING) {
    const mg_string *s = v->p;
    print_string(p, s->ptr, s->len, verb);
  } else {
    print_float_value(p, t, v->p, verb);
  }
}

// Go's printArg, of the operand p->arg. The operand stays there rather
// than being passed as a value: GCC passes a struct of this size through
// memory, built by narrower stores than the loads that copy it, and each
// such copy stalls (store forwarding fails), near a tenth of fmt.Sprint of
// a float.
static void print_operand(printer *p, int32_t verb) {
  p->arg_is_set = true;
  const value *arg = &p->arg;
  if (!arg->t) {
    if (verb == 'T' || verb == 'v')
      pad_cstr(p, "<nil>");
    else
      bad_verb(p, verb);
    return;
  }
  if (verb == 'T') {
    fmt_s(p, arg->t->name.ptr, arg->t->name.len);
    return;
  }
  if (verb == 'p') {
    print_pointer(p, *arg, 'p');
    return;
  }
  const mg_type *t = arg->t;
  if (is_predeclared_basic(t)) {
    print_basic(p, arg, verb);
  } else if (is_bytes(t)) {
    static const mg_string byte_slice = {(const uint8_t *)"[]byte", 6};
    const mg_slice *s = arg->p;
    print_bytes(p, s->ptr, s->len, *arg, verb, &byte_slice);
  } else if (!handle_methods(p, verb)) {
    print_value(p, *arg, verb, 0);
  }
}

static void print_arg(printer *p, const mg_iface *arg, int32_t verb) {
  p->arg = iface_value(arg);
  print_operand(p, verb);
}

// ---- Print, Println, Printf

static void do_print(printer *p, const mg_iface *args, mg_int n) {
  bool prev_string = false;
  for (mg_int i = 0; i < n; i++) {
    bool is_string = args[i].type && is_string_kind(args[i].type);
    if (i > 0 && !is_string && !prev_string)
      mg_buf_byte(&p->buf, ' ');
    print_arg(p, &args[i], 'v');
    prev_string = is_string;
  }
}

static void do_println(printer *p, const mg_iface *args, mg_int n) {
  for (mg_int i = 0; i < n; i++) {
    if (i > 0)
      mg_buf_byte(&p->buf, ' ');
    print_arg(p, &args[i], 'v');
  }
  mg_buf_byte(&p->buf, '\n');
}

static bool too_large(long x) {
  return x > 1000000 || x < -1000000;
}

// parsenum: a decimal number at s[*i]; a huge one consumes the format.
static bool parse_num(const uint8_t *s, mg_int *i, mg_int end, int *num) {
  long v = 0;
  bool found = false;
  mg_int j = *i;
  for (; j < end && s[j] >= '0' && s[j] <= '9'; j++) {
    if (too_large(v)) {
      *num = 0;
      *i = end;
      return false;
    }
    v = v * 10 + (s[j] - '0');
    found = true;
  }
  *num = (int)v;
  *i = j;
  return found;
}

// A '*' width or precision: the operand if it is an integer that fits.
static bool int_from_arg(const mg_iface *args, mg_int n, mg_int *arg_num, int *num) {
  *num = 0;
  if (*arg_num >= n)
    return false;
  const mg_iface *a = &args[*arg_num];
  (*arg_num)++;
  if (!a->type || !is_integer(a->type))
    return false;
  uint64_t bits = integer_bits(iface_value(a));
  bool is_signed = is_signed_kind(a->type->kind);
  if (!is_signed && (int64_t)bits < 0)
    return false;
  int64_t v = (int64_t)bits;
  if (v != (int64_t)(mg_int)v || too_large((long)v))
    return false;
  *num = (int)v;
  return true;
}

// An explicit argument index "[n]" at format[*i].
static bool arg_number(printer *p, mg_int *arg_num, const uint8_t *s, mg_int *i,
                       mg_int end, mg_int nargs) {
  if (*i >= end || s[*i] != '[')
    return false;
  p->reordered = true;
  mg_int close = -1;
  if (end - *i >= 3) {
    for (mg_int j = *i + 1; j < end; j++) {
      if (s[j] == ']') {
        close = j;
        break;
      }
    }
  }
  if (close < 0) {
    (*i)++;
    p->good_arg_num = false;
    return false;
  }
  mg_int j = *i + 1;
  int index;
  bool ok = parse_num(s, &j, close, &index) && j == close;
  *i = close + 1;
  if (ok && index - 1 >= 0 && index - 1 < nargs) {
    *arg_num = index - 1;
    return true;
  }
  p->good_arg_num = false;
  return ok;
}

static void do_printf(printer *p, const mg_string *format, const mg_iface *args,
                      mg_int n) {
  const uint8_t *s = format->ptr;
  mg_int end = format->len;
  mg_int arg_num = 0;
  bool after_index = false;
  p->reordered = false;
  for (mg_int i = 0; i < end;) {
    p->good_arg_num = true;
    mg_int last = i;
    while (i < end && s[i] != '%')
      i++;
    mg_buf_write(&p->buf, s + last, (size_t)(i - last));
    if (i >= end)
      break;
    i++;
    flags *f = &p->f;
    memset(f, 0, sizeof *f);
    for (; i < end; i++) {
      uint8_t c = s[i];
      if (c == '#')
        f->sharp = true;
      else if (c == '0')
        f->zero = !f->minus;  // zero padding only on the left
      else if (c == '+')
        f->plus = true;
      else if (c == '-') {
        f->minus = true;
        f->zero = false;
      } else if (c == ' ')
        f->space = true;
      else
        break;
    }
    after_index = arg_number(p, &arg_num, s, &i, end, n);
    if (i < end && s[i] == '*') {
      i++;
      f->wid_present = int_from_arg(args, n, &arg_num, &f->wid);
      if (!f->wid_present)
        mg_buf_str(&p->buf, "%!(BADWIDTH)");
      if (f->wid < 0) {
        f->wid = -f->wid;
        f->minus = true;
        f->zero = false;
      }
      after_index = false;
    } else {
      f->wid_present = parse_num(s, &i, end, &f->wid);
      if (after_index && f->wid_present)
        p->good_arg_num = false;
    }
    if (i + 1 < end && s[i] == '.') {
      i++;
      if (after_index)
        p->good_arg_num = false;
      after_index = arg_number(p, &arg_num, s, &i, end, n);
      if (i < end && s[i] == '*') {
        i++;
        f->prec_present = int_from_arg(args, n, &arg_num, &f->prec);
        if (f->prec < 0) {
          f->prec = 0;
          f->prec_present = false;
        }
        if (!f->prec_present)
          mg_buf_str(&p->buf, "%!(BADPREC)");
        after_index = false;
      } else {
        parse_num(s, &i, end, &f->prec);
        f->prec_present = true;  // "%.d" means precision 0
      }
    }
    if (!after_index)
      after_index = arg_number(p, &arg_num, s, &i, end, n);
    if (i >= end) {
      mg_buf_str(&p->buf, "%!(NOVERB)");
      break;
    }
    int32_t verb = s[i];
    int size = 1;
    if (verb >= 0x80)
      size = mg_utf8_decode(s + i, end - i, &verb);
    i += size;
    if (verb == '%') {
      mg_buf_byte(&p->buf, '%');  // takes no operand, ignores the flags
    } else if (!p->good_arg_num) {
      mg_buf_str(&p->buf, "%!");
      mg_buf_rune(&p->buf, verb);
      mg_buf_str(&p->buf, "(BADINDEX)");
    } else if (arg_num >= n) {
      mg_buf_str(&p->buf, "%!");
      mg_buf_rune(&p->buf, verb);
      mg_buf_str(&p->buf, "(MISSING)");
    } else {
      if (verb == 'v') {
        f->sharp_v = f->sharp;
        f->sharp = false;
        f->plus_v = f->plus;
        f->plus = false;
      }
      print_arg(p, &args[arg_num], verb);
      arg_num++;
    }
  }
  // Leftover operands, unless explicit indexes made that unknowable.
  if (!p->reordered && arg_num < n) {
    memset(&p->f, 0, sizeof p->f);
    mg_buf_str(&p->buf, "%!(EXTRA ");
    for (mg_int k = arg_num; k < n; k++) {
      if (k > arg_num)
        mg_buf_str(&p->buf, ", ");
      if (!args[k].type) {
        mg_buf_str(&p->buf, "<nil>");
      } else {
        mg_buf_mgstr(&p->buf, &args[k].type->name);
        mg_buf_byte(&p->buf, '=');
        print_arg(p, &args[k], 'v');
      }
    }
    mg_buf_byte(&p->buf, ')');
  }
}

// ---- the runtime.h entry points

// Every field of a new printer, set one by one: GCC (generic x86-64
// tuning) clears a struct of this size with rep stos, whether by memset or
// by an initializer, and that took a seventh of the time of fmt.Sprint of
// a float. Set here what a new field needs too.
static void printer_init(printer *p, uint8_t *storage, size_t cap, mg_recovering *r) {
  mg_buf_init(&p->buf, storage, cap);
  p->f = (flags){0};
  p->arg_is_set = false;
  p->arg = p->cur = (value){0};
  p->erroring = p->panicking = false;
  p->recovering = r;
  p->recovering_ready = false;
  p->method_verb = 0;
  p->method_is_error = false;
  p->wrap_errs = p->has_wrapped = false;
  p->wrapped = (mg_iface){0};
  p->reordered = p->good_arg_num = false;
}

#define PRINTER(name)                  \
  uint8_t name##_storage[512];         \
  mg_recovering name##_recovering;     \
  printer name;                        \
  printer_init(&name, name##_storage, sizeof name##_storage, &name##_recovering)

// One write loop per call, so stdout and stderr interleave as under Go.
static mg_int flush_stdout(printer *p) {
  mg_write_all(1, p->buf.p, p->buf.len);
  mg_int n = (mg_int)p->buf.len;
  mg_buf_free(&p->buf);
  return n;
}

static void to_string(mg_string *out, printer *p) {
  mg_string_make(out, p->buf.p, (mg_int)p->buf.len);
  mg_buf_free(&p->buf);
}

mg_int mg_fmt_print(const mg_iface *args, mg_int n) {
  PRINTER(p);
  do_print(&p, args, n);
  return flush_stdout(&p);
}

mg_int mg_fmt_println(const mg_iface *args, mg_int n) {
  PRINTER(p);
  do_println(&p, args, n);
  return flush_stdout(&p);
}

mg_int mg_fmt_printf(const mg_string *format, const mg_iface *args, mg_int n) {
  PRINTER(p);
  do_printf(&p, format, args, n);
  return flush_stdout(&p);
}

void mg_fmt_sprint(mg_string *out, const mg_iface *args, mg_int n) {
  PRINTER(p);
  do_print(&p, args, n);
  to_string(out, &p);
}

void mg_fmt_sprintln(mg_string *out, const mg_iface *args, mg_int n) {
  PRINTER(p);
  do_println(&p, args, n);
  to_string(out, &p);
}

void mg_fmt_sprintf(mg_string *out, const mg_string *format,
                    const mg_iface *args, mg_int n) {
  PRINTER(p);
  do_printf(&p, format, args, n);
  to_string(out, &p);
}

void mg_fmt_errorf(mg_iface *out, const mg_string *format,
                   const mg_iface *args, mg_int n) {
  PRINTER(p);
  p.wrap_errs = true;
  do_printf(&p, format, args, n);
  mg_string text;
  to_string(&text, &p);
  if (!p.has_wrapped) {
    mg_errors_new(out, &text);
    return;
  }
  mg_wrap_error *e = mg_alloc(sizeof *e);
  e->msg = text;
  e->err = p.wrapped;
  mg_error_value(out, &mg_type_fmt_wrapError, e);
}

void mg_errors_new(mg_iface *out, const mg_string *text) {
  // A new object each time: errors compare by pointer identity.
  mg_errors_string *e = mg_alloc(sizeof *e);
  e->s = *text;
  mg_error_value(out, &mg_type_errors_errorString, e);
}

