package incident

import (
	"github.com/katabook/katabook/engine/kata/prose"
	"regexp"
	"strings"
)

// The incident kata's check of the external update: customers read it, so
// it says what they notice in plain words, without the team's jargon or
// internal names.

// jargonLexicon is what customers should not have to decode in an external
// status update: internal metrics, codes, tools and process words.
var jargonLexicon = []prose.LexEntry{
	{Re: prose.MustPattern(`(?i)\bp(?:50|90|95|99|999)\b`), Hint: "say what users saw: \"checkout was slow for some customers\"",
		Needles: []string{"p50", "p90", "p95", "p99"}},
	{Re: prose.MustPattern(`(?i)\b(?:[45]xx|50[234]|50\d\s+errors?|(?:http|status|error)\s*[45]\d\d)\b`), Hint: "say \"some requests failed\" rather than the status code",
		Needles: []string{"4xx", "5xx", "50", "http", "status", "error"}},
	{Re: prose.MustPattern(`\b(?:SLO|SLI|SLOs|SLIs|RCA|MTTR|TTD|TTM|TTR|IC|DB|k8s)\b`), Hint: "spell it out in plain words, or leave it out",
		Needles: []string{"slo", "sli", "rca", "mttr", "ttd", "ttm", "ttr", "ic", "db", "k8s"}},
	{Re: prose.MustPattern(`(?i)\b(?:error budget|burn rate|on-?call|incident commander|sev ?[0-4]|post-?mortem|root cause|roll(?:ed|ing)? ?back|hot-?fix|fail(?:ed)? ?over|kubernetes|pods?|replicas?|replication|shards?|upstream|downstream|pagerduty|opsgenie|slack|canary|latency|deploy(?:ed|ment|s)?)\b`), Hint: "customers need the effect and what to do, not the mechanism: \"we fixed the problem\", \"saving orders works again\"",
		Needles: []string{"budget", "burn", "call", "commander", "sev", "mortem", "root", "roll", "fix", "fail", "kubernetes", "pod", "replic", "shard", "stream", "pagerduty", "opsgenie", "slack", "canary", "latency", "deploy"}},
	{Re: prose.MustPattern(`(?:^|\s)(#[A-Za-z0-9][\w-]*)`), Hint: "an internal channel means nothing outside: leave it out", Needles: []string{"#"}},
}

// memo keeps a derivation across checks (Answer.Shared); nil computes
// every time.
type memo func(key string, f func() any) any

// jargon returns the jargon and internal names in an external update.
func jargon(text string, internal []string, memo memo) []prose.Phrase {
	t := prose.Fold(text)
	out := jargonWords(t, jargonLexicon)
	seen := map[string]bool{}
	for _, n := range internal {
		if seen[n] { // a timeline names its channel in many entries
			continue
		}
		seen[n] = true
		if m, ok := findName(t, n, memo); ok {
			out = append(out, prose.Phrase{Text: m, Kind: "an internal name",
				Hint: "customers do not know who plays which role or what the services are called inside: say \"our team\" and describe the feature they use"})
		}
	}
	return out
}

// jargonWords returns the phrases of lexicon in t, pattern by pattern.
func jargonWords(t prose.Folded, lexicon []prose.LexEntry) []prose.Phrase {
	var out []prose.Phrase
	prose.EachMatch(t, lexicon, func(e prose.LexEntry, _ []int, start, end int) {
		out = append(out, prose.Phrase{Text: t.Text[start:end], Kind: "jargon", Hint: e.Hint})
	})
	return out
}

// findName finds name in t, in any case, where it is not part of a longer
// word: the first match of (?i)(?:^|\W)(name)(?:\W|$). Names differ from
// learner to learner, so compiling that pattern would cost every check;
// for ASCII text and name a search of the folded text gives the same
// answer, and only other text falls back to the pattern (compiled once per
// name in memo, which may be nil).
func findName(t prose.Folded, name string, memo memo) (string, bool) {
	text := t.Text
	if name == "" || !t.ASCII || !prose.IsASCII(name) {
		compile := func() any {
			return regexp.MustCompile(`(?i)(?:^|\W)(` + regexp.QuoteMeta(name) + `)(?:\W|$)`)
		}
		var re *regexp.Regexp
		if memo == nil {
			re = compile().(*regexp.Regexp)
		} else {
			re = memo("incident/internal-name\x00"+name, compile).(*regexp.Regexp)
		}
		if m := re.FindStringSubmatch(text); m != nil {
			return m[1], true
		}
		return "", false
	}
	want := strings.ToLower(name)
	for from := 0; from+len(want) <= len(t.Lower); {
		i := strings.Index(t.Lower[from:], want)
		if i < 0 {
			break
		}
		i += from
		end := i + len(want)
		if (i == 0 || !prose.IsWordByte(text[i-1])) && (end == len(text) || !prose.IsWordByte(text[end])) {
			return text[i:end], true
		}
		from = i + 1
	}
	return "", false
}
