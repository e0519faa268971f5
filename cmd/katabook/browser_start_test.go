package main

import (
	"testing"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// TestBrowserFirstVisitPutsTheVerdictFirst: on a first visit the page
// downloads its engine once (boot.js and app.js share the download), and
// neither the offline copy (the service worker, which downloads the whole
// course) nor the drill starts before the form's first verdict.
func TestBrowserFirstVisitPutsTheVerdictFirst(t *testing.T) {
	ctx := newBrowser(t)
	srv := serveCourse(t)
	// Before the page's scripts run: note when the service worker is
	// registered and when the drill first shows a prompt.
	const watch = `(() => {
  const sw = navigator.serviceWorker, reg = sw.register.bind(sw);
  sw.register = (...a) => { window.__swAt ??= performance.now(); return reg(...a); };
  document.addEventListener('DOMContentLoaded', () => {
    const p = document.querySelector('[data-drill-prompt]');
    if (p) new MutationObserver(() => { window.__drillAt ??= performance.now(); }).observe(p, {childList: true, characterData: true, subtree: true});
  });
})()`
	if _, err := chromedp.Call(ctx, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: watch}); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+"/queue.html")); err != nil {
		t.Fatal(err)
	}
	waitFor(t, ctx, "the first verdict", `document.querySelector('form.kata-form').dataset.readyMs !== undefined`)
	waitFor(t, ctx, "the service worker's registration", `window.__swAt !== undefined`)
	ready := evalInt(t, ctx, `Number(document.querySelector('form.kata-form').dataset.readyMs)`)
	if sw := evalInt(t, ctx, `Math.round(window.__swAt)`); sw < ready {
		t.Errorf("the service worker was registered at %d ms, before the first verdict at %d ms: its download shares the link with the engine's", sw, ready)
	}
	if evalString(t, ctx, `String(!!document.querySelector('[data-drill-prompt]'))`) != "true" {
		t.Fatal("no drill prompt on the queue page to watch")
	}
	waitFor(t, ctx, "the drill's prompt", `window.__drillAt !== undefined`)
	if drill := evalInt(t, ctx, `Math.round(window.__drillAt)`); drill < ready {
		t.Errorf("the drill showed its prompt at %d ms, before the first verdict at %d ms", drill, ready)
	}
	if n := evalInt(t, ctx, `performance.getEntriesByType('resource').filter(e => e.name.includes('/assets/engine.wasm')).length`); n != 1 {
		t.Errorf("the page fetched the engine %d times, want once", n)
	}
	if n := evalInt(t, ctx, `performance.getEntriesByType('resource').filter(e => e.name.includes('/assets/boot.js')).length`); n != 1 {
		t.Errorf("boot.js loaded %d times, want once", n)
	}
}
