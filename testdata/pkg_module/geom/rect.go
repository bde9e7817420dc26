package geom

import "fmt"

type Rect struct{ Min, Max Point }

func (r Rect) Area() int { return (r.Max.X - r.Min.X) * (r.Max.y - r.Min.y) }

func init() { fmt.Println("geom init (rect.go)") }
