// gen.c: the driver of code generation: walks a checked program and makes
// its LLVM module: package-level variables, every function and function
// literal, and main.init.
//
// Every compiled function is "PATH.NAME" (PATH its package's import path,
// "main" for the program's) and takes its closure ("ctx") first; main.init
// runs every package's initializers and init funcs.
#include "gen.h"

#include <string.h>

// ---------------------------------------------------------------- functions

const char *gen_func_symbol(FuncInfo *fi) {
  return xformat("%s.%s", fi->pkg->path, fi->name);
}

// Go numbers a package's init functions PATH.init.0, PATH.init.1, ...
static const char *llvm_name(FuncInfo *fi, int *init_count) {
  if (fi->node->kind == ND_FUNC_DECL && strcmp(fi->name, "init") == 0)
    return xformat("%s.init.%d", fi->pkg->path, (*init_count)++);
  return gen_func_symbol(fi);
}

static void declare_functions(Program *prog) {
  int init_count = 0;
  Package *pkg = NULL;
  for (int i = 0; i < prog->funcs.len; i++) {
    FuncInfo *fi = prog->funcs.items[i];
    if (fi->pkg != pkg)
      init_count = 0;
    pkg = fi->pkg;
    LLVMValueRef fn = LLVMAddFunction(gen.mod, llvm_name(fi, &init_count), ll_func_type(fi->type));
    if (fi != prog->main_func)
      LLVMSetLinkage(fn, LLVMInternalLinkage);
    fi->node->cg = fn;
  }
}

// A function value that captures nothing: a constant one-word closure.
LLVMValueRef gen_static_closure(LLVMValueRef fn) {
  const char *name = xformat("%s·f", LLVMGetValueName(fn));
  LLVMValueRef gv = LLVMGetNamedGlobal(gen.mod, name);
  if (!gv) {
    LLVMValueRef code = LLVMConstBitCast(fn, gen.t_i8p);
    LLVMValueRef init = LLVMConstStructInContext(gen.ctx, &code, 1, false);
    gv = LLVMAddGlobal(gen.mod, LLVMTypeOf(init), name);
    LLVMSetInitializer(gv, init);
    LLVMSetLinkage(gv, LLVMInternalLinkage);
    LLVMSetGlobalConstant(gv, true);
  }
  return LLVMConstBitCast(gv, gen.t_i8p);
}

// The closure of a function literal: code pointer, then the cells of the
// variables it captures, as seen from the enclosing function.
LLVMValueRef gen_func_value(FuncInfo *fi) {
  LLVMValueRef fn = fi->node->cg;
  int n = fi->captures.len;
  if (n == 0)
    return gen_static_closure(fn);
  LLVMValueRef env;
  if (escape_literal_in_frame(fi)) {
    env =
        bitcast(frame_alloca(LLVMArrayType(gen.t_i8p, (unsigned)n + 1), "env"), ptr_to(gen.t_i8p));
  } else {
    LLVMValueRef size = ll_int((int64_t)(n + 1) * LLVMABISizeOfType(gen.td, gen.t_i8p));
    env = bitcast(rt_call("mg_alloc", &size, 1), ptr_to(gen.t_i8p));
  }
  store(LLVMConstBitCast(fn, gen.t_i8p), env);
  for (int i = 0; i < n; i++) {
    LLVMValueRef idx = ll_int(i + 1);
    LLVMValueRef slot = LLVMBuildInBoundsGEP2(gen.b, gen.t_i8p, env, &idx, 1, "");
    store(as_i8p(frame_var_addr(fi->captures.items[i])), slot);
  }
  return as_i8p(env);
}

static void gen_function(FuncInfo *fi) {
  if (!fi->node->body)
    return gen_intrinsic_body(fi);
  Frame f = {.fi = fi};
  LLVMBasicBlockRef body = frame_begin_function(&f, fi->node->cg);
  if (fi->defers.len)
    gen_defer_prologue(&f);
  gen_block(fi->node->body);
  if (ll_block_open())  // falling off the end: deferred calls run at the brace, as Go's
    debug_location(fi->node->body->end);
  frame_end(&f, body);
  gen_pending_thunks(&f);
}

// main.init: package by package, package-level variables in dependency
// order, then each init().
static void gen_main_init(Program *prog) {
  LLVMTypeRef p[2] = {gen.t_i8p, gen.t_i8p};
  LLVMTypeRef fty = LLVMFunctionType(gen.t_void, p, 2, false);
  LLVMValueRef fn = LLVMAddFunction(gen.mod, "main.init", fty);
  Frame f = {0};
  frame_begin(&f, fn);
  f.recover_token = f.call_token = LLVMConstNull(gen.t_i8p);
  debug_function(fn, NULL, 1);
  LLVMBasicBlockRef body = frame_block("body");
  LLVMPositionBuilderAtEnd(gen.b, body);
  for (int i = 0; i < prog->init_order.len; i++) {
    Node *d = prog->init_order.items[i];
    if (d->kind == ND_VAR) {
      if (!gen_static_var_init(d))
        gen_var_init(d, true);
      continue;
    }
    LLVMValueRef args[2] = {LLVMConstNull(gen.t_i8p), LLVMConstNull(gen.t_i8p)};
    LLVMBuildCall2(gen.b, fty, d->func->node->cg, args, 2, "");
  }
  frame_end(&f, body);
}

static void declare_globals(Program *prog) {
  for (int i = 0; i < prog->globals.len; i++) {
    Symbol *sym = prog->globals.items[i];
    const char *name = xformat("%s.%s", sym->pkg->path, sym->name);
    LLVMValueRef gv = LLVMAddGlobal(gen.mod, ll_type(sym->type), name);
    LLVMSetInitializer(gv, ll_zero(sym->type));
    LLVMSetLinkage(gv, LLVMInternalLinkage);
    sym->cg = gv;
  }
}

void *codegen_program(Program *prog, const BuildOptions *opts) {
  gen_init_target(opts);
  gen.prog = prog;
  gen.mod = LLVMModuleCreateWithNameInContext(opts->input, gen.ctx);
  gen.b = LLVMCreateBuilderInContext(gen.ctx);
  char *layout = LLVMCopyStringRepOfTargetData(gen.td);
  LLVMSetDataLayout(gen.mod, layout);
  LLVMDisposeMessage(layout);
  LLVMSetTarget(gen.mod, opts->target->triple);
  debug_init();
  declare_globals(prog);
  declare_functions(prog);
  escape_analyse(prog);
  if (opts->escape_report)
    escape_report(prog);
  for (int i = 0; i < prog->funcs.len; i++)
    gen_function(prog->funcs.items[i]);
  gen_main_init(prog);
  debug_finish();
  return gen.mod;
}
