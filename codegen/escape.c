// escape.c: what may live in the frame of the activation that makes it
// rather than on the heap: variables whose address is taken or which
// closures capture, objects of &T{...} and new(T), and closures. As Go's
// escape analysis: the program becomes a graph of locations and flows
// (escape.h), built here, solved in escape_graph.c. Calls of declared
// functions flow through their parameters' summaries, computed bottom-up
// by iterating to a fixed point (recursion included); calls through
// function values, deferred calls and the library conservatively leak
// their arguments to the heap. The facts are kept in Gen's tables, not in
// the checker's structs.
#include "escape.h"

#include <stdlib.h>
#include <string.h>

// Go's limits (ir.MaxStackVarSize, ir.MaxImplicitStackVarSize): larger
// variables, and larger objects of new and &T{...}, stay on the heap.
#define MAX_FRAME_VAR (10 << 20)
#define MAX_FRAME_OBJECT (64 << 10)

// The walk's position: the graph, the function whose body it is in (NULL
// in package-level initializers) and the loop depth there.
static struct {
  EscGraph *g;
  FuncInfo *fn;
  int depth;
  PtrSet goto_targets;  // ND_LABELED: a goto can make a loop of them
} esc;

// What the graphs of all components saw: variables whose address was
// taken, literals walked; and the summaries of the functions done so far.
static PtrSet addressed, walked;
static PtrMap summaries;

// A variable not yet declared in the walk is taken to be as deep as can
// be, so that nothing it holds is thought to outlive it.
enum { DEPTH_UNKNOWN = 1 << 20 };

static void expr(Hole k, Node *e);
static void stmt(Node *s);
static Loc **call(Node *e, int *nresults);
static void walk_function(FuncInfo *fi);

static Hole hole(Loc *l) {
  return (Hole){l, 0};
}

static Hole deref(Hole k, int n) {
  return (Hole){k.loc, k.derefs + n};
}

static const Hole discard = {NULL, 0};

static Hole heap(void) {
  return hole(&esc.g->heap);
}

static Loc *temp(void) {
  return esc_loc(esc.g, esc.fn, esc.depth);
}

// Whether values of type t can hold an address (Go's HasPointers).
static bool carries_pointers(Type *t) {
  if (!t)
    return true;
  Type *u = type_under(t);
  switch (u->kind) {
  case TY_INT: case TY_BOOL: case TY_VOID: case TY_UNTYPED_INT: case TY_UNTYPED_RUNE:
  case TY_UNTYPED_BOOL: case TY_UNTYPED_STRING: case TY_UNTYPED_NIL:
    return false;
  case TY_ARRAY: return u->array_len > 0 && carries_pointers(u->elem);
  case TY_STRUCT:
    for (int i = 0; i < u->fields.len; i++)
      if (carries_pointers(((Field *)u->fields.items[i])->type))
        return true;
    return false;
  default: return true;
  }
}

static bool is_local_var(Symbol *s) {
  return s && s->kind == SYM_VAR && !s->is_global && s->owner;
}

static Loc *var_loc(Symbol *s) {
  Loc *l = ptrmap_get(&esc.g->vars, s);
  if (l)
    return l;
  l = esc_loc(esc.g, s->owner, DEPTH_UNKNOWN);
  l->sym = s;
  l->escapes = ll_type_size(s->type) > MAX_FRAME_VAR;
  ptrmap_put(&esc.g->vars, s, l);
  return l;
}

static void declare(Node *name) {
  if (name && name->kind == ND_IDENT && is_local_var(name->sym)) {
    Loc *l = var_loc(name->sym);
    if (!l->declared)
      l->depth = esc.depth;
    l->declared = true;
  }
}

// The object an allocation site makes (&T{...}, new(T)) of type t.
static Loc *site_loc(Node *site, Type *t) {
  Loc *l = temp();
  l->site = site;
  l->escapes = ll_type_size(t) > MAX_FRAME_OBJECT;
  ptrmap_put(&esc.g->sites, site, l);
  return l;
}

// ---------------------------------------------------------------- expressions

static bool is_package(Node *e) {
  e = node_unparen(e);
  return e && e->kind == ND_IDENT && e->sym && e->sym->kind == SYM_PACKAGE;
}

// Pointers followed on the way from x.f's operand to the field: x itself
// if it is one, and the embedded pointers of the selection path.
static int selector_hops(Node *sel, bool *through_operand) {
  *through_operand = type_under(sel->lhs->type)->kind == TY_POINTER;
  int hops = *through_operand;
  for (int i = 0; i + 1 < sel->sel_path.len; i++)
    hops += type_under(((Field *)sel->sel_path.items[i])->type)->kind == TY_POINTER;
  return hops;
}

static bool is_array(Node *e) {
  return type_under(e->type)->kind == TY_ARRAY;
}

// k receives &x.
static void address(Hole k, Node *x) {
  x = node_unparen(x);
  switch (x->kind) {
  case ND_IDENT:
    if (is_local_var(x->sym)) {
      ptrset_add(&esc.g->addressed, x->sym);
      esc_flow(deref(k, -1), var_loc(x->sym));
    }
    return;
  case ND_SELECTOR:
    if (x->sel_path.len) {
      bool through;
      int hops = selector_hops(x, &through);
      if (hops == 0)
        address(k, x->lhs);
      else
        expr(deref(k, hops - 1), x->lhs);  // the pointer last followed
      return;
    }
    break;
  case ND_INDEX:
    expr(discard, x->rhs);
    if (is_array(x->lhs))
      address(k, x->lhs);
    else
      expr(k, x->lhs);  // into a slice's array, or the array a pointer points to
    return;
  case ND_STAR: expr(k, x->lhs); return;
  default: break;
  }
  expr(heap(), x);
}

// The place an assignment to dst stores into: a local variable (a field or
// element of it too), or the heap for anything reached through a pointer
// and for package-level variables.
static Hole place(Node *dst) {
  Node *d = node_unparen(dst);
  switch (d->kind) {
  case ND_IDENT:
    if (!d->sym || d->sym->kind != SYM_VAR)
      return discard;  // _
    return is_local_var(d->sym) ? hole(var_loc(d->sym)) : heap();
  case ND_SELECTOR: {
    bool through;
    if (d->sel_path.len && selector_hops(d, &through) == 0)
      return place(d->lhs);
    break;
  }
  case ND_INDEX:
    if (is_array(d->lhs)) {
      expr(discard, d->rhs);
      return place(d->lhs);
    }
    // A map keeps its keys as well as its values.
    expr(type_under(d->lhs->type)->kind == TY_MAP ? heap() : discard, d->rhs);
    expr(discard, d->lhs);
    return heap();
  case ND_STAR: expr(discard, d->lhs); return heap();
  default: break;
  }
  expr(discard, d->lhs);
  return heap();
}

// A closure: an object holding the addresses of the variables it captures;
// its body is walked as a function of its own.
static void closure(Hole k, Node *e) {
  FuncInfo *lit = e->func;
  Loc *c = temp();
  c->site = e;
  for (int i = 0; i < lit->captures.len; i++)
    esc_flow((Hole){c, -1}, var_loc(lit->captures.items[i]));
  esc_flow(deref(k, -1), c);
  FuncInfo *fn = esc.fn;
  int depth = esc.depth;
  walk_function(lit);
  esc.fn = fn;
  esc.depth = depth;
}

// T{...}: a struct's or array's elements are part of its value; a slice's
// are in an array on the heap, a map's keys and values in its table.
static void composite(Hole k, Node *e) {
  Type *u = type_under(e->type);
  if (u->kind == TY_SLICE || u->kind == TY_POINTER || u->kind == TY_MAP)
    k = heap();
  for (int i = 0; i < e->list.len; i++) {
    Node *el = e->list.items[i];
    if (el->kind == ND_KEYED) {
      if (u->kind != TY_STRUCT)
        expr(u->kind == TY_MAP ? k : discard, el->lhs);
      el = el->rhs;
    }
    expr(k, el);
  }
}

// x of x.M, a method value or called method: the method may keep the
// receiver, or its address.
static void receiver_leaks(Node *x) {
  expr(heap(), x);
  if (gen_is_addressable(x))
    address(heap(), x);
}

static void field_or_method(Hole k, Node *e) {
  if (is_package(e->lhs))
    return;
  if (!e->sel_path.len) {
    receiver_leaks(e->lhs);
    return;
  }
  bool through;
  expr(deref(k, selector_hops(e, &through)), e->lhs);
}

static void index_expr(Hole k, Node *e) {
  expr(discard, e->rhs);
  Type *t = type_under(e->lhs->type);
  if (t->kind == TY_STRING)
    expr(discard, e->lhs);
  else
    expr(t->kind == TY_ARRAY ? k : deref(k, 1), e->lhs);
}

static void slice_expr(Hole k, Node *e) {
  Node *idx[] = {e->low, e->high, e->max};
  for (int i = 0; i < 3; i++)
    expr(discard, idx[i]);
  if (is_array(e->lhs))
    address(k, e->lhs);
  else
    expr(k, e->lhs);
}

// The conservative walk of what the analysis does not know: every operand
// flows to the heap.
static void unknown(Node *n) {
  Node *kids[] = {n->lhs, n->rhs, n->init, n->cond, n->post, n->then, n->els,
                  n->low, n->high, n->max, n->key, n->value, n->tag};
  for (size_t i = 0; i < sizeof kids / sizeof kids[0]; i++)
    expr(heap(), kids[i]);
  Vec *lists[] = {&n->list, &n->values, &n->names};
  for (size_t l = 0; l < 3; l++)
    for (int i = 0; i < lists[l]->len; i++)
      expr(heap(), lists[l]->items[i]);
  stmt(n->body);
}

static void expr(Hole k, Node *e) {
  if (!e)
    return;
  if (e->type && e->type->kind != TY_TUPLE && !carries_pointers(e->type))
    k = discard;
  switch (e->kind) {
  case ND_INT: case ND_FLOAT: case ND_IMAG: case ND_RUNE: case ND_STRING: case ND_EMPTY:
  case ND_TYPE_NAME: case ND_TYPE_SLICE: case ND_TYPE_FUNC: case ND_TYPE_IFACE:
  case ND_TYPE_ARRAY: case ND_TYPE_STRUCT: case ND_TYPE_MAP: case ND_TYPE_CHAN:
    return;
  case ND_RECV: expr(discard, e->lhs); return;  // what arrives was sent: on the heap
  case ND_IDENT:
    if (is_local_var(e->sym))
      esc_flow(k, var_loc(e->sym));
    return;
  case ND_PAREN: case ND_TYPEASSERT: expr(k, e->lhs); return;
  case ND_BINARY: expr(discard, e->lhs); expr(discard, e->rhs); return;
  case ND_UNARY: expr(discard, e->lhs); return;
  case ND_STAR:
    if (e->lhs->sym && e->lhs->sym->kind == SYM_TYPE)
      return;  // the type *T
    expr(deref(k, 1), e->lhs);
    return;
  case ND_ADDR:
    if (node_unparen(e->lhs)->kind == ND_COMPOSITE) {
      Loc *obj = site_loc(e, node_unparen(e->lhs)->type);
      composite(hole(obj), node_unparen(e->lhs));
      esc_flow(deref(k, -1), obj);
    } else {
      address(k, e->lhs);
    }
    return;
  case ND_SELECTOR: field_or_method(k, e); return;
  case ND_INDEX: index_expr(k, e); return;
  case ND_SLICE: slice_expr(k, e); return;
  case ND_COMPOSITE: composite(k, e); return;
  case ND_FUNCLIT: closure(k, e); return;
  case ND_CALL: {
    int n;
    Loc **r = call(e, &n);
    if (n)
      esc_flow(k, r[0]);
    return;
  }
  default: unknown(e); return;
  }
}

// ---------------------------------------------------------------- calls

static int result_count(Node *e) {
  Type *t = e->type;
  if (!t || t->kind == TY_VOID)
    return 0;
  return t->kind == TY_TUPLE ? t->results.len : 1;
}

static Loc **fresh_results(Node *e, int *n) {
  *n = result_count(e);
  Loc **r = xcalloc((size_t)*n + 1, sizeof *r);
  for (int i = 0; i < *n; i++)
    r[i] = temp();
  return r;
}

// The values of a call's arguments, each in a location of its own, with
// f(g()) spread into g's results.
static Loc **arg_values(Node *e, int *n) {
  if (e->list.len == 1) {
    Node *a = node_unparen(e->list.items[0]);
    if (a->kind == ND_CALL && a->type && a->type->kind == TY_TUPLE)
      return call(a, n);
  }
  *n = e->list.len;
  Loc **v = xcalloc((size_t)*n + 1, sizeof *v);
  for (int i = 0; i < *n; i++) {
    v[i] = temp();
    expr(hole(v[i]), e->list.items[i]);
  }
  return v;
}

static void args_to(Hole k, Node *e) {
  int n;
  Loc **v = arg_values(e, &n);
  for (int i = 0; i < n; i++)
    esc_flow(k, v[i]);
}

// Argument i's parameter, or -1 for the extras a variadic call packs into
// a slice on the heap.
static int param_index(Node *e, Type *ft, int i) {
  int np = ft->params.len;
  if (ft->is_variadic && !e->has_ellipsis && i >= np - 1)
    return -1;
  return i < np ? i : -1;
}

// f(args) of a declared function: through the summary of what its
// parameters leak.
static void declared_call(Node *e, FuncInfo *f, Loc **res) {
  int n;
  Loc **v = arg_values(e, &n);
  EscSummary *s = esc_summary(&summaries, f);
  bool stores = !f->node->body && gen_intrinsic_stores_values(f);
  for (int i = 0; i < n; i++) {
    int p = param_index(e, f->type, i);
    if (p < 0 || (stores && p > 0)) {
      esc_flow(heap(), v[i]);
      continue;
    }
    if (s->heap[p] != ESC_NONE)
      esc_flow(deref(heap(), s->heap[p]), v[i]);
    for (int j = 0; j < s->nresults; j++)
      if (s->result[p * s->nresults + j] != ESC_NONE)
        esc_flow((Hole){res[j], s->result[p * s->nresults + j]}, v[i]);
  }
}

// func(params){...}(args): arguments flow into the literal's parameters.
static void literal_call(Node *e, Node *lit) {
  closure(discard, lit);
  int n;
  Loc **v = arg_values(e, &n);
  for (int i = 0; i < n; i++) {
    int p = param_index(e, lit->func->type, i);
    esc_flow(p < 0 ? heap() : hole(var_loc(lit->func->params.items[p])), v[i]);
  }
}

static void func_call(Node *e, Loc **res) {
  Node *callee = node_unparen(e->lhs);
  if (callee->kind == ND_IDENT && callee->sym && callee->sym->kind == SYM_FUNC &&
      callee->sym->decl && callee->sym->decl->func) {
    declared_call(e, callee->sym->decl->func, res);
  } else if (callee->kind == ND_FUNCLIT) {
    literal_call(e, callee);
  } else {
    // A function value or method: its code may keep anything.
    if (callee->kind == ND_SELECTOR && !is_package(callee->lhs))
      receiver_leaks(callee->lhs);
    else
      expr(discard, callee);
    args_to(heap(), e);
  }
}

// append(s, x...): s's array may be the result's; its elements and what
// is appended may go to a new array on the heap.
static void append_call(Node *e, Loc *res) {
  Loc *s = temp();
  expr(hole(s), e->list.items[0]);
  esc_flow(hole(res), s);
  esc_flow(deref(heap(), 1), s);
  for (int i = 1; i < e->list.len; i++)
    expr(e->has_ellipsis ? deref(heap(), 1) : heap(), e->list.items[i]);
}

static void discard_args(Node *e, int from) {
  for (int i = from; i < e->list.len; i++)
    expr(discard, e->list.items[i]);
}

// The locations of a call's results, after the flows of its arguments.
static Loc **call(Node *e, int *n) {
  Loc **res = fresh_results(e, n);
  switch (e->call_kind) {
  case CALL_FUNC: func_call(e, res); break;
  case CALL_CONVERSION: args_to(hole(res[0]), e); break;
  case CALL_NEW: esc_flow((Hole){res[0], -1}, site_loc(e, e->conv_type)); break;
  case CALL_APPEND: append_call(e, res[0]); break;
  case CALL_COPY:
    if (e->list.len < 2) {  // copy(f()): f's results, conservatively
      expr(heap(), e->list.items[0]);
      break;
    }
    expr(discard, e->list.items[0]);
    expr(deref(heap(), 1), e->list.items[1]);
    break;
  case CALL_MAKE: discard_args(e, 1); break;
  case CALL_LEN: case CALL_CAP: case CALL_PRINT: case CALL_PRINTLN: case CALL_RECOVER:
  case CALL_DELETE: case CALL_CLOSE:
    discard_args(e, 0);  // the runtime only reads them
    break;
  case CALL_PANIC: case CALL_LIBRARY: args_to(heap(), e); break;
  default: unknown(e); break;
  }
  return res;
}

// ---------------------------------------------------------------- statements

// dsts = values, with one call or comma-ok assertion giving several.
static void assign_list(Vec *dsts, Vec *values) {
  if (!values->len) {
    for (int i = 0; i < dsts->len; i++)
      place(dsts->items[i]);
    return;
  }
  if (dsts->len == values->len) {
    for (int i = 0; i < dsts->len; i++)
      expr(place(dsts->items[i]), values->items[i]);
    return;
  }
  Node *v = node_unparen(values->items[0]);
  if (v->kind == ND_CALL) {
    int n;
    Loc **r = call(v, &n);
    for (int i = 0; i < dsts->len && i < n; i++)
      esc_flow(place(dsts->items[i]), r[i]);
    return;
  }
  expr(place(dsts->items[0]), v);  // v, ok := x.(T)
  for (int i = 1; i < dsts->len; i++)
    place(dsts->items[i]);
}

static void declare_list(Vec *names) {
  for (int i = 0; i < names->len; i++)
    declare(names->items[i]);
}

// The current function's results: named ones are its variables.
static Loc **result_locs(void) {
  FuncInfo *fi = esc.fn;
  if (fi->results.len) {
    Loc **r = xcalloc((size_t)fi->results.len, sizeof *r);
    for (int i = 0; i < fi->results.len; i++)
      r[i] = var_loc(fi->results.items[i]);
    return r;
  }
  return ptrmap_get(&esc.g->results, fi);
}

static void return_stmt(Node *s) {
  if (!s->values.len || !esc.fn)
    return;
  Loc **r = result_locs();
  int nres = esc.fn->type->results.len;
  if (s->values.len == nres) {
    for (int i = 0; i < nres; i++)
      expr(hole(r[i]), s->values.items[i]);
    return;
  }
  int n;
  Loc **v = call(node_unparen(s->values.items[0]), &n);
  for (int i = 0; i < n && i < nres; i++)
    esc_flow(hole(r[i]), v[i]);
}

// for k, v := range x: x is evaluated once, before the loop; Go 1.19's
// k and v are one pair of variables for the whole loop.
static void range_stmt(Node *s) {
  Loc *x = temp();
  expr(hole(x), s->lhs);
  if (s->is_define) {
    declare(s->key);
    declare(s->value);
  }
  esc.depth++;
  if (s->key && type_under(s->lhs->type)->kind == TY_MAP)
    esc_flow(deref(place(s->key), 1), x);
  else if (s->key)
    place(s->key);
  if (s->value) {
    Type *t = type_under(s->lhs->type);
    if (t->kind == TY_ARRAY)
      esc_flow(place(s->value), x);
    else if (t->kind == TY_SLICE || t->kind == TY_POINTER || t->kind == TY_MAP)
      esc_flow(deref(place(s->value), 1), x);
    else
      place(s->value);
  }
  stmt(s->body);
  esc.depth--;
}

// defer f(args): the call runs later, from a record that may be on the
// heap, so its arguments (and a function value) conservatively leak. A
// literal deferred outside loops runs before its frame is gone, even
// during a panic; one deferred in a loop is kept in a record that may be
// on the heap.
static void defer_stmt(Node *s) {
  Node *c = node_unparen(s->lhs);
  Node *callee = node_unparen(c->lhs);
  if (callee->kind == ND_FUNCLIT)
    closure(s->in_loop || esc.depth > 0 ? heap() : discard, callee);
  else if (c->call_kind == CALL_FUNC || c->call_kind == CALL_METHOD)
    expr(heap(), callee);  // a method's receiver (or its address) leaks
  args_to(heap(), c);
}

// go f(args): the call runs on another goroutine's stack, any time later:
// the function value (a literal's closure included), the receiver and the
// arguments leak.
static void go_stmt(Node *s) {
  Node *c = node_unparen(s->lhs);
  Node *callee = node_unparen(c->lhs);
  if (callee->kind == ND_FUNCLIT)
    closure(heap(), callee);
  else if (c->call_kind == CALL_FUNC || c->call_kind == CALL_METHOD)
    expr(heap(), callee);
  args_to(heap(), c);
}

// ch <- v: the receiver may be another goroutine, and keep v forever.
static void send_stmt(Node *s) {
  expr(discard, s->lhs);
  expr(heap(), s->rhs);
}

static void stmt_list(Vec *v) {
  for (int i = 0; i < v->len; i++)
    stmt(v->items[i]);
}

// Each case's variable holds what the operand holds (its dynamic value,
// conservatively as the interface itself).
static void type_switch_stmt(Node *s) {
  stmt(s->init);
  Node *x = s->tag->lhs;
  Loc *v = temp();
  expr(hole(v), x);
  for (int i = 0; i < s->list.len; i++) {
    Node *c = s->list.items[i];
    if (c->sym)
      esc_flow(hole(var_loc(c->sym)), v);
    stmt_list(&c->list);
  }
}

static void stmt(Node *s) {
  if (!s)
    return;
  switch (s->kind) {
  case ND_BLOCK: stmt_list(&s->list); return;
  case ND_EXPR_STMT: expr(discard, s->lhs); return;
  case ND_VAR: case ND_DEFINE:
    declare_list(&s->names);
    assign_list(&s->names, &s->values);
    return;
  case ND_ASSIGN: assign_list(&s->names, &s->values); return;
  case ND_OP_ASSIGN: place(s->lhs); expr(discard, s->rhs); return;
  case ND_INCDEC: place(s->lhs); return;
  case ND_IF:
    stmt(s->init);
    expr(discard, s->cond);
    stmt(s->then);
    stmt(s->els);
    return;
  case ND_FOR:
    stmt(s->init);
    esc.depth++;
    expr(discard, s->cond);
    stmt(s->post);
    stmt(s->body);
    esc.depth--;
    return;
  case ND_RANGE: range_stmt(s); return;
  case ND_SWITCH:
    stmt(s->init);
    expr(discard, s->tag);
    for (int i = 0; i < s->list.len; i++) {
      Node *c = s->list.items[i];
      for (int j = 0; j < c->values.len; j++)
        expr(discard, c->values.items[j]);
      stmt_list(&c->list);
    }
    return;
  case ND_TYPE_SWITCH: type_switch_stmt(s); return;
  case ND_RETURN: return_stmt(s); return;
  case ND_LABELED:
    // The rest of the function may run again, as Go's "looping" labels.
    if (ptrset_has(&esc.goto_targets, s))
      esc.depth++;
    stmt(s->body);
    return;
  case ND_DEFER: defer_stmt(s); return;
  case ND_GO: go_stmt(s); return;
  case ND_SEND: send_stmt(s); return;
  case ND_SELECT:
    for (int i = 0; i < s->list.len; i++) {
      Node *c = s->list.items[i];
      stmt(c->init);
      stmt_list(&c->list);
    }
    return;
  case ND_GOTO: case ND_BREAK: case ND_CONTINUE: case ND_FALLTHROUGH: case ND_EMPTY:
  case ND_CONST: case ND_TYPE_DECL:
    return;
  default: unknown(s); return;
  }
}

// ---------------------------------------------------------------- functions

// A function's body, with its parameters and results in place. Unnamed
// results get locations of their own.
static void walk_function(FuncInfo *fi) {
  esc.fn = fi;
  esc.depth = 0;
  ptrset_add(&esc.g->walked, fi);
  for (int i = 0; i < fi->params.len; i++) {
    Loc *p = var_loc(fi->params.items[i]);
    p->param = i;
    p->depth = 0;
    p->declared = true;
  }
  int nres = fi->type->results.len;
  Loc **unnamed = xcalloc((size_t)nres + 1, sizeof *unnamed);
  for (int i = 0; i < nres; i++) {
    Loc *r = fi->results.len ? var_loc(fi->results.items[i]) : (unnamed[i] = temp());
    r->result = i;
    r->depth = 0;
    r->declared = true;
  }
  ptrmap_put(&esc.g->results, fi, unnamed);
  stmt(fi->node->body);
}

static void find_goto_targets(Node *n) {
  if (!n)
    return;
  if (n->kind == ND_GOTO && n->target)
    ptrset_add(&esc.goto_targets, n->target);
  Node *kids[] = {n->lhs, n->rhs, n->init, n->cond, n->post, n->then, n->els, n->body,
                  n->low, n->high, n->max, n->key, n->value, n->tag};
  for (size_t i = 0; i < sizeof kids / sizeof kids[0]; i++)
    find_goto_targets(kids[i]);
  Vec *lists[] = {&n->list, &n->values, &n->names};
  for (size_t l = 0; l < 3; l++)
    for (int i = 0; i < lists[l]->len; i++)
      find_goto_targets(lists[l]->items[i]);
}

// The graph of some declared functions (with their literals), or of the
// package-level initializers when fns is NULL; calls of other functions go
// through the summaries so far.
static EscGraph *build(Program *prog, Vec *fns) {
  EscGraph *g = xcalloc(1, sizeof *g);
  esc.g = g;
  esc.fn = NULL;
  esc.depth = 0;
  if (!fns)
    for (int i = 0; i < prog->init_order.len; i++) {
      Node *v = prog->init_order.items[i];
      if (v->kind == ND_VAR)
        assign_list(&v->names, &v->values);
    }
  for (int i = 0; fns && i < fns->len; i++)
    walk_function(fns->items[i]);
  return g;
}

// ---------------------------------------------------------------- bottom-up

// A strongly connected component of the call graph of declared functions.
typedef struct Component {
  Vec fns;          // FuncInfo*
  bool recursive;   // its functions call each other (or one calls itself)
} Component;

// Tarjan's algorithm: components come out callees first.
typedef struct Tarjan {
  PtrMap index, low;  // FuncInfo* -> number + 1
  Vec stack;
  PtrSet on_stack;
  int next;
  Vec *out;
} Tarjan;

static void direct_callees(Node *n, Vec *out) {
  if (!n)
    return;
  if (n->kind == ND_CALL && n->call_kind == CALL_FUNC) {
    Node *c = node_unparen(n->lhs);
    if (c->kind == ND_IDENT && c->sym && c->sym->kind == SYM_FUNC && c->sym->decl &&
        c->sym->decl->func)
      vec_push(out, c->sym->decl->func);
  }
  Node *kids[] = {n->lhs, n->rhs, n->init, n->cond, n->post, n->then, n->els, n->body,
                  n->low, n->high, n->max, n->key, n->value, n->tag};
  for (size_t i = 0; i < sizeof kids / sizeof kids[0]; i++)
    direct_callees(kids[i], out);
  Vec *lists[] = {&n->list, &n->values, &n->names};
  for (size_t l = 0; l < 3; l++)
    for (int i = 0; i < lists[l]->len; i++)
      direct_callees(lists[l]->items[i], out);
}

static intptr_t num(PtrMap *m, FuncInfo *f) {
  return (intptr_t)ptrmap_get(m, f) - 1;
}

static void strongconnect(Tarjan *t, FuncInfo *f) {
  ptrmap_put(&t->index, f, (void *)(intptr_t)(t->next + 1));
  ptrmap_put(&t->low, f, (void *)(intptr_t)(t->next + 1));
  t->next++;
  vec_push(&t->stack, f);
  ptrset_add(&t->on_stack, f);
  Vec callees = {0};
  direct_callees(f->node->body, &callees);
  bool self = false;
  for (int i = 0; i < callees.len; i++) {
    FuncInfo *g = callees.items[i];
    self |= g == f;
    if (num(&t->index, g) < 0) {
      strongconnect(t, g);
      if (num(&t->low, g) < num(&t->low, f))
        ptrmap_put(&t->low, f, (void *)(num(&t->low, g) + 1));
    } else if (ptrset_has(&t->on_stack, g) && num(&t->index, g) < num(&t->low, f)) {
      ptrmap_put(&t->low, f, (void *)(num(&t->index, g) + 1));
    }
  }
  if (num(&t->low, f) != num(&t->index, f))
    return;
  Component *c = xcalloc(1, sizeof *c);
  FuncInfo *g;
  do {
    g = t->stack.items[--t->stack.len];
    ptrmap_put(&t->index, g, (void *)(intptr_t)(1 << 30));
    vec_push(&c->fns, g);
  } while (g != f);
  c->recursive = self || c->fns.len > 1;
  vec_push(t->out, c);
}

static void call_graph_components(Program *prog, Vec *out) {
  Tarjan t = {.out = out};
  for (int i = 0; i < prog->funcs.len; i++) {
    FuncInfo *f = prog->funcs.items[i];
    if (f->node->kind == ND_FUNC_DECL && num(&t.index, f) < 0)
      strongconnect(&t, f);
  }
}

static bool adopt_summaries(EscGraph *g, Vec *fns) {
  bool changed = false;
  for (int i = 0; i < fns->len; i++) {
    EscSummary *old = esc_summary(&summaries, fns->items[i]);
    EscSummary *new = esc_summary(&g->solved, fns->items[i]);
    if (!esc_summary_equal(old, new)) {
      ptrmap_put(&summaries, fns->items[i], new);
      changed = true;
    }
  }
  return changed;
}

// One component, its callees done: built and solved until the summaries
// its calls used are those its solution gives. Leaks only grow from one
// round to the next, so this ends; the cap is a guard, after which every
// parameter leaks.
static EscGraph *analyse_component(Program *prog, Vec *fns, bool recursive) {
  for (int round = 0;; round++) {
    EscGraph *g = build(prog, fns);
    esc_solve(g);
    if (!adopt_summaries(g, fns) || !recursive)
      return g;
    if (round == 100) {
      for (int i = 0; i < fns->len; i++) {
        EscSummary *s = esc_summary(&summaries, fns->items[i]);
        for (int p = 0; p < s->nparams; p++)
          s->heap[p] = 0;
      }
      g = build(prog, fns);
      esc_solve(g);
      return g;
    }
  }
}

static void set_union(PtrSet *into, PtrSet *from) {
  for (int i = 0; i < from->cap; i++)
    if (from->slots[i])
      ptrset_add(into, from->slots[i]);
}

static void record_decisions(EscGraph *g) {
  for (int i = 0; i < g->locs.len; i++) {
    Loc *l = g->locs.items[i];
    if (l->sym && l->escapes)
      ptrset_add(&gen.heap_cells, l->sym);
    if (l->site && !l->escapes && l->site->kind == ND_FUNCLIT)
      ptrset_add(&gen.frame_literals, l->site->func);
    else if (l->site && !l->escapes)
      ptrset_add(&gen.frame_allocs, l->site);
  }
  set_union(&addressed, &g->addressed);
  set_union(&walked, &g->walked);
}

// Variables the walk did not see addressed or captured (a construct it
// does not know) are kept on the heap, as before the analysis.
static void keep_unseen_on_heap(Program *prog) {
  for (int i = 0; i < prog->funcs.len; i++) {
    FuncInfo *fi = prog->funcs.items[i];
    Vec *syms[] = {&fi->params, &fi->results, &fi->locals};
    for (int v = 0; v < 3; v++)
      for (int j = 0; j < syms[v]->len; j++) {
        Symbol *s = syms[v]->items[j];
        if (s->addr_taken && !ptrset_has(&addressed, s))
          ptrset_add(&gen.heap_cells, s);
      }
    if (!ptrset_has(&walked, fi))
      for (int j = 0; j < fi->captures.len; j++)
        ptrset_add(&gen.heap_cells, fi->captures.items[j]);
  }
}

void escape_analyse(Program *prog) {
  for (int i = 0; i < prog->funcs.len; i++)
    find_goto_targets(((FuncInfo *)prog->funcs.items[i])->node->body);
  Vec components = {0};
  call_graph_components(prog, &components);
  for (int i = 0; i < components.len; i++) {
    Component *c = components.items[i];
    record_decisions(analyse_component(prog, &c->fns, c->recursive));
  }
  EscGraph *g = build(prog, NULL);
  esc_solve(g);
  record_decisions(g);
  keep_unseen_on_heap(prog);
}

// ---------------------------------------------------------------- -m

// The decisions, in the words of go build -gcflags=-m.

typedef struct EscapeNote {
  Pos pos;
  int seq;  // keeps notes at one position in the order made
  char *text;
} EscapeNote;

static void note(Vec *notes, Pos pos, char *text) {
  EscapeNote *n = xmalloc(sizeof *n);
  *n = (EscapeNote){pos, notes->len, text};
  vec_push(notes, n);
}

static void note_vars(Vec *notes, Vec *syms) {
  for (int i = 0; i < syms->len; i++) {
    Symbol *s = syms->items[i];
    if (frame_var_in_cell(s) && !escape_cell_in_frame(s))
      note(notes, s->pos, xformat("moved to heap: %s", s->name));
  }
}

static char *result_name(FuncInfo *fi, int i) {
  return fi->results.len ? xstrdup(((Symbol *)fi->results.items[i])->name) : xformat("~r%d", i);
}

// What a declared function's parameter leaks, as Go's paramTag says it:
// nothing when the parameter itself moved to the heap, result leaks only
// below the level of the heap leak.
static void note_param(Vec *notes, FuncInfo *fi, EscSummary *s, int i) {
  Symbol *p = fi->params.items[i];
  if (!carries_pointers(p->type) || !strcmp(p->name, "_") || ptrset_has(&gen.heap_cells, p))
    return;
  int heap_level = s ? s->heap[i] : ESC_NONE;
  bool any = heap_level != ESC_NONE;
  if (heap_level != ESC_NONE)
    note(notes, p->pos, xformat("leaking param%s: %s", heap_level ? " content" : "", p->name));
  for (int j = 0; s && j < s->nresults; j++) {
    int level = s->result[i * s->nresults + j];
    if (level != ESC_NONE && level < heap_level) {
      note(notes, p->pos, xformat("leaking param: %s to result %s level=%d", p->name,
                                  result_name(fi, j), level));
      any = true;
    }
  }
  if (!any)
    note(notes, p->pos, xformat("%s does not escape", p->name));
}

// T{...} as -m spells a literal (diagnostics say T{…}).
static char *literal_string(Node *lit) {
  return xformat("%s{%s}", expr_string(lit->type_expr), lit->list.len ? "..." : "");
}

static const char *alloc_fate(Node *site) {
  return escape_alloc_in_frame(site) ? "does not escape" : "escapes to heap";
}

// Allocations in expressions: &T{...}, new(T) and function literals.
static void note_allocations(Vec *notes, Node *n) {
  if (!n)
    return;
  if (n->kind == ND_ADDR && node_unparen(n->lhs)->kind == ND_COMPOSITE)
    note(notes, n->pos, xformat("&%s %s", literal_string(node_unparen(n->lhs)), alloc_fate(n)));
  if (n->kind == ND_CALL && n->call_kind == CALL_NEW)
    note(notes, n->pos, xformat("%s %s", expr_string(n), alloc_fate(n)));
  if (n->kind == ND_FUNCLIT) {
    bool stays = escape_literal_in_frame(n->func);
    note(notes, n->pos, xformat("func literal %s", stays ? "does not escape" : "escapes to heap"));
    return;  // its body is a function of its own
  }
  Node *kids[] = {n->lhs, n->rhs, n->init, n->cond, n->post, n->then, n->els, n->body,
                  n->low, n->high, n->max, n->key, n->value, n->tag};
  for (size_t i = 0; i < sizeof kids / sizeof kids[0]; i++)
    note_allocations(notes, kids[i]);
  Vec *lists[] = {&n->list, &n->values, &n->names};
  for (size_t l = 0; l < 3; l++)
    for (int i = 0; i < lists[l]->len; i++)
      note_allocations(notes, lists[l]->items[i]);
}

static int note_order(const void *a, const void *b) {
  const EscapeNote *x = *(EscapeNote *const *)a, *y = *(EscapeNote *const *)b;
  if (x->pos.line != y->pos.line)
    return x->pos.line - y->pos.line;
  if (x->pos.col != y->pos.col)
    return x->pos.col - y->pos.col;
  return x->seq - y->seq;
}

void escape_report(Program *prog) {
  Vec notes = {0};
  for (int i = 0; i < prog->funcs.len; i++) {
    FuncInfo *fi = prog->funcs.items[i];
    if (fi->node->kind == ND_FUNC_DECL)
      for (int j = 0; j < fi->params.len; j++)
        note_param(&notes, fi, ptrmap_get(&summaries, fi), j);
    note_vars(&notes, &fi->params);
    note_vars(&notes, &fi->results);
    note_vars(&notes, &fi->locals);
    note_allocations(&notes, fi->node->body);
  }
  for (int i = 0; i < prog->init_order.len; i++)
    if (((Node *)prog->init_order.items[i])->kind == ND_VAR)
      note_allocations(&notes, prog->init_order.items[i]);
  qsort(notes.items, (size_t)notes.len, sizeof(void *), note_order);
  for (int i = 0; i < notes.len; i++) {
    EscapeNote *n = notes.items[i];
    fprintf(stderr, "%s:%d:%d: %s\n", n->pos.file, n->pos.line, n->pos.col, n->text);
  }
}

bool escape_literal_in_frame(FuncInfo *fi) {
  return ptrset_has(&gen.frame_literals, fi);
}

bool escape_cell_in_frame(Symbol *sym) {
  return !ptrset_has(&gen.heap_cells, sym);
}

bool escape_alloc_in_frame(Node *site) {
  return ptrset_has(&gen.frame_allocs, site);
}
