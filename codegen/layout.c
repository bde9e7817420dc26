// layout.c: the LLVM struct types of the runtime structs that compiled
// code reads and writes itself, built from runtime/layouts.def, the list
// runtime.h's C definitions follow, and the assertions that prove the two
// agree on a target (tools/layout_test.sh).
#include "gen.h"

#include "runtime.h"

#include <stdio.h>

// layouts.def's field types as LLVM types.
#define PTR gen.t_i8p
#define U8 gen.t_i8
#define U32 gen.t_i32
#define U64 gen.t_i64
#define INT gen.t_int
#define STRUCT(s) layout_type(LS_##s)
#define ARRAY(t, n) LLVMArrayType(t, n)

#define FIELD_TYPE(s, f, t) t,
#define FIELD_TYPES_CASE(s)                                        \
  case LS_##s: {                                                   \
    LLVMTypeRef all[] = {MG_LAYOUT_##s(FIELD_TYPE)};               \
    unsigned count = (unsigned)(sizeof all / sizeof all[0]);       \
    n = n < count ? n : count;                                     \
    for (unsigned i = 0; i < n; i++)                               \
      out[i] = all[i];                                             \
    return n;                                                      \
  }

// Fills out with the types of s's first n fields; returns how many.
static unsigned field_types(LayoutStruct s, LLVMTypeRef *out, unsigned n) {
  switch (s) {
    MG_LAYOUTS(FIELD_TYPES_CASE)
  case LS_COUNT: break;
  }
  die("no layout %d", (int)s);
}

enum { MAX_FIELDS = 16 };

LLVMTypeRef layout_prefix(LayoutStruct s, unsigned nfields) {
  LLVMTypeRef f[MAX_FIELDS];
  unsigned n = field_types(s, f, nfields < MAX_FIELDS ? nfields : MAX_FIELDS);
  return LLVMStructTypeInContext(gen.ctx, f, n, false);
}

LLVMTypeRef layout_type(LayoutStruct s) {
  return gen.layout_named[s] ? gen.layout_named[s] : layout_prefix(s, MAX_FIELDS);
}

LLVMTypeRef layout_name(LayoutStruct s, const char *name) {
  LLVMTypeRef f[MAX_FIELDS];
  unsigned n = field_types(s, f, MAX_FIELDS);
  LLVMTypeRef t = LLVMStructCreateNamed(gen.ctx, name);
  LLVMStructSetBody(t, f, n, false);
  gen.layout_named[s] = t;
  return t;
}

#define ASSERT_FIELD(s, f, t)                                                    \
  fprintf(out, "_Static_assert(offsetof(%s, %s) == %llu, \"%s.%s\");\n", #s, #f, \
          LLVMOffsetOfElement(gen.td, st, i), #s, #f);                           \
  i++;
#define ASSERT_STRUCT(s)                                                         \
  {                                                                              \
    LLVMTypeRef st = layout_type(LS_##s);                                        \
    unsigned i = 0;                                                              \
    MG_LAYOUT_##s(ASSERT_FIELD)                                                  \
        fprintf(out, "_Static_assert(sizeof(%s) == %llu, \"sizeof %s\");\n", #s, \
                LLVMABISizeOfType(gen.td, st), #s);                              \
  }

void layout_write_asserts(FILE *out) {
  fprintf(out, "#include <stddef.h>\n#include \"runtime.h\"\n");
  MG_LAYOUTS(ASSERT_STRUCT)
}
