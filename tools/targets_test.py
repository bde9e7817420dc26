#!/usr/bin/env python3
"""Checks that the two readers of codegen/targets.def agree: minigo (its
table compiled by codegen/target.c) and tools/targets.py (which meson and
the tools ask).

  tools/targets_test.py --minigo BUILD/minigo

Without --target both mean the host. For every spelling of every target,
and for near misses, minigo and
targets.parse accept or refuse the same --target triple: when accepted,
minigo's IR names the table's LLVM triple and int has the table's width;
when refused, minigo says targets.unsupported's message. Malformed rows
make targets.py fail rather than read something else. Ends with
"N passed, N failed".
"""

import argparse
import os
import re
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import targets  # noqa: E402

PROGRAM = "package main\n\nvar g int\n\nfunc main() {\n\tg++\n\tprintln(g)\n}\n"


def spellings():
  """Every accepted form of every target, each with another word in the
  middle, and near misses: a machine with another target's abi, uname
  names that are no triple's, no system at all."""
  table = targets.table()
  abis = sorted({t.abi for t in table})
  triples = {"riscv64-linux-gnu", "-linux-gnu", "", "thumbv7-linux-gnueabihf"}
  for t in table:
    for machine in t.get("machines") + t.get("uname"):
      triples.add(machine)
      for abi in abis:
        triples.update([machine + abi, machine + "-unknown" + abi])
  return sorted(triples)


def minigo_target(minigo, triple, tmp):
  """(LLVM triple, int bits) of minigo's IR for --target=triple (None:
  no --target), or its exit status and stderr when it refuses."""
  src, out = os.path.join(tmp, "t.mini"), os.path.join(tmp, "t.ll")
  with open(src, "w") as f:
    f.write(PROGRAM)
  flags = [] if triple is None else ["--target=" + triple]
  p = subprocess.run([minigo, "build", "--emit=llvm", "-o", out] + flags + [src],
                     capture_output=True, text=True)
  if p.returncode != 0:
    return p.returncode, p.stderr
  with open(out) as f:
    ir = f.read()
  llvm = re.search(r'^target triple = "([^"]*)"', ir, re.M)
  width = re.search(r"^@main\.g = internal global i(\d+) ", ir, re.M)
  return llvm and llvm.group(1), width and int(width.group(1))


def check_spelling(minigo, triple, tmp):
  t = targets.parse(triple)
  want = (t.triple, t.int_bits) if t else (2, targets.unsupported("minigo", triple) + "\n")
  got = minigo_target(minigo, triple, tmp)
  if got != want:
    return False, "%r: minigo %r, targets.py %r" % (triple, got, want)
  return True, "%r: %s" % (triple, "%s, %s-bit int" % want if t else "refused by both")


def check_host(minigo, tmp):
  """minigo's host (meson's host machine) is targets.py's (uname's)."""
  t = targets.host()
  got = minigo_target(minigo, None, tmp)
  return got == (t.triple, t.int_bits), "host: minigo %r, targets.py %s" % (got, t.arch)


MALFORMED = [
    ("a field missing", 'MG_TARGET("a", "b")'),
    ("a comma missing", 'MG_TARGET("amd64" "x86_64-unknown-linux-gnu", 64, "x86-64", "", '
     'LLVM_SJLJ, "x86_64-linux-gnu", "q", "amd64", "x86_64", "x86_64", "x86_64", '
     '"-linux-gnu", "", "")'),
    ("int_bits a string", 'MG_TARGET("amd64", "x", "64", "c", "", LLVM_SJLJ, "g", "q", "d", '
     '"m", "u", "x", "-a", "")'),
    ("an escape", 'MG_TARGET("amd\\"64", "x", 64, "c", "", LLVM_SJLJ, "g", "q", "d", '
     '"m", "u", "x", "-a", "")'),
    ("no rows", "// MG_TARGET(\"a\")\n"),
]


def check_malformed(name, text, tmp):
  path = os.path.join(tmp, "bad.def")
  with open(path, "w") as f:
    f.write(text + "\n")
  try:
    targets.read_def(path)
  except ValueError as e:
    return True, "%s: %s" % (name, e)
  return False, "%s: read without complaint" % name


def main():
  ap = argparse.ArgumentParser()
  ap.add_argument("--minigo", required=True)
  args = ap.parse_args()
  passed = failed = 0
  with tempfile.TemporaryDirectory() as tmp:
    checks = [check_host(args.minigo, tmp)]
    checks += [check_spelling(args.minigo, s, tmp) for s in spellings()]
    checks += [check_malformed(name, text, tmp) for name, text in MALFORMED]
  for ok, what in checks:
    print("%s %s" % ("ok  " if ok else "FAIL", what))
    passed, failed = passed + ok, failed + (not ok)
  print("%d passed, %d failed" % (passed, failed))
  return 1 if failed else 0


if __name__ == "__main__":
  sys.exit(main())
