"""Structs, pointers and arrays for tools/gen_program.py: a random universe
of types per program (package-level named structs with embedded structs,
embedded pointers, blank fields, arrays of structs and structs of arrays,
named array types) and the statements of the dimensions struct, pointer,
array and aggdefer (see gen_program's docstring).

What no statement may print, because Go prints an address there: a pointer,
or a struct or array holding a pointer at any depth (fmt prints those as
0xc...), or an unrecovered panic with a struct, array or pointer value. So
a value whose type holds a pointer is shown through its leaves, a pointer
leaf as `p != nil`, and every panic with an aggregate is recovered where it
is raised.
"""

SCALARS = ("int", "string", "bool")
FIELD_NAMES = ["A", "B", "C", "X", "Y"]
STRINGS = ['"a"', '"bc"', '""', '"xyz"', '"q r"']
MAX_SIZE = 14          # scalar leaves of one named type
MAX_PATHS = 60         # paths enumerated in one value


class Type:
  """A Mini type: kind is a scalar name, 'array', 'struct' or 'ptr'; name
  is set for a defined type."""

  def __init__(self, kind, name=None, elem=None, n=0, fields=None):
    self.kind = kind
    self.name = name
    self.elem = elem
    self.n = n
    self.fields = fields or []

  def literal(self):
    """The type as written without its name."""
    if self.kind in SCALARS:
      return self.kind
    if self.kind == "array":
      return "[%d]%s" % (self.n, self.elem.go())
    if self.kind == "ptr":
      return "*" + self.elem.go()
    return "struct{ %s }" % "; ".join(f.decl() for f in self.fields)

  def go(self):
    return self.name or self.literal()

  def has_ptr(self):
    if self.kind == "ptr":
      return True
    if self.kind == "array":
      return self.elem.has_ptr()
    return any(f.type.has_ptr() for f in self.fields)

  def size(self):
    if self.kind in SCALARS or self.kind == "ptr":
      return 1
    if self.kind == "array":
      return self.n * self.elem.size()
    return sum(f.type.size() for f in self.fields)

  def composite(self):
    return self.kind in ("array", "struct")


class Field:

  def __init__(self, name, type_, embedded=False):
    self.name = name
    self.type = type_
    self.embedded = embedded

  def decl(self):
    if self.embedded:
      return self.type.go()
    return "%s %s" % (self.name, self.type.go())


INT, STRING, BOOL = Type("int"), Type("string"), Type("bool")


def selectors(t):
  """{name: (type, through_ptr)} of the fields x.name selects in a value x
  of struct type t, promoted ones included, by Go's rule: the shallowest
  depth wins, two at that depth make the name ambiguous (and hide deeper
  ones). through_ptr: the selection goes through an embedded pointer."""
  found, blocked = {}, set()
  level = [(t, False)]
  while level:
    here, deeper = {}, []
    for st, through in level:
      for f in st.fields:
        if f.name == "_":
          continue
        here.setdefault(f.name, []).append((f.type, through))
        if f.embedded:
          ptr = f.type.kind == "ptr"
          deeper.append((f.type.elem if ptr else f.type, through or ptr))
    for name, hits in here.items():
      if name in found or name in blocked:
        continue
      if len(hits) == 1:
        found[name] = hits[0]
      else:
        blocked.add(name)
    level = deeper
  return found


def paths(t, expr, risky=False, out=None):
  """Every (expression, type, risky) reachable from expr of type t by
  selectors, constant indexes and pointers (risky: through a pointer that
  may be nil), expr itself first."""
  if out is None:
    out = []
  out.append((expr, t, risky))
  if len(out) > MAX_PATHS:
    return out
  if t.kind == "ptr" and t.elem.composite():
    # p.f and p[i] dereference p: the rest of the path is risky.
    inner = paths(t.elem, expr, True, [])
    out.extend(inner[1:])
  elif t.kind == "array":
    for i in range(t.n):
      paths(t.elem, "%s[%d]" % (expr, i), risky, out)
  elif t.kind == "struct":
    for name, (ft, through) in sorted(selectors(t).items()):
      paths(ft, "%s.%s" % (expr, name), risky or through, out)
  return out


class Universe:
  """The package-level types of one program."""

  def __init__(self, r):
    self.r = r
    self.structs = []
    self.arrays = []
    for i in range(r.randint(2, 4)):
      self.structs.append(self.make_struct("T%d" % (i + 1)))
    if r.random() < 0.6:
      elem = r.choice([INT, STRING] + self.small_structs())
      self.arrays.append(Type("array", name="G1", elem=elem,
                              n=r.randint(1, 3)))

  def small_structs(self):
    return [s for s in self.structs if s.size() <= 4]

  def make_struct(self, name):
    fields = []
    used = set()
    for _ in range(self.r.randint(1, 4)):
      f = self.make_field(used)
      candidate = Type("struct", fields=fields + [f])
      if candidate.size() > MAX_SIZE:
        continue
      fields.append(f)
      if f.name != "_":
        used.add(f.name)
    if not fields:
      fields.append(Field(self.free_name(used), INT))
    return Type("struct", name=name, fields=fields)

  def free_name(self, used):
    names = [n for n in FIELD_NAMES if n not in used]
    return self.r.choice(names) if names else "Z%d" % len(used)

  def make_field(self, used):
    r = self.r
    roll = r.random()
    named = [s for s in self.structs if s.name not in used]
    if roll < 0.12 and named:
      s = r.choice(named)
      return Field(s.name, s, embedded=True)
    if roll < 0.2 and named:
      s = r.choice(named)
      return Field(s.name, Type("ptr", elem=s), embedded=True)
    if roll < 0.26:
      return Field("_", r.choice([INT, STRING]))
    name = self.free_name(used)
    if roll < 0.32 and self.structs:
      return Field(name, Type("ptr", elem=r.choice(self.structs)))
    if roll < 0.42 and self.structs:
      return Field(name, r.choice(self.structs))
    if roll < 0.5 and self.small_structs():
      return Field(name, Type("array", elem=r.choice(self.small_structs()),
                              n=r.randint(1, 2)))
    if roll < 0.6:
      return Field(name, Type("array", elem=r.choice([INT, STRING]),
                              n=r.randint(1, 3)))
    if roll < 0.65:
      return Field(name, Type("struct", fields=[
          Field("A", INT), Field("B", r.choice([STRING, INT, BOOL]))]))
    return Field(name, r.choice([INT, INT, INT, STRING, BOOL]))

  def pick(self, struct_only=False, array_only=False):
    """A type for a local value: a named struct or array, or one written
    in place (an anonymous struct, an array of scalars or structs)."""
    r = self.r
    if array_only or (not struct_only and r.random() < 0.35):
      roll = r.random()
      if roll < 0.2 and self.arrays:
        return r.choice(self.arrays)
      if roll < 0.45 and self.small_structs():
        return Type("array", elem=r.choice(self.small_structs()),
                    n=r.randint(1, 3))
      if roll < 0.55:
        return Type("array", elem=Type("array", elem=INT, n=2),
                    n=r.randint(1, 2))
      return Type("array", elem=r.choice([INT, INT, STRING, BOOL]),
                  n=r.randint(1, 4))
    if r.random() < 0.15:
      fields = [Field("A", INT), Field(r.choice(["B", "S"]),
                                       r.choice([STRING, INT]))]
      if r.random() < 0.4:
        s = r.choice(self.structs)
        fields.append(Field(s.name, s, embedded=True))
      return Type("struct", fields=fields)
    return r.choice(self.structs)

  def decls(self):
    lines = []
    for t in self.structs:
      lines.append("type %s struct {" % t.name)
      for f in t.fields:
        lines.append("\t" + f.decl())
      lines.append("}")
      lines.append("")
    for t in self.arrays:
      lines.append("type %s %s" % (t.name, t.literal()))
      lines.append("")
    return lines


class AggregateGen:
  """The statements of the dimensions struct, pointer, array and aggdefer;
  mixed into gen_program.Gen (which has r, emit, fresh, int_expr, ...)."""

  # ---------------------------------------------------------- values

  def value(self, t, ctx, elide=False):
    """An expression of type t that never panics."""
    if t.kind == "int":
      return self.int_expr(ctx, 1)
    if t.kind == "string":
      return self.pick(STRINGS)
    if t.kind == "bool":
      return self.pick(["true", "false", "(%s)" % self.cond(ctx)])
    if t.kind == "ptr":
      roll = self.r.random()
      if roll < 0.25:
        return "nil"
      if roll < 0.4:
        return "new(%s)" % t.elem.go()
      return "&" + self.value(t.elem, ctx)
    if t.kind == "array":
      return self.array_lit(t, ctx, elide)
    return self.struct_lit(t, ctx, elide)

  def elem_value(self, t, ctx):
    """An array element: a composite's type may be elided."""
    return self.value(t, ctx, elide=t.composite() and self.chance(0.5))

  def array_lit(self, t, ctx, elide):
    roll = self.r.random()
    if roll < 0.2 and not t.name and not elide:
      elems = [self.elem_value(t.elem, ctx) for _ in range(t.n)]
      return "[...]%s{%s}" % (t.elem.go(), ", ".join(elems))
    typ = "" if elide else t.go()
    if roll < 0.6:
      k = t.n if self.chance(0.6) else self.r.randint(0, t.n)
      elems = [self.elem_value(t.elem, ctx) for _ in range(k)]
    else:
      idx = self.r.sample(range(t.n), self.r.randint(1, t.n))
      elems = ["%d: %s" % (i, self.elem_value(t.elem, ctx)) for i in idx]
    return "%s{%s}" % (typ, ", ".join(elems))

  def struct_lit(self, t, ctx, elide):
    typ = "" if elide else t.go()
    roll = self.r.random()
    if roll < 0.1:
      return typ + "{}"
    if roll < 0.55:   # positional: every field, blank ones too
      return "%s{%s}" % (typ, ", ".join(self.value(f.type, ctx)
                                         for f in t.fields))
    named = [f for f in t.fields if f.name != "_"]
    chosen = self.r.sample(named, self.r.randint(1, len(named))) if named \
        else []
    return "%s{%s}" % (typ, ", ".join(
        "%s: %s" % (f.name, self.value(f.type, ctx)) for f in chosen))

  # ---------------------------------------------------------- paths

  def a_path(self, t, expr, want=None, risky_p=0.15, leaf=False):
    """A (expression, type) below expr (not expr itself) of kind want (a
    kind or a tuple of kinds; any if None), through a maybe-nil pointer
    with probability risky_p; None if there is none."""
    allow_risky = self.chance(risky_p)
    options = []
    for e, pt, risky in self.below(t, expr):
      if risky and not allow_risky:
        continue
      if want and pt.kind not in (want if isinstance(want, tuple)
                                  else (want,)):
        continue
      if leaf and pt.composite():
        continue
      options.append((e, pt))
    return self.pick(options) if options else None

  @staticmethod
  def below(t, expr):
    """paths() below expr; a pointer at the root is one the statement has
    just made, not nil: p.f and p[i] through it are not risky."""
    if t.kind == "ptr" and t.elem.composite():
      return paths(t.elem, expr)[1:]
    return paths(t, expr)[1:]

  def show(self, expr, t, n=3):
    """Printable expressions that show a value of type t: itself unless it
    holds a pointer, else some of its leaves (never through a pointer that
    may be nil; a pointer leaf as whether it is nil)."""
    if not t.has_ptr():
      return [expr]
    leaves = [(e, pt) for e, pt, risky in paths(t, expr)
              if not risky and (pt.kind in SCALARS or pt.kind == "ptr")]
    self.r.shuffle(leaves)
    out = []
    for e, pt in leaves[:n]:
      out.append("%s != nil" % e if pt.kind == "ptr" else e)
    return out or ['"-"']

  def println(self, indent, tag, *items):
    self.emit(indent, "fmt.Println(%s)" % ", ".join((tag,) + items))

  def show_line(self, indent, tag, pairs):
    """Prints (expr, type) values on one line, each as show() gives."""
    items = []
    for expr, t in pairs:
      items += self.show(expr, t)
    self.println(indent, tag, *items)

  def write(self, indent, ctx, t, expr):
    """Assigns to a part of the variable expr of type t (maybe to the
    whole), or to a pointer's target."""
    target = self.a_path(t, expr) if self.chance(0.85) else None
    if target is None:
      target = ("(*%s)" % expr, t.elem) if t.kind == "ptr" else (expr, t)
    e, pt = target
    if pt.kind == "int" and self.chance(0.4):
      self.emit(indent, "%s %s %s" % (e, self.pick(["+=", "-=", "^="]),
                                      self.int_expr(ctx, 1)))
    else:
      self.emit(indent, "%s = %s" % (e, self.value(pt, ctx)))

  def a_int(self, t, expr, risky_p=0.15):
    p = self.a_path(t, expr, "int", risky_p)
    return p[0] if p else None

  def afford(self, ctx, trips):
    """Charges a loop of trips that prints to the cost bound; False if it
    does not fit."""
    if ctx.fn.cost + ctx.mult * trips > self.max_cost:
      return False
    ctx.fn.cost += ctx.mult * trips
    return True

  def var_index(self, ctx, n):
    """An index expression for an array of length n, sometimes out of
    range (negative, too), never constant (a constant out of range does
    not compile)."""
    if not ctx.ints or self.chance(0.3):
      return str(self.r.randrange(n))
    m = self.r.randint(n, n + 3)
    return "%s%%%d" % (self.pick(ctx.ints), m)

  def decl(self, indent, ctx, t, prefix="a"):
    v = self.fresh(prefix)
    val = self.value(t, ctx)
    if self.chance(0.2) and not val.startswith("[...]"):
      self.emit(indent, "var %s %s = %s" % (v, t.go(), val))
    elif self.chance(0.1):
      self.emit(indent, "var %s %s" % (v, t.go()))
    else:
      self.emit(indent, "%s := %s" % (v, val))
    return v

  # ---------------------------------------------------------- struct

  def s_struct(self, ctx, indent):
    self.uses.add("types")
    tag = self.str_lit(ctx)
    t = self.universe.pick(struct_only=self.chance(0.7))
    roll = self.r.randint(0, 6)
    a = self.decl(indent, ctx, t)
    if roll == 0:      # copied on assignment
      b = self.fresh("b")
      self.emit(indent, "%s := %s" % (b, a))
      self.write(indent, ctx, t, b)
      self.show_line(indent, tag, [(a, t), (b, t)])
      self.println(indent, tag, "%s == %s" % (a, b), "%s != %s" % (b, a))
    elif roll == 1:    # copied when passed and returned
      g, v, c = self.fresh("g"), self.fresh("v"), self.fresh("c")
      self.emit(indent, "%s := func(%s %s) %s {" % (g, v, t.go(), t.go()))
      self.write(indent + 1, ctx, t, v)
      self.emit(indent + 1, "return %s" % v)
      self.emit(indent, "}")
      self.emit(indent, "%s := %s(%s)" % (c, g, a))
      self.show_line(indent, tag, [(a, t), (c, t)])
      self.println(indent, tag, "%s == %s" % (a, c))
    elif roll == 2:    # a parameter written, the argument unchanged
      v = self.fresh("v")
      self.emit(indent, "func(%s %s) {" % (v, t.go()))
      self.write(indent + 1, ctx, t, v)
      self.show_line(indent + 1, tag, [(v, t)])
      self.emit(indent, "}(%s)" % a)
      self.show_line(indent, tag, [(a, t)])
    elif roll == 3:    # fmt's verbs
      if t.has_ptr():
        self.emit(indent, 'fmt.Printf("%%s %%T\\n", %s, %s)' % (tag, a))
        self.show_line(indent, tag, [(a, t)])
      else:
        self.emit(indent, 'fmt.Printf("%%s %%v|%%+v|%%T\\n", %s, %s, %s, %s)'
                  % (tag, a, a, a))
    elif roll == 4:    # == with a literal
      self.println(indent, tag, "%s == %s" % (a, self.value(t, ctx)),
                   "%s != %s" % (self.value(t, ctx), a))
    elif roll == 5:    # a leaf as an int
      e = self.a_int(t, a)
      if e is None:
        self.show_line(indent, tag, [(a, t)])
      else:
        self.use_int(ctx, indent, e)
    else:
      self.local_type(ctx, indent, tag, a, t)

  def local_type(self, ctx, indent, tag, a, t):
    """A type declared in the function, and a conversion between struct
    types of one underlying type."""
    name = self.fresh("L")
    lt = self.universe.make_struct(name)
    self.emit(indent, "type %s %s" % (name, lt.literal()))
    v = self.decl(indent, ctx, lt, "l")
    if lt.has_ptr():
      self.emit(indent, 'fmt.Printf("%%s %%T\\n", %s, %s)' % (tag, v))
    else:
      self.emit(indent, 'fmt.Printf("%%s %%v|%%+v|%%T\\n", %s, %s, %s, %s)'
                % (tag, v, v, v))
    if t.kind == "struct" and t.name:
      w = self.fresh("w")
      self.emit(indent, "%s := %s(%s(%s))" % (w, t.name, t.literal(), a))
      self.show_line(indent, tag, [(w, t)])
      self.println(indent, tag, "%s == %s" % (w, a))
    else:
      self.show_line(indent, tag, [(a, t)])

  # ---------------------------------------------------------- pointer

  def s_pointer(self, ctx, indent):
    self.uses.add("types")
    tag = self.str_lit(ctx)
    roll = self.r.randint(0, 7)
    t = self.universe.pick()
    pt = Type("ptr", elem=t)
    if roll == 0:      # &local, writes through it
      a = self.decl(indent, ctx, t)
      p = self.fresh("p")
      self.emit(indent, "%s := &%s" % (p, a))
      self.write(indent, ctx, pt, p)
      if self.chance(0.3):
        self.emit(indent, "*%s = %s" % (p, self.value(t, ctx)))
      self.write(indent, ctx, t, "(*%s)" % p)
      self.show_line(indent, tag, [(a, t)])
      self.println(indent, tag, "%s == &%s" % (p, a))
    elif roll == 1:    # &field, &element
      a = self.decl(indent, ctx, t)
      target = self.a_path(t, a, risky_p=0.05)
      if target is None:
        self.show_line(indent, tag, [(a, t)])
        return
      e, et = target
      q = self.fresh("q")
      self.emit(indent, "%s := &%s" % (q, e))
      if et.composite():
        self.write(indent, ctx, Type("ptr", elem=et), q)
      else:
        self.emit(indent, "*%s = %s" % (q, self.value(et, ctx)))
      self.show_line(indent, tag, [(a, t), ("(*%s)" % q, et)])
    elif roll == 2:    # new(T)
      q = self.fresh("q")
      self.emit(indent, "%s := new(%s)" % (q, t.go()))
      self.write(indent, ctx, pt, q)
      self.show_line(indent, tag, [("(*%s)" % q, t)])
      if not t.has_ptr():
        self.println(indent, tag, q)    # &{...} or &[...]
    elif roll == 3:    # &T{...} shared by two pointers
      q, r = self.fresh("q"), self.fresh("r")
      self.emit(indent, "%s := &%s" % (q, self.value(t, ctx)))
      self.emit(indent, "%s := %s" % (r, q))
      self.write(indent, ctx, pt, r)
      self.show_line(indent, tag, [("(*%s)" % q, t)])
      self.println(indent, tag, "%s == %s" % (q, r), "*%s == *%s" % (q, r))
    elif roll == 4:    # a nil pointer dereferenced: usually not nil
      q = self.fresh("q")
      self.emit(indent, "var %s %s" % (q, pt.go()))
      self.emit(indent, "if %s {" % self.pick([self.mostly, self.cond])(ctx))
      self.emit(indent + 1, "%s = &%s" % (q, self.value(t, ctx)))
      self.emit(indent, "}")
      e = self.a_int(pt, q, 0.3)
      if e is not None and self.chance(0.6):
        self.use_int(ctx, indent, e)
      elif self.chance(0.5):
        self.write(indent, ctx, pt, q)
        self.println(indent, tag, "%s != nil" % q)
      else:
        self.show_line(indent, tag, [("(*%s)" % q, t)])
    elif roll == 5:    # through embedded pointers, maybe nil
      a = self.decl(indent, ctx, t)
      e = self.a_int(t, a, risky_p=0.8)
      if e is None:
        self.show_line(indent, tag, [(a, t)])
      else:
        self.use_int(ctx, indent, e)
    elif roll == 6:    # a pointer parameter
      a, g, v = self.fresh("a"), self.fresh("g"), self.fresh("v")
      self.emit(indent, "%s := %s" % (a, self.value(t, ctx)))
      self.emit(indent, "%s := func(%s %s) {" % (g, v, pt.go()))
      self.write(indent + 1, ctx, pt, v)
      self.emit(indent, "}")
      self.emit(indent, "%s(&%s)" % (g, a))
      self.show_line(indent, tag, [(a, t)])
    else:              # pointers compared
      a, b = self.fresh("a"), self.fresh("b")
      self.emit(indent, "%s, %s := %s, %s" % (a, b, self.value(t, ctx),
                                              self.value(t, ctx)))
      p1, p2 = self.fresh("p"), self.fresh("p")
      self.emit(indent, "%s, %s := &%s, &%s" % (
          p1, p2, a, self.pick([a, b])))
      self.println(indent, tag, "%s == %s" % (p1, p2),
                   "*%s == *%s" % (p1, p2), "%s == %s" % (a, b))

  # ---------------------------------------------------------- array

  def s_array(self, ctx, indent):
    self.uses.add("types")
    tag = self.str_lit(ctx)
    t = self.universe.pick(array_only=True)
    roll = self.r.randint(0, 6)
    if roll == 0:      # copied on assignment
      a = self.decl(indent, ctx, t)
      b = self.fresh("b")
      self.emit(indent, "%s := %s" % (b, a))
      self.write(indent, ctx, t, b)
      self.show_line(indent, tag, [(a, t), (b, t)])
      self.println(indent, tag, "%s == %s" % (a, b))
    elif roll == 1:
      self.array_range(ctx, indent, tag, t)
    elif roll == 2:
      self.array_slice(ctx, indent, tag, t)
    elif roll == 3:    # a variable index, maybe out of range
      a = self.decl(indent, ctx, t)
      i = self.var_index(ctx, t.n)
      if t.elem.kind == "int" and self.chance(0.6):
        self.use_int(ctx, indent, "%s[%s]" % (a, i))
      else:
        self.emit(indent, "%s[%s] = %s" % (a, i, self.value(t.elem, ctx)))
        self.show_line(indent, tag, [(a, t)])
    elif roll == 4:    # a variable index in an array in a struct
      s = self.universe.pick(struct_only=True)
      a = self.decl(indent, ctx, s)
      arrays = [(e, at) for e, at, risky in paths(s, a)
                if at.kind == "array" and not risky]
      if not arrays:
        self.show_line(indent, tag, [(a, s)])
        return
      e, at = self.pick(arrays)
      i = self.var_index(ctx, at.n)
      self.emit(indent, "%s[%s] = %s" % (e, i, self.value(at.elem, ctx)))
      self.show_line(indent, tag, [(a, s)])
    elif roll == 5:    # len and cap, of the array and through a pointer
      a = self.decl(indent, ctx, t)
      p = self.fresh("p")
      self.emit(indent, "%s := &%s" % (p, a))
      self.write(indent, ctx, Type("ptr", elem=t), p)
      self.println(indent, tag, "len(%s)" % a, "cap(%s)" % p, "len(%s)" % p)
      self.show_line(indent, tag, [(a, t)])
    else:              # == with a literal
      a = self.decl(indent, ctx, t)
      self.println(indent, tag, "%s == %s" % (a, self.value(t, ctx)),
                   "%s != %s" % (a, a))

  def array_range(self, ctx, indent, tag, t):
    """range over an array ranges over a copy; over a pointer to an array
    it sees the writes of the loop body."""
    if not self.afford(ctx, t.n):
      return self.s_print(ctx, indent)
    a = self.decl(indent, ctx, t)
    i, v = self.fresh("i"), self.fresh("v")
    over = self.pick([a, a, "&" + a, "*&" + a])
    if self.chance(0.2):
      self.emit(indent, "for %s := range %s {" % (i, over))
      self.println(indent + 1, tag, i)
    else:
      self.emit(indent, "for %s, %s := range %s {" % (i, v, over))
      # Writes the next element, which the loop sees only through a pointer.
      nxt = "%s[(%s+1)%%%d]" % (a, i, t.n)
      elem = t.elem
      if elem.kind == "int":
        self.emit(indent + 1, "%s += %s" % (nxt, self.int_expr(ctx, 1)))
      else:
        self.emit(indent + 1, "%s = %s" % (nxt, self.value(elem, ctx)))
      self.show_line(indent + 1, tag, [(i, INT), (v, elem)])
    self.emit(indent, "}")
    self.show_line(indent, tag, [(a, t)])

  def array_slice(self, ctx, indent, tag, t):
    """A slice of an array shares its elements; append within its
    capacity writes the array."""
    a = self.decl(indent, ctx, t)
    s = self.fresh("s")
    lo = self.r.randint(0, t.n)
    hi = self.r.randint(lo, t.n)
    if ctx.ints and self.chance(0.25):
      lo = "%s%%%d" % (self.pick(ctx.ints), t.n + 2)   # maybe out of range
    bounds = self.pick(["%s:%s" % (lo, hi), "%s:" % lo, ":%s" % hi,
                        "%s:%s:%d" % (lo, hi, t.n)])
    base = self.pick([a, "(&%s)" % a])
    self.emit(indent, "%s := %s[%s]" % (s, base, bounds))
    if self.chance(0.5):
      self.emit(indent, "%s = append(%s, %s)" % (s, s, self.value(t.elem, ctx)))
    self.emit(indent, "if len(%s) > 0 {" % s)
    self.emit(indent + 1, "%s[0] = %s" % (s, self.value(t.elem, ctx)))
    self.emit(indent, "}")
    self.show_line(indent, tag, [(a, t)])
    self.println(indent, tag, "len(%s)" % s, "cap(%s)" % s)

  # ---------------------------------------------------------- aggdefer

  def s_aggdefer(self, ctx, indent):
    self.uses.add("types")
    tag = self.str_lit(ctx)
    t = self.universe.pick()
    roll = self.r.randint(0, 4)
    if roll == 0:
      self.defer_writes_through_pointer(ctx, indent, tag, t)
    elif roll == 1:
      self.defer_aggregate_args(ctx, indent, tag, t)
    elif roll == 2 or roll == 3:
      self.panic_aggregate(ctx, indent, tag, t)
    else:
      self.recover_nil_deref(ctx, indent, tag, t)

  def defer_writes_through_pointer(self, ctx, indent, tag, t):
    """A deferred closure writes a local through a pointer; a deferred
    call made before it prints the value then, its arguments the value at
    the defer statement."""
    a = self.decl(indent, ctx, t)
    p = self.fresh("p")
    self.emit(indent, "%s := &%s" % (p, a))
    self.emit(indent, "defer fmt.Println(%s)" % ", ".join(
        [tag, '"at defer"'] + self.show(a, t)))
    self.emit(indent, "defer func() {")
    self.show_line(indent + 1, tag, [('"at exit"', STRING), (a, t)])
    self.emit(indent, "}()")
    self.emit(indent, "defer func() {")
    self.write(indent + 1, ctx, Type("ptr", elem=t), p)
    e = self.a_int(t, p, 0)
    if e and ctx.assign and self.chance(0.5):
      # A named result or an accumulator, read after the write.
      self.emit(indent + 1, "%s += %s" % (self.pick(ctx.assign), e))
    self.emit(indent, "}()")
    self.write(indent, ctx, t, a)

  def defer_aggregate_args(self, ctx, indent, tag, t):
    """A struct or array argument of a deferred call is copied at the
    defer statement; a pointer argument sees later writes."""
    a = self.decl(indent, ctx, t)
    v, q = self.fresh("v"), self.fresh("q")
    self.emit(indent, "defer func(%s %s, %s *%s) {" % (v, t.go(), q, t.go()))
    self.show_line(indent + 1, tag, [(v, t), ("(*%s)" % q, t)])
    self.println(indent + 1, tag, "%s == *%s" % (v, q))
    self.emit(indent, "}(%s, &%s)" % (a, a))
    self.write(indent, ctx, t, a)

  def panic_aggregate(self, ctx, indent, tag, t):
    """Panics with a struct or array value or a pointer, recovered where
    they are raised (unrecovered, Go would print an address) and printed
    through their parts."""
    a = self.decl(indent, ctx, t)
    i1 = indent + 1
    r, v, q = self.fresh("r"), self.fresh("v"), self.fresh("q")
    self.emit(indent, "func() {")
    self.emit(i1, "defer func() {")
    self.emit(i1 + 1, "%s := recover()" % r)
    self.emit(i1 + 1, "if %s, ok := %s.(%s); ok {" % (v, r, t.go()))
    self.show_line(i1 + 2, tag, [('"value"', STRING), (v, t)])
    self.println(i1 + 2, tag, "%s == %s" % (v, a))
    self.emit(i1 + 1, "} else if %s, ok := %s.(*%s); ok {" % (q, r, t.go()))
    self.write(i1 + 2, ctx, Type("ptr", elem=t), q)
    self.println(i1 + 2, tag, '"pointer"', "%s == &%s" % (q, a))
    self.emit(i1 + 1, "} else {")
    self.println(i1 + 2, tag, '"other"', "describe(%s)" % r)
    self.emit(i1 + 1, "}")
    self.emit(i1, "}()")
    self.write(i1, ctx, t, a)
    for value in self.r.sample([a, "&" + a, self.value(t, ctx)],
                               self.r.randint(1, 2)):
      self.emit(i1, "if %s {" % self.cond(ctx))
      self.emit(i1 + 1, "panic(%s)" % value)
      self.emit(i1, "}")
    if self.chance(0.3):
      self.emit(i1, "panic(%s)" % self.pick([a, "&" + a]))
    self.emit(indent, "}()")
    self.show_line(indent, tag, [(a, t)])

  def recover_nil_deref(self, ctx, indent, tag, t):
    """A nil dereference recovered by a deferred closure that then writes
    the value through another pointer."""
    a = self.decl(indent, ctx, t)
    p, q, r = self.fresh("p"), self.fresh("q"), self.fresh("r")
    pt = Type("ptr", elem=t)
    self.emit(indent, "%s := &%s" % (p, a))
    self.emit(indent, "func() {")
    self.emit(indent + 1, "defer func() {")
    self.emit(indent + 2, "%s := recover()" % r)
    self.println(indent + 2, tag, "describe(%s)" % r)
    self.write(indent + 2, ctx, pt, p)
    self.emit(indent + 1, "}()")
    self.emit(indent + 1, "var %s %s" % (q, pt.go()))
    self.emit(indent + 1, "if %s {" % self.cond(ctx))
    self.emit(indent + 2, "%s = %s" % (q, p))
    self.emit(indent + 1, "}")
    if self.chance(0.5):
      self.emit(indent + 1, "*%s = %s" % (q, self.value(t, ctx)))
    else:
      self.write(indent + 1, ctx, pt, q)
    self.emit(indent + 1, "fmt.Println(%s, %s != nil)" % (tag, q))
    self.emit(indent, "}()")
    self.show_line(indent, tag, [(a, t)])
