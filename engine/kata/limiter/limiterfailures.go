package limiter

import (
	"fmt"
	"github.com/katabook/katabook/engine"
	"github.com/katabook/katabook/engine/kata/prose"
	"strings"
)

// The three failure modes. Each has a category and a kind of mitigation
// from the kata's lists (the schema's enums), so that "three different
// failures" is computed from structure: two modes of one category are one
// failure, however differently they are worded. The prose beside them is
// read only for warnings, which say that they are readings.

var modeNames = []string{"first", "second", "third"}

func modePtr(i int, field string) string { return "/failure_modes/" + modeNames[i] + "/" + field }

// checkFailureCategories: three failure modes are three categories.
func checkFailureCategories(r *engine.Run) {
	seen := map[string][]int{} // category -> entries (0-based)
	var order []string
	for i := range modeNames {
		c, ok := r.A.Str(modePtr(i, "category"))
		if !ok || c == "other" { // "other" says what it is in prose
			continue
		}
		if seen[c] == nil {
			order = append(order, c)
		}
		seen[c] = append(seen[c], i)
	}
	for _, c := range order {
		if es := seen[c]; len(es) > 1 {
			var free []string
			for _, k := range failureCategories {
				if seen[k] == nil && k != "other" {
					free = append(free, k)
				}
			}
			r.Failf(modePtr(es[1], "category"), "%s %s %s: that is one failure, however it is worded, and the kata asks for the three most likely different ones. Keep the best-argued of them and give the others a different category, e.g. %s.",
				entries(es), map[bool]string{true: "are both", false: "are all"}[len(es) == 2], c, strings.Join(free[:min(5, len(free))], ", "))
		}
	}
}

// failureCategories is the schema's list of failure categories, the
// kata's vocabulary (a test holds the two together).
var failureCategories = []string{"store-down", "store-slow", "store-failover", "hot-key", "key-explosion", "clock-skew", "bad-config",
	"retry-storm", "network-partition", "sync-lag", "limiter-overload", "shared-address", "key-evasion", "other"}

// entries names 0-based entries for people: "Failure modes 1 and 2".
func entries(es []int) string {
	ns := make([]string, len(es))
	for i, e := range es {
		ns[i] = fmt.Sprint(e + 1)
	}
	if len(ns) == 2 {
		return "Failure modes " + ns[0] + " and " + ns[1]
	}
	return "Failure modes " + strings.Join(ns[:len(ns)-1], ", ") + " and " + ns[len(ns)-1]
}

var fillers = map[string]bool{"a": true, "an": true, "the": true, "and": true, "or": true, "of": true, "to": true, "in": true, "on": true,
	"is": true, "are": true, "it": true, "its": true, "for": true, "so": true, "get": true, "gets": true, "with": true, "by": true, "at": true,
	"be": true, "been": true, "that": true, "this": true, "as": true, "when": true, "then": true, "which": true}

// contentWords are the words of s without fillers.
func contentWords(s string) map[string]bool {
	out := prose.WordSet(s)
	for w := range out {
		if fillers[w] {
			delete(out, w)
		}
	}
	return out
}

// overlap is the share of a's content words that b also has.
func overlap(a, b string) float64 {
	wa, wb := contentWords(a), contentWords(b)
	if len(wa) == 0 {
		return 0
	}
	n := 0
	for w := range wa {
		if wb[w] {
			n++
		}
	}
	return float64(n) / float64(len(wa))
}

// similar reports whether two texts share most of their words (Jaccard ≥ 0.8).
func similar(a, b string) bool {
	wa, wb := prose.WordSet(a), prose.WordSet(b)
	if len(wa) == 0 || len(wb) == 0 {
		return len(wa) == len(wb)
	}
	inter := 0
	for w := range wa {
		if wb[w] {
			inter++
		}
	}
	return float64(inter)/float64(len(wa)+len(wb)-inter) >= 0.8
}

// actionWords are what a mitigation usually does; their absence, with a
// text that repeats the failure's words, reads as a restated failure.
var actionWords = wordSet("add", "alert", "allow", "back", "backoff", "breaker", "cache", "canary", "cap", "circuit", "count",
	"cut", "drop", "evict", "expire", "expiry", "fail", "failover", "fall", "fallback", "halve", "idempotency", "jitter", "key", "limit",
	"local", "monitor", "page", "prevent", "rate", "reconcile", "reject", "replica", "retry", "roll", "rollback", "route", "scale", "shard",
	"shed", "shrink", "switch", "time", "timeout", "trim", "ttl", "use", "uses", "validate", "validated", "warn")

// checkFailureModes reads the failure modes' prose; every finding is a
// warning that says it is a reading.
func checkFailureModes(r *engine.Run) {
	var failures []string
	categorised := true
	for i := range modeNames {
		if _, ok := r.A.Str(modePtr(i, "category")); !ok {
			categorised = false
		}
	}
	for i := range modeNames {
		fp, mp := modePtr(i, "failure"), modePtr(i, "mitigation")
		f, okF := r.A.Str(fp)
		m, okM := r.A.Str(mp)
		if !okF || !okM {
			r.Missing = true
			continue
		}
		if words(f) < 3 {
			r.Failf(fp, "Reading your text, failure mode %d is a word or two: say what breaks and how it shows, e.g. \"the regional Redis stops answering and every check times out\".", i+1)
		}
		switch {
		case words(m) < 3:
			r.Failf(mp, "Reading your text, the mitigation of failure mode %d is a word or two: say what the design does about it, e.g. \"a 3 ms time-out, then each instance enforces its share of the limit\".", i+1)
		case similar(f, m) || (overlap(m, f) >= 0.5 && !hasAction(m)):
			r.Failf(mp, "Reading your text, the mitigation of failure mode %d seems to describe the failure again rather than what the design does about it: say how it is prevented, how the limiter degrades safely while it lasts, or how it is detected and by whom (and set its kind to match).", i+1)
		}
		if !categorised {
			for j, prev := range failures {
				if prev != "" && similar(prev, f) {
					r.Failf(fp, "Reading your text, failure mode %d reads like failure mode %d: the kata asks for three different failures. Give each a category from the list, and the engine checks that they differ.", i+1, j+1)
				}
			}
		}
		failures = append(failures, f)
	}
}

func hasAction(s string) bool {
	for w := range prose.WordSet(s) {
		if actionWords[w] {
			return true
		}
	}
	return false
}

func wordSet(ws ...string) map[string]bool {
	m := map[string]bool{}
	for _, w := range ws {
		m[w] = true
	}
	return m
}
