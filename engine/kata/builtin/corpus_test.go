package builtin_test

import (
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"

	"github.com/katabook/katabook/engine"
	"github.com/katabook/katabook/engine/kata/builtin"
	"github.com/katabook/katabook/internal/enginetest"
)

// expectation is what the corpus says of one submission: "pass" (no
// error; warnings allowed), or the defect it carries: the pointer its
// finding must stand on (or under), the least severity, optionally the
// rule, and how many other errors may stand beside it (none by default:
// one mistake, one finding).
type expectation struct {
	Pass        bool
	Pointer     string          `yaml:"pointer"`
	Severity    engine.Severity `yaml:"severity"`
	Rule        string          `yaml:"rule"`
	ExtraErrors int             `yaml:"extra_errors"`
}

func (e *expectation) UnmarshalYAML(n *yaml.Node) error {
	if n.Kind == yaml.ScalarNode && n.Value == "pass" {
		e.Pass = true
		return nil
	}
	type plain expectation
	return n.Decode((*plain)(e))
}

// The corpus sets the verdicts an outside expert would sign: correct work
// in many styles passes, and each one-defect submission gets its finding at
// the defect, once (engine/testdata/corpus/<kata>/expect.yaml).
func TestCorpus(t *testing.T) {
	root := filepath.Join(enginetest.Root(t), "engine", "testdata", "corpus")
	eng := enginetest.New(t, enginetest.DefaultCourse(t, builtin.Katas()))
	dirs, err := os.ReadDir(root)
	if err != nil {
		t.Fatal(err)
	}
	has := map[string]bool{}
	for _, d := range dirs {
		has[d.Name()] = d.IsDir()
	}
	for _, id := range eng.Katas() {
		if !has[id] {
			t.Errorf("kata %s has no corpus in %s", id, root)
		}
	}
	for _, d := range dirs {
		if !d.IsDir() {
			continue
		}
		t.Run(d.Name(), func(t *testing.T) { checkCorpus(t, eng, filepath.Join(root, d.Name())) })
	}
}

func checkCorpus(t *testing.T, eng *engine.Engine, dir string) {
	raw, err := os.ReadFile(filepath.Join(dir, "expect.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	var want map[string]expectation
	if err := yaml.Unmarshal(raw, &want); err != nil {
		t.Fatalf("expect.yaml: %v", err)
	}
	files, _ := filepath.Glob(filepath.Join(dir, "*.md"))
	pass, defects := 0, 0
	for _, f := range files {
		if _, ok := want[filepath.Base(f)]; !ok {
			t.Errorf("%s has no entry in expect.yaml", filepath.Base(f))
		}
	}
	names := make([]string, 0, len(want))
	for name := range want {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		exp := want[name]
		src, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		rep := eng.Check(src)
		if exp.Pass {
			pass++
			if rep.Errors() > 0 {
				t.Errorf("%s is correct work, but gets %s", name, describe(rep, engine.Error))
			}
			continue
		}
		defects++
		if exp.Severity == "" {
			exp.Severity = engine.Error
		}
		hit, others := false, 0
		for _, f := range rep.Findings {
			on := f.Pointer == exp.Pointer || strings.HasPrefix(f.Pointer, exp.Pointer+"/")
			strong := f.Severity == engine.Error || exp.Severity == engine.Warning
			if on && strong && (exp.Rule == "" || f.Rule == exp.Rule) {
				hit = true
			} else if f.Severity == engine.Error {
				others++
			}
		}
		switch {
		case !hit:
			t.Errorf("%s: the defect at %s (%s %s) is missed; findings: %s", name, exp.Pointer, exp.Severity, exp.Rule, describe(rep, ""))
		case exp.Severity == engine.Error && others > exp.ExtraErrors:
			t.Errorf("%s: one defect at %s, but %d more errors: %s", name, exp.Pointer, others, describe(rep, engine.Error))
		}
	}
	if pass < 8 || defects < 12 {
		t.Errorf("%s has %d correct and %d one-defect submissions; the corpus asks for at least 8 and 12", filepath.Base(dir), pass, defects)
	}
}

func describe(rep *engine.Report, sev engine.Severity) string {
	var b strings.Builder
	for _, f := range rep.Findings {
		if sev != "" && f.Severity != sev {
			continue
		}
		b.WriteString("\n\t" + string(f.Severity) + " " + f.Rule + " at " + f.Pointer + ": " + f.Message)
	}
	if b.Len() == 0 {
		return "nothing"
	}
	return b.String()
}
