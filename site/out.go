package site

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/katabook/katabook/internal/regular"
)

// A build replaces its output folder whole, so it must know the folder is
// its own: every site it writes holds Marker, and Build replaces only a
// folder with the marker, an empty folder or nothing at all. Anything else
// (the course's own workbooks, a docs/ folder with a CNAME and hand-written
// pages, a file) is refused unless Options.Force says to replace it.

// Marker is the file at the top of every site katabook builds.
const Marker = ".katabook-site"

const markerText = "This folder was written by `katabook build`, which replaces it whole on the next build.\n" +
	"Keep nothing else here: files added by hand are deleted by the next build.\n"

// OutError is a refusal to build into a folder katabook did not write.
type OutError struct {
	Out   string
	Found string // what is there, in words
}

func (e *OutError) Error() string {
	what := "not a folder"
	if strings.HasPrefix(e.Found, "holds ") {
		what = "not a site katabook built (no " + Marker + " in it)"
	}
	return fmt.Sprintf("%s %s, %s: building there would delete it. "+
		"Build into an empty or new folder, or use --force to replace it", e.Out, e.Found, what)
}

// checkOut says whether a build may replace out, and whether out is a
// previous site whose unchanged files a rebuild may reuse.
func checkOut(out string, force bool) (prev bool, err error) {
	st, err := os.Lstat(out)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return false, nil
	case err != nil:
		return false, fmt.Errorf("write: %w", err)
	case st.IsDir():
	case force:
		return false, nil
	default:
		return false, &OutError{Out: out, Found: "is " + regular.Kind(st.Mode())}
	}
	if m, err := os.Lstat(filepath.Join(out, Marker)); err == nil && m.Mode().IsRegular() {
		return true, nil
	}
	names, err := readNames(out, 4)
	if err != nil {
		return false, fmt.Errorf("write: %w", err)
	}
	if len(names) == 0 || force {
		return force, nil
	}
	slices.Sort(names)
	for i, n := range names {
		names[i] = strconv.Quote(n) // a name may hold a newline
	}
	found := "holds " + strings.Join(names[:min(len(names), 3)], ", ")
	if len(names) > 3 {
		found += " and more"
	}
	return false, &OutError{Out: out, Found: found}
}

// readNames returns up to n names in dir.
func readNames(dir string, n int) ([]string, error) {
	f, err := os.Open(dir)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	names, err := f.Readdirnames(n)
	if errors.Is(err, io.EOF) {
		err = nil
	}
	return names, err
}

// mark writes the marker into a new site's folder and locks it until
// unlock: a build that finds the folder later (killed, it could not
// remove it) knows it for a build's partial output, and one still
// running for no such thing.
func mark(dir string) (unlock func(), err error) {
	f, err := os.OpenFile(filepath.Join(dir, Marker), os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return nil, fmt.Errorf("write: %w", err)
	}
	if _, err := f.WriteString(markerText); err != nil {
		f.Close()
		return nil, fmt.Errorf("write: %w", err)
	}
	lock(f)
	return func() { f.Close() }, nil
}

// removeStale removes what killed builds of out left beside it: folders
// named .<out>.new-* (MkdirTemp's) that hold katabook's marker and whose
// build no longer holds its lock. A build that failed removes its own.
func removeStale(out string) {
	parent, prefix := filepath.Dir(out), "."+filepath.Base(out)+".new-"
	entries, err := os.ReadDir(parent)
	if err != nil {
		return
	}
	for _, e := range entries {
		if !e.IsDir() || !strings.HasPrefix(e.Name(), prefix) {
			continue
		}
		dir := filepath.Join(parent, e.Name())
		marker := filepath.Join(dir, Marker)
		if st, err := os.Lstat(marker); err != nil || !st.Mode().IsRegular() {
			continue // not katabook's: left alone
		}
		f, err := os.Open(marker)
		if err != nil {
			continue
		}
		if lock(f) {
			_ = os.RemoveAll(dir)
		}
		f.Close()
	}
}
