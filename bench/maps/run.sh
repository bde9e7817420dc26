#!/usr/bin/env bash
# Builds mapbench.c (against BUILDDIR's runtime) and mapbench.go, runs
# each RUNS times alternately, and prints the median ns/op of both and
# their ratio per benchmark, then the peak memory of building a
# 1,000,000-entry map[int]int and map[string]int.
#   bench/maps/run.sh [BUILDDIR] [RUNS]
set -euo pipefail
src=$(cd "$(dirname "$0")/../.." && pwd)
build=${1:-$src/build} runs=${2:-5}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cc -O2 -I"$src/runtime" "$src/bench/maps/mapbench.c" "$build/runtime/libminigo_rt.a" \
   $(pkg-config --libs --static bdw-gc) -o "$tmp/c"
(cd "$src/bench/maps" && go build -o "$tmp/go" mapbench.go)
for i in $(seq "$runs"); do
  "$tmp/c" >"$tmp/c.$i"
  "$tmp/go" >"$tmp/go.$i"
done
python3 - "$tmp" "$runs" <<'PY'
import sys, statistics
tmp, runs = sys.argv[1], int(sys.argv[2])
def medians(prog):
    vals = {}
    for i in range(1, runs + 1):
        for line in open(f"{tmp}/{prog}.{i}"):
            name, ns = line[:28].strip(), float(line[28:].split()[0])
            vals.setdefault(name, []).append(ns)
    return {k: statistics.median(v) for k, v in vals.items()}
c, g = medians("c"), medians("go")
print(f"{'benchmark':28} {'minigo':>9} {'go':>9} {'ratio':>6}")
for k in c:
    print(f"{k:28} {c[k]:9.2f} {g[k]:9.2f} {c[k] / g[k]:6.2f}")
PY
for mode in mem-int mem-string; do
  for p in c go; do
    kb=$(MAPBENCH=$mode /usr/bin/time -f %M "$tmp/$p" 2>&1 >/dev/null | tail -1)
    echo "peak $mode $p: $kb KB"
  done
done
