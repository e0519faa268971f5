package main

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// goodAnswer is a correct answer to the queue kata, by JSON pointer.
var goodAnswer = map[string]string{
	"/queue/name": "checkout worker pool", "/queue/kind": "thread-pool", "/queue/source": "Prometheus, one busy hour",
	"/measured/lambda_rps": "40", "/measured/w_s": "0.25", "/measured/l_measured": "10.6",
	"/little/deviation_pct": "6", "/little/reason": "none",
	"/doubling/l_at_double": "20", "/doubling/concurrency_limit": "16", "/doubling/feasible": "false",
	"/fixed_concurrency/w_at_double_s": "0.2", "/fixed_concurrency/lambda_reject_rps": "64",
	"/mm1/mu_rps": "100", "/mm1/knee_lambda_rps": "90", "/mm1/w_slo_ms": "100", "/mm1/lambda_at_slo_rps": "90",
	"/mm1/points/0/lambda_rps": "50", "/mm1/points/0/w_ms": "20",
	"/mm1/points/1/lambda_rps": "80", "/mm1/points/1/w_ms": "50",
	"/mm1/points/2/lambda_rps": "90", "/mm1/points/2/w_ms": "100",
	"/mm1/points/3/lambda_rps": "95", "/mm1/points/3/w_ms": "200",
	"/mm1/points/4/lambda_rps": "99", "/mm1/points/4/w_ms": "1000",
}

const setFieldJS = `(ptr, value) => {
  const el = document.querySelector('[data-pointer="' + ptr + '"]');
  if (!el) throw new Error('no field ' + ptr);
  el.value = value;
  el.dispatchEvent(new Event('input', {bubbles: true}));
  return true;
}`

// callJS writes a call of a JavaScript function with JSON-encoded arguments.
func callJS(fn string, args ...any) string {
	enc, _ := json.Marshal(args)
	return "(" + fn + ")(..." + string(enc) + ")"
}

func sel(ptr string) string { return `[data-pointer="` + ptr + `"]` }

// waitFor polls a JavaScript predicate until it holds or 20 s pass.
func waitFor(t *testing.T, ctx context.Context, what, expr string) {
	t.Helper()
	// The context's deadline backs up the polling timeout, which an async
	// predicate that never settles to true would not honour.
	pctx, cancel := context.WithTimeout(ctx, 25*time.Second)
	defer cancel()
	if _, err := chromedp.Run(pctx, chromedp.Poll[bool](expr, chromedp.WithPollingTimeout(20*time.Second))); err != nil {
		state, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`(() => {
			const f = document.querySelector('form.kata-form');
			if (!f) return 'no form';
			const msgs = [...f.querySelectorAll('[data-msg]')].filter(m => m.textContent).map(m => m.dataset.msg + ': ' + m.textContent);
			return f.querySelector('[data-status]').textContent + '\n' + msgs.join('\n') + '\n' + f.querySelector('[data-findings]').textContent;
		})()`))
		t.Fatalf("waiting for %s (%s): %v\npage says: %s", what, expr, err, state)
	}
}

// TestBrowserQueueKataEndToEnd: fill the Little's-law form in real Chromium,
// see a wrong figure caught by the WASM engine beside its field, correct it,
// reload without losing anything, export, and check the export in the CLI.
func TestBrowserQueueKataEndToEnd(t *testing.T) {
	ctx := newBrowser(t)
	srv := serveCourse(t)
	console := watchConsole(ctx)
	downloads := allowDownloads(t, ctx)

	openKata(t, ctx, srv.URL+"/queue.html")

	meta := map[string]string{"subject": "checkout worker pool", "author": "Ada", "title": "Run 1", "date": "2026-11-25"}
	for k, v := range meta {
		typeKeys(t, ctx, `[data-meta="`+k+`"]`, v)
	}
	for ptr, v := range goodAnswer {
		if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](callJS(setFieldJS, ptr, v))); err != nil {
			t.Fatalf("set %s: %v", ptr, err)
		}
	}
	// One figure typed by hand, and wrong: λ·W is 10, not 12.
	lc := "/little/l_computed"
	typeKeys(t, ctx, sel(lc), "12")
	waitFor(t, ctx, "the little-l finding beside its field",
		`(document.querySelector('[data-msg="`+lc+`"]').textContent.includes('queue/little-l')) &&
		 document.querySelector('`+sel(lc)+`').getAttribute('aria-invalid') === 'true'`)
	msg, err := chromedp.Run(ctx, chromedp.Text(`[data-msg="`+lc+`"]`))
	if err != nil || !strings.Contains(msg, "λ·W = 40 × 0.25") || !strings.Contains(msg, "10") {
		t.Fatalf("message %q (%v) does not say how the engine got 10", msg, err)
	}
	if n, _ := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll('[aria-invalid="true"]').length`)); n != 1 {
		t.Errorf("%d fields marked invalid, want only %s", n, lc)
	}

	// Correct it: the finding clears and every check passes.
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](callJS(setFieldJS, lc, ""))); err != nil {
		t.Fatal(err)
	}
	typeKeys(t, ctx, sel(lc), "10")
	waitFor(t, ctx, "all checks passing",
		`document.querySelector('[data-status]').dataset.state === 'pass' &&
		 !document.querySelector('`+sel(lc)+`').hasAttribute('aria-invalid') &&
		 document.querySelector('[data-msg="`+lc+`"]').textContent === ''`)
	waitFor(t, ctx, "the M/M/1 chart with its knee", `!!document.querySelector('[data-figures] svg circle.knee')`)

	// A reload loses nothing.
	if err := chromedp.Do(ctx, chromedp.Reload()); err != nil {
		t.Fatal(err)
	}
	waitFor(t, ctx, "the check after reload", `document.querySelector('form.kata-form').dataset.checks >= '1' &&
		document.querySelector('[data-status]').dataset.state === 'pass'`)
	for ptr, want := range map[string]string{lc: "10", "/mm1/points/4/w_ms": "1000", "/queue/kind": "thread-pool"} {
		if got, _ := chromedp.Run(ctx, chromedp.Value(sel(ptr))); got != want {
			t.Errorf("after reload %s = %q, want %q", ptr, got, want)
		}
	}

	// Export, then check the file with the CLI: the same engine, exit 0.
	if err := chromedp.Do(ctx, chromedp.Click(`[data-action="export"]`)); err != nil {
		t.Fatal(err)
	}
	exported := waitForFile(t, filepath.Join(downloads, "queue-checkout-worker-pool.md"))
	code, out, errOut := katabook(t, "", "check", exported)
	if code != 0 {
		t.Fatalf("katabook check on the export: exit %d\n%s%s", code, out, errOut)
	}
	src, _ := os.ReadFile(exported)
	if !strings.Contains(string(src), "subject: checkout worker pool") || !strings.Contains(string(src), "```yaml answer") {
		t.Errorf("export is not a submission:\n%s", src)
	}

	// Import a changed copy: the form takes it, and the engine flags it.
	changed := filepath.Join(t.TempDir(), "changed.md")
	if err := os.WriteFile(changed, []byte(strings.Replace(string(src), "l_at_double: 20", "l_at_double: 25", 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(ctx, chromedp.SetUploadFiles(`input[data-action="import"]`, []string{changed})); err != nil {
		t.Fatal(err)
	}
	waitFor(t, ctx, "the imported answer checked",
		`document.querySelector('`+sel("/doubling/l_at_double")+`').value === '25' &&
		 document.querySelector('[data-msg="/doubling/l_at_double"]').textContent.includes('queue/double-l')`)

	// Import the export back: the next export is byte-for-byte the same file.
	if err := chromedp.Do(ctx, chromedp.SetUploadFiles(`input[data-action="import"]`, []string{exported})); err != nil {
		t.Fatal(err)
	}
	waitFor(t, ctx, "the original imported", `document.querySelector('`+sel("/doubling/l_at_double")+`').value === '20'`)
	if err := os.Remove(exported); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(ctx, chromedp.Click(`[data-action="export"]`)); err != nil {
		t.Fatal(err)
	}
	again, _ := os.ReadFile(waitForFile(t, exported))
	if string(again) != string(src) {
		t.Errorf("export -> import -> export changed the file:\n--- first\n%s\n--- second\n%s", src, again)
	}
	// KATABOOK_SCREENSHOT=file.png keeps a picture of the checked page.
	if shot := os.Getenv("KATABOOK_SCREENSHOT"); shot != "" {
		png, err := chromedp.Run(ctx, chromedp.Screenshot(".report"))
		if err == nil {
			err = os.WriteFile(shot, png, 0o644)
		}
		if err != nil {
			t.Errorf("screenshot: %v", err)
		}
	}
	if errs := console.list(); len(errs) > 0 {
		t.Errorf("console errors: %v", errs)
	}
}

func waitForFile(t *testing.T, p string) string {
	t.Helper()
	waitUntil(t, "the download "+p, func() bool {
		st, err := os.Stat(p)
		return err == nil && st.Size() > 0
	})
	return p
}

// waitUntil polls cond every 100 ms for up to 20 s.
func waitUntil(t *testing.T, what string, cond func() bool) {
	t.Helper()
	for deadline := time.Now().Add(20 * time.Second); time.Now().Before(deadline); time.Sleep(100 * time.Millisecond) {
		if cond() {
			return
		}
	}
	t.Fatalf("timed out waiting for %s", what)
}
