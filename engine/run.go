package engine

import (
	"fmt"
	"math"
	"strconv"
	"time"

	"go.yaml.in/yaml/v3"
)

// A submission exported from a kata page carries its run in the front
// matter: when it started and finished, how long the kata timer ran,
// whether that was over the kata's time limit, and the ruleset the page
// checked it with. Every key is optional (a hand-written submission has
// none); the ones given must agree with each other, so that a cohort
// report can trust the times it shows.

// elapsedSlack is how far elapsed may exceed finished - started: the page
// takes the two clock readings a moment apart.
const elapsedSlack = time.Second

// runText is the run's non-text keys as the front matter spells them,
// before readRun turns them into numbers.
type runText struct{ elapsed, overLimit string }

// runRules are the rules about the run's keys.
func runRules() []basicRule {
	return []basicRule{
		{"run/time", "", Error, "the run's start or finish time is unreadable or out of order",
			"`started:` and `finished:` are RFC 3339 times (2026-11-25T09:30:00Z), as the page's Export writes them, and a run finishes after it starts. Delete both if you did not time the run."},
		{"run/elapsed", "", Error, "the run's elapsed time is unreadable or longer than the run",
			"`elapsed:` is the number of seconds the kata timer ran. Pausing the timer makes it shorter than the span from `started:` to `finished:`, never longer (one second of slack for the two clock readings)."},
		{"run/over-limit", "", Error, "over_limit disagrees with the elapsed time and the kata's time limit",
			"`over_limit:` is true when the timer ran past the kata's time limit (the workbook's `time_limit:`, in minutes) and false otherwise. A run over the limit still counts; the flag only has to be true."},
		{"run/ruleset", "", Warning, "the submission was checked with another ruleset",
			"`ruleset:` names the engine, schemas and course numbers the page checked the answer with. When it differs from the checker's, the page and CI may judge the answer differently: rebuild the course, or check against the same `--content`."},
	}
}

// WithTimeLimits gives the engine each kata's time limit in minutes (a
// workbook's `time_limit:`), against which a submission's `over_limit:`
// is checked. It is not part of the ruleset: the page's engine does not
// need it and must keep the CLI's ruleset id.
func WithTimeLimits(minutes map[string]int) Option {
	return func(c *config) { c.limits = minutes }
}

// WithTimeLimits is this engine with the katas' time limits (minutes).
func (e *Engine) WithTimeLimits(minutes map[string]int) (*Engine, error) {
	c := e.cfg
	c.limits = minutes
	return New(func(cc *config) { *cc = c })
}

// readRun turns the run's numbers and flag into Meta; a value that cannot
// be read is a finding at its line.
func (sub *Submission) readRun(t runText) []Finding {
	var out []Finding
	bad := func(rule, key, msg string) {
		l := sub.metaLoc(key)
		out = append(out, Finding{Rule: rule, Severity: Error, Line: l.Line, Col: l.Col, Message: msg})
	}
	if t.elapsed != "" {
		v, err := strconv.ParseFloat(t.elapsed, 64)
		switch {
		case err != nil || math.IsNaN(v) || math.IsInf(v, 0):
			bad("run/elapsed", "elapsed", fmt.Sprintf("`elapsed: %s` is not a number of seconds", t.elapsed))
		case v < 0:
			bad("run/elapsed", "elapsed", fmt.Sprintf("`elapsed: %s` is negative", t.elapsed))
		default:
			sub.Meta.Elapsed = v
		}
	}
	if t.overLimit != "" {
		// The spellings YAML 1.2 reads as a boolean.
		switch b, ok := map[string]bool{"true": true, "True": true, "TRUE": true, "false": false, "False": false, "FALSE": false}[t.overLimit]; {
		case ok:
			sub.Meta.OverLimit = &b
		default:
			bad("run/over-limit", "over_limit", fmt.Sprintf("`over_limit: %s` is not true or false", t.overLimit))
		}
	}
	for _, key := range []string{"started", "finished"} {
		v := map[string]string{"started": sub.Meta.Started, "finished": sub.Meta.Finished}[key]
		if _, err := time.Parse(time.RFC3339, v); v != "" && err != nil {
			bad("run/time", key, fmt.Sprintf("`%s: %s` is not an RFC 3339 time such as 2026-11-25T09:30:00Z", key, v))
		}
	}
	return out
}

// checkRun holds the run's keys to each other, to the kata's time limit
// and to this engine's ruleset.
func (e *Engine) checkRun(sub *Submission) []Finding {
	m := sub.Meta
	var out []Finding
	add := func(rule string, sev Severity, key, msg string) {
		l := sub.metaLoc(key)
		out = append(out, Finding{Rule: rule, Severity: sev, Line: l.Line, Col: l.Col, Message: msg})
	}
	start, errS := time.Parse(time.RFC3339, m.Started)
	end, errF := time.Parse(time.RFC3339, m.Finished)
	if errS == nil && errF == nil {
		span := end.Sub(start)
		switch {
		case span < 0:
			add("run/time", Error, "finished", fmt.Sprintf("the run finished (%s) before it started (%s)", m.Finished, m.Started))
		case m.Elapsed > 0 && time.Duration(m.Elapsed*float64(time.Second)) > span+elapsedSlack:
			add("run/elapsed", Error, "elapsed", fmt.Sprintf("`elapsed: %s` seconds is longer than the run, %s from started to finished",
				formatNumber(m.Elapsed), formatNumber(span.Seconds())))
		}
	}
	if limit := e.cfg.limits[m.Kata]; limit > 0 && m.OverLimit != nil && m.Elapsed > 0 {
		over := m.Elapsed > float64(limit*60)
		if over != *m.OverLimit {
			add("run/over-limit", Error, "over_limit", fmt.Sprintf("`over_limit: %t`, but %s s is %s the kata's time limit of %d min",
				*m.OverLimit, formatNumber(m.Elapsed), map[bool]string{true: "over", false: "within"}[over], limit))
		}
	}
	if m.Ruleset != "" && m.Ruleset != e.ruleset {
		add("run/ruleset", Warning, "ruleset", fmt.Sprintf("checked on the page with ruleset %s, here with ruleset %s", m.Ruleset, e.ruleset))
	}
	return out
}

// runNodes are the run's front matter values for Render: a node per key,
// nil for a key not set (Render leaves it out).
func (m Meta) runNodes() map[string]*yaml.Node {
	str := func(s string) *yaml.Node {
		if s == "" {
			return nil
		}
		return strNode(s)
	}
	n := map[string]*yaml.Node{"started": str(m.Started), "finished": str(m.Finished), "ruleset": str(m.Ruleset),
		"elapsed": nil, "over_limit": nil}
	if m.Elapsed > 0 {
		n["elapsed"] = valueNode(nil, m.Elapsed, false)
	}
	if m.OverLimit != nil {
		n["over_limit"] = valueNode(nil, *m.OverLimit, false)
	}
	return n
}
