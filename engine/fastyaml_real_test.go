package engine_test

import (
	"testing"

	"github.com/katabook/katabook/engine"
	"github.com/katabook/katabook/engine/kata/builtin"
)

// TestFastYAMLReadsRealAnswers: every answer block and front matter in the
// examples, the engine's test data and the templates takes the fast path
// (else it saves nothing) and reads as yaml.v3 reads it.
func TestFastYAMLReadsRealAnswers(t *testing.T) {
	srcs := engine.ReadFiles(t, "../examples/*/*.md", "kata/*/testdata/*-good.md")
	e, err := builtin.New()
	if err != nil {
		t.Fatal(err)
	}
	for _, k := range e.Katas() {
		src, _ := e.Template(k)
		srcs = append(srcs, src)
	}
	if len(srcs) < 10 {
		t.Fatalf("only %d files to read", len(srcs))
	}
	for _, src := range srcs {
		front := engine.Between(string(src), "---\n", "\n---\n")
		block := engine.Between(string(src), "```yaml answer\n", "\n```")
		for _, text := range []string{front, block} {
			diff, read := engine.SameAsYAML(text)
			if !read {
				t.Errorf("not read by fastYAML:\n%s", text)
			}
			if diff != "" {
				t.Error(diff)
			}
		}
	}
}
