// gen_ftoa_expect.go writes runtime/tests/ftoa_expect.h: float formatting
// cases for ftoa_test.c, each with Go 1.19's own result: strconv.FormatFloat
// for every format at many precisions, and what the built-in println prints
// (captured from a child process's stderr, since println writes there).
//
//	go run runtime/tests/gen_ftoa_expect.go > runtime/tests/ftoa_expect.h
package main

import (
	"fmt"
	"math"
	"math/rand"
	"os"
	"os/exec"
	"strconv"
	"strings"
)

const printChildEnv = "GEN_FTOA_PRINT"

// cstr renders s as a C string literal.
func cstr(s string) string {
	return strconv.Quote(s) // the texts are ASCII without escapes
}

func f32(x float32) uint64 { return uint64(math.Float32bits(x)) }
func f64(x float64) uint64 { return math.Float64bits(x) }

// Values chosen for their edges: zeros, infinities, NaN, the extremes,
// ties, powers of ten and two, numbers just around them.
func special64() []uint64 {
	v := []float64{0, math.Copysign(0, -1), 1, -1, 0.1, 0.2, 0.3, 1.0 / 3, 2.0 / 3, 0.5, 1.5, 2.5, -2.5,
		100000, 1e6, 1e21, 1e22, 1e23, 123456789, 9007199254740992, 9007199254740993, 1 << 63,
		math.MaxFloat64, math.SmallestNonzeroFloat64, 2.2250738585072014e-308, 2.225073858507201e-308,
		1e-4, 1e-5, 0.000123, 5e-324, 1e308, 1.7976931348623157e308, 123.456, 1e15, 1e16, 1e17,
		0.1 + 0.2, 3.141592653589793, 2.718281828459045, 1e-300, 4.35, 8.5, 0.125, 0.015625,
		math.Inf(1), math.Inf(-1), math.NaN(), 5e-310, 1.1754943508222875e-38, 3.4028234663852886e+38}
	var out []uint64
	for _, x := range v {
		out = append(out, f64(x))
	}
	for _, b := range []uint64{0x7ff8000000000001, 0xfff8000000000000, 0x000fffffffffffff, 0x0010000000000000,
		0x44b52d02c7e14af6, 0x3ff0000000000001, 0x3fefffffffffffff} {
		out = append(out, b)
	}
	return out
}

func special32() []uint64 {
	v := []float32{0, 1, -1, 0.1, 1.0 / 3, 16777216, 16777217, math.MaxFloat32, math.SmallestNonzeroFloat32,
		1.17549435e-38, 1e10, 3.4e38, 0.3, 2.5, 1e-40, 7.038531e-26, 1.5e-45}
	var out []uint64
	for _, x := range v {
		out = append(out, f32(x))
	}
	return append(out, f32(float32(math.Inf(-1))), f32(float32(math.NaN())))
}

func value(bits uint64, size int) float64 {
	if size == 32 {
		return float64(math.Float32frombits(uint32(bits)))
	}
	return math.Float64frombits(bits)
}

func ftoaCases(r *rand.Rand) {
	fmt.Println("static const struct ftoa_case {")
	fmt.Println("  uint64_t bits;")
	fmt.Println("  int size;")
	fmt.Println("  char fmt;")
	fmt.Println("  int prec;")
	fmt.Println("  const char *want;")
	fmt.Println("} ftoa_cases[] = {")
	emit := func(bits uint64, size int, f byte, prec int) {
		s := strconv.FormatFloat(value(bits, size), f, prec, size)
		fmt.Printf("  {0x%xULL, %d, '%c', %d, %s},\n", bits, size, f, prec, cstr(s))
	}
	precs := []int{-1, 0, 1, 3, 6, 9, 17, 18, 20, 40}
	for _, size := range []int{64, 32} {
		values := special64()
		if size == 32 {
			values = special32()
		}
		for _, bits := range values {
			for _, f := range []byte("beEfgGxX") {
				for _, p := range precs {
					if f == 'f' && p > 20 && math.Abs(value(bits, size)) > 1e30 {
						continue // long and says nothing new
					}
					if f == 'b' && p != -1 {
						continue // %b has no precision
					}
					emit(bits, size, f, p)
				}
			}
		}
	}
	// Random bit patterns: shortest and a few precisions.
	for i := 0; i < 500; i++ {
		bits, size := r.Uint64(), 64
		if i%3 == 0 {
			bits, size = uint64(r.Uint32()), 32
		}
		emit(bits, size, 'g', -1)
		emit(bits, size, 'e', r.Intn(20))
		emit(bits, size, 'f', r.Intn(8))
		emit(bits, size, 'g', r.Intn(25))
	}
	fmt.Println("};")
}

// printValues are printed with println by the child and by the C test.
func printValues(r *rand.Rand) []uint64 {
	out := special64()
	for _, b := range special32() {
		out = append(out, f64(float64(math.Float32frombits(uint32(b)))))
	}
	for _, x := range []float64{9.9999995, 9.99999949999, 0.99999995, 1e-323, 123456.75, 1234567.5, 5e-5} {
		out = append(out, f64(x))
	}
	for i := 0; i < 1500; i++ {
		switch i % 3 {
		case 0:
			out = append(out, r.Uint64())
		case 1: // numbers near 1, where rounding to 7 digits is delicate
			out = append(out, f64(float64(r.Intn(100000000))/1e7+1))
		default:
			out = append(out, f64(float64(math.Float32frombits(r.Uint32()))))
		}
	}
	return out
}

func printCases(values []uint64) {
	exe, err := os.Executable()
	if err != nil {
		panic(err)
	}
	cmd := exec.Command(exe)
	cmd.Env = append(os.Environ(), printChildEnv+"=1")
	var stderr strings.Builder
	cmd.Stderr = &stderr
	if err := cmd.Run(); err != nil {
		panic(err)
	}
	lines := strings.Split(strings.TrimSuffix(stderr.String(), "\n"), "\n")
	if len(lines) != len(values)+1 {
		panic("print child: wrong number of lines")
	}
	fmt.Println("// print(x) of each float64, and last print(complex(a, b)) of the first two.")
	fmt.Println("static const struct print_case {")
	fmt.Println("  uint64_t bits;")
	fmt.Println("  const char *want;")
	fmt.Println("} print_cases[] = {")
	for i, b := range values {
		fmt.Printf("  {0x%xULL, %s},\n", b, cstr(lines[i]))
	}
	fmt.Println("};")
	fmt.Printf("static const char print_complex_want[] = %s;\n", cstr(lines[len(values)]))
}

func main() {
	r := rand.New(rand.NewSource(19))
	if os.Getenv(printChildEnv) != "" {
		values := printValues(r)
		for _, b := range values {
			println(math.Float64frombits(b))
		}
		println(complex(math.Float64frombits(values[0]), math.Float64frombits(values[1])))
		return
	}
	fmt.Println("// ftoa_expect.h: generated by runtime/tests/gen_ftoa_expect.go from Go's own results; do not edit.")
	printCases(printValues(r))
	ftoaCases(r)
}
