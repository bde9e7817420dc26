// gen_chan.c: channels and select statements, as calls of the runtime's
// chan.c (runtime.h's "channels and select"): an element always goes
// through memory, the address of a slot in the frame.
#include "gen.h"

#include "runtime.h"

// A receive of a select case that was chosen: the runtime has already
// received into the slot; the case's assignment reads it from there.
typedef struct SelectedRecv {
  LLVMValueRef slot;
  LLVMValueRef ok;
} SelectedRecv;

static Type *chan_elem(Node *ch) {
  return type_under(gen_type_of(ch))->elem;
}

LLVMValueRef gen_chan_make(Node *e) {
  Type *ct = e->conv_type ? e->conv_type : e->type;
  LLVMValueRef size = e->list.len > 1 ? gen_make_size_operand(e->list.items[1]) : ll_int(0);
  return rt("mg_chan_make", ll_type_desc(ct), size);
}

// len(c) or cap(c) (c evaluated already).
LLVMValueRef gen_chan_len_cap(LLVMValueRef c, bool is_len) {
  return rt(is_len ? "mg_chan_len" : "mg_chan_cap", c);
}

void gen_chan_close(Node *call) {
  rt("mg_chan_close", gen_expr(call->list.items[0]));
}

// ch <- v: both evaluated before the communication, the channel first.
void gen_send(Node *s) {
  Type *et = chan_elem(s->lhs);
  gen_order_expr(s->lhs);
  gen_order_expr_to(s->rhs, et);
  LLVMValueRef c = gen_expr(s->lhs);
  LLVMValueRef v = gen_expr_to(s->rhs, et);
  rt("mg_chan_send", c, frame_spill(v));
}

// <-c; *ok (when ok is not NULL) is false once c is closed and drained.
LLVMValueRef gen_recv(Node *e, LLVMValueRef *ok) {
  LLVMTypeRef et = ll_type(chan_elem(e->lhs));
  SelectedRecv *sel = e->cg;
  if (sel) {
    if (ok)
      *ok = sel->ok;
    return load(et, sel->slot);
  }
  LLVMValueRef c = gen_expr(e->lhs);
  LLVMValueRef slot = frame_alloca(et, "recv");
  LLVMValueRef r = rt("mg_chan_recv", c, slot);
  if (ok)
    *ok = r;
  return load(et, slot);
}

// ---------------------------------------------------------------- select

// The receive of a case's communication, or NULL for a send.
static Node *case_recv(Node *comm) {
  switch (comm->kind) {
  case ND_EXPR_STMT: return node_unparen(comm->lhs);
  case ND_DEFINE:
  case ND_ASSIGN: return node_unparen(comm->values.items[0]);
  default: return NULL;
  }
}

// Evaluates case's channel and, for a send, its value into a slot (the
// spec's order: every case's, in source order, before the select), and
// fills cases[i].
static LLVMValueRef select_case_operands(Node *comm, LLVMValueRef cases, int i) {
  LLVMTypeRef ct = layout_type(LS_mg_select_case);
  Node *recv = case_recv(comm);
  Node *ch = recv ? recv->lhs : comm->lhs;
  Type *et = chan_elem(ch);
  gen_order_expr(ch);
  LLVMValueRef c = gen_expr(ch);
  LLVMValueRef slot;
  if (recv) {
    slot = frame_alloca(ll_type(et), "select.recv");
  } else {
    gen_order_expr_to(comm->rhs, et);
    slot = frame_spill(gen_expr_to(comm->rhs, et));
  }
  LLVMValueRef idx[2] = {ll_int(0), ll_int(i)};
  LLVMValueRef at = LLVMBuildInBoundsGEP2(gen.b, LLVMGetAllocatedType(cases), cases, idx, 2, "");
  store(c, LLVMBuildStructGEP2(gen.b, ct, at, LF_mg_select_case_chan, ""));
  store(as_i8p(slot), LLVMBuildStructGEP2(gen.b, ct, at, LF_mg_select_case_elem, ""));
  store(ll_int(recv ? MG_SELECT_RECV : MG_SELECT_SEND),
        LLVMBuildStructGEP2(gen.b, ct, at, LF_mg_select_case_dir, ""));
  return slot;
}

// The chosen case: its receive's assignment (its places evaluated only
// now, as Go does), then its statements.
static void gen_select_body(Node *c, LLVMValueRef slot, LLVMValueRef ok_slot,
                            LLVMBasicBlockRef end) {
  Node *recv = c->init ? case_recv(c->init) : NULL;
  if (recv && c->init->kind != ND_EXPR_STMT) {
    SelectedRecv sel = {slot, icmp(LLVMIntNE, load(gen.t_i8, ok_slot), LLVMConstInt(gen.t_i8, 0, false))};
    recv->cg = &sel;
    gen_stmt(c->init);
    recv->cg = NULL;
  }
  gen_block(c);
  if (ll_block_open())
    br(end);
}

void gen_select(Node *s) {
  int n = 0;
  Node *dflt = NULL;
  for (int i = 0; i < s->list.len; i++) {
    Node *c = s->list.items[i];
    if (c->is_default)
      dflt = c;
    else
      n++;
  }
  LLVMValueRef cases = frame_alloca(LLVMArrayType(layout_type(LS_mg_select_case), (unsigned)n),
                                    "select.cases");
  LLVMValueRef slots[n + 1];
  Node *comm_cases[n + 1];
  for (int i = 0, k = 0; i < s->list.len; i++) {
    Node *c = s->list.items[i];
    if (c->is_default)
      continue;
    comm_cases[k] = c;
    slots[k] = select_case_operands(c->init, cases, k);
    k++;
  }
  LLVMValueRef ok_slot = frame_alloca(gen.t_i8, "select.ok");
  LLVMValueRef chosen = rt("mg_select", cases, ll_int(n), LLVMConstInt(gen.t_i1, dflt != NULL, false),
                           ok_slot);
  if (n == 0 && !dflt) {  // select {}: blocks forever
    LLVMBuildUnreachable(gen.b);
    return;
  }
  LLVMBasicBlockRef end = frame_block("select.end");
  LLVMBasicBlockRef other = frame_block(dflt ? "select.default" : "select.none");
  LLVMValueRef sw = LLVMBuildSwitch(gen.b, chosen, other, (unsigned)n);
  frame_push_jump(s, end, NULL);
  for (int k = 0; k < n; k++) {
    LLVMBasicBlockRef bb = frame_block("select.case");
    LLVMAddCase(sw, ll_int(k), bb);
    LLVMPositionBuilderAtEnd(gen.b, bb);
    gen_select_body(comm_cases[k], slots[k], ok_slot, end);
  }
  LLVMPositionBuilderAtEnd(gen.b, other);
  if (dflt)
    gen_select_body(dflt, NULL, NULL, end);
  else
    LLVMBuildUnreachable(gen.b);  // the runtime returns a case's index
  frame_pop_jump();
  LLVMPositionBuilderAtEnd(gen.b, end);
}
