package shapes

import (
	"example.com/app/geom"
	"fmt"
)

type Shape interface{ Area() int }

type Square struct{ Side int }

func (s Square) Area() int { return s.Side * s.Side }

func Describe(s Shape) string { return fmt.Sprintf("%T with area %d", s, s.Area()) }

var Default = Describe(geom.Rect{Max: geom.New(1, 1)})

var All = []Shape{Square{1}, geom.Rect{}}

func init() { fmt.Println("shapes init:", Default) }

var Anon = struct{ x int }{1}

var Open = struct{ X int }{1}
