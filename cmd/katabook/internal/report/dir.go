package report

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
)

// Marker is the file a report leaves in its folder: a folder with it is
// a previous report, which a new one may write over; a folder with other
// files and without it is refused, so that a mistyped --out never costs
// anyone their files.
const Marker = ".katabook-report"

// Files are the files a report writes, and the only ones it ever writes.
var Files = []string{Marker, "index.html", "report.css", "favicon.svg", "report.json", "grades.csv"}

// PrepareDir makes dir ready for a report: created when missing, used
// when empty or a previous report, refused otherwise.
func PrepareDir(dir string) error {
	ents, err := os.ReadDir(dir)
	switch {
	case errors.Is(err, os.ErrNotExist):
		return os.MkdirAll(dir, 0o755)
	case err != nil:
		return fmt.Errorf("--out %s: %w", dir, err)
	case len(ents) == 0:
		return nil
	}
	if st, err := os.Lstat(filepath.Join(dir, Marker)); err != nil || !st.Mode().IsRegular() {
		return fmt.Errorf("--out %s has files and is not a katabook report (no %s in it): name an empty or new folder", dir, Marker)
	}
	return nil
}

// WriteFile writes one of the report's files into dir through a new file
// renamed into place: a file a previous report left is replaced whole, a
// symbolic link in its place is replaced, not followed, and a failed
// write leaves the old file. write streams the contents: a large cohort's
// page is never held in memory whole.
func WriteFile(dir, name string, write func(io.Writer) error) error {
	f, err := os.CreateTemp(dir, ".tmp-"+name+"-*")
	if err != nil {
		return err
	}
	bw := bufio.NewWriterSize(f, 64<<10)
	werr := write(bw)
	if werr == nil {
		werr = bw.Flush()
	}
	cerr := f.Close()
	if err := errors.Join(werr, cerr); err != nil {
		os.Remove(f.Name())
		return err
	}
	if err := os.Chmod(f.Name(), 0o644); err != nil {
		os.Remove(f.Name())
		return err
	}
	if err := os.Rename(f.Name(), filepath.Join(dir, name)); err != nil {
		os.Remove(f.Name())
		return err
	}
	return nil
}
