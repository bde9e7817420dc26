#!/usr/bin/env bash
# Builds minigo's runtime for a cross target:
#
#   tools/build-runtime.sh [--test] [--stamp FILE] TRIPLE [BUILDDIR]
#
# TRIPLE names a target of codegen/targets.def other than the host, in any
# spelling minigo accepts (arm-linux-gnueabihf, aarch64-linux-gnu, ...);
# BUILDDIR defaults to ./build. The result is
# BUILDDIR/runtime-ARCH/libminigo_rt.a with that architecture's libgc.a
# beside it, where `minigo build --target=TRIPLE` looks (ARCH is Go's name:
# arm or arm64). libgc comes from Debian's package for the architecture,
# fetched and unpacked into BUILDDIR/sysroot-ARCH without changing apt's own
# configuration. With --test the runtime's C unit tests are built too and
# run under qemu-user; each prints "N passed, N failed". --stamp touches
# FILE once the runtime is built (meson's record that it ran).
#
# Needs Debian's cross compiler for the target (gcc-arm-linux-gnueabihf,
# gcc-aarch64-linux-gnu, ...) and, for --test, qemu-user: tools/setup.sh
# installs them.
set -euo pipefail
src=$(cd "$(dirname "$0")/.." && pwd)

run_tests=false
stamp=
while [ $# -gt 0 ]; do
  case "$1" in
    --test) run_tests=true; shift ;;
    --stamp) stamp=${2:?--stamp needs a file}; shift 2 ;;
    *) break ;;
  esac
done
if [ $# -lt 1 ] || [ $# -gt 2 ]; then
  echo "usage: tools/build-runtime.sh [--test] [--stamp FILE] TRIPLE [BUILDDIR]" >&2
  exit 2
fi

# What codegen/targets.def says of the target, which any spelling minigo
# accepts for --target names; the host's runtime is meson's to build.
target() { python3 "$src/tools/targets.py" field "$1" "$2"; }
host=$(target host arch)
if ! arch=$(target "$1" arch 2>/dev/null) || [ "$arch" = "$host" ]; then
  cross=$(python3 "$src/tools/targets.py" list --except "$host" gnu)
  echo "build-runtime: unsupported target $1 (supported: ${cross//$'\n'/, })" >&2
  exit 2
fi
gnu=$(target "$arch" gnu) deb=$(target "$arch" deb) qemu=$(target "$arch" qemu)
cc=$(target "$arch" cross_cc) ar=$(target "$arch" cross_ar) libc=$(target "$arch" sysroot)
builddir=$(mkdir -p "${2:-build}" && cd "${2:-build}" && pwd)
command -v "$cc" >/dev/null || {
  echo "build-runtime: $cc not found (tools/setup.sh installs it)" >&2
  exit 1
}

# libgc for the target: Debian's libgc-dev for that architecture, downloaded
# with a private package list so that apt's configuration stays as it is.
sysroot=$builddir/sysroot-$arch
fetch_libgc() {
  local apt=$builddir/apt-$deb
  local opts=(-q -o "APT::Architecture=$deb" -o "APT::Architectures=$deb"
              -o "Dir::State::Lists=$apt/lists" -o "Dir::Cache=$apt/cache"
              -o "APT::Sandbox::User=root")
  mkdir -p "$apt/lists/partial" "$apt/cache/archives/partial" "$apt/debs"
  # A mirror caught mid-sync fails some lists; the download below says
  # whether the ones needed were had.
  apt-get "${opts[@]}" update >"$apt/update.log" 2>&1 || true
  rm -f "$apt/debs"/*.deb
  (cd "$apt/debs" && apt-get "${opts[@]}" download "libgc-dev:$deb" >/dev/null) || {
    cat "$apt/update.log" >&2
    exit 1
  }
  rm -rf "$sysroot.new"
  dpkg -x "$apt"/debs/libgc-dev_*.deb "$sysroot.new"
  rm -rf "$sysroot"
  mv "$sysroot.new" "$sysroot"
}
[ -f "$sysroot/usr/lib/$gnu/libgc.a" ] || fetch_libgc

# The flags meson uses for the host's runtime (warning_level=2, the strict
# warnings, debugoptimized, unwind tables).
cflags=(-std=gnu11 -O2 -g -fno-omit-frame-pointer -funwind-tables -Wall -Wextra -Wshadow
        -Wstrict-prototypes -Wmissing-prototypes -Wno-unused-parameter
        -I"$src/runtime" -I"$sysroot/usr/include")

out=$builddir/runtime-$arch
mkdir -p "$out/obj"
lib=$out/libminigo_rt.a
sources=("$src"/runtime/*.c "$src/runtime/arch/$arch/context.S")
# Rebuilt only when a source or header is newer than the library.
if [ ! -f "$lib" ] || [ -n "$(find "$src/runtime" -maxdepth 3 \
     \( -name '*.[chS]' \) -not -path '*/tests/*' -newer "$lib" | head -1)" ]; then
  objs=()
  for s in "${sources[@]}"; do
    o=$out/obj/$(basename "${s%.*}").o
    "$cc" "${cflags[@]}" -c "$s" -o "$o"
    objs+=("$o")
  done
  # Replaced in one step: golden tests may be linking against it now.
  rm -f "$lib.new"
  "$ar" rcs "$lib.new" "${objs[@]}"
  mv "$lib.new" "$lib"
fi
if ! cmp -s "$sysroot/usr/lib/$gnu/libgc.a" "$out/libgc.a"; then
  cp -p "$sysroot/usr/lib/$gnu/libgc.a" "$out/libgc.a.new"
  mv "$out/libgc.a.new" "$out/libgc.a"
fi
[ -z "$stamp" ] || touch "$stamp"

if $run_tests; then
  mkdir -p "$out/tests"
  status=0
  for t in "$src"/runtime/tests/*.c; do
    exe=$out/tests/$(basename "${t%.c}")
    "$cc" "${cflags[@]}" "$t" -o "$exe" "$lib" "$out/libgc.a" -lbacktrace -lpthread -ldl
    "$qemu" -L "$libc" "$exe" || status=1
  done
  exit $status
fi
