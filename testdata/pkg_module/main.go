// run

// A program of several packages in a module: package-qualified names,
// exported and unexported members, methods and interfaces across packages,
// a renamed and a blank import, and initialization in Go's order (each
// package once, imports first; in a package, variables by dependency across
// its files, then its init functions file by file).

package main

import (
	"example.com/app/geom"
	sh "example.com/app/shapes"
	_ "example.com/app/side"
	"fmt"
)

var total = sum() + geom.Count()

func init() { fmt.Println("main init 1:", total, helperValue) }

type local struct{ geom.Point }

func main() {
	p := geom.New(1, 2)
	p.Move(3)
	fmt.Println(p, p.Y(), p.X, geom.Origin)
	var s sh.Shape = sh.Square{Side: 3}
	fmt.Println(s.Area(), sh.Describe(s), sh.Describe(geom.Rect{Min: geom.New(0, 0), Max: geom.New(2, 5)}))
	fmt.Printf("%T %T %v %+v\n", p, s, s, geom.Rect{})
	l := local{geom.New(7, 8)}
	fmt.Println(l.Y(), l.X, l)
	var st fmt.Stringer = &p
	fmt.Println(st.String(), geom.Count(), geom.Version, sh.Default)
	f := geom.New
	g := p.Y
	h := (*geom.Point).Move
	h(&p, 1)
	fmt.Println(f(9, 9), g(), p)
	var e interface{} = s
	if sq, ok := e.(sh.Square); ok {
		fmt.Println("square", sq.Side)
	}
	switch v := e.(type) {
	case geom.Point:
		fmt.Println("point", v)
	case sh.Shape:
		fmt.Println("shape", v.Area())
	}
	geom.Hook = func(s string) string { return "<" + s + ">" }
	fmt.Println(geom.Call("hook"), len(sh.All), geom.Ärger())
	var ga, sa, go1, so interface{} = geom.Anon, sh.Anon, geom.Open, sh.Open
	_, mainAnon := ga.(struct{ x int })
	fmt.Println(ga == sa, go1 == so, geom.AnonOf(ga), geom.AnonOf(sa), mainAnon)
	fmt.Printf("%T %T %v\n", ga, go1, so)
}
