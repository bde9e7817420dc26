#!/usr/bin/env python3
"""Checks the form of the LLVM IR minigo emits for defers.

  tools/emit_test.py --minigo BUILD/minigo

A function whose defer is not in a loop is open-coded: its IR has a runner
(NAME.opendefers) and no call of mg_defer_push; with --defers=chunked, or
with the defer in a loop, the record comes from mg_defer_push (or is carved
inline) and the exit block pops its records and makes their calls itself.
Ends with "N passed, N failed".
"""

import argparse
import os
import re
import subprocess
import sys
import tempfile

ONE_DEFER = """package main

import "fmt"

func f(x int) (r int) {
\tdefer func() {
\t\tr += x
\t\tif recover() != nil {
\t\t\tr = -1
\t\t}
\t}()
\treturn x * 2
}

func main() {
\tfmt.Println(f(20))
}
"""

LOOP_DEFER = ONE_DEFER.replace("\tdefer func() {", "\tfor i := 0; i < 2; i++ {\n\tdefer func() {") \
                      .replace("\t}()\n\treturn", "\t}()\n\t}\n\treturn")


def function_ir(ir, name):
  """The body of `define ... @NAME(` up to its closing brace."""
  m = re.search(r"^define [^\n]*@\"?%s\"?\(.*?^}" % re.escape(name), ir, re.M | re.S)
  return m.group(0) if m else ""


def emit(minigo, src, flags, tmp):
  path = os.path.join(tmp, "t.mini")
  with open(path, "w") as f:
    f.write(src)
  out = os.path.join(tmp, "t.ll")
  subprocess.run([minigo, "build", "--emit=llvm", "-o", out] + flags + [path], check=True)
  with open(out) as f:
    return f.read()


def main():
  ap = argparse.ArgumentParser()
  ap.add_argument("--minigo", required=True)
  args = ap.parse_args()
  checks = []
  with tempfile.TemporaryDirectory() as tmp:
    open_ir = emit(args.minigo, ONE_DEFER, [], tmp)
    f = function_ir(open_ir, "main.f")
    checks.append(("open-coded: f has no mg_defer_push", f and "mg_defer_push" not in f))
    checks.append(("open-coded: a runner for panics", "@main.f.opendefers" in open_ir))
    checks.append(("open-coded: the literal is called directly",
                   "@main.f.func1(" in f))
    chunked_ir = emit(args.minigo, ONE_DEFER, ["--defers=chunked"], tmp)
    f = function_ir(chunked_ir, "main.f")
    checks.append(("--defers=chunked: mg_defer_push", "mg_defer_push" in f))
    checks.append(("--defers=chunked: mg_defer_return", "mg_defer_return" in f))
    loop_ir = emit(args.minigo, LOOP_DEFER, [], tmp)
    f = function_ir(loop_ir, "main.f")
    checks.append(("defer in a loop: chunked", "mg_defer_push" in f and
                   "opendefers" not in loop_ir))
    # Its exit block pops the site's records itself (giving an emptied
    # chunk back) and makes the call there; the thunk is for panics.
    checks.append(("defer in a loop: records popped inline at return",
                   "@mg_chunk_emptied(" in f and "@mg_defer_return(" in f))
    checks.append(("defer in a loop: the literal is called at return",
                   re.search(r"call [^\n]*@main\.f\.func1\(", f) is not None))
  failed = 0
  for what, ok in checks:
    print(("ok   " if ok else "FAIL ") + what)
    failed += not ok
  print("%d passed, %d failed" % (len(checks) - failed, failed))
  return 1 if failed else 0


if __name__ == "__main__":
  sys.exit(main())
