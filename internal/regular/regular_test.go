//go:build unix

package regular

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// TestOpenRefusesWhatIsNotARegularFile: a named pipe is refused without
// blocking, a device and a folder too, and in a root a link only while it
// stays inside; every refusal is a Refusal that says what the name is.
func TestOpenRefusesWhatIsNotARegularFile(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "in")
	if err := os.MkdirAll(filepath.Join(in, "sub"), 0o755); err != nil {
		t.Fatal(err)
	}
	for name, body := range map[string]string{"in/a.md": "a", "out.md": "out"} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := syscall.Mkfifo(filepath.Join(in, "pipe.md"), 0o644); err != nil {
		t.Fatal(err)
	}
	for name, target := range map[string]string{"link.md": "a.md", "up.md": "../out.md", "zero.md": "/dev/zero", "sub/back.md": "../a.md"} {
		if err := os.Symlink(target, filepath.Join(in, name)); err != nil {
			t.Fatal(err)
		}
	}
	root, err := os.OpenRoot(in)
	if err != nil {
		t.Fatal(err)
	}
	defer root.Close()
	for name, want := range map[string]string{
		"a.md": "", "link.md": "", "sub/back.md": "",
		"pipe.md": "is a named pipe", "sub": "is a folder",
		"up.md": "outside the folder", "zero.md": "outside the folder",
	} {
		f, err := Open(root, name)
		var r *Refusal
		switch {
		case want == "" && err != nil:
			t.Errorf("%s: %v", name, err)
		case want != "" && (!errors.As(err, &r) || !strings.Contains(r.Why, want)):
			t.Errorf("%s: %v, want a refusal: %s", name, err, want)
		}
		if f != nil {
			f.Close()
		}
	}
	if _, err := Open(nil, "/dev/zero"); err == nil || !strings.Contains(err.Error(), "is a device") {
		t.Errorf("/dev/zero: %v", err)
	}
	f, err := Open(nil, filepath.Join(dir, "out.md"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if b, err := ReadAll(f, 2); err != nil || string(b) != "ou" {
		t.Errorf("ReadAll with a limit of 2: %q, %v", b, err)
	}
	cfs, err := FS(in)
	if err != nil {
		t.Fatal(err)
	}
	names, err := fs.Glob(cfs, "*.md")
	if err != nil || len(names) != 5 {
		t.Errorf("Glob in FS: %v, %v", names, err)
	}
	if _, err := fs.ReadFile(cfs, "pipe.md"); err == nil {
		t.Error("FS read a named pipe")
	}
}
