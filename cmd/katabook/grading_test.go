package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// pointsCourse is the default course with points for the queue kata.
func pointsCourse(t *testing.T, points string) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "course")
	if code, _, errOut := katabook(t, "", "init", dir); code != 0 {
		t.Fatal(errOut)
	}
	if points != "" {
		setFrontMatter(t, filepath.Join(dir, "queue.md"), points)
	}
	return dir
}

// TestCheckGradesWithTheCoursePoints: --format gradescope scores each
// check the course gives points for, and a workbook's points that name
// no check of its kata fail like any broken workbook.
func TestCheckGradesWithTheCoursePoints(t *testing.T) {
	course := pointsCourse(t, `points: {default: 0, rules: {"queue/little-l": 4, "queue/double-l": 2}, sections: {"/mm1": 3}}`)
	dir := t.TempDir()
	p := write(t, dir, "bad.md", strings.Replace(good(t), "l_computed: 10", "l_computed: 12", 1))
	code, out, errOut := katabook(t, "", "check", "--content", course, "--format", "gradescope", p)
	if code != 1 {
		t.Fatalf("exit %d, want 1: %s", code, errOut)
	}
	var res struct {
		Score float64 `json:"score"`
		Max   float64 `json:"max_score"`
		Tests []struct {
			Name   string  `json:"name"`
			Score  float64 `json:"score"`
			Output string  `json:"output"`
		} `json:"tests"`
	}
	if err := json.Unmarshal([]byte(out), &res); err != nil {
		t.Fatal(err, out)
	}
	if res.Score != 5 || res.Max != 9 || len(res.Tests) != 3 {
		t.Fatalf("%g of %g points over %d tests, want 5 of 9 over 3 (L = λ·W lost):\n%s", res.Score, res.Max, len(res.Tests), out)
	}
	if !strings.Contains(res.Tests[0].Name, "queue/little-l") || res.Tests[0].Score != 0 || !strings.Contains(res.Tests[0].Output, "l_computed) is 12") {
		t.Errorf("the first test should be L = λ·W, lost, saying why: %+v", res.Tests[0])
	}
	bad := pointsCourse(t, `points: {rules: {"queue/no-such-check": 1}}`)
	if code, _, errOut := katabook(t, "", "check", "--content", bad, p); code != 1 || !strings.Contains(errOut, "queue.md") || !strings.Contains(errOut, "queue/no-such-check") {
		t.Errorf("points for a check that does not exist: exit %d, %s", code, errOut)
	}
}

// TestCheckHoldsOverLimitToTheCourseTimeLimit: the queue kata's limit is
// 20 minutes in the default course, 5 in this one.
func TestCheckHoldsOverLimitToTheCourseTimeLimit(t *testing.T) {
	course := pointsCourse(t, "")
	queue := filepath.Join(course, "queue.md")
	src, err := os.ReadFile(queue)
	if err != nil {
		t.Fatal(err)
	}
	edited(t, course, "queue.md", string(src), "time_limit: 20", "time_limit: 5")
	run := "started: 2026-11-25T09:00:00Z\nfinished: 2026-11-25T09:10:00Z\nelapsed: 600\nover_limit: false\n"
	p := write(t, t.TempDir(), "run.md", strings.Replace(good(t), "---\n", "---\n"+run, 1))
	if code, out, _ := katabook(t, "", "check", p); code != 0 {
		t.Errorf("10 minutes is within the default course's 20: %s", out)
	}
	code, out, _ := katabook(t, "", "check", "--content", course, p)
	if code != 1 || !strings.Contains(out, "run/over-limit") || !strings.Contains(out, "time limit of 5 min") {
		t.Errorf("10 minutes is over this course's 5, and over_limit says false: exit %d\n%s", code, out)
	}
	code, out, _ = katabook(t, "", "rules")
	for _, id := range []string{"run/time", "run/elapsed", "run/over-limit", "run/ruleset"} {
		if code != 0 || !strings.Contains(out, id) {
			t.Errorf("katabook rules does not list %s", id)
		}
	}
}
