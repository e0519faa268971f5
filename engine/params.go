package engine

import (
	"errors"
	"fmt"
	"math"
	"regexp"
	"sort"
	"strings"
)

// ParamType is the kind of value a kata parameter takes.
type ParamType string

// The kinds of parameter values.
const (
	Number  ParamType = "number"  // any finite number
	Integer ParamType = "integer" // a whole number
	Numbers ParamType = "numbers" // a non-empty list of finite numbers
)

// Param is one number a kata checks against, which a course may set in a
// workbook's front matter under `params:`.
type Param struct {
	Name    string    `json:"name"`
	Type    ParamType `json:"type"`
	Default any       `json:"default"` // float64, or []float64 for Numbers
	Unit    string    `json:"unit,omitempty"`
	Meaning string    `json:"meaning"` // one line, for `katabook params`
}

// Params are one course's values of a kata's parameters: the defaults,
// overlaid with what the course set.
type Params struct {
	vals map[string]any // float64 or []float64
}

// Num is the value of a number parameter (0 for a name the kata lacks:
// the kata's tests catch that).
func (p Params) Num(name string) float64 { f, _ := p.vals[name].(float64); return f }

// Nums is the value of a list parameter.
func (p Params) Nums(name string) []float64 {
	fs, _ := p.vals[name].([]float64)
	return append([]float64(nil), fs...)
}

// Values returns every value by name, for the page and `katabook params`.
func (p Params) Values() map[string]any {
	out := make(map[string]any, len(p.vals))
	for k, v := range p.vals {
		out[k] = v
	}
	return out
}

// key writes the values in a stable order, for the ruleset id.
func (p Params) key() string {
	names := make([]string, 0, len(p.vals))
	for n := range p.vals {
		names = append(names, n)
	}
	sort.Strings(names)
	var b strings.Builder
	for _, n := range names {
		fmt.Fprintf(&b, "%s=%v\n", n, p.vals[n])
	}
	return b.String()
}

// paramRE is the directive a text uses to show a parameter's value:
// {{param "user_limit_rps"}}; a list reads "50, 80 and 90", or with
// {{param "windows_days" "or"}} "28 or 30". Inside a JSON string (a schema's
// description) its quotes are escaped, \"user_limit_rps\".
var paramRE = regexp.MustCompile(`\{\{\s*param\s+\\?"([^"\\]*)\\?"(?:\s+\\?"(and|or)\\?")?\s*\}\}`)

// Expand replaces each {{param "name"}} in text with the parameter's
// value; a name the kata lacks is left as written (ParamRefs finds them).
func (p Params) Expand(text string) string {
	if !strings.Contains(text, "{{") {
		return text
	}
	return paramRE.ReplaceAllStringFunc(text, func(m string) string {
		sub := paramRE.FindStringSubmatch(m)
		v, ok := p.vals[sub[1]]
		if !ok {
			return m
		}
		return formatValue(v, sub[2])
	})
}

// ParamRef is one {{param "name"}} in a text, with its byte offset.
type ParamRef struct {
	Name   string
	Offset int
}

// ParamRefs lists the parameter directives in text, so that a workbook
// naming a parameter its kata lacks fails its build at the line.
func ParamRefs(text string) []ParamRef {
	var out []ParamRef
	for _, m := range paramRE.FindAllStringSubmatchIndex(text, -1) {
		out = append(out, ParamRef{Name: text[m[2]:m[3]], Offset: m[0]})
	}
	return out
}

// formatValue writes a value the way the workbooks state numbers: 1000,
// 0.9, and lists as "50, 80, 90, 95 and 99" (conj "and", the default, or
// "or").
func formatValue(v any, conj string) string {
	if conj == "" {
		conj = "and"
	}
	switch v := v.(type) {
	case float64:
		return FormatNum(v)
	case []float64:
		parts := make([]string, len(v))
		for i, f := range v {
			parts[i] = FormatNum(f)
		}
		if len(parts) < 2 {
			return strings.Join(parts, "")
		}
		return strings.Join(parts[:len(parts)-1], ", ") + " " + conj + " " + parts[len(parts)-1]
	}
	return fmt.Sprint(v)
}

// ParamError is one problem with a course's parameters: an unknown name, a
// value of the wrong type, or an impossible combination (Name is then "").
type ParamError struct {
	Kata string
	Name string
	Msg  string
}

func (e *ParamError) Error() string {
	if e.Name == "" {
		return fmt.Sprintf("params of kata %s: %s", e.Kata, e.Msg)
	}
	return fmt.Sprintf("params of kata %s: %s: %s", e.Kata, e.Name, e.Msg)
}

// resolveParams overlays a course's values on the kata's defaults and
// checks each value's type, then the set as a whole.
func resolveParams(k *Spec, values map[string]any) (Params, error) {
	p := Params{vals: map[string]any{}}
	known := map[string]Param{}
	for _, d := range k.Params {
		known[d.Name] = d
		p.vals[d.Name] = d.Default
	}
	var errs []error
	fail := func(name, format string, args ...any) {
		errs = append(errs, &ParamError{Kata: k.ID, Name: name, Msg: fmt.Sprintf(format, args...)})
	}
	names := make([]string, 0, len(values))
	for n := range values {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, name := range names {
		d, ok := known[name]
		if !ok {
			fail(name, "the kata %s has no such parameter; its parameters are %s", k.ID, paramNames(k))
			continue
		}
		v, err := paramValue(d, values[name])
		if err != nil {
			fail(name, "%v", err)
			continue
		}
		p.vals[name] = v
	}
	if len(errs) == 0 && k.CheckParams != nil {
		if err := k.CheckParams(p); err != nil {
			errs = append(errs, &ParamError{Kata: k.ID, Msg: err.Error()})
		}
	}
	return p, errors.Join(errs...)
}

// paramValue reads one value as the parameter's type. YAML gives ints,
// floats and lists of either; JSON (the page) gives float64s.
func paramValue(d Param, v any) (any, error) {
	if d.Type == Numbers {
		list, ok := v.([]any)
		if fs, isFloats := v.([]float64); isFloats {
			list, ok = make([]any, len(fs)), true
			for i, f := range fs {
				list[i] = f
			}
		}
		if !ok || len(list) == 0 {
			return nil, fmt.Errorf("a list of numbers like [50, 80, 90], not %v", v)
		}
		out := make([]float64, len(list))
		for i, x := range list {
			f, ok := toFloat(x)
			if !ok {
				return nil, fmt.Errorf("item %d is %v, not a number", i+1, x)
			}
			out[i] = f
		}
		return out, nil
	}
	f, ok := toFloat(v)
	if !ok {
		return nil, fmt.Errorf("a number (%s), not %v", d.Unit, v)
	}
	if d.Type == Integer && f != math.Trunc(f) {
		return nil, fmt.Errorf("a whole number, not %v", v)
	}
	return f, nil
}

func toFloat(v any) (float64, bool) {
	var f float64
	switch x := v.(type) {
	case int:
		f = float64(x)
	case int64:
		f = float64(x)
	case uint64:
		f = float64(x)
	case float64:
		f = x
	default:
		return 0, false
	}
	return f, !math.IsNaN(f) && !math.IsInf(f, 0)
}

func paramNames(k *Spec) string {
	var names []string
	for _, d := range k.Params {
		names = append(names, d.Name)
	}
	return strings.Join(names, ", ")
}
