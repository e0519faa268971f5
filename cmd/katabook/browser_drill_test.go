package main

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestDrillAnsweredAndScored: a replayed drill (?drill=SEED) shows the
// engine's exercise; the right answer is judged right and counts; the next
// drill has the next seed; the core-technique sentence on the index is kept.
func TestDrillAnsweredAndScored(t *testing.T) {
	eng := defaultCourse(t)
	const seed = 7
	d, _ := eng.Drill("queue", seed)
	var right string
	for _, c := range d.Fields[0].Choices {
		if v, _ := eng.CheckDrill("queue", seed, map[string]string{"choice": c}); v.Correct {
			right = c
		}
	}
	ctx := newBrowser(t)
	srv := serveCourse(t)
	if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+"/queue.html?drill=7")); err != nil {
		t.Fatal(err)
	}
	waitFor(t, ctx, "the drill", `document.querySelector('[data-drill-prompt]').textContent === `+jsString(d.Prompt))
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`(() => { document.querySelector('[data-drill-field="choice"]').value = `+jsString(right)+`; return true })()`)); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(`[data-action="drill-check"]`))); err != nil {
		t.Fatal(err)
	}
	waitFor(t, ctx, "the verdict", `document.querySelector('[data-drill-verdict]').dataset.correct === 'true' && document.querySelector('[data-drill-score]').textContent.startsWith('Score: 1 of 1')`)
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(`[data-action="drill-next"]`))); err != nil {
		t.Fatal(err)
	}
	next, _ := eng.Drill("queue", seed+1)
	waitFor(t, ctx, "the next drill", `document.querySelector('[data-drill-prompt]').textContent === `+jsString(next.Prompt))

	if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+"/index.html")); err != nil {
		t.Fatal(err)
	}
	sentence := "Any two of L, λ and W give the third: L = λ·W."
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](callJS(`(s) => { const t = document.querySelector('[data-technique="queue"]'); t.value = s; t.dispatchEvent(new Event('input', {bubbles: true})); return true }`, sentence))); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(ctx, chromedp.Reload()); err != nil {
		t.Fatal(err)
	}
	waitFor(t, ctx, "the kept sentence", `document.querySelector('[data-technique="queue"]').value === `+jsString(sentence))
	if !strings.Contains(d.Prompt, "λ") {
		t.Errorf("drill prompt %q", d.Prompt)
	}
}
