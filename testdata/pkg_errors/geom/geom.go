package geom

type Point struct{ X, y int }

func (p Point) Y() int { return p.y }

func (p Point) hidden() int { return p.y }

var count int

func New() Point { count++; return Point{1, 2} }
