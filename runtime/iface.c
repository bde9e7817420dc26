// iface.c: interface comparison and assertion failures, and the error
// types that the runtime itself defines (errors, fmt and runtime errors).
#include "internal.h"

#include <stdlib.h>
#include <string.h>

// ---- Error() of each runtime-defined error type, written into a buffer

static void errors_string_write(mg_buf *b, const void *data) {
  mg_buf_mgstr(b, &((const mg_errors_string *)data)->s);
}

static void wrap_error_write(mg_buf *b, const void *data) {
  mg_buf_mgstr(b, &((const mg_wrap_error *)data)->msg);
}

static void rt_error_string_write(mg_buf *b, const void *data) {
  const mg_rt_error_string *e = data;
  mg_buf_str(b, "runtime error: ");
  mg_buf_mgstr(b, &e->text);
  mg_buf_mgstr(b, &e->suffix);
}

// Go's boundsErrorFmts: %x is the index, %y the length or capacity; a
// negative index has its own format that leaves the length out.
static const char *const bounds_formats[] = {
  [MG_BOUNDS_INDEX] = "index out of range [%x] with length %y",
  [MG_BOUNDS_SLICE_ALEN] = "slice bounds out of range [:%x] with length %y",
  [MG_BOUNDS_SLICE_ACAP] = "slice bounds out of range [:%x] with capacity %y",
  [MG_BOUNDS_SLICE_B] = "slice bounds out of range [%x:%y]",
  [MG_BOUNDS_SLICE3_ALEN] = "slice bounds out of range [::%x] with length %y",
  [MG_BOUNDS_SLICE3_ACAP] = "slice bounds out of range [::%x] with capacity %y",
  [MG_BOUNDS_SLICE3_B] = "slice bounds out of range [:%x:%y]",
  [MG_BOUNDS_SLICE3_C] = "slice bounds out of range [%x:%y:]",
  [MG_BOUNDS_CONVERT] = "cannot convert slice with length %y to pointer to array with length %x",
};
static const char *const bounds_negative_formats[] = {
  [MG_BOUNDS_INDEX] = "index out of range [%x]",
  [MG_BOUNDS_SLICE_ALEN] = "slice bounds out of range [:%x]",
  [MG_BOUNDS_SLICE_ACAP] = "slice bounds out of range [:%x]",
  [MG_BOUNDS_SLICE_B] = "slice bounds out of range [%x:]",
  [MG_BOUNDS_SLICE3_ALEN] = "slice bounds out of range [::%x]",
  [MG_BOUNDS_SLICE3_ACAP] = "slice bounds out of range [::%x]",
  [MG_BOUNDS_SLICE3_B] = "slice bounds out of range [:%x:]",
  [MG_BOUNDS_SLICE3_C] = "slice bounds out of range [%x::]",
  [MG_BOUNDS_CONVERT] = "cannot convert slice with length %y to pointer to array with length %x",
};

static void bounds_error_write(mg_buf *b, const void *data) {
  const mg_bounds_error *e = data;
  unsigned code = e->code <= MG_BOUNDS_CONVERT ? e->code : MG_BOUNDS_INDEX;
  const char *f = e->is_signed && e->x < 0 ? bounds_negative_formats[code]
                                           : bounds_formats[code];
  mg_buf_str(b, "runtime error: ");
  for (; *f; f++) {
    if (*f != '%') {
      mg_buf_byte(b, (uint8_t)*f);
      continue;
    }
    char num[24], *end = num + sizeof num, *s;
    f++;
    if (*f == 'x')
      s = e->is_signed ? mg_itoa(end, e->x) : mg_utoa(end, (uint64_t)e->x);
    else
      s = mg_itoa(end, e->y);
    mg_buf_write(b, s, (size_t)(end - s));
  }
}

static void write_type_name(mg_buf *b, const mg_type *t) {
  if (t)
    mg_buf_mgstr(b, &t->name);
  else
    mg_buf_str(b, "error");
}

static void assert_error_write(mg_buf *b, const void *data) {
  const mg_assert_error *e = data;
  const char *iface = e->iface ? e->iface : "interface";
  mg_buf_str(b, "interface conversion: ");
  if (!e->concrete) {
    mg_buf_str(b, iface);
    mg_buf_str(b, " is nil, not ");
    write_type_name(b, e->asserted);
  } else if (!e->missing) {
    mg_buf_str(b, iface);
    mg_buf_str(b, " is ");
    write_type_name(b, e->concrete);
    mg_buf_str(b, ", not ");
    write_type_name(b, e->asserted);
    // Two types of one name: Go's runtime says why they differ (minigo's
    // descriptors do not keep the package path, so it says scopes).
    const mg_string *cn = &e->concrete->name, *an = &e->asserted->name;
    if (cn->len == an->len && memcmp(cn->ptr, an->ptr, (size_t)cn->len) == 0)
      mg_buf_str(b, " (types from different scopes)");
  } else {
    write_type_name(b, e->concrete);
    mg_buf_str(b, " is not ");
    write_type_name(b, e->asserted);
    mg_buf_str(b, ": missing method ");
    mg_buf_str(b, e->missing);
  }
}

// The descriptor's error method (the interface calling convention of
// runtime.h) makes a heap string from the buffer version above.
#define ERROR_METHOD(name, writer)                                \
  static void name(mg_string *out, void *token, void *data) {     \
    (void)token;                                                  \
    uint8_t storage[256];                                         \
    mg_buf b;                                                     \
    mg_buf_init(&b, storage, sizeof storage);                     \
    writer(&b, data);                                             \
    mg_string_make(out, b.p, (mg_int)b.len);                      \
    mg_buf_free(&b);                                              \
  }

static void errors_string_error(mg_string *out, void *token, void *data) {
  (void)token;
  *out = ((mg_errors_string *)data)->s;
}

static void wrap_error_error(mg_string *out, void *token, void *data) {
  (void)token;
  *out = ((mg_wrap_error *)data)->msg;
}

static void plain_error_write(mg_buf *b, const void *data) {
  mg_buf_mgstr(b, data);
}

static void plain_error_error(mg_string *out, void *token, void *data) {
  (void)token;
  *out = *(const mg_string *)data;
}

// The wrapped error is kept as the interface {} it came in as; Unwrap
// returns it as an error again.
static void wrap_error_unwrap(mg_iface *out, void *token, void *data) {
  (void)token;
  const mg_iface *err = &((mg_wrap_error *)data)->err;
  out->type = (const mg_type *)(const void *)mg_itab_for(&mg_type_error, err->type);
  out->data = err->data;
}

// runtime.Error's marker method.
static void runtime_error_marker(void *out, void *token, void *data) {
  (void)out, (void)token, (void)data;
}

ERROR_METHOD(rt_error_string_error, rt_error_string_write)
ERROR_METHOD(bounds_error_error, bounds_error_write)
ERROR_METHOD(assert_error_error, assert_error_write)

// The descriptors of error and of the two signatures the runtime's
// methods have. Compiled programs use these (codegen/gen_base.c's
// runtime_descriptors), so that the runtime's methods and interfaces
// match compiled ones by descriptor identity as compiled ones do.
const mg_type mg_type_sig_string = {
  .kind = MG_FUNC, .size = sizeof(void *), .name = MG_STR("func() string"),
};
const mg_type mg_type_sig_void = {
  .kind = MG_FUNC, .size = sizeof(void *), .name = MG_STR("func()"),
};
const mg_type mg_type_sig_error = {
  .kind = MG_FUNC, .size = sizeof(void *), .name = MG_STR("func() error"),
};
static const mg_method error_iface_methods[] = {
  {MG_STR("Error"), &mg_type_sig_string, NULL},
};
const mg_type mg_type_error = {
  .kind = MG_IFACE, .size = sizeof(mg_iface), .name = MG_STR("error"),
  .methods = error_iface_methods, .nmethods = 1,
};

#define METHOD(name, sig, fn) {MG_STR(name), &sig, (void *)(fn)}
static const mg_method errors_string_methods[] = {
  METHOD("Error", mg_type_sig_string, errors_string_error),
};
static const mg_method wrap_error_methods[] = {
  METHOD("Error", mg_type_sig_string, wrap_error_error),
  METHOD("Unwrap", mg_type_sig_error, wrap_error_unwrap),
};
#define RUNTIME_ERROR_METHODS(var, error_fn)                 \
  static const mg_method var[] = {                           \
    METHOD("Error", mg_type_sig_string, error_fn),           \
    METHOD("RuntimeError", mg_type_sig_void, runtime_error_marker), \
  }
RUNTIME_ERROR_METHODS(rt_error_string_methods, rt_error_string_error);
RUNTIME_ERROR_METHODS(bounds_error_methods, bounds_error_error);
RUNTIME_ERROR_METHODS(assert_error_methods, assert_error_error);
RUNTIME_ERROR_METHODS(plain_error_methods, plain_error_error);

#define ERROR_TYPE(var, k, sz, str, error_fn, table)                        \
  const mg_type var = {                                                     \
    .kind = k, .size = sz, .name = MG_STR(str), .error = error_fn,          \
    .methods = table, .nmethods = sizeof table / sizeof table[0],           \
  }
ERROR_TYPE(mg_type_errors_errorString, MG_ERROR_PTR, sizeof(void *), "*errors.errorString",
           errors_string_error, errors_string_methods);
ERROR_TYPE(mg_type_fmt_wrapError, MG_ERROR_PTR, sizeof(void *), "*fmt.wrapError",
           wrap_error_error, wrap_error_methods);
ERROR_TYPE(mg_type_runtime_errorString, MG_ERROR_VALUE, sizeof(mg_rt_error_string),
           "runtime.errorString", rt_error_string_error, rt_error_string_methods);
ERROR_TYPE(mg_type_runtime_boundsError, MG_ERROR_VALUE, sizeof(mg_bounds_error),
           "runtime.boundsError", bounds_error_error, bounds_error_methods);
ERROR_TYPE(mg_type_runtime_plainError, MG_ERROR_VALUE, sizeof(mg_string), "runtime.plainError",
           plain_error_error, plain_error_methods);
ERROR_TYPE(mg_type_runtime_TypeAssertionError, MG_ERROR_PTR, sizeof(void *),
           "*runtime.TypeAssertionError", assert_error_error, assert_error_methods);

// The error values errors.New and fmt.Errorf return.
typedef struct error_itab {
  const mg_type *type;
  void *fun[1];
} error_itab;
static const error_itab errors_string_itab = {&mg_type_errors_errorString, {(void *)errors_string_error}};
static const error_itab wrap_error_itab = {&mg_type_fmt_wrapError, {(void *)wrap_error_error}};

void mg_error_value(mg_iface *out, const mg_type *t, void *data) {
  const error_itab *tab = t == &mg_type_fmt_wrapError ? &wrap_error_itab : &errors_string_itab;
  out->type = (const mg_type *)(const void *)tab;
  out->data = data;
}

void mg_error_write(mg_buf *b, const mg_iface *err) {
  const mg_type *t = err->type;
  if (t == &mg_type_errors_errorString)
    errors_string_write(b, err->data);
  else if (t == &mg_type_fmt_wrapError)
    wrap_error_write(b, err->data);
  else if (t == &mg_type_runtime_errorString)
    rt_error_string_write(b, err->data);
  else if (t == &mg_type_runtime_boundsError)
    bounds_error_write(b, err->data);
  else if (t == &mg_type_runtime_TypeAssertionError)
    assert_error_write(b, err->data);
  else if (t == &mg_type_runtime_plainError)
    plain_error_write(b, err->data);
  else if (t && t->error) {
    mg_string s;
    t->error(&s, NULL, err->data);
    mg_buf_mgstr(b, &s);
  }
}

// ---- interface tables

// The itabs made so far, and the pairs known to have none (itab NULL,
// missing naming the first absent method): an open-addressing table,
// grown at half full. Itabs hold no heap pointers, so they live in
// malloc'd memory the collector does not scan; they are never freed.
typedef struct itab_entry {
  const mg_type *iface, *type;
  const mg_itab *itab;
  const char *missing;
} itab_entry;
static struct {
  itab_entry *slots;
  size_t cap, used;
} itabs;

static size_t itab_hash(const mg_type *iface, const mg_type *type) {
  uintptr_t h = (uintptr_t)iface * 0x9E3779B97F4A7C15u ^ (uintptr_t)type;
  return (size_t)(h ^ (h >> 17));
}

static itab_entry *itab_slot(const mg_type *iface, const mg_type *type) {
  size_t mask = itabs.cap - 1;
  for (size_t i = itab_hash(iface, type) & mask;; i = (i + 1) & mask) {
    itab_entry *e = &itabs.slots[i];
    if (!e->iface || (e->iface == iface && e->type == type))
      return e;
  }
}

static void itab_table_grow(void) {
  itab_entry *old = itabs.slots;
  size_t old_cap = itabs.cap;
  itabs.cap = old_cap ? old_cap * 2 : 64;
  itabs.slots = calloc(itabs.cap, sizeof(itab_entry));
  if (!itabs.slots)
    mg_throw("out of memory");
  for (size_t i = 0; i < old_cap; i++)
    if (old[i].iface)
      *itab_slot(old[i].iface, old[i].type) = old[i];
  free(old);
}

static char *c_string(const mg_string *s) {
  char *c = malloc((size_t)s->len + 1);
  if (!c)
    mg_throw("out of memory");
  memcpy(c, s->ptr, (size_t)s->len);
  c[s->len] = 0;
  return c;
}

// Go's getitab: both method lists are sorted by name, so one merge finds
// each of the interface's methods, matched by name and signature.
static void itab_build(itab_entry *e) {
  const mg_type *it = e->iface, *t = e->type;
  mg_itab *tab = malloc(sizeof(mg_itab) + (size_t)it->nmethods * sizeof(void *));
  if (!tab)
    mg_throw("out of memory");
  tab->type = t;
  mg_int j = 0;
  for (mg_int i = 0; i < it->nmethods; i++) {
    const mg_method *want = &it->methods[i];
    while (j < t->nmethods && mg_string_compare(&t->methods[j].name, &want->name) < 0)
      j++;
    if (j == t->nmethods || !mg_string_equal(&t->methods[j].name, &want->name) ||
        t->methods[j].type != want->type) {
      free(tab);
      e->missing = c_string(&want->name);
      return;
    }
    tab->fun[i] = t->methods[j].fn;
  }
  e->itab = tab;
}

static itab_entry *itab_lookup(const mg_type *iface, const mg_type *type) {
  if (2 * (itabs.used + 1) > itabs.cap)
    itab_table_grow();
  itab_entry *e = itab_slot(iface, type);
  if (!e->iface) {
    e->iface = iface;
    e->type = type;
    itabs.used++;
    itab_build(e);
  }
  return e;
}

const mg_itab *mg_itab_for(const mg_type *iface, const mg_type *have) {
  if (!have)
    return NULL;
  return itab_lookup(iface, have)->itab;
}

// ---- comparison

static bool rt_error_string_equal(const mg_rt_error_string *a,
                                  const mg_rt_error_string *b) {
  // Equal when the texts read the same, however they are split.
  mg_int alen = a->text.len + a->suffix.len;
  if (alen != b->text.len + b->suffix.len)
    return false;
  for (mg_int i = 0; i < alen; i++) {
    uint8_t ca = i < a->text.len ? a->text.ptr[i] : a->suffix.ptr[i - a->text.len];
    uint8_t cb = i < b->text.len ? b->text.ptr[i] : b->suffix.ptr[i - b->text.len];
    if (ca != cb)
      return false;
  }
  return true;
}

static bool bounds_error_equal(const mg_bounds_error *a, const mg_bounds_error *b) {
  return a->x == b->x && a->y == b->y && a->is_signed == b->is_signed &&
         a->code == b->code;
}

// Go's comparable types: no slice, func or map in the value itself, blank
// fields included. A pointer or an interface ends the search: what an
// interface holds is checked when the comparison reaches it.
bool mg_type_comparable(const mg_type *t) {
  switch (t->kind) {
  case MG_SLICE:
  case MG_FUNC:
  case MG_MAP:
    return false;
  case MG_ARRAY:
    return mg_type_comparable(t->elem);
  case MG_STRUCT:
    for (mg_int i = 0; i < t->len; i++)
      if (!mg_type_comparable(t->fields[i].type))
        return false;
    return true;
  default:
    return true;
  }
}

// Go's generated equality of arrays and structs compares in order and
// stops at the first difference, so an interface element or field that
// holds an uncomparable value panics only when everything before it is
// equal.
static bool array_equal(const mg_type *t, const uint8_t *a, const uint8_t *b) {
  size_t size = t->elem->size;
  for (mg_int i = 0; i < t->len; i++)
    if (!mg_value_equal(t->elem, a + (size_t)i * size, b + (size_t)i * size))
      return false;
  return true;
}

static bool struct_equal(const mg_type *t, const uint8_t *a, const uint8_t *b) {
  for (mg_int i = 0; i < t->len; i++) {
    const mg_field *f = &t->fields[i];
    if (!mg_field_is_blank(f) && !mg_value_equal(f->type, a + f->offset, b + f->offset))
      return false;
  }
  return true;
}

bool mg_value_equal(const mg_type *t, const void *a, const void *b) {
  switch (t->kind) {
  case MG_STRING:
    return mg_string_equal(a, b);
  case MG_IFACE: {
    mg_iface x = {mg_iface_type(t, a), ((const mg_iface *)a)->data};
    mg_iface y = {mg_iface_type(t, b), ((const mg_iface *)b)->data};
    return mg_iface_equal(&x, &y);
  }
  case MG_BOOL:
    return *(const bool *)a == *(const bool *)b;
  case MG_PTR:
  case MG_CHAN:
    return *(void *const *)a == *(void *const *)b;
  case MG_ARRAY:
    return array_equal(t, a, b);
  case MG_STRUCT:
    return struct_equal(t, a, b);
  // IEEE comparison, not bits: NaN != NaN, +0 == -0; complex by parts.
  case MG_FLOAT32:
    return *(const float *)a == *(const float *)b;
  case MG_FLOAT64:
    return *(const double *)a == *(const double *)b;
  case MG_COMPLEX64: {
    const float *x = a, *y = b;
    return x[0] == y[0] && x[1] == y[1];
  }
  case MG_COMPLEX128: {
    const double *x = a, *y = b;
    return x[0] == y[0] && x[1] == y[1];
  }
  default:
    return memcmp(a, b, t->size) == 0;
  }
}

// Go's efaceeq, reached once both dynamic types are the same: an
// uncomparable type panics, naming the interfaces' dynamic type (not the
// part of it that is uncomparable), before anything is compared.
bool mg_iface_equal(const mg_iface *a, const mg_iface *b) {
  const mg_type *t = a->type;
  if (t != b->type)
    return false;
  if (!t)
    return true;
  if (!mg_type_comparable(t))
    mg_panic_rt_error("comparing uncomparable type ", &t->name);
  switch (t->kind) {
  case MG_ERROR_PTR:
    return a->data == b->data;
  case MG_ERROR_VALUE:
    if (t == &mg_type_runtime_errorString)
      return rt_error_string_equal(a->data, b->data);
    if (t == &mg_type_runtime_boundsError)
      return bounds_error_equal(a->data, b->data);
    return a->data == b->data;
  default:
    return mg_value_equal(t, mg_iface_value(a), mg_iface_value(b));
  }
}

// ---- failed assertions

static noreturn void panic_assert(const char *iface, const mg_type *have,
                                  const mg_type *want, const char *missing) {
  mg_panic_rec p;
  memset(&p, 0, sizeof p);
  mg_assert_error *e = (mg_assert_error *)&p.inline_box;
  e->iface = iface;
  e->concrete = have;
  e->asserted = want;
  e->missing = missing;
  p.arg.type = &mg_type_runtime_TypeAssertionError;
  p.arg.data = e;
  mg_panic_start(&p);
}

noreturn void mg_panic_assert(const char *iface_name, const mg_type *have,
                              const mg_type *want) {
  panic_assert(iface_name, have, want, NULL);
}

const mg_itab *mg_assert_itab(const mg_type *iface, const mg_type *have) {
  if (!have)
    panic_assert(NULL, NULL, iface, NULL);
  itab_entry *e = itab_lookup(iface, have);
  if (!e->itab)
    panic_assert(NULL, have, iface, e->missing);
  return e->itab;
}

_Static_assert(sizeof(mg_assert_error) <= sizeof(((mg_panic_rec *)0)->inline_box),
               "a TypeAssertionError must fit in a panic record");
_Static_assert(sizeof(mg_bounds_error) <= sizeof(((mg_panic_rec *)0)->inline_box),
               "a boundsError must fit in a panic record");
_Static_assert(sizeof(mg_rt_error_string) <= sizeof(((mg_panic_rec *)0)->inline_box),
               "a runtime.errorString must fit in a panic record");
