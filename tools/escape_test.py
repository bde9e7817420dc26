#!/usr/bin/env python3
"""Checks minigo's escape decisions (build -m) against Go 1.19's.

  tools/escape_test.py --minigo BUILD/minigo [FILE.mini...]

minigo's analysis is more conservative than Go's, so the outputs differ;
what must hold is safety: every variable Go moves to the heap and every
allocation Go lets escape, minigo also puts on the heap, and whatever minigo
keeps in a frame ("does not escape"), Go keeps there too. Each program is
compiled by both (`go build -gcflags='-m -l'`: without inlining, whose
copies of a function Go reports at the call); the files default to the golden
tests about pointers and closures. Ends with "N passed, N failed".
"""

import argparse
import glob
import os
import re
import shutil
import subprocess
import sys
import tempfile

LINE = re.compile(r"^(?:\./)?[^:]+:(\d+):(\d+): (.*)$")
# What minigo decides on: variables, &T{...}, new(T), function literals.
# (Go also reports the boxing of values into interfaces, which minigo
# always does on the heap.)
HEAP = re.compile(r"^(moved to heap: \w+|(&.*\{.*\}|new\(.*\)|func literal) escapes to heap)$")


def decisions(lines):
  """{(line, col): message} of the escape decisions among -m's lines."""
  out = {}
  for l in lines:
    m = LINE.match(l)
    if m and ("escape" in m.group(3) or "moved to heap" in m.group(3)):
      out[(int(m.group(1)), int(m.group(2)))] = m.group(3)
  return out


def go_decisions(path, tmp):
  src = os.path.join(tmp, "main.go")
  shutil.copy(path, src)
  r = subprocess.run(["go", "build", "-gcflags=-m -l", "-o", os.devnull, src], cwd=tmp,
                     capture_output=True, text=True, env=dict(os.environ, GO111MODULE="off"))
  return decisions(r.stderr.splitlines())


def minigo_decisions(minigo, path, tmp):
  r = subprocess.run([minigo, "build", "-m", "-o", os.path.join(tmp, "a.out"), path],
                     capture_output=True, text=True)
  if r.returncode != 0:
    raise SystemExit("minigo build -m %s failed:\n%s" % (path, r.stderr))
  return decisions(r.stderr.splitlines())


def compare(name, go, mini):
  """The failures of one program: Go's heap decisions minigo lacks, and
  minigo's frame decisions Go does not share."""
  bad = []
  for pos, msg in sorted(go.items()):
    if HEAP.match(msg) and not HEAP.match(mini.get(pos, "")):
      bad.append("%s:%d:%d: Go says %r, minigo %r" % (name, pos[0], pos[1], msg, mini.get(pos)))
  for pos, msg in sorted(mini.items()):
    if msg.endswith("does not escape") and HEAP.match(go.get(pos, "")):
      bad.append("%s:%d:%d: minigo says %r, Go %r" % (name, pos[0], pos[1], msg, go.get(pos)))
  return bad


def main():
  ap = argparse.ArgumentParser()
  ap.add_argument("--minigo", required=True)
  ap.add_argument("files", nargs="*")
  args = ap.parse_args()
  root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
  files = args.files or sorted(glob.glob(os.path.join(root, "testdata", "types_pointer*.mini")) +
                               glob.glob(os.path.join(root, "testdata", "closure_*.mini")))
  passed = failed = 0
  with tempfile.TemporaryDirectory() as tmp:
    for path in files:
      name = os.path.basename(path)
      bad = compare(name, go_decisions(path, tmp), minigo_decisions(args.minigo, path, tmp))
      for b in bad:
        print("FAIL " + b)
      print("%s %s" % ("FAIL" if bad else "ok  ", name))
      failed += bool(bad)
      passed += not bad
  print("%d passed, %d failed" % (passed, failed))
  return 1 if failed else 0


if __name__ == "__main__":
  sys.exit(main())
