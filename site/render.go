package site

import (
	"bytes"
	"fmt"
	"html/template"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/util"

	"github.com/katabook/katabook/engine"
)

// view is what the templates see.
type view struct {
	Title, Ruleset, AssetVersion string
	Params                       string // the course's parameter values, JSON, for the page's engine
	CSP                          string // MetaContentSecurityPolicy
	CourseVersion                string // of assets/course.js, the course's declared katas
	// Site names the course, so that the page keeps its answers apart from
	// another course's on the same host (see assets/store.ts).
	Site  string
	Page  *Page
	Body  template.HTML
	Pages []*Page // the index lists them all
	TOC   []tocEntry
}

// tocEntry is one heading in a page's table of contents.
type tocEntry struct{ ID, Text string }

// toc lists the page's headings that have ids, in order.
func (st *pageState) toc() []tocEntry {
	var out []tocEntry
	for _, s := range st.sections {
		if s.id != "" && s.heading != "" {
			out = append(out, tocEntry{s.id, s.heading})
		}
	}
	return out
}

// templates holds the parsed page templates, parsed once per build.
type templates struct {
	index, kata *template.Template
}

func parseTemplates() (*templates, error) {
	parse := func(main string) (*template.Template, error) {
		return template.ParseFS(templateFS, "templates/layout.html", "templates/"+main)
	}
	idx, err := parse("index.html")
	if err != nil {
		return nil, err
	}
	kata, err := parse("kata.html")
	if err != nil {
		return nil, err
	}
	return &templates{index: idx, kata: kata}, nil
}

func execute(t *template.Template, v view) ([]byte, error) {
	var b bytes.Buffer
	if err := t.ExecuteTemplate(&b, "layout", v); err != nil {
		return nil, fmt.Errorf("render %s: %w", v.Title, err)
	}
	return b.Bytes(), nil
}

// pageRenderer turns workbooks into HTML. Each build worker has its own,
// since goldmark's extension state (the current page's problems, links and
// headings) belongs to one page at a time.
type pageRenderer struct {
	eng          *engine.Engine
	safe, unsafe goldmark.Markdown // without and with raw HTML
	cur          *pageState
	forms        map[string]string // a kata's form is the same on every page
}

// pageState is what rendering one page learns besides its HTML.
type pageState struct {
	file     string
	bodyLine int
	errs     BuildErrors
	links    []link      // internal links, checked once every page is rendered
	ids      []string    // heading ids, the anchors other pages may link to
	sections []*section  // headings and their text, for the search index
	search   *pageSearch // the page's part of the search index (searchPage)
}

func newPageRenderer(eng *engine.Engine) *pageRenderer {
	r := &pageRenderer{eng: eng, forms: map[string]string{}}
	form := &formExtension{render: r.renderForm}
	facts := &factsExtension{state: func() *pageState { return r.cur }}
	opts := func(unsafe bool) []goldmark.Option {
		o := []goldmark.Option{
			goldmark.WithExtensions(extension.GFM, form, facts),
			goldmark.WithParserOptions(parser.WithAutoHeadingID()),
		}
		if unsafe {
			o = append(o, goldmark.WithRendererOptions(html.WithUnsafe()))
		}
		return o
	}
	r.safe, r.unsafe = goldmark.New(opts(false)...), goldmark.New(opts(true)...)
	return r
}

func (r *pageRenderer) renderForm(w util.BufWriter, kata string, line int) {
	field, ok := r.eng.Fields(kata)
	if !ok {
		r.cur.errs = append(r.cur.errs, BuildError{File: r.cur.file, Line: r.cur.bodyLine + line - 1,
			Msg: fmt.Sprintf("form directive names unknown kata %q; known: %s", kata, strings.Join(r.eng.Katas(), ", "))})
		return
	}
	html, ok := r.forms[kata]
	if !ok {
		html = formHTML(kata, field, r.eng.Exports(kata))
		r.forms[kata] = html
	}
	w.WriteString(html)
}

// render compiles one workbook's body, and lets go of its Markdown.
func (r *pageRenderer) render(p *Page) (template.HTML, *pageState, error) {
	body := p.body
	p.body = nil
	r.cur = &pageState{file: p.File, bodyLine: p.bodyLine}
	body = r.expandParams(p, body)
	md := r.safe
	if p.RawHTML {
		md = r.unsafe
	}
	var out bytes.Buffer
	if err := md.Convert(body, &out); err != nil {
		return "", nil, BuildErrors{{File: p.File, Line: p.bodyLine, Msg: "markdown: " + err.Error()}}
	}
	return template.HTML(out.String()), r.cur, nil
}

// expandParams shows the course's parameter values where the workbook
// says {{param "name"}}, so that the numbers its text states are the ones
// its checks use, and computes {{calc "expr"}} from them. A name its
// kata lacks is a build error at its line.
func (r *pageRenderer) expandParams(p *Page, body []byte) []byte {
	refs := engine.ParamRefs(string(body))
	if len(refs) == 0 && !bytes.Contains(body, []byte("{{")) {
		return body
	}
	decl, vals, ok := r.eng.Params(p.Kata)
	body = expandCalc(body, vals, func(offset int, msg string) {
		r.cur.errs = append(r.cur.errs, BuildError{File: p.File, Line: p.bodyLine + bytes.Count(body[:offset], []byte("\n")), Msg: msg})
	})
	known := map[string]bool{}
	for _, d := range decl {
		known[d.Name] = true
	}
	for _, ref := range refs {
		if known[ref.Name] {
			continue
		}
		line := p.bodyLine + bytes.Count(body[:ref.Offset], []byte("\n"))
		msg := fmt.Sprintf("{{param %q}}: the workbook names no kata, so it has no parameters", ref.Name)
		if ok {
			msg = fmt.Sprintf("{{param %q}}: kata %s has no such parameter (katabook params %s lists them)", ref.Name, p.Kata, p.Kata)
		}
		r.cur.errs = append(r.cur.errs, BuildError{File: p.File, Line: line, Msg: msg})
	}
	return []byte(vals.Expand(string(body)))
}
