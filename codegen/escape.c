// escape.c: what may live in the frame of the activation that makes it
// rather than on the heap. Today that is closures and the cells of the
// variables they capture; the facts are kept in Gen's tables, not in the
// checker's structs.
#include "gen.h"

#include <stdlib.h>

static void find_frame_literals(Node *n, bool in_loop);

static void find_in_list(Vec *v, bool in_loop) {
  for (int i = 0; i < v->len; i++)
    find_frame_literals(v->items[i], in_loop);
}

// Which literals stay in the frame that makes them: those called where they
// stand, and those deferred outside loops (a deferred call runs before its
// frame is gone, even during a panic). A literal deferred in a loop, stored
// or passed anywhere may outlive the frame. Walks one function body; nested
// literals are walked as functions of their own.
static void find_frame_literals(Node *n, bool in_loop) {
  if (!n || n->kind == ND_FUNCLIT)
    return;
  Node *call = n->kind == ND_DEFER ? node_unparen(n->lhs) : n;
  if (call->kind == ND_CALL && node_unparen(call->lhs)->kind == ND_FUNCLIT) {
    if (n->kind != ND_DEFER || !(in_loop || n->in_loop))
      ptrset_add(&gen.frame_literals, node_unparen(call->lhs)->func);
    find_in_list(&call->list, in_loop);
    return;
  }
  bool loop = n->kind == ND_FOR || n->kind == ND_RANGE;
  Node *kids[] = {n->lhs, n->rhs, n->init, n->cond, n->post, n->then, n->els,
                  n->low, n->high, n->max, n->key, n->value, n->tag};
  for (size_t i = 0; i < sizeof kids / sizeof kids[0]; i++)
    find_frame_literals(kids[i], in_loop);
  find_frame_literals(n->body, in_loop || loop);
  find_in_list(&n->list, in_loop);
  find_in_list(&n->values, in_loop);
  find_in_list(&n->names, in_loop);
}

// A captured variable's cell can be a stack slot when every literal that
// captures it, directly or through nested literals, stays in its frame.
void escape_analyse(Program *prog) {
  for (int i = 0; i < prog->funcs.len; i++) {
    FuncInfo *fi = prog->funcs.items[i];
    find_frame_literals(fi->node->body, false);
    // Until the uses of pointers are followed, a variable whose address
    // is taken may be pointed to after its frame is gone.
    for (int j = 0; j < fi->locals.len; j++)
      if (((Symbol *)fi->locals.items[j])->addr_taken)
        ptrset_add(&gen.heap_cells, fi->locals.items[j]);
    for (int j = 0; j < fi->params.len; j++)
      if (((Symbol *)fi->params.items[j])->addr_taken)
        ptrset_add(&gen.heap_cells, fi->params.items[j]);
    for (int j = 0; j < fi->results.len; j++)
      if (((Symbol *)fi->results.items[j])->addr_taken)
        ptrset_add(&gen.heap_cells, fi->results.items[j]);
  }
  for (int i = 0; i < prog->funcs.len; i++) {
    FuncInfo *fi = prog->funcs.items[i];
    if (!escape_literal_in_frame(fi))
      for (int j = 0; j < fi->captures.len; j++)
        ptrset_add(&gen.heap_cells, fi->captures.items[j]);
  }
}

// ---- -m: the decisions, in the words of go build -gcflags=-m

typedef struct EscapeNote {
  Pos pos;
  char *text;
} EscapeNote;

static void note(Vec *notes, Pos pos, char *text) {
  EscapeNote *n = xmalloc(sizeof *n);
  *n = (EscapeNote){pos, text};
  vec_push(notes, n);
}

static void note_vars(Vec *notes, Vec *syms) {
  for (int i = 0; i < syms->len; i++) {
    Symbol *s = syms->items[i];
    if (frame_var_in_cell(s) && !escape_cell_in_frame(s))
      note(notes, s->pos, xformat("moved to heap: %s", s->name));
  }
}

// T{...} as -m spells a literal (diagnostics say T{…}).
static char *literal_string(Node *lit) {
  return xformat("%s{%s}", expr_string(lit->type_expr), lit->list.len ? "..." : "");
}

// Allocations in expressions: &T{...}, new(T) and function literals.
static void note_allocations(Vec *notes, Node *n) {
  if (!n)
    return;
  if (n->kind == ND_ADDR && node_unparen(n->lhs)->kind == ND_COMPOSITE)
    note(notes, n->pos, xformat("&%s escapes to heap", literal_string(node_unparen(n->lhs))));
  if (n->kind == ND_CALL && n->call_kind == CALL_NEW)
    note(notes, n->pos, xformat("%s escapes to heap", expr_string(n)));
  if (n->kind == ND_FUNCLIT) {
    bool stays = escape_literal_in_frame(n->func);
    note(notes, n->pos, xformat("func literal %s", stays ? "does not escape" : "escapes to heap"));
    return;  // its body is a function of its own
  }
  Node *kids[] = {n->lhs, n->rhs, n->init, n->cond, n->post, n->then, n->els, n->body,
                  n->low, n->high, n->key, n->value, n->tag};
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
  return x->pos.col - y->pos.col;
}

void escape_report(Program *prog) {
  Vec notes = {0};
  for (int i = 0; i < prog->funcs.len; i++) {
    FuncInfo *fi = prog->funcs.items[i];
    note_vars(&notes, &fi->params);
    note_vars(&notes, &fi->results);
    note_vars(&notes, &fi->locals);
    note_allocations(&notes, fi->node->body);
  }
  for (int i = 0; i < prog->globals.len; i++) {
    Symbol *g = prog->globals.items[i];
    if (g->decl)
      note_allocations(&notes, g->decl);
  }
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
