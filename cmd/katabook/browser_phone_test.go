package main

import (
	"context"
	"strconv"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestBrowserPagesFitAPhone: at 390 px and at 1280 px, in light and dark,
// no page is wider than the screen, the header is at most 64 px tall, the
// kata list is reachable (beside the page, or from the header's menu), and
// chart text is drawn at 11 px or more.
func TestBrowserPagesFitAPhone(t *testing.T) {
	ctx := newBrowser(t)
	srv := serveCourse(t)
	for _, width := range []int64{390, 1280} {
		for _, theme := range []string{"light", "dark"} {
			if err := chromedp.Do(ctx, chromedp.EmulateViewport(width, 844)); err != nil {
				t.Fatal(err)
			}
			for _, page := range []string{"index", "slo", "limiter", "queue", "incident"} {
				if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+"/"+page+".html")); err != nil {
					t.Fatal(err)
				}
				evalString(t, ctx, `(() => { localStorage.setItem('katabook:theme', '`+theme+`'); document.documentElement.dataset.theme = '`+theme+`'; return '' })()`)
				name := page + " at " + strconv.Itoa(int(width)) + " px, " + theme
				if page != "index" {
					waitFor(t, ctx, "the engine on "+name, `document.querySelector('form.kata-form').dataset.checks >= '1'`)
				}
				if w := evalInt(t, ctx, `document.documentElement.scrollWidth`); w > int(width) {
					t.Errorf("%s: the page is %d px wide", name, w)
				}
				if h := evalInt(t, ctx, `Math.round(document.querySelector('header.site').getBoundingClientRect().height)`); h > 64 {
					t.Errorf("%s: the header is %d px tall", name, h)
				}
				reach := `(() => { const list = document.querySelector('[data-sidebar]'); const visible = () => list.getBoundingClientRect().height > 0 && list.querySelector('a') !== null;
					if (visible()) return 'beside'; const b = document.querySelector('[data-action="menu"]'); if (!b || b.getBoundingClientRect().width === 0) return 'unreachable'; b.click();
					const ok = visible(); b.click(); return ok ? 'menu' : 'unreachable' })()`
				if got := evalString(t, ctx, reach); got == "unreachable" {
					t.Errorf("%s: the kata list cannot be reached", name)
				}
				small := `String([...document.querySelectorAll('svg.chart text')].filter((e) => { const m = e.getScreenCTM(); return m && parseFloat(getComputedStyle(e).fontSize) * m.a < 10.99; }).length)`
				if n := evalString(t, ctx, small); n != "0" {
					t.Errorf("%s: %s chart labels are drawn under 11 px", name, n)
				}
			}
		}
	}
}

// evalInt evaluates a JavaScript expression that yields a whole number.
func evalInt(t *testing.T, ctx context.Context, js string) int {
	t.Helper()
	n, err := strconv.Atoi(evalString(t, ctx, "String("+js+")"))
	if err != nil {
		t.Fatalf("%s: %v", js, err)
	}
	return n
}
