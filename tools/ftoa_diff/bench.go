// bench.go: Go's side of the shortest-formatting benchmark; check.c with
// FTOA_BENCH=N is the runtime's. Both format the same 65536 random finite
// float64 bit patterns (splitmix64 from seed 42) N times in all with
// strconv.AppendFloat(buf[:0], x, 'g', -1, 64) and print the median ns per
// conversion of 5 runs.
//
//	go run bench.go 20000000
package main

import (
	"fmt"
	"math"
	"os"
	"sort"
	"strconv"
	"time"
)

func splitmix(s *uint64) uint64 {
	*s += 0x9e3779b97f4a7c15
	z := *s
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9
	z = (z ^ (z >> 27)) * 0x94d049bb133111eb
	return z ^ (z >> 31)
}

func main() {
	n, _ := strconv.Atoi(os.Args[1])
	const nvalues = 1 << 16
	values := make([]float64, nvalues)
	s := uint64(42)
	for i := range values {
		bits := splitmix(&s)
		for (bits>>52)&0x7ff == 0x7ff {
			bits = splitmix(&s)
		}
		values[i] = math.Float64frombits(bits)
	}
	var runs []float64
	sink := 0
	buf := make([]byte, 0, 64)
	for r := 0; r < 5; r++ {
		t0 := time.Now()
		for i := 0; i < n; i++ {
			buf = strconv.AppendFloat(buf[:0], values[i&(nvalues-1)], 'g', -1, 64)
			sink += len(buf)
		}
		runs = append(runs, float64(time.Since(t0).Nanoseconds())/float64(n))
	}
	sort.Float64s(runs)
	fmt.Printf("%.1f ns/op (median of 5; runs %.1f..%.1f; %d bytes)\n", runs[2], runs[0], runs[4], sink)
}
