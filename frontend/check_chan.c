// check_chan.c: the checker's rules for channels: channel types, receive
// expressions, send statements and the close built-in, in types2's words.
#include "minigo.h"
#include "check.h"

// chan T, <-chan T, chan<- T: the element is under an indirection, so
// "type T chan T" is a valid declaration.
Type *check_chan_type(Node *e) {
  Type *el = resolve_indirect_type(e->type_expr, resolve_type);
  if (!el)
    return NULL;
  e->type = type_chan(el, e->chan_dir);
  return e->type;
}

// <-x: the element type, usable as v, ok (M_COMMAOK).
void check_recv(Operand *x, Node *e) {
  check_expr(x, e->lhs);
  if (x->mode == M_INVALID)
    return;
  Type *u = type_under(x->type);
  if (u->kind != TY_CHAN) {
    cerror(start_pos(x->expr), "invalid operation: cannot receive from non-channel %s",
           operand_string(x));
    x->mode = M_INVALID;
    return;
  }
  if (u->chan_dir == CHAN_SEND) {
    cerror(start_pos(x->expr), "invalid operation: cannot receive from send-only channel %s",
           operand_string(x));
    x->mode = M_INVALID;
    return;
  }
  x->mode = M_COMMAOK;
  x->expr = e;
  x->type = u->elem;
}

// ch <- v: v must be assignable to the element type.
void check_send(Node *s) {
  Operand ch, v;
  check_expr(&ch, s->lhs);
  check_expr(&v, s->rhs);
  if (ch.mode == M_INVALID || v.mode == M_INVALID)
    return;
  Type *u = type_under(ch.type);
  if (u->kind != TY_CHAN) {
    cerror(start_pos(s->lhs), "invalid operation: cannot send to non-channel %s",
           operand_string(&ch));
    return;
  }
  if (u->chan_dir == CHAN_RECV) {
    cerror(start_pos(s->lhs), "invalid operation: cannot send to receive-only channel %s",
           operand_string(&ch));
    return;
  }
  assign_operand(&v, u->elem, "send");
}

// close(c): c is a channel one may send on.
bool check_close_arg(Operand *a) {
  Type *u = type_under(a->type);
  if (u->kind != TY_CHAN) {
    cerror(start_pos(a->expr), "invalid operation: cannot close non-channel %s",
           operand_string(a));
    return false;
  }
  if (u->chan_dir == CHAN_RECV) {
    cerror(start_pos(a->expr), "invalid operation: cannot close receive-only channel %s",
           operand_string(a));
    return false;
  }
  return true;
}
