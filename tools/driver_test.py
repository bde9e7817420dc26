#!/usr/bin/env python3
"""Checks how the minigo command takes a program: a directory, its files,
the arguments after them, and what it says when the inputs are wrong.

  tools/driver_test.py --minigo BUILD/minigo

Each case writes a small module into a temporary directory, runs minigo
there and checks its exit status and what it printed. Ends with "N passed,
N failed".
"""

import argparse
import os
import subprocess
import sys
import tempfile

GO_MOD = "module example.com/app\n\ngo 1.19\n"

MAIN = """package main

import (
\t"example.com/app/greet"
\t"fmt"
\t"os"
)

func main() { fmt.Println(greet.Hello(), os.Args[1:]) }
"""

GREET = """package greet

func Hello() string { return "hello from " + name }
"""

NAME = """package greet

var name = "greet"
"""


def write(root, files):
  for rel, text in files.items():
    path = os.path.join(root, rel)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as f:
      f.write(text)


def module(tmp, name, **extra):
  root = os.path.join(tmp, name)
  files = {"go.mod": GO_MOD, "main.go": MAIN, "greet/greet.go": GREET, "greet/name.mini": NAME}
  files.update(extra)
  write(root, files)
  return root


def run(argv, cwd):
  try:
    p = subprocess.run(argv, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                       universal_newlines=True, timeout=300)
  except OSError as e:
    return -1, str(e)
  return p.returncode, p.stdout


def cases(minigo, tmp):
  """Yields (name, argv, cwd, want status, text the output must contain)."""
  app = module(tmp, "app")
  yield ("run a directory, arguments after it", [minigo, "run", ".", "a.go", "b"], app, 0,
         "hello from greet [a.go b]\n")
  yield ("run the main package's files", [minigo, "run", "main.go", "x"], app, 0,
         "hello from greet [x]\n")
  yield ("build names the program after its directory", [minigo, "build"], app, 0, "")
  yield ("the program built", [os.path.join(app, "app"), "y"], app, 0, "hello from greet [y]\n")
  yield ("build -o from elsewhere", [minigo, "build", "-o", "prog", "app"], tmp, 0, "")
  other = os.path.join(tmp, "other")
  write(other, {"x.go": "package main\n\nfunc main() {}\n"})
  yield ("files of two directories", [minigo, "build", "app/main.go", "other/x.go"], tmp, 1,
         "named files must all be in one directory")
  write(tmp, {"empty/README": "no sources\n"})
  yield ("a directory without sources", [minigo, "build", "empty"], tmp, 1, "no Go files in empty")
  yield ("a file that is not a source", [minigo, "build", "app/go.mod"], tmp, 1,
         "named files must be .mini or .go files")
  mixed = module(tmp, "mixed", **{"greet/other.go": "package other\n"})
  yield ("two packages in one directory", [minigo, "build", "."], mixed, 1,
         "found packages greet (greet.go) and other (other.go) in greet")
  write(tmp, {"rel/main.go": 'package main\n\nimport _ "./x"\n\nfunc main() {}\n'})
  yield ("a relative import in a package named by its files", [minigo, "build", "rel/main.go"], tmp,
         1, '"./x" is relative, but relative import paths are not supported in module mode')
  program = module(tmp, "program", **{"greet/greet.go": "package main\n\nfunc main() {}\n",
                                "greet/name.mini": "package main\n"})
  yield ("a program imported", [minigo, "build", "."], program, 1,
         'main.go:4:2: import "example.com/app/greet" is a program, not an importable package')
  missing = module(tmp, "missing", **{"main.go": MAIN.replace("/greet\"", "/nope\"")})
  yield ("a package the module does not have", [minigo, "build", "."], missing, 1,
         "main.go:4:2: package example.com/app/nope is not in module example.com/app")


def main():
  ap = argparse.ArgumentParser()
  ap.add_argument("--minigo", required=True)
  args = ap.parse_args()
  minigo = os.path.abspath(args.minigo)
  passed = failed = 0
  with tempfile.TemporaryDirectory(prefix="minigo-driver-") as tmp:
    for name, argv, cwd, want_status, want_text in cases(minigo, tmp):
      status, out = run(argv, cwd)
      if status == want_status and want_text in out:
        passed += 1
        print("ok   %s" % name)
      else:
        failed += 1
        print("FAIL %s: exit status %d (want %d), output:\n%s" % (name, status, want_status, out))
  print("%d passed, %d failed" % (passed, failed))
  return 1 if failed else 0


if __name__ == "__main__":
  sys.exit(main())
