package site

import (
	"bytes"
	"encoding/json"
	"slices"
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// Search runs in the browser from an index that the build writes as a
// script (assets/search.js), so it works offline and from file:// alike:
// one entry per page section, its heading and the start of its text.

// searchEntry is one section of one page.
type searchEntry struct {
	Href  string `json:"h"` // page.html#heading-id
	Title string `json:"t"` // page title › heading
	Text  string `json:"x"` // the section's text, cut to sectionChars
}

// sectionChars bounds the text kept per section: enough to find and show
// it, small enough that a 10,000-page course's index stays a few MB.
const sectionChars = 400

type searchTransformer struct {
	state func() *pageState
}

// section is a heading and the text under it, as the transformer reads it.
type section struct {
	id, heading string
	text        strings.Builder
}

func (t searchTransformer) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	st := t.state()
	src := reader.Source()
	cur := &section{}
	st.sections = append(st.sections[:0], cur)
	for n := doc.FirstChild(); n != nil; n = n.NextSibling() {
		if h, ok := n.(*ast.Heading); ok {
			cur = &section{heading: plainText(h, src)}
			if id, ok := h.AttributeString("id"); ok {
				if b, ok := id.([]byte); ok {
					cur.id = string(b)
				}
			}
			st.sections = append(st.sections, cur)
			continue
		}
		if cur.text.Len() < sectionChars {
			cur.text.WriteString(plainText(n, src))
			cur.text.WriteByte(' ')
		}
	}
}

// plainText is the text of a node and its descendants, without markup.
func plainText(n ast.Node, src []byte) string {
	var b strings.Builder
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch c := c.(type) {
		case *ast.Text:
			b.Write(c.Segment.Value(src))
			if c.SoftLineBreak() || c.HardLineBreak() {
				b.WriteByte(' ')
			}
		case *ast.String:
			b.Write(c.Value)
		case *ast.CodeSpan:
			for t := c.FirstChild(); t != nil; t = t.NextSibling() {
				if tx, ok := t.(*ast.Text); ok {
					b.Write(tx.Segment.Value(src))
				}
			}
			return ast.WalkSkipChildren, nil
		case *FormBlock:
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	return b.String()
}

// searchEntries is one page's part of the index: its entries as JSON
// array elements, without the brackets (nil for none). Each render worker
// makes its pages' parts, so building the index is only joining them.
func searchEntries(p *Page, st *pageState) ([]byte, error) {
	var entries []searchEntry
	for _, s := range st.sections {
		x := strings.Join(strings.Fields(s.text.String()), " ")
		if len(x) > sectionChars {
			x = x[:strings.LastIndexByte(x[:sectionChars], ' ')+1] + "…"
		}
		e := searchEntry{Href: p.Slug + ".html", Title: p.Title, Text: x}
		if s.id != "" {
			e.Href += "#" + s.id
			e.Title += " › " + s.heading
		}
		if e.Text != "" || s.id != "" {
			entries = append(entries, e)
		}
	}
	if len(entries) == 0 {
		return nil, nil
	}
	data, err := json.Marshal(entries)
	if err != nil {
		return nil, err
	}
	return data[1 : len(data)-1], nil
}

// searchIndex writes assets/search.js from every page's entries.
func searchIndex(states []*pageState) []byte {
	var parts [][]byte
	for _, st := range states {
		if st.search != nil {
			parts = append(parts, st.search)
		}
	}
	return slices.Concat([]byte("globalThis.KATABOOK_SEARCH=["), bytes.Join(parts, []byte(",")), []byte("];\n"))
}

// navScript lists the pages for the sidebar, as a script: every page links
// every other through it without the list being written into each page
// (which would grow a course of n pages by n² links).
func navScript(pages []*Page) ([]byte, error) {
	type item struct {
		Slug  string `json:"s"`
		Title string `json:"t"`
	}
	items := make([]item, len(pages))
	for i, p := range pages {
		items[i] = item{p.Slug, p.Title}
	}
	data, err := json.Marshal(items)
	if err != nil {
		return nil, err
	}
	return append(append([]byte("globalThis.KATABOOK_NAV="), data...), ";\n"...), nil
}
