// Package points turns the engine's verdict on one submission into graded
// tests: what `check --format gradescope|classroom` and the cohort
// report's grades.csv score. A course gives points in a workbook's front
// matter; without them a kata is one test, worth one point, that passes
// when the submission has no error.
//
//	points:
//	  default: 1                 # each of the kata's checks not named below (0: not graded)
//	  rules:                     # a check's own points
//	    queue/little-l: 2
//	  sections:                  # a part of the answer (a JSON pointer) with no error in it
//	    /mm1: 3
//
// It sits beside the engine, not in it: the engine judges answers, and
// how much a judgement is worth is a course's choice.
package points

import (
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/katabook/katabook/engine"
)

// Scheme is a workbook's `points:`. A nil *Scheme is pass or fail.
type Scheme struct {
	Default  float64            `yaml:"default" json:"default"`
	Rules    map[string]float64 `yaml:"rules" json:"rules,omitempty"`
	Sections map[string]float64 `yaml:"sections" json:"sections,omitempty"`
}

// Test is one graded item of one submission.
type Test struct {
	Name   string  `json:"name"`
	Score  float64 `json:"score"`
	Max    float64 `json:"max_score"`
	Output string  `json:"output"` // why points were lost; "" when none were
}

// Passed reports whether the test earned all its points.
func (t Test) Passed() bool { return t.Score == t.Max }

// Check says what in s cannot be graded: a rule the kata does not have
// (ruleIDs are the kata's checks), a section that is not a JSON pointer,
// or negative points.
func (s *Scheme) Check(ruleIDs []string) error {
	if s == nil {
		return nil
	}
	if s.Default < 0 {
		return fmt.Errorf("points: default is %g; points are 0 or more", s.Default)
	}
	for _, id := range sortedKeys(s.Rules) {
		switch {
		case !slices.Contains(ruleIDs, id):
			return fmt.Errorf("points: rules: %q is not a check of this kata (katabook rules lists them)", id)
		case s.Rules[id] < 0:
			return fmt.Errorf("points: rules: %s is %g; points are 0 or more", id, s.Rules[id])
		}
	}
	for _, sec := range sortedKeys(s.Sections) {
		switch {
		case !strings.HasPrefix(sec, "/"):
			return fmt.Errorf("points: sections: %q is not a JSON pointer into the answer (e.g. /little)", sec)
		case s.Sections[sec] < 0:
			return fmt.Errorf("points: sections: %s is %g; points are 0 or more", sec, s.Sections[sec])
		}
	}
	return nil
}

// Kata is how a course grades one kata: its points and its checks (id
// and summary, in course order).
type Kata struct {
	Scheme *Scheme
	Rules  []engine.RuleInfo
}

// Score grades one submission from the engine's findings and the results
// of the kata's checks (nil when the answer could not be read).
func (k Kata) Score(findings []engine.Finding, results []engine.RuleResult) []Test {
	said := map[string][]string{} // rule -> its findings, as lines
	var first string
	errs := 0
	for _, f := range findings {
		line := fmt.Sprintf("line %d: %s: %s [%s]", f.Line, f.Severity, f.Message, f.Rule)
		said[f.Rule] = append(said[f.Rule], line)
		if f.Severity == engine.Error {
			if errs++; errs == 1 {
				first = line
			}
		}
	}
	if k.Scheme == nil {
		t := Test{Name: "the kata passes", Max: 1}
		if errs == 0 {
			t.Score = 1
		} else {
			t.Output = fmt.Sprintf("%d error(s); the first: %s", errs, first)
		}
		return []Test{t}
	}
	status := map[string]string{}
	for _, r := range results {
		status[r.Rule] = r.Status
	}
	var out []Test
	for _, r := range k.Rules {
		p, named := k.Scheme.Rules[r.ID]
		if !named {
			p = k.Scheme.Default
		}
		if p == 0 {
			continue
		}
		t := Test{Name: r.ID + ": " + r.Summary, Max: p}
		switch status[r.ID] {
		case "pass":
			t.Score = p
		case "fail":
			t.Output = strings.Join(said[r.ID], "\n")
		case "skip":
			t.Output = "not checked: the answers it needs are missing or wrong"
		default:
			t.Output = "not checked: the submission has no readable answer"
		}
		out = append(out, t)
	}
	for _, sec := range sortedKeys(k.Scheme.Sections) {
		t := Test{Name: "section " + sec, Max: k.Scheme.Sections[sec]}
		var lost []string
		for _, f := range findings {
			if f.Severity == engine.Error && (f.Pointer == sec || strings.HasPrefix(f.Pointer, sec+"/")) {
				lost = append(lost, fmt.Sprintf("line %d: %s [%s]", f.Line, f.Message, f.Rule))
			}
		}
		switch {
		case results == nil:
			t.Output = "not checked: the submission has no readable answer"
		case len(lost) > 0:
			t.Output = strings.Join(lost, "\n")
		default:
			t.Score = t.Max
		}
		out = append(out, t)
	}
	return out
}

// Total sums the tests' scores and maximums.
func Total(tests []Test) (score, max float64) {
	for _, t := range tests {
		score += t.Score
		max += t.Max
	}
	return score, max
}

func sortedKeys(m map[string]float64) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
