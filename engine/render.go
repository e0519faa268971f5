package engine

import (
	"bytes"
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"
)

// Render writes a submission file: front matter, the prose, and the answer
// as a `yaml answer` block with keys in schema order and a comment naming
// each field. Every field of the schema is written, empty when unanswered,
// so the file shows what is left to do; Parse reads empty keys as absent,
// so Render then Parse gives back the same answer.
func (e *Engine) Render(meta Meta, answer any, prose string) ([]byte, error) {
	k, ok := e.kata(meta.Kata)
	if !ok {
		return nil, fmt.Errorf("render: unknown kata %q", meta.Kata)
	}
	var b bytes.Buffer
	fm := &yaml.Node{Kind: yaml.MappingNode}
	run := meta.runNodes()
	for _, key := range metaKeys {
		if n, ok := run[key]; ok {
			if n != nil { // the run's keys only when set
				fm.Content = append(fm.Content, keyNode(key, ""), n)
			}
			continue
		}
		v := map[string]string{"kata": meta.Kata, "title": meta.Title, "author": meta.Author,
			"date": meta.Date, "subject": meta.Subject}[key]
		fm.Content = append(fm.Content, keyNode(key, ""), strNode(v))
	}
	b.WriteString("---\n")
	if err := encode(&b, fm); err != nil {
		return nil, fmt.Errorf("render: front matter: %w", err)
	}
	b.WriteString("---\n\n")
	if p := strings.Trim(prose, "\n"); p != "" {
		b.WriteString(notesBlock(p) + "\n\n")
	}
	var body bytes.Buffer
	if err := encode(&body, valueNode(k.fields, answer, false)); err != nil {
		return nil, fmt.Errorf("render: answer: %w", err)
	}
	// A fence longer than any run of backticks in the answer: a text with
	// a line of ``` in it must not close the block.
	fence := strings.Repeat("`", max(3, longestRun(body.String(), '`')+1))
	b.WriteString(fence + "yaml answer\n")
	b.Write(body.Bytes())
	b.WriteString(fence + "\n")
	return b.Bytes(), nil
}

// notesInfo is the info string of the fence Render puts around notes that
// would otherwise open or close a block of the file (notesBlock).
const notesInfo = "katabook-notes"

// notesBlock writes the learner's notes so that nothing in them can open
// or close the answer block: notes whose fences are all closed and none of
// which is a `yaml answer` block go as they are; others (an unclosed ```
// would swallow the answer, a `yaml answer` example would become it) go
// inside a ~~~ fence longer than any run of ~ in them, which Parse takes
// off again (unwrapNotes), so the notes read back exactly.
func notesBlock(p string) string {
	lines := strings.Split(p, "\n")
	safe := unwrapNotes(p) == p
	for _, f := range scanFences(lines, 0) {
		safe = safe && f.closed && f.info != "yaml answer"
	}
	if safe {
		return p
	}
	fence := strings.Repeat("~", max(3, longestRun(p, '~')+1))
	return fence + " " + notesInfo + "\n" + p + "\n" + fence
}

// unwrapNotes takes off the fence notesBlock put around notes: prose that
// is exactly one ~~~ katabook-notes block, closed on its last line.
func unwrapNotes(p string) string {
	lines := strings.Split(p, "\n")
	indent, ch, n, info, ok := openFence(lines[0])
	if !ok || indent != 0 || ch != '~' || info != notesInfo || len(lines) < 2 {
		return p
	}
	for j := 1; j < len(lines); j++ {
		if closesFence(lines[j], ch, n) {
			if j != len(lines)-1 {
				return p
			}
			return strings.Join(lines[1:j], "\n")
		}
	}
	return p
}

// longestRun is the length of the longest run of c in s.
func longestRun(s string, c byte) int {
	best, run := 0, 0
	for i := 0; i < len(s); i++ {
		if s[i] == c {
			run++
			best = max(best, run)
		} else {
			run = 0
		}
	}
	return best
}

// Template is a starting submission for a kata: every field empty, lists
// with the rows the schema suggests, and comments that explain each field.
func (e *Engine) Template(id string) ([]byte, error) {
	k, ok := e.kata(id)
	if !ok {
		return nil, fmt.Errorf("unknown kata %q: the katas are %s", id, quoteList(e.order))
	}
	meta := Meta{Kata: id, Title: k.Title, Author: "", Date: "", Subject: ""}
	var b bytes.Buffer
	out, err := e.Render(meta, skeleton(k.fields), "Write your notes and justifications here, around the answer block.")
	if err != nil {
		return nil, err
	}
	b.Write(out)
	return b.Bytes(), nil
}

// skeleton is an empty answer with list rows, so Render writes their keys.
func skeleton(f *Field) any {
	switch {
	case f.Items != nil:
		rows := make([]any, max(f.Rows, 1))
		for i := range rows {
			rows[i] = skeleton(f.Items)
		}
		return rows
	case f.Type == "object":
		m := map[string]any{}
		for _, c := range f.Fields {
			// An optional section stays an empty key: written out, it would
			// read as answered and report every field in it as missing.
			if !c.Required && (c.Type == "object" || c.Items != nil) {
				continue
			}
			// A row's fields are there even when empty (nil), so Render
			// writes their keys for the learner to fill.
			m[c.Name] = skeleton(c)
		}
		return m
	}
	return nil
}

func encode(b *bytes.Buffer, n *yaml.Node) error {
	enc := yaml.NewEncoder(b)
	enc.SetIndent(2)
	if err := enc.Encode(n); err != nil {
		return err
	}
	return enc.Close()
}

// valueNode writes v in the shape of field f (nil f: no schema knowledge).
func valueNode(f *Field, v any, inList bool) *yaml.Node {
	switch x := v.(type) {
	case map[string]any:
		if inList && len(x) == 0 {
			// An empty row is one short line, not a key per column: a file
			// of 20,000 empty rows stays as small as it came.
			return &yaml.Node{Kind: yaml.MappingNode, Style: yaml.FlowStyle}
		}
		n := &yaml.Node{Kind: yaml.MappingNode}
		done := map[string]bool{}
		if f != nil {
			for _, c := range f.Fields {
				done[c.Name] = true
				if x[c.Name] == nil && !c.Shown(x) {
					continue // an empty key of a choice not taken says nothing to do
				}
				comment := ""
				if !inList {
					comment = fieldComment(c)
				}
				n.Content = append(n.Content, keyNode(c.Name, comment), valueNode(c, x[c.Name], false))
			}
		}
		var extra []string
		for name := range x {
			if !done[name] {
				extra = append(extra, name)
			}
		}
		sort.Strings(extra)
		for _, name := range extra {
			n.Content = append(n.Content, keyNode(name, ""), valueNode(nil, x[name], false))
		}
		return n
	case []any:
		n := &yaml.Node{Kind: yaml.SequenceNode}
		var item *Field
		if f != nil {
			item = f.Items
		}
		for _, e := range x {
			n.Content = append(n.Content, valueNode(item, e, true))
		}
		return n
	case string:
		return strNode(x)
	case bool:
		return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!bool", Value: strconv.FormatBool(x)}
	case float64:
		// Tag the number as YAML would resolve it, so no explicit !!float
		// tag appears in a file a person reads.
		v := formatNumber(x)
		tag := "!!float"
		if !strings.ContainsAny(v, ".eE") {
			tag = "!!int"
		}
		return &yaml.Node{Kind: yaml.ScalarNode, Tag: tag, Value: v}
	case nil:
		return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!null", Value: ""}
	case Literal:
		return &yaml.Node{Kind: yaml.ScalarNode, Value: string(x)}
	}
	return strNode(fmt.Sprint(v))
}

// Literal is a scalar Render writes exactly as it is, unquoted: a number as
// a file spelt it (see Answer.Literals).
type Literal string

// WithLiterals returns answer with each literal put at its JSON pointer,
// making the maps on the way; for Render.
func WithLiterals(answer any, literals map[string]string) any {
	for ptr, lit := range literals {
		answer = putAt(answer, strings.Split(ptr, "/")[1:], Literal(lit))
	}
	return answer
}

func putAt(v any, path []string, lit Literal) any {
	if len(path) == 0 {
		return lit
	}
	key := strings.ReplaceAll(strings.ReplaceAll(path[0], "~1", "/"), "~0", "~")
	switch x := v.(type) {
	case []any:
		if i, err := strconv.Atoi(key); err == nil && i >= 0 && i < len(x) {
			x[i] = putAt(x[i], path[1:], lit)
		}
		return x
	case map[string]any:
		x[key] = putAt(x[key], path[1:], lit)
		return x
	case nil:
		return map[string]any{key: putAt(nil, path[1:], lit)}
	}
	return v // a scalar where the file had a list or map: leave it
}

func keyNode(name, comment string) *yaml.Node {
	return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: name, HeadComment: comment}
}

func strNode(s string) *yaml.Node {
	n := &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: s}
	if strings.Contains(s, "\n") {
		n.Style = yaml.LiteralStyle
		// yaml.v3 writes some texts as a literal block it cannot read back
		// (a line that starts with a tab): those go double-quoted.
		var back string
		if out, err := yaml.Marshal(n); err != nil || yaml.Unmarshal(out, &back) != nil || back != s {
			n.Style = yaml.DoubleQuotedStyle
		}
	}
	return n
}

// formatNumber writes a float so that YAML reads back the same float64.
func formatNumber(f float64) string {
	if f == math.Trunc(f) && math.Abs(f) < 1e15 {
		return strconv.FormatFloat(f, 'f', -1, 64)
	}
	return strconv.FormatFloat(f, 'g', -1, 64)
}

// fieldComment is the comment above a key: title, unit, choices, columns.
// whenText says which choice a field belongs to, as the form shows it
// only then: a template offers every branch, and whoever fills it in keeps
// the chosen one's ("only when kind is freshness or correctness", "only
// when pages is given").
func whenText(cs []Condition) string {
	var order []string
	values := map[string][]string{}
	for _, c := range cs {
		if _, ok := values[c.Field]; !ok {
			order = append(order, c.Field)
			values[c.Field] = []string{}
		}
		values[c.Field] = append(values[c.Field], c.Values...)
	}
	var parts []string
	for _, name := range order {
		if vs := values[name]; len(vs) == 0 {
			parts = append(parts, name+" is given")
		} else {
			parts = append(parts, name+" is "+orList(vs))
		}
	}
	if len(parts) == 0 {
		return ""
	}
	return "only when " + orList(parts)
}

// orList joins "a, b or c".
func orList(xs []string) string {
	if len(xs) < 2 {
		return strings.Join(xs, "")
	}
	return strings.Join(xs[:len(xs)-1], ", ") + " or " + xs[len(xs)-1]
}

func fieldComment(f *Field) string {
	s := f.Label()
	section := f.Type == "object" && !f.Required && len(f.Fields) > 0
	if !f.Required && f.Pointer != "" && (f.Type == "object" || f.Items != nil) && !section {
		s += " (optional)"
	}
	if f.Unit != "" {
		s += " [" + f.Unit + "]"
	}
	if len(f.Enum) > 0 {
		s += ": one of " + strings.Join(f.Enum, ", ")
	}
	if f.Type == "boolean" {
		s += " (true or false)"
	}
	if w := whenText(f.ShowWhen); w != "" {
		s += " (" + w + ")"
	}
	if section {
		// The template leaves an optional section an empty key (written
		// out, it would read as answered with its fields missing), so the
		// comment names the keys that go in it.
		var keys []string
		for _, c := range f.Fields {
			keys = append(keys, c.Name)
		}
		s += " (optional: a block of " + strings.Join(keys, ", ") + "; leave it empty to skip it)"
	}
	if f.Items != nil && len(f.Items.Fields) > 0 {
		var cols []string
		for _, c := range f.Items.Fields {
			col := c.Name
			if c.Unit != "" {
				col += " [" + c.Unit + "]"
			}
			cols = append(cols, col)
		}
		s += ": a list, each with " + strings.Join(cols, ", ")
	}
	return s
}
