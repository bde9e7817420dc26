// Package side is imported only for its initialization.
package side

import "fmt"

func init() { fmt.Println("side init") }
