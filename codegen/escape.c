// escape.c: what may live in the frame of the activation that makes it
// rather than on the heap. Today that is closures and the cells of the
// variables they capture; the facts are kept in Gen's tables, not in the
// checker's structs.
#include "gen.h"

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
  for (int i = 0; i < prog->funcs.len; i++)
    find_frame_literals(((FuncInfo *)prog->funcs.items[i])->node->body, false);
  for (int i = 0; i < prog->funcs.len; i++) {
    FuncInfo *fi = prog->funcs.items[i];
    if (!escape_literal_in_frame(fi))
      for (int j = 0; j < fi->captures.len; j++)
        ptrset_add(&gen.heap_cells, fi->captures.items[j]);
  }
}

bool escape_literal_in_frame(FuncInfo *fi) {
  return ptrset_has(&gen.frame_literals, fi);
}

bool escape_cell_in_frame(Symbol *sym) {
  return !ptrset_has(&gen.heap_cells, sym);
}
