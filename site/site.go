// Package site compiles a course (a folder of kata workbooks) into a static
// site: load front matter -> render pages in parallel -> check internal
// links -> write. The site checks answers in the browser with the engine
// compiled to WebAssembly, so it needs no server code and works from any
// static host or sub-path (every link and asset is relative).
//
// Pages stream to their destination as they are rendered; only small facts
// about each page (title, links, anchors) stay in memory, so a course of
// 10,000 pages builds in bounded memory.
package site

import (
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"sort"
	"sync"

	"github.com/katabook/katabook/engine"
	"github.com/katabook/katabook/internal/par"
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
	// Force lets Build replace an output that is not a site katabook
	// built (a folder of other files, a file).
	Force bool
}

// sink receives the site's files; safe for concurrent use.
type sink interface {
	write(name string, data []byte) error
}

// mapSink keeps the site in memory, for `katabook serve`.
type mapSink struct {
	mu    sync.Mutex
	files map[string][]byte
}

func (m *mapSink) write(name string, data []byte) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.files[name] = data
	return nil
}

// Files builds the whole site in memory: output path -> contents.
func Files(opts Options) (map[string][]byte, error) {
	m := &mapSink{files: map[string][]byte{}}
	if err := generate(opts, m); err != nil {
		return nil, err
	}
	return m.files, nil
}

// generate builds the site into s: assets once, then every page.
func generate(opts Options, s sink) error {
	assetsDone := later(buildAssets)
	pages, home, loadErrs, err := loadPages(opts.Content)
	if err != nil {
		return err
	}
	eng, declared, courseErrs := courseEngine(opts.Engine, opts.Content, pages)
	if len(courseErrs) > 0 {
		return append(loadErrs, courseErrs...)
	}
	opts.Engine = eng // the course's katas and numbers, in every form, page and check
	course, err := courseScript(declared)
	if err != nil {
		return err
	}
	a, err := assetsDone()
	if err != nil {
		return err
	}
	a.files["assets/course.js"] = course
	courseVersion := Hash(map[string][]byte{"course.js": course}) // its URL's version, and the offline copy's
	// The map gains nav.js and search.js below: the goroutine gets the
	// engine's bytes, never the map.
	wasm := a.files["assets/engine.wasm"]
	offlineDone := later(func() (offlineAssets, error) { return makeOfflineAssets(wasm) })
	for name, data := range a.files {
		if err := s.write(name, data); err != nil {
			return err
		}
	}
	tmpl, err := parseTemplates()
	if err != nil {
		return err
	}
	params, err := paramsJSON(opts.Engine)
	if err != nil {
		return err
	}
	courseTitle := "Reliability katas"
	if home != nil {
		courseTitle = home.Title
	}
	base := view{Ruleset: opts.Engine.Ruleset(), AssetVersion: a.version, Params: params, CSP: MetaContentSecurityPolicy,
		CourseVersion: courseVersion, Site: siteID(courseTitle)}
	idx := base
	idx.Title, idx.Pages = courseTitle, pages
	var homeState *pageState
	terms := &termTable{} // the search index's, filled as pages render
	if home != nil {
		body, st, err := renderHome(opts, home)
		if err != nil {
			return err
		}
		loadErrs = append(loadErrs, st.errs...)
		idx.Body, homeState = body, st
		if err := writeSearchText(s, terms, home, st); err != nil {
			return err
		}
	}
	// The index lists every page: on a large course, a large template run.
	indexDone := later(func() ([]byte, error) { return execute(tmpl.index, idx) })
	states, err := renderPages(opts, pages, func(p *Page, body []byte, st *pageState) error {
		v := base
		v.Title, v.Page, v.Body, v.TOC = p.Title, p, templateHTML(body), st.toc()
		data, err := execute(tmpl.kata, v)
		if err != nil {
			return err
		}
		if err := s.write(p.Slug+".html", data); err != nil {
			return err
		}
		return writeSearchText(s, terms, p, st)
	})
	index, ierr := indexDone()
	if ierr != nil {
		return ierr
	}
	if err := s.write("index.html", index); err != nil {
		return err
	}
	var renderErrs BuildErrors
	if errors.As(err, &renderErrs) {
		err = nil
	}
	if err != nil {
		return err
	}
	if all := append(loadErrs, renderErrs...); len(all) > 0 {
		sort.SliceStable(all, func(i, j int) bool {
			return all[i].File < all[j].File || all[i].File == all[j].File && all[i].Line < all[j].Line
		})
		return all // links are checked only once every page renders
	}
	linked, linkedStates := pages, states
	if home != nil { // its links are checked, its anchors linkable, its text found
		n := len(pages)
		linked, linkedStates = append(pages[:n:n], home), append(states[:n:n], homeState)
	}
	if errs := checkLinks(linked, linkedStates); len(errs) > 0 {
		return errs
	}
	nav, err := navScript(pages)
	if err != nil {
		return err
	}
	if err := s.write("assets/nav.js", nav); err != nil {
		return err
	}
	a.files["assets/nav.js"] = nav
	search, err := searchIndex(terms, linkedStates)
	if err != nil {
		return err
	}
	if err := s.write("assets/search.js", search); err != nil {
		return err
	}
	a.files["assets/search.js"] = search // cached for offline use too
	offline, err := offlineDone()
	if err != nil {
		return err
	}
	return writeOffline(s, offline, a, courseVersion, pages, home)
}

// writeSearchText writes a page's text script and keeps its part of the
// search index in st, dropping the text.
func writeSearchText(s sink, tt *termTable, p *Page, st *pageState) error {
	ps, script, err := searchPage(tt, p, st)
	if err != nil {
		return err
	}
	st.search, st.sections = ps, nil
	return s.write(textScript(p.Slug), script)
}

// renderHome renders index.md, the home page's introduction, before the
// index that shows it: one page, rendered while the others wait.
func renderHome(opts Options, home *Page) (template.HTML, *pageState, error) {
	body, st, err := newPageRenderer(opts.Engine).render(home)
	var be BuildErrors
	if errors.As(err, &be) {
		return "", &pageState{errs: be}, nil
	}
	if err != nil {
		return "", nil, err
	}
	return body, st, nil
}

// renderPages renders the pages in parallel, one worker per CPU, and hands
// each page's HTML to emit as soon as it is ready. It returns what each
// page taught about links and anchors and its search entries, in page
// order, and every workbook problem found, all together.
func renderPages(opts Options, pages []*Page, emit func(*Page, []byte, *pageState) error) ([]*pageState, error) {
	states := make([]*pageState, len(pages))
	errs := make([]error, len(pages))
	par.EachWorker(len(pages), func() func(int) {
		r := newPageRenderer(opts.Engine)
		return func(i int) {
			body, st, err := r.render(pages[i])
			if err == nil && len(st.errs) > 0 {
				err = st.errs
			}
			if err == nil {
				err = emit(pages[i], []byte(body), st)
			}
			states[i], errs[i] = st, err
		}
	})
	var all BuildErrors
	for _, err := range errs {
		switch e := err.(type) {
		case nil:
		case BuildErrors:
			all = append(all, e...)
		default:
			return nil, err
		}
	}
	if len(all) > 0 {
		return nil, all
	}
	return states, nil
}

// siteAssets are the files every page uses, and their version.
type siteAssets struct {
	files   map[string][]byte // output path -> contents
	version string
}

// buildAssets bundles the script and style and collects the static files
// and the engine: once per build, whatever the number of pages. The
// version is a hash of them all, appended to their URLs.
func buildAssets() (siteAssets, error) {
	files := map[string][]byte{}
	assets, err := fs.Sub(assetFS, "assets")
	if err != nil {
		return siteAssets{}, err
	}
	if files["assets/app.js"], err = bundle(assets, "app.ts"); err != nil {
		return siteAssets{}, err
	}
	// The engine's Worker (worker.ts): the page runs the engine in it, off
	// its main thread, wherever the browser allows a Worker.
	if files["assets/engine-worker.js"], err = bundle(assets, "worker.ts"); err != nil {
		return siteAssets{}, err
	}
	// A kata page's first script (boot.ts): it asks for the engine before
	// the page's other scripts have arrived.
	if files["assets/boot.js"], err = bundle(assets, "boot.ts"); err != nil {
		return siteAssets{}, err
	}
	if files["assets/app.css"], err = bundle(assets, "style.css"); err != nil {
		return siteAssets{}, err
	}
	statics, err := fs.Glob(assets, "*.svg")
	if err != nil {
		return siteAssets{}, err
	}
	for _, name := range statics {
		if files["assets/"+name], err = fs.ReadFile(assets, name); err != nil {
			return siteAssets{}, err
		}
	}
	for _, name := range []string{"engine.wasm", "wasm_exec.js"} {
		data, err := fs.ReadFile(wasmFS, "wasmbin/"+name)
		if err != nil {
			return siteAssets{}, fmt.Errorf("%s is not built into this katabook: run `make wasm`, then rebuild (%w)", name, err)
		}
		files["assets/"+name] = data
	}
	// Precompressed copies of the engine, when `make wasm` made them.
	for _, ext := range []string{".br", ".gz"} {
		if data, err := fs.ReadFile(wasmFS, "wasmbin/engine.wasm"+ext); err == nil {
			files["assets/engine.wasm"+ext] = data
		}
	}
	return siteAssets{files, Hash(files)}, nil
}

// siteID is the course's id in its pages' storage keys: from the course's
// title, which stays when workbooks come and go, so answers outlive
// rebuilds. (The page adds the course's folder on its host: two copies of
// one course at /a/ and /b/ are two courses.)
func siteID(title string) string {
	h := sha256.Sum256([]byte("katabook course\n" + title))
	return hex.EncodeToString(h[:6])
}
