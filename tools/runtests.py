#!/usr/bin/env python3
"""Run minigo's golden tests (testdata/*.mini) and compare with Go 1.19.

Conventions (those of the Go repository's test/ directory, extended):

  The FIRST line of NAME.mini is the recipe:
    // run                 compile, run, expect exit status 0
    // run exitcode=2      compile, run, expect that exit status (2: a panic)
    // errorcheck          compilation must fail with exit status 1 and the
                           diagnostics must match the // ERROR comments
  Further words are key=value options, parsed generally:
    arch=amd64,arm64       run only when the target is one of these
                           (Go's names: amd64, arm, arm64); skipped otherwise
    exitcode=N             expected exit status of the program
    traceback=go           (run) stderr is compared with Go's whole
                           traceback, not only up to the goroutine line
    go=valid               (errorcheck) the file is valid Go that uses what
                           Mini lacks: Go builds it, minigo must reject it
                           with the ERROR diagnostics, each naming Mini

  run tests:
    NAME.out   expected stdout (always present, may be empty)
    NAME.err   expected stderr (present only when non-empty)
  Stderr is compared up to and including the first goroutine line
  ("goroutine 1 [running]:", "goroutine 1 [chan receive]:"; another
  goroutine's number compares as N); lines starting with "[signal " or
  "runtime: sp=", and the lines between "runtime stack:" and the goroutine
  line, are dropped from both sides first (they carry addresses). With
  traceback=go the frames after the goroutine line are compared too, by
  function name, file and line: each frame's arguments become "(...)", its
  location line "\tPROG:LINE" in the program's own file (main.go under
  Go, NAME.mini here), the base name alone in Go's runtime ("\tpanic.go"),
  without the "+0x" offset. NAME.err holds Go's traceback in that form.

  A directory of programs written for readers (examples/) is run with
  --default-recipe run: a file whose first line is not a recipe (but, say,
  a comment on the program) has that recipe.

  errorcheck tests:
    A diagnostic is a line FILE:LINE:COL: message (or FILE:LINE: message);
    lines starting with a tab continue the previous diagnostic, lines
    starting with "#" and the line "too many errors" are ignored.
    `// ERROR "re1" "re2"` on a source line lists regular expressions
    (Go string literals, "..." or `...`) that must each match the message
    of at least one diagnostic reported on that line, and every diagnostic
    must be matched by some ERROR regexp on its own line.
    `// ERRORANY "re"` (anywhere in the file) is for diagnostics that carry
    no useful position, such as Go's "function main is undeclared in the
    main package" from its linker: each such regexp must match at least one
    diagnostic, positioned or not (an unpositioned one is matched as a
    whole line), and a diagnostic it matches needs no ERROR on its line.
    Any other output line is an error.

  Expected outputs come only from Go 1.19: tools/update-golden.py writes
  them and proves every ERROR regexp against Go's own diagnostics, or, for
  go=valid, that Go accepts the file and that every regexp says "Mini".

Usage:
  runtests.py --minigo PATH --testdata DIR [-O 0,2] [-j N] [--filter RE]
              [--target TRIPLE] [--runner CMD] [--default-recipe RECIPE] [-v]
A --target other than the host runs its programs under its qemu-user
(codegen/targets.def), or under --runner CMD when given.
Prints "ok   NAME -On" or "FAIL NAME -On: reason" per test and level, and
ends with exactly one line "N passed, N failed"; exits 1 if any failed.
"""

import argparse
import concurrent.futures
import difflib
import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile

import targets  # the table of targets, codegen/targets.def

RUN_TIMEOUT = 60
COMPILE_TIMEOUT = 120
# The line that starts a goroutine's traceback: "goroutine 1 [running]:",
# "goroutine 1 [chan receive]:" in a deadlock. Go numbers goroutines other
# than main in an order of its own, so those numbers compare as N (which
# expected outputs hold already).
GOROUTINE_LINE = re.compile(r"^goroutine (\d+|N) \[[^\]]*\]:$")


def goroutine_line(line):
  """The goroutine line as compared (its number N unless main's), or None."""
  m = GOROUTINE_LINE.match(line)
  if not m:
    return None
  return line if m.group(1) == "1" else "goroutine N" + line[m.end(1):]

# ---------------------------------------------------------------- recipes


class Recipe:
  """The first line of a test: its kind and key=value options."""

  def __init__(self, kind, options):
    self.kind = kind
    self.options = options

  @property
  def exitcode(self):
    return int(self.options.get("exitcode", "0"))

  @property
  def go_valid(self):
    """An errorcheck test of a valid Go program Mini rejects."""
    return self.options.get("go") == "valid"

  @property
  def traceback(self):
    """Whether Go's whole traceback is compared (traceback=go)."""
    return self.options.get("traceback") == "go"

  @property
  def archs(self):
    value = self.options.get("arch")
    return value.split(",") if value else None


RECIPE_KINDS = ("run", "errorcheck")


def is_recipe_line(line):
  words = line[2:].split() if line.startswith("//") else []
  return bool(words) and words[0] in RECIPE_KINDS


def parse_recipe(source, default=None):
  """Returns the Recipe of a test's source, or raises ValueError. default,
  when given, is the recipe (say "run") of a source whose first line is
  not one."""
  first = source.split("\n", 1)[0].strip()
  if default and not is_recipe_line(first):
    first = "// " + default
  if not first.startswith("//"):
    raise ValueError("first line is not a // recipe")
  words = first[2:].split()
  if not words or words[0] not in RECIPE_KINDS:
    raise ValueError("unknown recipe %r" % first)
  options = {}
  for word in words[1:]:
    key, eq, value = word.partition("=")
    if not eq:
      raise ValueError("recipe word %r is not key=value" % word)
    options[key] = value
  if "go" in options and (words[0] != "errorcheck" or options["go"] != "valid"):
    raise ValueError("go=valid is the only go= option, for errorcheck tests")
  return Recipe(words[0], options)


# ---------------------------------------------------------------- errorcheck

ERROR_COMMENT = re.compile(r"// (?:GC_)?ERROR (.*)")
ERRORANY_COMMENT = re.compile(r"// ERRORANY (.*)")
GO_STRING = re.compile(r'"((?:[^"\\]|\\.)*)"|`([^`]*)`')
DIAGNOSTIC = re.compile(r"^(.*?):(\d+)(?::(\d+))?: (.*)$")


def go_unquote(body):
  """The value of a double-quoted Go string literal's body (common escapes)."""
  simple = {"n": "\n", "t": "\t", "\\": "\\", '"': '"', "'": "'",
            "a": "\a", "b": "\b", "f": "\f", "r": "\r", "v": "\v"}
  out, i = [], 0
  while i < len(body):
    c = body[i]
    if c == "\\" and i + 1 < len(body):
      nxt = body[i + 1]
      if nxt in simple:
        out.append(simple[nxt])
        i += 2
        continue
      if nxt == "x" and i + 4 <= len(body):
        out.append(chr(int(body[i + 2:i + 4], 16)))
        i += 4
        continue
    out.append(c)
    i += 1
  return "".join(out)


def quoted_regexps(text, lineno):
  regexps = []
  for q in GO_STRING.finditer(text):
    regexps.append(go_unquote(q.group(1)) if q.group(1) is not None
                   else q.group(2))
  if not regexps:
    raise ValueError("line %d: ERROR comment without a quoted regexp" % lineno)
  return regexps


def expected_errors(source):
  """Returns (by_line, anywhere): line number -> regexps of its // ERROR
  comment, and the regexps of all // ERRORANY comments."""
  by_line, anywhere = {}, []
  for lineno, line in enumerate(source.split("\n"), 1):
    m = ERROR_COMMENT.search(line)
    if m:
      by_line[lineno] = quoted_regexps(m.group(1), lineno)
    m = ERRORANY_COMMENT.search(line)
    if m:
      anywhere.extend(quoted_regexps(m.group(1), lineno))
  return by_line, anywhere


def parse_diagnostics(output):
  """Splits compiler output into diagnostics (file, line, message); a line
  without a position becomes (None, None, line)."""
  diags = []
  for line in output.split("\n"):
    if not line.strip() or line.startswith("#") or line == "too many errors":
      continue
    if line.startswith("\t") and diags:
      f, n, msg = diags[-1]
      diags[-1] = (f, n, msg + "\n" + line)
      continue
    m = DIAGNOSTIC.match(line)
    if m:
      diags.append((m.group(1), int(m.group(2)), m.group(4)))
    else:
      diags.append((None, None, line))
  return diags


def check_errors(source, output, filename):
  """Returns a list of problems (empty when the diagnostics in output
  satisfy the ERROR comments of source). filename is the base name the
  diagnostics must carry."""
  return check_errors_in({filename: source}, output)


def same_file(diag_file, rel):
  """Whether a diagnostic's file (as a compiler printed it: relative,
  absolute, ./-prefixed) is the test's file rel (a path inside the test)."""
  return diag_file is not None and (diag_file == rel or diag_file.endswith("/" + rel))


def check_errors_in(sources, output):
  """check_errors for the files of a package test: sources maps each file's
  path inside the test to its text."""
  expected = {rel: expected_errors(src) for rel, src in sources.items()}
  anywhere = [rx for _, rxs in expected.values() for rx in rxs]
  diags = parse_diagnostics(output)
  problems = []
  for f, n, msg in diags:
    rel = next((r for r in sources if same_file(f, r)), None)
    if f is not None and rel is None:
      problems.append("diagnostic for another file: %s:%d: %s" % (f, n, msg))
      continue
    regexps = expected[rel][0].get(n, []) if rel else []
    if any(re.search(rx, msg) for rx in regexps + anywhere):
      continue
    where = "%sline %d" % ("%s " % rel if len(sources) > 1 else "", n or 0)
    if n is None:
      problems.append("unexpected output line: %s" % msg)
    elif regexps:
      problems.append("%s: %r matches none of %s" % (where, msg, regexps))
    else:
      problems.append("%s: unexpected diagnostic %r" % (where, msg))
  for rel, (by_line, _) in sorted(expected.items()):
    for n, regexps in sorted(by_line.items()):
      msgs = [msg for f, line, msg in diags if line == n and same_file(f, rel)]
      for rx in regexps:
        if not any(re.search(rx, msg) for msg in msgs):
          problems.append("%s line %d: no diagnostic matches ERROR %r" % (rel, n, rx))
  for rx in anywhere:
    if not any(re.search(rx, msg) for f, line, msg in diags):
      problems.append("no diagnostic matches ERRORANY %r" % rx)
  return problems


# ---------------------------------------------------------------- package tests
#
# A test is NAME.mini, or a directory NAME/ holding a Go module: its go.mod,
# the main package's files (main.go carries the recipe) and packages in
# subdirectories. Its expected outputs are NAME.out and NAME.err beside it.


def test_name(path):
  return os.path.basename(path)[:-len(".mini")] if path.endswith(".mini") else os.path.basename(path)


def main_source(path):
  """The file carrying a test's recipe."""
  return os.path.join(path, "main.go") if os.path.isdir(path) else path


def test_sources(path):
  """The source files of a test, by their path inside it."""
  if not os.path.isdir(path):
    return {os.path.basename(path): read_text(path)}
  sources = {}
  for root, _, files in os.walk(path):
    for f in files:
      if f.endswith(".go") or f.endswith(".mini"):
        full = os.path.join(root, f)
        sources[os.path.relpath(full, path)] = read_text(full)
  return sources


# ---------------------------------------------------------------- outputs


def normalize_frame_line(line, program):
  """A traceback line without what differs between implementations:
  "main.f(0x1, {0x2, 0x3})" is "main.f(...)", and
  "\t/dir/main.go:12 +0x3f" is "\tPROG:12" (program is the base name of
  the program's own file) or, in Go's runtime, "\tpanic.go": its line
  says which of Go's paths made a deferred call (884 an open-coded defer,
  890 a record), which --defers=chunked changes in minigo."""
  if line.startswith("\t"):
    m = re.match(r"\t(.*):(\d+)(?: [+]0x[0-9a-f]+)?(?: fp=.*)?$", line)
    if not m:
      return line
    base = os.path.basename(m.group(1))
    if base == program or base == "PROG":
      return "\tPROG:" + m.group(2)
    return "\t" + base
  if line.endswith(")") and "(" in line and not line.startswith("created by "):
    return line[:line.rindex("(")] + "(...)"
  return line


def normalize_stderr(text, traceback=False, program=None):
  """Drops [signal lines and cuts after the first goroutine line, or with
  traceback normalizes the frames after it (normalize_frame_line).

  A fatal error's "runtime: sp=... stack=[...]" line and the frames under
  "runtime stack:" (the Go runtime's own) carry addresses: they are dropped
  too, up to the goroutine line.
  """
  kept = []
  in_runtime_stack = False
  lines = text.split("\n")
  for i, line in enumerate(lines):
    g = goroutine_line(line)
    if g:
      in_runtime_stack = False
      line = g
    if line.startswith("[signal ") or line.startswith("runtime: sp=") or in_runtime_stack:
      continue
    if line == "runtime stack:":
      in_runtime_stack = True
    kept.append(line)
    if g:
      if traceback:
        kept += [normalize_frame_line(l, program) for l in lines[i + 1:]]
        return "\n".join(kept)
      return "\n".join(kept) + "\n"
  return "\n".join(kept)


def short_diff(what, expected, actual, limit=20):
  lines = list(difflib.unified_diff(
      expected.splitlines(True), actual.splitlines(True),
      "expected " + what, "actual " + what, n=2))
  if len(lines) > limit:
    lines = lines[:limit] + ["... (%d more diff lines)\n" % (len(lines) - limit)]
  return "".join(l if l.endswith("\n") else l + "\n\\ No newline at end\n"
                 for l in lines)


def read_text(path):
  if not os.path.exists(path):
    return ""
  with open(path, encoding="utf-8", errors="surrogateescape") as f:
    return f.read()


def decode(data):
  return data.decode("utf-8", errors="surrogateescape")


# ---------------------------------------------------------------- running


def target_of(triple):
  """The target (tools/targets.py) a --target triple names, the host's
  without one; exits with minigo's message when minigo does not build for
  it."""
  t = targets.parse(triple) if triple else targets.host()
  if t is None:
    sys.exit(targets.unsupported("runtests", triple))
  return t


def run_process(argv, timeout, cwd=None):
  """Runs argv; returns (status, stdout bytes, stderr bytes, timed_out)."""
  try:
    p = subprocess.run(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                       stdin=subprocess.DEVNULL, timeout=timeout, cwd=cwd)
    return p.returncode, p.stdout, p.stderr, False
  except subprocess.TimeoutExpired as e:
    return None, e.stdout or b"", e.stderr or b"", True


def describe_status(status):
  if status is not None and status < 0:
    return "killed by signal %d" % -status
  return "exit status %s" % status


def run_one(args, test_path, level, tmpdir):
  """Runs one test at one optimisation level; returns (verdict, detail)
  where verdict is 'ok', 'FAIL' or 'skip'."""
  name = test_name(test_path)
  source = read_text(main_source(test_path))
  try:
    recipe = parse_recipe(source, args.default_recipe)
  except ValueError as e:
    return "FAIL", "bad recipe: %s" % e
  archs = recipe.archs
  if archs and args.arch not in archs:
    return "skip", "arch %s not in %s" % (args.arch, ",".join(archs))

  exe = os.path.join(tmpdir, "%s-O%s" % (name, level))
  build = [args.minigo, "build", "-O%s" % level, "-o", exe] + shlex.split(args.flags)
  if args.target:
    build.append("--target=%s" % args.target)
  build.append(test_path)
  status, out, err, timed_out = run_process(build, COMPILE_TIMEOUT)
  compiler_output = decode(out) + decode(err)
  if timed_out:
    return "FAIL", "compiler timed out after %ds" % COMPILE_TIMEOUT

  if recipe.kind == "errorcheck":
    if status != 1:
      return "FAIL", "compiler %s, want exit status 1\n%s" % (
          describe_status(status), compiler_output[-2000:])
    try:
      problems = check_errors_in(test_sources(test_path), compiler_output)
    except (ValueError, re.error) as e:
      return "FAIL", "bad ERROR comment: %s" % e
    if problems:
      return "FAIL", "diagnostics do not match:\n  " + "\n  ".join(problems)
    return "ok", ""

  if status != 0:
    return "FAIL", "compile failed (%s):\n%s" % (
        describe_status(status), compiler_output[-2000:])
  runner = shlex.split(args.runner) if args.runner else []
  status, out, err, timed_out = run_process(runner + [exe], RUN_TIMEOUT,
                                            cwd=tmpdir)
  try:
    os.unlink(exe)
  except OSError:
    pass
  if timed_out:
    return "FAIL", "timed out after %ds" % RUN_TIMEOUT

  base = os.path.join(os.path.dirname(test_path), name)
  reasons = []
  if status != recipe.exitcode:
    reasons.append("%s, want exit status %d" % (describe_status(status),
                                                recipe.exitcode))
  want_out, got_out = read_text(base + ".out"), decode(out)
  if want_out != got_out:
    reasons.append("stdout differs\n" + short_diff("stdout", want_out, got_out))
  want_err = normalize_stderr(read_text(base + ".err"), recipe.traceback)
  got_err = normalize_stderr(decode(err), recipe.traceback,
                             os.path.basename(test_path))
  if want_err != got_err:
    reasons.append("stderr differs\n" + short_diff("stderr", want_err, got_err))
  if reasons:
    return "FAIL", "; ".join(reasons)
  return "ok", ""


def find_tests(testdata, pattern):
  names = sorted(f for f in os.listdir(testdata)
                 if f.endswith(".mini") or
                 os.path.isfile(os.path.join(testdata, f, "main.go")))
  rx = re.compile(pattern) if pattern else None
  return [os.path.join(testdata, f) for f in names
          if rx is None or rx.search(test_name(f))]


def main():
  ap = argparse.ArgumentParser(description="Run minigo's golden tests.")
  ap.add_argument("--minigo", required=True, help="the minigo compiler")
  ap.add_argument("--testdata", required=True, help="directory of NAME.mini")
  ap.add_argument("-O", dest="levels", default="0,2",
                  help="comma-separated optimisation levels (default 0,2)")
  ap.add_argument("-j", dest="jobs", type=int, default=2,
                  help="tests run at once (default 2)")
  ap.add_argument("--filter", help="only tests whose name matches this regexp")
  ap.add_argument("--target", help="target triple passed to minigo build")
  ap.add_argument("--flags", default="",
                  help="more flags for minigo build, e.g. --defers=chunked")
  ap.add_argument("--runner", help="command prefix that runs executables "
                  "(default: the target's qemu-user, e.g. 'qemu-arm -L "
                  "/usr/arm-linux-gnueabihf', when it is not the host)")
  ap.add_argument("--default-recipe", metavar="RECIPE",
                  help="recipe of files whose first line is not one, "
                  "e.g. 'run' for examples/")
  ap.add_argument("-v", dest="verbose", action="store_true",
                  help="print failure details in full")
  args = ap.parse_args()
  args.minigo = os.path.abspath(args.minigo)
  target = target_of(args.target)
  args.arch = target.arch
  if args.runner is None:
    args.runner = shlex.join(target.runner())
  levels = [l.strip() for l in args.levels.split(",") if l.strip()]
  tests = find_tests(args.testdata, args.filter)
  jobs = [(t, l) for t in tests for l in levels]

  tmpdir = tempfile.mkdtemp(prefix="minigo-tests-")
  passed = failed = 0
  try:
    with concurrent.futures.ThreadPoolExecutor(max(1, args.jobs)) as pool:
      results = pool.map(lambda job: run_one(args, job[0], job[1], tmpdir), jobs)
      for (test, level), (verdict, detail) in zip(jobs, results):
        name = test_name(test)
        if verdict == "ok":
          passed += 1
          print("ok   %s -O%s" % (name, level), flush=True)
        elif verdict == "skip":
          print("skip %s -O%s: %s" % (name, level, detail), flush=True)
        else:
          failed += 1
          if not args.verbose and detail.count("\n") > 40:
            detail = "\n".join(detail.split("\n")[:40]) + "\n..."
          print("FAIL %s -O%s: %s" % (name, level, detail.rstrip("\n")),
                flush=True)
  finally:
    shutil.rmtree(tmpdir, ignore_errors=True)
  print("%d passed, %d failed" % (passed, failed), flush=True)
  return 1 if failed else 0


if __name__ == "__main__":
  sys.exit(main())
