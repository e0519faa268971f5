package site

import (
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io/fs"
	"sort"
	"strings"
)

// Offline use, two ways. Over HTTP a service worker (sw.js) caches every
// page and asset after the first visit. Opened from disk (file://), where
// the browser refuses fetch, the engine loads from assets/engine.wasm.js,
// the same bytes as base64 in a script.

// offlineAssets are the parts of the offline files that depend on no page.
type offlineAssets struct {
	worker []byte // the bundled service worker, without its manifest
	wasmJS []byte // assets/engine.wasm.js
}

// makeOfflineAssets bundles the service worker and encodes the engine: a
// fixed cost of every build, made while the pages render.
func makeOfflineAssets(wasm []byte) (offlineAssets, error) {
	src, err := fs.Sub(assetFS, "assets")
	if err != nil {
		return offlineAssets{}, err
	}
	worker, err := bundle(src, "sw.ts")
	if err != nil {
		return offlineAssets{}, err
	}
	return offlineAssets{worker, wasmScript(wasm)}, nil
}

// writeOffline writes sw.js, whose manifest lists every page and asset
// (each page's search text among them), and assets/engine.wasm.js. The
// offline copy's version changes with any workbook, index.md (home, nil
// without one) among them, and with the course's declared katas
// (courseVersion, of assets/course.js).
func writeOffline(s sink, o offlineAssets, a siteAssets, courseVersion string, pages []*Page, home *Page) error {
	files := []string{"./", "index.html"}
	h := sha256.New()
	fmt.Fprintln(h, a.version, courseVersion)
	if home != nil {
		files = append(files, textScript(home.Slug))
		fmt.Fprintln(h, home.File, home.version)
	}
	for _, p := range pages {
		files = append(files, p.Slug+".html", textScript(p.Slug))
		fmt.Fprintln(h, p.File, p.version)
	}
	var names []string
	for name := range a.files {
		if !strings.HasSuffix(name, ".br") && !strings.HasSuffix(name, ".gz") { // the browser fetches the plain name
			names = append(names, name)
		}
	}
	sort.Strings(names)
	files = append(files, names...)
	manifest, err := json.Marshal(map[string]any{"version": hex.EncodeToString(h.Sum(nil))[:12], "files": files})
	if err != nil {
		return err
	}
	if err := s.write("sw.js", append([]byte("self.KATABOOK="+string(manifest)+";\n"), o.worker...)); err != nil {
		return err
	}
	return s.write("assets/engine.wasm.js", o.wasmJS)
}

// wasmScript is the engine as a script that sets KATABOOK_WASM to its
// base64. The engine is megabytes: encoding straight into the one output
// buffer saves two copies of it on every build.
func wasmScript(wasm []byte) []byte {
	const prefix, suffix = "globalThis.KATABOOK_WASM=\"", "\";\n"
	out := make([]byte, len(prefix)+base64.StdEncoding.EncodedLen(len(wasm))+len(suffix))
	copy(out, prefix)
	base64.StdEncoding.Encode(out[len(prefix):], wasm)
	copy(out[len(out)-len(suffix):], suffix)
	return out
}
