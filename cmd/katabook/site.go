package main

import (
	"errors"
	"fmt"
	"io/fs"
	"net/http"
	"os"
	"path"
	"path/filepath"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/katabook/katabook/content"
	"github.com/katabook/katabook/internal/regular"
	"github.com/katabook/katabook/site"
)

// contentFS is the course to build: --content DIR, or the embedded default.
func contentFS(dir string) (fs.FS, error) {
	if dir == "" {
		return content.FS, nil
	}
	st, err := os.Stat(dir)
	if err != nil {
		return nil, usageErr("content folder: %v", err)
	}
	if !st.IsDir() {
		return nil, usageErr("content folder: %s is not a folder", dir)
	}
	// Workbooks open as regular files only, and never through a link out
	// of the folder: a named pipe would hang the build, a link to
	// /dev/zero exhaust its memory.
	cfs, err := regular.FS(dir)
	if err != nil {
		return nil, usageErr("content folder: %v", err)
	}
	return cfs, nil
}

func buildFailed(err error) error {
	var be site.BuildErrors
	if errors.As(err, &be) {
		return &exitError{code: exitFindings, msg: "build failed:\n" + be.Error()}
	}
	var oe *site.OutError
	if errors.As(err, &oe) {
		return usageErr("%v", oe)
	}
	return &exitError{code: exitUsage, msg: "build failed: " + err.Error()}
}

func newBuildCmd(e *env) *cobra.Command {
	var dir, out string
	var force bool
	cmd := &cobra.Command{
		Use:   "build",
		Short: "Build the course site into a folder",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			cfs, err := contentFS(dir)
			if err != nil {
				return err
			}
			if dir != "" && within(dir, out) {
				return usageErr("--out %s holds the content folder %s: the build would delete the course. Build somewhere else", out, dir)
			}
			start := time.Now()
			st, err := site.Build(site.Options{Content: cfs, Engine: e.engine, Force: force}, out)
			if err != nil {
				return buildFailed(err)
			}
			fmt.Fprintf(e.stdout, "built %s in %s: %d files", out, time.Since(start).Round(time.Millisecond), st.Files)
			if st.Replaced {
				fmt.Fprintf(e.stdout, ", %d unchanged since the last build", st.Unchanged)
			}
			fmt.Fprintln(e.stdout)
			return nil
		},
	}
	cmd.Flags().StringVar(&dir, "content", "", "folder of workbooks (default: the built-in course)")
	cmd.Flags().StringVarP(&out, "out", "o", "public", "folder to write the site to")
	cmd.Flags().BoolVar(&force, "force", false, "replace --out even if it is not a site katabook built")
	return cmd
}

// siteHandler serves an in-memory site with the security headers, and a
// precompressed copy (name.br, name.gz) when the site has one and the
// browser accepts it.
func siteHandler(files map[string][]byte) http.Handler {
	types := map[string]string{".html": "text/html; charset=utf-8", ".js": "text/javascript; charset=utf-8",
		".css": "text/css; charset=utf-8", ".wasm": "application/wasm", ".json": "application/json", ".svg": "image/svg+xml"}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		name := path.Clean(r.URL.Path)[1:]
		if name == "" {
			name = "index.html"
		}
		data, ok := files[name]
		if !ok {
			http.NotFound(w, r)
			return
		}
		if t, ok := types[path.Ext(name)]; ok {
			w.Header().Set("Content-Type", t)
		}
		for k, v := range site.SecurityHeaders() {
			w.Header().Set(k, v)
		}
		w.Header().Set("Cache-Control", "no-cache")
		accept := r.Header.Get("Accept-Encoding")
		for _, enc := range []struct{ ext, name string }{{".br", "br"}, {".gz", "gzip"}} {
			if packed, ok := files[name+enc.ext]; ok {
				w.Header().Set("Vary", "Accept-Encoding")
				if strings.Contains(accept, enc.name) {
					w.Header().Set("Content-Encoding", enc.name)
					data = packed
					break
				}
			}
		}
		_, _ = w.Write(data)
	})
}

func newInitCmd(e *env) *cobra.Command {
	var force bool
	cmd := &cobra.Command{
		Use:   "init DIR",
		Short: "Write the built-in course to DIR, to edit and build with --content DIR",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			dir := args[0]
			// The workbooks and the files of the katas the course declares
			// (the queue kata: a kata to learn from when writing one's own).
			var names []string
			for _, pattern := range []string{"*.md", "*.rules.yaml", "*.schema.json"} {
				m, err := fs.Glob(content.FS, pattern)
				if err != nil {
					return err
				}
				names = append(names, m...)
			}
			if err := os.MkdirAll(dir, 0o755); err != nil {
				return usageErr("init: %v", err)
			}
			for _, n := range names {
				dst := filepath.Join(dir, n)
				if _, err := os.Stat(dst); err == nil && !force {
					return usageErr("init: %s exists; use --force to overwrite", dst)
				}
				data, _ := fs.ReadFile(content.FS, n)
				if err := os.WriteFile(dst, data, 0o644); err != nil {
					return usageErr("init: %v", err)
				}
				fmt.Fprintln(e.stdout, "wrote", dst)
			}
			fmt.Fprintf(e.stdout, "edit the workbooks, then: katabook serve --content %s\n", dir)
			return nil
		},
	}
	cmd.Flags().BoolVar(&force, "force", false, "overwrite existing files")
	return cmd
}
