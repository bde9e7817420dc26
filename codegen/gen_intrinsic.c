// gen_intrinsic.c: the bodies of the standard library's functions that
// std/ declares without one (intrinsics.def): what Go writes with unsafe or
// in assembly becomes a few LLVM instructions here. Each is a whole
// function of the Go calling convention (ctx, token, parameters...), small
// enough that LLVM inlines it at every call.
#include "gen.h"

#include <string.h>

typedef void IntrinsicGenerator(FuncInfo *fi, LLVMValueRef fn);

static LLVMValueRef param(LLVMValueRef fn, int i) {
  return LLVMGetParam(fn, (unsigned)i + 2);  // after ctx and token
}

static LLVMTypeRef result_type(FuncInfo *fi) {
  return ll_type(fi->type->results.items[0]);
}

// math.Float64bits, Float32bits: the IEEE representation.
static void gen_bits_of_float(FuncInfo *fi, LLVMValueRef fn) {
  LLVMBuildRet(gen.b, LLVMBuildBitCast(gen.b, param(fn, 0), result_type(fi), ""));
}

// math.Float64frombits, Float32frombits.
static void gen_float_of_bits(FuncInfo *fi, LLVMValueRef fn) {
  LLVMBuildRet(gen.b, LLVMBuildBitCast(gen.b, param(fn, 0), result_type(fi), ""));
}

// math.Sqrt, Floor, Ceil, Trunc, Abs: exactly rounded (or exact) in IEEE
// arithmetic, so LLVM's operation gives Go's result on every target.
static void gen_llvm_float_unary(FuncInfo *fi, LLVMValueRef fn) {
  static const struct { const char *go, *llvm; } ops[] = {
      {"Sqrt", "llvm.sqrt.f64"},   {"Floor", "llvm.floor.f64"}, {"Ceil", "llvm.ceil.f64"},
      {"Trunc", "llvm.trunc.f64"}, {"Abs", "llvm.fabs.f64"},
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

// A stack slot in the intrinsic's entry block holding v: the runtime takes
// aggregates by pointer.
static LLVMValueRef spill(LLVMValueRef v) {
  LLVMValueRef slot = LLVMBuildAlloca(gen.b, LLVMTypeOf(v), "");
  LLVMBuildStore(gen.b, v, slot);
  return slot;
}

// strconv.parseFloat(num string, bitSize int) float64: the C library's
// correctly rounded strtod/strtof on a number strconv has checked.
static void gen_strconv_parse_float(FuncInfo *fi, LLVMValueRef fn) {
  (void)fi;
  LLVMBuildRet(gen.b, rt("mg_strconv_parse_float", spill(param(fn, 0)), param(fn, 1)));
}

// strconv.formatFloat(f float64, fmt byte, prec, bitSize int) string:
// the runtime's formatter, fmt's (ftoa.c).
static void gen_strconv_format_float(FuncInfo *fi, LLVMValueRef fn) {
  LLVMValueRef out = LLVMBuildAlloca(gen.b, result_type(fi), "");
  LLVMValueRef fmt = LLVMBuildZExt(gen.b, param(fn, 1), gen.t_i32, "");
  rt("mg_strconv_format_float", out, param(fn, 0), fmt, param(fn, 2), param(fn, 3));
  LLVMBuildRet(gen.b, LLVMBuildLoad2(gen.b, result_type(fi), out, ""));
}

// strconv.isPrintTable(r rune) bool: the runtime's tables of printable
// runes, which fmt's %q uses too.
static void gen_strconv_is_print(FuncInfo *fi, LLVMValueRef fn) {
  (void)fi;
  LLVMBuildRet(gen.b, rt("mg_rune_printable", param(fn, 0)));
}

static const struct {
  const char *path, *name;
  IntrinsicGenerator *generate;
} intrinsics[] = {
#define INTRINSIC(path, name, generator) {path, name, generator},
#include "intrinsics.def"
#undef INTRINSIC
};

void gen_intrinsic_body(FuncInfo *fi) {
  LLVMValueRef fn = fi->node->cg;
  for (size_t i = 0; i < sizeof intrinsics / sizeof intrinsics[0]; i++) {
    if (strcmp(intrinsics[i].path, fi->pkg->path) != 0 || strcmp(intrinsics[i].name, fi->name))
      continue;
    LLVMSetCurrentDebugLocation2(gen.b, NULL);
    LLVMPositionBuilderAtEnd(gen.b, LLVMAppendBasicBlockInContext(gen.ctx, fn, "entry"));
    intrinsics[i].generate(fi, fn);
    return;
  }
  die("no intrinsic %s.%s", fi->pkg->path, fi->name);
}
