package main

import (
	"fmt"
	"io"
	"io/fs"
	"net"
	"net/http"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/spf13/cobra"

	"github.com/katabook/katabook/engine"
	"github.com/katabook/katabook/site"
)

func newServeCmd(e *env) *cobra.Command {
	var dir, host string
	var port int
	var noReload bool
	cmd := &cobra.Command{
		Use:   "serve",
		Short: "Build the course site in memory and serve it; with --content, rebuild and reload on change",
		Long: `Serve builds the course in memory and serves it. With --content DIR it
watches the workbooks: on a change it rebuilds and the open pages reload
(unless --no-reload). A build that fails keeps the last good site and
prints the errors with file and line.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			cfs, err := contentFS(dir)
			if err != nil {
				return err
			}
			live, err := newLiveSite(cfs, e.engine, dir != "" && !noReload)
			if err != nil {
				return buildFailed(err)
			}
			ln, err := net.Listen("tcp", net.JoinHostPort(host, strconv.Itoa(port)))
			if err != nil {
				return usageErr("serve: %v", err)
			}
			fmt.Fprintf(e.stdout, "serving the course on http://%s/ (Ctrl-C to stop)\n", ln.Addr())
			if live.reload {
				fmt.Fprintf(e.stdout, "watching %s: pages reload when a workbook changes\n", dir)
				go live.watch(dir, 500*time.Millisecond, e.stdout, nil)
			}
			srv := &http.Server{Handler: live, ReadHeaderTimeout: 10 * time.Second}
			return srv.Serve(ln)
		},
	}
	cmd.Flags().StringVar(&dir, "content", "", "folder of workbooks (default: the built-in course)")
	cmd.Flags().StringVar(&host, "host", "127.0.0.1", "address to listen on")
	cmd.Flags().IntVarP(&port, "port", "p", 8080, "port to listen on")
	cmd.Flags().BoolVar(&noReload, "no-reload", false, "with --content, do not rebuild and reload on change")
	return cmd
}

// liveSite serves the site from memory and, when reload is on, swaps in a
// new build when the workbooks change and tells open pages to reload
// (server-sent events; a small script that only `serve` adds to pages).
type liveSite struct {
	content fs.FS
	eng     *engine.Engine
	reload  bool

	mu      sync.RWMutex
	handler http.Handler
	build   string // hash of the current build's files
	subs    map[chan struct{}]bool
}

func newLiveSite(content fs.FS, eng *engine.Engine, reload bool) (*liveSite, error) {
	l := &liveSite{content: content, eng: eng, reload: reload, subs: map[chan struct{}]bool{}}
	if err := l.rebuild(); err != nil {
		return nil, err
	}
	return l, nil
}

// reloadScript tells the server which build the page came from, so that a
// page opened before the server restarted (make serve restarts it when
// schemas or site sources change) reloads as soon as it reconnects.
const reloadScript = `new EventSource("__katabook/events?build=%s").addEventListener("reload", () => location.reload());`

// While pages reload live, a service worker's offline copy would hide the
// change: this worker removes itself instead.
const unregisterWorker = `self.addEventListener("install", () => self.skipWaiting());
self.addEventListener("activate", () => self.registration.unregister());`

func (l *liveSite) rebuild() error {
	files, err := site.Files(site.Options{Content: l.content, Engine: l.eng})
	if err != nil {
		return err
	}
	build := site.Hash(files)
	if l.reload {
		tag := []byte(`<script src="__katabook/reload.js?build=` + build + `" defer></script></body>`)
		for name, data := range files {
			if strings.HasSuffix(name, ".html") {
				files[name] = []byte(strings.Replace(string(data), "</body>", string(tag), 1))
			}
		}
		files["__katabook/reload.js"] = []byte(fmt.Sprintf(reloadScript, build))
		files["sw.js"] = []byte(unregisterWorker)
	}
	l.mu.Lock()
	l.handler = siteHandler(files)
	l.build = build
	l.mu.Unlock()
	return nil
}

func (l *liveSite) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if l.reload && r.URL.Path == "/__katabook/events" {
		l.events(w, r)
		return
	}
	l.mu.RLock()
	h := l.handler
	l.mu.RUnlock()
	h.ServeHTTP(w, r)
}

// events streams one "reload" event per rebuild to a page.
func (l *liveSite) events(w http.ResponseWriter, r *http.Request) {
	flusher, ok := w.(http.Flusher)
	if !ok {
		http.Error(w, "streaming unsupported", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/event-stream")
	w.Header().Set("Cache-Control", "no-cache")
	ch := make(chan struct{}, 1)
	l.mu.Lock()
	l.subs[ch] = true
	if b := r.URL.Query().Get("build"); b != "" && b != l.build {
		ch <- struct{}{} // the page is from another build: reload it now
	}
	l.mu.Unlock()
	defer func() {
		l.mu.Lock()
		delete(l.subs, ch)
		l.mu.Unlock()
	}()
	_, _ = io.WriteString(w, ": connected\n\n")
	flusher.Flush()
	for {
		select {
		case <-r.Context().Done():
			return
		case <-ch:
			_, _ = io.WriteString(w, "event: reload\ndata: {}\n\n")
			flusher.Flush()
		}
	}
}

func (l *liveSite) notify() {
	l.mu.RLock()
	defer l.mu.RUnlock()
	for ch := range l.subs {
		select {
		case ch <- struct{}{}:
		default: // a reload is already pending for that page
		}
	}
}

// watch polls the workbooks' names, sizes and times (no platform file
// events needed) and rebuilds on a change, until done is closed.
func (l *liveSite) watch(dir string, every time.Duration, out io.Writer, done <-chan struct{}) {
	last := fingerprint(dir)
	tick := time.NewTicker(every)
	defer tick.Stop()
	for {
		select {
		case <-done:
			return
		case <-tick.C:
		}
		now := fingerprint(dir)
		if now == last {
			continue
		}
		last = now
		if err := l.rebuild(); err != nil {
			fmt.Fprintf(out, "rebuild failed; still serving the last good build:\n%v\n", err)
			continue
		}
		fmt.Fprintf(out, "rebuilt at %s\n", time.Now().Format("15:04:05"))
		l.notify()
	}
}

func fingerprint(dir string) string {
	var b strings.Builder
	_ = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return nil
		}
		if info, err := d.Info(); err == nil {
			fmt.Fprintf(&b, "%s %d %d\n", p, info.Size(), info.ModTime().UnixNano())
		}
		return nil
	})
	return b.String()
}
