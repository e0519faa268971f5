package main

import (
	"io/fs"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/katabook/katabook/content"
)

// payloads try every way a workbook or a submission could run script.
var payloads = []string{
	`<script>window.__pwned = 'script'</script>`,
	`<img src=x onerror="window.__pwned = 'onerror'">`,
	`<svg onload="window.__pwned = 'svg'"></svg>`,
	`[click me](javascript:window.__pwned='link')`,
	`"><iframe src="javascript:parent.__pwned='iframe'"></iframe>`,
}

// TestHostileWorkbookAndSubmissionRunNoScript builds a workbook full of
// script payloads and imports a submission carrying them in every text
// field and the prose, then proves in Chromium that none of them ran and
// no element they describe reached the DOM.
func TestHostileWorkbookAndSubmissionRunNoScript(t *testing.T) {
	src, err := fs.ReadFile(content.FS, "queue.md")
	if err != nil {
		t.Fatal(err)
	}
	hostile := strings.Replace(string(src), "## Your answer", "## Your answer\n\n"+strings.Join(payloads, "\n\n"), 1)
	srv := serveContent(t, queueCourse(t, []byte(hostile)))
	ctx := newBrowser(t)
	console := watchConsole(ctx)

	all := strings.Join(payloads, " ")
	sub := strings.NewReplacer(
		"subject: checkout worker pool", "subject: '"+strings.ReplaceAll(all, "'", "''")+"'",
		"name: checkout worker pool", "name: '"+strings.ReplaceAll(all, "'", "''")+"'",
		"lambda_rps: 40", `lambda_rps: "<img src=x onerror=window.__pwned='number'>"`,
		"A closing note after the block.", all,
	).Replace(good(t))
	file := write(t, t.TempDir(), "hostile.md", sub)

	openKata(t, ctx, srv.URL+"/queue.html")
	if err := chromedp.Do(ctx, chromedp.SetUploadFiles(`input[data-action="import"]`, []string{file})); err != nil {
		t.Fatal(err)
	}
	waitFor(t, ctx, "the hostile answer imported and checked",
		`document.querySelector('[data-pointer="/queue/name"]').value.includes('<script>') &&
		 document.querySelector('[data-msg="/measured/lambda_rps"]').textContent.includes('schema/type')`)
	// Give any smuggled handler its chance, then look.
	if err := chromedp.Do(ctx, chromedp.Click(`a[href^="javascript"]`, chromedp.AtLeast(0))); err != nil {
		t.Logf("no javascript: link to click (good): %v", err)
	}
	found, err := chromedp.Run(ctx, chromedp.Evaluate[string](`JSON.stringify({
		pwned: window.__pwned ?? null,
		scripts: [...document.scripts].filter(s => !s.src).length,
		handlers: document.querySelectorAll('[onerror],[onload]').length,
		iframes: document.querySelectorAll('iframe').length,
		jsLinks: document.querySelectorAll('a[href^="javascript"]').length,
	})`))
	if err != nil {
		t.Fatal(err)
	}
	if found != `{"pwned":null,"scripts":0,"handlers":0,"iframes":0,"jsLinks":0}` {
		t.Errorf("a payload reached the page: %s", found)
	}
	for _, e := range console.list() {
		t.Logf("console: %.200s", e)
	}
}

// TestPageSurvivesHostileImports: the WASM engine meets the same hostile
// files as the CLI; each import is refused with a message or checked, the
// page stays responsive, and the learner's saved answer is not replaced by
// a file that cannot be read.
func TestPageSurvivesHostileImports(t *testing.T) {
	srv := serveCourse(t)
	ctx := newBrowser(t)
	dir := t.TempDir()
	files := map[string]string{
		"bomb.md": "---\nkata: queue\nsubject: s\n---\n```yaml answer\na: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\n" +
			"c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\ne: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]\n```\n",
		"deep.md":      "---\nkata: queue\nsubject: s\n---\n```yaml answer\nmeasured: " + strings.Repeat("[", 10000) + strings.Repeat("]", 10000) + "\n```\n",
		"binary.md":    "---\nkata: queue\n---\n\x00\x01\x02\xff",
		"big.md":       strings.Repeat("x", 2<<20),
		"otherkata.md": "---\nkata: limiter\nsubject: s\n---\n```yaml answer\nmodel: per-user\n```\n",
	}
	openKata(t, ctx, srv.URL+"/queue.html")
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](callJS(setFieldJS, "/queue/name", "my saved queue"))); err != nil {
		t.Fatal(err)
	}
	for name, body := range files {
		p := write(t, dir, name, body)
		if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`(() => { document.querySelector('[data-import-notice]').replaceChildren(); return true })()`)); err != nil {
			t.Fatal(err)
		}
		if err := chromedp.Do(ctx, chromedp.SetUploadFiles(`input[data-action="import"]`, []string{p})); err != nil {
			t.Fatal(err)
		}
		// A file for another kata asks first: the learner keeps their answers.
		waitFor(t, ctx, "a verdict on "+name, `(() => {
			document.querySelector('dialog[data-ask] [data-answer="no"]')?.click();
			return document.querySelector('[data-import-notice]').textContent.includes('Nothing was changed');
		})()`)
		if v, _ := chromedp.Run(ctx, chromedp.Value(`[data-pointer="/queue/name"]`)); v != "my saved queue" {
			t.Errorf("%s replaced the learner's answer (name is now %q)", name, v)
		}
	}
}
