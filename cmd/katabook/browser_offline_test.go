package main

import (
	"context"
	"github.com/katabook/katabook/engine/kata/builtin"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/katabook/katabook/content"
	"github.com/katabook/katabook/site"
)

// engineWorks fills one wrong figure and waits for the engine to flag it;
// the engine runs in (a "worker" or on the "page"'s own thread).
func engineWorks(t *testing.T, ctx context.Context, where, in string) {
	t.Helper()
	waitFor(t, ctx, "the engine "+where, `document.querySelector('form.kata-form').dataset.checks >= '1'`)
	if got := evalString(t, ctx, `document.querySelector('form.kata-form').dataset.engine`); got != in {
		t.Errorf("the engine %s runs in the %s, want the %s", where, got, in)
	}
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](callJS(setFieldsJS, map[string]string{
		"/measured/lambda_rps": "40", "/measured/w_s": "0.25", "/little/l_computed": "12"}))); err != nil {
		t.Fatal(err)
	}
	waitFor(t, ctx, "a live finding "+where, `document.querySelector('[data-msg="/little/l_computed"]').textContent.includes('queue/little-l')`)
}

// TestCourseWorksOfflineAfterOneVisit: visit once over HTTP, stop the
// server, and every page still loads and checks answers.
func TestCourseWorksOfflineAfterOneVisit(t *testing.T) {
	ctx := newBrowser(t)
	srv := serveCourse(t)
	if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+"/queue.html")); err != nil {
		t.Fatal(err)
	}
	waitFor(t, ctx, "the service worker in control", `!!navigator.serviceWorker.controller`)
	waitFor(t, ctx, "the engine", `document.querySelector('form.kata-form').dataset.checks >= '1'`)
	srv.Close()
	for _, page := range []string{"index.html", "queue.html"} {
		if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+"/"+page)); err != nil {
			t.Fatalf("%s offline: %v", page, err)
		}
		title, _ := chromedp.Run(ctx, chromedp.Title())
		if title == "" || !strings.Contains(title, "katabook") {
			t.Fatalf("%s offline has title %q", page, title)
		}
	}
	engineWorks(t, ctx, "offline", "worker") // the offline copy has the Worker's script
}

// TestCourseWorksFromDisk: the built site opened with file://, no server.
func TestCourseWorksFromDisk(t *testing.T) {
	out := buildCourse(t)
	ctx := newBrowser(t)
	console := watchConsole(ctx)
	if err := chromedp.Do(ctx, chromedp.Navigate("file://"+filepath.Join(out, "index.html"))); err != nil {
		t.Fatal(err)
	}
	href, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.querySelector('a[href="queue.html"]').href`))
	if err != nil || !strings.HasPrefix(href, "file://") {
		t.Fatalf("the index from disk links %q (%v)", href, err)
	}
	if err := chromedp.Do(ctx, chromedp.Navigate(href)); err != nil {
		t.Fatal(err)
	}
	engineWorks(t, ctx, "from disk", "page") // no Worker from a file URL
	if errs := console.list(); len(errs) > 0 {
		t.Errorf("console errors from file://: %v", errs)
	}
}

// TestNewBuildReplacesTheOfflineCopy: after a rebuild, the service worker
// of the new build takes over, its cache replaces the old one, and the
// page shows the new text.
func TestNewBuildReplacesTheOfflineCopy(t *testing.T) {
	build := markedBuilds(t)
	var current atomic.Pointer[map[string][]byte]
	first := build("first")
	current.Store(&first)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		siteHandler(*current.Load()).ServeHTTP(w, r)
	}))
	defer srv.Close()
	ctx := newBrowser(t)
	if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+"/queue.html")); err != nil {
		t.Fatal(err)
	}
	waitFor(t, ctx, "the first build's worker", `!!navigator.serviceWorker.controller`)
	second := build("second")
	current.Store(&second)
	waitFor(t, ctx, "the second build's cache alone", `(async () => {
		await navigator.serviceWorker.getRegistration().then(r => r && r.update());
		const keys = await caches.keys();
		return keys.length === 1 && !(await caches.match('queue.html').then(r => r.text())).includes('Setup first');
	})()`)
	if err := chromedp.Do(ctx, chromedp.Reload()); err != nil {
		t.Fatal(err)
	}
	waitFor(t, ctx, "the new text", `document.body.textContent.includes('Setup second')`)
}

// markedBuilds returns a builder of one-page courses (the queue kata)
// whose Setup heading carries a marker, to tell two builds apart.
func markedBuilds(t *testing.T) func(marker string) map[string][]byte {
	t.Helper()
	eng, err := builtin.New()
	if err != nil {
		t.Fatal(err)
	}
	return func(marker string) map[string][]byte {
		t.Helper()
		src, _ := fs.ReadFile(content.FS, "queue.md")
		files, err := site.Files(site.Options{Engine: eng, Content: queueCourse(t, []byte(strings.Replace(string(src), "## Setup", "## Setup "+marker, 1)))})
		if err != nil {
			t.Fatal(err)
		}
		return files
	}
}
