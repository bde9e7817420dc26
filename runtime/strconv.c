// strconv.c: what the Mini source of package strconv cannot do itself:
// correctly rounded decimal and hexadecimal parsing, and float formatting
// through the formatter fmt uses (ftoa.c).
#include "internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

// strconv.ParseFloat's conversion. strconv has already checked Go's
// syntax and rewritten s as digits and an exponent ("-123e-4",
// "0xABCp-7"), so the C library's correctly rounded strtod/strtof (in the
// "C" locale: the runtime never sets another) reads it all; an overflow
// comes back as an infinity, an underflow as a zero, as in Go.
double mg_strconv_parse_float(const mg_string *s, mg_int bit_size) {
  char storage[128];
  size_t n = (size_t)s->len;
  char *z = n < sizeof storage ? storage : malloc(n + 1);
  if (z == NULL)
    mg_throw("out of memory");
  memcpy(z, s->ptr, n);
  z[n] = '\0';
  double v = bit_size == 32 ? (double)strtof(z, NULL) : strtod(z, NULL);
  if (z != storage)
    free(z);
  return v;
}

static bool float_format_known(char fmt) {
  return strchr("beEfgGxX", fmt) != NULL && fmt != '\0';
}

// strconv.FormatFloat for bit sizes 32 and 64 (strconv rejects others).
// Infinities and NaN print as such whatever the format; any other value
// in an unknown format is '%' and the format's byte, as Go writes it.
void mg_strconv_format_float(mg_string *out, double v, int32_t fmt, mg_int prec,
                             mg_int bit_size) {
  uint8_t storage[64];
  mg_buf b;
  mg_buf_init(&b, storage, sizeof storage);
  double shown = bit_size == 32 ? (double)(float)v : v;
  if (!float_format_known((char)fmt) && isfinite(shown)) {
    mg_buf_byte(&b, '%');
    mg_buf_byte(&b, (uint8_t)fmt);
  } else {
    mg_ftoa(&b, v, (char)fmt, prec < 0 ? -1 : (int)prec, (int)bit_size);
  }
  mg_string_make(out, b.p, (mg_int)b.len);
  mg_buf_free(&b);
}
