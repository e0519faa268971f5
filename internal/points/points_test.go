package points

import (
	"os"
	"strings"
	"testing"

	"github.com/katabook/katabook/engine"
	"github.com/katabook/katabook/engine/kata/builtin"
	"github.com/katabook/katabook/internal/enginetest"
)

func queueRules(t *testing.T, e *engine.Engine) []engine.RuleInfo {
	t.Helper()
	var out []engine.RuleInfo
	for _, r := range e.Rules() {
		if r.Kata == "queue" {
			out = append(out, r)
		}
	}
	return out
}

func TestScore(t *testing.T) {
	// The default course's katas: the queue kata is declared in its files.
	e := enginetest.New(t, enginetest.DefaultCourse(t, builtin.Katas()))
	good, err := os.ReadFile("../../cmd/katabook/testdata/good.md")
	if err != nil {
		t.Fatal(err)
	}
	// One wrong number: L = λ·W fails, and with it the /little section.
	bad := []byte(strings.Replace(string(good), "l_computed: 10", "l_computed: 14", 1))
	rules := queueRules(t, e)
	scheme := &Scheme{Default: 1, Rules: map[string]float64{"queue/little-l": 5, "queue/knee": 0}, Sections: map[string]float64{"/little": 3}}
	max := float64(len(rules)-2) + 5 + 3
	for _, tc := range []struct {
		name       string
		s          *Scheme
		src        []byte
		score, max float64
		lost       string
	}{
		{"pass or fail, passing", nil, good, 1, 1, ""},
		{"pass or fail, failing", nil, bad, 0, 1, "the kata passes"},
		{"points, passing", scheme, good, max, max, ""},
		{"points, one check wrong", scheme, bad, max - 5 - 3, max, "queue/little-l"},
		{"points, no answer", scheme, []byte("---\nkata: queue\nsubject: s\n---\n"), 0, max, "section /little"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rep := e.Check(tc.src)
			tests := Kata{tc.s, rules}.Score(rep.Findings, rep.Rules)
			score, m := Total(tests)
			if score != tc.score || m != tc.max {
				t.Fatalf("score %g/%g, want %g/%g: %+v", score, m, tc.score, tc.max, tests)
			}
			for _, x := range tests {
				if x.Name == "queue/knee: the knee of the curve" {
					t.Errorf("a check worth 0 points is not a test")
				}
				if !x.Passed() && x.Output == "" {
					t.Errorf("%s lost points without saying why", x.Name)
				}
				if tc.lost != "" && strings.HasPrefix(x.Name, tc.lost) && x.Passed() {
					t.Errorf("%s should have lost its points", x.Name)
				}
			}
		})
	}
}

func TestCheckScheme(t *testing.T) {
	ids := []string{"queue/little-l"}
	for _, tc := range []struct {
		s    *Scheme
		want string
	}{
		{nil, ""},
		{&Scheme{Default: 1, Rules: map[string]float64{"queue/little-l": 2}, Sections: map[string]float64{"/little": 1}}, ""},
		{&Scheme{Rules: map[string]float64{"queue/nope": 2}}, "not a check"},
		{&Scheme{Sections: map[string]float64{"little": 2}}, "JSON pointer"},
		{&Scheme{Default: -1}, "0 or more"},
	} {
		err := tc.s.Check(ids)
		if (err == nil) != (tc.want == "") || err != nil && !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%+v: %v, want %q", tc.s, err, tc.want)
		}
	}
}
