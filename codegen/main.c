// main.c: the minigo command. Verbs follow the go command:
//
//   minigo build [-o OUT] [-O0..-O3] [-g] [--target=TRIPLE] [--emit=KIND] FILE.mini
//   minigo run [-O0..-O3] [-g] FILE.mini [ARGS...]
//
// compile() reads as the list of passes: read, parse, check, generate, emit.
#include "minigo.h"

#include <errno.h>
#include <glob.h>
#include <libgen.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <llvm-c/Core.h>
#include <llvm-c/TargetMachine.h>

static const char usage_text[] =
    "usage: minigo build [-o output] [-O0|-O1|-O2|-O3] [-g] [--target=triple]\n"
    "                    [--emit=exe|obj|asm|llvm] file.mini\n"
    "       minigo run [-O0|-O1|-O2|-O3] [-g] file.mini [arguments...]\n"
    "       minigo help\n";

// A usage error exits 2, as the go command's do.
static noreturn void usage(void) {
  fputs(usage_text, stderr);
  exit(2);
}

static char *read_file(const char *path, size_t *len) {
  FILE *f = fopen(path, "rb");
  if (!f) {
    fprintf(stderr, "minigo: open %s: %s\n", path, strerror(errno));
    exit(1);
  }
  size_t cap = 4096, n = 0;
  char *buf = xmalloc(cap);
  size_t got;
  while ((got = fread(buf + n, 1, cap - n - 1, f)) > 0) {
    n += got;
    if (cap - n - 1 == 0)
      buf = xrealloc(buf, cap *= 2);
  }
  if (ferror(f)) {
    fprintf(stderr, "minigo: read %s: %s\n", path, strerror(errno));
    exit(1);
  }
  fclose(f);
  buf[n] = '\0';
  *len = n;
  return buf;
}

// The runtime library sits next to the compiler: <dir>/runtime in a build
// tree, <dir>/../lib[/<multiarch>]/minigo once installed.
static const char *find_runtime_dir(void) {
  char self[PATH_MAX];
  ssize_t n = readlink("/proc/self/exe", self, sizeof self - 1);
  if (n < 0)
    return "runtime";
  self[n] = '\0';
  char *dir = dirname(self);
  const char *patterns[] = {"%s/runtime", "%s/../lib/minigo", "%s/../lib/*/minigo"};
  for (size_t i = 0; i < sizeof patterns / sizeof patterns[0]; i++) {
    glob_t gl;
    if (glob(format("%s/libminigo_rt.a", format(patterns[i], dir)), 0, NULL, &gl) == 0) {
      char *found = xstrdup(gl.gl_pathv[0]);
      globfree(&gl);
      return dirname(found);
    }
  }
  return format("%s/runtime", dir);
}

// int is as wide as a pointer: 32 bits on arm, 64 elsewhere.
static int int_bits_for(const char *triple) {
  if (strncmp(triple, "thumb", 5) == 0)
    return 32;
  if (strncmp(triple, "arm", 3) == 0 && strncmp(triple, "arm64", 5) != 0)
    return 32;
  return 64;
}

static char *default_output(const char *input) {
  char *copy = xstrdup(input);
  char *base = xstrdup(basename(copy));
  size_t n = strlen(base);
  if (n > 5 && strcmp(base + n - 5, ".mini") == 0)
    base[n - 5] = '\0';
  else
    base = format("%s.out", base);
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

// Parses the flags of build and run; returns the index of the input file.
static int parse_flags(int argc, char **argv, int i, bool is_run, BuildOptions *o) {
  for (; i < argc && argv[i][0] == '-'; i++) {
    const char *a = argv[i];
    if (strcmp(a, "-o") == 0 && !is_run && i + 1 < argc)
      o->output = argv[++i];
    else if (strlen(a) == 3 && a[1] == 'O' && a[2] >= '0' && a[2] <= '3')
      o->opt_level = a[2] - '0';
    else if (strcmp(a, "-g") == 0)
      o->debug_info = true;
    else if (strncmp(a, "--target=", 9) == 0 && !is_run)
      o->triple = a + 9;
    else if (strncmp(a, "--emit=", 7) == 0 && !is_run) {
      if (!parse_emit(a + 7, &o->emit))
        usage();
    } else {
      fprintf(stderr, "minigo: unknown flag %s\n", a);
      usage();
    }
  }
  if (i >= argc)
    usage();
  return i;
}

static char *normalized_triple(const char *triple) {
  char *t = triple ? LLVMNormalizeTargetTriple(triple) : LLVMGetDefaultTargetTriple();
  char *copy = xstrdup(t);
  LLVMDisposeMessage(t);
  return copy;
}

// The passes: read, parse, check, generate, emit.
static int compile(BuildOptions *o) {
  size_t len;
  char *src = read_file(o->input, &len);
  target_int_bits = int_bits_for(o->triple);
  types_init();
  Node *file = parse_file(o->input, src, len);
  if (!file || error_count())
    return 1;
  Program *prog = check_program(file);
  if (!prog || error_count())
    return 1;
  void *module = codegen_program(prog, o);
  if (error_count())
    return 1;
  return emit_module(module, o);
}

static int cmd_build(int argc, char **argv) {
  BuildOptions o = {.opt_level = 0, .emit = EMIT_EXE};
  int i = parse_flags(argc, argv, 2, false, &o);
  if (i != argc - 1)
    usage();
  o.input = argv[i];
  o.triple = normalized_triple(o.triple);
  o.runtime_dir = find_runtime_dir();
  if (!o.output) {
    // Files that are not executables get the suffix saying what they are.
    static const char *suffix[] = {[EMIT_EXE] = "", [EMIT_OBJ] = ".o", [EMIT_ASM] = ".s",
                                   [EMIT_LLVM] = ".ll"};
    o.output = format("%s%s", default_output(o.input), suffix[o.emit]);
  }
  return compile(&o);
}

static int run_program(const char *exe, char **args) {
  pid_t pid = fork();
  if (pid < 0) {
    fprintf(stderr, "minigo: fork: %s\n", strerror(errno));
    return 1;
  }
  if (pid == 0) {
    execv(exe, args);
    fprintf(stderr, "minigo: exec %s: %s\n", exe, strerror(errno));
    _exit(127);
  }
  int status;
  while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  if (WIFEXITED(status))
    return WEXITSTATUS(status);
  return 128 + WTERMSIG(status);
}

static int cmd_run(int argc, char **argv) {
  BuildOptions o = {.opt_level = 0, .emit = EMIT_EXE};
  int i = parse_flags(argc, argv, 2, true, &o);
  o.input = argv[i];
  o.triple = normalized_triple(NULL);
  o.runtime_dir = find_runtime_dir();
  char dir[] = "/tmp/minigo-run-XXXXXX";
  if (!mkdtemp(dir)) {
    fprintf(stderr, "minigo: creating temporary directory: %s\n", strerror(errno));
    return 1;
  }
  char *exe = format("%s/%s", dir, default_output(o.input));
  o.output = exe;
  int rc = compile(&o);
  if (rc == 0) {
    // The program sees its own name first, then the arguments after FILE.
    argv[i] = exe;
    rc = run_program(exe, argv + i);
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
