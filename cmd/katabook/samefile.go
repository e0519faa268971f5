package main

import (
	"os"
	"path/filepath"
)

// No command writes onto one of its inputs: `check --output` and `export
// -o` refuse a path that is a file they read, and `build --out` a folder
// that holds the course. Files are compared by identity (os.SameFile), so
// another spelling of the path, a hard link or a symbolic link to the
// input is caught too.

// sameFile reports whether the paths name one existing file.
func sameFile(a, b string) bool {
	sa, err := os.Stat(a)
	if err != nil {
		return false
	}
	sb, err := os.Stat(b)
	return err == nil && os.SameFile(sa, sb)
}

// isStdin reports whether p is the file standard input reads from
// (`check - < answer.md`).
func isStdin(e *env, p string) bool {
	f, ok := e.stdin.(*os.File)
	if !ok {
		return false
	}
	in, err := f.Stat()
	if err != nil || !in.Mode().IsRegular() {
		return false
	}
	st, err := os.Stat(p)
	return err == nil && os.SameFile(in, st)
}

// within reports whether dir is folder or a folder below it.
func within(dir, folder string) bool {
	st, err := os.Stat(folder)
	if err != nil {
		return false
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return false
	}
	if real, err := filepath.EvalSymlinks(abs); err == nil {
		abs = real
	}
	for {
		if d, err := os.Stat(abs); err == nil && os.SameFile(d, st) {
			return true
		}
		up := filepath.Dir(abs)
		if up == abs {
			return false
		}
		abs = up
	}
}
