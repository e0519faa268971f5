package engine

import (
	"strings"
	"testing"
)

// runSubmission is tinySubmission with extra front matter lines.
func runSubmission(front string) []byte {
	return []byte("---\nkata: tiny\nsubject: s\n" + front + "---\n```yaml answer\nx: 6\n```\n")
}

func TestRunKeysAreChecked(t *testing.T) {
	e, err := New(WithKatas(tinyKata()), WithTimeLimits(map[string]int{"tiny": 20}))
	if err != nil {
		t.Fatal(err)
	}
	ok := "started: 2026-11-25T09:00:00Z\nfinished: 2026-11-25T09:15:00Z\nelapsed: 840\nover_limit: false\nruleset: " + e.Ruleset() + "\n"
	for _, tc := range []struct {
		name, front string
		rule        string // "" for no finding
		sev         Severity
		says        string
	}{
		{"hand-written, no run", "", "", "", ""},
		{"consistent run", ok, "", "", ""},
		{"paused timer: elapsed shorter than the span", strings.Replace(ok, "840", "300", 1), "", "", ""},
		{"clock readings a moment apart", strings.Replace(ok, "840", "900.5", 1), "", "", ""},
		{"finished before started", strings.Replace(ok, "09:15", "08:15", 1), "run/time", Error, "before it started"},
		{"not a time", strings.Replace(ok, "2026-11-25T09:00:00Z", "yesterday", 1), "run/time", Error, "RFC 3339"},
		{"elapsed longer than the run", strings.Replace(ok, "840", "1000", 1), "run/elapsed", Error, "longer than the run"},
		{"elapsed not a number", strings.Replace(ok, "840", "ten minutes", 1), "run/elapsed", Error, "not a number"},
		{"over the limit but says not", "elapsed: 1500\nover_limit: false\n", "run/over-limit", Error, "over the kata's time limit of 20 min"},
		{"within the limit but says over", "elapsed: 60\nover_limit: true\n", "run/over-limit", Error, "within"},
		{"over_limit not a flag", "over_limit: maybe\n", "run/over-limit", Error, "true or false"},
		{"another ruleset", strings.Replace(ok, e.Ruleset(), "0.0.9+000000000000", 1), "run/ruleset", Warning, "0.0.9+000000000000"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rep := e.Check(runSubmission(tc.front))
			var got []Finding
			for _, f := range rep.Findings {
				if strings.HasPrefix(f.Rule, "run/") {
					got = append(got, f)
				}
			}
			if tc.rule == "" {
				if len(got) > 0 || rep.Errors() > 0 {
					t.Fatalf("want no finding, got %+v", rep.Findings)
				}
				return
			}
			if len(got) != 1 || got[0].Rule != tc.rule || got[0].Severity != tc.sev || !strings.Contains(got[0].Message, tc.says) || got[0].Line < 2 {
				t.Fatalf("want one %s %s saying %q at its line, got %+v", tc.sev, tc.rule, tc.says, got)
			}
			if tc.rule == "run/ruleset" && !strings.Contains(got[0].Message, e.Ruleset()) {
				t.Errorf("the ruleset warning must name both rulesets: %s", got[0].Message)
			}
		})
	}
	// Without a known time limit over_limit cannot be judged, so it is not.
	bare, _ := New(WithKatas(tinyKata()))
	if rep := bare.Check(runSubmission("elapsed: 1500\nover_limit: false\n")); rep.Errors() > 0 {
		t.Errorf("no time limit known, yet %+v", rep.Findings)
	}
}

func TestRunRulesAreListedWithHelp(t *testing.T) {
	e, _ := New(WithKatas(tinyKata()))
	for _, id := range []string{"run/time", "run/elapsed", "run/over-limit", "run/ruleset"} {
		r, ok := e.Rule(id)
		if !ok || r.Help == "" || r.Summary == "" {
			t.Errorf("rule %s: %+v, %v", id, r, ok)
		}
	}
}

// TestRenderWritesTheRun: Render writes the run's keys when set and Parse
// reads them back; a meta without them renders without them.
func TestRenderWritesTheRun(t *testing.T) {
	e, _ := New(WithKatas(tinyKata()))
	over := true
	meta := Meta{Kata: "tiny", Subject: "s", Started: "2026-11-25T09:00:00Z", Finished: "2026-11-25T09:30:00Z",
		Elapsed: 1500.5, OverLimit: &over, Ruleset: e.Ruleset()}
	src, err := e.Render(meta, map[string]any{"x": 6.0}, "")
	if err != nil {
		t.Fatal(err)
	}
	sub, findings := Parse(src)
	if len(findings) > 0 {
		t.Fatalf("%s\n%+v", src, findings)
	}
	got := sub.Meta
	if got.Started != meta.Started || got.Finished != meta.Finished || got.Elapsed != 1500.5 || got.OverLimit == nil || !*got.OverLimit || got.Ruleset != meta.Ruleset {
		t.Fatalf("read back %+v from\n%s", got, src)
	}
	plain, _ := e.Render(Meta{Kata: "tiny", Subject: "s"}, map[string]any{"x": 6.0}, "")
	for _, key := range []string{"started", "finished", "elapsed", "over_limit", "ruleset"} {
		if strings.Contains(string(plain), "\n"+key+":") {
			t.Errorf("a meta without a run renders %s:\n%s", key, plain)
		}
	}
}
