package strings

import (
	"unicode"
	"unicode/utf8"
)

// The rune functions strings maps and tests with, as function values.
// toUpper, toLower and toTitle take ASCII on a fast path first, since most
// text is ASCII.

func toUpper(r rune) rune {
	if r < utf8.RuneSelf {
		if 'a' <= r && r <= 'z' {
			r -= 'a' - 'A'
		}
		return r
	}
	return unicode.ToUpper(r)
}

func toLower(r rune) rune {
	if r < utf8.RuneSelf {
		if 'A' <= r && r <= 'Z' {
			r += 'a' - 'A'
		}
		return r
	}
	return unicode.ToLower(r)
}

func toTitle(r rune) rune {
	if r < utf8.RuneSelf {
		if 'a' <= r && r <= 'z' {
			r -= 'a' - 'A'
		}
		return r
	}
	return unicode.ToTitle(r)
}

func isSpace(r rune) bool { return unicode.IsSpace(r) }

func simpleFold(r rune) rune { return unicode.SimpleFold(r) }
