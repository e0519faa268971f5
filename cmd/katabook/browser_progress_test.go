package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// TestTimerRunsAndProgress: time a run, record passing runs of two queues,
// see the index count them toward the Completion Standard, mark a run over
// the limit, and move the progress to a fresh browser profile as one file.
func TestTimerRunsAndProgress(t *testing.T) {
	ctx := newBrowser(t)
	srv := serveCourse(t)
	downloads := allowDownloads(t, ctx)
	eval := func(js string) string { t.Helper(); return evalString(t, ctx, js) }
	open := func(page string) {
		t.Helper()
		if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+"/"+page)); err != nil {
			t.Fatal(err)
		}
		if page != "index.html" {
			waitFor(t, ctx, "the engine", `document.querySelector('form.kata-form').dataset.checks >= '1'`)
		}
	}
	click := func(action string) {
		t.Helper()
		if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(`[data-action="`+action+`"]`))); err != nil {
			t.Fatal(err)
		}
	}
	runFor := func(subject string) {
		t.Helper()
		fields := map[string]string{"/little/l_computed": "10"}
		for k, v := range goodAnswer {
			fields[k] = v
		}
		if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](callJS(setFieldsJS, fields))); err != nil {
			t.Fatal(err)
		}
		eval(`(() => { const m = document.querySelector('[data-meta="subject"]'); m.value = ` + jsString(subject) + `; m.dispatchEvent(new Event('input', {bubbles: true})); return '' })()`)
		click("run-finish")
		waitFor(t, ctx, "the run recorded", `document.querySelector('[data-timer-note]').textContent.includes('Run recorded')`)
	}
	board := func() string {
		t.Helper()
		open("index.html")
		return eval(`document.querySelector('.kata-card[data-kata="queue"] [data-progress]').textContent`)
	}

	open("queue.html")
	if got := eval(`document.querySelector('[data-timer-display]').textContent`); got != "20:00" {
		t.Fatalf("timer shows %q before a run, want the kata's 20:00", got)
	}
	click("timer-start")
	waitFor(t, ctx, "the countdown", `document.querySelector('[data-timer-display]').textContent < '19:59' && document.querySelector('form.kata-form').dataset.timer === 'running'`)
	click("timer-pause")
	waitFor(t, ctx, "the pause", `document.querySelector('form.kata-form').dataset.timer === 'paused'`)
	paused := eval(`document.querySelector('[data-timer-display]').textContent`)
	time.Sleep(1200 * time.Millisecond)
	if now := eval(`document.querySelector('[data-timer-display]').textContent`); now != paused {
		t.Errorf("a paused timer moved: %s then %s", paused, now)
	}
	runFor("checkout worker pool")
	if note := eval(`document.querySelector('[data-timer-note]').textContent`); !strings.Contains(note, "passing") {
		t.Errorf("note %q", note)
	}
	if got := board(); !strings.Contains(got, "1 run") || !strings.Contains(got, "1 of 2 toward completion") {
		t.Fatalf("board after one run: %q", got)
	}

	// A second queue completes the kata; a run past the limit is marked.
	open("queue.html")
	eval(`(() => { localStorage.setItem('katabook:timer:queue', JSON.stringify({started: new Date().toISOString(), runningSince: null, accumulated: 21 * 60000})); return '' })()`)
	open("queue.html")
	runFor("payments db connection pool")
	got := board()
	if !strings.Contains(got, "2 runs") || !strings.Contains(got, "✓ complete") || !strings.Contains(got, "1 over the time limit") {
		t.Fatalf("board after two queues: %q", got)
	}

	// Progress moves as one file.
	click("progress-export")
	file := waitForGlob(t, filepath.Join(downloads, "katabook-progress-*.json"))
	if b, _ := os.ReadFile(file); !strings.Contains(string(b), `"format": "katabook-progress"`) {
		t.Fatalf("progress file: %.200s", b)
	}
	eval(`(() => { localStorage.clear(); return '' })()`)
	if got := board(); !strings.Contains(got, "No runs yet") {
		t.Fatalf("board after clearing: %q", got)
	}
	if err := chromedp.Do(ctx, chromedp.SetUploadFiles(`input[data-action="progress-import"]`, []string{file})); err != nil {
		t.Fatal(err)
	}
	waitFor(t, ctx, "the import", `document.querySelector('[data-progress-status]').textContent.includes('Imported 2 runs')`)
	if got := eval(`document.querySelector('.kata-card[data-kata="queue"] [data-progress]').textContent`); !strings.Contains(got, "✓ complete") {
		t.Errorf("board after import: %q", got)
	}
	bad := write(t, t.TempDir(), "bad.json", `{"format": "something else"}`)
	if err := chromedp.Do(ctx, chromedp.SetUploadFiles(`input[data-action="progress-import"]`, []string{bad})); err != nil {
		t.Fatal(err)
	}
	waitFor(t, ctx, "the refusal", `document.querySelector('[data-progress-status]').textContent.includes('Nothing was changed')`)
}

// TestAnswersFromAnOlderSchemaAreKept: a saved answer with a field the
// kata no longer has is not dropped when the learner goes on typing.
func TestAnswersFromAnOlderSchemaAreKept(t *testing.T) {
	ctx := newBrowser(t)
	srv := serveCourse(t)
	if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+"/index.html")); err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`(() => { localStorage.setItem('katabook:answer:queue', JSON.stringify({
		version: 1, meta: {subject: 'old pool'}, prose: '', savedAt: '',
		answer: {measured: {lambda_rps: 40, arrival_note: 'from the old form'}, retired: {w_ms: 250}}})); return true })()`)); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+"/queue.html")); err != nil {
		t.Fatal(err)
	}
	waitFor(t, ctx, "the kept answers shown", `[...document.querySelectorAll('li.kept')].some(li => li.textContent.includes('/measured/arrival_note = from the old form') && li.textContent.includes('/retired/w_ms = 250'))`)
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](callJS(setFieldJS, "/measured/w_s", "0.25"))); err != nil {
		t.Fatal(err)
	}
	waitFor(t, ctx, "the kept answers still stored after typing", `(() => {
		const k = Object.keys(localStorage).find(k => k.endsWith(':answer:queue/queue'));
		const s = k && JSON.parse(localStorage.getItem(k));
		return !!s && s.answer.retired.w_ms === 250 && s.answer.measured.w_s === 0.25 &&
			document.querySelector('[data-pointer="/measured/lambda_rps"]').value === '40';
	})()`)
	// The answer under the key of builds before per-course keys is copied, never removed.
	if got := evalString(t, ctx, `JSON.parse(localStorage.getItem('katabook:answer:queue')).meta.subject`); got != "old pool" {
		t.Errorf("the legacy answer's subject is now %q", got)
	}
}

func jsString(s string) string {
	return `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(s) + `"`
}
