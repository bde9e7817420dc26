// util.c: allocation that cannot fail from the caller's view, and Vec.
#include "minigo.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

// The compiler frees nothing: a compilation is one process. A process that
// compiles many inputs (the fuzzing harness) turns on tracking before its
// first allocation: every block then starts with a header, and the blocks
// allocated while tracking is on are linked so that mem_free_tracked() can
// release one compilation's memory at once.
typedef union Header {
  struct {
    union Header *prev, *next;  // NULL, NULL: not tracked
  } link;
  max_align_t align;  // keeps the block after the header aligned
} Header;

static bool headers;        // blocks carry a Header (set before any allocation)
static bool tracking;       // new blocks are linked
static Header tracked = {.link = {&tracked, &tracked}};

void mem_use_headers(void) {
  headers = true;
}

void mem_track(bool on) {
  tracking = on;
}

static void link_block(Header *h) {
  h->link.prev = tracked.link.prev;
  h->link.next = &tracked;
  tracked.link.prev->link.next = h;
  tracked.link.prev = h;
}

static void unlink_block(Header *h) {
  h->link.prev->link.next = h->link.next;
  h->link.next->link.prev = h->link.prev;
}

void mem_free_tracked(void) {
  Header *h = tracked.link.next;
  while (h != &tracked) {
    Header *next = h->link.next;
    free(h);
    h = next;
  }
  tracked.link.prev = tracked.link.next = &tracked;
}

static void *with_header(Header *h) {
  if (tracking)
    link_block(h);
  else
    h->link.prev = h->link.next = NULL;
  return h + 1;
}

void *xmalloc(size_t n) {
  if (headers) {
    Header *h = n < SIZE_MAX - sizeof(Header) ? malloc(sizeof(Header) + n) : NULL;
    if (!h)
      die("out of memory allocating %zu bytes", n);
    return with_header(h);
  }
  void *p = malloc(n ? n : 1);
  if (!p)
    die("out of memory allocating %zu bytes", n);
  return p;
}

void *xcalloc(size_t count, size_t n) {
  if (headers) {
    if (n && count > SIZE_MAX / n)
      die("out of memory allocating %zu x %zu bytes", count, n);
    return memset(xmalloc(count * n), 0, count * n);
  }
  void *p = calloc(count ? count : 1, n ? n : 1);
  if (!p)
    die("out of memory allocating %zu x %zu bytes", count, n);
  return p;
}

void *xrealloc(void *p, size_t n) {
  if (headers && p) {
    Header *h = (Header *)p - 1;
    bool was_tracked = h->link.next != NULL;
    if (was_tracked)
      unlink_block(h);
    h = n < SIZE_MAX - sizeof(Header) ? realloc(h, sizeof(Header) + n) : NULL;
    if (!h)
      die("out of memory reallocating %zu bytes", n);
    if (was_tracked)
      link_block(h);
    return h + 1;
  }
  if (headers)
    return xmalloc(n);
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

char *xvformat(const char *fmt, va_list ap) {
  va_list ap2;
  va_copy(ap2, ap);
  int n = vsnprintf(NULL, 0, fmt, ap2);
  va_end(ap2);
  if (n < 0)
    die("cannot format \"%s\"", fmt);
  char *buf = xmalloc((size_t)n + 1);
  vsnprintf(buf, (size_t)n + 1, fmt, ap);
  return buf;
}

char *xformat(const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  char *buf = xvformat(fmt, ap);
  va_end(ap);
  return buf;
}

void vec_push(Vec *v, void *item) {
  if (v->len == v->cap) {
    v->cap = v->cap ? v->cap * 2 : 4;
    v->items = xrealloc(v->items, sizeof(void *) * (size_t)v->cap);
  }
  v->items[v->len++] = item;
}

static size_t ptr_hash(const void *p, int cap) {
  uint64_t h = (uint64_t)(uintptr_t)p * 0x9E3779B97F4A7C15u;  // Fibonacci hashing
  return (size_t)(h >> 32) & (size_t)(cap - 1);
}

static void ptrset_grow(PtrSet *s) {
  PtrSet bigger = {xcalloc((size_t)(s->cap ? s->cap * 2 : 16), sizeof(void *)), 0,
                   s->cap ? s->cap * 2 : 16};
  for (int i = 0; i < s->cap; i++)
    if (s->slots[i])
      ptrset_add(&bigger, s->slots[i]);
  *s = bigger;
}

void ptrset_add(PtrSet *s, void *p) {
  if (2 * (s->len + 1) > s->cap)
    ptrset_grow(s);
  size_t i = ptr_hash(p, s->cap);
  while (s->slots[i] && s->slots[i] != p)
    i = (i + 1) & (size_t)(s->cap - 1);
  if (!s->slots[i]) {
    s->slots[i] = p;
    s->len++;
  }
}

bool ptrset_has(const PtrSet *s, const void *p) {
  if (!s->cap)
    return false;
  size_t i = ptr_hash(p, s->cap);
  while (s->slots[i]) {
    if (s->slots[i] == p)
      return true;
    i = (i + 1) & (size_t)(s->cap - 1);
  }
  return false;
}
