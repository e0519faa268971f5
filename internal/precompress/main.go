// Command precompress writes FILE.br and FILE.gz beside a file, so that a
// host (katabook serve, nginx's gzip_static and brotli_static, Caddy's
// precompressed) can send the engine's WebAssembly at a fifth of its size
// without compressing it on every request. `make wasm` runs it once per
// engine build rather than the site build running it on every build.
//
// Brotli runs at its best setting (quality 11, a 16 MiB window that holds
// the whole engine): it takes about thirty seconds here against two for
// quality 9, and saves 13% (1.49 MB against 1.71 MB), which is what keeps
// the engine under the course's 1.9 MB budget. The cost is paid once per
// engine change: when FILE.gz already holds the same bytes as FILE, both
// compressed copies are up to date and nothing is written.
package main

import (
	"bytes"
	"compress/gzip"
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/andybalholm/brotli"
)

func main() {
	budget := flag.Int("budget", 0, "warn when the brotli copy is larger than this many bytes (0: no budget)")
	flag.Parse()
	if flag.NArg() != 1 {
		fmt.Fprintln(os.Stderr, "usage: precompress [-budget BYTES] FILE")
		os.Exit(2)
	}
	if err := run(flag.Arg(0), *budget, os.Stdout, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "precompress:", err)
		os.Exit(1)
	}
}

// run writes path.br and path.gz unless they are up to date, saying what
// it wrote on out and a budget overrun on warn.
func run(path string, budget int, out, warn io.Writer) error {
	src, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	if upToDate(path, src) {
		return nil
	}
	var br bytes.Buffer
	bw := brotli.NewWriterOptions(&br, brotli.WriterOptions{Quality: 11, LGWin: 24})
	if _, err := bw.Write(src); err != nil {
		return err
	}
	if err := bw.Close(); err != nil {
		return err
	}
	var gz bytes.Buffer
	gw, err := gzip.NewWriterLevel(&gz, gzip.BestCompression)
	if err != nil {
		return err
	}
	if _, err := gw.Write(src); err != nil {
		return err
	}
	if err := gw.Close(); err != nil {
		return err
	}
	// .br first: a .gz on disk means its .br was written before it.
	if err := os.WriteFile(path+".br", br.Bytes(), 0o644); err != nil {
		return err
	}
	if err := os.WriteFile(path+".gz", gz.Bytes(), 0o644); err != nil {
		return err
	}
	fmt.Fprintf(out, "%s: %d bytes, brotli %d, gzip %d\n", path, len(src), br.Len(), gz.Len())
	// A warning, not a failure: the engine still works, but the page
	// weight promise (README, make bench) no longer holds.
	if budget > 0 && br.Len() > budget {
		fmt.Fprintf(warn, "precompress: warning: %s.br is %d bytes, over the budget of %d by %d\n",
			path, br.Len(), budget, br.Len()-budget)
	}
	return nil
}

// upToDate reports whether FILE.gz decompresses to src (and FILE.br exists):
// gunzip takes milliseconds where brotli 11 takes half a minute.
func upToDate(path string, src []byte) bool {
	if _, err := os.Stat(path + ".br"); err != nil {
		return false
	}
	f, err := os.Open(path + ".gz")
	if err != nil {
		return false
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		return false
	}
	old, err := io.ReadAll(zr)
	return err == nil && bytes.Equal(old, src)
}
