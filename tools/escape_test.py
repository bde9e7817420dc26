#!/usr/bin/env python3
"""Checks minigo's escape decisions (build -m) against Go 1.19's.

  tools/escape_test.py --minigo BUILD/minigo [FILE.mini...]

minigo's analysis is more conservative than Go's, so the outputs differ;
what must hold is safety: every variable Go moves to the heap and every
allocation Go lets escape, minigo also puts on the heap, whatever minigo
keeps in a frame ("does not escape"), Go keeps there too, and what a
parameter leaks (`leaking param: p`, `... content`, `... to result r
level=n`, `p does not escape`) includes what Go finds it leaks. Each
program is compiled by both (`go build -gcflags='-m -l'`: without inlining,
whose copies of a function Go reports at the call); the files default to
the golden tests about pointers, closures and escapes. Ends with "N passed,
N failed" and how many of minigo's heap allocations Go makes in the frame.
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
STACK = re.compile(r"^(&.*\{.*\}|new\(.*\)|func literal) does not escape$")
# What a parameter leaks, as Go's paramTag says it.
PARAM_HEAP = re.compile(r"^leaking param( content)?: (\w+)$")
PARAM_RESULT = re.compile(r"^leaking param: (\w+) to result (\S+) level=(\d+)$")
PARAM_NONE = re.compile(r"^(\w+) does not escape$")
# "leaking param content" says the level is at least 1, not which.
CONTENT = 1


def decisions(lines):
  """{(line, col): [message...]} of the escape decisions among -m's lines."""
  out = {}
  for l in lines:
    m = LINE.match(l)
    if m and ("escape" in m.group(3) or "moved to heap" in m.group(3) or
              "leaking param" in m.group(3)):
      out.setdefault((int(m.group(1)), int(m.group(2))), []).append(m.group(3))
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


def heap_decision(msgs):
  return next((m for m in msgs if HEAP.match(m)), None)


def param_leaks(msgs):
  """{param: (heap level or None, {result: level})} of one position's lines."""
  out = {}
  for m in msgs:
    h, r, n = PARAM_HEAP.match(m), PARAM_RESULT.match(m), PARAM_NONE.match(m)
    if h:
      out.setdefault(h.group(2), [None, {}])[0] = CONTENT if h.group(1) else 0
    elif r:
      out.setdefault(r.group(1), [None, {}])[1][r.group(2)] = int(r.group(3))
    elif n and not STACK.match(m):
      out.setdefault(n.group(1), [None, {}])
  return out


def covers(mini, go):
  """Whether minigo's leaks of a parameter include Go's: each of Go's
  flows also in minigo's, at the same or fewer indirections."""
  mheap, mres = mini
  gheap, gres = go
  if gheap is not None and (mheap is None or mheap > gheap):
    return False
  for res, level in gres.items():
    if not ((mheap is not None and mheap <= level) or mres.get(res, level + 1) <= level):
      return False
  return True


def compare(name, go, mini):
  """The failures of one program: Go's heap decisions minigo lacks,
  minigo's frame decisions Go does not share, parameters Go finds leaking
  more than minigo does."""
  bad = []
  say = lambda pos, what: bad.append("%s:%d:%d: %s" % (name, pos[0], pos[1], what))
  for pos, msgs in sorted(go.items()):
    g, m = heap_decision(msgs), heap_decision(mini.get(pos, []))
    if g and not m:
      say(pos, "Go says %r, minigo %r" % (g, mini.get(pos)))
    mleaks = param_leaks(mini.get(pos, []))
    for param, leaks in param_leaks(msgs).items():
      if param in mleaks and not covers(mleaks[param], leaks):
        say(pos, "Go says %r, minigo %r" % (msgs, mini.get(pos)))
  for pos, msgs in sorted(mini.items()):
    for m in msgs:
      if STACK.match(m) and heap_decision(go.get(pos, [])):
        say(pos, "minigo says %r, Go %r" % (m, go.get(pos)))
  return bad


def extra_heap(go, mini):
  """minigo's heap decisions (variables, &T{...}, new(T)) that Go makes
  in the frame: how far from Go's the analysis is."""
  return sum(1 for pos, msgs in mini.items()
             if heap_decision(msgs) and not heap_decision(go.get(pos, []))
             and not heap_decision(msgs).startswith("func literal"))


def main():
  ap = argparse.ArgumentParser()
  ap.add_argument("--minigo", required=True)
  ap.add_argument("files", nargs="*")
  args = ap.parse_args()
  root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
  files = args.files or sorted(glob.glob(os.path.join(root, "testdata", "types_pointer*.mini")) +
                               glob.glob(os.path.join(root, "testdata", "closure_*.mini")) +
                               glob.glob(os.path.join(root, "testdata", "escape_*.mini")))
  passed = failed = extra = 0
  with tempfile.TemporaryDirectory() as tmp:
    for path in files:
      name = os.path.basename(path)
      go, mini = go_decisions(path, tmp), minigo_decisions(args.minigo, path, tmp)
      bad = compare(name, go, mini)
      for b in bad:
        print("FAIL " + b)
      n = extra_heap(go, mini)
      print("%s %s (%d on the heap that Go keeps in the frame)" % ("FAIL" if bad else "ok  ", name, n))
      failed += bool(bad)
      passed += not bad
      extra += n
  print("%d passed, %d failed; %d heap allocations Go keeps in the frame" % (passed, failed, extra))
  return 1 if failed else 0


if __name__ == "__main__":
  sys.exit(main())
