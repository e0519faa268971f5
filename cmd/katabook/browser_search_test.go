package main

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestSearchFindsAndOpensASection searches the course over HTTP and from
// file://, and follows a result to its section.
func TestSearchFindsAndOpensASection(t *testing.T) {
	out := buildCourse(t)
	srv := serveCourse(t)
	ctx := newBrowser(t)
	for _, base := range []string{srv.URL + "/", "file://" + out + "/"} {
		if err := chromedp.Do(ctx, chromedp.Navigate(base+"index.html")); err != nil {
			t.Fatal(err)
		}
		typeKeys(t, ctx, `[data-search]`, "knee utilisation")
		waitFor(t, ctx, "search results from "+base, `[...document.querySelectorAll('[data-search-results] a')].some(a => a.getAttribute('href').startsWith('queue.html#'))`)
		href, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`[...document.querySelectorAll('[data-search-results] a')].find(a => a.getAttribute('href').startsWith('queue.html#')).href`))
		if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(`[data-search-results] a[href^="queue.html#"]`))); err != nil {
			t.Fatal(err)
		}
		waitUntil(t, "the result's page", func() bool {
			loc, err := chromedp.Run(ctx, chromedp.Location())
			return err == nil && loc == href
		})
		waitFor(t, ctx, "the page loaded", `document.readyState === 'complete'`)
		frag := href[strings.Index(href, "#")+1:]
		if ok, _ := chromedp.Run(ctx, chromedp.Evaluate[bool](`!!document.getElementById(`+jsString(frag)+`)`)); !ok {
			t.Errorf("the result %s names no heading on its page", href)
		}
	}
}
