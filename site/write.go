package site

import (
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
)

// Hash is a short hash of a set of files (names and contents). The build
// appends the assets' hash to their URLs so a browser never mixes a new
// page with an old script; serve tells builds apart by it.
func Hash(files map[string][]byte) string {
	names := make([]string, 0, len(files))
	for n := range files {
		// A precompressed copy changes only with its original.
		if !strings.HasSuffix(n, ".br") && !strings.HasSuffix(n, ".gz") {
			names = append(names, n)
		}
	}
	sort.Strings(names)
	h := sha256.New()
	for _, n := range names {
		h.Write([]byte(n))
		h.Write(files[n])
	}
	return hex.EncodeToString(h.Sum(nil))[:10]
}

// templateHTML marks rendered Markdown as safe for the page template:
// goldmark escaped what needed escaping.
func templateHTML(b []byte) template.HTML { return template.HTML(b) }

// dirSink writes the site's files under a folder, creating each
// subfolder once. With prev set (the site being replaced), a file whose
// bytes are unchanged is hard-linked from there instead of written.
type dirSink struct {
	dir    string
	prev   string
	mu     sync.Mutex
	made   map[string]bool
	inPrev map[string]bool // prev's subfolders (slash paths) that are real folders
	files  atomic.Int64    // files written or kept
	kept   atomic.Int64    // files hard-linked from prev
}

func (d *dirSink) write(name string, data []byte) error {
	p := filepath.Join(d.dir, filepath.FromSlash(name))
	if err := d.mkdir(filepath.Dir(p)); err != nil {
		return fmt.Errorf("write: %w", err)
	}
	d.files.Add(1)
	if d.prev != "" && d.realFolder(path.Dir(name)) && reuse(filepath.Join(d.prev, filepath.FromSlash(name)), p, data) {
		d.kept.Add(1)
		return nil
	}
	if err := os.WriteFile(p, data, 0o644); err != nil {
		return fmt.Errorf("write: %w", err)
	}
	return nil
}

func (d *dirSink) mkdir(dir string) error {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.made[dir] {
		return nil
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	d.made[dir] = true
	return nil
}

// Build writes the site to out. It builds into a fresh folder beside out
// and swaps it in only when everything succeeded, so a failed build leaves
// the previous site untouched. Files whose bytes did not change are
// hard-linked from the previous site (reuse). out must be new, empty or a
// site katabook built (checkOut), unless opts.Force.
func Build(opts Options, out string) (BuildStats, error) {
	out = filepath.Clean(out)
	prev, err := checkOut(out, opts.Force)
	if err != nil {
		return BuildStats{}, err
	}
	if err := os.MkdirAll(filepath.Dir(out), 0o755); err != nil {
		return BuildStats{}, fmt.Errorf("write: %w", err)
	}
	removeStale(out)
	tmp, err := os.MkdirTemp(filepath.Dir(out), "."+filepath.Base(out)+".new-")
	if err != nil {
		return BuildStats{}, fmt.Errorf("write: %w", err)
	}
	defer os.RemoveAll(tmp)
	unlock, err := mark(tmp)
	if err != nil {
		return BuildStats{}, err
	}
	defer unlock()
	ds := &dirSink{dir: tmp, made: map[string]bool{}, inPrev: map[string]bool{}}
	if prev {
		ds.prev = out
	}
	sink := newAsyncSink(ds, 2)
	err = generate(opts, sink)
	if cerr := sink.close(); err == nil {
		err = cerr
	}
	if err != nil {
		return BuildStats{}, err
	}
	if err := os.Chmod(tmp, 0o755); err != nil {
		return BuildStats{}, fmt.Errorf("write: %w", err)
	}
	old := tmp + ".old"
	if err := os.Rename(out, old); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return BuildStats{}, fmt.Errorf("write: %w", err)
	}
	if err := os.Rename(tmp, out); err != nil {
		_ = os.Rename(old, out)
		return BuildStats{}, fmt.Errorf("write: %w", err)
	}
	return BuildStats{Files: int(ds.files.Load()), Unchanged: int(ds.kept.Load()), Replaced: ds.prev != ""}, os.RemoveAll(old)
}

// BuildStats counts a build's output.
type BuildStats struct {
	Files     int  // every file of the site
	Unchanged int  // files kept from the previous site: the same bytes
	Replaced  bool // there was a previous site
}

// asyncSink hands writes to a few goroutines, so that rendering goes on
// while the file system opens and writes files (slow on some systems:
// each open can cost a third of a millisecond). The queue is bounded, so
// at most a few pages wait in memory.
type asyncSink struct {
	next  sink
	queue chan asyncWrite
	wg    sync.WaitGroup
	mu    sync.Mutex
	err   error
}

type asyncWrite struct {
	name string
	data []byte
}

func newAsyncSink(next sink, writers int) *asyncSink {
	a := &asyncSink{next: next, queue: make(chan asyncWrite, 4*writers)}
	for range writers {
		a.wg.Add(1)
		go func() {
			defer a.wg.Done()
			for w := range a.queue {
				if err := a.next.write(w.name, w.data); err != nil {
					a.mu.Lock()
					a.err = cmp.Or(a.err, err)
					a.mu.Unlock()
				}
			}
		}()
	}
	return a
}

func (a *asyncSink) write(name string, data []byte) error {
	a.queue <- asyncWrite{name, data}
	return nil
}

// close waits for every write and returns the first error.
func (a *asyncSink) close() error {
	close(a.queue)
	a.wg.Wait()
	return a.err
}
