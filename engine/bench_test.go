package engine

import "testing"

// BenchmarkCheck measures one full check (parse, schema, rules, figures) of
// a correct queue submission.
func BenchmarkCheck(b *testing.B) {
	e := newEngine(b)
	src := readGood(b)
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		if rep := e.Check(src); len(rep.Findings) != 0 {
			b.Fatal(rep.Findings)
		}
	}
}

// BenchmarkCheckLimiterUncached measures a full check of each limiter
// example with the engine's cross-check memo off, so every check runs the
// simulation: the cost of a cohort where every learner's design differs.
func BenchmarkCheckLimiterUncached(b *testing.B) {
	for _, name := range []string{"per-user", "per-ip", "per-resource-cost"} {
		b.Run(name, func(b *testing.B) {
			e := newEngine(b)
			e.shared = nil
			src := []byte(readExample(b, "limiter", name+".md"))
			b.ReportAllocs()
			for b.Loop() {
				if rep := e.Check(src); rep.Errors() != 0 {
					b.Fatal(rep.Findings)
				}
			}
		})
	}
}
