package site

import (
	"bytes"
	"fmt"
	"net/url"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// Internal links are checked like Docusaurus's onBrokenLinks: throw. A link
// to another workbook may name its Markdown file (queue.md#knee); it is
// rewritten to the page (queue.html#knee). After every page is rendered,
// each internal link must reach a page, and its #anchor a heading there.

// link is one internal link found in a workbook.
type link struct {
	line     int    // 1-based, in the workbook
	page     string // target slug; "" for the same page
	fragment string // "" when the link names no anchor
	dest     string // as written, for messages
}

// factsExtension gathers what a build needs to know of each page besides
// its HTML: internal links and anchors (links.go) and the sections that
// search indexes (search.go), into the renderer's current pageState.
type factsExtension struct {
	state func() *pageState
}

func (e *factsExtension) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(parser.WithASTTransformers(
		util.Prioritized(linkTransformer{e.state}, 200),
		util.Prioritized(searchTransformer{e.state}, 300),
	))
}

type linkTransformer struct {
	state func() *pageState
}

func (t linkTransformer) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	st := t.state()
	src := reader.Source()
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Heading:
			if id, ok := n.AttributeString("id"); ok {
				if b, ok := id.([]byte); ok {
					st.ids = append(st.ids, string(b))
				}
			}
		case *ast.Link:
			if l, ok := internalLink(string(n.Destination)); ok {
				l.line = st.bodyLine + lineOf(n, src) - 1
				st.links = append(st.links, l)
				n.Destination = []byte(rewriteMD(string(n.Destination)))
			}
		}
		return ast.WalkContinue, nil
	})
}

// internalLink parses a destination that stays inside the site.
func internalLink(dest string) (link, bool) {
	u, err := url.Parse(dest)
	if err != nil || u.Scheme != "" || u.Host != "" || strings.HasPrefix(dest, "//") {
		return link{}, false
	}
	l := link{fragment: u.Fragment, dest: dest}
	switch p := u.Path; {
	case p == "":
	case strings.HasSuffix(p, ".md"), strings.HasSuffix(p, ".html"):
		if strings.Contains(strings.TrimPrefix(p, "./"), "/") {
			return link{}, false // not a workbook: left to the author
		}
		l.page = strings.TrimSuffix(strings.TrimSuffix(strings.TrimPrefix(p, "./"), ".md"), ".html")
	default:
		return link{}, false
	}
	return l, true
}

func rewriteMD(dest string) string {
	path, frag, _ := strings.Cut(dest, "#")
	if !strings.HasSuffix(path, ".md") {
		return dest
	}
	out := strings.TrimSuffix(path, ".md") + ".html"
	if frag != "" {
		out += "#" + frag
	}
	return out
}

// lineOf is the 1-based line of an inline node: that of its first text.
func lineOf(n ast.Node, src []byte) int {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		if t, ok := c.(*ast.Text); ok {
			return 1 + bytes.Count(src[:t.Segment.Start], []byte("\n"))
		}
	}
	for p := n.Parent(); p != nil; p = p.Parent() {
		if p.Type() == ast.TypeBlock && p.Lines().Len() > 0 {
			return 1 + bytes.Count(src[:p.Lines().At(0).Start], []byte("\n"))
		}
	}
	return 1
}

// checkLinks reports every internal link whose page or anchor is missing.
func checkLinks(pages []*Page, states []*pageState) BuildErrors {
	ids := map[string]map[string]bool{}
	for i, p := range pages {
		ids[p.Slug] = map[string]bool{}
		for _, id := range states[i].ids {
			ids[p.Slug][id] = true
		}
	}
	if ids[HomeSlug] == nil { // the home page has anchors only with an index.md
		ids[HomeSlug] = map[string]bool{}
	}
	var errs BuildErrors
	for i, p := range pages {
		for _, l := range states[i].links {
			target := l.page
			if target == "" {
				target = p.Slug
			}
			anchors, ok := ids[target]
			switch {
			case !ok:
				errs = append(errs, BuildError{File: p.File, Line: l.line, Msg: fmt.Sprintf("broken link %q: no workbook %s.md", l.dest, target)})
			case l.fragment != "" && !anchors[l.fragment]:
				errs = append(errs, BuildError{File: p.File, Line: l.line, Msg: fmt.Sprintf("broken link %q: %s has no heading with id %q", l.dest, target, l.fragment)})
			}
		}
	}
	return errs
}
