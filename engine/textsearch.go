package engine

// Text searches the checks share: case-insensitive word lists, the needle
// prefilter of the lexicons, and regexp's notion of a word byte. Each is a
// faster way to get a pattern's answer; the tests compare them with it.

import (
	"regexp"
	"strings"
)

// foldSet asks whether a text contains any of a few words, in any case.
// Go's regexp has no literal prefix to jump to in a case-insensitive
// alternation, so it tries every position of the text; for ASCII text a
// substring search of the lower-cased text gives the same answer. Other
// text uses the pattern, whose Unicode case folding lower-casing does not
// match (the long s is an s).
type foldSet struct {
	words []string // lower case
	re    *regexp.Regexp
}

func newFoldSet(words ...string) foldSet {
	quoted := make([]string, len(words))
	for i, w := range words {
		words[i] = strings.ToLower(w)
		quoted[i] = regexp.QuoteMeta(w)
	}
	return foldSet{words: words, re: regexp.MustCompile(`(?i)` + strings.Join(quoted, "|"))}
}

// in reports whether text contains one of the words.
func (f foldSet) in(text string) bool {
	if isASCII(text) {
		return containsAny(strings.ToLower(text), f.words)
	}
	return f.re.MatchString(text)
}

// needleFilter returns whether a pattern cannot match text because none of
// its needles is in it. The needles are ASCII; outside ASCII, case folding
// can match letters that lower-casing does not turn into them (the Kelvin
// sign is a k), so such text runs every pattern.
func needleFilter(text string) func(lexEntry) bool {
	if !isASCII(text) {
		return func(lexEntry) bool { return false }
	}
	lower := strings.ToLower(text)
	return func(e lexEntry) bool { return e.needles != nil && !containsAny(lower, e.needles) }
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

func containsAny(s string, needles []string) bool {
	for _, n := range needles {
		if strings.Contains(s, n) {
			return true
		}
	}
	return false
}

// isWordByte is regexp's \w: an ASCII letter, digit or underscore.
func isWordByte(c byte) bool {
	return c == '_' || '0' <= c && c <= '9' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z'
}
