// util.c: allocation that cannot fail from the caller's view, and Vec.
#include "minigo.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void *xmalloc(size_t n) {
  void *p = malloc(n ? n : 1);
  if (!p)
    die("out of memory allocating %zu bytes", n);
  return p;
}

void *xcalloc(size_t count, size_t n) {
  void *p = calloc(count ? count : 1, n ? n : 1);
  if (!p)
    die("out of memory allocating %zu x %zu bytes", count, n);
  return p;
}

void *xrealloc(void *p, size_t n) {
  p = realloc(p, n ? n : 1);
  if (!p)
    die("out of memory reallocating %zu bytes", n);
  return p;
}

char *xstrdup(const char *s) {
  return xstrndup(s, strlen(s));
}

char *xstrndup(const char *s, size_t n) {
  char *p = xmalloc(n + 1);
  memcpy(p, s, n);
  p[n] = '\0';
  return p;
}

char *format(const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  char *buf = NULL;
  int n = vasprintf(&buf, fmt, ap);
  va_end(ap);
  if (n < 0)
    die("out of memory formatting a message");
  return buf;
}

void vec_push(Vec *v, void *item) {
  if (v->len == v->cap) {
    v->cap = v->cap ? v->cap * 2 : 4;
    v->items = xrealloc(v->items, sizeof(void *) * (size_t)v->cap);
  }
  v->items[v->len++] = item;
}
