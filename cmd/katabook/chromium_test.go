package main

import (
	"context"
	"fmt"
	"github.com/chromedp/cdproto/browser"
	"github.com/katabook/katabook/engine/kata/builtin"
	"io/fs"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"sync"
	"testing"
	"testing/fstest"

	"github.com/chromedp/chromedp"

	"github.com/katabook/katabook/content"
	"github.com/katabook/katabook/engine"
	"github.com/katabook/katabook/site"
)

const chromiumPath = "/usr/bin/chromium"

// newBrowser starts headless Chromium with the project's flags and a fresh
// profile. Locally a missing Chromium skips the test; under CI=true it fails.
func newBrowser(t testing.TB) context.Context {
	t.Helper()
	if _, err := exec.LookPath(chromiumPath); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("CI=true but Chromium is missing at %s: the browser tests must run (apt-get install -y chromium)", chromiumPath)
		}
		t.Skipf("Chromium not installed at %s; skipping the browser test", chromiumPath)
	}
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(chromiumPath),
		chromedp.Flag("headless", true),
		chromedp.Flag("no-sandbox", true),
		chromedp.Flag("disable-gpu", true),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("no-first-run", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.UserDataDir(t.TempDir()),
	}
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(actx)
	t.Cleanup(func() { cancel(); cancelAlloc() })
	// The first Run starts the browser; it must not carry a timeout.
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("start Chromium: %v", err)
	}
	return ctx
}

// consoleErrors collects exceptions and console errors of a tab.
type consoleErrors struct {
	mu   sync.Mutex
	msgs []string
}

func watchConsole(ctx context.Context) *consoleErrors {
	c := &consoleErrors{}
	go func() {
		for m, err := range chromedp.Console(ctx) {
			if err != nil {
				return
			}
			if m.IsException() || m.Type == "error" {
				c.mu.Lock()
				c.msgs = append(c.msgs, m.String())
				c.mu.Unlock()
			}
		}
	}()
	return c
}

func (c *consoleErrors) list() []string {
	c.mu.Lock()
	defer c.mu.Unlock()
	return append([]string(nil), c.msgs...)
}

// serveCourse builds the default course in memory and serves it on 127.0.0.1.
func serveCourse(t *testing.T) *httptest.Server {
	t.Helper()
	return serveContent(t, content.FS)
}

// serveContent builds a course in memory and serves it as `katabook serve`
// does (with its security headers) on 127.0.0.1.
func serveContent(t *testing.T, course fs.FS) *httptest.Server {
	t.Helper()
	eng, err := builtin.New()
	if err != nil {
		t.Fatal(err)
	}
	files, err := site.Files(site.Options{Content: course, Engine: eng})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(siteHandler(files))
	t.Cleanup(srv.Close)
	return srv
}

// allowDownloads sends the browser's downloads to a fresh folder.
func allowDownloads(t *testing.T, ctx context.Context) string {
	t.Helper()
	dir := t.TempDir()
	yes := true
	if _, err := chromedp.CallBrowser(ctx, browser.SetDownloadBehavior, browser.SetDownloadBehaviorParams{
		Behavior: browser.SetDownloadBehaviorBehaviorAllow, DownloadPath: dir, EventsEnabled: &yes}); err != nil {
		t.Fatal(err)
	}
	return dir
}

// openKata opens a kata page and waits for the engine's first verdict.
func openKata(t *testing.T, ctx context.Context, url string) {
	t.Helper()
	if err := chromedp.Do(ctx, chromedp.Navigate(url)); err != nil {
		t.Fatal(err)
	}
	waitFor(t, ctx, "the engine on "+url, `document.querySelector('form.kata-form').dataset.checks >= '1'`)
}

// buildCourse builds the default course to a folder and returns it.
func buildCourse(t *testing.T) string {
	t.Helper()
	eng, err := builtin.New()
	if err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "public")
	if _, err := site.Build(site.Options{Content: content.FS, Engine: eng}, out); err != nil {
		t.Fatal(err)
	}
	return out
}

// exampleFields reads a correct example submission as the page's fields
// take it: answer values as text by JSON pointer, and the front matter. It
// panics on a broken example, so package variables can use it.
func exampleFields(path string) (map[string]string, engine.Meta) {
	src, err := os.ReadFile(path)
	if err != nil {
		panic(err)
	}
	sub, findings := engine.Parse(src)
	if sub.Answer == nil || len(findings) > 0 {
		panic(fmt.Sprintf("example %s does not parse: %+v", path, findings))
	}
	out := map[string]string{}
	var walk func(ptr string, v any)
	walk = func(ptr string, v any) {
		switch x := v.(type) {
		case map[string]any:
			for k, c := range x {
				walk(ptr+"/"+k, c)
			}
		case []any:
			for i, c := range x {
				walk(ptr+"/"+strconv.Itoa(i), c)
			}
		case float64:
			out[ptr] = strconv.FormatFloat(x, 'f', -1, 64)
		case bool:
			out[ptr] = strconv.FormatBool(x)
		case string:
			out[ptr] = x
		}
	}
	walk("", sub.Answer.Value)
	return out, sub.Meta
}

// must drops the meta of exampleFields.
func must(fields map[string]string, _ engine.Meta) map[string]string { return fields }

// evalString evaluates a JavaScript expression that yields a string.
func evalString(t *testing.T, ctx context.Context, js string) string {
	t.Helper()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[string](js))
	if err != nil {
		t.Fatalf("%s: %v", js, err)
	}
	return v
}

// defaultCourse is the engine of the embedded course, as `katabook check`
// uses it: the built-in katas and the queue kata the course declares.
func defaultCourse(t testing.TB) *engine.Engine {
	t.Helper()
	eng, _, err := site.Course(content.FS, defaultBase(t))
	if err != nil {
		t.Fatal(err)
	}
	return eng
}

// queueCourse is a course of one queue workbook, with the files of the
// queue kata the default course declares.
func queueCourse(t testing.TB, workbook []byte) fstest.MapFS {
	t.Helper()
	cfs := fstest.MapFS{"queue.md": {Data: workbook}}
	for _, name := range []string{"queue.rules.yaml", "queue.schema.json"} {
		src, err := fs.ReadFile(content.FS, name)
		if err != nil {
			t.Fatal(err)
		}
		cfs[name] = &fstest.MapFile{Data: src}
	}
	return cfs
}

// defaultBase is the engine of the built-in katas alone.
func defaultBase(t testing.TB) *engine.Engine {
	t.Helper()
	base, err := builtin.New()
	if err != nil {
		t.Fatal(err)
	}
	return base
}

// typeKeys types text into the element selector finds, key by key, as a
// learner does. It focuses the element from the page and sends the keys
// to the focused element: chromedp's SendKeys reads the node's attributes
// without its lock while the page changes them (a data race under -race
// once verdicts arrive quickly).
func typeKeys(t *testing.T, ctx context.Context, selector, text string) {
	t.Helper()
	focus := `(() => { const el = document.querySelector(` + strconv.Quote(selector) + `); if (!el) return false; el.focus(); return document.activeElement === el })()`
	ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool](focus))
	if err != nil || !ok {
		t.Fatalf("cannot focus %s: %v", selector, err)
	}
	if err := chromedp.Do(ctx, chromedp.KeyEvent(text)); err != nil {
		t.Fatal(err)
	}
}
