package engine

import (
	"errors"
	"fmt"
	"strings"
	"testing"
)

// tinyKata is a kata made up for the core's tests: the core knows none of
// the real ones. Its one rule expects answer.x to be twice the course's k.
func tinyKata() *Spec {
	return &Spec{
		ID:     "tiny",
		Title:  "Tiny",
		Schema: []byte(`{"$id": "https://katabook.dev/schemas/tiny.json", "type": "object", "properties": {"x": {"type": "number", "description": "Twice {{param \"k\"}}."}}}`),
		Params: []Param{
			{Name: "k", Type: Number, Default: 3.0, Unit: "req/s", Meaning: "a rate"},
			{Name: "ks", Type: Numbers, Default: []float64{1, 2}, Meaning: "some rates"},
			{Name: "n", Type: Integer, Default: 2.0, Meaning: "a count"},
		},
		CheckParams: func(p Params) error {
			if p.Num("k") <= 0 {
				return fmt.Errorf("k must be above 0")
			}
			return nil
		},
		Rules: []Rule{{ID: "tiny/double", Severity: Error, Title: "x = 2k ({{param \"k\"}})", Check: func(r *Run) {
			r.Expect("/x", 2*r.P.Num("k"), "2k")
		}}},
	}
}

func tinySubmission(x string) []byte {
	return []byte("---\nkata: tiny\nsubject: s\n---\n```yaml answer\nx: " + x + "\n```\n")
}

func TestParamsReachRulesFormsAndRuleset(t *testing.T) {
	def, err := New(WithKatas(tinyKata()))
	if err != nil {
		t.Fatal(err)
	}
	five, err := def.Course(nil, map[string]map[string]any{"tiny": {"k": 5}})
	if err != nil {
		t.Fatal(err)
	}
	if rep := def.Check(tinySubmission("6")); rep.Errors() != 0 {
		t.Errorf("default k = 3: x = 6 is right, got %+v", rep.Findings)
	}
	rep := five.Check(tinySubmission("6"))
	if rep.Errors() != 1 || !strings.Contains(rep.Findings[0].Message, "gives 10") {
		t.Errorf("k = 5: x = 6 must be an error naming 10, got %+v", rep.Findings)
	}
	if five.Ruleset() == def.Ruleset() {
		t.Error("the ruleset id must cover the parameters")
	}
	if f, _ := five.Fields("tiny"); f.Fields[0].Description != "Twice 5." {
		t.Errorf("the form's hint must show the course's k: %q", f.Fields[0].Description)
	}
	if r, _ := five.Rule("tiny/double"); r.Summary != "x = 2k (5)" {
		t.Errorf("the rule's title must show the course's k: %q", r.Summary)
	}
	_, vals, _ := five.Params("tiny")
	if vals.Num("k") != 5 || vals.Num("n") != 2 || len(vals.Nums("ks")) != 2 {
		t.Errorf("values = %v", vals.Values())
	}
}

func TestBadParamsAreRefused(t *testing.T) {
	for _, tt := range []struct {
		name   string
		params map[string]map[string]any
		want   string // the ParamError's Name
		says   string
	}{
		{"unknown name", map[string]map[string]any{"tiny": {"kk": 1}}, "kk", "no such parameter"},
		{"wrong type", map[string]map[string]any{"tiny": {"k": "fast"}}, "k", "a number"},
		{"not whole", map[string]map[string]any{"tiny": {"n": 2.5}}, "n", "whole number"},
		{"not a list", map[string]map[string]any{"tiny": {"ks": 4}}, "ks", "list of numbers"},
		{"impossible", map[string]map[string]any{"tiny": {"k": -1}}, "", "k must be above 0"},
		{"unknown kata", map[string]map[string]any{"nope": {"k": 1}}, "", "no such kata"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, err := New(WithKatas(tinyKata()), func(c *config) { c.params = tt.params })
			var pe *ParamError
			if !errors.As(err, &pe) {
				t.Fatalf("want a ParamError, got %v", err)
			}
			if pe.Name != tt.want || !strings.Contains(pe.Msg, tt.says) {
				t.Errorf("got %+v, want name %q saying %q", pe, tt.want, tt.says)
			}
		})
	}
}

func TestExpandShowsValues(t *testing.T) {
	p, err := resolveParams(tinyKata(), map[string]any{"ks": []any{50, 80.5, 99}})
	if err != nil {
		t.Fatal(err)
	}
	got := p.Expand(`k={{param "k"}}, ks={{ param "ks" }}, {{param "ks" "or"}}, {{param "zz"}}`)
	if want := `k=3, ks=50, 80.5 and 99, 50, 80.5 or 99, {{param "zz"}}`; got != want {
		t.Errorf("Expand = %q, want %q", got, want)
	}
	if refs := ParamRefs("a {{param \"k\"}} b {{param \"zz\"}}"); len(refs) != 2 || refs[1].Name != "zz" || refs[1].Offset != 18 {
		t.Errorf("ParamRefs = %+v", refs)
	}
}
