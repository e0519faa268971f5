package format

import (
	"fmt"
	"strings"

	"github.com/katabook/katabook/internal/points"
)

// gradedTest is one graded item of a run: a file's test, named with it.
type gradedTest struct {
	points.Test
	file string
}

// tests grades every file of the run with the course's points, in file
// order: what the autograder formats report.
func (r *Run) tests() []gradedTest {
	var out []gradedTest
	for _, f := range r.Files {
		for _, t := range r.Grading[f.Kata].Score(f.Findings, f.Rules) {
			t.Name = f.Path + ": " + t.Name
			out = append(out, gradedTest{t, f.Path})
		}
	}
	return out
}

// gradeSummary is the one-paragraph verdict both autograders show.
func gradeSummary(run *Run, tests []gradedTest) string {
	var score, max float64
	for _, t := range tests {
		score += t.Score
		max += t.Max
	}
	var sum Summary
	for i := range run.Files {
		sum.Add(&run.Files[i])
	}
	errs, warns := sum.Errors, sum.Warnings
	var b strings.Builder
	fmt.Fprintf(&b, "katabook %s (ruleset %s): %s, %s, %s; %g of %g points.",
		run.Version, run.Ruleset, plural(len(run.Files), "file"), plural(errs, "error"), plural(warns, "warning"), score, max)
	if len(run.Files) == 0 {
		b.WriteString(" No submission found: name the kata in the file's front matter (`kata: queue`).")
	}
	return b.String()
}
