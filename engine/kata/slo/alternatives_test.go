package slo

import (
	"strings"
	"testing"

	"github.com/katabook/katabook/engine"
)

// withAlternatives gives the SLI section of the good document (threshold
// 300 ms, targets 99.9 / 99 / 99.5 over 30 days, freshness under 15
// minutes) a justification and the tighter and looser values given ("" for
// none).
func withAlternatives(t *testing.T, section, justification, tighter, looser string) string {
	t.Helper()
	repl := "justification: " + justification
	for _, alt := range [][2]string{{"tighter", tighter}, {"looser", looser}} {
		if alt[1] != "" {
			repl += "\n  " + alt[0] + ":\n    value: " + alt[1] + "\n    consequence: It would go wrong in a way the team can name."
		}
	}
	return replaceIn(t, readSLOGood(t), section, "justification:", repl)
}

// findingsOf lists the findings of rule as "pointer: message".
func findingsOf(rep *engine.Report, rule string) []string {
	var out []string
	for _, f := range rep.Findings {
		if f.Rule == rule {
			out = append(out, f.Pointer+": "+f.Message)
		}
	}
	return out
}

// TestAlternativesAsValues: tighter and looser values in any unit are
// read onto the SLI's threshold, bound or budget and must be about half
// and double it, each on its own side.
func TestAlternativesAsValues(t *testing.T) {
	e := newEngine(t)
	tests := []struct {
		name, section, tighter, looser string
		at, says                       string // "" when no slo/alternatives error is expected
	}{
		{"latency in ms and s", "latency", "150 ms", "0.6 s", "", ""},
		{"latency in words", "latency", "150ms", "half a second", "", ""},
		{"latency as targets", "latency", "99.5%", "98 %", "", ""},
		{"availability as targets", "availability", "99.95%", `"99.8"`, "", ""},
		{"availability as budget minutes", "availability", "21.6 min", "1h26m", "", ""},
		{"freshness bound", "quality", "7.5 min", "half an hour", "", ""},
		{"freshness by target", "quality", "99.75%", "99%", "", ""},
		{"latency tighter not half", "latency", "250 ms", "600 ms", "/latency/tighter/value", "0.8333 ×"},
		{"availability tighter ten times", "availability", "99.99%", "99.8%", "/availability/tighter/value", "99.95%"},
		{"freshness tighter two thirds", "quality", "10 min", "30 min", "/quality/tighter/value", "7.5 min"},
		{"looser is tighter", "availability", "99.95%", "99.95%", "/availability/looser/value", "not looser"},
		{"swapped pair is one finding", "latency", "600 ms", "150 ms", "/latency/tighter/value", "wrong way round"},
		{"latency number without unit", "latency", `"150"`, "600 ms", "/latency/tighter/value", "no unit"},
		{"not a value", "latency", "much faster", "600 ms", "/latency/tighter/value", "not one value"},
		{"target of 100", "availability", "100%", "99.8%", "/availability/tighter/value", "no error budget"},
		{"a rate is no threshold", "latency", "150 req/s", "600 ms", "/latency/tighter/value", "nothing of that kind"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rep := e.Check([]byte(withAlternatives(t, tt.section, "See the values.", tt.tighter, tt.looser)))
			got := findingsOf(rep, "slo/alternatives")
			if tt.at == "" {
				if len(got) > 0 || rep.Errors() > 0 {
					t.Fatalf("want no error, got %+v", rep.Findings)
				}
				if j := findingsOf(rep, "slo/justification"); len(j) > 0 {
					t.Errorf("values given, yet the prose was read: %q", j)
				}
				return
			}
			if len(got) != 1 || !strings.HasPrefix(got[0], tt.at+": ") || !strings.Contains(got[0], tt.says) {
				t.Fatalf("want one slo/alternatives at %s saying %q, got %q", tt.at, tt.says, got)
			}
			for _, f := range rep.Findings {
				if f.Rule == "slo/alternatives" && f.Severity != engine.Error {
					t.Errorf("severity %s, want error: it is computed", f.Severity)
				}
			}
		})
	}
}

// TestJustificationIsAReading: the prose is read for the alternatives in
// natural units and for a reason, and what it finds is a warning that says
// it is a reading, never an error.
func TestJustificationIsAReading(t *testing.T) {
	e := newEngine(t)
	tests := []struct {
		name, section, text, says string // says "" means no warning
	}{
		{"natural units", "latency", "At 150ms the upstream alone would break it; a 0.6 s bar hides a visible stall.", ""},
		{"hyphenated bound", "quality", "A 7.5-minute bound would page on the upstream's own schedule; a thirty-minute bound serves a stale forecast.", ""},
		{"bound in words", "quality", "Half of 15 minutes would break on every late publish; half an hour would serve stale data.", ""},
		{"target argued for latency", "latency", "99.5% would be spent by cache misses alone; 98% lets a slow week pass.", ""},
		{"budget minutes", "availability", "With 21.6 min a single failover breaks it; with 86.4 min an outage a day goes unseen.", ""},
		{"no alternatives", "availability", "Users expect the forecast to load.", "twice as tight (99.95% → 21.6 min"},
		{"only the tighter", "latency", "A 150 ms bar would measure the upstream, not us.", "twice as loose (600 ms"},
		{"both named, no reason", "availability", "We considered 99.95% and 99.8% and chose 99.9%.", "could not find a reason"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rep := e.Check([]byte(withAlternatives(t, tt.section, tt.text, "", "")))
			got := findingsOf(rep, "slo/justification")
			if rep.Errors() > 0 {
				t.Fatalf("a reading turned the document red: %+v", rep.Findings)
			}
			if tt.says == "" {
				if len(got) > 0 {
					t.Fatalf("want no warning, got %q", got)
				}
				return
			}
			if len(got) != 1 || !strings.Contains(got[0], "Reading your text") || !strings.Contains(got[0], tt.says) {
				t.Fatalf("want one reading warning saying %q, got %q", tt.says, got)
			}
		})
	}
}

// TestAlternativeHints: the page shows beside each value what the kata's
// factor gives and the budget of a target given.
func TestAlternativeHints(t *testing.T) {
	rep := newEngine(t).CheckWithFigures([]byte(withAlternatives(t, "availability", "See below.", "99.95%", "")))
	hints, _ := rep.Figures["hints"].(map[string]string)
	if h := hints["/availability/tighter/value"]; !strings.Contains(h, "99.95%") || !strings.Contains(h, "21.6 min of budget per 30 days") {
		t.Errorf("tighter hint = %q", h)
	}
	if h := hints["/latency/looser/value"]; !strings.Contains(h, "600 ms") || !strings.Contains(h, "98%") {
		t.Errorf("latency looser hint = %q", h)
	}
	if h := hints["/quality/tighter/value"]; !strings.Contains(h, "7.5 min") {
		t.Errorf("quality tighter hint = %q", h)
	}
}
