package strings

// The case mapping and white space functions below stand in for package
// unicode until it is merged. isSpace is exactly unicode.IsSpace. The case
// functions are exactly unicode's for runes below U+0530 (ASCII, Latin-1,
// Latin Extended-A and -B, IPA, Greek and Coptic, Cyrillic and its
// Supplement) and leave every other rune unchanged; simpleFold also knows the
// runes elsewhere that fold together with those (KELVIN SIGN, OHM SIGN, the
// old Cyrillic letters U+1C80-U+1C88, ...). Switching to package unicode
// means making each of these one-line functions call its namesake and
// deleting the tables.

func toUpper(r rune) rune {
	if r < runeSelf {
		if 'a' <= r && r <= 'z' {
			r -= 'a' - 'A'
		}
		return r
	}
	return toCase(caseUpper, r)
}

func toLower(r rune) rune {
	if r < runeSelf {
		if 'A' <= r && r <= 'Z' {
			r += 'a' - 'A'
		}
		return r
	}
	return toCase(caseLower, r)
}

func toTitle(r rune) rune {
	if r < runeSelf {
		if 'a' <= r && r <= 'z' {
			r -= 'a' - 'A'
		}
		return r
	}
	return toCase(caseTitle, r)
}

// isSpace is unicode.IsSpace: Unicode's White_Space property.
func isSpace(r rune) bool {
	if uint32(r) <= 0xFF {
		switch r {
		case '\t', '\n', '\v', '\f', '\r', ' ', 0x85, 0xA0:
			return true
		}
		return false
	}
	switch {
	case r == 0x1680, 0x2000 <= r && r <= 0x200A:
		return true
	case r == 0x2028, r == 0x2029, r == 0x202F, r == 0x205F, r == 0x3000:
		return true
	}
	return false
}

// simpleFold is unicode.SimpleFold: the next rune, cyclically, of the set of
// runes equal to r under Unicode simple case folding.
func simpleFold(r rune) rune {
	if r < 0 || r > maxRune {
		return r
	}
	lo, hi := 0, len(foldOrbit)
	for lo < hi {
		m := lo + (hi-lo)/2
		if foldOrbit[m].from < r {
			lo = m + 1
		} else {
			hi = m
		}
	}
	if lo < len(foldOrbit) && foldOrbit[lo].from == r {
		return foldOrbit[lo].to
	}
	// Not in an orbit of three or more: r and its other case, if any.
	if l := toLower(r); l != r {
		return l
	}
	return toUpper(r)
}

const (
	caseUpper = 0
	caseLower = 1
	caseTitle = 2

	// upperLower in a caseRange marks a range of alternating upper and
	// lower case letters, starting with upper case, as unicode.UpperLower.
	upperLower = maxRune + 1
)

// caseRange is unicode.CaseRange: runes lo..hi map to r+delta[case].
type caseRange struct {
	lo, hi uint32
	delta  [3]rune
}

type foldPair struct {
	from, to rune
}

// toCase is unicode.To for the runes caseRanges covers.
func toCase(which int, r rune) rune {
	lo, hi := 0, len(caseRanges)
	for lo < hi {
		m := lo + (hi-lo)/2
		cr := caseRanges[m]
		if uint32(r) < cr.lo {
			hi = m
		} else if uint32(r) > cr.hi {
			lo = m + 1
		} else {
			delta := cr.delta[which]
			if delta > maxRune {
				// Even offsets from lo are upper case, odd lower; title
				// case is upper case.
				return rune(cr.lo) + ((r-rune(cr.lo))&^1 | rune(which&1))
			}
			return r + delta
		}
	}
	return r
}
