package site

import (
	"bytes"
	"encoding/json"
	"sort"
	"strings"
	"sync"
	"unicode"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// Search runs in the browser, offline and from file:// alike, from two
// kinds of script the build writes (a script, because file:// refuses
// fetch):
//
//   - assets/search.js, the index: every section (its page, heading and
//     length in words), the course's terms, and for each term the
//     sections it occurs in with how often: an inverted index, from which
//     search.ts ranks with BM25 and matches the word being typed as a
//     prefix. It holds no text, so it stays a fraction of the text's size
//     (TestSearchIndexSize measures it: 20% gzip for the default course).
//   - assets/text/<slug>.js, one page's sections' text, loaded only for
//     the pages in the results, to show where each matched.
//
// Words are runs of letters and digits, lower-cased (searchTerms); search.ts
// splits the query the same way.

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
		cur.text.WriteString(plainText(n, src))
		cur.text.WriteByte(' ')
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
		case *ast.FencedCodeBlock, *ast.CodeBlock: // a query or a config is words too
			lines := c.Lines()
			for i := 0; i < lines.Len(); i++ {
				seg := lines.At(i)
				b.Write(seg.Value(src))
				b.WriteByte(' ')
			}
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	return b.String()
}

// maxTermRunes bounds a term: a longer run of letters (a hash, a URL's
// path) is kept to its start, which a prefix search still finds.
const maxTermRunes = 24

// searchTerms calls f with each word of s, lower-cased: a run of letters
// and digits of at least two characters (one letter would find
// everything). search.ts's terms() is its twin: \p{L} and \p{N}.
func searchTerms(s string, f func(term string)) {
	start := -1
	flush := func(end int) {
		if start >= 0 {
			w := strings.ToLower(s[start:end]) // s itself when it is lower-case ASCII
			if n := utf8.RuneCountInString(w); n > maxTermRunes {
				w = string([]rune(w)[:maxTermRunes])
			} else if n < 2 {
				w = ""
			}
			if w != "" {
				f(w)
			}
		}
		start = -1
	}
	for i := 0; i < len(s); {
		c, size := rune(s[i]), 1
		word := 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
		if c >= utf8.RuneSelf {
			c, size = utf8.DecodeRuneInString(s[i:])
			word = unicode.IsLetter(c) || unicode.IsNumber(c)
		}
		if !word {
			flush(i)
		} else if start < 0 {
			start = i
		}
		i += size
	}
	flush(len(s))
}

// pageSearch is one page's part of the index, made by its render worker;
// its text has been written out already (searchPage), so a large course's
// text is never all in memory.
type pageSearch struct {
	slug, title string
	sections    []indexedSection
}

// indexedSection is a section as the index needs it.
type indexedSection struct {
	id, heading string // both "" for the page's start, before any heading
	words       int    // its length in words, heading included
	tf          []termCount
}

// termCount is how often a term (its number in the course's termTable)
// occurs in a section.
type termCount struct{ term, n int32 }

// termTable numbers the course's terms, shared by the render workers: a
// term is kept once however many sections have it, and a section holds
// numbers, so a course of 10,000 pages keeps its index in a few MB.
type termTable struct {
	mu    sync.Mutex
	ids   map[string]int32
	terms []string
}

// counts numbers a section's terms, under one lock for all of them.
func (tt *termTable) counts(local map[string]int32) []termCount {
	out := make([]termCount, 0, len(local))
	tt.mu.Lock()
	defer tt.mu.Unlock()
	if tt.ids == nil {
		tt.ids = map[string]int32{}
	}
	for t, n := range local {
		id, ok := tt.ids[t]
		if !ok {
			id = int32(len(tt.terms))
			t = strings.Clone(t) // not a window on the page's text, which goes
			tt.ids[t] = id
			tt.terms = append(tt.terms, t)
		}
		out = append(out, termCount{id, n})
	}
	return out
}

// searchPage reads a page's sections into its part of the index and its
// text script (assets/text/<slug>.js): the sections' text in index order.
// The page's start, before its first heading, is a section even when it
// has no text: it stands for the page, whose title is its heading.
func searchPage(tt *termTable, p *Page, st *pageState) (*pageSearch, []byte, error) {
	ps := &pageSearch{slug: p.Slug, title: p.Title}
	texts := []string{}
	local := map[string]int32{} // a section's terms, counted
	for i, s := range st.sections {
		x := collapseSpace(s.text.String())
		is := indexedSection{id: s.id, heading: s.heading}
		clear(local)
		count := func(t string) { local[t]++; is.words++ }
		if i == 0 {
			is.heading = ""
			searchTerms(p.Title, count)
		}
		searchTerms(is.heading, count)
		searchTerms(x, count)
		is.tf = tt.counts(local)
		ps.sections = append(ps.sections, is)
		texts = append(texts, x)
	}
	data, err := json.Marshal(texts)
	if err != nil {
		return nil, nil, err
	}
	script := "(globalThis.KATABOOK_TEXT=globalThis.KATABOOK_TEXT||{})[" + jsonString(p.Slug) + "]=" + string(data) + ";\n"
	return ps, []byte(script), nil
}

// collapseSpace is s with each run of white space one space, and none
// at either end (strings.Fields joined, without the slice).
func collapseSpace(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	word := -1 // where the current word starts
	for i := 0; i <= len(s); {
		space, size := i == len(s), 1
		if !space {
			if c := s[i]; c < utf8.RuneSelf {
				space = c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f'
			} else {
				var r rune
				r, size = utf8.DecodeRuneInString(s[i:])
				space = unicode.IsSpace(r)
			}
		}
		switch {
		case space && word >= 0:
			if b.Len() > 0 {
				b.WriteByte(' ')
			}
			b.WriteString(s[word:i])
			word = -1
		case !space && word < 0:
			word = i
		}
		i += size
	}
	return b.String()
}

// textScript is the name of a page's text script.
func textScript(slug string) string { return "assets/text/" + slug + ".js" }

// maxTF caps a term's count in a section: BM25 saturates soon after, and
// the small numbers keep the index small.
const maxTF = 4

// The digits of the postings (search.ts has the same): a number is written
// as continuation digits (base 28, least significant first) and a final
// digit (base 64), none of them a space, quote or backslash.
const (
	finalDigits = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_"
	moreDigits  = "!#$%&'()*+,./:;<=>?@[]^`{|}~"
)

func writeNumber(b *strings.Builder, v int) {
	for r := v / len(finalDigits); r > 0; r /= len(moreDigits) {
		b.WriteByte(moreDigits[r%len(moreDigits)])
	}
	b.WriteByte(finalDigits[v%len(finalDigits)])
}

// searchIndex writes assets/search.js from every page's part, in page order:
//
//	{"c": maxTF,
//	 "p": [[slug, title], ...],
//	 "s": [[page, heading, words, heading id if not guessedID(heading)], ...],
//	 "t": "0limit 5er 7s ...",
//	 "f": "postings postings ..."}
//
// "t" is the terms, sorted, each written as how many UTF-16 units it
// shares with the one before (a final digit) and the rest; "f" has one
// word per term, in the same order: for each section the term occurs in,
// (section − previous section − 1) × maxTF + min(tf, maxTF) − 1, the
// previous section of the first being −1. Sorted terms and small digits
// gzip well: see TestSearchIndexSize for the sizes.
func searchIndex(tt *termTable, states []*pageState) ([]byte, error) {
	pages := [][]any{}
	rows := [][]any{}
	postings := make([][]int32, len(tt.terms)) // term -> section × maxTF + tf − 1, by section
	for _, st := range states {
		ps := st.search
		if ps == nil {
			continue
		}
		for _, s := range ps.sections {
			id := int32(len(rows))
			row := []any{len(pages), s.heading, s.words}
			if s.id != guessedID(s.heading) {
				row = append(row, s.id)
			}
			rows = append(rows, row)
			for _, c := range s.tf {
				postings[c.term] = append(postings[c.term], id*maxTF+min(c.n, maxTF)-1)
			}
		}
		pages = append(pages, []any{ps.slug, ps.title})
	}
	order := make([]int32, len(tt.terms))
	for id := range order {
		order[id] = int32(id)
	}
	sort.Slice(order, func(i, j int) bool { return tt.terms[order[i]] < tt.terms[order[j]] })
	var t, f strings.Builder
	prev := ""
	for i, id := range order {
		if i > 0 {
			t.WriteByte(' ')
			f.WriteByte(' ')
		}
		term := tt.terms[id]
		shared, units := sharedPrefix(prev, term)
		t.WriteByte(finalDigits[units])
		t.WriteString(term[shared:])
		prev = term
		last := int32(-1)
		for _, v := range postings[id] {
			sec := v / maxTF
			writeNumber(&f, int((sec-last-1)*maxTF+v%maxTF))
			last = sec
		}
	}
	data, err := json.Marshal(map[string]any{"c": maxTF, "p": pages, "s": rows, "t": t.String(), "f": f.String()})
	if err != nil {
		return nil, err
	}
	var b bytes.Buffer
	b.WriteString("globalThis.KATABOOK_SEARCH=")
	b.Write(data)
	b.WriteString(";\n")
	return b.Bytes(), nil
}

// guessedID is the id goldmark gives a heading when no other heading
// of the page took it first ("" for a page's start): the index leaves out
// an id that is its heading's guessed one. search.ts has its twin.
func guessedID(heading string) string {
	if heading == "" {
		return ""
	}
	var b strings.Builder
	for _, c := range []byte(strings.Trim(heading, " \t\n\r\v\f")) {
		switch {
		case c >= 'a' && c <= 'z' || c >= '0' && c <= '9':
			b.WriteByte(c)
		case c >= 'A' && c <= 'Z':
			b.WriteByte(c + 'a' - 'A')
		case c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f' || c == '-' || c == '_':
			b.WriteByte('-')
		}
	}
	if b.Len() == 0 {
		return "heading"
	}
	return b.String()
}

// sharedPrefix is how long a prefix a and b share, in bytes and in the
// UTF-16 units JavaScript counts, whole characters only (a term is at most
// maxTermRunes long, which fits one final digit).
func sharedPrefix(a, b string) (bytes, units int) {
	for i, r := range b {
		q, _ := utf8.DecodeRuneInString(a[min(i, len(a)):])
		if i >= len(a) || q != r {
			return i, units
		}
		units += utf16.RuneLen(r)
	}
	return len(b), units
}

// jsonString is s as a JSON (and so JavaScript) string literal.
func jsonString(s string) string {
	data, _ := json.Marshal(s)
	return string(data)
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
