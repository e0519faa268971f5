package slo

import (
	"strings"
	"testing"

	"github.com/katabook/katabook/engine"
)

// withQuality is the good document (a freshness SLI on a timestamp gauge,
// threshold "younger than 15 minutes") with the quality SLI's kind, its
// maximum age ("" for none), its threshold (drop: none) and query ("" to
// keep) set.
func withQuality(t *testing.T, kind, maxAge string, dropThreshold bool, query string) string {
	t.Helper()
	head := "kind: " + kind
	if maxAge != "" {
		head += "\n  max_age_min: " + maxAge
	}
	src := replaceIn(t, readSLOGood(t), "quality", "kind:", head)
	if dropThreshold {
		src = strings.Replace(src, "  threshold: Forecast data younger than 15 minutes\n", "", 1)
	}
	if query != "" {
		src = replaceIn(t, src, "quality", "query:", "query: "+query)
	}
	return src
}

// TestFreshnessFields: a freshness SLI gives its maximum data age, or (as
// answers from before the field did) the bound in its threshold's words;
// correctness and other need the threshold, a cache hit neither. A PromQL
// freshness query compares its age with the maximum age: time() in
// seconds, a histogram's le in its unit. The age is read only while the
// kind is freshness, as the form shows it only then.
func TestFreshnessFields(t *testing.T) {
	e := newEngine(t)
	const (
		gauge = `count((time() - forecast_last_refresh_timestamp_seconds{job="forecast"}) < %s) / count(forecast_last_refresh_timestamp_seconds{job="forecast"})`
		hist  = `sum(rate(forecast_age_seconds_bucket{job="forecast",le="%s"}[1m])) / sum(rate(forecast_age_seconds_count{job="forecast"}[1m]))`
	)
	q := func(f, n string) string { return strings.Replace(f, "%s", n, 1) }
	for _, c := range []struct {
		name, kind, maxAge string
		drop               bool
		query              string
		rule, ptr, says    string // "" rule: the document passes
	}{
		{"age in minutes", "freshness", "15", false, "", "", "", ""},
		{"age in seconds", "freshness", "900 s", true, "", "", "", ""},
		{"age without words", "freshness", "15 min", true, "", "", "", ""},
		{"words without age", "freshness", "", false, "", "", "", ""},
		{"neither", "freshness", "", true, "", "schema/required", "/quality/max_age_min", "Maximum data age"},
		{"cache hit needs no threshold", "cache-hit", "", true, "", "", "", ""},
		{"correctness needs its threshold", "correctness", "", true, "", "schema/required", "/quality/threshold", "Threshold"},
		{"age of another kind", "freshness", "15 req/s", false, "", "answer/unit", "/quality/max_age_min", "a duration"},
		{"gauge compared in minutes", "freshness", "15 min", false, q(gauge, "15"), "slo/freshness-age", "/quality/query", "compare with 900"},
		{"gauge bound not the age", "freshness", "20 min", false, "", "slo/freshness-age", "/quality/query", "compare with 1200"},
		{"gauge bound on the right", "freshness", "15", false, `count(900 > (time() - forecast_last_refresh_timestamp_seconds{job="forecast"})) / count(forecast_last_refresh_timestamp_seconds{job="forecast"})`, "", "", ""},
		{"timestamp after now less the age", "freshness", "15", false, `count(forecast_last_refresh_timestamp_seconds{job="forecast"} > time() - 900) / count(forecast_last_refresh_timestamp_seconds{job="forecast"})`, "", "", ""},
		{"timestamp after now less minutes", "freshness", "15", false, `count(time() - 15 < forecast_last_refresh_timestamp_seconds{job="forecast"}) / count(forecast_last_refresh_timestamp_seconds{job="forecast"})`, "slo/freshness-age", "/quality/query", "compare with 900"},
		{"age in minutes compared in minutes", "freshness", "15", false, `count((time() - forecast_last_refresh_timestamp_seconds{job="forecast"}) / 60 < 15) / count(forecast_last_refresh_timestamp_seconds{job="forecast"})`, "", "", ""},
		{"histogram bucket of the age", "freshness", "15", false, q(hist, "900"), "", "", ""},
		{"histogram bucket in minutes", "freshness", "15", false, q(hist, "15"), "slo/freshness-age", "/quality/query", `le="900"`},
		{"hidden age not read", "cache-hit", "20 min", false, "", "", "", ""},
		{"bound only in words not read", "freshness", "", false, q(gauge, "15"), "", "", ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			rep := e.Check([]byte(withQuality(t, c.kind, c.maxAge, c.drop, c.query)))
			var got []engine.Finding
			for _, f := range rep.Findings {
				if f.Severity == engine.Error {
					got = append(got, f)
				}
			}
			if c.rule == "" {
				if len(got) > 0 {
					t.Errorf("errors: %+v", got)
				}
				return
			}
			if len(got) != 1 || got[0].Rule != c.rule || got[0].Pointer != c.ptr || !strings.Contains(got[0].Message, c.says) {
				t.Errorf("want one %s at %s saying %q; got %+v", c.rule, c.ptr, c.says, got)
			}
		})
	}
}

// TestFreshnessAgeIsTheBound: the alternatives halve and double the
// maximum data age where one is given, not the duration in the words.
func TestFreshnessAgeIsTheBound(t *testing.T) {
	e := newEngine(t)
	src := withQuality(t, "freshness", "20 min", false, `count((time() - forecast_last_refresh_timestamp_seconds{job="forecast"}) < 1200) / count(forecast_last_refresh_timestamp_seconds{job="forecast"})`)
	for _, alt := range []string{"looser:\n    value: 40 min\n    consequence: A stale forecast at noon.", "tighter:\n    value: 10 min\n    consequence: Every late publish pages."} {
		src = strings.Replace(src, "\nalerts:", "\n  "+alt+"\nalerts:", 1)
	}
	rep := e.Check([]byte(src))
	for _, f := range rep.Findings {
		if f.Rule == "slo/alternatives" {
			t.Errorf("10 and 40 min are half and double a 20-minute age: %s", f.Message)
		}
	}
	src = strings.Replace(src, "value: 10 min", "value: 7.5 min", 1)
	if !hasRule(e.Check([]byte(src)), "slo/alternatives") {
		t.Errorf("7.5 min is not half a 20-minute age, yet no finding")
	}
}

func hasRule(rep *engine.Report, rule string) bool {
	for _, f := range rep.Findings {
		if f.Rule == rule {
			return true
		}
	}
	return false
}
