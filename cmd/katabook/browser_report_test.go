package main

import (
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
)

// TestBrowserReport opens the known cohort's report (report_test.go) from
// disk and over HTTP, in light and dark: the numbers on the page are the
// cohort's, the style sheet loads under the page's CSP with no console
// error, chart text is at least 11 px in the theme's text colour, and
// axe-core finds no serious or critical violation.
func TestBrowserReport(t *testing.T) {
	axe := axeSource(t)
	ctx := newBrowser(t)
	console := watchConsole(ctx)
	out := writeKnownReport(t)
	srv := httptest.NewServer(http.FileServer(http.Dir(out)))
	t.Cleanup(srv.Close)
	text := func(sel string) string {
		t.Helper()
		return evalString(t, ctx, `(document.querySelector(`+jsString(sel)+`) || {textContent: 'missing: `+sel+`'}).textContent.trim()`)
	}
	for _, url := range []string{"file://" + filepath.ToSlash(filepath.Join(out, "index.html")), srv.URL + "/index.html"} {
		for _, theme := range []string{"light", "dark"} {
			if _, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
				Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: theme}}}); err != nil {
				t.Fatal(err)
			}
			seen := len(console.list())
			if err := chromedp.Do(ctx, chromedp.Navigate(url)); err != nil {
				t.Fatal(err)
			}
			where := url + " (" + theme + ")"
			for sel, want := range map[string]string{
				`#summary [data-n="learners"]`:                     "6",
				`#summary [data-n="submissions"]`:                  "12",
				`#summary [data-n="passing"]`:                      "9",
				`tr[data-kata="queue"] [data-n="learners"]`:        "6",
				`tr[data-kata="queue"] [data-n="passed"]`:          "5",
				`tr[data-kata="queue"] [data-n="pass-rate"]`:       "83%",
				`tr[data-kata="queue"] [data-n="submissions"]`:     "11",
				`tr[data-kata="queue"] [data-n="median"]`:          "10:00",
				`tr[data-kata="queue"] [data-n="over"]`:            "1 of 11 timed",
				`tr[data-kata="queue"] [data-n="complete"]`:        "3",
				`tr[data-kata="slo"] [data-n="passed"]`:            "1",
				`[data-rule="queue/little-l"] [data-n="learners"]`: "3",
			} {
				if got := text(sel); got != want {
					t.Errorf("%s: %s is %q, want %q", where, sel, got, want)
				}
			}
			if n := evalString(t, ctx, `String(document.querySelectorAll('[data-rule="queue/little-l"] li').length)`); n != "3" {
				t.Errorf("%s: queue/little-l lists %s learners, want 3", where, n)
			}
			// The report's own rule (report.css) applies: the style sheet loaded under the CSP.
			if w := evalString(t, ctx, `getComputedStyle(document.querySelector('main.cohort')).maxWidth`); w != "1152px" {
				t.Errorf("%s: main is %s wide at most, want report.css's 72rem (1152px): the style sheet did not load", where, w)
			}
			bad := evalString(t, ctx, `(() => {
				const fg = getComputedStyle(document.body).color;
				return [...document.querySelectorAll('svg text')].filter(e => {
					const s = getComputedStyle(e);
					return parseFloat(s.fontSize) < 11 || s.fill !== fg;
				}).map(e => e.textContent + ' ' + getComputedStyle(e).fontSize + ' ' + getComputedStyle(e).fill + ' vs ' + fg).join('; ');
			})()`)
			if bad != "" {
				t.Errorf("%s: chart text too small or not in the text colour: %s", where, bad)
			}
			if n := evalString(t, ctx, `String(document.querySelectorAll('svg.report-chart').length)`); n != "3" {
				t.Errorf("%s: %s charts, want 3", where, n)
			}
			// A CSP violation shows here. The page has no script, so a refused
			// connection is axe's own fetch of the style sheet, from a run before.
			for _, e := range console.list()[seen:] {
				if !strings.Contains(e, "Connecting to") {
					t.Errorf("%s: console error: %s", where, e)
				}
			}
			for _, v := range axeSerious(t, ctx, axe) {
				t.Errorf("%s: %s", where, v)
			}
		}
	}
}
