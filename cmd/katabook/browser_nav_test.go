package main

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestThemeTOCAnchorsAndScreenshots: the theme toggle is remembered across
// a reload, every kata page has a table of contents and heading anchors,
// and each kata page is photographed in light and dark for review (the
// folder is printed; KATABOOK_SCREENSHOTS chooses it).
func TestThemeTOCAnchorsAndScreenshots(t *testing.T) {
	ctx := newBrowser(t)
	srv := serveCourse(t)
	eval := func(js string) string { t.Helper(); return evalString(t, ctx, js) }
	if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+"/queue.html")); err != nil {
		t.Fatal(err)
	}
	waitFor(t, ctx, "the sidebar", `document.querySelectorAll('[data-sidebar] a').length === 4 &&
		document.querySelector('[data-sidebar] a[aria-current="page"]').getAttribute('href') === 'queue.html'`)
	if got := eval(`document.documentElement.dataset.theme ?? 'auto'`); got != "auto" {
		t.Fatalf("first visit theme %q, want auto (the system's)", got)
	}
	for _, want := range []string{"light", "dark"} {
		if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(`[data-action="theme"]`))); err != nil {
			t.Fatal(err)
		}
		if got := eval(`document.documentElement.dataset.theme ?? 'auto'`); got != want {
			t.Fatalf("after a click the theme is %q, want %q", got, want)
		}
	}
	if err := chromedp.Do(ctx, chromedp.Reload()); err != nil {
		t.Fatal(err)
	}
	waitFor(t, ctx, "the remembered dark theme", `document.documentElement.dataset.theme === 'dark' && document.querySelector('[data-action="theme"]').textContent === 'Theme: dark'`)
	if bg := eval(`getComputedStyle(document.body).backgroundColor`); bg == "rgb(253, 253, 252)" {
		t.Errorf("dark theme but the light background %s", bg)
	}

	dir := os.Getenv("KATABOOK_SCREENSHOTS")
	if dir == "" {
		dir = filepath.Join(os.TempDir(), "katabook-screenshots")
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, kata := range []string{"slo", "limiter", "queue", "incident"} {
		for _, theme := range []string{"light", "dark"} {
			if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+"/"+kata+".html")); err != nil {
				t.Fatal(err)
			}
			waitFor(t, ctx, "the engine on "+kata, `document.querySelector('form.kata-form').dataset.checks >= '1'`)
			if n, _ := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll('nav.toc a[href^="#"]').length`)); n < 3 {
				t.Errorf("%s: table of contents has %d entries", kata, n)
			}
			if bad := eval(`String([...document.querySelectorAll('nav.toc a')].filter(a => !document.getElementById(a.getAttribute('href').slice(1))).length)`); bad != "0" {
				t.Errorf("%s: %s table-of-contents links lead nowhere", kata, bad)
			}
			if eval(`String(document.querySelectorAll('article h2[id] a.anchor').length)`) == "0" {
				t.Errorf("%s: headings have no anchors", kata)
			}
			eval(`(() => { localStorage.setItem('katabook:theme', '` + theme + `'); document.documentElement.dataset.theme = '` + theme + `'; return '' })()`)
			png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
			if err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(dir, kata+"-"+theme+".png"), png, 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	t.Logf("screenshots of every kata page, light and dark, in %s", dir)
}
