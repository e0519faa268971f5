package site

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/katabook/katabook/content"
)

// TestBuildReplacesOnlyItsOwnSites: a build into a folder of other files
// or onto a file refuses and leaves them as they were; a new folder, an
// empty one and a site katabook built are written; --force replaces
// anything.
func TestBuildReplacesOnlyItsOwnSites(t *testing.T) {
	e := newEngine(t)
	dir := t.TempDir()
	build := func(out string, force bool) error {
		t.Helper()
		_, err := Build(Options{Content: content.FS, Engine: e, Force: force}, out)
		return err
	}
	docs := filepath.Join(dir, "docs")
	for name, body := range map[string]string{"CNAME": "katas.example.org\n", "about.html": "<p>mine</p>\n"} {
		if err := os.MkdirAll(docs, 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(docs, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	notes := filepath.Join(dir, "notes.txt")
	if err := os.WriteFile(notes, []byte("my notes\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for out, want := range map[string]string{docs: `holds "CNAME", "about.html"`, notes: "is a file"} {
		err := build(out, false)
		var oe *OutError
		if !errors.As(err, &oe) || !strings.Contains(err.Error(), want) || !strings.Contains(err.Error(), "--force") ||
			!strings.Contains(err.Error(), "empty or new folder") {
			t.Errorf("build into %s: %v, want a refusal saying it %s and how to proceed", filepath.Base(out), err, want)
		}
	}
	if b, err := os.ReadFile(filepath.Join(docs, "CNAME")); err != nil || string(b) != "katas.example.org\n" {
		t.Errorf("the refused folder changed: %q, %v", b, err)
	}
	if b, err := os.ReadFile(notes); err != nil || string(b) != "my notes\n" {
		t.Errorf("the refused file changed: %q, %v", b, err)
	}
	empty := filepath.Join(dir, "empty")
	if err := os.Mkdir(empty, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, out := range []string{empty, filepath.Join(dir, "new", "public")} {
		if err := build(out, false); err != nil {
			t.Fatalf("build into %s: %v", out, err)
		}
		if st, err := os.Lstat(filepath.Join(out, Marker)); err != nil || !st.Mode().IsRegular() {
			t.Fatalf("%s has no marker: %v", out, err)
		}
		if err := build(out, false); err != nil {
			t.Fatalf("rebuild of its own site %s: %v", out, err)
		}
	}
	for _, out := range []string{docs, notes} {
		if err := build(out, true); err != nil {
			t.Fatalf("--force into %s: %v", out, err)
		}
		if _, err := os.Stat(filepath.Join(out, "index.html")); err != nil {
			t.Errorf("--force did not build %s: %v", out, err)
		}
	}
}

// TestBuildRemovesPartialOutput: what a killed build left beside the
// output (a .public.new-* folder with the marker, unlocked) goes at the
// next build; a running build's folder (locked) and folders that are not
// katabook's stay.
func TestBuildRemovesPartialOutput(t *testing.T) {
	e := newEngine(t)
	dir := t.TempDir()
	out := filepath.Join(dir, "public")
	mkdir := func(name string, marked bool) string {
		t.Helper()
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Join(p, "assets"), 0o755); err != nil {
			t.Fatal(err)
		}
		if marked {
			if err := os.WriteFile(filepath.Join(p, Marker), nil, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		return p
	}
	killed := mkdir(".public.new-123456", true)
	killedOld := mkdir(".public.new-654321.old", true)
	mine := mkdir(".public.new-mine", false)
	running := mkdir(".public.new-999", false)
	unlock, err := mark(running)
	if err != nil {
		t.Fatal(err)
	}
	defer unlock()
	if _, err := Build(Options{Content: content.FS, Engine: e}, out); err != nil {
		t.Fatal(err)
	}
	for p, want := range map[string]bool{killed: false, killedOld: false, mine: true, running: true} {
		if _, err := os.Stat(p); (err == nil) != want {
			t.Errorf("%s: exists %v, want %v", filepath.Base(p), err == nil, want)
		}
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 3 { // public, mine, running; nothing of this build
		var names []string
		for _, e := range entries {
			names = append(names, e.Name())
		}
		t.Errorf("left beside the output: %v", names)
	}
}
