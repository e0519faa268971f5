package declared_test

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/katabook/katabook/engine"
	"github.com/katabook/katabook/engine/kata/declared"
	"github.com/katabook/katabook/internal/enginetest"
)

// TestLazyChecksAsParseDoes holds the page's way of making the queue kata
// (Lazy, on first use) to the CLI's (Parse, at once): the same ruleset and
// the same report for every submission of its corpus and tests.
func TestLazyChecksAsParseDoes(t *testing.T) {
	root := enginetest.Root(t)
	read := func(name string) []byte {
		b, err := os.ReadFile(filepath.Join(root, "content", name))
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	schema, rules := read("queue.schema.json"), read("queue.rules.yaml")
	course := map[string]any{"mu_rps": 200.0}
	eager := enginetest.New(t, []engine.Kata{enginetest.Declared(t, "queue")}, engine.WithParams("queue", course))
	lazy := enginetest.New(t, []engine.Kata{declared.Lazy("queue", "queue.schema.json", schema, "queue.rules.yaml", rules)},
		engine.Prechecked(), engine.WithParams("queue", course))
	if eager.Ruleset() != lazy.Ruleset() {
		t.Errorf("ruleset %s made at once, %s on first use", eager.Ruleset(), lazy.Ruleset())
	}
	files, _ := filepath.Glob(filepath.Join(root, "engine", "testdata", "corpus", "queue", "*.md"))
	files = append(files, filepath.Join("testdata", "queue-good.md"))
	if len(files) < 10 {
		t.Fatalf("only %d submissions found", len(files))
	}
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		want, got := eager.CheckWithFigures(src), lazy.CheckWithFigures(src)
		if !reflect.DeepEqual(want.Findings, got.Findings) || !reflect.DeepEqual(want.Rules, got.Rules) || !reflect.DeepEqual(want.Figures, got.Figures) {
			t.Errorf("%s: made at once %+v\non first use %+v", filepath.Base(f), want.Findings, got.Findings)
		}
	}
	d1, _ := eager.Drill("queue", 7)
	d2, _ := lazy.Drill("queue", 7)
	if !reflect.DeepEqual(d1, d2) {
		t.Errorf("drill 7: %+v and %+v", d1, d2)
	}
}

// TestLazySaysWhatIsWrongWhenUsed: files the build would refuse reach the
// page's engine only out of step with it; the check says why.
func TestLazySaysWhatIsWrongWhenUsed(t *testing.T) {
	k := declared.Lazy("queue", "queue.schema.json", []byte(`{"$id": "https://x.dev/q.json", "type": "object"}`), "queue.rules.yaml", []byte("title: Q\nrules:\n  - id: queue/x\n    severity: error\n    fail_if: answer.nope > 1\n    message: m\n"))
	e := enginetest.New(t, []engine.Kata{k}, engine.Prechecked())
	rep := e.Check([]byte("---\nkata: queue\nsubject: s\n---\n```yaml answer\nx: 1\n```\n"))
	if len(rep.Findings) != 1 || rep.Findings[0].Rule != "submission/kata-unavailable" {
		t.Fatalf("want submission/kata-unavailable, got %+v", rep.Findings)
	}
	if !strings.Contains(rep.Findings[0].Message, "queue.rules.yaml:3:9: rule queue/x: at:") {
		t.Errorf("a missing at: is reported at its rule's id (line 3): %s", rep.Findings[0].Message)
	}
}
