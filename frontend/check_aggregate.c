// check_aggregate.c: structs, arrays and pointers: their type literals,
// field selectors (with embedding and automatic dereference), & and *,
// new(T), and composite literals of every type.
#include "minigo.h"
#include "check.h"

#include <string.h>

static void invalid(Operand *x) {
  x->mode = M_INVALID;
}

// ---------------------------------------------------------------- types

// Code generation keeps struct and array values in registers, element by
// element, which LLVM makes slow and large beyond a few hundred
// elements; until large values live in memory, Mini caps their size.
enum { MAX_AGGREGATE_ELEMS = 1024 };

// How many scalar values a value of type t holds (saturating).
static int64_t scalar_count(Type *t) {
  if (t->kind == TY_ARRAY) {
    int64_t n = scalar_count(t->elem);
    return n && t->array_len > INT32_MAX / n ? INT32_MAX : t->array_len * n;
  }
  if (t->kind != TY_STRUCT)
    return 1;
  int64_t n = 0;
  for (int i = 0; i < t->fields.len && n < INT32_MAX; i++)
    n += scalar_count(((Field *)t->fields.items[i])->type);
  return n;
}

static Type *capped_array(Type *elem, int64_t len, Pos pos) {
  Type *t = type_array(elem, len);
  if (scalar_count(t) > MAX_AGGREGATE_ELEMS) {
    cerror(pos, "arrays of more than %d elements are not supported in Mini", MAX_AGGREGATE_ELEMS);
    return NULL;
  }
  return t;
}

// [N]T: N must be a non-negative integer constant that fits in an int.
Type *check_array_type(Node *e) {
  if (!e->lhs) {
    cerror(e->pos, "invalid use of [...] array (outside a composite literal)");
    return NULL;
  }
  Operand n;
  check_expr(&n, e->lhs);
  Type *elem = resolve_type(e->type_expr);
  if (n.mode == M_INVALID || !elem)
    return NULL;
  if (n.mode != M_CONST) {
    cerror(start_pos(e->lhs), "invalid array length %s", expr_string(e->lhs));
    return NULL;
  }
  // An untyped constant of integer value counts ([1e1]T), as in types2.
  Const iv;
  if (type_is_untyped(n.type) && const_is_number(n.val) && const_to_kind(n.val, CONST_INT, &iv))
    n.val = iv;
  else if (!type_is_integer(n.type)) {
    cerror(start_pos(e->lhs), "array length %s must be integer", operand_string(&n));
    return NULL;
  }
  if (n.val.big || n.val.i < 0 || !const_fits(n.val, ty_int)) {
    cerror(start_pos(e->lhs), "invalid array length %s", operand_string(&n));
    return NULL;
  }
  return capped_array(elem, (int64_t)n.val.i, e->pos);
}

static Field *find_own_field(Vec *fields, const char *name) {
  for (int i = 0; i < fields->len; i++) {
    Field *f = fields->items[i];
    if (strcmp(f->name, name) == 0)
      return f;
  }
  return NULL;
}

// struct{...}: field types are resolved directly (a struct containing
// itself is a cycle), except through pointers, which ND_STAR handles.
Type *check_struct_type(Node *e) {
  Vec fields = {0};
  bool ok = true;
  for (int i = 0; i < e->list.len; i++) {
    Node *fd = e->list.items[i];
    Type *t = resolve_type(fd->type_expr);
    if (!t) {
      ok = false;
      continue;
    }
    Field *other = strcmp(fd->name, "_") != 0 ? find_own_field(&fields, fd->name) : NULL;
    if (other) {
      cerror(fd->pos, "%s redeclared\n\t%s:%d:%d: other declaration of %s", fd->name,
             other->pos.file, other->pos.line, other->pos.col, fd->name);
      ok = false;
      continue;
    }
    Field *f = xcalloc(1, sizeof(Field));
    f->name = fd->name;
    f->type = t;
    f->embedded = fd->is_embedded;
    f->pos = fd->pos;
    f->pkg = checker.pkg;
    vec_push(&fields, f);
  }
  return ok ? type_struct(fields) : NULL;
}

// *T in type position, or *x: which one depends on what the operand is.
// The operand is resolved under an indirection, so that a type may refer
// to itself through a pointer (type node struct{ next *node }).
void check_star(Operand *x, Node *e) {
  int saved = checker.type_direct;
  checker.type_direct = checker.type_path.len;
  check_raw(x, e->lhs);
  checker.type_direct = saved;
  if (x->mode == M_INVALID)
    return;
  if (x->mode == M_TYPE) {
    x->type = type_pointer(x->type);
    return;
  }
  check_single(x);
  if (x->mode == M_INVALID)
    return;
  if (x->mode == M_NIL) {
    cerror(start_pos(e), "invalid operation: cannot indirect nil");
    return invalid(x);
  }
  if (type_under(x->type)->kind != TY_POINTER) {
    cerror(start_pos(e), "invalid operation: cannot indirect %s", operand_string(x));
    return invalid(x);
  }
  x->mode = M_VAR;
  x->type = type_under(x->type)->elem;
}

// ---------------------------------------------------------------- addresses

// The variable whose storage an addressable expression denotes, if the
// expression does not go through a pointer or a slice (x, x.f, x[i] of an
// array x, (x)): taking its address makes it outlive a frame slot's
// guarantees, so codegen must know.
Symbol *check_addressed_var(Node *e) {
  for (;;) {
    switch (e->kind) {
    case ND_PAREN:
      e = e->lhs;
      continue;
    case ND_SELECTOR:
      if (!e->sel_path.len || type_under(e->lhs->type)->kind == TY_POINTER)
        return NULL;
      for (int i = 0; i + 1 < e->sel_path.len; i++)
        if (type_under(((Field *)e->sel_path.items[i])->type)->kind == TY_POINTER)
          return NULL;
      e = e->lhs;
      continue;
    case ND_INDEX:
      if (!e->lhs->type || type_under(e->lhs->type)->kind != TY_ARRAY)
        return NULL;
      e = e->lhs;
      continue;
    case ND_IDENT:
      return e->sym && e->sym->kind == SYM_VAR ? e->sym : NULL;
    default:
      return NULL;
    }
  }
}

void check_mark_addressed(Node *e) {
  Symbol *v = check_addressed_var(e);
  if (v)
    v->addr_taken = true;
}

// &x: x addressable, or a composite literal (&T{...} allocates one).
void check_addr(Operand *x, Node *e) {
  Node *operand = node_unparen(e->lhs);
  check_expr(x, e->lhs);
  if (x->mode == M_INVALID)
    return;
  if (x->mode != M_VAR && !(operand && operand->kind == ND_COMPOSITE)) {
    // Go's parser drops the parentheses around &'s operand.
    x->expr = operand;
    cerror(start_pos(operand), "invalid operation: cannot take address of %s", operand_string(x));
    return invalid(x);
  }
  check_mark_addressed(e->lhs);
  x->mode = M_VALUE;
  x->type = type_pointer(x->type);
}

// new(T)
void check_new(Operand *x, Node *e) {
  e->call_kind = CALL_NEW;
  if (e->list.len != 1) {
    for (int i = 0; i < e->list.len; i++)
      use_expr(e->list.items[i]);
    cerror(start_pos(e), "invalid operation: %s arguments for %s (expected 1, found %d)",
           e->list.len ? "too many" : "not enough", expr_string(e), e->list.len);
    return invalid(x);
  }
  Type *t = resolve_type(e->list.items[0]);
  if (!t)
    return invalid(x);
  e->conv_type = t;
  x->mode = M_VALUE;
  x->type = type_pointer(t);
}

// ---------------------------------------------------------------- fields

// One candidate of a field lookup at some embedding depth: the type whose
// fields are searched and the fields leading to it.
typedef struct Candidate {
  Type *type;
  Vec path;
} Candidate;

static Vec path_with(Vec path, Field *f) {
  Vec p = {0};
  for (int i = 0; i < path.len; i++)
    vec_push(&p, path.items[i]);
  vec_push(&p, f);
  return p;
}

// Go's lookupFieldOrMethod: breadth first over the embedding depth; a
// name found once at the shallowest depth wins, twice there is ambiguous.
// Returns the path of fields to the field, or to the embedded field whose
// type has the method (*method then says which); an empty path and no
// method when there is none (*ambiguous says why).
static Vec lookup_member(Type *t, const char *name, bool *ambiguous, Method **method);

// A defined pointer type (type P *T) has no methods, but x.f is (*x).f
// for T's fields, as types2's lookup goes on in the underlying pointer.
Vec check_lookup_member(Type *t, const char *name, bool *ambiguous, Method **method) {
  if (!t->is_defined || type_under(t)->kind != TY_POINTER)
    return lookup_member(t, name, ambiguous, method);
  Vec path = lookup_member(type_under(t), name, ambiguous, method);
  if (*method) {
    *method = NULL;
    return (Vec){0};
  }
  return path;
}

static Vec lookup_member(Type *t, const char *name, bool *ambiguous, Method **method) {
  Vec level = {0};
  PtrSet seen = {0};
  Candidate *c0 = xcalloc(1, sizeof(Candidate));
  c0->type = t;
  vec_push(&level, c0);
  *ambiguous = false;
  *method = NULL;
  while (level.len) {
    Vec next = {0}, found = {0};
    int nfound = 0;
    for (int i = 0; i < level.len; i++) {
      Candidate *c = level.items[i];
      Type *st = c->type;
      bool deref = type_under(st)->kind == TY_POINTER && !st->is_defined;
      if (deref)
        st = type_under(st)->elem;
      if (ptrset_has(&seen, st))
        continue;
      ptrset_add(&seen, st);
      for (int k = 0; k < st->methods.len; k++) {
        Method *m = st->methods.items[k];
        if (strcmp(m->name, name) == 0 && check_visible(name, m->sym ? m->sym->pkg : NULL)) {
          found = c->path;
          *method = m;
          nfound++;
        }
      }
      // A pointer to an interface has no methods.
      Vec *imethods = &type_under(st)->imethods;
      for (int k = 0; type_under(st)->kind == TY_IFACE && !deref && k < imethods->len; k++) {
        Method *m = imethods->items[k];
        if (strcmp(m->name, name) == 0) {
          found = c->path;
          *method = m;
          nfound++;
        }
      }
      if (type_under(st)->kind != TY_STRUCT)
        continue;
      Vec *fields = &type_under(st)->fields;
      for (int k = 0; k < fields->len; k++) {
        Field *f = fields->items[k];
        if (strcmp(f->name, name) == 0 && strcmp(name, "_") != 0 && check_visible(name, f->pkg)) {
          found = path_with(c->path, f);
          *method = NULL;
          nfound++;
        } else if (f->embedded) {
          Candidate *n = xcalloc(1, sizeof(Candidate));
          n->type = f->type;
          n->path = path_with(c->path, f);
          vec_push(&next, n);
        }
      }
    }
    if (nfound == 1)
      return found;
    if (nfound > 1) {
      *ambiguous = true;
      *method = NULL;
      return (Vec){0};
    }
    level = next;
  }
  return (Vec){0};
}

bool check_path_has_pointer(Type *t, Vec path) {
  if (type_under(t)->kind == TY_POINTER && !t->is_defined)
    return true;
  for (int i = 0; i < path.len; i++)
    if (type_under(((Field *)path.items[i])->type)->kind == TY_POINTER)
      return true;
  return false;
}

// x.f for a field or method f of x's type (or of the type x points to):
// false when x's type has no such member, so the caller can report it.
bool check_member_selector(Operand *x, Node *e) {
  Type *t = x->type;
  bool ambiguous;
  Method *m;
  Vec path = check_lookup_member(t, e->name, &ambiguous, &m);
  if (ambiguous) {
    cerror(selected_name_pos(e), "ambiguous selector %s", expr_string(e));
    invalid(x);
    return true;
  }
  if (m) {
    if (!check_method_selector(x, e, path, m))
      invalid(x);
    return true;
  }
  if (!path.len)
    return false;
  e->sel_path = path;
  bool through_pointer = type_under(t)->kind == TY_POINTER;
  for (int i = 0; i + 1 < path.len; i++)
    if (type_under(((Field *)path.items[i])->type)->kind == TY_POINTER)
      through_pointer = true;
  if (x->mode != M_VAR && !through_pointer)
    x->mode = M_VALUE;
  else
    x->mode = M_VAR;
  x->type = ((Field *)path.items[path.len - 1])->type;
  return true;
}

// ---------------------------------------------------------------- composite literals

// The elements of a literal that was reported are only used. The keys of
// a slice literal are indexes; those of another literal may be field names,
// so only its values are used.
void check_use_elements(Node *e, bool keys) {
  for (int i = 0; i < e->list.len; i++) {
    Node *el = e->list.items[i];
    if (el->kind == ND_KEYED) {
      if (keys)
        use_expr(el->lhs);
      el = el->rhs;
    }
    if (el->kind == ND_COMPOSITE && !el->type_expr)
      check_use_elements(el, keys);
    else
      use_expr(el);
  }
}

// A struct field's value; unlike an array's or slice's element it must
// say its type when it is a literal.
static void check_element(Operand *y, Node *el, Type *elem, const char *context) {
  if (el->kind == ND_COMPOSITE && !el->type_expr) {
    cerror(el->pos, "missing type in composite literal");
    check_use_elements(el, false);
    y->mode = M_INVALID;
    return;
  }
  check_expr(y, el);
  assign_operand(y, elem, context);
}

static Node *first_keyed(Node *e) {
  for (int i = 0; i < e->list.len; i++)
    if (((Node *)e->list.items[i])->kind == ND_KEYED)
      return e->list.items[i];
  return NULL;
}

static void struct_literal_keyed(Node *e, Type *t) {
  Vec *fields = &type_under(t)->fields;
  PtrSet seen = {0};
  for (int i = 0; i < e->list.len; i++) {
    Node *el = e->list.items[i];
    if (el->kind != ND_KEYED) {
      cerror(start_pos(el), "mixture of field:value and value elements in struct literal");
      use_expr(el);
      continue;
    }
    Node *key = el->lhs;
    Field *f = NULL;
    if (key->kind != ND_IDENT) {
      cerror(start_pos(key), "invalid field name %s in struct literal", expr_string(key));
    } else if (!(f = find_own_field(fields, key->name)) || !check_visible(f->name, f->pkg)) {
      cerror(start_pos(key), "unknown field '%s' in struct literal of type %s", key->name,
             t->name);
    } else if (ptrset_has(&seen, f)) {
      cerror(start_pos(key), "duplicate field name %s in struct literal", key->name);
      f = NULL;
    }
    if (!f) {
      use_expr(el->rhs);
      continue;
    }
    ptrset_add(&seen, f);
    el->field = f;
    Operand y;
    check_element(&y, el->rhs, f->type, "struct literal");
  }
}

static void struct_literal(Node *e, Type *t) {
  if (first_keyed(e))
    return struct_literal_keyed(e, t);
  Vec *fields = &type_under(t)->fields;
  for (int i = 0; i < e->list.len; i++) {
    Node *el = e->list.items[i];
    if (i >= fields->len) {
      cerror(start_pos(el), "too many values in %s{…}", e->type_expr ? expr_string(e->type_expr) : t->name);
      for (; i < e->list.len; i++)
        use_expr(e->list.items[i]);
      return;
    }
    Field *f = fields->items[i];
    if (!check_visible(f->name, f->pkg))
      cerror(start_pos(el), "implicit assignment to unexported field %s in %s literal", f->name,
             t->name);
    Operand y;
    check_element(&y, el, f->type, "struct literal");
  }
  if (e->list.len && e->list.len < fields->len)
    cerror(e->end, "too few values in %s{…}", e->type_expr ? expr_string(e->type_expr) : t->name);
}

// Whether constant key k (its type as the literal converted it) was
// among the constant keys before it; the types matter for an interface
// key type, where 1 and int64(1) are different keys.
static bool duplicate_map_key(Vec *keys, Operand *k) {
  for (int i = 0; i < keys->len; i++) {
    Operand *o = keys->items[i];
    if (o->val.kind == k->val.kind && types_identical(o->type, k->type) &&
        const_compare(OP_EQ, o->val, k->val))
      return true;
  }
  return false;
}

// types2's map literal: every element keyed, constant keys distinct.
static void map_literal(Node *e, Type *t) {
  Type *u = type_under(t);
  Vec keys = {0};  // Operand* of the constant keys so far
  for (int i = 0; i < e->list.len; i++) {
    Node *el = e->list.items[i];
    if (el->kind != ND_KEYED) {
      cerror(start_pos(el), "missing key in map literal");
      use_expr(el);
      continue;
    }
    Operand *k = xcalloc(1, sizeof(Operand));
    check_literal_elem(k, el->lhs, u->key, "map literal");
    if (k->mode == M_CONST) {
      if (duplicate_map_key(&keys, k)) {
        cerror(start_pos(el->lhs), "duplicate key %s in map literal", const_string_repr(k->val));
        continue;
      }
      vec_push(&keys, k);
    }
    Operand v;
    check_literal_elem(&v, el->rhs, u->elem, "map literal");
  }
}

void check_composite(Operand *x, Node *e, Type *hint) {
  Type *t = hint;
  Node *te = e->type_expr;
  if (te && te->kind == ND_TYPE_ARRAY && !te->lhs) {
    // [...]T{...}: the length is the literal's.
    Type *elem = resolve_type(te->type_expr);
    if (!elem) {
      check_use_elements(e, true);
      return invalid(x);
    }
    int64_t n = check_literal_indexes(e, elem, -1);
    x->type = capped_array(elem, n, te->pos);
    x->mode = x->type ? M_VALUE : M_INVALID;
    return;
  }
  if (te)
    t = resolve_type(te);
  if (!t) {
    check_use_elements(e, false);
    return invalid(x);
  }
  Type *u = type_under(t);
  x->mode = M_VALUE;
  x->type = t;
  switch (u->kind) {
  case TY_STRUCT:
    struct_literal(e, t);
    return;
  case TY_ARRAY:
    check_literal_indexes(e, u->elem, u->array_len);
    return;
  case TY_SLICE:
    check_literal_indexes(e, u->elem, -1);
    return;
  case TY_MAP:
    map_literal(e, t);
    return;
  default:
    cerror(start_pos(e), "invalid composite literal type %s", t->name);
    check_use_elements(e, false);
    return invalid(x);
  }
}
