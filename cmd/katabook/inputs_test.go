package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestNoCommandWritesOntoItsInput: a report or an export aimed at the
// submission it reads (by the same name, another spelling, a hard link or
// standard input redirected from it) is refused with exit 2, and the
// submission keeps its bytes.
func TestNoCommandWritesOntoItsInput(t *testing.T) {
	dir := t.TempDir()
	answer := write(t, dir, "answer.md", good(t))
	link := filepath.Join(dir, "link.md")
	if err := os.Link(answer, link); err != nil {
		t.Fatal(err)
	}
	slo, err := os.ReadFile(sloExamples[0])
	if err != nil {
		t.Fatal(err)
	}
	x := write(t, dir, "x.md", string(slo))
	cases := [][]string{
		{"check", "--output", "junit=" + answer, answer},
		{"check", "--output", "sarif=" + filepath.Join(dir, ".", "answer.md"), dir},
		{"check", "--output", "json=" + link, answer},
		{"export", "slo", x, "--format", "prometheus", "-o", x},
		{"export", "slo", x, "--format", "openslo", "-o", filepath.Join(dir, "..", filepath.Base(dir), "x.md")},
	}
	for _, args := range cases {
		code, _, errOut := katabook(t, "", args...)
		if code != 2 || !strings.Contains(errOut, "overwrite") {
			t.Errorf("%v: exit %d, want 2 and a refusal; stderr %q", args, code, errOut)
		}
	}
	report := filepath.Join(dir, "report")
	if code, _, errOut := katabook(t, "", "check", "--output", "json="+report, "--output", "sarif="+report, answer); code != 2 || !strings.Contains(errOut, "name one file") {
		t.Errorf("two formats into one file: exit %d, %q", code, errOut)
	}
	f, err := os.Open(answer)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out, errOut strings.Builder
	if code := run([]string{"check", "--output", "junit=" + answer, "-"}, f, &out, &errOut); code != 2 || !strings.Contains(errOut.String(), "overwrite") {
		t.Errorf("check - < answer.md --output junit=answer.md: exit %d, %q", code, errOut.String())
	}
	fx, err := os.Open(x)
	if err != nil {
		t.Fatal(err)
	}
	defer fx.Close()
	if code := run([]string{"export", "slo", "-", "--format", "openslo", "-o", x}, fx, &out, &errOut); code != 2 || !strings.Contains(errOut.String(), "overwrite") {
		t.Errorf("export slo - < x.md -o x.md: exit %d, %q", code, errOut.String())
	}
	if b, _ := os.ReadFile(answer); string(b) != good(t) {
		t.Error("the submission was overwritten")
	}
	if b, _ := os.ReadFile(x); string(b) != string(slo) {
		t.Error("the exported submission was overwritten")
	}
}

// TestUnreadableNamesAreEscaped: the name of a file that cannot be read
// is printed quoted on standard error when it holds a newline, so that
// under --format github it cannot start a workflow command of its own.
func TestUnreadableNamesAreEscaped(t *testing.T) {
	dir := t.TempDir()
	for _, name := range []string{"missing\n::error file=x.md::injected.md", "::warning::missing.md"} {
		for _, f := range []string{"github", "text"} {
			code, _, errOut := katabook(t, "", "check", "--format", f, filepath.Join(dir, name))
			for _, line := range strings.Split(strings.TrimSpace(errOut), "\n") {
				if code != 2 || !strings.HasPrefix(line, "katabook: ") {
					t.Errorf("--format %s, %q: exit %d, stderr line %q", f, name, code, line)
				}
			}
		}
	}
}
