package engine

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
