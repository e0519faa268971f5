package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/katabook/katabook/cmd/katabook/internal/format"
)

// katabook runs the CLI in-process and returns exit code, stdout, stderr.
func katabook(t *testing.T, stdin string, args ...string) (int, string, string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code := run(args, strings.NewReader(stdin), &out, &errOut)
	return code, out.String(), errOut.String()
}

func good(t *testing.T) string {
	t.Helper()
	b, err := os.ReadFile("testdata/good.md")
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func write(t *testing.T, dir, name, body string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

var findingLine = regexp.MustCompile(`^(.+):(\d+):(\d+): (error|warning): .+ \[([a-z0-9/-]+)\]$`)

func TestCheckGoodFileExitsZero(t *testing.T) {
	code, out, errOut := katabook(t, "", "check", "testdata/good.md")
	if code != 0 || out != "1 file, 0 errors, 0 warnings\n" || errOut != "" {
		t.Fatalf("code %d\nstdout %q\nstderr %q", code, out, errOut)
	}
}

func TestCheckReportsWrongAnswersAtTheirLine(t *testing.T) {
	dir := t.TempDir()
	bad := strings.Replace(good(t), "l_computed: 10", "l_computed: 12", 1)
	p := write(t, dir, "bad.md", bad)
	code, out, _ := katabook(t, "", "check", p)
	if code != 1 {
		t.Fatalf("exit %d, want 1\n%s", code, out)
	}
	want := -1
	for i, l := range strings.Split(bad, "\n") {
		if strings.Contains(l, "l_computed: 12") {
			want = i + 1
		}
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	m := findingLine.FindStringSubmatch(lines[0])
	if m == nil || m[1] != p || m[2] != itoa(want) || m[5] != "queue/little-l" {
		t.Fatalf("first line %q, want %s:%d: error queue/little-l", lines[0], p, want)
	}
	if lines[len(lines)-1] != "1 file, 1 error, 0 warnings" {
		t.Errorf("summary %q", lines[len(lines)-1])
	}
}

func itoa(i int) string { return strconv.Itoa(i) }

func TestCheckBadInputNeverPanics(t *testing.T) {
	dir := t.TempDir()
	cases := map[string]struct{ body, rule string }{
		"nofm.md":      {"# just notes\n```yaml answer\na: 1\n```\n", "submission/front-matter"},
		"badyaml.md":   {"---\nkata: queue\nsubject: s\n---\n```yaml answer\nmeasured: [\n```\n", "answer/yaml"},
		"unknown.md":   {"---\nkata: chaos\n---\n```yaml answer\na: 1\n```\n", "submission/unknown-kata"},
		"noanswer.md":  {"---\nkata: queue\nsubject: s\n---\nprose only\n", "submission/no-answer"},
		"wrongtype.md": {strings.Replace(good(t), "w_s: 0.25", "w_s: quarter", 1), "schema/type"},
		"binary.md":    {"---\nkata: queue\n---\n\x00\x01\x02", "submission/encoding"},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			p := write(t, dir, name, c.body)
			code, out, errOut := katabook(t, "", "check", p)
			if code != 1 {
				t.Fatalf("exit %d, want 1; stderr %q", code, errOut)
			}
			if !strings.Contains(out, " error: ") || !strings.Contains(out, " ["+c.rule+"]\n") {
				t.Fatalf("no %s finding:\n%s", c.rule, out)
			}
			for _, l := range strings.Split(strings.TrimSpace(out), "\n")[:strings.Count(out, "\n")-1] {
				if m := findingLine.FindStringSubmatch(l); m == nil || m[2] == "0" {
					t.Errorf("line %q is not path:line:col: severity: message [rule] with a line", l)
				}
			}
		})
	}
}

func TestCheckFoldersStdinAndExitCodes(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "a/good.md", good(t))
	write(t, dir, "a/b/bad.md", strings.Replace(good(t), "l_at_double: 20", "l_at_double: 21", 1))
	write(t, dir, "README.md", "# Submissions\n\nNot a submission.\n")
	write(t, dir, "notes.txt", "ignored")
	code, out, _ := katabook(t, "", "check", dir)
	if code != 1 || !strings.Contains(out, "bad.md:") || !strings.HasSuffix(out, "2 files, 1 error, 0 warnings\n") {
		t.Fatalf("folder: exit %d\n%s", code, out)
	}
	code, out, _ = katabook(t, good(t), "check", "-")
	if code != 0 || out != "1 file, 0 errors, 0 warnings\n" {
		t.Fatalf("stdin: exit %d\n%s", code, out)
	}
	if code, _, errOut := katabook(t, "", "check", filepath.Join(dir, "missing.md")); code != 2 || !strings.Contains(errOut, "missing.md") {
		t.Fatalf("missing file: exit %d, stderr %q", code, errOut)
	}
	if code, _, _ := katabook(t, "", "check", "--format", "xml", dir); code != 2 {
		t.Fatalf("bad format: exit %d, want 2", code)
	}
	if code, _, _ := katabook(t, "", "check"); code != 2 {
		t.Fatalf("no args: exit %d, want 2", code)
	}
	if code, _, _ := katabook(t, "", "frobnicate"); code != 2 {
		t.Fatalf("unknown command: exit %d, want 2", code)
	}
}

func TestCheckJSON(t *testing.T) {
	dir := t.TempDir()
	p := write(t, dir, "bad.md", strings.Replace(good(t), "feasible: false", "feasible: true", 1))
	code, out, _ := katabook(t, "", "check", "--format", "json", p)
	var got format.JSONOutput
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, out)
	}
	if code != 1 || got.Version != 1 || got.Summary.Errors != 1 || len(got.Files) != 1 {
		t.Fatalf("exit %d, %+v", code, got)
	}
	f := got.Files[0].Findings[0]
	if f.Rule != "queue/double-feasible" || f.Pointer != "/doubling/feasible" || f.Line == 0 {
		t.Errorf("finding %+v", f)
	}
}

func TestNewSchemaVersion(t *testing.T) {
	code, tmpl, _ := katabook(t, "", "new", "queue")
	if code != 0 || !strings.Contains(tmpl, "```yaml answer") {
		t.Fatalf("new: exit %d\n%s", code, tmpl)
	}
	code, out, _ := katabook(t, tmpl, "check", "-")
	if code != 1 || !strings.Contains(out, "schema/required") {
		t.Fatalf("a fresh template must be incomplete, not broken: exit %d\n%s", code, out)
	}
	p := filepath.Join(t.TempDir(), "mine.md")
	if code, _, _ := katabook(t, "", "new", "queue", "-o", p); code != 0 {
		t.Fatal("new -o failed")
	}
	if b, _ := os.ReadFile(p); string(b) != tmpl {
		t.Error("new -o wrote something else than new prints")
	}
	if code, _, _ := katabook(t, "", "new", "queue", "-o", p); code != 2 {
		t.Error("new -o must not overwrite")
	}
	if code, _, errOut := katabook(t, "", "new", "chaos"); code != 2 || !strings.Contains(errOut, "queue") {
		t.Errorf("unknown kata: exit %d, %q", code, errOut)
	}
	code, out, _ = katabook(t, "", "schema", "queue")
	var schema map[string]any
	if code != 0 || json.Unmarshal([]byte(out), &schema) != nil || schema["$id"] != "https://katabook.dev/schemas/queue.json" {
		t.Fatalf("schema: exit %d\n%.200s", code, out)
	}
	code, out, _ = katabook(t, "", "version")
	if code != 0 || !regexp.MustCompile(`ruleset \d+\.\d+\.\d+\+[0-9a-f]{12}`).MatchString(out) {
		t.Fatalf("version: %q", out)
	}
}

func TestInitThenBuildACourse(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "course")
	if code, out, errOut := katabook(t, "", "init", dir); code != 0 || !strings.Contains(out, "queue.md") {
		t.Fatalf("init: exit %d\n%s%s", code, out, errOut)
	}
	if code, _, _ := katabook(t, "", "init", dir); code != 2 {
		t.Errorf("init over an existing course must refuse (exit 2), got %d", code)
	}
	// An author edits a workbook; the build carries the change.
	p := filepath.Join(dir, "queue.md")
	b, _ := os.ReadFile(p)
	write(t, dir, "queue.md", strings.Replace(string(b), "## Setup", "## Setup for our team", 1))
	out := filepath.Join(t.TempDir(), "site")
	if code, stdout, errOut := katabook(t, "", "build", "--content", dir, "--out", out); code != 0 || strings.Contains(stdout, "unchanged") {
		t.Fatalf("build (the first: nothing to keep): exit %d\n%s%s", code, stdout, errOut)
	}
	page, err := os.ReadFile(filepath.Join(out, "queue.html"))
	if err != nil || !strings.Contains(string(page), "Setup for our team") {
		t.Fatalf("built page lacks the author's edit (%v)", err)
	}
	// Built again unchanged, every file is kept, and the build says so.
	code, stdout, errOut := katabook(t, "", "build", "--content", dir, "--out", out)
	m := regexp.MustCompile(`: (\d+) files, (\d+) unchanged since the last build`).FindStringSubmatch(stdout)
	if code != 0 || m == nil || m[1] != m[2] || len(m[1]) < 2 {
		t.Fatalf("rebuild: exit %d, %q, want every file (ten or more) unchanged\n%s", code, stdout, errOut)
	}
	// A broken workbook fails the build with file:line and exit 1.
	write(t, dir, "broken.md", "---\ntitle: Broken\n---\n\n```form nosuchkata\n```\n")
	code, _, errOut = katabook(t, "", "build", "--content", dir, "--out", out)
	if code != 1 || !strings.Contains(errOut, "broken.md:5:") {
		t.Fatalf("broken build: exit %d, stderr %q", code, errOut)
	}
	if code, _, _ := katabook(t, "", "build", "--content", filepath.Join(dir, "nope")); code != 2 {
		t.Errorf("missing content folder: exit %d, want 2", code)
	}
}

func TestCheckSeveralOutputsInOneRun(t *testing.T) {
	dir := t.TempDir()
	p := write(t, dir, "subs/bad.md", strings.Replace(good(t), "knee_lambda_rps: 90", "knee_lambda_rps: 50", 1))
	sarif, junit, js := filepath.Join(dir, "k.sarif"), filepath.Join(dir, "k.xml"), filepath.Join(dir, "k.json")
	code, out, errOut := katabook(t, "", "check", "--format", "github",
		"--output", "sarif="+sarif, "--output", "junit="+junit, "--output", "json="+js, filepath.Join(dir, "subs"))
	if code != 0 { // a warning only
		t.Fatalf("exit %d\n%s%s", code, out, errOut)
	}
	if !strings.HasPrefix(out, "::warning file="+p+",line=") || !strings.Contains(out, "title=queue/knee::") {
		t.Errorf("github output: %q", out)
	}
	for _, f := range []string{sarif, junit, js} {
		if st, err := os.Stat(f); err != nil || st.Size() == 0 {
			t.Errorf("%s not written: %v", f, err)
		}
	}
	var s struct {
		Runs []struct {
			Results []struct {
				RuleID    string `json:"ruleId"`
				Locations []struct {
					PhysicalLocation struct {
						Region struct{ StartLine int } `json:"region"`
					} `json:"physicalLocation"`
				} `json:"locations"`
			} `json:"results"`
		} `json:"runs"`
	}
	b, _ := os.ReadFile(sarif)
	if err := json.Unmarshal(b, &s); err != nil || len(s.Runs[0].Results) != 1 || s.Runs[0].Results[0].RuleID != "queue/knee" ||
		s.Runs[0].Results[0].Locations[0].PhysicalLocation.Region.StartLine == 0 {
		t.Errorf("sarif: %v %s", err, b)
	}
	// The same warning over a limit of 0 fails the run.
	if code, _, errOut := katabook(t, "", "check", "--max-warnings", "0", p); code != 1 || !strings.Contains(errOut, "max-warnings") {
		t.Errorf("--max-warnings 0 with a warning: exit %d, %q", code, errOut)
	}
	if code, _, _ := katabook(t, "", "check", "--output", "pdf=x.pdf", p); code != 2 {
		t.Errorf("unknown output format: exit %d, want 2", code)
	}
}

func TestCheckStrictAndStdinName(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "README.md", "# Notes\n")
	write(t, dir, "broken.md", "no front matter\n\n```yaml answer\nmeasured: {}\n```\n")
	code, out, _ := katabook(t, "", "check", dir)
	if code != 1 || !strings.Contains(out, "broken.md:1:1: error: ") || strings.Contains(out, "README") {
		t.Errorf("a file with an answer block but no front matter is a broken submission; a README is not:\n%s", out)
	}
	code, out, _ = katabook(t, "", "check", "--strict", dir)
	if code != 1 || !strings.Contains(out, "README.md:1:1:") {
		t.Errorf("--strict checks every .md:\n%s", out)
	}
	_, out, _ = katabook(t, "# x\n", "check", "--stdin-name", "answer.md", "-")
	if !strings.HasPrefix(out, "answer.md:1:1: error: ") && strings.Contains(out, "[submission/front-matter]") {
		t.Errorf("--stdin-name: %q", out)
	}
}

func TestRulesAndExplain(t *testing.T) {
	code, out, _ := katabook(t, "", "rules")
	if code != 0 || !strings.Contains(out, "queue/little-l") || !strings.Contains(out, "schema/required") {
		t.Fatalf("rules: exit %d\n%s", code, out)
	}
	code, out, _ = katabook(t, "", "explain", "queue/mm1-w")
	if code != 0 || !strings.Contains(out, "W = 1 / (μ − λ)") {
		t.Fatalf("explain: exit %d\n%s", code, out)
	}
	if code, _, _ := katabook(t, "", "explain", "queue/nope"); code != 2 {
		t.Errorf("unknown rule: exit %d, want 2", code)
	}
}

// TestHostileFiles: huge and hostile submissions give a clear finding with
// a line and exit 1, never a crash; a huge file is not read past the limit.
func TestHostileFiles(t *testing.T) {
	dir := t.TempDir()
	huge := filepath.Join(dir, "huge.md")
	f, err := os.Create(huge)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Truncate(50 << 20); err != nil { // 50 MB of NUL bytes, sparse
		t.Fatal(err)
	}
	f.Close()
	oneLine := write(t, dir, "oneline.md", "---\nkata: queue\nsubject: s\n---\n"+strings.Repeat("λ", (1<<20-100)/2)+"\n")
	bomb := write(t, dir, "bomb.md", "---\nkata: queue\nsubject: s\n---\n```yaml answer\n"+
		"a: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\n"+
		"d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\ne: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]\nf: [*e, *e, *e, *e, *e, *e, *e, *e, *e, *e]\n```\n")
	deep := write(t, dir, "deep.md", "---\nkata: queue\nsubject: s\n---\n```yaml answer\nmeasured: "+strings.Repeat("[", 10000)+strings.Repeat("]", 10000)+"\n```\n")
	cases := []struct{ path, want string }{
		{huge, "huge.md:1:1: error: file is 1048577 bytes; the limit is 1048576 bytes (1 MiB) [submission/size]"},
		{oneLine, "oneline.md:5:1: error: no answer block"},
		{bomb, "bomb.md:6:32: error: the answer is too large or too deep"},
		{deep, "deep.md:6:75: error: the answer is too large or too deep"},
	}
	for _, c := range cases {
		code, out, errOut := katabook(t, "", "check", c.path)
		if code != 1 || !strings.Contains(out, c.want) {
			t.Errorf("%s: exit %d, want 1 and %q in\n%.600s%s", filepath.Base(c.path), code, c.want, out, errOut)
		}
	}
}

// TestCheckSkipsWorkbooksInFolders: a course repository keeps workbooks
// (front matter with a time limit, no answer block) beside submissions;
// `katabook check .` judges the submissions only, unless --strict.
func TestCheckSkipsWorkbooksInFolders(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "content/queue.md", "---\ntitle: Little's law\nkata: queue\norder: 3\ntime_limit: 20\n---\n\n## Setup\n")
	write(t, dir, "submissions/ada.md", good(t))
	write(t, dir, "submissions/bob.md", "---\nkata: queue\nsubject: pool\n---\n\nI forgot the answer block.\n")
	code, out, _ := katabook(t, "", "check", dir)
	if code != 1 || strings.Contains(out, "content/queue.md") || !strings.Contains(out, "bob.md:") || !strings.HasSuffix(out, "2 files, 1 error, 0 warnings\n") {
		t.Fatalf("exit %d\n%s", code, out)
	}
	if _, out, _ := katabook(t, "", "check", "--strict", dir); !strings.Contains(out, "content/queue.md") {
		t.Errorf("--strict must check the workbook too:\n%s", out)
	}
}

// TestCheckOutputOrderIsStable: files are checked in parallel, some slow
// (a limiter design's simulation) and some fast (broken YAML), yet the
// findings come out in the order of the paths, the same in every run.
func TestCheckOutputOrderIsStable(t *testing.T) {
	dir := t.TempDir()
	limiter, err := os.ReadFile("../../examples/limiter/per-user.md")
	if err != nil {
		t.Fatal(err)
	}
	var want []string
	for i := range 40 {
		// Fast: a queue answer with one error. Slow: a limiter design of
		// its own (so no simulation is shared), with one field wrong.
		body := strings.Replace(good(t), "l_at_double: 20", "l_at_double: 21", 1)
		if i%3 == 0 {
			body = strings.Replace(string(limiter), "subject:", "subject: run "+strconv.Itoa(i)+" of", 1)
			body = strings.Replace(body, "regions: ", "regions: 1"+strconv.Itoa(i), 1) // replicas: part of the design
		}
		want = append(want, write(t, dir, fmt.Sprintf("s%02d/sub.md", i), body))
	}
	first := ""
	for run := range 3 {
		_, out, _ := katabook(t, "", "check", dir)
		var got []string
		for _, line := range strings.Split(out, "\n") {
			if m := findingLine.FindStringSubmatch(line); m != nil && (len(got) == 0 || got[len(got)-1] != m[1]) {
				got = append(got, m[1])
			}
		}
		if !slices.Equal(got, want) {
			t.Fatalf("run %d: files in the output\n%v\nwant, in path order\n%v", run, got, want)
		}
		if run == 0 {
			first = out
		} else if out != first {
			t.Fatalf("run %d differs from the first:\n%s\n---\n%s", run, out, first)
		}
	}
}
