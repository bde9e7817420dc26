package strconv

import "math"

const fnParseFloat = "ParseFloat"

// nanBits is math.NaN()'s representation.
const nanBits = 0x7FF8000000000001

const maxFloat64 = 0x1p1023 * (1 + (1 - 0x1p-52))

// inf returns +Inf for sign >= 0, else -Inf, as math.Inf.
func inf(sign int) float64 {
	if sign >= 0 {
		return math.Float64frombits(0x7FF0000000000000)
	}
	return math.Float64frombits(0xFFF0000000000000)
}

// commonPrefixLenIgnoreCase returns the length of the common prefix of s
// and prefix, with the character case of s ignored; prefix is lower case.
func commonPrefixLenIgnoreCase(s, prefix string) int {
	n := len(prefix)
	if n > len(s) {
		n = len(s)
	}
	for i := 0; i < n; i++ {
		c := s[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c != prefix[i] {
			return i
		}
	}
	return n
}

// special returns the floating-point value for the special, possibly
// signed floating-point representations inf, infinity, and NaN (NaN
// unsigned), case-insensitively, and how many bytes of s it used.
func special(s string) (f float64, n int, ok bool) {
	if len(s) == 0 {
		return 0, 0, false
	}
	sign := 1
	nsign := 0
	switch s[0] {
	case '+', '-':
		if s[0] == '-' {
			sign = -1
		}
		nsign = 1
		s = s[1:]
		fallthrough
	case 'i', 'I':
		n := commonPrefixLenIgnoreCase(s, "infinity")
		// Anything longer than "inf" is ok, but if we don't have
		// "infinity", only consume "inf".
		if 3 < n && n < 8 {
			n = 3
		}
		if n == 3 || n == 8 {
			return inf(sign), nsign + n, true
		}
	case 'n', 'N':
		if commonPrefixLenIgnoreCase(s, "nan") == 3 {
			return math.Float64frombits(nanBits), 3, true
		}
	}
	return 0, 0, false
}

// floatScan is what readFloat learns of a number in Go's syntax.
type floatScan struct {
	n           int  // bytes of the number
	expStart    int  // index of the exponent's letter, or n when there is none
	exp         int  // the exponent's magnitude, at most 10000-odd as Go's
	expNeg      bool // the exponent has a minus sign
	clamped     bool // the exponent had digits beyond what exp keeps
	hex         bool // after a 0x prefix, with a binary exponent
	underscores bool
	ok          bool
}

// readFloat reads the longest prefix of s that is a decimal or
// hexadecimal floating-point number in Go's syntax (sign, digits with an
// optional point, exponent 'e' or, mandatory for hex, 'p'; underscores as
// in Go literals).
func readFloat(s string) (fs floatScan) {
	i := 0
	if i < len(s) && (s[i] == '+' || s[i] == '-') {
		i++
	}
	hex := false
	expChar := byte('e')
	if i+2 < len(s) && s[i] == '0' && lower(s[i+1]) == 'x' {
		hex = true
		fs.hex = true
		expChar = 'p'
		i += 2
	}
	sawdot := false
	sawdigits := false
loop:
	for ; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '_':
			fs.underscores = true
		case c == '.':
			if sawdot {
				break loop
			}
			sawdot = true
		case '0' <= c && c <= '9', hex && 'a' <= lower(c) && lower(c) <= 'f':
			sawdigits = true
		default:
			break loop
		}
	}
	if !sawdigits {
		return
	}
	fs.expStart = i
	if i < len(s) && lower(s[i]) == expChar {
		i++
		if i >= len(s) {
			return
		}
		if s[i] == '+' {
			i++
		} else if s[i] == '-' {
			fs.expNeg = true
			i++
		}
		if i >= len(s) || s[i] < '0' || s[i] > '9' {
			return
		}
		for ; i < len(s) && ('0' <= s[i] && s[i] <= '9' || s[i] == '_'); i++ {
			if s[i] == '_' {
				fs.underscores = true
				continue
			}
			// Go stops reading the exponent at 10000, beyond any
			// finite non-zero float unless the mantissa is huge.
			if fs.exp < 10000 {
				fs.exp = fs.exp*10 + int(s[i]) - '0'
			} else {
				fs.clamped = true
			}
		}
	} else if hex {
		return // a hexadecimal mantissa requires a 'p' exponent
	}
	fs.n = i
	if fs.underscores && !underscoreOK(s[:i]) {
		return
	}
	fs.ok = true
	return
}

// hexFloat converts the hexadecimal number readFloat found at the start of
// s to the nearest float of bitSize (32 or 64) bits, overflowing to an
// infinity. It is done here rather than by the C library because glibc's
// strtod (before 2.37) rounds some hexadecimal subnormals down.
func hexFloat(s string, fs floatScan, bitSize int) float64 {
	i := 0
	neg := s[0] == '-'
	if s[0] == '+' || s[0] == '-' {
		i++
	}
	i += 2 // 0x
	// mant keeps the first 15 or 16 significant digits: enough for 53
	// bits and the rounding; trunc says a dropped digit was not zero.
	var mant uint64
	exp2 := 0
	trunc := false
	sawdot := false
	for ; i < fs.expStart; i++ {
		c := s[i]
		var d uint64
		switch {
		case c == '_':
			continue
		case c == '.':
			sawdot = true
			continue
		case c <= '9':
			d = uint64(c - '0')
		default:
			d = uint64(lower(c) - 'a' + 10)
		}
		if mant>>60 == 0 {
			mant = mant<<4 | d
			if sawdot {
				exp2 -= 4
			}
		} else {
			trunc = trunc || d != 0
			if !sawdot {
				exp2 += 4
			}
		}
	}
	if fs.expNeg {
		exp2 -= fs.exp
	} else {
		exp2 += fs.exp
	}
	if bitSize == 32 {
		bits := roundBinary(mant, exp2, trunc, 23, 8)
		if neg {
			bits |= 1 << 31
		}
		return float64(math.Float32frombits(uint32(bits)))
	}
	bits := roundBinary(mant, exp2, trunc, 52, 11)
	if neg {
		bits |= 1 << 63
	}
	return math.Float64frombits(bits)
}

// roundBinary returns the IEEE representation (sign clear) of the float
// with mantBits and expBits nearest to mant * 2^exp2 (plus a little when
// trunc), rounding half to even; beyond the largest float it is infinity.
func roundBinary(mant uint64, exp2 int, trunc bool, mantBits, expBits uint) uint64 {
	if mant == 0 {
		return 0
	}
	for mant>>63 == 0 {
		mant <<= 1
		exp2--
	}
	bias := int(1)<<(expBits-1) - 1
	e := exp2 + 63 // the exponent of mant's leading bit
	minE := 1 - bias
	if e > bias {
		return (uint64(1)<<expBits - 1) << mantBits // overflow, even before rounding
	}
	// keep is how many bits of mant the result holds: fewer for a
	// subnormal, none when mant is below half the smallest subnormal.
	keep := int(mantBits) + 1
	if e < minE {
		keep -= minE - e
	}
	if keep < 0 {
		return 0
	}
	drop := uint(64 - keep)
	var kept uint64
	var half, rest bool
	if drop == 64 {
		half = mant>>63 == 1
		rest = mant<<1 != 0 || trunc
	} else {
		kept = mant >> drop
		half = mant>>(drop-1)&1 == 1
		rest = mant&(uint64(1)<<(drop-1)-1) != 0 || trunc
	}
	if half && (rest || kept&1 == 1) {
		kept++
	}
	if e < minE {
		// A subnormal's biased exponent is 0; rounding up into the
		// smallest normal carries into the exponent field by itself.
		return kept
	}
	if kept>>(mantBits+1) != 0 {
		kept >>= 1
		e++
	}
	if e > bias {
		return (uint64(1)<<expBits - 1) << mantBits
	}
	return kept&(uint64(1)<<mantBits-1) | uint64(e+bias)<<mantBits
}

// cleanFloat rewrites the decimal number readFloat found at the start of s
// for the C library: without underscores, with the exponent Go reads.
func cleanFloat(s string, fs floatScan) string {
	buf := make([]byte, 0, fs.n+8)
	for i := 0; i < fs.expStart; i++ {
		if s[i] != '_' {
			buf = append(buf, s[i])
		}
	}
	if fs.expStart < fs.n {
		buf = append(buf, s[fs.expStart])
		if fs.expNeg {
			buf = append(buf, '-')
		}
		buf = AppendInt(buf, int64(fs.exp), 10)
	}
	return string(buf)
}

// parseFloatPrefix reads the longest floating-point number at the start of
// s, rounded to bitSize bits (32, else 64), and returns it and its length.
func parseFloatPrefix(s string, bitSize int) (float64, int, error) {
	if bitSize != 32 {
		bitSize = 64
	}
	if f, n, ok := special(s); ok {
		if bitSize == 32 {
			f = float64(float32(f))
		}
		return f, n, nil
	}
	fs := readFloat(s)
	if !fs.ok {
		return 0, fs.n, syntaxError(fnParseFloat, s)
	}
	var f float64
	if fs.hex {
		f = hexFloat(s, fs, bitSize)
	} else {
		num := s[:fs.n]
		if fs.underscores || fs.clamped {
			num = cleanFloat(s, fs)
		}
		f = parseFloat(num, bitSize)
	}
	if f > maxFloat64 || f < -maxFloat64 {
		return f, fs.n, rangeError(fnParseFloat, s)
	}
	return f, fs.n, nil
}

// parseFloat converts num, a decimal number in Go's syntax without
// underscores, to the nearest float of bitSize (32 or 64) bits,
// overflowing to an infinity: the C library's correctly rounded
// strtod/strtof, generated by the compiler.
func parseFloat(num string, bitSize int) float64

// ParseFloat converts the string s to a floating-point number with the
// precision specified by bitSize: 32 for float32, or 64 for float64, as
// Go's: decimal and hexadecimal numbers in Go's syntax, "inf", "infinity"
// and "nan" in any case, correctly rounded. A value out of range is ±Inf
// with ErrRange; the errors are *NumError with Num = s.
func ParseFloat(s string, bitSize int) (float64, error) {
	f, n, err := parseFloatPrefix(s, bitSize)
	if n != len(s) && (err == nil || err.(*NumError).Err != ErrSyntax) {
		return 0, syntaxError(fnParseFloat, s)
	}
	return f, err
}
