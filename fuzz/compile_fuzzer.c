// compile_fuzzer.c: a libFuzzer harness over minigo's passes.
//
// Each input is one source file: it is parsed and type-checked and, when it
// type-checks, compiled to an LLVM module that must verify. Nothing is
// written, linked or run. Anything but a diagnostic is a finding: a
// sanitizer report, a die() (exit 3 ends the process, which libFuzzer
// reports), IR that does not verify (abort), a hang or runaway memory.
//
// The passes were written for one compilation per process; to run millions
// in one, the harness frees each input's memory (util.c's tracked blocks),
// keeps going past Go's limit of 10 errors instead of exiting, and disposes
// of the LLVM objects codegen_program made. The predeclared types are made
// once, before tracking starts. Code generation keeps nothing in statics:
// its state is in gen and in each function's Frame.
#include "gen.h"

#include <llvm-c/Analysis.h>

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
const char *__asan_default_options(void);

// The compiler frees nothing by design (code generation's few blocks stay
// behind even here): leaks are not findings. Run with -detect_leaks=0 too,
// for libFuzzer's own leak check.
const char *__asan_default_options(void) {
  return "detect_leaks=0";
}

static BuildOptions fuzz_options = {
    .input = "fuzz.mini",
    .output = "/dev/null",
    .opt_level = 0,
    .emit = EMIT_OBJ,
};

int LLVMFuzzerInitialize(int *argc, char ***argv) {
  (void)argc;
  (void)argv;
  mem_use_headers();
  fuzz_options.target = target_parse("x86_64-linux-gnu");
  target_int_bits = fuzz_options.target->int_bits;
  types_init();
  return 0;
}

// What codegen_program made besides memory of util.c: the context owns
// the module and everything in it.
static void dispose_codegen(void) {
  LLVMDisposeBuilder(gen.b);
  LLVMDisposeTargetData(gen.td);
  LLVMDisposeTargetMachine(gen.tm);
  LLVMContextDispose(gen.ctx);
  memset(&gen, 0, sizeof gen);
}

static void generate_and_verify(Program *prog) {
  void *module = codegen_program(prog, &fuzz_options);
  char *msg = NULL;
  if (!error_count() && LLVMVerifyModule(module, LLVMReturnStatusAction, &msg)) {
    fprintf(stderr, "generated LLVM IR does not verify:\n%s\n", msg);
    abort();
  }
  LLVMDisposeMessage(msg);
  dispose_codegen();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  diag_reset(false);
  mem_track(true);
  // The driver hands the parser a NUL-terminated copy of the file.
  char *src = xmalloc(size + 1);
  memcpy(src, data, size);
  src[size] = '\0';
  Node *file = parse_file(fuzz_options.input, src, size);
  Program *prog = file && !error_count() ? check_program(load_parsed_file(file)) : NULL;
  if (prog && !error_count())
    generate_and_verify(prog);
  mem_track(false);
  mem_free_tracked();
  return 0;
}
