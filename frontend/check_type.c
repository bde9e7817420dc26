// check_type.c: type declarations, package-level and local, defined types
// and aliases, with Go's "invalid recursive type" check.
//
// A declaration's type exists before its right-hand side is resolved, so
// that the right-hand side may refer to it through a slice or function
// type (type L []L, type F func(F) F). A reference that reaches a
// declaration in progress without such an indirection is a cycle: the
// checker keeps the declarations in progress on a stack (type_path) and
// where the current indirection-free chain starts on it (type_direct).
#include "minigo.h"
#include "check.h"

#include <string.h>

// A defined type whose underlying type is another defined type still in
// progress (type A []B; type B A): completed when that one is.
typedef struct Waiter {
  Type *t, *on;
} Waiter;
static char *pos_string(Pos p) {
  return xformat("%s:%d:%d", p.file ? p.file : "<input>", p.line, p.col);
}

// Go reports a cycle at its earliest declaration, listing the chain from there.
static void report_type_cycle(int from) {
  Vec *path = &checker.type_path;
  int n = path->len - from, first = from;
  for (int i = from; i < path->len; i++) {
    Symbol *s = path->items[i], *f = path->items[first];
    if (s->pos.line < f->pos.line || (s->pos.line == f->pos.line && s->pos.col < f->pos.col))
      first = i;
  }
  Symbol *start = path->items[first];
  char *msg = xformat("invalid recursive type %s", start->name);
  for (int k = 0; k < n; k++) {
    Symbol *s = path->items[from + (first - from + k) % n];
    msg = xformat("%s\n\t%s: %s refers to", msg, pos_string(s->pos), s->name);
  }
  msg = xformat("%s\n\t%s: %s", msg, pos_string(start->pos), start->name);
  cerror(start->pos, "%s", msg);
}

// Whether a use of type name s closes a cycle (reported here). An alias
// has no type until resolved, so any reference to one in progress is a
// cycle; a defined type's only when no indirection lies between.
bool type_name_in_cycle(Symbol *s) {
  Vec *path = &checker.type_path;
  for (int i = path->len - 1; i >= 0; i--) {
    if (path->items[i] != s)
      continue;
    Node *d = s->decl;
    if (i < checker.type_direct && !d->is_alias)
      return false;
    report_type_cycle(i);
    return true;
  }
  return false;
}

// Resolves a type expression under an indirection ([]T, func(T)): a
// declaration in progress may be referred to there.
Type *resolve_indirect_type(Node *e, Type *(*resolve)(Node *)) {
  int saved = checker.type_direct;
  checker.type_direct = checker.type_path.len;
  Type *t = resolve(e);
  checker.type_direct = saved;
  return t;
}

static void complete_defined(Type *t, Type *u) {
  type_set_underlying(t, u);
  for (int i = 0; i < checker.type_waiters.len; i++) {
    Waiter *w = checker.type_waiters.items[i];
    if (w->on == t) {
      w->on = NULL;
      complete_defined(w->t, t);
    }
  }
}

static void set_underlying(Type *t, Type *u) {
  if (!u->is_defined || u->underlying) {
    complete_defined(t, u);
    return;
  }
  Waiter *w = xcalloc(1, sizeof(Waiter));
  w->t = t;
  w->on = u;
  vec_push(&checker.type_waiters, w);
}

// Resolves declaration d of symbol s in the current scope. A type that
// cannot be resolved (its error was reported) leaves s without a type, so
// that its uses are quiet.
void check_type_decl(Node *d, Symbol *s) {
  Type *t = d->is_alias                            ? NULL
            : strcmp(checker.pkg->path, "main") == 0 ? type_defined(s->name)
                                                     : type_defined_in(checker.pkg->name, s->name);
  s->type = t;
  vec_push(&checker.type_path, s);
  Type *u = resolve_type(d->type_expr);
  checker.type_path.len--;
  if (!u) {
    s->type = NULL;
    return;
  }
  if (d->is_alias)
    s->type = u;
  else
    set_underlying(t, u);
}

// A local type declaration: its scope begins at its name, so that it may
// refer to itself (type node []node).
void check_local_type_decl(Node *d) {
  Symbol *s = new_symbol(SYM_TYPE, d->name, d->pos, NULL);
  s->decl = d;
  scope_declare(s);
  int saved = checker.type_direct;
  checker.type_direct = checker.type_path.len;
  check_type_decl(d, s);
  checker.type_direct = saved;
}
