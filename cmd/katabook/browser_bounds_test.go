package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// TestBrowserBoundsHugeLists: a file with 20,000 empty timeline rows is
// imported in seconds, the form shows a bounded number of them and says
// so, a keystroke is checked promptly, and every row is still exported.
func TestBrowserBoundsHugeLists(t *testing.T) {
	ctx := newBrowser(t)
	srv := serveCourse(t)
	downloads := allowDownloads(t, ctx)
	const rows = 20000
	body := "---\nkata: incident\nsubject: huge timeline\n---\n\n```yaml answer\ntimeline:\n" + strings.Repeat("  - {}\n", rows) + "```\n"
	file := write(t, t.TempDir(), "huge.md", body)
	openKata(t, ctx, srv.URL+"/incident.html")

	start := time.Now()
	importFile(t, ctx, file, "")
	waitFor(t, ctx, "the huge import checked", `[...document.querySelectorAll('li.kept')].some(li => li.textContent.includes('/timeline has 20000 rows'))`)
	imported := time.Since(start)
	// The page's file of the answer is as small as the imported one, so the
	// rules run on it (no submission/size refusal).
	if rules := evalString(t, ctx, `[...new Set(document.querySelector('form.kata-form').katabookReport.findings.map(f => f.rule))].sort().join(' ')`); strings.Contains(rules, "submission/size") || !strings.Contains(rules, "schema/maxItems") {
		t.Errorf("the page's findings on the huge answer: %s", rules)
	}
	cards, _ := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll('[data-rows="/timeline"] > fieldset.card').length`))
	if cards < 1 || cards > 200 {
		t.Errorf("the form shows %d timeline cards", cards)
	}

	// Three keystrokes in a row: each is handled at once (the check waits
	// for the pause after them), and the verdict follows.
	before := evalString(t, ctx, `document.querySelector('form.kata-form').dataset.checks`)
	var slowest time.Duration
	start = time.Now()
	for _, v := range []string{"p", "pa", "pag"} {
		t0 := time.Now()
		if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](callJS(setFieldJS, "/timeline/0/action", v))); err != nil {
			t.Fatal(err)
		}
		slowest = max(slowest, time.Since(t0))
	}
	waitFor(t, ctx, "the keystrokes checked", `document.querySelector('form.kata-form').dataset.checks !== '`+before+`'`)
	verdict := time.Since(start)
	t.Logf("import of %d rows to its verdict: %v; slowest of 3 keystrokes: %v, their verdict: %v; %d cards shown", rows, imported, slowest, verdict, cards)
	if imported > 15*time.Second || slowest > 500*time.Millisecond {
		t.Errorf("too slow: import %v, a keystroke %v", imported, slowest)
	}

	if err := chromedp.Do(ctx, chromedp.Click(`[data-action="export"]`)); err != nil {
		t.Fatal(err)
	}
	exported, _ := os.ReadFile(waitForGlob(t, filepath.Join(downloads, "incident-*.md")))
	if n := strings.Count(string(exported), "\n  - {}"); n != rows-1 {
		t.Errorf("the export has %d empty timeline rows, want %d", n, rows-1)
	}
}
