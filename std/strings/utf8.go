package strings

// The UTF-8 helpers below stand in for package unicode/utf8 until it is
// merged; each has the semantics of the utf8 function named in its comment,
// so switching means replacing the calls and deleting this file.

const (
	runeError = '\uFFFD' // utf8.RuneError
	runeSelf  = 0x80     // utf8.RuneSelf
	maxRune   = '\U0010FFFF'
	utfMax    = 4
)

// decodeRune is utf8.DecodeRuneInString: (runeError, 1) for any invalid or
// truncated sequence, (runeError, 0) for an empty string.
func decodeRune(s string) (rune, int) {
	n := len(s)
	if n < 1 {
		return runeError, 0
	}
	c0 := s[0]
	if c0 < runeSelf {
		return rune(c0), 1
	}
	if c0 < 0xC2 || c0 > 0xF4 {
		return runeError, 1
	}
	size := 4
	if c0 < 0xE0 {
		size = 2
	} else if c0 < 0xF0 {
		size = 3
	}
	if n < size {
		return runeError, 1
	}
	// The second byte's range excludes overlong forms, surrogates and
	// runes above maxRune.
	lo, hi := byte(0x80), byte(0xBF)
	switch c0 {
	case 0xE0:
		lo = 0xA0
	case 0xED:
		hi = 0x9F
	case 0xF0:
		lo = 0x90
	case 0xF4:
		hi = 0x8F
	}
	c1 := s[1]
	if c1 < lo || hi < c1 {
		return runeError, 1
	}
	if size == 2 {
		return rune(c0&0x1F)<<6 | rune(c1&0x3F), 2
	}
	c2 := s[2]
	if c2 < 0x80 || 0xBF < c2 {
		return runeError, 1
	}
	if size == 3 {
		return rune(c0&0x0F)<<12 | rune(c1&0x3F)<<6 | rune(c2&0x3F), 3
	}
	c3 := s[3]
	if c3 < 0x80 || 0xBF < c3 {
		return runeError, 1
	}
	return rune(c0&0x07)<<18 | rune(c1&0x3F)<<12 | rune(c2&0x3F)<<6 | rune(c3&0x3F), 4
}

// decodeLastRune is utf8.DecodeLastRuneInString.
func decodeLastRune(s string) (rune, int) {
	end := len(s)
	if end == 0 {
		return runeError, 0
	}
	start := end - 1
	if s[start] < runeSelf {
		return rune(s[start]), 1
	}
	lim := end - utfMax
	if lim < 0 {
		lim = 0
	}
	for start--; start >= lim; start-- {
		if s[start]&0xC0 != 0x80 {
			break
		}
	}
	if start < 0 {
		start = 0
	}
	r, size := decodeRune(s[start:end])
	if start+size != end {
		return runeError, 1
	}
	return r, size
}

// runeLen is utf8.RuneLen: -1 for a rune UTF-8 cannot encode.
func runeLen(r rune) int {
	switch {
	case r < 0:
		return -1
	case r < 0x80:
		return 1
	case r < 0x800:
		return 2
	case 0xD800 <= r && r <= 0xDFFF:
		return -1
	case r < 0x10000:
		return 3
	case r <= maxRune:
		return 4
	}
	return -1
}

// validRune is utf8.ValidRune.
func validRune(r rune) bool {
	return 0 <= r && r < 0xD800 || 0xDFFF < r && r <= maxRune
}

// appendRune is utf8.AppendRune: an invalid rune is written as runeError.
func appendRune(p []byte, r rune) []byte {
	if 0 <= r && r < runeSelf {
		return append(p, byte(r))
	}
	if !validRune(r) {
		r = runeError
	}
	switch {
	case r < 0x800:
		return append(p, byte(0xC0|r>>6), byte(0x80|r&0x3F))
	case r < 0x10000:
		return append(p, byte(0xE0|r>>12), byte(0x80|(r>>6)&0x3F), byte(0x80|r&0x3F))
	}
	return append(p, byte(0xF0|r>>18), byte(0x80|(r>>12)&0x3F), byte(0x80|(r>>6)&0x3F), byte(0x80|r&0x3F))
}

// runeCount is utf8.RuneCountInString: every invalid byte counts as one rune.
func runeCount(s string) int {
	n := 0
	for i := 0; i < len(s); {
		if s[i] < runeSelf {
			i++
		} else {
			_, size := decodeRune(s[i:])
			i += size
		}
		n++
	}
	return n
}
