#!/usr/bin/env python3
"""Generate a random, valid, terminating, deterministic Mini program that
stresses defer, panic and recover.

  tools/gen_program.py --seed S [--scenarios K] [-o FILE]

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
"""

import argparse
import random
import sys

MAX_COST = 40        # bound on the calls/prints one function call causes
MAX_DEPTH = 3        # nesting of blocks inside one body


class Func:
  """A generated top-level function fK."""

  def __init__(self, index, kind):
    self.index = index
    self.name = "f%d" % index
    self.kind = kind      # 'int', 'named', 'pair' or 'void'
    self.cost = 1


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


class Gen:

  def __init__(self, seed, scenarios):
    self.seed = seed
    self.r = random.Random(seed)
    self.scenarios = scenarios
    self.counter = 0
    self.lines = []
    self.cost_used = 0

  # ------------------------------------------------------------ utilities

  def fresh(self, prefix):
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
               fn.cost + mult * f.cost <= MAX_COST]
    if not options:
      return None
    callee = self.pick(options)
    fn.cost += mult * callee.cost
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
    self.emit(0, "}")

  def program(self):
    kinds = ["int", "named", "pair", "void"]
    nfuncs = self.r.randint(4, 9)
    self.funcs = [Func(i, self.pick(kinds)) for i in range(nfuncs)]
    # Generate from the last function up: callees' costs are then known.
    chunks = []
    for fn in reversed(self.funcs):
      self.lines = []
      self.function(fn)
      chunks.append(self.lines)
    self.lines = []
    self.helpers()
    for chunk in reversed(chunks):
      self.lines += chunk
    entries = self.funcs[:self.r.randint(1, min(4, nfuncs))]
    self.scenario_driver(entries)
    self.main_func()
    header = ["package main", "", "import ("]
    body = "\n".join(self.lines)
    # Imported exactly when used: a pick may have built a value it dropped.
    uses = [u for u in ("errors", "fmt", "os") if u + "." in body]
    header += ['\t"%s"' % u for u in uses]
    header += [")", ""]
    first = "// Generated by tools/gen_program.py --seed %d --scenarios %d" % (
        self.seed, self.scenarios)
    return first + "\n\n" + "\n".join(header + self.lines) + "\n"


def generate(seed, scenarios=40):
  """The program text for seed (an int)."""
  return Gen(seed, scenarios).program()


def main():
  ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
  ap.add_argument("--seed", type=int, required=True)
  ap.add_argument("--scenarios", type=int, default=40,
                  help="scenarios main runs (default 40)")
  ap.add_argument("-o", dest="output", help="write here, not to stdout")
  args = ap.parse_args()
  text = generate(args.seed, args.scenarios)
  if args.output:
    with open(args.output, "w") as f:
      f.write(text)
  else:
    sys.stdout.write(text)


if __name__ == "__main__":
  main()
