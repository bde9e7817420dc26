#!/usr/bin/env python3
"""Generate a random, valid, terminating, deterministic Mini program that
stresses defer, panic and recover.

  tools/gen_program.py --seed S [--scenarios K] [--dims SPEC] [-o FILE]

The same seed always gives the same program (Python's random.Random is
stable across versions for the calls used here). The program is valid Go
1.19: every local variable is used, imports follow what the program calls,
every function with results ends in a return.

Shape of a program:
  - functions f0..fN-1 of several signatures (int, named int result, named
    (int, error) results, no result); fK only calls fJ with J > K, so there
    is no recursion, and every loop has a constant bound, so every program
    terminates. A static cost bound (calls times loop trips) keeps the
    output small.
  - bodies mix prints, arithmetic, branches on the parameter n, bounded
    loops, closures (called, deferred, nil), defers in branches and loops,
    panics of several kinds (string, int, bool, errors.New, fmt.Errorf,
    nil, a recovered value again) and run-time errors (index and slice
    bounds, divide by zero, nil function call, failed type assertion),
    recovers direct, through a deferred helper, through a helper called
    from a deferred closure (which recovers nothing), `defer recover()`
    (which recovers nothing) and outside any deferred call.
  - scenario(i) recovers whatever its entry call panics with and prints it;
    main runs the scenarios listed in one slice literal (the reducer of
    tools/difftest.py shrinks that list), then may end with an unrecovered
    call, an explicit panic or os.Exit.
  - dimensions (--dims, all on by default) add statements of their own:
    gc, the collector under allocation pressure while deferred calls of
    every record kind and size are pending, each call's arguments folded
    into a printed checksum; order, calls that print their id in every
    operand position; multi, a multi-value call as the only argument of
    every call form; struct, pointer, array and aggdefer, values of a
    random universe of package-level struct and array types (see
    tools/gen_aggregates.py), in place, through pointers and with defer,
    panic and recover; method and methoddefer, methods of a random set of
    defined types (see tools/gen_methods.py): value and pointer receivers,
    promotion, method values and expressions, deferred method calls,
    panics with user error and Stringer values; iface, ifacedefer and
    typeswitch, interfaces and their implementations (see
    tools/gen_ifaces.py): dispatch in loops, interface-to-interface
    conversions, assertions that hold, fail and panic, == with
    uncomparable dynamic types, method values, errors of user types,
    errors.New and %w, runtime.Error, Stringers in fmt, deferred interface
    calls, type switches. Their helpers and types are emitted only when
    used.
  - float, float64 and float32 values with NaN, infinities and -0
    through calls, defers, panics and recover; complex, complex128 and
    complex64 arithmetic (see tools/gen_floats.py); map, maps of several
    key and value types with deterministic output (see tools/gen_maps.py).
"""

import argparse
import os
import random
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from gen_aggregates import AggregateGen, Universe  # noqa: E402
from gen_methods import MethodGen, MethodTypes  # noqa: E402
from gen_ifaces import IfaceGen, IfaceTypes  # noqa: E402
from gen_floats import FLOAT_HELPERS, FloatGen  # noqa: E402
from gen_maps import MAP_HELPERS, MapGen  # noqa: E402

MAX_COST = 40        # bound on the calls/prints one function call causes
MAX_DEPTH = 3        # nesting of blocks inside one body
MAX_GC_WORK = 80     # bound on the allocation-loop trips one call causes

# ---------------------------------------------------------------- dimensions
#
# Statement kinds beyond the defer/panic/recover core, each with a weight
# among the core's statements (whose weights add up to 39 at the top level).
# `--dims none` gives exactly the programs of the core generator.

DIMENSIONS = {
    "gc": 2,      # collector pressure while records of every kind are pending
    "order": 3,   # evaluation order of calls in every operand position
    "multi": 2,   # a multi-value call as the only argument of every call form
    "struct": 3,  # struct values: literals, copies, ==, fmt, local types
    "pointer": 3,  # &x, new, &T{}, *p, nil dereferences, embedded pointers
    "array": 3,   # arrays: copies, range, slicing, variable indexes
    "aggdefer": 2,  # defer, panic and recover with structs and pointers
    "method": 3,  # methods: receivers, promotion, method values, Stringers
    "methoddefer": 2,  # deferred method calls, panics with user errors
    "iface": 3,   # interfaces: dispatch, conversions, assertions, ==, errors
    "ifacedefer": 2,  # deferred interface calls, recovered runtime.Error
    "typeswitch": 2,  # type switches: several types per case, nil, order
    "float": 3,   # float64/float32: NaN, ±Inf, -0, conversions, panics
    "complex": 1,  # complex128/complex64 arithmetic and printing
    "map": 3,     # maps: insert, lookup, delete, len, sorted output
}
# Dimensions left out of 'all' (so out of CI's runs) until minigo has
# their features: named explicitly, as in `--dims all,NAME`. None today.
OPT_IN_DIMS = ()
FLOAT_MAP_DIMS = ("float", "complex", "map")
AGGREGATE_DIMS = ("struct", "pointer", "array", "aggdefer")
METHOD_DIMS = ("method", "methoddefer")
IFACE_DIMS = ("iface", "ifacedefer", "typeswitch")
DEFAULT_DIMS = {d: w for d, w in DIMENSIONS.items() if d not in OPT_IN_DIMS}
DIMENSION_STMTS = {
    "gc": lambda g: g.s_gc_pressure,
    "order": lambda g: g.s_order,
    "multi": lambda g: g.s_multi,
    "struct": lambda g: g.s_struct,
    "pointer": lambda g: g.s_pointer,
    "array": lambda g: g.s_array,
    "aggdefer": lambda g: g.s_aggdefer,
    "method": lambda g: g.s_method,
    "methoddefer": lambda g: g.s_methoddefer,
    "iface": lambda g: g.s_iface,
    "ifacedefer": lambda g: g.s_ifacedefer,
    "typeswitch": lambda g: g.s_typeswitch,
    "float": lambda g: g.s_float,
    "complex": lambda g: g.s_complex,
    "map": lambda g: g.s_map,
}
DIMS_HELP = ("statement dimensions beyond defer/panic/recover: 'all' "
             "(default: every one%s), 'none', or a comma list of 'all' and "
             "NAME[=WEIGHT] from %s (default weights %s; unlisted ones are "
             "off)" % (
                 " but the opt-in " + ", ".join(OPT_IN_DIMS) if OPT_IN_DIMS else "",
                 ", ".join(DIMENSIONS), ", ".join(
                     "%s=%g" % kv for kv in DIMENSIONS.items())))


def parse_dims(spec):
  """{name: weight} for 'all', 'none' or 'gc,order=5,...'; ValueError if
  spec names an unknown dimension."""
  spec = spec.strip()
  dims = {}
  if spec in ("", "none"):
    return dims
  for item in spec.split(","):
    if item.strip() == "all":
      dims.update(DEFAULT_DIMS)
      continue
    name, _, weight = item.strip().partition("=")
    if name not in DIMENSIONS:
      raise ValueError("unknown dimension %r (known: %s)" % (
          name, ", ".join(DIMENSIONS)))
    dims[name] = float(weight) if weight else DIMENSIONS[name]
  return dims


def format_dims(dims):
  return ",".join("%s=%g" % kv for kv in dims.items()) or "none"


def dims_arg(spec):
  try:
    return parse_dims(spec)
  except ValueError as e:
    raise argparse.ArgumentTypeError(str(e))


# Record kinds of gc_defer; 'big' and 'bigints' have up to 2240 bytes of
# arguments on 64-bit targets (a string is 16 bytes there, 8 on arm), most
# more than 1024 (some just below, in a chunk).
GC_RECORD_KINDS = ["ints", "ints", "str", "closure", "lit", "nested", "big",
                   "bigints"]
GC_BIG_STRINGS = [20, 60, 66, 70, 140, 140]
GC_BIG_INTS = [70, 130, 140, 270]

GC_HELPERS = """\
// gcSink keeps the last allocation of the collector-pressure loops alive
// just long enough that the allocation cannot be dropped.
var gcSink []byte

// gcLog folds in every deferred call of a collector-pressure block, in the
// order they run; gcCalls counts them.
var gcLog, gcCalls int

func gcHash(h int, s string) int {
\tfor i := 0; i < len(s); i++ {
\t\th = (h*31 + int(s[i])) % 1000003
\t}
\treturn h
}

// gcNote records one deferred call; every eighth allocates, so that the
// collector also runs while deferred calls are being made.
func gcNote(h int) {
\tgcCalls++
\tgcLog = (gcLog*131 + h%1000003) % 1000003
\tif gcCalls%8 == 0 {
\t\tgcSink = make([]byte, 50000)
\t}
}

func gcInts(a, b, c int) {
\tgcNote(a*7 + b*3 + c)
}

func gcStr(s string, e error) {
\tgcNote(gcHash(1, s+"|"+e.Error()))
}

func gcCall(f func() string) {
\tgcNote(gcHash(2, f()))
}
"""

ORDER_HELPERS = """\
// ei, eb, es and exs print their call's id and return their value: the
// output shows the order of the calls of a statement.
func ei(id, v int) int {
\tfmt.Print("#", id, " ")
\treturn v
}

func eb(id int, v bool) bool {
\tfmt.Print("#", id, " ")
\treturn v
}

func es(id int, v string) string {
\tfmt.Print("#", id, " ")
\treturn v
}

func exs(id int, v []int) []int {
\tfmt.Print("#", id, " ")
\treturn v
}

func oadd(a, b int) int {
\treturn a*3 + b
}

func osum(xs ...int) int {
\tt := len(xs)
\tfor _, x := range xs {
\t\tt = t*7 + x
\t}
\treturn t
}

func btoi(b bool) int {
\tif b {
\t\treturn 1
\t}
\treturn 0
}
"""

MULTI_HELPERS = """\
// mv2, mv3, mvs, mvbs, mvsi and mvfmt have several results, each passed
// whole as the only argument of a call; they print their id when called.
func mv2(id, a int) (int, int) {
\tfmt.Print("m", id, " ")
\treturn a, a*2 + 1
}

func mv3(id, a int) (int, int, int) {
\tfmt.Print("m", id, " ")
\treturn a, a - 1, a * 3
}

func mvs(id, a int) ([]int, int, int) {
\tfmt.Print("m", id, " ")
\treturn []int{id}, a, a + 1
}

func mvbs(id int, s string) ([]byte, string) {
\tfmt.Print("m", id, " ")
\treturn make([]byte, id%4), s
}

func mvsi(id, a int) (string, int) {
\tfmt.Print("m", id, " ")
\treturn fmt.Sprint("s", a), a
}

func mverr(id, a int) (int, error) {
\tfmt.Print("m", id, " ")
	if a%2 == 0 {
		return a, nil
	}
	return a, fmt.Errorf("odd %d", a)
}

func mvfmt(id, a int) (string, int, int) {
\tfmt.Print("m", id, " ")
\treturn "<%d %x>", a, id
}

func madd(a, b int) int {
\treturn a*10 + b
}

func mcount(xs ...int) int {
\tt := len(xs) * 1000
\tfor _, x := range xs {
\t\tt += x
\t}
\treturn t
}

func mlead(a int, xs ...int) int {
\treturn a*100 + len(xs)
}

func manys(a, b any) string {
\treturn fmt.Sprint(a, "/", b)
}

func manyv(xs ...any) string {
\treturn fmt.Sprint(len(xs), xs)
}

func mprint(xs ...int) {
\tfmt.Println("mprint", xs)
}

func mvoid(s string, n int) {
\tfmt.Println("mvoid", s, n)
}
"""


class Func:
  """A generated top-level function fK."""

  def __init__(self, index, kind):
    self.index = index
    self.name = "f%d" % index
    self.kind = kind      # 'int', 'named', 'pair' or 'void'
    self.cost = 1
    self.gc_work = 0      # allocation-loop trips one call causes (dimension gc)


class Ctx:
  """What a statement being generated may refer to."""

  def __init__(self, fn, kind, tag, ints, assign, errvar, in_defer):
    self.fn = fn            # the enclosing top-level Func
    self.kind = kind        # 'int','named','pair','void','closure','deferred'
    self.tag = tag          # printed to say where an output line comes from
    self.ints = list(ints)  # readable int variables
    self.assign = list(assign)  # writable int variables
    self.errvar = errvar    # writable error variable or None
    self.in_defer = in_defer  # body of a deferred closure: recover() works
    self.loop = False
    self.mult = 1           # product of enclosing loop bounds
    self.depth = 0

  def child(self, loop_bound=None):
    c = Ctx(self.fn, self.kind, self.tag, self.ints, self.assign,
            self.errvar, self.in_defer)
    c.loop = self.loop or loop_bound is not None
    c.mult = self.mult * (loop_bound or 1)
    c.depth = self.depth + 1
    return c


class Gen(AggregateGen, MethodGen, IfaceGen, FloatGen, MapGen):

  max_cost = MAX_COST

  def __init__(self, seed, scenarios, dims=None):
    self.seed = seed
    self.r = random.Random(seed)
    self.scenarios = scenarios
    self.dims = DEFAULT_DIMS if dims is None else dims
    self.uses = set()      # dimensions whose helpers the program needs
    self.gc_bigs = set()   # (strings, ints) of the gcBig functions called
    self.counter = 0
    self.lines = []
    self.cost_used = 0

  # ------------------------------------------------------------ utilities

  def fresh(self, prefix):
    # f<N> names the program's functions: a local f<N> would hide one.
    assert prefix != "f", "the prefix f is the functions'"
    self.counter += 1
    return "%s%d" % (prefix, self.counter)

  def chance(self, p):
    return self.r.random() < p

  def pick(self, seq):
    return self.r.choice(seq)

  def emit(self, indent, text):
    self.lines.append("\t" * indent + text)

  def label(self, ctx):
    self.counter += 1
    return "%s.%d" % (ctx.tag, self.counter)

  # ------------------------------------------------------------ expressions

  def int_expr(self, ctx, depth=0):
    """An int expression that never panics."""
    roll = self.r.random()
    if depth >= 2 or roll < 0.35:
      if ctx.ints and self.chance(0.75):
        return self.pick(ctx.ints)
      return str(self.r.randint(-3, 9))
    a = self.int_expr(ctx, depth + 1)
    if roll < 0.8:
      op = self.pick(["+", "-", "*", "^", "&", "|"])
      return "(%s %s %s)" % (a, op, self.int_expr(ctx, depth + 1))
    if roll < 0.9:
      return "(%s %s %d)" % (a, self.pick(["/", "%"]), self.pick([2, 3, 5, -4]))
    return "(%s << %d)" % (a, self.r.randint(0, 3))

  def cond(self, ctx):
    var = self.pick(ctx.ints) if ctx.ints else "0"
    if self.chance(0.8):
      m = self.r.randint(2, 5)
      return "%s%%%d == %d" % (var, m, self.r.randint(0, m - 1))
    return "%s %s %d" % (var, self.pick(["<", ">", "<=", ">=", "!="]),
                         self.r.randint(-2, 8))

  def mostly(self, ctx):
    """A condition that holds for most values of a variable."""
    var = self.pick(ctx.ints) if ctx.ints else "0"
    m = self.r.randint(2, 6)
    return "%s%%%d != %d" % (var, m, self.r.randint(0, m - 1))

  def str_lit(self, ctx):
    return '"%s"' % self.label(ctx)

  def error_value(self, ctx):
    if self.chance(0.5):
      return "errors.New(%s)" % self.str_lit(ctx)
    return 'fmt.Errorf("%s %%d %%q", %s, "x")' % (self.label(ctx),
                                                 self.int_expr(ctx))

  def panic_value(self, ctx):
    roll = self.r.random()
    if roll < 0.3:
      return self.str_lit(ctx)
    if roll < 0.45:
      return self.int_expr(ctx)
    if roll < 0.7:
      return self.error_value(ctx)
    if roll < 0.8:
      return 'fmt.Sprint("%s ", %s)' % (self.label(ctx), self.int_expr(ctx))
    if roll < 0.88:
      return self.pick(["true", "false"])
    if roll < 0.93:
      return "nil"
    return "any(%s)" % self.int_expr(ctx)

  # ------------------------------------------------------------ statements

  def block(self, ctx, indent, count):
    for _ in range(count):
      self.stmt(ctx, indent)

  def stmt(self, ctx, indent):
    choices = [
        (6, self.s_print),
        (4, self.s_assign),
        (3, self.s_call),
        (5, self.s_defer),
        (4, self.s_panic),
        (4, self.s_runtime_error),
        (2, self.s_closure),
        (1, self.s_recover_plain),
        (1, self.s_println),
        (2, self.s_return),
    ]
    if ctx.depth < MAX_DEPTH:
      choices += [(4, self.s_if), (3, self.s_loop), (1, self.s_switch)]
    if ctx.loop:
      choices.append((1, self.s_break))
    choices += [(w, DIMENSION_STMTS[d](self)) for d, w in self.dims.items()
                if w > 0]
    total = sum(w for w, _ in choices)
    roll = self.r.uniform(0, total)
    for w, fn in choices:
      roll -= w
      if roll <= 0:
        return fn(ctx, indent)
    return choices[-1][1](ctx, indent)

  def s_print(self, ctx, indent):
    args = [self.int_expr(ctx) for _ in range(self.r.randint(0, 2))]
    if self.chance(0.7) or not args:
      self.emit(indent, "fmt.Println(%s)" %
                ", ".join([self.str_lit(ctx)] + args))
    else:
      verbs = " ".join(self.pick(["%d", "%v", "%x", "%5d", "%-3d|", "%+d"])
                       for _ in args)
      self.emit(indent, 'fmt.Printf("%s %s\\n", %s)' % (
          self.label(ctx), verbs, ", ".join(args)))

  def s_println(self, ctx, indent):
    self.emit(indent, "println(%s, %s)" % (self.str_lit(ctx),
                                           self.int_expr(ctx)))

  def s_assign(self, ctx, indent):
    if ctx.errvar and self.chance(0.25):
      value = self.error_value(ctx) if self.chance(0.7) else "nil"
      self.emit(indent, "%s = %s" % (ctx.errvar, value))
      return
    if not ctx.assign:
      return self.s_print(ctx, indent)
    target = self.pick(ctx.assign)
    op = self.pick(["=", "+=", "-=", "*=", "^="])
    self.emit(indent, "%s %s %s" % (target, op, self.int_expr(ctx)))

  def use_int(self, ctx, indent, value):
    """Uses an int value: adds it to a writable variable or prints it."""
    if ctx.assign and self.chance(0.6):
      self.emit(indent, "%s += %s" % (self.pick(ctx.assign), value))
    else:
      self.emit(indent, "fmt.Println(%s, %s)" % (self.str_lit(ctx), value))

  def callable(self, ctx, mult):
    """A function fJ (J > the current one) whose calls still fit the cost
    bound, or None."""
    fn = ctx.fn
    options = [f for f in self.funcs
               if f.index > fn.index and
               fn.cost + mult * f.cost <= MAX_COST and
               fn.gc_work + mult * f.gc_work <= MAX_GC_WORK]
    if not options:
      return None
    callee = self.pick(options)
    fn.cost += mult * callee.cost
    fn.gc_work += mult * callee.gc_work
    return callee

  def arg(self, ctx):
    var = self.pick(ctx.ints) if ctx.ints else "0"
    return self.pick(["%s" % var, "%s+1" % var, "%s*2" % var, "%s/2" % var,
                      "%s-1" % var, "%d" % self.r.randint(0, 9)])

  def s_call(self, ctx, indent):
    callee = self.callable(ctx, ctx.mult)
    if callee is None:
      return self.s_print(ctx, indent)
    call = "%s(%s)" % (callee.name, self.arg(ctx))
    if callee.kind == "void":
      self.emit(indent, call)
    elif callee.kind == "pair":
      v, e = self.fresh("v"), self.fresh("e")
      self.emit(indent, "%s, %s := %s" % (v, e, call))
      if ctx.errvar and self.chance(0.3):
        self.emit(indent, "if %s != nil {" % e)
        self.emit(indent + 1, "%s = %s" % (ctx.errvar, e))
        self.emit(indent, "}")
        self.use_int(ctx, indent, v)
      else:
        self.emit(indent, "fmt.Println(%s, %s, %s)" % (self.str_lit(ctx), v, e))
    elif self.chance(0.5):
      self.use_int(ctx, indent, call)
    else:
      self.emit(indent, call)

  def s_if(self, ctx, indent):
    self.emit(indent, "if %s {" % self.cond(ctx))
    self.block(ctx.child(), indent + 1, self.r.randint(1, 3))
    if self.chance(0.4):
      self.emit(indent, "} else {")
      self.block(ctx.child(), indent + 1, self.r.randint(1, 2))
    self.emit(indent, "}")

  def s_switch(self, ctx, indent):
    var = self.pick(ctx.ints) if ctx.ints else "0"
    m = self.r.randint(2, 4)
    self.emit(indent, "switch %s %% %d {" % (var, m))
    cases = list(range(m))
    self.r.shuffle(cases)
    for c in cases[:self.r.randint(1, m)]:
      self.emit(indent, "case %d:" % c)
      self.block(ctx.child(), indent + 1, self.r.randint(1, 2))
      if self.chance(0.2):
        self.emit(indent + 1, "fallthrough")
    self.emit(indent, "default:")
    self.block(ctx.child(), indent + 1, 1)
    self.emit(indent, "}")

  def s_loop(self, ctx, indent):
    bound = self.r.randint(1, 3)
    if ctx.fn.cost + ctx.mult * bound > MAX_COST:
      return self.s_print(ctx, indent)
    ctx.fn.cost += ctx.mult * bound
    i = self.fresh("i")
    inner = ctx.child(loop_bound=bound)
    if self.chance(0.7):
      self.emit(indent, "for %s := 0; %s < %d; %s++ {" % (i, i, bound, i))
    else:
      xs = ", ".join(str(self.r.randint(-5, 9)) for _ in range(bound))
      self.emit(indent, "for _, %s := range []int{%s} {" % (i, xs))
    inner.ints.append(i)
    self.emit(indent + 1, "fmt.Println(%s, %s)" % (self.str_lit(ctx), i))
    if self.chance(0.4):
      self.s_defer(inner, indent + 1)
    self.block(inner, indent + 1, self.r.randint(1, 3))
    self.emit(indent, "}")

  def s_break(self, ctx, indent):
    self.emit(indent, "if %s {" % self.cond(ctx))
    self.emit(indent + 1, self.pick(["break", "continue"]))
    self.emit(indent, "}")

  def s_return(self, ctx, indent):
    if ctx.depth == 0 and self.chance(0.7):
      return self.s_print(ctx, indent)   # keeps most bodies going on
    self.emit(indent, "if %s {" % self.cond(ctx))
    self.emit(indent + 1, self.return_stmt(ctx))
    self.emit(indent, "}")

  def return_stmt(self, ctx):
    kind = ctx.kind
    if kind in ("void", "deferred"):
      return "return"
    if kind in ("int", "closure"):
      return "return %s" % self.int_expr(ctx)
    if kind == "named":
      return self.pick(["return", "return %s" % self.int_expr(ctx)])
    roll = self.r.random()
    if roll < 0.4:
      return "return"
    if roll < 0.7:
      return "return %s, nil" % self.int_expr(ctx)
    return "return %s, %s" % (self.int_expr(ctx), self.error_value(ctx))

  def s_panic(self, ctx, indent):
    if self.chance(0.8):
      self.emit(indent, "if %s {" % self.cond(ctx))
      self.emit(indent + 1, "panic(%s)" % self.panic_value(ctx))
      self.emit(indent, "}")
    else:
      self.emit(indent, "panic(%s)" % self.panic_value(ctx))

  def s_runtime_error(self, ctx, indent):
    var = self.pick(ctx.ints) if ctx.ints else "0"
    kind = self.r.randint(0, 7)
    if kind == 0:     # index out of range, maybe negative
      xs = self.fresh("xs")
      elems = ", ".join(str(self.r.randint(0, 9))
                        for _ in range(self.r.randint(0, 4)))
      self.emit(indent, "%s := []int{%s}" % (xs, elems))
      if self.chance(0.5):
        self.emit(indent, "%s = append(%s, %s)" % (xs, xs, var))
      self.use_int(ctx, indent, "%s[%s%%%d]" % (xs, var, self.r.randint(2, 7)))
    elif kind == 1:   # slice bounds
      xs = self.fresh("xs")
      self.emit(indent, "%s := make([]int, %d, %d)" % (
          xs, self.r.randint(0, 2), self.r.randint(2, 4)))
      lo = self.pick(["", "%s%%4" % var, "1"])
      hi = self.pick(["", "%s%%6" % var, "%s%%3" % var])
      self.use_int(ctx, indent, "len(%s[%s:%s])" % (xs, lo, hi))
    elif kind == 2:   # string index and slice
      s = self.fresh("s")
      self.emit(indent, '%s := "%s"' % (s, "abcde"[:self.r.randint(0, 5)]))
      if self.chance(0.5):
        self.use_int(ctx, indent, "int(%s[%s%%5])" % (s, var))
      else:
        self.emit(indent, 'fmt.Println(%s, %s[%s%%4:])' % (
            self.str_lit(ctx), s, var))
    elif kind == 3:   # divide by zero
      d = self.fresh("d")
      self.emit(indent, "%s := %s %% %d" % (d, var, self.r.randint(2, 4)))
      self.use_int(ctx, indent, "%s %s %s" % (
          self.int_expr(ctx), self.pick(["/", "%"]), d))
    elif kind == 4:   # nil function call
      g = self.fresh("g")
      self.emit(indent, "var %s func(int) int" % g)
      self.emit(indent, "if %s {" % self.mostly(ctx))
      self.emit(indent + 1, "%s = func(k int) int { return k * %d }" % (
          g, self.r.randint(2, 5)))
      self.emit(indent, "}")
      self.use_int(ctx, indent, "%s(%s)" % (g, var))
    elif kind == 5:   # failed type assertion
      a = self.fresh("a")
      self.emit(indent, "var %s any = %s" % (a, var))
      self.emit(indent, "if %s {" % self.pick([self.cond, self.mostly])(ctx))
      other = self.pick(['"str"', "true", self.error_value(ctx), "nil"])
      self.emit(indent + 1, "%s = %s" % (a, other))
      self.emit(indent, "}")
      if self.chance(0.7):
        self.use_int(ctx, indent, "%s.(int)" % a)
      else:
        self.emit(indent, "fmt.Println(%s, %s.(%s))" % (
            self.str_lit(ctx), a, self.pick(["string", "error", "bool"])))
    elif kind == 6:   # comma-ok assertion: never panics
      a, v, ok = self.fresh("a"), self.fresh("v"), self.fresh("ok")
      self.emit(indent, "var %s any = %s" % (a, self.pick(
          [var, '"s"', self.error_value(ctx)])))
      self.emit(indent, "%s, %s := %s.(%s)" % (
          v, ok, a, self.pick(["int", "string", "error"])))
      self.emit(indent, "fmt.Println(%s, %s, %s)" % (self.str_lit(ctx), v, ok))
    else:             # error method on a nil error: nil dereference
      e = self.fresh("e")
      self.emit(indent, "var %s error" % e)
      self.emit(indent, "if %s {" % self.mostly(ctx))
      self.emit(indent + 1, "%s = %s" % (e, self.error_value(ctx)))
      self.emit(indent, "}")
      self.emit(indent, "fmt.Println(%s, %s.Error())" % (self.str_lit(ctx), e))

  def s_closure(self, ctx, indent):
    g = self.fresh("g")
    k = self.fresh("k")
    self.emit(indent, "%s := func(%s int) int {" % (g, k))
    inner = Ctx(ctx.fn, "closure", ctx.tag + "/" + g, ctx.ints + [k],
                ctx.assign, ctx.errvar, False)
    inner.mult = ctx.mult * 2   # called up to twice
    inner.depth = ctx.depth + 1
    self.block(inner, indent + 1, self.r.randint(1, 3))
    self.emit(indent + 1, "return %s" % self.int_expr(inner))
    self.emit(indent, "}")
    calls = self.r.randint(1, 2)
    for _ in range(calls):
      self.use_int(ctx, indent, "%s(%s)" % (g, self.arg(ctx)))

  def s_recover_plain(self, ctx, indent):
    """recover() outside a deferred call's own body returns nil (or, in a
    deferred closure, really recovers)."""
    self.emit(indent, 'fmt.Println(%s, "recover:", describe(recover()))' %
              self.str_lit(ctx))

  # ------------------------------------------------------------ defers

  def s_defer(self, ctx, indent):
    roll = self.r.random()
    if roll < 0.15:
      self.emit(indent, "defer fmt.Println(%s, %s)" % (
          self.str_lit(ctx), self.int_expr(ctx)))
    elif roll < 0.25:
      self.emit(indent, "defer recoverHelper(%s)" % self.str_lit(ctx))
    elif roll < 0.3:
      self.emit(indent, "defer recover()")
    elif roll < 0.38:
      callee = self.callable(ctx, ctx.mult)
      if callee is None:
        return self.s_defer(ctx, indent)
      self.emit(indent, "defer %s(%s)" % (callee.name, self.arg(ctx)))
    elif roll < 0.44:
      self.defer_eval_panics(ctx, indent)
    elif roll < 0.49:
      self.defer_nil_func(ctx, indent)
    elif roll < 0.55:
      self.defer_with_args(ctx, indent)
    elif roll < 0.6 and ctx.assign and ctx.depth < MAX_DEPTH:
      self.defer_many(ctx, indent)
    else:
      self.deferred_closure(ctx, indent)

  def defer_eval_panics(self, ctx, indent):
    """A defer statement whose arguments panic when it is evaluated."""
    var = self.pick(ctx.ints) if ctx.ints else "0"
    if self.chance(0.5):
      e = self.fresh("e")
      self.emit(indent, "var %s error" % e)
      self.emit(indent, "if %s {" % self.mostly(ctx))
      self.emit(indent + 1, "%s = %s" % (e, self.error_value(ctx)))
      self.emit(indent, "}")
      self.emit(indent, "defer fmt.Println(%s, %s.Error())" % (
          self.str_lit(ctx), e))
    else:
      xs = self.fresh("xs")
      self.emit(indent, "%s := []string{\"a\", \"b\", \"c\"}" % xs)
      self.emit(indent, "defer fmt.Println(%s, %s[%s%%5])" % (
          self.str_lit(ctx), xs, var))

  def defer_nil_func(self, ctx, indent):
    """Deferring a nil func panics when the deferred call runs, at the end."""
    g = self.fresh("g")
    self.emit(indent, "var %s func(string)" % g)
    self.emit(indent, "if %s {" % self.mostly(ctx))
    self.emit(indent + 1, '%s = func(s string) { fmt.Println(s, "ran") }' % g)
    self.emit(indent, "}")
    self.emit(indent, "defer %s(%s)" % (g, self.str_lit(ctx)))

  def defer_with_args(self, ctx, indent):
    """A deferred function literal with parameters: evaluated now, run
    later, seeing the variables' final values through its captures."""
    k = self.fresh("k")
    self.emit(indent, "defer func(%s int, s string) {" % k)
    inner = Ctx(ctx.fn, "deferred", ctx.tag + "/da", ctx.ints + [k],
                ctx.assign, ctx.errvar, True)
    inner.mult = ctx.mult
    inner.depth = ctx.depth + 1
    self.emit(indent + 1, "fmt.Println(s, %s, %s)" % (k, self.int_expr(inner)))
    self.block(inner, indent + 1, self.r.randint(0, 2))
    self.emit(indent, "}(%s, fmt.Sprint(%s, %s))" % (
        self.int_expr(ctx), self.str_lit(ctx), self.int_expr(ctx)))

  def defer_many(self, ctx, indent):
    """Many cheap defers from one loop; Go 1.19 shares the loop variable
    between iterations, so closures see its final value."""
    i = self.fresh("i")
    target = self.pick(ctx.assign)
    self.emit(indent, "for %s := 0; %s < %d; %s++ {" % (
        i, i, self.pick([10, 50, 200]), i))
    if self.chance(0.5):
      self.emit(indent + 1, "defer func() { %s += %s }()" % (target, i))
    else:
      self.emit(indent + 1, "defer func(k int) { %s = %s*3 + k }(%s)" % (
          target, target, i))
    self.emit(indent, "}")

  def deferred_closure(self, ctx, indent):
    self.emit(indent, "defer func() {")
    inner = Ctx(ctx.fn, "deferred", ctx.tag + "/d", ctx.ints, ctx.assign,
                ctx.errvar, True)
    inner.mult = ctx.mult
    inner.depth = ctx.depth + 1
    roll = self.r.random()
    i1 = indent + 1
    if roll < 0.55:
      r = self.fresh("r")
      self.emit(i1, "if %s := recover(); %s != nil {" % (r, r))
      self.emit(i1 + 1, "fmt.Println(%s, describe(%s))" % (self.str_lit(inner), r))
      then = self.r.random()
      if then < 0.25 and ctx.assign:
        self.emit(i1 + 1, "%s = %s" % (self.pick(ctx.assign), self.int_expr(inner)))
      elif then < 0.4 and ctx.errvar:
        self.emit(i1 + 1, '%s = fmt.Errorf("%s: %%v", %s)' % (
            ctx.errvar, self.label(inner), r))
      elif then < 0.55:
        self.emit(i1 + 1, "panic(%s)" % r)           # re-panic
      elif then < 0.7:
        self.emit(i1 + 1, "panic(%s)" % self.panic_value(inner))
      elif then < 0.78:
        self.emit(i1 + 1, 'fmt.Println(%s, "again:", describe(recover()))' %
                  self.str_lit(inner))
      elif then < 0.86 and ctx.assign:
        v, ok = self.fresh("v"), self.fresh("ok")
        self.emit(i1 + 1, "if %s, %s := %s.(int); %s {" % (v, ok, r, ok))
        self.emit(i1 + 2, "%s = %s" % (self.pick(ctx.assign), v))
        self.emit(i1 + 1, "}")
      if self.chance(0.3):
        self.emit(i1, "} else {")
        self.emit(i1 + 1, 'fmt.Println(%s, "no panic")' % self.str_lit(inner))
      self.emit(i1, "}")
    elif roll < 0.65:
      r = self.fresh("r")
      self.emit(i1, "%s := indirect()" % r)    # nil: not called by the deferred func
      self.emit(i1, 'fmt.Println(%s, "indirect:", describe(%s))' % (
          self.str_lit(inner), r))
    self.block(inner, i1, self.r.randint(0, 2))
    self.emit(indent, "}()")

  # ------------------------------------------------------------ dimension gc
  #
  # Collector pressure while deferred calls of every kind and size are
  # pending: open-coded defers, defers in loops whose records hold only
  # integers (unscanned chunks) or heap pointers (scanned chunks), and
  # records of more than 1024 bytes of arguments (a block of their own),
  # interleaved, while each loop trip allocates enough that the collector
  # runs. Every deferred call folds its arguments into gcLog, which is
  # printed afterwards with the number of calls: a lost or corrupted record
  # changes the line.

  def s_gc_pressure(self, ctx, indent):
    trips = self.pick([6, 12, 24, 40])
    if ctx.fn.gc_work + ctx.mult * trips > MAX_GC_WORK:
      return self.s_print(ctx, indent)
    ctx.fn.gc_work += ctx.mult * trips
    self.uses.add("gc")
    tag = self.str_lit(ctx)
    i1 = indent + 1
    self.emit(indent, "gcLog, gcCalls = 0, 0")
    self.emit(indent, "func() {")
    panics = self.chance(0.3)
    if panics:
      self.emit(i1, "defer func() {")
      self.emit(i1 + 1, 'fmt.Println(%s, "gc recovered:", describe(recover()))'
                % tag)
      self.emit(i1, "}()")
    opened = self.r.randint(0, 2)
    if opened:
      # Outside any loop, these are open-coded: the pending calls below
      # link to this frame's record.
      o = self.fresh("o")
      self.emit(i1, '%s := fmt.Sprint(%s, %s)' % (o, tag, self.int_expr(ctx)))
      for _ in range(opened):
        self.gc_defer(self.pick(["big", "bigints", "str", "ints", "closure"]),
                      i1, o, "len(%s)" % o)
    self.gc_loop(ctx, i1, tag, trips, panics)
    self.emit(indent, "}()")
    self.emit(indent, 'fmt.Println(%s, "gc calls:", gcCalls, gcLog)' % tag)

  def gc_loop(self, ctx, indent, tag, trips, panics):
    i, s = self.fresh("i"), self.fresh("s")
    self.emit(indent, "func() {")
    self.emit(indent + 1, "for %s := 0; %s < %d; %s++ {" % (i, i, trips, i))
    body = indent + 2
    self.emit(body, "%s := fmt.Sprint(%s, %s)" % (s, tag, i))
    kinds = ["big", self.pick(["ints", "bigints"])]
    kinds += [self.pick(GC_RECORD_KINDS) for _ in range(self.r.randint(0, 3))]
    self.r.shuffle(kinds)
    for k, kind in enumerate(kinds):
      self.gc_defer(kind, body, s, i)
      if k == 0 or self.chance(0.3):
        self.gc_allocate(body, s)
    if panics:
      self.emit(body, "if %s == %d {" % (i, self.r.randint(0, trips - 1)))
      self.emit(body + 1, "panic(%s)" % self.pick([
          "fmt.Sprint(%s, %s)" % (s, i), "errors.New(%s)" % s]))
      self.emit(body, "}")
    self.emit(indent + 1, "}")
    self.emit(indent, "}()")

  def gc_allocate(self, indent, s):
    """Enough allocation that the collector runs every few loop trips."""
    roll = self.r.random()
    if roll < 0.5:
      self.emit(indent, "gcSink = make([]byte, %d)" % self.pick(
          [100000, 60000, 150000]))
    elif roll < 0.75:
      t, j = self.fresh("t"), self.fresh("j")
      self.emit(indent, '%s := ""' % t)
      self.emit(indent, "for %s := 0; %s < %d; %s++ {" % (
          j, j, self.pick([100, 200]), j))
      self.emit(indent + 1, '%s += %s + "....................."' % (t, s))
      self.emit(indent, "}")
      self.emit(indent, "gcSink = []byte(%s)" % t)
    else:
      self.emit(indent, "gcSink = append([]byte(%s), make([]byte, %d)...)" % (
          s, self.pick([80000, 120000])))

  def gc_defer(self, kind, indent, s, i):
    """A defer whose record is of kind (see GC_RECORD_KINDS); s is a heap
    string, i an int expression."""
    if kind == "ints":     # integers only: an unscanned chunk
      self.emit(indent, "defer gcInts(%s, %s*%d, %d)" % (
          i, i, self.r.randint(2, 9), self.r.randint(0, 99)))
    elif kind == "str":    # a string and an error: a scanned chunk
      self.emit(indent, "defer gcStr(%s, %s)" % (s, self.pick([
          "errors.New(%s)" % s, 'fmt.Errorf("e%%d", %s)' % i])))
    elif kind == "closure":
      self.emit(indent, 'defer gcCall(func() string { return %s + "!" })' % s)
    elif kind == "lit":
      self.emit(indent, "defer func(a string, b int) { gcNote(gcHash(b, a)) }"
                "(%s, %s)" % (s, i))
    elif kind == "nested":   # a deferred call that defers and allocates
      k, j = self.fresh("k"), self.fresh("j")
      self.emit(indent, "defer func(%s int) {" % k)
      self.emit(indent + 1, "for %s := 0; %s < 3; %s++ {" % (j, j, j))
      self.emit(indent + 2, "defer gcInts(%s, %s, 7)" % (j, k))
      self.emit(indent + 2, "gcSink = make([]byte, 100000)")
      self.emit(indent + 1, "}")
      self.emit(indent, "}(%s)" % i)
    elif kind == "big":    # many strings: more than 1024 bytes on 64 bits
      n, m = self.pick(GC_BIG_STRINGS), self.pick([0, 1, 3])
      self.gc_bigs.add((n, m))
      args = [self.pick([s, s, s, "%s[%d:]" % (s, self.r.randint(0, 2))])
              for _ in range(n)]
      args += [self.gc_int_arg(i) for _ in range(m)]
      self.emit(indent, "defer gcBigS%dI%d(%s)" % (n, m, ", ".join(args)))
    else:                  # bigints: many integers, a block of its own too
      n = self.pick(GC_BIG_INTS)
      self.gc_bigs.add((0, n))
      args = [self.gc_int_arg(i) for _ in range(n)]
      self.emit(indent, "defer gcBigS0I%d(%s)" % (n, ", ".join(args)))

  def gc_int_arg(self, i):
    """An argument that is not constant: minigo keeps constant arguments
    out of the record, which would make it smaller than it looks."""
    return self.pick([i, "%s+%d" % (i, self.r.randint(1, 99)),
                      "%s*%d" % (i, self.r.randint(2, 9))])

  def gc_helpers(self):
    lines = GC_HELPERS.split("\n")
    for n, m in sorted(self.gc_bigs):
      params = []
      if n:
        params.append(", ".join("s%d" % k for k in range(n)) + " string")
      if m:
        params.append(", ".join("i%d" % k for k in range(m)) + " int")
      lines.append("func gcBigS%dI%d(%s) {" % (n, m, ", ".join(params)))
      ints = " + ".join("i%d*%d" % (k, k + 1) for k in range(m)) or "0"
      lines.append("\th := (%s) %% 1000003" % ints)
      if n:
        lines.append("\tfor _, s := range []string{%s} {" % ", ".join(
            "s%d" % k for k in range(n)))
        lines.append("\t\th = gcHash(h, s)")
        lines.append("\t}")
      lines.append("\tgcNote(h)")
      lines.append("}")
      lines.append("")
    return lines

  # ------------------------------------------------------------ dimension order
  #
  # Side-effecting calls (each prints "#ID " and returns its argument) in
  # every operand position, so that the line shows the order Go's spec
  # gives: all calls of a statement left to right, the right operand of &&
  # and || only when it decides, once, in its place.

  def s_order(self, ctx, indent):
    self.uses.add("order")
    self.order_id = 0
    tag = self.str_lit(ctx)
    roll = self.r.randint(0, 12)
    o_int = lambda: self.o_int(ctx, 0)
    o_bool = lambda: self.o_bool(ctx, 0)
    if roll == 0:      # call arguments, binary operators
      self.emit(indent, "fmt.Println(%s, %s, %s, %s)" % (
          tag, o_int(), o_bool(), o_int()))
    elif roll == 1:    # multi-value assignment to blanks (issue 10's shape)
      self.emit(indent, "_, _ = %s, %s" % (o_bool(), o_int()))
      self.emit(indent, "fmt.Println(%s)" % tag)
    elif roll == 2:    # multi-value definition
      a, b, c = self.fresh("a"), self.fresh("b"), self.fresh("c")
      self.emit(indent, "%s, %s, %s := %s, %s, %s" % (
          a, b, c, o_int(), o_bool(), o_int()))
      self.emit(indent, "fmt.Println(%s, %s, %s, %s)" % (tag, a, b, c))
    elif roll == 3:    # composite literals
      xs = self.fresh("xs")
      self.emit(indent, "%s := []int{%s}" % (
          xs, ", ".join(o_int() for _ in range(self.r.randint(2, 4)))))
      self.emit(indent, "fmt.Println(%s, %s, []bool{%s, %s})" % (
          tag, xs, o_bool(), o_bool()))
    elif roll == 4:    # index operands on the left, then the right
      xs = self.fresh("xs")
      self.emit(indent, "%s := make([]int, 4)" % xs)
      self.emit(indent, "%s[%s&3], %s[%s&3] = %s, %s" % (
          xs, o_int(), xs, o_int(), o_int(), o_int()))
      self.emit(indent, "fmt.Println(%s, %s)" % (tag, xs))
    elif roll == 5:    # return lists
      a, b = self.fresh("a"), self.fresh("b")
      self.emit(indent, "%s, %s := func() (bool, int) {" % (a, b))
      self.emit(indent + 1, "return %s, %s" % (o_bool(), o_int()))
      self.emit(indent, "}()")
      self.emit(indent, "fmt.Println(%s, %s, %s)" % (tag, a, b))
    elif roll == 6:    # defer arguments: evaluated now, printed later
      if self.chance(0.5):
        self.emit(indent, "defer fmt.Println(%s, %s, %s)" % (
            tag, o_int(), o_bool()))
      else:
        self.emit(indent, "defer func(a int, b bool, c int) {")
        self.emit(indent + 1, "fmt.Println(%s, a, b, c)" % tag)
        self.emit(indent, "}(%s, %s, %s)" % (o_int(), o_bool(), o_int()))
      self.emit(indent, 'fmt.Println(%s, "deferred")' % tag)
    elif roll == 7:    # append and copy arguments
      xs, n = self.fresh("xs"), self.fresh("n")
      self.emit(indent, "%s := append(exs(%d, []int{%s}), %s, %s)" % (
          xs, self.next_id(), o_int(), o_int(), o_int()))
      self.emit(indent, "%s := copy(exs(%d, make([]int, %d)), exs(%d, "
                "[]int{%s, %s}))" % (n, self.next_id(), self.r.randint(1, 3),
                                     self.next_id(), o_int(), o_int()))
      self.emit(indent, "fmt.Println(%s, %s, %s)" % (tag, xs, n))
    elif roll == 8:    # strings: concatenation, conversions, byte copies
      bs, n = self.fresh("bs"), self.fresh("n")
      self.emit(indent, "%s := make([]byte, 3)" % bs)
      self.emit(indent, "%s := copy(%s, es(%d, %s)+string(rune(65+%s&15)))" % (
          n, bs, self.next_id(), self.pick(['"xy"', '""', '"q"']), o_int()))
      self.emit(indent, "fmt.Println(%s, %s, string(%s), %s+es(%d, \"!\"))" % (
          tag, n, bs, self.o_str(ctx), self.next_id()))
    elif roll == 9:    # a condition, then a switch's cases in order
      self.emit(indent, "if %s {" % o_bool())
      self.emit(indent + 1, 'fmt.Println(%s, "then")' % tag)
      self.emit(indent, "} else {")
      self.emit(indent + 1, 'fmt.Println(%s, "else")' % tag)
      self.emit(indent, "}")
      self.emit(indent, "switch ei(%d, %s&3) {" % (self.next_id(),
                                                 self.int_expr(ctx)))
      self.emit(indent, "case ei(%d, 0), ei(%d, 1):" % (self.next_id(),
                                                       self.next_id()))
      self.emit(indent + 1, 'fmt.Println(%s, "low")' % tag)
      self.emit(indent, "case %s:" % o_int())
      self.emit(indent + 1, 'fmt.Println(%s, "case")' % tag)
      self.emit(indent, "default:")
      self.emit(indent + 1, 'fmt.Println(%s, "default")' % tag)
      self.emit(indent, "}")
    elif roll == 10 and ctx.assign:   # op-assignment
      self.emit(indent, "%s %s %s" % (self.pick(ctx.assign),
                                      self.pick(["+=", "^=", "-="]), o_int()))
      self.emit(indent, "fmt.Println(%s)" % tag)
    elif roll == 11:   # a deferred call inside a loop: a chunk record
      i = self.fresh("i")
      self.emit(indent, "for %s := 0; %s < 2; %s++ {" % (i, i, i))
      self.emit(indent + 1, "defer fmt.Println(%s, %s, %s, %s)" % (
          tag, i, o_int(), o_bool()))
      self.emit(indent, "}")
      self.emit(indent, 'fmt.Println(%s, "deferred")' % tag)
    else:              # the operands of a comparison of results
      self.emit(indent, "fmt.Println(%s, %s == %s, %s)" % (
          tag, o_bool(), o_bool(), o_int()))

  def next_id(self):
    self.order_id += 1
    return self.order_id

  def o_int(self, ctx, depth):
    """An int expression whose calls print their order; never panics."""
    roll = self.r.random()
    if depth >= 2 or roll < 0.3:
      if self.chance(0.7):
        return "ei(%d, %s)" % (self.next_id(), self.int_expr(ctx, 1))
      if self.chance(0.5):
        return "len(es(%d, %s))" % (self.next_id(), self.pick(
            ['"ab"', '""', '"xyz"']))
      return self.int_expr(ctx, 1)
    sub = lambda: self.o_int(ctx, depth + 1)
    if roll < 0.5:
      a = sub()
      return "(%s %s %s)" % (a, self.pick(["+", "-", "*", "^", "&", "|"]),
                             sub())
    if roll < 0.58:   # index: the operand, then the index
      xs = "exs(%d, []int{%s, %s, %s, %s})" % (
          self.next_id(), sub(), self.r.randint(0, 9), sub(),
          self.r.randint(0, 9))
      return "%s[%s&3]" % (xs, sub())
    if roll < 0.65:   # slice bounds
      xs = "exs(%d, []int{1, 2, 3, 4, 5})" % self.next_id()
      lo = sub()
      return "len(%s[%s&1 : (%s&1)+3])" % (xs, lo, sub())
    if roll < 0.71:   # string index and slice
      s = "es(%d, \"abcdef\")" % self.next_id()
      if self.chance(0.5):
        return "int(%s[%s&3])" % (s, sub())
      lo = sub()
      return "len(%s[%s&1:%s&3+2])" % (s, lo, sub())
    if roll < 0.78:   # conversions (of a call: a constant might overflow)
      return "int(%s(ei(%d, %s)))" % (
          self.pick(["int8", "uint8", "int16", "uint32", "byte", "rune",
                     "int64"]), self.next_id(), sub())
    if roll < 0.86:   # call arguments
      if self.chance(0.5):
        a = sub()
        return "oadd(%s, %s)" % (a, sub())
      args = [sub() for _ in range(self.r.randint(0, 3))]
      return "osum(%s)" % ", ".join(args)
    if roll < 0.94:   # a short-circuit, then what follows it
      b = self.o_bool(ctx, depth + 1)
      return "(btoi(%s) + %s)" % (b, sub())
    a = sub()         # a function literal's arguments
    return "func(a, b int) int { return a*2 - b }(%s, %s)" % (a, sub())

  def o_bool(self, ctx, depth):
    roll = self.r.random()
    if depth >= 2 or roll < 0.3:
      if self.chance(0.75):
        return "eb(%d, %s)" % (self.next_id(), self.pick(
            ["true", "false", self.cond(ctx)]))
      return self.pick(["true", "false"])
    if roll < 0.7:    # short-circuits, taken or not
      a = self.o_bool(ctx, depth + 1)
      return "(%s %s %s)" % (a, self.pick(["&&", "||"]),
                             self.o_bool(ctx, depth + 1))
    if roll < 0.8:
      return "!%s" % self.o_bool(ctx, depth + 1)
    if roll < 0.9:
      a = self.o_bool(ctx, depth + 1)
      return "(%s %s %s)" % (a, self.pick(["==", "!="]),
                             self.o_bool(ctx, depth + 1))
    a = self.o_int(ctx, depth + 1)
    return "(%s %s %s)" % (a, self.pick(["<", "==", ">="]),
                           self.o_int(ctx, depth + 1))

  def o_str(self, ctx):
    a = "es(%d, %s)" % (self.next_id(), self.pick(['"a"', '"bc"']))
    b = self.o_int(ctx, 1)
    return "%s+string(rune(97+%s&7))+es(%d, \"z\")" % (a, b, self.next_id())

  # ------------------------------------------------------------ dimension multi
  #
  # A call with several results as the only argument of every call form
  # that takes one: user functions whose parameters match, variadic ones
  # (with and without leading parameters), function literals, append, copy,
  # println, fmt's functions, deferred calls and return lists.

  def s_multi(self, ctx, indent):
    self.uses.add("multi")
    tag = self.str_lit(ctx)
    a = self.int_expr(ctx)
    m = self.r.randint(1, 99)
    roll = self.r.randint(0, 13)
    if roll == 0:
      self.emit(indent, "fmt.Println(%s, madd(mv2(%d, %s)))" % (tag, m, a))
    elif roll == 1:
      self.emit(indent, "fmt.Println(%s, mcount(%s(%d, %s)))" % (
          tag, self.pick(["mv2", "mv3"]), m, a))
    elif roll == 2:
      self.emit(indent, "fmt.Println(%s, mlead(%s(%d, %s)))" % (
          tag, self.pick(["mv2", "mv3"]), m, a))
    elif roll == 3:
      c = self.fresh("c")
      if self.chance(0.5):
        self.emit(indent, "%s := func(a, b int) int { return a*3 - b }" % c)
        self.emit(indent, "fmt.Println(%s, %s(mv2(%d, %s)))" % (tag, c, m, a))
      else:
        self.emit(indent, "%s := func(xs ...int) int { return len(xs) + %s }" %
                  (c, self.pick(ctx.ints) if ctx.ints else "0"))
        self.emit(indent, "fmt.Println(%s, %s(mv3(%d, %s)))" % (tag, c, m, a))
    elif roll == 4:
      xs = self.fresh("xs")
      self.emit(indent, "%s := append(mvs(%d, %s))" % (xs, m, a))
      self.emit(indent, "fmt.Println(%s, %s, len(%s))" % (tag, xs, xs))
    elif roll == 5:
      self.emit(indent, 'fmt.Println(%s, copy(mvbs(%d, %s)))' % (
          tag, m, self.pick(['"abcd"', '"x"', '""'])))
    elif roll == 6:
      self.emit(indent, "println(%s)" % self.pick([
          "mvsi(%d, %s)" % (m, a), "mv3(%d, %s)" % (m, a)]))
    elif roll == 7:
      self.emit(indent, "fmt.Println(%s)" % self.pick([
          "mvsi(%d, %s)" % (m, a), "mv3(%d, %s)" % (m, a),
          "mverr(%d, %s)" % (m, a)]))
    elif roll == 8:
      self.emit(indent, "fmt.Printf(mvfmt(%d, %s))" % (m, a))
      self.emit(indent, "fmt.Println(%s, fmt.Sprint(mv2(%d, %s)), "
                "fmt.Errorf(mvfmt(%d, %s)))" % (tag, m, a, m + 1, a))
    elif roll == 9:
      self.emit(indent, "fmt.Println(%s, manys(mvsi(%d, %s)), manyv(mv3(%d, "
                "%s)))" % (tag, m, a, m + 1, a))
    elif roll == 10:   # deferred, open-coded or chunked
      call = self.pick(["mprint(mv3(%d, %s))", "mprint(mv2(%d, %s))",
                        "fmt.Println(mv3(%d, %s))", "println(mv2(%d, %s))",
                        "madd(mv2(%d, %s))", "mvoid(mvsi(%d, %s))"]) % (m, a)
      if self.chance(0.3):
        i = self.fresh("i")
        self.emit(indent, "for %s := 0; %s < 2; %s++ {" % (i, i, i))
        self.emit(indent + 1, "defer %s" % call.replace(
            "(%d, " % m, "(%d+%s, " % (m, i), 1))
        self.emit(indent, "}")
      else:
        self.emit(indent, "defer %s" % call)
    elif roll == 11:
      self.emit(indent, "defer func(a, b int) {")
      self.emit(indent + 1, "fmt.Println(%s, a, b)" % tag)
      self.emit(indent, "}(mv2(%d, %s))" % (m, a))
    elif roll == 12:   # a return list that is one call
      x, y = self.fresh("x"), self.fresh("y")
      self.emit(indent, "%s, %s := func() (int, int) {" % (x, y))
      self.emit(indent + 1, "return mv2(%d, %s)" % (m, a))
      self.emit(indent, "}()")
      self.emit(indent, "fmt.Println(%s, %s, %s)" % (tag, x, y))
    else:              # one call, several targets
      x, y, z = self.fresh("x"), self.fresh("y"), self.fresh("z")
      self.emit(indent, "%s, %s, %s := mv3(%d, %s)" % (x, y, z, m, a))
      self.emit(indent, "fmt.Println(%s, mcount(%s, %s, %s))" % (tag, x, y, z))

  # ------------------------------------------------------------ functions

  def function(self, fn):
    names = {"int": "(n int) int", "named": "(n int) (res int)",
             "pair": "(n int) (res int, err error)", "void": "(n int)"}
    self.emit(0, "func %s%s {" % (fn.name, names[fn.kind]))
    if fn.kind in ("int", "void"):
      self.emit(1, "acc := n")
      ints, assign = ["n", "acc"], ["acc"]
    else:
      ints, assign = ["n", "res"], ["res"]
    errvar = "err" if fn.kind == "pair" else None
    ctx = Ctx(fn, fn.kind, fn.name, ints, assign, errvar, False)
    self.emit(1, 'fmt.Println("%s enter", n)' % fn.name)
    if self.dims.get("gc") and self.chance(min(1.0, 0.25 * self.dims["gc"])):
      # Where every call runs it: blocks in branches often run in none.
      self.s_gc_pressure(ctx, 1)
    self.block(ctx, 1, self.r.randint(2, 6))
    if self.chance(0.25):
      self.recursion(ctx, fn)
    if fn.kind == "int":
      self.emit(1, "return acc + %s" % self.int_expr(ctx))
    elif fn.kind == "void":
      self.emit(1, 'fmt.Println("%s leave", acc)' % fn.name)
    elif fn.kind == "named":
      self.emit(1, self.pick(["return", "return res + %s" % self.int_expr(ctx)]))
    else:
      self.emit(1, self.return_stmt(ctx))
    self.emit(0, "}")
    self.emit(0, "")

  def recursion(self, ctx, fn):
    """A bounded recursive call (n falls by one to 0): defers and panics
    at several depths of the same function."""
    call = "%s(n-1)" % fn.name
    self.emit(1, "if n > 0 && n < %d {" % self.r.randint(3, 6))
    if fn.kind == "void":
      self.emit(2, call)
    elif fn.kind == "pair":
      v, e = self.fresh("v"), self.fresh("e")
      self.emit(2, "%s, %s := %s" % (v, e, call))
      self.emit(2, "res += %s" % v)
      self.emit(2, "if %s != nil {" % e)
      self.emit(3, "err = %s" % e)
      self.emit(2, "}")
    else:
      self.emit(2, "%s += %s" % (ctx.assign[0], call))
    self.emit(1, "}")
    fn.cost *= 5
    fn.gc_work *= 5

  def helpers(self):
    self.lines += [
        "func describe(r any) string {",
        "\tif r == nil {",
        '\t\treturn "nil"',
        "\t}",
        "\tif e, ok := r.(error); ok {",
        '\t\treturn fmt.Sprintf("error %T %v", e, e.Error())',
        "\t}",
        '\treturn fmt.Sprintf("%T %v", r, r)',
        "}",
        "",
        "// recoverHelper recovers when it is itself the deferred call.",
        "func recoverHelper(tag string) {",
        '\tfmt.Println(tag, "helper:", describe(recover()))',
        "}",
        "",
        "// indirect never recovers: recover is not called by a deferred call.",
        "func indirect() any {",
        "\treturn recover()",
        "}",
        "",
    ]

  def scenario_driver(self, entries):
    self.emit(0, "func scenario(i int) (out string) {")
    self.emit(1, "defer func() {")
    self.emit(2, "if r := recover(); r != nil {")
    self.emit(3, 'out = "panicked: " + describe(r)')
    self.emit(2, "}")
    self.emit(1, "}()")
    self.emit(1, "n := i / %d" % len(entries))
    self.emit(1, "switch i %% %d {" % len(entries))
    for c, fn in enumerate(entries):
      self.emit(1, "case %d:" % c)
      call = "%s(n)" % fn.name
      if fn.kind == "void":
        self.emit(2, call)
      elif fn.kind == "pair":
        self.emit(2, "v, err := %s" % call)
        self.emit(2, 'return fmt.Sprint("%s ", v, " ", err)' % fn.name)
      else:
        self.emit(2, 'return fmt.Sprint("%s ", %s)' % (fn.name, call))
    self.emit(1, "}")
    self.emit(1, 'return "done"')
    self.emit(0, "}")
    self.emit(0, "")

  def main_func(self):
    self.emit(0, "func main() {")
    ids = ", ".join(str(i) for i in range(self.scenarios))
    self.emit(1, "for _, i := range []int{%s} {" % ids)
    self.emit(2, 'fmt.Println("scenario", i, "->", scenario(i))')
    self.emit(1, "}")
    roll = self.r.random()
    fn = self.pick(self.funcs)
    n = self.r.randint(0, 20)
    if roll < 0.3:
      self.emit(1, "%s(%d)" % (fn.name, n))   # may panic, unrecovered
    elif roll < 0.45:
      if self.chance(0.5):
        self.emit(1, "defer func() {")
        self.emit(2, 'panic(fmt.Sprint("main again: ", recover()))')
        self.emit(1, "}()")
      ctx = Ctx(fn, "void", "main", [], [], None, False)
      self.emit(1, "panic(%s)" % self.panic_value(ctx))
    elif roll < 0.52:
      self.emit(1, 'defer fmt.Println("not printed: os.Exit runs no defers")')
      self.emit(1, "os.Exit(%d)" % self.r.randint(0, 5))
    elif roll < 0.62 and "ifaces" in self.uses:
      self.i_main_panic(Ctx(fn, "void", "main", [], [], None, False), 1)
    elif roll < 0.7 and "floats" in self.uses:
      self.float_main_panic(Ctx(fn, "void", "main", [], [], None, False), 1)
    self.emit(0, "}")

  def program(self):
    kinds = ["int", "named", "pair", "void"]
    nfuncs = self.r.randint(4, 9)
    self.funcs = [Func(i, self.pick(kinds)) for i in range(nfuncs)]
    if any(self.dims.get(d) for d in AGGREGATE_DIMS):
      self.universe = Universe(self.r)
    if any(self.dims.get(d) for d in METHOD_DIMS):
      self.mtypes = MethodTypes(self.r)
    if any(self.dims.get(d) for d in IFACE_DIMS):
      self.itypes = IfaceTypes(self.r)
    # Generate from the last function up: callees' costs are then known.
    chunks = []
    for fn in reversed(self.funcs):
      self.lines = []
      self.function(fn)
      chunks.append(self.lines)
    self.lines = []
    if "types" in self.uses:
      self.lines += self.universe.decls()
    if "methods" in self.uses:
      self.lines += self.mtypes.decls()
    if "ifaces" in self.uses:
      self.lines += self.itypes.decls()
    self.helpers()
    if "gc" in self.uses:
      self.lines += self.gc_helpers()
    if "order" in self.uses:
      self.lines += ORDER_HELPERS.split("\n")
    if "multi" in self.uses:
      self.lines += MULTI_HELPERS.split("\n")
    if "floats" in self.uses:
      self.lines += FLOAT_HELPERS.split("\n")
    if "maps" in self.uses:
      self.lines += MAP_HELPERS.split("\n")
    for chunk in reversed(chunks):
      self.lines += chunk
    entries = self.funcs[:self.r.randint(1, min(4, nfuncs))]
    self.scenario_driver(entries)
    self.main_func()
    header = ["package main", "", "import ("]
    body = "\n".join(self.lines)
    # Imported exactly when used: a pick may have built a value it dropped.
    uses = [u for u in ("errors", "fmt", "os", "runtime")
            if re.search(r"\b%s\.[A-Z]" % u, body)]
    header += ['\t"%s"' % u for u in uses]
    header += [")", ""]
    first = "// Generated by tools/gen_program.py --seed %d --scenarios %d" % (
        self.seed, self.scenarios)
    if self.dims != DEFAULT_DIMS:
      first += " --dims " + format_dims(self.dims)
    return first + "\n\n" + "\n".join(header + self.lines) + "\n"


def generate(seed, scenarios=40, dims=None):
  """The program text for seed (an int); dims as parse_dims returns, None
  for the default."""
  return Gen(seed, scenarios, dims).program()


def main():
  ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
  ap.add_argument("--seed", type=int, required=True)
  ap.add_argument("--scenarios", type=int, default=40,
                  help="scenarios main runs (default 40)")
  ap.add_argument("--dims", default="all", type=dims_arg, help=DIMS_HELP)
  ap.add_argument("-o", dest="output", help="write here, not to stdout")
  args = ap.parse_args()
  text = generate(args.seed, args.scenarios, args.dims)
  if args.output:
    with open(args.output, "w") as f:
      f.write(text)
  else:
    sys.stdout.write(text)


if __name__ == "__main__":
  main()
