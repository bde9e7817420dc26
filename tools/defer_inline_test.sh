#!/usr/bin/env bash
# Runs runtime/tests/compiled/defer_inline.c (compiled code's inline defer
# record allocator against the runtime's) for a cross target under
# qemu-user: defer_check writes the inline carve and pop for the target,
# whose C compiler links the test with them and with the target's runtime
# (built by tools/build-runtime.sh into BUILDDIR/runtime-ARCH). The test
# prints "N passed, N failed".
#
#   tools/defer_inline_test.sh DEFER_CHECK TRIPLE BUILDDIR
set -euo pipefail
src=$(cd "$(dirname "$0")/.." && pwd)
if [ $# -ne 3 ]; then
  echo "usage: tools/defer_inline_test.sh DEFER_CHECK TRIPLE BUILDDIR" >&2
  exit 2
fi
check=$1 triple=$2 builddir=$3
case "$triple" in
  arm-linux-gnueabihf) arch=arm qemu=qemu-arm ;;
  aarch64-linux-gnu) arch=arm64 qemu=qemu-aarch64 ;;
  *) echo "defer_inline_test: unsupported target $triple" >&2; exit 2 ;;
esac
runtime=$builddir/runtime-$arch
out=$runtime/tests
mkdir -p "$out"
"$check" --target="$triple" "$out/defer_inline_ir.o"
# The flags tools/build-runtime.sh builds the runtime's tests with.
"$triple-gcc" -std=gnu11 -O2 -g -Wall -Wextra -I"$src/runtime" \
  -I"$builddir/sysroot-$arch/usr/include" \
  "$src/runtime/tests/compiled/defer_inline.c" "$out/defer_inline_ir.o" \
  -o "$out/defer_inline" "$runtime/libminigo_rt.a" "$runtime/libgc.a" -lbacktrace -lpthread -ldl
"$qemu" -L "/usr/$triple" "$out/defer_inline"
