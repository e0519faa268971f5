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
	parsed := enginetest.Declared(t, "queue")
	made, err := declared.HeadJSON(parsed)
	if err != nil {
		t.Fatal(err)
	}
	eager := enginetest.New(t, []engine.Kata{parsed}, engine.WithParams("queue", course))
	files, _ := filepath.Glob(filepath.Join(root, "engine", "testdata", "corpus", "queue", "*.md"))
	files = append(files, filepath.Join("testdata", "queue-good.md"))
	if len(files) < 10 {
		t.Fatalf("only %d submissions found", len(files))
	}
	// With the head the build wrote (the page's way) and without it.
	for _, head := range [][]byte{made, nil} {
		lazy := enginetest.New(t, []engine.Kata{declared.Lazy("queue", "queue.schema.json", schema, "queue.rules.yaml", rules, head)},
			engine.Prechecked(), engine.WithParams("queue", course))
		if eager.Ruleset() != lazy.Ruleset() {
			t.Errorf("head %d bytes: ruleset %s made at once, %s on first use", len(head), eager.Ruleset(), lazy.Ruleset())
		}
		p1, v1, _ := eager.Params("queue")
		p2, v2, _ := lazy.Params("queue")
		if !reflect.DeepEqual(p1, p2) || !reflect.DeepEqual(v1.Values(), v2.Values()) {
			t.Errorf("head %d bytes: parameters %+v %v, on first use %+v %v", len(head), p1, v1.Values(), p2, v2.Values())
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
}

// TestLazySaysWhatIsWrongWhenUsed: files the build would refuse reach the
// page's engine only out of step with it; the check says why.
func TestLazySaysWhatIsWrongWhenUsed(t *testing.T) {
	k := declared.Lazy("queue", "queue.schema.json", []byte(`{"$id": "https://x.dev/q.json", "type": "object"}`), "queue.rules.yaml", []byte("title: Q\nrules:\n  - id: queue/x\n    severity: error\n    fail_if: answer.nope > 1\n    message: m\n"), nil)
	e := enginetest.New(t, []engine.Kata{k}, engine.Prechecked())
	rep := e.Check([]byte("---\nkata: queue\nsubject: s\n---\n```yaml answer\nx: 1\n```\n"))
	if len(rep.Findings) != 1 || rep.Findings[0].Rule != "submission/kata-unavailable" {
		t.Fatalf("want submission/kata-unavailable, got %+v", rep.Findings)
	}
	if !strings.Contains(rep.Findings[0].Message, "queue.rules.yaml:3:9: rule queue/x: at:") {
		t.Errorf("a missing at: is reported at its rule's id (line 3): %s", rep.Findings[0].Message)
	}
}
