#!/usr/bin/env bash
# Sets up, builds and runs every test registered with meson, then prints the
# total over all of them as the last line: "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/.."
tools/setup.sh || exit 1

meson test -C build --print-errorlogs -v 2>&1 | tee build/test-output.txt
status=${PIPESTATUS[0]}

# Each runner ends its own output with "N passed, N failed"; sum them.
awk '/^[0-9]+ passed, [0-9]+ failed/ { p += $1; f += $3 }
     END { printf "%d passed, %d failed\n", p, f }' build/test-output.txt
exit "$status"
