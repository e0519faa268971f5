package main

import (
	"io"
	"net/http"
	"path/filepath"
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
			// In its Worker: the policy allows it (worker-src 'self').
			waitFor(t, ctx, "the engine in its Worker on "+p, `document.querySelector('form.kata-form').dataset.checks >= '1' &&
				document.querySelector('form.kata-form').dataset.engine === 'worker'`)
		}
	}
	if errs := console.list(); len(errs) > 0 {
		t.Errorf("console errors under the CSP: %v", errs)
	}
}

// TestMetaCSPHoldsFromDisk: opened from file://, where no server sends a
// header, a page still refuses inline script and javascript: links (its
// meta policy), and the engine still runs under it.
func TestMetaCSPHoldsFromDisk(t *testing.T) {
	out := buildCourse(t)
	ctx := newBrowser(t)
	for _, page := range []string{"index.html", "queue.html"} {
		if err := chromedp.Do(ctx, chromedp.Navigate("file://"+filepath.Join(out, page))); err != nil {
			t.Fatal(err)
		}
		ran, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`(async () => {
			window.__ran = false;
			const s = document.createElement('script');
			s.textContent = 'window.__ran = true';
			document.head.append(s);
			const a = document.createElement('a');
			a.href = 'javascript:window.__ran = true';
			document.body.append(a);
			a.click();
			await new Promise(r => setTimeout(r, 200));
			return window.__ran;
		})()`, chromedp.EvalAsValue, chromedp.EvalAwaitPromise))
		if err != nil || ran {
			t.Errorf("%s from disk: inline script or a javascript: link ran (%v)", page, err)
		}
	}
	engineWorks(t, ctx, "from disk under the meta policy", "page")
}
