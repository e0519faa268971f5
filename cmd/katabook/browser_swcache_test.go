package main

import (
	"bytes"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// TestNewBuildRevalidatesOnPlainHosts: a host that sends Last-Modified
// (from long ago) and no Cache-Control, as many static hosts do, lets the
// browser reuse its HTTP cache heuristically. The new build's worker must
// still cache the new build's pages, not the old ones from that cache.
func TestNewBuildRevalidatesOnPlainHosts(t *testing.T) {
	build := markedBuilds(t)
	type snapshot struct {
		files    map[string][]byte
		modified time.Time
	}
	var current atomic.Pointer[snapshot]
	current.Store(&snapshot{build("first"), time.Now().Add(-400 * 24 * time.Hour)})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s := current.Load()
		name := strings.TrimPrefix(r.URL.Path, "/")
		if name == "" {
			name = "index.html"
		}
		data, ok := s.files[name]
		if !ok {
			http.NotFound(w, r)
			return
		}
		// ServeContent sends Last-Modified and answers If-Modified-Since.
		http.ServeContent(w, r, name, s.modified, bytes.NewReader(data))
	}))
	defer srv.Close()

	ctx := newBrowser(t)
	if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+"/queue.html")); err != nil {
		t.Fatal(err)
	}
	waitFor(t, ctx, "the first build's worker", `!!navigator.serviceWorker.controller`)
	current.Store(&snapshot{build("second"), time.Now().Add(-300 * 24 * time.Hour)})
	waitFor(t, ctx, "the second build's worker active", `(async () => {
		const r = await navigator.serviceWorker.getRegistration();
		await r.update();
		const keys = await caches.keys();
		return keys.length === 1 && !!r.active && !r.installing && !r.waiting;
	})()`)
	cached, err := chromedp.Run(ctx, chromedp.Evaluate[string](`caches.match('queue.html').then(r => r.text())`, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(cached, "Setup second") {
		t.Fatalf("the new worker cached the old build's page (Setup first: %v)", strings.Contains(cached, "Setup first"))
	}
	if err := chromedp.Do(ctx, chromedp.Reload()); err != nil {
		t.Fatal(err)
	}
	waitFor(t, ctx, "the new text after a reload", `document.body.textContent.includes('Setup second')`)
}
