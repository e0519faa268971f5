// Package site compiles a course (a folder of kata workbooks) into a static
// site: load workbooks -> render Markdown and forms -> bundle the page
// script -> write. The site checks answers in the browser with the engine
// compiled to WebAssembly, so it needs no server code and works from any
// static host or sub-path (every link and asset is relative).
package site

import (
	"bytes"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"os"
	"path/filepath"
	"sort"

	"github.com/katabook/katabook/engine"
)

//go:embed templates/*.html
var templateFS embed.FS

//go:embed assets
var assetFS embed.FS

// wasmFS holds engine.wasm and the matching wasm_exec.js, put there by
// `make wasm`; README.txt keeps the folder present in a fresh clone.
//
//go:embed all:wasmbin
var wasmFS embed.FS

// Options says what to build.
type Options struct {
	Content fs.FS          // the workbooks, *.md at its top
	Engine  *engine.Engine // checks answers; its schemas make the forms
}

// Files builds the whole site in memory: output path -> contents.
func Files(opts Options) (map[string][]byte, error) {
	pages, err := loadPages(opts.Content, opts.Engine)
	if err != nil {
		return nil, err
	}
	files := map[string][]byte{}
	assets, err := fs.Sub(assetFS, "assets")
	if err != nil {
		return nil, err
	}
	if files["assets/app.js"], err = bundle(assets, "app.ts"); err != nil {
		return nil, err
	}
	if files["assets/app.css"], err = bundle(assets, "style.css"); err != nil {
		return nil, err
	}
	statics, err := fs.Glob(assets, "*.svg")
	if err != nil {
		return nil, err
	}
	for _, name := range statics {
		if files["assets/"+name], err = fs.ReadFile(assets, name); err != nil {
			return nil, err
		}
	}
	for _, name := range []string{"engine.wasm", "wasm_exec.js"} {
		data, err := fs.ReadFile(wasmFS, "wasmbin/"+name)
		if err != nil {
			return nil, fmt.Errorf("%s is not built into this katabook: run `make wasm`, then rebuild (%w)", name, err)
		}
		files["assets/"+name] = data
	}
	version := assetVersion(files)

	tmpl, err := template.ParseFS(templateFS, "templates/layout.html")
	if err != nil {
		return nil, err
	}
	type view struct {
		Title, Current, Ruleset, AssetVersion string
		Pages                                 []*Page
		Page                                  *Page
	}
	render := func(main string, v view) ([]byte, error) {
		t, err := template.Must(tmpl.Clone()).ParseFS(templateFS, "templates/"+main)
		if err != nil {
			return nil, err
		}
		var b bytes.Buffer
		if err := t.ExecuteTemplate(&b, "layout", v); err != nil {
			return nil, fmt.Errorf("render %s: %w", main, err)
		}
		return b.Bytes(), nil
	}
	base := view{Ruleset: opts.Engine.Ruleset(), AssetVersion: version, Pages: pages}
	idx := base
	idx.Title = "Reliability katas"
	if files["index.html"], err = render("index.html", idx); err != nil {
		return nil, err
	}
	for _, p := range pages {
		v := base
		v.Title, v.Current, v.Page = p.Title, p.Slug, p
		if files[p.Slug+".html"], err = render("kata.html", v); err != nil {
			return nil, err
		}
	}
	return files, nil
}

// assetVersion is a short hash of the assets, appended to their URLs so a
// browser never mixes a new page with an old script.
func assetVersion(files map[string][]byte) string {
	names := make([]string, 0, len(files))
	for n := range files {
		names = append(names, n)
	}
	sort.Strings(names)
	h := sha256.New()
	for _, n := range names {
		h.Write([]byte(n))
		h.Write(files[n])
	}
	return hex.EncodeToString(h.Sum(nil))[:10]
}

// Build writes the site to out. It builds into a fresh folder beside out
// and swaps it in only when everything succeeded, so a failed build leaves
// the previous site untouched.
func Build(opts Options, out string) error {
	files, err := Files(opts)
	if err != nil {
		return err
	}
	out = filepath.Clean(out)
	tmp, err := os.MkdirTemp(filepath.Dir(out), "."+filepath.Base(out)+".new-")
	if err != nil {
		return fmt.Errorf("write: %w", err)
	}
	defer os.RemoveAll(tmp)
	for name, data := range files {
		p := filepath.Join(tmp, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return fmt.Errorf("write: %w", err)
		}
		if err := os.WriteFile(p, data, 0o644); err != nil {
			return fmt.Errorf("write: %w", err)
		}
	}
	if err := os.Chmod(tmp, 0o755); err != nil {
		return fmt.Errorf("write: %w", err)
	}
	old := tmp + ".old"
	if err := os.Rename(out, old); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("write: %w", err)
	}
	if err := os.Rename(tmp, out); err != nil {
		_ = os.Rename(old, out)
		return fmt.Errorf("write: %w", err)
	}
	return os.RemoveAll(old)
}
