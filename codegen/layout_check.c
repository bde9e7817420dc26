// layout_check.c: writes, for the target a triple names, C assertions that
// every struct of runtime/layouts.def has the offsets and sizes LLVM gives
// it there. tools/layout_test.sh compiles them with that target's C
// compiler against runtime.h: they compile only if C and LLVM agree.
//
//   layout_check TRIPLE > asserts.c
#include "gen.h"

#include <stdio.h>

int main(int argc, char **argv) {
  if (argc != 2) {
    fprintf(stderr, "usage: layout_check TRIPLE\n");
    return 2;
  }
  BuildOptions opts = {.target = target_parse(argv[1])};
  if (!opts.target) {
    fprintf(stderr, "layout_check: unsupported target %s\n", argv[1]);
    return 2;
  }
  gen_init_target(&opts);
  layout_write_asserts(stdout);
  return 0;
}
