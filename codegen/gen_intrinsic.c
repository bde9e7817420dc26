// gen_intrinsic.c: the bodies of the standard library's functions that
// std/ declares without one (intrinsics.def): what Go writes with unsafe or
// in assembly becomes a few LLVM instructions here. Each is a whole
// function of the Go calling convention (ctx, token, parameters...), small
// enough that LLVM inlines it at every call.
#include "gen.h"

#include <string.h>

typedef void IntrinsicGenerator(FuncInfo *fi, LLVMValueRef fn, const char *entry);

static LLVMValueRef param(LLVMValueRef fn, int i) {
  return LLVMGetParam(fn, (unsigned)i + 2);  // after ctx and token
}

static LLVMTypeRef result_type(FuncInfo *fi) {
  return ll_type(fi->type->results.items[0]);
}

// math.Float64bits, Float32bits: the IEEE representation.
static void gen_bits_of_float(FuncInfo *fi, LLVMValueRef fn, const char *entry) {
  (void)entry;
  LLVMBuildRet(gen.b, LLVMBuildBitCast(gen.b, param(fn, 0), result_type(fi), ""));
}

// math.Float64frombits, Float32frombits.
static void gen_float_of_bits(FuncInfo *fi, LLVMValueRef fn, const char *entry) {
  (void)entry;
  LLVMBuildRet(gen.b, LLVMBuildBitCast(gen.b, param(fn, 0), result_type(fi), ""));
}

// math.Sqrt, archFloor, archCeil, archTrunc, Abs: exactly rounded (or
// exact) in IEEE arithmetic, so LLVM's operation gives Go's result on
// every target.
static void gen_llvm_float_unary(FuncInfo *fi, LLVMValueRef fn, const char *entry) {
  (void)entry;
  static const struct { const char *go, *llvm; } ops[] = {
      {"Sqrt", "llvm.sqrt.f64"},       {"archFloor", "llvm.floor.f64"},
      {"archCeil", "llvm.ceil.f64"},   {"archTrunc", "llvm.trunc.f64"},
      {"Abs", "llvm.fabs.f64"},
  };
  for (size_t i = 0; i < sizeof ops / sizeof ops[0]; i++) {
    if (strcmp(ops[i].go, fi->name) != 0)
      continue;
    LLVMValueRef x = param(fn, 0);
    LLVMBuildRet(gen.b, gen_call_intrinsic(ops[i].llvm, LLVMTypeOf(x), &x, 1));
    return;
  }
  die("gen_llvm_float_unary: no operation for %s", fi->name);
}

// math.FMA: x*y + z rounded once, as Go's FMA instruction or software.
static void gen_llvm_float_fma(FuncInfo *fi, LLVMValueRef fn, const char *entry) {
  (void)fi, (void)entry;
  LLVMValueRef args[3] = {param(fn, 0), param(fn, 1), param(fn, 2)};
  LLVMBuildRet(gen.b, gen_call_intrinsic("llvm.fma.f64", LLVMTypeOf(args[0]), args, 3));
}

// A value as the runtime takes it: scalars as they are, aggregates
// (strings, slices, interfaces) by the address of a copy.
static LLVMValueRef runtime_argument(LLVMValueRef v) {
  if (LLVMGetTypeKind(LLVMTypeOf(v)) != LLVMStructTypeKind)
    return v;
  LLVMValueRef slot = LLVMBuildAlloca(gen.b, LLVMTypeOf(v), "arg");
  LLVMBuildStore(gen.b, v, slot);
  return slot;
}

// A call of runtime entry point `entry` with the function's parameters.
static void gen_runtime_call(FuncInfo *fi, LLVMValueRef fn, const char *entry) {
  Type *ft = fi->type;
  int n = ft->params.len;
  LLVMTypeRef rt = ll_results_type(ft);
  bool out = rt != gen.t_void && LLVMGetTypeKind(rt) == LLVMStructTypeKind;
  LLVMValueRef args[n + 1], slot = out ? LLVMBuildAlloca(gen.b, rt, "result") : NULL;
  if (out)
    args[0] = slot;
  for (int i = 0; i < n; i++)
    args[i + out] = runtime_argument(param(fn, i));
  LLVMValueRef r = rt_call(entry, args, n + out);
  if (LLVMGetBasicBlockTerminator(LLVMGetInsertBlock(gen.b)))
    return;  // a noreturn entry point ended the block
  if (rt == gen.t_void)
    LLVMBuildRetVoid(gen.b);
  else
    LLVMBuildRet(gen.b, out ? LLVMBuildLoad2(gen.b, rt, slot, "") : r);
}

static const struct {
  const char *path, *name;
  IntrinsicGenerator *generate;
  const char *entry;
} intrinsics[] = {
#define INTRINSIC(path, name, generator) {path, name, generator, NULL},
#define RUNTIME_INTRINSIC(path, name, entry) {path, name, gen_runtime_call, #entry},
#include "intrinsics.def"
#undef INTRINSIC
#undef RUNTIME_INTRINSIC
};

void gen_intrinsic_body(FuncInfo *fi) {
  LLVMValueRef fn = fi->node->cg;
  for (size_t i = 0; i < sizeof intrinsics / sizeof intrinsics[0]; i++) {
    if (strcmp(intrinsics[i].path, fi->pkg->path) != 0 || strcmp(intrinsics[i].name, fi->name))
      continue;
    LLVMSetCurrentDebugLocation2(gen.b, NULL);
    LLVMPositionBuilderAtEnd(gen.b, LLVMAppendBasicBlockInContext(gen.ctx, fn, "entry"));
    intrinsics[i].generate(fi, fn, intrinsics[i].entry);
    return;
  }
  die("no intrinsic %s.%s", fi->pkg->path, fi->name);
}
