package strings

// Replacer replaces a list of strings with replacements. Its WriteString
// method is left out until package io exists.
type Replacer struct {
	oldnew []string
	built  bool
	algo   int

	// algoBytes: byteMap[b] replaces byte b.
	byteMap []byte
	// algoByteStrings: byteNew[b] replaces byte b where byteHas[b].
	byteNew []string
	byteHas []bool
	// algoGeneric: byFirst[b] lists, in argument order, the pairs whose
	// old string starts with b; emptyOld is the first pair whose old
	// string is empty, or -1.
	byFirst  [][]int
	emptyOld int
}

// The algorithms, chosen as Go's Replacer chooses them; they differ in
// speed, not in results.
const (
	algoBytes       = iota // every old and new string is one byte
	algoByteStrings        // every old string is one byte
	algoSingle             // one pair, old longer than a byte
	algoGeneric
)

// NewReplacer returns a Replacer from old, new string pairs. Replacements
// are made in the order the old strings appear in the target, without
// overlapping; where several match at one place the first pair in argument
// order wins. It panics if given an odd number of arguments.
func NewReplacer(oldnew ...string) *Replacer {
	if len(oldnew)%2 == 1 {
		panic("strings.NewReplacer: odd argument count")
	}
	return &Replacer{oldnew: append([]string(nil), oldnew...)}
}

// build chooses the algorithm at the first use, as Go does.
func (r *Replacer) build() {
	r.built = true
	oldnew := r.oldnew
	if len(oldnew) == 2 && len(oldnew[0]) > 1 {
		r.algo = algoSingle
		return
	}
	allNewBytes := true
	for i := 0; i < len(oldnew); i += 2 {
		if len(oldnew[i]) != 1 {
			r.buildGeneric()
			return
		}
		if len(oldnew[i+1]) != 1 {
			allNewBytes = false
		}
	}
	// Pairs are entered last to first so that the first pair for a byte
	// wins.
	if allNewBytes {
		r.algo = algoBytes
		r.byteMap = make([]byte, 256)
		for i := range r.byteMap {
			r.byteMap[i] = byte(i)
		}
		for i := len(oldnew) - 2; i >= 0; i -= 2 {
			r.byteMap[oldnew[i][0]] = oldnew[i+1][0]
		}
		return
	}
	r.algo = algoByteStrings
	r.byteNew = make([]string, 256)
	r.byteHas = make([]bool, 256)
	for i := len(oldnew) - 2; i >= 0; i -= 2 {
		r.byteNew[oldnew[i][0]] = oldnew[i+1]
		r.byteHas[oldnew[i][0]] = true
	}
}

func (r *Replacer) buildGeneric() {
	r.algo = algoGeneric
	r.byFirst = make([][]int, 256)
	r.emptyOld = -1
	for i := 0; i < len(r.oldnew); i += 2 {
		old := r.oldnew[i]
		if old == "" {
			if r.emptyOld < 0 {
				r.emptyOld = i
			}
			continue
		}
		r.byFirst[old[0]] = append(r.byFirst[old[0]], i)
	}
}

// Replace returns a copy of s with all replacements performed.
func (r *Replacer) Replace(s string) string {
	if !r.built {
		r.build()
	}
	switch r.algo {
	case algoBytes:
		return r.replaceBytes(s)
	case algoByteStrings:
		return r.replaceByteStrings(s)
	case algoSingle:
		return r.replaceSingle(s)
	}
	return r.replaceGeneric(s)
}

func (r *Replacer) replaceBytes(s string) string {
	var buf []byte // allocated at the first change
	for i := 0; i < len(s); i++ {
		b := s[i]
		if r.byteMap[b] != b {
			if buf == nil {
				buf = []byte(s)
			}
			buf[i] = r.byteMap[b]
		}
	}
	if buf == nil {
		return s
	}
	return string(buf)
}

func (r *Replacer) replaceByteStrings(s string) string {
	newSize := len(s)
	changed := false
	for i := 0; i < len(s); i++ {
		if r.byteHas[s[i]] {
			newSize += len(r.byteNew[s[i]]) - 1
			changed = true
		}
	}
	if !changed {
		return s
	}
	buf := make([]byte, 0, newSize)
	for i := 0; i < len(s); i++ {
		if r.byteHas[s[i]] {
			buf = append(buf, r.byteNew[s[i]]...)
		} else {
			buf = append(buf, s[i])
		}
	}
	return string(buf)
}

func (r *Replacer) replaceSingle(s string) string {
	old, new := r.oldnew[0], r.oldnew[1]
	var buf []byte
	i, matched := 0, false
	for {
		match := Index(s[i:], old)
		if match == -1 {
			break
		}
		matched = true
		buf = append(buf, s[i:i+match]...)
		buf = append(buf, new...)
		i += match + len(old)
	}
	if !matched {
		return s
	}
	buf = append(buf, s[i:]...)
	return string(buf)
}

// lookup returns the pair that replaces at the start of s, or -1: the
// first in argument order whose old string is a prefix of s, the empty one
// included unless ignoreEmpty.
func (r *Replacer) lookup(s string, ignoreEmpty bool) int {
	best := -1
	if !ignoreEmpty {
		best = r.emptyOld
	}
	if len(s) == 0 {
		return best
	}
	for _, k := range r.byFirst[s[0]] {
		if best >= 0 && k > best {
			break
		}
		if HasPrefix(s, r.oldnew[k]) {
			return k
		}
	}
	return best
}

func (r *Replacer) replaceGeneric(s string) string {
	buf := make([]byte, 0, len(s))
	last := 0
	prevMatchEmpty := false
	for i := 0; i <= len(s); {
		if i != len(s) && r.emptyOld < 0 && len(r.byFirst[s[i]]) == 0 {
			i++
			continue
		}
		// After an empty match, the same place may still match a
		// non-empty old string, but not the empty one again.
		k := r.lookup(s[i:], prevMatchEmpty)
		prevMatchEmpty = k >= 0 && r.oldnew[k] == ""
		if k >= 0 {
			buf = append(buf, s[last:i]...)
			buf = append(buf, r.oldnew[k+1]...)
			i += len(r.oldnew[k])
			last = i
			continue
		}
		i++
	}
	if last == 0 && len(buf) == 0 {
		return s
	}
	buf = append(buf, s[last:]...)
	return string(buf)
}
