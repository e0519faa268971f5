package builtin

import (
	"fmt"
	"strings"
	"testing"

	"github.com/katabook/katabook/engine"
)

// TestShowWhen: the field tree reads the schemas' allOf if/then into each
// field's conditions, Shown follows them (every branch while nothing is
// chosen), and Render writes no empty key of a choice not taken while the
// template still offers every branch, each field saying which it belongs to.
func TestShowWhen(t *testing.T) {
	e := newEngine(t)
	lim, _ := e.Fields("limiter")
	inc, _ := e.Fields("incident")
	slo, _ := e.Fields("slo")
	for _, c := range []struct {
		f    *engine.Field
		want string
	}{
		{lim.Find("/algorithm/token_bucket"), "[{name [token-bucket hybrid]}]"},
		{lim.Find("/storage/sync_interval_ms"), "[{kind [in-memory-sync per-region-federation]}]"},
		{lim.Find("/algorithm/justification"), "[]"},
		{inc.Find("/timeline/0/kind"), "[{phase [mitigate]} {phase [resolve]}]"},
		{inc.Find("/timeline/0/page_can"), "[{pages []}]"},
		{slo.Find("/quality/max_age_min"), "[{kind [freshness]}]"},
		{slo.Find("/quality/threshold"), "[{kind [freshness]} {kind [correctness other]}]"},
		{slo.Find("/quality/good"), "[]"},
	} {
		if got := fmt.Sprint(c.f.ShowWhen); got != c.want && !(c.want == "[]" && c.f.ShowWhen == nil) {
			t.Errorf("%s: %s, want %s", c.f.Pointer, got, c.want)
		}
	}
	thr := slo.Find("/quality/threshold")
	for kind, want := range map[string]bool{"freshness": true, "correctness": true, "other": true, "cache-hit": false} {
		if thr.Shown(map[string]any{"kind": kind}) != want {
			t.Errorf("the quality threshold shown for %s: %v", kind, !want)
		}
	}
	tb := lim.Find("/algorithm/token_bucket")
	for obj, want := range map[string]bool{"": true, "token-bucket": true, "hybrid": true, "gcra": false} {
		m := map[string]any{}
		if obj != "" {
			m["name"] = obj
		}
		if tb.Shown(m) != want {
			t.Errorf("token_bucket shown with name %q: %v", obj, !want)
		}
	}
	out, err := e.Render(engine.Meta{Kata: "limiter"}, map[string]any{"algorithm": map[string]any{"name": "gcra"}}, "")
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(out), "token_bucket") || !strings.Contains(string(out), "gcra:") {
		t.Errorf("render with gcra chosen:\n%s", out)
	}
	out, err = e.Render(engine.Meta{Kata: "slo"}, map[string]any{"quality": map[string]any{"kind": "cache-hit"}}, "")
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(out), "threshold:") || strings.Contains(string(out), "max_age_min") {
		t.Errorf("render of a cache-hit SLI:\n%s", out)
	}
	if tmpl, _ := e.Template("slo"); !strings.Contains(string(tmpl), "max_age_min:") || !strings.Contains(string(tmpl), "threshold:") ||
		!strings.Contains(string(tmpl), "# Maximum data age [min] (only when kind is freshness)") ||
		!strings.Contains(string(tmpl), "# Threshold (only when kind is freshness, correctness or other)") {
		t.Errorf("the SLO template lacks the quality SLI's fields:\n%s", tmpl)
	}
	tmpl, err := e.Template("limiter")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(tmpl), "token_bucket:") || !strings.Contains(string(tmpl), "gcra:") {
		t.Errorf("the template lacks a branch:\n%s", tmpl)
	}
}
