package declared_test

import (
	"strings"
	"testing"

	"github.com/katabook/katabook/engine"
	"github.com/katabook/katabook/engine/kata/declared"
	"github.com/katabook/katabook/internal/enginetest"
)

// errorsOf are the report's top-level error findings.
func errorsOf(rep *engine.Report) []engine.Finding {
	var out []engine.Finding
	for _, f := range rep.Findings {
		if f.Severity == engine.Error {
			out = append(out, f)
		}
	}
	return out
}

// findingOf is the one finding of rule, failing the test without it.
func findingOf(t *testing.T, rep *engine.Report, rule string) engine.Finding {
	t.Helper()
	for _, f := range rep.Findings {
		if f.Rule == rule {
			return f
		}
	}
	t.Fatalf("no %s finding in %+v", rule, rep.Findings)
	return engine.Finding{}
}

// TestASlippedInputIsFoundAtTheInput: an input written in another unit,
// with every answer after it computed from the value meant, is one finding
// on the input that names the slip and the value meant.
func TestASlippedInputIsFoundAtTheInput(t *testing.T) {
	e := newEngine(t)
	good := string(readGood(t))
	tests := []struct {
		name, old, repl, rule, ptr, want string
	}{
		{"W in milliseconds", "w_s:", "w_s: 250", "queue/w-slip", "/measured/w_s", "W looks like milliseconds: did you mean 0.25 s?"},
		{"λ per minute", "lambda_rps: 40", "lambda_rps: 2400", "queue/lambda-slip", "/measured/lambda_rps", "λ looks like a per-minute rate: did you mean 40 req/s?"},
		{"μ a digit too long", "mu_rps:", "mu_rps: 1000", "queue/mu-slip", "/mm1/mu_rps", "μ looks 10 times too large: did you mean 100 req/s?"},
		{"W_slo in seconds", "w_slo_ms:", "w_slo_ms: 0.1", "queue/slo-lambda", "/mm1/w_slo_ms", "W_slo looks like seconds: did you mean 100 ms?"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rep := e.Check([]byte(enginetest.ReplaceLine(t, good, tt.old, tt.repl)))
			f := findingOf(t, rep, tt.rule)
			if f.Pointer != tt.ptr || f.Severity != engine.Error || !strings.Contains(f.Message, tt.want) {
				t.Errorf("got %s at %s: %q; want an error at %s saying %q", f.Rule, f.Pointer, f.Message, tt.ptr, tt.want)
			}
			if errs := errorsOf(rep); len(errs) != 1 {
				t.Errorf("one slip, one error: what follows from it folds under it; got %+v", errs)
			}
		})
	}
}

// TestASlipInOneDerivedAnswerStaysThere: when only one derived answer is
// off by a factor, the inputs are right and the finding is on that answer.
func TestASlipInOneDerivedAnswerStaysThere(t *testing.T) {
	e := newEngine(t)
	good := string(readGood(t))
	for _, tt := range []struct{ old, repl, rule string }{
		{"l_computed:", "l_computed: 600", "queue/little-l"},
		{"lambda_reject_rps:", "lambda_reject_rps: 0.064", "queue/backpressure"},
		{"w_at_double_s:", "w_at_double_s: 200", "queue/fixed-w"},
	} {
		rep := e.Check([]byte(enginetest.ReplaceLine(t, good, tt.old, tt.repl)))
		errs := errorsOf(rep)
		if len(errs) != 1 || errs[0].Rule != tt.rule {
			t.Errorf("%s: want one %s error, got %+v", tt.repl, tt.rule, rep.Findings)
		}
	}
}

// TestWhatFollowsFromAWrongLIsFoldedUnderIt: a deviation and a 2L worked
// out from a wrong λ·W follow from it (uses: /little/l_computed).
func TestWhatFollowsFromAWrongLIsFoldedUnderIt(t *testing.T) {
	src := enginetest.ReplaceLine(t, string(readGood(t)), "l_computed:", "l_computed: 600")
	src = enginetest.ReplaceLine(t, src, "deviation_pct:", "deviation_pct: 98.2")
	src = enginetest.ReplaceLine(t, src, "reason:", "reason: other\n  reason_text: the gauge misses most items")
	src = enginetest.ReplaceLine(t, src, "l_at_double:", "l_at_double: 1200")
	rep := newEngine(t).Check([]byte(src))
	errs := errorsOf(rep)
	if len(errs) != 1 || errs[0].Rule != "queue/little-l" || !strings.Contains(errs[0].Message, "60 times too large") {
		t.Fatalf("want one queue/little-l error naming the factor, got %+v", rep.Findings)
	}
	var folded []string
	for _, f := range errs[0].Follows {
		folded = append(folded, f.Rule)
	}
	if strings.Join(folded, " ") != "queue/deviation queue/double-l" {
		t.Errorf("folded under it: %v", folded)
	}
}

// TestAUnitCarriedThroughIsAWarningAtTheInput: W in milliseconds with
// every answer computed from it is consistent but for the measured L; a
// factor of 1000 between λ·W and L is read as the unit, as a warning.
func TestAUnitCarriedThroughIsAWarningAtTheInput(t *testing.T) {
	src := string(readGood(t))
	for old, repl := range map[string]string{"w_s:": "w_s: 250", "l_computed:": "l_computed: 10000", "deviation_pct:": "deviation_pct: 99.9",
		"reason:": "reason: other\n  reason_text: the gauge misses almost everything", "l_at_double:": "l_at_double: 20000", "lambda_reject_rps:": "lambda_reject_rps: 0.064"} {
		src = enginetest.ReplaceLine(t, src, old, repl)
	}
	rep := newEngine(t).Check([]byte(src))
	f := findingOf(t, rep, "queue/l-scale")
	if f.Severity != engine.Warning || f.Pointer != "/measured/w_s" || !strings.Contains(f.Message, "factor of 1000 apart: W looks like milliseconds. Did you mean 0.25 s?") || rep.Errors() != 0 {
		t.Errorf("got %+v", rep.Findings)
	}
}

// TestMeasuredFiguresMustBeMeans: a W or L said to come from a percentile,
// a peak or one reading is an error at its statistic; a mean, or "other",
// is not; and an answer without the sources is checked as before.
func TestMeasuredFiguresMustBeMeans(t *testing.T) {
	e := newEngine(t)
	good := string(readGood(t))
	with := func(sources string) string {
		return enginetest.ReplaceLine(t, good, "l_measured:", "l_measured: 10.6\n"+sources)
	}
	means := "  lambda_source: {statistic: mean, window_min: 60}\n  w_source: {statistic: mean, window_min: 60}\n  l_source: {statistic: mean, window_min: 60}"
	if rep := e.Check([]byte(with(means))); len(rep.Findings) != 0 {
		t.Fatalf("three means over one hour: %+v", rep.Findings)
	}
	for _, tt := range []struct{ old, repl, ptr string }{
		{"w_source", "{statistic: p95, window_min: 60}", "/measured/w_source/statistic"},
		{"w_source", "{statistic: median}", "/measured/w_source/statistic"},
		{"l_source", "{statistic: max, window_min: 60}", "/measured/l_source/statistic"},
		{"l_source", "{statistic: instant}", "/measured/l_source/statistic"},
		{"lambda_source", "{statistic: peak, window_min: 60}", "/measured/lambda_source/statistic"},
	} {
		src := with(strings.Replace(means, tt.old+": {statistic: mean, window_min: 60}", tt.old+": "+tt.repl, 1))
		errs := errorsOf(e.Check([]byte(src)))
		if len(errs) != 1 || errs[0].Rule != "queue/source-mean" || errs[0].Pointer != tt.ptr {
			t.Errorf("%s %s: want one queue/source-mean error at %s, got %+v", tt.old, tt.repl, tt.ptr, errs)
		}
	}
	if rep := e.Check([]byte(with("  w_source: {statistic: other, query: trimmed mean of the access log}"))); len(rep.Findings) != 0 {
		t.Errorf("other is the learner's to explain: %+v", rep.Findings)
	}
}

func TestWindowsThatDifferAreAWarningOnTheOddOne(t *testing.T) {
	e := newEngine(t)
	good := string(readGood(t))
	src := enginetest.ReplaceLine(t, good, "l_measured:", "l_measured: 10.6\n  lambda_source: {statistic: mean, window_min: 60}\n  w_source: {statistic: mean, window_min: 5}\n  l_source: {statistic: mean, window_min: 60}")
	rep := e.Check([]byte(src))
	f := findingOf(t, rep, "queue/same-window")
	if f.Severity != engine.Warning || f.Pointer != "/measured/w_source/window_min" || rep.Errors() != 0 {
		t.Errorf("want a warning on W's window, no error: %+v", rep.Findings)
	}
}

// TestAPercentileInTheSourceIsReadAsAWarning: without w_source, the engine
// reads queue.source; a percentile there is a reading, never an error.
func TestAPercentileInTheSourceIsReadAsAWarning(t *testing.T) {
	e := newEngine(t)
	good := string(readGood(t))
	src := enginetest.ReplaceLine(t, good, "source:", "source: Grafana p99 latency panel, 2026-11-24 14:00-15:00 UTC")
	rep := e.Check([]byte(src))
	f := findingOf(t, rep, "queue/w-source-reading")
	if f.Severity != engine.Warning || f.Pointer != "/measured/w_s" || !strings.HasPrefix(f.Message, "Reading your text") || !strings.Contains(f.Message, `"p99"`) {
		t.Errorf("got %+v", f)
	}
	said := enginetest.ReplaceLine(t, src, "l_measured:", "l_measured: 10.6\n  w_source: {statistic: mean}")
	if rep := e.Check([]byte(said)); len(rep.Findings) != 0 {
		t.Errorf("a W said to be the mean is not read from prose: %+v", rep.Findings)
	}
}

// TestAnOptionalReadDoesNotSkipTheRule: a read through ?. may be absent,
// and the rule still runs.
func TestAnOptionalReadDoesNotSkipTheRule(t *testing.T) {
	schema := []byte(`{"$id": "https://katabook.dev/schemas/k.json", "type": "object", "properties": {"a": {"type": "object", "properties": {"b": {"type": "number"}}}, "c": {"type": "number"}}}`)
	rules := []byte("title: t\nrules:\n  - id: k/r\n    severity: error\n    kind: computed\n    pass: c 1\n    fail: c 5\n    title: r\n    at: /c\n    fail_if: answer.a?.b == 2 || answer.c > 1\n    message: too big\n")
	k, err := declared.Parse("k", "k.schema.json", schema, "k.rules.yaml", rules)
	if err != nil {
		t.Fatal(err)
	}
	rep := enginetest.New(t, []engine.Kata{k}).Check([]byte("---\nkata: k\n---\n\n```yaml answer\nc: 5\n```\n"))
	if !enginetest.HasRule(rep, "k/r") {
		t.Fatalf("the rule was skipped: %+v", rep)
	}
}

// TestACurveInSecondsIsOneFinding: W written in seconds in the curve's ms
// column is one finding on the curve, naming the slip.
func TestACurveInSecondsIsOneFinding(t *testing.T) {
	src := strings.NewReplacer("w_ms: 20,", "w_ms: 0.02,", "w_ms: 50,", "w_ms: 0.05,", "w_ms: 100,", "w_ms: 0.1,", "w_ms: 200,", "w_ms: 0.2,", "w_ms: 1000,", "w_ms: 1,").Replace(string(readGood(t)))
	rep := newEngine(t).Check([]byte(src))
	f := findingOf(t, rep, "queue/curve-slip")
	if f.Pointer != "/mm1/points" || !strings.Contains(f.Message, "looks like seconds: did you mean 20, 50, 100, 200, 1000 ms?") {
		t.Errorf("got %+v", f)
	}
	if errs := errorsOf(rep); len(errs) != 1 || len(f.Follows) != 5 {
		t.Errorf("want the five points' findings folded under the curve's, got %+v", rep.Findings)
	}
	one := enginetest.ReplaceLine(t, string(readGood(t)), "- {lambda_rps: 95", "- {lambda_rps: 95, w_ms: 0.2, l: 19}")
	if rep := newEngine(t).Check([]byte(one)); enginetest.HasRule(rep, "queue/curve-slip") || !enginetest.HasRule(rep, "queue/mm1-w") {
		t.Errorf("one point in seconds is that point's finding: %+v", rep.Findings)
	}
}
