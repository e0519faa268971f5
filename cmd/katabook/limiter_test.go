package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const limiterExamples = "../../examples/limiter"

// TestCheckLimiterExamples: the example designs for the three models pass
// `katabook check`, one by one and as a folder.
func TestCheckLimiterExamples(t *testing.T) {
	for _, model := range []string{"per-user", "per-ip", "per-resource-cost"} {
		p := filepath.Join(limiterExamples, model+".md")
		if code, out, errOut := katabook(t, "", "check", p); code != 0 || out != "1 file, 0 errors, 0 warnings\n" {
			t.Errorf("%s: exit %d\n%s%s", model, code, out, errOut)
		}
	}
	if code, out, _ := katabook(t, "", "check", limiterExamples); code != 0 || out != "3 files, 0 errors, 0 warnings\n" {
		t.Errorf("folder: exit %d\n%s", code, out)
	}
}

// TestCheckLimiterFixedWindowBoundary: switching the per-user design to a
// fixed window of 1000 per second, and claiming it never passes more than
// 1000 in a second, fails on the claim's line with the bound of 2000.
func TestCheckLimiterFixedWindowBoundary(t *testing.T) {
	src, err := os.ReadFile(filepath.Join(limiterExamples, "per-user.md"))
	if err != nil {
		t.Fatal(err)
	}
	s := strings.NewReplacer(
		"name: token-bucket", "name: fixed-window",
		"token_bucket:", "fixed_window:",
		"refill_rate: 1000", "window_s: 1",
		"capacity: 5000", "limit: 1000",
		"max_burst: 5000", "max_burst: 1000",
		"max_in_one_second: 6000", "max_in_one_second: 1000",
	).Replace(string(src))
	p := write(t, t.TempDir(), "fixed.md", s)
	code, out, _ := katabook(t, "", "check", p)
	if code != 1 {
		t.Fatalf("exit %d, want 1\n%s", code, out)
	}
	want := 0
	for i, l := range strings.Split(s, "\n") {
		if strings.Contains(l, "max_in_one_second: 1000") {
			want = i + 1
		}
	}
	if !strings.Contains(out, ":"+itoa(want)+":") || !strings.Contains(out, "error: The design admits more than 1000 within one second: exactly 2000") {
		t.Errorf("no claims finding at line %d:\n%s", want, out)
	}
}
