package main

import (
	"bytes"
	"github.com/katabook/katabook/engine/kata/builtin"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// TestServeRebuildsAndReloads: with --content, editing a workbook rebuilds
// the site and the open page reloads with the new text; a broken edit
// keeps the last good site and says why, with file and line.
func TestServeRebuildsAndReloads(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "course")
	if code, _, errOut := katabook(t, "", "init", dir); code != 0 {
		t.Fatal(errOut)
	}
	eng, err := builtin.New()
	if err != nil {
		t.Fatal(err)
	}
	live, err := newLiveSite(os.DirFS(dir), eng, true)
	if err != nil {
		t.Fatal(err)
	}
	var log syncBuffer
	done := make(chan struct{})
	defer close(done)
	go live.watch(dir, 100*time.Millisecond, &log, done)
	srv := httptest.NewServer(live)
	defer func() {
		srv.CloseClientConnections() // the page's event stream never ends by itself
		srv.Close()
	}()

	ctx := newBrowser(t)
	openKata(t, ctx, srv.URL+"/queue.html")
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`window.__before = true`)); err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(dir, "queue.md")
	src, _ := os.ReadFile(p)
	if err := os.WriteFile(p, bytes.Replace(src, []byte("## Setup"), []byte("## Setup, edited live"), 1), 0o644); err != nil {
		t.Fatal(err)
	}
	waitUntil(t, "the reloaded page", func() bool {
		ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`!window.__before && document.body.textContent.includes('Setup, edited live')`))
		return err == nil && ok
	})

	// A page from another build (the server restarted with new schemas or
	// site sources) is told to reload as soon as its event stream connects.
	stale, err := http.Get(srv.URL + "/__katabook/events?build=000000000000")
	if err != nil {
		t.Fatal(err)
	}
	line := make([]byte, 256)
	var got string
	for !strings.Contains(got, "event: reload") {
		n, err := stale.Body.Read(line)
		if err != nil {
			t.Fatalf("stale page's event stream: %v (read %q)", err, got)
		}
		got += string(line[:n])
	}
	stale.Body.Close()

	// A broken workbook: the last good site stays, the log names the line.
	if err := os.WriteFile(filepath.Join(dir, "broken.md"), []byte("---\ntitle: B\n---\n\n```form nosuchkata\n```\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	waitUntil(t, "the failed rebuild reported", func() bool { return strings.Contains(log.String(), "broken.md:5:") })
	if ok, _ := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.body.textContent.includes('Setup, edited live')`)); !ok {
		t.Error("a failed rebuild replaced the last good page")
	}
}

// syncBuffer is a bytes.Buffer safe for the watcher and the test at once.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}
