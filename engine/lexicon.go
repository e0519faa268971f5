package engine

import (
	"regexp"
	"sync"
)

// A lexicon is a list of phrasings a check flags in the learner's prose:
// the blame lexicon of a postmortem, the jargon of an external update.

// phrase is one hit of a lexicon: the words as written and what to do.
type phrase struct {
	Text string // the matched words, as the learner wrote them
	Kind string // what kind of phrasing it is
	Hint string // what to write instead
}

type lexEntry struct {
	re   *pattern
	kind string
	hint string
	// skip, when set, rejects a match (by its submatches) that only looks
	// like the pattern.
	skip func(m []string) bool
	// needles are lower-case words of which every match contains at least
	// one. Case-insensitive patterns give Go's regexp no literal prefix to
	// jump to, so it tries every position of every field; most prose holds
	// none of the needles, and a substring search rules the pattern out
	// before it is compiled or run. checkNeedles (tests) holds every
	// lexicon to that promise.
	needles []string
}

// pattern is a regular expression compiled on first use. Patterns built
// from the names a learner gave the roles differ from check to check;
// compiled lazily, they cost nothing in the fields their needles rule out.
// A pattern may be shared between checks running in parallel.
type pattern struct {
	src  string
	once sync.Once
	re   *regexp.Regexp
}

// lazyPattern compiles src when it is first used.
func lazyPattern(src string) *pattern { return &pattern{src: src} }

// mustPattern compiles src now, so that a fixed lexicon fails at start-up.
func mustPattern(src string) *pattern {
	p := lazyPattern(src)
	p.get()
	return p
}

func (p *pattern) get() *regexp.Regexp {
	p.once.Do(func() { p.re = regexp.MustCompile(p.src) })
	return p.re
}

func (p *pattern) String() string { return p.src }

// eachMatch calls fn for every match, in text, of each pattern of lexicon
// that the needles do not rule out, with the match's indexes and the span
// it reports: a pattern with a context prefix reports its first group.
func eachMatch(t foldedText, lexicon []lexEntry, fn func(e lexEntry, idx []int, start, end int)) {
	for _, e := range lexicon {
		if e.needles != nil && !t.mayHold(e.needles) {
			continue
		}
		for _, idx := range e.re.get().FindAllStringSubmatchIndex(t.text, -1) {
			start, end := idx[0], idx[1]
			if len(idx) > 2 && idx[2] >= 0 {
				start, end = idx[2], idx[3]
			}
			fn(e, idx, start, end)
		}
	}
}
