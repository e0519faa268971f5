package declared_test

import (
	"fmt"
	"github.com/katabook/katabook/engine"
	"github.com/katabook/katabook/internal/enginetest"
	"os"
	"strings"
	"testing"
)

func readGood(t testing.TB) []byte {
	t.Helper()
	src, err := os.ReadFile("testdata/queue-good.md")
	if err != nil {
		t.Fatal(err)
	}
	return src
}

func TestGoodSubmissionPasses(t *testing.T) {
	rep := newEngine(t).Check(readGood(t))
	if len(rep.Findings) != 0 {
		t.Fatalf("want no findings, got %+v", rep.Findings)
	}
	if len(rep.Rules) == 0 {
		t.Fatal("no rules ran")
	}
	for _, r := range rep.Rules {
		if r.Status != "pass" {
			t.Errorf("rule %s: status %s, want pass", r.Rule, r.Status)
		}
	}
	if rep.Meta.Subject != "checkout worker pool" || rep.Kata != "queue" {
		t.Errorf("meta = %+v", rep.Meta)
	}
}

// replaceLine swaps the first line starting (after indentation) with old.

// TestWrongAnswersAreCaught edits one line of a good submission and expects
// the rule to fire on exactly that line.
func TestWrongAnswersAreCaught(t *testing.T) {
	e := newEngine(t)
	good := string(readGood(t))
	tests := []struct {
		name, old, repl, rule string
		sev                   engine.Severity
	}{
		{"L is not λW", "l_computed:", "l_computed: 12", "queue/little-l", engine.Error},
		{"deviation wrong", "deviation_pct:", "deviation_pct: 20", "queue/deviation", engine.Error},
		{"2L wrong", "l_at_double:", "l_at_double: 40", "queue/double-l", engine.Error},
		{"feasible wrong", "feasible:", "feasible: true", "queue/double-feasible", engine.Error},
		{"fixed W wrong", "w_at_double_s:", "w_at_double_s: 0.5", "queue/fixed-w", engine.Error},
		{"back-pressure wrong", "lambda_reject_rps:", "lambda_reject_rps: 32", "queue/backpressure", engine.Error},
		{"M/M/1 W at 95 wrong", "- {lambda_rps: 95", "- {lambda_rps: 95, w_ms: 100, l: 19}", "queue/mm1-w", engine.Error},
		{"M/M/1 L at 80 wrong", "- {lambda_rps: 80", "- {lambda_rps: 80, w_ms: 50, l: 5}", "queue/mm1-l", engine.Error},
		{"λ at μ", "- {lambda_rps: 99", "- {lambda_rps: 100, w_ms: 1000}", "queue/mm1-unstable", engine.Error},
		{"knee too early", "knee_lambda_rps:", "knee_lambda_rps: 50", "queue/knee", engine.Warning},
		{"SLO λ wrong", "lambda_at_slo_rps:", "lambda_at_slo_rps: 95", "queue/slo-lambda", engine.Error},
		{"SLO below service time", "w_slo_ms:", "w_slo_ms: 5", "queue/slo-lambda", engine.Error},
		{"reason not needed", "reason:", "reason: batching", "queue/reason-unneeded", engine.Warning},
		{"C below measured L", "concurrency_limit:", "concurrency_limit: 8", "queue/concurrency", engine.Warning},
		{"wrong type", "lambda_rps: 40", "lambda_rps: forty", "schema/type", engine.Error},
		{"enum", "kind:", "kind: pipe", "schema/enum", engine.Error},
		{"negative W", "w_s:", "w_s: -0.25", "schema/exclusiveMinimum", engine.Error},
		{"typo in a key", "w_s:", "w_sec: 0.25", "schema/additionalProperties", engine.Error},
		{"unanswered", "l_measured:", "l_measured:", "schema/required", engine.Error},
		{"not finite", "l_measured:", "l_measured: .nan", "answer/yaml", engine.Error},
		{"too big", "l_measured:", "l_measured: 1e400", "answer/yaml", engine.Error},
		{"duplicate key", "l_measured:", "l_measured: 10.6\n  l_measured: 11", "answer/yaml", engine.Error},
		{"leading zero", "lambda_rps: 40", "lambda_rps: 050", "answer/octal", engine.Warning},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := enginetest.ReplaceLine(t, good, tt.old, tt.repl)
			rep := e.Check([]byte(src))
			key := strings.SplitN(strings.TrimPrefix(tt.repl, "- {"), ":", 2)[0]
			enginetest.FindingsOn(t, rep, src, tt.rule, tt.sev, key)
		})
	}
}

// findingsOn returns the findings of rule, failing the test when there are
// none, and checks that each has the severity and sits on a line of src
// that holds key.

// A leading zero makes YAML read octal. The learner hears of it only
// when that changes the number: 050 is 40, while 007 is 7 either way and
// 08, not octal, is 8. The value stays YAML's: 050 passes where 40 is due.
func TestLeadingZeroWarnsWhenOctalChangesTheNumber(t *testing.T) {
	e := newEngine(t)
	good := string(readGood(t))
	for spelling, want := range map[string]bool{
		"050": true, "-050": true, "+050": true, "0_50": true, "0050": true,
		"40": false, "007": false, "08": false, "0o50": false, "0x28": false, "0": false, "0.5": false, "00": false, `"050"`: false,
	} {
		rep := e.Check([]byte(enginetest.ReplaceLine(t, good, "lambda_rps: 40", "lambda_rps: "+spelling)))
		if got := enginetest.HasRule(rep, "answer/octal"); got != want {
			t.Errorf("%s: answer/octal %v, want %v: %+v", spelling, got, want, rep.Findings)
		}
	}
	rep := e.Check([]byte(enginetest.ReplaceLine(t, good, "lambda_rps: 40", "lambda_rps: 050")))
	if rep.Errors() != 0 {
		t.Errorf("050 is 40, the right answer: %+v", rep.Findings)
	}
}

func TestDeviationAboveTenPercentNeedsReason(t *testing.T) {
	e := newEngine(t)
	src := string(readGood(t))
	src = enginetest.ReplaceLine(t, src, "l_measured:", "l_measured: 13")
	src = enginetest.ReplaceLine(t, src, "deviation_pct:", "deviation_pct: 30")
	rep := e.Check([]byte(src))
	if !enginetest.HasRule(rep, "queue/reason-required") {
		t.Fatalf("30%% deviation with reason none must be an error: %+v", rep.Findings)
	}
	withOther := enginetest.ReplaceLine(t, src, "reason:", "reason: other")
	rep = e.Check([]byte(withOther))
	if enginetest.HasRule(rep, "queue/reason-required") || !enginetest.HasRule(rep, "queue/reason-text") {
		t.Fatalf("reason other without text: %+v", rep.Findings)
	}
	explained := enginetest.ReplaceLine(t, withOther, "reason: other", "reason: other\n  reason_text: a deploy restarted half the workers mid-window")
	if rep = e.Check([]byte(explained)); rep.Errors() != 0 {
		t.Fatalf("explained deviation must pass: %+v", rep.Findings)
	}
}

func TestRoundingTolerance(t *testing.T) {
	tests := []struct {
		stated  float64
		literal string
		want    float64
		ok      bool
	}{
		{37, "37", 37.45, true},
		{37.4, "37.4", 37.45, true},
		{38, "38", 37.45, false},
		{37.3, "37.3", 37.45, true}, // within 1%
		{36.9, "36.9", 37.45, false},
		{0.2, "0.2", 0.2, true},
		{0.21, "0.21", 0.2, false},
		{1000, "1e3", 1000, true},
		{100, "100", 99, false},
	}
	for _, tt := range tests {
		if got := engine.Near(tt.stated, tt.literal, tt.want); got != tt.ok {
			t.Errorf("engine.Near(%v, %q, %v) = %v, want %v", tt.stated, tt.literal, tt.want, got, tt.ok)
		}
	}
}

func TestFiguresCarryTheCurve(t *testing.T) {
	if rep := newEngine(t).Check(readGood(t)); rep.Figures != nil {
		t.Error("Check computes figures; only CheckWithFigures should")
	}
	rep := newEngine(t).CheckWithFigures(readGood(t))
	mm1, ok := rep.Figures["mm1"].(map[string]any)
	if !ok {
		t.Fatalf("no mm1 figure: %+v", rep.Figures)
	}
	if mm1["mu"] != 100.0 {
		t.Errorf("mu = %v", mm1["mu"])
	}
	knee, _ := mm1["knee"].(map[string]any)
	if knee["lambda"] != 90.0 || knee["w_ms"] != 100.0 {
		t.Errorf("knee = %v, want λ 90, W 100 ms", mm1["knee"])
	}
}

// TestLinesPointIntoDeepFiles: with the answer block far down the file,
// behind prose and other fenced blocks, findings still name the exact line
// and column of the wrong value.
func TestLinesPointIntoDeepFiles(t *testing.T) {
	e := newEngine(t)
	good := string(readGood(t))
	end := strings.Index(good[4:], "\n---\n") + 9
	var prose strings.Builder
	for i := range 300 {
		fmt.Fprintf(&prose, "Paragraph %d of notes.\n\n", i)
	}
	prose.WriteString("```yaml\nl_computed: 99\n```\n\n~~~~\n```yaml answer\nl_computed: 98\n```\n~~~~\n\n")
	src := good[:end] + prose.String() + good[end:]
	src = strings.Replace(src, "  l_computed: 10\n", "  l_computed:    12\n", 1)
	rep := e.Check([]byte(src))
	lines := strings.Split(src, "\n")
	for _, f := range rep.Findings {
		if f.Rule != "queue/little-l" {
			t.Errorf("unexpected finding %+v", f)
			continue
		}
		if got := lines[f.Line-1]; got != "  l_computed:    12" || f.Col != 18 {
			t.Errorf("finding at %d:%d (%q), want the line of l_computed, column 18", f.Line, f.Col, got)
		}
	}
	if len(rep.Findings) != 1 {
		t.Fatalf("want exactly the little-l finding, got %+v", rep.Findings)
	}
}

func newEngine(t testing.TB) *engine.Engine {
	return enginetest.New(t, []engine.Kata{enginetest.Declared(t, "queue")})
}
