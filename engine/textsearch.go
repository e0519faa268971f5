package engine

// Text searches the checks share: a text folded to lower case once for
// all the searches over it, case-insensitive word lists, and regexp's
// notion of a word byte. Each is a faster way to get a pattern's answer;
// the tests compare them with it.

import (
	"regexp"
	"strings"
)

// foldedText is a text with its lower-cased copy. Searching the copy for
// lower-case words answers a case-insensitive pattern only for ASCII text:
// elsewhere Unicode case folding matches letters that lower-casing does
// not turn into them (the Kelvin sign is a k, the long s an s).
type foldedText struct {
	text, lower string
	ascii       bool
}

func fold(text string) foldedText {
	if !isASCII(text) {
		return foldedText{text: text}
	}
	return foldedText{text: text, lower: strings.ToLower(text), ascii: true}
}

// mayHold reports whether the text may contain one of the lower-case
// words in any case: for ASCII text, whether it does; other text may.
func (t foldedText) mayHold(words []string) bool {
	return !t.ascii || containsAny(t.lower, words)
}

// foldSet asks whether a text contains any of a few words, in any case.
// Go's regexp has no literal prefix to jump to in a case-insensitive
// alternation, so it tries every position of the text; for ASCII text a
// substring search of the folded text gives the same answer, and only
// other text runs the pattern.
type foldSet struct {
	words []string // lower case
	re    *regexp.Regexp
}

func newFoldSet(words ...string) foldSet {
	lower := make([]string, len(words))
	quoted := make([]string, len(words))
	for i, w := range words {
		lower[i] = strings.ToLower(w)
		quoted[i] = regexp.QuoteMeta(w)
	}
	return foldSet{words: lower, re: regexp.MustCompile(`(?i)` + strings.Join(quoted, "|"))}
}

// in reports whether t contains one of the words.
func (f foldSet) in(t foldedText) bool {
	if t.ascii {
		return containsAny(t.lower, f.words)
	}
	return f.re.MatchString(t.text)
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
