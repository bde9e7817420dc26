// errorcheck

// What another package does not export is not there, in types2's words;
// imports must be used, under their own name or an alias. (Go says
// "undefined" for an unexported name its export data leaves out, "not
// exported" for one an inlinable function uses; minigo always says "not
// exported".)

package main

import (
	"example.com/errs/geom"
	"fmt" // ERROR "imported and not used: \"fmt\""
	g2 "example.com/errs/geom" // ERROR "imported and not used: \"example.com/errs/geom\" as g2"
)

func main() {
	p := geom.New()
	_ = p.y         // ERROR "p.y undefined \(type geom.Point has no field or method y, but does have Y\)"
	_ = geom.count  // ERROR "count not exported by package geom"
	_ = p.hidden()  // ERROR "p.hidden undefined \(type geom.Point has no field or method hidden\)"
	_ = geom.Point{1, 2} // ERROR "implicit assignment to unexported field y in geom.Point literal"
	_ = geom.Point{y: 1} // ERROR "unknown field 'y' in struct literal of type geom.Point"
	_ = geom.ñame   // ERROR "ñame not exported by package geom|undefined: geom.ñame"
}
