//go:build unix

package site

import (
	"io/fs"
	"syscall"
)

// soleName reports whether st's file has no other name than the one it
// was found by, so linking it into the new site shares it with nothing
// outside the site (a hard-linked backup, say).
func soleName(st fs.FileInfo) bool {
	s, ok := st.Sys().(*syscall.Stat_t)
	return ok && s.Nlink == 1
}
