package main

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// capacityCourse is the default course with the capacity kata of
// examples/capacity/course added: three files, no Go.
func capacityCourse(t *testing.T) string {
	t.Helper()
	dir := initCourse(t)
	for _, name := range []string{"capacity.md", "capacity.rules.yaml", "capacity.schema.json"} {
		src, err := os.ReadFile(filepath.Join("../../examples/capacity/course", name))
		if err != nil {
			t.Fatal(err)
		}
		write(t, dir, name, string(src))
	}
	return dir
}

// TestDeclaredKataChecksInTheCLI: a kata written only as files is
// checked, listed, templated, described and explained like a built-in.
func TestDeclaredKataChecksInTheCLI(t *testing.T) {
	course := capacityCourse(t)
	res := checkJSON(t, "--content", course, "../../examples/capacity/submissions/right.md", "../../examples/capacity/submissions/wrong.md")
	if len(res.Files[0].Findings) != 0 {
		t.Errorf("right.md: %+v", res.Files[0].Findings)
	}
	wrong := res.Files[1].Findings
	if len(wrong) != 1 || wrong[0].Rule != "capacity/n-plus-one" || wrong[0].Pointer != "/plan/instances_total" || !strings.Contains(wrong[0].Message, "run at least 35") {
		t.Errorf("wrong.md: want one capacity/n-plus-one at /plan/instances_total naming 35, got %+v", wrong)
	}
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"rules"}, "capacity/n-plus-one"},
		{[]string{"explain", "capacity/ceiling"}, "Above 80%"},
		{[]string{"new", "capacity"}, "instances_total:"},
		{[]string{"schema", "capacity"}, "this course asks for at most 80%"},
		{[]string{"params", "capacity"}, "max_ceiling_pct"},
	} {
		code, out, errOut := katabook(t, "", append(tc.args, "--content", course)...)
		if code != 0 || !strings.Contains(out, tc.want) {
			t.Errorf("%v: exit %d, want %q in:\n%s%s", tc.args, code, tc.want, out, errOut)
		}
	}
	if code, _, _ := katabook(t, "", "check", "../../examples/capacity/submissions/right.md"); code == 0 {
		t.Error("without the course, the capacity kata must be unknown")
	}
}

// TestQueueCopiedUnderAnotherIDGivesTheSameVerdicts: the queue kata's
// files, copied under another id, check every variant of the good answer
// as the queue kata does.
func TestQueueCopiedUnderAnotherIDGivesTheSameVerdicts(t *testing.T) {
	course := initCourse(t)
	for _, ext := range []string{".rules.yaml", ".schema.json"} {
		src, _ := os.ReadFile(filepath.Join(course, "queue"+ext))
		body := strings.ReplaceAll(string(src), "queue/", "flow/")
		body = strings.ReplaceAll(body, "schemas/queue.json", "schemas/flow.json")
		write(t, course, "flow"+ext, body)
	}
	dir := t.TempDir()
	var files []string
	base := good(t)
	for i, change := range [][2]string{{"", ""}, {"l_computed: 10", "l_computed: 12"}, {"lambda_rps: 40", "lambda_rps: forty"}, {"knee_lambda_rps: 90", "knee_lambda_rps: 50"}, {"w_slo_ms: 100", "w_slo_ms: 5"}} {
		files = append(files, write(t, dir, "q"+itoa(i)+".md", strings.Replace(base, change[0], change[1], 1)))
	}
	queue := checkJSON(t, append([]string{"--content", course}, files...)...)
	for _, f := range files {
		src, _ := os.ReadFile(f)
		os.WriteFile(f, []byte(strings.Replace(string(src), "kata: queue", "kata: flow", 1)), 0o644)
	}
	flow := checkJSON(t, append([]string{"--content", course}, files...)...)
	for i := range files {
		q, f := queue.Files[i].Findings, flow.Files[i].Findings
		for j := range f {
			f[j].Rule = strings.Replace(f[j].Rule, "flow/", "queue/", 1)
		}
		if !reflect.DeepEqual(q, f) {
			t.Errorf("%s: queue %+v\nflow %+v", filepath.Base(files[i]), q, f)
		}
	}
}

// TestBadDeclaredKatasFailTheBuild: each mistake in a kata's files fails
// the build with the file and the line (and the column in the message).
func TestBadDeclaredKatasFailTheBuild(t *testing.T) {
	for _, tt := range []struct {
		name, old, new, says string
	}{
		{"a field the schema lacks", "peak: answer.load.peak_rps", "peak: answer.load.peek_rps", "capacity.rules.yaml:17: column 21: unknown field peek_rps"},
		{"a parameter the kata lacks", "fail_if: ceiling > params.max_ceiling_pct", "fail_if: ceiling > params.ceiling_pct", "capacity.rules.yaml:47: column 31: unknown field ceiling_pct"},
		{"a let used before it is defined", "peak: answer.load.peak_rps", "peak: needed", "capacity.rules.yaml:17: column 9: unknown name needed"},
		{"a syntax error", "expect: needed", "expect: needed +", "capacity.rules.yaml:"},
		{"a rule over the cost limit", "fail_if: survivors < needed", "fail_if: 'len(map(0..10000000, # * 2)) > 0'", "capacity.rules.yaml:58: column 15: this expression exceeds the cost limit"},
		{"a figure without data", "    value: |", "    when: true\n    nothing: |", "capacity.rules.yaml:"},
		{"a rule id of another kata", "id: capacity/ceiling", "id: queue/ceiling", "a rule's id is capacity/<name>"},
		{"a reading that is an error", "severity: warning\n    kind: computed", "severity: error\n    kind: reading", "capacity.rules.yaml:40: column 15: rule capacity/ceiling: a reading (kind: reading) rests on reading prose, so it is at most a warning"},
		{"a rule that does not say how it knows", "    kind: computed\n", "", "rule capacity/instances needs a kind: computed"},
		{"a pointer the schema lacks", "at: /plan/utilisation_pct", "at: /plan/utilization_pct", "the schema has no field /plan/utilization_pct"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			course := capacityCourse(t)
			rules := filepath.Join(course, "capacity.rules.yaml")
			src, _ := os.ReadFile(rules)
			if !strings.Contains(string(src), tt.old) {
				t.Fatalf("no %q in the rules", tt.old)
			}
			os.WriteFile(rules, []byte(strings.Replace(string(src), tt.old, tt.new, 1)), 0o644)
			code, _, errOut := katabook(t, "", "build", "--content", course, "--out", filepath.Join(t.TempDir(), "out"))
			if code == 0 || !strings.Contains(errOut, tt.says) {
				t.Errorf("exit %d, want a failure saying %q:\n%s", code, tt.says, errOut)
			}
		})
	}
	course := capacityCourse(t)
	write(t, course, "slo.rules.yaml", "title: mine\n")
	write(t, course, "slo.schema.json", "{}")
	if code, _, errOut := katabook(t, "", "build", "--content", course, "--out", filepath.Join(t.TempDir(), "out")); code == 0 || !strings.Contains(errOut, "slo.rules.yaml:1: slo is a built-in kata") {
		t.Errorf("a declared kata with a built-in id: exit %d\n%s", code, errOut)
	}
	course = capacityCourse(t)
	os.Remove(filepath.Join(course, "capacity.rules.yaml"))
	if code, _, errOut := katabook(t, "", "build", "--content", course, "--out", filepath.Join(t.TempDir(), "out")); code == 0 || !strings.Contains(errOut, "capacity.md:3: kata: capacity names no kata") {
		t.Errorf("a workbook of no kata: exit %d\n%s", code, errOut)
	}
}

// TestBrowserRunsADeclaredKata: the capacity kata's page checks with the
// WebAssembly engine exactly as the CLI does, and draws its figure.
func TestBrowserRunsADeclaredKata(t *testing.T) {
	ctx := newBrowser(t)
	course := capacityCourse(t)
	srv := serveContent(t, os.DirFS(course))
	downloads := allowDownloads(t, ctx)
	for _, name := range []string{"right.md", "wrong.md"} {
		t.Run(name, func(t *testing.T) {
			openKata(t, ctx, srv.URL+"/capacity.html")
			file := "../../examples/capacity/submissions/" + name
			page, cli := pageAndCLI(t, ctx, downloads, "capacity", must(exampleFields(file)), "--content", course)
			if !reflect.DeepEqual(page, cli.Files[0].Findings) {
				t.Errorf("page and CLI disagree:\npage %+v\ncli  %+v", page, cli.Files[0].Findings)
			}
			if errs := 0; name == "wrong.md" {
				for _, f := range page {
					if f.Severity == "error" {
						errs++
					}
				}
				if errs != 1 {
					t.Errorf("wrong.md: %d errors on the page", errs)
				}
			}
			if n := evalString(t, ctx, `String(document.querySelectorAll('svg.chart.declared rect.bar').length)`); n != "3" {
				t.Errorf("the zones figure has %s bars, want 3", n)
			}
		})
	}
}
