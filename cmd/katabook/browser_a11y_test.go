package main

import (
	"testing"

	"github.com/chromedp/chromedp"
)

// TestAccessibilityOfEveryPage runs axe-core (fetched by `make axe`, never
// committed) on every page, with a wrong answer showing its findings, in
// light and dark, and fails on any serious or critical violation.
func TestAccessibilityOfEveryPage(t *testing.T) {
	src := axeSource(t)
	ctx := newBrowser(t)
	srv := serveCourse(t)
	for _, page := range []string{"index.html", "slo.html", "limiter.html", "queue.html", "incident.html"} {
		for _, theme := range []string{"light", "dark"} {
			if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+"/"+page)); err != nil {
				t.Fatal(err)
			}
			if page != "index.html" {
				waitFor(t, ctx, "the engine", `document.querySelector('form.kata-form').dataset.checks >= '1'`)
				// Some findings on show: a wrong type in the first number field.
				if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`(() => {
					const el = document.querySelector('[data-pointer][data-type="number"]');
					el.value = 'not a number'; el.dispatchEvent(new Event('input', {bubbles: true})); return true })()`)); err != nil {
					t.Fatal(err)
				}
				waitFor(t, ctx, "the finding", `!!document.querySelector('[aria-invalid="true"]')`)
			}
			if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`(() => { document.documentElement.dataset.theme = '`+theme+`'; return true })()`)); err != nil {
				t.Fatal(err)
			}
			for _, v := range axeSerious(t, ctx, src) {
				t.Errorf("%s (%s): %s", page, theme, v)
			}
		}
	}
}
