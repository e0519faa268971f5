package prose

// Text searches the checks share: a text folded to lower case once for
// all the searches over it, case-insensitive word lists, and regexp's
// notion of a word byte. Each is a faster way to get a pattern's answer;
// the tests compare them with it.

import (
	"regexp"
	"strings"
	"unicode"
)

// Folded is a text with its lower-cased copy. Searching the copy for
// lower-case words answers a case-insensitive Pattern only for ASCII text:
// elsewhere Unicode case folding matches letters that lower-casing does
// not turn into them (the Kelvin sign is a k, the long s an s).
type Folded struct {
	Text, Lower string
	ASCII       bool
}

func Fold(text string) Folded {
	if !IsASCII(text) {
		return Folded{Text: text}
	}
	return Folded{Text: text, Lower: strings.ToLower(text), ASCII: true}
}

// MayHold reports whether the text may contain one of the lower-case
// words in any case: for ASCII text, whether it does; other text may.
func (t Folded) MayHold(words []string) bool {
	return !t.ASCII || ContainsAny(t.Lower, words)
}

// FoldSet asks whether a text contains any of a few words, in any case.
// Go's regexp has no literal prefix to jump to in a case-insensitive
// alternation, so it tries every position of the text; for ASCII text a
// substring search of the folded text gives the same answer, and only
// other text runs the pattern.
type FoldSet struct {
	words []string // lower case
	re    *regexp.Regexp
}

func NewFoldSet(words ...string) FoldSet {
	lower := make([]string, len(words))
	quoted := make([]string, len(words))
	for i, w := range words {
		lower[i] = strings.ToLower(w)
		quoted[i] = regexp.QuoteMeta(w)
	}
	return FoldSet{words: lower, re: regexp.MustCompile(`(?i)` + strings.Join(quoted, "|"))}
}

// In reports whether t contains one of the words.
func (f FoldSet) In(t Folded) bool {
	if t.ASCII {
		return ContainsAny(t.Lower, f.words)
	}
	return f.re.MatchString(t.Text)
}

func IsASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

func ContainsAny(s string, needles []string) bool {
	for _, n := range needles {
		if strings.Contains(s, n) {
			return true
		}
	}
	return false
}

// IsWordByte is regexp's \w: an ASCII letter, digit or underscore.
func IsWordByte(c byte) bool {
	return c == '_' || '0' <= c && c <= '9' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z'
}

// WordSet is the set of words of s, lower-cased: runs of letters and
// digits (what [\p{L}\p{N}]+ matches, without running a pattern).
func WordSet(s string) map[string]bool {
	out := map[string]bool{}
	for _, w := range strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsNumber(r) }) {
		out[w] = true
	}
	return out
}
