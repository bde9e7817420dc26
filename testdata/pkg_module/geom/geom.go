// Package geom is imported by main and by shapes: it is initialized once.
package geom

import "fmt"

type Point struct{ X, y int }

func (p Point) Y() int { return p.y }

func (p *Point) Move(d int) { p.X += d; p.y += d }

func (p Point) String() string { return fmt.Sprintf("(%d,%d)", p.X, p.y) }

// Origin is initialized after count, which it depends on through New.
var Origin = New(0, 0)

var count = start()

func start() int {
	fmt.Println("geom: count starts")
	return 100
}

func New(x, y int) Point {
	count++
	return Point{x, y}
}

func Count() int { return count }

const Version = "v" + "1"

var Hook func(string) string

func Call(s string) string { return Hook(s) }

func init() { fmt.Println("geom init:", count, Origin) }

// Ärger is exported: its first letter is upper case (unicode.IsUpper).
func Ärger() string { return "Ärger" }

// Struct types with unexported fields: identical only to such a type of
// this package (Anon and shapes.Anon differ); Open's fields are exported.
var Anon = struct{ x int }{1}

var Open = struct{ X int }{1}

func AnonOf(v interface{}) bool {
	_, ok := v.(struct{ x int })
	return ok
}
