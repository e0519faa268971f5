package site

import (
	"bytes"
	"fmt"
	"html/template"
	"io/fs"
	"path"
	"sort"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/util"
	"go.yaml.in/yaml/v3"

	"github.com/katabook/katabook/engine"
)

// Page is one workbook of the course, compiled to HTML.
type Page struct {
	Slug      string // output name without .html: the workbook's file name
	Kata      string
	Title     string
	Goal      string
	Order     int
	TimeLimit int // minutes
	Body      template.HTML
}

// workbookMeta is a workbook's front matter.
type workbookMeta struct {
	Title     string `yaml:"title"`
	Kata      string `yaml:"kata"`
	Order     int    `yaml:"order"`
	TimeLimit int    `yaml:"time_limit"`
	Goal      string `yaml:"goal"`
	Schema    string `yaml:"schema"`
}

// BuildError is a problem in a workbook, with its place.
type BuildError struct {
	File string
	Line int // 1-based
	Msg  string
}

func (e BuildError) Error() string { return fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Msg) }

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

// loadPages compiles every *.md at the top of content, in course order.
func loadPages(content fs.FS, eng *engine.Engine) ([]*Page, error) {
	names, err := fs.Glob(content, "*.md")
	if err != nil {
		return nil, fmt.Errorf("load: %w", err)
	}
	var pages []*Page
	var errs BuildErrors
	for _, name := range names {
		src, err := fs.ReadFile(content, name)
		if err != nil {
			return nil, fmt.Errorf("load: %w", err)
		}
		p, perrs := compilePage(name, src, eng)
		errs = append(errs, perrs...)
		if p != nil {
			pages = append(pages, p)
		}
	}
	if len(errs) > 0 {
		return nil, errs
	}
	if len(pages) == 0 {
		return nil, BuildErrors{{File: ".", Line: 1, Msg: "no workbooks (*.md) in the content folder"}}
	}
	sort.SliceStable(pages, func(i, j int) bool {
		if pages[i].Order != pages[j].Order {
			return pages[i].Order < pages[j].Order
		}
		return pages[i].Slug < pages[j].Slug
	})
	return pages, nil
}

func compilePage(name string, src []byte, eng *engine.Engine) (*Page, BuildErrors) {
	fail := func(line int, format string, args ...any) BuildErrors {
		return BuildErrors{{File: name, Line: line, Msg: fmt.Sprintf(format, args...)}}
	}
	src = bytes.ReplaceAll(src, []byte("\r\n"), []byte("\n"))
	if !bytes.HasPrefix(src, []byte("---\n")) {
		return nil, fail(1, "a workbook starts with front matter (`---`, title, kata, order, time_limit, goal, `---`)")
	}
	end := bytes.Index(src[4:], []byte("\n---\n"))
	if end < 0 {
		return nil, fail(1, "front matter is never closed by a `---` line")
	}
	fmText, body := src[4:4+end+1], src[4+end+5:]
	bodyLine := 3 + bytes.Count(fmText, []byte("\n"))
	var meta workbookMeta
	dec := yaml.NewDecoder(bytes.NewReader(fmText))
	dec.KnownFields(true)
	if err := dec.Decode(&meta); err != nil {
		return nil, fail(2, "front matter: %v", err)
	}
	if meta.Title == "" {
		return nil, fail(2, "front matter needs a title")
	}
	var errs BuildErrors
	ext := &formExtension{render: func(w util.BufWriter, kata string, line int) {
		field, ok := eng.Fields(kata)
		if !ok {
			errs = append(errs, BuildError{File: name, Line: bodyLine + line - 1,
				Msg: fmt.Sprintf("form directive names unknown kata %q; known: %s", kata, strings.Join(eng.Katas(), ", "))})
			return
		}
		w.WriteString(formHTML(kata, field, eng.Exports(kata)))
	}}
	md := goldmark.New(
		goldmark.WithExtensions(extension.GFM, ext),
		goldmark.WithParserOptions(parser.WithAutoHeadingID()),
	)
	var out bytes.Buffer
	if err := md.Convert(body, &out); err != nil {
		return nil, fail(bodyLine, "markdown: %v", err)
	}
	if len(errs) > 0 {
		return nil, errs
	}
	slug := strings.TrimSuffix(path.Base(name), ".md")
	return &Page{Slug: slug, Kata: meta.Kata, Title: meta.Title, Goal: meta.Goal, Order: meta.Order,
		TimeLimit: meta.TimeLimit, Body: template.HTML(out.String())}, nil
}
