package site

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"testing"
	"testing/fstest"

	"github.com/katabook/katabook/content"
)

// editedCourse is the default course with one word of one workbook's
// body in capitals: other bytes, the same size.
func editedCourse(t *testing.T, name string) fstest.MapFS {
	t.Helper()
	m := fstest.MapFS{}
	err := fs.WalkDir(content.FS, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(content.FS, p)
		if p == name {
			b = bytes.Replace(b, []byte("Token bucket."), []byte("TOKEN BUCKET."), 1)
		}
		m[p] = &fstest.MapFile{Data: b}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// A rebuild keeps the very file of every page and asset whose bytes did
// not change (same inode, same modification time), writes the changed
// page afresh, and never shares a file with anything outside the site:
// another name for it, or a folder linked in from elsewhere.
func TestRebuildKeepsUnchangedFiles(t *testing.T) {
	e := newEngine(t)
	dir := t.TempDir()
	out := filepath.Join(dir, "public")
	if _, err := Build(Options{Content: content.FS, Engine: e}, out); err != nil {
		t.Fatal(err)
	}
	stat := func(name string) fs.FileInfo {
		t.Helper()
		st, err := os.Stat(filepath.Join(out, name))
		if err != nil {
			t.Fatal(err)
		}
		return st
	}
	kept, edited, backedUp, private := stat("queue.html"), stat("limiter.html"), stat("slo.html"), stat("incident.html")
	// A hard-linked backup of one page, and one page made private by hand:
	// neither may be carried into the new site.
	if err := os.Link(filepath.Join(out, "slo.html"), filepath.Join(dir, "slo-backup.html")); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(filepath.Join(out, "incident.html"), 0o600); err != nil {
		t.Fatal(err)
	}
	// The assets folder moved out of the site and linked back: a file
	// reached through it lies outside the site.
	elsewhere := filepath.Join(dir, "elsewhere")
	if err := os.Rename(filepath.Join(out, "assets"), elsewhere); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(elsewhere, filepath.Join(out, "assets")); err != nil {
		t.Fatal(err)
	}
	outside, err := os.Stat(filepath.Join(elsewhere, "app.css"))
	if err != nil {
		t.Fatal(err)
	}

	st, err := Build(Options{Content: editedCourse(t, "limiter.md"), Engine: e}, out)
	if err != nil {
		t.Fatal(err)
	}
	if st.Unchanged == 0 || st.Unchanged >= st.Files {
		t.Errorf("rebuild after an edit: %+v, want some files kept and some not", st)
	}
	if st := stat("queue.html"); !os.SameFile(kept, st) || !st.ModTime().Equal(kept.ModTime()) {
		t.Error("an unchanged page was written again")
	}
	if os.SameFile(edited, stat("limiter.html")) {
		t.Error("the edited page kept its old file")
	}
	if b, _ := os.ReadFile(filepath.Join(out, "limiter.html")); !bytes.Contains(b, []byte("TOKEN BUCKET.")) {
		t.Error("the edited page lacks its new text")
	}
	if os.SameFile(backedUp, stat("slo.html")) {
		t.Error("the new site shares a file with a backup outside it")
	}
	if st := stat("incident.html"); os.SameFile(private, st) || st.Mode().Perm() != 0o644 {
		t.Errorf("a page whose mode was changed by hand was kept (mode %v)", st.Mode().Perm())
	}
	if os.SameFile(outside, stat("assets/app.css")) {
		t.Error("the new site shares a file reached through a symbolic link out of the old one")
	}
	if b, _ := os.ReadFile(filepath.Join(dir, "slo-backup.html")); len(b) == 0 {
		t.Error("the backup lost its bytes")
	}
	// The same input once more: every file is kept.
	again, err := Build(Options{Content: editedCourse(t, "limiter.md"), Engine: e}, out)
	if err != nil || again.Unchanged != again.Files || again.Files != st.Files {
		t.Errorf("rebuild of the same input: %+v (before %+v), %v; want every file kept", again, st, err)
	}
}

// TestReuseKeepsOnlyTheFileItCompared: when the old file is replaced
// between the comparison and the link (another build of the same folder),
// the link would carry bytes nobody compared; reuse must undo it.
func TestReuseKeepsOnlyTheFileItCompared(t *testing.T) {
	dir := t.TempDir()
	old, p := filepath.Join(dir, "old.html"), filepath.Join(dir, "new.html")
	data := []byte("<p>the page</p>")
	if err := os.WriteFile(old, data, 0o644); err != nil {
		t.Fatal(err)
	}
	swap := func(oldname, newname string) error {
		other := filepath.Join(dir, "other")
		if err := os.WriteFile(other, []byte("<p>else!</p>...."), 0o644); err != nil {
			return err
		}
		if err := os.Rename(other, oldname); err != nil {
			return err
		}
		return os.Link(oldname, newname)
	}
	if reuseWith(old, p, data, swap) {
		t.Error("reuse kept a link to a file it did not compare")
	}
	if _, err := os.Lstat(p); err == nil {
		t.Error("the link to the swapped file is still there")
	}
	// Without the swap, the same call links (the bytes now in old).
	now, _ := os.ReadFile(old)
	if !reuseWith(old, p, now, os.Link) {
		t.Error("an unchanged file was not reused")
	}
	// A longer file with data as its start is not data.
	if _, ok := holds(old, now[:len(now)-1]); ok {
		t.Error("holds matched a prefix of the file")
	}
}
