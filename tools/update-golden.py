#!/usr/bin/env python3
"""Regenerate the expected outputs of minigo's golden tests with Go 1.19.

  tools/update-golden.py [--testdata DIR] [--goarch ARCH]
                         [--default-recipe RECIPE] [NAME ...]

For every test in testdata (or only the NAMEs given, with or without
.mini), copies NAME.mini into a fresh directory as main.go (a package
test, a directory NAME/ holding a module, is copied whole) and:
  run tests:        builds it with `go build` (so it must be valid Go), runs
                    the binary with a timeout, writes NAME.out (always) and
                    NAME.err (only when non-empty; cut after the line
                    "goroutine 1 [running]:", or with traceback=go the
                    whole traceback in runtests.py's normalized form),
                    and fails loudly when the
                    exit status is not the recipe's exitcode (default 0).
  errorcheck tests: runs `go build` and checks, with the runner's own
                    matching logic, that Go rejects the file and that its
                    diagnostics satisfy every // ERROR comment; nothing is
                    written. With go=valid (a program using what Mini
                    lacks), checks instead that Go builds it and that every
                    ERROR regexp names Mini, since Go cannot prove them.
Each run test is built for its own architecture: the host's, unless its
recipe's arch= leaves the host out, when it is built for the first one
listed (GOARCH=arm builds for armv7, GOARM=7) and run under qemu-user
(qemu-arm, qemu-aarch64).
  --goarch ARCH     builds for ARCH (amd64, arm, arm64) instead: tests whose
                    arch= names ARCH get their outputs written from that
                    build, tests with no arch= are only compared with their
                    outputs (a difference means the output depends on the
                    architecture, so the test needs arch=), others are
                    skipped.
  --default-recipe RECIPE
                    the recipe of files whose first line is not one
                    (`--testdata examples --default-recipe run`).
Refuses to run unless `go version` says go1.19. Exits 1 if any test failed.
The conventions are described at the top of tools/runtests.py.
"""

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import runtests  # noqa: E402  (shares recipe parsing and error matching)
import targets  # noqa: E402  (the table of targets, codegen/targets.def)

GO_TIMEOUT = 120


def go_env(goarch, module):
  env = dict(os.environ)
  env["GO111MODULE"] = "on" if module else "off"  # a lone main.go needs no module
  env["GOFLAGS"] = ""
  env["CGO_ENABLED"] = "0"
  env["GOARCH"] = goarch
  # Exactly minigo's target (arm: GOARM=7, armv7-a with hard float).
  env.update(word.split("=", 1) for word in targets.by_arch(goarch).get("go_env"))
  return env


def runner_for(goarch):
  # Go's static binaries need no sysroot under qemu, but -L costs nothing
  # and covers dynamic ones.
  return targets.by_arch(goarch).runner()


def check_go_version():
  out = subprocess.run(["go", "version"], stdout=subprocess.PIPE,
                       universal_newlines=True, check=True).stdout
  if not re.search(r"\bgo1\.19(\.\d+)?\b", out):
    sys.exit("update-golden: need Go 1.19, `go version` says: %s" % out.strip())
  return out.strip()


def cut_stderr(text, recipe):
  """Keeps stderr up to and including the first goroutine line, or with
  traceback=go all of it, its frames normalized as runtests compares them
  (no addresses, no temporary directory)."""
  lines = text.split("\n")
  for i, line in enumerate(lines):
    g = runtests.goroutine_line(line)
    if g:
      head = lines[:i] + [g]
      if recipe.traceback:
        return "\n".join(head + [
            runtests.normalize_frame_line(l, "main.go") for l in lines[i + 1:]])
      return "\n".join(head) + "\n"
  return text


def go_build(workdir, goarch):
  """Builds workdir's main.go, or the module workdir holds."""
  module = os.path.exists(os.path.join(workdir, "go.mod"))
  p = subprocess.run(["go", "build", "-o", "prog", "." if module else "main.go"],
                     cwd=workdir, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                     env=go_env(goarch, module), timeout=GO_TIMEOUT)
  return p.returncode, runtests.decode(p.stdout)


def compare_run(base, out, err_text, goarch, recipe):
  """Checks a build for goarch against the outputs already written."""
  if out != runtests.read_text(base + ".out").encode("utf-8", "surrogateescape"):
    return "stdout differs on %s: the test needs arch=" % goarch
  want_err = runtests.normalize_stderr(runtests.read_text(base + ".err"), recipe.traceback)
  if runtests.normalize_stderr(err_text, recipe.traceback) != want_err:
    return "stderr differs on %s: the test needs arch=" % goarch
  return None


def update_run(path, recipe, workdir, goarch, write):
  status, output = go_build(workdir, goarch)
  if status != 0:
    return "not valid Go for %s:\n%s" % (goarch, output)
  status, out, err, timed_out = runtests.run_process(
      runner_for(goarch) + [os.path.join(workdir, "prog")],
      runtests.RUN_TIMEOUT, cwd=workdir)
  if timed_out:
    return "timed out"
  if status != recipe.exitcode:
    return "Go exits with status %s, recipe says %d\nstderr:\n%s" % (
        status, recipe.exitcode, runtests.decode(err)[:2000])
  base = os.path.join(os.path.dirname(path), runtests.test_name(path))
  if not write:
    return compare_run(base, out, cut_stderr(runtests.decode(err), recipe), goarch, recipe)
  with open(base + ".out", "wb") as f:
    f.write(out)
  err_text = cut_stderr(runtests.decode(err), recipe)
  if err_text:
    with open(base + ".err", "w", encoding="utf-8",
              errors="surrogateescape") as f:
      f.write(err_text)
  elif os.path.exists(base + ".err"):
    os.unlink(base + ".err")
  return None


def check_mini_only(sources, workdir, goarch):
  """A go=valid errorcheck test: Go must accept it, and each expected
  diagnostic must be one of Mini's own rejections."""
  status, output = go_build(workdir, goarch)
  if status != 0:
    return "go=valid, but Go rejects it:\n" + output
  regexps = []
  for source in sources.values():
    by_line, anywhere = runtests.expected_errors(source)
    regexps += [rx for rxs in by_line.values() for rx in rxs] + anywhere
  if not regexps:
    return "go=valid test without ERROR comments"
  unproven = [rx for rx in regexps if "Mini" not in rx]
  if unproven:
    return "go=valid, but these regexps do not name Mini: %r" % unproven
  return None


def update_errorcheck(sources, recipe, workdir, goarch):
  if recipe.go_valid:
    return check_mini_only(sources, workdir, goarch)
  status, output = go_build(workdir, goarch)
  if status == 0:
    return "Go accepts this errorcheck test"
  if len(sources) == 1:  # NAME.mini, built as main.go
    sources = {"main.go": list(sources.values())[0]}
  problems = runtests.check_errors_in(sources, output)
  if problems:
    return ("Go's diagnostics do not match the ERROR comments:\n  " +
            "\n  ".join(problems) + "\nGo said:\n" + output)
  return None


def choose_goarch(recipe, forced):
  """The architecture to build for and whether to write the outputs, or
  None when the test is not for the forced architecture."""
  archs = recipe.archs
  if forced:
    if not archs:
      return forced, False
    return (forced, True) if forced in archs else None
  host = targets.host().arch
  if archs and host not in archs:
    return archs[0], True
  return host, True


def update_one(path, forced_goarch, default_recipe):
  source = runtests.read_text(runtests.main_source(path))
  try:
    recipe = runtests.parse_recipe(source, default_recipe)
  except ValueError as e:
    return "bad recipe: %s" % e
  chosen = choose_goarch(recipe, forced_goarch)
  if chosen is None:
    return "skip"
  goarch, write = chosen
  tmp = workdir = tempfile.mkdtemp(prefix="minigo-golden-")
  try:
    if os.path.isdir(path):
      workdir = os.path.join(workdir, runtests.test_name(path))
      shutil.copytree(path, workdir)
    else:
      shutil.copyfile(path, os.path.join(workdir, "main.go"))
    if recipe.kind == "errorcheck":
      return update_errorcheck(runtests.test_sources(path), recipe, workdir, goarch)
    return update_run(path, recipe, workdir, goarch, write)
  finally:
    shutil.rmtree(tmp, ignore_errors=True)


def main():
  ap = argparse.ArgumentParser(description=__doc__.split("\n")[1])
  here = os.path.dirname(os.path.abspath(__file__))
  ap.add_argument("--testdata", default=os.path.join(here, "..", "testdata"))
  ap.add_argument("--goarch", choices=[t.arch for t in targets.table()],
                  help="build for this architecture (see above)")
  ap.add_argument("--default-recipe", metavar="RECIPE",
                  help="recipe of files whose first line is not one")
  ap.add_argument("names", nargs="*", help="tests to update (default: all)")
  args = ap.parse_args()
  print(check_go_version())
  if args.names:
    paths = [os.path.join(args.testdata, n) for n in args.names]
    paths = [p if p.endswith(".mini") or os.path.isdir(p) else p + ".mini" for p in paths]
  else:
    paths = runtests.find_tests(args.testdata, None)
  failed = skipped = 0
  for path in paths:
    name = runtests.test_name(path)
    if not os.path.exists(path):
      problem = "no such test"
    else:
      problem = update_one(path, args.goarch, args.default_recipe)
    if problem == "skip":
      skipped += 1
      print("skip %s: not for %s" % (name, args.goarch), flush=True)
    elif problem:
      failed += 1
      print("FAIL %s: %s" % (name, problem.rstrip("\n")), flush=True)
    else:
      print("ok   %s" % name, flush=True)
  print("%d updated, %d failed" % (len(paths) - failed - skipped, failed))
  return 1 if failed else 0


if __name__ == "__main__":
  sys.exit(main())
