package math

// The compiler generates these (codegen/intrinsics.def) as single IEEE
// operations, which give Go's results exactly: Go uses the same
// instructions where the hardware has them.

// Sqrt returns the square root of x.
func Sqrt(x float64) float64

// Floor returns the greatest integer value less than or equal to x.
func Floor(x float64) float64

// Ceil returns the least integer value greater than or equal to x.
func Ceil(x float64) float64

// Trunc returns the integer value of x.
func Trunc(x float64) float64

// Abs returns the absolute value of x.
func Abs(x float64) float64
