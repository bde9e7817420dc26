// target.c: the table of targets (codegen.h's Target), made of targets.def.
#include "codegen.h"

#include <string.h>

// The cross compiler and its C library follow from Debian's GNU triple
// (targets.def says how).
static const Target targets[] = {
#define MG_TARGET(arch_, triple_, int_bits_, cpu_, features_, context_save_, float_to_int_, \
                  fma_, gnu_, qemu_, deb_, meson_, uname_, machines_, abi_, go_env_)     \
  {.arch = arch_, .triple = triple_, .int_bits = int_bits_, .cpu = cpu_,                \
   .features = features_, .context_save = CONTEXT_SAVE_##context_save_,                 \
   .float_to_int = FLOAT_TO_INT_##float_to_int_, .fused_multiply_add = FMA_##fma_, \
   .cross_cc = gnu_ "-gcc", .sysroot = "/usr/" gnu_, .qemu = qemu_},
#include "targets.def"
};

#define TARGET_COUNT (sizeof targets / sizeof targets[0])

// How --target triples may spell each target, in the order of targets[].
static const struct {
  const char *machines;  // first words, separated by spaces
  const char *abi;       // how the rest must end
} spellings[TARGET_COUNT] = {
#define MG_TARGET(arch_, triple_, int_bits_, cpu_, features_, context_save_, float_to_int_, \
                  fma_, gnu_, qemu_, deb_, meson_, uname_, machines_, abi_, go_env_)     \
  {machines_, abi_},
#include "targets.def"
};

// meson.build says which row of targets.def minigo itself runs on: the
// one for meson's host machine.
#ifndef MINIGO_HOST_ARCH
#error "MINIGO_HOST_ARCH (set by meson.build) names the target minigo runs on"
#endif

static const Target *target_named(const char *arch) {
  for (size_t i = 0; i < TARGET_COUNT; i++)
    if (strcmp(targets[i].arch, arch) == 0)
      return &targets[i];
  return NULL;
}

const Target *target_host(void) {
  return target_named(MINIGO_HOST_ARCH);
}

// Whether the len bytes at word are one of the space-separated words.
static bool word_listed(const char *words, const char *word, size_t len) {
  for (const char *w = words; *w;) {
    size_t n = strcspn(w, " ");
    if (n == len && strncmp(w, word, len) == 0)
      return true;
    w += n + (w[n] == ' ');
  }
  return false;
}

// The first word of a triple is the machine, in one of the target's
// spellings; the rest must end in its system and ABI: Linux with the GNU C
// library, for arm its hard-float ABI.
const Target *target_parse(const char *triple) {
  size_t len = strcspn(triple, "-");
  const char *rest = triple + len;
  size_t rest_len = strlen(rest);
  for (size_t i = 0; i < TARGET_COUNT; i++) {
    size_t abi_len = strlen(spellings[i].abi);
    if (word_listed(spellings[i].machines, triple, len) && rest_len >= abi_len &&
        strcmp(rest + rest_len - abi_len, spellings[i].abi) == 0)
      return &targets[i];
  }
  return NULL;
}

// Debian's GNU triples, each after ", ".
static const char gnu_triples[] =
#define MG_TARGET(arch_, triple_, int_bits_, cpu_, features_, context_save_, float_to_int_, \
                  fma_, gnu_, qemu_, deb_, meson_, uname_, machines_, abi_, go_env_)     \
  ", " gnu_
#include "targets.def"
    ;

const char *target_spellings(void) {
  return gnu_triples + 2;
}
