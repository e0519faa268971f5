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
	k, ok := e.katas[meta.Kata]
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
		b.WriteString(p + "\n\n")
	}
	body := valueNode(k.fields, answer, false)
	b.WriteString("```yaml answer\n")
	if err := encode(&b, body); err != nil {
		return nil, fmt.Errorf("render: answer: %w", err)
	}
	b.WriteString("```\n")
	return b.Bytes(), nil
}

// Template is a starting submission for a kata: every field empty, lists
// with the rows the schema suggests, and comments that explain each field.
func (e *Engine) Template(id string) ([]byte, error) {
	k, ok := e.katas[id]
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
			if s := skeleton(c); s != nil {
				m[c.Name] = s
			}
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
		n := &yaml.Node{Kind: yaml.MappingNode}
		done := map[string]bool{}
		if f != nil {
			for _, c := range f.Fields {
				done[c.Name] = true
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
	}
	return strNode(fmt.Sprint(v))
}

func keyNode(name, comment string) *yaml.Node {
	return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: name, HeadComment: comment}
}

func strNode(s string) *yaml.Node {
	n := &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: s}
	if strings.Contains(s, "\n") {
		n.Style = yaml.LiteralStyle
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
func fieldComment(f *Field) string {
	s := f.Label()
	if !f.Required && f.Pointer != "" && (f.Type == "object" || f.Items != nil) {
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
	if f.Type == "object" && !f.Required && len(f.Fields) > 0 {
		// An empty section still reads as an answer with its fields missing.
		s += " (optional: delete the whole block if you skip it)"
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
