"""Maps for tools/gen_program.py: the statements of the dimension map (see
gen_program's docstring).

map[int]int, map[string]int, map[string][]int, maps of structs and with
struct, array, bool and float64 keys, maps of maps, nil maps: literals,
make with and without a hint, insert, lookup of present and missing keys,
`v, ok`, delete (deferred too), len, `m[k] += x` and `m[k]++`, maps passed
to functions and captured by deferred closures, writes to a nil map
(panics the scenario recovers).

Programs must be deterministic while a range over a map is not: a range
only sums values or collects keys, which are sorted (insertion sorts in
the helpers) before they are printed, or deletes entries, which leaves the
same map whatever the order. fmt prints maps sorted by key, so whole maps
are printed too, except those with NaN keys (fmt orders NaNs among
themselves as the range produced them).
"""

MAP_HELPERS = """\
// sortInts and sortStrings are insertion sorts: a range over a map
// produces keys in a random order, printed only once sorted.
func sortInts(xs []int) {
\tfor i := 1; i < len(xs); i++ {
\t\tfor j := i; j > 0 && xs[j] < xs[j-1]; j-- {
\t\t\txs[j], xs[j-1] = xs[j-1], xs[j]
\t\t}
\t}
}

func sortStrings(xs []string) {
\tfor i := 1; i < len(xs); i++ {
\t\tfor j := i; j > 0 && xs[j] < xs[j-1]; j-- {
\t\t\txs[j], xs[j-1] = xs[j-1], xs[j]
\t\t}
\t}
}

// intKeys returns m's keys, sorted.
func intKeys(m map[int]int) []int {
\tks := make([]int, 0, len(m))
\tfor k := range m {
\t\tks = append(ks, k)
\t}
\tsortInts(ks)
\treturn ks
}

// groupKeys returns m's keys, sorted.
func groupKeys(m map[string][]int) []string {
\tvar ks []string
\tfor k := range m {
\t\tks = append(ks, k)
\t}
\tsortStrings(ks)
\treturn ks
}

// mapBump changes its caller's map: a map value refers to its table.
func mapBump(m map[string]int, k string) int {
\tm[k]++
\treturn len(m)
}

// mapSum adds the values in whatever order the range produces them.
func mapSum(m map[string]int) (s int) {
\tfor _, v := range m {
\t\ts += v
\t}
\treturn
}

// MPoint is a map value and key type.
type MPoint struct {
\tX int
\tS string
}
"""

STR_KEYS = ['"a"', '"b"', '"ab"', '""', '"zz"', '"key"']


class MapGen:
  """Mixed into gen_program.Gen: needs its emit, fresh, pick, chance,
  str_lit, cond, int_expr and self.r, and ctx.ints."""

  def mp_small(self, ctx):
    """An int key in a small range, so that keys repeat."""
    var = self.pick(ctx.ints) if ctx.ints else "0"
    return self.pick(["%s%%5" % var, "%s&3" % var, str(self.r.randint(-2, 6))])

  def mp_str(self, ctx):
    if self.chance(0.3) and ctx.ints:
      return 'fmt.Sprint("k", %s%%4)' % self.pick(ctx.ints)
    return self.pick(STR_KEYS)

  def mp_int_lit(self, value_fn):
    keys = self.r.sample(range(-3, 10), self.r.randint(0, 4))
    return ", ".join("%d: %s" % (k, value_fn()) for k in keys)

  def mp_show_int(self, indent, tag, m):
    roll = self.r.random()
    if roll < 0.4:
      self.emit(indent, "fmt.Println(%s, %s, len(%s))" % (tag, m, m))
    elif roll < 0.8:
      k = self.fresh("k")
      self.emit(indent, "for _, %s := range intKeys(%s) {" % (k, m))
      self.emit(indent + 1, 'fmt.Print(%s, ":", %s[%s], " ")' % (k, m, k))
      self.emit(indent, "}")
      self.emit(indent, "fmt.Println(%s)" % tag)
    else:
      s, v = self.fresh("s"), self.fresh("v")
      self.emit(indent, "%s := 0" % s)
      self.emit(indent, "for _, %s := range %s {" % (v, m))
      self.emit(indent + 1, "%s += %s" % (s, v))
      self.emit(indent, "}")
      self.emit(indent, "fmt.Println(%s, %s)" % (tag, s))

  def s_map(self, ctx, indent):
    self.uses.add("maps")
    tag = self.str_lit(ctx)
    kind = self.r.randint(0, 9)
    [self.map_ints, self.map_strings, self.map_groups, self.map_structs,
     self.map_nil, self.map_range_delete, self.map_defer, self.map_of_maps,
     self.map_float_keys, self.map_other_keys][kind](ctx, indent, tag)

  def map_int_ops(self, ctx, indent, tag, m):
    for _ in range(self.r.randint(1, 4)):
      roll = self.r.randint(0, 5)
      k = self.mp_small(ctx)
      if roll == 0:
        self.emit(indent, "%s[%s] = %s" % (m, k, self.int_expr(ctx)))
      elif roll == 1:
        self.emit(indent, "%s[%s] %s %s" % (m, k, self.pick(["+=", "-=", "*=", "|="]),
                                            self.int_expr(ctx)))
      elif roll == 2:
        self.emit(indent, "%s[%s]%s" % (m, k, self.pick(["++", "--"])))
      elif roll == 3:
        self.emit(indent, "delete(%s, %s)" % (m, k))
      elif roll == 4:
        v, ok = self.fresh("v"), self.fresh("ok")
        self.emit(indent, "%s, %s := %s[%s]" % (v, ok, m, k))
        self.emit(indent, "fmt.Println(%s, %s, %s, %s[%s+100])" % (tag, v, ok, m, k))
      else:
        self.emit(indent, "fmt.Println(%s, len(%s), %s[%s])" % (tag, m, m, k))

  def map_ints(self, ctx, indent, tag):
    m = self.fresh("m")
    roll = self.r.random()
    if roll < 0.3:
      self.emit(indent, "%s := make(map[int]int)" % m)
    elif roll < 0.5:
      self.emit(indent, "%s := make(map[int]int, %d)" % (m, self.r.randint(0, 100)))
    else:
      self.emit(indent, "%s := map[int]int{%s}" % (
          m, self.mp_int_lit(lambda: str(self.r.randint(-5, 20)))))
    self.map_int_ops(ctx, indent, tag, m)
    self.mp_show_int(indent, tag, m)

  def map_strings(self, ctx, indent, tag):
    m = self.fresh("m")
    keys = self.r.sample(STR_KEYS, self.r.randint(0, 3))
    self.emit(indent, "%s := map[string]int{%s}" % (m, ", ".join(
        "%s: %d" % (k, self.r.randint(0, 9)) for k in keys)))
    for _ in range(self.r.randint(1, 4)):
      roll = self.r.randint(0, 4)
      k = self.mp_str(ctx)
      if roll == 0:
        self.emit(indent, "%s[%s] += %s" % (m, k, self.int_expr(ctx)))
      elif roll == 1:
        self.emit(indent, "fmt.Println(%s, mapBump(%s, %s))" % (tag, m, k))
      elif roll == 2:
        self.emit(indent, "delete(%s, %s)" % (m, k))
      elif roll == 3:
        v, ok = self.fresh("v"), self.fresh("ok")
        self.emit(indent, "if %s, %s := %s[%s]; %s {" % (v, ok, m, k, ok))
        self.emit(indent + 1, "fmt.Println(%s, %s)" % (tag, v))
        self.emit(indent, "}")
      else:
        self.emit(indent, "%s[%s] = len(%s)" % (m, k, m))
    self.emit(indent, "fmt.Println(%s, %s, mapSum(%s))" % (tag, m, m))

  def map_groups(self, ctx, indent, tag):
    """map[string][]int: grouping with append, the groups printed by
    sorted key."""
    g, v, k = self.fresh("g"), self.fresh("v"), self.fresh("k")
    xs = ", ".join(str(self.r.randint(-4, 12)) for _ in range(self.r.randint(0, 6)))
    self.emit(indent, "%s := map[string][]int{}" % g)
    self.emit(indent, "for _, %s := range []int{%s} {" % (v, xs))
    key = self.pick(['fmt.Sprint(%s%%3)' % v, '"odd"[:%s&1*3]' % v])
    self.emit(indent + 1, "%s[%s] = append(%s[%s], %s)" % (g, key, g, key, v))
    self.emit(indent, "}")
    if self.chance(0.5):
      self.emit(indent, "fmt.Println(%s, %s)" % (tag, g))
    else:
      self.emit(indent, "for _, %s := range groupKeys(%s) {" % (k, g))
      self.emit(indent + 1, "fmt.Println(%s, %s, %s[%s], len(%s[%s]))" % (
          tag, k, g, k, g, k))
      self.emit(indent, "}")

  def map_structs(self, ctx, indent, tag):
    """Struct values (updated by copy: m[k].X = v does not compile) and
    struct keys."""
    m, p = self.fresh("m"), self.fresh("p")
    k = self.mp_small(ctx)
    if self.chance(0.5):
      self.emit(indent, "%s := map[int]MPoint{1: {2, \"a\"}, 3: {X: 4}}" % m)
      self.emit(indent, "%s := %s[%s]" % (p, m, k))
      self.emit(indent, "%s.X += %s" % (p, self.int_expr(ctx)))
      self.emit(indent, '%s.S += "+"' % p)
      self.emit(indent, "%s[%s] = %s" % (m, self.mp_small(ctx), p))
    else:
      self.emit(indent, "%s := map[MPoint]int{{1, \"a\"}: 1}" % m)
      self.emit(indent, "%s := MPoint{%s, %s}" % (p, k, self.mp_str(ctx)))
      self.emit(indent, "%s[%s] += %s" % (m, p, self.int_expr(ctx)))
      self.emit(indent, "%s[MPoint{1, \"a\"}]++" % m)
      self.emit(indent, "delete(%s, MPoint{%s, \"\"})" % (m, self.mp_small(ctx)))
    self.emit(indent, "fmt.Println(%s, %s, len(%s), %s)" % (tag, m, m, p))

  def map_nil(self, ctx, indent, tag):
    """A nil map reads as empty; a write panics."""
    m = self.fresh("nm")
    self.emit(indent, "var %s map[string]int" % m)
    self.emit(indent, 'delete(%s, "a")' % m)
    self.emit(indent, 'fmt.Println(%s, %s == nil, len(%s), %s["a"], %s)' % (
        tag, m, m, m, m))
    self.emit(indent, "if %s {" % self.cond(ctx))
    self.emit(indent + 1, '%s["a"] %s' % (m, self.pick(["= 1", "++", "+= 2"])))
    self.emit(indent, "}")

  def map_range_delete(self, ctx, indent, tag):
    """Deleting during a range: every entry is still produced once."""
    m, k, v, n = self.fresh("m"), self.fresh("k"), self.fresh("v"), self.fresh("n")
    self.emit(indent, "%s := map[int]int{%s}" % (
        m, self.mp_int_lit(lambda: str(self.r.randint(0, 9)))))
    self.map_int_ops(ctx, indent, tag, m)
    self.emit(indent, "%s := 0" % n)
    self.emit(indent, "for %s, %s := range %s {" % (k, v, m))
    self.emit(indent + 1, "%s++" % n)
    self.emit(indent + 1, "if %s%%2 == 0 || %s > 3 {" % (k, v))
    self.emit(indent + 2, "delete(%s, %s)" % (m, k))
    self.emit(indent + 1, "}")
    self.emit(indent, "}")
    self.emit(indent, "fmt.Println(%s, %s, %s)" % (tag, n, m))

  def map_defer(self, ctx, indent, tag):
    """A deferred closure sees the map's final contents; a deferred
    delete runs at return; a panic value read from a map."""
    m = self.fresh("m")
    self.emit(indent, 'var %s = map[string]int{"x": %s}' % (m, self.int_expr(ctx)))
    roll = self.r.randint(0, 2)
    if roll == 0:
      self.emit(indent, "defer func() { fmt.Println(%s, %s, len(%s)) }()" % (tag, m, m))
    elif roll == 1:
      self.emit(indent, "defer delete(%s, %s)" % (m, self.mp_str(ctx)))
      self.emit(indent, "defer fmt.Println(%s, %s)" % (tag, m))
    else:
      self.emit(indent, "if %s {" % self.cond(ctx))
      self.emit(indent + 1, 'panic(%s["x"])' % m)
      self.emit(indent, "}")
    self.emit(indent, "%s[%s] = %s" % (m, self.mp_str(ctx), self.int_expr(ctx)))
    self.emit(indent, "fmt.Println(%s, len(%s))" % (tag, m))

  def map_of_maps(self, ctx, indent, tag):
    mm, inner = self.fresh("mm"), self.fresh("in")
    key = self.mp_str(ctx)
    self.emit(indent, "%s := map[string]map[int]bool{\"a\": {1: true}}" % mm)
    self.emit(indent, "%s := %s[%s]" % (inner, mm, key))
    self.emit(indent, "if %s == nil {" % inner)
    self.emit(indent + 1, "%s = map[int]bool{}" % inner)
    self.emit(indent + 1, "%s[%s] = %s" % (mm, key, inner))
    self.emit(indent, "}")
    self.emit(indent, "%s[%s] = %s" % (inner, self.mp_small(ctx), self.cond(ctx)))
    self.emit(indent, "fmt.Println(%s, %s, len(%s[\"zz\"]))" % (tag, mm, mm))

  def map_float_keys(self, ctx, indent, tag):
    """float64 keys: +0 and -0 are one key; every NaN insert is a new
    entry that no lookup finds."""
    m, zero, s, v = self.fresh("m"), self.fresh("zero"), self.fresh("s"), self.fresh("v")
    self.emit(indent, "%s := 0.0" % zero)
    self.emit(indent, "%s := map[float64]int{1.5: 1}" % m)
    self.emit(indent, "%s[%s] = 2" % (m, zero))
    self.emit(indent, "%s[-%s] += 3" % (m, zero))
    for _ in range(self.r.randint(1, 3)):
      self.emit(indent, "%s[%s/%s] = %s" % (m, zero, zero, self.int_expr(ctx)))
    self.emit(indent, "%s[float64(%s%%4)/2]++" % (m, self.pick(ctx.ints) if ctx.ints else "1"))
    self.emit(indent, "%s := 0" % s)
    self.emit(indent, "for _, %s := range %s {" % (v, m))
    self.emit(indent + 1, "%s += %s" % (s, v))
    self.emit(indent, "}")
    ok = self.fresh("ok")
    self.emit(indent, "_, %s := %s[%s/%s]" % (ok, m, zero, zero))
    self.emit(indent, "fmt.Println(%s, len(%s), %s[0], %s[1.5], %s, %s)" % (
        tag, m, m, m, ok, s))

  def map_other_keys(self, ctx, indent, tag):
    """bool, array and interface keys, and any values: fmt sorts them."""
    roll = self.r.randint(0, 2)
    m = self.fresh("m")
    var = self.pick(ctx.ints) if ctx.ints else "0"
    if roll == 0:
      self.emit(indent, "%s := map[bool]int{}" % m)
      self.emit(indent, "%s[%s] += 1" % (m, self.cond(ctx)))
      self.emit(indent, "%s[%s%%2 == 0] += 2" % (m, var))
    elif roll == 1:
      self.emit(indent, "%s := map[[2]int]string{{1, 2}: \"a\"}" % m)
      self.emit(indent, "%s[[2]int{%s%%3, 2}] += \"b\"" % (m, var))
    else:
      # One dynamic key type: fmt orders keys of different dynamic types
      # by the addresses of their type descriptors.
      self.emit(indent, "%s := map[any]any{1: \"one\", 2: 2.5}" % m)
      self.emit(indent, "%s[%s%%3] = %s" % (m, var, self.pick(["true", '"s"', var])))
    self.emit(indent, "fmt.Println(%s, %s, len(%s))" % (tag, m, m))
