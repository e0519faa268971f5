package engine_test

import (
	"fmt"

	"github.com/katabook/katabook/engine"
)

// A kata is a Spec: its schema, its parameters and its rules. A rule reads
// the answer (Num, Str, Bool: a missing input skips it), the course's
// parameters (P), computes, and says what is wrong at a field (Expect
// within rounding, Failf otherwise).
func ExampleRun() {
	little := &engine.Spec{
		ID:     "little",
		Title:  "Little's law",
		Schema: []byte(`{"$id": "https://example.com/little.json", "type": "object"}`),
		Params: []engine.Param{{Name: "max_items", Type: engine.Number, Default: 50.0, Unit: "items", Meaning: "the pool's size"}},
		Rules: []engine.Rule{
			{ID: "little/l", Severity: engine.Error, Title: "L = λ·W", Check: func(r *engine.Run) {
				lam, w := r.Num("/lambda_rps"), r.Num("/w_s")
				r.Expect("/l", lam*w, fmt.Sprintf("λ·W = %s × %s", engine.FormatNum(lam), engine.FormatNum(w)))
			}},
			{ID: "little/pool", Severity: engine.Warning, Title: "L fits in the pool", Check: func(r *engine.Run) {
				if l := r.Num("/l"); !r.Missing && l > r.P.Num("max_items") {
					r.Failf("/l", "L = %s items does not fit in a pool of %s", engine.FormatNum(l), engine.FormatNum(r.P.Num("max_items")))
				}
			}},
		},
	}
	eng, err := engine.New(engine.WithKatas(little), engine.WithParams("little", map[string]any{"max_items": 8}))
	if err != nil {
		panic(err)
	}
	rep := eng.Check([]byte("---\nkata: little\nsubject: checkout\n---\n```yaml answer\nlambda_rps: 40\nw_s: 0.25\nl: 12\n```\n"))
	for _, f := range rep.Findings {
		fmt.Printf("%d: %s %s: %s\n", f.Line, f.Severity, f.Rule, f.Message)
	}
	// Output:
	// 8: error little/l: l is 12, but λ·W = 40 × 0.25 gives 10
	// 8: warning little/pool: L = 12 items does not fit in a pool of 8
}
