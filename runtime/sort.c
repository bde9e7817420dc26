// The compiler-generated functions of package sort (std/sort/slice.go):
// what sort.Slice needs of reflection, read from an interface {} value.
#include "runtime.h"
#include <string.h>

// reflect.Kind's String of a descriptor's kind. The runtime's own error
// types are pointers or structs in Go too.
static const char *reflect_kind_name(uint32_t kind) {
  static const char *const names[] = {
    [MG_BOOL] = "bool", [MG_INT] = "int", [MG_INT8] = "int8", [MG_INT16] = "int16",
    [MG_INT32] = "int32", [MG_INT64] = "int64", [MG_UINT] = "uint", [MG_UINT8] = "uint8",
    [MG_UINT16] = "uint16", [MG_UINT32] = "uint32", [MG_UINT64] = "uint64",
    [MG_UINTPTR] = "uintptr", [MG_STRING] = "string", [MG_SLICE] = "slice",
    [MG_FUNC] = "func", [MG_ERROR_PTR] = "ptr", [MG_ERROR_VALUE] = "struct",
    [MG_IFACE] = "interface", [MG_ARRAY] = "array", [MG_STRUCT] = "struct", [MG_PTR] = "ptr",
    [MG_FLOAT32] = "float32", [MG_FLOAT64] = "float64", [MG_COMPLEX64] = "complex64",
    [MG_COMPLEX128] = "complex128", [MG_MAP] = "map", [MG_CHAN] = "chan",
  };
  if (kind < sizeof names / sizeof names[0] && names[kind])
    return names[kind];
  return "invalid";
}

void mg_sort_slice_kind(mg_string *out, const mg_iface *x) {
  const char *name = x->type ? reflect_kind_name(x->type->kind) : "";
  out->ptr = (const uint8_t *)name;
  out->len = (mg_int)strlen(name);
}

mg_int mg_sort_slice_len(const mg_iface *x) {
  switch (x->type->kind) {
  case MG_SLICE: return ((const mg_slice *)x->data)->len;
  case MG_STRING: return ((const mg_string *)x->data)->len;
  case MG_ARRAY: return x->type->len;
  case MG_MAP: return x->data ? *(const mg_int *)x->data : 0; // count is a map's first word
  default: return 0;
  }
}

// Swaps through a small buffer so that elements of any size move without
// an allocation; the collector scans the stack conservatively, so a
// pointer in flight in buf keeps its object alive.
void mg_sort_slice_swap(const mg_iface *x, mg_int i, mg_int j) {
  const mg_slice *s = x->data;
  size_t size = x->type->elem->size;
  uint8_t *a = (uint8_t *)s->ptr + (size_t)i * size;
  uint8_t *b = (uint8_t *)s->ptr + (size_t)j * size;
  uint8_t buf[64];
  for (size_t off = 0; off < size; off += sizeof buf) {
    size_t n = size - off < sizeof buf ? size - off : sizeof buf;
    memcpy(buf, a + off, n);
    memcpy(a + off, b + off, n);
    memcpy(b + off, buf, n);
  }
}
