// gen_method.c: methods. A method is compiled as the function of its
// receiver and parameters (the checker's FuncInfo for it has that type),
// so a call x.M(a) is the call M(x', a) with the receiver x' the checker
// made explicit (x, &x or *x), a method expression T.M is that function's
// value, and a method value x.M is a closure holding x' and a wrapper.
#include "gen.h"

#include <string.h>

static LLVMValueRef method_func(Method *m) {
  return m->decl->func->node->cg;
}

LLVMValueRef gen_method_call(Node *e) {
  Node *sel = node_unparen(e->lhs);
  Method *m = sel->method;
  Type *ft = m->type;  // resolved when the checker saw the selector
  FuncInfo *fi = m->decl->func;
  int np = ft->params.len;
  LLVMValueRef args[np + 3];
  args[0] = LLVMConstNull(gen.t_i8p);
  args[1] = gen.frame->call_token;
  args[2] = gen_expr(sel->recv_expr);
  gen_args(e, ft, args + 3);
  return LLVMBuildCall2(gen.b, ll_func_type(fi->type), method_func(m), args, (unsigned)np + 3, "");
}

// The closure of a method value: its code, then the receiver.
static LLVMTypeRef bound_closure_type(Type *recv) {
  LLVMTypeRef f[2] = {gen.t_i8p, ll_type(recv)};
  return LLVMStructTypeInContext(gen.ctx, f, 2, false);
}

// Go's M-fm: called through a method value's closure, it calls the method
// with the receiver kept there. Made once per method, with a builder of
// its own (it has no source position).
static LLVMValueRef bound_wrapper(Method *m) {
  FuncInfo *fi = m->decl->func;
  const char *name = xformat("main.%s-fm", fi->name);
  LLVMValueRef fn = LLVMGetNamedFunction(gen.mod, name);
  if (fn)
    return fn;
  Type *ft = m->type, *recv = fi->type->params.items[0];
  fn = LLVMAddFunction(gen.mod, name, ll_func_type(ft));
  LLVMSetLinkage(fn, LLVMInternalLinkage);
  LLVMBuilderRef b = LLVMCreateBuilderInContext(gen.ctx);
  LLVMPositionBuilderAtEnd(b, LLVMAppendBasicBlockInContext(gen.ctx, fn, "entry"));
  LLVMTypeRef ct = bound_closure_type(recv);
  LLVMValueRef closure = LLVMBuildBitCast(b, LLVMGetParam(fn, 0), ptr_to(ct), "");
  int np = ft->params.len;
  LLVMValueRef args[np + 3];
  args[0] = LLVMConstNull(gen.t_i8p);
  args[1] = LLVMGetParam(fn, 1);
  args[2] = LLVMBuildLoad2(b, ll_type(recv), LLVMBuildStructGEP2(b, ct, closure, 1, ""), "");
  for (int i = 0; i < np; i++)
    args[i + 3] = LLVMGetParam(fn, (unsigned)i + 2);
  LLVMValueRef r = LLVMBuildCall2(b, ll_func_type(fi->type), method_func(m), args,
                                  (unsigned)np + 3, "");
  if (ft->results.len)
    LLVMBuildRet(b, r);
  else
    LLVMBuildRetVoid(b);
  LLVMDisposeBuilder(b);
  return fn;
}

// x.M: the receiver is evaluated (and copied, for a value method) now;
// T.M: the method's function itself.
LLVMValueRef gen_method_value(Node *sel) {
  Method *m = sel->method;
  if (!sel->recv_expr)
    return gen_static_closure(method_func(m));
  Type *recv = m->decl->func->type->params.items[0];
  LLVMValueRef v = gen_expr(sel->recv_expr);
  LLVMTypeRef ct = bound_closure_type(recv);
  LLVMValueRef size = ll_int((int64_t)LLVMABISizeOfType(gen.td, ct));
  LLVMValueRef closure = bitcast(rt_call("mg_alloc", &size, 1), ptr_to(ct));
  store(as_i8p(bound_wrapper(m)), LLVMBuildStructGEP2(gen.b, ct, closure, 0, ""));
  store(v, LLVMBuildStructGEP2(gen.b, ct, closure, 1, ""));
  return as_i8p(closure);
}

// ---------------------------------------------------------------- descriptor slots

// The method named name that values of type t have directly (T's value
// methods; all of T's methods for *T), if its signature is func() string.
static Method *string_method(Type *t, const char *name) {
  bool by_pointer = t->kind == TY_POINTER && !t->is_defined;
  Type *base = by_pointer ? t->elem : t;
  for (int i = 0; i < base->methods.len; i++) {
    Method *m = base->methods.items[i];
    if (strcmp(m->name, name) != 0)
      continue;
    if ((m->ptr_recv && !by_pointer) || !m->type)
      return NULL;
    Type *r = m->type->results.len == 1 ? m->type->results.items[0] : NULL;
    bool fits = m->type->params.len == 0 && r && r->kind == TY_STRING && !r->is_defined;
    return fits ? m : NULL;
  }
  return NULL;
}

// The runtime's view of method m of values of type t (runtime.h, the
// error and string slots of mg_type): void slot(mg_string *out, void
// *data), where data addresses the value (for *T, the pointer). A value
// method reached through a nil *T panics as a nil dereference.
static LLVMValueRef slot_adapter(Type *t, Method *m) {
  FuncInfo *fi = m->decl->func;
  bool by_pointer = t->kind == TY_POINTER && !t->is_defined;
  const char *name = xformat("main.%s%s·rt", by_pointer && !m->ptr_recv ? "*" : "", fi->name);
  LLVMValueRef fn = LLVMGetNamedFunction(gen.mod, name);
  if (fn)
    return LLVMConstBitCast(fn, gen.t_i8p);
  LLVMTypeRef params[2] = {gen.t_i8p, gen.t_i8p};
  fn = LLVMAddFunction(gen.mod, name, LLVMFunctionType(gen.t_void, params, 2, false));
  LLVMSetLinkage(fn, LLVMInternalLinkage);
  LLVMBuilderRef b = LLVMCreateBuilderInContext(gen.ctx);
  LLVMBasicBlockRef entry = LLVMAppendBasicBlockInContext(gen.ctx, fn, "entry");
  LLVMPositionBuilderAtEnd(b, entry);
  Type *recv = fi->type->params.items[0];
  LLVMValueRef data = LLVMGetParam(fn, 1);
  LLVMValueRef r;
  if (by_pointer) {
    LLVMValueRef p = LLVMBuildLoad2(b, gen.t_i8p, LLVMBuildBitCast(b, data, ptr_to(gen.t_i8p), ""), "");
    if (!m->ptr_recv) {
      LLVMBasicBlockRef nil = LLVMAppendBasicBlockInContext(gen.ctx, fn, "nil");
      LLVMBasicBlockRef ok = LLVMAppendBasicBlockInContext(gen.ctx, fn, "ok");
      LLVMBuildCondBr(b, LLVMBuildIsNull(b, p, ""), nil, ok);
      LLVMPositionBuilderAtEnd(b, nil);
      LLVMBuilderRef saved = gen.b;
      gen.b = b;
      rt_call("mg_panic_nil", NULL, 0);
      gen.b = saved;
      LLVMPositionBuilderAtEnd(b, ok);
      r = LLVMBuildLoad2(b, ll_type(recv), LLVMBuildBitCast(b, p, ptr_to(ll_type(recv)), ""), "");
    } else {
      r = p;
    }
  } else {
    r = LLVMBuildLoad2(b, ll_type(recv), LLVMBuildBitCast(b, data, ptr_to(ll_type(recv)), ""), "");
  }
  LLVMValueRef args[3] = {LLVMConstNull(gen.t_i8p), LLVMConstNull(gen.t_i8p), r};
  LLVMValueRef text = LLVMBuildCall2(b, ll_func_type(fi->type), method_func(m), args, 3, "");
  LLVMBuildStore(b, text, LLVMBuildBitCast(b, LLVMGetParam(fn, 0), ptr_to(gen.t_string), ""));
  LLVMBuildRetVoid(b);
  LLVMDisposeBuilder(b);
  return LLVMConstBitCast(fn, gen.t_i8p);
}

// The descriptor slot of t for its method name (Error or String): an
// adapter, or null when t's values have no such method.
LLVMValueRef gen_method_slot(Type *t, const char *name) {
  bool by_pointer = t->kind == TY_POINTER && !t->is_defined;
  Type *base = by_pointer ? t->elem : t;
  if (!base->is_defined)
    return LLVMConstNull(gen.t_i8p);
  Method *m = string_method(t, name);
  return m ? slot_adapter(t, m) : LLVMConstNull(gen.t_i8p);
}
