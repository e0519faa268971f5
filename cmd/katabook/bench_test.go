package main

import (
	"fmt"
	"github.com/katabook/katabook/internal/peakheap"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"testing"

	"github.com/katabook/katabook/engine"
	"github.com/katabook/katabook/schemas"
)

// writeCorpus writes n generated submissions across every kata, valid and
// invalid mixed: correct examples, the same with one number changed,
// fresh templates (many findings), and broken YAML. Seeded: the corpus is
// the same in every run.
func writeCorpus(tb testing.TB, dir string, n int) {
	tb.Helper()
	eng, err := engine.New(schemas.FS)
	if err != nil {
		tb.Fatal(err)
	}
	var valid [][]byte
	for _, pattern := range []string{"../../engine/testdata/*-good.md", "../../examples/*/*.md"} {
		paths, _ := filepath.Glob(pattern)
		for _, p := range paths {
			src, err := os.ReadFile(p)
			if err == nil && eng.Check(src).Errors() == 0 {
				valid = append(valid, src)
			}
		}
	}
	if len(valid) == 0 {
		tb.Fatal("no valid example submissions to build the corpus from")
	}
	var templates [][]byte
	for _, k := range eng.Katas() {
		t, _ := eng.Template(k)
		templates = append(templates, t)
	}
	number := regexp.MustCompile(`: (\d+(\.\d+)?)\n`)
	rng := rand.New(rand.NewPCG(1, 2))
	for i := range n {
		var src []byte
		switch base := valid[rng.IntN(len(valid))]; i % 4 {
		case 0:
			src = base
		case 1: // one number off by a few percent or more
			locs := number.FindAllSubmatchIndex(base, -1)
			l := locs[rng.IntN(len(locs))]
			src = fmt.Appendf(nil, "%s%d%s", base[:l[2]], 1+rng.IntN(5000), base[l[3]:])
		case 2:
			src = templates[rng.IntN(len(templates))]
		case 3:
			src = []byte(strings.Replace(string(base), "```yaml answer\n", "```yaml answer\n  broken: [\n", 1))
		}
		p := filepath.Join(dir, fmt.Sprintf("%02d", i%100), fmt.Sprintf("sub-%05d.md", i))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			tb.Fatal(err)
		}
		if err := os.WriteFile(p, src, 0o644); err != nil {
			tb.Fatal(err)
		}
	}
}

// BenchmarkCheckCohort runs `katabook check` over a generated cohort of
// submissions, as a course's CI would, and reports submissions per second
// and the peak heap. Target on a 2-core machine: 5,000 submissions/s, with
// memory that grows with the findings kept, not with the files read.
func BenchmarkCheckCohort(b *testing.B) {
	for _, n := range []int{1000, 10000} {
		b.Run(fmt.Sprintf("files=%d", n), func(b *testing.B) {
			dir := b.TempDir()
			writeCorpus(b, dir, n)
			var peak uint64
			b.ResetTimer()
			for b.Loop() {
				p := peakheap.Measure(func() {
					if code := run([]string{"check", "--format", "text", dir}, strings.NewReader(""), io.Discard, io.Discard); code != 1 {
						b.Fatalf("exit %d, want 1 (the corpus has errors)", code)
					}
				})
				peak = max(peak, p)
			}
			perSec := float64(n) * float64(b.N) / b.Elapsed().Seconds()
			b.ReportMetric(perSec, "subs/s")
			b.ReportMetric(float64(peak)/(1<<20), "peak-heap-MiB")
			b.ReportMetric(0, "ns/op")
			b.Logf("| %6d files | %8.0f submissions/s | peak heap %6.1f MiB | GOMAXPROCS %d |", n, perSec, float64(peak)/(1<<20), runtime.GOMAXPROCS(0))
		})
	}
}
