package main

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestBrowserRunsStartBeforeTheyFinish: Finish records a run only inside a
// started one (a run of 00:00 would stand as the best time), and the
// buttons and the form say whether a run is idle, running or paused.
func TestBrowserRunsStartBeforeTheyFinish(t *testing.T) {
	ctx := newBrowser(t)
	srv := serveCourse(t)
	openKata(t, ctx, srv.URL+"/queue.html")
	state := func() string {
		return evalString(t, ctx, `(() => { const b = (a) => document.querySelector('[data-action="' + a + '"]'); return [document.querySelector('form.kata-form').dataset.timer, b('timer-start').textContent, b('timer-start').disabled, b('timer-pause').disabled, b('run-finish').disabled].join('|') })()`)
	}
	if got := state(); got != "idle|Start run|false|true|true" {
		t.Errorf("before a run: %s, want Finish and Pause disabled", got)
	}
	// Even when Finish is clicked by a script (the disabled button takes
	// no click), no run is recorded without a start.
	evalString(t, ctx, `(() => { const b = document.querySelector('[data-action="run-finish"]'); b.disabled = false; b.click(); return '' })()`)
	if note := evalString(t, ctx, `document.querySelector('[data-timer-note]').textContent`); !strings.Contains(note, "Start the run first") {
		t.Errorf("Finish without Start: note %q", note)
	}
	if runs := evalString(t, ctx, `String(Object.keys(localStorage).filter((k) => k.includes('runs') && localStorage.getItem(k) !== '[]').length)`); runs != "0" {
		t.Errorf("Finish without Start recorded a run (%s keys)", runs)
	}
	if err := chromedp.Do(ctx, chromedp.Click(`[data-action="timer-start"]`)); err != nil {
		t.Fatal(err)
	}
	waitFor(t, ctx, "the running state", `document.querySelector('form.kata-form').dataset.timer === 'running'`)
	if got := state(); got != "running|Running…|true|false|false" {
		t.Errorf("running: %s", got)
	}
	if err := chromedp.Do(ctx, chromedp.Click(`[data-action="timer-pause"]`)); err != nil {
		t.Fatal(err)
	}
	waitFor(t, ctx, "the paused state", `document.querySelector('form.kata-form').dataset.timer === 'paused'`)
	if got := state(); got != "paused|Resume run|false|true|false" {
		t.Errorf("paused: %s", got)
	}
	if err := chromedp.Do(ctx, chromedp.Click(`[data-action="run-finish"]`)); err != nil {
		t.Fatal(err)
	}
	waitFor(t, ctx, "the run recorded", `document.querySelector('[data-timer-note]').textContent.includes('Run recorded')`)
}

// TestBrowserDrillShowsEachPromptOnce: Next shows no prompt twice until the
// drill's set is used up (the limiter drill has seven), and each first
// answer is timed.
func TestBrowserDrillShowsEachPromptOnce(t *testing.T) {
	ctx := newBrowser(t)
	srv := serveCourse(t)
	if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+"/limiter.html?drill=3")); err != nil {
		t.Fatal(err)
	}
	prompt := func() string { return evalString(t, ctx, `document.querySelector('[data-drill-prompt]').textContent`) }
	waitFor(t, ctx, "the drill", `document.querySelector('[data-drill-prompt]').textContent.length > 20`)
	seen := map[string]bool{prompt(): true}
	for i := 0; i < 6; i++ {
		before := prompt()
		if err := chromedp.Do(ctx, chromedp.Click(`[data-action="drill-next"]`)); err != nil {
			t.Fatal(err)
		}
		waitFor(t, ctx, "the next prompt", `document.querySelector('[data-drill-prompt]').textContent !== `+jsString(before))
		p := prompt()
		if seen[p] {
			t.Fatalf("prompt %d repeats before the set is used up: %q", i+2, p)
		}
		seen[p] = true
	}
	evalString(t, ctx, `(() => { const s = document.querySelector('[data-drill-field="choice"]'); s.value = s.options[1].value; return '' })()`)
	if err := chromedp.Do(ctx, chromedp.Click(`[data-action="drill-check"]`)); err != nil {
		t.Fatal(err)
	}
	waitFor(t, ctx, "the timed verdict", `/answered in \d+\.\d s/.test(document.querySelector('[data-drill-verdict]').textContent) && document.querySelector('[data-drill-score]').textContent.includes('Average time')`)
}

// TestBrowserCountsFieldsLeftToAnswer: an empty form says how many fields
// are left, not how many sections the schema misses.
func TestBrowserCountsFieldsLeftToAnswer(t *testing.T) {
	ctx := newBrowser(t)
	srv := serveCourse(t)
	openKata(t, ctx, srv.URL+"/queue.html")
	status := evalString(t, ctx, `document.querySelector('[data-status]').textContent`)
	sections := evalString(t, ctx, `String(document.querySelector('form.kata-form').katabookReport.findings.filter((f) => f.rule === 'schema/required').length)`)
	empty := evalString(t, ctx, `String([...document.querySelectorAll('form.kata-form [data-pointer]')].filter((c) => c.value.trim() === '').length)`)
	if !strings.Contains(status, empty+" fields still to answer") || empty == sections {
		t.Errorf("status %q: want %s fields still to answer (the empty controls), not the %s sections the schema names", status, empty, sections)
	}
}
