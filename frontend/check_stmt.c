// check_stmt.c: statements, local declarations, branches and labels, and
// Go's terminating-statement rule behind "missing return".
#include "minigo.h"
#include "check.h"

#include <string.h>

static void check_stmt(Node *s, int ft_ok);
static void check_stmt_list(Vec *list, int ft_ok);

// How a fallthrough at the end of a statement list is judged.
enum { FT_NONE, FT_OK, FT_FINAL, FT_TYPE_SWITCH };

// Targets of break statements, for the terminating-statement rule.
static Vec broken;

// A block as Go's goto rules see it (cmd/compile/internal/syntax,
// branches.go): a goto may leave blocks but not enter one.
typedef struct LabelBlock {
  struct LabelBlock *parent;
  Pos start;  // for "jumps into block starting at"
} LabelBlock;

// Labels of the function being checked (function-scoped, unlike names).
typedef struct Label {
  Node *stmt;
  LabelBlock *block;  // the block that declares it
  bool used;
  bool looping;       // a goto after it jumps back to it
} Label;
static Vec func_labels;  // Label*

// How many labels that gotos jump back to precede the statement being
// checked in its enclosing blocks: a defer there may run more than once.
static int goto_loops;

// ---------------------------------------------------------------- declarations

void check_const_spec(Node *d, bool global) {
  Type *t = d->type_expr ? resolve_type(d->type_expr) : NULL;
  int saved_iota = checker.iota;
  checker.iota = d->iota;
  Symbol **syms = xcalloc((size_t)d->names.len + 1, sizeof(Symbol *));
  for (int i = 0; i < d->names.len; i++) {
    Node *id = d->names.items[i];
    Symbol *s = global ? id->sym : new_symbol(SYM_CONST, id->name, id->pos, NULL);
    syms[i] = s;
    if (!s)
      continue;
    s->is_used = true;
    if (i >= d->values.len) {
      if (i == d->values.len)
        cerror(id->pos, "missing init expr for const declaration");
      continue;
    }
    Operand x;
    check_expr(&x, d->values.items[i]);
    if (x.mode == M_INVALID || (d->type_expr && !t))
      continue;
    if (x.mode != M_CONST) {
      cerror(start_pos(x.expr), "%s is not constant", operand_string(&x));
      continue;
    }
    assign_operand(&x, t ? t : x.type, "constant declaration");
    if (x.mode == M_INVALID)
      continue;
    s->type = x.type;
    s->val = x.val;
  }
  if (d->values.len > d->names.len)
    cerror(start_pos(d->values.items[d->names.len]), "extra init expr");
  checker.iota = saved_iota;
  if (!global) {
    for (int i = 0; i < d->names.len; i++) {
      Node *id = d->names.items[i];
      id->sym = syms[i];
      scope_declare(syms[i]);
    }
  }
}

static void assign_error(Vec *values, int nvars, int nvals) {
  Node *rhs0 = values->items[0];
  const char *vars = nvars == 1 ? "variable" : "variables";
  const char *vals = nvals == 1 ? "value" : "values";
  Node *call = node_unparen(rhs0);
  if (values->len == 1 && call->kind == ND_CALL)
    cerror(start_pos(rhs0), "assignment mismatch: %d %s but %s returns %d %s", nvars, vars,
           expr_string(call->lhs), nvals, vals);
  else
    cerror(start_pos(rhs0), "assignment mismatch: %d %s but %d %s", nvars, vars, nvals, vals);
}

// Go's initVar: the variable takes the operand's (default) type when it
// has none. Returns false on failure.
static bool init_var(Symbol *s, Operand *x, const char *context) {
  if (x->mode == M_INVALID) {
    s->is_used = true;
    return false;
  }
  if (!s->type) {
    check_single(x);
    if (x->mode == M_INVALID) {
      s->is_used = true;
      return false;
    }
    Type *t = x->type;
    if (t && type_is_untyped(t)) {
      if (t->kind == TY_UNTYPED_NIL) {
        cerror(start_pos(x->expr), "use of untyped nil in %s", context);
        s->is_used = true;
        return false;
      }
      t = type_default(t);
    }
    s->type = t;
  }
  assign_operand(x, s->type, context);
  if (x->mode == M_INVALID) {
    s->is_used = true;
    return false;
  }
  return true;
}

// Go's initVars: n variables from the values list (returns false when an
// error was reported).
static bool init_vars(Symbol **syms, int n, Vec *values, const char *context) {
  Operand *rhs;
  bool comma_ok;
  int nr = check_rhs_list(values, n, &rhs, &comma_ok);
  if (nr != n) {
    for (int i = 0; i < n; i++)
      syms[i]->is_used = true;
    for (int i = 0; i < nr; i++)
      if (rhs[i].mode == M_INVALID)
        return false;
    assign_error(values, n, nr);
    return false;
  }
  bool ok = true;
  for (int i = 0; i < n; i++)
    if (!init_var(syms[i], &rhs[i], context))
      ok = false;
  if (!ok)
    for (int i = 0; i < n; i++)
      syms[i]->is_used = true;
  return ok;
}

// var names [T] [= values]; syms are the package-level symbols, or NULL
// for a local declaration (declared after its initializers are checked).
void check_var_spec(Node *d, Symbol **syms) {
  bool global = syms != NULL;
  Type *t = d->type_expr ? resolve_type(d->type_expr) : NULL;
  int n = d->names.len;
  if (!global) {
    syms = xcalloc((size_t)n + 1, sizeof(Symbol *));
    for (int i = 0; i < n; i++) {
      Node *id = d->names.items[i];
      syms[i] = new_symbol(SYM_VAR, id->name, id->pos, NULL);
      syms[i]->owner = checker.func;
      syms[i]->decl = id;
      id->sym = syms[i];
    }
  }
  for (int i = 0; i < n; i++) {
    syms[i]->type = t;
    if (d->type_expr && !t)
      syms[i]->is_used = true, syms[i]->type = NULL;
  }
  if (d->values.len == 0) {
    if (!d->type_expr)
      cerror(d->pos, "missing type or init expr");
  } else if (d->type_expr && !t) {
    for (int i = 0; i < d->values.len; i++)
      use_expr(d->values.items[i]);
  } else if (d->values.len == n) {
    for (int i = 0; i < n; i++) {
      Operand x;
      check_expr(&x, d->values.items[i]);
      init_var(syms[i], &x, "variable declaration");
    }
  } else {
    init_vars(syms, n, &d->values, "assignment");
  }
  for (int i = 0; i < n; i++)
    if (!syms[i]->type)
      syms[i]->type = NULL;
  if (!global) {
    for (int i = 0; i < n; i++) {
      if (checker.func)
        vec_push(&checker.func->locals, syms[i]);
      scope_declare(syms[i]);
    }
  }
}

// names := values (Go's shortVarDecl).
static void check_define(Node *s) {
  int n = s->names.len;
  Symbol **syms = xcalloc((size_t)n + 1, sizeof(Symbol *));
  Vec new_vars = {0};
  bool has_err = false;
  for (int i = 0; i < n; i++) {
    Node *id = s->names.items[i];
    if (id->kind != ND_IDENT) {
      use_expr(id);
      cerror(start_pos(id), "non-name %s on left side of :=", expr_string(id));
      has_err = true;
      syms[i] = new_symbol(SYM_VAR, "_", id->pos, NULL);
      continue;
    }
    bool repeated = false;
    for (int j = 0; j < i && strcmp(id->name, "_") != 0; j++) {
      Node *o = s->names.items[j];
      if (o->kind == ND_IDENT && strcmp(o->name, id->name) == 0)
        repeated = true;
    }
    if (repeated) {
      cerror(id->pos, "%s repeated on left side of :=", id->name);
      has_err = true;
      syms[i] = new_symbol(SYM_VAR, "_", id->pos, NULL);
      continue;
    }
    Symbol *alt = strcmp(id->name, "_") ? scope_lookup_local(checker.scope, id->name) : NULL;
    if (alt) {
      id->sym = alt;
      if (alt->kind == SYM_VAR) {
        syms[i] = alt;
        // Go checks the value against the existing variable's type.
      } else {
        cerror(id->pos, "cannot assign to %s", id->name);
        has_err = true;
        syms[i] = new_symbol(SYM_VAR, "_", id->pos, NULL);
      }
      continue;
    }
    Symbol *v = new_symbol(SYM_VAR, id->name, id->pos, NULL);
    v->owner = checker.func;
    v->decl = id;
    id->sym = v;
    syms[i] = v;
    if (strcmp(id->name, "_") != 0)
      vec_push(&new_vars, v);
    else
      v->is_used = true;
  }
  // Re-used variables keep their usage state: assignment is not use.
  bool *was_used = xcalloc((size_t)n + 1, sizeof(bool));
  for (int i = 0; i < n; i++)
    was_used[i] = syms[i]->is_used;
  init_vars(syms, n, &s->values, "assignment");
  for (int i = 0; i < n; i++) {
    Node *id = s->names.items[i];
    if (id->kind == ND_IDENT && syms[i] == id->sym &&
        scope_lookup_local(checker.scope, id->name) == syms[i] && syms[i]->type)
      syms[i]->is_used = was_used[i];
  }
  if (new_vars.len == 0 && !has_err) {
    cerror(s->pos, "no new variables on left side of :=");
    return;
  }
  for (int i = 0; i < new_vars.len; i++) {
    Symbol *v = new_vars.items[i];
    if (!v->type)
      v->is_used = true;
    if (checker.func)
      vec_push(&checker.func->locals, v);
    scope_declare(v);
  }
}

// types2's words for a left-hand side that is neither a variable nor a
// map entry; a field of a map entry has its own.
static void report_unassignable(Operand *z, Node *lhs) {
  Node *sel = node_unparen(lhs);
  if (sel->kind == ND_SELECTOR && sel->lhs) {
    Node *base = node_unparen(sel->lhs);
    if (base->kind == ND_INDEX && base->lhs->type && base->lhs->type->kind == TY_MAP &&
        sel->sel_path.len) {
      cerror(start_pos(lhs), "cannot assign to struct field %s in map", expr_string(lhs));
      return;
    }
  }
  cerror(start_pos(lhs), "cannot assign to %s", operand_string(z));
}

// Go's assignVar: checks lhs as an assignment target and x against it.
static Type *assign_var(Node *lhs, Operand *x) {
  if (x->mode == M_INVALID) {
    use_expr(lhs);
    return NULL;
  }
  Node *id = node_unparen(lhs);
  if (id && id->kind == ND_IDENT && id->name && strcmp(id->name, "_") == 0) {
    id->sym = NULL;
    assign_operand(x, NULL, "assignment to _ identifier");
    for (Node *p = lhs; p && x->mode != M_INVALID; p = p->kind == ND_PAREN ? p->lhs : NULL)
      p->type = x->type;
    return x->mode == M_INVALID ? NULL : x->type;
  }
  Symbol *v = NULL;
  bool v_used = false;
  if (id && id->kind == ND_IDENT && id->name) {
    Symbol *s = scope_lookup(id->name);
    if (s && s->kind == SYM_VAR) {
      v = s;
      v_used = s->is_used;
    }
  }
  // Not check_expr: a receive or type assertion stays a "comma, ok
  // expression" in the message, as types2 says.
  Operand z;
  check_raw(&z, lhs);
  check_single(&z);
  if (v)
    v->is_used = v_used;
  if (z.mode == M_INVALID)
    return NULL;
  if (z.mode != M_VAR && z.mode != M_MAPINDEX) {
    report_unassignable(&z, lhs);
    return NULL;
  }
  assign_operand(x, z.type, "assignment");
  return x->mode == M_INVALID ? NULL : x->type;
}

static void mark_lhs_used(Node *lhs) {
  Node *id = node_unparen(lhs);
  if (id && id->kind == ND_IDENT && id->name) {
    Symbol *s = scope_lookup(id->name);
    if (s && s->kind == SYM_VAR)
      s->is_used = true;
  }
}

static void check_assign(Node *s) {
  int n = s->names.len;
  Operand *rhs;
  bool comma_ok;
  int nr = check_rhs_list(&s->values, n, &rhs, &comma_ok);
  if (nr != n) {
    for (int i = 0; i < n; i++)
      use_expr(s->names.items[i]);
    for (int i = 0; i < nr; i++)
      if (rhs[i].mode == M_INVALID)
        return;
    assign_error(&s->values, n, nr);
    return;
  }
  bool ok = true;
  for (int i = 0; i < n; i++)
    if (!assign_var(s->names.items[i], &rhs[i]))
      ok = false;
  if (!ok)
    for (int i = 0; i < n; i++)
      mark_lhs_used(s->names.items[i]);
}

// ---------------------------------------------------------------- branches

static Label *find_label(const char *name) {
  for (int i = 0; i < func_labels.len; i++) {
    Label *l = func_labels.items[i];
    if (strcmp(l->stmt->label, name) == 0)
      return l;
  }
  return NULL;
}

// What a break leaves besides loops: switches and selects.
static bool is_switch(Node *s) {
  return s && (s->kind == ND_SWITCH || s->kind == ND_TYPE_SWITCH || s->kind == ND_SELECT);
}

static bool is_loop(Node *s) {
  return s && (s->kind == ND_FOR || s->kind == ND_RANGE);
}

static void check_branch(Node *s) {
  bool is_break = s->kind == ND_BREAK;
  const char *kw = is_break ? "break" : "continue";
  if (!s->label) {
    for (int i = checker.breakables.len - 1; i >= 0; i--) {
      Node *t = checker.breakables.items[i];
      if (is_break || is_loop(t)) {
        s->target = t;
        if (is_break)
          vec_push(&broken, t);
        return;
      }
    }
    if (is_break)
      cerror(s->pos, "break is not in a loop, switch, or select");
    else
      cerror(s->pos, "continue is not in a loop");
    return;
  }
  Label *l = find_label(s->label);
  if (l)
    l->used = true;
  for (int i = checker.labels.len - 1; i >= 0; i--) {
    Node *ls = checker.labels.items[i];
    // A duplicate label was not declared: the name means the first one.
    if (!l || ls != l->stmt)
      continue;
    Node *t = ls->body;
    bool ok = is_break ? (is_loop(t) || is_switch(t)) : is_loop(t);
    if (ok) {
      s->target = t;
      if (is_break)
        vec_push(&broken, t);
      return;
    }
    break;
  }
  // Go reports at the label, which follows the keyword and one blank.
  Pos at = s->pos;
  at.col += (int)strlen(kw) + 1;
  if (l)
    cerror(at, "invalid %s label %s", kw, s->label);
  else
    cerror(at, "%s label not defined: %s", kw, s->label);
}

// ---------------------------------------------------------------- labels and gotos
//
// One walk over a function body in source order, as Go's checkBranches:
// declares the labels, resolves each goto to its label, and finds the gotos
// that jump into a block or over a variable declaration.

// The state of the walk in one block.
typedef struct BlockWalk {
  LabelBlock *block;
  Vec fwd;    // Node*: gotos not yet resolved, their label maybe further on
  Vec bad;    // Node*: those of fwd that the last declaration came after
  Node *var;  // the last variable declaration so far (ND_VAR or ND_DEFINE)
} BlockWalk;

static Vec walk_block(LabelBlock *parent, Pos start, Vec *list);

static void walk_inner(BlockWalk *w, Pos start, Vec *list) {
  Vec inner = walk_block(w->block, start, list);
  for (int i = 0; i < inner.len; i++)
    vec_push(&w->fwd, inner.items[i]);
}

// A forward goto that is pending here may still leave the block, so it is
// only a suspect until its label turns up in this block.
static void walk_var_decl(BlockWalk *w, Node *decl) {
  w->var = decl;
  w->bad.len = 0;
  for (int i = 0; i < w->fwd.len; i++)
    vec_push(&w->bad, w->fwd.items[i]);
}

static bool jumps_over_var(BlockWalk *w, Node *g) {
  for (int i = 0; w->var && i < w->bad.len; i++)
    if (w->bad.items[i] == g)
      return true;
  return false;
}

// Go names what the last declaration declares: a var group's first
// variable, or every name on the left of :=.
static char *var_decl_names(Node *decl) {
  if (decl->kind == ND_VAR)
    return expr_string(decl->names.items[0]);
  char *names = expr_string(decl->names.items[0]);
  for (int i = 1; i < decl->names.len; i++)
    names = xformat("%s, %s", names, expr_string(decl->names.items[i]));
  return names;
}

static Label *declare_label(BlockWalk *w, Node *s) {
  Label *l = find_label(s->label);
  if (l) {
    cerror(s->pos, "label %s already defined at %s:%d:%d", s->label,
           l->stmt->pos.file ? l->stmt->pos.file : "<input>", l->stmt->pos.line,
           l->stmt->pos.col);
  } else {
    l = xcalloc(1, sizeof(Label));
    l->stmt = s;
    l->block = w->block;
    vec_push(&func_labels, l);
  }
  int kept = 0;
  for (int i = 0; i < w->fwd.len; i++) {
    Node *g = w->fwd.items[i];
    if (strcmp(g->label, s->label) != 0) {
      w->fwd.items[kept++] = g;
      continue;
    }
    g->target = s;
    l->used = true;
    if (jumps_over_var(w, g)) {
      Pos at = w->var->pos;
      cerror(g->lhs->pos, "goto %s jumps over declaration of %s at %s:%d:%d", s->label,
             var_decl_names(w->var), at.file ? at.file : "<input>", at.line, at.col);
    }
  }
  w->fwd.len = kept;
  return l;
}

// A goto to a label already seen in this block or an enclosing one jumps
// back; any other waits for its label.
static void walk_goto(BlockWalk *w, Node *g) {
  Label *l = find_label(g->label);
  if (l) {
    l->used = true;
    for (LabelBlock *b = w->block; b; b = b->parent) {
      if (l->block == b) {
        g->target = l->stmt;
        l->looping = true;
        return;
      }
    }
  }
  vec_push(&w->fwd, g);
}

static void walk_stmt(BlockWalk *w, Node *s) {
  while (s && s->kind == ND_LABELED) {
    if (s->label && strcmp(s->label, "_") != 0)
      declare_label(w, s);
    s = s->body;
  }
  if (!s)
    return;
  switch (s->kind) {
  case ND_VAR:
    if (s->iota == 0)
      walk_var_decl(w, s);
    return;
  case ND_DEFINE:
    walk_var_decl(w, s);
    return;
  case ND_GOTO:
    walk_goto(w, s);
    return;
  case ND_BLOCK:
    walk_inner(w, s->pos, &s->list);
    return;
  case ND_IF:
    if (s->then)
      walk_inner(w, s->then->pos, &s->then->list);
    if (s->els) {
      Vec els = list_one(s->els);
      walk_inner(w, s->els->pos, &els);
    }
    return;
  case ND_FOR:
  case ND_RANGE:
    if (s->body)
      walk_inner(w, s->body->pos, &s->body->list);
    return;
  case ND_SWITCH:
  case ND_TYPE_SWITCH:
  case ND_SELECT:
    for (int i = 0; i < s->list.len; i++) {
      Node *c = s->list.items[i];
      walk_inner(w, c->pos, &c->list);
    }
    return;
  default:
    return;
  }
}

// Returns the gotos of the block that it does not resolve.
static Vec walk_block(LabelBlock *parent, Pos start, Vec *list) {
  BlockWalk w = {0};
  w.block = xcalloc(1, sizeof(LabelBlock));
  w.block->parent = parent;
  w.block->start = start;
  for (int i = 0; i < list->len; i++)
    walk_stmt(&w, list->items[i]);
  return w.fwd;
}

// Labels first, since a goto or break may name one further on; the gotos
// left over jump into a block or to no label at all.
static void collect_labels(Node *body) {
  Vec fwd = walk_block(NULL, body->pos, &body->list);
  for (int i = 0; i < fwd.len; i++) {
    Node *g = fwd.items[i];
    Label *l = find_label(g->label);
    if (!l) {
      cerror(g->lhs->pos, "label %s not defined", g->label);
      continue;
    }
    l->used = true;
    Pos at = l->block->start;
    cerror(g->lhs->pos, "goto %s jumps into block starting at %s:%d:%d", g->label,
           at.file ? at.file : "<input>", at.line, at.col);
  }
}

// ---------------------------------------------------------------- terminating

static bool was_broken(Node *t) {
  for (int i = 0; i < broken.len; i++)
    if (broken.items[i] == t)
      return true;
  return false;
}

static bool is_terminating(Node *s);

static bool is_terminating_list(Vec *list) {
  for (int i = list->len - 1; i >= 0; i--) {
    Node *s = list->items[i];
    if (s->kind == ND_EMPTY)
      continue;
    return is_terminating(s);
  }
  return false;
}

static bool is_terminating(Node *s) {
  if (!s)
    return false;
  switch (s->kind) {
  case ND_RETURN:
  case ND_GOTO:
    return true;
  case ND_EXPR_STMT: {
    Node *c = node_unparen(s->lhs);
    return c && c->kind == ND_CALL && c->call_kind == CALL_PANIC;
  }
  case ND_BLOCK:
    return is_terminating_list(&s->list);
  case ND_IF:
    return s->els && is_terminating(s->then) && is_terminating(s->els);
  case ND_LABELED:
    return is_terminating(s->body);
  case ND_FOR:
    return !s->cond && !was_broken(s);
  case ND_SWITCH:
  case ND_TYPE_SWITCH: {
    bool has_default = false;
    if (was_broken(s))
      return false;
    for (int i = 0; i < s->list.len; i++) {
      Node *c = s->list.items[i];
      if (c->is_default)
        has_default = true;
      Vec *l = &c->list;
      int last = l->len - 1;
      while (last >= 0 && ((Node *)l->items[last])->kind == ND_EMPTY)
        last--;
      if (last >= 0 && ((Node *)l->items[last])->kind == ND_FALLTHROUGH)
        continue;
      if (!is_terminating_list(l))
        return false;
    }
    return has_default;
  }
  case ND_SELECT:
    if (was_broken(s))
      return false;
    for (int i = 0; i < s->list.len; i++)
      if (!is_terminating_list(&((Node *)s->list.items[i])->list))
        return false;
    return true;
  default:
    return false;
  }
}

// ---------------------------------------------------------------- statements

static void check_block(Node *b) {
  scope_open(false);
  check_stmt_list(&b->list, FT_NONE);
  report_unused(checker.scope);
  scope_close();
}

static void check_expr_stmt(Node *s) {
  Operand x;
  check_raw(&x, s->lhs);
  Node *c = node_unparen(s->lhs);
  const char *msg;
  switch (x.mode) {
  case M_INVALID:
    return;
  case M_BUILTIN:
    msg = "must be called";
    break;
  case M_TYPE:
    msg = "is not an expression";
    break;
  default:
    if (c && c->kind == ND_RECV)
      return;
    if (c && c->kind == ND_CALL) {
      switch (c->call_kind) {
      case CALL_CONVERSION:
      case CALL_LEN:
      case CALL_CAP:
      case CALL_APPEND:
      case CALL_MAKE:
        break;
      default:
        return;
      }
    }
    msg = "is not used";
  }
  if (x.mode == M_COMMAOK)
    x.mode = M_VALUE;
  cerror(start_pos(s->lhs), "%s %s", operand_string(&x), msg);
}

// The call of a defer or go statement (kw says which), in Go's words.
static void check_deferred_call(Node *s, const char *kw) {
  Node *c = s->lhs;
  if (!c || c->kind != ND_CALL) {
    cerror(c ? start_pos(c) : s->pos, "expression in %s must be function call", kw);
    use_expr(c);
    return;
  }
  Operand x;
  check_raw(&x, c);
  if (x.mode == M_INVALID)
    return;
  switch (c->call_kind) {
  case CALL_CONVERSION:
    cerror(start_pos(c), "%s requires function call, not conversion %s", kw, operand_string(&x));
    return;
  case CALL_LEN:
  case CALL_CAP:
  case CALL_APPEND:
  case CALL_MAKE:
    cerror(start_pos(c), "%s discards result of %s", kw, operand_string(&x));
    return;
  default:
    return;
  }
}

static void check_defer(Node *s) {
  s->in_loop = goto_loops > 0;
  for (int i = 0; i < checker.breakables.len; i++)
    if (is_loop(checker.breakables.items[i]))
      s->in_loop = true;
  if (checker.func) {
    vec_push(&checker.func->defers, s);
    if (s->in_loop)
      checker.func->defer_in_loop = true;
  }
  check_deferred_call(s, "defer");
}

// Whether s is one of a select case's communications: a send, or a
// receive alone or assigned to at most two operands (v, ok).
static bool is_comm(Node *s) {
  if (s->kind == ND_SEND)
    return true;
  if (s->kind == ND_EXPR_STMT)
    return node_unparen(s->lhs)->kind == ND_RECV;
  if (s->kind == ND_DEFINE || s->kind == ND_ASSIGN)
    return s->names.len <= 2 && s->values.len == 1 &&
           node_unparen(s->values.items[0])->kind == ND_RECV;
  return false;
}

// Where types2 reports a case that is no communication: at the
// expression's own position (an operator, a call's parenthesis).
static Pos comm_error_pos(Node *s) {
  if (s->kind == ND_EXPR_STMT)
    return s->lhs->pos;
  return s->pos;
}

// A switch or select has at most one default case; *first is the first.
static void check_default_once(Node *c, Node **first) {
  if (!c->is_default)
    return;
  if (*first)
    cerror(c->pos, "multiple defaults (first at %s:%d:%d)",
           (*first)->pos.file ? (*first)->pos.file : "<input>", (*first)->pos.line,
           (*first)->pos.col);
  else
    *first = c;
}

static void check_select(Node *s) {
  Node *first_default = NULL;
  vec_push(&checker.breakables, s);
  for (int i = 0; i < s->list.len; i++) {
    Node *c = s->list.items[i];
    check_default_once(c, &first_default);
    scope_open(false);
    if (c->init && !is_comm(c->init))
      cerror(comm_error_pos(c->init), "select case must be send or receive (possibly with assignment)");
    else
      check_stmt(c->init, FT_NONE);
    check_stmt_list(&c->list, FT_NONE);
    report_unused(checker.scope);
    scope_close();
  }
  checker.breakables.len--;
}

static void check_if(Node *s) {
  scope_open(false);
  if (s->init)
    check_stmt(s->init, FT_NONE);
  Operand x;
  check_expr(&x, s->cond);
  if (x.mode != M_INVALID) {
    if (x.type->kind != TY_BOOL && x.type->kind != TY_UNTYPED_BOOL)
      cerror(start_pos(s->cond), "non-boolean condition in if statement");
    else
      default_operand(&x);
  }
  if (s->then)
    check_block(s->then);
  if (s->els) {
    if (s->els->kind == ND_BLOCK)
      check_block(s->els);
    else
      check_stmt(s->els, FT_NONE);
  }
  report_unused(checker.scope);
  scope_close();
}

static void check_loop_body(Node *loop) {
  vec_push(&checker.breakables, loop);
  if (loop->body)
    check_block(loop->body);
  checker.breakables.len--;
}

static void check_for(Node *s) {
  scope_open(false);
  if (s->init)
    check_stmt(s->init, FT_NONE);
  if (s->cond) {
    Operand x;
    check_expr(&x, s->cond);
    if (x.mode != M_INVALID) {
      if (x.type->kind != TY_BOOL && x.type->kind != TY_UNTYPED_BOOL)
        cerror(start_pos(s->cond), "non-boolean condition in for statement");
      else
        default_operand(&x);
    }
  }
  if (s->post)
    check_stmt(s->post, FT_NONE);
  check_loop_body(s);
  report_unused(checker.scope);
  scope_close();
}

// A channel's range gives its elements, as the one iteration variable.
static Type *range_chan_elem(Node *s, Operand *x) {
  if (x->type->chan_dir == CHAN_SEND) {
    cerror(start_pos(s->lhs), "cannot range over %s (receive from send-only channel)",
           operand_string(x));
    return NULL;
  }
  if (s->value) {
    cerror(start_pos(s->value), "range over %s permits only one iteration variable",
           operand_string(x));
    return NULL;
  }
  return x->type->elem;
}

static void check_range(Node *s) {
  scope_open(false);
  Operand x;
  check_expr(&x, s->lhs);
  Type *key = NULL, *val = NULL;
  if (x.mode != M_INVALID) {
    if (x.type->kind == TY_STRING || x.type->kind == TY_UNTYPED_STRING) {
      default_operand(&x);
      key = ty_int, val = ty_rune;
    } else if (x.type->kind == TY_SLICE || x.type->kind == TY_ARRAY) {
      key = ty_int, val = x.type->elem;
    } else if (x.type->kind == TY_POINTER && type_under(x.type->elem)->kind == TY_ARRAY) {
      key = ty_int, val = type_under(x.type->elem)->elem;
    } else if (x.type->kind == TY_MAP) {
      key = x.type->key, val = x.type->elem;
    } else if (x.type->kind == TY_CHAN) {
      key = range_chan_elem(s, &x);
    } else {
      cerror(start_pos(s->lhs), "cannot range over %s", operand_string(&x));
    }
  }
  Node *lhs[2] = {s->key, s->value};
  Type *types[2] = {key, val};
  if (s->is_define) {
    Vec vars = {0};
    for (int i = 0; i < 2; i++) {
      Node *id = lhs[i];
      if (!id)
        continue;
      if (id->kind != ND_IDENT) {
        cerror(start_pos(id), "non-name %s on left side of :=", expr_string(id));
        continue;
      }
      Symbol *v = new_symbol(SYM_VAR, id->name, id->pos, types[i]);
      v->owner = checker.func;
      v->decl = id;
      id->sym = v;
      id->type = types[i];
      if (!types[i])
        v->is_used = true;
      vec_push(&vars, v);
    }
    for (int i = 0; i < vars.len; i++) {
      Symbol *v = vars.items[i];
      if (checker.func)
        vec_push(&checker.func->locals, v);
      scope_declare(v);
      if (strcmp(v->name, "_") == 0)
        v->is_used = true;
    }
  } else {
    for (int i = 0; i < 2; i++) {
      if (!lhs[i])
        continue;
      if (!types[i]) {
        use_expr(lhs[i]);
        continue;
      }
      Operand y = {.mode = M_VALUE, .expr = NULL, .type = types[i]};
      y.expr = s->lhs;
      assign_var(lhs[i], &y);
    }
  }
  check_loop_body(s);
  report_unused(checker.scope);
  scope_close();
}

typedef struct SeenCase {
  Const val;
  Type *type;
  Pos pos;
} SeenCase;

static void check_case_values(Operand *tag, Node *c, Vec *seen) {
  for (int i = 0; i < c->values.len; i++) {
    Node *e = c->values.items[i];
    Operand v;
    check_expr(&v, e);
    if (tag->mode == M_INVALID || v.mode == M_INVALID)
      continue;
    convert_untyped(&v, tag->type);
    if (v.mode == M_INVALID)
      continue;
    Operand res = v, t = *tag;
    check_comparison(&res, &t, OP_EQ, true);
    if (res.mode == M_INVALID || v.mode != M_CONST)
      continue;
    if (v.val.kind == CONST_BOOL)
      continue;
    bool dup = false;
    for (int j = 0; j < seen->len && !dup; j++) {
      SeenCase *sc = seen->items[j];
      if (types_identical(sc->type, v.type) && const_compare(OP_EQ, sc->val, v.val)) {
        cerror(start_pos(e), "duplicate case %s in expression switch\n\t%s:%d:%d: previous case",
               operand_string(&v), sc->pos.file ? sc->pos.file : "<input>", sc->pos.line,
               sc->pos.col);
        dup = true;
      }
    }
    if (!dup) {
      SeenCase *sc = xcalloc(1, sizeof(SeenCase));
      sc->val = v.val;
      sc->type = v.type;
      sc->pos = start_pos(e);
      vec_push(seen, sc);
    }
  }
}

static void check_switch(Node *s) {
  scope_open(false);
  if (s->init)
    check_stmt(s->init, FT_NONE);
  Operand tag;
  memset(&tag, 0, sizeof tag);
  if (s->tag) {
    check_expr(&tag, s->tag);
    assign_operand(&tag, NULL, "switch expression");
    // A slice, map or func may be switched on: its cases can only be nil.
    if (tag.mode != M_INVALID && !type_is_comparable(tag.type) && !type_has_nil(tag.type)) {
      cerror(start_pos(s->tag), "cannot switch on %s (%s is not comparable)",
             operand_string(&tag), tag.type->name);
      tag.mode = M_INVALID;
    }
  } else {
    // A tagless switch compares each case with true.
    Node *t = new_node(ND_IDENT, s->pos);
    t->name = "true";
    t->type = ty_bool;
    tag.mode = M_CONST;
    tag.expr = t;
    tag.type = ty_bool;
    tag.val = const_bool(true);
  }
  Vec seen = {0};
  Node *first_default = NULL;
  vec_push(&checker.breakables, s);
  for (int i = 0; i < s->list.len; i++) {
    Node *c = s->list.items[i];
    check_default_once(c, &first_default);
    check_case_values(&tag, c, &seen);
    scope_open(false);
    check_stmt_list(&c->list, i == s->list.len - 1 ? FT_FINAL : FT_OK);
    report_unused(checker.scope);
    scope_close();
  }
  checker.breakables.len--;
  report_unused(checker.scope);
  scope_close();
}

void check_stmt_in_switch_header(Node *init) {
  check_stmt(init, FT_NONE);
}

// A type switch's case: fallthrough is never allowed there.
void check_case_body(Node *c) {
  check_stmt_list(&c->list, FT_TYPE_SWITCH);
}

static void check_return(Node *s) {
  Type *sig = checker.func ? checker.func->type : NULL;
  if (!sig) {
    // The signature was invalid (reported): the values are only used.
    for (int i = 0; i < s->values.len; i++)
      use_expr(s->values.items[i]);
    return;
  }
  int nres = sig->results.len;
  if (s->values.len == 0 && nres > 0 && checker.func->results.len > 0) {
    for (int i = 0; i < checker.func->results.len; i++) {
      Symbol *r = checker.func->results.items[i];
      Symbol *alt = scope_lookup(r->name);
      if (alt && alt != r)
        cerror(s->pos, "result parameter %s not in scope at return\n\t%s:%d:%d: inner declaration of var %s %s",
               r->name, alt->pos.file ? alt->pos.file : "<input>", alt->pos.line, alt->pos.col,
               r->name, r->type->name);
    }
    return;
  }
  Operand *rhs = NULL;
  bool comma_ok = false;
  int nr = s->values.len ? check_rhs_list(&s->values, nres, &rhs, &comma_ok) : 0;
  if (comma_ok) {
    // "return x.(T)" with two results is not a comma-ok form.
    nr = 1;
    rhs[0].mode = M_VALUE;
    ((Node *)s->values.items[0])->comma_ok = false;
  }
  if (nr != nres) {
    for (int i = 0; i < nr; i++)
      if (rhs[i].mode == M_INVALID)
        return;
    Pos at = s->pos;
    const char *q = "not enough";
    if (nr > nres) {
      at = start_pos(rhs[nres].expr);
      q = "too many";
    } else if (nr > 0) {
      at = start_pos(rhs[nr - 1].expr);
    }
    Type **have = xcalloc((size_t)nr + 1, sizeof(Type *));
    for (int i = 0; i < nr; i++)
      have[i] = rhs[i].type;
    cerror(at, "%s return values\n\thave %s\n\twant %s", q, types_summary(have, nr, false),
           types_summary((Type **)sig->results.items, nres, false));
    return;
  }
  for (int i = 0; i < nres; i++)
    assign_operand(&rhs[i], sig->results.items[i], "return statement");
}

// The statements from a label that a goto jumps back to, to the end of its
// block, are a loop (Go's escape analysis counts them so).
static bool is_looping_label(Node *s) {
  Label *l = s->label ? find_label(s->label) : NULL;
  return l && l->stmt == s && l->looping;
}

static void check_labeled(Node *s, int ft_ok) {
  if (is_looping_label(s))
    goto_loops++;
  vec_push(&checker.labels, s);
  if (s->body)
    check_stmt(s->body, ft_ok);
  checker.labels.len--;
}

static void check_incdec(Node *s) {
  Operand x;
  check_expr(&x, s->lhs);
  if (x.mode == M_INVALID)
    return;
  if (!type_is_numeric(x.type)) {
    const char *op = s->op == OP_SUB ? "-" : "+";
    cerror(start_pos(s->lhs), "invalid operation: %s%s%s (non-numeric type %s)",
           expr_string(s->lhs), op, op, x.type->name);
    return;
  }
  assign_var(s->lhs, &x);
}

static void check_op_assign(Node *s) {
  Operand x;
  check_binary(&x, NULL, s->lhs, s->rhs, s->op);
  if (x.mode == M_INVALID) {
    return;
  }
  x.expr = s->rhs;
  assign_var(s->lhs, &x);
}

static void check_stmt(Node *s, int ft_ok) {
  if (!s)
    return;
  switch (s->kind) {
  case ND_EMPTY:
    return;
  case ND_BLOCK:
    return check_block(s);
  case ND_EXPR_STMT:
    return check_expr_stmt(s);
  case ND_VAR:
    return check_var_spec(s, NULL);
  case ND_CONST:
    return check_const_spec(s, false);
  case ND_TYPE_DECL:
    return check_local_type_decl(s);
  case ND_DEFINE:
    return check_define(s);
  case ND_ASSIGN:
    return check_assign(s);
  case ND_OP_ASSIGN:
    return check_op_assign(s);
  case ND_INCDEC:
    return check_incdec(s);
  case ND_IF:
    return check_if(s);
  case ND_FOR:
    return check_for(s);
  case ND_RANGE:
    return check_range(s);
  case ND_SWITCH:
    return check_switch(s);
  case ND_TYPE_SWITCH:
    return check_type_switch(s);
  case ND_BREAK:
  case ND_CONTINUE:
    return check_branch(s);
  case ND_FALLTHROUGH:
    if (ft_ok == FT_FINAL)
      cerror(s->pos, "cannot fallthrough final case in switch");
    else if (ft_ok == FT_TYPE_SWITCH)
      cerror(s->pos, "cannot fallthrough in type switch");
    else if (ft_ok != FT_OK)
      cerror(s->pos, "fallthrough statement out of place");
    return;
  case ND_RETURN:
    return check_return(s);
  case ND_LABELED:
    return check_labeled(s, ft_ok);
  case ND_DEFER:
    return check_defer(s);
  case ND_GO:
    return check_deferred_call(s, "go");
  case ND_SEND:
    return check_send(s);
  case ND_SELECT:
    return check_select(s);
  case ND_GOTO:
    return;  // resolved with the labels, before the body is checked
  default:
    cerror(s->pos, "unexpected declaration or expression in statement position");
    return;
  }
}

// Only the last statement of a case clause may be a fallthrough.
static void check_stmt_list(Vec *list, int ft_ok) {
  int last = list->len - 1;
  while (last >= 0 && ((Node *)list->items[last])->kind == ND_EMPTY)
    last--;
  int saved_goto_loops = goto_loops;
  for (int i = 0; i < list->len; i++)
    check_stmt(list->items[i], i == last ? ft_ok : FT_NONE);
  goto_loops = saved_goto_loops;
}

static Pos block_end(Node *body) {
  return body->end.line ? body->end : body->pos;
}

void check_func_body(FuncInfo *f, Node *body) {
  // Labels and break targets are per function: a literal's are its own.
  Vec saved_labels = func_labels, saved_broken = broken;
  int saved_goto_loops = goto_loops;
  memset(&func_labels, 0, sizeof func_labels);
  memset(&broken, 0, sizeof broken);
  goto_loops = 0;
  collect_labels(body);
  check_stmt_list(&body->list, FT_NONE);
  for (int i = 0; i < func_labels.len; i++) {
    Label *l = func_labels.items[i];
    if (!l->used)
      cerror(l->stmt->pos, "label %s defined and not used", l->stmt->label);
  }
  func_labels = saved_labels;
  goto_loops = saved_goto_loops;
  if (f->type && f->type->results.len > 0 && !is_terminating_list(&body->list))
    cerror(block_end(body), "missing return");
  broken = saved_broken;
  report_unused(checker.scope);
}
