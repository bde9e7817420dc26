// debug_info.c: a compile unit, a subprogram per function and a location
// per statement: the line tables a panic's traceback reads
// (runtime/traceback.c), and debuggers and profilers too. Always emitted:
// they cost nothing at run time. A subprogram's name and linkage name are
// the function's LLVM name, its Go symbol name (main.f, main.(*T).M), which
// the traceback prints.
#include "gen.h"

#include <libgen.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

// The source's absolute path, which Go's traceback shows.
static char *absolute_input(void) {
  char buf[PATH_MAX];
  return xstrdup(realpath(gen.opts->input, buf) ? buf : gen.opts->input);
}

void debug_init(void) {
  gen.dib = LLVMCreateDIBuilder(gen.mod);
  char *path = absolute_input(), *path2 = xstrdup(path);
  const char *base = basename(path), *dir = dirname(path2);
  gen.di_file = LLVMDIBuilderCreateFile(gen.dib, base, strlen(base), dir, strlen(dir));
  const char *producer = "minigo";
  gen.di_cu = LLVMDIBuilderCreateCompileUnit(gen.dib, LLVMDWARFSourceLanguageGo, gen.di_file,
                                             producer, strlen(producer), gen.opts->opt_level > 0,
                                             "", 0, 0, "", 0, LLVMDWARFEmissionLineTablesOnly, 0,
                                             false, false, "", 0, "", 0);
  LLVMAddModuleFlag(gen.mod, LLVMModuleFlagBehaviorWarning, "Debug Info Version", 18,
                    LLVMValueAsMetadata(ll_const_int(gen.t_i32, LLVMDebugMetadataVersion())));
  LLVMAddModuleFlag(gen.mod, LLVMModuleFlagBehaviorWarning, "Dwarf Version", 13,
                    LLVMValueAsMetadata(ll_const_int(gen.t_i32, 4)));
}

void debug_function(LLVMValueRef fn, const char *name, int line) {
  (void)name;  // the LLVM name is the one kept up to date with Go's
  LLVMMetadataRef ty =
      LLVMDIBuilderCreateSubroutineType(gen.dib, gen.di_file, NULL, 0, LLVMDIFlagZero);
  size_t len;
  const char *link = LLVMGetValueName2(fn, &len);
  gen.frame->di_scope = LLVMDIBuilderCreateFunction(
      gen.dib, gen.di_file, link, len, link, len, gen.di_file, (unsigned)line, ty, true,
      true, (unsigned)line, LLVMDIFlagZero, gen.opts->opt_level > 0);
  LLVMSetSubprogram(fn, gen.frame->di_scope);
  LLVMSetCurrentDebugLocation2(gen.b, LLVMDIBuilderCreateDebugLocation(gen.ctx, (unsigned)line, 0,
                                                                       gen.frame->di_scope, NULL));
}

void debug_location(Pos pos) {
  if (!gen.dib || !gen.frame->di_scope)
    return;
  LLVMSetCurrentDebugLocation2(
      gen.b, LLVMDIBuilderCreateDebugLocation(gen.ctx, (unsigned)pos.line, (unsigned)pos.col,
                                              gen.frame->di_scope, NULL));
}

void debug_finish(void) {
  if (gen.dib)
    LLVMDIBuilderFinalize(gen.dib);
}
