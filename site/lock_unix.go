//go:build unix

package site

import (
	"os"
	"syscall"
)

// lock takes an exclusive lock on f without waiting, and says whether it
// got it. The kernel drops the lock when its holder exits, killed or not.
func lock(f *os.File) bool {
	return syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB) == nil
}
