package geom

type Point struct{ X, y int }

func (p Point) Y() int { return p.y }

func (p Point) hidden() int { return p.y }

var count int

var ñame = "not exported: ñ is lower case"

func New() Point { count++; return Point{1, 2} }
