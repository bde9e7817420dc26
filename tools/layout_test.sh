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
targets() { python3 "$(dirname "$0")/targets.py" "$@"; }
host=$(targets field host arch) || exit 1
# Every target of codegen/targets.def, the host's compiler standing in for
# its cross compiler where that is missing.
while IFS=$'\t' read -r arch triple cc; do
  [ "$arch" != "$host" ] || command -v "$cc" >/dev/null || cc=cc
  if "$check" "$triple" >"$tmp/$triple.c" &&
     "$cc" -std=gnu11 -fsyntax-only -I "$runtime" "$tmp/$triple.c"; then
    echo "ok   layouts $triple ($(grep -c _Static_assert "$tmp/$triple.c") assertions)"
    passed=$((passed + 1))
  else
    echo "FAIL layouts $triple"
    failed=$((failed + 1))
  fi
done < <(targets list arch gnu cross_cc)
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
