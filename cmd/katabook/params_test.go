package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/katabook/katabook/cmd/katabook/internal/format"
)

// paramCourse writes the default course with the limiter at 500 req/s and
// a burst of 2500, and the queue at μ = 200, as a course author would: by
// setting params: in the two workbooks' front matter.
func paramCourse(t *testing.T) string {
	t.Helper()
	dir := initCourse(t)
	setFrontMatter(t, filepath.Join(dir, "limiter.md"), "params:\n  user_limit_rps: 500\n  user_burst: 2500")
	setFrontMatter(t, filepath.Join(dir, "queue.md"), "params: {mu_rps: 200, rates_rps: [100, 160, 180, 190, 198]}")
	return dir
}

// initCourse writes the default course to a new folder, as `katabook
// init` does for a course author, and returns the folder.
func initCourse(t *testing.T) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "course")
	if code, _, errOut := katabook(t, "", "init", dir); code != 0 {
		t.Fatal(errOut)
	}
	return dir
}

// setFrontMatter adds lines at the top of a workbook's front matter.
func setFrontMatter(t *testing.T, path, lines string) {
	t.Helper()
	src, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(strings.Replace(string(src), "---\n", "---\n"+lines+"\n", 1)), 0o644); err != nil {
		t.Fatal(err)
	}
}

// edited is a file of src with each old line replaced (see replaceAll).
func edited(t *testing.T, dir, name, src string, pairs ...string) string {
	t.Helper()
	for i := 0; i+1 < len(pairs); i += 2 {
		if !strings.Contains(src, pairs[i]) {
			t.Fatalf("%s: no %q to replace", name, pairs[i])
		}
		src = strings.ReplaceAll(src, pairs[i], pairs[i+1])
	}
	return write(t, dir, name, src)
}

// perUser500 is the per-user example redone for 500 req/s and a burst of
// 2500: the bucket, the federation's overshoot (3 − 1) × (2500 + 500 ×
// 0.1), the local fallback 500 / 20, the headers and the claims.
func perUser500(t *testing.T, dir string) string {
	src, err := os.ReadFile("../../examples/limiter/per-user.md")
	if err != nil {
		t.Fatal(err)
	}
	return edited(t, dir, "per-user-500.md", string(src),
		"limit_rps: 1000", "limit_rps: 500", "burst: 5000", "burst: 2500",
		"refill_rate: 1000", "refill_rate: 500", "capacity: 5000", "capacity: 2500",
		"overshoot_requests: 10200", "overshoot_requests: 5100", "local_fallback_rps: 50", "local_fallback_rps: 25",
		"X-RateLimit-Limit: 1000", "X-RateLimit-Limit: 500", "max_in_one_second: 6000", "max_in_one_second: 3000",
		"long_run_rps: 1000", "long_run_rps: 500", "the 5000 burst and refill is the 1000/s", "the 2500 burst and refill is the 500/s")
}

// queue200 is the good queue answer with its M/M/1 part at μ = 200.
func queue200(t *testing.T, dir string) string {
	return edited(t, dir, "queue-200.md", good(t),
		"mu_rps: 100", "mu_rps: 200",
		"{lambda_rps: 50, w_ms: 20, l: 1}", "{lambda_rps: 100, w_ms: 10, l: 1}",
		"{lambda_rps: 80, w_ms: 50, l: 4}", "{lambda_rps: 160, w_ms: 25, l: 4}",
		"{lambda_rps: 90, w_ms: 100, l: 9}", "{lambda_rps: 180, w_ms: 50, l: 9}",
		"{lambda_rps: 95, w_ms: 200, l: 19}", "{lambda_rps: 190, w_ms: 100, l: 19}",
		"{lambda_rps: 99, w_ms: 1000, l: 99}", "{lambda_rps: 198, w_ms: 500, l: 99}",
		"knee_lambda_rps: 90", "knee_lambda_rps: 180", "w_slo_ms: 100", "w_slo_ms: 50", "lambda_at_slo_rps: 90", "lambda_at_slo_rps: 180")
}

func checkJSON(t *testing.T, args ...string) format.JSONOutput {
	t.Helper()
	_, out, errOut := katabook(t, "", append([]string{"check", "--format", "json"}, args...)...)
	var res format.JSONOutput
	if err := json.Unmarshal([]byte(out), &res); err != nil {
		t.Fatalf("check %v: %v\n%s%s", args, err, out, errOut)
	}
	return res
}

// TestCourseParamsHoldInCheck: a course at 500/2500 and μ = 200 passes
// answers computed for its numbers and fails the defaults' answers with
// messages naming its numbers; the ruleset id tells the two courses apart.
func TestCourseParamsHoldInCheck(t *testing.T) {
	course, dir := paramCourse(t), t.TempDir()
	right := []string{perUser500(t, dir), queue200(t, dir)}
	for _, f := range checkJSON(t, append([]string{"--content", course}, right...)...).Files {
		for _, x := range f.Findings {
			t.Errorf("%s, computed for the course's numbers: %s %s %s", filepath.Base(f.Path), x.Severity, x.Rule, x.Message)
		}
	}
	for _, f := range checkJSON(t, right...).Files {
		if len(f.Findings) == 0 {
			t.Errorf("%s passes against the default course too: the course's numbers were not used", filepath.Base(f.Path))
		}
	}
	res := checkJSON(t, "--content", course, "../../examples/limiter/per-user.md")
	got := map[string]string{}
	for _, x := range res.Files[0].Findings {
		if x.Severity == "error" {
			got[x.Pointer] = x.Message
		}
	}
	if !strings.Contains(got["/model/limit_rps"], "500") || !strings.Contains(got["/model/burst"], "2500") || len(got) != 2 {
		t.Errorf("the default design on a 500/2500 course: want errors naming 500 and 2500 at the model, got %v", got)
	}
	if def := checkJSON(t, right[0]).Ruleset; def == res.Ruleset {
		t.Errorf("the ruleset id %s is the same for both courses", def)
	}
	_, ver, _ := katabook(t, "", "version", "--content", course)
	if !strings.Contains(ver, res.Ruleset) {
		t.Errorf("version --content names another ruleset than check --content: %s vs %s", ver, res.Ruleset)
	}
}

func TestParamsCommand(t *testing.T) {
	course := paramCourse(t)
	code, out, _ := katabook(t, "", "params", "limiter", "--content", course)
	if code != 0 || !strings.Contains(out, "user_limit_rps") || !strings.Contains(out, "req/s") {
		t.Fatalf("params limiter: %d\n%s", code, out)
	}
	_, out, _ = katabook(t, "", "params", "queue", "--format", "json", "--content", course)
	var doc struct {
		Params []struct {
			Name           string
			Value, Default any
			Unit, Meaning  string
		}
	}
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatal(err, out)
	}
	if len(doc.Params) == 0 || doc.Params[0].Name != "mu_rps" || doc.Params[0].Value != 200.0 || doc.Params[0].Default != 100.0 || doc.Params[0].Meaning == "" {
		t.Errorf("params queue --format json: %+v", doc.Params)
	}
	if code, _, _ := katabook(t, "", "params", "nope"); code != exitUsage {
		t.Errorf("an unknown kata: exit %d", code)
	}
}

// TestBadParamsFailTheBuild: each mistake a course author can make in
// params: fails build and check with the workbook and the line.
func TestBadParamsFailTheBuild(t *testing.T) {
	for _, tt := range []struct{ name, lines, says string }{
		{"unknown name", "params:\n  user_limit: 500", "limiter.md:3: params of kata limiter: user_limit: the kata limiter has no such parameter"},
		{"wrong type", "params:\n  regions: three", "limiter.md:3: params of kata limiter: regions: a number"},
		{"burst below the rate", "params:\n  user_limit_rps: 500\n  user_burst: 100", "limiter.md:2: params of kata limiter: user_burst (100) is below user_limit_rps (500)"},
		{"not a mapping", "params: 500", "limiter.md:2: front matter: params: a mapping"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			dir := initCourse(t)
			setFrontMatter(t, filepath.Join(dir, "limiter.md"), tt.lines)
			for _, args := range [][]string{{"build", "--content", dir, "--out", filepath.Join(t.TempDir(), "out")}, {"check", "--content", dir, "../../examples/limiter/per-user.md"}} {
				code, _, errOut := katabook(t, "", args...)
				if code == 0 || !strings.Contains(errOut, tt.says) {
					t.Errorf("%s: exit %d, want a failure saying %q:\n%s", args[0], code, tt.says, errOut)
				}
			}
		})
	}
	queue := func(mu string) string { return "params: {mu_rps: " + mu + "}" }
	for _, mu := range []string{"0", "-5", "90"} { // 90: at or below the kata's rates
		dir := initCourse(t)
		setFrontMatter(t, filepath.Join(dir, "queue.md"), queue(mu))
		if code, _, errOut := katabook(t, "", "build", "--content", dir, "--out", filepath.Join(t.TempDir(), "out")); code == 0 || !strings.Contains(errOut, "queue.md:2:") {
			t.Errorf("mu_rps %s: exit %d\n%s", mu, code, errOut)
		}
	}
}

// TestWorkbookShowsTheCourseNumbers: {{param}} and {{calc}} in a workbook
// print the course's values, in its text, its form's hints and its rules;
// a name the kata lacks fails the build at its line.
func TestWorkbookShowsTheCourseNumbers(t *testing.T) {
	course := paramCourse(t)
	out := filepath.Join(t.TempDir(), "out")
	if code, _, errOut := katabook(t, "", "build", "--content", course, "--out", out); code != 0 {
		t.Fatal(errOut)
	}
	page, err := os.ReadFile(filepath.Join(out, "limiter.html"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"| 500 requests per second", "Per-user: 500 req/s, burst 2500", "19 × 2550 = 48,450 requests above the limit"} {
		if !strings.Contains(strings.ReplaceAll(string(page), "<td>", "| "), want) {
			t.Errorf("limiter page lacks %q", want)
		}
	}
	if strings.Contains(string(page), "{{") {
		t.Error("a directive was left on the page")
	}
	_, help, _ := katabook(t, "", "explain", "queue/mm1-points", "--content", course)
	if !strings.Contains(help, "μ = 200") || !strings.Contains(help, "100, 160, 180, 190 and 198") {
		t.Errorf("explain does not show the course's numbers:\n%s", help)
	}
	for _, directive := range []string{`{{param "user_limt_rps"}}`, `{{calc "user_limit_rps / zero"}}`} {
		dir := initCourse(t)
		wb := filepath.Join(dir, "limiter.md")
		src, _ := os.ReadFile(wb)
		body := strings.Replace(string(src), "| Authenticated user |", "| Authenticated user "+directive+" |", 1)
		line := strings.Count(body[:strings.Index(body, directive)], "\n") + 1
		os.WriteFile(wb, []byte(body), 0o644)
		code, _, errOut := katabook(t, "", "build", "--content", dir, "--out", filepath.Join(t.TempDir(), "out"))
		if want := "limiter.md:" + itoa(line) + ":"; code == 0 || !strings.Contains(errOut, want) {
			t.Errorf("%s: exit %d, want an error at %s:\n%s", directive, code, want, errOut)
		}
	}
}

// TestBrowserHoldsTheCourseNumbers: the page of a 500/2500, μ = 200 course
// checks with the course's numbers, and its findings equal the CLI's with
// --content, for answers computed for the course and for the defaults.
func TestBrowserHoldsTheCourseNumbers(t *testing.T) {
	ctx := newBrowser(t)
	course, dir := paramCourse(t), t.TempDir()
	srv := serveContent(t, os.DirFS(course))
	downloads := allowDownloads(t, ctx)
	for _, tc := range []struct {
		page, file string
		errors     []string // what the error messages must name
	}{
		{"limiter", perUser500(t, dir), nil},
		{"queue", queue200(t, dir), nil},
		{"limiter", "../../examples/limiter/per-user.md", []string{"500 req/s", "2500 requests"}},
	} {
		t.Run(tc.page+"/"+filepath.Base(tc.file), func(t *testing.T) {
			openKata(t, ctx, srv.URL+"/"+tc.page+".html")
			page, cli := pageAndCLI(t, ctx, downloads, tc.page, must(exampleFields(tc.file)), "--content", course)
			if !reflect.DeepEqual(page, cli.Files[0].Findings) {
				t.Errorf("page and CLI disagree:\npage %+v\ncli  %+v", page, cli.Files[0].Findings)
			}
			var msgs []string
			for _, f := range page {
				if f.Severity == "error" {
					msgs = append(msgs, f.Message)
				}
			}
			if len(msgs) != len(tc.errors) {
				t.Errorf("errors on the page: %q, want %d", msgs, len(tc.errors))
			}
			for _, want := range tc.errors {
				if !strings.Contains(strings.Join(msgs, "\n"), want) {
					t.Errorf("no error names %q: %q", want, msgs)
				}
			}
		})
	}
}
