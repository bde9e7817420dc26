// errorcheck

// Packages that import each other are rejected, naming the cycle.

package main

import "example.com/cyc/a"

// ERRORANY "import cycle not allowed"

func main() { println(a.A) }
