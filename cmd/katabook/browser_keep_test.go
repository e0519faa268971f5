package main

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/katabook/katabook/cmd/katabook/internal/format"
)

// storedAnswerJS reads the page's stored answer (under its per-course key).
const storedAnswerJS = `(() => {
	const k = Object.keys(localStorage).find(k => k.endsWith(':answer:queue/queue'));
	return k ? localStorage.getItem(k) : 'null';
})()`

// TestBrowserTwoTabsKeepEachOthersAnswers: typing in one tab of a kata
// does not erase what another tab of it saved, and each tab shows the
// other's changes.
func TestBrowserTwoTabsKeepEachOthersAnswers(t *testing.T) {
	a := newBrowser(t)
	srv := serveCourse(t)
	b, cancel := chromedp.NewContext(a) // a second tab of the same browser
	defer cancel()
	openKata(t, a, srv.URL+"/queue.html")
	openKata(t, b, srv.URL+"/queue.html")
	if _, err := chromedp.Run(a, chromedp.Evaluate[bool](callJS(setFieldJS, "/queue/name", "typed in A"))); err != nil {
		t.Fatal(err)
	}
	// The learner turns to tab B, which shows what was typed in A…
	waitFor(t, b, "tab B showing A's change", `document.querySelector('`+sel("/queue/name")+`').value === 'typed in A'`)
	// …and typing there keeps it.
	if _, err := chromedp.Run(b, chromedp.Evaluate[bool](callJS(setFieldJS, "/measured/lambda_rps", "40"))); err != nil {
		t.Fatal(err)
	}
	var stored struct {
		Answer struct {
			Queue    map[string]any `json:"queue"`
			Measured map[string]any `json:"measured"`
		} `json:"answer"`
	}
	if err := json.Unmarshal([]byte(evalString(t, b, storedAnswerJS)), &stored); err != nil {
		t.Fatal(err)
	}
	if stored.Answer.Queue["name"] != "typed in A" || stored.Answer.Measured["lambda_rps"] != 40.0 {
		t.Fatalf("after typing in both tabs the stored answer is %+v", stored.Answer)
	}
	waitFor(t, a, "tab A showing B's change", `document.querySelector('`+sel("/measured/lambda_rps")+`').value === '40' &&
		document.querySelector('`+sel("/queue/name")+`').value === 'typed in A'`)
}

// importFile uploads a file to the page's import and answers the dialog
// (when one opens) with answer, "yes" or "no".
func importFile(t *testing.T, ctx context.Context, path, answer string) {
	t.Helper()
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`(() => { document.querySelector('[data-import-notice]').replaceChildren(); return true })()`)); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(ctx, chromedp.SetUploadFiles(`input[data-action="import"]`, []string{path})); err != nil {
		t.Fatal(err)
	}
	if answer != "" {
		waitFor(t, ctx, "the import's question", `!!document.querySelector('dialog[data-ask][open]')`)
		if err := chromedp.Do(ctx, chromedp.Click(`dialog[data-ask] [data-answer="`+answer+`"]`)); err != nil {
			t.Fatal(err)
		}
	}
	waitFor(t, ctx, "the import's notice", `document.querySelector('[data-import-notice]').textContent !== ''`)
}

// TestBrowserImportAsksAndSaysWhy: a file that names no kata, or another
// kata, replaces nothing unless the learner says so in the page's dialog;
// a file that cannot be read says why and what was kept, and the message
// stays until dismissed.
func TestBrowserImportAsksAndSaysWhy(t *testing.T) {
	ctx := newBrowser(t)
	srv := serveCourse(t)
	dir := t.TempDir()
	openKata(t, ctx, srv.URL+"/queue.html")
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](callJS(setFieldJS, "/queue/name", "my saved queue"))); err != nil {
		t.Fatal(err)
	}
	name := func() string { return evalString(t, ctx, `document.querySelector('`+sel("/queue/name")+`').value`) }
	notice := func() string { return evalString(t, ctx, `document.querySelector('[data-import-notice]').textContent`) }

	nokata := write(t, dir, "nokata.md", "---\ntitle: notes\n---\n\n```yaml answer\nqueue:\n  name: from the file\n```\n")
	importFile(t, ctx, nokata, "no")
	if got := name(); got != "my saved queue" {
		t.Fatalf("declining the import still replaced the answer: name %q", got)
	}
	if n := notice(); !strings.Contains(n, "Nothing was changed") {
		t.Errorf("notice after declining: %q", n)
	}
	importFile(t, ctx, nokata, "yes")
	if got := name(); got != "from the file" {
		t.Fatalf("accepting the import left name %q", got)
	}

	other := write(t, dir, "limiter.md", "---\nkata: limiter\nsubject: s\n---\n```yaml answer\nmodel:\n  kind: per-user\n```\n")
	importFile(t, ctx, other, "no")
	if n := notice(); !strings.Contains(n, "Nothing was changed") || name() != "from the file" {
		t.Errorf("a file for another kata: notice %q, name %q", n, name())
	}

	broken := write(t, dir, "broken.md", "---\nkata: queue\n---\nnot UTF-8: \xff\xfe\n")
	importFile(t, ctx, broken, "")
	time.Sleep(1500 * time.Millisecond) // longer than any status message lasted
	n := notice()
	if !strings.Contains(n, "broken.md") || !strings.Contains(n, "UTF-8") || !strings.Contains(n, "Nothing was changed") {
		t.Errorf("a file that is not UTF-8: notice %q", n)
	}
	noanswer := write(t, dir, "noanswer.md", "---\nkata: queue\n---\nJust notes.\n")
	importFile(t, ctx, noanswer, "")
	time.Sleep(1500 * time.Millisecond)
	if n := notice(); !strings.Contains(n, "no answer block") || !strings.Contains(n, "Nothing was changed") {
		t.Errorf("a file with no answer block: notice %q", n)
	}
	if err := chromedp.Do(ctx, chromedp.Click(`[data-import-notice] [data-action="dismiss-notice"]`)); err != nil {
		t.Fatal(err)
	}
	if n := notice(); n != "" {
		t.Errorf("the notice stays after Dismiss: %q", n)
	}
}

// keptSubmission is the good queue answer with values the form's controls
// cannot hold: a kind the select does not offer, a boolean that is not
// one, a two-line name in a one-line field, a number quoted as text, and a
// date the date input cannot show.
func keptSubmission(t *testing.T) string {
	return strings.NewReplacer(
		"kind: thread-pool", "kind: worker-pool-v2",
		"feasible: false", "feasible: maybe",
		"name: checkout worker pool", "name: \"checkout\\nworker pool\"",
		"lambda_rps: 40", `lambda_rps: "40"`,
		"date: 2026-11-25", "date: 25 Nov 2026",
	).Replace(good(t))
}

// TestBrowserKeepsValuesTheFormCannotHold: such values survive a keystroke
// elsewhere, are shown as kept, are exported unchanged, and the page finds
// in them what the CLI finds in the file.
func TestBrowserKeepsValuesTheFormCannotHold(t *testing.T) {
	ctx := newBrowser(t)
	srv := serveCourse(t)
	downloads := allowDownloads(t, ctx)
	file := write(t, t.TempDir(), "kept.md", keptSubmission(t))
	openKata(t, ctx, srv.URL+"/queue.html")
	importFile(t, ctx, file, "")
	waitFor(t, ctx, "the import checked", `document.querySelector('[data-msg="/measured/lambda_rps"]').textContent.includes('schema/type')`)
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](callJS(setFieldJS, "/measured/w_s", "0.250"))); err != nil {
		t.Fatal(err)
	}
	stored := evalString(t, ctx, storedAnswerJS)
	for _, want := range []string{`"kind":"worker-pool-v2"`, `"feasible":"maybe"`, `"name":"checkout\nworker pool"`, `"lambda_rps":"40"`, `"date":"25 Nov 2026"`, `"w_s":0.25`} {
		if !strings.Contains(stored, want) {
			t.Errorf("stored answer lacks %s:\n%s", want, stored)
		}
	}
	shown := evalString(t, ctx, `JSON.stringify({
		kind: document.querySelector('`+sel("/queue/kind")+` option[data-kept]')?.textContent,
		feasible: document.querySelector('`+sel("/doubling/feasible")+`').value,
		notes: [...document.querySelectorAll('[data-kept-note]')].map(n => n.previousElementSibling.dataset.pointer || n.previousElementSibling.dataset.meta).sort(),
	})`)
	if want := `{"kind":"worker-pool-v2 (kept from your file)","feasible":"maybe","notes":["/measured/lambda_rps","/queue/name","date"]}`; shown != want {
		t.Errorf("shown as kept: %s\nwant %s", shown, want)
	}

	if err := chromedp.Do(ctx, chromedp.Click(`[data-action="export"]`)); err != nil {
		t.Fatal(err)
	}
	exported := waitForGlob(t, filepath.Join(downloads, "queue-*.md"))
	src, _ := os.ReadFile(exported)
	for _, want := range []string{"kind: worker-pool-v2", "feasible: maybe", `lambda_rps: "40"`, "date: 25 Nov 2026", "  name: |-\n    checkout\n    worker pool"} {
		if !strings.Contains(string(src), want) {
			t.Errorf("export lacks %q:\n%s", want, src)
		}
	}
	// The page's findings are the CLI's on the imported file (plus the one
	// change typed), rule by rule and field by field.
	_, out, _ := katabook(t, "", "check", "--format", "json", exported)
	var cli format.JSONOutput
	if err := json.Unmarshal([]byte(out), &cli); err != nil {
		t.Fatal(err)
	}
	page := evalString(t, ctx, `JSON.stringify(document.querySelector('form.kata-form').katabookReport.findings.map(f => f.rule + ' ' + f.pointer).sort())`)
	var cliFindings []string
	for _, f := range cli.Files[0].Findings {
		cliFindings = append(cliFindings, f.Rule+" "+f.Pointer)
	}
	sort.Strings(cliFindings)
	if b, _ := json.Marshal(cliFindings); string(b) != page {
		t.Errorf("page finds %s\nCLI finds %s", page, b)
	}
	if !strings.Contains(page, "schema/type /measured/lambda_rps") {
		t.Errorf("the quoted number passes on the page: %s", page)
	}
}

// TestBrowserChecksNumbersAsTheCLIDoes: a μ of 1e308 (whose M/M/1 curve
// overflows to infinity) and numbers spelt as YAML reads them differently
// (017 is octal) get on the page exactly the CLI's findings on the file.
func TestBrowserChecksNumbersAsTheCLIDoes(t *testing.T) {
	ctx := newBrowser(t)
	srv := serveCourse(t)
	console := watchConsole(ctx)
	src := strings.NewReplacer("mu_rps: 100", "mu_rps: 1e308", "concurrency_limit: 16", "concurrency_limit: 016").Replace(good(t))
	file := write(t, t.TempDir(), "huge-mu.md", src)
	openKata(t, ctx, srv.URL+"/queue.html")
	importFile(t, ctx, file, "")
	waitFor(t, ctx, "the import checked", `!!document.querySelector('form.kata-form').katabookReport?.findings.some(f => f.rule === 'answer/octal')`)
	page := evalString(t, ctx, `JSON.stringify(document.querySelector('form.kata-form').katabookReport.findings.map(f => f.rule + ' ' + f.pointer + ': ' + f.message).sort())`)
	_, out, _ := katabook(t, src, "check", "--format", "json", "-")
	var cli format.JSONOutput
	if err := json.Unmarshal([]byte(out), &cli); err != nil {
		t.Fatal(err)
	}
	var want []string
	for _, f := range cli.Files[0].Findings {
		want = append(want, f.Rule+" "+f.Pointer+": "+f.Message)
	}
	sort.Strings(want)
	if b, _ := json.Marshal(want); string(b) != page {
		t.Errorf("page finds %s\nCLI finds %s", page, b)
	}
	if status := evalString(t, ctx, `document.querySelector('[data-status]').textContent`); strings.Contains(status, "engine failed") {
		t.Errorf("status: %s", status)
	}
	if errs := console.list(); len(errs) > 0 {
		t.Errorf("console errors: %v", errs)
	}
}
