"""Floating-point and complex numbers for tools/gen_program.py: the
statements of the dimensions float and complex (see gen_program's
docstring).

float: float64 and float32 locals, parameters and results (helpers fscale,
fdiv, fsum, fpick and the defined type Temp, emitted when used),
arithmetic with literals of every form, NaN, infinities and -0 made at run
time from a zero variable (as constants they would be compile-time errors
or exact), comparisons, conversions int<->float of values in range (Go
leaves out-of-range ones to the architecture), float32 rounding at
assignments, float values through function values, interfaces, deferred
calls, panics and recover, printed by println and fmt's %v %g %.3f %e.

complex: complex128 and complex64 arithmetic (division too, by zero
included: the runtime's complex128div), real, imag, complex, ==, printed by
println and fmt, panics with complex values.

Every int that becomes a float is reduced first (v % 1000): the program's
ints may have wrapped to any value, and a float of one near 2^63 would
convert back out of range.
"""

FLOAT_HELPERS = """\
// fscale has parameters and results of both float sizes.
func fscale(x float64, k float32) (float64, float32) {
\treturn x * float64(k), k*0.5 + 0.1
}

// fdiv panics with its dividend for a zero divisor and recovers, turning
// the panic into a result through its named result.
func fdiv(a, b float64) (q float64) {
\tdefer func() {
\t\tif r := recover(); r != nil {
\t\t\tfmt.Println("fdiv recovered", r)
\t\t\tq = -0.5
\t\t}
\t}()
\tif b == 0 {
\t\tpanic(a)
\t}
\treturn a / b
}

// fsum adds its variadic float64 arguments.
func fsum(xs ...float64) (s float64) {
\tfor _, x := range xs {
\t\ts += x
\t}
\treturn
}

// fpick returns its float32 argument when odd is set, else the other.
func fpick(odd bool, a float32, b float32) float32 {
\tif odd {
\t\treturn a
\t}
\treturn b
}

// Temp is a defined float type with methods and a String method.
type Temp float64

func (t Temp) Warmer(d float32) Temp { return t + Temp(d) }

func (t *Temp) Cool() { *t -= 1.25 }

func (t Temp) String() string { return fmt.Sprintf("%.1fC", float64(t)) }
"""

LITERALS = ["1.5", "0.1", "-2.25", "1e-3", "3e10", "0x1p-2", "1_000.5",
            ".5", "7.", "6.02e23", "1e-310", "0.3"]
# Pairs of a verb list and whether it suits float32 and float64 alike.
VERBS = ["%v", "%g", "%.3f", "%e", "%8.2f", "%-10.3g|", "%+.2e", "%G", "%E",
         "%6.1f"]


class FloatGen:
  """Mixed into gen_program.Gen: needs its emit, fresh, pick, chance,
  str_lit and self.r, and ctx.ints."""

  def fl_int(self, ctx):
    """An int expression in [-999, 999]."""
    var = self.pick(ctx.ints) if ctx.ints else str(self.r.randint(-9, 9))
    return "%s%%1000" % var

  def fl_lit(self):
    return self.pick(LITERALS)

  def fl_expr(self, vars_, depth=0):
    """A float expression over vars_ (names of one float type) and
    literals; never a constant expression alone (vars_ is not empty)."""
    if depth >= 2 or self.chance(0.4):
      return self.pick(vars_)
    a = self.fl_expr(vars_, depth + 1)
    b = self.pick(vars_ + [self.fl_lit()])
    op = self.pick(["+", "-", "*", "/"])
    return "(%s %s %s)" % (a, op, b)

  def fl_printf(self, indent, tag, vals):
    verbs = " ".join(self.pick(VERBS) for _ in vals)
    self.emit(indent, 'fmt.Printf("%%s %s\\n", %s, %s)' % (
        verbs, tag, ", ".join(vals)))

  def fl_show(self, indent, tag, vals):
    """Prints float values one of three ways."""
    roll = self.r.random()
    if roll < 0.3:
      self.emit(indent, "println(%s, %s)" % (tag, ", ".join(vals)))
    elif roll < 0.6:
      self.emit(indent, "fmt.Println(%s, %s)" % (tag, ", ".join(vals)))
    else:
      self.fl_printf(indent, tag, vals)

  # ---------------------------------------------------------- float

  def s_float(self, ctx, indent):
    self.uses.add("floats")
    tag = self.str_lit(ctx)
    kind = self.r.randint(0, 9)
    [self.float_arith, self.float_specials, self.float_convert,
     self.float32_rounding, self.float_compare, self.float_calls,
     self.float_defer, self.float_panic, self.float_recover_local,
     self.float_method][kind](ctx, indent, tag)

  def float_arith(self, ctx, indent, tag):
    x, y, z = self.fresh("x"), self.fresh("y"), self.fresh("z")
    self.emit(indent, "%s := float64(%s) * %s" % (x, self.fl_int(ctx),
                                                  self.fl_lit()))
    self.emit(indent, "%s := %s + float64(%s)" % (y, self.fl_lit(),
                                                  self.fl_int(ctx)))
    self.emit(indent, "%s := %s" % (z, self.fl_expr([x, y])))
    if self.chance(0.5):
      self.emit(indent, "%s %s %s" % (z, self.pick(["+=", "-=", "*=", "/="]),
                                      self.fl_expr([x, y])))
    self.fl_show(indent, tag, [x, y, z])

  def float_zero(self, indent):
    zero = self.fresh("zero")
    self.emit(indent, "%s := 0.0" % zero)
    return zero

  def float_specials(self, ctx, indent, tag):
    """NaN, the infinities and -0, built at run time."""
    zero = self.float_zero(indent)
    nan, inf, negz = self.fresh("nan"), self.fresh("inf"), self.fresh("negz")
    self.emit(indent, "%s := %s / %s" % (nan, zero, zero))
    self.emit(indent, "%s := %s / %s" % (inf, self.pick(["1", "-2.5", "1e300"]),
                                         zero))
    self.emit(indent, "%s := -%s" % (negz, zero))
    x = self.fresh("x")
    self.emit(indent, "%s := float64(%s)" % (x, self.fl_int(ctx)))
    exprs = [nan, inf, negz, "-" + inf, "1 / " + negz, "%s * %s" % (inf, zero),
             "%s + %s" % (inf, x), "%s - %s" % (inf, inf), "%s * %s" % (nan, x),
             "%s / %s" % (x, inf), "%s * 1e308 * 10" % x, negz + " * -1"]
    vals = [nan, inf, negz, x] + [self.pick(exprs[3:])
                                  for _ in range(self.r.randint(1, 3))]
    self.fl_show(indent, tag, vals)
    bools = ["%s == %s" % (nan, nan), "%s != %s" % (nan, nan),
             "%s < %s" % (nan, x), "%s >= %s" % (nan, x),
             "%s == %s" % (negz, zero), "%s > %s" % (inf, x),
             "-%s < %s" % (inf, negz), "%s == %s+1" % (inf, inf)]
    picked = [self.pick(bools) for _ in range(2)]
    self.emit(indent, "fmt.Println(%s, %s)" % (tag, ", ".join(picked)))

  def float_convert(self, ctx, indent, tag):
    """int <-> float of values in range: truncation toward zero."""
    f, i = self.fresh("fl"), self.fresh("i")
    self.emit(indent, "%s := float64(%s) %s %s" % (
        f, self.fl_int(ctx), self.pick(["*", "/", "+"]),
        self.pick(["2.75", "-0.5", "3.3", "1e3", "0.001"])))
    self.emit(indent, "%s := int(%s)" % (i, f))
    conv = self.pick(["int(-%s)" % f, "int64(%s * 1e6)" % f,
                      "int32(%s)" % f, "uint8(int(%s) & 127)" % f,
                      "int(float32(%s))" % f])
    self.emit(indent, "fmt.Println(%s, %s, %s, %s, float64(%s)/4)" % (
        tag, f, i, conv, i))

  def float32_rounding(self, ctx, indent, tag):
    """float32 rounds at every assignment and operation."""
    a, b = self.fresh("a"), self.fresh("b")
    self.emit(indent, "var %s float32 = %s" % (a, self.pick(
        ["0.1", "1.0 / 3", "16777217", "3.4e38", "1e-45"])))
    self.emit(indent, "%s := float32(%s) * %s" % (b, self.fl_int(ctx),
                                                  self.fl_lit()))
    self.emit(indent, "%s = %s" % (a, self.fl_expr([a, b])))
    self.fl_show(indent, tag, [a, b, "float64(%s)" % a, "%s * 10" % a])

  def float_compare(self, ctx, indent, tag):
    x, y = self.fresh("x"), self.fresh("y")
    self.emit(indent, "%s := float64(%s) / 4" % (x, self.fl_int(ctx)))
    self.emit(indent, "%s := float64(%s) * 0.25" % (y, self.fl_int(ctx)))
    self.emit(indent, "if %s %s %s {" % (x, self.pick(["<", "<=", "==", "!=",
                                                       ">", ">="]), y))
    self.emit(indent + 1, "fmt.Println(%s, %s, %s)" % (tag, x, y))
    self.emit(indent, "} else {")
    self.emit(indent + 1, "fmt.Println(%s, %s-%s)" % (tag, x, y))
    self.emit(indent, "}")
    self.emit(indent, "fmt.Println(%s, %s+0.1+0.2 == %s+0.3, 0.1+0.2 == 0.3)" % (
        tag, x, x))

  def float_calls(self, ctx, indent, tag):
    """Float parameters and results: direct, through a function value, a
    closure, a variadic call."""
    x, k = self.fresh("x"), self.fresh("k")
    self.emit(indent, "%s := float64(%s) * %s" % (x, self.fl_int(ctx),
                                                  self.fl_lit()))
    self.emit(indent, "%s := float32(%s) / 8" % (k, self.fl_int(ctx)))
    roll = self.r.randint(0, 4)
    if roll == 0:
      a, b = self.fresh("a"), self.fresh("b")
      self.emit(indent, "%s, %s := fscale(%s, %s)" % (a, b, x, k))
      self.fl_show(indent, tag, [a, b])
    elif roll == 1:
      g = self.fresh("g")
      self.emit(indent, "%s := fscale" % g)
      self.emit(indent, "fmt.Println(%s, fpick(%s > 0, %s, 2.5))" % (tag, k, k))
      self.emit(indent, "fmt.Println(%s)" % ("%s(%s, %s)" % (g, x, k)))
    elif roll == 2:
      self.emit(indent, "fmt.Println(%s, fdiv(%s, %s), fdiv(%s, float64(%s)))" % (
          tag, x, self.pick(["4", "0", "-0.5"]), x, k))
    elif roll == 3:
      self.emit(indent, "fmt.Println(%s, fsum(), fsum(%s, %s, float64(%s)))" % (
          tag, x, self.fl_lit(), k))
    else:
      c = self.fresh("c")
      self.emit(indent, "%s := func(a float32) float64 { return float64(a) * %s }" % (
          c, x))
      self.fl_show(indent, tag, ["%s(%s)" % (c, k), "%s(0.1)" % c])

  def float_defer(self, ctx, indent, tag):
    """Deferred calls with float arguments, evaluated at the defer
    statement, and a closure seeing the variable's final value."""
    x = self.fresh("x")
    self.emit(indent, "%s := float64(%s) + %s" % (x, self.fl_int(ctx),
                                                  self.fl_lit()))
    roll = self.r.randint(0, 3)
    if roll == 0:
      self.emit(indent, "defer fmt.Println(%s, %s, float32(%s))" % (tag, x, x))
    elif roll == 1:
      self.emit(indent, "defer func(a float64, b float32) {")
      self.emit(indent + 1, 'fmt.Printf("%%s %%g %%v %%g\\n", %s, a, b, %s)' % (
          tag, x))
      self.emit(indent, "}(%s, float32(%s)*3)" % (x, x))
    elif roll == 2:
      self.emit(indent, "defer println(%s, %s)" % (tag, x))
    else:
      self.emit(indent, "defer fscale(%s, 2)" % x)
    self.emit(indent, "%s *= %s" % (x, self.fl_lit()))

  def float_panic_value(self, ctx):
    return self.pick(["1.5", "float32(%s) / 4" % self.fl_int(ctx),
                      "float64(%s) * 0.5" % self.fl_int(ctx), "-0.0",
                      "Temp(2.5)"])

  def float_panic(self, ctx, indent, tag):
    """A panic with a float: the scenario's recover prints it."""
    if self.chance(0.3):
      zero = self.float_zero(indent)
      value = self.pick(["%s / %s" % (zero, zero), "-1 / %s" % zero,
                         "-%s" % zero])
    else:
      value = self.float_panic_value(ctx)
    self.emit(indent, "if %s {" % self.cond(ctx))
    self.emit(indent + 1, "panic(%s)" % value)
    self.emit(indent, "}")

  def float_recover_local(self, ctx, indent, tag):
    """A float panic recovered within the statement; the recovered value
    asserted back to its type."""
    r, f = self.fresh("r"), self.fresh("fl")
    self.emit(indent, "func() {")
    self.emit(indent + 1, "defer func() {")
    self.emit(indent + 2, "%s := recover()" % r)
    self.emit(indent + 2, "fmt.Println(%s, %s)" % (tag, r))
    self.emit(indent + 2, "if %s, ok := %s.(float64); ok {" % (f, r))
    self.emit(indent + 3, 'fmt.Printf("%%.3f %%e\\n", %s, %s*2)' % (f, f))
    self.emit(indent + 2, "}")
    self.emit(indent + 1, "}()")
    self.emit(indent + 1, "panic(%s)" % self.float_panic_value(ctx))
    self.emit(indent, "}()")

  def float_method(self, ctx, indent, tag):
    """A defined float type: methods, its String, an interface holding it."""
    t = self.fresh("t")
    self.emit(indent, "%s := Temp(%s) / 3" % (t, self.fl_int(ctx)))
    self.emit(indent, "%s.Cool()" % t)
    self.emit(indent, "fmt.Println(%s, %s, %s.Warmer(0.5), float64(%s))" % (
        tag, t, t, t))
    a = self.fresh("a")
    self.emit(indent, "var %s any = %s" % (a, self.pick(
        [t, "float64(%s)" % t, "float32(%s)" % t])))
    self.emit(indent, 'fmt.Printf("%%s %%T %%v\\n", %s, %s, %s)' % (tag, a, a))

  def float_main_panic(self, ctx, indent):
    """An unrecovered panic with a float or complex at the end of main:
    Go prints `panic: +1.500000e+000` (println's form) and exits 2."""
    value = self.pick(["1.5", "float32(0.1)", "%[1]s / %[1]s", "-1 / %[1]s",
                       "-%[1]s", "complex(1.5, -2)", "Temp(36.6)"])
    if "%" in value:
      value = value.replace("%[1]s", self.float_zero(indent))
    self.emit(indent, "panic(%s)" % value)

  # ---------------------------------------------------------- complex

  def s_complex(self, ctx, indent):
    self.uses.add("floats")
    tag = self.str_lit(ctx)
    c, d = self.fresh("c"), self.fresh("d")
    self.emit(indent, "%s := complex(float64(%s), %s)" % (
        c, self.fl_int(ctx), self.fl_lit()))
    self.emit(indent, "%s := %s" % (d, self.pick(
        ["%s * (1 - 2i)" % c, "%s + 2.5i" % c, "complex(imag(%s), real(%s))" % (c, c),
         "-%s" % c, "%s * %s" % (c, c)])))
    roll = self.r.randint(0, 5)
    if roll == 0:
      self.fl_show(indent, tag, [c, d, "%s / %s" % (c, d)])
    elif roll == 1:
      self.emit(indent, "fmt.Println(%s, real(%s), imag(%s), %s == %s, %s != %s)" % (
          tag, d, d, c, d, c, d))
    elif roll == 2:
      zero = self.fresh("zc")
      self.emit(indent, "var %s complex128" % zero)
      self.fl_show(indent, tag, [d, "%s / %s" % (c, zero), "%s / %s" % (zero, zero)])
    elif roll == 3:
      s = self.fresh("s")
      self.emit(indent, "var %s complex64 = complex64(%s)" % (s, d))
      self.emit(indent, "%s *= %s" % (s, self.pick(["1i", "0.1", "complex64(%s)" % c])))
      self.fl_show(indent, tag, [s, "real(%s)" % s, "complex128(%s)" % s])
    elif roll == 4:
      self.emit(indent, "if %s {" % self.cond(ctx))
      self.emit(indent + 1, "panic(%s)" % self.pick([d, "complex64(%s)" % c]))
      self.emit(indent, "}")
      self.emit(indent, "fmt.Println(%s, %s, %s)" % (tag, c, d))
    else:
      self.emit(indent, "defer func(z complex128) {")
      self.emit(indent + 1, 'fmt.Printf("%%s %%v %%.2f\\n", %s, z, %s)' % (tag, d))
      self.emit(indent, "}(%s)" % c)
      self.emit(indent, "%s += %s" % (d, c))
