#!/usr/bin/env bash
# Installs what building and testing minigo needs (Debian 12, as root or with
# sudo), then configures and builds into ./build. Safe to run again.
# The cross compilers and qemu-user are for the targets other than the host
# (codegen/targets.def): the build then makes their runtimes too
# (tools/build-runtime.sh).
set -euo pipefail
cd "$(dirname "$0")/.."

# Installs those of the packages that are not installed yet.
install_missing() {
  local missing=() sudo="" p
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
  done
  [ ${#missing[@]} -gt 0 ] || return 0
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  echo "setup: installing ${missing[*]}"
  $sudo apt-get update -qq || echo "setup: apt-get update reported errors; installing anyway" >&2
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
}

# golang-go (Go 1.19 on Debian 12) is the oracle of the difftest test.
install_missing gcc libc6-dev pkg-config flex bison meson ninja-build llvm-dev libgc-dev \
  libgmp-dev libmpfr-dev \
  python3 qemu-user golang-go
# Then, with python3 there to read codegen/targets.def, Debian's cross
# compiler for each target that is not the host.
host=$(python3 tools/targets.py find deb "$(dpkg --print-architecture)")
mapfile -t cross_compilers < <(python3 tools/targets.py list --except "$host" cross_package)
install_missing "${cross_compilers[@]}"

# Quiet when all is well; the whole output when a step fails.
quietly() {
  local log
  log=$(mktemp)
  if ! "$@" >"$log" 2>&1; then
    cat "$log"
    rm -f "$log"
    echo "setup: '$*' failed" >&2
    return 1
  fi
  rm -f "$log"
}

[ -f build/build.ninja ] || quietly meson setup build
quietly ninja -C build
