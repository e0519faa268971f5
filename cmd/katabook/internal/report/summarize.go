package report

import (
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/katabook/katabook/engine"
)

// Summarize keeps what the report needs of one checked submission: link
// is its address from the report's folder. Only each failing rule's first error
// is kept, for the per-rule table.
func Summarize(k *Kata, path, link string, rep *engine.Report) Submission {
	m := rep.Meta
	// Cloned: the engine's strings are windows on the whole front matter
	// or answer block, which a kept substring would keep alive.
	keep := strings.Clone
	s := Submission{Path: path, Link: link, Learner: keep(Learner(m.Author)), Kata: keep(rep.Kata), Subject: keep(m.Subject),
		Passed: rep.Errors() == 0, Errors: rep.Errors(), Warnings: rep.Warnings(), Elapsed: elapsed(m),
		Started: keep(m.Started), Ruleset: keep(m.Ruleset)}
	if m.OverLimit != nil {
		s.Over = *m.OverLimit
	} else if k != nil && k.TimeLimit > 0 && s.Elapsed > float64(k.TimeLimit*60) {
		s.Over = true
	}
	seen := map[string]bool{}
	for _, f := range rep.Findings {
		if f.Severity != engine.Error || seen[f.Rule] {
			continue
		}
		seen[f.Rule] = true
		s.Hits = append(s.Hits, Hit{Rule: f.Rule, Learner: s.Learner, Path: path, Link: link, Line: f.Line, Message: f.Message})
	}
	if k == nil {
		return s
	}
	s.Distinct = keep(distinct(k.Completion.Distinct, m, rep.Answer()))
	for _, t := range k.Grading.Score(rep.Findings, rep.Rules) {
		s.Score += t.Score
		s.MaxScore += t.Max
	}
	return s
}

// elapsed is the run's time in seconds: the timer's, else the span from
// started to finished; -1 when the submission does not say.
func elapsed(m engine.Meta) float64 {
	if m.Elapsed > 0 {
		return m.Elapsed
	}
	start, err1 := time.Parse(time.RFC3339, m.Started)
	end, err2 := time.Parse(time.RFC3339, m.Finished)
	if err1 != nil || err2 != nil || end.Before(start) {
		return -1
	}
	return end.Sub(start).Seconds()
}

// distinct is the value the completion rule counts, normalised as the
// page's distinctValue does (runs.ts): the subject, or the answer's value
// at a JSON pointer, as text, trimmed and in lower case.
func distinct(rule string, m engine.Meta, answer any) string {
	if !strings.HasPrefix(rule, "/") {
		return strings.ToLower(strings.TrimSpace(m.Subject))
	}
	return strings.ToLower(strings.TrimSpace(jsString(at(answer, rule))))
}

// at is the value at a JSON pointer, as form.ts's getAt reads it.
func at(v any, pointer string) any {
	for _, raw := range strings.Split(pointer, "/")[1:] {
		key := strings.ReplaceAll(strings.ReplaceAll(raw, "~1", "/"), "~0", "~")
		switch x := v.(type) {
		case map[string]any:
			var ok bool
			if v, ok = x[key]; !ok {
				return nil
			}
		case []any:
			i, err := strconv.Atoi(key)
			if err != nil || i < 0 || i >= len(x) {
				return nil
			}
			v = x[i]
		default:
			return nil
		}
	}
	return v
}

// jsString is String(v) in JavaScript for the values an answer holds.
func jsString(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case string:
		return x
	case bool:
		return strconv.FormatBool(x)
	case float64:
		if x == math.Trunc(x) && math.Abs(x) < 1e21 {
			return strconv.FormatFloat(x, 'f', -1, 64)
		}
		return strconv.FormatFloat(x, 'g', -1, 64)
	case []any:
		parts := make([]string, len(x))
		for i, e := range x {
			parts[i] = jsString(e)
		}
		return strings.Join(parts, ",")
	}
	return "[object Object]"
}
