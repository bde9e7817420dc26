// emit.c: verifies and optimizes the module, writes it as an object,
// assembly or LLVM IR, and links executables with the system C compiler.
#include "gen.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <llvm-c/Analysis.h>
#include <llvm-c/Transforms/PassBuilder.h>

static void init_llvm_targets(void) {
  static bool done;
  if (done)
    return;
  done = true;
  LLVMInitializeX86TargetInfo();
  LLVMInitializeX86Target();
  LLVMInitializeX86TargetMC();
  LLVMInitializeX86AsmPrinter();
  LLVMInitializeARMTargetInfo();
  LLVMInitializeARMTarget();
  LLVMInitializeARMTargetMC();
  LLVMInitializeARMAsmPrinter();
  LLVMInitializeAArch64TargetInfo();
  LLVMInitializeAArch64Target();
  LLVMInitializeAArch64TargetMC();
  LLVMInitializeAArch64AsmPrinter();
}

static LLVMCodeGenOptLevel codegen_level(int opt) {
  switch (opt) {
  case 0: return LLVMCodeGenLevelNone;
  case 1: return LLVMCodeGenLevelLess;
  case 3: return LLVMCodeGenLevelAggressive;
  default: return LLVMCodeGenLevelDefault;
  }
}

// Position-independent code, because Debian's cc links PIE by default.
LLVMTargetMachineRef emit_target_machine(const BuildOptions *opts) {
  init_llvm_targets();
  LLVMTargetRef target;
  char *err = NULL;
  const Target *t = opts->target;
  if (LLVMGetTargetFromTriple(t->triple, &target, &err)) {
    fprintf(stderr, "minigo: unsupported target %s: %s\n", t->triple, err);
    exit(2);
  }
  return LLVMCreateTargetMachine(target, t->triple, t->cpu, t->features,
                                 codegen_level(opts->opt_level), LLVMRelocPIC,
                                 LLVMCodeModelDefault);
}

static void verify(LLVMModuleRef mod) {
  char *msg = NULL;
  if (LLVMVerifyModule(mod, LLVMReturnStatusAction, &msg)) {
    fprintf(stderr, "%s\n", msg);
    die("generated LLVM IR does not verify");
  }
  LLVMDisposeMessage(msg);
}

// Go never turns a call into a jump: every call keeps its frame, so
// unbounded recursion ends in Go's stack overflow (and a traceback will
// find each frame). LLVM's tail-recursion elimination and the back end's
// sibling calls both honour this attribute.
static void keep_every_call(LLVMModuleRef mod) {
  static const char key[] = "disable-tail-calls", val[] = "true";
  LLVMAttributeRef attr = LLVMCreateStringAttribute(LLVMGetModuleContext(mod), key,
                                                    sizeof key - 1, val, sizeof val - 1);
  for (LLVMValueRef fn = LLVMGetFirstFunction(mod); fn; fn = LLVMGetNextFunction(fn))
    if (!LLVMIsDeclaration(fn))
      LLVMAddAttributeAtIndex(fn, LLVMAttributeFunctionIndex, attr);
}

// At -O0 only what the program can reach is compiled, as Go's linker
// keeps only that: the standard library's packages come whole.
static void optimize(LLVMModuleRef mod, LLVMTargetMachineRef tm, int level) {
  keep_every_call(mod);
  LLVMPassBuilderOptionsRef popts = LLVMCreatePassBuilderOptions();
  char passes[32];
  if (level == 0)
    snprintf(passes, sizeof passes, "globaldce");
  else
    snprintf(passes, sizeof passes, "default<O%d>", level > 3 ? 3 : level);
  LLVMErrorRef err = LLVMRunPasses(mod, passes, tm, popts);
  LLVMDisposePassBuilderOptions(popts);
  if (err) {
    char *msg = LLVMGetErrorMessage(err);
    die("optimization pipeline failed: %s", msg);
  }
}

static int write_machine_code(LLVMModuleRef mod, LLVMTargetMachineRef tm, const char *path,
                              LLVMCodeGenFileType kind) {
  char *err = NULL;
  if (LLVMTargetMachineEmitToFile(tm, mod, (char *)path, kind, &err)) {
    fprintf(stderr, "minigo: writing %s: %s\n", path, err);
    LLVMDisposeMessage(err);
    return 1;
  }
  return 0;
}

// Runs argv with stdout and stderr captured into a temporary file, which
// is shown only when the command fails.
static int run_captured(char **argv) {
  char log[] = "/tmp/minigo-link-XXXXXX";
  int fd = mkstemp(log);
  if (fd < 0) {
    fprintf(stderr, "minigo: creating temporary file: %s\n", strerror(errno));
    return 1;
  }
  unlink(log);
  pid_t pid = fork();
  if (pid < 0) {
    fprintf(stderr, "minigo: fork: %s\n", strerror(errno));
    close(fd);
    return 1;
  }
  if (pid == 0) {
    dup2(fd, 1);
    dup2(fd, 2);
    execvp(argv[0], argv);
    fprintf(stderr, "exec %s: %s\n", argv[0], strerror(errno));
    _exit(127);
  }
  int status;
  while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  bool ok = WIFEXITED(status) && WEXITSTATUS(status) == 0;
  if (!ok) {
    fprintf(stderr, "minigo: linking failed:");
    for (char **a = argv; *a; a++)
      fprintf(stderr, " %s", *a);
    fputc('\n', stderr);
    char buf[4096];
    ssize_t n;
    lseek(fd, 0, SEEK_SET);
    while ((n = read(fd, buf, sizeof buf)) > 0)
      fwrite(buf, 1, (size_t)n, stderr);
  }
  close(fd);
  return ok ? 0 : 1;
}

// The first line of `cc -print-file-name=libgc.a`; cc answers with the bare
// name when it does not know the file, so that is tried as is.
static char *find_libgc(const char *cc) {
  char *cmd = xformat("%s -print-file-name=libgc.a 2>/dev/null", cc);
  FILE *p = popen(cmd, "r");
  free(cmd);
  char line[4096] = "";
  if (p) {
    if (!fgets(line, sizeof line, p))
      line[0] = '\0';
    pclose(p);
  }
  line[strcspn(line, "\n")] = '\0';
  return xstrdup(line[0] ? line : "libgc.a");
}

// The C compiler driver for the target: cc for the host, Debian's cross
// compiler otherwise, unless $CC says.
static const char *c_compiler(const BuildOptions *opts) {
  const char *env = getenv("CC");
  if (env && *env)
    return env;
  return opts->target == target_host() ? "cc" : opts->target->cross_cc;
}

// A compiler built with -Dsanitize=true has a sanitized host runtime, whose
// programs need the sanitizers' own runtimes; cross runtimes are not
// sanitized (they come with their own libgc.a). NULL ends the command.
static char *sanitizer_flags(const char *cross_gc) {
#ifdef MINIGO_SANITIZE_FLAGS
  if (access(cross_gc, R_OK) != 0)
    return MINIGO_SANITIZE_FLAGS;
#endif
  (void)cross_gc;
  return NULL;
}

static int link_exe(const BuildOptions *opts, const char *obj) {
  const char *cc = c_compiler(opts);
  char *rt = xformat("%s/libminigo_rt.a", opts->runtime_dir);
  char *cross_gc = xformat("%s/libgc.a", opts->runtime_dir);
  char *gc = access(cross_gc, R_OK) == 0 ? cross_gc : find_libgc(cc);
  char *argv[] = {(char *)cc, "-o", (char *)opts->output, (char *)obj, rt, gc,
                  "-lbacktrace", "-lpthread", "-ldl", "-lm", sanitizer_flags(cross_gc), NULL};
  return run_captured(argv);
}

int emit_module(void *module, const BuildOptions *opts) {
  LLVMModuleRef mod = module;
  verify(mod);
  optimize(mod, gen.tm, opts->opt_level);
  switch (opts->emit) {
  case EMIT_LLVM: {
    char *err = NULL;
    if (LLVMPrintModuleToFile(mod, opts->output, &err)) {
      fprintf(stderr, "minigo: writing %s: %s\n", opts->output, err);
      return 1;
    }
    return 0;
  }
  case EMIT_ASM: return write_machine_code(mod, gen.tm, opts->output, LLVMAssemblyFile);
  case EMIT_OBJ: return write_machine_code(mod, gen.tm, opts->output, LLVMObjectFile);
  case EMIT_EXE: break;
  }
  char obj[] = "/tmp/minigo-XXXXXX.o";
  int fd = mkstemps(obj, 2);
  if (fd < 0) {
    fprintf(stderr, "minigo: creating temporary file: %s\n", strerror(errno));
    return 1;
  }
  close(fd);
  int rc = write_machine_code(mod, gen.tm, obj, LLVMObjectFile);
  if (rc == 0)
    rc = link_exe(opts, obj);
  unlink(obj);
  return rc;
}
