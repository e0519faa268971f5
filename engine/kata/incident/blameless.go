package incident

import (
	"github.com/katabook/katabook/engine/kata/prose"
	"regexp"
	"sort"
	"strings"
	"unicode"
)

// The blameless-language lexicon of the incident kata.
//
// A postmortem is blameless when it describes what the system allowed, not
// who slipped: people act on what they know at the time, and a finding
// that names a person as the cause teaches the next team nothing and makes
// the next incident harder to report. The lexicon flags four kinds of
// phrasing, each with a hint that says what to write instead:
//
//   - blame words: a judgement of a person ("careless", "negligent",
//     "sloppy", "screwed up", "dropped the ball", "at fault");
//   - "human error" and its cousins ("operator error", "pilot error"): a
//     label that stops the analysis where it should start;
//   - counterfactuals: "should have", "shouldn't have", "if only", "ought
//     to have", and a sentence opening with an inverted "Had X done…";
//   - a person as the subject of a failure: a name the learner gave a role
//     (or he, she, someone, the engineer…) followed by a failure verb
//     ("Sam forgot", "the on-call missed"), "caused by Sam", "Sam's mistake".
//
// False positives are kept low on purpose: every pattern is matched on word
// boundaries (so "blameless" and "shoulder" never match), a person's name
// acting ("Sam rolled back the release") is fine, "should" alone ("the
// alert should fire") is fine, and "Had to restart" is not a
// counterfactual. TestBlamelessControls holds a corpus of blameless
// sentences that must raise nothing.

const (
	hintSystem  = "describe what the system allowed instead: which check, default or tool made the slip easy (\"the deploy tool accepted the change without validating it\")"
	hintJudge   = "drop the judgement and say what was done and what the person knew at the time; put the guard rail that was missing in an action item"
	hintCounter = "write what happened and why it made sense at the time; turn what would have helped into an action item (\"Add a check that…\")"
	hintSubject = "make the system the subject: \"the page went unacknowledged for 12 minutes because the phone was on silent\" rather than \"Sam missed the page\""
)

var blameLexicon = []prose.LexEntry{
	{Re: prose.MustPattern(`(?i)\b(?:human|operator|pilot|user|personnel)[- ]errors?\b`), Kind: `"human error"`, Hint: hintSystem, Needles: []string{"error"}},
	{Re: prose.MustPattern(`(?i)\b(?:careless(?:ly|ness)?|negligen(?:t|tly|ce)|sloppy|sloppiness|lazy|laziness|reckless(?:ly|ness)?|incompeten(?:t|ce)|stupid(?:ity)?|idiot(?:ic)?|inattentive)\b`), Kind: "a blame word", Hint: hintJudge,
		Needles: []string{"careless", "negligen", "slopp", "laz", "reckless", "incompeten", "stupid", "idiot", "inattentive"}},
	{Re: prose.MustPattern(`(?i)\b(?:screwed up|messed up|dropped the ball|fat[- ]fingered|at fault|(?:his|her|their)\s+(?:fault|mistake|carelessness)|\w+'s\s+(?:fault|mistake|blunder))\b`), Kind: "a blame word", Hint: hintJudge,
		Needles: []string{"screwed", "messed", "dropped", "finger", "fault", "mistake", "careless", "blunder"}},
	{Re: prose.MustPattern(`(?i)\b(?:be|being)\s+more\s+(?:careful|attentive|diligent)\b`), Kind: "a plea for care", Hint: "care is not a mechanism: name the check, alert or default that makes the mistake hard to make",
		Needles: []string{"careful", "attentive", "diligent"}},
	{Re: prose.MustPattern(`(?i)\b(?:should(?:n't| not)?\s+have|should've|ought\s+to\s+have|if\s+only)\b`), Kind: "a counterfactual", Hint: hintCounter, Needles: []string{"should", "ought", "only"}},
	{Re: prose.MustPattern(`(?i)(?:^|[.!?]\s+)(had\s+(?:the\s+)?([\w-]+)\s+(?:not\s+)?\w+(?:ed|en|wn|one|ught)\b)`), Kind: "a counterfactual", Hint: hintCounter, Needles: []string{"had"},
		Skip: func(m []string) bool {
			switch strings.ToLower(m[2]) {
			case "to", "been", "no", "not", "only", "just", "already", "a", "an":
				return true
			}
			return false
		}},
}

// kindPersonCause is the lexicon's kind for a person named as a cause.
const kindPersonCause = "a person as the cause"

// personVerbs are the failures a blaming sentence pins on a person.
const personVerbs = `(?:broke|forgot|missed|ignored|neglected|overlooked|botched|bungled|messed up|screwed up|failed to|caused)`

// personVerbNeedles are the needles of personVerbs.
var personVerbNeedles = []string{"broke", "forgot", "missed", "ignored", "neglected", "overlooked", "botched", "bungled", "messed", "screwed", "failed", "caused"}

// genericPeople are subjects that name a person without a name.
const genericPeople = `he|she|someone|somebody|the (?:engineer|developer|operator|on-call|oncall|intern|new hire|sre|admin)`

// personLexicon builds the person-as-subject patterns for the names the
// learner gave the roles.
func personLexicon(names []string) []prose.LexEntry {
	alts := []string{genericPeople}
	for _, n := range names {
		alts = append(alts, regexp.QuoteMeta(n))
	}
	who := `(?:` + strings.Join(alts, "|") + `)`
	return []prose.LexEntry{
		{Re: prose.LazyPattern(`(?i)\b` + who + `\s+(?:had\s+|has\s+|just\s+|also\s+)?` + personVerbs + `\b`), Kind: kindPersonCause, Hint: hintSubject, Needles: personVerbNeedles},
		{Re: prose.LazyPattern(`(?i)\b(?:caused|triggered|broken)\s+by\s+` + who + `\b`), Kind: kindPersonCause, Hint: hintSubject, Needles: []string{"caused", "triggered", "broken"}},
	}
}

// lexiconFor is the whole lexicon for a run whose roles are played by names.
func lexiconFor(names []string) []prose.LexEntry {
	return append(append([]prose.LexEntry(nil), blameLexicon...), personLexicon(names)...)
}

// blamePhrases returns every blaming phrase in text, in order of position.
func blamePhrases(text string, names []string) []prose.Phrase {
	return scanBlame(text, lexiconFor(names))
}

// scanBlame returns every phrase of the lexicon in text, in order of position.
func scanBlame(text string, lexicon []prose.LexEntry) []prose.Phrase {
	type hit struct {
		at int
		p  prose.Phrase
	}
	var hits []hit
	prose.EachMatch(prose.Fold(text), lexicon, func(e prose.LexEntry, idx []int, start, end int) {
		if e.Skip != nil {
			m := make([]string, len(idx)/2)
			for i := range m {
				if idx[2*i] >= 0 {
					m[i] = text[idx[2*i]:idx[2*i+1]]
				}
			}
			if e.Skip(m) {
				return
			}
		}
		hits = append(hits, hit{start, prose.Phrase{Text: text[start:end], Kind: e.Kind, Hint: e.Hint}})
	})
	sort.SliceStable(hits, func(i, j int) bool { return hits[i].at < hits[j].at })
	var out []prose.Phrase
	end := -1
	for _, h := range hits {
		if h.at < end { // two patterns on the same words: report the first once
			continue
		}
		end = h.at + len(h.p.Text)
		out = append(out, h.p)
	}
	return out
}

// nameStop are words that appear in a role's "who plays it" without being
// a name: "me (also IC)", "the payments team".
var nameStop = map[string]bool{"I": true, "Me": true, "Myself": true, "Also": true, "Plays": true, "The": true,
	"A": true, "An": true, "And": true, "Of": true, "On": true, "Call": true, "Team": true, "IC": true, "SRE": true,
	"Oncall": true, "On-call": true, "Support": true, "Liaison": true, "Engineer": true, "Incident": true,
	"Commander": true, "Dependency": true, "Service": true, "You": true, "Nobody": true, "Same": true}

// personNames picks the names out of the roles' "who plays it" texts:
// capitalised words that are not role words ("Sam (on-call)" gives Sam).
func personNames(plays []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, p := range plays {
		for _, w := range strings.FieldsFunc(p, func(r rune) bool { return !unicode.IsLetter(r) && r != '-' && r != '\'' }) {
			rs := []rune(w)
			if len(rs) < 2 || !unicode.IsUpper(rs[0]) || nameStop[w] || seen[w] {
				continue
			}
			seen[w] = true
			out = append(out, w)
		}
	}
	sort.Strings(out)
	return out
}
