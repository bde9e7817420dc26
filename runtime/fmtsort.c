// fmtsort.c: the order in which fmt prints a map's entries, Go's
// internal/fmtsort: numbers and strings in their order (NaNs first), false
// before true, pointers by address, arrays and structs element by element,
// interfaces nil first, then by dynamic type, then by value.
#define _GNU_SOURCE  // qsort_r
#include "internal.h"

#include <stdlib.h>
#include <string.h>

static int sign(bool less, bool greater) {
  return less ? -1 : greater ? 1 : 0;
}

static int64_t signed_value(const mg_type *t, const void *p) {
  switch (t->size) {
  case 1: return *(const int8_t *)p;
  case 2: return *(const int16_t *)p;
  case 4: return *(const int32_t *)p;
  default: return *(const int64_t *)p;
  }
}

static uint64_t unsigned_value(const mg_type *t, const void *p) {
  switch (t->size) {
  case 1: return *(const uint8_t *)p;
  case 2: return *(const uint16_t *)p;
  case 4: return *(const uint32_t *)p;
  default: return *(const uint64_t *)p;
  }
}

// NaN first. Go's floatCompare has a NaN less than another NaN too ("no
// good answer"); equal here keeps the order a consistent one for qsort,
// and NaNs come out among themselves in the map's random order either way.
static int float_compare(double a, double b) {
  if (a != a)
    return b != b ? 0 : -1;
  if (b != b)
    return 1;
  return sign(a < b, a > b);
}

// Go compares the dynamic types' descriptor addresses, which its linker
// orders by size and then name; ordering by name (address for equal
// names) gives Go's order for the types it lays out alike, and a
// deterministic one always.
static int type_compare(const mg_type *a, const mg_type *b) {
  if (a == b)
    return 0;
  int c = (int)mg_string_compare(&a->name, &b->name);
  return c ? c : sign((uintptr_t)a < (uintptr_t)b, (uintptr_t)a > (uintptr_t)b);
}

static int iface_compare(const mg_type *t, const mg_iface *a, const mg_iface *b) {
  const mg_type *ta = mg_iface_type(t, a), *tb = mg_iface_type(t, b);
  if (!ta || !tb)
    return sign(!ta && tb, ta && !tb);
  int c = type_compare(ta, tb);
  if (c)
    return c;
  mg_iface x = {ta, a->data}, y = {tb, b->data};
  return mg_fmtsort_compare(ta, mg_iface_value(&x), mg_iface_value(&y));
}

int mg_fmtsort_compare(const mg_type *t, const void *a, const void *b) {
  switch (t->kind) {
  case MG_INT:
  case MG_INT8:
  case MG_INT16:
  case MG_INT32:
  case MG_INT64: {
    int64_t x = signed_value(t, a), y = signed_value(t, b);
    return sign(x < y, x > y);
  }
  case MG_UINT:
  case MG_UINT8:
  case MG_UINT16:
  case MG_UINT32:
  case MG_UINT64:
  case MG_UINTPTR: {
    uint64_t x = unsigned_value(t, a), y = unsigned_value(t, b);
    return sign(x < y, x > y);
  }
  case MG_STRING: return (int)mg_string_compare(a, b);
  case MG_FLOAT32: return float_compare(*(const float *)a, *(const float *)b);
  case MG_FLOAT64: return float_compare(*(const double *)a, *(const double *)b);
  case MG_COMPLEX64: {
    const float *x = a, *y = b;
    int c = float_compare(x[0], y[0]);
    return c ? c : float_compare(x[1], y[1]);
  }
  case MG_COMPLEX128: {
    const double *x = a, *y = b;
    int c = float_compare(x[0], y[0]);
    return c ? c : float_compare(x[1], y[1]);
  }
  case MG_BOOL: return sign(!*(const bool *)a && *(const bool *)b, *(const bool *)a && !*(const bool *)b);
  case MG_PTR:
  case MG_CHAN:
  case MG_ERROR_PTR: {
    uintptr_t x = (uintptr_t) * (void *const *)a, y = (uintptr_t) * (void *const *)b;
    return sign(x < y, x > y);
  }
  case MG_ARRAY:
    for (mg_int i = 0; i < t->len; i++) {
      size_t off = (size_t)i * t->elem->size;
      int c = mg_fmtsort_compare(t->elem, (const uint8_t *)a + off, (const uint8_t *)b + off);
      if (c)
        return c;
    }
    return 0;
  case MG_STRUCT:
    // Every field, blank ones too, as reflect's Field(i) sees them.
    for (mg_int i = 0; i < t->len; i++) {
      const mg_field *f = &t->fields[i];
      int c = mg_fmtsort_compare(f->type, (const uint8_t *)a + f->offset,
                                 (const uint8_t *)b + f->offset);
      if (c)
        return c;
    }
    return 0;
  case MG_IFACE: return iface_compare(t, a, b);
  default: return 0;
  }
}

static int entry_compare(const void *a, const void *b, void *key_type) {
  const mg_map_entry *x = a, *y = b;
  return mg_fmtsort_compare(key_type, x->key, y->key);
}

mg_map_entry *mg_map_sorted(const mg_type *mt, mg_map *m, mg_int *n) {
  mg_int count = m ? *(const mg_int *)m : 0;  // len(m), the map's first word
  *n = 0;
  if (count == 0)
    return NULL;
  // Entry addresses stay good if a String method called while printing
  // grows the map: a replaced table lives on while anything addresses it.
  mg_map_entry *e = mg_alloc((mg_int)sizeof *e * count);
  mg_map_iter it;
  mg_map_iter_init(mt, m, &it);
  for (; it.key && *n < count; mg_map_iter_next(&it))
    e[(*n)++] = (mg_map_entry){it.key, it.elem};
  qsort_r(e, (size_t)*n, sizeof *e, entry_compare, (void *)mt->key);
  return e;
}
