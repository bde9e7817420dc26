// start.c: the C entry point and the goroutine state.
#include "internal.h"

#include <gc.h>

// The main goroutine, which runs the program's initialization and main;
// static data, so that the collector sees its defer stack.
mg_g mg_main_g = {.goid = 1, .status = MG_G_RUNNING};

mg_defer_stack *mg_defers = &mg_main_g.defers;

mg_g *mg_curg = &mg_main_g;

static void run_program(void) {
  mg_main_init(NULL, NULL);
  mg_main_main(NULL, NULL);
}

int main(int argc, char **argv) {
  mg_os_save_args(argc, argv);
  GC_INIT();
  // The collector's warnings ("Repeated allocation of very large block")
  // are advice to C programmers; a Go program's stderr never has them.
  GC_set_warn_proc(GC_ignore_warn_proc);
  mg_run_goroutine(run_program);
  return 0;
}
