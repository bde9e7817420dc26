#!/usr/bin/env python3
"""The targets minigo builds for, as codegen/targets.def describes them (the
table the compiler is built from), for the tools, the shell scripts and meson.

  tools/targets.py list [--except ARCH] [FIELD ...]
  tools/targets.py field TARGET FIELD
  tools/targets.py find FIELD VALUE

list   prints one line per target (but ARCH), its FIELDs (default: arch)
       separated by tabs.
field  prints one FIELD of TARGET: an arch (amd64, arm, arm64), any triple
       minigo accepts for --target, or `host` (the machine this runs on).
       An unknown TARGET exits 2 with minigo's message for it.
find   prints the arch of the target whose FIELD is VALUE (or, for a field
       of several words, has it among them); exits 1 when there is none.

FIELDs are targets.def's (arch, triple, int_bits, cpu, features,
context_save, gnu, qemu, deb, meson, uname, machines, abi, go_env) and
those that follow from them: cross_cc, cross_ar, cross_package, sysroot.

As a module: table(), by_arch(arch), parse(triple), host(), spellings(), and
Target.runner() (the command prefix that runs the target's programs here).
"""

import collections
import os
import platform
import re
import sys

DEF_FILE = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))),
                        "codegen", "targets.def")
FIELDS = ("arch", "triple", "int_bits", "cpu", "features", "context_save",
          "float_to_int", "fma", "gnu", "qemu", "deb", "meson", "uname", "machines", "abi", "go_env")
LIST_FIELDS = ("uname", "machines", "go_env")  # several words each
FIELD_KINDS = {"int_bits": "number", "context_save": "name", "float_to_int": "name",
               "fma": "name"}  # the rest: string
DERIVED_FIELDS = ("cross_cc", "cross_ar", "cross_package", "sysroot")
# A row's fields: string literals, numbers, names.
TOKEN = re.compile(r'"([^"\\]*)"|(\d+)|([A-Za-z_]\w*)|(,)|(\S)')


class Target(collections.namedtuple("Target", FIELDS)):
  # The rest follows from Debian's GNU triple, as targets.def says.
  @property
  def cross_cc(self):
    return self.gnu + "-gcc"

  @property
  def cross_ar(self):
    return self.gnu + "-ar"

  @property
  def cross_package(self):
    return "gcc-" + self.gnu.replace("_", "-")

  @property
  def sysroot(self):
    return "/usr/" + self.gnu

  def runner(self):
    """The command prefix that runs the target's programs on this machine:
    none on the host, else qemu-user with the target's C library."""
    return [] if self == host() else [self.qemu, "-L", self.sysroot]

  def get(self, name):
    """A field by name, a field of several words as a list."""
    if name not in FIELDS + DERIVED_FIELDS:
      raise KeyError(name)
    value = getattr(self, name)
    return value.split() if name in LIST_FIELDS else value


def parse_row(args, where):
  """The Target of the text between MG_TARGET( and its ), field by field."""
  values, kinds, expect_value = [], [], True
  for m in TOKEN.finditer(args):
    string, number, name, comma, other = m.groups()
    if other is not None or comma is not None and expect_value:
      raise ValueError("%s: unexpected %r" % (where, m.group(0)))
    if comma is None and not expect_value:
      raise ValueError("%s: missing comma before %r" % (where, m.group(0)))
    expect_value = comma is not None
    if comma is None:
      values.append(string if string is not None else int(number) if number else name)
      kinds.append("string" if string is not None else "number" if number else "name")
  if len(values) != len(FIELDS) or expect_value:
    raise ValueError("%s: %d fields, not %d" % (where, len(values), len(FIELDS)))
  for field, kind in zip(FIELDS, kinds):
    if kind != FIELD_KINDS.get(field, "string"):
      raise ValueError("%s: %s is not a %s" % (where, field, FIELD_KINDS.get(field, "string")))
  return Target(*values)


def read_def(path=DEF_FILE):
  """Every row of targets.def, in order."""
  with open(path, encoding="utf-8") as f:
    text = f.read()
  # Comment lines first (they mention MG_TARGET), keeping the line numbers.
  text = re.sub(r"(?m)^[ \t]*//.*$", "", text)
  rows = []
  for m in re.finditer(r"\bMG_TARGET\(([^)]*)\)", text):
    where = "%s:%d" % (path, text.count("\n", 0, m.start()) + 1)
    rows.append(parse_row(m.group(1), where))
  if not rows:
    raise ValueError("%s: no MG_TARGET rows" % path)
  return rows


_targets = None


def table():
  """Every target, in targets.def's order."""
  global _targets
  if _targets is None:
    _targets = read_def()
  return list(_targets)


def by_arch(arch):
  return next((t for t in table() if t.arch == arch), None)


def parse(triple):
  """The target a --target triple names, by minigo's rule (target_parse in
  codegen/target.c): the first word is one of the target's machines, the
  rest ends in its abi. None when minigo does not build for it."""
  machine, dash, rest = triple.partition("-")
  rest = dash + rest
  return next((t for t in table()
               if machine in t.get("machines") and rest.endswith(t.abi)), None)


def find(field, value):
  """The target whose field is value or, for a field of several words, has
  it; None when there is none."""
  for t in table():
    v = t.get(field)
    if value == v or isinstance(v, list) and value in v:
      return t
  return None


def host():
  """The target this machine is; exits when it is none of them."""
  machine = platform.machine()
  t = find("uname", machine)
  if t is None:
    sys.exit("minigo runs on %s hosts, not %s" % (", ".join(r.arch for r in table()), machine))
  return t


def spellings():
  """The triples of minigo's messages, one per target."""
  return ", ".join(t.gnu for t in table())


def unsupported(tool, triple):
  """minigo's message for a triple it does not build for, from tool."""
  return "%s: unsupported target %s (supported: %s)" % (tool, triple, spellings())


def lookup(name):
  """The target an arch, a triple or `host` names, or None."""
  if name == "host":
    return host()
  return by_arch(name) or parse(name)


def show(value):
  return " ".join(value) if isinstance(value, list) else str(value)


def main(argv):
  usage = __doc__.split("\n\n")[1]
  if len(argv) >= 1 and argv[0] == "list":
    skip, fields = None, argv[1:]
    if fields[:1] == ["--except"] and len(fields) >= 2:
      skip, fields = fields[1], fields[2:]
    for t in table():
      if t.arch != skip:
        print("\t".join(show(t.get(f)) for f in fields or ["arch"]))
    return 0
  if len(argv) == 3 and argv[0] == "field":
    t = lookup(argv[1])
    if t is None:
      print(unsupported("targets", argv[1]), file=sys.stderr)
      return 2
    print(show(t.get(argv[2])))
    return 0
  if len(argv) == 3 and argv[0] == "find":
    t = find(argv[1], argv[2])
    if t is None:
      print("targets: no target has %s %s" % (argv[1], argv[2]), file=sys.stderr)
      return 1
    print(t.arch)
    return 0
  print("usage:\n" + usage, file=sys.stderr)
  return 2


if __name__ == "__main__":
  try:
    sys.exit(main(sys.argv[1:]))
  except KeyError as e:
    sys.exit("targets: no field %s (fields: %s)" % (e, ", ".join(FIELDS + DERIVED_FIELDS)))
