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

// The DWARF file of a source file, by its absolute path, which Go's
// traceback shows; one per file of the program (its packages' files).
static LLVMMetadataRef di_file(const char *source) {
  static Vec sources, files;  // const char *, LLVMMetadataRef; this module's
  static LLVMModuleRef of_module;
  if (of_module != gen.mod) {
    sources.len = files.len = 0;
    of_module = gen.mod;
  }
  for (int i = 0; i < sources.len; i++)
    if (strcmp(sources.items[i], source) == 0)
      return files.items[i];
  char buf[PATH_MAX];
  char *path = xstrdup(realpath(source, buf) ? buf : source), *path2 = xstrdup(path);
  const char *base = basename(path), *dir = dirname(path2);
  LLVMMetadataRef f = LLVMDIBuilderCreateFile(gen.dib, base, strlen(base), dir, strlen(dir));
  vec_push(&sources, (void *)source);
  vec_push(&files, f);
  return f;
}

void debug_init(void) {
  gen.dib = LLVMCreateDIBuilder(gen.mod);
  gen.di_file = di_file(gen.opts->input);
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

void debug_function(LLVMValueRef fn, const char *source, int line) {
  LLVMMetadataRef file = source ? di_file(source) : gen.di_file;
  LLVMMetadataRef ty = LLVMDIBuilderCreateSubroutineType(gen.dib, file, NULL, 0, LLVMDIFlagZero);
  size_t len;
  const char *link = LLVMGetValueName2(fn, &len);
  gen.frame->di_scope =
      LLVMDIBuilderCreateFunction(gen.dib, file, link, len, link, len, file, (unsigned)line, ty,
                                  true, true, (unsigned)line, LLVMDIFlagZero,
                                  gen.opts->opt_level > 0);
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
