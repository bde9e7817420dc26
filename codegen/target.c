// target.c: the table of targets (codegen.h's Target).
#include "codegen.h"

#include <string.h>

static const Target targets[] = {
    {.arch = "amd64", .triple = "x86_64-unknown-linux-gnu", .int_bits = 64,
     .cpu = "x86-64", .features = "", .context_save = CONTEXT_SAVE_LLVM_SJLJ,
     .cross_cc = "x86_64-linux-gnu-gcc", .sysroot = "/usr/x86_64-linux-gnu",
     .qemu = "qemu-x86_64"},
    // Debian's armhf baseline: armv7-a with VFPv3-D16 and no NEON, so that
    // d16-d31 are left alone (the triple already says hard float).
    {.arch = "arm", .triple = "armv7-unknown-linux-gnueabihf", .int_bits = 32,
     .cpu = "generic", .features = "-d32,-neon", .context_save = CONTEXT_SAVE_RUNTIME,
     .cross_cc = "arm-linux-gnueabihf-gcc", .sysroot = "/usr/arm-linux-gnueabihf",
     .qemu = "qemu-arm"},
    {.arch = "arm64", .triple = "aarch64-unknown-linux-gnu", .int_bits = 64,
     .cpu = "generic", .features = "", .context_save = CONTEXT_SAVE_RUNTIME,
     .cross_cc = "aarch64-linux-gnu-gcc", .sysroot = "/usr/aarch64-linux-gnu",
     .qemu = "qemu-aarch64"},
};

#if defined(__x86_64__)
static const char host_arch[] = "amd64";
#elif defined(__aarch64__)
static const char host_arch[] = "arm64";
#elif defined(__arm__)
static const char host_arch[] = "arm";
#else
#error "minigo runs on amd64, arm and arm64 hosts"
#endif

static const Target *target_named(const char *arch) {
  for (size_t i = 0; i < sizeof targets / sizeof targets[0]; i++)
    if (strcmp(targets[i].arch, arch) == 0)
      return &targets[i];
  return NULL;
}

const Target *target_host(void) {
  return target_named(host_arch);
}

// The first word of a triple is the machine, in one of these spellings;
// the rest must end in the system and ABI: Linux with the GNU C library,
// for arm its hard-float ABI.
static const struct {
  const char *machine, *arch, *abi;
} spellings[] = {
    {"x86_64", "amd64", "-linux-gnu"},   {"amd64", "amd64", "-linux-gnu"},
    {"arm", "arm", "-linux-gnueabihf"},  {"armv7", "arm", "-linux-gnueabihf"},
    {"armv7a", "arm", "-linux-gnueabihf"}, {"armv7l", "arm", "-linux-gnueabihf"},
    {"aarch64", "arm64", "-linux-gnu"},  {"arm64", "arm64", "-linux-gnu"},
};

const Target *target_parse(const char *triple) {
  size_t len = strcspn(triple, "-");
  const char *rest = triple + len;
  size_t rest_len = strlen(rest);
  for (size_t i = 0; i < sizeof spellings / sizeof spellings[0]; i++) {
    size_t abi_len = strlen(spellings[i].abi);
    if (strlen(spellings[i].machine) == len && strncmp(triple, spellings[i].machine, len) == 0 &&
        rest_len >= abi_len && strcmp(rest + rest_len - abi_len, spellings[i].abi) == 0)
      return target_named(spellings[i].arch);
  }
  return NULL;
}

const char *target_spellings(void) {
  return "x86_64-linux-gnu, arm-linux-gnueabihf, aarch64-linux-gnu";
}
