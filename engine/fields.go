package engine

import (
	"fmt"
	"strconv"

	"go.yaml.in/yaml/v3"
)

// Field is one node of a kata's answer schema, with object properties in
// the order the schema declares them (a Go map would lose that order, and
// forms and exported answers must follow it).
type Field struct {
	Name        string   `json:"name"`
	Pointer     string   `json:"pointer"` // JSON pointer; array items use "/*"
	Title       string   `json:"title,omitempty"`
	Description string   `json:"description,omitempty"`
	Type        string   `json:"type"`
	Unit        string   `json:"unit,omitempty"` // from the x-unit keyword
	Enum        []string `json:"enum,omitempty"`
	Minimum     *float64 `json:"minimum,omitempty"`
	Maximum     *float64 `json:"maximum,omitempty"`
	// ExclusiveMinimum and ExclusiveMaximum are bounds the value must not reach.
	ExclusiveMinimum *float64 `json:"exclusiveMinimum,omitempty"`
	ExclusiveMaximum *float64 `json:"exclusiveMaximum,omitempty"`
	Required         bool     `json:"required,omitempty"`
	MaxLength        int      `json:"maxLength,omitempty"`
	Rows             int      `json:"rows,omitempty"`   // x-rows: rows a form shows for a list
	Layout           string   `json:"layout,omitempty"` // x-layout of a list of objects: "cards" for a fieldset per item
	// ShowWhen: the field matters only while one of these holds (read from
	// the schema's if/then), so a form shows it only then.
	ShowWhen []Condition `json:"showWhen,omitempty"`
	Fields   []*Field    `json:"fields,omitempty"`
	Items    *Field      `json:"items,omitempty"`
}

// Label is the field's title, or its name when it has none.
func (f *Field) Label() string {
	if f.Title != "" {
		return f.Title
	}
	return f.Name
}

// Find returns the field describing the value at a JSON pointer; list
// indexes match the items field.
func (f *Field) Find(ptr string) *Field {
	cur := f
	for _, part := range splitPointer(ptr) {
		switch {
		case cur.Items != nil:
			cur = cur.Items
		default:
			var next *Field
			for _, c := range cur.Fields {
				if c.Name == part {
					next = c
				}
			}
			if next == nil {
				return nil
			}
			cur = next
		}
	}
	return cur
}

func parseFields(src []byte) (*Field, error) {
	doc, err := jsonNode(src)
	if err != nil {
		return nil, err
	}
	return fieldFrom(doc, "", "", 0)
}

func fieldFrom(n *yaml.Node, name, ptr string, depth int) (*Field, error) {
	if n.Kind != yaml.MappingNode || depth > MaxDepth {
		return nil, fmt.Errorf("%s: a schema must be an object", ptr)
	}
	f := &Field{Name: name, Pointer: ptr}
	var props, required, allOf *yaml.Node
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i].Value, n.Content[i+1]
		switch k {
		case "title":
			f.Title = v.Value
		case "description":
			f.Description = v.Value
		case "type":
			f.Type = v.Value
		case "x-unit":
			f.Unit = v.Value
		case "maxLength":
			f.MaxLength, _ = strconv.Atoi(v.Value)
		case "x-rows":
			f.Rows, _ = strconv.Atoi(v.Value)
		case "x-layout":
			f.Layout = v.Value
		case "enum":
			for _, e := range v.Content {
				f.Enum = append(f.Enum, e.Value)
			}
		case "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum":
			x, err := strconv.ParseFloat(v.Value, 64)
			if err != nil {
				return nil, fmt.Errorf("%s: %s is not a number", ptr, k)
			}
			*map[string]**float64{"minimum": &f.Minimum, "maximum": &f.Maximum,
				"exclusiveMinimum": &f.ExclusiveMinimum, "exclusiveMaximum": &f.ExclusiveMaximum}[k] = &x
		case "properties":
			props = v
		case "required":
			required = v
		case "allOf":
			allOf = v
		case "items":
			items, err := fieldFrom(v, "", ptr+"/*", depth+1)
			if err != nil {
				return nil, err
			}
			f.Items = items
		}
	}
	if props != nil {
		for i := 0; i+1 < len(props.Content); i += 2 {
			name := props.Content[i].Value
			c, err := fieldFrom(props.Content[i+1], name, ptr+"/"+escapePointer(name), depth+1)
			if err != nil {
				return nil, err
			}
			f.Fields = append(f.Fields, c)
		}
	}
	if required != nil {
		for _, r := range required.Content {
			for _, c := range f.Fields {
				if c.Name == r.Value {
					c.Required = true
				}
			}
		}
	}
	if allOf != nil {
		for _, sub := range allOf.Content {
			conditions(f, sub)
		}
	}
	return f, nil
}

// Condition is a sibling's answer a field depends on: the sibling Field
// has one of Values, or any value when Values is empty.
type Condition struct {
	Field  string   `json:"field"`
	Values []string `json:"values,omitempty"`
}

// conditions reads one if/then of an object's allOf: when the if names one
// property by const or enum (or only requires it), each property the then
// requires or lists depends on that choice. Other shapes say nothing about
// what to show, and are left to the validator alone.
func conditions(f *Field, sub *yaml.Node) {
	ifn, then := mapValue(sub, "if"), mapValue(sub, "then")
	if ifn == nil || then == nil {
		return
	}
	var c Condition
	if ps := mapValue(ifn, "properties"); ps != nil {
		if len(ps.Content) != 2 {
			return
		}
		c.Field = ps.Content[0].Value
		p := ps.Content[1]
		if k := mapValue(p, "const"); k != nil {
			c.Values = []string{k.Value}
		} else if e := mapValue(p, "enum"); e != nil {
			for _, v := range e.Content {
				c.Values = append(c.Values, v.Value)
			}
		} else {
			return
		}
	} else if r := mapValue(ifn, "required"); r != nil && len(r.Content) == 1 {
		c.Field = r.Content[0].Value
	} else {
		return
	}
	var names []string
	if r := mapValue(then, "required"); r != nil {
		for _, n := range r.Content {
			names = append(names, n.Value)
		}
	}
	if ps := mapValue(then, "properties"); ps != nil {
		for i := 0; i+1 < len(ps.Content); i += 2 {
			names = append(names, ps.Content[i].Value)
		}
	}
	for _, n := range names {
		for _, ch := range f.Fields {
			if ch.Name == n && n != c.Field && !hasCondition(ch, c) {
				ch.ShowWhen = append(ch.ShowWhen, c)
			}
		}
	}
}

// Shown says whether f matters in obj, the object holding it: it has no
// condition, one holds, or none of the choices it depends on is made yet
// (a template offers every branch).
func (f *Field) Shown(obj map[string]any) bool {
	chosen := false
	for _, c := range f.ShowWhen {
		v, ok := obj[c.Field]
		if !ok || v == nil || v == "" {
			continue
		}
		chosen = true
		if len(c.Values) == 0 {
			return true
		}
		for _, w := range c.Values {
			if fmt.Sprint(v) == w {
				return true
			}
		}
	}
	return !chosen
}

func hasCondition(f *Field, c Condition) bool {
	for _, h := range f.ShowWhen {
		if h.Field == c.Field && fmt.Sprint(h.Values) == fmt.Sprint(c.Values) {
			return true
		}
	}
	return false
}

// mapValue is the value of key in a YAML mapping, or nil.
func mapValue(n *yaml.Node, key string) *yaml.Node {
	if n == nil || n.Kind != yaml.MappingNode {
		return nil
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value == key {
			return n.Content[i+1]
		}
	}
	return nil
}

func splitPointer(ptr string) []string {
	if ptr == "" {
		return nil
	}
	var parts []string
	start := 1
	for i := 1; i <= len(ptr); i++ {
		if i == len(ptr) || ptr[i] == '/' {
			p := ptr[start:i]
			p = unescapePointer(p)
			parts = append(parts, p)
			start = i + 1
		}
	}
	return parts
}

func unescapePointer(p string) string {
	out := make([]byte, 0, len(p))
	for i := 0; i < len(p); i++ {
		if p[i] == '~' && i+1 < len(p) {
			switch p[i+1] {
			case '0':
				out = append(out, '~')
				i++
				continue
			case '1':
				out = append(out, '/')
				i++
				continue
			}
		}
		out = append(out, p[i])
	}
	return string(out)
}

// SchemaFields reads the field tree of a JSON Schema, as the engine reads
// a kata's: for a kata declared in files, whose rules name fields.
func SchemaFields(src []byte) (*Field, error) { return parseFields(src) }
