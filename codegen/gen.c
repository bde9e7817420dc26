// gen.c: the driver of code generation: walks a checked program and makes
// its LLVM module: package-level variables, every function and function
// literal, and main.init.
//
// Every compiled function is "main.NAME" and takes its closure ("ctx")
// first; main.init runs the package-level initializers and init funcs.
#include "gen.h"

#include <string.h>

// ---------------------------------------------------------------- functions

static const char *llvm_name(FuncInfo *fi, int *init_count) {
  if (fi->node->kind == ND_FUNC_DECL && strcmp(fi->name, "init") == 0)
    return format("main.init.%d", (*init_count)++);
  return format("main.%s", fi->name);
}

static void declare_functions(Program *prog) {
  int init_count = 0;
  for (int i = 0; i < prog->funcs.len; i++) {
    FuncInfo *fi = prog->funcs.items[i];
    LLVMValueRef fn = LLVMAddFunction(g.mod, llvm_name(fi, &init_count),
                                      func_lltype(fi->type));
    if (fi != prog->main_func)
      LLVMSetLinkage(fn, LLVMInternalLinkage);
    fi->node->cg = fn;
  }
}

// A function value that captures nothing: a constant one-word closure.
LLVMValueRef static_closure(LLVMValueRef fn) {
  const char *name = format("%s·f", LLVMGetValueName(fn));
  LLVMValueRef gv = LLVMGetNamedGlobal(g.mod, name);
  if (!gv) {
    LLVMValueRef code = LLVMConstBitCast(fn, g.t_i8p);
    LLVMValueRef init = LLVMConstStructInContext(g.ctx, &code, 1, false);
    gv = LLVMAddGlobal(g.mod, LLVMTypeOf(init), name);
    LLVMSetInitializer(gv, init);
    LLVMSetLinkage(gv, LLVMInternalLinkage);
    LLVMSetGlobalConstant(gv, true);
  }
  return LLVMConstBitCast(gv, g.t_i8p);
}

// The closure of a function literal: code pointer, then the cells of the
// variables it captures, as seen from the enclosing function.
LLVMValueRef func_value_of(FuncInfo *fi) {
  LLVMValueRef fn = fi->node->cg;
  int n = fi->captures.len;
  if (n == 0)
    return static_closure(fn);
  LLVMValueRef env;
  if (escape_literal_in_frame(fi)) {
    env = bitcast(entry_alloca(LLVMArrayType(g.t_i8p, (unsigned)n + 1), "env"),
                  ptr_to(g.t_i8p));
  } else {
    LLVMValueRef size = int_val((int64_t)(n + 1) * LLVMABISizeOfType(g.td, g.t_i8p));
    env = bitcast(rt_call("mg_alloc", &size, 1), ptr_to(g.t_i8p));
  }
  store(LLVMConstBitCast(fn, g.t_i8p), env);
  for (int i = 0; i < n; i++) {
    LLVMValueRef idx = int_val(i + 1);
    LLVMValueRef slot = LLVMBuildInBoundsGEP2(g.b, g.t_i8p, env, &idx, 1, "");
    store(as_i8p(var_addr(fi->captures.items[i])), slot);
  }
  return as_i8p(env);
}

static void gen_function(FuncInfo *fi) {
  Frame f = {.fi = fi};
  LLVMBasicBlockRef body = begin_function_frame(&f, fi->node->cg);
  if (fi->defers.len)
    setup_defer_frame(&f);
  gen_block(fi->node->body);
  end_frame(&f, body);
  gen_pending_thunks(&f);
}

// main.init: package-level variables in dependency order, then each init().
static void gen_main_init(Program *prog) {
  LLVMTypeRef p[2] = {g.t_i8p, g.t_i8p};
  LLVMTypeRef fty = LLVMFunctionType(g.t_void, p, 2, false);
  LLVMValueRef fn = LLVMAddFunction(g.mod, "main.init", fty);
  Frame f = {0};
  begin_frame(&f, fn);
  f.recover_token = f.call_token = LLVMConstNull(g.t_i8p);
  debug_function(fn, "main.init", 1);
  LLVMBasicBlockRef body = append_block("body");
  LLVMPositionBuilderAtEnd(g.b, body);
  for (int i = 0; i < prog->init_order.len; i++)
    gen_var_init(prog->init_order.items[i], true);
  for (int i = 0; i < prog->init_funcs.len; i++) {
    FuncInfo *fi = prog->init_funcs.items[i];
    LLVMValueRef args[2] = {LLVMConstNull(g.t_i8p), LLVMConstNull(g.t_i8p)};
    LLVMBuildCall2(g.b, fty, fi->node->cg, args, 2, "");
  }
  end_frame(&f, body);
}

static void declare_globals(Program *prog) {
  for (int i = 0; i < prog->globals.len; i++) {
    Symbol *sym = prog->globals.items[i];
    LLVMValueRef gv = LLVMAddGlobal(g.mod, lt(sym->type), format("main.%s", sym->name));
    LLVMSetInitializer(gv, zero_value(sym->type));
    LLVMSetLinkage(gv, LLVMInternalLinkage);
    sym->cg = gv;
  }
}

void *codegen_program(Program *prog, const BuildOptions *opts) {
  gen_init_target(opts);
  g.prog = prog;
  g.mod = LLVMModuleCreateWithNameInContext(opts->input, g.ctx);
  g.b = LLVMCreateBuilderInContext(g.ctx);
  char *layout = LLVMCopyStringRepOfTargetData(g.td);
  LLVMSetDataLayout(g.mod, layout);
  LLVMDisposeMessage(layout);
  LLVMSetTarget(g.mod, opts->target->triple);
  debug_init();
  declare_globals(prog);
  declare_functions(prog);
  escape_analyse(prog);
  for (int i = 0; i < prog->funcs.len; i++)
    gen_function(prog->funcs.items[i]);
  gen_main_init(prog);
  debug_finish();
  return g.mod;
}
