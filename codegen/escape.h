// escape.h: the graph of escape analysis, shared by escape.c, which builds
// it from the program, and escape_graph.c, which solves it.
//
// As Go's (cmd/compile/internal/escape): a location is storage for values
// (a variable, an object &T{...} or new(T) makes, a closure, a temporary),
// and an edge says values flow from one location into another, after
// `derefs` indirections: -1 is &src, 0 a copy of src, 1 *src, 2 **src.
// A location's address escapes when it flows with derefs -1 into one that
// may outlive it: the heap, a result, a variable of an enclosing loop or
// function, or a location that itself escapes.
#ifndef ESCAPE_H
#define ESCAPE_H

#include "gen.h"

typedef struct Loc Loc;

typedef struct EscEdge {
  Loc *src;
  int derefs;
} EscEdge;

struct Loc {
  Symbol *sym;      // a variable's location, else NULL
  Node *site;       // an allocation's (&T{...}, new(T), a func literal), else NULL
  FuncInfo *fn;     // the activation it belongs to; NULL: main.init
  int depth;        // loop depth within fn at its declaration or allocation
  bool declared;    // depth is known (a variable's declaration was walked)
  int param;        // index among fn's parameters, or -1
  int result;       // index among fn's results, or -1: callers may keep it
  bool escapes;     // its address may outlive its activation
  Vec edges;        // EscEdge*: what flows into it
  // State of one walk of the solver.
  unsigned walkgen;
  int derefs;
  bool queued;
};

// A place where an expression's value goes: into loc after derefs
// indirections; loc NULL discards it.
typedef struct Hole {
  Loc *loc;
  int derefs;
} Hole;

// Keys to values, for facts about the front end's objects.
typedef struct PtrMap {
  void **keys, **vals;
  int len, cap;
} PtrMap;
void *ptrmap_get(const PtrMap *m, const void *key);
void ptrmap_put(PtrMap *m, void *key, void *val);

// What a declared function's parameters leak: for parameter i, the fewest
// indirections after which its value reaches the heap (heap[i]) or its
// result j (result[i * nresults + j]); ESC_NONE when it never does.
enum { ESC_NONE = 1 << 20 };
typedef struct EscSummary {
  int nparams, nresults;
  int *heap;
  int *result;
} EscSummary;

typedef struct EscGraph {
  Vec locs;         // Loc*, every one but the heap
  Loc heap;
  PtrMap vars;      // Symbol* -> Loc*
  PtrMap sites;     // Node* -> Loc*
  PtrMap results;   // FuncInfo* -> Loc** of its unnamed results
  PtrMap solved;     // FuncInfo* -> EscSummary*: what its solution gives
  PtrSet addressed;  // Symbol* whose address the walk saw taken
  PtrSet walked;     // FuncInfo* whose bodies were walked
} EscGraph;

Loc *esc_loc(EscGraph *g, FuncInfo *fn, int depth);
void esc_flow(Hole k, Loc *src);
void esc_solve(EscGraph *g);
EscSummary *esc_summary(PtrMap *m, FuncInfo *fi);  // made on first use, leaking nothing
bool esc_summary_equal(const EscSummary *a, const EscSummary *b);

#endif
