package builtin

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/katabook/katabook/engine"
	"github.com/katabook/katabook/internal/enginetest"
)

// BenchmarkCheckExamples measures a full check of every correct example
// with the engine's cross-check memo off, so a limiter check runs its
// simulation each time: the cost of a cohort where every design differs.
func BenchmarkCheckExamples(b *testing.B) {
	paths, err := filepath.Glob(filepath.Join(enginetest.Root(b), "examples", "*", "*.md"))
	if err != nil || len(paths) == 0 {
		b.Fatalf("no examples: %v", err)
	}
	for _, p := range paths {
		src, err := os.ReadFile(p)
		if err != nil {
			b.Fatal(err)
		}
		b.Run(filepath.Base(filepath.Dir(p))+"/"+strings.TrimSuffix(filepath.Base(p), ".md"), func(b *testing.B) {
			e := enginetest.New(b, enginetest.DefaultCourse(b, Katas()), engine.WithoutSharedMemo())
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
