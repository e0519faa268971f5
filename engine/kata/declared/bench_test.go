package declared_test

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
