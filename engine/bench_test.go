package engine

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

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

// BenchmarkCheckExamples measures a full check of every correct example
// with the engine's cross-check memo off, so a limiter check runs its
// simulation each time: the cost of a cohort where every design differs.
func BenchmarkCheckExamples(b *testing.B) {
	paths, err := filepath.Glob(filepath.Join("..", "examples", "*", "*.md"))
	if err != nil || len(paths) == 0 {
		b.Fatalf("no examples: %v", err)
	}
	for _, p := range paths {
		src, err := os.ReadFile(p)
		if err != nil {
			b.Fatal(err)
		}
		b.Run(filepath.Base(filepath.Dir(p))+"/"+strings.TrimSuffix(filepath.Base(p), ".md"), func(b *testing.B) {
			e := newEngine(b)
			e.shared = nil
			b.SetBytes(int64(len(src)))
			b.ReportAllocs()
			for b.Loop() {
				if rep := e.Check(src); rep.Errors() != 0 {
					b.Fatal(rep.Findings)
				}
			}
		})
	}
}

// BenchmarkSimulate runs the limiter simulation of every golden design
// (each algorithm, hybrids, replicas): the largest part of a limiter check
// when the design is new to the engine.
func BenchmarkSimulate(b *testing.B) {
	designs := simDesigns()
	requests := 0
	for _, d := range designs {
		specs, err := d.scenarios()
		if err != nil {
			b.Fatal(err)
		}
		for _, sp := range specs {
			requests += sp.total()
		}
		if d.replicas > 1 {
			requests += specs[1].total() // the burst again, dealt to replicas
		}
	}
	b.ReportAllocs()
	for b.Loop() {
		for _, d := range designs {
			if _, err := d.simulate(); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(requests), "ns/request")
}
