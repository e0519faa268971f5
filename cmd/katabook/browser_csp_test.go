package main

import (
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/katabook/katabook/site"
)

// TestEveryPageUnderTheCSP loads every page as `katabook serve` sends it,
// with the strict Content-Security-Policy, and expects the engine to run and
// the console to stay free of violations and errors.
func TestEveryPageUnderTheCSP(t *testing.T) {
	ctx := newBrowser(t)
	srv := serveCourse(t)
	resp, err := http.Get(srv.URL + "/index.html")
	if err != nil {
		t.Fatal(err)
	}
	index, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if got := resp.Header.Get("Content-Security-Policy"); got != site.ContentSecurityPolicy {
		t.Fatalf("serve sends CSP %q", got)
	}
	console := watchConsole(ctx)
	pages := []string{"index.html"}
	for _, part := range strings.Split(string(index), `<a href="`)[1:] {
		href := part[:strings.Index(part, `"`)]
		if strings.HasSuffix(href, ".html") && !strings.Contains(strings.Join(pages, " "), href) {
			pages = append(pages, href)
		}
	}
	if len(pages) < 2 {
		t.Fatalf("the index links no kata page: %v", pages)
	}
	for _, p := range pages {
		if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+"/"+p)); err != nil {
			t.Fatal(err)
		}
		hasForm, _ := chromedp.Run(ctx, chromedp.Evaluate[bool](`!!document.querySelector('form.kata-form')`))
		if hasForm {
			waitFor(t, ctx, "the engine on "+p, `document.querySelector('form.kata-form').dataset.checks >= '1'`)
		}
	}
	if errs := console.list(); len(errs) > 0 {
		t.Errorf("console errors under the CSP: %v", errs)
	}
}
