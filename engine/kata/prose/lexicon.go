package prose

import (
	"regexp"
	"sync"
	"sync/atomic"
)

// A lexicon is a list of phrasings a check flags in the learner's prose:
// the blame lexicon of a postmortem, the jargon of an external update.

// Phrase is one hit of a lexicon: the words as written and what to do.
type Phrase struct {
	Text string // the matched words, as the learner wrote them
	Kind string // what kind of phrasing it is
	Hint string // what to write instead
}

type LexEntry struct {
	Re   *Pattern
	Kind string
	Hint string
	// skip, when set, rejects a match (by its submatches) that only looks
	// like the pattern.
	Skip func(m []string) bool
	// needles are lower-case words of which every match contains at least
	// one. Case-insensitive patterns give Go's regexp no literal prefix to
	// jump to, so it tries every position of every field; most prose holds
	// none of the needles, and a substring search rules the pattern out
	// before it is compiled or run. checkNeedles (tests) holds every
	// lexicon to that promise.
	Needles []string
}

// Pattern is a regular expression compiled on first use. Patterns built
// from the names a learner gave the roles differ from check to check;
// compiled lazily, they cost nothing in the fields their needles rule out.
// A Pattern may be shared between checks running in parallel.
type Pattern struct {
	src  string
	once sync.Once
	re   *regexp.Regexp
	done atomic.Bool
}

// LazyPattern compiles src when it is first used.
func LazyPattern(src string) *Pattern { return &Pattern{src: src} }

// MustPattern compiles src now, so that a fixed lexicon fails at start-up.
func MustPattern(src string) *Pattern {
	p := LazyPattern(src)
	p.Get()
	return p
}

func (p *Pattern) Get() *regexp.Regexp {
	p.once.Do(func() { p.re = regexp.MustCompile(p.src); p.done.Store(true) })
	return p.re
}

func (p *Pattern) String() string { return p.src }

// EachMatch calls fn for every match, in text, of each pattern of lexicon
// that the needles do not rule out, with the match's indexes and the span
// it reports: a pattern with a context prefix reports its first group.
func EachMatch(t Folded, lexicon []LexEntry, fn func(e LexEntry, idx []int, start, end int)) {
	for _, e := range lexicon {
		if e.Needles != nil && !t.MayHold(e.Needles) {
			continue
		}
		for _, idx := range e.Re.Get().FindAllStringSubmatchIndex(t.Text, -1) {
			start, end := idx[0], idx[1]
			if len(idx) > 2 && idx[2] >= 0 {
				start, end = idx[2], idx[3]
			}
			fn(e, idx, start, end)
		}
	}
}

// Compiled reports whether the pattern has been compiled yet: the tests
// hold lazy compilation to its promise of costing nothing unused.
func (p *Pattern) Compiled() bool { return p.done.Load() }
