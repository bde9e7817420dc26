// gen.go: the Go half of tools/ftoa_diff.py. Writes, for n pseudo-random
// float64 and float32 values from seed, lines
//
//	BITS BITSIZE FMT PREC TEXT
//
// with TEXT = strconv.FormatFloat(value, FMT, PREC, BITSIZE), which
// check.c recomputes with the runtime's mg_ftoa. Values: uniform 64-bit
// patterns, float32 patterns, subnormals, neighbours of powers of ten and
// of two, and short integers times powers of two (ties, exact integers).
//
//	go run gen.go SEED N
package main

import (
	"bufio"
	"fmt"
	"math"
	"math/rand"
	"os"
	"strconv"
)

func main() {
	seed, _ := strconv.ParseInt(os.Args[1], 10, 64)
	n, _ := strconv.Atoi(os.Args[2])
	r := rand.New(rand.NewSource(seed))
	w := bufio.NewWriterSize(os.Stdout, 1<<20)
	defer w.Flush()
	buf := make([]byte, 0, 2048)
	emit := func(bits uint64, size int, f byte, prec int) {
		var v float64
		if size == 32 {
			v = float64(math.Float32frombits(uint32(bits)))
		} else {
			v = math.Float64frombits(bits)
		}
		buf = buf[:0]
		buf = strconv.AppendUint(buf, bits, 16)
		buf = append(buf, ' ')
		buf = strconv.AppendInt(buf, int64(size), 10)
		buf = append(buf, ' ', f, ' ')
		buf = strconv.AppendInt(buf, int64(prec), 10)
		buf = append(buf, ' ')
		buf = strconv.AppendFloat(buf, v, f, prec, size)
		buf = append(buf, '\n')
		w.Write(buf)
	}
	// A precision: mostly small (Ryu's fixed path), sometimes long
	// (the exact path).
	prec := func() int {
		if r.Intn(8) == 0 {
			return r.Intn(60)
		}
		return r.Intn(20)
	}
	for i := 0; i < n; i++ {
		bits, size := value(r)
		emit(bits, size, 'g', -1)
		emit(bits, size, 'e', -1)
		if r.Intn(4) == 0 {
			emit(bits, size, 'f', -1)
		}
		emit(bits, size, 'e', prec())
		emit(bits, size, 'g', prec())
		emit(bits, size, 'f', prec()%24)
		if r.Intn(4) == 0 {
			emit(bits, size, "xXbG"[r.Intn(4)], r.Intn(18)-1)
		}
	}
}

func value(r *rand.Rand) (uint64, int) {
	switch k := r.Intn(20); {
	case k < 11: // any float64 bit pattern
		return r.Uint64(), 64
	case k < 14: // any float32 bit pattern
		return uint64(r.Uint32()), 32
	case k < 15: // subnormal float64 (and the smallest normals)
		return r.Uint64()&(1<<63|1<<53-1) | uint64(r.Intn(2))<<52, 64
	case k < 16: // subnormal float32
		return uint64(r.Uint32() & (1<<31 | 1<<24 - 1)), 32
	case k < 18: // a few ulps around a power of ten
		e := r.Intn(700) - 350
		v, _ := strconv.ParseFloat("1e"+strconv.Itoa(e), 64)
		if r.Intn(3) == 0 {
			v32, _ := strconv.ParseFloat("1e"+strconv.Itoa(e/8), 32)
			return uint64(math.Float32bits(float32(v32))+uint32(r.Intn(5))-2) | uint64(r.Intn(2))<<31, 32
		}
		return math.Float64bits(v) + uint64(r.Intn(7)) - 3, 64
	case k < 19: // a few ulps around a power of two
		return uint64(r.Intn(2047))<<52 + uint64(r.Intn(5)) - 2, 64
	default: // a short integer times a power of two: ties and exact values
		m := float64(r.Int63n(1 << uint(1+r.Intn(53))))
		v := math.Ldexp(m, r.Intn(200)-100)
		if r.Intn(4) == 0 {
			return uint64(math.Float32bits(float32(v))), 32
		}
		return math.Float64bits(v), 64
	}
}

var _ = fmt.Sprint
