#!/usr/bin/env python3
"""Generates hostile and huge Mini sources for tools/hostile_test.py.

  tools/gen_hostile.py OUTDIR     writes every case as OUTDIR/NAME.mini

Each case is a function of its name alone (deterministic); the big ones are
generated at test time rather than kept in the repository.
"""

import os
import sys

HEADER = "package main\n\nfunc main() {\n"


def function_of(body):
  return (HEADER + body + "}\n").encode()


def one_megabyte():
  """About 1 MB of ordinary code: many small functions, all called."""
  parts, calls, i = ["package main\n\n"], [], 0
  while sum(len(p) for p in parts) < 1 << 20:
    parts.append("func f%d(a, b int) int {\n\tc := a*%d + b\n\tif c > 100 {\n"
                 "\t\treturn c - %d\n\t}\n\treturn c\n}\n\n" % (i, i % 7, i))
    calls.append("\ts += f%d(s, %d)\n" % (i, i))
    i += 1
  parts.append("func main() {\n\ts := 0\n" + "".join(calls) + "\tprintln(s)\n}\n")
  return "".join(parts).encode()


def nested_parens(n):
  return function_of("\ta := " + "(" * n + "1" + ")" * n + "\n\tprintln(a)\n")


def nested_blocks(n):
  return function_of("{" * n + "}" * n + "\n")


def long_function(lines):
  return function_of("\ta := 0\n" + "\ta++\n" * lines + "\tprintln(a)\n")


def plus_chain(n):
  return function_of("\ta := 1\n\tb := a" + " + a" * n + "\n\tprintln(b)\n")


def else_if_chain(n):
  return function_of("\ta := 1\n\tif a == 0 {\n\t}" + " else if a == 1 {\n\t}" * n + "\n")


def string_concat_chain(n):
  return function_of("\tconst s = \"a\"" + " + \"bc\"" * n + "\n\tprintln(len(s))\n")


def nested_calls(n):
  return ("package main\n\nfunc id(x int) int { return x }\n\nfunc main() {\n\tprintln("
          + "id(" * n + "1" + ")" * n + ")\n}\n").encode()


CASES = {
    "big_1mb": one_megabyte,
    "nested_parens_10000": lambda: nested_parens(10000),
    "nested_parens_20000": lambda: nested_parens(20000),
    "nested_blocks_10000": lambda: nested_blocks(10000),
    "nested_blocks_20000": lambda: nested_blocks(20000),
    "nested_calls_10000": lambda: nested_calls(10000),
    "lines_100000": lambda: long_function(100000),
    "plus_chain_100000": lambda: plus_chain(100000),
    "else_if_chain_10000": lambda: else_if_chain(10000),
    "else_if_chain_100000": lambda: else_if_chain(100000),
    "string_concat_chain_100000": lambda: string_concat_chain(100000),
    "non_utf8_string": lambda: HEADER.encode() + b'\tprintln("\xff\xfe")\n}\n',
    "non_utf8_ident": lambda: HEADER.encode() + b"\ta\xc3 := 1\n}\n",
    "non_utf8_comment": lambda: HEADER.encode() + b"\t// \xff\xff\n}\n",
    "nul_byte": lambda: HEADER.encode() + b"\ta := 1\x00\n\tprintln(a)\n}\n",
    "nul_in_string": lambda: HEADER.encode() + b'\tprintln("a\x00b")\n}\n',
    "unterminated_string": lambda: HEADER.encode() + b'\tprintln("abc',
    "unterminated_raw_string": lambda: HEADER.encode() + b"\tprintln(`abc",
    "unterminated_rune": lambda: HEADER.encode() + b"\tprintln('a",
    "escape_cut_by_eof": lambda: HEADER.encode() + b'\tprintln("\\x',
    "unterminated_comment": lambda: HEADER.encode() + b"\t/* never closed",
    "truncated_after_header": lambda: HEADER.encode(),
    "binary_garbage": lambda: bytes((i * 131 + 7) % 256 for i in range(4096)),
}


def main():
  if len(sys.argv) != 2 or sys.argv[1].startswith("-"):
    sys.exit(__doc__)
  out = sys.argv[1]
  os.makedirs(out, exist_ok=True)
  for name, make in CASES.items():
    with open(os.path.join(out, name + ".mini"), "wb") as f:
      f.write(make())


if __name__ == "__main__":
  main()
