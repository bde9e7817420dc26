#!/usr/bin/env bash
# Proves that LLVM and each target's C compiler lay out the runtime structs
# compiled code touches (runtime/layouts.def) the same way: layout_check
# writes LLVM's offsets and sizes as C assertions, which must compile
# against runtime.h with the target's compiler. A target whose compiler is
# missing counts as failed: tools/setup.sh installs them all.
#
#   tools/layout_test.sh LAYOUT_CHECK RUNTIME_DIR
set -uo pipefail
check=$1 runtime=$2
passed=0 failed=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for t in x86_64-linux-gnu:x86_64-linux-gnu-gcc:cc \
         arm-linux-gnueabihf:arm-linux-gnueabihf-gcc \
         aarch64-linux-gnu:aarch64-linux-gnu-gcc; do
  IFS=: read -r triple cc fallback <<<"$t"
  command -v "$cc" >/dev/null || cc=${fallback:-$cc}
  if "$check" "$triple" >"$tmp/$triple.c" &&
     "$cc" -std=gnu11 -fsyntax-only -I "$runtime" "$tmp/$triple.c"; then
    echo "ok   layouts $triple ($(grep -c _Static_assert "$tmp/$triple.c") assertions)"
    passed=$((passed + 1))
  else
    echo "FAIL layouts $triple"
    failed=$((failed + 1))
  fi
done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
