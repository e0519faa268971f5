package format

import (
	"encoding/json"
	"io"
)

// GitHub Classroom's autograding reporter
// (https://github.com/classroom-resources/autograding-grading-reporter,
// src/main.js, notify-classroom.js and console-results.js) reads each
// grader step's result, base64 JSON in the step's `result` output: it
// sums tests[].score against max_score ("Points X/Y" on the run), prints
// each test's name with ✅ for status "pass" or ❌ and its message, and
// fails the workflow when status is "fail". This is the shape the
// classroom-resources graders write (version 1).

type classroomResult struct {
	Version  int             `json:"version"`
	Status   string          `json:"status"` // "pass" or "fail"
	MaxScore float64         `json:"max_score"`
	Tests    []classroomTest `json:"tests"`
}

type classroomTest struct {
	Name     string  `json:"name"`
	Status   string  `json:"status"` // "pass" or "fail"
	Message  string  `json:"message"`
	Score    float64 `json:"score"`
	MaxScore float64 `json:"max_score"`
	Filename string  `json:"filename"`
}

func writeClassroom(w io.Writer, run *Run) error {
	tests := run.tests()
	out := classroomResult{Version: 1, Status: "pass", Tests: []classroomTest{}}
	for _, t := range tests {
		out.MaxScore += t.Max
		status := "pass"
		if !t.Passed() {
			status, out.Status = "fail", "fail"
		}
		out.Tests = append(out.Tests, classroomTest{Name: t.Name, Status: status, Message: t.Output, Score: t.Score, MaxScore: t.Max, Filename: t.file})
	}
	if len(tests) == 0 {
		out.Status = "fail" // nothing submitted is not a pass
		out.Tests = append(out.Tests, classroomTest{Name: "a submission", Status: "fail", Message: gradeSummary(run, tests)})
	}
	enc := json.NewEncoder(w)
	return enc.Encode(out)
}
