package site

import (
	"bytes"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
)

// A rebuild reuses the files of the site it replaces when their bytes did
// not change: dirSink.write asks reuse before writing.

// reuse hard-links old to p when old is a plain file with the mode a build
// gives and exactly data as its bytes. A rebuild then keeps every
// unchanged page's file, and with it its modification time, so deploy
// tools that compare size and time (rsync, aws s3 sync) send only what
// changed. It also spares the file system: on ext4 without a journal, an
// inode freed in the last minute or more is skipped by every new file,
// each creation scanning past all of them, so a rebuild that wrote every
// file afresh after deleting the last site paid 0.1-0.9 ms more a file.
// Anything unexpected (no such file, a symbolic link, another mode, a file
// with other names, a file system without hard links) returns false, and
// the caller writes the file.
func reuse(old, p string, data []byte) bool { return reuseWith(old, p, data, os.Link) }

// reuseWith is reuse with the link call given, so that a test can replace
// the old file between the comparison and the link, as another build of
// the same folder could. The link is kept only if it names the very file
// whose bytes were compared.
func reuseWith(old, p string, data []byte, link func(oldname, newname string) error) bool {
	st, err := os.Lstat(old)
	if err != nil || !st.Mode().IsRegular() || st.Mode().Perm() != 0o644 || st.Size() != int64(len(data)) || !soleName(st) {
		return false
	}
	compared, ok := holds(old, data)
	if !ok || link(old, p) != nil {
		return false
	}
	if linked, err := os.Lstat(p); err != nil || !os.SameFile(compared, linked) {
		_ = os.Remove(p)
		return false
	}
	return true
}

// holds reports whether the file name has exactly data as its bytes, and
// which file it read.
func holds(name string, data []byte) (fs.FileInfo, bool) {
	f, err := os.Open(name)
	if err != nil {
		return nil, false
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, false
	}
	buf := make([]byte, len(data)+1) // one byte more: a longer file must not match
	n, err := io.ReadFull(f, buf)
	if err != io.ErrUnexpectedEOF && err != io.EOF || !bytes.Equal(buf[:n], data) {
		return nil, false
	}
	return st, true
}

// realFolder reports whether dir, a slash path in the previous site, and
// each folder on the way to it are folders there, not symbolic links: a
// file is reused only from inside the site it replaces.
func (d *dirSink) realFolder(dir string) bool {
	if dir == "." {
		return true
	}
	d.mu.Lock()
	ok, seen := d.inPrev[dir]
	d.mu.Unlock()
	if seen {
		return ok
	}
	ok = d.realFolder(path.Dir(dir))
	if ok {
		st, err := os.Lstat(filepath.Join(d.prev, filepath.FromSlash(dir)))
		ok = err == nil && st.IsDir()
	}
	d.mu.Lock()
	d.inPrev[dir] = ok
	d.mu.Unlock()
	return ok
}
