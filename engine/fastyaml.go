package engine

import (
	"strings"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
)

// parseYAML reads one YAML document: with fastYAML when it can, else
// with yaml.v3.
func parseYAML(text string) (*yaml.Node, error) {
	if doc, ok := fastYAML(text); ok {
		return doc, nil
	}
	var doc yaml.Node
	err := yaml.Unmarshal([]byte(text), &doc)
	return &doc, err
}

// fastYAML reads the YAML that answer blocks and front matter are nearly
// always made of: block mappings and sequences of one-line scalars (plain,
// or quoted without escapes), literal blocks (| and |-), one-line flow
// mappings of plain scalars, comments and blank lines. It builds the
// tree yaml.v3 builds for the same text (kinds, values, styles, tags as
// ShortTag reports them, lines and columns; comments are not kept) in a
// fraction of the time: yaml.v3 was over a third of a check. ok is false
// for anything else (other flow collections, folded scalars, multi-line scalars,
// anchors, tags, escapes, tabs, document markers, odd indentation), which
// the caller then gives to yaml.v3. TestFastYAMLLikeYAML and FuzzFastYAML
// hold it to yaml.v3.
func fastYAML(text string) (doc *yaml.Node, ok bool) {
	if !utf8.ValidString(text) || !printable(text) || strings.ContainsRune(text, '\t') {
		return nil, false
	}
	p := &fastParser{raw: strings.Split(text, "\n")}
	for i, line := range p.raw {
		body := strings.TrimLeft(line, " ")
		if body == "" || body[0] == '#' {
			continue // blank or comment
		}
		if strings.HasPrefix(body, "---") || strings.HasPrefix(body, "...") {
			return nil, false // maybe a document marker
		}
		p.lines = append(p.lines, fastLine{no: i + 1, text: body, full: line})
	}
	if len(p.lines) == 0 {
		return nil, false
	}
	root, ok := p.block(p.lines[0].indent())
	if !ok || p.i < len(p.lines) {
		return nil, false
	}
	return &yaml.Node{Kind: yaml.DocumentNode, Line: root.Line, Column: root.Column, Content: []*yaml.Node{root}}, true
}

// fastLine is a line with content; text is the suffix of full that starts
// after the indentation (or, for "- key: value", after the dash).
type fastLine struct {
	no         int
	text, full string
}

// indent is how far text starts into the line.
func (l fastLine) indent() int { return len(l.full) - len(l.text) }

// colOf is the column where suffix, a suffix of the line, starts.
func (l fastLine) colOf(suffix string) int { return col(l.full, len(l.full)-len(suffix)) }

type fastParser struct {
	raw   []string   // every line, for literal blocks
	lines []fastLine // the lines with content
	i     int        // the next of lines to read
}

// next returns the next line, ok false at the end.
func (p *fastParser) next() (fastLine, bool) {
	if p.i < len(p.lines) {
		return p.lines[p.i], true
	}
	return fastLine{}, false
}

// block reads the mapping or sequence whose entries start at indent.
func (p *fastParser) block(indent int) (*yaml.Node, bool) {
	l, _ := p.next()
	if isItem(l.text) {
		return p.sequence(indent)
	}
	return p.mapping(indent)
}

func isItem(text string) bool { return text == "-" || strings.HasPrefix(text, "- ") }

// col is the 1-based column, in characters as YAML counts them, of the
// byte at offset in line.
func col(line string, offset int) int { return utf8.RuneCountInString(line[:offset]) + 1 }

func (p *fastParser) mapping(indent int) (*yaml.Node, bool) {
	m := &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map"}
	for {
		l, more := p.next()
		if !more || l.indent() < indent || l.indent() == indent && isItem(l.text) {
			return m, len(m.Content) > 0
		}
		key, rest, ok := splitKey(l.text)
		if l.indent() > indent || !ok {
			return nil, false
		}
		p.i++
		k := &yaml.Node{Kind: yaml.ScalarNode, Value: key, Line: l.no, Column: l.colOf(l.text)}
		if len(m.Content) == 0 {
			m.Line, m.Column = k.Line, k.Column
		}
		v, ok := p.value(l, rest, indent)
		if !ok {
			return nil, false
		}
		m.Content = append(m.Content, k, v)
	}
}

// value reads what follows a key's colon (rest, a suffix of line l): a
// scalar on the same line, or a block on the lines below, or nothing.
func (p *fastParser) value(l fastLine, rest string, indent int) (*yaml.Node, bool) {
	if v := strings.TrimLeft(rest, " "); v == "|" || v == "|-" {
		return p.literal(l, v, indent)
	} else if v != "" && v[0] != '#' {
		return inline(l, v) // a second line of it, more indented, is the caller's to refuse
	}
	// Nothing here: a block below, more indented or a sequence at the
	// key's own indentation, or else null, placed just after the colon.
	if below, more := p.next(); more && (below.indent() > indent || below.indent() == indent && isItem(below.text)) {
		return p.block(below.indent())
	}
	return &yaml.Node{Kind: yaml.ScalarNode, Line: l.no, Column: l.colOf(rest)}, true
}

func (p *fastParser) sequence(indent int) (*yaml.Node, bool) {
	s := &yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq"}
	for {
		l, more := p.next()
		if !more || l.indent() < indent || l.indent() == indent && !isItem(l.text) {
			return s, len(s.Content) > 0 // the parent's next key may follow
		}
		if l.indent() > indent {
			return nil, false
		}
		if len(s.Content) == 0 {
			s.Line, s.Column = l.no, l.colOf(l.text)
		}
		rest := strings.TrimLeft(l.text[1:], " ")
		if rest == "" || rest[0] == '#' || isItem(rest) {
			return nil, false // an empty item, or a sequence in a sequence
		}
		if _, _, isKey := splitKey(rest); isKey {
			// "- key: value": a mapping whose keys line up after the dash.
			item := fastLine{no: l.no, text: rest, full: l.full}
			p.lines[p.i] = item
			m, ok := p.mapping(item.indent())
			if !ok {
				return nil, false
			}
			s.Content = append(s.Content, m)
			continue
		}
		p.i++
		n, ok := inline(l, rest)
		if !ok {
			return nil, false
		}
		s.Content = append(s.Content, n)
	}
}

// literal reads a literal block (| keeps one final newline, |- none)
// whose indicator v ends line l, under a key at indent.
func (p *fastParser) literal(l fastLine, v string, indent int) (*yaml.Node, bool) {
	n := &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Style: yaml.LiteralStyle, Line: l.no, Column: l.colOf(v)}
	first, more := p.next()
	if !more || first.no != l.no+1 || first.indent() <= indent {
		return nil, false // empty, or leading blank lines: yaml.v3 has rules of its own
	}
	var lines []string // the block's lines without the indentation
	kept := 0          // how many of them, up to the last with text
	for _, line := range p.raw[l.no:] {
		body := strings.TrimLeft(line, " ")
		if body != "" && len(line)-len(body) < first.indent() {
			break // the block is over
		}
		lines = append(lines, "")
		if len(line) > first.indent() { // text, or spaces past the indentation
			lines[len(lines)-1] = line[first.indent():]
			kept = len(lines)
		}
	}
	text := strings.Join(lines[:kept], "\n")
	last := l.no + kept // the 1-based line of the block's last text
	// | keeps the line break after the text, |- drops it, and there is none
	// when the text ends the document.
	if v == "|" && last < len(p.raw) {
		text += "\n"
	}
	for p.i < len(p.lines) && p.lines[p.i].no <= last {
		p.i++
	}
	n.Value = text
	return n, true
}

// flowMapping reads a one-line flow mapping of plain scalars, {k: v, ...},
// starting at v, a suffix of line l, with an optional comment after it.
func flowMapping(l fastLine, v string) (*yaml.Node, bool) {
	m := &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map", Style: yaml.FlowStyle, Line: l.no, Column: l.colOf(v)}
	rest := v[1:]
	for {
		rest = strings.TrimLeft(rest, " ")
		k, after, ok := strings.Cut(rest, ": ")
		if !ok || len(k) > maxKey || !flowPlain(k) {
			return nil, false
		}
		end := strings.IndexAny(after, ",}")
		if end < 0 {
			return nil, false
		}
		val := strings.TrimLeft(after[:end], " ")
		if val = strings.TrimRight(val, " "); !flowPlain(val) {
			return nil, false
		}
		m.Content = append(m.Content,
			&yaml.Node{Kind: yaml.ScalarNode, Value: k, Line: l.no, Column: l.colOf(rest)},
			&yaml.Node{Kind: yaml.ScalarNode, Value: val, Line: l.no, Column: l.colOf(strings.TrimLeft(after, " "))})
		rest = after[end+1:]
		if after[end] == '}' {
			break
		}
		if len(m.Content) >= 2*maxFlow {
			return nil, false
		}
	}
	if tail := strings.TrimLeft(rest, " "); tail != "" && (tail[0] != '#' || tail == rest) {
		return nil, false // text after the brace, or a comment with no space before it
	}
	return m, true
}

// maxFlow bounds the entries of a flow mapping fastYAML reads: each costs
// a count of the characters before it, so a hostile line of thousands
// would cost their square. Answers have a handful.
const maxFlow = 32

// flowPlain reports whether s is a plain scalar inside a flow collection
// made of the characters numbers and names are: libyaml has rules of its
// own for the others there.
func flowPlain(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i] | 0x20; !('a' <= c && c <= 'z' || '0' <= s[i] && s[i] <= '9' || strings.IndexByte("_.+-/ ", s[i]) >= 0) {
			return false
		}
	}
	return plain(s)
}

// maxKey is a safe bound on a key's length: YAML allows 1024 characters
// for a key without a "?" before it.
const maxKey = 1000

// splitKey splits "key: rest" or "key:" where key is a plain word or
// phrase; ok is false for a line that is not that.
func splitKey(text string) (key, rest string, ok bool) {
	i := strings.IndexByte(text, ':')
	if i <= 0 || i+1 < len(text) && text[i+1] != ' ' {
		return "", "", false
	}
	key = text[:i]
	if len(key) > maxKey || !plain(key) || strings.Contains(key, " #") {
		return "", "", false
	}
	return key, text[i+1:], true
}

// inline reads a value written on one line, a scalar or a flow mapping,
// starting at v, a suffix of line l, with an optional comment after it.
func inline(l fastLine, v string) (*yaml.Node, bool) {
	n := &yaml.Node{Kind: yaml.ScalarNode, Line: l.no, Column: l.colOf(v)}
	switch q := v[0]; q {
	case '{':
		return flowMapping(l, v)
	case '"', '\'':
		end := strings.IndexByte(v[1:], q) + 1
		if end == 0 || q == '"' && strings.Contains(v[:end], `\`) || q == '\'' && strings.HasPrefix(v[end+1:], "'") {
			return nil, false // unclosed, or an escape to interpret
		}
		if after := strings.TrimLeft(v[end+1:], " "); after != "" && (after[0] != '#' || after == v[end+1:]) {
			return nil, false // text after the quote, or a comment with no space before it
		}
		n.Value, n.Tag, n.Style = v[1:end], "!!str", yaml.DoubleQuotedStyle
		if q == '\'' {
			n.Style = yaml.SingleQuotedStyle
		}
		return n, true
	}
	if i := strings.Index(v, " #"); i >= 0 {
		v = v[:i]
	}
	v = strings.TrimRight(v, " ")
	if !plain(v) || strings.HasSuffix(v, ":") || strings.Contains(v, ": ") {
		return nil, false
	}
	n.Value = v
	return n, true
}

// plain reports whether s can be a plain scalar as it stands: it does not
// start with an indicator, except a minus sign before a digit or a point.
func plain(s string) bool {
	if s == "" || s[len(s)-1] == ' ' {
		return false
	}
	if s[0] == '-' {
		return len(s) > 1 && (s[1] == '.' || '0' <= s[1] && s[1] <= '9')
	}
	return !strings.ContainsRune("?:,[]{}#&*!|>'\"%@`", rune(s[0]))
}

// printable reports whether s holds only characters YAML takes as they are
// on a line: no control characters (which YAML rejects), no BOM, and none
// of the Unicode line breaks (which YAML splits lines at).
func printable(s string) bool {
	for _, r := range s {
		switch {
		case r == '\n' || ' ' <= r && r <= '~':
		case r < 0xA0, r == 0xFEFF, r == 0x2028, r == 0x2029, r == 0xFFFE, r == 0xFFFF:
			return false
		}
	}
	return true
}
