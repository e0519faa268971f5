package format

import (
	"encoding/json"
	"io"
)

// Gradescope's autograder reads /autograder/results/results.json; its
// fields are specified at
// https://gradescope-autograders.readthedocs.io/en/latest/specs/ (the
// "Output format" section). Scores are the course's points (Run.Grading).

type gradescopeResults struct {
	Score         float64          `json:"score"`
	MaxScore      float64          `json:"max_score"`
	ExecutionTime float64          `json:"execution_time"` // seconds
	Output        string           `json:"output"`
	Visibility    string           `json:"visibility"`
	StdoutVis     string           `json:"stdout_visibility"`
	Tests         []gradescopeTest `json:"tests"`
}

type gradescopeTest struct {
	Name       string  `json:"name"`
	Score      float64 `json:"score"`
	MaxScore   float64 `json:"max_score"`
	Output     string  `json:"output"`
	Visibility string  `json:"visibility"`
}

func writeGradescope(w io.Writer, run *Run) error {
	tests := run.tests()
	out := gradescopeResults{ExecutionTime: run.Took.Seconds(), Output: gradeSummary(run, tests),
		Visibility: "visible", StdoutVis: "visible", Tests: []gradescopeTest{}}
	for _, t := range tests {
		out.Score += t.Score
		out.MaxScore += t.Max
		out.Tests = append(out.Tests, gradescopeTest{Name: t.Name, Score: t.Score, MaxScore: t.Max, Output: t.Output, Visibility: "visible"})
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}
