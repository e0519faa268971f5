package engine

import (
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

// phrase is one hit of a lexicon: the words as written and what to do.
type phrase struct {
	Text string // the matched words, as the learner wrote them
	Kind string // what kind of phrasing it is
	Hint string // what to write instead
}

type lexEntry struct {
	re   *regexp.Regexp
	kind string
	hint string
	// skip, when set, rejects a match (by its submatches) that only looks
	// like the pattern.
	skip func(m []string) bool
	// needles are lower-case words of which every match contains at least
	// one. Case-insensitive patterns give Go's regexp no literal prefix to
	// jump to, so it tries every position of every field; most prose holds
	// none of the needles, and a substring search rules the pattern out.
	// TestBlameNeedles checks that a match always holds a needle.
	needles []string
}

const (
	hintSystem  = "describe what the system allowed instead: which check, default or tool made the slip easy (\"the deploy tool accepted the change without validating it\")"
	hintJudge   = "drop the judgement and say what was done and what the person knew at the time; put the guard rail that was missing in an action item"
	hintCounter = "write what happened and why it made sense at the time; turn what would have helped into an action item (\"Add a check that…\")"
	hintSubject = "make the system the subject: \"the page went unacknowledged for 12 minutes because the phone was on silent\" rather than \"Sam missed the page\""
)

var blameLexicon = []lexEntry{
	{re: regexp.MustCompile(`(?i)\b(?:human|operator|pilot|user|personnel)[- ]errors?\b`), kind: `"human error"`, hint: hintSystem, needles: []string{"error"}},
	{re: regexp.MustCompile(`(?i)\b(?:careless(?:ly|ness)?|negligen(?:t|tly|ce)|sloppy|sloppiness|lazy|laziness|reckless(?:ly|ness)?|incompeten(?:t|ce)|stupid(?:ity)?|idiot(?:ic)?|inattentive)\b`), kind: "a blame word", hint: hintJudge,
		needles: []string{"careless", "negligen", "slopp", "laz", "reckless", "incompeten", "stupid", "idiot", "inattentive"}},
	{re: regexp.MustCompile(`(?i)\b(?:screwed up|messed up|dropped the ball|fat[- ]fingered|at fault|(?:his|her|their)\s+(?:fault|mistake|carelessness)|\w+'s\s+(?:fault|mistake|blunder))\b`), kind: "a blame word", hint: hintJudge,
		needles: []string{"screwed", "messed", "dropped", "finger", "fault", "mistake", "careless", "blunder"}},
	{re: regexp.MustCompile(`(?i)\b(?:be|being)\s+more\s+(?:careful|attentive|diligent)\b`), kind: "a plea for care", hint: "care is not a mechanism: name the check, alert or default that makes the mistake hard to make",
		needles: []string{"careful", "attentive", "diligent"}},
	{re: regexp.MustCompile(`(?i)\b(?:should(?:n't| not)?\s+have|should've|ought\s+to\s+have|if\s+only)\b`), kind: "a counterfactual", hint: hintCounter, needles: []string{"should", "ought", "only"}},
	{re: regexp.MustCompile(`(?i)(?:^|[.!?]\s+)(had\s+(?:the\s+)?(\w+)\s+(?:not\s+)?\w+(?:ed|en|wn|one|ught)\b)`), kind: "a counterfactual", hint: hintCounter, needles: []string{"had"},
		skip: func(m []string) bool {
			switch strings.ToLower(m[2]) {
			case "to", "been", "no", "not", "only", "just", "already", "a", "an":
				return true
			}
			return false
		}},
}

// personVerbs are the failures a blaming sentence pins on a person.
const personVerbs = `(?:broke|forgot|missed|ignored|neglected|overlooked|botched|bungled|messed up|screwed up|failed to|caused)`

// personVerbNeedles are the needles of personVerbs.
var personVerbNeedles = []string{"broke", "forgot", "missed", "ignored", "neglected", "overlooked", "botched", "bungled", "messed", "screwed", "failed", "caused"}

// genericPeople are subjects that name a person without a name.
const genericPeople = `he|she|someone|somebody|the (?:engineer|developer|operator|on-call|oncall|intern|new hire|sre|admin)`

// personLexicon builds the person-as-subject patterns for the names the
// learner gave the roles.
func personLexicon(names []string) []lexEntry {
	alts := []string{genericPeople}
	for _, n := range names {
		alts = append(alts, regexp.QuoteMeta(n))
	}
	who := `(?:` + strings.Join(alts, "|") + `)`
	return []lexEntry{
		{re: regexp.MustCompile(`(?i)\b` + who + `\s+(?:had\s+|has\s+|just\s+|also\s+)?` + personVerbs + `\b`), kind: "a person as the cause", hint: hintSubject, needles: personVerbNeedles},
		{re: regexp.MustCompile(`(?i)\b(?:caused|triggered|broken)\s+by\s+` + who + `\b`), kind: "a person as the cause", hint: hintSubject, needles: []string{"caused", "triggered", "broken"}},
	}
}

// lexiconFor is the whole lexicon for a run whose roles are played by names.
func lexiconFor(names []string) []lexEntry {
	return append(append([]lexEntry(nil), blameLexicon...), personLexicon(names)...)
}

// personNeedles are the needles of every person pattern.
var personNeedles = append([]string{"triggered", "broken"}, personVerbNeedles...)

// lexiconForText is the lexicon to scan text with: the fixed patterns
// alone when no person pattern could match it (none of their needles is
// in the text, which scanBlame's own filter would then skip), else the
// whole lexicon, which full builds. TestLexiconForText checks that both
// choices find the same phrases.
func lexiconForText(text string, full func() []lexEntry) []lexEntry {
	if isASCII(text) && !containsAny(strings.ToLower(text), personNeedles) {
		return blameLexicon
	}
	return full()
}

// blamePhrases returns every blaming phrase in text, in order of position.
func blamePhrases(text string, names []string) []phrase { return scanBlame(text, lexiconFor(names)) }

// scanBlame returns every phrase of the lexicon in text, in order of position.
func scanBlame(text string, lexicon []lexEntry) []phrase {
	type hit struct {
		at int
		p  phrase
	}
	var hits []hit
	skip := needleFilter(text)
	for _, e := range lexicon {
		if skip(e) {
			continue
		}
		for _, idx := range e.re.FindAllStringSubmatchIndex(text, -1) {
			m := make([]string, len(idx)/2)
			for i := range m {
				if idx[2*i] >= 0 {
					m[i] = text[idx[2*i]:idx[2*i+1]]
				}
			}
			if e.skip != nil && e.skip(m) {
				continue
			}
			start, end := idx[0], idx[1]
			if len(idx) > 2 && idx[2] >= 0 { // a pattern with a context prefix reports its group
				start, end = idx[2], idx[3]
			}
			hits = append(hits, hit{start, phrase{Text: text[start:end], Kind: e.kind, Hint: e.hint}})
		}
	}
	sort.SliceStable(hits, func(i, j int) bool { return hits[i].at < hits[j].at })
	var out []phrase
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

// jargonLexicon is what customers should not have to decode in an external
// status update: internal metrics, codes, tools and process words.
var jargonLexicon = []lexEntry{
	{re: regexp.MustCompile(`(?i)\bp(?:50|90|95|99|999)\b`), hint: "say what users saw: \"checkout was slow for some customers\"",
		needles: []string{"p50", "p90", "p95", "p99"}},
	{re: regexp.MustCompile(`(?i)\b(?:[45]xx|50[234]|50\d\s+errors?|(?:http|status|error)\s*[45]\d\d)\b`), hint: "say \"some requests failed\" rather than the status code",
		needles: []string{"4xx", "5xx", "50", "http", "status", "error"}},
	{re: regexp.MustCompile(`\b(?:SLO|SLI|SLOs|SLIs|RCA|MTTR|TTD|TTM|TTR|IC|DB|k8s)\b`), hint: "spell it out in plain words, or leave it out",
		needles: []string{"slo", "sli", "rca", "mttr", "ttd", "ttm", "ttr", "ic", "db", "k8s"}},
	{re: regexp.MustCompile(`(?i)\b(?:error budget|burn rate|on-?call|incident commander|sev ?[0-4]|post-?mortem|root cause|roll(?:ed|ing)? ?back|hot-?fix|fail(?:ed)? ?over|kubernetes|pods?|replicas?|replication|shards?|upstream|downstream|pagerduty|opsgenie|slack|canary|latency|deploy(?:ed|ment|s)?)\b`), hint: "customers need the effect and what to do, not the mechanism: \"we fixed the problem\", \"saving orders works again\"",
		needles: []string{"budget", "burn", "call", "commander", "sev", "mortem", "root", "roll", "fix", "fail", "kubernetes", "pod", "replic", "shard", "stream", "pagerduty", "opsgenie", "slack", "canary", "latency", "deploy"}},
	{re: regexp.MustCompile(`(?:^|\s)(#[A-Za-z0-9][\w-]*)`), hint: "an internal channel means nothing outside: leave it out", needles: []string{"#"}},
}

// jargon returns the jargon and internal names in an external update.
// A timeline repeats its channel in many entries and a cohort shares its
// names, so each name's pattern is compiled once, in memo (which may be nil).
func jargon(text string, internal []string, memo *sharedMemo) []phrase {
	var out []phrase
	skip := needleFilter(text)
	for _, e := range jargonLexicon {
		if skip(e) {
			continue
		}
		for _, idx := range e.re.FindAllStringSubmatchIndex(text, -1) {
			start, end := idx[0], idx[1]
			if len(idx) > 2 && idx[2] >= 0 {
				start, end = idx[2], idx[3]
			}
			out = append(out, phrase{Text: text[start:end], Kind: "jargon", Hint: e.hint})
		}
	}
	seen := map[string]bool{}
	for _, n := range internal {
		if seen[n] {
			continue
		}
		seen[n] = true
		if m, ok := findName(text, n, memo); ok {
			out = append(out, phrase{Text: m, Kind: "an internal name",
				Hint: "customers do not know who plays which role or what the services are called inside: say \"our team\" and describe the feature they use"})
		}
	}
	return out
}

// findName finds name in text, in any case, where it is not part of a
// longer word: the first match of (?i)(?:^|\W)(name)(?:\W|$). Names differ
// from learner to learner, so compiling that pattern would cost every
// check; for ASCII text and name a search of the lower-cased text gives the
// same answer, and only other text falls back to the pattern.
func findName(text, name string, memo *sharedMemo) (string, bool) {
	if name == "" || !isASCII(text) || !isASCII(name) {
		re := memo.get("incident/internal-name\x00"+name, func() any {
			return regexp.MustCompile(`(?i)(?:^|\W)(` + regexp.QuoteMeta(name) + `)(?:\W|$)`)
		}).(*regexp.Regexp)
		if m := re.FindStringSubmatch(text); m != nil {
			return m[1], true
		}
		return "", false
	}
	lower, want := strings.ToLower(text), strings.ToLower(name)
	for from := 0; from+len(want) <= len(lower); {
		i := strings.Index(lower[from:], want)
		if i < 0 {
			break
		}
		i += from
		end := i + len(want)
		if (i == 0 || !isWordByte(text[i-1])) && (end == len(text) || !isWordByte(text[end])) {
			return text[i:end], true
		}
		from = i + 1
	}
	return "", false
}

// isWordByte is regexp's \w: an ASCII letter, digit or underscore.
func isWordByte(c byte) bool {
	return c == '_' || '0' <= c && c <= '9' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z'
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
