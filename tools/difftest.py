#!/usr/bin/env python3
"""Differential testing of minigo against Go 1.19 on generated programs.

  difftest.py --seed S --count N [--scenarios K] [--dims SPEC]
              [--minigo PATH] [-O 0,2] [-j JOBS] [--gc-stats]
  difftest.py --program FILE [...]
              [--save DIR] [--cache DIR] [--no-reduce] [--max-reduce N] [-v]

Program j (0 <= j < N) is `tools/gen_program.py --seed S*1000003+j
--dims SPEC` (stable: the same S, N and SPEC always test the same
programs; -j changes only how many are tested at once). Each is built
with Go 1.19 (GO111MODULE=off go build; the result of running it is cached
by the program's hash in --cache, default build/difftest-cache, so reruns
skip Go) and with minigo at each -O level; all are run with a timeout and
compared on stdout, stderr up to the "goroutine 1 [running]:" line ("[signal"
lines dropped, as tools/runtests.py does) and exit status.

A Go build failure is a generator bug and fails the program. A mismatch is
reduced (scenario list first, then whole blocks and single lines, keeping
only changes after which Go still builds the program and minigo still
differs in the same way) and saved to --save DIR (default
build/difftest-failures) as PROGRAM.go, PROGRAM-reduced.go and
PROGRAM.txt (both sides' outputs).

--gc-stats links minigo's programs with the runtime's statistics variant
(runtime/libminigo_rt_stats.a, built on demand), which reports at exit how
many collections ran and how many started while a deferred call's record
of its own (more than 1024 bytes of arguments) was pending; the totals are
printed at the end (those report lines are not compared).

Prints one line per program and level, "ok"/"FAIL", in program order, and
ends with exactly one line "N passed, N failed"; exits 1 if any failed, 2 if
Go 1.19 is missing.
"""

import argparse
import concurrent.futures
import hashlib
import json
import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.dont_write_bytecode = True   # no __pycache__ in the source tree
sys.path.insert(0, HERE)
import gen_program  # noqa: E402
import runtests  # noqa: E402  (stderr normalization, process running)

RUN_TIMEOUT = 20
# A shared machine can be so loaded that a program which finishes in a
# second takes longer than RUN_TIMEOUT (Go's build and minigo's alike, in
# runs made while the test suite ran twice over on 2 cores). A run that
# times out is repeated once with this many times the limit: a program that
# really hangs times out again.
TIMEOUT_RETRY_FACTOR = 6
# Go 1.19's own runtime sometimes dies on a generated program ("found bad
# pointer in Go heap" on 5 of 6 runs of difftest --seed 700's program 174,
# whose minigo output equals Go's runs that finish): that is not the
# program's behaviour, so such a run of Go's build is repeated, up to
# GO_RUNS times in all.
GO_RUNTIME_FAILURES = ("fatal error: found bad pointer in Go heap",)
GO_RUNS = 10
BUILD_TIMEOUT = 120
SEED_STRIDE = 1000003
STATS_LINE = re.compile(r"^mg-stats: (.*)\n?", re.M)
SCENARIO_LIST = re.compile(r"^(\tfor _, i := range \[\]int\{)([^}]*)(\} \{)$",
                           re.M)


def go_env():
  env = dict(os.environ)
  env["GO111MODULE"] = "off"
  env["GOFLAGS"] = ""
  env["CGO_ENABLED"] = "0"
  return env


def check_go():
  """Exits with status 2 and a clear message unless Go 1.19 is installed."""
  go = shutil.which("go")
  if go is None:
    print("difftest: Go 1.19 is needed as the oracle and `go` is not "
          "installed (apt-get install golang-go, or run tools/setup.sh)",
          flush=True)
    print("0 passed, 1 failed", flush=True)
    sys.exit(2)
  out = subprocess.run([go, "version"], stdout=subprocess.PIPE,
                       universal_newlines=True).stdout
  if not re.search(r"\bgo1\.19(\.\d+)?\b", out):
    print("difftest: need Go 1.19, `go version` says: %s" % out.strip(),
          flush=True)
    print("0 passed, 1 failed", flush=True)
    sys.exit(2)


# What Go 1.19's runtime prints when its collector finds a pointer into
# freed memory: a bug of Go's (seen, now and then, on a generated program
# mixing interface method values, deferred calls and the gc dimension's
# collections), after which its output is no oracle. Such a program is
# skipped and saved, not counted as failed.
GO_HEAP_CORRUPT = ("fatal error: found bad pointer in Go heap",
                   "fatal error: found pointer to free object")


class Outcome:
  """What running a program produced, normalized for comparison."""

  def __init__(self, status, stdout, stderr):
    self.status = status
    self.stdout = stdout
    self.stderr = runtests.normalize_stderr(stderr)

  def to_json(self):
    return {"status": self.status, "stdout": self.stdout,
            "stderr": self.stderr}

  @staticmethod
  def from_json(d):
    o = Outcome(d["status"], d["stdout"], "")
    o.stderr = d["stderr"]
    return o

  def differences(self, other):
    """The set of aspects in which other differs from self."""
    diff = set()
    if self.status != other.status:
      diff.add("status")
    if self.stdout != other.stdout:
      diff.add("stdout")
    if self.stderr != other.stderr:
      diff.add("stderr")
    return frozenset(diff)

  def describe(self):
    return "exit status: %s\n--- stdout\n%s--- stderr\n%s" % (
        self.status, self.stdout, self.stderr)


def run_exe(exe, workdir, stats=None, runner=()):
  """The Outcome of running exe (under runner, a command prefix); with
  stats (a GcStats), the runtime's statistics lines are counted there and
  left out of the comparison."""
  limit = RUN_TIMEOUT * (10 if runner else 1)
  status, out, err, timed_out = runtests.run_process(list(runner) + [exe], limit, cwd=workdir)
  if timed_out:
    status, out, err, timed_out = runtests.run_process(
        list(runner) + [exe], limit * TIMEOUT_RETRY_FACTOR, cwd=workdir)
  if timed_out:
    status = "timeout"
  err = runtests.decode(err)
  if stats is not None:
    stats.add(STATS_LINE.findall(err))
    err = STATS_LINE.sub("", err)
  return Outcome(status, runtests.decode(out), err)


class GcStats:
  """Totals of the statistics runtime's reports (--gc-stats)."""

  def __init__(self):
    self.lock = threading.Lock()
    self.runs = self.reported = self.gcs = self.special = 0
    self.runs_special = 0

  def add(self, lines):
    fields = {}
    for line in lines:
      for item in line.split():
        key, _, value = item.partition("=")
        fields[key] = int(value)
    with self.lock:
      self.runs += 1
      if "gcs" not in fields:
        return    # killed, or a fatal error that exits at once
      self.reported += 1
      self.gcs += fields["gcs"]
      self.special += fields.get("gcs-special-pending", 0)
      self.runs_special += fields.get("gcs-special-pending", 0) > 0

  def summary(self):
    return ("# gc-stats: %d of %d minigo runs reported; %d collections, %d "
            "of them while a special defer record was pending (in %d runs)" %
            (self.reported, self.runs, self.gcs, self.special,
             self.runs_special))


class Tester:

  def __init__(self, args):
    self.args = args
    self.workdir = tempfile.mkdtemp(prefix="minigo-difftest-")
    self.stats = GcStats() if args.gc_stats else None
    if args.gc_stats:
      self.stats_link = stats_link_command(args.minigo)

  def scratch(self, kind):
    """A fresh directory for one build (builds may run in parallel)."""
    return tempfile.mkdtemp(prefix=kind + "-", dir=self.workdir)

  def close(self):
    shutil.rmtree(self.workdir, ignore_errors=True)

  # ------------------------------------------------------------ Go side

  def go_outcome(self, source):
    """Go's Outcome for source, or a string (Go's compile errors)."""
    key = hashlib.sha256(source.encode()).hexdigest()
    path = os.path.join(self.args.cache, key[:2], key + ".json")
    if os.path.exists(path):
      with open(path) as f:
        d = json.load(f)
      return d["error"] if "error" in d else Outcome.from_json(d)
    d = self.scratch("go")
    with open(os.path.join(d, "main.go"), "w") as f:
      f.write(source)
    p = subprocess.run(["go", "build", "-o", "prog", "main.go"], cwd=d,
                       stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                       env=go_env(), timeout=BUILD_TIMEOUT)
    if p.returncode != 0:
      result, record = runtests.decode(p.stdout), None
      record = {"error": result}
    else:
      for _ in range(GO_RUNS):
        result = run_exe(os.path.join(d, "prog"), d)
        if not any(m in result.stderr for m in GO_RUNTIME_FAILURES):
          break
      record = result.to_json()
    shutil.rmtree(d, ignore_errors=True)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    tmp = "%s.%d.tmp" % (path, threading.get_ident())
    with open(tmp, "w") as f:
      json.dump(record, f)
    os.replace(tmp, path)
    return result

  # ------------------------------------------------------------ minigo side

  def minigo_outcome(self, source, level, counted=True):
    """minigo's Outcome for source at -O level, or a string (its
    compile errors); counted: its --gc-stats count in the totals."""
    d = self.scratch("mg")
    try:
      return self.minigo_build_run(source, level, d, counted)
    finally:
      shutil.rmtree(d, ignore_errors=True)

  def minigo_build_run(self, source, level, d, counted):
    src = os.path.join(d, "prog.mini")
    with open(src, "w") as f:
      f.write(source)
    exe = os.path.join(d, "prog")
    obj = os.path.join(d, "prog.o")
    steps = [[self.args.minigo, "build", "-O%s" % level, "-o", exe, src]]
    if self.stats is not None:
      steps = [[self.args.minigo, "build", "-O%s" % level, "--emit=obj",
                "-o", obj, src], self.stats_link(exe, obj)]
    for argv in steps:
      status, out, err, timed_out = runtests.run_process(argv, BUILD_TIMEOUT)
      if timed_out or status != 0:
        return "%s %s:\n%s" % (
            "minigo build" if argv[0] == self.args.minigo else "link",
            "timed out" if timed_out else runtests.describe_status(status),
            (runtests.decode(out) + runtests.decode(err))[-3000:])
    runner = shlex.split(self.args.runner or "")
    if self.stats is not None and not counted:
      return run_exe(exe, d, GcStats(), runner)
    return run_exe(exe, d, self.stats, runner)

  def compare(self, source, level, counted=True):
    """(go, minigo, kind): kind is None when they agree, 'invalid' when Go
    rejects the program, 'no oracle' when Go's own runtime found its heap
    corrupt (a Go bug: its output says nothing about the program), else a
    frozenset naming what differs."""
    go = self.go_outcome(source)
    if isinstance(go, str):
      return go, None, "invalid"
    if any(marker in go.stderr for marker in GO_HEAP_CORRUPT):
      return go, None, "no oracle"
    mg = self.minigo_outcome(source, level, counted)
    if isinstance(mg, str):
      return go, mg, frozenset(["build"])
    kind = go.differences(mg)
    return go, mg, (kind or None)

  # ------------------------------------------------------------ reducing

  def reduce(self, source, level, kind):
    """A smaller program on which minigo at level still differs from Go
    in the same aspects (kind)."""
    self.checks = 0

    def interesting(candidate):
      self.checks += 1
      return self.compare(candidate, level, counted=False)[2] == kind

    source = reduce_scenarios(source, interesting)
    changed = True
    while changed:
      changed = False
      for candidates in (block_ranges, unwrap_ranges, single_lines):
        source, did = remove_chunks(source, candidates, interesting)
        changed = changed or did
    return source


# ---------------------------------------------------------------- reducers


def reduce_scenarios(source, interesting):
  """ddmin over the scenario list of main's loop."""
  m = SCENARIO_LIST.search(source)
  if not m:
    return source
  ids = [x.strip() for x in m.group(2).split(",") if x.strip()]

  def with_ids(subset):
    return source[:m.start(2)] + ", ".join(subset) + source[m.end(2):]

  chunk = max(1, len(ids) // 2)
  while chunk >= 1 and len(ids) > 1:
    i, progress = 0, False
    while i < len(ids):
      trial = ids[:i] + ids[i + chunk:]
      if trial and interesting(with_ids(trial)):
        ids, progress = trial, True
      else:
        i += chunk
    if not progress:
      chunk //= 2
  return with_ids(ids)


def closing_line(lines, start):
  """Index of the line closing the block opened at lines[start] (for an
  if/else chain, the end of the last else), or None. Generated programs
  put no braces in strings."""
  depth = 0
  for j in range(start, len(lines)):
    depth += lines[j].count("{") - lines[j].count("}")
    if depth <= 0:
      return j if j > start else None
  return None


def indent_of(line):
  return len(line) - len(line.lstrip("\t"))


def block_ranges(lines):
  """Whole statements spanning a block (an if/else chain whole, a function,
  a case clause), biggest first, as lists of line indexes."""
  ranges = []
  for i, line in enumerate(lines):
    s = line.strip()
    if s.endswith("{") and not s.startswith("}"):
      j = closing_line(lines, i)
      if j is not None:
        ranges.append((i, j))
    elif s.startswith("case ") or s == "default:":
      j = i + 1
      while j < len(lines) and indent_of(lines[j]) > indent_of(line):
        j += 1
      ranges.append((i, j - 1))
  ranges.sort(key=lambda r: r[0] - r[1])
  return [list(range(a, b + 1)) for a, b in ranges]


def unwrap_ranges(lines):
  """An if or for without else: its header and closing brace, so that
  removing them keeps the body (one indentation level deeper, which Go
  does not mind)."""
  out = []
  for i, line in enumerate(lines):
    s = line.strip()
    if (s.startswith("if ") or s.startswith("for ")) and s.endswith("{"):
      j = closing_line(lines, i)
      if j is None or lines[j].strip() != "}":
        continue
      if any(indent_of(lines[k]) == indent_of(line) for k in range(i + 1, j)):
        continue   # an else branch
      out.append([i, j])
  return out


def single_lines(lines):
  return [[i] for i, line in enumerate(lines)
          if line.strip() and not line.strip().endswith("{")
          and not line.strip().startswith("}")
          and not line.startswith("package ")]


def tidy(source):
  """Drops imports the program no longer uses and runs of blank lines, so
  that removing the last use of a package or a whole function is one step."""
  lines = source.split("\n")
  body = "\n".join(l for l in lines if not re.match(r'^\t"\w+"$', l))
  out = []
  for line in lines:
    m = re.match(r'^\t"(\w+)"$', line)
    if m and m.group(1) + "." not in body:
      continue
    if not line.strip() and out and not out[-1].strip():
      continue
    out.append(line)
  return "\n".join(out)


def remove_chunks(source, candidates, interesting):
  """Tries removing each candidate set of lines once (recomputed after each
  success); returns (source, whether anything was removed)."""
  did = False
  tried = set()
  while True:
    lines = source.split("\n")
    progress = False
    for chunk in candidates(lines):
      key = "\n".join(lines[k] for k in chunk) + "@%d" % chunk[0]
      if key in tried:
        continue
      tried.add(key)
      drop = set(chunk)
      trial = tidy("\n".join(l for k, l in enumerate(lines) if k not in drop))
      if interesting(trial):
        source, progress, did = trial, True, True
        break
    if not progress:
      return source, did


# ---------------------------------------------------------------- driver


def stats_link_command(minigo):
  """A function (exe, obj) -> the command that links a program with the
  statistics runtime of minigo's build tree, built here if missing."""
  builddir = os.path.dirname(minigo)
  lib = os.path.join(builddir, "runtime", "libminigo_rt_stats.a")
  p = subprocess.run(["ninja", "-C", builddir, "runtime/libminigo_rt_stats.a"],
                     stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                     universal_newlines=True)
  if p.returncode != 0:
    sys.exit("difftest: --gc-stats needs %s (minigo must be a meson build "
             "tree's):\n%s" % (lib, p.stdout))
  libgc = subprocess.run(["cc", "-print-file-name=libgc.a"],
                         stdout=subprocess.PIPE,
                         universal_newlines=True).stdout.strip()
  return lambda exe, obj: ["cc", "-o", exe, obj, lib, libgc, "-lbacktrace", "-lpthread",
                           "-ldl"]


def save_failure(args, name, level, source, reduced, tester, kind):
  os.makedirs(args.save, exist_ok=True)
  base = os.path.join(args.save, "%s-O%s" % (name, level))
  with open(base + ".go", "w") as f:
    f.write(source)
  texts = []
  for label, src in (("original", source), ("reduced", reduced)):
    if src is None:
      continue
    go, mg, _ = tester.compare(src, level, counted=False)
    texts.append("==== %s program, differs in %s\n==== Go 1.19\n%s\n"
                 "==== minigo -O%s\n%s\n" % (
                     label, kind if isinstance(kind, str)
                     else ", ".join(sorted(kind)), go if isinstance(go, str)
                     else go.describe(), level,
                     mg if isinstance(mg, str) or mg is None
                     else mg.describe()))
  if reduced is not None:
    with open(base + "-reduced.go", "w") as f:
      f.write(reduced)
  with open(base + ".txt", "w") as f:
    f.write("".join(texts))
  return base


def main():
  ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
  ap.add_argument("--seed", type=int, help="seed of the first program")
  ap.add_argument("--count", type=int, help="programs")
  ap.add_argument("--program", metavar="FILE",
                  help="test (and reduce) this program instead of generated "
                  "ones, e.g. a saved mismatch")
  ap.add_argument("--scenarios", type=int, default=40,
                  help="scenarios per program (default 40)")
  ap.add_argument("--dims", default="all", type=gen_program.dims_arg,
                  help="the generator's " + gen_program.DIMS_HELP)
  ap.add_argument("-j", "--jobs", type=int, default=1,
                  help="programs built and run at once (default 1)")
  ap.add_argument("--runner", metavar="CMD",
                  help="run minigo's programs under CMD, e.g. 'valgrind -q "
                  "--error-exitcode=99 --suppressions=$PWD/tools/boehm-gc.supp' "
                  "(a report is a mismatch)")
  ap.add_argument("--gc-stats", action="store_true",
                  help="link minigo's programs with the statistics runtime "
                  "and total its collection counts")
  ap.add_argument("--minigo", default=os.path.join(HERE, "..", "build",
                                                   "minigo"))
  ap.add_argument("-O", dest="levels", default="0,2")
  ap.add_argument("--save", default=os.path.join(HERE, "..", "build",
                                                 "difftest-failures"))
  ap.add_argument("--cache", default=os.path.join(HERE, "..", "build",
                                                  "difftest-cache"))
  ap.add_argument("--no-reduce", action="store_true",
                  help="save mismatches without reducing them")
  ap.add_argument("--max-reduce", type=int, default=None, metavar="N",
                  help="reduce only the first N mismatches (reducing takes "
                  "minutes; one bug often makes many programs differ)")
  ap.add_argument("-v", dest="verbose", action="store_true",
                  help="print the reduced program of each mismatch")
  args = ap.parse_args()
  if args.program is None and (args.seed is None or args.count is None):
    ap.error("--seed and --count are needed (or --program FILE)")
  check_go()
  args.minigo = os.path.abspath(args.minigo)
  if not os.access(args.minigo, os.X_OK):
    print("difftest: no minigo at %s" % args.minigo, flush=True)
    return 2
  levels = [l.strip() for l in args.levels.split(",") if l.strip()]
  tester = Tester(args)
  count = 1 if args.program else args.count
  passed = failed = skipped = reductions = 0
  start = time.time()
  try:
    for j, (name, source, results) in enumerate(
        checked_programs(tester, levels, count)):
      for level, go, kind in results:
        if kind is None:
          passed += 1
          print("ok   %s -O%s" % (name, level), flush=True)
          continue
        if kind == "no oracle":
          skipped += 1
          base = save_failure(args, name, level, source, None, tester, kind)
          print("SKIP %s -O%s: Go's runtime found its heap corrupt (saved %s.go)" % (
              name, level, base), flush=True)
          break
        failed += 1
        if kind == "invalid":
          base = save_failure(args, name, level, source, None, tester, kind)
          print("FAIL %s -O%s: generator bug, Go rejects the program "
                "(saved %s.go):\n%s" % (name, level, base, go[:2000]),
                flush=True)
          break
        reduce = not args.no_reduce and (args.max_reduce is None or
                                         reductions < args.max_reduce)
        if reduce:
          reductions += 1
          print("# reducing %s -O%s (%s differ)" % (
              name, level, "/".join(sorted(kind))), flush=True)
          reduced = tester.reduce(source, level, kind)
        else:
          reduced = source
        base = save_failure(args, name, level, source,
                            reduced if reduce else None, tester, kind)
        print("FAIL %s -O%s: %s differ; %s: %s%s.go" % (
            name, level, "/".join(sorted(kind)),
            "reduced to %d lines" % reduced.count("\n") if reduce
            else "not reduced", base, "-reduced" if reduce else ""),
            flush=True)
        if args.verbose and reduce:
          print(reduced, flush=True)
      if (j + 1) % 25 == 0:
        print("# %d/%d programs, %d scenarios, %.0fs" % (
            j + 1, count, (j + 1) * args.scenarios,
            time.time() - start), flush=True)
        if tester.stats is not None:  # so that a stopped run has them too
          print(tester.stats.summary(), flush=True)
  finally:
    tester.close()
  if tester.stats is not None:
    print(tester.stats.summary(), flush=True)
  if skipped:
    print("# %d runs skipped: Go's own runtime failed on them" % skipped, flush=True)
  print("%d passed, %d failed" % (passed, failed), flush=True)
  return 1 if failed else 0


def program(args, j):
  """(name, source) of the j-th program tested."""
  if args.program:
    with open(args.program) as f:
      return os.path.splitext(os.path.basename(args.program))[0], f.read()
  seed = args.seed * SEED_STRIDE + j
  return "seed%d" % seed, gen_program.generate(seed, args.scenarios, args.dims)


def check_program(tester, levels, j):
  """(name, source, [(level, go, kind)]) for the j-th program: kind as
  Tester.compare gives it; the levels stop at a program Go rejects."""
  name, source = program(tester.args, j)
  results = []
  for level in levels:
    go, _, kind = tester.compare(source, level)
    results.append((level, go, kind))
    if kind == "invalid":
      break
  return name, source, results


def checked_programs(tester, levels, count):
  """check_program's results for 0 <= j < count, in order, with up to
  --jobs programs built and run at once (and a few more waiting, so that
  a reduction in the caller does not stop the workers)."""
  jobs = max(1, tester.args.jobs)
  with concurrent.futures.ThreadPoolExecutor(jobs) as pool:
    pending = []
    j = 0
    while j < count or pending:
      while j < count and len(pending) < 4 * jobs:
        pending.append(pool.submit(check_program, tester, levels, j))
        j += 1
      yield pending.pop(0).result()


if __name__ == "__main__":
  sys.exit(main())
