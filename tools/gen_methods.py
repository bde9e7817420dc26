"""Methods for tools/gen_program.py: a random set of package-level defined
types with methods per program and the statements of the dimensions
method and methoddefer (see gen_program's docstring).

The types: R1 and R2, structs (N int, S string, maybe an array field),
each method's receiver a value or a pointer at random, R1 maybe a
fmt.Stringer; O embeds R2, OP embeds *R2 (O may shadow R2's Get); K
(int), W (string), L ([]int) and A ([3]int) with methods, K and W maybe
Stringers; E (a struct, value-receiver Error) and PE (pointer-receiver
Error) are errors. Check panics with a value of one of them.

What no statement may print, because Go prints an address there: a
pointer to a type without a String or Error method, or OP unless R2 has
a String method and OP's pointer is set (through a nil one Go's wrapper
and fmt's recovery differ from minigo's in ways not worth modelling); and
no unrecovered panic may carry a struct without an Error or String
method. Panics in methods therefore carry an E, a *PE, a K, a W or a
string, all of which the runtime prints as text. EW (embeds E) and PW
(embeds *PE, always set) are errors by promotion; R2 may be a Stringer,
so O and OP may be Stringers by promotion.
"""

STRINGS = ['"a"', '"bc"', '""', '"xyz"']
STRUCT_METHODS = ("Get", "Bump", "Tag", "Check", "Show", "Recover")


class Recv:
  """A struct type with methods: recv[m] is True for a pointer receiver."""

  def __init__(self, r, name, stringer_ok):
    self.name = name
    self.arr = r.random() < 0.4
    self.recv = {m: r.random() < 0.5 for m in STRUCT_METHODS}
    self.self_method = r.random() < 0.6        # Self: a value method
    self.stringer = r.choice([None, "v", "p"]) if stringer_ok else None
    self.check_panic = r.choice(["E", "PE", "K", "W", "str"])
    self.check_mod = r.randint(2, 4)

  def value_methods(self):
    return [m for m in STRUCT_METHODS if not self.recv[m]]

  def has_string(self, ptr):
    """Whether fmt prints a value (ptr False) or pointer with String."""
    return self.stringer == "v" or (ptr and self.stringer == "p")

  def decls(self):
    t = self.name
    fields = ["\tN int", "\tS string"] + (["\tArr [2]int"] if self.arr else [])
    lines = ["type %s struct {" % t] + fields + ["}", ""]

    def head(m, params, result=""):
      recv = "(r *%s)" % t if self.recv[m] else "(r %s)" % t
      return "func %s %s(%s)%s {" % (recv, m, params,
                                     " " + result if result else "")

    lines += [head("Get", "", "int"), "\treturn r.N*2 + len(r.S)", "}", ""]
    lines += [head("Bump", "k int", "int"), "\tr.N += k", '\tr.S += "+"']
    if self.arr:
      lines.append("\tr.Arr[k&1] += k")
    lines += ["\treturn r.N", "}", ""]
    lines += [head("Tag", "s string", "string"),
              '\treturn fmt.Sprint(r.S, "/", s, r.N)', "}", ""]
    lines += [head("Check", "k int", "int"), "\tr.N++",
              "\tif k%%%d == 1 {" % self.check_mod,
              "\t\tpanic(%s)" % CHECK_PANICS[self.check_panic],
              "\t}", "\treturn r.N * k", "}", ""]
    lines += [head("Show", "tag string"),
              '\tfmt.Println(tag, "show", r.N, r.S)', "}", ""]
    lines += [head("Recover", "tag string"),
              "\tif v := recover(); v != nil {",
              '\t\tfmt.Println(tag, "method recovered:", describe(v))',
              "\t\tr.N = -r.N", "\t}", "}", ""]
    if self.self_method:
      lines += ["func (r %s) Self() %s {" % (t, t), "\tr.N++", "\treturn r",
                "}", ""]
    if self.stringer:
      recv = "(r *%s)" % t if self.stringer == "p" else "(r %s)" % t
      lines += ["func %s String() string {" % recv,
                '\treturn fmt.Sprint("<", r.S, " ", r.N, ">")', "}", ""]
    return lines


CHECK_PANICS = {
    "E": 'E{r.N, "check " + r.S}',
    "PE": '&PE{"check " + r.S}',
    "K": "K(r.N)",
    "W": 'W("w" + r.S)',
    "str": 'fmt.Sprint("check ", k)',
}


class MethodTypes:
  """The method-bearing types of one program."""

  def __init__(self, r):
    self.r1 = Recv(r, "R1", stringer_ok=True)
    self.r2 = Recv(r, "R2", stringer_ok=True)
    self.shadow = r.random() < 0.4     # O declares its own Get
    self.k_string = r.choice([None, "v", "p"])
    self.w_string = r.choice([None, "v"])

  def structs(self):
    return [self.r1, self.r2]

  def decls(self):
    lines = self.r1.decls() + self.r2.decls()
    lines += ["type O struct {", "\tR2", "\tX int", "}", ""]
    if self.shadow:
      lines += ["func (o O) Get() int {", "\treturn o.X*100 + o.R2.Get()",
                "}", ""]
    lines += ["type OP struct {", "\t*R2", "\tY int", "}", ""]
    lines += [
        "type K int", "",
        "func (k K) Twice() K {", "\treturn k * 2", "}", "",
        "func (k *K) Inc() {", "\t*k++", "}", "",
        "type W string", "",
        "func (w W) Len() int {", "\treturn len(w)", "}", "",
        "func (w *W) Add(s string) {", "\t*w += W(s)", "}", "",
        "type L []int", "",
        "func (l L) Sum() int {", "\tt := 0", "\tfor _, v := range l {",
        "\t\tt += v", "\t}", "\treturn t", "}", "",
        "// Set writes the caller's backing array: a slice copy shares it.",
        "func (l L) Set(i, v int) {", "\tl[i] = v", "}", "",
        "func (l *L) Push(v int) {", "\t*l = append(*l, v)", "}", "",
        "type A [3]int", "",
        "func (a A) Sum() int {", "\treturn a[0] + a[1] + a[2]", "}", "",
        "// Zero clears a copy: the caller's array is unchanged.",
        "func (a A) Zero() int {", "\ta[0], a[1], a[2] = 0, 0, 0",
        "\treturn a.Sum()", "}", "",
        "func (a *A) Put(i, v int) {", "\ta[i] = v", "}", "",
        "type E struct {", "\tCode int", "\tMsg  string", "}", "",
        "func (e E) Error() string {",
        '\treturn fmt.Sprintf("E%d:%s", e.Code, e.Msg)', "}", "",
        "type PE struct {", "\tWhy string", "}", "",
        "func (p *PE) Error() string {", '\treturn "PE " + p.Why', "}", "",
        "// EW and PW are errors by promotion.",
        "type EW struct {", "\tE", "\tAt int", "}", "",
        "type PW struct {", "\t*PE", "\tAt int", "}", "",
    ]
    if self.k_string:
      recv = "(k *K)" if self.k_string == "p" else "(k K)"
      lines += ["func %s String() string {" % recv,
                '\treturn fmt.Sprint("K", int(*k))' if self.k_string == "p"
                else '\treturn fmt.Sprint("K", int(k))', "}", ""]
    if self.w_string:
      lines += ["func (w W) String() string {",
                '\treturn "W(" + string(w) + ")"', "}", ""]
    return lines


class MethodGen:
  """The statements of the dimensions method and methoddefer; mixed into
  gen_program.Gen (which has r, emit, fresh, int_expr, ...)."""

  # ---------------------------------------------------------- helpers

  def m_types(self):
    self.uses.add("methods")
    return self.mtypes

  def m_lit(self, ctx, t, elide=False):
    """A literal of struct type t (a Recv)."""
    n, s = self.int_expr(ctx, 1), self.pick(STRINGS)
    arr = "[2]int{%s, %d}" % (self.int_expr(ctx, 1), self.r.randint(0, 9))
    typ = "" if elide else t.name
    if self.chance(0.5):
      vals = [n, s] + ([arr] if t.arr else [])
      return "%s{%s}" % (typ, ", ".join(vals))
    keyed = ["N: " + n, "S: " + s] + (["Arr: " + arr] if t.arr else [])
    keyed = self.r.sample(keyed, self.r.randint(0, len(keyed)))
    return "%s{%s}" % (typ, ", ".join(keyed))

  def m_decl(self, indent, ctx, t):
    x = self.fresh("x")
    if self.chance(0.15):
      self.emit(indent, "var %s %s" % (x, t.name))
    else:
      self.emit(indent, "%s := %s" % (x, self.m_lit(ctx, t)))
    return x

  def m_args(self, ctx, m):
    """Arguments of struct method m."""
    if m in ("Bump", "Check"):
      return self.int_expr(ctx, 1)
    if m in ("Tag", "Show", "Recover"):
      return self.str_lit(ctx)
    return ""

  def m_call(self, ctx, indent, call, m):
    """A statement that makes call, a call of struct method m."""
    if m in ("Get", "Bump", "Check"):
      self.use_int(ctx, indent, call)
    elif m == "Tag":
      self.emit(indent, "fmt.Println(%s, %s)" % (self.str_lit(ctx), call))
    else:
      self.emit(indent, call)

  def m_show(self, indent, tag, x, t):
    """Prints struct value x of type t (a Recv): through String if it has
    one, and its fields."""
    items = [tag, x, "%s.N" % x, "%s.S" % x]
    if t.has_string(True) and self.chance(0.5):
      items.append("&" + x)
    self.emit(indent, "fmt.Println(%s)" % ", ".join(items))

  def m_callable(self, t, addressable):
    """Methods callable on a value of t: a pointer method needs an
    addressable operand. Recover is called only as a deferred call."""
    ms = [m for m in STRUCT_METHODS if m != "Recover"]
    return ms if addressable else [m for m in ms if not t.recv[m]]

  # ---------------------------------------------------------- method

  def s_method(self, ctx, indent):
    mt = self.m_types()
    tag = self.str_lit(ctx)
    t = self.pick(mt.structs())
    roll = self.r.randint(0, 10)
    if roll == 0:
      self.method_copies(ctx, indent, tag, t)
    elif roll == 1:
      self.method_not_addressable(ctx, indent, tag, t)
    elif roll == 2:
      self.method_embedded(ctx, indent, tag)
    elif roll == 3:
      self.method_embedded_ptr(ctx, indent, tag)
    elif roll == 4:
      self.method_value(ctx, indent, tag, t)
    elif roll == 5:
      self.method_expr(ctx, indent, tag, t)
    elif roll == 6:
      self.method_named_scalars(ctx, indent, tag)
    elif roll == 7:
      self.method_named_aggregates(ctx, indent, tag)
    elif roll == 8:
      self.method_print(ctx, indent, tag, t)
    elif roll == 9:
      self.method_panic_recovered(ctx, indent, tag, t)
    else:   # a panic in a method that may leave the statement
      x = self.m_decl(indent, ctx, t)
      self.use_int(ctx, indent, "%s.Check(%s)" % (x, self.int_expr(ctx, 1)))
      self.m_show(indent, tag, x, t)

  def method_copies(self, ctx, indent, tag, t):
    """A value receiver works on a copy, a pointer receiver on the
    variable; an assignment copies the struct."""
    x, y, p = self.m_decl(indent, ctx, t), self.fresh("y"), self.fresh("p")
    self.emit(indent, "%s := %s" % (y, x))
    self.emit(indent, "%s := &%s" % (p, x))
    for _ in range(self.r.randint(1, 3)):
      m = self.pick(["Bump", "Bump", "Get", "Tag", "Show"])
      recv = self.pick([x, y, p, "(*%s)" % p])
      self.m_call(ctx, indent, "%s.%s(%s)" % (recv, m, self.m_args(ctx, m)), m)
    self.m_show(indent, tag, x, t)
    self.m_show(indent, tag, y, t)
    self.emit(indent, "fmt.Println(%s, %s == %s, %s == *%s)" % (
        tag, x, y, y, p))

  def method_not_addressable(self, ctx, indent, tag, t):
    """Value methods of a literal, a call's result or a Self() chain;
    pointer methods of &T{...}."""
    ms = self.m_callable(t, False)
    m = self.pick(ms) if ms else None
    if m:
      recv = self.pick(["%s" % self.m_lit(ctx, t),
                        "func() %s { return %s }()" % (t.name,
                                                       self.m_lit(ctx, t))])
      self.m_call(ctx, indent, "%s.%s(%s)" % (recv, m, self.m_args(ctx, m)), m)
    if t.self_method:
      x = self.m_decl(indent, ctx, t)
      chain = ".Self()" * self.r.randint(1, 2)
      if m:
        self.m_call(ctx, indent, "%s%s.%s(%s)" % (
            x, chain, m, self.m_args(ctx, m)), m)
      self.m_show(indent, tag, x, t)
    m = self.pick(self.m_callable(t, True))
    self.m_call(ctx, indent, "(&%s).%s(%s)" % (
        self.m_lit(ctx, t), m, self.m_args(ctx, m)), m)

  def o_lit(self, ctx):
    mt = self.mtypes
    x = self.int_expr(ctx, 1)
    if self.chance(0.5):
      return "O{%s, %s}" % (self.m_lit(ctx, mt.r2), x)
    return "O{R2: %s, X: %s}" % (self.m_lit(ctx, mt.r2), x)

  def method_embedded(self, ctx, indent, tag):
    """Methods promoted from an embedded struct, maybe shadowed by O's
    own Get, called on O, *O and the embedded field."""
    o, p = self.fresh("o"), self.fresh("p")
    self.emit(indent, "%s := %s" % (o, self.o_lit(ctx)))
    self.emit(indent, "%s := &%s" % (p, o))
    for _ in range(self.r.randint(1, 3)):
      m = self.pick(self.m_callable(self.mtypes.r2, True))
      recv = self.pick([o, p, o + ".R2", p + ".R2"])
      self.m_call(ctx, indent, "%s.%s(%s)" % (recv, m, self.m_args(ctx, m)), m)
    self.emit(indent, "fmt.Println(%s, %s, %s.N, %s.R2.S, %s.Get())" % (
        tag, o, o, p, o))

  def method_embedded_ptr(self, ctx, indent, tag):
    """Methods promoted through an embedded pointer write the pointee;
    through a nil one they panic."""
    r2 = self.mtypes.r2
    x, op = self.m_decl(indent, ctx, r2), self.fresh("op")
    roll = self.r.random()
    if roll < 0.3:
      self.emit(indent, "%s := OP{&%s, %s}" % (op, x, self.int_expr(ctx, 1)))
    elif roll < 0.6:
      self.emit(indent, "%s := OP{R2: &%s}" % (op, x))
    else:
      self.emit(indent, "var %s OP" % op)
      self.emit(indent, "if %s {" % self.mostly(ctx))
      self.emit(indent + 1, "%s.R2 = &%s" % (op, x))
      self.emit(indent, "}")
    for _ in range(self.r.randint(1, 2)):
      m = self.pick(self.m_callable(r2, True))
      recv = self.pick([op, "(&%s)" % op])
      self.m_call(ctx, indent, "%s.%s(%s)" % (recv, m, self.m_args(ctx, m)), m)
    self.emit(indent, "fmt.Println(%s, %s, %s.R2 != nil, %s.Y)" % (
        tag, x, op, op))

  def method_value(self, ctx, indent, tag, t):
    """A method value evaluates its receiver when it is made: a copy for
    a value method, the address for a pointer method."""
    if self.chance(0.35):
      return self.method_value_promoted(ctx, indent, tag)
    x, f = self.m_decl(indent, ctx, t), self.fresh("mval")
    m = self.pick(["Get", "Bump", "Tag", "Show", "Check"])
    recv = self.pick([x, "(&%s)" % x])
    self.emit(indent, "%s := %s.%s" % (f, recv, m))
    self.emit(indent, "%s.N += %s" % (x, self.int_expr(ctx, 1)))
    if self.chance(0.5):
      self.emit(indent, "%s = %s" % (x, self.m_lit(ctx, t)))
    for _ in range(self.r.randint(1, 2)):
      self.m_call(ctx, indent, "%s(%s)" % (f, self.m_args(ctx, m)), m)
    self.m_show(indent, tag, x, t)

  def method_value_promoted(self, ctx, indent, tag):
    """A method value of a promoted method: through an embedded pointer,
    a value method copies the pointee when the value is made (and panics
    then if the pointer is nil), a pointer method keeps the pointer."""
    r2 = self.mtypes.r2
    x, o = self.m_decl(indent, ctx, r2), self.fresh("o")
    op, f = self.fresh("op"), self.fresh("mval")
    self.emit(indent, "%s := %s" % (o, self.o_lit(ctx)))
    self.emit(indent, "var %s OP" % op)
    self.emit(indent, "if %s {" % self.mostly(ctx))
    self.emit(indent + 1, "%s.R2 = &%s" % (op, x))
    self.emit(indent, "}")
    m = self.pick(["Get", "Bump", "Tag", "Show", "Check"])
    recv = self.pick([o, "(&%s)" % o, op])
    self.emit(indent, "%s := %s.%s" % (f, recv, m))
    self.emit(indent, "%s.N, %s.N = %s, %s" % (
        x, o, self.int_expr(ctx, 1), self.int_expr(ctx, 1)))
    self.m_call(ctx, indent, "%s(%s)" % (f, self.m_args(ctx, m)), m)
    self.emit(indent, "fmt.Println(%s, %s, %s, %s.R2 != nil)" % (tag, x, o, op))

  def method_expr(self, ctx, indent, tag, t):
    """T.M for value methods, (*T).M for every method, called at once or
    stored first; also of methods promoted into O and OP."""
    if self.chance(0.35):
      return self.method_expr_promoted(ctx, indent, tag)
    x = self.m_decl(indent, ctx, t)
    m = self.pick(self.m_callable(t, True))
    self.method_expr_call(ctx, indent, t.name, x, m, t.recv[m])
    self.m_show(indent, tag, x, t)

  def method_expr_call(self, ctx, indent, tname, x, m, ptr_only):
    """Calls method m of variable x of type tname through a method
    expression: (*T).M when m needs a pointer, else either form."""
    args = self.m_args(ctx, m)
    if ptr_only or self.chance(0.4):
      fn, recv = "(*%s).%s" % (tname, m), "&" + x
    else:
      fn, recv = "%s.%s" % (tname, m), x
    if self.chance(0.5):
      g = self.fresh("g")
      self.emit(indent, "%s := %s" % (g, fn))
      fn = g
    call = "%s(%s)" % (fn, ", ".join(a for a in (recv, args) if a))
    self.m_call(ctx, indent, call, m)

  def method_expr_promoted(self, ctx, indent, tag):
    """O.Get, (*O).Bump, OP.Bump: method expressions of methods promoted
    through an embedded value (O has R2's value methods, *O all) or an
    embedded pointer (OP has them all; its pointer is set here)."""
    r2 = self.mtypes.r2
    if self.chance(0.5):
      o = self.fresh("o")
      self.emit(indent, "%s := %s" % (o, self.o_lit(ctx)))
      m = self.pick(self.m_callable(r2, True))
      shadowed = m == "Get" and self.mtypes.shadow
      self.method_expr_call(ctx, indent, "O", o, m, r2.recv[m] and not shadowed)
      self.emit(indent, "fmt.Println(%s, %s, %s.N)" % (tag, o, o))
      return
    x, op = self.m_decl(indent, ctx, r2), self.fresh("op")
    self.emit(indent, "%s := OP{&%s, %s}" % (op, x, self.int_expr(ctx, 1)))
    m = self.pick(self.m_callable(r2, True))
    self.method_expr_call(ctx, indent, "OP", op, m, False)
    self.m_show(indent, tag, x, r2)

  def method_named_scalars(self, ctx, indent, tag):
    """Methods on a defined int and string; a pointer method through the
    variable's address, made implicitly."""
    k, w = self.fresh("k"), self.fresh("w")
    self.emit(indent, "%s := K(%s)" % (k, self.int_expr(ctx, 1)))
    self.emit(indent, "%s := W(%s)" % (w, self.pick(STRINGS)))
    self.emit(indent, "%s.Inc()" % self.pick([k, "(&%s)" % k]))
    self.emit(indent, "%s.Add(%s)" % (w, self.pick(STRINGS)))
    self.emit(indent, "fmt.Println(%s, %s, %s.Twice(), K(%d).Twice(), %s, "
              "%s.Len(), W(\"lit\").Len(), int(%s), string(%s))" % (
                  tag, k, k, self.r.randint(-3, 9), w, w, k, w))
    if self.mtypes.k_string:
      self.emit(indent, "fmt.Println(%s, &%s)" % (tag, k))
    self.emit(indent, 'fmt.Printf("%%v %%d %%s|%%v\\n", %s, %s, %s, %s)' % (
        k, k, w, w))

  def method_named_aggregates(self, ctx, indent, tag):
    """A slice's value method writes the shared backing array; an array's
    value method writes a copy; pointer methods write the variable."""
    l, l2, a = self.fresh("l"), self.fresh("l"), self.fresh("a")
    elems = ", ".join(str(self.r.randint(0, 9))
                      for _ in range(self.r.randint(1, 3)))
    self.emit(indent, "%s := L{%s}" % (l, elems))
    self.emit(indent, "%s := %s" % (l2, l))
    self.emit(indent, "%s.Push(%s)" % (self.pick([l, l2]),
                                       self.int_expr(ctx, 1)))
    idx = self.pick(["0", "%s%%3" % self.pick(ctx.ints)]
                    if ctx.ints else ["0"])
    self.emit(indent, "%s.Set(%s, %s)" % (self.pick([l, l2]), idx,
                                          self.int_expr(ctx, 1)))
    self.emit(indent, "fmt.Println(%s, %s, %s, %s.Sum(), len(%s))" % (
        tag, l, l2, l2, l2))
    self.emit(indent, "%s := A{%s}" % (a, elems))
    self.emit(indent, "%s.Put(%s, %s)" % (self.pick([a, "(&%s)" % a]),
                                          idx, self.int_expr(ctx, 1)))
    self.emit(indent, "fmt.Println(%s, %s.Zero(), %s, %s.Sum(), A{1, 2}.Sum())"
              % (tag, a, a, a))

  def method_print(self, ctx, indent, tag, t):
    """fmt prints a Stringer's String() and an error's Error(), also in
    slices and with %v, %s and %+v."""
    x = self.m_decl(indent, ctx, t)
    items = [tag, x, "[]%s{%s, %s}" % (t.name, x, self.m_lit(ctx, t, True))]
    if t.has_string(True):
      items.append("&" + x)
    self.emit(indent, "fmt.Println(%s)" % ", ".join(items))
    self.emit(indent, 'fmt.Printf("%%v|%%+v|%%s\\n", %s, %s, %s)' % (x, x, x))
    e, e2 = self.fresh("e"), self.fresh("e")
    code = self.int_expr(ctx, 1)
    self.emit(indent, "var %s error = E{%s, %s}" % (e, code, self.pick(STRINGS)))
    self.emit(indent, "var %s error = &PE{%s}" % (e2, self.pick(STRINGS)))
    self.emit(indent, "fmt.Println(%s, %s, %s.Error(), %s, %s.Error())" % (
        tag, e, e, e2, e2))
    self.emit(indent, "fmt.Println(%s, %s == E{%s, \"a\"}, %s != nil)" % (
        tag, e, self.int_expr(ctx, 1), e2))
    v, ok = self.fresh("v"), self.fresh("ok")
    self.emit(indent, "if %s, %s := %s.(E); %s {" % (v, ok, e, ok))
    self.emit(indent + 1, "fmt.Println(%s, %s.Code, %s)" % (tag, v, v))
    self.emit(indent, "}")
    self.method_print_promoted(ctx, indent, tag)

  def method_print_promoted(self, ctx, indent, tag):
    """Error and String by promotion: EW embeds E, PW embeds *PE, O embeds
    R2 (maybe a Stringer); fmt and assertions see the promoted method."""
    e, v, ok = self.fresh("e"), self.fresh("v"), self.fresh("ok")
    if self.chance(0.5):
      self.emit(indent, "var %s error = EW{E{%s, %s}, %d}" % (
          e, self.int_expr(ctx, 1), self.pick(STRINGS), self.r.randint(0, 9)))
      self.emit(indent, "%s, %s := %s.(EW)" % (v, ok, e))
      self.emit(indent, "fmt.Println(%s, %s, %s, %s.E, %s.Code, %s)" % (
          tag, e, v, v, v, ok))
    else:
      self.emit(indent, "var %s error = PW{&PE{%s}, %d}" % (
          e, self.pick(STRINGS), self.r.randint(0, 9)))
      self.emit(indent, "%s, %s := %s.(PW)" % (v, ok, e))
      self.emit(indent, "fmt.Println(%s, %s, %s, %s.Why, %s.At, %s)" % (
          tag, e, v, v, v, ok))
    o = self.fresh("o")
    self.emit(indent, "%s := %s" % (o, self.o_lit(ctx)))
    items = [tag, o, "[]O{%s}" % o]
    if self.mtypes.r2.stringer:
      items.append("&" + o)
    self.emit(indent, "fmt.Println(%s)" % ", ".join(items))
    self.emit(indent, 'fmt.Printf("%%v|%%+v\\n", %s, %s)' % (o, o))

  def method_panic_recovered(self, ctx, indent, tag, t):
    """A method panics after writing its receiver; the deferred closure
    recovers the value, a user error among others, and may panic again
    with it."""
    x = self.m_decl(indent, ctx, t)
    r, v, ok = self.fresh("r"), self.fresh("v"), self.fresh("ok")
    i1 = indent + 1
    self.emit(indent, "func() {")
    self.emit(i1, "defer func() {")
    self.emit(i1 + 1, "%s := recover()" % r)
    self.emit(i1 + 1, "fmt.Println(%s, describe(%s))" % (tag, r))
    self.emit(i1 + 1, "if %s, %s := %s.(error); %s {" % (v, ok, r, ok))
    self.emit(i1 + 2, "fmt.Println(%s, %s.Error(), %s)" % (tag, v, v))
    if self.chance(0.3):
      self.emit(i1 + 2, "if %s {" % self.cond(ctx))
      self.emit(i1 + 3, "panic(%s)" % v)
      self.emit(i1 + 2, "}")
    self.emit(i1 + 1, "}")
    self.emit(i1, "}()")
    recv = self.pick([x, "(&%s)" % x])
    for _ in range(self.r.randint(1, 3)):
      self.use_int(ctx, i1, "%s.Check(%s)" % (recv, self.int_expr(ctx, 1)))
    if self.chance(0.3):
      self.emit(i1, "panic(%s)" % self.user_panic_value(ctx))
    self.emit(indent, "}()")
    self.m_show(indent, tag, x, t)

  def user_panic_value(self, ctx):
    """A panic value of a user type that the runtime prints as text."""
    return self.pick([
        "E{%s, %s}" % (self.int_expr(ctx, 1), self.str_lit(ctx)),
        "&PE{%s}" % self.str_lit(ctx),
        "K(%s)" % self.int_expr(ctx, 1),
        "W(%s)" % self.str_lit(ctx),
        "error(E{%d, \"e\"})" % self.r.randint(0, 9),
        "EW{E{%s, %s}, %d}" % (self.int_expr(ctx, 1), self.str_lit(ctx),
                               self.r.randint(0, 9)),
        "PW{&PE{%s}, %d}" % (self.str_lit(ctx), self.r.randint(0, 9))])

  # ---------------------------------------------------------- methoddefer

  def s_methoddefer(self, ctx, indent):
    mt = self.m_types()
    tag = self.str_lit(ctx)
    t = self.pick(mt.structs())
    roll = self.r.randint(0, 6)
    if roll == 0:
      self.defer_method_receiver(ctx, indent, tag, t)
    elif roll == 1:
      self.defer_method_value(ctx, indent, tag, t)
    elif roll == 2:
      self.defer_method_promoted(ctx, indent, tag)
    elif roll == 3:
      self.defer_method_recovers(ctx, indent, tag, t)
    elif roll == 4:
      self.defer_user_panic(ctx, indent, tag)
    elif roll == 5:
      self.defer_method_named(ctx, indent, tag)
    else:
      self.defer_method_loop(ctx, indent, tag, t)

  def defer_at_exit(self, indent, tag, x, t):
    """A deferred closure, run after the deferred calls that follow it,
    that prints x then."""
    self.emit(indent, "defer func() {")
    self.m_show(indent + 1, tag + ' + " at exit"', x, t)
    self.emit(indent, "}()")

  def defer_method_receiver(self, ctx, indent, tag, t):
    """A deferred method call's receiver and arguments are evaluated at
    the defer statement: a value receiver is copied then, a pointer
    receiver's pointer is taken then (a later p = &y does not change
    it)."""
    x, y, p = self.m_decl(indent, ctx, t), self.fresh("y"), self.fresh("p")
    self.emit(indent, "%s := %s" % (y, x))
    self.emit(indent, "%s := &%s" % (p, x))
    self.defer_at_exit(indent, tag, x, t)
    for _ in range(self.r.randint(1, 3)):
      m = self.pick(["Show", "Show", "Bump", "Tag", "Get"])
      recv = self.pick([x, p, "(*%s)" % p, y])
      if m == "Show":
        arg = "fmt.Sprint(%s, %s.N)" % (tag, x)
      else:
        arg = self.m_args(ctx, m)
      form = self.r.random()
      if form < 0.7:
        self.emit(indent, "defer %s.%s(%s)" % (recv, m, arg))
      elif t.recv[m] or self.chance(0.4):
        self.emit(indent, "defer (*%s).%s(%s, %s)" % (t.name, m, p, arg))
      else:
        self.emit(indent, "defer %s.%s(%s, %s)" % (t.name, m, x, arg))
    self.emit(indent, "%s.N += %s" % (x, self.int_expr(ctx, 1)))
    self.emit(indent, '%s.S = "late"' % x)
    if self.chance(0.5):
      self.emit(indent, "%s = &%s" % (p, y))
    self.emit(indent, "%s.Bump(%s)" % (p, self.int_expr(ctx, 1)))
    self.emit(indent, 'fmt.Println(%s, "now", %s.N, %s.N, %s.N)' % (
        tag, x, y, p))

  def defer_method_value(self, ctx, indent, tag, t):
    """A method value made, then its receiver written, then deferred."""
    x, f = self.m_decl(indent, ctx, t), self.fresh("mval")
    m = self.pick(["Show", "Bump", "Tag"])
    self.defer_at_exit(indent, tag, x, t)
    o = self.fresh("o")
    if t is self.mtypes.r2 and self.chance(0.4):   # promoted from O.R2
      self.emit(indent, "%s := O{%s, 1}" % (o, x))
      self.emit(indent, 'defer func() { fmt.Println(%s, "at exit", %s) }()' % (
          tag, o))
      x = o
    self.emit(indent, "%s := %s.%s" % (f, self.pick([x, "(&%s)" % x]), m))
    self.emit(indent, "%s.N = %s" % (x, self.int_expr(ctx, 1)))
    self.emit(indent, "defer %s(%s)" % (f, self.m_args(ctx, m)))
    self.emit(indent, "%s.Bump(%s)" % (x, self.int_expr(ctx, 1)))

  def defer_method_promoted(self, ctx, indent, tag):
    """Deferred calls of promoted methods: through an embedded pointer
    that is nil, a value method panics at the defer statement (the
    receiver *op.R2 is evaluated there), a pointer method when it runs."""
    r2 = self.mtypes.r2
    x, op, o = self.m_decl(indent, ctx, r2), self.fresh("op"), self.fresh("o")
    self.emit(indent, "%s := %s" % (o, self.o_lit(ctx)))
    self.emit(indent, "var %s OP" % op)
    self.emit(indent, "if %s {" % self.mostly(ctx))
    self.emit(indent + 1, "%s.R2 = &%s" % (op, x))
    self.emit(indent, "}")
    self.defer_at_exit(indent, tag, x, r2)
    m = self.pick(["Show", "Bump", "Tag"])
    self.emit(indent, "defer %s.%s(%s)" % (
        self.pick([o, "(&%s)" % o, o + ".R2"]), m, self.m_args(ctx, m)))
    m = self.pick(["Show", "Bump", "Tag", "Get"])
    self.emit(indent, "defer %s.%s(%s)" % (op, m, self.m_args(ctx, m)))
    self.emit(indent, "%s.N, %s.N = %s, %s" % (
        x, o, self.int_expr(ctx, 1), self.int_expr(ctx, 1)))

  def defer_method_recovers(self, ctx, indent, tag, t):
    """A deferred method that calls recover recovers: it is the deferred
    call itself. Through a method value or expression, too."""
    x = self.m_decl(indent, ctx, t)
    i1 = indent + 1
    self.emit(indent, "func() {")
    form = self.r.random()
    arg = self.str_lit(ctx)
    if form < 0.5:
      self.emit(i1, "defer %s.Recover(%s)" % (self.pick([x, "(&%s)" % x]), arg))
    elif form < 0.75:
      f = self.fresh("mval")
      self.emit(i1, "%s := %s.Recover" % (f, x))
      self.emit(i1, "defer %s(%s)" % (f, arg))
    elif t.recv["Recover"] or self.chance(0.4):
      self.emit(i1, "defer (*%s).Recover(&%s, %s)" % (t.name, x, arg))
    else:
      self.emit(i1, "defer %s.Recover(%s, %s)" % (t.name, x, arg))
    self.emit(i1, "%s.N = %s" % (x, self.int_expr(ctx, 1)))
    if self.chance(0.5):
      self.emit(i1, "if %s {" % self.cond(ctx))
      self.emit(i1 + 1, "panic(%s)" % self.user_panic_value(ctx))
      self.emit(i1, "}")
    self.use_int(ctx, i1, "%s.Check(%s)" % (x, self.int_expr(ctx, 1)))
    self.emit(indent, "}()")
    self.m_show(indent, tag, x, t)

  def defer_user_panic(self, ctx, indent, tag):
    """A panic with a user error or Stringer value, recovered, printed,
    maybe raised again (then printed by the runtime if no one recovers
    it)."""
    r, v, ok = self.fresh("r"), self.fresh("v"), self.fresh("ok")
    i1 = indent + 1
    self.emit(indent, "func() {")
    self.emit(i1, "defer func() {")
    self.emit(i1 + 1, "%s := recover()" % r)
    self.emit(i1 + 1, "fmt.Println(%s, describe(%s), %s)" % (tag, r, r))
    self.emit(i1 + 1, "if %s, %s := %s.(*PE); %s {" % (v, ok, r, ok))
    self.emit(i1 + 2, "fmt.Println(%s, %s.Why)" % (tag, v))
    self.emit(i1 + 1, "}")
    if self.chance(0.4):
      self.emit(i1 + 1, "if %s {" % self.cond(ctx))
      self.emit(i1 + 2, "panic(%s)" % self.pick([r, self.user_panic_value(ctx)]))
      self.emit(i1 + 1, "}")
    self.emit(i1, "}()")
    if self.chance(0.5):
      self.emit(i1, "if %s {" % self.mostly(ctx))
      self.emit(i1 + 1, "panic(%s)" % self.user_panic_value(ctx))
      self.emit(i1, "}")
    else:
      self.emit(i1, "panic(%s)" % self.user_panic_value(ctx))
    self.emit(indent, "}()")

  def defer_method_named(self, ctx, indent, tag):
    """Deferred pointer methods of a defined int and slice write the
    variables before a deferred closure deferred earlier prints them."""
    k, l = self.fresh("k"), self.fresh("l")
    self.emit(indent, "%s := K(%s)" % (k, self.int_expr(ctx, 1)))
    self.emit(indent, "%s := L{%d}" % (l, self.r.randint(0, 9)))
    self.emit(indent, "defer func() {")
    self.emit(indent + 1, 'fmt.Println(%s, "at exit", %s, %s, %s.Sum())' % (
        tag, k, l, l))
    self.emit(indent, "}()")
    self.emit(indent, "defer %s.Inc()" % k)
    self.emit(indent, "defer %s.Push(%s)" % (l, self.int_expr(ctx, 1)))
    self.emit(indent, "defer fmt.Println(%s, %s.Twice(), %s.Sum())" % (tag, k, l))
    self.emit(indent, "%s += %s" % (k, self.pick(["1", "K(2)", k])))
    self.emit(indent, "%s.Push(%d)" % (l, self.r.randint(0, 9)))

  def defer_method_loop(self, ctx, indent, tag, t):
    """Deferred method calls in a loop (each its own record), receiver
    and argument evaluated in each trip."""
    if not self.afford(ctx, 3):
      return self.s_print(ctx, indent)
    x, i = self.m_decl(indent, ctx, t), self.fresh("i")
    self.defer_at_exit(indent, tag, x, t)
    self.emit(indent, "for %s := 0; %s < 3; %s++ {" % (i, i, i))
    self.emit(indent + 1, "defer %s.Show(fmt.Sprint(%s, %s))" % (
        self.pick([x, "(&%s)" % x]), tag, i))
    self.emit(indent + 1, "%s.Bump(%s)" % (x, i))
    self.emit(indent, "}")
