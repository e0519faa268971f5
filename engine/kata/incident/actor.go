package incident

import (
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/katabook/katabook/engine"
	"github.com/katabook/katabook/engine/kata/prose"
)

// Reading the causes for a person as the actor of a fault.
//
// A cause is blameless when its subject is the system: "the index was
// dropped by a cleanup script that nothing reviewed", not "the intern
// dropped the index". In the causes (trigger, root cause, contributing
// factors) the reading looks for a person, a role or a team as the subject
// of a verb, whatever the verb: the people who play the roles, the teams
// the submission names (action item owners, the dependency's team), role
// nouns ("the intern", "the on-call", "the DBA") and he, she, someone. It
// is a reading: it knows no grammar beyond "who, then a verb in the past",
// so it is a warning that says so, with a rewrite that makes the thing
// acted on the subject.

// roleNouns are the people a cause may name without a name.
const roleNouns = `on-call engineer|on-call|oncall|on call|engineer|developer|dev|operator|sre|dba|admin|administrator|sysadmin|intern|new hire|contractor|reviewer|incident commander|ic|support liaison|release manager|manager|team lead|tech lead|lead|author|teammate|colleague|programmer`

// determiners open a role noun; one adjective may follow ("the new intern").
const determiners = `the|a|an|our|one|their|that|this|his|her`

// stative verbs say what someone had, knew or was, not what they did.
var stative = map[string]bool{"owned": true, "had": true, "knew": true, "wanted": true, "needed": true,
	"thought": true, "believed": true, "seemed": true, "appeared": true, "joined": true, "worked": true,
	"used": true, "liked": true, "noticed": true, "learned": true, "expected": true, "assumed": true,
	"lacked": true, "agreed": true, "approved": true, "reported": true, "received": true, "paged": true,
	"acknowledged": true, "declared": true, "led": true, "played": true, "asked": true, "escalated": true}

// irregular past tenses a cause pins on someone, with their participles.
var irregular = map[string]string{"broke": "broken", "forgot": "forgotten", "let": "let", "left": "left", "ran": "run",
	"made": "made", "took": "taken", "set": "set", "put": "put", "sent": "sent", "wrote": "written", "drove": "driven",
	"chose": "chosen", "gave": "given", "got": "got", "kept": "kept", "lost": "lost", "overrode": "overridden",
	"undid": "undone", "began": "begun", "brought": "brought", "cut": "cut", "shut": "shut", "hit": "hit",
	"threw": "thrown", "told": "told", "built": "built", "mistook": "mistaken", "overwrote": "overwritten",
	"forgot to": "forgotten", "misread": "misread", "rebuilt": "rebuilt", "spun": "spun", "tore": "torn", "did": "done"}

// irregularBase are base forms after "did not", with their participles.
var irregularBase = map[string]string{"break": "broken", "forget": "forgotten", "take": "taken", "write": "written",
	"give": "given", "run": "run", "see": "seen", "do": "done", "know": "known", "set": "set", "put": "put",
	"let": "let", "read": "read", "send": "sent", "keep": "kept", "tell": "told", "make": "made", "get": "got"}

// actorPattern builds the actor reading for the people and teams a
// submission names. Names are matched in their case (Jo, not "jo"), role
// nouns and teams in any.
func actorPattern(names, teams []string) *regexp.Regexp {
	var alts []string
	for _, n := range names {
		alts = append(alts, regexp.QuoteMeta(n))
	}
	for _, t := range teams {
		alts = append(alts, `(?i:(?:the\s+)?`+regexp.QuoteMeta(t)+`)`)
	}
	alts = append(alts, `(?i:(?:`+determiners+`)\s+(?:[a-z]+\s+)?(?:`+roleNouns+`)|he|she|someone|somebody)`)
	irr := make([]string, 0, len(irregular))
	for v := range irregular {
		irr = append(irr, regexp.QuoteMeta(v))
	}
	sort.Sort(sort.Reverse(sort.StringSlice(irr))) // longer alternatives first
	// who, an optional "who", adverbs, then a verb in the past or a
	// negation and a base verb; then the rest of the clause.
	return regexp.MustCompile(`\b(` + strings.Join(alts, "|") + `)(?:\s*,?\s+who)?` +
		`(?i:\s+(?:had|has|then|also|just|accidentally|mistakenly|inadvertently|unknowingly|still|later|again|once|quickly|manually|wrongly|incorrectly))*` +
		`(?i:\s+(did not|didn't|never|failed to|forgot to|neglected to|chose not to|decided not to|had not|hadn't)\s+([a-z]+)|\s+([a-z]+ed|` + strings.Join(irr, "|") + `))\b`)
}

// actorPhrase is one reading: the words quoted, who acts, and a rewrite.
type actorPhrase struct {
	text, who, rewrite string
}

// readActors returns the phrases of text where a person, role or team is
// the subject of a verb.
func readActors(text string, re *regexp.Regexp) []actorPhrase {
	var out []actorPhrase
	for _, m := range re.FindAllStringSubmatchIndex(text, -1) {
		g := func(i int) string {
			if m[2*i] < 0 {
				return ""
			}
			return text[m[2*i]:m[2*i+1]]
		}
		who, neg, base, past := g(1), strings.ToLower(g(2)), strings.ToLower(g(3)), strings.ToLower(g(4))
		rest := text[m[1]:]
		if i := strings.IndexAny(rest, ".;:!?\n"); i >= 0 {
			rest = rest[:i] // a dot inside a name (cart_items.cart_id) ends the object too
		}
		if stative[past] || stative[base] || strings.HasPrefix(strings.TrimSpace(rest), "by ") {
			continue
		}
		out = append(out, actorPhrase{text: text[m[0]:m[1]], who: who, rewrite: passive(neg, base, past, rest)})
	}
	return out
}

// objectStop ends the thing acted on: a preposition or conjunction that
// opens another part of the clause.
var objectStop = regexp.MustCompile(`(?i)\s(?:for|before|after|during|because|when|while|until|so|and|but|without|in|at|on|from|to|since|as|which|that)\s|,`)

var particles = map[string]bool{"over": true, "up": true, "out": true, "off": true, "down": true, "back": true, "away": true}

// passive writes the clause with the thing acted on as its subject: "the
// intern removed the index on X" gives "the index on X was removed". It
// returns "" when the clause has no plain object.
func passive(neg, base, past, rest string) string {
	obj := rest
	if loc := objectStop.FindStringIndex(obj); loc != nil {
		obj = obj[:loc[0]]
	}
	words := strings.Fields(obj)
	var particle string
	if n := len(words); n > 1 && particles[strings.ToLower(words[n-1])] {
		particle, words = " "+words[n-1], words[:n-1]
	}
	if len(words) == 0 || len(words) > 8 {
		return ""
	}
	switch strings.ToLower(words[0]) {
	case "it", "them", "him", "her", "me", "us", "to", "not":
		return ""
	}
	pp := past
	switch {
	case past != "" && irregular[past] != "":
		pp = irregular[past]
	case strings.HasSuffix(base, "ed"): // "never handed"
		pp = base
	case base != "" && irregularBase[base] != "":
		pp = irregularBase[base]
	case base != "" && strings.HasSuffix(base, "e"):
		pp = base + "d"
	case base != "":
		pp = base + "ed"
	}
	was := "was"
	if plural(words) {
		was = "were"
	}
	switch neg {
	case "":
		was += " "
	case "never":
		was += " never "
	default:
		was += " not "
	}
	return strings.Join(words, " ") + " " + was + pp + particle
}

// plural guesses whether the thing acted on is several: "two brokers".
func plural(words []string) bool {
	switch strings.ToLower(words[0]) {
	case "two", "three", "four", "five", "all", "both", "several", "many", "some", "these", "those", "most":
		return true
	}
	last := strings.ToLower(words[len(words)-1])
	return strings.HasSuffix(last, "s") && !strings.HasSuffix(last, "ss") && !strings.HasSuffix(last, "'s") && len(words) > 1 && strings.ToLower(words[0]) != "a"
}

// causeFields are where the reading looks: what a postmortem says caused it.
var causeFields = []string{"/postmortem/causes/trigger", "/postmortem/causes/root_cause", "/postmortem/causes/contributing"}

// namedTeams are the teams a submission names: the owners of its action
// items and the team in brackets after the dependency ("orders-db
// (database team)").
func namedTeams(a *engine.Answer) []string {
	var out []string
	seen := map[string]bool{}
	add := func(s string) {
		s = strings.TrimSpace(s)
		k := strings.ToLower(s)
		if len(s) < 3 || seen[k] || vagueOwner(s) {
			return
		}
		seen[k] = true
		out = append(out, s)
	}
	for i := 0; i < a.Len("/postmortem/action_items"); i++ {
		if s, ok := a.Str("/postmortem/action_items/" + strconv.Itoa(i) + "/owner"); ok {
			add(s)
		}
	}
	if s, ok := a.Str("/roles/dependency_service"); ok {
		for _, m := range bracketed.FindAllStringSubmatch(s, -1) {
			for _, part := range strings.Split(m[1], ",") {
				if strings.Contains(strings.ToLower(part), "team") {
					add(part)
				}
			}
		}
	}
	sort.Slice(out, func(i, j int) bool { return len(out[i]) > len(out[j]) })
	return out
}

var bracketed = regexp.MustCompile(`\(([^()]+)\)`)

// causeActors reads a cause for people, roles and teams acting.
func causeActors(r *engine.Run, text string) []actorPhrase {
	names := personNames(rolePlayers(r.A))
	teams := namedTeams(r.A)
	re := r.A.Shared("incident/actor\x00"+strings.Join(names, "\x00")+"\x01"+strings.Join(teams, "\x00"), func() any {
		return actorPattern(names, teams)
	}).(*regexp.Regexp)
	return readActors(text, re)
}

// mergeReadings keeps one finding per phrase: in a cause, the actor
// reading (which suggests a rewrite) replaces the lexicon's "person as the
// cause" on the same words, and every other lexicon finding (a
// counterfactual, a blame word) wins over an actor on its words.
func mergeReadings(text string, found []prose.Phrase, actors []actorPhrase) ([]prose.Phrase, []actorPhrase) {
	var keep []prose.Phrase
	for _, f := range found {
		if f.Kind == kindPersonCause && slices.ContainsFunc(actors, func(a actorPhrase) bool { return overlap(text, a.text, f.Text) }) {
			continue
		}
		keep = append(keep, f)
	}
	var acts []actorPhrase
	for _, a := range actors {
		if !slices.ContainsFunc(keep, func(f prose.Phrase) bool { return overlap(text, a.text, f.Text) }) {
			acts = append(acts, a)
		}
	}
	return keep, acts
}

// actorMessage is the finding for one actor reading.
func actorMessage(r *engine.Run, ptr, text string, p actorPhrase) {
	who := p.who
	switch strings.ToLower(who) {
	case "he", "she", "someone", "somebody":
		who = "a person (\"" + who + "\")"
	}
	if f, rest, ok := strings.Cut(who, " "); ok && strings.Contains("|"+determiners+"|", "|"+strings.ToLower(f)+"|") {
		who = strings.ToLower(f) + " " + rest
	}
	suggest := "make the system the subject: what the change or the silence was, and what let it through"
	if p.rewrite != "" {
		suggest = "try \"" + p.rewrite + "\", then say what allowed it (the missing check, default, review or alert)"
	}
	failText(r, ptr, p.text, "Reading your text, %s: %q makes %s the actor of the fault. A blameless cause is about what the system allowed; %s", engine.Dotted(ptr), p.text, who, suggest)
}

// overlap reports whether two phrases of text share words.
func overlap(text, a, b string) bool {
	i, j := strings.Index(text, a), strings.Index(text, b)
	return i >= 0 && j >= 0 && i < j+len(b) && j < i+len(a)
}
