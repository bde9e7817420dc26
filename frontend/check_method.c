// check_method.c: method declarations, method sets, and the selectors
// that name a method: calls x.M(...), method values x.M and method
// expressions T.M.
//
// A method is compiled as the function of its receiver and parameters
// (the parser puts the receiver first in its signature), named T.M or
// (*T).M as Go names it. A selector naming a method records the method
// and its receiver made explicit: x, &x for a pointer method of an
// addressable x, *x for a value method through a pointer, with the
// embedded fields it is promoted through.
#include "minigo.h"
#include "check.h"

#include <string.h>

static char *pos_string(Pos p) {
  return xformat("%s:%d:%d", p.file ? p.file : "<input>", p.line, p.col);
}

// ---------------------------------------------------------------- declarations

// The type name a receiver is written with (T or *T), or NULL.
static Node *receiver_base(Node *type_expr, bool *is_ptr) {
  Node *t = node_unparen(type_expr);
  *is_ptr = t && t->kind == ND_STAR;
  if (*is_ptr)
    t = node_unparen(t->lhs);
  return t && (t->kind == ND_IDENT || t->kind == ND_TYPE_NAME) ? t : NULL;
}

static Method *find_method(Type *t, const char *name) {
  for (int i = 0; t && i < t->methods.len; i++) {
    Method *m = t->methods.items[i];
    if (strcmp(m->name, name) == 0)
      return m;
  }
  return NULL;
}

// The defined type a method declaration's receiver names, after Go's
// checks; NULL (reported) if it is not one methods can be declared on.
static Type *receiver_type(Node *d, bool *is_ptr) {
  Vec *recv = &d->recv->params;
  if (recv->len != 1) {
    cerror(recv->len ? ((Node *)recv->items[1])->pos : d->recv->pos,
           recv->len ? "method has multiple receivers" : "method has no receiver");
    return NULL;
  }
  Node *field = recv->items[0];
  Node *base = receiver_base(field->type_expr, is_ptr);
  if (!base) {
    cerror(start_pos(field->type_expr), "invalid receiver type %s", expr_string(field->type_expr));
    return NULL;
  }
  Symbol *s = scope_lookup(base->name);
  if (!s) {
    cerror(base->pos, "undefined: %s", base->name);
    return NULL;
  }
  if (s->kind == SYM_TYPE && s->chk)
    resolve_pkg_obj(s);
  if (s->kind != SYM_TYPE || !s->type)
    return NULL;
  Type *t = s->type;
  if (!t->is_defined || s->pos.line == 0) {
    cerror(base->pos, "cannot define new methods on non-local type %s", t->name);
    return NULL;
  }
  if (t->kind == TY_POINTER || t->kind == TY_IFACE) {
    cerror(base->pos, "invalid receiver type %s (pointer or interface type)", t->name);
    return NULL;
  }
  return t;
}

// A method's name must differ from its type's other methods and fields.
static bool method_name_free(Type *t, Node *d) {
  Method *other = find_method(t, d->name);
  if (other) {
    cerror(d->pos, "%s.%s redeclared in this block\n\t%s: other declaration of %s", t->name,
           d->name, pos_string(other->decl->pos), d->name);
    return false;
  }
  for (int i = 0; t->kind == TY_STRUCT && i < t->fields.len; i++) {
    Field *f = t->fields.items[i];
    if (strcmp(f->name, d->name) == 0) {
      cerror(d->pos, "field and method with the same name %s\n\t%s: other declaration of %s",
             d->name, pos_string(f->pos), d->name);
      return false;
    }
  }
  return true;
}

// Attaches every method declaration of the file to its type, before any
// expression is checked (a method may be used above its declaration).
void check_collect_methods(Node *file) {
  for (int i = 0; i < file->list.len; i++) {
    Node *d = file->list.items[i];
    if (d->kind != ND_FUNC_DECL || !d->recv)
      continue;
    bool is_ptr;
    Type *t = receiver_type(d, &is_ptr);
    if (!t || !d->name || strcmp(d->name, "_") == 0 || !method_name_free(t, d))
      continue;
    Method *m = xcalloc(1, sizeof(Method));
    m->name = d->name;
    m->recv = t;
    m->ptr_recv = is_ptr;
    m->decl = d;
    m->sym = check_method_symbol(d, i);
    d->method = m;
    vec_push(&t->methods, m);
  }
}

// Go's name of a method's function: T.M or (*T).M.
const char *method_func_name(Node *d) {
  bool is_ptr;
  Node *base = d->recv->params.len ? receiver_base(((Node *)d->recv->params.items[0])->type_expr,
                                                   &is_ptr)
                                   : NULL;
  if (!base)
    return xformat("?.%s", d->name);
  return is_ptr ? xformat("(*%s).%s", base->name, d->name) : xformat("%s.%s", base->name, d->name);
}

// The signature of a method whose function has type ft: ft without its
// first parameter, the receiver.
Type *method_type_of_func(Type *ft) {
  Vec params = {0};
  for (int i = 1; i < ft->params.len; i++)
    vec_push(&params, ft->params.items[i]);
  return type_func(params, ft->results, ft->is_variadic);
}

// The method's signature without its receiver, resolved on first use.
Type *method_type(Method *m) {
  if (!m->type && !m->bad_type) {
    Node *sig = m->decl->type_expr;
    Node rest = *sig;
    rest.params = (Vec){.items = sig->params.items + 1, .len = sig->params.len - 1,
                        .cap = sig->params.len - 1};
    Scope *saved = checker.scope;
    checker.scope = ((PkgObj *)m->sym->chk)->file_scope;
    m->type = signature_type(&rest, NULL, NULL, NULL);
    m->bad_type = !m->type;  // reported once
    checker.scope = saved;
  }
  return m->type;
}

// ---------------------------------------------------------------- selectors

static Node *typed_node(NodeKind kind, Node *lhs, Type *t, Pos pos) {
  Node *n = new_node(kind, pos);
  n->lhs = lhs;
  n->type = t;
  return n;
}

// x.M for method m found through the embedded fields path from x: records
// the method and its explicit receiver on e. mode is x's (M_VAR when x is
// addressable). False (reported) when a pointer method needs an address
// that x does not have.
bool check_method_selector(Operand *x, Node *e, Vec path, Method *m) {
  Node *recv = e->lhs;
  Type *rt = x->type;
  bool addressable = x->mode == M_VAR;
  if (type_under(rt)->kind == TY_POINTER)
    addressable = true;
  if (path.len) {
    Node *sel = typed_node(ND_SELECTOR, e->lhs, ((Field *)path.items[path.len - 1])->type, e->pos);
    sel->name = ((Field *)path.items[path.len - 1])->name;
    sel->sel_path = path;
    for (int i = 0; i + 1 < path.len; i++)
      if (type_under(((Field *)path.items[i])->type)->kind == TY_POINTER)
        addressable = true;
    recv = sel;
    rt = sel->type;
  }
  bool is_ptr = type_under(rt)->kind == TY_POINTER && !rt->is_defined;
  if (m->iface) {
    // Called through the interface value itself.
  } else if (m->ptr_recv && !is_ptr) {
    if (!addressable) {
      cerror(selected_name_pos(e), "cannot call pointer method %s on %s", m->name, m->recv->name);
      return false;
    }
    check_mark_addressed(recv);
    recv = typed_node(ND_ADDR, recv, type_pointer(m->recv), e->pos);
  } else if (!m->ptr_recv && is_ptr) {
    recv = typed_node(ND_STAR, recv, m->recv, e->pos);
  }
  e->method = m;
  e->recv_expr = recv;
  if (m->sym)
    note_use(m->sym, e);
  x->mode = M_VALUE;
  x->type = m->iface ? m->type : method_type(m);
  if (!x->type)
    x->mode = M_INVALID;  // its signature was reported
  return true;
}

// T.M or (*T).M: the method as a function of its receiver and parameters,
// promoted methods and value methods of *T included (codegen makes a
// wrapper when the receiver must be found from the parameter: e's
// sel_path keeps the embedded fields to it).
void check_method_expr(Operand *x, Node *e) {
  Type *t = x->type;
  bool ambiguous;
  Method *m;
  Vec path = check_lookup_member(t, e->name, &ambiguous, &m);
  if (ambiguous) {
    cerror(selected_name_pos(e), "ambiguous selector %s", expr_string(e));
    x->mode = M_INVALID;
    return;
  }
  if (!m) {
    cerror(selected_name_pos(e), "%s.%s undefined (type %s has no field or method %s)",
           expr_string(e->lhs), e->name, t->name, e->name);
    x->mode = M_INVALID;
    return;
  }
  if (m->ptr_recv && !check_path_has_pointer(t, path)) {
    cerror(selected_name_pos(e), "cannot call pointer method %s on %s", m->name, t->name);
    x->mode = M_INVALID;
    return;
  }
  Type *mt = m->iface ? m->type : method_type(m);
  if (!mt) {
    x->mode = M_INVALID;  // its signature was reported
    return;
  }
  Vec params = {0};
  vec_push(&params, t);
  for (int i = 0; i < mt->params.len; i++)
    vec_push(&params, mt->params.items[i]);
  e->method = m;
  e->recv_expr = NULL;
  e->sel_path = path;
  if (m->sym)
    note_use(m->sym, e);
  x->mode = M_VALUE;
  x->type = type_func(params, mt->results, mt->is_variadic);
}
