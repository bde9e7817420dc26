// ast.c: AST nodes and the constructors the grammar actions call.
//
// parse.y stays a list of productions because everything a production must
// check or rearrange (grouped parameters, implicit constant repetition, the
// parts of an if/for/switch header) happens here, one constructor per node.
// Positions follow Go's syntax package: an operation sits at its operator, a
// call at its '(', an index or slice at its '[', a selector at its '.'.
#include "minigo.h"

#include <stdio.h>
#include <string.h>

Node *new_node(NodeKind kind, Pos pos) {
  Node *n = xcalloc(1, sizeof(Node));
  n->kind = kind;
  n->pos = pos;
  return n;
}

const char *op_string(Op op) {
  static const char *const names[] = {
    [OP_NONE] = "?", [OP_ADD] = "+", [OP_SUB] = "-", [OP_MUL] = "*", [OP_DIV] = "/",
    [OP_REM] = "%", [OP_AND] = "&", [OP_OR] = "|", [OP_XOR] = "^", [OP_SHL] = "<<",
    [OP_SHR] = ">>", [OP_ANDNOT] = "&^", [OP_LAND] = "&&", [OP_LOR] = "||",
    [OP_EQ] = "==", [OP_NE] = "!=", [OP_LT] = "<", [OP_LE] = "<=", [OP_GT] = ">",
    [OP_GE] = ">=", [OP_NOT] = "!", [OP_NEG] = "-", [OP_POS] = "+",
  };
  if ((unsigned)op >= sizeof names / sizeof names[0])
    die("op_string: bad operator %d", (int)op);
  return names[op];
}

// ---- lists

Vec list_empty(void) {
  return (Vec){0};
}

Vec list_one(void *item) {
  Vec v = {0};
  vec_push(&v, item);
  return v;
}

Vec list_append(Vec v, void *item) {
  vec_push(&v, item);
  return v;
}

Vec list_concat(Vec a, Vec b) {
  for (int i = 0; i < b.len; i++)
    vec_push(&a, b.items[i]);
  return a;
}

// A grouped declaration "var ( a = 1; b = 2 )" is one statement to the
// grammar but several nodes to everyone else; it travels as an ND_EMPTY
// whose list holds the specs, and list_append_stmt splices them in.
static bool is_group(Node *n) {
  return n && n->kind == ND_EMPTY && n->list.len > 0;
}

Vec list_append_stmt(Vec v, Node *stmt) {
  if (!stmt)
    return v;
  if (is_group(stmt))
    return list_concat(v, stmt->list);
  vec_push(&v, stmt);
  return v;
}

// decl_group: a var or const declaration's specs as one statement.
Node *new_decl_group(Vec specs) {
  if (specs.len == 0)
    return NULL;
  if (specs.len == 1)
    return specs.items[0];
  Node *n = new_node(ND_EMPTY, ((Node *)specs.items[0])->pos);
  n->list = specs;
  return n;
}

// ---- errors the grammar detects

// A Go construct outside Mini, already recognized by the grammar.
Node *new_unsupported(const char *what, Pos pos) {
  error_at(pos, "%s not supported in Mini", what);
  return new_node(ND_EMPTY, pos);
}

// f[T1, T2]: only a generic function can be instantiated, and its
// declaration has been reported when it comes first.
Node *new_generic_inst(Pos pos) {
  if (error_count() == 0)
    error_at(pos, "generic instantiations are not supported in Mini");
  return new_node(ND_EMPTY, pos);
}

// A Go construct outside Mini that the scanner has already reported.
Node *new_bad(Pos pos) {
  return new_node(ND_EMPTY, pos);
}

// ---- top level

// file: "package" name ";" -- declarations are added as they are parsed.
Node *new_file(const char *package, Pos pos) {
  Node *n = new_node(ND_FILE, pos);
  n->name = package;
  return n;
}

Node *file_add_imports(Node *file, Vec imports) {
  if (file->list.len > 0 && imports.len > 0)
    error_at(((Node *)imports.items[0])->pos,
             "syntax error: imports must appear before other declarations");
  file->imports = list_concat(file->imports, imports);
  return file;
}

Node *file_add_decl(Node *file, Node *decl) {
  file->list = list_append_stmt(file->list, decl);
  return file;
}

// The parser's check of an import path (Go's syntax package): not empty,
// no spaces, controls, NUL or the punctuation of its list. The loader
// checks the rest (load.c).
static bool valid_import_path(const char *s, int64_t len) {
  if (len == 0)
    return false;
  for (int64_t i = 0; i < len; i++) {
    unsigned char c = (unsigned char)s[i];
    if (c <= ' ' || c == 0x7f || (c < 0x80 && strchr("!\"#$%&'()*,:;<=>?[\\]^{|}`", c)))
      return false;
  }
  return true;
}

// import_spec: [ name | "." ] path
Node *new_import(const char *alias, Node *path, Pos pos) {
  Node *n = new_node(ND_IMPORT, pos);  // where the spec starts, as Go reports it
  n->name = xstrndup(path->val.s, (size_t)path->val.slen);
  n->label = alias;
  if (alias && strcmp(alias, ".") == 0)
    error_at(pos, "dot imports are not supported in Mini");
  else if (!valid_import_path(path->val.s, path->val.slen))
    error_at(path->pos, "invalid import path: %s", quote_go_string(path->val.s, path->val.slen));
  return n;
}

// var_spec: ident_list [ type ] [ "=" expr_list ]
Node *new_var(Vec names, Node *type, Vec values, Pos pos) {
  Node *n = new_node(ND_VAR, pos);
  n->names = names;
  n->type_expr = type;
  n->values = values;
  if (names.len == 2 && values.len == 1)
    mark_comma_ok(values.items[0]);
  return n;
}

// const_spec: ident_list [ [ type ] "=" expr_list ]
Node *new_const(Vec names, Node *type, Vec values, Pos pos) {
  Node *n = new_node(ND_CONST, pos);
  n->names = names;
  n->type_expr = type;
  n->values = values;
  return n;
}

// const_decl's specs: each gets its index as iota, and a spec without type
// and values repeats the previous one's (Go's implicit repetition). The
// repeated type_expr and values are the same nodes, shared, so the checker
// evaluates them once per spec with that spec's iota.
Vec new_const_block(Vec specs) {
  Node *prev = NULL;
  for (int i = 0; i < specs.len; i++) {
    Node *spec = specs.items[i];
    spec->iota = i;
    if (prev && !spec->type_expr && spec->values.len == 0) {
      spec->type_expr = prev->type_expr;
      spec->values = prev->values;
    }
    prev = spec;
  }
  return specs;
}

// var ( specs ): each spec knows its index, because Go's goto check names
// only a group's first variable.
Vec new_var_block(Vec specs) {
  for (int i = 0; i < specs.len; i++)
    ((Node *)specs.items[i])->iota = i;
  return specs;
}

// func_decl: "func" name signature [ block ]
Node *new_func_decl(const char *name, Node *sig, Node *body, Pos pos) {
  Node *n = new_node(ND_FUNC_DECL, pos);
  n->name = name;
  n->type_expr = sig;
  n->body = body;
  return n;
}

// method_decl: "func" "(" receiver ")" name signature [ block ]. The
// receiver becomes the function's first parameter: a method is compiled
// as the function of its receiver and parameters (Go's method expression
// T.M). recv keeps the receiver list as written, for its checks.
Node *new_method_decl(Vec recv, Pos lparen, const char *name, Node *sig, Node *body, Pos pos) {
  Node *n = new_func_decl(name, sig, body, pos);
  n->recv = new_func_type(recv, NULL, lparen);
  if (recv.len == 1)
    sig->params = list_concat(list_one(recv.items[0]), sig->params);
  return n;
}

// type_spec: the name's position is the declaration's, as Go reports it.
Node *new_type_decl(const char *name, Node *type, bool is_alias, Pos pos) {
  Node *n = new_node(ND_TYPE_DECL, pos);
  n->name = name;
  n->type_expr = type;
  n->is_alias = is_alias;
  return n;
}

// ---- types

Node *new_type_name(const char *name, Pos pos) {
  Node *n = new_node(ND_TYPE_NAME, pos);
  n->name = name;
  return n;
}

// pkg.Name as a type: a selector, which the checker resolves as a type
// (and rejects: Mini's packages export no types).
Node *new_type_qualified(const char *pkg, Pos pkg_pos, const char *name, Pos dot_pos) {
  return new_selector(new_ident(pkg, pkg_pos), name, dot_pos);
}

Node *new_type_slice(Node *elem, Pos pos) {
  Node *n = new_node(ND_TYPE_SLICE, pos);
  n->type_expr = elem;
  return n;
}

Node *new_type_map(Node *key, Node *elem, Pos pos) {
  Node *n = new_node(ND_TYPE_MAP, pos);
  n->lhs = key;
  n->type_expr = elem;
  return n;
}

Node *new_type_chan(Node *elem, int dir, Pos pos) {
  Node *n = new_node(ND_TYPE_CHAN, pos);
  n->type_expr = elem;
  n->chan_dir = dir;
  return n;
}

Node *new_recv(Node *x, Pos pos) {
  Node *n = new_node(ND_RECV, pos);
  n->lhs = x;
  return n;
}

Node *new_send(Node *ch, Node *value, Pos pos) {
  Node *n = new_node(ND_SEND, pos);
  n->lhs = ch;
  n->rhs = value;
  return n;
}

Node *new_go(Node *call, Pos pos) {
  Node *n = new_node(ND_GO, pos);
  n->lhs = call;
  return n;
}

Node *new_select(Vec cases, Pos pos) {
  Node *n = new_node(ND_SELECT, pos);
  n->list = cases;
  return n;  // what each case's statement may be is the checker's to say
}

Node *new_comm_case(Node *comm, Vec stmts, bool is_default, Pos pos) {
  Node *n = new_node(ND_CASE, pos);
  n->init = comm;
  n->list = stmts;
  n->is_default = is_default;
  return n;
}

Node *new_type_iface(Vec elems, Pos pos) {
  Node *n = new_node(ND_TYPE_IFACE, pos);
  n->list = elems;
  return n;
}

// array_type: "[" length "]" elem, length NULL for "[...]"
Node *new_type_array(Node *len, Node *elem, Pos pos) {
  Node *n = new_node(ND_TYPE_ARRAY, pos);
  n->lhs = len;
  n->type_expr = elem;
  return n;
}

Node *new_type_struct(Vec fields, Pos pos) {
  Node *n = new_node(ND_TYPE_STRUCT, pos);
  n->list = fields;
  return n;
}

// field_decl: ident_list type -- one ND_FIELD per name, sharing the type.
Vec new_field_group(Vec names, Node *type) {
  Vec fields = {0};
  for (int i = 0; i < names.len; i++) {
    Node *id = names.items[i];
    vec_push(&fields, new_field(id->name, type, false, id->pos));
  }
  return fields;
}

// embedded_field: [ "*" ] type_name -- its name is the type's.
Node *new_embedded_field(Node *type, Pos pos) {
  Node *n = new_field(NULL, type, false, pos);
  n->is_embedded = true;
  Node *t = type->kind == ND_STAR ? type->lhs : type;
  n->name = t->name;
  return n;
}

Node *new_star(Node *x, Pos pos) {
  Node *n = new_node(ND_STAR, pos);
  n->lhs = x;
  return n;
}

Node *new_addr(Node *x, Pos pos) {
  Node *n = new_node(ND_ADDR, pos);
  n->lhs = x;
  return n;
}

// param: [ name ] [ "..." ] type
Node *new_field(const char *name, Node *type, bool is_variadic, Pos pos) {
  Node *n = new_node(ND_FIELD, pos);
  n->name = name;
  n->type_expr = type;
  n->is_variadic = is_variadic;
  return n;
}

// result: "(" params ")" | type -- carried to new_func_type in an
// ND_TYPE_FUNC that only has results.
Node *new_result_list(Vec fields, Pos pos) {
  Node *n = new_node(ND_TYPE_FUNC, pos);
  n->results = fields;
  return n;
}

// In "a, b int" the grammar sees the type names a and b int; once one
// field is named, every field is: a bare type name is a parameter name
// that takes the type of the next field that has one (Go's rule).
static void group_fields(Vec *fields, const char *what) {
  bool named = false;
  for (int i = 0; i < fields->len; i++)
    named |= ((Node *)fields->items[i])->name != NULL;
  if (!named)
    return;
  Node *type = NULL;
  bool variadic = false;
  for (int i = fields->len - 1; i >= 0; i--) {
    Node *f = fields->items[i];
    if (f->name) {
      type = f->type_expr;
      variadic = f->is_variadic;
    } else if (f->type_expr->kind == ND_TYPE_NAME && type && !f->is_variadic) {
      f->name = f->type_expr->name;
      f->type_expr = type;
      f->is_variadic = variadic;
    } else {
      error_at(f->pos, "syntax error: mixed named and unnamed %s", what);
      return;
    }
  }
}

// signature: "(" params ")" [ result ]
Node *new_func_type(Vec params, Node *result, Pos pos) {
  Node *n = new_node(ND_TYPE_FUNC, pos);
  n->params = params;
  if (result)
    n->results = result->results;
  group_fields(&n->params, "parameters");
  group_fields(&n->results, "parameters");
  for (int i = 0; i < n->results.len; i++)
    if (((Node *)n->results.items[i])->is_variadic)
      error_at(((Node *)n->results.items[i])->pos, "can only use ... with final parameter in list");
  for (int i = 0; i + 1 < n->params.len; i++)
    if (((Node *)n->params.items[i])->is_variadic)
      error_at(((Node *)n->params.items[i])->pos, "can only use ... with final parameter in list");
  return n;
}

// ---- statements

Node *new_block(Vec stmts, Pos pos, Pos end) {
  Node *n = new_node(ND_BLOCK, pos);
  n->list = stmts;
  n->end = end;
  return n;
}

// labeled_stmt: label ":" stmt -- an empty stmt becomes ND_EMPTY. A label
// on a grouped declaration labels its first spec; the rest follow it.
Node *new_labeled(const char *label, Node *stmt, Pos pos) {
  Node *n = new_node(ND_LABELED, pos);
  n->label = label;
  n->name = label;
  if (!stmt)
    stmt = new_node(ND_EMPTY, pos);
  if (is_group(stmt)) {
    Node *group = new_node(ND_EMPTY, pos);
    n->body = stmt->list.items[0];
    vec_push(&group->list, n);
    for (int i = 1; i < stmt->list.len; i++)
      vec_push(&group->list, stmt->list.items[i]);
    return group;
  }
  n->body = stmt;
  return n;
}

Node *new_return(Vec values, Pos pos) {
  Node *n = new_node(ND_RETURN, pos);
  n->values = values;
  return n;
}

// break/continue [label], fallthrough
Node *new_branch(NodeKind kind, const char *label, Pos pos) {
  Node *n = new_node(kind, pos);
  n->label = label;
  return n;
}

Node *new_goto(const char *label, Pos label_pos, Pos pos) {
  Node *n = new_node(ND_GOTO, pos);
  n->label = label;
  n->lhs = new_ident(label, label_pos);
  return n;
}

Node *new_defer(Node *call, Pos pos) {
  Node *n = new_node(ND_DEFER, pos);
  n->lhs = call;
  return n;
}

Node *new_expr_stmt(Node *expr) {
  Node *n = new_node(ND_EXPR_STMT, node_start_pos(expr));
  n->lhs = expr;
  return n;
}

Node *new_op_assign(Op op, Node *lhs, Node *rhs, Pos pos) {
  Node *n = new_node(ND_OP_ASSIGN, pos);
  n->op = op;
  n->lhs = lhs;
  n->rhs = rhs;
  return n;
}

Node *new_incdec(Op op, Node *lhs, Pos pos) {
  Node *n = new_node(ND_INCDEC, pos);
  n->op = op;
  n->lhs = lhs;
  return n;
}

Node *node_unparen(Node *n) {
  while (n && n->kind == ND_PAREN)
    n = n->lhs;
  return n;
}

// v, ok = x.(T): the assertion yields a second, boolean result.
void mark_comma_ok(Node *value) {
  value = node_unparen(value);
  if (value && (value->kind == ND_TYPEASSERT || value->kind == ND_RECV))
    value->comma_ok = true;
}

// assignment: expr_list "=" expr_list
Node *new_assign(Vec lhs, Vec rhs, Pos pos) {
  Node *n = new_node(ND_ASSIGN, pos);
  n->names = lhs;
  n->values = rhs;
  if (lhs.len == 2 && rhs.len == 1)
    mark_comma_ok(rhs.items[0]);
  return n;
}

// short_var_decl: ident_list ":=" expr_list
Node *new_define(Vec lhs, Vec rhs, Pos pos) {
  Node *n = new_node(ND_DEFINE, pos);
  for (int i = 0; i < lhs.len; i++) {
    Node *name = lhs.items[i];
    if (name->kind != ND_IDENT)
      error_at(node_start_pos(name), "non-name %s on left side of :=", expr_string(name));
  }
  n->names = lhs;
  n->values = rhs;
  if (lhs.len == 2 && rhs.len == 1)
    mark_comma_ok(rhs.items[0]);
  return n;
}

// The condition part of an if or switch header must be an expression.
static Node *header_expr(Node *stmt) {
  if (!stmt)
    return NULL;
  if (stmt->kind == ND_EXPR_STMT)
    return stmt->lhs;
  if (stmt->kind == ND_ASSIGN && stmt->names.len == 1 && stmt->values.len == 1)
    error_at(node_start_pos(stmt->names.items[0]),
             "syntax error: cannot use assignment (%s) = (%s) as value",
             expr_string(stmt->names.items[0]), expr_string(stmt->values.items[0]));
  else
    error_at(node_start_pos(stmt), "syntax error: cannot use %s as value",
             stmt_string(stmt));
  return NULL;
}

// if/switch header: [ simple_stmt ";" ] [ simple_stmt ]. Kept in an ND_IF
// until the statement it belongs to is built; name keeps how the ';' was
// written ("semicolon", "newline") for Go's "missing condition" messages.
Node *new_header(Node *init, Node *cond, const char *semi, Pos pos) {
  Node *n = new_node(ND_IF, pos);
  n->init = init;
  n->cond = cond;
  n->name = semi;
  return n;
}

// if_stmt: "if" header block [ "else" ( if_stmt | block ) ]
Node *new_if(Node *header, Node *then, Node *els, Pos pos) {
  Node *n = new_node(ND_IF, pos);
  n->init = header->init;
  if (!header->cond && header->name && strcmp(header->name, "semicolon") != 0)
    error_at(header->pos, "syntax error: unexpected %s, expecting { after if clause",
             header->name);
  else if (!header->cond)
    error_at(header->name ? header->pos : then->pos,
             "syntax error: missing condition in if statement");
  n->cond = header_expr(header->cond);
  n->then = then;
  n->els = els;
  return n;
}

// for header: [ init ";" [ cond ] ";" post ] | [ cond ]
Node *new_for_header(Node *init, Node *cond, Node *post, Pos pos) {
  Node *n = new_node(ND_FOR, pos);
  n->init = init;
  n->cond = header_expr(cond);
  n->post = post;
  if (post && post->kind == ND_DEFINE)
    error_at(node_start_pos(post->names.items[0]),
             "syntax error: cannot declare in post statement of for loop");
  return n;
}

// range_clause: [ expr_list ( "=" | ":=" ) ] "range" expr
Node *new_range(Vec lhs, Node *x, bool is_define, Pos pos) {
  Node *n = new_node(ND_RANGE, pos);
  n->lhs = x;
  n->is_define = is_define;
  if (lhs.len > 2)
    error_at(node_start_pos(lhs.items[2]), "range clause permits at most two iteration variables");
  if (lhs.len >= 1)
    n->key = lhs.items[0];
  if (lhs.len >= 2)
    n->value = lhs.items[1];
  for (int i = 0; is_define && i < lhs.len && i < 2; i++)
    if (((Node *)lhs.items[i])->kind != ND_IDENT)
      error_at(node_start_pos(lhs.items[i]), "non-name %s on left side of :=",
               expr_string(lhs.items[i]));
  return n;
}

// for_stmt: "for" header block -- the header is an ND_FOR or ND_RANGE
// that becomes the statement.
Node *new_for(Node *header, Node *body, Pos pos) {
  header->pos = pos;
  header->body = body;
  return header;
}

static bool is_type_switch_guard(Node *e) {
  return e && e->kind == ND_TYPEASSERT && !e->type_expr;
}

// A type switch's header: x.(type) or v := x.(type). The switch keeps
// the guard in tag and the declared v, if any, in names.
static bool type_switch_header(Node *n, Node *cond) {
  if (cond && cond->kind == ND_EXPR_STMT && is_type_switch_guard(cond->lhs)) {
    n->tag = cond->lhs;
    return true;
  }
  if (cond && cond->kind == ND_DEFINE && cond->names.len == 1 && cond->values.len == 1 &&
      is_type_switch_guard(cond->values.items[0])) {
    n->tag = cond->values.items[0];
    n->names = cond->names;
    return true;
  }
  return false;
}

// switch_stmt: "switch" header "{" { case_clause } "}"
Node *new_switch(Node *header, Vec cases, Pos pos) {
  Node *n = new_node(ND_SWITCH, pos);
  n->init = header->init;
  if (type_switch_header(n, header->cond))
    n->kind = ND_TYPE_SWITCH;
  else
    n->tag = header_expr(header->cond);
  n->list = cases;
  return n;  // several defaults are the checker's to report, as in types2
}

Node *new_case(Vec values, Vec stmts, bool is_default, Pos pos) {
  Node *n = new_node(ND_CASE, pos);
  n->values = values;
  n->list = stmts;
  n->is_default = is_default;
  return n;
}

// ---- expressions

Node *new_ident(const char *name, Pos pos) {
  Node *n = new_node(ND_IDENT, pos);
  n->name = name;
  return n;
}

Node *new_binary(Op op, Node *lhs, Node *rhs, Pos pos) {
  Node *n = new_node(ND_BINARY, pos);
  n->op = op;
  n->lhs = lhs;
  n->rhs = rhs;
  return n;
}

Node *new_unary(Op op, Node *operand, Pos pos) {
  Node *n = new_node(ND_UNARY, pos);
  n->op = op;
  n->lhs = operand;
  return n;
}

Node *new_paren(Node *x, Pos pos) {
  Node *n = new_node(ND_PAREN, pos);
  n->lhs = x;
  return n;
}

Node *new_selector(Node *x, const char *name, Pos pos) {
  Node *n = new_node(ND_SELECTOR, pos);
  n->lhs = x;
  n->name = name;
  return n;
}

Node *new_type_assert(Node *x, Node *type, Pos pos) {
  Node *n = new_node(ND_TYPEASSERT, pos);
  n->lhs = x;
  n->type_expr = type;
  return n;
}

Node *new_index(Node *x, Node *index, Pos pos) {
  Node *n = new_node(ND_INDEX, pos);
  n->lhs = x;
  n->rhs = index;
  return n;
}

Node *new_slice(Node *x, Node *low, Node *high, Pos pos) {
  Node *n = new_node(ND_SLICE, pos);
  n->lhs = x;
  n->low = low;
  n->high = high;
  return n;
}

// x[low:high:max]: a missing middle or final index becomes an ND_EMPTY
// at the position Go reports it (the second colon, the closing bracket);
// the checker reports it and type-checks the rest, as Go does.
Node *new_slice3(Node *x, Node *low, Node *high, Pos colon2, Node *max, Pos rbrack, Pos pos) {
  Node *n = new_slice(x, low, high ? high : new_node(ND_EMPTY, colon2), pos);
  n->max = max ? max : new_node(ND_EMPTY, rbrack);
  return n;
}

Node *new_call(Node *fn, Vec args, bool has_ellipsis, Pos pos) {
  Node *n = new_node(ND_CALL, pos);
  n->lhs = fn;
  n->list = args;
  n->has_ellipsis = has_ellipsis;
  return n;
}

// composite_lit: slice_type "{" elements "}", or "{" elements "}" with the
// type elided inside another slice literal (type NULL).
Node *new_composite(Node *type, Vec elems, Pos pos, Pos end) {
  Node *n = new_node(ND_COMPOSITE, pos);
  n->end = end;
  n->type_expr = type;
  n->list = elems;
  return n;
}

// key: value in a composite literal; kept for the checker, which reports
// it once per literal after the literal's type.
Node *new_keyed(Node *key, Node *value, Pos pos) {
  Node *n = new_node(ND_KEYED, pos);
  n->lhs = key;
  n->rhs = value;
  return n;
}

Node *new_func_lit(Node *sig, Node *body, Pos pos) {
  Node *n = new_node(ND_FUNCLIT, pos);
  n->type_expr = sig;
  n->body = body;
  return n;
}

// ---- positions and spelling for diagnostics

// Where an expression starts (types2's syntax.StartPos): Go reports most
// errors about an expression at its leftmost token.
Pos node_start_pos(Node *n) {
  for (;;) {
    switch (n->kind) {
    case ND_BINARY: case ND_CALL: case ND_INDEX: case ND_SLICE: case ND_SELECTOR:
    case ND_TYPEASSERT:
      n = n->lhs;
      break;
    case ND_COMPOSITE:
      if (!n->type_expr)
        return n->pos;
      n = n->type_expr;
      break;
    case ND_EXPR_STMT: case ND_OP_ASSIGN: case ND_INCDEC: case ND_SEND:
      n = n->lhs;
      break;
    case ND_ASSIGN: case ND_DEFINE:
      if (n->names.len == 0)
        return n->pos;
      n = n->names.items[0];
      break;
    default:
      return n->pos;
    }
  }
}

typedef struct Buf {
  char *s;
  size_t len, cap;
} Buf;

static void put(Buf *b, const char *s) {
  size_t n = strlen(s);
  if (b->len + n + 1 > b->cap) {
    b->cap = (b->len + n + 1) * 2;
    b->s = xrealloc(b->s, b->cap);
  }
  memcpy(b->s + b->len, s, n + 1);
  b->len += n;
}

static void put_expr(Buf *b, Node *n);

static void put_list(Buf *b, Vec v) {
  for (int i = 0; i < v.len; i++) {
    if (i)
      put(b, ", ");
    put_expr(b, v.items[i]);
  }
}

static void put_quoted(Buf *b, const char *s, int64_t len) {
  put(b, "\"");
  for (int64_t i = 0; i < len; i++) {
    unsigned char c = (unsigned char)s[i];
    char tmp[8];
    if (c == '"' || c == '\\')
      snprintf(tmp, sizeof tmp, "\\%c", c);
    else if (c == '\n')
      snprintf(tmp, sizeof tmp, "\\n");
    else if (c == '\t')
      snprintf(tmp, sizeof tmp, "\\t");
    else if (c < 0x20 || c == 0x7f)
      snprintf(tmp, sizeof tmp, "\\x%02x", c);
    else
      snprintf(tmp, sizeof tmp, "%c", c);
    put(b, tmp);
  }
  put(b, "\"");
}

static void put_fields(Buf *b, Vec fields) {
  for (int i = 0; i < fields.len; i++) {
    Node *f = fields.items[i];
    if (i)
      put(b, ", ");
    if (f->name) {
      put(b, f->name);
      put(b, " ");
    }
    if (f->is_variadic)
      put(b, "...");
    put_expr(b, f->type_expr);
  }
}

static void put_signature(Buf *b, Node *n) {
  put(b, "(");
  put_fields(b, n->params);
  put(b, ")");
  if (n->results.len == 1 && !((Node *)n->results.items[0])->name) {
    put(b, " ");
    put_fields(b, n->results);
  } else if (n->results.len > 0) {
    put(b, " (");
    put_fields(b, n->results);
    put(b, ")");
  }
}

static void put_func_type(Buf *b, Node *n) {
  put(b, "func");
  put_signature(b, n);
}

// The spelling of an expression, as types2 prints it in messages.
static void put_expr(Buf *b, Node *n) {
  if (!n)
    return;
  switch (n->kind) {
  case ND_INT: case ND_FLOAT: case ND_IMAG: case ND_RUNE:
    if (n->name)
      put(b, n->name);
    else
      put(b, const_int_string(n->val.i));
    break;
  case ND_STRING:
    if (n->name)
      put(b, n->name);
    else
      put_quoted(b, n->val.s, n->val.slen);
    break;
  case ND_IDENT: case ND_TYPE_NAME:
    if (n->lhs) {  // a package-qualified name (the checker's, from pkg.Name)
      put_expr(b, n->lhs);
      put(b, ".");
    }
    put(b, n->name);
    break;
  case ND_BINARY:
    put_expr(b, n->lhs);
    put(b, " ");
    put(b, op_string(n->op));
    put(b, " ");
    put_expr(b, n->rhs);
    break;
  case ND_UNARY:
    put(b, op_string(n->op));
    put_expr(b, n->lhs);
    break;
  case ND_CALL:
    put_expr(b, n->lhs);
    put(b, "(");
    put_list(b, n->list);
    if (n->has_ellipsis)
      put(b, "...");
    put(b, ")");
    break;
  case ND_INDEX:
    put_expr(b, n->lhs);
    put(b, "[");
    put_expr(b, n->rhs);
    put(b, "]");
    break;
  case ND_SLICE:
    put_expr(b, n->lhs);
    put(b, "[");
    put_expr(b, n->low);
    put(b, ":");
    put_expr(b, n->high);
    if (n->max) {
      put(b, ":");
      put_expr(b, n->max);
    }
    put(b, "]");
    break;
  case ND_SELECTOR:
    put_expr(b, n->lhs);
    put(b, ".");
    put(b, n->name);
    break;
  case ND_TYPEASSERT:
    put_expr(b, n->lhs);
    put(b, ".(");
    if (n->type_expr)
      put_expr(b, n->type_expr);
    else
      put(b, "type");
    put(b, ")");
    break;
  case ND_FUNCLIT:
    put_expr(b, n->type_expr);
    put(b, " {…}");
    break;
  case ND_COMPOSITE:
    put_expr(b, n->type_expr);
    put(b, n->list.len ? "{…}" : "{}");
    break;
  case ND_KEYED:
    put_expr(b, n->lhs);
    put(b, ": ");
    put_expr(b, n->rhs);
    break;
  case ND_PAREN:
    put(b, "(");
    put_expr(b, n->lhs);
    put(b, ")");
    break;
  case ND_TYPE_SLICE:
    put(b, "[]");
    put_expr(b, n->type_expr);
    break;
  case ND_TYPE_CHAN: {
    put(b, n->chan_dir == CHAN_RECV ? "<-chan " : n->chan_dir == CHAN_SEND ? "chan<- " : "chan ");
    // chan (<-chan T): without them, "<-" would bind to the outer chan.
    Node *el = n->type_expr;
    bool parens = n->chan_dir == CHAN_BOTH && el && el->kind == ND_TYPE_CHAN && el->chan_dir == CHAN_RECV;
    put(b, parens ? "(" : "");
    put_expr(b, el);
    put(b, parens ? ")" : "");
    break;
  }
  case ND_RECV:
    put(b, "<-");
    put_expr(b, n->lhs);
    break;
  case ND_TYPE_MAP:
    put(b, "map[");
    put_expr(b, n->lhs);
    put(b, "]");
    put_expr(b, n->type_expr);
    break;
  case ND_TYPE_FUNC:
    put_func_type(b, n);
    break;
  case ND_TYPE_IFACE:
    put(b, "interface{");
    for (int i = 0; i < n->list.len; i++) {
      Node *f = n->list.items[i];
      put(b, i ? "; " : "");
      if (f->is_embedded) {
        put_expr(b, f->type_expr);
      } else {
        put(b, f->name);
        put_signature(b, f->type_expr);
      }
    }
    put(b, "}");
    break;
  case ND_TYPE_ARRAY:
    put(b, "[");
    if (n->lhs)
      put_expr(b, n->lhs);
    else
      put(b, "...");
    put(b, "]");
    put_expr(b, n->type_expr);
    break;
  case ND_TYPE_STRUCT:
    put(b, "struct{");
    for (int i = 0; i < n->list.len; i++) {
      Node *f = n->list.items[i];
      put(b, i ? "; " : "");
      if (!f->is_embedded) {
        put(b, f->name);
        put(b, " ");
      }
      put_expr(b, f->type_expr);
    }
    put(b, "}");
    break;
  case ND_STAR:
    put(b, "*");
    put_expr(b, n->lhs);
    break;
  case ND_ADDR:
    put(b, "&");
    put_expr(b, n->lhs);
    break;
  default:
    put(b, "?");
    break;
  }
}

char *expr_string(Node *n) {
  Buf b = {0};
  put(&b, "");
  put_expr(&b, n);
  return b.s;
}

// The spelling of a simple statement, for "cannot use x := 1 as value".
char *stmt_string(Node *n) {
  Buf b = {0};
  put(&b, "");
  switch (n->kind) {
  case ND_EXPR_STMT:
    put_expr(&b, n->lhs);
    break;
  case ND_ASSIGN: case ND_DEFINE:
    put_list(&b, n->names);
    put(&b, n->kind == ND_ASSIGN ? " = " : " := ");
    put_list(&b, n->values);
    break;
  case ND_OP_ASSIGN:
    put_expr(&b, n->lhs);
    put(&b, " ");
    put(&b, op_string(n->op));
    put(&b, "= ");
    put_expr(&b, n->rhs);
    break;
  case ND_INCDEC:
    put_expr(&b, n->lhs);
    put(&b, n->op == OP_ADD ? "++" : "--");
    break;
  case ND_SEND:
    put_expr(&b, n->lhs);
    put(&b, " <- ");
    put_expr(&b, n->rhs);
    break;
  default:
    put(&b, "statement");
    break;
  }
  return b.s;
}
