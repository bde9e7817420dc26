// traceback.c: Go's traceback of the running goroutine, printed when a
// panic goes unrecovered.
//
// Nothing is paid until then: compiled code carries DWARF line tables
// (codegen/debug_info.c, always emitted) and unwind tables, and only here,
// on the way out, GCC's libbacktrace unwinds the stack and reads the tables
// of the running executable. Each physical frame gives the chain of calls
// LLVM inlined at its pc, so a program prints the same frames at -O0 and
// -O2, as Go prints inlined calls as frames of their own.
//
// The stack is mapped to what Go prints, innermost first:
//   - compiled frames are printed as "NAME(...)" and "\tFILE:LINE", with
//     " +0xOFF" (from the function's start) on physical frames only, as Go
//     does; NAME is the function's linkage name, its Go symbol name;
//   - the runtime's frames are hidden, except that a panic started below a
//     compiled frame is Go's "panic({type, data})" frame in its runtime
//     (panic.go:884 in Go 1.19), as gopanic is shown when it is not the
//     innermost frame;
//   - the thunk or runner through which the runtime makes a deferred call
//     is hidden (the calls it inlined are not), as Go's deferCallSave is;
//   - the walk stops at main.main or main.init, whose callers are the
//     runtime's start-up; another goroutine's ends at its go thunk (hidden
//     too) and "created by" names the function of its go statement.
// GOTRACEBACK is Go's: none (or 0) prints no goroutine, single and all
// print the running one (all does not list the others yet), system and
// crash add the runtime's own frames, and crash then ends the process
// with SIGABRT as Go does.
#include "internal.h"

#include <backtrace.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

enum { MAX_FRAMES = 100, MAX_INLINED = 16 };

// One call in a physical frame: the function, where it is at, and whether
// the pc lies in the runtime's C code rather than in compiled code.
typedef struct {
  const char *function, *file;
  int line;
} call;

// A physical frame: its pc (already moved back into the call instruction
// by libbacktrace) and its calls, innermost (inlined) first.
typedef struct {
  uintptr_t pc;
  call calls[MAX_INLINED];
  int ncalls;
  bool runtime;
} frame;

typedef struct {
  struct backtrace_state *state;
  frame frames[MAX_FRAMES];
  int nframes;
  int level;  // 1: single/all, 2: system/crash
} walk;

static void ignore_error(void *data, const char *msg, int errnum) {
  (void)data, (void)msg, (void)errnum;
}

static bool has_suffix(const char *s, const char *suffix) {
  size_t n = strlen(s), k = strlen(suffix);
  return n >= k && strcmp(s + n - k, suffix) == 0;
}

// The runtime is C (its tables name .c and .h files); libc's and the
// collector's frames have no line tables at all.
static bool is_runtime_file(const char *file) {
  return file == NULL || has_suffix(file, ".c") || has_suffix(file, ".h") ||
         has_suffix(file, ".S");
}

static int add_call(void *data, uintptr_t pc, const char *file, int line, const char *function) {
  (void)pc;
  frame *f = data;
  if (f->ncalls < MAX_INLINED)
    f->calls[f->ncalls++] = (call){function, file, line};
  return 0;
}

// The symbol's name, for a pc whose line table names no function: one in
// libc or the collector, or one LLVM gave no subprogram entry (it leaves
// them out of line-table-only DWARF when nothing was inlined into them).
static void add_symbol(void *data, uintptr_t pc, const char *name, uintptr_t val,
                       uintptr_t size) {
  (void)pc, (void)val, (void)size;
  frame *f = data;
  if (f->ncalls == 0)
    f->calls[f->ncalls++] = (call){name, NULL, 0};
  else
    f->calls[f->ncalls - 1].function = name;
}

static const char *physical_name(const frame *f) {
  return f->ncalls ? f->calls[f->ncalls - 1].function : NULL;
}

static bool is_outermost(const frame *f) {
  const char *name = physical_name(f);
  return name && (strcmp(name, "main.main") == 0 || strcmp(name, "main.init") == 0);
}

static int add_frame(void *data, uintptr_t pc) {
  walk *w = data;
  if (w->nframes == MAX_FRAMES)
    return 1;
  frame *f = &w->frames[w->nframes++];
  f->pc = pc;
  f->ncalls = 0;
  backtrace_pcinfo(w->state, pc, add_call, ignore_error, f);
  if (f->ncalls == 0 || f->calls[f->ncalls - 1].function == NULL)
    backtrace_syminfo(w->state, pc, add_symbol, ignore_error, f);
  f->runtime = f->ncalls == 0 || is_runtime_file(f->calls[f->ncalls - 1].file);
  return is_outermost(f);
}

static bool calls_function(const frame *f, const char *name) {
  for (int i = 0; i < f->ncalls; i++)
    if (f->calls[i].function && strcmp(f->calls[i].function, name) == 0)
      return true;
  return false;
}

// The runtime functions that call a thunk or runner: a deferred call's,
// or the one a go statement starts a goroutine with.
static bool calls_thunks(const frame *f) {
  return f->runtime &&
         (calls_function(f, "mg_run_panic_defers") || calls_function(f, "mg_defer_return") ||
          calls_function(f, "goroutine_main"));
}

static void write_hex(uintptr_t v) {
  char buf[24], *end = buf + sizeof buf;
  char *s = mg_utoa_hex(end, v);
  *--s = 'x';
  *--s = '0';
  mg_write_all(2, s, (size_t)(end - s));
}

static void write_dec(int64_t v) {
  char buf[24], *end = buf + sizeof buf;
  char *s = mg_itoa(end, v);
  mg_write_all(2, s, (size_t)(end - s));
}

static void set_offset(void *data, uintptr_t pc, const char *name, uintptr_t val,
                       uintptr_t size) {
  (void)name, (void)size;
  // Go shows the return address's offset; pc is one byte before it.
  *(uintptr_t *)data = val ? pc + 1 - val : 0;
}

static void print_offset(walk *w, uintptr_t pc) {
  uintptr_t off = 0;
  backtrace_syminfo(w->state, pc, set_offset, ignore_error, &off);
  mg_write_str(2, " +");
  write_hex(off);
}

static void print_call(walk *w, const frame *f, int i) {
  const call *c = &f->calls[i];
  mg_write_str(2, c->function ? c->function : "?");
  mg_write_str(2, "(...)\n\t");
  mg_write_str(2, c->file ? c->file : "?");
  mg_write_str(2, ":");
  write_dec(c->line);
  if (i == f->ncalls - 1)
    print_offset(w, f->pc);
  mg_write_str(2, "\n");
}

// Go's frame for gopanic, for the panic rec that started below. Its line
// in Go 1.19's panic.go is where gopanic makes the deferred call: 884 for
// an open-coded defer's (ours: through a runner), 890 for a record's.
static void print_panic_frame(walk *w, const frame *f, const mg_panic_rec *p, bool open) {
  mg_write_str(2, "panic({");
  write_hex(p ? (uintptr_t)p->arg.type : 0);
  mg_write_str(2, ", ");
  write_hex(p ? (uintptr_t)p->arg.data : 0);
  mg_write_str(2, open ? "})\n\t$GOROOT/src/runtime/panic.go:884"
                       : "})\n\t$GOROOT/src/runtime/panic.go:890");
  print_offset(w, f->pc);
  mg_write_str(2, "\n");
}

// Go's runtime calls each init function itself: our main.init, which calls
// them, is no frame of theirs.
static bool is_init_caller(const char *name, const char *inner) {
  size_t n = name ? strlen(name) : 0;
  return inner && n > 5 && strcmp(name + n - 5, ".init") == 0 && strncmp(inner, name, n) == 0 &&
         inner[n] == '.';
}

// The frames as Go shows them (see the top of the file).
static void print_frames(walk *w) {
  const mg_panic_rec *p = mg_getg()->panic;
  bool seen_compiled = false, open_runner = true;
  const char *inner = NULL;  // the last function printed
  for (int k = 0; k < w->nframes; k++) {
    const frame *f = &w->frames[k];
    if (w->level >= 2) {
      for (int i = 0; i < f->ncalls; i++)
        print_call(w, f, i);
      continue;
    }
    if (f->runtime) {
      if (!calls_function(f, "mg_panic_start"))
        continue;
      if (seen_compiled)
        print_panic_frame(w, f, p, open_runner);
      if (p)
        p = p->link;
      continue;
    }
    seen_compiled = true;
    int n = f->ncalls;
    if (k + 1 < w->nframes && calls_thunks(&w->frames[k + 1])) {
      n--;  // the thunk or runner
      open_runner = physical_name(f) && has_suffix(physical_name(f), ".opendefers");
    }
    for (int i = 0; i < n; i++) {
      if (is_init_caller(f->calls[i].function, inner))
        continue;
      print_call(w, f, i);
      inner = f->calls[i].function;
    }
  }
}

// Go's last lines for a goroutine other than main: "created by F" and
// where in F its go statement is.
static void print_created_by(walk *w, const mg_g *g) {
  frame f = {.pc = g->created_pc - 1};
  backtrace_pcinfo(w->state, f.pc, add_call, ignore_error, &f);
  if (f.ncalls == 0 || f.calls[f.ncalls - 1].function == NULL)
    backtrace_syminfo(w->state, f.pc, add_symbol, ignore_error, &f);
  if (f.ncalls == 0 || f.calls[0].function == NULL)
    return;
  mg_write_str(2, "created by ");
  mg_write_str(2, f.calls[0].function);
  mg_write_str(2, "\n\t");
  mg_write_str(2, f.calls[0].file ? f.calls[0].file : "?");
  mg_write_str(2, ":");
  write_dec(f.calls[0].line);
  print_offset(w, f.pc);
  mg_write_str(2, "\n");
}

// Go's gotraceback(): the level, and whether to crash after printing.
static int traceback_level(bool *crash) {
  const char *s = getenv("GOTRACEBACK");
  *crash = false;
  if (s == NULL || *s == '\0' || strcmp(s, "single") == 0 || strcmp(s, "all") == 0)
    return 1;
  if (strcmp(s, "none") == 0)
    return 0;
  if (strcmp(s, "system") == 0)
    return 2;
  if (strcmp(s, "crash") == 0) {
    *crash = true;
    return 2;
  }
  char *end;
  long n = strtol(s, &end, 10);
  return *end == '\0' && n >= 0 ? (int)n : 1;
}

void mg_write_goroutine_line(const mg_g *g, const char *reason) {
  char n[24];
  char *start = mg_itoa(n + sizeof n, g->goid);
  mg_write_str(2, "goroutine ");
  mg_write_all(2, start, (size_t)(n + sizeof n - start));
  mg_write_str(2, " [");
  mg_write_str(2, reason);
  mg_write_str(2, "]:\n");
}

void mg_print_traceback(void) {
  mg_print_traceback_of(mg_getg(), "running");
}

void mg_print_traceback_of(const mg_g *g, const char *reason) {
  bool crash;
  int level = traceback_level(&crash);
  if (level > 0) {
    static walk w;  // static: the stack may be nearly exhausted
    w.level = level;
    w.nframes = 0;
    w.state = backtrace_create_state(NULL, 0, ignore_error, NULL);
    mg_write_str(2, "\n");
    mg_write_goroutine_line(g, reason);
    if (w.state) {
      backtrace_simple(w.state, 0, add_frame, ignore_error, &w);
      print_frames(&w);
      if (g->created_pc)
        print_created_by(&w, g);
    }
  }
  if (crash) {
    signal(SIGABRT, SIG_DFL);
    raise(SIGABRT);
  }
}
