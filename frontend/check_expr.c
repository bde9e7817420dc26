// check_expr.c: type checking of expressions, following Go's types2.
//
// An expression is checked into an Operand (what it denotes: constant,
// variable, value, type, ...). The result is also recorded on the node, and
// when a context later gives an untyped operand its final type,
// update_expr_type() pushes that type down the tree, so codegen sees every
// node with its final type.
#include "minigo.h"
#include "check.h"
#include "pkg_exports.h"

#include <string.h>

static void check_call(Operand *x, Node *e);

// ---------------------------------------------------------------- printing

// Leftmost position of an expression: Go reports errors about an operand there.
Pos start_pos(Node *e) {
  while (e) {
    switch (e->kind) {
    case ND_BINARY:
    case ND_CALL:
    case ND_INDEX:
    case ND_SLICE:
    case ND_SELECTOR:
    case ND_TYPEASSERT:
      if (!e->lhs)
        return e->pos;
      e = e->lhs;
      continue;
    case ND_COMPOSITE:
      if (e->type_expr && e->type_expr->pos.line)
        return e->type_expr->pos;
      return e->pos;
    default:
      return e->pos;
    }
  }
  Pos none = {0};
  return none;
}

static const char *mode_names[] = {
  [M_INVALID] = "invalid operand", [M_NOVALUE] = "no value", [M_BUILTIN] = "built-in",
  [M_TYPE] = "type", [M_CONST] = "constant", [M_VAR] = "variable", [M_VALUE] = "value",
  [M_NIL] = "nil", [M_COMMAOK] = "comma, ok expression",
  [M_MAPINDEX] = "map index expression",
};

// Go's operand formatting: "x (variable of type int)", "300 (untyped int
// constant)", "c (constant 5 of type byte)", "f() (no value)".
char *operand_string(Operand *x) {
  if (x->mode == M_NIL) {
    if (!x->type || x->type->kind == TY_UNTYPED_NIL)
      return xstrdup("nil");
    return xformat("nil (of type %s)", x->type->name);
  }
  char *expr = x->expr ? expr_string(x->expr) : xstrdup("");
  char *s = xformat("%s (", expr);
  bool has_type = false;
  if (x->mode != M_INVALID && x->mode != M_NOVALUE && x->mode != M_BUILTIN &&
      x->mode != M_TYPE && x->type) {
    if (type_is_untyped(x->type))
      s = xformat("%s%s ", s, x->type->name);
    else
      has_type = true;
  }
  s = xformat("%s%s", s, mode_names[x->mode]);
  if (x->mode == M_CONST) {
    char *v = const_string_repr(x->val);
    if (strcmp(v, expr) != 0)
      s = xformat("%s %s", s, v);
  }
  if (has_type)
    s = xformat("%s of type %s", s, x->type->name);
  return xformat("%s)", s);
}

// Go's typesSummary for have/want lines of call and return errors.
char *types_summary(Type **types, int n, bool variadic) {
  char *s = xstrdup("(");
  for (int i = 0; i < n; i++) {
    Type *t = types[i];
    const char *name;
    if (!t)
      name = "<T>";
    else if (t->kind == TY_UNTYPED_INT || t->kind == TY_UNTYPED_RUNE)
      name = "number";
    else if (type_is_untyped(t))
      name = t->name + strlen("untyped ");
    else if (variadic && i == n - 1 && t->kind == TY_SLICE)
      name = xformat("...%s", t->elem->name);
    else
      name = t->name;
    s = xformat("%s%s%s", s, i ? ", " : "", name);
  }
  return xformat("%s)", s);
}

// ---------------------------------------------------------------- recording

static void record(Operand *x) {
  Node *e = x->expr;
  if (!e)
    return;
  e->type = x->mode == M_INVALID ? NULL : x->type;
  if (x->mode == M_CONST)
    e->cval = x->val;
  else
    e->cval.kind = CONST_NONE;
}

static bool is_comparison(Op op) {
  return op >= OP_EQ && op <= OP_GE;
}

// A non-constant shift whose untyped constant operand ends up with a
// type that is not an integer (var f float64 = 1 << s): types2's delayed
// check of the shifted operand.
static void check_untyped_shift(Node *e, Type *t) {
  if (e->cval.kind == CONST_NONE && !type_is_untyped(t) && !type_is_integer(t) &&
      t->kind != TY_IFACE)
    cerror(start_pos(e), "invalid operation: %s (shift of type %s)", expr_string(e), t->name);
}

// Gives an untyped expression tree its final (or a larger untyped) type,
// and constants the value of their new type (2.0 as an int is 2).
// Operands of comparisons got theirs when the comparison was checked.
static void update_expr_type(Node *e, Type *t) {
  while (e && type_is_untyped(e->type)) {
    if (e->type->kind == TY_UNTYPED_NIL && t->kind != TY_UNTYPED_NIL && type_is_untyped(t))
      return;
    e->type = t;
    if (const_is_number(e->cval) && type_is_numeric(t))
      const_represent(&e->cval, t);
    switch (e->kind) {
    case ND_PAREN:
    case ND_UNARY:
      e = e->lhs;
      continue;
    case ND_BINARY:
      if (is_comparison(e->op))
        return;
      if (e->op == OP_SHL || e->op == OP_SHR) {
        check_untyped_shift(e, t);
        if (type_is_untyped(t) || !type_is_integer(t))
          return;
      } else {
        update_expr_type(e->rhs, t);
      }
      e = e->lhs;
      continue;
    default:
      return;
    }
  }
}

// ---------------------------------------------------------------- conversions

enum { CONV_OK, CONV_OVERFLOW, CONV_TRUNCATED, CONV_INVALID };

// Go's implicitTypeAndValue: the type an untyped operand takes in a context
// of type target; on failure returns CONV_OVERFLOW, CONV_TRUNCATED or
// CONV_INVALID.
static int implicit_type(Operand *x, Type *target, Type **out) {
  *out = x->type;
  if (!type_is_untyped(x->type) || !target)
    return CONV_OK;
  if (type_is_untyped(target)) {
    bool xnum = type_is_numeric(x->type), tnum = type_is_numeric(target);
    if (xnum && tnum) {
      if (x->type->kind < target->kind)
        *out = target;
      return CONV_OK;
    }
    return x->type->kind == target->kind ? CONV_OK : CONV_INVALID;
  }
  if (x->type->kind == TY_UNTYPED_NIL) {
    if (type_has_nil(target)) {
      *out = target;
      return CONV_OK;
    }
    return CONV_INVALID;
  }
  switch (target->kind) {
  case TY_INT:
  case TY_FLOAT:
  case TY_COMPLEX:
    if (x->mode == M_CONST) {
      if (!const_is_number(x->val))
        return CONV_INVALID;
      Const v = x->val;
      // types2's representation(): the message follows from the types.
      if (const_represent(&v, target) != CREP_OK)
        return !type_is_integer(x->type) && target->kind == TY_INT ? CONV_TRUNCATED
                                                                    : CONV_OVERFLOW;
    } else if (!type_is_numeric(x->type)) {
      return CONV_INVALID;
    }
    break;
  case TY_BOOL:
    if (x->type->kind != TY_UNTYPED_BOOL)
      return CONV_INVALID;
    break;
  case TY_STRING:
    if (x->type->kind != TY_UNTYPED_STRING)
      return CONV_INVALID;
    break;
  case TY_IFACE:
    if (target->imethods.len)
      return CONV_INVALID;
    *out = type_default(x->type);
    return CONV_OK;
  default:
    return CONV_INVALID;
  }
  *out = target;
  return CONV_OK;
}

static void set_operand_type(Operand *x, Type *t) {
  if (t == x->type)
    return;
  x->type = t;
  if (x->mode == M_CONST && const_is_number(x->val) && type_is_numeric(t))
    const_represent(&x->val, t);
  update_expr_type(x->expr, t);
}

// types2's invalidConversion: x cannot be a value of type target.
static void report_conversion(Operand *x, Type *target, int code) {
  if (code == CONV_OVERFLOW)
    cerror(start_pos(x->expr), "%s overflows %s", operand_string(x), target->name);
  else if (code == CONV_TRUNCATED)
    cerror(start_pos(x->expr), "%s truncated to %s", operand_string(x), target->name);
  else
    cerror(start_pos(x->expr), "cannot convert %s to %s", operand_string(x), target->name);
  x->mode = M_INVALID;
}

// Go's convertUntyped, used where operands meet (binary operators).
void convert_untyped(Operand *x, Type *target) {
  Type *t;
  int code = implicit_type(x, target, &t);
  if (code == CONV_OK)
    set_operand_type(x, t);
  else
    report_conversion(x, target, code);
}

// Go's representable() for an untyped operand: reports when x is not a
// value of type target, leaving x as it is.
static void check_representable(Operand *x, Type *target) {
  Type *t;
  int code = implicit_type(x, target, &t);
  if (code != CONV_OK)
    report_conversion(x, target, code);
}

// An untyped operand where nothing else decides takes its default type.
void default_operand(Operand *x) {
  if (x->mode != M_INVALID && type_is_untyped(x->type) && x->type->kind != TY_UNTYPED_NIL)
    set_operand_type(x, type_default(x->type));
}

// Go's assignableTo for typed operands (and nil); *reason may explain a failure.
static bool assignable_to(Operand *x, Type *T, char **reason) {
  Type *V = x->type;
  if (types_identical(V, T))
    return true;
  if (V->kind == TY_UNTYPED_NIL)
    return type_has_nil(T);
  if (type_is_untyped(V)) {
    Type *t;
    return implicit_type(x, T, &t) == CONV_OK;
  }
  // Identical underlying types, and one of the two is a type literal.
  if (types_identical(type_under(V), type_under(T)) && (!type_is_named(V) || !type_is_named(T)))
    return true;
  if (T->kind == TY_IFACE)
    return check_implements(V, T, reason);
  // A bidirectional channel to a directional one of the same element type.
  Type *vu = type_under(V), *tu = type_under(T);
  if (vu->kind == TY_CHAN && tu->kind == TY_CHAN && vu->chan_dir == CHAN_BOTH &&
      types_identical(vu->elem, tu->elem) && (!type_is_named(V) || !type_is_named(T)))
    return true;
  return false;
}

// Go's assignment(): x is used as a value of type target (NULL for the
// blank identifier) in context, e.g. "assignment" or "argument to f".
void assign_operand(Operand *x, Type *target, const char *context) {
  check_single(x);
  if (x->mode == M_INVALID)
    return;
  if (x->mode == M_TYPE || x->mode == M_BUILTIN || x->mode == M_NOVALUE) {
    cerror(start_pos(x->expr), "cannot assign %s to %s in %s", operand_string(x),
           target ? target->name : "_", context);
    x->mode = M_INVALID;
    return;
  }
  if (type_is_untyped(x->type)) {
    Type *t = target;
    if (x->type->kind == TY_UNTYPED_NIL) {
      if (!target) {
        cerror(start_pos(x->expr), "use of untyped nil in %s", context);
        x->mode = M_INVALID;
        return;
      }
    } else if (!target || target->kind == TY_IFACE) {
      t = type_default(x->type);
    }
    Type *nt;
    int code = implicit_type(x, t, &nt);
    if (code != CONV_OK) {
      cerror(start_pos(x->expr), "cannot use %s as %s value in %s%s", operand_string(x), t->name,
             context, code == CONV_OVERFLOW    ? " (overflows)"
                      : code == CONV_TRUNCATED ? " (truncated)"
                                               : "");
      x->mode = M_INVALID;
      return;
    }
    set_operand_type(x, nt);
  }
  if (!target)
    return;
  char *reason = NULL;
  if (!assignable_to(x, target, &reason)) {
    if (reason)
      cerror(start_pos(x->expr), "cannot use %s as type %s in %s:\n\t%s", operand_string(x),
             target->name, context, reason);
    else
      cerror(start_pos(x->expr), "cannot use %s as type %s in %s", operand_string(x),
             target->name, context);
    x->mode = M_INVALID;
  }
}

void check_expr_with(Operand *x, Node *e, Type *target, const char *context) {
  check_expr(x, e);
  assign_operand(x, target, context);
}

// ---------------------------------------------------------------- types

Type *resolve_type(Node *e) {
  Operand x;
  check_raw(&x, e);
  if (x.mode == M_TYPE)
    return x.type;
  if (x.mode != M_INVALID)
    cerror(start_pos(e), "%s is not a type", operand_string(&x));
  return NULL;
}

// map[K]V. Neither K nor V needs to be complete (type T map[string]T);
// K's comparability is checked once every type is (check_map_keys).
static Type *check_map_type(Node *e) {
  Type *k = resolve_indirect_type(e->lhs, resolve_type);
  Type *v = resolve_indirect_type(e->type_expr, resolve_type);
  if (!k || !v)
    return NULL;
  e->type = type_map(k, v);
  vec_push(&checker.map_types, e);
  return e->type;
}

void check_map_keys(void) {
  for (int i = 0; i < checker.map_types.len; i++) {
    Node *e = checker.map_types.items[i];
    if (!type_is_comparable(type_under(e->type->key)))
      cerror(start_pos(e->lhs), "invalid map key type %s", e->type->key->name);
  }
  checker.map_types.len = 0;
}

// Builds the type of a signature; when the Vecs are given, declares the
// parameters and named results as variables of owner in the current scope.
Type *signature_type(Node *ft, Vec *param_syms, Vec *result_syms, FuncInfo *owner) {
  Vec params = {0}, results = {0};
  int np = ft ? ft->params.len : 0, nr = ft ? ft->results.len : 0;
  const char **pnames = xcalloc((size_t)np + 1, sizeof(char *));
  const char **rnames = xcalloc((size_t)nr + 1, sizeof(char *));
  bool variadic = false, valid = true;
  for (int i = 0; i < np; i++) {
    Node *f = ft->params.items[i];
    Type *t = resolve_type(f->type_expr);
    valid = valid && t;
    if (f->is_variadic) {
      if (i != np - 1)
        cerror(f->pos, "can only use ... with final parameter in list");
      variadic = true;
      t = t ? type_slice(t) : NULL;
    }
    pnames[i] = f->name;
    vec_push(&params, t);
  }
  for (int i = 0; i < nr; i++) {
    Node *f = ft->results.items[i];
    Type *t = resolve_type(f->type_expr);
    valid = valid && t;
    if (f->is_variadic)
      cerror(f->pos, "can only use ... with final parameter in list");
    rnames[i] = f->name;
    vec_push(&results, t);
  }
  // A type that was reported makes the signature invalid (NULL), so that
  // neither calls nor the body's returns complain about it again; the
  // parameters keep their own types, NULL for the invalid ones.
  Type *ftype = valid ? type_func_named(params, results, variadic, pnames, rnames) : NULL;
  if (!param_syms)
    return ftype;
  for (int i = 0; i < np; i++) {
    Node *f = ft->params.items[i];
    Symbol *s = new_symbol(SYM_VAR, f->name ? f->name : "_", f->pos, params.items[i]);
    s->is_param = true;
    s->is_used = true;
    s->owner = owner;
    s->decl = f;
    vec_push(param_syms, s);
    if (f->name && strcmp(f->name, "_") != 0)
      scope_declare(s);
  }
  for (int i = 0; i < nr; i++) {
    Node *f = ft->results.items[i];
    if (!f->name)
      continue;
    Symbol *s = new_symbol(SYM_VAR, f->name, f->pos, results.items[i]);
    s->is_param = true;
    s->is_used = true;
    s->owner = owner;
    s->decl = f;
    vec_push(result_syms, s);
    if (strcmp(f->name, "_") != 0)
      scope_declare(s);
  }
  return ftype;
}

// ---------------------------------------------------------------- operands

static void invalid(Operand *x) {
  x->mode = M_INVALID;
}

// Whether built-in operand x is called through its Go signature, as a
// function is (a library function), not checked by builtin_call.
static bool has_signature(Operand *x) {
  return x->builtin == CALL_LIBRARY;
}

// Go's singleValue plus the checks of check.expr: the operand must be one
// value (not a type, a built-in, no value or a tuple).
void check_single(Operand *x) {
  switch (x->mode) {
  case M_NOVALUE:
    cerror(start_pos(x->expr), "%s (no value) used as value", expr_string(x->expr));
    invalid(x);
    return;
  case M_BUILTIN:
    if (has_signature(x))
      cerror(start_pos(x->expr), "%s used as value is not supported in Mini; call it instead",
             expr_string(x->expr));
    else
      cerror(start_pos(x->expr), "%s (built-in) must be called", expr_string(x->expr));
    invalid(x);
    return;
  case M_TYPE:
    cerror(start_pos(x->expr), "%s (type) is not an expression", expr_string(x->expr));
    invalid(x);
    return;
  default:
    break;
  }
  if (x->mode != M_INVALID && x->type && x->type->kind == TY_TUPLE) {
    cerror(start_pos(x->expr), "multiple-value %s (value of type %s) in single-value context",
           expr_string(x->expr), x->type->name);
    invalid(x);
  }
}

void check_expr(Operand *x, Node *e) {
  check_raw(x, e);
  check_single(x);
  if (x->mode == M_COMMAOK)
    x->mode = M_VALUE;
}

// Checks e for its side effects on "used" marks only (after an error).
void use_expr(Node *e) {
  if (!e || (e->kind == ND_IDENT && e->name && strcmp(e->name, "_") == 0))
    return;
  Operand x;
  check_raw(&x, e);
}

static void use_symbol(Operand *x, Node *e, Symbol *s);
static void qualified_ident(Operand *x, Node *e, Symbol *pkg);

static void ident(Operand *x, Node *e) {
  if (e->lhs)
    return qualified_ident(x, e, e->lhs->sym);
  if (!e->name || strcmp(e->name, "_") == 0) {
    cerror(e->pos, "cannot use _ as value or type");
    return invalid(x);
  }
  Symbol *s = scope_lookup(e->name);
  if (!s) {
    cerror(e->pos, "undefined: %s", e->name);
    return invalid(x);
  }
  e->sym = s;
  use_symbol(x, e, s);
}

// What a name denotes, found in scope or in an imported package's block.
static void use_symbol(Operand *x, Node *e, Symbol *s) {
  switch (s->kind) {
  case SYM_VAR:
    note_use(s, e);
    if (!s->type)
      return invalid(x);
    x->mode = M_VAR;
    x->type = s->type;
    return;
  case SYM_CONST:
    if (s->pos.line == 0 && strcmp(s->name, "iota") == 0) {
      if (checker.iota < 0) {
        cerror(e->pos, "cannot use iota outside constant declaration");
        return invalid(x);
      }
      x->mode = M_CONST;
      x->type = ty_untyped_int;
      x->val = const_int(checker.iota);
      return;
    }
    note_use(s, e);
    if (!s->type || s->val.kind == CONST_NONE)
      return invalid(x);
    x->mode = M_CONST;
    x->type = s->type;
    x->val = s->val;
    return;
  case SYM_TYPE:
    if (s->chk)
      resolve_pkg_obj(s);
    if (type_name_in_cycle(s) || !s->type)
      return invalid(x);
    x->mode = M_TYPE;
    x->type = s->type;
    return;
  case SYM_FUNC:
    note_use(s, e);
    if (!s->type)
      return invalid(x);
    x->mode = M_VALUE;
    x->type = s->type;
    return;
  case SYM_PACKAGE:
    cerror(e->pos, "use of package %s without selector", s->name);
    return invalid(x);
  case SYM_BUILTIN:
    x->mode = M_BUILTIN;
    x->builtin = s->builtin;
    x->type = NULL;
    return;
  case SYM_NIL:
    x->mode = M_NIL;
    x->type = ty_untyped_nil;
    return;
  }
}

// pkg.Name of a package compiled from source: an exported name of its
// block. The selector becomes that identifier for the rest of the compiler,
// its lhs keeping the qualifier for diagnostics.
static void qualified_ident(Operand *x, Node *e, Symbol *pkg) {
  Package *p = pkg->decl->pkg;
  Symbol *s = p->scope ? scope_lookup_local(p->scope, e->name) : NULL;
  Pos at = e->kind == ND_SELECTOR ? selected_name_pos(e) : e->pos;
  if (!s) {
    cerror(at, "undefined: %s.%s", pkg->name, e->name);
    return invalid(x);
  }
  if (!check_visible(e->name, p)) {
    cerror(at, "%s not exported by package %s", e->name, pkg->name);
    return invalid(x);
  }
  if (e->kind == ND_SELECTOR) {
    e->kind = ND_IDENT;
    e->pos = e->lhs->pos;
  }
  e->sym = s;
  use_symbol(x, e, s);
}

// Go reports selector errors at the selected name, which follows the dot.
Pos selected_name_pos(Node *e) {
  Pos p = e->pos;
  p.col++;
  return p;
}

// ---- members of the pseudo-packages

// The library functions Mini has, each described once: the checker derives
// its type, and so its argument checks and diagnostics, from the signature;
// codegen derives the call from the result convention and the entry point.
// The signature is Go's, as go doc prints it, in the types int, string,
// error, any and bool, with ...any allowed last (a format is a string
// parameter before it). Adding a function is one row here plus its runtime
// function, declared by an MG_ENTRY line in runtime/entry_points.def
// (for a string result VOID, (PTR(mg_string), ...)), and a golden test;
// nothing else names it. A parameter or result of
// another type needs codegen to learn it first (lib_func_type says what
// it can call).
static const LibFunc lib_funcs[] = {
  {"fmt", "Println", "(a ...any) (n int, err error)", LIB_RESULT_COUNT, "mg_fmt_println"},
  {"fmt", "Print", "(a ...any) (n int, err error)", LIB_RESULT_COUNT, "mg_fmt_print"},
  {"fmt", "Printf", "(format string, a ...any) (n int, err error)", LIB_RESULT_COUNT,
   "mg_fmt_printf"},
  {"fmt", "Sprintf", "(format string, a ...any) string", LIB_RESULT_OUT, "mg_fmt_sprintf"},
  {"fmt", "Sprint", "(a ...any) string", LIB_RESULT_OUT, "mg_fmt_sprint"},
  {"fmt", "Sprintln", "(a ...any) string", LIB_RESULT_OUT, "mg_fmt_sprintln"},
  {"fmt", "Errorf", "(format string, a ...any) error", LIB_RESULT_OUT, "mg_fmt_errorf"},
  {"errors", "New", "(text string) error", LIB_RESULT_OUT, "mg_errors_new"},
  {"errors", "Unwrap", "(err error) error", LIB_RESULT_OUT, "mg_errors_unwrap"},
  {"errors", "Is", "(err error, target error) bool", LIB_RESULT_OUT, "mg_errors_is"},
  {"errors", "As", "(err error, target any) bool", LIB_RESULT_OUT, "mg_errors_as"},
  {"runtime", "GC", "()", LIB_RESULT_NONE, "mg_runtime_gc"},
  {"runtime", "Gosched", "()", LIB_RESULT_NONE, "mg_gosched"},
  {"runtime", "Goexit", "()", LIB_RESULT_NONE, "mg_goexit"},
  {"runtime", "NumGoroutine", "() int", LIB_RESULT_VALUE, "mg_num_goroutine"},
  {"runtime", "NumCPU", "() int", LIB_RESULT_VALUE, "mg_num_cpu"},
  {"runtime", "GOMAXPROCS", "(n int) int", LIB_RESULT_VALUE, "mg_gomaxprocs"},
};

// The type a name in a library signature stands for.
static Type *sig_type_named(const char *s, size_t len) {
  static const struct { const char *name; Type **type; } names[] = {
    {"int", &ty_int}, {"string", &ty_string}, {"error", &ty_error}, {"any", &ty_any},
    {"bool", &ty_bool},
  };
  for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
    if (strlen(names[i].name) == len && strncmp(names[i].name, s, len) == 0)
      return *names[i].type;
  die("library signature: unknown type %.*s", (int)len, s);
}

enum { SIG_MAX_ITEMS = 8 };

// Parses "(name T, name ...T)" at p (names optional) into types and names;
// returns what follows the ')'.
static const char *sig_list(const char *p, Vec *types, const char **names, bool *variadic) {
  for (p++; *p != ')';) {
    size_t len = strcspn(p, ",)");
    const char *space = memchr(p, ' ', len), *t = space ? space + 1 : p;
    if (types->len == SIG_MAX_ITEMS)
      die("library signature: too many items");
    names[types->len] = space ? xstrndup(p, (size_t)(space - p)) : NULL;
    *variadic = strncmp(t, "...", 3) == 0;
    if (*variadic)
      t += 3;
    Type *tt = sig_type_named(t, (size_t)(p + len - t));
    vec_push(types, *variadic ? type_slice(tt) : tt);
    p += len;
    if (*p == ',')
      p += 2;
  }
  return p + 1;
}

// The function type of a Go signature: "(a ...any) string". Its name,
// which diagnostics print, is "func" and the signature, as Go's is.
static Type *sig_type(const char *sig) {
  Vec params = {0}, results = {0};
  const char *pnames[SIG_MAX_ITEMS] = {0}, *rnames[SIG_MAX_ITEMS] = {0};
  bool variadic = false, unused;
  const char *p = sig_list(sig, &params, pnames, &variadic);
  if (*p == ' ' && p[1] == '(')
    sig_list(p + 1, &results, rnames, &unused);
  else if (*p == ' ')
    vec_push(&results, sig_type_named(p + 1, strlen(p + 1)));
  Type *t = type_func_named(params, results, variadic, pnames, rnames);
  if (strncmp(t->name, "func", 4) != 0 || strcmp(t->name + 4, sig) != 0)
    die("library signature %s reads as %s", sig, t->name);
  return t;
}

// The type of library function f, checked against what codegen can call:
// fixed parameters int, string, error or any, ...any last, results as
// f->result says.
static Type *lib_func_type(const LibFunc *f) {
  Type *t = sig_type(f->signature);
  bool fits = true;
  for (int i = 0; i < t->params.len; i++) {
    Type *p = t->params.items[i];
    if (t->is_variadic && i == t->params.len - 1)
      fits &= p->elem == ty_any;
    else
      fits &= p == ty_int || p == ty_string || p == ty_error || p == ty_any;
  }
  switch (f->result) {
  case LIB_RESULT_NONE: fits &= t->results.len == 0; break;
  case LIB_RESULT_COUNT:
    fits &= t->results.len == 2 && t->results.items[0] == ty_int && t->results.items[1] == ty_error;
    break;
  case LIB_RESULT_OUT: fits &= t->results.len == 1; break;
  case LIB_RESULT_VALUE: fits &= t->results.len == 1 && t->results.items[0] == ty_int; break;
  }
  if (!fits)
    die("library function %s.%s: codegen cannot call %s", f->pkg, f->name, f->signature);
  return t;
}

static const LibFunc *lib_func(const char *pkg, const char *name) {
  for (size_t i = 0; i < sizeof lib_funcs / sizeof lib_funcs[0]; i++)
    if (strcmp(lib_funcs[i].pkg, pkg) == 0 && strcmp(lib_funcs[i].name, name) == 0)
      return &lib_funcs[i];
  return NULL;
}

// Whether Go's package pkg (one of Mini's) exports name.
static bool go_exports(const char *pkg, const char *name) {
  for (size_t i = 0; i < sizeof pkg_exports / sizeof pkg_exports[0]; i++)
    if (strcmp(pkg_exports[i].pkg, pkg) == 0 && strcmp(pkg_exports[i].name, name) == 0)
      return true;
  return false;
}

// T.m: Go's method expressions.
static void method_expr(Operand *x, Node *e) {
  if (!x->type)
    return invalid(x);
  check_method_expr(x, e);
}

// types2's hint when the name exists with its first letter's case
// changed: ", but does have Name".
static const char *other_case_hint(Type *t, const char *name) {
  char *other = xstrdup(name);
  if (other[0] >= 'a' && other[0] <= 'z')
    other[0] = (char)(other[0] - 'a' + 'A');
  else if (other[0] >= 'A' && other[0] <= 'Z')
    other[0] = (char)(other[0] - 'A' + 'a');
  else
    return "";
  bool ambiguous;
  Method *m;
  Vec path = t ? check_lookup_member(t, other, &ambiguous, &m) : (Vec){0};
  return path.len || m ? xformat(", but does have %s", other) : "";
}

// pkg.Name of a package the runtime implements (fmt, errors, runtime),
// imported as pkg (its own name or an alias).
static void runtime_package_member(Operand *x, Node *e, Symbol *pkg) {
  const char *path = pkg->decl ? pkg->decl->name : pkg->name;
  Type *lt = check_lib_type(path, e->name);
  if (lt) {
    x->mode = M_TYPE;
    x->type = lt;
    return;
  }
  const LibFunc *f = lib_func(path, e->name);
  if (f) {
    x->mode = M_BUILTIN;
    x->builtin = CALL_LIBRARY;
    x->lib = f;
    x->type = lib_func_type(f);
    return;
  }
  if (go_exports(path, e->name))
    cerror(start_pos(e), "%s.%s is not supported in Mini", path, e->name);
  else
    cerror(selected_name_pos(e), "undefined: %s.%s", pkg->name, e->name);
  invalid(x);
}

static void selector(Operand *x, Node *e) {
  Node *base = e->lhs;
  if (base && base->kind == ND_IDENT) {
    Symbol *s = base->name ? scope_lookup(base->name) : NULL;
    if (s && s->kind == SYM_PACKAGE) {
      base->sym = s;
      if (s->decl)
        s->decl->is_used = true;
      s->is_used = true;
      if (s->decl && s->decl->pkg)
        return qualified_ident(x, e, s);
      return runtime_package_member(x, e, s);
    }
  }
  check_raw(x, e->lhs);
  if (x->mode == M_TYPE)
    return method_expr(x, e);
  check_single(x);
  if (x->mode == M_INVALID)
    return;
  if (x->type && check_member_selector(x, e))
    return;
  Type *t = x->type;
  if (t && type_under(t)->kind == TY_POINTER && type_under(type_under(t)->elem)->kind == TY_IFACE)
    cerror(selected_name_pos(e), "%s.%s undefined (type %s is pointer to interface, not interface)",
           expr_string(e->lhs), e->name, t->name);
  else
    cerror(selected_name_pos(e), "%s.%s undefined (type %s has no field or method %s%s)",
           expr_string(e->lhs), e->name, t ? t->name : "?", e->name, other_case_hint(t, e->name));
  invalid(x);
}

// ---- operators

static bool all_of(Type *t, int what) {
  switch (what) {
  case 'n':  // numeric
    return type_is_numeric(t);
  case 'i':  // integer
    return type_is_integer(t);
  case 's':
    return t->kind == TY_STRING || t->kind == TY_UNTYPED_STRING;
  case 'b':
    return t->kind == TY_BOOL || t->kind == TY_UNTYPED_BOOL;
  case '+':
    return type_is_numeric(t) || all_of(t, 's');
  case 'o':  // ordered
    return type_is_integer(t) || type_is_float(t) || all_of(t, 's');
  }
  return false;
}

static int op_predicate(Op op) {
  switch (op) {
  case OP_ADD: return '+';
  case OP_SUB: case OP_MUL: case OP_DIV: return 'n';
  case OP_REM: case OP_AND: case OP_OR: case OP_XOR: case OP_ANDNOT: return 'i';
  case OP_LAND: case OP_LOR: return 'b';
  default: return 0;
  }
}

static bool op_defined(Operand *x, Op op, int pred) {
  if (all_of(x->type, pred))
    return true;
  cerror(start_pos(x->expr), "invalid operation: operator %s not defined on %s", op_string(op),
         operand_string(x));
  invalid(x);
  return false;
}

static const char *op_overflow_name(Op op, bool unary) {
  if (unary)
    return op == OP_XOR ? "bitwise complement " : "";
  switch (op) {
  case OP_ADD: return "addition ";
  case OP_SUB: return "subtraction ";
  case OP_XOR: return "bitwise XOR ";
  case OP_MUL: return "multiplication ";
  case OP_SHL: return "shift ";
  default: return "";
  }
}

// Go's overflow(): a typed constant must be representable in its type, and
// an untyped integer may not grow beyond Go's 512-bit precision.
static void check_const_result(Operand *x, int code, Op op, bool unary, Pos oppos) {
  enum { UNTYPED_INT_BITS = 512 };
  if (code == CERR_OK && type_is_untyped(x->type) && x->val.kind == CONST_INT &&
      const_bitlen(x->val) > UNTYPED_INT_BITS)
    code = CERR_OVERFLOW;
  if (code == CERR_OVERFLOW) {
    cerror(oppos, "constant %soverflow", op_overflow_name(op, unary));
    return invalid(x);
  }
  if (code != CERR_OK)
    return invalid(x);
  // A typed result must be a value of its type, and is rounded to it.
  if (!type_is_untyped(x->type) &&
      (const_is_number(x->val) ? const_represent(&x->val, x->type) != CREP_OK
                               : !const_fits(x->val, x->type))) {
    cerror(start_pos(x->expr), "%s overflows %s", operand_string(x), x->type->name);
    invalid(x);
  }
}

static void unary(Operand *x, Node *e) {
  check_expr(x, e->lhs);
  if (x->mode == M_INVALID)
    return;
  int pred = e->op == OP_NOT ? 'b' : e->op == OP_XOR ? 'i' : 'n';
  if (!op_defined(x, e->op, pred))
    return;
  if (x->mode == M_CONST) {
    Const v;
    int code = const_unary(e->op, x->val, x->type, &v);
    x->val = v;
    x->expr = e;
    check_const_result(x, code, e->op, true, e->pos);
    return;
  }
  x->mode = M_VALUE;
}

static bool has_nil(Type *t) {
  return type_has_nil(t) || t->kind == TY_UNTYPED_NIL;
}

static const char *kind_string(Type *t) {
  switch (t->kind) {
  case TY_SLICE: return "slice";
  case TY_FUNC: return "func";
  case TY_IFACE: return "interface";
  case TY_POINTER: return "pointer";
  case TY_MAP: return "map";
  case TY_CHAN: return "chan";
  case TY_STRUCT: return "struct";
  case TY_ARRAY: return "array";
  default: return t->name;
  }
}

// Why values of type t cannot be compared, in types2's words.
static char *incomparable_cause(Type *t) {
  if (t->kind == TY_ARRAY)
    return xformat("%s cannot be compared", t->name);
  for (int i = 0; t->kind == TY_STRUCT && i < t->fields.len; i++) {
    Field *f = t->fields.items[i];
    if (!type_is_comparable(f->type))
      return xformat("struct containing %s cannot be compared", f->type->name);
  }
  return xformat("%s can only be compared to nil", kind_string(t));
}

// Go's comparison(); switch_case reports in a case clause's wording.
void check_comparison(Operand *x, Operand *y, Op op, bool switch_case) {
  Operand *err_op = x;
  char *cause = NULL;
  if (!assignable_to(x, y->type, NULL) && !assignable_to(y, x->type, NULL)) {
    err_op = y;
    cause = xformat("mismatched types %s and %s", x->type->name, y->type->name);
    goto error;
  }
  if (op == OP_EQ || op == OP_NE) {
    if (x->mode == M_NIL || y->mode == M_NIL) {
      Type *t = x->mode == M_NIL ? y->type : x->type;
      if (!has_nil(t) || t->kind == TY_UNTYPED_NIL) {
        err_op = y;
        goto error;
      }
    } else if (!type_is_comparable(x->type)) {
      err_op = x;
      cause = incomparable_cause(x->type);
      goto error;
    } else if (!type_is_comparable(y->type)) {
      err_op = y;
      cause = incomparable_cause(y->type);
      goto error;
    }
  } else if (!all_of(x->type, 'o')) {
    err_op = x;
    goto error;
  } else if (!all_of(y->type, 'o')) {
    err_op = y;
    goto error;
  }
  if (x->mode == M_CONST && y->mode == M_CONST) {
    x->val = const_bool(const_compare(op, x->val, y->val));
  } else {
    x->mode = M_VALUE;
    // The operands are materialized at run time with these types.
    if (type_is_untyped(x->type) && x->type->kind != TY_UNTYPED_NIL)
      set_operand_type(x, type_default(x->type));
    if (type_is_untyped(y->type) && y->type->kind != TY_UNTYPED_NIL)
      set_operand_type(y, type_default(y->type));
    if (x->type->kind == TY_UNTYPED_NIL)
      set_operand_type(x, y->type);
    if (y->type->kind == TY_UNTYPED_NIL)
      set_operand_type(y, x->type);
  }
  x->type = ty_untyped_bool;
  return;
error:
  if (!cause)
    cause = xformat("operator %s not defined on %s", op_string(op), kind_string(err_op->type));
  if (switch_case)
    cerror(start_pos(x->expr), "invalid case %s in switch on %s (%s)", expr_string(x->expr),
           expr_string(y->expr), cause);
  else
    cerror(start_pos(err_op->expr), "invalid operation: %s %s %s (%s)", expr_string(x->expr),
           op_string(op), expr_string(y->expr), cause);
  invalid(x);
}

static void shift(Operand *x, Operand *y, Node *e, Op op) {
  // An untyped constant lhs representable as an integer (2.0) is shifted
  // as one.
  Const xval;
  bool int_const = x->mode == M_CONST && const_is_number(x->val) &&
                   const_to_kind(x->val, CONST_INT, &xval);
  if (!type_is_integer(x->type) && !(type_is_untyped(x->type) && int_const)) {
    cerror(start_pos(x->expr), "invalid operation: shifted operand %s must be integer",
           operand_string(x));
    return invalid(x);
  }
  if (int_const && !type_is_integer(x->type) && y->mode == M_CONST) {
    x->type = ty_untyped_int;
    x->val = xval;
  }
  Const yval;
  if (y->mode == M_CONST && const_is_number(y->val) && const_to_kind(y->val, CONST_INT, &yval))
    y->val = yval;
  if (y->mode == M_CONST) {
    if (y->val.kind == CONST_INT && y->val.i < 0) {
      cerror(start_pos(y->expr), "invalid operation: negative shift count %s",
             operand_string(y));
      return invalid(x);
    }
    if (type_is_untyped(y->type)) {
      check_representable(y, ty_uint);
      if (y->mode == M_INVALID)
        return invalid(x);
    } else if (!type_is_integer(y->type)) {
      cerror(start_pos(y->expr), "invalid operation: shift count %s must be integer",
             operand_string(y));
      return invalid(x);
    }
  } else if (!type_is_integer(y->type)) {
    cerror(start_pos(y->expr), "invalid operation: shift count %s must be integer",
           operand_string(y));
    return invalid(x);
  } else if (type_is_untyped(y->type)) {
    convert_untyped(y, ty_uint);
    if (y->mode == M_INVALID)
      return invalid(x);
  }
  if (x->mode == M_CONST && y->mode == M_CONST && y->val.i > 1023 - 1 + 52) {
    cerror(start_pos(y->expr), "invalid operation: invalid shift count %s", operand_string(y));
    return invalid(x);
  }
  // Go leaves a constant count untyped; codegen needs some integer type.
  if (y->mode == M_CONST && type_is_untyped(y->type))
    set_operand_type(y, ty_uint);
  if (x->mode == M_CONST) {
    if (y->mode == M_CONST) {
      Const v;
      int code = const_shift(op, x->val, y->val.i, &v);
      x->val = v;
      x->expr = e;
      check_const_result(x, code, op, false, e->pos);
      return;
    }
    if (type_is_untyped(x->type)) {
      // The constant takes the type its context gives the whole shift.
      x->mode = M_VALUE;
      return;
    }
  }
  x->mode = M_VALUE;
}

static bool can_mix(Operand *x, Operand *y) {
  if ((x->type->kind == TY_IFACE) || (y->type->kind == TY_IFACE))
    return true;
  if (all_of(x->type, 'b') != all_of(y->type, 'b'))
    return false;
  if (all_of(x->type, 's') != all_of(y->type, 's'))
    return false;
  if (x->type->kind == TY_UNTYPED_NIL && !has_nil(y->type))
    return false;
  if (y->type->kind == TY_UNTYPED_NIL && !has_nil(x->type))
    return false;
  return true;
}

// Go's binary(); e is NULL for op= statements, which are reported as
// "x op= y".
void check_binary(Operand *x, Node *e, Node *lhs, Node *rhs, Op op) {
  Operand y = {0};
  check_expr(x, lhs);
  check_expr(&y, rhs);
  if (x->mode == M_INVALID)
    return;
  if (y.mode == M_INVALID) {
    x->expr = y.expr;
    return invalid(x);
  }
  if (op == OP_SHL || op == OP_SHR)
    return shift(x, &y, e, op);
  if (can_mix(x, &y)) {
    convert_untyped(x, y.type);
    if (x->mode == M_INVALID)
      return;
    convert_untyped(&y, x->type);
    if (y.mode == M_INVALID)
      return invalid(x);
  }
  if (is_comparison(op))
    return check_comparison(x, &y, op, false);
  if (!types_identical(x->type, y.type)) {
    if (e)
      cerror(start_pos(x->expr), "invalid operation: %s (mismatched types %s and %s)",
             expr_string(e), x->type->name, y.type->name);
    else
      cerror(start_pos(x->expr), "invalid operation: %s %s= %s (mismatched types %s and %s)",
             expr_string(lhs), op_string(op), expr_string(rhs), x->type->name, y.type->name);
    return invalid(x);
  }
  if (!op_defined(x, op, op_predicate(op)))
    return;
  if ((op == OP_DIV || op == OP_REM) && (x->mode == M_CONST || type_is_integer(x->type)) &&
      y.mode == M_CONST && const_sign(y.val) == 0) {
    cerror(start_pos(y.expr), "invalid operation: division by zero");
    return invalid(x);
  }
  if (x->mode == M_CONST && y.mode == M_CONST) {
    Const v;
    int code = const_binary(op, x->val, y.val, &v);
    x->val = v;
    x->expr = e;
    check_const_result(x, code, op, false, e ? e->pos : start_pos(lhs));
    return;
  }
  x->mode = M_VALUE;
}

// ---- indexing and slicing

// Checks an index operand; max >= 0 bounds a constant index (length of a
// constant string). Returns the constant value, INDEX_NOT_CONST, or
// INDEX_INVALID after an error.
enum { INDEX_NOT_CONST = -1, INDEX_INVALID = -2 };
static __int128 check_index(Node *e, int64_t max, const char *what) {
  Operand x;
  check_expr(&x, e);
  if (x.mode == M_INVALID)
    return INDEX_INVALID;
  convert_untyped(&x, ty_int);
  if (x.mode == M_INVALID)
    return INDEX_INVALID;
  if (!type_is_integer(x.type)) {
    cerror(start_pos(e), "invalid argument: %s %s must be integer", what, operand_string(&x));
    return INDEX_INVALID;
  }
  if (x.mode == M_CONST) {
    if (!const_fits(x.val, ty_int)) {
      cerror(start_pos(e), "invalid argument: %s %s overflows int", what, operand_string(&x));
      return INDEX_INVALID;
    }
    if (x.val.i < 0) {
      cerror(start_pos(e), "invalid argument: %s %s must not be negative", what,
             operand_string(&x));
      return INDEX_INVALID;
    }
    if (max >= 0 && x.val.i >= max) {
      cerror(start_pos(e), "invalid argument: %s %s out of bounds [0:%lld]", what,
             const_int_string(x.val.i), (long long)max);
      return INDEX_INVALID;
    }
    return x.val.i;
  }
  return INDEX_NOT_CONST;
}

static void index_expr(Operand *x, Node *e) {
  check_expr(x, e->lhs);
  if (x->mode == M_INVALID) {
    use_expr(e->rhs);
    return;
  }
  Type *t = x->type;
  if (t->kind == TY_STRING || t->kind == TY_UNTYPED_STRING) {
    // Indexing even a constant string gives a non-constant byte.
    check_index(e->rhs, x->mode == M_CONST ? x->val.slen : -1, "index");
    if (type_is_untyped(t))
      set_operand_type(x, ty_string);
    x->mode = M_VALUE;
    x->type = ty_byte;
    return;
  }
  if (t->kind == TY_SLICE) {
    check_index(e->rhs, -1, "index");
    x->mode = M_VAR;
    x->type = t->elem;
    return;
  }
  if (t->kind == TY_MAP) {
    Operand k;
    check_expr_with(&k, e->rhs, t->key, "map index");
    x->mode = M_MAPINDEX;
    x->type = t->elem;
    return;
  }
  Type *arr = t->kind == TY_POINTER && type_under(t->elem)->kind == TY_ARRAY ? t->elem : t;
  if (arr->kind == TY_ARRAY) {
    check_index(e->rhs, arr->array_len, "index");
    if (arr != t || x->mode == M_VAR)
      x->mode = M_VAR;
    else
      x->mode = M_VALUE;
    x->type = arr->elem;
    return;
  }
  cerror(start_pos(x->expr), "invalid operation: cannot index %s", operand_string(x));
  use_expr(e->rhs);
  invalid(x);
}

// Go's parser puts a bad expression where a 3-index slice lacks its middle
// or final index and type checking goes on; the placeholder is reported
// here, and the index counts as not constant.
static bool is_missing_index(Node *idx) {
  return idx && idx->kind == ND_EMPTY;
}

static void report_missing_indexes(Node *e) {
  if (!e->max)
    return;
  if (is_missing_index(e->high))
    cerror(e->high->pos, "middle index required in 3-index slice");
  if (is_missing_index(e->max))
    cerror(e->max->pos, "final index required in 3-index slice");
}

static void use_indexes(Node *e) {
  Node *idx[3] = {e->low, e->high, e->max};
  for (int i = 0; i < 3; i++)
    if (!is_missing_index(idx[i]))
      use_expr(idx[i]);
}

// Checks the indexes of x[lo:hi] or x[lo:hi:max] (types2's sliceExpr);
// length is the operand's constant length (a constant string's), or -1.
// Constant indexes must not decrease; only the first such pair is reported.
static void check_slice_indexes(Node *e, int64_t length) {
  Node *idx[3] = {e->low, e->high, e->max};
  int n = e->max ? 3 : 2;
  __int128 val[3];
  for (int i = 0; i < n; i++) {
    if (idx[i] && !is_missing_index(idx[i]))
      val[i] = check_index(idx[i], length >= 0 ? length + 1 : -1, "index");
    else
      val[i] = i == 0 ? 0 : length;
  }
  for (int i = 0; i < n - 1; i++) {
    for (int j = i + 1; val[i] > 0 && j < n; j++) {
      if (val[j] >= 0 && val[j] < val[i]) {
        cerror(start_pos(idx[j]), "invalid slice indices: %s < %s", const_int_string(val[j]),
               const_int_string(val[i]));
        return;
      }
    }
  }
}

static void slice_expr(Operand *x, Node *e) {
  report_missing_indexes(e);
  check_expr(x, e->lhs);
  if (x->mode == M_INVALID) {
    use_indexes(e);
    return;
  }
  Type *t = x->type;
  int64_t length = -1;
  if (t->kind == TY_UNTYPED_STRING || t->kind == TY_STRING) {
    if (e->max) {
      cerror(start_pos(e->max), "invalid operation: 3-index slice of string");
      return invalid(x);
    }
    if (x->mode == M_CONST)
      length = x->val.slen;
    // A string of a defined type slices to that type, as a slice does.
    if (type_is_untyped(t))
      set_operand_type(x, ty_string);
    t = x->type;
  } else if (t->kind == TY_ARRAY || (t->kind == TY_POINTER && t->elem->kind == TY_ARRAY)) {
    if (t->kind == TY_ARRAY && x->mode != M_VAR) {
      cerror(start_pos(x->expr), "invalid operation: %s (slice of unaddressable value)",
             operand_string(x));
      use_indexes(e);
      return invalid(x);
    }
    if (t->kind == TY_ARRAY)
      check_mark_addressed(e->lhs);
    t = t->kind == TY_POINTER ? t->elem : t;
    length = t->array_len;
    t = type_slice(t->elem);
  } else if (t->kind != TY_SLICE) {
    cerror(start_pos(x->expr), "invalid operation: cannot slice %s", operand_string(x));
    use_indexes(e);
    return invalid(x);
  }
  check_slice_indexes(e, length);
  x->mode = M_VALUE;
  x->type = t;
}

// ---- composite literals and function literals

// One element (or map key) of a slice, array or map literal, checked
// against elem; an inner literal may leave its type out.
void check_literal_elem(Operand *y, Node *el, Type *elem, const char *context) {
  *y = (Operand){0};
  if (el->kind == ND_COMPOSITE && !el->type_expr) {
    // Of elements of type *T, {...} is &T{...}: the node's type is *T.
    Type *u = type_under(elem);
    bool by_pointer = u->kind == TY_POINTER;
    check_composite(y, el, by_pointer ? u->elem : elem);
    y->expr = el;
    if (by_pointer && y->mode != M_INVALID)
      y->type = elem;
    record(y);
  } else {
    check_expr(y, el);
  }
  assign_operand(y, elem, context);
}

// Go's indexedElts: checks the elements of a slice or array literal
// against elem. A key is a constant index (its node keeps the value in
// cval for codegen); an element without one follows the previous element.
// length >= 0 is an array's length, which indexes must stay below; -1 for
// a slice. Returns the literal's length, the largest index + 1.
int64_t check_literal_indexes(Node *lit, Type *elem, int64_t length) {
  PtrSet seen = {0};  // indexes + 1, as pointers (NULL is the empty slot)
  int64_t index = 0, max = 0;
  for (int i = 0; i < lit->list.len; i++) {
    Node *el = lit->list.items[i];
    Node *value = el;
    bool valid = false;
    if (el->kind == ND_KEYED) {
      __int128 k = check_index(el->lhs, length, "index");
      if (k >= 0) {
        index = (int64_t)k;
        valid = true;
      } else if (k == INDEX_NOT_CONST) {
        cerror(el->pos, "index %s must be integer constant", expr_string(el->lhs));
      }
      value = el->rhs;
    } else if (length >= 0 && index >= length) {
      cerror(start_pos(el), "index %lld is out of bounds (>= %lld)", (long long)index,
             (long long)length);
    } else {
      valid = true;
    }
    if (valid) {
      void *key = (void *)(uintptr_t)(index + 1);
      if (ptrset_has(&seen, key))
        cerror(el->kind == ND_KEYED ? el->pos : start_pos(el),
               "duplicate index %lld in array or slice literal", (long long)index);
      else
        ptrset_add(&seen, key);
    }
    index++;
    if (index > max)
      max = index;
    Operand y;
    check_literal_elem(&y, value, elem, "array or slice literal");
  }
  return max;
}

// ---- type assertions

static void type_assert(Operand *x, Node *e) {
  if (!e->type_expr) {
    cerror(e->pos, "invalid AST: use of .(type) outside type switch");
    use_expr(e->lhs);
    return invalid(x);
  }
  check_expr(x, e->lhs);
  Type *t = resolve_type(e->type_expr);
  if (x->mode == M_INVALID || !t)
    return invalid(x);
  if (x->type->kind != TY_IFACE) {
    cerror(start_pos(x->expr), "invalid operation: %s is not an interface", operand_string(x));
    return invalid(x);
  }
  char *why;
  if (t->kind != TY_IFACE && !check_implements(t, x->type, &why)) {
    cerror(start_pos(e), "impossible type assertion: %s\n\t%s", expr_string(e), why);
    return invalid(x);
  }
  x->mode = M_COMMAOK;
  x->type = t;
}

// ---------------------------------------------------------------- dispatch

Type *check_signature_type(Node *e) {
  return signature_type(e, NULL, NULL, NULL);
}

void check_raw(Operand *x, Node *e) {
  memset(x, 0, sizeof *x);
  x->expr = e;
  if (!e)
    return invalid(x);
  switch (e->kind) {
  case ND_INT:
  case ND_FLOAT:
  case ND_IMAG:
    // Go caps literal length: longer ones cannot be meaningful constants.
    if (e->name && strlen(e->name) > 10000) {
      cerror(e->pos, "excessively long constant: %.10s... (%zu chars)", e->name,
             strlen(e->name));
      return invalid(x);
    }
    x->mode = M_CONST, x->val = e->val;
    x->type = e->kind == ND_INT ? ty_untyped_int
              : e->kind == ND_FLOAT ? ty_untyped_float : ty_untyped_complex;
    break;
  case ND_RUNE:
    x->mode = M_CONST, x->type = ty_untyped_rune, x->val = const_int(e->val.i);
    break;
  case ND_STRING:
    x->mode = M_CONST, x->type = ty_untyped_string;
    x->val = const_string(e->val.s ? e->val.s : "", e->val.s ? e->val.slen : 0);
    break;
  case ND_IDENT:
  case ND_TYPE_NAME:
    ident(x, e);
    break;
  case ND_PAREN:
    check_raw(x, e->lhs);
    x->expr = e;
    break;
  case ND_UNARY:
    unary(x, e);
    break;
  case ND_BINARY:
    check_binary(x, e, e->lhs, e->rhs, e->op);
    break;
  case ND_CALL:
    check_call(x, e);
    break;
  case ND_INDEX:
    index_expr(x, e);
    break;
  case ND_SLICE:
    slice_expr(x, e);
    break;
  case ND_SELECTOR:
    selector(x, e);
    break;
  case ND_TYPEASSERT:
    type_assert(x, e);
    break;
  case ND_FUNCLIT:
    check_funclit(x, e);
    break;
  case ND_COMPOSITE:
    check_composite(x, e, NULL);
    break;
  case ND_TYPE_SLICE: {
    Type *el = resolve_indirect_type(e->type_expr, resolve_type);
    if (!el)
      return invalid(x);
    x->mode = M_TYPE, x->type = type_slice(el);
    break;
  }
  case ND_TYPE_MAP:
    x->mode = M_TYPE, x->type = check_map_type(e);
    if (!x->type)
      return invalid(x);
    break;
  case ND_TYPE_CHAN:
    x->mode = M_TYPE, x->type = check_chan_type(e);
    if (!x->type)
      return invalid(x);
    break;
  case ND_RECV:
    check_recv(x, e);
    break;
  case ND_TYPE_FUNC:
    x->mode = M_TYPE, x->type = resolve_indirect_type(e, check_signature_type);
    if (!x->type)
      return invalid(x);
    break;
  case ND_TYPE_IFACE:
    x->mode = M_TYPE, x->type = check_iface_type(e);
    if (!x->type)
      return invalid(x);
    break;
  case ND_TYPE_ARRAY:
    x->mode = M_TYPE, x->type = check_array_type(e);
    if (!x->type)
      return invalid(x);
    break;
  case ND_TYPE_STRUCT:
    x->mode = M_TYPE, x->type = check_struct_type(e);
    if (!x->type)
      return invalid(x);
    break;
  case ND_STAR:
    check_star(x, e);
    break;
  case ND_ADDR:
    check_addr(x, e);
    break;
  default:
    cerror(e->pos, "unexpected statement in expression position");
    return invalid(x);
  }
  x->expr = e;
  record(x);
}

// ---------------------------------------------------------------- calls

// Evaluates call arguments; a single call with several results spreads
// into one operand per result. Returns the count.
static int eval_args(Node *call, Operand **out) {
  Vec *args = &call->list;
  if (args->len == 1 && !call->has_ellipsis) {
    Operand *x = xcalloc(1, sizeof(Operand));
    check_raw(x, args->items[0]);
    if (x->mode != M_INVALID && x->type && x->type->kind == TY_TUPLE) {
      Type *tt = x->type;
      Operand *list = xcalloc((size_t)tt->results.len, sizeof(Operand));
      for (int i = 0; i < tt->results.len; i++) {
        list[i] = *x;
        list[i].mode = M_VALUE;
        list[i].type = tt->results.items[i];
      }
      *out = list;
      return tt->results.len;
    }
    check_single(x);
    *out = x;
    return 1;
  }
  Operand *list = xcalloc((size_t)args->len + 1, sizeof(Operand));
  for (int i = 0; i < args->len; i++)
    check_expr(&list[i], args->items[i]);
  *out = list;
  return args->len;
}

static void set_call_result(Operand *x, Type *ft) {
  if (ft->results.len == 0) {
    x->mode = M_NOVALUE;
    x->type = ty_void;
  } else if (ft->results.len == 1) {
    x->mode = M_VALUE;
    x->type = ft->results.items[0];
  } else {
    x->mode = M_VALUE;
    x->type = type_tuple(ft->results);
  }
}

// Go's arguments(): matches args against the signature ft.
static bool check_arguments(Node *call, Type *ft, Operand *args, int nargs) {
  for (int i = 0; i < nargs; i++) {
    if (args[i].mode == M_INVALID)
      return false;
  }
  int npars = ft->params.len;
  bool ddd = call->has_ellipsis;
  Type **want = xcalloc((size_t)(nargs + npars + 1), sizeof(Type *));
  for (int i = 0; i < npars; i++)
    want[i] = ft->params.items[i];
  if (ft->is_variadic) {
    if (ddd) {
      if (call->list.len == 1 && nargs > 1) {
        cerror(start_pos(call), "cannot use ... with %d-valued %s", nargs,
               expr_string(call->list.items[0]));
        return false;
      }
    } else if (nargs >= npars - 1) {
      Type *elem = ((Type *)ft->params.items[npars - 1])->elem;
      for (int i = npars - 1; i < nargs; i++)
        want[i] = elem;
      npars = nargs;
    } else {
      npars--;
    }
  } else if (ddd) {
    cerror(start_pos(call), "cannot use ... in call to non-variadic %s", expr_string(call->lhs));
    return false;
  }
  if (nargs != npars) {
    Pos at = start_pos(call);
    const char *q = "not enough";
    if (nargs > npars) {
      at = start_pos(args[npars].expr);
      q = "too many";
    } else if (nargs > 0) {
      at = start_pos(args[nargs - 1].expr);
    }
    Type **have = xcalloc((size_t)nargs + 1, sizeof(Type *));
    for (int i = 0; i < nargs; i++)
      have[i] = args[i].type;
    cerror(at, "%s arguments in call to %s\n\thave %s\n\twant %s", q, expr_string(call->lhs),
           types_summary(have, nargs, false),
           types_summary((Type **)ft->params.items, ft->params.len, ft->is_variadic));
    return false;
  }
  char *context = xformat("argument to %s", expr_string(call->lhs));
  bool ok = true;
  for (int i = 0; i < nargs; i++) {
    assign_operand(&args[i], want[i], context);
    if (args[i].mode == M_INVALID)
      ok = false;
  }
  return ok;
}

static void call_with_signature(Operand *x, Node *e, Type *ft) {
  Operand *args;
  int n = eval_args(e, &args);
  check_arguments(e, ft, args, n);
  set_call_result(x, ft);
}

// ---- conversions T(x)

static bool convertible(Operand *x, Type *T) {
  Type *V = x->type;
  if (assignable_to(x, T, NULL))
    return true;
  if (types_identical(type_under(V), type_under(T)))
    return true;
  // *T1 to *T2 when T1 and T2 have identical underlying types.
  if (type_under(V)->kind == TY_POINTER && type_under(T)->kind == TY_POINTER && !V->is_defined &&
      !T->is_defined && types_identical(type_under(V->elem), type_under(T->elem)))
    return true;
  if (type_is_integer(V) && T->kind == TY_STRING)
    return true;
  // []E to *[N]E (Go 1.17).
  Type *tp = type_under(T);
  if (type_under(V)->kind == TY_SLICE && tp->kind == TY_POINTER &&
      type_under(tp->elem)->kind == TY_ARRAY &&
      types_identical(type_under(V)->elem, type_under(tp->elem)->elem))
    return true;
  // Between integer and float types; between complex types.
  bool v_real = type_is_integer(V) || type_is_float(V), t_real = T->kind == TY_INT || T->kind == TY_FLOAT;
  if ((v_real && t_real) || (type_is_complex(V) && T->kind == TY_COMPLEX))
    return true;
  // The element's underlying type counts: []MyByte converts to string.
  bool v_bytes = V->kind == TY_SLICE && types_identical(type_under(V->elem), ty_uint8);
  bool t_bytes = T->kind == TY_SLICE && types_identical(type_under(T->elem), ty_uint8);
  bool v_runes = V->kind == TY_SLICE && types_identical(type_under(V->elem), ty_int32);
  bool t_runes = T->kind == TY_SLICE && types_identical(type_under(T->elem), ty_int32);
  bool v_str = V->kind == TY_STRING || V->kind == TY_UNTYPED_STRING;
  if ((v_bytes || v_runes) && T->kind == TY_STRING)
    return true;
  if (v_str && (t_bytes || t_runes))
    return true;
  return false;
}

static void conversion(Operand *x, Node *e, Type *T) {
  e->call_kind = CALL_CONVERSION;
  e->conv_type = T;
  if (e->list.len != 1) {
    for (int i = 0; i < e->list.len; i++)
      use_expr(e->list.items[i]);
    cerror(e->list.len ? start_pos(e->list.items[e->list.len - 1]) : start_pos(e),
           "%s arguments in conversion to %s", e->list.len ? "too many" : "missing",
           T->name);
    return invalid(x);
  }
  if (e->has_ellipsis) {
    cerror(start_pos(e), "invalid use of ... in conversion to %s", T->name);
    use_expr(e->list.items[0]);
    return invalid(x);
  }
  check_expr(x, e->list.items[0]);
  if (x->mode == M_INVALID)
    return;
  bool const_target = T->kind == TY_INT || T->kind == TY_FLOAT || T->kind == TY_COMPLEX ||
                      T->kind == TY_STRING || T->kind == TY_BOOL;
  bool ok;
  Const v = x->val;
  if (x->mode == M_CONST && const_target) {
    ok = const_is_number(v) && type_is_numeric(T) ? const_represent(&v, T) == CREP_OK
                                                  : const_fits(v, T);
    if (!ok && type_is_integer(x->type) && T->kind == TY_STRING) {
      v = const_rune_string(x->val.i);
      ok = true;
    }
  } else {
    ok = convertible(x, T);
  }
  if (!ok) {
    cerror(start_pos(x->expr), "cannot convert %s to type %s", operand_string(x), T->name);
    return invalid(x);
  }
  if (type_is_untyped(x->type)) {
    Type *final = T;
    if (x->type->kind == TY_UNTYPED_NIL)
      final = T;
    else if (T->kind == TY_IFACE || (x->val.kind != CONST_NONE && !const_target))
      final = type_default(x->type);
    else if (x->mode == M_CONST && type_is_integer(x->type) && T->kind == TY_STRING)
      final = type_default(x->type);
    set_operand_type(x, final);
  }
  if (x->mode == M_CONST && const_target)
    x->val = v;
  else
    x->mode = M_VALUE;
  x->type = T;
}

// ---- built-ins

static const char *builtin_name(CallKind k) {
  switch (k) {
  case CALL_LEN: return "len";
  case CALL_CAP: return "cap";
  case CALL_APPEND: return "append";
  case CALL_MAKE: return "make";
  case CALL_PANIC: return "panic";
  case CALL_RECOVER: return "recover";
  case CALL_PRINT: return "print";
  case CALL_PRINTLN: return "println";
  case CALL_COPY: return "copy";
  case CALL_NEW: return "new";
  case CALL_COMPLEX: return "complex";
  case CALL_DELETE: return "delete";
  case CALL_REAL: return "real";
  case CALL_IMAG: return "imag";
  case CALL_CLOSE: return "close";
  default: return "?";
  }
}

static int builtin_min_args(CallKind k) {
  switch (k) {
  case CALL_LEN: case CALL_CAP: case CALL_PANIC: case CALL_APPEND: case CALL_MAKE: return 1;
  case CALL_REAL: case CALL_IMAG: case CALL_CLOSE: return 1;
  case CALL_COPY: case CALL_COMPLEX: case CALL_DELETE: return 2;
  default: return 0;
  }
}

static bool builtin_variadic(CallKind k) {
  return k == CALL_APPEND || k == CALL_PRINT || k == CALL_PRINTLN || k == CALL_MAKE;
}

static void builtin_append(Operand *x, Node *e, Operand *args, int n) {
  Operand *s = &args[0];
  if (s->type->kind != TY_SLICE) {
    cerror(start_pos(s->expr), "first argument to append must be a slice; have %s",
           s->mode == M_NIL ? "untyped nil" : operand_string(s));
    return invalid(x);
  }
  Type *S = s->type;
  if (n == 2 && e->has_ellipsis && types_identical(type_under(S), type_slice(ty_byte)) &&
      (args[1].type->kind == TY_STRING || args[1].type->kind == TY_UNTYPED_STRING)) {
    // append([]byte, string...) is the one special form.
    default_operand(&args[1]);
    x->mode = M_VALUE;
    x->type = S;
    return;
  }
  Vec params = {0}, results = {0};
  vec_push(&params, S);
  vec_push(&params, S);
  vec_push(&results, S);
  Type *sig = type_func(params, results, true);
  check_arguments(e, sig, args, n);
  x->mode = M_VALUE;
  x->type = S;
}

static void builtin_make(Operand *x, Node *e) {
  Node *arg0 = e->list.items[0];
  Type *T = resolve_type(arg0);
  if (!T) {
    for (int i = 1; i < e->list.len; i++)
      use_expr(e->list.items[i]);
    return invalid(x);
  }
  Type *u = type_under(T);
  if (u->kind != TY_SLICE && u->kind != TY_MAP && u->kind != TY_CHAN) {
    cerror(start_pos(arg0), "invalid argument: cannot make %s; type must be slice, map, or channel",
           expr_string(arg0));
    return invalid(x);
  }
  int nargs = e->list.len, min = u->kind == TY_SLICE ? 2 : 1;
  if (nargs < min || nargs > min + 1) {
    cerror(start_pos(e), "invalid operation: %s expects %d or %d arguments; found %d",
           expr_string(e), min, min + 1, nargs);
    return invalid(x);
  }
  __int128 sizes[2] = {-1, -1};
  for (int i = 1; i < nargs; i++)
    sizes[i - 1] = check_index(e->list.items[i], -1, i == 1 ? "index" : "index");
  if (nargs == 3 && sizes[0] >= 0 && sizes[1] >= 0 && sizes[0] > sizes[1])
    cerror(start_pos(e->list.items[1]), "invalid argument: length and capacity swapped");
  e->conv_type = T;
  x->mode = M_VALUE;
  x->type = T;
}

// Whether e contains a call that is not a constant, or a channel receive
// (len of an array then is not a constant, as the spec says, and e must be
// evaluated: len(<-c) receives).
static bool has_call_or_receive(Node *e) {
  if (!e)
    return false;
  if (e->kind == ND_RECV)
    return true;
  if (e->kind == ND_CALL && e->cval.kind == CONST_NONE && e->call_kind != CALL_CONVERSION)
    return true;
  if (e->kind == ND_FUNCLIT)
    return false;
  if (has_call_or_receive(e->lhs) || has_call_or_receive(e->rhs) ||
      has_call_or_receive(e->low) || has_call_or_receive(e->high))
    return true;
  for (int i = 0; i < e->list.len; i++) {
    Node *el = e->list.items[i];
    if (has_call_or_receive(el->kind == ND_KEYED ? el->rhs : el))
      return true;
  }
  return false;
}

// complex(re, im): types2's rules for untyped and mismatched parts.
static void builtin_complex(Operand *x, Node *e, Operand *args) {
  Operand *re = &args[0], *im = &args[1];
  if (im->mode == M_INVALID)
    return invalid(x);
  bool ure = type_is_untyped(re->type), uim = type_is_untyped(im->type);
  if (ure && !uim) {
    convert_untyped(re, im->type);
  } else if (uim && !ure) {
    convert_untyped(im, re->type);
  } else if (ure && uim) {
    if (re->mode == M_CONST && im->mode == M_CONST) {
      // Both become untyped floats if they can.
      for (Operand *a = re; a <= im; a++) {
        Const zero_im;
        if (type_is_numeric(a->type) && const_to_kind(a->val, CONST_FLOAT, &zero_im))
          a->type = ty_untyped_float;
      }
    } else {
      convert_untyped(re, ty_float64);
      convert_untyped(im, ty_float64);
    }
  }
  if (re->mode == M_INVALID || im->mode == M_INVALID)
    return invalid(x);
  if (!types_identical(re->type, im->type)) {
    cerror(start_pos(re->expr), "invalid operation: %s (mismatched types %s and %s)",
           expr_string(e), re->type->name, im->type->name);
    return invalid(x);
  }
  Type *u = type_under(re->type);
  Type *t = u->kind == TY_UNTYPED_FLOAT ? ty_untyped_complex
            : u->kind == TY_FLOAT       ? (u->bits == 32 ? ty_complex64 : ty_complex128)
                                        : NULL;
  if (!t) {
    cerror(start_pos(re->expr), "invalid argument: arguments have type %s, expected floating-point",
           re->type->name);
    return invalid(x);
  }
  if (re->mode == M_CONST && im->mode == M_CONST) {
    x->mode = M_CONST;
    x->val = const_complex(re->val, im->val);
  } else {
    x->mode = M_VALUE;
  }
  x->type = t;
}

// delete(m, k).
static void builtin_delete(Operand *x, Operand *args) {
  Operand *m = &args[0], *k = &args[1];
  if (m->type->kind != TY_MAP) {
    cerror(start_pos(m->expr), "invalid argument: %s is not a map", operand_string(m));
    return invalid(x);
  }
  assign_operand(k, m->type->key, "argument to delete");
  if (k->mode == M_INVALID)
    return invalid(x);
  x->mode = M_NOVALUE;
  x->type = ty_void;
}

// real(c) and imag(c).
static void builtin_part(Operand *x, Operand *a, CallKind k) {
  if (type_is_untyped(a->type)) {
    if (a->mode == M_CONST && type_is_numeric(a->type))
      a->type = ty_untyped_complex;
    else if (a->mode != M_CONST)
      convert_untyped(a, ty_complex128);
    if (a->mode == M_INVALID)
      return invalid(x);
  }
  Type *u = type_under(a->type);
  Type *t = u->kind == TY_UNTYPED_COMPLEX ? ty_untyped_float
            : u->kind == TY_COMPLEX       ? (u->bits == 64 ? ty_float32 : ty_float64)
                                          : NULL;
  if (!t) {
    cerror(start_pos(a->expr), "invalid argument: argument has type %s, expected complex type",
           a->type->name);
    return invalid(x);
  }
  if (a->mode == M_CONST) {
    x->mode = M_CONST;
    x->val = k == CALL_REAL ? const_real_part(a->val) : const_imag_part(a->val);
  } else {
    x->mode = M_VALUE;
  }
  x->type = t;
}

static void builtin_call(Operand *x, Node *e, CallKind k) {
  const char *name = builtin_name(k);
  e->call_kind = k;
  if (e->has_ellipsis && k != CALL_APPEND) {
    cerror(start_pos(e), "invalid operation: invalid use of ... with built-in %s", name);
    for (int i = 0; i < e->list.len; i++)
      use_expr(e->list.items[i]);
    return invalid(x);
  }
  int min = builtin_min_args(k), max = k == CALL_RECOVER ? 0 : builtin_variadic(k) ? 1 << 30 : min;
  if (k == CALL_NEW)
    return check_new(x, e);
  if (k == CALL_MAKE) {
    if (e->list.len < 1) {
      cerror(start_pos(e), "invalid operation: not enough arguments for %s (expected 1, found 0)",
             expr_string(e));
      return invalid(x);
    }
    return builtin_make(x, e);
  }
  Operand *args = NULL;
  int n = e->list.len ? eval_args(e, &args) : 0;
  if (n > 0 && args[0].mode == M_INVALID)
    return invalid(x);
  if (n < min || n > max) {
    cerror(start_pos(e), "invalid operation: %s arguments for %s (expected %d, found %d)",
           n < min ? "not enough" : "too many", expr_string(e), min, n);
    return invalid(x);
  }
  switch (k) {
  case CALL_LEN:
  case CALL_CAP: {
    Operand *a = &args[0];
    bool is_str = a->type->kind == TY_STRING || a->type->kind == TY_UNTYPED_STRING;
    Type *arr = a->type->kind == TY_POINTER ? type_under(a->type->elem) : a->type;
    if (arr->kind != TY_ARRAY)
      arr = NULL;
    bool is_map = a->type->kind == TY_MAP;
    if (!(a->type->kind == TY_SLICE || a->type->kind == TY_CHAN || arr ||
          ((is_str || is_map) && k == CALL_LEN))) {
      cerror(start_pos(a->expr), "invalid argument: %s for %s", operand_string(a), name);
      return invalid(x);
    }
    if (is_str && a->mode == M_CONST) {
      x->mode = M_CONST;
      x->val = const_int(a->val.slen);
    } else if (arr && !has_call_or_receive(a->expr)) {
      // Go's rule: then the operand is not evaluated at all.
      x->mode = M_CONST;
      x->val = const_int(arr->array_len);
    } else {
      default_operand(a);
      x->mode = M_VALUE;
    }
    x->type = ty_int;
    return;
  }
  case CALL_APPEND:
    return builtin_append(x, e, args, n);
  case CALL_COMPLEX:
    return builtin_complex(x, e, args);
  case CALL_REAL:
  case CALL_IMAG:
    return builtin_part(x, &args[0], k);
  case CALL_COPY: {
    for (int i = 0; i < n; i++)
      if (args[i].mode == M_INVALID)
        return invalid(x);
    Type *dst = args[0].type, *src = args[1].type;
    if (src->kind == TY_STRING || src->kind == TY_UNTYPED_STRING) {
      default_operand(&args[1]);
      src = type_slice(ty_byte);
    }
    if (dst->kind != TY_SLICE || src->kind != TY_SLICE) {
      cerror(start_pos(args[0].expr), "invalid argument: copy expects slice arguments; found %s and %s",
             operand_string(&args[0]), operand_string(&args[1]));
      return invalid(x);
    }
    if (!types_identical(dst->elem, src->elem)) {
      cerror(start_pos(args[0].expr),
             "invalid argument: arguments to copy %s and %s have different element types %s and %s",
             operand_string(&args[0]), operand_string(&args[1]), dst->elem->name, src->elem->name);
      return invalid(x);
    }
    x->mode = M_VALUE;
    x->type = ty_int;
    return;
  }
  case CALL_DELETE:
    return builtin_delete(x, args);
  case CALL_CLOSE:
    if (!check_close_arg(&args[0]))
      return invalid(x);
    x->mode = M_NOVALUE;
    x->type = ty_void;
    return;
  case CALL_PANIC:
    assign_operand(&args[0], ty_any, "argument to panic");
    if (args[0].mode == M_INVALID)
      return invalid(x);
    x->mode = M_NOVALUE;
    x->type = ty_void;
    return;
  case CALL_RECOVER:
    if (checker.func)
      checker.func->calls_recover = true;
    x->mode = M_VALUE;
    x->type = ty_any;
    return;
  case CALL_PRINT:
  case CALL_PRINTLN: {
    char *context = xformat("argument to %s", name);
    bool ok = true;
    for (int i = 0; i < n; i++) {
      assign_operand(&args[i], NULL, context);
      if (args[i].mode == M_INVALID)
        return invalid(x);
      // Go's compiler (not types2) refuses these, at the call.
      Type *t = args[i].type;
      if (t->kind == TY_STRUCT || t->kind == TY_ARRAY) {
        cerror(e->pos, "illegal types for operand: print\n\t%s",
               t->is_defined ? t->name : t->rtname);
        ok = false;
      }
    }
    if (!ok)
      return invalid(x);
    x->mode = M_NOVALUE;
    x->type = ty_void;
    return;
  }
  default:
    die("unexpected built-in %d", (int)k);
  }
}

static void check_call(Operand *x, Node *e) {
  Operand f;
  check_raw(&f, e->lhs);
  e->call_kind = CALL_FUNC;
  switch (f.mode) {
  case M_INVALID:
    for (int i = 0; i < e->list.len; i++)
      use_expr(e->list.items[i]);
    return invalid(x);
  case M_TYPE:
    return conversion(x, e, f.type);
  case M_BUILTIN:
    if (!has_signature(&f))
      return builtin_call(x, e, f.builtin);
    e->call_kind = f.builtin;
    e->lib = f.lib;
    return call_with_signature(x, e, f.type);
  default:
    break;
  }
  check_single(&f);
  if (f.mode == M_INVALID) {
    for (int i = 0; i < e->list.len; i++)
      use_expr(e->list.items[i]);
    return invalid(x);
  }
  if (f.type->kind != TY_FUNC) {
    cerror(start_pos(e), "invalid operation: cannot call non-function %s", operand_string(&f));
    for (int i = 0; i < e->list.len; i++)
      use_expr(e->list.items[i]);
    return invalid(x);
  }
  Node *callee = node_unparen(e->lhs);
  if (callee->kind == ND_SELECTOR && callee->method && callee->recv_expr)
    e->call_kind = CALL_METHOD;
  call_with_signature(x, e, f.type);
}

// ---------------------------------------------------------------- lists

// Go's exprList + the v, ok recognition: evaluates values for n targets.
int check_rhs_list(Vec *values, int n, Operand **out, bool *comma_ok) {
  *comma_ok = false;
  if (values->len == 1) {
    Operand *x = xcalloc(2, sizeof(Operand));
    check_raw(x, values->items[0]);
    if (x->mode != M_INVALID && x->type && x->type->kind == TY_TUPLE) {
      Type *tt = x->type;
      Operand *list = xcalloc((size_t)tt->results.len, sizeof(Operand));
      for (int i = 0; i < tt->results.len; i++) {
        list[i] = *x;
        list[i].mode = M_VALUE;
        list[i].type = tt->results.items[i];
      }
      *out = list;
      return tt->results.len;
    }
    if ((x->mode == M_COMMAOK || x->mode == M_MAPINDEX) && n == 2) {
      x->expr->comma_ok = true;
      x[1].mode = M_VALUE;
      x[1].expr = x->expr;
      x[1].type = ty_untyped_bool;
      x->mode = M_VALUE;
      *comma_ok = true;
      *out = x;
      return 2;
    }
    check_single(x);
    if (x->mode == M_COMMAOK)
      x->mode = M_VALUE;
    *out = x;
    return 1;
  }
  Operand *list = xcalloc((size_t)values->len + 1, sizeof(Operand));
  for (int i = 0; i < values->len; i++) {
    check_expr(&list[i], values->items[i]);
    if (list[i].mode == M_COMMAOK)
      list[i].mode = M_VALUE;
  }
  *out = list;
  return values->len;
}
