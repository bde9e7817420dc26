"""Interfaces for tools/gen_program.py: a random set of package-level
interfaces and implementing types per program, and the statements of the
dimensions iface, ifacedefer and typeswitch (see gen_program's docstring).

The interfaces: Getter (Get), Namer (Name, Show), Shape (embeds Getter and
Namer, adds Scale) and Catcher (Catch, which recovers); fmt.Stringer,
error and runtime.Error. The types, each method's receiver a value or a
pointer at random where marked:
  Pt struct    Get (v/p), Name, Show, Catch, Scale (p), maybe String (v/p)
  Cnt int      Get, Name (v/p), Show, Scale (p), Catch (p), maybe String
  Box struct   embeds Pt or *Pt (always set), declares its own Name
  Lst []int    Get, Name, Show, Scale (v/p); not comparable
  Node struct  pointer methods only, each safe on a nil *Node, String too
  Wrap struct  embeds a Getter (set to a value type), declares Name, Show
  ErrV (value Error), ErrP (pointer Error), ErrW (embeds ErrV)
An interface holding a nil pointer is only ever a nil *Node: Go reports a
value method called through a nil *T in two ways depending on its
optimizer. No statement prints a value that fmt would show as an address
(a pointer without String or Error) or panics with one.
"""

IFACES = {
    "Getter": {"Get"},
    "Namer": {"Name", "Show"},
    "Shape": {"Get", "Name", "Show", "Scale"},
    "Catcher": {"Catch"},
    "fmt.Stringer": {"String"},
}


class Dyn:
  """A dynamic type: a type name, maybe behind a pointer; for Wrap, the
  dynamic type of its embedded Getter."""

  def __init__(self, name, ptr=False, inner=None):
    self.name, self.ptr, self.inner = name, ptr, inner

  def go(self):
    return ("*" if self.ptr else "") + self.name


class IfaceTypes:
  """The interfaces and implementing types of one program."""

  def __init__(self, r):
    self.pt_get = r.choice("vp")
    self.pt_string = r.choice([None, "v", "p"])
    self.cnt_name = r.choice("vp")
    self.cnt_string = r.random() < 0.5
    self.box_ptr = r.random() < 0.4     # Box embeds *Pt
    self.lst_scale = r.choice("vp")

  def methods(self, name, ptr):
    """The method set of name (or *name)."""
    pt_val = {"Name", "Show", "Catch"} | (
        {"Get"} if self.pt_get == "v" else set()) | (
        {"String"} if self.pt_string == "v" else set())
    pt_all = {"Get", "Name", "Show", "Catch", "Scale"} | (
        {"String"} if self.pt_string else set())
    if name == "Pt":
      return pt_all if ptr else pt_val
    if name == "Cnt":
      ms = {"Get", "Show"} | ({"String"} if self.cnt_string else set())
      if self.cnt_name == "v":
        ms.add("Name")
      return ms | {"Name", "Scale", "Catch"} if ptr else ms
    if name == "Box":
      return (pt_all if ptr or self.box_ptr else pt_val) | {"Name"}
    if name == "Lst":
      ms = {"Get", "Name", "Show"}
      return ms | {"Scale"} if ptr or self.lst_scale == "v" else ms
    if name == "Node":
      return {"Get", "Name", "Show", "Scale", "String"} if ptr else set()
    if name == "Wrap":
      return {"Get", "Name", "Show"}
    if name in ("ErrV", "ErrW"):
      return {"Error"}
    if name == "ErrP":
      return {"Error"} if ptr else set()
    return set()

  def implements(self, d, iface):
    if iface == "any":
      return True
    if iface == "error":
      return "Error" in self.methods(d.name, d.ptr)
    return IFACES[iface] <= self.methods(d.name, d.ptr)

  def printable(self, d):
    """Whether fmt prints a value of d as text, with no address."""
    ms = self.methods(d.name, d.ptr)
    if "String" in ms or "Error" in ms:
      return True
    if d.ptr:
      return False
    if d.name == "Box":
      return not self.box_ptr
    if d.name == "Wrap":
      return self.printable(d.inner)
    return True

  def comparable(self, d):
    if d.ptr:
      return True
    if d.name == "Lst":
      return False
    if d.name == "Wrap":
      return self.comparable(d.inner)
    return True

  def decls(self):
    def recv(kind, t, v="p"):
      return "(%s *%s)" % (v, t) if kind == "p" else "(%s %s)" % (v, t)
    lines = [
        "type Getter interface {", "\tGet() int", "}", "",
        "type Namer interface {", "\tName() string", "\tShow(tag string)",
        "}", "",
        "// Shape's method set is the union of its embedded interfaces' and",
        "// its own.",
        "type Shape interface {", "\tGetter", "\tNamer", "\tScale(k int)",
        "}", "",
        "type Catcher interface {", "\tCatch(tag string)", "}", "",
        "type Pt struct {", "\tX, Y int", "}", "",
        "func %s Get() int {" % recv(self.pt_get, "Pt"),
        "\treturn p.X*10 + p.Y", "}", "",
        "func (p Pt) Name() string {", '\treturn fmt.Sprint("pt", p.X)', "}",
        "",
        "func (p Pt) Show(tag string) {", '\tfmt.Println(tag, "Pt", p.X, p.Y)',
        "}", "",
        "func (p *Pt) Scale(k int) {", "\tp.X *= k", "\tp.Y += k", "}", "",
        "func (p Pt) Catch(tag string) {",
        "\tif r := recover(); r != nil {",
        '\t\tfmt.Println(tag, "Pt caught", describe(r), p.X)', "\t}", "}", "",
        "type Cnt int", "",
        "func (c Cnt) Get() int {", "\treturn int(c)", "}", "",
        "func %s Name() string {" % recv(self.cnt_name, "Cnt", "c"),
        '\treturn fmt.Sprint("cnt", int(%s))' % (
            "*c" if self.cnt_name == "p" else "c"), "}", "",
        "func (c Cnt) Show(tag string) {",
        '\tfmt.Println(tag, "Cnt", int(c))', "}", "",
        "func (c *Cnt) Scale(k int) {", "\t*c *= Cnt(k)", "}", "",
        "func (c *Cnt) Catch(tag string) {",
        "\tif r := recover(); r != nil {",
        '\t\tfmt.Println(tag, "Cnt caught", describe(r), int(*c))',
        "\t\t*c = -1", "\t}", "}", "",
        "type Box struct {", "\t%sPt" % ("*" if self.box_ptr else ""),
        "\tTag string", "}", "",
        "// Box's Name is shallower than the promoted Pt.Name: it wins.",
        "func (b Box) Name() string {", '\treturn "box " + b.Tag', "}", "",
        "type Lst []int", "",
        "func (l Lst) Get() int {", "\tt := 0", "\tfor _, v := range l {",
        "\t\tt += v", "\t}", "\treturn t", "}", "",
        "func (l Lst) Name() string {", '\treturn fmt.Sprint("lst", len(l))',
        "}", "",
        "func (l Lst) Show(tag string) {", '\tfmt.Println(tag, "Lst", l)', "}",
        "",
    ]
    if self.lst_scale == "v":
      lines += ["// A value receiver shares the caller's backing array.",
                "func (l Lst) Scale(k int) {", "\tfor i := range l {",
                "\t\tl[i] *= k", "\t}", "}", ""]
    else:
      lines += ["func (l *Lst) Scale(k int) {", "\t*l = append(*l, k)", "}",
                ""]
    lines += [
        "type Node struct {", "\tV int", "}", "",
        "func (n *Node) Get() int {", "\tif n == nil {", "\t\treturn -1",
        "\t}", "\treturn n.V", "}", "",
        "func (n *Node) Name() string {", "\tif n == nil {",
        '\t\treturn "nilnode"', "\t}", '\treturn fmt.Sprint("node", n.V)',
        "}", "",
        "func (n *Node) Show(tag string) {",
        '\tfmt.Println(tag, "Node", n.Name())', "}", "",
        "func (n *Node) Scale(k int) {", "\tif n != nil {", "\t\tn.V *= k",
        "\t}", "}", "",
        "func (n *Node) String() string {", "\treturn \"<\" + n.Name() + \">\"",
        "}", "",
        "type Wrap struct {", "\tGetter", "\tK int", "}", "",
        "func (w Wrap) Name() string {", '\treturn fmt.Sprint("wrap", w.K)',
        "}", "",
        "func (w Wrap) Show(tag string) {",
        '\tfmt.Println(tag, "Wrap", w.K, w.Get())', "}", "",
        "type ErrV struct {", "\tCode int", "}", "",
        "func (e ErrV) Error() string {",
        '\treturn fmt.Sprint("errv ", e.Code)', "}", "",
        "type ErrP struct {", "\tMsg string", "}", "",
        "func (e *ErrP) Error() string {", '\treturn "errp " + e.Msg', "}", "",
        "type ErrW struct {", "\tErrV", "\tAt string", "}", "",
    ]
    if self.pt_string:
      lines += ["func %s String() string {" % recv(self.pt_string, "Pt"),
                '\treturn fmt.Sprintf("P(%d,%d)", p.X, p.Y)', "}", ""]
    if self.cnt_string:
      lines += ["func (c Cnt) String() string {",
                '\treturn fmt.Sprint("C", int(c))', "}", ""]
    return lines


STATIC_TYPES = ["any", "Getter", "Namer", "Shape", "error", "fmt.Stringer"]
# Candidate dynamic types; Wrap's inner Getter is picked separately.
DYNS = [("Pt", False), ("Pt", True), ("Cnt", False), ("Cnt", True),
        ("Box", False), ("Box", True), ("Lst", False), ("Lst", True),
        ("Node", True), ("Wrap", False), ("Wrap", True), ("ErrV", False),
        ("ErrP", True), ("ErrW", False)]
# Types only `any` holds in the type switches, and the expression that uses
# a case variable v of each.
PLAIN = {"int": "{v} * 2", "string": "len({v}), {v}", "bool": "!{v}",
         "[]int": "len({v})"}


class IfaceGen:
  """The statements of the dimensions iface, ifacedefer and typeswitch;
  mixed into gen_program.Gen (which has r, emit, fresh, int_expr, ...)."""

  # ---------------------------------------------------------- values

  def i_types(self):
    self.uses.add("ifaces")
    return self.itypes

  def i_dyns(self, iface, printable=False, comparable=False):
    it = self.itypes
    out = []
    for name, ptr in DYNS:
      d = Dyn(name, ptr)
      if name == "Wrap":
        d.inner = self.pick([Dyn("Cnt"), Dyn("Lst")] + (
            [Dyn("Pt")] if it.pt_get == "v" else []))
      if (it.implements(d, iface) and
          (not printable or it.printable(d)) and
          (not comparable or it.comparable(d))):
        out.append(d)
    return out

  def i_lit(self, ctx, d):
    """An expression of dynamic type d that never panics (a nil *Node
    sometimes)."""
    a = self.int_expr(ctx, 1)
    b = self.r.randint(-2, 5)
    name = d.name
    if name == "Pt":
      e = "Pt{%s, %d}" % (a, b)
    elif name == "Cnt":
      e = "Cnt(%s)" % a
    elif name == "Box":
      e = 'Box{%sPt{%s, %d}, "b%d"}' % (
          "&" if self.itypes.box_ptr else "", a, b, self.r.randint(0, 9))
    elif name == "Lst":
      e = "Lst{%s}" % ", ".join([a] + [str(self.r.randint(0, 5))
                                      for _ in range(self.r.randint(0, 2))])
    elif name == "Node":
      if self.chance(0.2):
        return "(*Node)(nil)"
      return "&Node{%s}" % a
    elif name == "Wrap":
      e = "Wrap{%s, %d}" % (self.i_lit(ctx, d.inner), b)
    elif name == "ErrV":
      e = "ErrV{%s}" % a
    elif name == "ErrP":
      return "&ErrP{%s}" % self.str_lit(ctx)
    else:
      e = 'ErrW{ErrV{%s}, "w%d"}' % (a, b)
    if not d.ptr:
      return e
    if name in ("Cnt", "Lst"):
      return "func() *%s { v := %s; return &v }()" % (name, e)
    return "&" + e

  def i_value(self, ctx, iface, printable=False, comparable=False):
    """(expression, Dyn) of a value that implements iface."""
    ds = self.i_dyns(iface, printable, comparable)
    d = self.pick(ds)
    return self.i_lit(ctx, d), d

  def i_var(self, ctx, indent, iface, printable=False, comparable=False,
            nil_ok=False):
    """Declares a variable of interface type iface that holds one of two
    values (or nil) depending on the run; returns its name and the Dyns it
    may hold."""
    x = self.fresh("iv")
    e, d = self.i_value(ctx, iface, printable, comparable)
    self.emit(indent, "var %s %s = %s" % (x, iface, e))
    ds = [d]
    if self.chance(0.6):
      e2, d2 = self.i_value(ctx, iface, printable, comparable)
      self.emit(indent, "if %s {" % self.cond(ctx))
      self.emit(indent + 1, "%s = %s" % (x, e2))
      self.emit(indent, "}")
      ds.append(d2)
    if nil_ok and self.chance(0.3):
      self.emit(indent, "if %s {" % self.cond(ctx))
      self.emit(indent + 1, "%s = nil" % x)
      self.emit(indent, "}")
    return x, ds

  def i_recovering(self, indent, tag):
    """Opens a func literal whose deferred closure recovers and prints what
    it got, through runtime.Error and error assertions."""
    r, re_, e = self.fresh("r"), self.fresh("re"), self.fresh("e")
    i1 = indent + 1
    self.emit(indent, "func() {")
    self.emit(i1, "defer func() {")
    self.emit(i1 + 1, "%s := recover()" % r)
    self.emit(i1 + 1, "if %s, ok := %s.(runtime.Error); ok {" % (re_, r))
    self.emit(i1 + 2, 'fmt.Println(%s, "runtime.Error", %s.Error(), %s)' % (
        tag, re_, re_))
    self.emit(i1 + 1, "} else if %s, ok := %s.(error); ok {" % (e, r))
    self.emit(i1 + 2, 'fmt.Println(%s, "error", %s, fmt.Sprintf("%%T", %s))' % (
        tag, e, e))
    self.emit(i1 + 1, "} else {")
    self.emit(i1 + 2, 'fmt.Println(%s, "other", describe(%s))' % (tag, r))
    self.emit(i1 + 1, "}")
    self.emit(i1, "}()")

  def i_close(self, indent):
    self.emit(indent, "}()")

  def i_maybe_recovered(self, ctx, indent, tag, body):
    """Runs body(indent) inside a recovering func literal, or (sometimes)
    bare, so that its panic leaves the function."""
    if self.chance(0.75):
      self.i_recovering(indent, tag)
      body(indent + 1)
      self.i_close(indent)
    else:
      body(indent)

  def i_show(self, x, ds):
    """Printable items showing interface variable x that may hold ds."""
    it = self.itypes
    items = ['fmt.Sprintf("%%T", %s)' % x]
    if all(it.printable(d) for d in ds):
      items.append(x)
    return items

  # ---------------------------------------------------------- iface

  def s_iface(self, ctx, indent):
    self.i_types()
    tag = self.str_lit(ctx)
    kinds = [self.iface_loop, self.iface_convert, self.iface_assert_panics,
             self.iface_compare, self.iface_method_value, self.iface_errors,
             self.iface_print, self.iface_embedded, self.iface_nil_ptr,
             self.iface_closure]
    self.pick(kinds)(ctx, indent, tag)

  def iface_loop(self, ctx, indent, tag):
    """Calls through the interfaces of a slice in a loop; Scale writes a
    pointee the slice shares with a variable, or a copy."""
    n = self.r.randint(2, 4)
    if not self.afford(ctx, n + 1):
      return self.s_print(ctx, indent)
    iface = self.pick(["Getter", "Namer", "Shape"])
    xs, i, v = self.fresh("is"), self.fresh("i"), self.fresh("v")
    p = self.fresh("pt")
    self.emit(indent, "%s := Pt{%s, 1}" % (p, self.int_expr(ctx, 1)))
    elems = [self.i_value(ctx, iface)[0] for _ in range(n - 1)]
    elems.insert(self.r.randint(0, n - 1), "&" + p)
    self.emit(indent, "%s := []%s{%s}" % (xs, iface, ", ".join(elems)))
    self.emit(indent, "for %s, %s := range %s {" % (i, v, xs))
    i1 = indent + 1
    if iface == "Shape":
      self.emit(i1, "%s.Scale(%s + 2)" % (v, i))
    if iface in ("Getter", "Shape"):
      self.emit(i1, 'fmt.Println(%s, %s, %s.Get(), fmt.Sprintf("%%T", %s))' % (
          tag, i, v, v))
    if iface in ("Namer", "Shape"):
      self.emit(i1, "%s.Show(fmt.Sprint(%s, %s, %s.Name()))" % (v, tag, i, v))
    if iface == "Getter" and self.chance(0.6):
      s, ok = self.fresh("s"), self.fresh("ok")
      self.emit(i1, "if %s, %s := %s.(Shape); %s {" % (s, ok, v, ok))
      self.emit(i1 + 1, "%s.Scale(2)" % s)
      self.emit(i1 + 1, "fmt.Println(%s, %s.Name(), %s.Get())" % (tag, s, v))
      self.emit(i1, "}")
    self.emit(indent, "}")
    self.emit(indent, "fmt.Println(%s, %s.X, %s.Y, len(%s))" % (tag, p, p, xs))

  def iface_convert(self, ctx, indent, tag):
    """Interface-to-interface assignment and conversion; comma-ok
    assertions to interfaces and concrete types, true and false."""
    x, ds = self.i_var(ctx, indent, "Shape")
    g, a = self.fresh("g"), self.fresh("a")
    self.emit(indent, "var %s Getter = %s" % (g, x))
    self.emit(indent, "%s := any(%s)" % (a, g))
    self.emit(indent, "fmt.Println(%s, %s.Get(), Getter(%s).Get(), %s == %s)"
              % (tag, g, x, g, x) if all(self.itypes.comparable(d)
                                        for d in ds) else
              "fmt.Println(%s, %s.Get(), Getter(%s).Get())" % (tag, g, x))
    for k in range(self.r.randint(1, 3)):
      src = a if k == 0 else self.pick([g, a])
      target = self.pick(["Namer", "Shape", "fmt.Stringer", "error",
                          "Catcher"] + [d.go() for d in self.i_dyns(
                              "Getter")])
      v, ok = self.fresh("v"), self.fresh("ok")
      self.emit(indent, "%s, %s := %s.(%s)" % (v, ok, src, target))
      self.emit(indent, "fmt.Println(%s, %s, %s)" % (
          tag, ok, self.i_use(v, target)))

  def i_use(self, v, t):
    """A printable expression of v, of static type t (maybe the zero
    value)."""
    if t in ("Getter", "Shape"):
      return "%s != nil" % v
    if t == "Namer":
      return "%s == nil" % v
    if t == "fmt.Stringer":
      return '%s != nil && %s.String() != ""' % (v, v)
    if t == "error":
      return "%s == nil || %s.Error() != \"\"" % (v, v)
    if t == "Catcher":
      return "%s != nil" % v
    if t.startswith("*"):
      return "%s == nil" % v
    return 'fmt.Sprintf("%%T", %s)' % v

  def iface_assert_panics(self, ctx, indent, tag):
    """A single-valued assertion that may fail: to a concrete type, to an
    interface the dynamic type lacks a method of, or of a nil interface;
    recovered here or left to propagate."""
    iface = self.pick(["Getter", "Namer", "any", "error"])
    x, ds = self.i_var(ctx, indent, iface, nil_ok=True)
    concrete = [d.go() for d in self.i_dyns(iface) if d.name != "Wrap"]
    target = self.pick(["Shape", "Namer", "Getter", "fmt.Stringer"] +
                       concrete)
    v = self.fresh("v")

    def body(ind):
      self.emit(ind, "%s := %s.(%s)" % (v, x, target))
      self.emit(ind, 'fmt.Println(%s, "asserted", %s)' % (
          tag, self.i_use(v, target)))
    self.i_maybe_recovered(ctx, indent, tag, body)

  def iface_compare(self, ctx, indent, tag):
    """== on interfaces: different dynamic types are unequal, equal values
    of one type equal; an uncomparable dynamic type panics (also inside a
    struct's interface field)."""
    iface = self.pick(["Getter", "any", "Namer"])
    a, _ = self.i_var(ctx, indent, iface)
    if self.chance(0.4):    # the same uncomparable type on both sides
      self.emit(indent, "if %s {" % self.mostly(ctx))
      self.emit(indent + 1, "%s = %s" % (a, self.pick(
          ["Lst{1}", "Wrap{Lst{}, 0}"])))
      self.emit(indent, "}")
    b = self.fresh("iv")
    if self.chance(0.6):
      self.emit(indent, "%s := %s" % (b, a))
    else:
      e, _ = self.i_value(ctx, iface)
      self.emit(indent, "var %s %s = %s" % (b, iface, e))
    lit, _ = self.i_value(ctx, iface, comparable=True)

    def body(ind):
      self.emit(ind, "fmt.Println(%s, %s == %s, %s != nil, %s == %s(%s))" % (
          tag, a, b, a, b, iface, lit))
      if iface == "Getter" and self.chance(0.5):
        w1, w2 = self.fresh("w"), self.fresh("w")
        self.emit(ind, "%s, %s := Wrap{%s, 1}, Wrap{%s, 1}" % (w1, w2, a, b))
        self.emit(ind, "fmt.Println(%s, %s == %s)" % (tag, w1, w2))
    self.i_maybe_recovered(ctx, indent, tag, body)

  def iface_method_value(self, ctx, indent, tag):
    """A method value of an interface binds the dynamic value when made;
    reassigning the interface later does not change it; a nil interface
    panics when the method value is made."""
    x, _ = self.i_var(ctx, indent, "Shape", nil_ok=True)
    f, h = self.fresh("mval"), self.fresh("mval")

    def body(ind):
      self.emit(ind, "%s := %s.Get" % (f, x))
      self.emit(ind, "%s := %s.Scale" % (h, x))
      self.emit(ind, "%s = %s" % (x, self.i_value(ctx, "Shape")[0]))
      self.emit(ind, "%s(%s)" % (h, self.r.randint(2, 4)))
      self.emit(ind, "fmt.Println(%s, %s(), %s.Get())" % (tag, f, x))
    self.i_maybe_recovered(ctx, indent, tag, body)

  def iface_errors(self, ctx, indent, tag):
    """User error types, errors.New and fmt.Errorf with %w side by side
    as error values: printed, compared, asserted."""
    if not self.afford(ctx, 4):
      return self.s_print(ctx, indent)
    es = self.fresh("es")
    base = self.fresh("base")
    self.emit(indent, "%s := errors.New(%s)" % (base, self.str_lit(ctx)))
    vals = [base, "ErrV{%s}" % self.int_expr(ctx, 1),
            "&ErrP{%s}" % self.str_lit(ctx),
            'ErrW{ErrV{%d}, "at"}' % self.r.randint(0, 9),
            'fmt.Errorf("wrapped %%w", %s)' % base,
            'fmt.Errorf("%%d: %%w", %s, ErrV{2})' % self.int_expr(ctx, 1),
            "error(nil)"]
    self.r.shuffle(vals)
    vals = vals[:self.r.randint(2, 4)]
    e, i = self.fresh("e"), self.fresh("i")
    self.emit(indent, "%s := []error{%s}" % (es, ", ".join(vals)))
    self.emit(indent, "for %s, %s := range %s {" % (i, e, es))
    i1 = indent + 1
    self.emit(i1, 'fmt.Println(%s, %s, %s, fmt.Sprintf("%%T|%%v", %s, %s), '
              "%s == %s, %s == ErrV{2})" % (tag, i, e, e, e, e, base, e))
    v, ok = self.fresh("v"), self.fresh("ok")
    target = self.pick(["ErrV", "*ErrP", "ErrW", "fmt.Stringer"])
    self.emit(i1, "if %s, %s := %s.(%s); %s {" % (v, ok, e, target, ok))
    use = {"ErrV": "%s.Code" % v, "*ErrP": "%s.Msg" % v,
           "ErrW": "%s.Code, %s.At" % (v, v), "fmt.Stringer": "%s != nil" % v}
    self.emit(i1 + 1, "fmt.Println(%s, %s)" % (tag, use[target]))
    self.emit(i1, "} else if %s != nil {" % e)
    self.emit(i1 + 1, "fmt.Println(%s, %s.Error())" % (tag, e))
    self.emit(i1, "}")
    self.emit(indent, "}")

  def iface_print(self, ctx, indent, tag):
    """fmt prints Stringers and errors through their methods, also as
    slice elements and struct fields, with %v, %+v and %s."""
    ss = [self.i_value(ctx, "fmt.Stringer")[0]
          for _ in range(self.r.randint(1, 3))]
    gs = [self.i_value(ctx, "Getter", printable=True)[0]
          for _ in range(self.r.randint(1, 2))]
    s, st = self.fresh("ss"), self.fresh("st")
    self.emit(indent, "%s := []fmt.Stringer{%s}" % (s, ", ".join(ss)))
    self.emit(indent, "%s := struct {" % st)
    self.emit(indent + 1, "S fmt.Stringer")
    self.emit(indent + 1, "G Getter")
    self.emit(indent + 1, "E error")
    self.emit(indent, "}{%s, %s, %s}" % (
        self.pick(ss), self.pick(gs), self.pick(
            ["ErrV{%d}" % self.r.randint(0, 9), "nil",
             "&ErrP{%s}" % self.str_lit(ctx)])))
    self.emit(indent, "fmt.Println(%s, %s, %s, []Getter{%s})" % (
        tag, s, st, ", ".join(gs)))
    self.emit(indent, 'fmt.Printf("%%v|%%+v|%%s\\n", %s, %s, %s[0])' % (
        st, st, s))
    c = self.fresh("c")
    self.emit(indent, "%s := Cnt(%s)" % (c, self.int_expr(ctx, 1)))
    self.emit(indent, 'fmt.Printf("%%v %%d %%s|%%v\\n", %s, %s, %s.Name(), '
              "[]Cnt{%s, 3})" % (c, c, "(&%s)" % c, c))

  def iface_embedded(self, ctx, indent, tag):
    """A struct embedding an interface: calls go through the field, which
    can be reassigned (and through a nil one panic)."""
    w = self.fresh("w")
    inner, _ = self.i_value(ctx, "Getter", printable=True)
    self.emit(indent, "%s := Wrap{%s, %s}" % (w, inner, self.int_expr(ctx, 1)))
    self.emit(indent, "fmt.Println(%s, %s.Get(), %s.Name(), %s)" % (
        tag, w, w, w))
    self.emit(indent, "%s.Getter = %s" % (w, self.i_value(ctx, "Getter")[0]))
    n = self.fresh("n")
    self.emit(indent, "var %s Namer = %s" % (n, w))
    self.emit(indent, "%s.Show(%s)" % (n, tag))
    if self.chance(0.5):
      def body(ind):
        self.emit(ind, "if %s {" % self.cond(ctx))
        self.emit(ind + 1, "%s.Getter = nil" % w)
        self.emit(ind, "}")
        self.emit(ind, "fmt.Println(%s, %s.Get())" % (tag, w))
      self.i_maybe_recovered(ctx, indent, tag, body)

  def iface_nil_ptr(self, ctx, indent, tag):
    """An interface holding a nil *Node is not nil; its pointer methods
    run with a nil receiver."""
    p, g = self.fresh("np"), self.fresh("g")
    self.emit(indent, "var %s *Node" % p)
    self.emit(indent, "if %s {" % self.cond(ctx))
    self.emit(indent + 1, "%s = &Node{%s}" % (p, self.int_expr(ctx, 1)))
    self.emit(indent, "}")
    iface = self.pick(["Getter", "Shape", "fmt.Stringer", "any"])
    self.emit(indent, "var %s %s = %s" % (g, iface, p))
    extra = {"Getter": "%s.Get()" % g, "Shape": "%s.Name()" % g,
             "fmt.Stringer": "%s.String()" % g, "any": "%s" % g}[iface]
    self.emit(indent, "fmt.Println(%s, %s == nil, %s != nil, %s == nil, %s, %s)"
              % (tag, p, g, g + ".(*Node)", extra, p))

  def iface_closure(self, ctx, indent, tag):
    """Closures capture the interface variable, not its value: a later
    assignment is seen by the next call."""
    x, ds = self.i_var(ctx, indent, "Namer")
    f = self.fresh("g")
    self.emit(indent, "%s := func() string { return %s.Name() }" % (f, x))
    self.emit(indent, "fmt.Println(%s, %s())" % (tag, f))
    e, d = self.i_value(ctx, "Namer")
    self.emit(indent, "%s = %s" % (x, e))
    self.emit(indent, "fmt.Println(%s, %s(), %s)" % (
        tag, f, ", ".join(self.i_show(x, ds + [d]))))

  def i_main_panic(self, ctx, indent):
    """An unrecovered panic of an interface operation at the end of main:
    Go prints `panic: interface conversion: ...` or `panic: runtime error:
    comparing uncomparable type ...` and exits with status 2."""
    x = self.fresh("iv")
    roll = self.r.randint(0, 2)
    if roll == 0:
      e, _ = self.i_value(ctx, "Getter")
      target = self.pick(["Namer", "Shape"] + [
          d.go() for d in self.i_dyns("Getter") if d.name != "Wrap"])
      self.emit(indent, "var %s Getter = %s" % (x, e))
      self.emit(indent, 'fmt.Println("main", %s)' % self.i_use(
          "%s.(%s)" % (x, target), target))
    elif roll == 1:
      self.emit(indent, "var %s any = %s" % (x, self.pick(
          ["Lst{1}", "[]int{}", "Wrap{Lst{2}, 1}"])))
      self.emit(indent, 'fmt.Println("main", %s == %s)' % (x, x))
    else:
      self.emit(indent, "var %s error" % x)
      self.emit(indent, 'fmt.Println("main", %s.(*ErrP).Msg)' % x)

  # ---------------------------------------------------------- ifacedefer

  def s_ifacedefer(self, ctx, indent):
    self.i_types()
    tag = self.str_lit(ctx)
    kinds = [self.idefer_reassigned, self.idefer_nil, self.idefer_catch,
             self.idefer_runtime_error, self.idefer_loop,
             self.idefer_method_value]
    self.pick(kinds)(ctx, indent, tag)

  def idefer_reassigned(self, ctx, indent, tag):
    """defer i.M() evaluates i at the defer statement: a later assignment
    to i does not change the call; a write through a held pointer does."""
    p, x = self.fresh("pt"), self.fresh("iv")
    self.emit(indent, "%s := &Pt{%s, 2}" % (p, self.int_expr(ctx, 1)))
    self.emit(indent, "var %s Shape = %s" % (x, self.pick(
        [p, self.i_value(ctx, "Shape")[0]])))
    self.emit(indent, "defer %s.Show(%s)" % (x, tag))
    self.emit(indent, 'defer fmt.Println(%s, "get at defer", %s.Get())' % (
        tag, x))
    self.emit(indent, "%s = %s" % (x, self.i_value(ctx, "Shape")[0]))
    self.emit(indent, "%s.Scale(%d)" % (p, self.r.randint(2, 3)))
    self.emit(indent, "%s.Show(%s)" % (x, tag))

  def idefer_nil(self, ctx, indent, tag):
    """defer i.M() with a nil i panics at the defer statement itself:
    nothing after it runs, earlier deferred calls do."""
    x, _ = self.i_var(ctx, indent, "Namer", nil_ok=True)
    self.i_recovering(indent, tag)
    i1 = indent + 1
    self.emit(i1, 'defer fmt.Println(%s, "deferred before")' % tag)
    if self.chance(0.5):
      self.emit(i1, "if %s {" % self.cond(ctx))
      self.emit(i1 + 1, "%s = nil" % x)
      self.emit(i1, "}")
    self.emit(i1, "defer %s.Show(%s)" % (x, tag))
    self.emit(i1, 'fmt.Println(%s, "after defer")' % tag)
    self.i_close(indent)

  def idefer_catch(self, ctx, indent, tag):
    """A deferred interface method that calls recover recovers: the
    dynamic method is the deferred call."""
    c, cv = self.fresh("ct"), self.fresh("cn")
    self.emit(indent, "%s := Cnt(%s)" % (cv, self.int_expr(ctx, 1)))
    i1 = indent + 1
    self.emit(indent, "func() {")
    self.emit(i1, "var %s Catcher = %s" % (c, self.pick(
        ["&" + cv, "Pt{%s, 1}" % self.int_expr(ctx, 1), "&Pt{3, 4}"])))
    self.emit(i1, "defer %s.Catch(%s)" % (c, tag))
    self.emit(i1, "%s = &%s" % (c, cv))
    self.emit(i1, "if %s {" % self.mostly(ctx))
    self.emit(i1 + 1, "panic(%s)" % self.i_panic_value(ctx))
    self.emit(i1, "}")
    self.emit(indent, "}()")
    self.emit(indent, "fmt.Println(%s, int(%s))" % (tag, cv))

  def i_panic_value(self, ctx):
    return self.pick([
        "ErrV{%s}" % self.int_expr(ctx, 1), "&ErrP{%s}" % self.str_lit(ctx),
        'ErrW{ErrV{1}, "p"}', self.str_lit(ctx), "Cnt(%d)" % self.r.randint(
            0, 9), 'fmt.Errorf("w %%w", ErrV{%d})' % self.r.randint(0, 9)])

  def idefer_runtime_error(self, ctx, indent, tag):
    """Recovered panics asserted to runtime.Error and error: run-time
    errors of interface operations and others, and user errors (which are
    not runtime.Error)."""
    self.i_recovering(indent, tag)
    i1 = indent + 1
    kind = self.r.randint(0, 5)
    x = self.fresh("iv")
    if kind == 0:     # failed assertion
      e, _ = self.i_value(ctx, "Getter")
      self.emit(i1, "var %s Getter = %s" % (x, e))
      self.emit(i1, "fmt.Println(%s, %s.(Namer).Name())" % (tag, x))
    elif kind == 1:   # uncomparable
      self.emit(i1, "var %s any = Lst{1}" % x)
      self.emit(i1, "if %s {" % self.cond(ctx))
      self.emit(i1 + 1, "%s = %s" % (x, self.int_expr(ctx, 1)))
      self.emit(i1, "}")
      self.emit(i1, "fmt.Println(%s, %s == any(Lst{1}))" % (tag, x))
    elif kind == 2:   # nil interface method call
      self.emit(i1, "var %s Getter" % x)
      self.emit(i1, "if %s {" % self.cond(ctx))
      self.emit(i1 + 1, "%s = Cnt(1)" % x)
      self.emit(i1, "}")
      self.emit(i1, "fmt.Println(%s, %s.Get())" % (tag, x))
    elif kind == 3:   # index out of range through a method
      self.emit(i1, "var %s Getter = Lst{}" % x)
      self.emit(i1, "fmt.Println(%s, %s.(Lst)[%s%%3])" % (
          tag, x, self.pick(ctx.ints) if ctx.ints else "1"))
    else:
      self.emit(i1, "panic(%s)" % self.i_panic_value(ctx))
    self.i_close(indent)

  def idefer_loop(self, ctx, indent, tag):
    """Deferred interface calls in a loop over a slice: each its own
    record, run in reverse order."""
    n = self.r.randint(2, 3)
    if not self.afford(ctx, n):
      return self.s_print(ctx, indent)
    xs, v = self.fresh("ns"), self.fresh("v")
    elems = [self.i_value(ctx, "Namer")[0] for _ in range(n)]
    self.emit(indent, "%s := []Namer{%s}" % (xs, ", ".join(elems)))
    self.emit(indent, "for _, %s := range %s {" % (v, xs))
    self.emit(indent + 1, "defer %s.Show(%s + %s.Name())" % (v, tag, v))
    self.emit(indent, "}")
    self.emit(indent, "%s[0] = %s" % (xs, self.i_value(ctx, "Namer")[0]))

  def idefer_method_value(self, ctx, indent, tag):
    """A deferred method value of an interface, made before the variable
    changes; and a deferred closure that calls through the variable, which
    sees the change."""
    x, _ = self.i_var(ctx, indent, "Namer")
    f = self.fresh("mval")
    self.emit(indent, "%s := %s.Show" % (f, x))
    self.emit(indent, "defer %s(%s)" % (f, tag))
    self.emit(indent, 'defer func() { %s.Show(%s + " late") }()' % (x, tag))
    self.emit(indent, "%s = %s" % (x, self.i_value(ctx, "Namer")[0]))

  # ---------------------------------------------------------- typeswitch

  def s_typeswitch(self, ctx, indent):
    self.i_types()
    tag = self.str_lit(ctx)
    if self.chance(0.35):
      return self.typeswitch_loop(ctx, indent, tag)
    static = self.pick(["any", "any", "Getter", "Namer", "error"])
    x = self.fresh("iv")
    e, _ = self.ts_value(ctx, static)
    self.emit(indent, "var %s %s = %s" % (x, static, e))
    for _ in range(self.r.randint(1, 2)):
      self.emit(indent, "if %s {" % self.cond(ctx))
      self.emit(indent + 1, "%s = %s" % (x, self.ts_value(ctx, static)[0]))
      self.emit(indent, "}")
    self.ts_switch(ctx, indent, tag, x, static, None)

  def ts_value(self, ctx, static):
    """(expression, type) of a value of static type static, maybe nil."""
    if self.chance(0.1):
      return "nil", "nil"
    if static == "any" and self.chance(0.35):
      t = self.pick(list(PLAIN))
      v = {"int": self.int_expr(ctx, 1), "string": self.str_lit(ctx),
           "bool": self.pick(["true", "false"]),
           "[]int": "[]int{%d}" % self.r.randint(0, 9)}[t]
      return v, t
    if static == "error" and self.chance(0.3):
      return "errors.New(%s)" % self.str_lit(ctx), "*errors.errorString"
    e, d = self.i_value(ctx, static)
    return e, d.go()

  def ts_cases(self, static):
    """Case type lists for a switch on static: concrete types that
    implement it (others would not compile), interfaces, nil."""
    concrete = [d.go() for d in self.i_dyns(static) if d.name != "Wrap"]
    if static in ("Getter", "Namer", "any"):
      concrete.append("Wrap")
    if static == "any":
      concrete += list(PLAIN)
    ifaces = ["Getter", "Namer", "Shape", "fmt.Stringer", "error", "Catcher"]
    pool = concrete + ifaces + ["nil"]
    self.r.shuffle(pool)
    cases, taken = [], 0
    for _ in range(self.r.randint(2, 5)):
      k = 1 if self.chance(0.6) else self.r.randint(2, 3)
      group = pool[taken:taken + k]
      taken += k
      if group:
        cases.append(group)
    return cases

  def ts_use(self, v, t):
    """A printable expression of case variable v of single case type t."""
    if t in PLAIN:
      return PLAIN[t].format(v=v)
    if t in ("Getter", "Shape"):
      return "%s.Get()" % v
    if t == "Namer":
      return "%s.Name()" % v
    if t == "fmt.Stringer":
      return "%s.String()" % v
    if t == "error":
      return "%s.Error()" % v
    if t == "Catcher":
      return 'fmt.Sprintf("%%T", %s)' % v
    if t in ("Pt", "*Pt"):
      return "%s.X, %s.Name()" % (v, v)
    if t in ("Cnt", "*Cnt"):
      return "%s.Get()" % v
    if t in ("Box", "*Box"):
      return "%s.Tag, %s.Name(), %s.Y" % (v, v, v)
    if t == "Lst":
      return "len(%s), %s.Name()" % (v, v)
    if t == "*Lst":
      return "len(*%s), %s.Name()" % (v, v)
    if t == "*Node":
      return "%s.Name(), %s == nil" % (v, v)
    if t == "Wrap":
      return "%s.K, %s.Name()" % (v, v)
    if t in ("ErrV", "ErrW"):
      return "%s.Code, %s" % (v, v)
    if t == "*ErrP":
      return "%s.Msg, %s" % (v, v)
    return 'fmt.Sprintf("%%T", %s)' % v

  def ts_switch(self, ctx, indent, tag, x, static, collect):
    """A type switch on x; with collect (a []func() string variable),
    each case appends a closure capturing its variable."""
    v = self.fresh("v")
    cases = self.ts_cases(static)
    bind = self.chance(0.85) or collect
    head = "%s := %s.(type)" % (v, x) if bind else "%s.(type)" % x
    self.emit(indent, "switch %s {" % head)
    for group in cases + ([["default"]] if self.chance(0.6) else []):
      label = "default:" if group == ["default"] else "case %s:" % ", ".join(
          group)
      self.emit(indent, label)
      if len(group) == 1 and group[0] not in ("nil", "default"):
        use = self.ts_use(v, group[0])
      elif static != "any" and "nil" not in group and group != ["default"]:
        # v has x's static type, and is not nil here.
        use = 'fmt.Sprintf("%%T", %s), %s' % (v, self.ts_use(v, static))
      else:
        use = 'fmt.Sprintf("%%T", %s)' % v
      if not bind:
        use = '"%s"' % "|".join(group)
      if collect:
        self.emit(indent + 1, "%s = append(%s, func() string {" % (
            collect, collect))
        self.emit(indent + 2, "return fmt.Sprint(%s, %s)" % (tag, use))
        self.emit(indent + 1, "})")
      else:
        self.emit(indent + 1, "fmt.Println(%s, %s)" % (tag, use))
    self.emit(indent, "}")

  def typeswitch_loop(self, ctx, indent, tag):
    """A type switch in a loop over a slice of interfaces; each case's
    closure captures that iteration's case variable."""
    n = self.r.randint(2, 4)
    if not self.afford(ctx, 2 * n):
      return self.s_print(ctx, indent)
    static = self.pick(["any", "Getter", "Namer"])
    xs, x, fs, f = (self.fresh("xs"), self.fresh("x"), self.fresh("fs"),
                    self.fresh("fn"))
    elems = [self.ts_value(ctx, static)[0] for _ in range(n)]
    self.emit(indent, "%s := []%s{%s}" % (xs, static, ", ".join(elems)))
    self.emit(indent, "var %s []func() string" % fs)
    self.emit(indent, "for _, %s := range %s {" % (x, xs))
    self.ts_switch(ctx, indent + 1, tag, x, static, fs)
    self.emit(indent, "}")
    self.emit(indent, "for _, %s := range %s {" % (f, fs))
    self.emit(indent + 1, "fmt.Println(%s())" % f)
    self.emit(indent, "}")
