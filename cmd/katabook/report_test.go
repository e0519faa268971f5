package main

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/katabook/katabook/cmd/katabook/internal/report"
)

// knownCohort writes a cohort whose report is known in advance, and
// returns its folder. Six learners submit the queue kata, every run timed
// against its 20-minute limit:
//
//	Learner 1-3: two passing queues (pool a, pool b): passed, complete
//	Learner 4-5: one passing queue, one with L = λ·W wrong: passed, not complete
//	Learner 6:   L = λ·W wrong, 25 minutes (over the limit): not passed
//
// and Learner 1 a passing SLO document (untimed, from a page with another
// ruleset). Ten queue runs took 10
// minutes, one 25. A README and a workbook sit beside them, not counted.
func knownCohort(t testing.TB) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "submissions")
	goodQueue, err := os.ReadFile("testdata/good.md")
	if err != nil {
		t.Fatal(err)
	}
	slo, err := os.ReadFile("../../examples/slo/ledger-api.md")
	if err != nil {
		t.Fatal(err)
	}
	queue := func(learner int, subject string, wrong bool, minutes int) {
		src := string(goodQueue)
		src = strings.Replace(src, "author: Ada Learner", fmt.Sprintf("author: Learner %d", learner), 1)
		src = strings.Replace(src, "subject: checkout worker pool", "subject: "+subject, 1)
		if wrong {
			src = strings.Replace(src, "l_computed: 10", "l_computed: 12", 1)
		}
		run := fmt.Sprintf("started: 2026-11-25T09:00:00Z\nfinished: 2026-11-25T09:%02d:00Z\nelapsed: %d\nover_limit: %t\n", minutes, minutes*60, minutes > 20)
		src = strings.Replace(src, "---\n", "---\n"+run, 1)
		writeFile(t, filepath.Join(dir, fmt.Sprintf("learner-%d", learner), slug(subject)+".md"), src)
	}
	for l := 1; l <= 3; l++ {
		queue(l, "Pool A", false, 10)
		queue(l, "pool b", false, 10)
	}
	for l := 4; l <= 5; l++ {
		queue(l, "pool a", false, 10)
		queue(l, "pool c", true, 10)
	}
	queue(6, "pool a", true, 25)
	// Checked on a page with another course's numbers: a warning, still passing.
	slo = []byte(strings.Replace(string(slo), "author: Grace Learner", "author: Learner 1\nruleset: 0.0.9+000000000000", 1))
	writeFile(t, filepath.Join(dir, "learner-1", "slo.md"), string(slo))
	writeFile(t, filepath.Join(dir, "README.md"), "# Submissions\n\nOne folder per learner.\n")
	writeFile(t, filepath.Join(dir, "queue-workbook.md"), "---\ntitle: Queue\nkata: queue\ntime_limit: 20\n---\n\nThe workbook.\n")
	return dir
}

func writeFile(t testing.TB, p, body string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
}

func slug(s string) string { return strings.ReplaceAll(strings.ToLower(s), " ", "-") }

// writeKnownReport writes the known cohort's report and returns its folder.
func writeKnownReport(t testing.TB) string {
	t.Helper()
	out := filepath.Join(t.TempDir(), "report")
	var o, e strings.Builder
	if code := run([]string{"report", knownCohort(t), "--out", out}, strings.NewReader(""), &o, &e); code != 0 {
		t.Fatalf("report: exit %d\n%s%s", code, o.String(), e.String())
	}
	return out
}

func TestReportCountsTheKnownCohort(t *testing.T) {
	out := writeKnownReport(t)
	data, err := os.ReadFile(filepath.Join(out, "report.json"))
	if err != nil {
		t.Fatal(err)
	}
	var r report.Report
	if err := json.Unmarshal(data, &r); err != nil {
		t.Fatal(err)
	}
	if r.Version != report.Version || r.Summary != (report.Summary{Submissions: 12, Passing: 9, Learners: 6, OtherRuleset: 1}) {
		t.Fatalf("version %d, summary %+v; want 12 submissions, 9 passing, 6 learners, 1 with another ruleset", r.Version, r.Summary)
	}
	var q *report.KataStats
	for i := range r.Katas {
		if r.Katas[i].ID == "queue" {
			q = &r.Katas[i]
		}
	}
	if q == nil {
		t.Fatal("no queue kata in the report")
	}
	got := fmt.Sprintf("learners %d passed %d submissions %d passing %d complete %d timed %d over %d median %g buckets %v",
		q.Learners, q.Passed, q.Submissions, q.Passing, q.Complete, q.Timed, q.OverLimit, q.MedianTime, q.Buckets)
	if want := "learners 6 passed 5 submissions 11 passing 8 complete 3 timed 11 over 1 median 600 buckets [10 0 0 1]"; got != want {
		t.Errorf("queue:\n got %s\nwant %s", got, want)
	}
	if len(q.TopRules) == 0 || q.TopRules[0].Rule != "queue/little-l" || q.TopRules[0].Learners != 3 || q.TopRules[0].Share != 0.5 || q.TopRules[0].Submissions != 3 {
		t.Errorf("queue's top rule: %+v, want queue/little-l, 3 learners (50%%), 3 submissions", q.TopRules)
	}
	var little *report.RuleStats
	for i := range r.Rules {
		if r.Rules[i].ID == "queue/little-l" {
			little = &r.Rules[i]
		}
	}
	if little == nil || little.Learners != 3 || len(little.Hits) != 3 || little.Hits[0].Learner != "Learner 4" || !strings.Contains(little.Hits[0].Message, "l_computed) is 12") {
		t.Fatalf("queue/little-l: %+v", little)
	}
	// Every link leads from the report's folder to the submission.
	for _, h := range little.Hits {
		p, err := url.PathUnescape(h.Link)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := os.Stat(filepath.Join(out, filepath.FromSlash(p))); err != nil {
			t.Errorf("link %s: %v", h.Link, err)
		}
	}
	l1 := r.Learners[0]
	if l1.Name != "Learner 1" || len(l1.Katas) != 2 || !l1.Katas[0].Complete || l1.Katas[0].Distinct != 2 {
		t.Errorf("Learner 1: %+v", l1)
	}

	rows := readGrades(t, out)
	if len(rows) != 7 || strings.Join(rows[0], ",") != "learner,slo,slo complete,limiter,limiter complete,queue,queue complete,incident,incident complete" {
		t.Fatalf("grades.csv: %q", rows)
	}
	if strings.Join(rows[1], ",") != "Learner 1,pass,no,,,pass,yes,," || strings.Join(rows[6], ",") != "Learner 6,,,,,fail,no,," {
		t.Errorf("grades.csv rows: %q", rows[1:])
	}
}

// TestReportPageRunsUnderTheCSP: no script, no inline style, and a
// Content-Security-Policy that allows only the report's own style sheet.
func TestReportPageRunsUnderTheCSP(t *testing.T) {
	out := writeKnownReport(t)
	page, err := os.ReadFile(filepath.Join(out, "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	html := string(page)
	for _, bad := range []*regexp.Regexp{regexp.MustCompile(`(?i)<script`), regexp.MustCompile(`(?i)<style`), regexp.MustCompile(`(?i)\sstyle=`), regexp.MustCompile(`(?i)\son[a-z]+=`)} {
		if m := bad.FindString(html); m != "" {
			t.Errorf("index.html has %q", m)
		}
	}
	if !strings.Contains(html, `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'self';`) {
		t.Error("index.html has no strict Content-Security-Policy")
	}
	if !strings.Contains(html, "10:00 of 20:00<") || !strings.Contains(html, "25:00 of 20:00 (over the limit)") {
		t.Error("the learners' tables do not show times against the kata's limit")
	}
	if n := strings.Count(html, "<svg"); n != 3 {
		t.Errorf("%d charts, want 3 (pass rate, time against the limit, rules)", n)
	}
	css, err := os.ReadFile(filepath.Join(out, "report.css"))
	if err != nil || !strings.Contains(string(css), "prefers-color-scheme:dark") && !strings.Contains(string(css), "prefers-color-scheme: dark") {
		t.Errorf("report.css is not the course's style sheet with its dark theme (%v)", err)
	}
}

// TestReportNeverWritesOverOthersFiles: a folder with files and no
// marker is refused and left as it was; a previous report is written
// over; a symbolic link where a report file goes is replaced, not
// followed; an input among the report's files is refused.
func TestReportNeverWritesOverOthersFiles(t *testing.T) {
	subs := t.TempDir()
	writeFile(t, filepath.Join(subs, "a.md"), good(t))
	foreign := t.TempDir()
	writeFile(t, filepath.Join(foreign, "index.html"), "mine")
	code, _, errOut := katabook(t, "", "report", subs, "--out", foreign)
	if b, _ := os.ReadFile(filepath.Join(foreign, "index.html")); code != 2 || string(b) != "mine" || !strings.Contains(errOut, report.Marker) {
		t.Fatalf("a folder of someone's files: exit %d, index.html now %q, %s", code, b, errOut)
	}
	if ents, _ := os.ReadDir(foreign); len(ents) != 1 {
		t.Errorf("the refused folder gained files: %v", ents)
	}

	out := filepath.Join(t.TempDir(), "report")
	if code, _, errOut := katabook(t, "", "report", subs, "--out", out); code != 0 {
		t.Fatal(errOut)
	}
	elsewhere := filepath.Join(t.TempDir(), "precious.html")
	writeFile(t, elsewhere, "precious")
	if err := os.Remove(filepath.Join(out, "index.html")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(elsewhere, filepath.Join(out, "index.html")); err != nil {
		t.Fatal(err)
	}
	writeFile(t, filepath.Join(out, "notes.txt"), "the instructor's")
	if code, _, errOut := katabook(t, "", "report", subs, "--out", out); code != 0 {
		t.Fatalf("over a previous report: exit %d, %s", code, errOut)
	}
	if b, _ := os.ReadFile(elsewhere); string(b) != "precious" {
		t.Errorf("the report wrote through a symbolic link: %q", b)
	}
	if b, _ := os.ReadFile(filepath.Join(out, "notes.txt")); string(b) != "the instructor's" {
		t.Error("the report touched a file it did not write")
	}
	if st, err := os.Lstat(filepath.Join(out, "index.html")); err != nil || !st.Mode().IsRegular() {
		t.Errorf("index.html is not the report's own file: %v", err)
	}

	if code, _, errOut := katabook(t, "", "report", filepath.Join(out, "grades.csv"), "--out", out); code != 2 || !strings.Contains(errOut, "one of the inputs") {
		t.Errorf("an input among the report's files: exit %d, %s", code, errOut)
	}
	if code, _, errOut := katabook(t, "", "report", subs); code != 2 || !strings.Contains(errOut, "--out") {
		t.Errorf("no --out: exit %d, %s", code, errOut)
	}
}

// TestReportGradesWithPoints: with the course's points, grades.csv has
// each graded kata's best score and a total.
func TestReportGradesWithPoints(t *testing.T) {
	course := pointsCourse(t, `points: {default: 0, rules: {"queue/little-l": 4, "queue/double-l": 2}}`)
	out := filepath.Join(t.TempDir(), "report")
	if code, _, errOut := katabook(t, "", "report", "--content", course, knownCohort(t), "--out", out); code != 0 {
		t.Fatal(errOut)
	}
	rows := readGrades(t, out)
	if got := strings.Join(rows[0], ","); got != "learner,slo,slo complete,limiter,limiter complete,queue,queue complete,queue points,incident,incident complete,points" {
		t.Fatalf("header %s", got)
	}
	// Learner 4's best queue passes (6 of 6); Learner 6's only one loses L = λ·W (2 of 6).
	if got := strings.Join(rows[4], ","); got != "Learner 4,,,,,pass,no,6,,,6" {
		t.Errorf("Learner 4: %s", got)
	}
	if got := strings.Join(rows[6], ","); got != "Learner 6,,,,,fail,no,2,,,2" {
		t.Errorf("Learner 6: %s", got)
	}
}

// readGrades reads a report's grades.csv.
func readGrades(t *testing.T, dir string) [][]string {
	t.Helper()
	f, err := os.Open(filepath.Join(dir, "grades.csv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	return rows
}

// TestReportCountsUnreadableFiles: a file that cannot be read is named on
// stderr and counted, the report is still written, and the exit is 2.
func TestReportCountsUnreadableFiles(t *testing.T) {
	subs := t.TempDir()
	writeFile(t, filepath.Join(subs, "a.md"), good(t))
	out := filepath.Join(t.TempDir(), "report")
	code, _, errOut := katabook(t, "", "report", subs, filepath.Join(subs, "missing.md"), "--out", out)
	if code != 2 || !strings.Contains(errOut, "missing.md") {
		t.Fatalf("exit %d, %s", code, errOut)
	}
	data, err := os.ReadFile(filepath.Join(out, "report.json"))
	if err != nil {
		t.Fatal(err)
	}
	var r report.Report
	if err := json.Unmarshal(data, &r); err != nil || r.Summary.Unreadable != 1 || r.Summary.Submissions != 1 {
		t.Errorf("summary %+v (%v), want 1 submission and 1 unreadable file", r.Summary, err)
	}
}
