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

// strconv.formatFloat(f float64, fmt byte, prec, bitSize int) string:
// the runtime's formatter, fmt's (ftoa.c).
static void gen_strconv_format_float(FuncInfo *fi, LLVMValueRef fn, const char *entry) {
  (void)entry;
  LLVMValueRef out = LLVMBuildAlloca(gen.b, result_type(fi), "");
  LLVMValueRef fmt = LLVMBuildZExt(gen.b, param(fn, 1), gen.t_i32, "");
  rt("mg_strconv_format_float", out, param(fn, 0), fmt, param(fn, 2), param(fn, 3));
  LLVMBuildRet(gen.b, LLVMBuildLoad2(gen.b, result_type(fi), out, ""));
}

// ---- sync/atomic: sequentially consistent operations on the value at a
// pointer, as Go's (every Go atomic is seq_cst). LLVM lowers them to
// lock-prefixed instructions, ldrex/strex or ldaxr/stlxr loops inline, so
// they stay right when goroutines run on several threads. A nil address
// panics as Go's dereference does. Alignment is the value's size: the
// layout keeps 64-bit integers 8-aligned on 32-bit arm too (its data
// layout's i64:64), which ldrexd needs.

// The address of a t, from compiled code's i8*. An intrinsic has no frame
// (gen_nil_checked's blocks need one): its own nil test.
static LLVMValueRef atomic_address(LLVMValueRef fn, LLVMTypeRef t) {
  LLVMValueRef p = param(fn, 0);
  LLVMBasicBlockRef fail = LLVMAppendBasicBlockInContext(gen.ctx, fn, "nil.deref");
  LLVMBasicBlockRef ok = LLVMAppendBasicBlockInContext(gen.ctx, fn, "nonnil");
  LLVMBuildCondBr(gen.b, LLVMBuildIsNull(gen.b, p, ""), fail, ok);
  LLVMPositionBuilderAtEnd(gen.b, fail);
  rt_call("mg_panic_nil", NULL, 0);
  LLVMPositionBuilderAtEnd(gen.b, ok);
  return LLVMBuildBitCast(gen.b, p, LLVMPointerType(t, 0), "");
}

static LLVMValueRef atomic_ordered(LLVMValueRef inst, LLVMTypeRef t) {
  LLVMSetOrdering(inst, LLVMAtomicOrderingSequentiallyConsistent);
  LLVMSetAlignment(inst, (unsigned)LLVMABISizeOfType(gen.td, t));
  return inst;
}

// AddT(addr, delta) (new T): the sum, not atomicrmw's old value.
static void gen_atomic_add(FuncInfo *fi, LLVMValueRef fn, const char *entry) {
  (void)fi, (void)entry;
  LLVMValueRef delta = param(fn, 1), addr = atomic_address(fn, LLVMTypeOf(delta));
  LLVMValueRef old = LLVMBuildAtomicRMW(gen.b, LLVMAtomicRMWBinOpAdd, addr, delta,
                                        LLVMAtomicOrderingSequentiallyConsistent, false);
  LLVMBuildRet(gen.b, LLVMBuildAdd(gen.b, old, delta, ""));
}

// SwapT(addr, new) (old T). LLVM 14's atomicrmw takes no pointers: a
// pointer (Value's box) is exchanged as an integer of its size.
static void gen_atomic_swap(FuncInfo *fi, LLVMValueRef fn, const char *entry) {
  (void)fi, (void)entry;
  LLVMValueRef v = param(fn, 1);
  LLVMTypeRef t = LLVMTypeOf(v);
  bool pointer = LLVMGetTypeKind(t) == LLVMPointerTypeKind;
  if (pointer)
    v = LLVMBuildPtrToInt(gen.b, v, gen.t_int, "");
  LLVMValueRef addr = atomic_address(fn, LLVMTypeOf(v));
  LLVMValueRef old = LLVMBuildAtomicRMW(gen.b, LLVMAtomicRMWBinOpXchg, addr, v,
                                        LLVMAtomicOrderingSequentiallyConsistent, false);
  LLVMBuildRet(gen.b, pointer ? LLVMBuildIntToPtr(gen.b, old, t, "") : old);
}

// LoadT(addr) (val T).
static void gen_atomic_load(FuncInfo *fi, LLVMValueRef fn, const char *entry) {
  (void)entry;
  LLVMTypeRef t = result_type(fi);
  LLVMBuildRet(gen.b, atomic_ordered(LLVMBuildLoad2(gen.b, t, atomic_address(fn, t), ""), t));
}

// StoreT(addr, val).
static void gen_atomic_store(FuncInfo *fi, LLVMValueRef fn, const char *entry) {
  (void)fi, (void)entry;
  LLVMValueRef v = param(fn, 1);
  atomic_ordered(LLVMBuildStore(gen.b, v, atomic_address(fn, LLVMTypeOf(v))), LLVMTypeOf(v));
  LLVMBuildRetVoid(gen.b);
}

// CompareAndSwapT(addr, old, new) (swapped bool).
static void gen_atomic_cas(FuncInfo *fi, LLVMValueRef fn, const char *entry) {
  (void)fi, (void)entry;
  LLVMValueRef old = param(fn, 1), addr = atomic_address(fn, LLVMTypeOf(old));
  LLVMValueRef pair = LLVMBuildAtomicCmpXchg(gen.b, addr, old, param(fn, 2),
                                             LLVMAtomicOrderingSequentiallyConsistent,
                                             LLVMAtomicOrderingSequentiallyConsistent, false);
  LLVMBuildRet(gen.b, LLVMBuildExtractValue(gen.b, pair, 1, "swapped"));
}

// sync/atomic.sameType(x, y any) bool: whether the dynamic types are
// identical (Value's consistency check), by their descriptors, which are
// unique per type.
static void gen_same_dynamic_type(FuncInfo *fi, LLVMValueRef fn, const char *entry) {
  (void)fi, (void)entry;
  LLVMValueRef x = LLVMBuildExtractValue(gen.b, param(fn, 0), 0, "");
  LLVMValueRef y = LLVMBuildExtractValue(gen.b, param(fn, 1), 0, "");
  LLVMBuildRet(gen.b, LLVMBuildICmp(gen.b, LLVMIntEQ, x, y, ""));
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

// Whether intrinsic fi stores its arguments after the first (an address)
// into memory: the escape analysis sends them to the heap (a body-less
// function has no body to summarize; the others keep nothing).
bool gen_intrinsic_stores_values(FuncInfo *fi) {
  for (size_t i = 0; i < sizeof intrinsics / sizeof intrinsics[0]; i++) {
    if (strcmp(intrinsics[i].path, fi->pkg->path) != 0 || strcmp(intrinsics[i].name, fi->name))
      continue;
    IntrinsicGenerator *g = intrinsics[i].generate;
    return g == gen_atomic_store || g == gen_atomic_swap || g == gen_atomic_cas;
  }
  return false;
}

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
