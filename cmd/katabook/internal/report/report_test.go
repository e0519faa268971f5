package report

import (
	"fmt"
	"strings"
	"testing"

	"github.com/katabook/katabook/engine"
)

// TestRuleHitsAreCapped: a rule every learner breaks lists MaxHits of
// them with a finding and counts the rest, so memory stays flat.
func TestRuleHitsAreCapped(t *testing.T) {
	c := NewCohort([]Kata{{ID: "queue"}}, []Rule{{ID: "queue/little-l", Kata: "queue"}})
	n := MaxHits + 50
	for i := range n {
		for range 2 { // two submissions each: learners count once
			c.Add(Submission{Learner: fmt.Sprintf("L%04d", i), Kata: "queue", Path: "p.md", Hits: []Hit{{Rule: "queue/little-l", Message: "m"}}})
		}
	}
	r := c.Finish("v", "rs", 0)
	if len(r.Rules) != 1 {
		t.Fatalf("rules %+v", r.Rules)
	}
	rs := r.Rules[0]
	if rs.Learners != n || rs.Submissions != 2*n || len(rs.Hits) != MaxHits || rs.LeftOff != 50 {
		t.Errorf("%d learners, %d submissions, %d listed, %d left off; want %d, %d, %d, 50", rs.Learners, rs.Submissions, len(rs.Hits), rs.LeftOff, n, 2*n, MaxHits)
	}
	if k := r.Katas[0]; len(k.TopRules) != 1 || k.TopRules[0].Learners != n || k.TopRules[0].Share != 1 {
		t.Errorf("top rules %+v", k.TopRules)
	}
}

// TestDistinctIsThePagesValue: the completion rule counts what runs.ts's
// distinctValue counts: the subject or the value at a JSON pointer, as
// text, trimmed, in lower case.
func TestDistinctIsThePagesValue(t *testing.T) {
	sub, _ := engine.Parse([]byte("---\nkata: x\n---\n```yaml answer\nmodel:\n  kind: ' Per-User '\n  rate: 0.5\nlist: [1, 2]\n```\n"))
	for rule, want := range map[string]string{"subject": "pool a", "/model/kind": "per-user", "/model/rate": "0.5", "/list/1": "2", "/list": "1,2", "/nope": "", "/model": "[object object]"} {
		if got := distinct(rule, engine.Meta{Subject: "  Pool A "}, sub.Answer.Value); got != want {
			t.Errorf("%s: %q, want %q", rule, got, want)
		}
	}
}

func TestGradesResistFormulas(t *testing.T) {
	c := NewCohort([]Kata{{ID: "queue"}}, nil)
	c.Add(Submission{Learner: "=HYPERLINK(\"x\")", Kata: "queue", Passed: true})
	var b strings.Builder
	if err := c.Finish("v", "rs", 0).WriteCSV(&b); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), "'=HYPERLINK") {
		t.Errorf("a learner's name is left as a formula:\n%s", b.String())
	}
}
