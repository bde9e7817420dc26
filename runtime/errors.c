// errors.c: package errors' Unwrap, Is and As, as Go 1.19's: they walk
// the chain of Unwrap() error methods, and Is and As ask each error's own
// Is(error) bool and As(any) bool methods too. Methods are found by name
// and signature in the dynamic type's method table (mg_type.methods), the
// way reflect finds them, and called in the interface calling convention.
#include "internal.h"

#include <string.h>

// The signatures of the methods looked for beyond Unwrap() error
// (compiled types name these descriptors: codegen/gen_base.c).
const mg_type mg_type_sig_is = {
  .kind = MG_FUNC, .size = sizeof(void *), .name = MG_STR("func(error) bool"),
};
const mg_type mg_type_sig_as = {
  .kind = MG_FUNC, .size = sizeof(void *), .name = MG_STR("func(interface {}) bool"),
};

// The method of t named name with signature sig, or NULL.
static const mg_method *find_method(const mg_type *t, const char *name, const mg_type *sig) {
  size_t n = strlen(name);
  for (mg_int i = 0; t && i < t->nmethods; i++) {
    const mg_method *m = &t->methods[i];
    if (m->type == sig && (size_t)m->name.len == n && memcmp(m->name.ptr, name, n) == 0)
      return m;
  }
  return NULL;
}

static const mg_type *dynamic_type(const mg_iface *err) {
  return mg_iface_type(&mg_type_error, err);
}

void mg_errors_unwrap(mg_iface *out, const mg_iface *err) {
  const mg_method *m = find_method(dynamic_type(err), "Unwrap", &mg_type_sig_error);
  out->type = NULL;
  out->data = NULL;
  if (m)
    ((void (*)(mg_iface *, void *, void *))m->fn)(out, NULL, err->data);
}

// Calls a method taking one interface value, passed as its two words.
static bool call_bool_method(const mg_method *m, void *data, const mg_iface *arg) {
  bool r = false;
  ((void (*)(bool *, void *, void *, const void *, void *))m->fn)(&r, NULL, data, arg->type,
                                                                  arg->data);
  return r;
}

void mg_errors_is(bool *out, const mg_iface *err, const mg_iface *target) {
  *out = false;
  if (!err->type || !target->type) {
    *out = err->type == target->type;
    return;
  }
  bool comparable = mg_type_comparable(dynamic_type(target));
  mg_iface want = {dynamic_type(target), target->data};  // as interface {}, as == compares
  mg_iface cur = *err;
  while (cur.type) {
    mg_iface have = {dynamic_type(&cur), cur.data};
    if (comparable && mg_iface_equal(&have, &want)) {
      *out = true;
      return;
    }
    const mg_method *is = find_method(dynamic_type(&cur), "Is", &mg_type_sig_is);
    if (is && call_bool_method(is, cur.data, target)) {
      *out = true;
      return;
    }
    mg_iface next;
    mg_errors_unwrap(&next, &cur);
    cur = next;
  }
}

// Stores err in *target (target's element type is want) when err's
// dynamic type can be assigned to it, as reflect's Set would.
static bool assign_to_target(void *target, const mg_type *want, const mg_iface *err) {
  const mg_type *have = dynamic_type(err);
  if (want->kind == MG_IFACE) {
    if (want->nmethods == 0) {
      mg_iface *slot = target;
      slot->type = have;
      slot->data = err->data;
      return true;
    }
    const mg_itab *itab = mg_itab_for(want, have);
    if (!itab)
      return false;
    mg_iface *slot = target;
    slot->type = (const mg_type *)(const void *)itab;
    slot->data = err->data;
    return true;
  }
  if (have != want)
    return false;
  if (mg_type_is_direct(have))
    *(void **)target = err->data;
  else
    memcpy(target, err->data, have->size);
  return true;
}

void mg_errors_as(bool *out, const mg_iface *err, const mg_iface *target) {
  if (!target->type)
    mg_panic_plain("errors: target cannot be nil");
  if (target->type->kind != MG_PTR || !target->data)
    mg_panic_plain("errors: target must be a non-nil pointer");
  const mg_type *want = target->type->elem;
  if (want->kind != MG_IFACE && !mg_itab_for(&mg_type_error, want))
    mg_panic_plain("errors: *target must be interface or implement error");
  *out = false;
  mg_iface cur = *err;
  while (cur.type) {
    if (assign_to_target(target->data, want, &cur)) {
      *out = true;
      return;
    }
    const mg_method *as = find_method(dynamic_type(&cur), "As", &mg_type_sig_as);
    if (as && call_bool_method(as, cur.data, target)) {
      *out = true;
      return;
    }
    mg_iface next;
    mg_errors_unwrap(&next, &cur);
    cur = next;
  }
}
