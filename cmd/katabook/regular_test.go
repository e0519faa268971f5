//go:build unix

package main

import (
	"net"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// finishes runs the CLI and fails the test, instead of hanging it, when
// the command does not return (a named pipe read waits for a writer).
func finishes(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	type result struct {
		code        int
		out, errOut string
	}
	done := make(chan result, 1)
	go func() {
		code, out, errOut := katabook(t, "", args...)
		done <- result{code, out, errOut}
	}()
	select {
	case r := <-done:
		return r.code, r.out, r.errOut
	case <-time.After(30 * time.Second):
		t.Fatalf("katabook %v hangs", args)
		return 0, "", ""
	}
}

// TestCheckReadsRegularFilesOnly: a named pipe, a socket or a device
// called *.md, named or in a folder, is refused with its name and exit 2,
// never read (a pipe would hang the check); a symbolic link in a folder is
// followed only while it stays inside the folder.
func TestCheckReadsRegularFilesOnly(t *testing.T) {
	dir := t.TempDir()
	subs := filepath.Join(dir, "subs")
	write(t, subs, "good.md", good(t))
	outside := write(t, dir, "outside.md", strings.Replace(good(t), "l_computed: 10", "l_computed: 12", 1))
	pipe := filepath.Join(subs, "pipe.md")
	if err := syscall.Mkfifo(pipe, 0o644); err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("unix", filepath.Join(subs, "sock.md"))
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	for name, target := range map[string]string{"out.md": filepath.Join("..", "outside.md"), "zero.md": "/dev/zero", "in.md": "good.md"} {
		if err := os.Symlink(target, filepath.Join(subs, name)); err != nil {
			t.Fatal(err)
		}
	}
	code, out, errOut := finishes(t, "check", subs)
	for _, want := range []string{
		"pipe.md: is a named pipe, not a regular file",
		"sock.md: is a socket, not a regular file",
		"out.md: is a symbolic link to outside the folder given",
		"zero.md: is a symbolic link to outside the folder given",
	} {
		if !strings.Contains(errOut, want) {
			t.Errorf("stderr lacks %q:\n%s", want, errOut)
		}
	}
	if code != 2 || strings.Contains(out, "outside.md") || strings.Contains(out, "out.md:") || !strings.HasSuffix(out, "2 files, 0 errors, 0 warnings\n") {
		t.Errorf("exit %d, want 2 with good.md and in.md checked, nothing outside:\n%s", code, out)
	}
	zero := filepath.Join(dir, "zero.md")
	if err := os.Symlink("/dev/zero", zero); err != nil {
		t.Fatal(err)
	}
	for path, want := range map[string]string{pipe: "is a named pipe", zero: "is a device", outside: ""} {
		code, _, errOut := finishes(t, "check", path)
		if want == "" {
			if code != 1 { // a file named outright may be anywhere
				t.Errorf("check %s: exit %d, want 1; %s", path, code, errOut)
			}
			continue
		}
		if code != 2 || !strings.Contains(errOut, want) {
			t.Errorf("check %s: exit %d, stderr %q, want 2 and %q", filepath.Base(path), code, errOut, want)
		}
	}
	if code, _, errOut := finishes(t, "export", "slo", pipe, "--format", "prometheus"); code != 2 || !strings.Contains(errOut, "named pipe") {
		t.Errorf("export of a pipe: exit %d, %q", code, errOut)
	}
}

// TestBuildReadsRegularWorkbooksOnly: a workbook that is a named pipe, or
// a link out of the content folder (to /dev/zero, which would exhaust the
// memory), fails the build with its name and exit 1, never a hang.
func TestBuildReadsRegularWorkbooksOnly(t *testing.T) {
	dir := t.TempDir()
	course := filepath.Join(dir, "course")
	if code, _, errOut := katabook(t, "", "init", course); code != 0 {
		t.Fatal(errOut)
	}
	write(t, dir, "elsewhere.md", "---\ntitle: Elsewhere\n---\nNot in the course.\n")
	if err := syscall.Mkfifo(filepath.Join(course, "pipe.md"), 0o644); err != nil {
		t.Fatal(err)
	}
	for name, target := range map[string]string{"zero.md": "/dev/zero", "up.md": filepath.Join("..", "elsewhere.md"), "alias.md": "queue.md"} {
		if err := os.Symlink(target, filepath.Join(course, name)); err != nil {
			t.Fatal(err)
		}
	}
	code, _, errOut := finishes(t, "build", "--content", course, "--out", filepath.Join(dir, "public"))
	for _, want := range []string{
		"pipe.md:1: the workbook is a named pipe, not a regular file",
		"zero.md:1: the workbook is a symbolic link to outside the folder given",
		"up.md:1: the workbook is a symbolic link to outside the folder given",
	} {
		if !strings.Contains(errOut, want) {
			t.Errorf("stderr lacks %q:\n%s", want, errOut)
		}
	}
	if code != 1 || strings.Contains(errOut, "alias.md") {
		t.Errorf("exit %d, want 1, and a link inside the course is a workbook like any:\n%s", code, errOut)
	}
}
