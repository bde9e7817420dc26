#!/usr/bin/env python3
"""Benchmark minigo against Go 1.19 and gccgo.

Each bench/NAME.mini is a Go program too: it runs a loop of `const N`
operations and prints a checksum. The runner builds it with

  minigo -O2        as it compiles by default (open-coded defers where
                    no defer is in a loop, chunked records elsewhere)
  seed-after        minigo -O2 --defers=chunked: every defer on the
                    runtime's chunked records, the seed's design
  seed-before       the same object, with the runtime built with
                    -DMG_DEFER_MALLOC_EACH (a heap block per record, as Go
                    before the seed)
  go                Go 1.19, `go build` (GO111MODULE=off)
  gccgo -O2         when gccgo is installed

(the seed's two only for the defer benchmarks, DEFER_BENCHES)

at two iteration counts, N and 2N (copies of the source with the constant
substituted), and times whole processes: ns/op is
(time(2N) - time(N)) / N, which cancels start-up and exit. Runs alternate
between compilers, round after round; the tables take the median time of
the N runs from the median time of the 2N runs (the benchmark lines give
each round's own difference).
Peak memory is the 2N run's ru_maxrss (what `/usr/bin/time -f %M`
prints), or the N run's where N is 1 (a whole program per operation). Heap allocations per operation come
from the runtime's statistics mode (-DMG_STATS, which prints "mg-stats:
allocs=N bytes=M" at exit), by the same difference.

Output: Go benchmark lines (one per round, so benchstat reads them), one
block per compiler headed by a "compiler:" configuration line, then the
comparison table and the seed's before/after table in Markdown.

A file may hold several benchmarks: each line
`// variant NAME: CONST=VALUE ...` after the first gives one, named
BenchmarkX/NAME, whose source has those package-level constants (N too)
set to those values.

Usage:
  tools/bench.py [--minigo build/minigo] [--rounds 5] [--filter RE] [--quick]
                 [--no-gccgo] [--no-minigo] [--keep DIR]

--no-minigo times Go and gccgo only (for programs minigo cannot compile
yet); its table compares gccgo with Go.
"""

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

import targets  # the table of targets, codegen/targets.def

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

# The runtime variants (library name suffixes) the runner links against.
# Those are built on request by meson: see runtime/meson.build.
VARIANT_LIBS = {
    "minigo": "",
    "minigo-malloc-each": "_malloc_each",
    "minigo-stats": "_stats",
    "minigo-malloc-each-stats": "_malloc_each_stats",
}

# A run of N iterations that takes more CPU time than this (seconds) makes
# the runner scale that compiler's N down by 10 for the benchmark, so that
# a slow compiler (gccgo recovering 100 frames up) does not take minutes.
# CPU time, not wall time: on a loaded machine a run waits several times
# its CPU time, and scaling N down on that account only makes start-up
# noise a larger part of the difference of two runs.
MAX_RUN_SECONDS = 1.0

# Peak memory is the benchmark's point here: every compiler runs the same N.
SAME_N_FOR_ALL = {"BenchmarkDeferMany", "BenchmarkBinaryTrees", "BenchmarkBlocked"}

# Never scaled down: their runs are mostly set-up (a map of a million
# entries) or their N is a few whole steps (an image, the power method), so
# a tenth of N would leave the difference of two runs in the noise.
UNSCALED = re.compile(r"/1000000$|^BenchmarkSpectralNorm$|^BenchmarkMandelbrot$")

# The benchmarks of defer, panic and recover, in the tables' order: only
# these are also built as the seed's before and after.
DEFER_BENCHES = ["Call", "Defer", "Defer10", "DeferMany", "PanicRecover", "DeepRecover"]


def set_const(source, name, value, path):
    """source with the package-level `const name = ...` line set to value."""
    pattern = r"^const %s = .*$" % re.escape(name)
    if not re.search(pattern, source, re.M):
        sys.exit(f"bench.py: {path}: a variant sets {name}, which has no line 'const {name} = ...'")
    return re.sub(pattern, lambda _: f"const {name} = {value}", source, flags=re.M)


def load_benches(path):
    """The benchmarks of one file: itself, or one per variant line."""
    source = open(path).read()
    variants = re.findall(r"^// variant ([\w/.-]+): (.*)$", source, re.M)
    if not variants:
        return [Bench(path, source)]
    benches = []
    for name, settings in variants:
        text = source
        for setting in settings.split():
            key, _, value = setting.partition("=")
            text = set_const(text, key, value, path)
        benches.append(Bench(path, text, name))
    return benches


class Bench:
    def __init__(self, path, source, variant=None):
        self.path = path
        self.source = source
        m = re.match(r"//\s*(Benchmark\w+)", self.source)
        if not m:
            sys.exit(f"bench.py: {path}: the first line must name the benchmark")
        self.name = m.group(1) + (f"/{variant}" if variant else "")
        m = re.search(r"^const N = (\d+)$", self.source, re.M)
        if not m:
            sys.exit(f"bench.py: {path}: no line 'const N = NUMBER'")
        self.n = int(m.group(1))
        self.n_for = {}  # compiler -> the N it runs with
        self.is_defer = self.name[len("Benchmark"):] in DEFER_BENCHES
        # One operation is the whole program (binary-trees): its peak
        # memory is the N run's, since a second run in the same process
        # measures what the first left behind (a conservative collector
        # keeps trees that stale stack slots point to).
        self.whole_program = self.n == 1

    def source_with(self, n):
        return re.sub(r"^const N = \d+$", f"const N = {n}", self.source, flags=re.M)


def run_quiet(argv, cwd=None, env=None):
    p = subprocess.run(argv, cwd=cwd, env=env, capture_output=True, text=True)
    if p.returncode != 0:
        sys.exit(f"bench.py: {' '.join(argv)} failed:\n{p.stdout}{p.stderr}")
    return p.stdout


class Toolchain:
    """Builds one benchmark source into an executable per compiler."""

    def __init__(self, args):
        self.go = shutil.which("go")
        if not self.go:
            sys.exit("bench.py: go (Go 1.19) is not installed")
        self.gccgo = None if args.no_gccgo else shutil.which("gccgo")
        self.go_env = dict(os.environ, GO111MODULE="off", GOFLAGS="")
        self.minigo = None if args.no_minigo else os.path.abspath(args.minigo)
        if self.minigo:
            self._find_runtimes()

    def _find_runtimes(self):
        builddir = os.path.dirname(self.minigo)
        self.libs = {}
        targets = [f"runtime/libminigo_rt{s}.a" for s in VARIANT_LIBS.values()]
        p = subprocess.run(["ninja", "-C", builddir] + targets, capture_output=True, text=True)
        if p.returncode != 0:
            sys.exit("bench.py: cannot build the runtime variants in " + builddir +
                     " (minigo must be a meson build tree's):\n" + p.stdout + p.stderr)
        for compiler, suffix in VARIANT_LIBS.items():
            self.libs[compiler] = os.path.join(builddir, f"runtime/libminigo_rt{suffix}.a")
        self.libgc = run_quiet(["cc", "-print-file-name=libgc.a"]).strip()

    def compilers(self, bench=None):
        """The compilers timed for bench (for every benchmark: None)."""
        timed = (["minigo"] if self.minigo else []) + ["go"] + (["gccgo"] if self.gccgo else [])
        if not self.minigo or bench is not None and not bench.is_defer:
            return timed
        return timed + ["seed-before", "seed-after"]

    def build(self, source, workdir, with_seed):
        """Returns {compiler: executable} for every compiler and variant;
        the seed's only when with_seed."""
        os.makedirs(workdir, exist_ok=True)
        src = os.path.join(workdir, "main.go")
        with open(src, "w") as f:
            f.write(source)
        exes = {}
        objs = {}
        for defers in () if not self.minigo else ("open", "chunked") if with_seed else ("open",):
            objs[defers] = os.path.join(workdir, f"main-{defers}.o")
            run_quiet([self.minigo, "build", "-O2", "--emit=obj", f"--defers={defers}",
                       "-o", objs[defers], src])
        # name: (object, runtime variant)
        links = {
            "minigo": ("open", "minigo"),
            "minigo-stats": ("open", "minigo-stats"),
            "seed-after": ("chunked", "minigo"),
            "seed-after-stats": ("chunked", "minigo-stats"),
            "seed-before": ("chunked", "minigo-malloc-each"),
            "seed-before-stats": ("chunked", "minigo-malloc-each-stats"),
        }
        for name, (defers, variant) in links.items():
            if defers not in objs:
                continue
            exe = os.path.join(workdir, name)
            run_quiet(["cc", "-o", exe, objs[defers], self.libs[variant], self.libgc,
                       "-lbacktrace", "-lpthread", "-ldl"])
            exes[name] = exe
        exes["go"] = os.path.join(workdir, "go")
        run_quiet([self.go, "build", "-o", exes["go"], "main.go"], cwd=workdir, env=self.go_env)
        if self.gccgo:
            exes["gccgo"] = os.path.join(workdir, "gccgo")
            run_quiet([self.gccgo, "-O2", "-o", exes["gccgo"], "main.go"], cwd=workdir)
        return exes


# Runs one program and reports its own resource use. Python cannot do this
# itself: a child forked from Python counts Python's memory in its peak RSS
# (Linux keeps the larger of the pre-exec and post-exec figures), so the
# program is started from this small process instead.
SPAWN_C = r"""
#include <stdio.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

// spawn REPORT EXE: runs EXE, then writes to REPORT
// "wall_ns user_us sys_us maxrss_kb exit_status".
int main(int argc, char **argv) {
  if (argc != 3)
    return 2;
  struct timespec t0, t1;
  clock_gettime(CLOCK_MONOTONIC, &t0);
  pid_t pid = fork();
  if (pid == 0) {
    execl(argv[2], argv[2], (char *)NULL);
    _exit(127);
  }
  int status;
  struct rusage ru;
  if (pid < 0 || wait4(pid, &status, 0, &ru) < 0)
    return 2;
  clock_gettime(CLOCK_MONOTONIC, &t1);
  FILE *f = fopen(argv[1], "w");
  if (!f)
    return 2;
  long long wall = (t1.tv_sec - t0.tv_sec) * 1000000000LL + (t1.tv_nsec - t0.tv_nsec);
  int code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  fprintf(f, "%lld %lld %lld %ld %d\n", wall,
          ru.ru_utime.tv_sec * 1000000LL + ru.ru_utime.tv_usec,
          ru.ru_stime.tv_sec * 1000000LL + ru.ru_stime.tv_usec, ru.ru_maxrss, code);
  return fclose(f) == 0 ? 0 : 2;
}
"""


class Run:
    """One process: wall and CPU seconds, peak RSS in KiB, exit status,
    output. spawn is the compiled SPAWN_C."""

    spawn = None

    def __init__(self, exe):
        with tempfile.TemporaryDirectory() as tmp:
            report = os.path.join(tmp, "report")
            p = subprocess.run([Run.spawn, report, exe], capture_output=True)
            if p.returncode != 0:
                sys.exit(f"bench.py: could not run {exe}")
            wall, user, sys_, rss, status = open(report).read().split()
        self.wall = int(wall) / 1e9
        self.cpu = (int(user) + int(sys_)) / 1e6
        self.maxrss_kb = int(rss)
        self.status = int(status)
        self.stdout = p.stdout.decode(errors="replace")
        self.stderr = p.stderr.decode(errors="replace")

    def output(self):
        """What the program printed, without the statistics line."""
        err = re.sub(r"^mg-stats: .*\n", "", self.stderr, flags=re.M)
        return (self.status, self.stdout, err)

    def stats(self):
        m = re.search(r"^mg-stats: allocs=(\d+) bytes=(\d+)$", self.stderr, re.M)
        return (int(m.group(1)), int(m.group(2))) if m else None


class Result:
    """Per benchmark and compiler: the per-round samples."""

    def __init__(self, n):
        self.n = n
        self.ns = []        # wall ns/op per round, for the benchmark lines
        self.one = []       # (wall, cpu) seconds of the N run per round
        self.two = []       # the same for the 2N run
        self.rss_kb = []    # peak RSS of the 2N run per round
        self.allocs = None  # (allocs/op, B/op) from a statistics build

    # The tables take the median N run from the median 2N run. A run can
    # only be slowed by the machine (another process, the kernel clearing
    # fresh pages slowly), and a round's own difference is spoiled when
    # either of its runs is: the medians of the runs themselves shrug off
    # up to half of each being slow.
    def _median_per_op(self, i):
        if not self.one:
            return None
        two = statistics.median(t[i] for t in self.two)
        one = statistics.median(t[i] for t in self.one)
        return (two - one) * 1e9 / self.n

    def median_ns(self):
        return self._median_per_op(0)

    def median_cpu_ns(self):
        return self._median_per_op(1)

    def median_rss(self):
        return statistics.median(self.rss_kb) if self.rss_kb else None


def check_output(bench, runs, errors):
    """Every compiler's program must print what Go's prints."""
    want = runs["go"].output()
    for compiler, run in runs.items():
        if run.output() != want:
            errors.append(f"{bench.name}: {compiler} printed {run.output()!r}, "
                          f"Go printed {want!r}")


def prepare(bench, tc, workdir, scale, errors):
    """Builds every compiler's N and 2N executables, scaling a compiler's N
    down where one run takes too long; returns {compiler: (exe_n, exe_2n)}."""
    n = max(min(10, bench.n), bench.n // scale)
    exes = tc.build(bench.source_with(n), os.path.join(workdir, bench.name, str(n)),
                    bench.is_defer)
    runs = {c: Run(e) for c, e in exes.items()}
    check_output(bench, runs, errors)
    n_for = {c: n for c in exes}
    if bench.name not in SAME_N_FOR_ALL and not UNSCALED.search(bench.name):
        for c in tc.compilers(bench):
            cpu = runs[c].cpu
            while cpu > MAX_RUN_SECONDS and n_for[c] >= 1000:
                n_for[c] //= 10
                cpu /= 10
    built = {n: exes}
    for count in set(n_for.values()) | {2 * v for v in n_for.values()}:
        if count not in built:
            built[count] = tc.build(bench.source_with(count),
                                    os.path.join(workdir, bench.name, str(count)),
                                    bench.is_defer)
    pairs = {c: (built[n_for[c]][c], built[2 * n_for[c]][c]) for c in exes}
    bench.n_for = n_for
    return pairs


def count_allocs(bench, pairs, stats_compiler):
    """(allocs/op, B/op) from a statistics build's N and 2N runs."""
    one, two = (Run(e).stats() for e in pairs[stats_compiler])
    if one is None or two is None:
        return None
    n = bench.n_for[stats_compiler]
    return ((two[0] - one[0]) / n, (two[1] - one[1]) / n)


def measure(benches, tc, args, workdir):
    scale = 4 if args.quick else 1
    errors = []
    pairs = {}
    results = {}
    for b in benches:
        print(f"building {b.name} ...", file=sys.stderr, flush=True)
        pairs[b.name] = prepare(b, tc, workdir, scale, errors)
        results[b.name] = {c: Result(b.n_for[c]) for c in tc.compilers(b)}
        for c in ("minigo", "seed-before", "seed-after"):
            if c in results[b.name]:
                results[b.name][c].allocs = count_allocs(b, pairs[b.name], c + "-stats")
    for r in range(args.rounds):
        print(f"round {r + 1}/{args.rounds} ...", file=sys.stderr, flush=True)
        for b in benches:
            # Rotating the order spreads any drift of the machine over all.
            compilers = tc.compilers(b)
            order = compilers[r % len(compilers):] + compilers[:r % len(compilers)]
            runs = {}
            for c in order:
                runs[c] = (Run(pairs[b.name][c][0]), Run(pairs[b.name][c][1]))
            for c, (one, two) in runs.items():
                res = results[b.name][c]
                res.ns.append((two.wall - one.wall) * 1e9 / res.n)
                res.one.append((one.wall, one.cpu))
                res.two.append((two.wall, two.cpu))
                res.rss_kb.append((one if b.whole_program else two).maxrss_kb)
                if two.status != 0:
                    errors.append(f"{b.name}: {c} exited with status {two.status}")
    return results, sorted(set(errors))


def fmt_ns(v):
    if v is None:
        return "—"
    return f"{v:.1f}" if abs(v) < 100 else f"{v:.0f}"


def fmt_ratio(a, b):
    if a is None or b is None or b <= 0:
        return "—"
    return f"{a / b:.2f}×"


def fmt_mb(kb):
    return "—" if kb is None else f"{kb / 1024:.1f} MB"


def print_bench_lines(benches, results, compilers):
    print("goos: linux")
    print("goarch: " + targets.host().arch)
    for c in compilers:
        if not any(results[b.name].get(c) for b in benches):
            continue
        print(f"compiler: {c}")
        for b in benches:
            res = results[b.name].get(c)
            for i in range(len(res.ns) if res else 0):
                line = f"{b.name}\t{res.n}\t{res.ns[i]:.2f} ns/op"
                if res.allocs is not None:
                    line += f"\t{res.allocs[1]:.0f} B/op\t{res.allocs[0]:.2f} allocs/op"
                cpu_ns = (res.two[i][1] - res.one[i][1]) * 1e9 / res.n
                line += f"\t{cpu_ns:.2f} cpu-ns/op\t{res.rss_kb[i]} peak-RSS-KiB"
                print(line)
        print()


def print_go_table(benches, results, compilers):
    """The table of a run without minigo: Go and gccgo side by side."""
    have_gccgo = "gccgo" in compilers
    head = ["benchmark", "Go ns/op"] + \
        (["gccgo ns/op", "gccgo/Go", "gccgo/Go CPU time", "peak RSS Go / gccgo"]
         if have_gccgo else ["Go CPU ns/op", "peak RSS Go"])
    print("| " + " | ".join(head) + " |")
    print("|" + "|".join(["---"] + ["---:"] * (len(head) - 1)) + "|")
    for b in benches:
        go = results[b.name]["go"]
        cells = [b.name.replace("Benchmark", ""), fmt_ns(go.median_ns())]
        if have_gccgo:
            gcc = results[b.name]["gccgo"]
            cells += [fmt_ns(gcc.median_ns()), fmt_ratio(gcc.median_ns(), go.median_ns()),
                      fmt_ratio(gcc.median_cpu_ns(), go.median_cpu_ns()),
                      f"{fmt_mb(go.median_rss())} / {fmt_mb(gcc.median_rss())}"]
        else:
            cells += [fmt_ns(go.median_cpu_ns()), fmt_mb(go.median_rss())]
        print("| " + " | ".join(cells) + " |")


def print_tables(benches, results, compilers):
    if "minigo" not in compilers:
        return print_go_table(benches, results, compilers)
    have_gccgo = "gccgo" in compilers
    head = ["benchmark", "minigo ns/op", "Go ns/op"] + (["gccgo ns/op"] if have_gccgo else []) + \
        ["minigo/Go", "minigo/Go CPU time"] + \
        (["minigo/gccgo", "minigo/gccgo CPU time"] if have_gccgo else []) + \
        ["peak RSS minigo / Go", "allocs/op minigo"]
    print("| " + " | ".join(head) + " |")
    print("|" + "|".join(["---"] + ["---:"] * (len(head) - 1)) + "|")
    for b in benches:
        r = results[b.name]
        mg, go = r["minigo"].median_ns(), r["go"].median_ns()
        cells = [b.name.replace("Benchmark", ""), fmt_ns(mg), fmt_ns(go)]
        if have_gccgo:
            cells.append(fmt_ns(r["gccgo"].median_ns()))
        rss_mg, rss_go = r["minigo"].median_rss(), r["go"].median_rss()
        cells.append(fmt_ratio(mg, go))
        cells.append(fmt_ratio(r["minigo"].median_cpu_ns(), r["go"].median_cpu_ns()))
        if have_gccgo:
            cells.append(fmt_ratio(mg, r["gccgo"].median_ns()))
            cells.append(fmt_ratio(r["minigo"].median_cpu_ns(), r["gccgo"].median_cpu_ns()))
        cells.append(f"{fmt_mb(rss_mg)} / {fmt_mb(rss_go)} = {fmt_ratio(rss_mg, rss_go)}")
        allocs = r["minigo"].allocs
        cells.append("—" if allocs is None else f"{allocs[0]:.2f}")
        print("| " + " | ".join(cells) + " |")
    if any(b.is_defer for b in benches):
        print()
        print_seed_table([b for b in benches if b.is_defer], results)


def print_seed_table(benches, results):
    print("The seed's before/after, with every defer on runtime records (--defers=chunked):")
    print("one heap block per record (before) against records carved from per-goroutine")
    print("chunks (after), same compiled code; then minigo as it compiles by default.")
    print()
    print("| benchmark | before ns/op | after ns/op | after/before "
          "| allocs/op before | allocs/op after | minigo ns/op |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for b in benches:
        if b.name == "BenchmarkCall":
            continue
        r = results[b.name]
        before, after = r["seed-before"], r["seed-after"]
        cells = [b.name.replace("Benchmark", ""), fmt_ns(before.median_ns()),
                 fmt_ns(after.median_ns()), fmt_ratio(after.median_ns(), before.median_ns())]
        for res in (before, after):
            cells.append("—" if res.allocs is None else f"{res.allocs[0]:.2f}")
        cells.append(fmt_ns(r["minigo"].median_ns()))
        print("| " + " | ".join(cells) + " |")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--minigo", default=os.path.join(ROOT, "build", "minigo"),
                    help="minigo in a meson build tree (default: build/minigo)")
    ap.add_argument("--rounds", type=int, help="rounds of runs (default 5, 3 with --quick)")
    ap.add_argument("--filter", default="", help="regexp on benchmark names")
    ap.add_argument("--quick", action="store_true",
                    help="3 rounds (unless --rounds) and a quarter of each N")
    ap.add_argument("--no-gccgo", action="store_true")
    ap.add_argument("--no-minigo", action="store_true",
                    help="time Go and gccgo only")
    ap.add_argument("--keep", help="build in this folder and keep it")
    args = ap.parse_args()
    if args.rounds is None:
        args.rounds = 3 if args.quick else 5
    if args.rounds < 1:
        sys.exit("bench.py: --rounds must be at least 1")

    benches = [b for p in sorted(
        os.path.join(ROOT, "bench", f) for f in os.listdir(os.path.join(ROOT, "bench"))
        if f.endswith(".mini")) for b in load_benches(p)]
    benches = [b for b in benches if re.search(args.filter, b.name)]
    if not benches:
        sys.exit("bench.py: no benchmark matches --filter")
    order = DEFER_BENCHES
    benches.sort(key=lambda b: (order.index(b.name[9:]) if b.name[9:] in order else 99, b.name))

    tc = Toolchain(args)
    workdir = args.keep or tempfile.mkdtemp(prefix="minigo-bench-")
    try:
        spawn_c = os.path.join(workdir, "spawn.c")
        os.makedirs(workdir, exist_ok=True)
        with open(spawn_c, "w") as f:
            f.write(SPAWN_C)
        Run.spawn = os.path.join(workdir, "spawn")
        run_quiet(["cc", "-O2", "-o", Run.spawn, spawn_c])
        started = time.perf_counter()
        load_before = os.getloadavg()[0]
        results, errors = measure(benches, tc, args, workdir)
        compilers = tc.compilers()
        print_bench_lines(benches, results, compilers)
        print_tables(benches, results, compilers)
        first = compilers[0]
        scaled = [f"{b.name[9:]}: {c} N={b.n_for[c]}" for b in benches for c in tc.compilers(b)
                  if b.n_for[c] != b.n_for[first]]
        print()
        print(f"{args.rounds} rounds, medians; N per benchmark: " +
              ", ".join(f"{b.name[9:]}={b.n_for[first]}" for b in benches) +
              (" (scaled down: " + ", ".join(scaled) + ")" if scaled else "") +
              f"; {time.perf_counter() - started:.0f} s; load average "
              f"{load_before:.2f} before, {os.getloadavg()[0]:.2f} after")
        for e in errors:
            print("ERROR " + e)
        return 1 if errors else 0
    finally:
        if not args.keep:
            shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
