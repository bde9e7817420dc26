// types.c: the predeclared types and the composite ones built from them.
//
// Slice, map, function and tuple types are interned on their spelling, so that
// identical composite types are usually the same object; byte/uint8 and
// rune/int32 stay distinct objects (diagnostics say what the program said),
// which is why comparisons go through types_identical().
#include "minigo.h"
#include "check.h"

#include <stdlib.h>
#include <string.h>

int target_int_bits = 64;

Type *ty_int, *ty_int8, *ty_int16, *ty_int32, *ty_int64;
Type *ty_uint, *ty_uint8, *ty_uint16, *ty_uint32, *ty_uint64, *ty_uintptr;
Type *ty_byte, *ty_rune, *ty_bool, *ty_string, *ty_any, *ty_error, *ty_void;
Type *ty_float32, *ty_float64, *ty_complex64, *ty_complex128;
Type *ty_untyped_int, *ty_untyped_rune, *ty_untyped_float, *ty_untyped_complex, *ty_untyped_bool, *ty_untyped_string,
    *ty_untyped_nil;

// Every composite type made so far; lookups are linear in the number of
// distinct composite types, which real programs keep small.
static Vec interned;

static Type *new_type(TypeKind kind, const char *name, const char *rtname) {
  Type *t = xcalloc(1, sizeof(Type));
  t->kind = kind;
  t->name = name;
  t->rtname = rtname ? rtname : name;
  return t;
}

static void error_methods_init(void);

static Type *new_int(const char *name, const char *rtname, int bits, bool is_unsigned) {
  Type *t = new_type(TY_INT, name, rtname);
  t->bits = bits;
  t->is_unsigned = is_unsigned;
  return t;
}

void types_init(void) {
  // Composite types belong to one compilation (a process that compiles
  // several inputs frees each one's memory); the predeclared ones are made once.
  interned = (Vec){0};
  if (ty_int) {
    error_methods_init();
    return;
  }
  ty_int = new_int("int", NULL, 0, false);
  ty_int8 = new_int("int8", NULL, 8, false);
  ty_int16 = new_int("int16", NULL, 16, false);
  ty_int32 = new_int("int32", NULL, 32, false);
  ty_int64 = new_int("int64", NULL, 64, false);
  ty_uint = new_int("uint", NULL, 0, true);
  ty_uint8 = new_int("uint8", NULL, 8, true);
  ty_uint16 = new_int("uint16", NULL, 16, true);
  ty_uint32 = new_int("uint32", NULL, 32, true);
  ty_uint64 = new_int("uint64", NULL, 64, true);
  ty_uintptr = new_int("uintptr", NULL, 0, true);
  ty_byte = new_int("byte", "uint8", 8, true);
  ty_rune = new_int("rune", "int32", 32, false);
  ty_float32 = new_type(TY_FLOAT, "float32", NULL);
  ty_float32->bits = 32;
  ty_float64 = new_type(TY_FLOAT, "float64", NULL);
  ty_float64->bits = 64;
  ty_complex64 = new_type(TY_COMPLEX, "complex64", NULL);
  ty_complex64->bits = 64;
  ty_complex128 = new_type(TY_COMPLEX, "complex128", NULL);
  ty_complex128->bits = 128;
  ty_bool = new_type(TY_BOOL, "bool", NULL);
  ty_string = new_type(TY_STRING, "string", NULL);
  ty_any = new_type(TY_IFACE, "any", "interface {}");
  ty_error = new_type(TY_IFACE, "error", NULL);
  ty_error->is_error = true;
  ty_void = new_type(TY_VOID, "", NULL);
  ty_untyped_int = new_type(TY_UNTYPED_INT, "untyped int", NULL);
  ty_untyped_rune = new_type(TY_UNTYPED_RUNE, "untyped rune", NULL);
  ty_untyped_float = new_type(TY_UNTYPED_FLOAT, "untyped float", NULL);
  ty_untyped_complex = new_type(TY_UNTYPED_COMPLEX, "untyped complex", NULL);
  ty_untyped_bool = new_type(TY_UNTYPED_BOOL, "untyped bool", NULL);
  ty_untyped_string = new_type(TY_UNTYPED_STRING, "untyped string", NULL);
  ty_untyped_nil = new_type(TY_UNTYPED_NIL, "untyped nil", NULL);
  error_methods_init();
}

Type *type_slice(Type *elem) {
  for (int i = 0; i < interned.len; i++) {
    Type *t = interned.items[i];
    if (t->kind == TY_SLICE && t->elem == elem)
      return t;
  }
  char *name = xformat("[]%s", elem->name);
  Type *t = new_type(TY_SLICE, name, xformat("[]%s", elem->rtname));
  t->elem = elem;
  vec_push(&interned, t);
  return t;
}

Type *type_pointer(Type *elem) {
  for (int i = 0; i < interned.len; i++) {
    Type *t = interned.items[i];
    if (t->kind == TY_POINTER && t->elem == elem)
      return t;
  }
  Type *t = new_type(TY_POINTER, xformat("*%s", elem->name), xformat("*%s", elem->rtname));
  t->elem = elem;
  vec_push(&interned, t);
  return t;
}

Type *type_array(Type *elem, int64_t len) {
  for (int i = 0; i < interned.len; i++) {
    Type *t = interned.items[i];
    if (t->kind == TY_ARRAY && t->elem == elem && t->array_len == len)
      return t;
  }
  Type *t = new_type(TY_ARRAY, xformat("[%lld]%s", (long long)len, elem->name),
                     xformat("[%lld]%s", (long long)len, elem->rtname));
  t->elem = elem;
  t->array_len = len;
  vec_push(&interned, t);
  return t;
}

Type *type_map(Type *key, Type *elem) {
  for (int i = 0; i < interned.len; i++) {
    Type *t = interned.items[i];
    if (t->kind == TY_MAP && t->key == key && t->elem == elem)
      return t;
  }
  Type *t = new_type(TY_MAP, xformat("map[%s]%s", key->name, elem->name),
                     xformat("map[%s]%s", key->rtname, elem->rtname));
  t->key = key;
  t->elem = elem;
  vec_push(&interned, t);
  return t;
}

// Go's spelling: "chan int", "<-chan int", "chan<- int", and "chan
// (<-chan int)", whose parentheses keep "<-" from binding to the outer chan.
static char *chan_string(const char *elem_name, Type *elem, int dir) {
  if (dir == CHAN_RECV)
    return xformat("<-chan %s", elem_name);
  if (dir == CHAN_SEND)
    return xformat("chan<- %s", elem_name);
  if (elem->kind == TY_CHAN && !elem->is_defined && elem->chan_dir == CHAN_RECV)
    return xformat("chan (%s)", elem_name);
  return xformat("chan %s", elem_name);
}

Type *type_chan(Type *elem, int dir) {
  for (int i = 0; i < interned.len; i++) {
    Type *t = interned.items[i];
    if (t->kind == TY_CHAN && !t->is_defined && t->elem == elem && t->chan_dir == dir)
      return t;
  }
  Type *t = new_type(TY_CHAN, chan_string(elem->name, elem, dir),
                     chan_string(elem->rtname, elem, dir));
  t->elem = elem;
  t->chan_dir = dir;
  vec_push(&interned, t);
  return t;
}

// Go's spellings: "struct{X int; T}" in diagnostics, "struct { X int;
// main.T }" at run time.
static char *struct_string(Vec fields, bool rt) {
  char *s = xstrdup(rt ? "struct {" : "struct{");
  for (int i = 0; i < fields.len; i++) {
    Field *f = fields.items[i];
    const char *tn = rt ? f->type->rtname : f->type->name;
    const char *sep = i ? "; " : rt ? " " : "";
    s = f->embedded ? xformat("%s%s%s", s, sep, tn) : xformat("%s%s%s %s", s, sep, f->name, tn);
  }
  return xformat("%s%s}", s, rt && fields.len ? " " : "");
}

// Go's rule for the fields of identical structs: the same name, and an
// unexported name declared in the same package.
static bool same_field_name(const Field *x, const Field *y) {
  return strcmp(x->name, y->name) == 0 && (x->pkg == y->pkg || ident_is_exported(x->name));
}

static bool same_fields(Vec a, Vec b) {
  if (a.len != b.len)
    return false;
  for (int i = 0; i < a.len; i++) {
    Field *x = a.items[i], *y = b.items[i];
    if (x->type != y->type || x->embedded != y->embedded || !same_field_name(x, y))
      return false;
  }
  return true;
}

Type *type_struct(Vec fields) {
  for (int i = 0; i < interned.len; i++) {
    Type *t = interned.items[i];
    if (t->kind == TY_STRUCT && !t->is_defined && same_fields(t->fields, fields))
      return t;
  }
  for (int i = 0; i < fields.len; i++)
    ((Field *)fields.items[i])->index = i;
  Type *t = new_type(TY_STRUCT, struct_string(fields, false), struct_string(fields, true));
  t->fields = fields;
  vec_push(&interned, t);
  return t;
}

// Appends "(a T, b U)" or "(T, U)" to buf; names may be NULL.
static char *type_list_string(Vec types, const char **names, bool variadic, bool rt) {
  char *s = xstrdup("");
  for (int i = 0; i < types.len; i++) {
    Type *t = types.items[i];
    const char *tn = rt ? t->rtname : t->name;
    char *piece;
    bool last_variadic = variadic && i == types.len - 1 && t->kind == TY_SLICE;
    if (last_variadic)
      tn = xformat("...%s", rt ? t->elem->rtname : t->elem->name);
    if (names && names[i] && !rt)
      piece = xformat("%s %s", names[i], tn);
    else
      piece = xstrdup(tn);
    s = xformat("%s%s%s", s, i ? ", " : "", piece);
  }
  return s;
}

static char *func_string(Vec params, Vec results, bool variadic, const char **pnames,
                         const char **rnames, bool rt) {
  char *s = xformat("func(%s)", type_list_string(params, pnames, variadic, rt));
  if (results.len == 1 && !(rnames && rnames[0] && !rt))
    s = xformat("%s %s", s,
                rt ? ((Type *)results.items[0])->rtname : ((Type *)results.items[0])->name);
  else if (results.len > 0)
    s = xformat("%s (%s)", s, type_list_string(results, rnames, false, rt));
  return s;
}

static bool same_type_lists(Vec a, Vec b) {
  if (a.len != b.len)
    return false;
  for (int i = 0; i < a.len; i++)
    if (a.items[i] != b.items[i])
      return false;
  return true;
}

Type *type_func_named(Vec params, Vec results, bool is_variadic, const char **pnames,
                      const char **rnames) {
  char *name = func_string(params, results, is_variadic, pnames, rnames, false);
  for (int i = 0; i < interned.len; i++) {
    Type *t = interned.items[i];
    if (t->kind == TY_FUNC && strcmp(t->name, name) == 0 && t->is_variadic == is_variadic &&
        same_type_lists(t->params, params) && same_type_lists(t->results, results))
      return t;
  }
  Type *t = new_type(TY_FUNC, name, func_string(params, results, is_variadic, NULL, NULL, true));
  t->params = params;
  t->results = results;
  t->is_variadic = is_variadic;
  vec_push(&interned, t);
  return t;
}

Type *type_func(Vec params, Vec results, bool is_variadic) {
  return type_func_named(params, results, is_variadic, NULL, NULL);
}

// Go's spellings: "interface{M(); N() int}" in diagnostics, "interface {
// M(); N() int }" at run time; methods sorted (types2 keeps source order).
static char *iface_string(Vec methods, bool rt) {
  if (!methods.len)
    return xstrdup(rt ? "interface {}" : "interface{}");
  char *s = xstrdup(rt ? "interface { " : "interface{");
  for (int i = 0; i < methods.len; i++) {
    Method *m = methods.items[i];
    s = xformat("%s%s%s%s", s, i ? "; " : "", m->name, (rt ? m->type->rtname : m->type->name) + 4);
  }
  return xformat("%s%s}", s, rt ? " " : "");
}

static int method_name_order(const void *a, const void *b) {
  return strcmp((*(Method *const *)a)->name, (*(Method *const *)b)->name);
}

static bool same_methods(Vec a, Vec b) {
  if (a.len != b.len)
    return false;
  for (int i = 0; i < a.len; i++) {
    Method *x = a.items[i], *y = b.items[i];
    if (strcmp(x->name, y->name) != 0 || x->type != y->type)
      return false;
  }
  return true;
}

Type *type_iface(Vec methods) {
  qsort(methods.items, (size_t)methods.len, sizeof(void *), method_name_order);
  if (!methods.len)
    return ty_any;
  for (int i = 0; i < interned.len; i++) {
    Type *t = interned.items[i];
    if (t->kind == TY_IFACE && !t->is_defined && same_methods(t->imethods, methods))
      return t;
  }
  Type *t = new_type(TY_IFACE, iface_string(methods, false), iface_string(methods, true));
  for (int i = 0; i < methods.len; i++) {
    Method *m = methods.items[i];
    m->iface = t;
    m->iface_index = i;
  }
  t->imethods = methods;
  vec_push(&interned, t);
  return t;
}

// error's one method, Error() string, made anew for each compilation (its
// signature is one of this compilation's interned types).
static void error_methods_init(void) {
  Method *m = xcalloc(1, sizeof(Method));
  m->name = "Error";
  Vec results = {0};
  vec_push(&results, ty_string);
  m->type = type_func((Vec){0}, results, false);
  m->iface = ty_error;
  ty_error->imethods = (Vec){0};
  vec_push(&ty_error->imethods, m);
}

Type *type_tuple(Vec results) {
  char *name = xformat("(%s)", type_list_string(results, NULL, false, false));
  for (int i = 0; i < interned.len; i++) {
    Type *t = interned.items[i];
    if (t->kind == TY_TUPLE && strcmp(t->name, name) == 0 && same_type_lists(t->results, results))
      return t;
  }
  Type *t = new_type(TY_TUPLE, name, xformat("(%s)", type_list_string(results, NULL, false, true)));
  t->results = results;
  vec_push(&interned, t);
  return t;
}

// Mini's programs are package main, whose types Go names main.T at run time.
Type *type_defined(const char *name) {
  Type *t = new_type(TY_VOID, name, xformat("main.%s", name));
  t->is_defined = true;
  return t;
}

// A type of a library package: Go spells it pkg.name everywhere.
Type *type_defined_in(const char *pkg, const char *name) {
  char *full = xformat("%s.%s", pkg, name);
  Type *t = new_type(TY_VOID, full, full);
  t->is_defined = true;
  return t;
}

void type_set_underlying(Type *t, Type *u) {
  u = type_under(u);
  const char *name = t->name, *rtname = t->rtname;
  void *cg = t->cg;
  Vec methods = t->methods;
  *t = *u;
  t->name = name;
  t->rtname = rtname;
  t->cg = cg;
  t->methods = methods;
  t->is_defined = true;
  t->underlying = u;
}

Type *type_under(Type *t) {
  return t && t->underlying ? t->underlying : t;
}

bool type_is_named(Type *t) {
  return t->is_defined || t->kind == TY_INT || t->kind == TY_FLOAT || t->kind == TY_COMPLEX ||
         t->kind == TY_BOOL || t->kind == TY_STRING ||
         (t->kind == TY_IFACE && t->is_error);
}

static bool type_lists_identical(Vec a, Vec b) {
  if (a.len != b.len)
    return false;
  for (int i = 0; i < a.len; i++)
    if (!types_identical(a.items[i], b.items[i]))
      return false;
  return true;
}

bool types_identical(Type *a, Type *b) {
  if (a == b)
    return true;
  if (!a || !b || a->kind != b->kind || a->is_defined || b->is_defined)
    return false;
  switch (a->kind) {
  case TY_INT:
    // byte is uint8 and rune is int32; int, uint and uintptr are their own types.
    return a->bits != 0 && a->bits == b->bits && a->is_unsigned == b->is_unsigned;
  case TY_SLICE:
  case TY_POINTER:
    return types_identical(a->elem, b->elem);
  case TY_ARRAY:
    return a->array_len == b->array_len && types_identical(a->elem, b->elem);
  case TY_MAP:
    return types_identical(a->key, b->key) && types_identical(a->elem, b->elem);
  case TY_CHAN:
    return a->chan_dir == b->chan_dir && types_identical(a->elem, b->elem);
  case TY_STRUCT:
    if (a->fields.len != b->fields.len)
      return false;
    for (int i = 0; i < a->fields.len; i++) {
      Field *x = a->fields.items[i], *y = b->fields.items[i];
      if (x->embedded != y->embedded || !same_field_name(x, y) ||
          !types_identical(x->type, y->type))
        return false;
    }
    return true;
  case TY_FUNC:
    return a->is_variadic == b->is_variadic && type_lists_identical(a->params, b->params) &&
           type_lists_identical(a->results, b->results);
  case TY_TUPLE:
    return type_lists_identical(a->results, b->results);
  case TY_IFACE:
    // error is named: identical only to itself.
    if (a->is_error || b->is_error || a->imethods.len != b->imethods.len)
      return false;
    for (int i = 0; i < a->imethods.len; i++) {
      Method *x = a->imethods.items[i], *y = b->imethods.items[i];
      if (strcmp(x->name, y->name) != 0 || !types_identical(x->type, y->type))
        return false;
    }
    return true;
  default:
    return false;
  }
}

bool type_has_nil(Type *t) {
  return t->kind == TY_SLICE || t->kind == TY_FUNC || t->kind == TY_IFACE ||
         t->kind == TY_POINTER || t->kind == TY_MAP || t->kind == TY_CHAN;
}

bool type_is_untyped(Type *t) {
  return t && t->kind >= TY_UNTYPED_INT;
}

bool type_is_integer(Type *t) {
  return t && (t->kind == TY_INT || t->kind == TY_UNTYPED_INT || t->kind == TY_UNTYPED_RUNE);
}

bool type_is_float(Type *t) {
  return t && (t->kind == TY_FLOAT || t->kind == TY_UNTYPED_FLOAT);
}

bool type_is_complex(Type *t) {
  return t && (t->kind == TY_COMPLEX || t->kind == TY_UNTYPED_COMPLEX);
}

bool type_is_numeric(Type *t) {
  return type_is_integer(t) || type_is_float(t) || type_is_complex(t);
}

int type_int_bits(Type *t) {
  return t->bits ? t->bits : target_int_bits;
}

bool type_is_comparable(Type *t) {
  if (!t)
    return false;
  if (t->kind == TY_ARRAY)
    return type_is_comparable(t->elem);
  for (int i = 0; t->kind == TY_STRUCT && i < t->fields.len; i++)
    if (!type_is_comparable(((Field *)t->fields.items[i])->type))
      return false;
  return t->kind != TY_SLICE && t->kind != TY_FUNC && t->kind != TY_MAP &&
         t->kind != TY_TUPLE && t->kind != TY_VOID;
}

Type *type_default(Type *t) {
  switch (t ? t->kind : TY_VOID) {
  case TY_UNTYPED_INT:
    return ty_int;
  case TY_UNTYPED_RUNE:
    return ty_rune;
  case TY_UNTYPED_FLOAT:
    return ty_float64;
  case TY_UNTYPED_COMPLEX:
    return ty_complex128;
  case TY_UNTYPED_BOOL:
    return ty_bool;
  case TY_UNTYPED_STRING:
    return ty_string;
  default:
    return t;
  }
}
