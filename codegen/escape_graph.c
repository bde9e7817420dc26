// escape_graph.c: the locations and flows of escape analysis (escape.h)
// and their solution, as Go's escape/solve.go: a walk back from every
// location along the flows into it finds which addresses reach a location
// that outlives them, and which parameters' values reach the heap or a
// result.
#include "escape.h"

#include <stdint.h>
#include <stdlib.h>

// ---------------------------------------------------------------- maps

static size_t slot_of(const PtrMap *m, const void *key) {
  size_t i = ((uintptr_t)key >> 4) * 0x9E3779B97F4A7C15ull & (size_t)(m->cap - 1);
  while (m->keys[i] && m->keys[i] != key)
    i = (i + 1) & (size_t)(m->cap - 1);
  return i;
}

void *ptrmap_get(const PtrMap *m, const void *key) {
  return m->cap ? m->vals[slot_of(m, key)] : NULL;
}

void ptrmap_put(PtrMap *m, void *key, void *val) {
  if (2 * (m->len + 1) > m->cap) {
    PtrMap bigger = {xcalloc((size_t)(m->cap ? 2 * m->cap : 16), sizeof(void *)),
                     xcalloc((size_t)(m->cap ? 2 * m->cap : 16), sizeof(void *)), 0,
                     m->cap ? 2 * m->cap : 16};
    for (int i = 0; i < m->cap; i++)
      if (m->keys[i])
        ptrmap_put(&bigger, m->keys[i], m->vals[i]);
    *m = bigger;
  }
  size_t i = slot_of(m, key);
  if (!m->keys[i])
    m->len++;
  m->keys[i] = key;
  m->vals[i] = val;
}

// ---------------------------------------------------------------- building

Loc *esc_loc(EscGraph *g, FuncInfo *fn, int depth) {
  Loc *l = xcalloc(1, sizeof *l);
  l->fn = fn;
  l->depth = depth;
  l->param = l->result = -1;
  vec_push(&g->locs, l);
  return l;
}

void esc_flow(Hole k, Loc *src) {
  if (!k.loc || (k.loc == src && k.derefs >= 0))
    return;
  EscEdge *e = xmalloc(sizeof *e);
  *e = (EscEdge){src, k.derefs < -1 ? -1 : k.derefs};
  vec_push(&k.loc->edges, e);
}

EscSummary *esc_summary(PtrMap *m, FuncInfo *fi) {
  EscSummary *s = ptrmap_get(m, fi);
  if (s)
    return s;
  s = xcalloc(1, sizeof *s);
  s->nparams = fi->params.len;
  s->nresults = fi->type->results.len;
  s->heap = xmalloc(sizeof(int) * (size_t)(s->nparams + 1));
  s->result = xmalloc(sizeof(int) * (size_t)(s->nparams * s->nresults + 1));
  for (int i = 0; i < s->nparams; i++)
    s->heap[i] = ESC_NONE;
  for (int i = 0; i < s->nparams * s->nresults; i++)
    s->result[i] = ESC_NONE;
  ptrmap_put(m, fi, s);
  return s;
}

bool esc_summary_equal(const EscSummary *a, const EscSummary *b) {
  for (int i = 0; i < a->nparams; i++)
    if (a->heap[i] != b->heap[i])
      return false;
  for (int i = 0; i < a->nparams * a->nresults; i++)
    if (a->result[i] != b->result[i])
      return false;
  return true;
}

// ---------------------------------------------------------------- solving

// Whether fn is a literal written inside outer (outer NULL: main.init,
// which encloses the literals of package-level initializers).
static bool encloses(FuncInfo *outer, FuncInfo *fn) {
  while (fn) {
    fn = fn->outer;
    if (fn == outer)
      return true;
  }
  return false;
}

// Whether root may hold a value after l's storage is gone: the heap and
// what escapes to it, results (callers may keep them), a variable of an
// enclosing loop, a variable of an enclosing function seen from a literal.
static bool outlives(Loc *root, Loc *l) {
  if (root->escapes || root->result >= 0)
    return true;
  if (root->fn == l->fn)
    return root->depth < l->depth;
  return encloses(root->fn, l->fn);
}

static void min_into(int *slot, int derefs) {
  if (derefs < *slot)
    *slot = derefs;
}

// Parameter l's value reaches root after derefs indirections.
static void leak(EscGraph *g, Loc *root, Loc *l, int derefs) {
  if (!l->fn)
    return;
  EscSummary *s = esc_summary(&g->solved, l->fn);
  if (root->result >= 0 && root->fn == l->fn && !root->escapes)
    min_into(&s->result[l->param * s->nresults + root->result], derefs);
  else
    min_into(&s->heap[l->param], derefs);
}

static void enqueue(Vec *todo, Loc *l) {
  if (!l->queued) {
    l->queued = true;
    vec_push(todo, l);
  }
}

// Every location whose value flows into root, with the fewest
// indirections on the way (Go's walkOne).
static void walk_one(EscGraph *g, Loc *root, unsigned walkgen, Vec *roots) {
  Vec todo = {0};
  root->walkgen = walkgen;
  root->derefs = 0;
  vec_push(&todo, root);
  while (todo.len) {
    Loc *l = todo.items[--todo.len];
    int derefs = l->derefs;
    bool address = derefs < 0;
    if (address)
      derefs = 0;  // root = &l; l = x: x's address does not flow
    if (outlives(root, l)) {
      if (l->param >= 0)
        leak(g, root, l, derefs);
      if (address && !l->escapes) {
        l->escapes = true;  // and what flows into it now reaches the heap
        enqueue(roots, l);
        continue;
      }
    }
    for (int i = 0; i < l->edges.len; i++) {
      EscEdge *e = l->edges.items[i];
      if (e->src->escapes)
        continue;
      int d = derefs + e->derefs;
      if (e->src->walkgen != walkgen || e->src->derefs > d) {
        e->src->walkgen = walkgen;
        e->src->derefs = d;
        vec_push(&todo, e->src);
      }
    }
  }
  free(todo.items);
}

void esc_solve(EscGraph *g) {
  Vec roots = {0};
  g->heap.escapes = true;
  g->heap.param = g->heap.result = -1;
  for (int i = 0; i < g->locs.len; i++)
    enqueue(&roots, g->locs.items[i]);
  enqueue(&roots, &g->heap);
  unsigned walkgen = 0;
  while (roots.len) {
    Loc *root = roots.items[--roots.len];
    root->queued = false;
    walk_one(g, root, ++walkgen, &roots);
  }
  free(roots.items);
}
