package engine_test

import (
	"strings"
	"testing"

	"github.com/katabook/katabook/engine"
)

// littleKata is a small kata with units: λ in req/s, W in seconds, L in
// items, and a slip rule that puts a W written in milliseconds at W.
func littleKata() *engine.Spec {
	return &engine.Spec{
		ID: "little", Title: "Little's law",
		Schema: []byte(`{"$id": "https://example.com/little.json", "type": "object",
			"required": ["lambda_rps", "w_s", "l"],
			"properties": {
				"lambda_rps": {"type": "number", "x-unit": "req/s"},
				"w_s": {"type": "number", "exclusiveMinimum": 0, "x-unit": "s"},
				"l": {"type": "number", "x-unit": "items"},
				"doubled_l": {"type": "number", "x-unit": "items"},
				"measured_l": {"type": "number", "x-unit": "items"}}}`),
		Rules: []engine.Rule{
			{ID: "little/w-unit", Severity: engine.Error, Kind: engine.Computed, Title: "W in seconds", Check: func(r *engine.Run) {
				lam, w, measured := r.Num("/lambda_rps"), r.Num("/w_s"), r.Num("/measured_l")
				if !r.Missing && engine.Near(lam*w/1000, "", measured) && !engine.Near(lam*w, "", measured) {
					r.Failf("/w_s", "W looks like milliseconds: did you mean %s s?", engine.FormatNum(w/1000))
				}
			}},
			{ID: "little/l", Severity: engine.Error, Kind: engine.Computed, Title: "L = λ·W", Check: func(r *engine.Run) {
				lam, w := r.Num("/lambda_rps"), r.Num("/w_s")
				r.Expect("/l", lam*w, "λ·W")
			}},
			{ID: "little/double", Severity: engine.Error, Kind: engine.Computed, Title: "2λ·W", Check: func(r *engine.Run) {
				lam, w := r.Num("/lambda_rps"), r.Num("/w_s")
				r.Expect("/doubled_l", 2*lam*w, "2λ·W")
			}},
		},
	}
}

func checkLittle(t *testing.T, answer string) *engine.Report {
	t.Helper()
	eng, err := engine.New(engine.WithKatas(littleKata()))
	if err != nil {
		t.Fatal(err)
	}
	return eng.Check([]byte("---\nkata: little\nsubject: pool\n---\n```yaml answer\n" + answer + "```\n"))
}

func TestUnitsInNumberFieldsAreRead(t *testing.T) {
	for _, w := range []string{"0.25", "250 ms", "250ms", "0.25 s", "a quarter of a second"} {
		rep := checkLittle(t, "lambda_rps: 40\nw_s: "+w+"\nl: 10\ndoubled_l: 20\nmeasured_l: 10\n")
		if rep.Errors() != 0 {
			t.Errorf("w_s: %s: %v", w, rep.Findings)
		}
	}
	rep := checkLittle(t, "lambda_rps: 2.4k req/min\nw_s: 250 ms\nl: 10\n")
	if rep.Errors() != 0 || rep.Readings["/w_s"] != "250 ms = 0.25 s" || rep.Readings["/lambda_rps"] != "2.4k req/min = 40 req/s" {
		t.Errorf("findings %v, readings %v", rep.Findings, rep.Readings)
	}
}

func TestAWrongKindOfUnitIsOneFinding(t *testing.T) {
	rep := checkLittle(t, "lambda_rps: 40\nw_s: 250 req/s\nl: 10\n")
	if len(rep.Findings) != 1 || rep.Findings[0].Rule != "answer/unit" || rep.Findings[0].Pointer != "/w_s" ||
		!strings.Contains(rep.Findings[0].Message, "a rate") || !strings.Contains(rep.Findings[0].Message, "in s") {
		t.Errorf("findings %+v", rep.Findings)
	}
}

func TestExpectShowsBothSpellingsAndTheSlip(t *testing.T) {
	rep := checkLittle(t, "lambda_rps: 40\nw_s: 250 ms\nl: 10000\n")
	if len(rep.Findings) != 1 {
		t.Fatalf("findings %+v", rep.Findings)
	}
	msg := rep.Findings[0].Message
	for _, want := range []string{"10000", "gives 10 items", "1000 times too large"} {
		if !strings.Contains(msg, want) {
			t.Errorf("message %q lacks %q", msg, want)
		}
	}
	rep = checkLittle(t, "lambda_rps: 40\nw_s: 0.3\nl: 300 ms\n")
	if rep.Errors() != 1 || rep.Findings[0].Rule != "answer/unit" {
		t.Errorf("a duration in a count: %+v", rep.Findings)
	}
}

func TestRoundingFollowsTheUnitWritten(t *testing.T) {
	// 40 × 0.2504 = 10.016: "250 ms" stands for 0.2495–0.2505 s, so W is
	// fine; a stated L of 10 is within 1% of 10.016.
	rep := checkLittle(t, "lambda_rps: 40\nw_s: 250 ms\nl: 10.02\n")
	if rep.Errors() != 0 {
		t.Errorf("%+v", rep.Findings)
	}
}

func TestDerivedFindingsFoldUnderTheirCause(t *testing.T) {
	// W written as 250 (ms) in a seconds field: λ·W = 10,000, but the
	// learner's L and 2L are the values for 0.25 s. One finding, at W.
	rep := checkLittle(t, "lambda_rps: 40\nw_s: 250\nl: 10\ndoubled_l: 20\nmeasured_l: 10\n")
	if rep.Errors() != 1 {
		t.Fatalf("want one error, got %+v", rep.Findings)
	}
	f := rep.Findings[0]
	if f.Pointer != "/w_s" || f.Rule != "little/w-unit" || len(f.Follows) != 2 {
		t.Fatalf("want the finding at W with two following, got %+v", f)
	}
	for _, g := range f.Follows {
		if g.Pointer != "/l" && g.Pointer != "/doubled_l" {
			t.Errorf("unexpected follower %+v", g)
		}
	}
}

func TestAReadingRuleCannotBeAnError(t *testing.T) {
	k := littleKata()
	k.Rules = append(k.Rules, engine.Rule{ID: "little/prose", Severity: engine.Error, Kind: engine.Reading,
		Title: "reads", Check: func(*engine.Run) {}})
	_, err := engine.New(engine.WithKatas(k))
	if err == nil || !strings.Contains(err.Error(), "little/prose") {
		t.Errorf("want the engine to refuse, got %v", err)
	}
}

func TestAWarningOnANumberFoldsUnderItsError(t *testing.T) {
	k := littleKata()
	// A warning that runs first and suspects what the error then proves.
	k.Rules = append([]engine.Rule{{ID: "little/l-large", Severity: engine.Warning, Kind: engine.Computed, Title: "L is large",
		Check: func(r *engine.Run) {
			if l := r.Num("/l"); !r.Missing && l > 1000 {
				r.Failf("/l", "L = %s looks large", engine.FormatNum(l))
			}
		}}}, k.Rules...)
	eng, err := engine.New(engine.WithKatas(k))
	if err != nil {
		t.Fatal(err)
	}
	rep := eng.Check([]byte("---\nkata: little\nsubject: pool\n---\n```yaml answer\nlambda_rps: 40\nw_s: 0.25\nl: 10000\n```\n"))
	if len(rep.Findings) != 1 || rep.Findings[0].Rule != "little/l" || len(rep.Findings[0].Follows) != 1 || rep.Findings[0].Follows[0].Rule != "little/l-large" {
		t.Errorf("want the error with the warning under it, got %+v", rep.Findings)
	}
}
