package main

import (
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// fillStorageJS fills localStorage to its quota with filler items.
const fillStorageJS = `(() => {
	let chunk = 'x'.repeat(1 << 20), n = 0;
	while (chunk.length > 0) {
		try { localStorage.setItem('filler-' + n++, chunk); } catch { chunk = chunk.slice(0, chunk.length >> 1); }
	}
	return true;
})()`

// TestBrowserSaysWhenStorageIsFull: with the browser's storage full, a
// progress import does not claim what it did not store, and a technique
// note or an answer that cannot be saved is said, not lost in silence.
func TestBrowserSaysWhenStorageIsFull(t *testing.T) {
	ctx := newBrowser(t)
	srv := serveCourse(t)
	downloads := allowDownloads(t, ctx)
	progress := write(t, t.TempDir(), "progress.json", `{"format": "katabook-progress", "version": 1, "exported": "2026-11-30T10:00:00Z",
		"katas": {"queue": {"technique": "L = λ·W", "answer": {"meta": {"subject": "s"}, "answer": {"queue": {"name": "imported"}}, "prose": ""},
		"runs": [{"id": "r1", "kata": "queue", "subject": "s", "distinct": "s", "elapsedMs": 60000, "limitMs": 1200000, "over": false, "passed": true, "errors": 0}]}}}`)
	if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+"/index.html")); err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](fillStorageJS)); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(ctx, chromedp.SetUploadFiles(`input[data-action="progress-import"]`, []string{progress})); err != nil {
		t.Fatal(err)
	}
	waitFor(t, ctx, "the import's report", `document.querySelector('[data-progress-status]').textContent !== ''`)
	status := evalString(t, ctx, `document.querySelector('[data-progress-status]').textContent`)
	if !strings.Contains(status, "Imported 0 runs and 0 saved answers") || !strings.Contains(status, "refused") {
		t.Errorf("progress import into full storage says %q", status)
	}
	warning := func() string {
		return evalString(t, ctx, `document.querySelector('[data-storage-warning]')?.textContent ?? ''`)
	}
	if w := warning(); !strings.Contains(w, "full") {
		t.Errorf("no warning that storage is full: %q", w)
	}
	evalString(t, ctx, `(() => { document.querySelector('[data-storage-warning]')?.remove();
		const t = document.querySelector('[data-technique="queue"]'); t.value = 'mine'; t.dispatchEvent(new Event('input', {bubbles: true})); return '' })()`)
	if w := warning(); !strings.Contains(w, "technique") {
		t.Errorf("a technique note not stored is not said: %q", w)
	}

	openKata(t, ctx, srv.URL+"/queue.html")
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](callJS(setFieldJS, "/queue/name", "not stored"))); err != nil {
		t.Fatal(err)
	}
	if w := warning(); !strings.Contains(w, "your last change") {
		t.Errorf("an answer not stored is not said: %q", w)
	}
	// What the browser would not store stays on the page, and is exported.
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](callJS(setFieldJS, "/measured/w_s", "0.25"))); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(ctx, chromedp.Click(`[data-action="export"]`)); err != nil {
		t.Fatal(err)
	}
	exported, _ := os.ReadFile(waitForGlob(t, filepath.Join(downloads, "queue-*.md")))
	if !strings.Contains(string(exported), "name: not stored") || !strings.Contains(string(exported), "w_s: 0.25") {
		t.Errorf("the export lost what the browser did not store:\n%s", exported)
	}
}

// TestBrowserTwoCoursesOnOneHost: two courses served from /a/ and /b/ of
// one origin (two GitHub Pages project sites) keep their own answers and
// offline caches; an answer stored by an older build under the origin-wide
// key is still read, and kept.
func TestBrowserTwoCoursesOnOneHost(t *testing.T) {
	build := markedBuilds(t)
	mux := http.NewServeMux()
	mux.Handle("/a/", http.StripPrefix("/a", siteHandler(build("A"))))
	mux.Handle("/b/", http.StripPrefix("/b", siteHandler(build("B"))))
	srv := httptest.NewServer(mux)
	defer srv.Close()
	ctx := newBrowser(t)
	name := func() string { return evalString(t, ctx, `document.querySelector('`+sel("/queue/name")+`').value`) }

	if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+"/a/index.html")); err != nil {
		t.Fatal(err)
	}
	evalString(t, ctx, `(() => { localStorage.setItem('katabook:answer:queue', JSON.stringify({version: 1, meta: {}, prose: '', savedAt: '',
		answer: {queue: {name: 'from an old build'}}})); return '' })()`)
	// Offline copies of older builds, named without a scope, one per course.
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`Promise.all(['a', 'b'].map(async c => {
		const cache = await caches.open('katabook-old' + c);
		await cache.put(new URL('/' + c + '/index.html', location.href).href, new Response('old ' + c));
	})).then(() => true)`, chromedp.EvalAwaitPromise)); err != nil {
		t.Fatal(err)
	}
	oldCaches := func() string {
		t.Helper()
		keys, err := chromedp.Run(ctx, chromedp.Evaluate[string](`caches.keys().then(keys => keys.filter(k => k.startsWith('katabook-old')).join(' '))`, chromedp.EvalAwaitPromise))
		if err != nil {
			t.Fatal(err)
		}
		return keys
	}
	for _, course := range []string{"a", "b"} {
		openKata(t, ctx, srv.URL+"/"+course+"/queue.html")
		if got := name(); got != "from an old build" {
			t.Fatalf("/%s/ does not read the answer of an older build: name %q", course, got)
		}
		if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](callJS(setFieldJS, "/queue/name", "course "+course))); err != nil {
			t.Fatal(err)
		}
		waitFor(t, ctx, "the worker of /"+course+"/", `!!navigator.serviceWorker.controller`)
		// Its activation removed its own older cache, not the other course's.
		if want := map[string]string{"a": "katabook-oldb", "b": ""}[course]; oldCaches() != want {
			t.Errorf("after /%s/'s worker, older caches %q, want %q", course, oldCaches(), want)
		}
	}
	for _, course := range []string{"a", "b"} {
		openKata(t, ctx, srv.URL+"/"+course+"/queue.html")
		if got := name(); got != "course "+course {
			t.Errorf("/%s/ shows name %q", course, got)
		}
	}
	if got := evalString(t, ctx, `JSON.parse(localStorage.getItem('katabook:answer:queue')).answer.queue.name`); got != "from an old build" {
		t.Errorf("the older build's answer became %q", got)
	}
	// Each course's worker keeps its own cache: /b/'s did not delete /a/'s.
	waitFor(t, ctx, "a cache of each course", `caches.keys().then(keys =>
		keys.some(k => k.includes('/a/')) && keys.some(k => k.includes('/b/')))`)
}
