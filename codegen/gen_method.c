// gen_method.c: methods. A method is compiled as the function of its
// receiver and parameters (the checker's FuncInfo for it has that type),
// so a call x.M(a) is the call M(x', a) with the receiver x' the checker
// made explicit (x, &x or *x), a method expression T.M is that function's
// value, and a method value x.M is a closure holding x' and a wrapper.
#include "gen.h"

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
