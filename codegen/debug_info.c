// debug_info.c: with -g, a compile unit, a subprogram per function and a
// location per statement: enough for line tables in debuggers and profilers.
// Without -g every function here does nothing.
#include "gen.h"

#include <libgen.h>
#include <string.h>

void debug_init(void) {
  if (!g.opts->debug_info)
    return;
  g.dib = LLVMCreateDIBuilder(g.mod);
  char *path = xstrdup(g.opts->input), *path2 = xstrdup(g.opts->input);
  const char *base = basename(path), *dir = dirname(path2);
  g.di_file = LLVMDIBuilderCreateFile(g.dib, base, strlen(base), dir, strlen(dir));
  const char *producer = "minigo";
  g.di_cu = LLVMDIBuilderCreateCompileUnit(g.dib, LLVMDWARFSourceLanguageGo, g.di_file, producer,
                                           strlen(producer), g.opts->opt_level > 0, "", 0, 0, "", 0,
                                           LLVMDWARFEmissionLineTablesOnly, 0, false, false, "", 0,
                                           "", 0);
  LLVMAddModuleFlag(g.mod, LLVMModuleFlagBehaviorWarning, "Debug Info Version", 18,
                    LLVMValueAsMetadata(ll_const_int(g.t_i32, LLVMDebugMetadataVersion())));
  LLVMAddModuleFlag(g.mod, LLVMModuleFlagBehaviorWarning, "Dwarf Version", 13,
                    LLVMValueAsMetadata(ll_const_int(g.t_i32, 4)));
}

void debug_function(LLVMValueRef fn, const char *name, int line) {
  if (!g.dib)
    return;
  LLVMMetadataRef ty = LLVMDIBuilderCreateSubroutineType(g.dib, g.di_file, NULL, 0, LLVMDIFlagZero);
  size_t len;
  const char *link = LLVMGetValueName2(fn, &len);
  cur->di_scope = LLVMDIBuilderCreateFunction(
      g.dib, g.di_file, name, strlen(name), link, len, g.di_file, (unsigned)line, ty, true, true,
      (unsigned)line, LLVMDIFlagZero, g.opts->opt_level > 0);
  LLVMSetSubprogram(fn, cur->di_scope);
  LLVMSetCurrentDebugLocation2(
      g.b, LLVMDIBuilderCreateDebugLocation(g.ctx, (unsigned)line, 0, cur->di_scope, NULL));
}

void debug_location(Pos pos) {
  if (!g.dib || !cur->di_scope)
    return;
  LLVMSetCurrentDebugLocation2(
      g.b, LLVMDIBuilderCreateDebugLocation(g.ctx, (unsigned)pos.line, (unsigned)pos.col,
                                            cur->di_scope, NULL));
}

void debug_finish(void) {
  if (g.dib)
    LLVMDIBuilderFinalize(g.dib);
}
