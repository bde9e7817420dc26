// gen_method.c: methods and interfaces. A method is compiled as the
// function of its receiver and parameters (the checker's FuncInfo for it
// has that type), so a call x.M(a) is the call M(x', a) with the receiver
// x' the checker made explicit (x, &x or *x), a method expression T.M is
// that function's value, and a method value x.M is a closure holding x'
// and a wrapper. Through an interface, a call loads the code from the
// value's itab: interface tables hold wrappers, in runtime.h's interface
// calling convention, that find the receiver from the data word.
#include "gen.h"

#include <string.h>

static LLVMValueRef method_func(Method *m) {
  return m->decl->func->node->cg;
}

static LLVMValueRef gen_iface_call(Node *e);

LLVMValueRef gen_method_call(Node *e) {
  Node *sel = node_unparen(e->lhs);
  Method *m = sel->method;
  if (m->iface)
    return gen_iface_call(e);
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
  const char *name = xformat("%s-fm", gen_func_symbol(fi));
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

static LLVMValueRef iface_bound_wrapper(Method *m);
static LLVMValueRef make_wrapper(Type *t, MethodSetEntry *e, bool expr);

static bool is_pointer_literal(Type *t) {
  return type_under(t)->kind == TY_POINTER && !t->is_defined;
}
static void call_through_itab(Method *m, LLVMValueRef iface, LLVMValueRef out, LLVMValueRef token,
                              LLVMValueRef *params);
static LLVMValueRef is_nonnil(LLVMValueRef p);

// x.M: the receiver is evaluated (and copied, for a value method) now,
// and a nil interface x panics now; T.M: the method's function itself.
LLVMValueRef gen_method_value(Node *sel) {
  Method *m = sel->method;
  if (!sel->recv_expr) {
    Type *t = gen_type_of(sel)->params.items[0];  // T or *T as written
    // An interface's method (of I or embedded in T) calls through a table.
    bool direct = !m->iface && !sel->sel_path.len && (m->ptr_recv || !is_pointer_literal(t));
    if (direct)
      return gen_static_closure(method_func(m));
    MethodSetEntry e = {m, sel->sel_path};
    return gen_static_closure(make_wrapper(t, &e, true));
  }
  Type *recv = m->iface ? sel->recv_expr->type : m->decl->func->type->params.items[0];
  LLVMValueRef v = gen_expr(sel->recv_expr);
  if (m->iface)
    check_or_panic(is_nonnil(field(v, 0)), "mg_panic_nil", NULL, 0);
  LLVMTypeRef ct = bound_closure_type(recv);
  LLVMValueRef size = ll_int((int64_t)LLVMABISizeOfType(gen.td, ct));
  LLVMValueRef closure = bitcast(rt_call("mg_alloc", &size, 1), ptr_to(ct));
  LLVMValueRef code = m->iface ? iface_bound_wrapper(m) : bound_wrapper(m);
  store(as_i8p(code), LLVMBuildStructGEP2(gen.b, ct, closure, 0, ""));
  store(v, LLVMBuildStructGEP2(gen.b, ct, closure, 1, ""));
  return as_i8p(closure);
}

// ---------------------------------------------------------------- interface tables

// A block of the wrapper being built: wrappers are functions of their own,
// built while another function may be half generated, so they use their
// own builder (in gen.b while they are built) and no frame.
static LLVMBasicBlockRef wrapper_block(LLVMValueRef fn, const char *name) {
  return LLVMAppendBasicBlockInContext(gen.ctx, fn, name);
}

// Panics through the runtime entry point name (no return) unless ok.
static void wrapper_check(LLVMValueRef fn, LLVMValueRef ok, const char *name, LLVMValueRef *args,
                          int n) {
  LLVMBasicBlockRef fail = wrapper_block(fn, "fail"), cont = wrapper_block(fn, "ok");
  cond_br(ok, cont, fail);
  LLVMPositionBuilderAtEnd(gen.b, fail);
  rt_call(name, args, n);
  LLVMPositionBuilderAtEnd(gen.b, cont);
}

static LLVMValueRef is_nonnil(LLVMValueRef p) {
  return icmp(LLVMIntNE, p, LLVMConstNull(LLVMTypeOf(p)));
}

// The interface calling convention (runtime.h, mg_method): void (out,
// token, data, params...).
static LLVMTypeRef iface_func_type(Type *sig) {
  int np = sig->params.len;
  LLVMTypeRef params[np + 3];
  params[0] = params[1] = params[2] = gen.t_i8p;
  for (int i = 0; i < np; i++)
    params[i + 3] = ll_type(sig->params.items[i]);
  return LLVMFunctionType(gen.t_void, params, (unsigned)np + 3, false);
}

// Calls method m of interface value iface (nil-checked by the caller)
// with params, storing its results at out.
static void call_through_itab(Method *m, LLVMValueRef iface, LLVMValueRef out, LLVMValueRef token,
                              LLVMValueRef *params) {
  int np = m->type->params.len;
  LLVMValueRef tab = bitcast(field(iface, 0), ptr_to(gen.t_i8p));
  LLVMValueRef slot = ll_int(1 + m->iface_index);
  LLVMValueRef code = load(gen.t_i8p, LLVMBuildInBoundsGEP2(gen.b, gen.t_i8p, tab, &slot, 1, ""));
  LLVMTypeRef ft = iface_func_type(m->type);
  LLVMValueRef args[np + 3];
  args[0] = out;
  args[1] = token;
  args[2] = field(iface, 1);
  for (int i = 0; i < np; i++)
    args[i + 3] = params[i];
  LLVMBuildCall2(gen.b, ft, bitcast(code, ptr_to(ft)), args, (unsigned)np + 3, "");
}

// The receiver's address after the embedded fields of path, from addr,
// the address of a value of type t; *maybe_nil says whether it came
// through a pointer. An embedded interface ends the walk (*iface set).
static LLVMValueRef walk_embedded(LLVMValueRef fn, LLVMValueRef addr, Type *t, Vec path,
                                  bool *maybe_nil) {
  for (int i = 0; i < path.len; i++) {
    Field *f = path.items[i];
    if (*maybe_nil)
      wrapper_check(fn, is_nonnil(addr), "mg_panic_nil", NULL, 0);
    LLVMTypeRef st = ll_type(type_under(t));
    addr = LLVMBuildStructGEP2(gen.b, st, bitcast(addr, ptr_to(st)), (unsigned)f->index, "");
    t = f->type;
    *maybe_nil = is_pointer_literal(t);
    if (*maybe_nil) {
      addr = load(gen.t_i8p, bitcast(addr, ptr_to(gen.t_i8p)));
      t = type_under(t)->elem;
    }
  }
  return addr;
}

// Calls method e of t's method set on the value of type t at addr (an
// interface's box, or a wrapper's copy of its receiver parameter; the
// pointer itself when direct, as an interface holds one): walks
// the embedded fields to the receiver, faulting on nil pointers as Go's
// wrappers do. Returns the results, NULL when there are none.
// A value method of T called with a nil *T panics as Go's panicwrap when
// panicwrap is set (method expressions, interface tables). Go's optimizer
// turns a call through a local interface variable whose value it can see
// into a direct call, which faults instead; minigo does not.
static LLVMValueRef call_promoted(LLVMValueRef fn, LLVMValueRef addr, Type *t, MethodSetEntry *e,
                                  LLVMValueRef token, LLVMValueRef *params, bool direct,
                                  bool panicwrap) {
  Method *m = e->method;
  int np = m->type->params.len;
  bool maybe_nil = is_pointer_literal(t);
  Type *base = maybe_nil ? type_under(t)->elem : t;
  if (maybe_nil && !direct)
    addr = load(gen.t_i8p, bitcast(addr, ptr_to(gen.t_i8p)));
  if (direct && !maybe_nil) {
    // A map is its own data word: the receiver's value, not its address.
    LLVMValueRef slot = LLVMBuildAlloca(gen.b, gen.t_i8p, "recv");
    store(addr, slot);
    addr = slot;
  }
  addr = walk_embedded(fn, addr, base, e->path, &maybe_nil);
  if (m->iface) {
    // Promoted from an embedded interface: through its own table.
    if (maybe_nil)
      wrapper_check(fn, is_nonnil(addr), "mg_panic_nil", NULL, 0);
    LLVMValueRef inner = load(gen.t_iface, bitcast(addr, ptr_to(gen.t_iface)));
    wrapper_check(fn, is_nonnil(field(inner, 0)), "mg_panic_nil", NULL, 0);
    LLVMTypeRef rt = ll_results_type(m->type);
    LLVMValueRef out = rt == gen.t_void ? NULL : LLVMBuildAlloca(gen.b, rt, "results");
    call_through_itab(m, inner, out ? as_i8p(out) : LLVMConstNull(gen.t_i8p), token, params);
    return out ? load(rt, out) : NULL;
  }
  FuncInfo *fi = m->decl->func;
  Type *recv = fi->type->params.items[0];
  LLVMValueRef r = addr;
  if (!m->ptr_recv && maybe_nil && panicwrap && !e->path.len) {
    LLVMValueRef text = ll_cstring(xformat("value method %s.%s called using nil *%s pointer",
                                           m->recv->rtname, m->name, m->recv->name));
    wrapper_check(fn, is_nonnil(addr), "mg_panic_wrap", &text, 1);
  } else if (!m->ptr_recv && maybe_nil) {
    wrapper_check(fn, is_nonnil(addr), "mg_panic_nil", NULL, 0);
  }
  if (!m->ptr_recv) {
    r = load(ll_type(recv), bitcast(addr, ptr_to(ll_type(recv))));
  }
  LLVMValueRef args[np + 3];
  args[0] = LLVMConstNull(gen.t_i8p);
  args[1] = token;
  args[2] = bitcast(r, ll_type(recv));
  for (int i = 0; i < np; i++)
    args[i + 3] = params[i];
  LLVMValueRef res = LLVMBuildCall2(gen.b, ll_func_type(fi->type), method_func(m), args,
                                    (unsigned)np + 3, "");
  return m->type->results.len ? res : NULL;
}

// The interface calling convention's wrapper: the receiver is found from
// the data word, the results go to out.
static void wrapper_body(LLVMValueRef fn, Type *t, MethodSetEntry *e) {
  int np = e->method->type->params.len;
  LLVMValueRef params[np + 1];
  for (int i = 0; i < np; i++)
    params[i] = LLVMGetParam(fn, (unsigned)i + 3);
  LLVMValueRef res =
      call_promoted(fn, LLVMGetParam(fn, 2), t, e, LLVMGetParam(fn, 1), params,
                    is_direct_iface(t), true);
  if (res)
    store(res, bitcast(LLVMGetParam(fn, 0), ptr_to(LLVMTypeOf(res))));
  LLVMBuildRetVoid(gen.b);
}

// A method expression's wrapper, for T.M of a promoted method or (*T).M
// of a value method: a function of the receiver and the parameters.
static void expr_wrapper_body(LLVMValueRef fn, Type *t, MethodSetEntry *e) {
  int np = e->method->type->params.len;
  LLVMValueRef params[np + 1];
  for (int i = 0; i < np; i++)
    params[i] = LLVMGetParam(fn, (unsigned)i + 3);
  LLVMValueRef copy = LLVMBuildAlloca(gen.b, ll_type(t), "recv");
  store(LLVMGetParam(fn, 2), copy);
  LLVMValueRef res =
      call_promoted(fn, as_i8p(copy), t, e, LLVMGetParam(fn, 1), params, false, true);
  if (res)
    LLVMBuildRet(gen.b, res);
  else
    LLVMBuildRetVoid(gen.b);
}

typedef struct Wrapper {
  Type *type;       // NULL: an interface method value's M-fm
  Method *method;
  bool expr;        // a method expression's wrapper
  LLVMValueRef fn;
} Wrapper;

// Starts the wrapper key describes, named name, of code type ft: the
// function, remembered in gen.wrappers, with gen.b at its entry (the
// builder it replaced in *saved, for wrapper_end).
static LLVMValueRef wrapper_begin(Wrapper *key, const char *name, LLVMTypeRef ft,
                                  LLVMBuilderRef *saved) {
  LLVMValueRef fn = LLVMAddFunction(gen.mod, name, ft);
  LLVMSetLinkage(fn, LLVMInternalLinkage);
  Wrapper *w = xcalloc(1, sizeof(Wrapper));
  *w = *key;
  w->fn = fn;
  vec_push(&gen.wrappers, w);
  *saved = gen.b;
  gen.b = LLVMCreateBuilderInContext(gen.ctx);
  LLVMPositionBuilderAtEnd(gen.b, wrapper_block(fn, "entry"));
  return fn;
}

static void wrapper_end(LLVMBuilderRef saved) {
  LLVMDisposeBuilder(gen.b);
  gen.b = saved;
}

// A wrapper of method e of t's method set, made once: for interface
// tables (Go's method wrappers), or for a method expression (expr).
static LLVMValueRef make_wrapper(Type *t, MethodSetEntry *e, bool expr) {
  for (int i = 0; i < gen.wrappers.len; i++) {
    Wrapper *w = gen.wrappers.items[i];
    if (w->method == e->method && w->expr == expr && types_identical(w->type, t))
      return w->fn;
  }
  LLVMTypeRef ft;
  if (expr) {
    Vec params = {0};
    vec_push(&params, t);
    for (int i = 0; i < e->method->type->params.len; i++)
      vec_push(&params, e->method->type->params.items[i]);
    ft = ll_func_type(type_func(params, e->method->type->results, e->method->type->is_variadic));
  } else {
    ft = iface_func_type(e->method->type);
  }
  LLVMBuilderRef saved;
  Wrapper key = {t, e->method, expr, NULL};
  LLVMValueRef fn = wrapper_begin(
      &key, xformat("%s.%s%s", t->rtname, e->method->name, expr ? "·x" : "·i"), ft, &saved);
  if (expr)
    expr_wrapper_body(fn, t, e);
  else
    wrapper_body(fn, t, e);
  wrapper_end(saved);
  return fn;
}

// Go's method wrapper of method e of t's method set, called through
// interface tables: it finds the receiver from the interface's box
// (through the embedded fields e is promoted through) and calls the method.
LLVMValueRef gen_iface_wrapper(Type *t, MethodSetEntry *e) {
  return make_wrapper(t, e, false);
}

static MethodSetEntry *find_entry(Vec *set, const char *name) {
  for (int i = 0; i < set->len; i++) {
    MethodSetEntry *e = set->items[i];
    if (strcmp(e->method->name, name) == 0)
      return e;
  }
  return NULL;
}

typedef struct Itab {
  Type *iface, *type;
  LLVMValueRef global;
} Itab;

// The interface table of concrete type t for interface type iface (the
// checker proved t implements it): made at compile time, once per pair.
LLVMValueRef gen_itab(Type *iface, Type *t) {
  for (int i = 0; i < gen.itabs.len; i++) {
    Itab *it = gen.itabs.items[i];
    if (types_identical(it->iface, iface) && types_identical(it->type, t))
      return it->global;
  }
  Vec *want = &type_under(iface)->imethods;
  Vec set = check_method_set(t);
  int n = want->len;
  LLVMValueRef fun[n];
  for (int i = 0; i < n; i++) {
    MethodSetEntry *e = find_entry(&set, ((Method *)want->items[i])->name);
    if (!e)
      die("%s lacks method %s of %s", t->name, ((Method *)want->items[i])->name, iface->name);
    fun[i] = LLVMConstBitCast(gen_iface_wrapper(t, e), gen.t_i8p);
  }
  LLVMValueRef parts[2] = {ll_type_desc(t), LLVMConstArray(gen.t_i8p, fun, (unsigned)n)};
  LLVMValueRef init = LLVMConstStructInContext(gen.ctx, parts, 2, false);
  LLVMValueRef gv = LLVMAddGlobal(gen.mod, LLVMTypeOf(init), xformat("go.itab.%s,%s", t->rtname, iface->rtname));
  LLVMSetInitializer(gv, init);
  LLVMSetLinkage(gv, LLVMPrivateLinkage);
  LLVMSetGlobalConstant(gv, true);
  Itab *it = xcalloc(1, sizeof(Itab));
  *it = (Itab){iface, t, LLVMConstBitCast(gv, gen.t_i8p)};
  vec_push(&gen.itabs, it);
  return it->global;
}

// The mg_method table of t's descriptor (runtime.h), sorted by name: an
// interface's methods, or a concrete type's method set with its
// wrappers. *n is its length.
LLVMValueRef gen_method_table(Type *t, int *n) {
  bool is_if = type_under(t)->kind == TY_IFACE;
  Vec set = is_if ? (Vec){0} : check_method_set(t);
  Vec *imethods = &type_under(t)->imethods;
  *n = is_if ? imethods->len : set.len;
  if (*n == 0)
    return LLVMConstNull(gen.t_i8p);
  LLVMTypeRef mt = layout_type(LS_mg_method);
  LLVMValueRef rows[*n];
  for (int i = 0; i < *n; i++) {
    MethodSetEntry *e = is_if ? NULL : set.items[i];
    Method *m = is_if ? imethods->items[i] : e->method;
    LLVMValueRef row[] = {
        [LF_mg_method_name] = ll_const_string(m->name, (int64_t)strlen(m->name)),
        [LF_mg_method_type] = ll_type_desc(m->type),
        [LF_mg_method_fn] = is_if ? LLVMConstNull(gen.t_i8p)
                                  : LLVMConstBitCast(gen_iface_wrapper(t, e), gen.t_i8p),
    };
    rows[i] = LLVMConstNamedStruct(mt, row, sizeof row / sizeof row[0]);
  }
  LLVMValueRef init = LLVMConstArray(mt, rows, (unsigned)*n);
  LLVMValueRef gv = LLVMAddGlobal(gen.mod, LLVMTypeOf(init), "methods");
  LLVMSetInitializer(gv, init);
  LLVMSetLinkage(gv, LLVMPrivateLinkage);
  LLVMSetGlobalConstant(gv, true);
  return LLVMConstBitCast(gv, gen.t_i8p);
}

// The descriptor slot of t for its method name (Error or String, of
// signature func() string; runtime.h): the method's wrapper, or null.
LLVMValueRef gen_method_slot(Type *t, const char *name) {
  if (type_under(t)->kind == TY_IFACE)
    return LLVMConstNull(gen.t_i8p);
  Vec set = check_method_set(t);
  MethodSetEntry *e = find_entry(&set, name);
  Type *sig = e ? e->method->type : NULL;
  Type *r = sig && sig->results.len == 1 ? sig->results.items[0] : NULL;
  if (!e || sig->params.len || !r || r != ty_string)
    return LLVMConstNull(gen.t_i8p);
  return LLVMConstBitCast(gen_iface_wrapper(t, e), gen.t_i8p);
}

// ---------------------------------------------------------------- calls through interfaces

// x.M(args) for an interface x: the method from x's table. A nil x panics
// before the arguments are evaluated, as Go evaluates the method value
// x.M first; a deferred call's x was checked at its defer statement.
static LLVMValueRef gen_iface_call(Node *e) {
  Node *sel = node_unparen(e->lhs);
  Method *m = sel->method;
  LLVMValueRef x = gen_expr(sel->recv_expr);
  if (!frame_has_ready(sel->recv_expr))
    check_or_panic(is_nonnil(field(x, 0)), "mg_panic_nil", NULL, 0);
  int np = m->type->params.len;
  LLVMValueRef params[np + 1];
  gen_args(e, m->type, params);
  LLVMTypeRef rt = ll_results_type(m->type);
  LLVMValueRef out = rt == gen.t_void ? LLVMConstNull(gen.t_i8p) : frame_alloca(rt, "results");
  call_through_itab(m, x, as_i8p(out), gen.frame->call_token, params);
  return rt == gen.t_void ? NULL : load(rt, out);
}

// The M-fm of an interface's method M: calls M through the table of the
// interface value kept in the closure.
static LLVMValueRef iface_bound_wrapper(Method *m) {
  for (int i = 0; i < gen.wrappers.len; i++) {
    Wrapper *w = gen.wrappers.items[i];
    if (w->method == m && !w->type)
      return w->fn;
  }
  Type *ft = m->type;
  LLVMBuilderRef saved;
  Wrapper key = {NULL, m, false, NULL};
  LLVMValueRef fn = wrapper_begin(&key, xformat("%s.%s-fm", m->iface->rtname, m->name),
                                  ll_func_type(ft), &saved);
  LLVMTypeRef ct = bound_closure_type(m->iface);
  LLVMValueRef closure = bitcast(LLVMGetParam(fn, 0), ptr_to(ct));
  LLVMValueRef x = load(gen.t_iface, LLVMBuildStructGEP2(gen.b, ct, closure, 1, ""));
  int np = ft->params.len;
  LLVMValueRef params[np + 1];
  for (int i = 0; i < np; i++)
    params[i] = LLVMGetParam(fn, (unsigned)i + 2);
  LLVMTypeRef rt = ll_results_type(ft);
  LLVMValueRef out = rt == gen.t_void ? NULL : LLVMBuildAlloca(gen.b, rt, "results");
  call_through_itab(m, x, out ? as_i8p(out) : LLVMConstNull(gen.t_i8p), LLVMGetParam(fn, 1), params);
  if (out)
    LLVMBuildRet(gen.b, load(rt, out));
  else
    LLVMBuildRetVoid(gen.b);
  wrapper_end(saved);
  return fn;
}
