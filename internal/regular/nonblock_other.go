//go:build !unix

package regular

// nonblock is nothing where there is no O_NONBLOCK; the stat before the
// open still refuses what is not a regular file.
const nonblock = 0
