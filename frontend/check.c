// check.c: the type checker's driver: scopes, package-level declarations
// (resolved lazily, in any order), function bodies, package variable
// initialization order, and the checks on main and init.
//
// Errors are collected and printed sorted by position, as Go prints them.
#include "minigo.h"
#include "check.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

Checker checker;

// ---------------------------------------------------------------- errors

typedef struct Diag {
  Pos pos;
  char *msg;
  int seq;
} Diag;

static Vec pending;  // Diag*

static int diag_cmp(const void *a, const void *b) {
  const Diag *x = *(Diag *const *)a, *y = *(Diag *const *)b;
  // A package's files in name order, as the loader reads them.
  int files = strcmp(x->pos.file ? x->pos.file : "", y->pos.file ? y->pos.file : "");
  if (files != 0)
    return files;
  if (x->pos.line != y->pos.line)
    return x->pos.line < y->pos.line ? -1 : 1;
  if (x->pos.col != y->pos.col)
    return x->pos.col < y->pos.col ? -1 : 1;
  return x->seq - y->seq;
}

// Prints what was collected, in source order, dropping exact repeats.
static void flush_errors(void) {
  if (pending.len == 0)
    return;
  qsort(pending.items, (size_t)pending.len, sizeof(void *), diag_cmp);
  Diag *prev = NULL;
  for (int i = 0; i < pending.len; i++) {
    Diag *d = pending.items[i];
    if (prev && prev->pos.line == d->pos.line && strcmp(prev->msg, d->msg) == 0)
      continue;
    error_at(d->pos, "%s", d->msg);
    prev = d;
  }
  pending.len = 0;
}

void cerror(Pos pos, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  char *msg = xvformat(fmt, ap);
  va_end(ap);
  Diag *d = xmalloc(sizeof(Diag));
  d->pos = pos;
  d->msg = msg;
  d->seq = pending.len;
  vec_push(&pending, d);
  // Go stops after 10 errors: print the first ten found, sorted.
  if (error_count() + pending.len >= MAX_ERRORS)
    flush_errors();
}

static int errors_total(void) {
  return error_count() + pending.len;
}

// ---------------------------------------------------------------- scopes

Scope *scope_open(bool is_func) {
  Scope *s = xcalloc(1, sizeof(Scope));
  s->outer = checker.scope;
  if (s->outer)
    s->outer_nonempty = s->outer->syms.len ? s->outer : s->outer->outer_nonempty;
  s->is_func = is_func;
  checker.scope = s;
  return s;
}

void scope_close(void) {
  checker.scope = checker.scope->outer;
}

// Scopes up to this size are searched; larger ones get an index.
#define SCOPE_SEARCH_MAX 32

static unsigned name_hash(const char *name) {
  unsigned h = 2166136261u;  // FNV-1a
  for (; *name; name++)
    h = (h ^ (unsigned char)*name) * 16777619u;
  return h;
}

// The slot of name in the index: where it is, or the empty slot it goes to.
static Symbol **index_slot(Scope *s, const char *name) {
  unsigned mask = (unsigned)s->index_cap - 1;
  for (unsigned i = name_hash(name) & mask;; i = (i + 1) & mask)
    if (!s->index[i] || strcmp(s->index[i]->name, name) == 0)
      return &s->index[i];
}

// Brings the index up to date with syms; a later symbol of the same name
// replaces an earlier one, as the newest-first search would find it.
static void update_index(Scope *s) {
  if (s->syms.len * 2 > s->index_cap) {
    s->index_cap = s->index_cap ? s->index_cap * 2 : 64;
    while (s->syms.len * 2 > s->index_cap)
      s->index_cap *= 2;
    s->index = xcalloc((size_t)s->index_cap, sizeof(Symbol *));
    s->indexed = 0;
  }
  for (; s->indexed < s->syms.len; s->indexed++) {
    Symbol *sym = s->syms.items[s->indexed];
    *index_slot(s, sym->name) = sym;
  }
}

Symbol *scope_lookup_local(Scope *s, const char *name) {
  if (s->syms.len > SCOPE_SEARCH_MAX) {
    update_index(s);
    return *index_slot(s, name);
  }
  for (int i = s->syms.len - 1; i >= 0; i--) {
    Symbol *sym = s->syms.items[i];
    if (strcmp(sym->name, name) == 0)
      return sym;
  }
  return NULL;
}

Symbol *scope_lookup(const char *name) {
  for (Scope *s = checker.scope; s; s = s->outer_nonempty) {
    Symbol *sym = scope_lookup_local(s, name);
    if (sym)
      return sym;
  }
  return NULL;
}

Symbol *new_symbol(SymKind kind, const char *name, Pos pos, Type *type) {
  Symbol *s = xcalloc(1, sizeof(Symbol));
  s->kind = kind;
  s->name = name ? name : "_";
  s->pos = pos;
  s->pkg = checker.pkg;
  s->type = type;
  return s;
}

static char *pos_string(Pos p) {
  return xformat("%s:%d:%d", p.file ? p.file : "<input>", p.line, p.col);
}

void scope_declare(Symbol *sym) {
  if (strcmp(sym->name, "_") == 0)
    return;
  Symbol *alt = scope_lookup_local(checker.scope, sym->name);
  if (alt) {
    if (alt->pos.line)
      cerror(sym->pos, "%s redeclared in this block\n\t%s: other declaration of %s", sym->name,
             pos_string(alt->pos), sym->name);
    else
      cerror(sym->pos, "%s redeclared in this block", sym->name);
    return;
  }
  vec_push(&checker.scope->syms, sym);
}

bool check_visible(const char *name, Package *pkg) {
  return !pkg || pkg == checker.pkg || ident_is_exported(name);
}

// Declares a local variable of the current function.
Symbol *scope_declare_var(Node *id, Type *type) {
  Symbol *s = new_symbol(SYM_VAR, id->name, id->pos, type);
  s->owner = checker.func;
  s->decl = id;
  id->sym = s;
  if (checker.func)
    vec_push(&checker.func->locals, s);
  scope_declare(s);
  return s;
}

static void add_capture(FuncInfo *f, Symbol *sym) {
  for (int i = 0; i < f->captures.len; i++)
    if (f->captures.items[i] == sym)
      return;
  vec_push(&f->captures, sym);
}

static void add_dep(PkgObj *obj) {
  if (!checker.owner || !obj)
    return;
  for (int i = 0; i < checker.owner->deps.len; i++)
    if (checker.owner->deps.items[i] == obj)
      return;
  vec_push(&checker.owner->deps, obj);
}

// A name is used as a value: resolve it if it is package-level, record the
// dependency for initialization order, and the capture by closures.
void note_use(Symbol *sym, Node *at) {
  (void)at;
  if (sym->chk) {
    resolve_pkg_obj(sym);
    add_dep(sym->chk);
  }
  sym->is_used = true;
  if (sym->kind != SYM_VAR || sym->is_global || !sym->owner)
    return;
  for (FuncInfo *f = checker.func; f && f != sym->owner; f = f->outer) {
    sym->is_captured = true;
    add_capture(f, sym);
  }
}

// Go reports unused variables per function, sorted by position.
void report_unused(Scope *s) {
  for (int i = 0; i < s->syms.len; i++) {
    Symbol *sym = s->syms.items[i];
    if (sym->kind == SYM_VAR && !sym->is_used && !sym->is_param && !sym->is_global)
      cerror(sym->pos, "%s declared but not used", sym->name);
  }
}

// ---------------------------------------------------------------- universe

static void universe_init(void) {
  checker.universe = scope_open(false);
  struct { const char *name; Type **t; } types[] = {
    {"bool", &ty_bool}, {"byte", &ty_byte}, {"rune", &ty_rune}, {"int", &ty_int},
    {"int8", &ty_int8}, {"int16", &ty_int16}, {"int32", &ty_int32}, {"int64", &ty_int64},
    {"uint", &ty_uint}, {"uint8", &ty_uint8}, {"uint16", &ty_uint16}, {"uint32", &ty_uint32},
    {"uint64", &ty_uint64}, {"uintptr", &ty_uintptr}, {"string", &ty_string},
    {"float32", &ty_float32}, {"float64", &ty_float64}, {"complex64", &ty_complex64},
    {"complex128", &ty_complex128},
    {"error", &ty_error}, {"any", &ty_any},
  };
  Pos none = {0};
  for (size_t i = 0; i < sizeof types / sizeof types[0]; i++)
    scope_declare(new_symbol(SYM_TYPE, types[i].name, none, *types[i].t));
  Symbol *t = new_symbol(SYM_CONST, "true", none, ty_untyped_bool);
  t->val = const_bool(true);
  scope_declare(t);
  Symbol *f = new_symbol(SYM_CONST, "false", none, ty_untyped_bool);
  f->val = const_bool(false);
  scope_declare(f);
  scope_declare(new_symbol(SYM_CONST, "iota", none, ty_untyped_int));
  scope_declare(new_symbol(SYM_NIL, "nil", none, ty_untyped_nil));
  struct { const char *name; CallKind k; } builtins[] = {
    {"len", CALL_LEN}, {"cap", CALL_CAP}, {"append", CALL_APPEND}, {"make", CALL_MAKE}, {"new", CALL_NEW},
    {"panic", CALL_PANIC}, {"recover", CALL_RECOVER}, {"print", CALL_PRINT},
    {"println", CALL_PRINTLN}, {"copy", CALL_COPY}, {"complex", CALL_COMPLEX},
    {"real", CALL_REAL}, {"imag", CALL_IMAG}, {"delete", CALL_DELETE},
    {"close", CALL_CLOSE},
  };
  for (size_t i = 0; i < sizeof builtins / sizeof builtins[0]; i++) {
    Symbol *b = new_symbol(SYM_BUILTIN, builtins[i].name, none, NULL);
    b->builtin = builtins[i].k;
    scope_declare(b);
  }
}

// ---------------------------------------------------------------- functions

FuncInfo *new_funcinfo(Node *node, const char *name, FuncInfo *outer) {
  FuncInfo *f = xcalloc(1, sizeof(FuncInfo));
  f->node = node;
  f->name = name;
  f->outer = outer;
  f->pkg = checker.pkg;
  node->func = f;
  vec_push(&checker.prog->funcs, f);
  return f;
}

// Literal counters: Go names literals F.func1, F.func2 inside function F,
// and F.func1.1 inside literal F.func1; in package variable initializers
// they are glob..func1.
typedef struct LitCount {
  FuncInfo *f;
  int n;
} LitCount;
static Vec lit_counts;
static int glob_lits;

static const char *literal_name(FuncInfo *outer) {
  if (!outer)
    return xformat("glob..func%d", ++glob_lits);
  LitCount *c = NULL;
  for (int i = 0; i < lit_counts.len; i++)
    if (((LitCount *)lit_counts.items[i])->f == outer)
      c = lit_counts.items[i];
  if (!c) {
    c = xcalloc(1, sizeof(LitCount));
    c->f = outer;
    vec_push(&lit_counts, c);
  }
  c->n++;
  return xformat(outer->outer ? "%s.%d" : "%s.func%d", outer->name, c->n);
}

// Checks a body with the function's parameters in a fresh function scope.
static void check_function(FuncInfo *f, Node *ftype, Node *body) {
  FuncInfo *saved_func = checker.func;
  Scope *saved_scope = checker.scope;
  Vec saved_breakables = checker.breakables, saved_labels = checker.labels;
  int saved_iota = checker.iota;
  memset(&checker.breakables, 0, sizeof(Vec));
  memset(&checker.labels, 0, sizeof(Vec));
  checker.iota = -1;
  checker.func = f;
  Scope *fs = scope_open(true);
  f->type = signature_type(ftype, &f->params, &f->results, f);
  if (body)
    check_func_body(f, body);
  (void)fs;
  checker.scope = saved_scope;
  checker.func = saved_func;
  checker.breakables = saved_breakables;
  checker.labels = saved_labels;
  checker.iota = saved_iota;
}

void check_funclit(Operand *x, Node *e) {
  FuncInfo *f = new_funcinfo(e, literal_name(checker.func), checker.func);
  check_function(f, e->type_expr, e->body);
  x->mode = f->type ? M_VALUE : M_INVALID;
  x->type = f->type;
}

// ---------------------------------------------------------------- package level

static Vec pkg_objs;  // PkgObj*

static PkgObj *new_pkg_obj(Symbol *sym, Node *decl, int index, int order) {
  PkgObj *o = xcalloc(1, sizeof(PkgObj));
  o->sym = sym;
  o->decl = decl;
  o->index = index;
  o->order = order;
  o->file_scope = checker.file_scope;
  sym->chk = o;
  vec_push(&pkg_objs, o);
  return o;
}

// Checks a package-level declaration in the package scope, whatever the
// scope of the reference that needed it.
static void check_pkg_decl(PkgObj *o) {
  Scope *saved_scope = checker.scope;
  FuncInfo *saved_func = checker.func;
  PkgObj *saved_owner = checker.owner;
  Vec saved_breakables = checker.breakables, saved_labels = checker.labels;
  int saved_iota = checker.iota;
  checker.scope = o->file_scope;
  checker.func = NULL;
  checker.iota = -1;
  Node *d = o->decl;
  if (d->kind == ND_TYPE_DECL) {
    checker.owner = NULL;  // types play no part in initialization order
    check_type_decl(d, o->sym);
  } else if (d->kind == ND_FUNC_DECL) {
    o->sym->type = signature_type(d->type_expr, NULL, NULL, NULL);
  } else if (d->kind == ND_CONST) {
    checker.owner = o;
    check_const_spec(d, true);
  } else {
    // All names of "var a, b = f()" are initialized together.
    checker.owner = o;
    Symbol **syms = xcalloc((size_t)d->names.len + 1, sizeof(Symbol *));
    for (int i = 0; i < d->names.len; i++) {
      Node *id = d->names.items[i];
      syms[i] = id->sym;
      if (id->sym && id->sym->chk && id->sym->chk != o) {
        PkgObj *other = id->sym->chk;
        other->state = 2;
      }
    }
    check_var_spec(d, syms);
    for (int i = 0; i < d->names.len; i++) {
      Node *id = d->names.items[i];
      if (id->sym && id->sym->chk && id->sym->chk != o) {
        PkgObj *other = id->sym->chk;
        other->deps = o->deps;
      }
    }
  }
  checker.scope = saved_scope;
  checker.func = saved_func;
  checker.owner = saved_owner;
  checker.breakables = saved_breakables;
  checker.labels = saved_labels;
  checker.iota = saved_iota;
}

void resolve_pkg_obj(Symbol *sym) {
  PkgObj *o = sym->chk;
  if (!o || o->state == 2)
    return;
  // A cycle among constants and variables is reported by report_cycles();
  // meanwhile the name stays without a type and its uses are invalid.
  if (o->state == 1)
    return;
  o->state = 1;
  check_pkg_decl(o);
  o->state = 2;
}

// The name of the package an import names (a runtime package's is the
// last element of its path).
static const char *imported_package_name(Node *imp) {
  if (imp->pkg)
    return imp->pkg->name;
  const char *slash = strrchr(imp->name, '/');
  return slash ? slash + 1 : imp->name;
}

// The name an import declares: its alias, else the package's name.
static const char *import_name(Node *imp) {
  return imp->label ? imp->label : imported_package_name(imp);
}

// Declares an import in its file's block.
static void collect_import(Node *imp) {
  const char *path = imp->name ? imp->name : "";
  if (!imp->pkg && !load_is_runtime_package(path))
    return;  // load.c reported it
  Symbol *s = new_symbol(SYM_PACKAGE, import_name(imp), imp->pos, NULL);
  s->decl = imp;
  if (strcmp(s->name, "_") == 0)
    return;  // imported for its initialization only
  Symbol *alt = scope_lookup_local(checker.scope, s->name);
  if (alt && alt->kind == SYM_PACKAGE) {
    cerror(imp->pos, "%s redeclared in this block\n\t%s: other declaration of %s", s->name,
           pos_string(alt->pos), s->name);
    return;
  }
  scope_declare(s);
}

// Go's rule between the blocks of a package and of its files: a name
// declared in both is an error.
static void check_import_conflicts(Scope *file_scope) {
  for (int i = 0; i < file_scope->syms.len; i++) {
    Symbol *imp = file_scope->syms.items[i];
    Symbol *alt = scope_lookup_local(checker.pkg_scope, imp->name);
    if (alt)
      cerror(alt->pos,
             "%s already declared through import of package %s (\"%s\")\n\t%s: other "
             "declaration of %s",
             alt->name, imported_package_name(imp->decl), imp->decl->name, pos_string(imp->pos),
             alt->name);
  }
}

static void collect_decl(Node *d, int order) {
  switch (d->kind) {
  case ND_FUNC_DECL: {
    const char *name = d->name ? d->name : "_";
    if (d->recv)
      return;  // methods belong to their type (check_collect_methods)
    if (strcmp(name, "init") == 0 || strcmp(name, "_") == 0) {
      // init functions are not declared: they cannot be referred to.
      d->func = NULL;
      return;
    }
    Symbol *s = new_symbol(SYM_FUNC, name, d->pos, NULL);
    s->decl = d;
    new_pkg_obj(s, d, 0, order);
    scope_declare(s);
    return;
  }
  case ND_TYPE_DECL: {
    Symbol *s = new_symbol(SYM_TYPE, d->name, d->pos, NULL);
    s->decl = d;
    new_pkg_obj(s, d, 0, order);
    scope_declare(s);
    return;
  }
  case ND_CONST:
  case ND_VAR:
    for (int i = 0; i < d->names.len; i++) {
      Node *id = d->names.items[i];
      Symbol *s = new_symbol(d->kind == ND_CONST ? SYM_CONST : SYM_VAR, id->name, id->pos, NULL);
      s->decl = d;
      id->sym = s;
      if (d->kind == ND_VAR) {
        s->is_global = true;
        s->is_used = true;
        vec_push(&checker.prog->globals, s);
      }
      new_pkg_obj(s, d, i, order);
      scope_declare(s);
    }
    return;
  default:
    return;
  }
}

// ---------------------------------------------------------------- init order

// Package-level variables reachable from o through functions it references.
static void collect_var_deps(PkgObj *o, Vec *out, Vec *seen_funcs) {
  for (int i = 0; i < o->deps.len; i++) {
    PkgObj *d = o->deps.items[i];
    if (d->sym->kind == SYM_VAR) {
      bool have = false;
      for (int j = 0; j < out->len; j++)
        if (((PkgObj *)out->items[j])->decl == d->decl)
          have = true;
      if (!have)
        vec_push(out, d);
    } else {
      bool seen = false;
      for (int j = 0; j < seen_funcs->len; j++)
        if (seen_funcs->items[j] == d)
          seen = true;
      if (!seen) {
        vec_push(seen_funcs, d);
        collect_var_deps(d, out, seen_funcs);
      }
    }
  }
}

// Finds a path of references from o back to target (for the cycle report).
static bool find_path(PkgObj *o, PkgObj *target, Vec *path, Vec *seen) {
  for (int i = 0; i < seen->len; i++)
    if (seen->items[i] == o)
      return false;
  vec_push(seen, o);
  vec_push(path, o);
  for (int i = 0; i < o->deps.len; i++) {
    PkgObj *d = o->deps.items[i];
    if (d->decl == target->decl || find_path(d, target, path, seen))
      return true;
  }
  path->len--;
  return false;
}

static bool report_cycle(PkgObj *o, Vec *reported) {
  Vec path = {0}, seen = {0};
  if (!find_path(o, o, &path, &seen))
    return false;
  for (int i = 0; i < path.len; i++)
    vec_push(reported, path.items[i]);
  char *msg = xformat("initialization loop for %s", o->sym->name);
  for (int i = 0; i < path.len; i++) {
    PkgObj *p = path.items[i];
    msg = xformat("%s\n\t%s: %s refers to", msg, pos_string(p->sym->pos), p->sym->name);
  }
  msg = xformat("%s\n\t%s: %s", msg, pos_string(o->sym->pos), o->sym->name);
  cerror(o->sym->pos, "%s", msg);
  return true;
}

// Go reports each initialization cycle once, at its first variable or
// constant in declaration order, with the path of references.
static bool report_cycles(void) {
  Vec reported = {0};
  for (int i = 0; i < pkg_objs.len; i++) {
    PkgObj *o = pkg_objs.items[i];
    if (o->sym->kind == SYM_FUNC)
      continue;
    bool done = false;
    for (int j = 0; j < reported.len && !done; j++)
      done = ((PkgObj *)reported.items[j])->decl == o->decl;
    if (!done)
      report_cycle(o, &reported);
  }
  return reported.len > 0;
}

// The spec: repeatedly initialize the earliest variable declaration that
// depends on no uninitialized variable. Then the package's init functions
// run, in the order of their files and declarations.
static void compute_init_order(Package *pkg) {
  Vec decls = {0};   // ND_VAR nodes
  Vec deps = {0};    // Vec* per decl: PkgObj* of variables it depends on
  for (int f = 0; f < pkg->files.len; f++) {
    Node *file = pkg->files.items[f];
    for (int i = 0; i < file->list.len; i++) {
      Node *d = file->list.items[i];
      if (d->kind != ND_VAR || d->names.len == 0)
        continue;
      Node *id = d->names.items[0];
      if (!id->sym || !id->sym->chk)
        continue;
      Vec *v = xcalloc(1, sizeof(Vec)), seen = {0};
      collect_var_deps(id->sym->chk, v, &seen);
      vec_push(&decls, d);
      vec_push(&deps, v);
    }
  }
  bool *done = xcalloc((size_t)decls.len + 1, sizeof(bool));
  for (int round = 0; round < decls.len; round++) {
    int pick = -1;
    for (int i = 0; i < decls.len && pick < 0; i++) {
      if (done[i])
        continue;
      Vec *v = deps.items[i];
      bool ready = true;
      for (int j = 0; j < v->len && ready; j++) {
        Node *dd = ((PkgObj *)v->items[j])->decl;
        for (int k = 0; k < decls.len; k++)
          if (decls.items[k] == dd && !done[k])
            ready = false;
      }
      if (ready)
        pick = i;
    }
    if (pick < 0)
      die("initialization order: a cycle was not reported");
    done[pick] = true;
    vec_push(&checker.prog->init_order, decls.items[pick]);
  }
  for (int f = 0; f < pkg->files.len; f++) {
    Node *file = pkg->files.items[f];
    for (int i = 0; i < file->list.len; i++) {
      Node *d = file->list.items[i];
      if (d->kind == ND_FUNC_DECL && !d->recv && d->name && strcmp(d->name, "init") == 0)
        vec_push(&checker.prog->init_order, d);
    }
  }
}

// ---------------------------------------------------------------- program

// func main and func init take nothing and return nothing; the main
// package has a main.
static void check_main_and_init(Package *pkg) {
  bool have_main = false, is_main_pkg = strcmp(pkg->path, "main") == 0;
  for (int f = 0; f < pkg->files.len; f++) {
    Node *file = pkg->files.items[f];
    for (int i = 0; i < file->list.len; i++) {
      Node *d = file->list.items[i];
      if (d->kind != ND_FUNC_DECL || !d->name || d->recv)
        continue;
      bool is_main = is_main_pkg && strcmp(d->name, "main") == 0,
           is_init = strcmp(d->name, "init") == 0;
      if (!is_main && !is_init)
        continue;
      Node *ft = d->type_expr;
      if (ft && (ft->params.len || ft->results.len))
        cerror(d->pos, "func %s must have no arguments and no return values", d->name);
      if (is_main)
        have_main = true;
    }
  }
  if (is_main_pkg && !have_main)
    cerror(((Node *)pkg->files.items[0])->pos, "function main is undeclared in the main package");
}

// The hidden symbol of a method (Method.sym), with its package-level
// object, so that its uses are dependencies as a function's are.
Symbol *check_method_symbol(Node *d, int order) {
  Symbol *s = new_symbol(SYM_FUNC, method_func_name(d), d->pos, NULL);
  s->decl = d;
  new_pkg_obj(s, d, 0, order);
  return s;
}

// Whether a function of the package may be declared without a body: the
// compiler generates the standard library's intrinsics.
static bool is_intrinsic(Package *pkg, const char *name) {
  static const struct { const char *path, *name; } intrinsics[] = {
#define INTRINSIC(path, name, generator) {path, name},
#define RUNTIME_INTRINSIC(path, name, entry) {path, name},
#include "../codegen/intrinsics.def"
#undef INTRINSIC
#undef RUNTIME_INTRINSIC
  };
  for (size_t i = 0; pkg->is_std && i < sizeof intrinsics / sizeof intrinsics[0]; i++)
    if (strcmp(intrinsics[i].path, pkg->path) == 0 && strcmp(intrinsics[i].name, name) == 0)
      return true;
  return false;
}

static void check_func_decl(Node *d) {
  if (d->recv) {
    FuncInfo *f = new_funcinfo(d, method_func_name(d), NULL);
    if (!d->body)
      cerror(d->pos, "missing function body");
    PkgObj *saved = checker.owner;
    checker.owner = d->method ? d->method->sym->chk : NULL;
    check_function(f, d->type_expr, d->body);
    checker.owner = saved;
    if (d->method && !d->method->type && f->type)
      d->method->type = method_type_of_func(f->type);
    return;
  }
  const char *name = d->name ? d->name : "_";
  FuncInfo *f = new_funcinfo(d, name, NULL);
  if (!d->body && !is_intrinsic(checker.pkg, name))
    cerror(d->pos, "missing function body");
  Symbol *s = strcmp(name, "init") && strcmp(name, "_")
                  ? scope_lookup_local(checker.pkg_scope, name)
                  : NULL;
  PkgObj *saved = checker.owner;
  checker.owner = s && s->decl == d ? s->chk : NULL;
  check_function(f, d->type_expr, d->body);
  checker.owner = saved;
  if (strcmp(name, "main") == 0 && strcmp(checker.pkg->path, "main") == 0 &&
      !checker.prog->main_func)
    checker.prog->main_func = f;
}

static void report_unused_imports(Scope *file_scope) {
  for (int i = 0; i < file_scope->syms.len; i++) {
    Symbol *s = file_scope->syms.items[i];
    if (s->kind != SYM_PACKAGE || s->is_used)
      continue;
    if (s->decl->label)
      cerror(s->decl->pos, "imported and not used: \"%s\" as %s", s->decl->name, s->name);
    else
      cerror(s->decl->pos, "imported and not used: \"%s\"", s->decl->name);
  }
}

// The block of a file: its imports, inside the package block.
static Scope *open_file_scope(Node *file) {
  Scope *fs = xcalloc(1, sizeof(Scope));
  fs->outer = fs->outer_nonempty = checker.pkg_scope;
  checker.scope = checker.file_scope = fs;
  for (int i = 0; i < file->imports.len; i++)
    collect_import(file->imports.items[i]);
  return fs;
}

// Forgets what the checker keeps per package.
static void reset_package_state(Package *pkg) {
  pkg_objs = (Vec){0};
  lit_counts = (Vec){0};
  glob_lits = 0;
  checker.pkg = pkg;
  checker.owner = NULL;
  checker.func = NULL;
  checker.iota = -1;
  checker.map_types = (Vec){0};
  checker.scope = checker.universe;
  pkg->scope = checker.pkg_scope = scope_open(false);
}

// Declares every file's imports in its block and its declarations in the
// package block, then attaches the methods; returns the file blocks.
static Vec collect_package(Package *pkg) {
  bool is_main = strcmp(pkg->path, "main") == 0;
  Vec file_scopes = {0};
  int order = 0;
  for (int f = 0; f < pkg->files.len; f++) {
    Node *file = pkg->files.items[f];
    if (is_main && file->name && strcmp(file->name, "main") != 0)
      cerror(file->pos, "package %s is not main: Mini programs are package main", file->name);
    vec_push(&file_scopes, open_file_scope(file));
    checker.scope = checker.pkg_scope;
    for (int i = 0; i < file->list.len; i++)
      collect_decl(file->list.items[i], order++);
  }
  for (int f = 0; f < pkg->files.len; f++) {
    checker.scope = checker.file_scope = file_scopes.items[f];
    check_import_conflicts(checker.file_scope);
    check_collect_methods(pkg->files.items[f]);
  }
  return file_scopes;
}

// Collects the package's declarations, then checks them: package-level
// objects lazily, in any order, then function bodies.
static void check_package(Package *pkg) {
  reset_package_state(pkg);
  Vec file_scopes = collect_package(pkg);
  for (int i = 0; i < pkg_objs.len; i++)
    resolve_pkg_obj(((PkgObj *)pkg_objs.items[i])->sym);
  for (int f = 0; f < pkg->files.len; f++) {
    Node *file = pkg->files.items[f];
    checker.scope = checker.file_scope = file_scopes.items[f];
    for (int i = 0; i < file->list.len; i++) {
      Node *d = file->list.items[i];
      if (d->kind == ND_FUNC_DECL)
        check_func_decl(d);
    }
  }
  check_map_keys();
  check_main_and_init(pkg);
  for (int f = 0; f < pkg->files.len; f++)
    report_unused_imports(file_scopes.items[f]);
  if (!report_cycles() && errors_total() == 0)
    compute_init_order(pkg);
}

Program *check_program(Vec packages) {
  if (packages.len == 0)
    return NULL;
  types_init();
  // Nothing of an earlier compilation in this process survives.
  memset(&checker, 0, sizeof checker);
  pending = (Vec){0};
  const_reset();
  checker.prog = xcalloc(1, sizeof(Program));
  checker.prog->packages = packages;
  universe_init();
  // Go builds a package's imports first and stops at the first package
  // with errors.
  for (int i = 0; i < packages.len && errors_total() == 0; i++)
    check_package(packages.items[i]);
  flush_errors();
  if (error_count() > 0)
    return NULL;
  return checker.prog;
}
