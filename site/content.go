package site

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strings"

	"github.com/katabook/katabook/internal/par"
	"github.com/katabook/katabook/internal/plain"
	"github.com/katabook/katabook/internal/points"
	"github.com/katabook/katabook/internal/regular"
	"go.yaml.in/yaml/v3"
)

// Page is one workbook of the course. Loading reads each workbook once and
// keeps its Markdown (a few KB) until the page is rendered and written; the
// rendered page, several times larger, is never kept.
type Page struct {
	File      string // the workbook's name in the content folder
	Slug      string // output name without .html: the workbook's file name
	Kata      string
	Title     string
	Goal      string
	Order     int
	TimeLimit int // minutes
	RawHTML   bool
	// Completion is the kata's completion rule: Count passing runs with
	// distinct values of Distinct ("subject" or a JSON pointer).
	Completion Completion
	Points     *points.Scheme // the course's points for the kata; nil: pass or fail
	Prev       *Page          // neighbours in course order, for the page's navigation
	Next       *Page
	// Params are the values the workbook sets for its kata's parameters,
	// and the line of each, for a build error that points at it.
	Params     map[string]any
	paramLines map[string]int
	paramsAt   int // the line of `params:`
	// Schema is the kata whose form the workbook says it shows (schema:),
	// and keyAt the line of each front matter key, for build errors.
	Schema string
	keyAt  map[string]int

	bodyLine int    // 1-based line where the body starts
	body     []byte // the Markdown, read once; dropped once rendered
	version  string // hash of the workbook, for the offline cache's version
}

// Completion is when a kata counts as done, per the Completion Standard.
type Completion struct {
	Distinct string `yaml:"distinct"`
	Count    int    `yaml:"count"`
	Text     string `yaml:"text"`
}

// workbookMeta is a workbook's front matter.
type workbookMeta struct {
	Title     string `yaml:"title"`
	Kata      string `yaml:"kata"`
	Order     int    `yaml:"order"`
	TimeLimit int    `yaml:"time_limit"`
	Goal      string `yaml:"goal"`
	Schema    string `yaml:"schema"`
	// RawHTML lets a trusted workbook publish the HTML written in it. Off
	// by default: raw HTML is dropped, so a workbook from a stranger cannot
	// smuggle a script into the site.
	RawHTML    bool       `yaml:"raw_html"`
	Completion Completion `yaml:"completion"`
	// Points grades the kata (internal/points); nil: pass or fail.
	Points *points.Scheme `yaml:"points"`
	// Params sets the kata's parameters for this course (katabook params
	// KATA lists them); kept as a node for the line of each.
	Params yaml.Node `yaml:"params"`
}

// BuildError is a problem in a workbook, with its place.
type BuildError struct {
	File string
	Line int // 1-based
	Msg  string
}

func (e BuildError) Error() string {
	return fmt.Sprintf("%s:%d: %s", plain.Name(e.File), e.Line, e.Msg) // a name may hold a newline
}

// BuildErrors is every workbook problem of a build, reported together.
type BuildErrors []BuildError

func (es BuildErrors) Error() string {
	var b strings.Builder
	for i, e := range es {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(e.Error())
	}
	return b.String()
}

// HomeSlug is the slug of the course's home page. A workbook index.md is
// its text: its title the course's, its body the introduction above the
// kata cards; it is no kata page of its own.
const HomeSlug = "index"

// loadPages reads the front matter of every *.md at the top of content and
// returns the pages in course order, linked to their neighbours, the home
// page's workbook (index.md, nil without one), and the workbooks whose
// front matter is broken or whose pages would collide (the build goes on
// to find more).
func loadPages(content fs.FS) (pages []*Page, home *Page, errs BuildErrors, err error) {
	names, err := fs.Glob(content, "*.md")
	if err != nil {
		return nil, nil, nil, fmt.Errorf("load: %w", err)
	}
	// Reading and parsing front matter is a tenth of a large build; done
	// in parallel, it does not leave a core idle. Results keep name order.
	type loaded struct {
		page *Page
		perr *BuildError
		err  error
	}
	got := make([]loaded, len(names))
	par.Each(len(names), func(i int) {
		if got[i].perr = checkSlug(names[i]); got[i].perr == nil {
			got[i].page, got[i].perr, got[i].err = loadPage(content, names[i])
		}
	})
	// Slugs differ in a folder, but a host whose file names ignore case
	// (macOS, Windows) would make Queue.html and queue.html one file.
	bySlug := map[string]string{strings.ToLower(HomeSlug): ""} // "": the home page, until index.md
	for _, l := range got {
		switch {
		case l.err != nil:
			return nil, nil, nil, l.err
		case l.perr != nil:
			errs = append(errs, *l.perr)
			continue
		}
		key := strings.ToLower(l.page.Slug)
		if other, taken := bySlug[key]; taken && !(other == "" && l.page.Slug == HomeSlug) {
			what := "the course's home page index.html"
			if other != "" {
				what = fmt.Sprintf("the page of %s (%s.html)", plain.Name(other), strings.TrimSuffix(other, ".md"))
			}
			errs = append(errs, BuildError{File: l.page.File, Line: 1, Msg: fmt.Sprintf(
				"its page %s.html collides with %s, on hosts whose file names ignore case: rename one of them", l.page.Slug, what)})
			continue
		}
		bySlug[key] = l.page.File
		if l.page.Slug == HomeSlug {
			home = l.page
			continue
		}
		pages = append(pages, l.page)
	}
	if len(names) == 0 {
		return nil, nil, nil, BuildErrors{{File: ".", Line: 1, Msg: "no workbooks (*.md) in the content folder"}}
	}
	sort.SliceStable(pages, func(i, j int) bool {
		if pages[i].Order != pages[j].Order {
			return pages[i].Order < pages[j].Order
		}
		return pages[i].Slug < pages[j].Slug
	})
	for i, p := range pages {
		if i > 0 {
			p.Prev = pages[i-1]
		}
		if i+1 < len(pages) {
			p.Next = pages[i+1]
		}
	}
	return pages, home, errs, nil
}

// A page's slug, its workbook's name without .md, is its file name in the
// site and every link to it: in the index, the pager, the sidebar and the
// search results, which the browser builds from the slugs. A workbook
// named "javascript:alert(1).md" would make a link that runs a script, and
// one named "a/../x" or with a space or a quote a link that breaks; so a
// slug is a safe relative path of one segment: letters, digits, "-", "_"
// and ".", not starting with "." (a hidden file, which some hosts do not
// serve).
func checkSlug(name string) *BuildError {
	slug := strings.TrimSuffix(name, ".md")
	ok := slug != "" && slug[0] != '.'
	for _, c := range []byte(slug) {
		ok = ok && ('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '-' || c == '_' || c == '.')
	}
	if ok {
		return nil
	}
	return &BuildError{File: name, Line: 1, Msg: fmt.Sprintf("the workbook's name makes the page's address %s.html: "+
		"name it with letters, digits, -, _ and . only, not starting with .", plain.Name(slug))}
}

// MaxWorkbookBytes is the largest workbook a build reads: many times any
// real one, and a bound on what a workbook that is a link to a huge file
// can cost.
const MaxWorkbookBytes = 8 << 20

// loadPage reads one workbook: its page, or the problem in its front
// matter, or an error reading it. A workbook that is not a regular file
// (a named pipe would hang the build), or not inside the content folder,
// or larger than MaxWorkbookBytes is a problem of the build with its name.
func loadPage(content fs.FS, name string) (*Page, *BuildError, error) {
	src, err := readWorkbook(content, name)
	var refused *regular.Refusal
	if errors.As(err, &refused) {
		return nil, &BuildError{File: name, Line: 1, Msg: "the workbook " + refused.Why}, nil
	}
	if err != nil {
		return nil, nil, fmt.Errorf("load: %w", err)
	}
	p, body, perr := splitWorkbook(name, src)
	if perr != nil {
		return nil, perr, nil
	}
	p.body = body
	sum := sha256.Sum256(src)
	p.version = hex.EncodeToString(sum[:8])
	return p, nil, nil
}

func readWorkbook(content fs.FS, name string) ([]byte, error) {
	f, err := content.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if !st.Mode().IsRegular() { // what an fs.FS other than regular.FS may hand out
		return nil, &regular.Refusal{Why: "is " + regular.Kind(st.Mode()) + ", not a regular file"}
	}
	src, err := regular.ReadAll(f, MaxWorkbookBytes+1)
	if err == nil && len(src) > MaxWorkbookBytes {
		err = &regular.Refusal{Why: fmt.Sprintf("is larger than %d MiB", MaxWorkbookBytes>>20)}
	}
	return src, err
}

// splitWorkbook reads a workbook's front matter and returns its page and body.
func splitWorkbook(name string, src []byte) (*Page, []byte, *BuildError) {
	fail := func(line int, format string, args ...any) (*Page, []byte, *BuildError) {
		return nil, nil, &BuildError{File: name, Line: line, Msg: fmt.Sprintf(format, args...)}
	}
	src = bytes.ReplaceAll(src, []byte("\r\n"), []byte("\n"))
	if !bytes.HasPrefix(src, []byte("---\n")) {
		return fail(1, "a workbook starts with front matter (`---`, title, kata, order, time_limit, goal, `---`)")
	}
	end := bytes.Index(src[3:], []byte("\n---\n"))
	if end < 0 {
		return fail(1, "front matter is never closed by a `---` line")
	}
	fmText, body := src[4:3+end+1], src[3+end+5:]
	var meta workbookMeta
	dec := yaml.NewDecoder(bytes.NewReader(fmText))
	dec.KnownFields(true)
	if err := dec.Decode(&meta); err != nil {
		return fail(2, "front matter: %v", err)
	}
	if meta.Title == "" {
		return fail(2, "front matter needs a title")
	}
	params, lines, err := readParams(&meta.Params)
	if err != nil {
		return fail(1+meta.Params.Line, "front matter: params: %v", err)
	}
	if params != nil && meta.Kata == "" {
		return fail(1+meta.Params.Line, "front matter sets params but names no kata: params belong to the workbook's kata")
	}
	return &Page{Params: params, paramLines: lines, paramsAt: keyLine(fmText, "params"), Schema: meta.Schema,
		keyAt: map[string]int{"kata": keyLine(fmText, "kata"), "schema": keyLine(fmText, "schema")}, File: name, Slug: strings.TrimSuffix(path.Base(name), ".md"), Kata: meta.Kata, Title: meta.Title,
		Goal: meta.Goal, Order: meta.Order, TimeLimit: meta.TimeLimit, RawHTML: meta.RawHTML, Completion: meta.Completion, Points: meta.Points,
		bodyLine: 3 + bytes.Count(fmText, []byte("\n"))}, body, nil
}

// readParams reads a workbook's `params:` mapping: each name's value, as
// YAML gives it, and the name's line in the file (front matter starts on
// line 2). No params gives nil.
func readParams(n *yaml.Node) (map[string]any, map[string]int, error) {
	if n.Kind == 0 {
		return nil, nil, nil
	}
	if n.Kind != yaml.MappingNode {
		return nil, nil, fmt.Errorf("a mapping of parameter names to values, e.g. `params: {user_limit_rps: 500}`")
	}
	vals, lines := map[string]any{}, map[string]int{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		var val any
		if err := v.Decode(&val); err != nil {
			return nil, nil, fmt.Errorf("%s: %v", k.Value, err)
		}
		vals[k.Value], lines[k.Value] = val, 1+k.Line
	}
	return vals, lines, nil
}

// keyLine is the file line of a top-level key of the front matter (which
// starts on line 2), 2 when it is not found.
func keyLine(fm []byte, key string) int {
	for i, l := range strings.Split(string(fm), "\n") {
		if strings.HasPrefix(l, key+":") {
			return 2 + i
		}
	}
	return 2
}
