// print.c: the built-ins print and println (Go's runtime/print.go formats,
// unbuffered on stderr) and the small output helpers the runtime shares.
#include "internal.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

void mg_write_all(int fd, const void *p, size_t n) {
  const uint8_t *s = p;
  while (n > 0) {
    ssize_t w = write(fd, s, n);
    if (w < 0) {
      if (errno == EINTR)
        continue;
      return;
    }
    s += w;
    n -= (size_t)w;
  }
}

void mg_write_str(int fd, const char *s) {
  mg_write_all(fd, s, strlen(s));
}

char *mg_utoa(char *end, uint64_t v) {
  char *p = end;
  do {
    *--p = (char)('0' + v % 10);
    v /= 10;
  } while (v != 0);
  return p;
}

char *mg_itoa(char *end, int64_t v) {
  // Negating in unsigned arithmetic keeps INT64_MIN exact.
  if (v >= 0)
    return mg_utoa(end, (uint64_t)v);
  char *p = mg_utoa(end, -(uint64_t)v);
  *--p = '-';
  return p;
}

char *mg_utoa_hex(char *end, uint64_t v) {
  char *p = end;
  do {
    *--p = "0123456789abcdef"[v & 15];
    v >>= 4;
  } while (v != 0);
  return p;
}

// ---- mg_buf

void mg_buf_free_heap(mg_buf *b) {
  free(b->p);
}

void mg_buf_realloc(mg_buf *b, size_t extra) {
  size_t cap = b->cap * 2 + extra;
  uint8_t *p = b->heap ? realloc(b->p, cap) : malloc(cap);
  if (!p)
    mg_throw("runtime: out of memory");
  if (!b->heap && b->len > 0)
    memcpy(p, b->p, b->len);
  b->p = p;
  b->cap = cap;
  b->heap = true;
}

void mg_buf_str(mg_buf *b, const char *s) {
  mg_buf_write(b, s, strlen(s));
}

void mg_buf_mgstr(mg_buf *b, const mg_string *s) {
  mg_buf_write(b, s->ptr, (size_t)s->len);
}

void mg_buf_rune(mg_buf *b, int32_t r) {
  uint8_t tmp[MG_UTF_MAX];
  mg_buf_write(b, tmp, (size_t)mg_utf8_encode(tmp, r));
}

// ---- print and println

void mg_print_int(int64_t v) {
  char buf[24];
  char *end = buf + sizeof buf;
  char *p = mg_itoa(end, v);
  mg_write_all(2, p, (size_t)(end - p));
}

void mg_print_uint(uint64_t v) {
  char buf[24];
  char *end = buf + sizeof buf;
  char *p = mg_utoa(end, v);
  mg_write_all(2, p, (size_t)(end - p));
}

void mg_print_bool(bool v) {
  mg_write_str(2, v ? "true" : "false");
}

void mg_print_string(const mg_string *s) {
  mg_write_all(2, s->ptr, (size_t)s->len);
}

void mg_print_pointer(const void *p) {
  char buf[24];
  char *end = buf + sizeof buf;
  char *s = mg_utoa_hex(end, (uintptr_t)p);
  *--s = 'x';
  *--s = '0';
  mg_write_all(2, s, (size_t)(end - s));
}

void mg_print_slice(const mg_slice *s) {
  mg_write_str(2, "[");
  mg_print_int(s->len);
  mg_write_str(2, "/");
  mg_print_int(s->cap);
  mg_write_str(2, "]");
  mg_print_pointer(s->ptr);
}

void mg_print_iface(const mg_iface *v) {
  mg_write_str(2, "(");
  mg_print_pointer(v->type);
  mg_write_str(2, ",");
  mg_print_pointer(v->data);
  mg_write_str(2, ")");
}

void mg_print_space(void) {
  mg_write_str(2, " ");
}

void mg_print_newline(void) {
  mg_write_str(2, "\n");
}

// Go's printfloat: seven significant digits found with float64
// arithmetic (not correctly rounded: 0.3 prints as +3.000000e-001 but
// some values' last digit differs from %e), which this repeats operation
// for operation so that every value prints as under Go.
void mg_print_float(double v) {
  if (v != v) {
    mg_write_str(2, "NaN");
    return;
  }
  if (v + v == v && v != 0) {
    mg_write_str(2, v > 0 ? "+Inf" : "-Inf");
    return;
  }
  enum { N = 7 };  // digits printed
  char buf[N + 7];
  buf[0] = '+';
  int e = 0;
  if (v == 0) {
    if (1 / v < 0)
      buf[0] = '-';
  } else {
    if (v < 0) {
      v = -v;
      buf[0] = '-';
    }
    while (v >= 10) {
      e++;
      v /= 10;
    }
    while (v < 1) {
      e--;
      v *= 10;
    }
    double h = 5.0;
    for (int i = 0; i < N; i++)
      h /= 10;
    v += h;
    if (v >= 10) {
      e++;
      v /= 10;
    }
  }
  for (int i = 0; i < N; i++) {
    int s = (int)v;
    buf[i + 2] = (char)(s + '0');
    v -= (double)s;
    v *= 10;
  }
  buf[1] = buf[2];
  buf[2] = '.';
  buf[N + 2] = 'e';
  buf[N + 3] = '+';
  if (e < 0) {
    e = -e;
    buf[N + 3] = '-';
  }
  buf[N + 4] = (char)(e / 100 + '0');
  buf[N + 5] = (char)(e / 10 % 10 + '0');
  buf[N + 6] = (char)(e % 10 + '0');
  mg_write_all(2, buf, sizeof buf);
}

void mg_print_complex(double re, double im) {
  mg_write_str(2, "(");
  mg_print_float(re);
  mg_print_float(im);
  mg_write_str(2, "i)");
}
