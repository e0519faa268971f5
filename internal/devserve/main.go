// Command devserve is `make serve`: it builds katabook, serves the course
// from content/ (which `katabook serve --content` watches itself), and when
// a schema, the engine, the site's sources or the CLI change, rebuilds and
// restarts the server. Open pages reconnect and, seeing a new build,
// reload. A failed build keeps the last server running.
package main

import (
	"flag"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"
)

// watched are the sources compiled into the katabook binary.
var watched = []string{"schemas", "engine", "site", "wasm", "cmd", "internal", "go.mod", "go.sum"}

func main() {
	port := flag.String("port", "8080", "port to serve on")
	flag.Parse()
	var server *exec.Cmd
	last := ""
	for {
		if now := fingerprint(); now != last {
			last = now
			if err := run("make", "-s", "build"); err != nil {
				fmt.Fprintln(os.Stderr, "devserve: build failed; serving the last good build until the next change")
			} else {
				if server != nil {
					_ = server.Process.Signal(os.Interrupt)
					_, _ = server.Process.Wait()
				}
				server = exec.Command(filepath.Join("bin", "katabook"), "serve", "--port", *port, "--content", "content")
				server.Stdout, server.Stderr = os.Stdout, os.Stderr
				if err := server.Start(); err != nil {
					fmt.Fprintln(os.Stderr, "devserve:", err)
					os.Exit(1)
				}
			}
		}
		time.Sleep(time.Second)
	}
}

func run(name string, args ...string) error {
	cmd := exec.Command(name, args...)
	cmd.Stdout, cmd.Stderr = os.Stdout, os.Stderr
	return cmd.Run()
}

// fingerprint names every watched source with its size and time; build
// outputs (the engine's WebAssembly) are left out, or every build would
// start the next.
func fingerprint() string {
	var b strings.Builder
	for _, root := range watched {
		_ = filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return nil
			}
			if d.IsDir() {
				if p == filepath.Join("site", "wasmbin") {
					return filepath.SkipDir
				}
				return nil
			}
			if info, err := d.Info(); err == nil {
				fmt.Fprintf(&b, "%s %d %d\n", p, info.Size(), info.ModTime().UnixNano())
			}
			return nil
		})
	}
	return b.String()
}
