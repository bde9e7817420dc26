// codegen.h: the back end's interface, for the driver above it: the
// targets minigo builds for, the options of a build, and the two passes
// that follow type checking (generate the module, emit it).
#ifndef CODEGEN_H
#define CODEGEN_H

#include "minigo.h"

// How a frame that a deferred call may resume saves its resume context
// (runtime.h's mg_frame.ctx; gen_defer.c's save_context).
typedef enum ContextSave {
  CONTEXT_SAVE_LLVM_SJLJ,  // inline, LLVM's llvm.eh.sjlj.setjmp (its layout is
                           // what runtime/arch/<arch>/context.S resumes)
  CONTEXT_SAVE_RUNTIME,    // a call of the runtime's mg_context_save
} ContextSave;

// What a float converted to an integer out of range gives (targets.def).
typedef enum FloatToInt {
  FLOAT_TO_INT_X86,       // the most negative integer
  FLOAT_TO_INT_SATURATE,  // the nearest integer in range; NaN is 0
  FLOAT_TO_INT_ARM32,     // saturated 32-bit conversions; Go's _d2v for 64 bits
} FloatToInt;
enum { FMA_SEPARATE, FMA_FUSED };  // targets.def's fma

// A target minigo builds for: everything that differs between them, in
// one table (target.c, made of targets.def, which the build and the tools
// read too) that the driver, code generation and emission read.
typedef struct Target {
  const char *arch;      // Go's GOARCH: amd64, arm, arm64
  const char *triple;    // what LLVM is given (arm: armv7-a, hard float)
  int int_bits;          // width of int, uint and uintptr: a pointer's
  const char *cpu;       // LLVM's CPU name
  const char *features;  // LLVM's feature string
  ContextSave context_save;
  FloatToInt float_to_int;
  bool fused_multiply_add;  // Go computes x*y + z with one rounding
  const char *cross_cc;  // Debian's cross compiler driver, used when not the host
  const char *sysroot;   // that compiler's C library, qemu-user's -L
  const char *qemu;      // qemu-user's emulator, which runs it on another host
} Target;

// The target minigo itself runs on.
const Target *target_host(void);
// The target a --target triple names, in any of its usual spellings
// (arm-linux-gnueabihf, armv7a-unknown-linux-gnueabihf, arm64-linux-gnu,
// aarch64-unknown-linux-gnu, ...); NULL when minigo does not build for it.
const Target *target_parse(const char *triple);
// The triples target_parse accepts, one per target, for messages.
const char *target_spellings(void);

typedef enum EmitKind { EMIT_EXE, EMIT_OBJ, EMIT_ASM, EMIT_LLVM } EmitKind;

typedef struct BuildOptions {
  char **inputs;           // the main package: a directory, or its files
  int ninputs;
  const char *input;       // its first source file (set when it is loaded)
  const char *output;      // -o, or a default derived from input
  int opt_level;           // 0..3
  bool debug_info;         // -g
  bool escape_report;      // -m: print escape analysis decisions, as go build -gcflags=-m
  const Target *target;
  EmitKind emit;
  const char *runtime_dir; // where libminigo_rt.a (and libgc for cross targets) live
  // --defers=chunked: every defer on the runtime's chunked records, never
  // open-coded; the seed's design, kept so that benchmarks can compare.
  bool chunked_defers;
} BuildOptions;

// gen.c: builds the LLVM module for a checked program into an opaque
// handle (an LLVMModuleRef); dies only on compiler bugs.
void *codegen_program(Program *prog, const BuildOptions *opts);
// emit.c: verifies, optimizes, writes the requested output and, for
// EMIT_EXE, links. Returns 0 on success, 1 after reporting a failure.
int emit_module(void *module, const BuildOptions *opts);

#endif
