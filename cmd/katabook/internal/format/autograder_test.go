package format

import (
	"bytes"
	"encoding/json"
	"testing"
	"time"

	"github.com/katabook/katabook/internal/points"
)

// gradedRun is sampleRun with the course's points for the queue kata:
// 5 for L = λ·W, 1 for the knee, 2 for the /little section.
func gradedRun() *Run {
	run := sampleRun()
	run.Took = 1500 * time.Millisecond
	run.Grading = map[string]points.Kata{"queue": {
		Scheme: &points.Scheme{Rules: map[string]float64{"queue/little-l": 5, "queue/knee": 1}, Sections: map[string]float64{"/little": 2}},
		Rules:  run.Rules[1:],
	}}
	return run
}

// decode writes the run in a format and decodes it as generic JSON.
func decode(t *testing.T, name string, run *Run) map[string]any {
	t.Helper()
	var b bytes.Buffer
	if err := Write(&b, name, run); err != nil {
		t.Fatal(err)
	}
	var out map[string]any
	if err := json.Unmarshal(b.Bytes(), &out); err != nil {
		t.Fatalf("%s is not JSON: %v\n%s", name, err, b.String())
	}
	return out
}

// hasFields checks that obj has every field of the published shape, each
// of the JSON type the spec gives (number, string, array, object).
func hasFields(t *testing.T, where string, obj map[string]any, shape map[string]string) {
	t.Helper()
	for field, kind := range shape {
		v, ok := obj[field]
		if !ok {
			t.Errorf("%s: no %q", where, field)
			continue
		}
		got := "something else"
		switch v.(type) {
		case float64:
			got = "number"
		case string:
			got = "string"
		case []any:
			got = "array"
		case map[string]any:
			got = "object"
		}
		if got != kind {
			t.Errorf("%s: %q is %s (%v), the spec says %s", where, field, got, v, kind)
		}
	}
}

// TestGradescopeShape holds the results.json to Gradescope's published
// format: https://gradescope-autograders.readthedocs.io/en/latest/specs/
// ("Output format": score, execution_time, output, visibility,
// stdout_visibility, tests of name, score, max_score, output, visibility;
// visibility one of hidden, after_due_date, after_published, visible).
func TestGradescopeShape(t *testing.T) {
	out := decode(t, "gradescope", gradedRun())
	hasFields(t, "results.json", out, map[string]string{"score": "number", "max_score": "number", "execution_time": "number",
		"output": "string", "visibility": "string", "stdout_visibility": "string", "tests": "array"})
	visibilities := map[any]bool{"hidden": true, "after_due_date": true, "after_published": true, "visible": true}
	if !visibilities[out["visibility"]] {
		t.Errorf("visibility %v", out["visibility"])
	}
	tests := out["tests"].([]any)
	// good.md: L = λ·W and /little, the knee skipped (7 of 8); "a b,c:d.md": both checks and /little failed
	// (0 of 8); notes.md, no kata: pass or fail (0 of 1).
	if len(tests) != 7 || out["score"] != 7.0 || out["max_score"] != 17.0 || out["execution_time"] != 1.5 {
		t.Fatalf("score %v of %v in %v s over %d tests, want 7 of 17 in 1.5 s over 7: %v", out["score"], out["max_score"], out["execution_time"], len(tests), tests)
	}
	var sum float64
	for i, x := range tests {
		test := x.(map[string]any)
		hasFields(t, "tests[]", test, map[string]string{"name": "string", "score": "number", "max_score": "number", "output": "string", "visibility": "string"})
		if !visibilities[test["visibility"]] {
			t.Errorf("tests[%d].visibility %v", i, test["visibility"])
		}
		sum += test["score"].(float64)
		if test["score"].(float64) < test["max_score"].(float64) && test["output"] == "" {
			t.Errorf("tests[%d] lost points without saying why: %v", i, test)
		}
	}
	if sum != out["score"] {
		t.Errorf("the tests' scores add to %g, the total says %v", sum, out["score"])
	}
}

// TestClassroomShape holds the result to what GitHub Classroom's
// autograding reporter reads
// (https://github.com/classroom-resources/autograding-grading-reporter,
// src/notify-classroom.js and src/console-results.js): max_score, tests[]
// with name, status ("pass" shows ✅), message and score, and a top-level
// status ("fail" fails the workflow).
func TestClassroomShape(t *testing.T) {
	for _, tc := range []struct {
		name   string
		run    *Run
		status string
		score  float64
		max    float64
	}{
		{"graded", gradedRun(), "fail", 7, 17},
		{"all pass", &Run{Files: []File{sampleRun().Files[0]}}, "pass", 1, 1},
		{"nothing submitted", &Run{}, "fail", 0, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out := decode(t, "classroom", tc.run)
			hasFields(t, "result", out, map[string]string{"version": "number", "status": "string", "max_score": "number", "tests": "array"})
			var score float64
			for _, x := range out["tests"].([]any) {
				test := x.(map[string]any)
				hasFields(t, "tests[]", test, map[string]string{"name": "string", "status": "string", "message": "string", "score": "number"})
				if s := test["status"]; s != "pass" && s != "fail" {
					t.Errorf("test status %v", s)
				}
				score += test["score"].(float64)
			}
			if out["status"] != tc.status || score != tc.score || out["max_score"] != tc.max {
				t.Errorf("status %v, %g of %v points; want %s, %g of %g", out["status"], score, out["max_score"], tc.status, tc.score, tc.max)
			}
		})
	}
}
