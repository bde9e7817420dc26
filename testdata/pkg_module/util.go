package main

import "fmt"

// Declared in a second file of package main, used by the first.
var helperValue = twice(total)

func twice(n int) int { return 2 * n }

func sum() int {
	fmt.Println("sum runs")
	return 10
}

func init() { fmt.Println("main init 2 (util.go):", helperValue) }
