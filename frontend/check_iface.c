// check_iface.c: interface types, whether a type implements one (with
// types2's reasons when not), method sets, and type switches.
//
// An interface's methods (embedded interfaces' included) are Method
// objects of their own, sorted by name: the index of a method there is
// its slot in the interface tables codegen and the runtime build.
#include "minigo.h"
#include "check.h"

#include <stdlib.h>
#include <string.h>

static char *pos_string(Pos p) {
  return xformat("%s:%d:%d", p.file ? p.file : "<input>", p.line, p.col);
}

// ---------------------------------------------------------------- interface types

static Method *find_imethod(Vec *methods, const char *name) {
  for (int i = 0; i < methods->len; i++) {
    Method *m = methods->items[i];
    if (strcmp(m->name, name) == 0)
      return m;
  }
  return NULL;
}

// Adds m to methods unless a method of that name is there: an identical
// one (through two embedded interfaces) is the same method, any other a
// duplicate, reported at the later declaration.
static bool add_imethod(Vec *methods, Method *m, Pos at) {
  Method *other = find_imethod(methods, m->name);
  if (!other) {
    vec_push(methods, m);
    return true;
  }
  if (types_identical(other->type, m->type))
    return true;
  cerror(at, "duplicate method %s\n\t%s: other declaration of %s", m->name,
         pos_string(other->pos), m->name);
  return false;
}

static Method *new_imethod(Node *f, Type *sig) {
  Method *m = xcalloc(1, sizeof(Method));
  m->name = f->name;
  m->type = sig;
  m->pos = f->pos;
  return m;
}

// The methods an embedded element adds: those of an interface type.
static bool embed_iface(Vec *methods, Node *f) {
  Type *t = resolve_type(f->type_expr);
  if (!t)
    return false;
  if (type_under(t)->kind != TY_IFACE) {
    cerror(start_pos(f->type_expr), "interfaces with type constraints (%s) are not supported in Mini",
           t->name);
    return false;
  }
  bool ok = true;
  Vec *embedded = &type_under(t)->imethods;
  for (int k = 0; k < embedded->len; k++) {
    Method *em = embedded->items[k];
    Method *copy = new_imethod(f, em->type);
    copy->name = em->name;
    copy->pos = em->pos;
    ok &= add_imethod(methods, copy, f->pos);
  }
  return ok;
}

// interface{...}: method signatures are resolved under an indirection (a
// method may mention the interface being declared); embedded interfaces
// directly, since their methods are needed now.
Type *check_iface_type(Node *e) {
  Vec methods = {0};
  bool ok = true;
  for (int i = 0; i < e->list.len; i++) {
    Node *f = e->list.items[i];
    if (f->is_embedded)
      continue;
    if (strcmp(f->name, "_") == 0) {
      cerror(f->pos, "methods must have a unique non-blank name");
      ok = false;
      continue;
    }
    Type *sig = resolve_indirect_type(f->type_expr, check_signature_type);
    if (!sig) {
      ok = false;
      continue;
    }
    Method *other = find_imethod(&methods, f->name);
    if (other) {
      cerror(f->pos, "duplicate method %s\n\t%s: other declaration of %s", f->name,
             pos_string(other->pos), f->name);
      ok = false;
      continue;
    }
    vec_push(&methods, new_imethod(f, sig));
  }
  // Embedded interfaces may repeat a method with an identical signature
  // (Go 1.14's overlapping interfaces).
  for (int i = 0; i < e->list.len; i++) {
    Node *f = e->list.items[i];
    if (f->is_embedded)
      ok &= embed_iface(&methods, f);
  }
  return ok ? type_iface(methods) : NULL;
}

// ---------------------------------------------------------------- library interfaces

static Method *lib_method(const char *name, Type *result) {
  Method *m = xcalloc(1, sizeof(Method));
  m->name = name;
  Vec results = {0};
  if (result)
    vec_push(&results, result);
  m->type = type_func((Vec){0}, results, false);
  return m;
}

// The interfaces of fmt and runtime that Mini has, made once per
// compilation: fmt.Stringer and runtime.Error.
Type *check_lib_type(const char *pkg, const char *name) {
  bool stringer = strcmp(pkg, "fmt") == 0 && strcmp(name, "Stringer") == 0;
  bool rt_error = strcmp(pkg, "runtime") == 0 && strcmp(name, "Error") == 0;
  if (!stringer && !rt_error)
    return NULL;
  for (int i = 0; i < checker.lib_types.len; i++) {
    Type *t = checker.lib_types.items[i];
    if (strcmp(t->name, xformat("%s.%s", pkg, name)) == 0)
      return t;
  }
  Vec methods = {0};
  if (stringer) {
    vec_push(&methods, lib_method("String", ty_string));
  } else {
    vec_push(&methods, lib_method("Error", ty_string));
    vec_push(&methods, lib_method("RuntimeError", NULL));
  }
  Type *t = type_defined_in(pkg, name);
  type_set_underlying(t, type_iface(methods));
  vec_push(&checker.lib_types, t);
  return t;
}

// ---------------------------------------------------------------- implementation

// The names a declared method gives its parameters and results.
static const char **field_names(Vec *fields, int from) {
  const char **names = xcalloc((size_t)(fields->len + 1), sizeof(char *));
  for (int i = from; i < fields->len; i++)
    names[i - from] = ((Node *)fields->items[i])->name;
  return names;
}

// "M(x int) string", as types2 shows a method in its have/want lines:
// with a declared method's parameter names.
static char *method_string(Method *m) {
  if (!m->type)
    return xformat("%s()", m->name);
  Type *sig = m->type;
  Node *ft = m->decl ? m->decl->type_expr : NULL;
  if (ft && ft->params.len == sig->params.len + 1 && ft->results.len == sig->results.len)
    sig = type_func_named(sig->params, sig->results, sig->is_variadic,
                          field_names(&ft->params, 1), field_names(&ft->results, 0));
  return xformat("%s%s", m->name, sig->name + strlen("func"));
}

// How type V has the method named like m of an interface: the method
// found (NULL when V has none in its method set) and *reason why not.
static Method *method_of(Type *V, Method *want, char **reason) {
  Type *U = type_under(V);
  if (U->kind == TY_IFACE) {
    Method *m = find_imethod(&U->imethods, want->name);
    if (!m)
      *reason = xformat("missing %s method", want->name);
    return m;
  }
  bool ambiguous;
  Method *m;
  Vec path = check_lookup_member(V, want->name, &ambiguous, &m);
  if (!m) {
    *reason = xformat("missing %s method", want->name);
    return NULL;
  }
  if (!m->iface && m->ptr_recv && !check_path_has_pointer(V, path)) {
    *reason = xformat("%s method has pointer receiver", want->name);
    return NULL;
  }
  if (!m->iface)
    method_type(m);
  return m;
}

bool check_implements(Type *V, Type *T, char **reason) {
  Vec *want = &type_under(T)->imethods;
  for (int i = 0; i < want->len; i++) {
    Method *w = want->items[i];
    char *why = NULL;
    Method *m = method_of(V, w, &why);
    char *detail = "";
    if (m && (!m->type || !w->type))
      continue;  // a signature already reported
    if (m && !types_identical(m->type, w->type)) {
      why = xformat("wrong type for %s method", w->name);
      detail = xformat("\n\t\thave %s\n\t\twant %s", method_string(m), method_string(w));
    }
    if (why) {
      if (reason)
        *reason = xformat("%s does not implement %s (%s)%s", V->name, T->name, why, detail);
      return false;
    }
  }
  return true;
}

// ---------------------------------------------------------------- method sets

static void add_name(Vec *names, const char *name) {
  for (int i = 0; i < names->len; i++)
    if (strcmp(names->items[i], name) == 0)
      return;
  vec_push(names, (void *)name);
}

// Every method name declared on t or on what it embeds, at any depth.
static void collect_method_names(Type *t, Vec *names, PtrSet *seen) {
  if (type_under(t)->kind == TY_POINTER && !t->is_defined)
    t = type_under(t)->elem;
  if (ptrset_has(seen, t))
    return;
  ptrset_add(seen, t);
  for (int i = 0; i < t->methods.len; i++)
    add_name(names, ((Method *)t->methods.items[i])->name);
  Type *u = type_under(t);
  for (int i = 0; u->kind == TY_IFACE && i < u->imethods.len; i++)
    add_name(names, ((Method *)u->imethods.items[i])->name);
  for (int i = 0; u->kind == TY_STRUCT && i < u->fields.len; i++) {
    Field *f = u->fields.items[i];
    if (f->embedded)
      collect_method_names(f->type, names, seen);
  }
}

static int entry_order(const void *a, const void *b) {
  return strcmp((*(MethodSetEntry *const *)a)->method->name,
                (*(MethodSetEntry *const *)b)->method->name);
}

Vec check_method_set(Type *t) {
  Vec names = {0}, set = {0};
  PtrSet seen = {0};
  Type *u = type_under(t);
  if (u->kind == TY_IFACE || (u->kind == TY_POINTER && t->is_defined))
    return set;
  if (u->kind == TY_POINTER && type_under(u->elem)->kind == TY_IFACE)
    return set;
  collect_method_names(t, &names, &seen);
  for (int i = 0; i < names.len; i++) {
    bool ambiguous;
    Method *m;
    Vec path = check_lookup_member(t, names.items[i], &ambiguous, &m);
    if (!m || (!m->iface && m->ptr_recv && !check_path_has_pointer(t, path)))
      continue;
    if (!m->iface)
      method_type(m);
    MethodSetEntry *e = xcalloc(1, sizeof(MethodSetEntry));
    e->method = m;
    e->path = path;
    vec_push(&set, e);
  }
  qsort(set.items, (size_t)set.len, sizeof(void *), entry_order);
  return set;
}

// ---------------------------------------------------------------- type switches

typedef struct SeenType {
  Type *type;  // NULL for nil
  Pos pos;
} SeenType;

// One type (or nil) of a case of a type switch on x: its type is recorded
// on the expression for codegen (ty_untyped_nil for nil). NULL when it is
// invalid (reported) or nil.
static Type *check_case_type(Operand *x, Node *e, Vec *seen) {
  Node *n = node_unparen(e);
  Symbol *s = n->kind == ND_IDENT ? scope_lookup(n->name) : NULL;
  Type *t;
  if (s && s->kind == SYM_NIL) {
    t = NULL;
    e->type = ty_untyped_nil;
  } else {
    t = resolve_type(e);
    if (!t)
      return NULL;
    e->type = t;
    char *why;
    if (x->mode != M_INVALID && type_under(t)->kind != TY_IFACE &&
        !check_implements(t, x->type, &why)) {
      char *have = strstr(why, " (");
      cerror(start_pos(e), "impossible type switch case: %s\n\t%s cannot have dynamic type %s%s",
             expr_string(e), operand_string(x), t->name, have ? have : "");
      return NULL;
    }
  }
  for (int i = 0; i < seen->len; i++) {
    SeenType *st = seen->items[i];
    if (t ? st->type && types_identical(st->type, t) : !st->type) {
      if (t)
        cerror(start_pos(e), "duplicate case %s in type switch\n\t%s: previous case", t->name,
               pos_string(st->pos));
      else
        cerror(start_pos(e), "duplicate case nil in type switch\n\t%s: previous case",
               pos_string(st->pos));
      return NULL;
    }
  }
  SeenType *st = xcalloc(1, sizeof(SeenType));
  st->type = t;
  st->pos = start_pos(e);
  vec_push(seen, st);
  return t;
}

// The variable a case declares: of the case's type when it lists exactly
// one, else of the switch's operand.
static Symbol *case_variable(Node *v, Node *c, Type *single, Type *xtype) {
  Symbol *sym = new_symbol(SYM_VAR, v->name, v->pos, single ? single : xtype);
  sym->owner = checker.func;
  sym->decl = v;
  if (checker.func)
    vec_push(&checker.func->locals, sym);
  scope_declare(sym);
  c->sym = sym;
  return sym;
}

// The cases' types and bodies; whether the variable v (if any) is used in
// one of them.
static bool check_type_cases(Node *s, Operand *x, Node *v) {
  Vec seen = {0};
  Node *first_default = NULL;
  bool used = false;
  for (int i = 0; i < s->list.len; i++) {
    Node *c = s->list.items[i];
    if (c->is_default && first_default)
      cerror(c->pos, "multiple defaults (first at %s)", pos_string(first_default->pos));
    else if (c->is_default)
      first_default = c;
    Type *single = NULL;
    for (int k = 0; k < c->values.len; k++) {
      Type *t = check_case_type(x, c->values.items[k], &seen);
      Node *e = c->values.items[k];
      single = c->values.len == 1 && e->type != ty_untyped_nil ? t : NULL;
    }
    scope_open(false);
    Symbol *sym = v ? case_variable(v, c, single, x->type) : NULL;
    check_case_body(c);
    if (sym) {
      used |= sym->is_used;
      sym->is_used = true;  // reported once for the whole switch
    }
    report_unused(checker.scope);
    scope_close();
  }
  return used;
}

void check_type_switch(Node *s) {
  scope_open(false);
  if (s->init)
    check_stmt_in_switch_header(s->init);
  Node *guard = s->tag;
  Operand x;
  check_expr(&x, guard->lhs);
  check_single(&x);
  if (x.mode != M_INVALID && type_under(x.type)->kind != TY_IFACE) {
    cerror(start_pos(guard->lhs), "%s is not an interface", operand_string(&x));
    x.mode = M_INVALID;
  }
  Node *v = s->names.len ? s->names.items[0] : NULL;
  if (v && strcmp(v->name, "_") == 0) {
    cerror(v->pos, "no new variable on left side of :=");
    v = NULL;
  }
  vec_push(&checker.breakables, s);
  bool used = check_type_cases(s, &x, v);
  checker.breakables.len--;
  if (v && !used)
    cerror(v->pos, "%s declared but not used", v->name);
  report_unused(checker.scope);
  scope_close();
}
