package builtin

import (
	"github.com/katabook/katabook/engine"
	"github.com/katabook/katabook/internal/enginetest"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// seedCorpus adds every example and test submission, and a few broken
// shapes, to a fuzz target's corpus.
func seedCorpus(f *testing.F) {
	for _, pattern := range []string{"../*/testdata/*.md", filepath.Join(enginetest.Root(f), "examples/*/*.md")} {
		paths, _ := filepath.Glob(pattern)
		for _, p := range paths {
			if src, err := os.ReadFile(p); err == nil {
				f.Add(src)
			}
		}
	}
	for _, s := range []string{"", "---", "---\n---\n", "---\nkata: queue\n---\n```yaml answer\n", "```yaml answer\na: &a [*a]\n```",
		"---\nkata: queue\n---\n```yaml answer\nmeasured: {lambda_rps: 1e400}\n```\n", "\xff\xfe", "---\r\nkata: queue\r\n---\r\n"} {
		f.Add([]byte(s))
	}
}

// checkInvariants: no finding points outside the file, and every finding
// has a rule, a severity and a message.
func checkInvariants(t *testing.T, src []byte, fs []engine.Finding) {
	lines := lineCount(src) + 1 // +1: a final line break opens an empty last line
	for _, x := range fs {
		if x.Line < 1 || x.Line > lines || x.Col < 0 {
			t.Fatalf("finding %+v outside the file (%d lines)", x, lines)
		}
		if x.Rule == "" || x.Message == "" || (x.Severity != engine.Error && x.Severity != engine.Warning) {
			t.Fatalf("incomplete finding %+v", x)
		}
	}
}

// FuzzParse: the submission parser (front matter, answer block, line
// mapping) never panics and keeps every line inside the file.
func FuzzParse(f *testing.F) {
	seedCorpus(f)
	f.Fuzz(func(t *testing.T, src []byte) {
		_, fs := engine.Parse(src)
		checkInvariants(t, src, fs)
	})
}

// FuzzCheck runs every kata's checks on fuzzed submissions of that kata.
func FuzzCheck(f *testing.F) {
	seedCorpus(f)
	e := enginetest.New(f, enginetest.DefaultCourse(f, Katas()))
	f.Fuzz(func(t *testing.T, src []byte) {
		for _, k := range e.Katas() {
			// Point the same body at each kata, so every kata's rules see it.
			s := strings.Replace(string(src), "kata: queue", "kata: "+k, 1)
			rep := e.CheckWithFigures([]byte(s))
			checkInvariants(t, []byte(s), rep.Findings)
		}
	})
}

// lineCount counts lines as the engine numbers them: LF, CRLF and a lone
// CR each end one.
func lineCount(src []byte) int {
	s := strings.TrimSuffix(strings.ReplaceAll(strings.ReplaceAll(string(src), "\r\n", "\n"), "\r", "\n"), "\n")
	if s == "" {
		return 0
	}
	return strings.Count(s, "\n") + 1
}
