#!/usr/bin/env python3
"""Differential test of the runtime's float formatting (runtime/ftoa.c)
against Go 1.19's strconv.

tools/ftoa_diff/gen.go writes pseudo-random float64 and float32 values
(uniform bit patterns, subnormals, neighbours of powers of ten and two,
short integers times powers of two) with strconv.FormatFloat's text for
shortest, %e, %f and %g at several precisions, and %b/%x/%X/%G;
tools/ftoa_diff/check.c, linked with the runtime, formats each again and
reports the lines that differ. The values are split into chunks of
--chunk values, chunk i from seed SEED+i, run --jobs at a time.

    tools/ftoa_diff.py --check build/runtime/ftoa_check --values 10000000
    FTOA_BENCH=20000000 build/runtime/ftoa_check   # ns per shortest conversion

Exit status 1 when any conversion differs.
"""
import argparse
import os
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor

HERE = os.path.dirname(os.path.abspath(__file__))


def build_gen(tmp):
    exe = os.path.join(tmp, "ftoa_gen")
    subprocess.run(["go", "build", "-o", exe, os.path.join(HERE, "ftoa_diff", "gen.go")],
                   check=True)
    return exe


def run_chunk(gen, check, runner, seed, n):
    """Returns (conversions checked, differing, report lines)."""
    g = subprocess.Popen([gen, str(seed), str(n)], stdout=subprocess.PIPE)
    c = subprocess.run(runner + [check], stdin=g.stdout, capture_output=True, text=True)
    g.stdout.close()
    if g.wait() != 0:
        raise SystemExit(f"ftoa_diff: gen.go failed for seed {seed}")
    last = c.stdout.strip().splitlines()[-1] if c.stdout.strip() else ""
    words = last.split()
    if len(words) != 5 or words[0] != "checked":
        raise SystemExit(f"ftoa_diff: checker failed for seed {seed}: {c.stdout}{c.stderr}")
    diffs = [l for l in c.stdout.splitlines() if l.startswith("DIFF")]
    return int(words[1]), int(words[3]), diffs


def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--check", required=True, help="the built checker (ftoa_check)")
    ap.add_argument("--values", type=int, default=20000, help="values in all (default 20000)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--chunk", type=int, default=200000)
    ap.add_argument("--jobs", type=int, default=1)
    ap.add_argument("--runner", default="", help="command to run the checker under (qemu)")
    args = ap.parse_args()
    runner = args.runner.split()
    chunks = []
    left, seed = args.values, args.seed
    while left > 0:
        n = min(left, args.chunk)
        chunks.append((seed, n))
        left -= n
        seed += 1
    total = bad = 0
    with tempfile.TemporaryDirectory() as tmp:
        gen = build_gen(tmp)
        with ThreadPoolExecutor(args.jobs) as pool:
            futures = [pool.submit(run_chunk, gen, args.check, runner, s, n) for s, n in chunks]
            for (s, n), f in zip(chunks, futures):
                checked, differ, diffs = f.result()
                total += checked
                bad += differ
                for d in diffs:
                    print(f"seed {s}: {d}")
    print(f"ftoa_diff: {args.values} values (seeds {args.seed}..{seed - 1}), "
          f"{total} conversions, {bad} differ from Go")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
