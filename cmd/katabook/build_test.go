package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestBuildNeverDeletesWhatItDidNotWrite: --out onto the course's own
// workbooks, a docs/ folder with a CNAME, or a file exits 2 with a
// message saying what is there and how to proceed, and changes nothing;
// --force replaces a folder of other files, never the content folder.
func TestBuildNeverDeletesWhatItDidNotWrite(t *testing.T) {
	dir := t.TempDir()
	course := filepath.Join(dir, "content")
	if code, _, errOut := katabook(t, "", "init", course); code != 0 {
		t.Fatalf("init: %s", errOut)
	}
	docs := filepath.Join(dir, "docs")
	write(t, docs, "CNAME", "katas.example.org\n")
	notes := write(t, dir, "notes.txt", "mine\n")
	cases := []struct{ out, want string }{
		{course, "holds the content folder"},
		{dir, "holds the content folder"},
		{docs, `holds "CNAME"`},
		{notes, "is a file"},
	}
	for _, c := range cases {
		code, _, errOut := katabook(t, "", "build", "--content", course, "--out", c.out)
		if code != 2 || !strings.Contains(errOut, c.want) {
			t.Errorf("build --out %s: exit %d, want 2 and %q in %q", filepath.Base(c.out), code, c.want, errOut)
		}
	}
	if code, _, errOut := katabook(t, "", "build", "--content", course, "--out", course, "--force"); code != 2 {
		t.Errorf("--force onto the content folder: exit %d, %q", code, errOut)
	}
	if _, err := os.Stat(filepath.Join(course, "queue.md")); err != nil {
		t.Fatalf("the course lost a workbook: %v", err)
	}
	if b, _ := os.ReadFile(filepath.Join(docs, "CNAME")); string(b) != "katas.example.org\n" {
		t.Fatalf("docs/CNAME changed: %q", b)
	}
	if b, _ := os.ReadFile(notes); string(b) != "mine\n" {
		t.Fatalf("notes.txt changed: %q", b)
	}
	if code, _, errOut := katabook(t, "", "build", "--content", course, "--out", docs, "--force"); code != 0 {
		t.Fatalf("--force: exit %d, %s", code, errOut)
	}
	if _, err := os.Stat(filepath.Join(docs, "index.html")); err != nil {
		t.Errorf("--force built nothing: %v", err)
	}
}
