package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestExportCarriesTheRun: Export writes the run in progress, then the
// finished run, into the front matter, and `katabook check` accepts both
// (same ruleset, consistent times); without a run it writes none.
func TestExportCarriesTheRun(t *testing.T) {
	ctx := newBrowser(t)
	srv := serveCourse(t)
	downloads := allowDownloads(t, ctx)
	openKata(t, ctx, srv.URL+"/queue.html")
	fields := map[string]string{"/little/l_computed": "10"}
	for k, v := range goodAnswer {
		fields[k] = v
	}
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](callJS(setFieldsJS, fields))); err != nil {
		t.Fatal(err)
	}
	evalString(t, ctx, `(() => { const m = document.querySelector('[data-meta="subject"]'); m.value = 'pool a'; m.dispatchEvent(new Event('input', {bubbles: true})); return '' })()`)
	exported := filepath.Join(downloads, "queue-pool-a.md")
	export := func() string {
		t.Helper()
		os.Remove(exported)
		if err := chromedp.Do(ctx, chromedp.Click(`[data-action="export"]`)); err != nil {
			t.Fatal(err)
		}
		src, _ := os.ReadFile(waitForFile(t, exported))
		if code, out, errOut := katabook(t, "", "check", exported); code != 0 || !strings.Contains(out, ", 0 warnings") {
			t.Fatalf("katabook check on the export: exit %d\n%s%s\n%s", code, out, errOut, src)
		}
		return string(src)
	}
	has := func(src string, keys ...string) bool {
		for _, k := range keys {
			if !regexp.MustCompile(`(?m)^` + k + `: \S`).MatchString(src) {
				return false
			}
		}
		return true
	}
	if src := export(); has(src, "started") || has(src, "ruleset") {
		t.Errorf("no run yet, but the export carries one:\n%s", src)
	}
	click := func(action string) {
		t.Helper()
		if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(`[data-action="`+action+`"]`))); err != nil {
			t.Fatal(err)
		}
	}
	click("timer-start")
	waitFor(t, ctx, "the timer", `document.querySelector('form.kata-form').dataset.timer === 'running'`)
	if src := export(); !has(src, "started", "elapsed", "over_limit", "ruleset") || has(src, "finished") {
		t.Errorf("a run in progress: want started, elapsed, over_limit and ruleset, no finished:\n%s", src)
	}
	click("run-finish")
	waitFor(t, ctx, "the run recorded", `document.querySelector('[data-timer-note]').textContent.includes('Run recorded')`)
	src := export()
	if !has(src, "started", "finished", "elapsed", "over_limit", "ruleset") || !strings.Contains(src, "\nover_limit: false\n") {
		t.Errorf("a finished run: want every key of the run:\n%s", src)
	}
	// The report reads the run's time from it.
	out := filepath.Join(t.TempDir(), "report")
	if code, _, errOut := katabook(t, "", "report", exported, "--out", out); code != 0 {
		t.Fatal(errOut)
	}
	if data, _ := os.ReadFile(filepath.Join(out, "report.json")); !strings.Contains(string(data), `"timed": 1`) {
		t.Errorf("the report does not count the exported run as timed:\n%s", data)
	}
}
