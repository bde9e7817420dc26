// diag.c: user diagnostics ("FILE:LINE:COL: message") and compiler bugs.
//
// User errors and compiler bugs take separate paths, as in QBE: error_at
// records and goes on so that one run reports several errors; die is for
// states the compiler should never reach and says so.
#include "minigo.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

static int errors_reported;
// Whether reaching MAX_ERRORS ends the process, as it ends Go's compiler.
static bool exit_at_limit = true;

void diag_reset(bool exit_at_error_limit) {
  errors_reported = 0;
  exit_at_limit = exit_at_error_limit;
}

void error_at(Pos pos, const char *fmt, ...) {
  va_list ap;
  fprintf(stderr, "%s:%d:%d: ", pos.file ? pos.file : "<input>", pos.line, pos.col);
  va_start(ap, fmt);
  vfprintf(stderr, fmt, ap);
  va_end(ap);
  fputc('\n', stderr);
  // Go stops listing after 10 errors; a long cascade helps nobody.
  if (++errors_reported == MAX_ERRORS && exit_at_limit) {
    fprintf(stderr, "%s:%d:%d: too many errors\n", pos.file ? pos.file : "<input>",
            pos.line, pos.col);
    exit(1);
  }
}

int error_count(void) {
  return errors_reported;
}

noreturn void die(const char *fmt, ...) {
  va_list ap;
  fputs("minigo: internal compiler error: ", stderr);
  va_start(ap, fmt);
  vfprintf(stderr, fmt, ap);
  va_end(ap);
  fputs("\nThis is a bug in minigo, not in your program.\n", stderr);
  exit(3);
}
