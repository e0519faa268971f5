package builtin_test

import (
	"testing"

	"github.com/katabook/katabook/engine"
	"github.com/katabook/katabook/engine/kata/builtin"
	"github.com/katabook/katabook/internal/enginetest"
)

// Every rule of the default course says how it knows (the severity policy:
// a reading is at most a warning), explains itself beyond its title, and
// gives an answer it passes and one it fails, for katabook explain.
func TestEveryRuleSaysHowItKnows(t *testing.T) {
	eng := enginetest.New(t, enginetest.DefaultCourse(t, builtin.Katas()))
	kinds := map[engine.Kind]int{}
	for _, r := range eng.Rules() {
		kinds[r.Kind]++
		switch {
		case r.Kind != engine.Computed && r.Kind != engine.Reading:
			t.Errorf("%s: kind %q, want computed or reading", r.ID, r.Kind)
		case r.Kind == engine.Reading && r.Severity == engine.Error:
			t.Errorf("%s reads prose but is an error", r.ID)
		}
		if r.Pass == "" || r.Fail == "" {
			t.Errorf("%s: no example it passes (%q) or fails (%q)", r.ID, r.Pass, r.Fail)
		}
		if r.Help == "" || r.Help == r.Summary+"." {
			t.Errorf("%s: explain prints only its title", r.ID)
		}
	}
	if kinds[engine.Reading] == 0 || kinds[engine.Computed] == 0 {
		t.Errorf("kinds %v: the course has both computed and reading rules", kinds)
	}
}
