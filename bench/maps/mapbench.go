// mapbench.go: Go 1.19's maps under the operations of mapbench.c, with the
// same keys and counts. Prints "NAME ns/op" per benchmark; MAPBENCH=mem-int
// or mem-string only builds the 1,000,000-entry map (for peak memory).
package main

import (
	"fmt"
	"os"
	"strconv"
	"syscall"
)

var sink int

func intKeys(n int) []int {
	k := make([]int, n)
	for i := range k {
		k[i] = int(uint64(i) * 0x9E3779B97F4A7C15 >> 1)
	}
	return k
}

func strKeys(n int) []string {
	k := make([]string, n)
	for i := range k {
		k[i] = "key-" + strconv.Itoa(i*7919)
	}
	return k
}

// The process's CPU time in ns, all threads (the collector's included),
// which a loaded machine disturbs less than the clock.
func now() float64 {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return float64(ru.Utime.Nano() + ru.Stime.Nano())
}

func report(name string, n int, start float64) {
	fmt.Printf("%-28s %8.2f ns/op\n", name, (now()-start)/float64(n))
}

func benchInt(n, reps int) {
	keys, miss := intKeys(2*n)[:n], intKeys(2 * n)[n:]
	tag := "int/" + strconv.Itoa(n)
	var m map[int]int
	start := now()
	for r := 0; r < reps; r++ {
		m = make(map[int]int)
		for i, k := range keys {
			m[k] = i
		}
	}
	report("insert "+tag, n*reps, start)
	start = now()
	for r := 0; r < reps*4; r++ {
		for _, k := range keys {
			sink += m[k]
		}
	}
	report("hit "+tag, n*reps*4, start)
	start = now()
	for r := 0; r < reps*4; r++ {
		for _, k := range miss {
			sink += m[k]
		}
	}
	report("miss "+tag, n*reps*4, start)
	start = now()
	for r := 0; r < reps*4; r++ {
		for _, v := range m {
			sink += v
		}
	}
	report("iterate "+tag, n*reps*4, start)
	var elapsed float64
	for r := 0; r < reps; r++ {
		m = make(map[int]int)
		for i, k := range keys {
			m[k] = i
		}
		start = now()
		for _, k := range keys {
			delete(m, k)
		}
		elapsed += now() - start
	}
	fmt.Printf("%-28s %8.2f ns/op\n", "delete "+tag, elapsed/float64(n*reps))
}

func benchStr(n, reps int) {
	all := strKeys(2 * n)
	keys, miss := all[:n], all[n:]
	tag := "string/" + strconv.Itoa(n)
	var m map[string]int
	start := now()
	for r := 0; r < reps; r++ {
		m = make(map[string]int)
		for i, k := range keys {
			m[k] = i
		}
	}
	report("insert "+tag, n*reps, start)
	start = now()
	for r := 0; r < reps*4; r++ {
		for _, k := range keys {
			sink += m[k]
		}
	}
	report("hit "+tag, n*reps*4, start)
	start = now()
	for r := 0; r < reps*4; r++ {
		for _, k := range miss {
			sink += m[k]
		}
	}
	report("miss "+tag, n*reps*4, start)
	start = now()
	for r := 0; r < reps*4; r++ {
		for _, v := range m {
			sink += v
		}
	}
	report("iterate "+tag, n*reps*4, start)
	var elapsed float64
	for r := 0; r < reps; r++ {
		m = make(map[string]int)
		for i, k := range keys {
			m[k] = i
		}
		start = now()
		for _, k := range keys {
			delete(m, k)
		}
		elapsed += now() - start
	}
	fmt.Printf("%-28s %8.2f ns/op\n", "delete "+tag, elapsed/float64(n*reps))
}

func main() {
	switch os.Getenv("MAPBENCH") {
	case "mem-int":
		m := make(map[int]int)
		for i, k := range intKeys(1000000) {
			m[k] = i
		}
		fmt.Println(len(m))
		return
	case "mem-string":
		m := make(map[string]int)
		for i, k := range strKeys(1000000) {
			m[k] = i
		}
		fmt.Println(len(m))
		return
	}
	benchInt(1000, 2000)
	benchInt(1000000, 2)
	benchStr(1000, 1000)
	benchStr(1000000, 1)
	if sink == 42 {
		fmt.Println()
	}
}
