package engine

import (
	"fmt"
	"strings"

	"go.yaml.in/yaml/v3"
)

// metaEntry is one top-level `key: value` of the front matter.
type metaEntry struct {
	key    string
	value  string
	scalar bool // false for a list or mapping, which no known key takes
	loc    Loc  // the value's place, 1-based within the front matter
}

// simpleMeta reads a front matter that is only `key: value` lines with
// plain values (or "" or nothing), as `katabook new` writes it, giving
// exactly what yaml.v3 gives for them. ok is false for anything else,
// which yamlMeta then reads. The front matter has five lines and yaml.v3
// has a high cost per document: this was 5% of a check.
func simpleMeta(text string) (entries []metaEntry, ok bool) {
	if !printable(text) {
		return nil, false
	}
	for i, line := range strings.Split(text, "\n") {
		if t := strings.TrimLeft(line, " "); t == "" || t[0] == '#' {
			continue // blank or comment
		}
		k := 0
		for k < len(line) && (line[k] == '_' || line[k] == '-' && k > 0 || 'a' <= line[k] && line[k] <= 'z' ||
			'A' <= line[k] && line[k] <= 'Z' || k > 0 && '0' <= line[k] && line[k] <= '9') {
			k++
		}
		if k == 0 || k == len(line) || line[k] != ':' {
			return nil, false
		}
		rest := line[k+1:]
		v := strings.TrimLeft(rest, " ")
		switch {
		case v == "": // no value: YAML's null, placed just after the colon
			entries = append(entries, metaEntry{key: line[:k], scalar: true, loc: Loc{i + 1, k + 2}})
		case len(rest) == len(v):
			return nil, false // "key:value" is one plain scalar in YAML
		case v == `""`:
			entries = append(entries, metaEntry{key: line[:k], scalar: true, loc: Loc{i + 1, len(line) - len(v) + 1}})
		case plainValue(v):
			entries = append(entries, metaEntry{key: line[:k], value: v, scalar: true, loc: Loc{i + 1, len(line) - len(v) + 1}})
		default:
			return nil, false
		}
	}
	return entries, len(entries) > 0
}

// plainValue reports whether v is a one-line plain scalar whose YAML value
// is v itself: it starts with no indicator, holds no ": " or " #" and no
// tab, and ends in no space or colon.
func plainValue(v string) bool {
	if strings.ContainsRune("-?:,[]{}#&*!|>'\"%@`", rune(v[0])) || strings.ContainsAny(v, "\t\r") ||
		strings.Contains(v, ": ") || strings.Contains(v, " #") {
		return false
	}
	last := v[len(v)-1]
	return last != ' ' && last != ':'
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

// yamlMeta reads any front matter with yaml.v3.
func yamlMeta(text string, first int) ([]metaEntry, []Finding) {
	var doc yaml.Node
	if err := yaml.Unmarshal([]byte(text), &doc); err != nil {
		line, msg := yamlErrorLine(err)
		return nil, []Finding{{Rule: "submission/front-matter", Severity: Error, Line: first + line - 1, Col: 1,
			Message: "front matter is not valid YAML: " + msg}}
	}
	if len(doc.Content) == 0 {
		return nil, []Finding{{Rule: "submission/front-matter", Severity: Error, Line: first - 1, Col: 1,
			Message: "front matter is empty: it needs at least `kata: <id>`"}}
	}
	root := doc.Content[0]
	if root.Kind != yaml.MappingNode {
		return nil, []Finding{{Rule: "submission/front-matter", Severity: Error, Line: first + root.Line - 1, Col: root.Column,
			Message: "front matter must be a mapping of `key: value` lines"}}
	}
	var entries []metaEntry
	for i := 0; i+1 < len(root.Content); i += 2 {
		k, v := root.Content[i], root.Content[i+1]
		entries = append(entries, metaEntry{key: k.Value, value: v.Value, scalar: v.Kind == yaml.ScalarNode, loc: Loc{v.Line, v.Column}})
	}
	return entries, nil
}

// parseMeta reads the front matter; first is the 1-based line of its first line.
func (sub *Submission) parseMeta(text string, first int) []Finding {
	entries, ok := simpleMeta(text)
	if !ok {
		var bad []Finding
		if entries, bad = yamlMeta(text, first); bad != nil {
			return bad
		}
	}
	var out []Finding
	fields := map[string]*string{"kata": &sub.Meta.Kata, "title": &sub.Meta.Title, "author": &sub.Meta.Author,
		"date": &sub.Meta.Date, "subject": &sub.Meta.Subject}
	for _, e := range entries {
		dst, known := fields[e.key]
		if !known {
			continue // other keys belong to the author
		}
		loc := Loc{first + e.loc.Line - 1, e.loc.Col}
		sub.metaLocs[e.key] = loc
		if !e.scalar {
			out = append(out, Finding{Rule: "submission/front-matter", Severity: Error, Line: loc.Line, Col: loc.Col,
				Message: fmt.Sprintf("front matter `%s` must be a single value", e.key)})
			continue
		}
		*dst = e.value
	}
	if sub.Meta.Kata == "" {
		out = append(out, Finding{Rule: "submission/front-matter", Severity: Error, Line: first - 1, Col: 1,
			Message: "front matter has no `kata:`; name one of slo, limiter, queue, incident"})
	}
	if sub.Meta.Kata != "" && sub.Meta.Subject == "" {
		l := Loc{first - 1, 1}
		if sl, ok := sub.metaLocs["subject"]; ok {
			l = sl
		}
		out = append(out, Finding{Rule: "submission/subject", Severity: Warning, Line: l.Line, Col: l.Col,
			Message: "front matter has no `subject:`: name the API, limiter model, queue or scenario this run is about"})
	}
	return out
}
