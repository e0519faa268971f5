// Package regular opens the files katabook reads from its users,
// workbooks and submissions, as regular files only. A named pipe called
// *.md would hang the read until someone writes to it, a device such as
// /dev/zero would never end it, and a socket is no file to read; each is
// refused with a Refusal that says what the name is. Within a folder (an
// os.Root) a symbolic link is followed only while it stays inside it.
package regular

import (
	"bytes"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
)

// Refusal is a file katabook will not read, and why, in words that follow
// the file's name: "is a named pipe, not a regular file".
type Refusal struct{ Why string }

func (r *Refusal) Error() string { return r.Why }

// outside is a symbolic link out of the folder given.
var outside = &Refusal{"is a symbolic link to outside the folder given"}

// Open opens name for reading if it is a regular file: in root when root
// is not nil (name relative to it), else as a path. It never blocks on a
// named pipe: the file is opened without waiting (O_NONBLOCK, which
// changes nothing for a regular file) and checked once open.
func Open(root *os.Root, name string) (*os.File, error) {
	st, err := stat(root, name)
	if err != nil {
		if root != nil && escapes(root, name) {
			err = outside
		}
		return nil, &fs.PathError{Op: "open", Path: name, Err: unwrap(err)}
	}
	if !st.Mode().IsRegular() {
		return nil, &fs.PathError{Op: "open", Path: name, Err: notRegular(st.Mode())}
	}
	var f *os.File
	if root != nil {
		f, err = root.OpenFile(name, os.O_RDONLY|nonblock, 0)
	} else {
		f, err = os.OpenFile(name, os.O_RDONLY|nonblock, 0)
	}
	if err != nil {
		return nil, err
	}
	// The name may have changed from a file to a pipe since the stat.
	if st, err = f.Stat(); err != nil || !st.Mode().IsRegular() {
		f.Close()
		if err == nil {
			err = notRegular(st.Mode())
		}
		return nil, &fs.PathError{Op: "open", Path: name, Err: err}
	}
	return f, nil
}

func stat(root *os.Root, name string) (fs.FileInfo, error) {
	if root != nil {
		return root.Stat(name)
	}
	return os.Stat(name)
}

func unwrap(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// escapes reports whether name, which root could not stat, is a symbolic
// link to a file that exists outside root.
func escapes(root *os.Root, name string) bool {
	st, err := root.Lstat(name)
	if err != nil || st.Mode()&fs.ModeSymlink == 0 {
		return false
	}
	_, err = os.Stat(filepath.Join(root.Name(), name))
	return err == nil
}

func notRegular(m fs.FileMode) error { return &Refusal{"is " + Kind(m) + ", not a regular file"} }

// Kind names a file's type for a message: "a named pipe".
func Kind(m fs.FileMode) string {
	switch {
	case m.IsRegular():
		return "a file"
	case m.IsDir():
		return "a folder"
	case m&fs.ModeSymlink != 0:
		return "a symbolic link"
	case m&fs.ModeNamedPipe != 0:
		return "a named pipe"
	case m&fs.ModeSocket != 0:
		return "a socket"
	case m&fs.ModeDevice != 0:
		return "a device"
	}
	return "not a regular file"
}

// ReadAll reads f, but no more than limit bytes: a caller that passes its
// limit + 1 can tell a file that is too large. The buffer is sized from
// the file's size, as os.ReadFile does (io.ReadAll's growth from 512 bytes
// cost five copies per submission); the spare bytes.MinRead let the read
// that meets the end need no growth.
func ReadAll(f fs.File, limit int64) ([]byte, error) {
	size := limit
	if st, err := f.Stat(); err == nil && st.Size() < limit {
		size = st.Size()
	}
	var buf bytes.Buffer
	buf.Grow(int(size) + bytes.MinRead)
	_, err := buf.ReadFrom(io.LimitReader(f, limit))
	return buf.Bytes(), err
}

// FS is the folder dir as an fs.FS whose files open as Open opens them:
// regular files only, and symbolic links only within dir. Its root stays
// open for the life of the process (serve reads it on every rebuild).
func FS(dir string) (fs.FS, error) {
	root, err := os.OpenRoot(dir)
	if err != nil {
		return nil, err
	}
	return rootFS{root, root.FS().(fs.ReadDirFS)}, nil
}

type rootFS struct {
	root *os.Root
	dirs fs.ReadDirFS
}

func (r rootFS) Open(name string) (fs.File, error) {
	if !fs.ValidPath(name) {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrInvalid}
	}
	if st, err := r.root.Stat(name); err == nil && st.IsDir() {
		return r.root.Open(name)
	}
	return Open(r.root, name)
}

func (r rootFS) ReadDir(name string) ([]fs.DirEntry, error) { return r.dirs.ReadDir(name) }
