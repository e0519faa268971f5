//go:build !unix

package site

import "io/fs"

// soleName cannot count a file's names here, so no file is reused.
func soleName(fs.FileInfo) bool { return false }
