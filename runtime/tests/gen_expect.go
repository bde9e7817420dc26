// gen_expect.go writes runtime/tests/expect.h: test cases for the C
// runtime's fmt, growslice, UTF-8 and quoting, each with the result Go
// itself gives, so the unit tests compare against Go and not memory.
//
//	go run runtime/tests/gen_expect.go > runtime/tests/expect.h
package main

import (
	"errors"
	"fmt"
	"math"
	"os"
	"os/exec"
	"reflect"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"unsafe"
)

// cstr renders s as a C string literal with its length: S("...").
func cstr(s string) string {
	var b strings.Builder
	b.WriteString(`S("`)
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '"' || c == '\\':
			b.WriteByte('\\')
			b.WriteByte(c)
		case c >= 0x20 && c < 0x7f && c != '?':
			b.WriteByte(c)
		default:
			// Octal escapes never swallow the following characters.
			fmt.Fprintf(&b, "\\%03o", c)
		}
	}
	b.WriteString(`")`)
	return b.String()
}

// cval renders v as a C expression building the same interface value.
func cval(v any) string {
	if v == nil {
		return "v_nil()"
	}
	rv := reflect.ValueOf(v)
	t := rv.Type().String()
	if _, ok := v.(error); !ok {
		defineType(rv.Type())
	}
	if e, ok := v.(error); ok {
		switch t {
		case "*errors.errorString":
			return fmt.Sprintf("v_errid(%d, %s)", objectID(rv), cstr(e.Error()))
		case "*fmt.wrapError":
			return "v_wrap(" + cstr(e.Error()) + ", " + cval(errors.Unwrap(e)) + ")"
		}
		panic("unsupported error type " + t)
	}
	switch rv.Kind() {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		if rv.Int() == math.MinInt64 {
			return fmt.Sprintf(`v_int(ty("%s"), -9223372036854775807LL-1)`, t)
		}
		return fmt.Sprintf(`v_int(ty("%s"), %dLL)`, t, rv.Int())
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return fmt.Sprintf(`v_uint(ty("%s"), %dULL)`, t, rv.Uint())
	case reflect.String:
		return "v_str(" + cstr(rv.String()) + ")"
	// Floats travel as their bits, so that NaN, -0 and every last digit
	// reach the C side exactly.
	case reflect.Float32:
		return fmt.Sprintf(`v_f32(ty("%s"), 0x%xu)`, t, math.Float32bits(float32(rv.Float())))
	case reflect.Float64:
		return fmt.Sprintf(`v_f64(ty("%s"), 0x%xULL)`, t, math.Float64bits(rv.Float()))
	case reflect.Complex64:
		c := rv.Complex()
		return fmt.Sprintf(`v_c64(ty("%s"), 0x%xu, 0x%xu)`, t, math.Float32bits(float32(real(c))),
			math.Float32bits(float32(imag(c))))
	case reflect.Complex128:
		c := rv.Complex()
		return fmt.Sprintf(`v_c128(ty("%s"), 0x%xULL, 0x%xULL)`, t, math.Float64bits(real(c)),
			math.Float64bits(imag(c)))
	case reflect.Bool:
		if rv.Bool() {
			return "v_bool(1)"
		}
		return "v_bool(0)"
	case reflect.Func:
		if rv.IsNil() {
			return fmt.Sprintf(`v_func(ty("%s"), 0)`, t)
		}
		return fmt.Sprintf(`v_func(ty("%s"), 1)`, t)
	case reflect.Slice:
		if rv.IsNil() {
			return fmt.Sprintf(`v_slice(ty("%s"), -1)`, t)
		}
		parts := []string{fmt.Sprintf(`ty("%s")`, t), strconv.Itoa(rv.Len())}
		for i := 0; i < rv.Len(); i++ {
			parts = append(parts, cval(rv.Index(i).Interface()))
		}
		return "v_slice(" + strings.Join(parts, ", ") + ")"
	case reflect.Array, reflect.Struct:
		return caggregate(rv)
	case reflect.Map:
		return cmap(rv)
	case reflect.Pointer:
		if rv.IsNil() {
			return fmt.Sprintf(`v_ptr(ty("%s"), 0, v_nil())`, t)
		}
		return fmt.Sprintf(`v_ptr(ty("%s"), %d, %s)`, t, objectID(rv), cval(rv.Elem().Interface()))
	}
	panic("unsupported kind " + t)
}

// cmap renders a map as v_map of its keys and values, in an order of
// their own (the runtime's printing sorts them); a nil map has n -1.
func cmap(rv reflect.Value) string {
	t := rv.Type().String()
	if rv.IsNil() {
		return fmt.Sprintf(`v_map(ty("%s"), -1)`, t)
	}
	type pair struct{ k, v string }
	var pairs []pair
	for it := rv.MapRange(); it.Next(); {
		pairs = append(pairs, pair{cval(it.Key().Interface()), cval(it.Value().Interface())})
	}
	sort.Slice(pairs, func(i, j int) bool { return pairs[i].k < pairs[j].k })
	parts := []string{fmt.Sprintf(`ty("%s")`, t), strconv.Itoa(len(pairs))}
	for _, p := range pairs {
		parts = append(parts, p.k, p.v)
	}
	return "v_map(" + strings.Join(parts, ", ") + ")"
}

// caggregate renders an array or struct as v_array or v_struct of its
// elements' or fields' values, unexported and blank fields included.
func caggregate(rv reflect.Value) string {
	parts := []string{fmt.Sprintf(`ty("%s")`, rv.Type())}
	elems := members(rv)
	parts = append(parts, strconv.Itoa(len(elems)))
	for _, e := range elems {
		parts = append(parts, cval(e.Interface()))
	}
	if rv.Kind() == reflect.Array {
		return "v_array(" + strings.Join(parts, ", ") + ")"
	}
	return "v_struct(" + strings.Join(parts, ", ") + ")"
}

// members lists an array's elements or a struct's fields, made readable
// through reflection even when unexported (from an addressable copy).
func members(rv reflect.Value) []reflect.Value {
	c := reflect.New(rv.Type()).Elem()
	c.Set(rv)
	var out []reflect.Value
	if c.Kind() == reflect.Array {
		for i := 0; i < c.Len(); i++ {
			out = append(out, c.Index(i))
		}
		return out
	}
	for i := 0; i < c.NumField(); i++ {
		f := c.Field(i)
		out = append(out, reflect.NewAt(f.Type(), unsafe.Pointer(f.UnsafeAddr())).Elem())
	}
	return out
}

// objectIDs numbers the objects that pointers point to, so that the C
// side shares one object where Go's pointers are equal. kept keeps every
// numbered object alive: a freed one's address could be handed out again.
var (
	objectIDs = map[uintptr]int{}
	kept      []any
)

func objectID(rv reflect.Value) int {
	if id, ok := objectIDs[rv.Pointer()]; ok {
		return id
	}
	id := len(objectIDs) + 1
	objectIDs[rv.Pointer()] = id
	kept = append(kept, rv.Interface())
	return id
}

// typeDefs holds the C statements that make the descriptors ty() cannot
// build from a name alone (structs, defined types), each after the types
// it is made of.
var (
	typeDefs []string
	typeSeen = map[reflect.Type]bool{}
)

func defineType(t reflect.Type) {
	if typeSeen[t] {
		return
	}
	typeSeen[t] = true
	switch t.Kind() {
	case reflect.Array, reflect.Slice, reflect.Pointer:
		defineType(t.Elem())
	case reflect.Map:
		defineType(t.Key())
		defineType(t.Elem())
	case reflect.Struct:
		var fields []string
		for i := 0; i < t.NumField(); i++ {
			f := t.Field(i)
			defineType(f.Type)
			embedded := 0
			if f.Anonymous {
				embedded = 1
			}
			fields = append(fields, fmt.Sprintf(`{"%s", "%s", %d}`, f.Name, f.Type, embedded))
		}
		if len(fields) == 0 {
			fields = append(fields, `{NULL, NULL, 0}`)
		}
		typeDefs = append(typeDefs, fmt.Sprintf(`  def_struct("%s", %d, (const struct field_def[]){%s});`,
			t, t.NumField(), strings.Join(fields, ", ")))
		return
	}
	if t.PkgPath() != "" && t.Kind() != reflect.Struct {
		typeDefs = append(typeDefs, fmt.Sprintf(`  def_named("%s", "%s");`, t, underlying(t)))
	}
}

// underlying spells t's underlying type, which for the types used here is
// a basic type or a composite of already named ones.
func underlying(t reflect.Type) string {
	switch t.Kind() {
	case reflect.Array:
		return fmt.Sprintf("[%d]%s", t.Len(), t.Elem())
	case reflect.Slice:
		return "[]" + t.Elem().String()
	case reflect.Pointer:
		return "*" + t.Elem().String()
	}
	return t.Kind().String()
}

func args(a []any) string {
	parts := []string{strconv.Itoa(len(a))}
	for _, v := range a {
		parts = append(parts, cval(v))
	}
	return strings.Join(parts, ", ")
}

// Go's heap addresses on amd64 (0xc000000000 up), in hex (%v, %p, %x, %X)
// or decimal (%d).
var address = regexp.MustCompile(`(?i)\b((0x)?c000[0-9a-f]{6}|8246[0-9]{8})\b`)

func printf(format string, a ...any) {
	out := fmt.Sprintf(format, a...)
	if address.MatchString(out) {
		// Addresses differ between runs: compare with them masked.
		fmt.Printf("  CHECK_PRINTF_MASKED(%s, %s, %s);\n", cstr(format),
			cstr(address.ReplaceAllString(out, "ADDR")), args(a))
		return
	}
	fmt.Printf("  CHECK_PRINTF(%s, %s, %s);\n", cstr(format), cstr(out), args(a))
}

func sprint(a ...any) {
	fmt.Printf("  CHECK_SPRINT(%s, %s);\n", cstr(fmt.Sprint(a...)), args(a))
	fmt.Printf("  CHECK_SPRINTLN(%s, %s);\n", cstr(fmt.Sprintln(a...)), args(a))
}

func errorf(format string, a ...any) {
	err := fmt.Errorf(format, a...)
	fmt.Printf("  CHECK_ERRORF(%s, %s, %s, %s);\n", cstr(format), cstr(err.Error()),
		cstr(fmt.Sprintf("%T", err)), args(a))
}

func fmtCases() {
	e := errors.New("boom")
	w := fmt.Errorf("ctx: %w", e)
	var nilFunc func()
	fmt.Println("static void fmt_cases(void) {")
	// Integers, widths, flags, precision.
	for _, f := range []string{"%d", "%5d", "%-5d|", "%05d", "%-05d|", "%+d", "%+05d", "% d", "%x", "%X",
		"%#x", "%#X", "%o", "%#o", "%O", "%b", "%08b", "%.3d", "%8.3d", "%.0d", "%5.0d|", "%c", "%q", "%+q",
		"%U", "%#U", "%v", "%+v", "%#v", "%s", "%t", "%10.4x", "%-#8x|", "%*d", "%-*d|", "%.*d"} {
		for _, v := range []any{0, 42, -42, 255, -255, int64(-9223372036854775808), uint64(18446744073709551615),
			int8(-128), uint8(200), int32(0x4e16), int32(-1), int32(0xD800), int32(0x10FFFF), int32(0x110000),
			uint16(7), uintptr(4096), int32(0xE9), int32(7), int32('\'')} {
			if strings.Contains(f, "*") {
				printf(f, 6, v)
			} else {
				printf(f, v)
			}
		}
	}
	// Strings and byte slices.
	for _, f := range []string{"%s", "%v", "%q", "%+q", "%#q", "%x", "%X", "% x", "%# x", "%#x", "%8s|",
		"%-8s|", "%08s", "%.2s", "%.1q", "%5.1s|", "%.3x", "%10x|", "%-10x|", "%d", "%t", "%c", "%T", "%#v", "%6v|"} {
		for _, v := range []any{"", "hi", "héllo", "日本語", "a\"b\\c", "tab\there\n", "\x00\x01\x7f",
			"\xff\xfe bad", "\u00a0\u00ad\u200b\ufeff", "\U0001F600 \u2028", "`back`", []byte("AZ"), []byte(nil),
			[]byte{}, []byte("\xffx")} {
			printf(f, v)
		}
	}
	// Booleans, slices, nil, errors, funcs.
	for _, f := range []string{"%v", "%d", "%s", "%q", "%x", "%t", "%T", "%+v", "%#v", "%5v|", "%-5v|", "%p|"} {
		for _, v := range []any{true, false, nil, []int{1, -2, 3}, []int(nil), []int{}, []string{"a", "b c"},
			[][]int{{1}, {2, 3}}, [][]byte{[]byte("ab"), nil}, []any{1, "x", nil, true, e, []int{4}},
			[]error{e, nil}, []uint8(nil), []int8{-1, 2}, e, w, nilFunc, [][]string{{"c"}, {}}} {
			if f == "%p|" {
				if reflect.ValueOf(v).Kind() == reflect.Slice || v == nil {
					continue // addresses differ between runs
				}
			}
			printf(f, v)
		}
	}
	printf("%T %T", func() {}, func(int, string) (bool, error) { return false, nil })
	// Bad formats, missing and extra operands, argument indexes.
	printf("%d")
	printf("%d %s", 1)
	printf("%d", 1, 2)
	printf("x", "extra", 3, nil, e)
	printf("%z %!", 1, 2)
	printf("%")
	printf("abc%")
	printf("%-")
	printf("%5")
	printf("%.")
	printf("%.5")
	printf("100%%")
	printf("%5%|%-5%|")
	printf("%*d", "x", 5)
	printf("%*d", 5)
	printf("%.*d", -1, 5)
	printf("%.*d", "p", 5)
	printf("%*d", 10000000, 5)
	printf("%-*d|", -4, 5)
	printf("%[2]d %[1]d", 1, 2)
	printf("%[3]d", 1, 2)
	printf("%[0]d %d", 1, 2)
	printf("%[x]d", 1)
	printf("%[1", 1)
	printf("%[2]*[1]d", 12, 5)
	printf("%[1]d %d %d", 1, 2)
	printf("%d %d %[1]d", 1, 2, 3)
	printf("%3[1]d", 7)
	printf("%.[1]d", 7)
	printf("%é", 1)
	printf("%w", e)
	printf("%w %v", 1, w)
	printf("%!d(int=1)")
	printf("%99999999999d", 1)
	printf("%.99999999999d", 1)
	printf("%s %d", e, e)
	printf("%v %s %d %x %+v %#v", w, w, w, w, w, w)
	// Print's spacing rule and Println.
	sprint()
	sprint(1, 2, "a", 3, "b", "c", 4, nil, nil, true)
	sprint("x", 1, 2, e, "y", []int{1}, []string{"s"})
	sprint([]byte("hi"), e, w, nilFunc)
	// Errorf.
	errorf("plain %d", 1)
	errorf("wrap: %w", e)
	errorf("wrap2: %w", w)
	errorf("%w and %w", e, e)
	errorf("%w", 5)
	errorf("%w", nil)
	errorf("%v %w", e, e)
	fmt.Println("}")
}

// Defined float and complex types, as a Mini program's main.F.
type (
	F   float64
	F32 float32
	C   complex128
	FS  struct {
		X float64
		Y float32
		Z complex64
	}
)

func floatFmtCases() {
	negZero := math.Copysign(0, -1)
	nan, inf := math.NaN(), math.Inf(1)
	values := []any{0.0, negZero, 1.0, -1.5, 0.1, 1 / 3.0, 100000.0, 1e6, 123456789.0, 1e20, 1e21, 1e-4,
		1e-5, 0.000123456, 2.5, 3.5, -0.5, 1e23, 5e-324, math.MaxFloat64, math.SmallestNonzeroFloat64 * 3,
		2.2250738585072014e-308, 9007199254740993.0, 123.456e100, nan, inf, -inf,
		float32(0.1), float32(-1.25), float32(16777216), float32(3.4028235e38), float32(1e-45), float32(1) / 3,
		complex(1, 2), complex(-1.5, -0.0), complex(nan, inf), complex64(complex(0.1, -0.2)),
		F(2.75), F32(-0.3), C(complex(3, -4))}
	fmt.Println("static void float_fmt_cases(void) {")
	for _, f := range []string{"%v", "%g", "%G", "%e", "%E", "%f", "%F", "%b", "%x", "%X", "%.3g", "%.3e",
		"%.2f", "%.0f", "%.0e", "%.1g", "%.20g", "%.30e", "%.40f", "%.17g", "%.18e", "%10.3f|", "%-10.3f|",
		"%+.3e", "% .3f", "%010.3f", "%+010.2f", "%-010.2f|", "%08v", "%+v", "%#v", "%#g", "%#.3g", "%#e",
		"%#.0f", "%#x", "%#X", "%#.3x", "%.3x", "%.0X", "%#b", "%T", "%d", "%s", "%q", "%5t|", "% 8v|",
		"%+ 8v|", "% 08v|", "%012v|", "%.1v", "%#10.4v|", "%*.*f"} {
		for _, v := range values {
			if strings.Contains(f, "*") {
				printf(f, 9, 2, v)
			} else {
				printf(f, v)
			}
		}
	}
	printf("%v %v", []float64{1, 2.5, nan}, []complex64{1i})
	printf("%v|%+v|%#v", FS{1, 2, 3}, FS{-0.5, 1e10, complex(1, -1)}, FS{})
	printf("%v %.2f %6.1e", &FS{1.25, 2, 3}, []F{1, 2.345}, [2]float32{1, 2})
	printf("%d %x", []float64{1.5}, [1]C{})
	printf("%s", F(1))
	sprint(1.5, 2.0, "x", 3.25, complex(1, 1), float32(0.1))
	sprint(nan, "y", -inf, F(0))
	fmt.Println("}")
}

type MapKey struct {
	A int
	_ int8
	B string
}

// Maps, printed in internal/fmtsort's order of their keys.
func mapCases() {
	e := errors.New("boom")
	x := 7
	fmt.Println("static void map_cases(void) {")
	defer fmt.Println("}")
	for _, f := range []string{"%v", "%+v", "%#v", "%d", "%x", "%q", "%s", "%T", "%8v|"} {
		for _, v := range []any{map[string]int{"b": 2, "a": 1, "c": 3, "": 0}, map[int]string{3: "c", -1: "z", 10: "x"},
			map[string]int(nil), map[string]int{}, map[bool]int{true: 1, false: 0},
			map[any]int{1: 1, "a": 2, nil: 3, true: 4, int8(3): 5, uint(7): 6, -1: 7, "B": 8},
			map[[2]int]string{{1, 2}: "a", {0, 5}: "b", {1, 1}: "c"},
			map[MapKey]bool{{1, 0, "x"}: true, {0, 0, "y"}: false, {1, 0, "a"}: true},
			map[string][]int{"x": {1, 2}, "y": nil}, map[string]map[string]int{"o": {"i": 1}, "n": nil},
			map[uint8]int8{200: -1, 7: 2}, map[string]error{"e": e, "n": nil}, map[string]*int{"p": nil},
			map[int]any{1: []int{2}, 2: nil, 0: "s"}, &map[int]int{2: 3, 1: 4}} {
			printf(f, v)
		}
	}
	printf("%v", map[string]*int{"p": &x})
	sprint(map[int]int{1: 2}, map[int]int(nil), "s", map[string]bool{"t": true})
}

func growCases() {
	fmt.Println("// Appending steps[i] elements (1 each when steps is NULL) to a nil")
	fmt.Println("// slice; changes lists {len, cap} after each step whose cap changed.")
	fmt.Println("static const struct grow_case {")
	fmt.Println("  int elem_size;")
	fmt.Println("  const int *steps;")
	fmt.Println("  int nsteps;")
	fmt.Println("  const long (*changes)[2];")
	fmt.Println("  int nchanges;")
	fmt.Println("} grow_cases[] = {")
	ones := make([]int, 3000)
	for i := range ones {
		ones[i] = 1
	}
	mixed := []int{}
	for i := 0; i < 120; i++ {
		mixed = append(mixed, (i*7919)%37+1)
		if i%17 == 0 {
			mixed = append(mixed, 300+i*13)
		}
	}
	mixed = append(mixed, 5000, 1, 70000, 1)
	for n, steps := range [][]int{ones, mixed} {
		for _, size := range []int{1, 2, 3, 4, 5, 8, 12, 16, 24, 32, 40, 48, 64, 100, 128, 256, 1000, 4096, 10000} {
			if n == 1 && size > 1000 {
				continue // keeps the test's memory small
			}
			caps := appendCaps(size, steps)
			var sb, cb []string
			length, prev := 0, 0
			for i := range steps {
				sb = append(sb, strconv.Itoa(steps[i]))
				length += steps[i]
				if caps[i] != prev {
					cb = append(cb, fmt.Sprintf("{%d,%d}", length, caps[i]))
					prev = caps[i]
				}
			}
			stepList := "NULL"
			if n == 1 {
				stepList = "(const int[]){" + strings.Join(sb, ",") + "}"
			}
			fmt.Printf("  {%d, %s, %d,\n   (const long[][2]){%s}, %d},\n", size, stepList, len(steps),
				strings.Join(cb, ","), len(cb))
		}
	}
	fmt.Println("};")
}

// appendCaps appends to a nil []T, T of the given size, and reports cap().
func appendCaps(size int, steps []int) []int {
	switch size {
	case 1:
		return run[[1]byte](steps)
	case 2:
		return run[[2]byte](steps)
	case 3:
		return run[[3]byte](steps)
	case 4:
		return run[[4]byte](steps)
	case 5:
		return run[[5]byte](steps)
	case 8:
		return run[[8]byte](steps)
	case 12:
		return run[[12]byte](steps)
	case 16:
		return run[[16]byte](steps)
	case 24:
		return run[[24]byte](steps)
	case 32:
		return run[[32]byte](steps)
	case 40:
		return run[[40]byte](steps)
	case 48:
		return run[[48]byte](steps)
	case 64:
		return run[[64]byte](steps)
	case 100:
		return run[[100]byte](steps)
	case 128:
		return run[[128]byte](steps)
	case 256:
		return run[[256]byte](steps)
	case 1000:
		return run[[1000]byte](steps)
	case 4096:
		return run[[4096]byte](steps)
	case 10000:
		return run[[10000]byte](steps)
	}
	panic("size")
}

func run[T any](steps []int) []int {
	var s []T
	var caps []int
	for _, k := range steps {
		s = append(s, make([]T, k)...)
		caps = append(caps, cap(s))
	}
	return caps
}

func stringCases() {
	fmt.Println("static void string_cases(void) {")
	for _, r := range []int64{0, 'A', 0x7f, 0x80, 0xE9, 0x7FF, 0x800, 0xD7FF, 0xD800, 0xDFFF, 0xE000, 0xFFFD,
		0xFFFF, 0x10000, 0x10FFFF, 0x110000, -1, 1<<32 + 65, -(1 << 40)} {
		// string(x) of an int64 x that is no rune gives U+FFFD.
		var want string
		if int64(rune(r)) == r {
			want = string(rune(r))
		} else {
			want = string(r)
		}
		fmt.Printf("  CHECK_RUNE_STRING(%dLL, %s);\n", r, cstr(want))
	}
	for _, s := range []string{"", "abc", "héllo", "日本語", "\U0001F600x", "\xff", "a\xc3", "\xc3\x28",
		"\xe2\x82", "\xe2\x82\xac", "\xed\xa0\x80", "\xf4\x90\x80\x80", "\xf0\x8f\xbf\xbf", "\xc0\x80",
		"\xf4\x8f\xbf\xbf", "\xe0\x9f\xbf", "\x80\x80z"} {
		var idx, runes []string
		for i, r := range s {
			idx = append(idx, strconv.Itoa(i))
			runes = append(runes, strconv.Itoa(int(r)))
		}
		idx = append(idx, "-1")
		runes = append(runes, "-1")
		fmt.Printf("  CHECK_DECODE(%s, ((const long[]){%s}), ((const long[]){%s}));\n", cstr(s),
			strings.Join(idx, ","), strings.Join(runes, ","))
		fmt.Printf("  CHECK_QUOTE(%s, %s, %s);\n", cstr(s), cstr(strconv.Quote(s)), cstr(strconv.QuoteToASCII(s)))
	}
	for _, r := range []rune{'a', '\'', '"', '\\', '\n', 0, 0x7f, 0xA0, 0xE9, 0x2028, 0xFFFD, 0x1F600, 0xE0000,
		0x10FFFF, 0xD800, -1} {
		fmt.Printf("  CHECK_QUOTE_RUNE(%d, %s, %s);\n", r, cstr(strconv.QuoteRune(r)), cstr(strconv.QuoteRuneToASCII(r)))
	}
	for _, s := range []string{"", "a", "hello", "\xff", "0123456789012345678901234567890123", strings.Repeat("x", 1000)} {
		b := []byte(s)
		sink = b
		fmt.Printf("  CHECK_BYTES_CAP(%s, %d);\n", cstr(s), cap(b))
	}
	fmt.Println("}")
}

// sink makes []byte(s) escape, as a Mini program's slices do.
var sink []byte

// panicText runs f and returns the text Go prints after "panic: ".
func panicText(f func()) (text string) {
	defer func() {
		r := recover()
		if err, ok := r.(error); ok {
			text = err.Error()
		} else {
			text = fmt.Sprint(r)
		}
	}()
	f()
	return ""
}

func panicCases() {
	five, three, two, four, minus1 := 5, 3, 2, 4, -1
	var big, maxU uint64 = 1 << 63, math.MaxUint64
	var wide int64 = 1<<32 + 2
	s := make([]int, 3, 3)
	var nilAny any
	var nilFunc func()
	var a, b any = []int{1}, []int{1}
	var fa, fb any = nilFunc, nilFunc
	zero := 0
	fmt.Println("static void panic_cases(void) {")
	show := func(call string, f func()) {
		fmt.Printf("  CHECK_PANIC(%s, %s);\n", cstr(panicText(f)), call)
	}
	show("mg_panic_bounds(MG_BOUNDS_INDEX, 5, 3, true)", func() { _ = s[five] })
	show("mg_panic_bounds(MG_BOUNDS_INDEX, -1, 3, true)", func() { _ = s[minus1] })
	show("mg_panic_bounds(MG_BOUNDS_SLICE_ALEN, 4, 3, true)", func() { _ = "abc"[:four] })
	show("mg_panic_bounds(MG_BOUNDS_SLICE_ACAP, 4, 3, true)", func() { _ = s[:four] })
	show("mg_panic_bounds(MG_BOUNDS_SLICE_ACAP, -1, 3, true)", func() { _ = s[:minus1] })
	show("mg_panic_bounds(MG_BOUNDS_SLICE_B, 3, 2, true)", func() { _ = s[three:two] })
	show("mg_panic_bounds(MG_BOUNDS_SLICE_B, -1, 2, true)", func() { _ = s[minus1:two] })
	arr := [3]int{}
	show("mg_panic_bounds(MG_BOUNDS_SLICE3_ALEN, 4, 3, true)", func() { _ = arr[0:1:four] })
	show("mg_panic_bounds(MG_BOUNDS_SLICE3_ACAP, 5, 3, true)", func() { _ = s[0:1:five] })
	show("mg_panic_bounds(MG_BOUNDS_SLICE3_ACAP, -1, 3, true)", func() { _ = s[0:1:minus1] })
	show("mg_panic_bounds(MG_BOUNDS_SLICE3_B, 3, 2, true)", func() { _ = s[0:three:two] })
	show("mg_panic_bounds(MG_BOUNDS_SLICE3_B, -1, 2, true)", func() { _ = s[0:minus1:two] })
	show("mg_panic_bounds(MG_BOUNDS_SLICE3_C, 3, 2, true)", func() { _ = s[three:two:three] })
	show("mg_panic_bounds(MG_BOUNDS_SLICE3_C, -1, 2, true)", func() { _ = s[minus1:two:three] })
	// Unsigned operands print unsigned, and 64-bit ones whole.
	show("mg_panic_bounds(MG_BOUNDS_INDEX, INT64_MIN, 3, false)", func() { _ = s[big] })
	show("mg_panic_bounds(MG_BOUNDS_INDEX, 4294967298, 3, true)", func() { _ = s[wide] })
	show("mg_panic_bounds(MG_BOUNDS_SLICE_ACAP, -1, 3, false)", func() { _ = s[:maxU] })
	show("mg_panic_bounds(MG_BOUNDS_SLICE_B, INT64_MIN, 3, false)", func() { _ = s[big:three] })
	show("mg_panic_bounds(MG_BOUNDS_SLICE_B, -4294967296, 3, true)", func() { _ = s[-wide+2:three] })
	show("mg_panic_divide()", func() { _ = five / zero })
	show("mg_panic_shift()", func() { _ = five << minus1 })
	show("mg_panic_nil()", func() { nilFunc() })
	show("mg_panic_assert(\"interface {}\", ty(\"string\"), ty(\"int\"))", func() { _ = any("x").(int) })
	show("mg_panic_assert(\"interface {}\", NULL, ty(\"int\"))", func() { _ = nilAny.(int) })
	show("mg_panic_assert(\"interface {}\", ty(\"[]int\"), ty(\"func()\"))", func() { _ = a.(func()) })
	show("mg_assert_itab(&mg_type_error, ty(\"int\"))", func() { _ = any(1).(error) })
	show("mg_assert_itab(&mg_type_error, NULL)", func() { _ = nilAny.(error) })
	show("{ mg_iface x = v_slice(ty(\"[]int\"), 0), y = x; mg_iface_equal(&x, &y); }", func() { _ = a == b })
	show("{ mg_iface x = v_func(ty(\"func()\"), 0); mg_iface_equal(&x, &x); }", func() { _ = fa == fb })
	show("make_slice(8, -1, 5)", func() { _ = make([]int, minus1, five) })
	show("make_slice(8, 5, 3)", func() { _ = make([]int, five, three) })
	show("make_slice(8, 5, -1)", func() { _ = make([]int, five, minus1) })
	show("{ mg_iface v = v_str(S(\"boom\")); mg_panic(&v); }", func() { panic("boom") })
	show("{ mg_iface v = v_err(S(\"err boom\")); mg_panic(&v); }", func() { panic(errors.New("err boom")) })
	show("{ mg_iface v = v_int(ty(\"int8\"), -5); mg_panic(&v); }", func() { panic(int8(-5)) })
	show("{ mg_iface v = v_uint(ty(\"uint64\"), 18446744073709551615ULL); mg_panic(&v); }", func() { panic(uint64(18446744073709551615)) })
	show("{ mg_iface v = v_bool(1); mg_panic(&v); }", func() { panic(true) })
	fmt.Println("}")
}

func main() {
	if i, err := strconv.Atoi(os.Getenv(panicChildEnv)); err == nil {
		panic(aggregatePanics[i])
	}
	fmt.Println("// expect.h: generated by runtime/tests/gen_expect.go from Go's own results; do not edit.")
	fmtCases()
	floatFmtCases()
	growCases()
	stringCases()
	panicCases()
	aggregateCases()
	equalCases()
	aggregatePanicCases()
	mapCases()
	fmt.Println("static void define_types(void) {")
	fmt.Println(strings.Join(typeDefs, "\n"))
	fmt.Println("}")
}

// ---- arrays, structs and pointers, as a Mini program's types (main.T)

type T struct {
	X int
	S string
}

type Inner struct {
	A int8
	B []int
}

type Outer struct {
	Name  string
	In    Inner
	P     *T
	Any   any
	Err   error
	_     int
	T     // embedded
	priv  uint16
	bytes [2]byte
}

type (
	Emb struct {
		*T
		N int
	}
	Arr      [3]int
	Bytes    [3]byte
	E        int
	B        []byte
	Empty    struct{}
	WithPtr  struct{ P *int }
	Uncomp   struct{ X int; L []int }
	Node     struct{ V int; Next *Node }
	Blank    struct{ _ int; X int }
	BlankS   struct{ _ []int; X int }
	Private  struct{ err error; n E }
	Exported struct{ Err error; N E }
	Inners   [2]Inner
	PtrArr   *[2]int
)

func aggregateCases() {
	e := errors.New("boom")
	seven := 7
	n2 := &Node{2, nil}
	var nilT *T
	var nilFunc func()
	values := []any{
		T{1, "a"}, &T{-2, "b c"}, nilT, []T{{1, "x"}, {}}, []*T{nil}, [2]*T{}, &[]int{1, 2}, &[2]int{3, 4},
		Outer{Name: "o", In: Inner{-1, []int{1}}, P: nil, Any: 5, Err: e, T: T{3, "t"}, priv: 9, bytes: [2]byte{'h', 'i'}},
		Outer{Any: []any{nil, "s"}, P: &T{}}, Emb{&T{4, "e"}, 1}, Emb{}, Arr{1, 2, 3}, [3]int{-1, 0, 1}, [0]int{},
		Bytes{'A', 'B', 'C'}, [3]byte{0, 0xab, 0x7f}, [2]Bytes{{'x', 'y', 'z'}}, B{1, 2}, [2]E{5, 6}, E(4),
		Empty{}, struct{}{}, struct {
			X int
			Y string
		}{1, "y"}, [2]any{1, nil}, [1]error{e}, Private{e, 3}, Exported{e, 3}, Exported{}, Node{1, n2},
		WithPtr{&seven}, WithPtr{}, &seven, &n2, Inners{{1, nil}, {2, []int{3}}}, [2][]int{{1}, nil},
		struct{ F func() }{nilFunc}, struct{ A [2]T }{}, PtrArr(nil), Blank{X: 2},
	}
	fmt.Println("static void aggregate_cases(void) {")
	for _, f := range []string{"%v", "%+v", "%#v", "%T", "%d", "%s", "%q", "%x", "%X", "% x", "%#x", "%5v|",
		"%-4d|", "%03d", "%t", "%p"} {
		for _, v := range values {
			printf(f, v)
		}
	}
	printf("%v %d", nilT, nilT)
	printf("%s|%x|%#p|%+v", nilT, nilT, nilT, &T{})
	printf("%.1s|%6.2x|%-8q|", Bytes{'a', 'b', 'c'}, Bytes{'a', 'b', 'c'}, Bytes{'a', 'b', 'c'})
	printf("%!", T{})
	printf("%d %v", T{}, 1, Arr{})
	sprint(T{1, "a"}, "s", Arr{}, &T{}, nilT, "t", Empty{})
	errorf("wrapped %v: %w", T{2, "z"}, e)
	fmt.Println("}")
}

// equal reports Go's a == b for interfaces holding a and b, or the panic.
func equal(a, b any) {
	call := fmt.Sprintf("{ mg_iface x = %s, y = %s; mg_iface_equal(&x, &y); }", cval(a), cval(b))
	panics := true
	text := panicText(func() {
		_ = a == b
		panics = false
	})
	if panics {
		fmt.Printf("  CHECK_PANIC(%s, %s);\n", cstr(text), call)
		return
	}
	fmt.Printf("  CHECK_EQUAL(%t, %s, %s);\n", a == b, cval(a), cval(b))
}

func equalCases() {
	e, e2 := errors.New("e"), errors.New("e")
	p, q := &T{1, "a"}, &T{1, "a"}
	var nilT *T
	blank7 := Blank{X: 1}
	*(*int)(unsafe.Pointer(&blank7)) = 7 // a blank field == must skip
	fmt.Println("static void equal_cases(void) {")
	equal(T{1, "a"}, T{1, "a"})
	equal(T{1, "a"}, T{1, "b"})
	equal(T{1, "a"}, T{2, "a"})
	equal(T{1, "ab"}, T{1, "a"})
	equal(Arr{1, 2, 3}, Arr{1, 2, 3})
	equal(Arr{1, 2, 3}, Arr{1, 2, 4})
	equal(Arr{1, 2, 3}, [3]int{1, 2, 3})
	equal([2]string{"a", "b"}, [2]string{"a", "b"})
	equal([2]string{"a", "b"}, [2]string{"a", "c"})
	equal(Blank{X: 1}, blank7)
	equal(Blank{X: 1}, Blank{X: 2})
	equal(p, p)
	equal(p, q)
	equal(nilT, nilT)
	equal(nilT, p)
	equal(WithPtr{}, WithPtr{})
	equal(struct{ P *T }{p}, struct{ P *T }{p})
	equal(struct{ P *T }{p}, struct{ P *T }{q})
	equal(struct{ X any }{1}, struct{ X any }{1})
	equal(struct{ X any }{1}, struct{ X any }{"1"})
	equal(struct{ X any }{nil}, struct{ X any }{nil})
	equal(struct{ X any }{T{1, "a"}}, struct{ X any }{T{1, "a"}})
	equal(struct{ E error }{e}, struct{ E error }{e})
	equal(struct{ E error }{e}, struct{ E error }{e2})
	equal(Empty{}, Empty{})
	equal(Empty{}, struct{}{})
	equal([0]int{}, [0]int{})
	equal(struct{ X any }{[]int{1}}, struct{ X any }{[]int{1}})
	equal(struct {
		X any
		Y int
	}{[]int{1}, 1}, struct {
		X any
		Y int
	}{[]int{1}, 2})
	equal(struct {
		Y int
		X any
	}{1, []int{1}}, struct {
		Y int
		X any
	}{2, []int{1}})
	equal([2]any{1, []int{}}, [2]any{2, []int{}})
	equal([2]any{1, []int{}}, [2]any{1, []int{}})
	equal([2]any{1, Uncomp{}}, [2]any{1, Uncomp{}})
	equal(Uncomp{1, nil}, Uncomp{1, nil})
	equal(Uncomp{1, nil}, Uncomp{2, nil})
	equal(Uncomp{1, nil}, T{1, ""})
	equal([2][]int{}, [2][]int{})
	equal([0][]int{}, [0][]int{})
	equal(BlankS{}, BlankS{})
	equal(struct{ F func() }{}, struct{ F func() }{})
	equal(Inners{}, Inners{})
	equal(struct{ A [2]Uncomp }{}, struct{ A [2]Uncomp }{})
	equal(Outer{Name: "x", Any: 1}, Outer{Name: "x", Any: 1})
	// Floats compare as IEEE numbers, complex numbers by parts.
	nan := math.NaN()
	equal(1.5, 1.5)
	equal(1.5, 2.5)
	equal(nan, nan)
	equal(0.0, math.Copysign(0, -1))
	equal(float32(0.1), float32(0.1))
	equal(float32(0.1), 0.1)
	equal(float32(nan), float32(nan))
	equal(complex(1, 2), complex(1, 2))
	equal(complex(1, 2), complex(1, -2))
	equal(complex(nan, 0), complex(nan, 0))
	equal(complex64(complex(0, 0)), complex64(complex(math.Copysign(0, -1), 0)))
	equal(F(1), F(1))
	equal(F(1), 1.0)
	equal([2]float64{nan, 1}, [2]float64{nan, 1})
	equal([2]float64{0, 1}, [2]float64{math.Copysign(0, -1), 1})
	equal(FS{1, 2, 3}, FS{1, 2, 3})
	equal(FS{1, 2, 3}, FS{1, 2, 4})
	equal(FS{X: nan}, FS{X: nan})
	fmt.Println("}")
}

// aggregatePanics are panicked with for real, in a child process of this
// program: printpanicval's "(T) address" is not what recover shows.
var aggregatePanics = []any{T{1, "x"}, &T{2, "y"}, [2]int{1, 2}, (*T)(nil), WithPtr{}, [1]*int{}, Empty{},
	struct{}{}, Node{}, E(3), Bytes{},
	// printpanicval's floats and complex numbers: print's formats.
	1.5, -0.0, math.Copysign(0, -1), float32(0.1), math.NaN(), math.Inf(-1), 1e300, 123456789.0, 5e-324,
	complex(1, 2), complex64(complex(-0.5, 1e10)), F(1.5), F32(-2), C(complex(3, -4)), FS{}}

const panicChildEnv = "GEN_EXPECT_PANIC"

// A panic value's address is often static data (a constant's box), which
// address misses; a nil pointer's "0x0" is kept, since it is exact.
var panicAddress = regexp.MustCompile(`\b0x0*[1-9a-f][0-9a-f]*\b`)

// childPanic returns what follows "panic: " on the first line of the
// child's report for aggregatePanics[i].
func childPanic(i int) string {
	exe, err := os.Executable()
	if err != nil {
		panic(err)
	}
	cmd := exec.Command(exe)
	cmd.Env = append(os.Environ(), panicChildEnv+"="+strconv.Itoa(i))
	var stderr strings.Builder
	cmd.Stderr = &stderr
	if err := cmd.Run(); err == nil {
		panic("the panic child exited normally")
	}
	first := strings.SplitN(stderr.String(), "\n", 2)[0]
	return strings.TrimPrefix(first, "panic: ")
}

func aggregatePanicCases() {
	fmt.Println("static void aggregate_panic_cases(void) {")
	for i, v := range aggregatePanics {
		text := panicAddress.ReplaceAllString(childPanic(i), "ADDR")
		fmt.Printf("  CHECK_PANIC_MASKED(%s, { mg_iface v = %s; mg_panic(&v); });\n", cstr(text), cval(v))
	}
	fmt.Println("}")
}
