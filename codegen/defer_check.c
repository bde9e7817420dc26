// defer_check.c: writes an object file, for this machine or a --target,
// holding compiled code's inline record allocator for a table of defer
// site shapes: the carve of a chunked defer statement and the pop of its
// record at return, built by the functions gen_defer.c builds them with
// (defer_carve_inline, defer_pop_inline). runtime/tests/compiled/
// defer_inline.c drives them against the runtime's mg_newdefer and
// mg_popdefer (tools/defer_inline_test.sh for cross targets).
//
//   defer_check [-O0|-O1|-O2|-O3] [--target=TRIPLE] OUT.o     (-O2 unless told)
//
// The object exports, for C (types as the test declares them):
//   const defer_check_site defer_check_sites[]; const int32_t defer_check_nsites;
// each site {carve, pop, args_size, noscan} with
//   void *carve(mg_frame *frame, thunk): the record's argument block,
//        carved from the running goroutine's chunk, or NULL where compiled
//        code calls mg_defer_push;
//   int32_t pop(mg_defer *d, mg_defer **below): 1 when d was popped inline
//        (*below the new top), 0 where compiled code calls mg_defer_return.
#include "gen.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

// Argument block sizes: small ones, odd ones (rounded up to 8), both sides
// of half a chunk for every target's record header (records larger than
// that get blocks of their own), and some larger than a chunk.
static const uint64_t args_sizes[] = {
    0,   1,   4,   7,   8,   9,   15,  16,  17,  24,  31,   32,   40,   48,   56,   64,
    100, 128, 200, 255, 256, 333, 500, 504, 512, 700, 900,  960,  976,  977,  983,  984,
    985, 991, 992, 993, 999, 1000, 1001, 1008, 1016, 1017, 1500, 2000, 2032, 4096,
};
enum { NSIZES = sizeof args_sizes / sizeof args_sizes[0], NSITES = 2 * NSIZES };

// A function of the module with its own Frame, which the builders'
// frame_block expects.
static LLVMValueRef begin_function(Frame *f, const char *name, LLVMTypeRef ret,
                                   LLVMTypeRef *params, unsigned nparams) {
  LLVMValueRef fn = LLVMAddFunction(gen.mod, name, LLVMFunctionType(ret, params, nparams, false));
  *f = (Frame){.fn = fn};
  gen.frame = f;
  LLVMPositionBuilderAtEnd(gen.b, frame_block("entry"));
  return fn;
}

// i8* carve(i8* frame, i8* thunk), shaped as defer_chunked uses it: the
// argument block the inline carve made, NULL where the runtime is called.
static LLVMValueRef gen_carve(int n, int kind, uint64_t total) {
  Frame f;
  LLVMTypeRef params[2] = {gen.t_i8p, gen.t_i8p};
  LLVMValueRef fn = begin_function(&f, xformat("defer_check_carve%d", n), gen.t_i8p, params, 2);
  LLVMBasicBlockRef slow = frame_block("defer.push"), done = frame_block("defer.pushed");
  LLVMValueRef args =
      defer_carve_inline(kind, total, LLVMGetParam(fn, 0), LLVMGetParam(fn, 1), slow, done);
  if (!args)
    br(slow);
  LLVMPositionBuilderAtEnd(gen.b, slow);
  LLVMBuildRet(gen.b, LLVMConstNull(gen.t_i8p));
  LLVMPositionBuilderAtEnd(gen.b, done);
  LLVMBuildRet(gen.b, args ? args : LLVMConstNull(gen.t_i8p));
  return fn;
}

// i32 pop(i8* d, i8** below), shaped as run_chunked_defers uses it: 1 when
// the inline pop took d off, 0 where mg_defer_return is called. A site
// whose records never come from a chunk has no inline pop.
static LLVMValueRef gen_pop(int n, int kind, uint64_t total) {
  Frame f;
  LLVMTypeRef params[2] = {gen.t_i8p, ptr_to(gen.t_i8p)};
  LLVMValueRef fn = begin_function(&f, xformat("defer_check_pop%d", n), gen.t_i32, params, 2);
  LLVMBasicBlockRef general = frame_block("return.general");
  if (kind >= 0) {
    LLVMValueRef d = bitcast(LLVMGetParam(fn, 0), ptr_to(layout_type(LS_mg_defer)));
    store(defer_pop_inline(kind, total, d, general), LLVMGetParam(fn, 1));
    LLVMBuildRet(gen.b, LLVMConstInt(gen.t_i32, 1, false));
  } else {
    br(general);
  }
  LLVMPositionBuilderAtEnd(gen.b, general);
  LLVMBuildRet(gen.b, LLVMConstInt(gen.t_i32, 0, false));
  return fn;
}

// The table of sites: every size, scanned then unscanned.
static void gen_sites(void) {
  LLVMTypeRef fields[4] = {gen.t_i8p, gen.t_i8p, gen.t_i64, gen.t_i32};
  LLVMTypeRef site_type = LLVMStructTypeInContext(gen.ctx, fields, 4, false);
  LLVMValueRef sites[NSITES];
  for (int n = 0; n < NSITES; n++) {
    bool noscan = n >= NSIZES;
    uint64_t args_size = args_sizes[n % NSIZES], total;
    int kind = defer_record_kind(noscan, args_size, &total);
    LLVMValueRef vals[4] = {gen_carve(n, kind, total), gen_pop(n, kind, total),
                            LLVMConstInt(gen.t_i64, args_size, false),
                            LLVMConstInt(gen.t_i32, noscan, false)};
    sites[n] = LLVMConstNamedStruct(site_type, vals, 4);
  }
  LLVMTypeRef table_type = LLVMArrayType(site_type, NSITES);
  LLVMValueRef table = LLVMAddGlobal(gen.mod, table_type, "defer_check_sites");
  LLVMSetInitializer(table, LLVMConstArray(site_type, sites, NSITES));
  LLVMSetGlobalConstant(table, true);
  LLVMValueRef count = LLVMAddGlobal(gen.mod, gen.t_i32, "defer_check_nsites");
  LLVMSetInitializer(count, LLVMConstInt(gen.t_i32, NSITES, false));
  LLVMSetGlobalConstant(count, true);
}

// -O0..-O3 (as minigo's), --target=TRIPLE and the output file.
static bool parse_args(int argc, char **argv, BuildOptions *opts) {
  for (int i = 1; i < argc; i++) {
    const char *a = argv[i];
    if (strncmp(a, "-O", 2) == 0 && a[2] >= '0' && a[2] <= '3' && a[3] == 0) {
      opts->opt_level = a[2] - '0';
    } else if (strncmp(a, "--target=", 9) == 0) {
      opts->target = target_parse(a + 9);
      if (!opts->target) {
        fprintf(stderr, "defer_check: unsupported target %s\n", a + 9);
        exit(2);
      }
    } else if (a[0] != '-' && !opts->output) {
      opts->output = a;
    } else {
      return false;
    }
  }
  return opts->output != NULL;
}

int main(int argc, char **argv) {
  BuildOptions opts = {.target = target_host(), .opt_level = 2, .emit = EMIT_OBJ};
  if (!parse_args(argc, argv, &opts)) {
    fprintf(stderr, "usage: defer_check [-O0|-O1|-O2|-O3] [--target=TRIPLE] OUT.o\n");
    return 2;
  }
  gen_init_target(&opts);
  gen.mod = LLVMModuleCreateWithNameInContext("defer_check", gen.ctx);
  gen.b = LLVMCreateBuilderInContext(gen.ctx);
  char *layout = LLVMCopyStringRepOfTargetData(gen.td);
  LLVMSetDataLayout(gen.mod, layout);
  LLVMDisposeMessage(layout);
  LLVMSetTarget(gen.mod, opts.target->triple);
  gen_sites();
  return emit_module(gen.mod, &opts);
}
