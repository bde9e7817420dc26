#!/usr/bin/env python3
"""Checks tools/gen_program.py's model of structs (tools/gen_aggregates.py)
against Go's rules, and that its programs compile with Go 1.19.

  tools/gen_program_test.py [--programs N]

Field selection follows Go's rule (the shallowest depth wins; two at one
depth are ambiguous and hide deeper ones; through an embedded pointer is
marked risky), and --programs N programs of each aggregate dimension alone,
of the method dimensions, of the interface dimensions, of all default
dimensions together (float, complex and map among them) and of float,
complex and map alone compile with Go (`go tool compile`: Go's type checker
and compiler, without the link, which rejects nothing they accept and
doubles the time; skipped without Go). Ends with "N passed, N failed".
"""

import argparse
import os
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
sys.dont_write_bytecode = True
import gen_program  # noqa: E402
from gen_aggregates import INT, STRING, Field, Type, paths, selectors  # noqa: E402,E501


def struct(name, *fields):
  return Type("struct", name=name, fields=list(fields))


def check_selectors():
  """(description, got, want) of every case."""
  inner = struct("I", Field("X", INT), Field("Y", STRING))
  other = struct("O", Field("X", INT), Field("Z", INT))
  ptr = Type("ptr", elem=inner)
  cases = []
  # A field of the outer struct shadows the promoted one.
  s = struct("S", Field("X", STRING), Field("I", inner, True))
  cases.append(("shadowing", selectors(s)["X"][0].kind, "string"))
  cases.append(("promoted", selectors(s)["Y"], (STRING, False)))
  # Two at the same depth: ambiguous, so not selectable.
  s = struct("S", Field("I", inner, True), Field("O", other, True))
  cases.append(("ambiguous", "X" in selectors(s), False))
  cases.append(("unambiguous beside it", "Z" in selectors(s), True))
  # Through an embedded pointer: risky (nil dereference).
  s = struct("S", Field("I", ptr, True), Field("_", INT))
  cases.append(("through pointer", selectors(s)["Y"], (STRING, True)))
  cases.append(("blank not selectable", "_" in selectors(s), False))
  risky = {e: r for e, _, r in paths(s, "s")}
  cases.append(("path through pointer risky", risky.get("s.Y"), True))
  cases.append(("embedded pointer itself safe", risky.get("s.I"), False))
  # An array of structs: every element, by constant index.
  a = Type("array", elem=inner, n=2)
  got = sorted(e for e, t, _ in paths(a, "a") if t.kind == "int")
  cases.append(("array elements", got, ["a[0].X", "a[1].X"]))
  return cases


def build_programs(count):
  """(description, error or None) of each program built with Go."""
  go = shutil.which("go")
  if go is None:
    print("skip: go not installed")
    return []
  env = dict(os.environ, GO111MODULE="off", GOFLAGS="", CGO_ENABLED="0")
  results = []
  specs = list(gen_program.AGGREGATE_DIMS) + [
      ",".join(gen_program.METHOD_DIMS), ",".join(gen_program.IFACE_DIMS),
      "all"] + list(gen_program.FLOAT_MAP_DIMS)
  with tempfile.TemporaryDirectory() as tmp:
    for spec in specs:
      dims = gen_program.parse_dims(spec)
      for seed in range(count):
        path = os.path.join(tmp, "p.go")
        with open(path, "w") as f:
          f.write(gen_program.generate(seed, 10, dims))
        p = subprocess.run([go, "tool", "compile", "-p", "main", "-o",
                            os.path.join(tmp, "p.o"), path],
                           stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                           universal_newlines=True, env=env)
        results.append(("--seed %d --dims %s" % (seed, spec),
                        p.stdout if p.returncode else None))
  return results


def main():
  ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
  ap.add_argument("--programs", type=int, default=6,
                  help="programs built per dimension (default 6)")
  args = ap.parse_args()
  passed = failed = 0
  for what, got, want in check_selectors():
    if got == want:
      passed += 1
    else:
      failed += 1
      print("FAIL %s: got %r, want %r" % (what, got, want))
  for what, error in build_programs(args.programs):
    if error is None:
      passed += 1
    else:
      failed += 1
      print("FAIL go tool compile of %s:\n%s" % (what, error))
  print("%d passed, %d failed" % (passed, failed))
  return 1 if failed else 0


if __name__ == "__main__":
  sys.exit(main())
