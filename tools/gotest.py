#!/usr/bin/env python3
"""Run Go 1.19's own single-file `// run` tests with minigo: the measure of
how much of Go minigo compiles.

  tools/gotest.py --minigo PATH [--goroot DIR] [--dirs .,fixedbugs,chan]
                  [--list FILE | --write-list FILE] [-O N] [-j N]
                  [--target TRIPLE [--runner CMD]] [-v]

A test is a file DIR/NAME.go under $GOROOT/test whose first line, after
build constraints and blank lines, is exactly `// run` (Go's run.go runs
it with `go run` and no arguments). As in run.go, the test passes when the
program exits with status 0 and its standard output and standard error,
together, equal NAME.out (empty when there is none). Build constraints are
evaluated for linux and the target's architecture, as run.go does.

Each test ends in one of:
  pass       compiled, ran, printed the expected output, exited 0
  rejected   minigo refused it with diagnostics (exit status 1): a feature
             Mini does not have yet
  fail       compiled but ran wrongly, or the compiler itself failed
             (crash, internal error, timeout): a bug either way

Without --list every test is run; the summary gives the counts and names
every failing test. With --list FILE only the tests named in FILE (one
path per line, relative to $GOROOT/test, `#` comments allowed) are run,
and each must pass: CI runs the list of tests known to pass, so a
regression fails it. --write-list FILE writes the passing tests' names.
Ends with one line "N passed, N failed", where failed counts the tests
that must pass and did not (with --list) or that failed (without);
rejected tests are not failures. Exits 1 when that count is not 0.
"""

import argparse
import concurrent.futures
import os
import re
import shlex
import subprocess
import sys
import tempfile

import targets  # the table of targets, codegen/targets.def

COMPILE_TIMEOUT = 120
RUN_TIMEOUT = 60
GO_VERSION_TAGS = {"go1.%d" % minor for minor in range(1, 20)}


def target_of(triple):
  """The target (tools/targets.py) --target names, the host's without it."""
  t = targets.parse(triple) if triple else targets.host()
  if t is None:
    sys.exit("gotest: unknown target %s" % triple)
  return t


# ---------------------------------------------------------------- selection


def build_constraint_holds(expr, goarch):
  """Evaluates a //go:build expression for linux/goarch with the gc
  toolchain (run.go's shouldTest)."""
  tags = {"linux", "unix", goarch, "gc"} | GO_VERSION_TAGS
  py = re.sub(r"[A-Za-z0-9_.]+", lambda m: str(m.group(0) in tags), expr)
  py = py.replace("&&", " and ").replace("||", " or ").replace("!", " not ")
  return bool(eval(py, {"__builtins__": {}}, {}))


def recipe_of(path, goarch):
  """The test's first action line, or None when its constraints exclude
  this target."""
  with open(path, encoding="utf-8", errors="replace") as f:
    for line in f:
      line = line.strip()
      if not line:
        continue
      if line.startswith("//go:build "):
        if not build_constraint_holds(line[len("//go:build "):], goarch):
          return None
        continue
      if line.startswith("// +build"):
        continue  # the //go:build line above it says the same
      return line
  return None


def find_tests(goroot, dirs, goarch):
  tests = []
  for d in dirs:
    base = os.path.join(goroot, "test", d)
    for name in sorted(os.listdir(base)):
      if name.endswith(".go") and recipe_of(os.path.join(base, name), goarch) == "// run":
        tests.append(os.path.normpath(os.path.join(d, name)))
  return tests


def read_list(path):
  with open(path) as f:
    return [l.split("#")[0].strip() for l in f if l.split("#")[0].strip()]


# ---------------------------------------------------------------- running


def run_test(args, goroot, test):
  """Returns (outcome, detail) for one test."""
  src = os.path.join(goroot, "test", test)
  with tempfile.TemporaryDirectory(prefix="minigo-gotest-") as tmp:
    exe = os.path.join(tmp, "prog")
    cmd = [args.minigo, "build", "-O%s" % args.O, "-o", exe, src]
    if args.target:
      cmd.insert(2, "--target=" + args.target)
    try:
      c = subprocess.run(cmd, capture_output=True, timeout=COMPILE_TIMEOUT)
    except subprocess.TimeoutExpired:
      return "fail", "compiler timed out"
    if c.returncode == 1 and c.stderr.startswith(src.encode()):
      first = c.stderr.decode(errors="replace").splitlines()[0]
      return "rejected", first[len(src) + 1:]
    if c.returncode != 0:
      return "fail", "compiler exit %d: %s" % (c.returncode, c.stderr.decode(errors="replace")[-400:])
    try:
      r = subprocess.run(shlex.split(args.runner) + [exe], stdin=subprocess.DEVNULL,
                         stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                         timeout=RUN_TIMEOUT, cwd=os.path.dirname(src))
    except subprocess.TimeoutExpired:
      return "fail", "program timed out"
  want = b""
  out_file = src[:-3] + ".out"
  if os.path.exists(out_file):
    with open(out_file, "rb") as f:
      want = f.read()
  if r.returncode != 0:
    return "fail", "exit status %d: %s" % (r.returncode, r.stdout.decode(errors="replace")[-400:])
  if r.stdout != want:
    return "fail", "output differs (%d bytes, want %d)" % (len(r.stdout), len(want))
  return "pass", ""


def main():
  ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
  ap.add_argument("--minigo", required=True)
  ap.add_argument("--goroot", help="Go's root (default: go env GOROOT)")
  ap.add_argument("--dirs", default=".,fixedbugs,chan", help="folders of $GOROOT/test")
  ap.add_argument("--list", help="run only these tests; each must pass")
  ap.add_argument("--write-list", help="write the names of the passing tests here")
  ap.add_argument("-O", default="2", help="optimisation level")
  ap.add_argument("-j", type=int, default=os.cpu_count() or 2)
  ap.add_argument("--target", help="target triple for minigo build")
  ap.add_argument("--runner", help="command prefix that runs executables "
                  "(default: the target's qemu-user when it is not the host)")
  ap.add_argument("-v", action="store_true", help="print every test's outcome")
  args = ap.parse_args()
  goroot = args.goroot or subprocess.run(["go", "env", "GOROOT"], capture_output=True,
                                         text=True, check=True).stdout.strip()
  target = target_of(args.target)
  goarch = target.arch
  if args.runner is None:
    args.runner = shlex.join(target.runner())
  tests = find_tests(goroot, args.dirs.split(","), goarch)
  required = read_list(args.list) if args.list else None
  if required is not None:
    missing = sorted(set(required) - set(tests))
    if missing:
      sys.exit("gotest: not single-file run tests here: %s" % " ".join(missing))
    tests = required

  with concurrent.futures.ThreadPoolExecutor(max_workers=args.j) as pool:
    outcomes = dict(zip(tests, pool.map(lambda t: run_test(args, goroot, t), tests)))

  by = {"pass": [], "rejected": [], "fail": []}
  for t in tests:
    outcome, detail = outcomes[t]
    by[outcome].append(t)
    if outcome == "fail" or args.v:
      print("%-8s %s%s" % (outcome, t, ": " + detail if detail else ""))
  if args.write_list:
    with open(args.write_list, "w") as f:
      f.write("# Go 1.19 single-file run tests that minigo passes (tools/gotest.py).\n")
      f.writelines(t + "\n" for t in by["pass"])
  failed = len(tests) - len(by["pass"]) if required is not None else len(by["fail"])
  print("gotest: %d of %d Go run tests pass (%s), %d rejected, %d compile but fail"
        % (len(by["pass"]), len(tests), goarch, len(by["rejected"]), len(by["fail"])))
  print("%d passed, %d failed" % (len(by["pass"]), failed))
  return 1 if failed else 0


if __name__ == "__main__":
  sys.exit(main())
