// Package enginetest holds what the tests of the engine's katas share:
// an engine of the katas under test, the repository's example and test
// submissions, and assertions on findings.
package enginetest

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/katabook/katabook/engine"
	"github.com/katabook/katabook/engine/kata/declared"
)

// New is an engine of the given katas, with their default parameters and
// any options; a failure fails the test.
func New(t testing.TB, katas []engine.Kata, opts ...engine.Option) *engine.Engine {
	t.Helper()
	e, err := engine.New(append([]engine.Option{engine.WithKatas(katas...)}, opts...)...)
	if err != nil {
		t.Fatal(err)
	}
	return e
}

// Root is the repository's top folder, found from the test's folder.
func Root(t testing.TB) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		up := filepath.Dir(dir)
		if up == dir {
			t.Fatal("no go.mod above the test's folder")
		}
		dir = up
	}
}

// ReadExample reads examples/<kata>/<name>, a correct submission.
func ReadExample(t testing.TB, kata, name string) string {
	t.Helper()
	src, err := os.ReadFile(filepath.Join(Root(t), "examples", kata, name))
	if err != nil {
		t.Fatal(err)
	}
	return string(src)
}

// ReplaceLine swaps the first line starting (after indentation) with old.
func ReplaceLine(t testing.TB, src, old, repl string) string {
	t.Helper()
	lines := strings.Split(src, "\n")
	for i, l := range lines {
		if strings.HasPrefix(strings.TrimSpace(l), old) {
			indent := l[:len(l)-len(strings.TrimLeft(l, " "))]
			lines[i] = indent + repl
			return strings.Join(lines, "\n")
		}
	}
	t.Fatalf("no line starts with %q", old)
	return ""
}

// HasRule reports whether the report has a finding of rule.
func HasRule(rep *engine.Report, rule string) bool {
	for _, f := range rep.Findings {
		if f.Rule == rule {
			return true
		}
	}
	return false
}

// FindingsOn returns the findings of rule, failing the test when there are
// none, and checks that each has the severity and sits on a line of src
// that holds key.
func FindingsOn(t testing.TB, rep *engine.Report, src, rule string, sev engine.Severity, key string) []engine.Finding {
	t.Helper()
	lines := strings.Split(src, "\n")
	var out []engine.Finding
	for _, f := range rep.Findings {
		if f.Rule != rule {
			continue
		}
		out = append(out, f)
		if f.Severity != sev {
			t.Errorf("%s: severity %s, want %s", rule, f.Severity, sev)
		}
		if f.Line < 1 || f.Line > len(lines) {
			t.Fatalf("%s: line %d outside the file", rule, f.Line)
		}
		if !strings.Contains(lines[f.Line-1], key) {
			t.Errorf("%s: finding on line %d %q, want the line of %q", rule, f.Line, lines[f.Line-1], key)
		}
	}
	if len(out) == 0 {
		t.Fatalf("no %s finding; got %+v", rule, rep.Findings)
	}
	return out
}

// Declared is a kata the default course declares in files (content/<id>.*).
func Declared(t testing.TB, id string) engine.Kata {
	t.Helper()
	dir := filepath.Join(Root(t), "content")
	schema, err := os.ReadFile(filepath.Join(dir, id+".schema.json"))
	if err != nil {
		t.Fatal(err)
	}
	rules, err := os.ReadFile(filepath.Join(dir, id+".rules.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	k, err := declared.Parse(id, id+".schema.json", schema, id+".rules.yaml", rules)
	if err != nil {
		t.Fatal(err)
	}
	return k
}

// DefaultCourse are the katas of the default course: the built-in ones
// and the queue kata it declares in files.
func DefaultCourse(t testing.TB, builtin []engine.Kata) []engine.Kata {
	return append(append([]engine.Kata(nil), builtin...), Declared(t, "queue"))
}
