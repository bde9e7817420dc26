// main.c: the minigo command. Verbs follow the go command:
//
//   minigo build [-o OUT] [-O0..-O3] [-g] [--target=TRIPLE] [--emit=KIND]
//                [--defers=open|chunked] [DIR | FILE.mini...]
//   minigo run [-O0..-O3] [-g] [--target=TRIPLE] DIR|FILE.mini... [ARGS...]
//
// Targets are the rows of codegen/targets.def; run executes another
// architecture's program under that target's qemu-user.
//
// compile() reads as the list of passes: load (find, read and parse every
// package), check, generate, emit.
#include "codegen.h"

#include <errno.h>
#include <glob.h>
#include <libgen.h>
#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <llvm-c/Core.h>
#include <llvm-c/TargetMachine.h>

static const char usage_text[] =
    "usage: minigo build [-o output] [-O0|-O1|-O2|-O3] [-g] [-m] [--target=triple]\n"
    "                    [--emit=exe|obj|asm|llvm] [--defers=open|chunked] [dir | files]\n"
    "       minigo run [-O0|-O1|-O2|-O3] [-g] [--target=triple] dir|files [arguments...]\n"
    "       minigo help\n";

#ifdef MINIGO_SANITIZE_FLAGS
// A compilation is one process and frees nothing by design: in a build with
// sanitizers (-Dsanitize=true), what is left at exit is not a leak.
const char *__lsan_default_options(void);
const char *__lsan_default_options(void) {
  return "detect_leaks=0";
}
#endif

// A usage error exits 2, as the go command's do.
static noreturn void usage(void) {
  fputs(usage_text, stderr);
  exit(2);
}

// The target --target names; a triple minigo does not build for is a
// usage error.
static const Target *choose_target(const char *triple) {
  const Target *t = target_parse(triple);
  if (t)
    return t;
  fprintf(stderr, "minigo: unsupported target %s (supported: %s)\n", triple,
          target_spellings());
  exit(2);
}

// The directory of the minigo executable, which the runtime and std are
// found from; NULL when it cannot be told.
static char *compiler_dir(void) {
  char self[PATH_MAX];
  ssize_t n = readlink("/proc/self/exe", self, sizeof self - 1);
  if (n < 0)
    return NULL;
  self[n] = '\0';
  return xstrdup(dirname(self));
}

// The runtime library sits next to the compiler: <dir>/runtime in a build
// tree, <dir>/../lib[/<multiarch>]/minigo once installed; a cross target's,
// built by tools/build-runtime.sh, in <dir>/runtime-<arch> or
// <dir>/../lib[/<multiarch>]/minigo-<arch>. NULL when there is none.
static const char *find_runtime_dir(const Target *t) {
  char *dir = compiler_dir();
  if (!dir)
    return NULL;
  bool native = t == target_host();
  const char *suffix = native ? "" : xformat("-%s", t->arch);
  const char *patterns[] = {"%s/runtime%s", "%s/../lib/minigo%s", "%s/../lib/*/minigo%s"};
  for (size_t i = 0; i < sizeof patterns / sizeof patterns[0]; i++) {
    glob_t gl;
    if (glob(xformat("%s/libminigo_rt.a", xformat(patterns[i], dir, suffix)), 0, NULL, &gl) == 0) {
      char *found = xstrdup(gl.gl_pathv[0]);
      globfree(&gl);
      return dirname(found);
    }
  }
  return NULL;
}

// The standard library's sources: <dir>/std in a build tree,
// <dir>/../share/minigo/std once installed. NULL when there are none.
static const char *find_std_dir(void) {
  char *dir = compiler_dir();
  if (!dir)
    return NULL;
  const char *patterns[] = {"%s/std", "%s/../share/minigo/std"};
  for (size_t i = 0; i < sizeof patterns / sizeof patterns[0]; i++) {
    char *std = xformat(patterns[i], dir);
    struct stat st;
    if (stat(std, &st) == 0 && S_ISDIR(st.st_mode))
      return std;
  }
  return NULL;
}

// Finds the target's runtime; without one only an executable is refused.
static void choose_runtime(BuildOptions *o) {
  o->runtime_dir = find_runtime_dir(o->target);
  if (o->runtime_dir || o->emit != EMIT_EXE)
    return;
  if (o->target == target_host()) {
    o->runtime_dir = "runtime";  // let the linker say what is missing
    return;
  }
  fprintf(stderr,
          "minigo: no runtime for %s next to minigo; build it with "
          "tools/build-runtime.sh %s BUILDDIR\n",
          o->target->arch, o->target->triple);
  exit(1);
}

// As go build names it: after the first file without its suffix, or
// after the directory.
static char *default_output(char **inputs, int n) {
  struct stat st;
  if (n == 0 || (stat(inputs[0], &st) == 0 && S_ISDIR(st.st_mode))) {
    char *dir = realpath(n ? inputs[0] : ".", NULL);
    return dir ? xstrdup(basename(dir)) : xstrdup("a.out");
  }
  char *base = xstrdup(basename(xstrdup(inputs[0])));
  size_t len = strlen(base);
  if (len > 5 && strcmp(base + len - 5, ".mini") == 0)
    base[len - 5] = '\0';
  else if (len > 3 && strcmp(base + len - 3, ".go") == 0)
    base[len - 3] = '\0';
  else
    base = xformat("%s.out", base);
  return base;
}

static bool parse_emit(const char *s, EmitKind *out) {
  static const struct { const char *name; EmitKind kind; } kinds[] = {
      {"exe", EMIT_EXE}, {"obj", EMIT_OBJ}, {"asm", EMIT_ASM}, {"llvm", EMIT_LLVM}};
  for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
    if (strcmp(s, kinds[i].name) == 0) {
      *out = kinds[i].kind;
      return true;
    }
  return false;
}

// Parses the flags of build and run; returns the index of the first input.
static int parse_flags(int argc, char **argv, int i, bool is_run, BuildOptions *o) {
  for (; i < argc && argv[i][0] == '-'; i++) {
    const char *a = argv[i];
    if (strcmp(a, "-o") == 0 && !is_run && i + 1 < argc)
      o->output = argv[++i];
    else if (strlen(a) == 3 && a[1] == 'O' && a[2] >= '0' && a[2] <= '3')
      o->opt_level = a[2] - '0';
    else if (strcmp(a, "-g") == 0)
      o->debug_info = true;
    else if (strcmp(a, "-m") == 0)
      o->escape_report = true;
    else if (strncmp(a, "--target=", 9) == 0)
      o->target = choose_target(a + 9);
    else if (strcmp(a, "--defers=chunked") == 0)
      o->chunked_defers = true;
    else if (strcmp(a, "--defers=open") == 0)
      o->chunked_defers = false;
    else if (strncmp(a, "--emit=", 7) == 0 && !is_run) {
      if (!parse_emit(a + 7, &o->emit))
        usage();
    } else {
      fprintf(stderr, "minigo: unknown flag %s\n", a);
      usage();
    }
  }
  return i;
}

// The passes: load, check, generate, emit.
static int compile(BuildOptions *o) {
  target_int_bits = o->target->int_bits;
  types_init();
  LoadConfig cfg = {.std_dir = find_std_dir()};
  Vec packages = load_program(o->inputs, o->ninputs, &cfg);
  if (!packages.len || error_count())
    return 1;
  Package *main_pkg = packages.items[packages.len - 1];
  o->input = ((Node *)main_pkg->files.items[0])->pos.file;
  Program *prog = check_program(packages);
  if (!prog || error_count())
    return 1;
  void *module = codegen_program(prog, o);
  if (error_count())
    return 1;
  return emit_module(module, o);
}

// Long operator chains (a + a + ... + a) and else-if chains are deep trees
// that the checker and code generation walk recursively: the compiler runs
// on a thread with a stack as large as Go's goroutine limit (1 GB on 64-bit
// hosts), which costs only the pages a compilation touches.
enum { COMPILER_STACK = sizeof(void *) == 8 ? 1 << 30 : 256 << 20 };

typedef struct CompileJob {
  BuildOptions *opts;
  int rc;
} CompileJob;

static void *compile_job(void *arg) {
  CompileJob *job = arg;
  job->rc = compile(job->opts);
  return NULL;
}

static int compile_on_big_stack(BuildOptions *o) {
  CompileJob job = {o, 1};
  pthread_attr_t attr;
  pthread_t thread;
  if (pthread_attr_init(&attr) != 0 || pthread_attr_setstacksize(&attr, COMPILER_STACK) != 0 ||
      pthread_create(&thread, &attr, compile_job, &job) != 0)
    return compile(o);  // no room for the big stack: the main one must do
  pthread_attr_destroy(&attr);
  pthread_join(thread, NULL);
  return job.rc;
}

static int cmd_build(int argc, char **argv) {
  BuildOptions o = {.opt_level = 0, .emit = EMIT_EXE, .target = target_host()};
  int i = parse_flags(argc, argv, 2, false, &o);
  o.inputs = argv + i;
  o.ninputs = argc - i;
  choose_runtime(&o);
  if (!o.output) {
    // Files that are not executables get the suffix saying what they are.
    static const char *suffix[] = {[EMIT_EXE] = "", [EMIT_OBJ] = ".o", [EMIT_ASM] = ".s",
                                   [EMIT_LLVM] = ".ll"};
    o.output = xformat("%s%s", default_output(o.inputs, o.ninputs), suffix[o.emit]);
  }
  return compile_on_big_stack(&o);
}

// Runs exe with args (args[0] is exe), under qemu-user when the target is
// not the host; returns its exit status, or 128 + the signal that ended it.
static int run_program(const Target *t, const char *exe, char **args) {
  pid_t pid = fork();
  if (pid < 0) {
    fprintf(stderr, "minigo: fork: %s\n", strerror(errno));
    return 1;
  }
  if (pid == 0) {
    if (t == target_host()) {
      execv(exe, args);
      fprintf(stderr, "minigo: exec %s: %s\n", exe, strerror(errno));
    } else {
      Vec argv = {0};
      vec_push(&argv, (void *)t->qemu);
      vec_push(&argv, "-L");
      vec_push(&argv, (void *)t->sysroot);
      for (char **a = args; *a; a++)
        vec_push(&argv, *a);
      vec_push(&argv, NULL);
      execvp(t->qemu, (char **)argv.items);
      fprintf(stderr, "minigo: exec %s: %s\n", t->qemu, strerror(errno));
    }
    _exit(127);
  }
  int status;
  while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  if (WIFEXITED(status))
    return WEXITSTATUS(status);
  return 128 + WTERMSIG(status);
}

static bool has_source_suffix(const char *arg) {
  size_t n = strlen(arg);
  return (n > 5 && strcmp(arg + n - 5, ".mini") == 0) || (n > 3 && strcmp(arg + n - 3, ".go") == 0);
}

static int cmd_run(int argc, char **argv) {
  BuildOptions o = {.opt_level = 0, .emit = EMIT_EXE, .target = target_host()};
  int i = parse_flags(argc, argv, 2, true, &o);
  // The program is a directory or the source files that come first; the
  // arguments after them are the program's.
  struct stat st;
  int n = 0;
  if (i < argc && stat(argv[i], &st) == 0 && S_ISDIR(st.st_mode))
    n = 1;
  else
    while (i + n < argc && (has_source_suffix(argv[i + n])))
      n++;
  if (n == 0)
    usage();
  o.inputs = argv + i;
  o.ninputs = n;
  choose_runtime(&o);
  char dir[] = "/tmp/minigo-run-XXXXXX";
  if (!mkdtemp(dir)) {
    fprintf(stderr, "minigo: creating temporary directory: %s\n", strerror(errno));
    return 1;
  }
  char *exe = xformat("%s/%s", dir, default_output(o.inputs, o.ninputs));
  o.output = exe;
  int rc = compile_on_big_stack(&o);
  if (rc == 0) {
    // The program sees its own name first, then the arguments after its
    // sources.
    argv[i + n - 1] = exe;
    rc = run_program(o.target, exe, argv + i + n - 1);
  }
  unlink(exe);
  rmdir(dir);
  return rc;
}

int main(int argc, char **argv) {
  if (argc < 2)
    usage();
  if (strcmp(argv[1], "build") == 0)
    return cmd_build(argc, argv);
  if (strcmp(argv[1], "run") == 0)
    return cmd_run(argc, argv);
  if (strcmp(argv[1], "help") == 0 || strcmp(argv[1], "-h") == 0 ||
      strcmp(argv[1], "--help") == 0) {
    printf("minigo compiles Mini programs, a subset of Go, to native executables.\n\n%s",
           usage_text);
    return 0;
  }
  fprintf(stderr, "minigo %s: unknown command\n", argv[1]);
  usage();
}
