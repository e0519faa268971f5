package incident

import (
	"github.com/katabook/katabook/engine"
	"math"
	"time"
	"unicode/utf8"
)

// incidentPhases and incidentRoles are the chart's colours and lanes, in
// the order the kata names them.
var (
	incidentPhases = []string{"detect", "triage", "mitigate", "communicate", "resolve", "review"}
	incidentRoles  = []string{"incident-commander", "on-call", "support-liaison", "dependency-on-call"}
)

// incidentFigures lays the timeline out for the page's swim-lane chart:
// each entry in minutes from the start of impact (or the first entry), in
// the lane of its role and the colour of its phase, with markers for the
// start of impact, detection, full mitigation, the root-cause fix and the
// bonus alert, and the derived times. Review entries, often days later,
// sit past the end of the axis and are marked late.
func incidentFigures(a *engine.Answer, params engine.Params) map[string]any {
	es := incEntries(a)
	var origin time.Time
	start, p := parseStamp(rawAt(a, "/postmortem/impact/start"))
	if p == stampOK {
		origin = start
	}
	for _, e := range es {
		if e.timed && (origin.IsZero() || e.at.Before(origin)) {
			origin = e.at
		}
	}
	if origin.IsZero() {
		return nil
	}
	type entry struct {
		N     int     `json:"n"` // 1-based, as messages name entries
		T     float64 `json:"t_min"`
		Phase string  `json:"phase"`
		Role  string  `json:"role"`
		Label string  `json:"label"`
		Late  bool    `json:"late,omitempty"`
	}
	type marker struct {
		Name string  `json:"name"`
		T    float64 `json:"t_min"`
		Late bool    `json:"late,omitempty"`
	}
	// Entries long after full mitigation (the root-cause fix days later,
	// the review) would squash the incident into the left edge: they sit
	// past a break at the end of the axis, marked late.
	cutoff := math.Inf(1)
	if m, ok := first(es, "mitigate", func(e incEntry) bool { return e.timed && e.fully }); ok {
		t := minutes(origin, m.at)
		cutoff = t + math.Max(60, t)
	}
	var entries []entry
	end := 0.0
	for _, e := range es {
		if !e.timed {
			continue
		}
		t := minutes(origin, e.at)
		entries = append(entries, entry{N: e.i + 1, T: t, Phase: e.phase, Role: e.role, Label: shorten(e.action, 80), Late: t > cutoff})
		if t <= cutoff && t > end {
			end = t
		}
	}
	fig := map[string]any{"origin": origin.Format(time.RFC3339), "entries": entries, "phases": incidentPhases, "lanes": incidentRoles}
	var markers []marker
	add := func(name string, t time.Time) {
		m := minutes(origin, t)
		markers = append(markers, marker{name, m, m > cutoff})
		if m <= cutoff && m > end {
			end = m
		}
	}
	if p == stampOK {
		add("impact", start)
	}
	if d, ok := first(es, "detect", func(e incEntry) bool { return e.timed }); ok {
		add("detect", d.at)
		if p == stampOK {
			fig["ttd_min"] = minutes(start, d.at)
		}
	}
	if m, ok := first(es, "mitigate", func(e incEntry) bool { return e.timed && e.fully }); ok {
		add("mitigated", m.at)
		if p == stampOK {
			fig["ttm_min"] = minutes(start, m.at)
		}
	}
	if rs, ok := first(es, "resolve", func(e incEntry) bool { return e.timed && e.fixes }); ok {
		add("resolved", rs.at)
		if p == stampOK {
			fig["ttr_min"] = minutes(start, rs.at)
		}
	}
	r := engine.ReadRun(a, params)
	if at, ok := bonusFire(r); ok && !at.IsZero() && !r.Missing {
		add("alert", at)
	}
	fig["markers"] = markers
	fig["end_min"] = end
	return map[string]any{"incident": fig}
}

// shorten cuts s to at most n runes, with an ellipsis.
func shorten(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n-1]) + "…"
}
