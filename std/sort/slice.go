package sort

import "math/bits"

// Mini has no reflection, so the compiler generates the three functions
// below (codegen/gen_intrinsic.c, runtime/sort.c): they read the slice
// header in x's box and the element size in its type descriptor, which is
// all reflectlite.Swapper and Value.Len need.

// sliceKind is the name reflect gives the kind of x's dynamic type ("int",
// "slice", "ptr", ...), or "" when x is nil.
func sliceKind(x any) string

// sliceLen is len of the slice, array, string or map x holds (what
// reflect's Value.Len takes that Mini has); x must hold one of those.
func sliceLen(x any) int

// sliceSwap swaps elements i and j of the slice x holds; both must be in
// range.
func sliceSwap(x any, i, j int)

// ValueError is the panic of Slice, SliceStable and SliceIsSorted given
// something other than a slice: Go's internal/reflectlite.ValueError.
type valueError struct {
	method string
	kind   string
}

func (e *valueError) Error() string {
	if e.kind == "" {
		return "reflect: call of " + e.method + " on zero Value"
	}
	return "reflect: call of " + e.method + " on " + e.kind + " Value"
}

// swapperOf is reflectlite.Swapper(x), with its panic for a non-slice.
func swapperOf(x any) func(i, j int) {
	if k := sliceKind(x); k != "slice" {
		panic(&valueError{"Swapper", k})
	}
	n := uint(sliceLen(x))
	return func(i, j int) {
		if uint(i) >= n || uint(j) >= n {
			panic("reflect: slice index out of range")
		}
		sliceSwap(x, i, j)
	}
}

// lenOf is reflectlite.ValueOf(x).Len(), with its panic for a value that
// has no length.
func lenOf(x any) int {
	switch sliceKind(x) {
	case "slice", "array", "string", "map":
		return sliceLen(x)
	}
	panic(&valueError{"reflect.Value.Len", sliceKind(x)})
}

// Slice sorts the slice x given the provided less function. It panics if
// x is not a slice. The sort is not guaranteed to be stable.
func Slice(x any, less func(i, j int) bool) {
	swap := swapperOf(x)
	length := sliceLen(x)
	limit := bits.Len(uint(length))
	pdqsort_func(lessSwap{less, swap}, 0, length, limit)
}

// SliceStable sorts the slice x using the provided less function, keeping
// equal elements in their original order. It panics if x is not a slice.
func SliceStable(x any, less func(i, j int) bool) {
	swap := swapperOf(x)
	stable_func(lessSwap{less, swap}, sliceLen(x))
}

// SliceIsSorted reports whether the slice x is sorted according to the
// provided less function. It panics if x is not a slice.
func SliceIsSorted(x any, less func(i, j int) bool) bool {
	n := lenOf(x)
	for i := n - 1; i > 0; i-- {
		if less(i, i-1) {
			return false
		}
	}
	return true
}
