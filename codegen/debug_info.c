// debug_info.c: with -g, a compile unit, a subprogram per function and a
// location per statement: enough for line tables in debuggers and profilers.
// Without -g every function here does nothing.
#include "gen.h"

#include <libgen.h>
#include <string.h>

void debug_init(void) {
  if (!gen.opts->debug_info)
    return;
  gen.dib = LLVMCreateDIBuilder(gen.mod);
  char *path = xstrdup(gen.opts->input), *path2 = xstrdup(gen.opts->input);
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
  if (!gen.dib)
    return;
  LLVMMetadataRef ty =
      LLVMDIBuilderCreateSubroutineType(gen.dib, gen.di_file, NULL, 0, LLVMDIFlagZero);
  size_t len;
  const char *link = LLVMGetValueName2(fn, &len);
  gen.frame->di_scope = LLVMDIBuilderCreateFunction(
      gen.dib, gen.di_file, name, strlen(name), link, len, gen.di_file, (unsigned)line, ty, true,
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
