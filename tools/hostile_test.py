#!/usr/bin/env python3
"""Hostile and huge inputs: minigo gives a diagnostic or compiles, never crashes.

  tools/hostile_test.py --minigo BUILD/minigo [--timeout S] [--memory-mb M] [-v]

Generates every case of tools/gen_hostile.py into a temporary directory and
builds each with minigo under a time limit and an address-space limit. A
case passes when minigo exits 0, or exits 1 with at least one diagnostic
FILE:LINE:COL: message naming the file. The last line is
"N passed, N failed"; the exit status is 1 if any failed.
"""

import argparse
import os
import re
import resource
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import gen_hostile  # noqa: E402


def limit_memory(mb):
  """An address-space limit of mb MiB for the child; none for 0 (a compiler
  built with AddressSanitizer reserves terabytes of shadow address space)."""
  def apply():
    if mb > 0:
      resource.setrlimit(resource.RLIMIT_AS, (mb << 20, mb << 20))
  return apply


def run_case(args, workdir, name):
  src = os.path.join(workdir, name + ".mini")
  exe = os.path.join(workdir, name)
  start = time.monotonic()
  try:
    p = subprocess.run([args.minigo, "build", "-o", exe, src], stdout=subprocess.PIPE,
                       stderr=subprocess.PIPE, timeout=args.timeout,
                       preexec_fn=limit_memory(args.memory_mb))
  except subprocess.TimeoutExpired:
    return False, "no result within %ds" % args.timeout
  took = time.monotonic() - start
  err = p.stderr.decode("utf-8", "replace")
  if p.returncode == 0:
    return True, "compiled in %.1fs" % took
  if p.returncode != 1:
    return False, "exit status %d\n%s" % (p.returncode, err[-2000:])
  diag = re.compile(r"^%s:\d+:\d+: \S" % re.escape(src), re.M)
  if not diag.search(err):
    return False, "exit status 1 without a FILE:LINE:COL diagnostic\n" + err[-2000:]
  first = err.splitlines()[0]
  return True, "diagnostic in %.1fs: %s" % (took, first.replace(src, name + ".mini")[:100])


def main():
  ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
  ap.add_argument("--minigo", required=True)
  ap.add_argument("--timeout", type=int, default=120)
  ap.add_argument("--memory-mb", type=int, default=4096,
                  help="address-space limit per compilation; 0 for none (sanitized builds)")
  ap.add_argument("-v", action="store_true", help="say what each case gave")
  args = ap.parse_args()
  passed = failed = 0
  with tempfile.TemporaryDirectory(prefix="minigo-hostile-") as workdir:
    for name, make in gen_hostile.CASES.items():
      with open(os.path.join(workdir, name + ".mini"), "wb") as f:
        f.write(make())
      ok, what = run_case(args, workdir, name)
      if ok:
        passed += 1
        print("ok   %s%s" % (name, ": " + what if args.v else ""))
      else:
        failed += 1
        print("FAIL %s: %s" % (name, what))
      sys.stdout.flush()
  print("%d passed, %d failed" % (passed, failed))
  return 1 if failed else 0


if __name__ == "__main__":
  sys.exit(main())
