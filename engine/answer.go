package engine

import (
	"fmt"
	"math"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"
)

// Answer is the learner's structured answer: a JSON-like value (maps,
// slices, float64, string, bool) plus where each part stood in the file.
type Answer struct {
	// Value is what the schema validates: empty keys (`key:` with no value)
	// are left out, so they read as "not answered yet".
	Value any
	// ptrs indexes nodes by JSON pointer: rules look values and places up
	// many times. One map and one slice, sized from the YAML tree, where
	// four maps (value, place, key, literal) had cost a third of a check's
	// allocations.
	ptrs  map[string]int32
	nodes []answerNode
	base  Loc // the block's first line
	// memo holds values that several rules derive from the answer (the
	// limiter kata's simulation), computed once per check.
	memo map[string]any
	// shared outlives the check: the engine's memo of costly derivations.
	shared *sharedMemo
	lines  []string // the block's text, to find a phrase's own line
	fields *Field   // the kata's field tree, for the units of numbers
}

// answerNode is what the answer holds at one JSON pointer.
type answerNode struct {
	val    any    // the value, when hasVal (null values are left out)
	lit    string // a number as the learner wrote it ("" for other values)
	loc    Loc    // where the value stands, when hasLoc
	key    Loc    // where its key stands, when hasKey
	hasVal bool
	hasLoc bool
	hasKey bool
}

// node returns what the answer holds at ptr, nil when nothing.
func (a *Answer) node(ptr string) *answerNode {
	if i, ok := a.ptrs[ptr]; ok {
		return &a.nodes[i]
	}
	return nil
}

// Derived returns the value key computed by f, running f once per answer:
// for derivations several rules read (the limiter's simulation).
func (a *Answer) Derived(key string, f func() any) any {
	if v, ok := a.memo[key]; ok {
		return v
	}
	if a.memo == nil {
		a.memo = map[string]any{}
	}
	v := f()
	a.memo[key] = v
	return v
}

// parseAnswer reads the YAML of an answer block; fence is the 1-based line
// of its opening fence in the file and indent the fence's indentation.
// Findings about the whole answer sit on the fence line.
func parseAnswer(text string, fence, indent int) (*Answer, []Finding) {
	first := fence + 1 // the block's first line
	doc, err := parseYAML(text)
	if err != nil {
		line, msg := yamlErrorLine(err)
		return nil, []Finding{{Rule: "answer/yaml", Severity: Error, Line: min(first+line-1, fence+strings.Count(text, "\n")+1), Col: 1 + indent,
			Message: "the answer block is not valid YAML: " + msg}}
	}
	// The maps get one entry per node: sized up front, they are not
	// rehashed as they grow (a third of the walk's time before).
	n := min(countNodes(doc, MaxNodes), MaxNodes)
	a := &Answer{ptrs: make(map[string]int32, n), nodes: make([]answerNode, 0, n),
		base: Loc{fence, 1 + indent}, lines: strings.Split(text, "\n")}
	if len(doc.Content) == 0 {
		a.Value = map[string]any{}
		return a, nil
	}
	w := &walker{a: a, first: first, indent: indent}
	v, _ := w.walk(doc.Content[0], "", 0)
	if w.capped {
		return nil, w.out // a partial answer would only add noise
	}
	if _, ok := v.(map[string]any); !ok && v != nil && len(w.out) == 0 {
		w.fail(doc.Content[0], "", "the answer block must be a mapping of `key: value` lines")
	}
	if v == nil {
		v = map[string]any{}
	}
	a.Value = v
	root := w.at("")
	root.val, root.hasVal = v, true
	return a, w.out
}

// countNodes counts the nodes under n, stopping past limit (aliases are
// not followed: an alias bomb is the walker's to report).
func countNodes(n *yaml.Node, limit int) int {
	c := 1
	for _, k := range n.Content {
		if c > limit {
			break
		}
		c += countNodes(k, limit-c)
	}
	return c
}

type walker struct {
	a      *Answer
	first  int
	indent int
	nodes  int
	out    []Finding
	capped bool
}

// at returns the answer's node for ptr, adding it when new. The pointer
// is good until the next call: the slice may grow.
func (w *walker) at(ptr string) *answerNode {
	a := w.a
	i, ok := a.ptrs[ptr]
	if !ok {
		i = int32(len(a.nodes))
		a.nodes = append(a.nodes, answerNode{})
		a.ptrs[ptr] = i
	}
	return &a.nodes[i]
}

func (w *walker) loc(n *yaml.Node) Loc {
	return Loc{w.first + n.Line - 1, n.Column + w.indent}
}

func (w *walker) fail(n *yaml.Node, ptr, msg string) {
	l := w.loc(n)
	w.out = append(w.out, Finding{Rule: "answer/yaml", Severity: Error, Pointer: ptr, Line: l.Line, Col: l.Col, Message: msg})
}

// walk converts a node to a value; ok is false when the node holds nothing
// (null), so that its key reads as unanswered.
func (w *walker) walk(n *yaml.Node, ptr string, depth int) (v any, ok bool) {
	w.nodes++
	if w.nodes > MaxNodes || depth > MaxDepth {
		if !w.capped {
			w.capped = true
			w.fail(n, ptr, fmt.Sprintf("the answer is too large or too deep (limits: %d nodes with aliases expanded, %d levels)", MaxNodes, MaxDepth))
		}
		return nil, false
	}
	at := w.at(ptr)
	at.loc, at.hasLoc = w.loc(n), true
	switch n.Kind {
	case yaml.DocumentNode:
		if len(n.Content) == 0 {
			return nil, false
		}
		return w.walk(n.Content[0], ptr, depth)
	case yaml.AliasNode:
		return w.walk(n.Alias, ptr, depth+1)
	case yaml.MappingNode:
		m := make(map[string]any, len(n.Content)/2)
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, val := n.Content[i], n.Content[i+1]
			if k.Kind != yaml.ScalarNode {
				w.fail(k, ptr, "a key must be a plain word")
				continue
			}
			child := ptr + "/" + escapePointer(k.Value)
			kn := w.at(child)
			if kn.hasKey {
				w.fail(k, child, fmt.Sprintf("key %q appears twice (first on line %d)", k.Value, kn.key.Line))
				continue
			}
			kn.key, kn.hasKey = w.loc(k), true
			if cv, ok := w.walk(val, child, depth+1); ok {
				m[k.Value] = cv
				at := w.at(child)
				at.val, at.hasVal = cv, true
			}
		}
		return m, true
	case yaml.SequenceNode:
		s := make([]any, 0, len(n.Content))
		for i, item := range n.Content {
			child := ptr + "/" + strconv.Itoa(i)
			cv, _ := w.walk(item, child, depth+1)
			s = append(s, cv)
			at := w.at(child)
			at.val, at.hasVal = cv, true
		}
		return s, true
	}
	return w.scalar(n, ptr)
}

func (w *walker) scalar(n *yaml.Node, ptr string) (any, bool) {
	switch n.ShortTag() {
	case "!!null":
		return nil, false
	case "!!bool":
		if b, ok := decodeBool(n); ok {
			return b, true
		}
	case "!!int", "!!float":
		f, err := decodeNumber(n)
		if err != nil || math.IsInf(f, 0) || math.IsNaN(f) {
			if g, perr := strconv.ParseFloat(strings.ReplaceAll(n.Value, "_", ""), 64); perr == nil && !math.IsInf(g, 0) {
				f = g
			} else {
				w.at(ptr).lit = n.Value // kept for Literals: the page gives it back
				w.fail(n, ptr, fmt.Sprintf("%s is not a finite number", n.Value))
				return nil, false
			}
		}
		if d, ok := leadingZeroDecimal(n); ok && d != f {
			l := w.loc(n)
			w.out = append(w.out, Finding{Rule: "answer/octal", Severity: Warning, Pointer: ptr, Line: l.Line, Col: l.Col,
				Message: fmt.Sprintf("YAML reads %s as octal, which is %g, not %g: drop the leading zero", n.Value, f, d)})
		}
		w.at(ptr).lit = n.Value
		return f, true
	case "!!str":
		// YAML leaves a plain number it cannot hold in a float64 (1e400) as
		// a string; say so rather than report a confusing type error.
		if n.Style == 0 && numberRE.MatchString(n.Value) {
			w.at(ptr).lit = n.Value
			w.fail(n, ptr, fmt.Sprintf("%s is out of the range of numbers", n.Value))
			return nil, false
		}
	}
	return n.Value, true
}

// leadingZero reports whether a number is spelt with a leading zero
// followed by more digits (030, -0_30): YAML reads those as octal.
func leadingZero(s string) bool {
	d := strings.TrimLeft(s, "+-")
	return len(d) > 1 && d[0] == '0' && (d[1] == '_' || '0' <= d[1] && d[1] <= '9')
}

// leadingZeroDecimal reads a plain number written with a leading zero as
// the decimal a learner meant, so that `window_days: 030`, which YAML
// reads as 24, can be pointed out.
func leadingZeroDecimal(n *yaml.Node) (float64, bool) {
	if n.Style != 0 || !leadingZero(n.Value) {
		return 0, false
	}
	f, err := strconv.ParseFloat(strings.ReplaceAll(n.Value, "_", ""), 64)
	return f, err == nil
}

// decodeBool and decodeNumber read a scalar as yaml.v3's Node.Decode does,
// with a fast path for the usual spellings: Decode builds a decoder and
// resolves the tag again for every scalar, a tenth of the walk's time.
func decodeBool(n *yaml.Node) (bool, bool) {
	switch n.Value {
	case "true":
		return true, true
	case "false":
		return false, true
	}
	var b bool
	return b, n.Decode(&b) == nil
}

func decodeNumber(n *yaml.Node) (float64, error) {
	if f, ok := fastNumber(n.Value); ok {
		return f, nil
	}
	var f float64
	err := n.Decode(&f)
	return f, err
}

// fastNumber reads s with strconv.ParseFloat where that gives YAML's
// value: every spelling of a number but those with a leading zero (YAML
// reads 012 as octal), with underscores (ParseFloat reads 0_12 as decimal,
// YAML as octal) and those ParseFloat rejects (0x1F, .inf).
func fastNumber(s string) (float64, bool) {
	if leadingZero(s) || strings.Contains(s, "_") {
		return 0, false
	}
	f, err := strconv.ParseFloat(s, 64)
	return f, err == nil
}

var numberRE = regexp.MustCompile(`^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$`)

// escapePointer escapes a key for a JSON pointer (RFC 6901).
func escapePointer(s string) string {
	return strings.ReplaceAll(strings.ReplaceAll(s, "~", "~0"), "/", "~1")
}

// Loc returns the position of the value at ptr, or of its key when the value
// is empty, or of the nearest enclosing value that has one.
func (a *Answer) Loc(ptr string) Loc {
	n := a.node(ptr)
	if n != nil && n.hasLoc && (n.hasVal || ptr == "") {
		return n.loc
	}
	// A missing value: its key if written, else the nearest enclosing list
	// item (its "- " line) or section key. A section's value would start at
	// its first child's line and so point at a sibling.
	for {
		if n != nil && n.hasKey {
			return n.key
		}
		if ptr == "" {
			return a.base
		}
		i := strings.LastIndex(ptr, "/")
		if n != nil && n.hasLoc && strings.Trim(ptr[i+1:], "0123456789") == "" {
			return n.loc // a list item
		}
		ptr = ptr[:i]
		n = a.node(ptr)
		if ptr == "" && n != nil && n.hasLoc {
			return n.loc
		}
	}
}

// LocText returns the position of phrase inside the text value at ptr: the
// first line, from the value's own line on, that holds it (case folded),
// so that a finding about a phrase deep in a block of prose names its line.
// It falls back to Loc(ptr) when the phrase spans lines.
func (a *Answer) LocText(ptr, phrase string) Loc {
	l := a.Loc(ptr)
	top := a.base.Line + 1 // the block's first line: base is its opening fence
	want := strings.ToLower(phrase)
	for i := l.Line - top; i >= 0 && i < len(a.lines) && i <= l.Line-top+200; i++ {
		line := a.lines[i]
		from := 0
		if i == l.Line-top {
			from = min(max(l.Col-1-(a.base.Col-1), 0), len(line))
		}
		if j := strings.Index(strings.ToLower(line[from:]), want); j >= 0 {
			return Loc{top + i, from + j + a.base.Col}
		}
	}
	return l
}

// get looks up a JSON pointer in the value.
func (a *Answer) get(ptr string) (any, bool) {
	if a.ptrs != nil {
		if n := a.node(ptr); n != nil && n.hasVal {
			return n.val, true
		}
		return nil, false
	}
	v := a.Value
	if ptr == "" {
		return v, true
	}
	for _, part := range splitPointer(ptr) {
		switch c := v.(type) {
		case map[string]any:
			var ok bool
			if v, ok = c[part]; !ok {
				return nil, false
			}
		case []any:
			i, err := strconv.Atoi(part)
			if err != nil || i < 0 || i >= len(c) {
				return nil, false
			}
			v = c[i]
		default:
			return nil, false
		}
	}
	return v, true
}

// lookup returns the value at ptr if it has type T.
func lookup[T any](a *Answer, ptr string) (T, bool) {
	v, _ := a.get(ptr)
	t, ok := v.(T)
	return t, ok
}

// Num returns the number at ptr and whether there is one.
func (a *Answer) Num(ptr string) (float64, bool) { return lookup[float64](a, ptr) }

// Str returns the string at ptr and whether there is one.
func (a *Answer) Str(ptr string) (string, bool) { return lookup[string](a, ptr) }

// Bool returns the boolean at ptr and whether there is one.
func (a *Answer) Bool(ptr string) (bool, bool) { return lookup[bool](a, ptr) }

// Len returns the length of the list at ptr, 0 when there is none.
func (a *Answer) Len(ptr string) int {
	v, _ := a.get(ptr)
	s, _ := v.([]any)
	return len(s)
}

// Shared returns the value key computed by f, running f once per engine:
// for pure, costly derivations that many answers of a cohort share. key
// must name everything f depends on, and the value is read-only.
func (a *Answer) Shared(key string, f func() any) any { return a.shared.get(key, f) }

// Literal is the number at ptr as the learner wrote it.
func (a *Answer) Literal(ptr string) string {
	if n := a.node(ptr); n != nil && n.lit != "" {
		return n.lit
	}
	f, _ := a.Num(ptr)
	return strconv.FormatFloat(f, 'f', -1, 64)
}

// Literals lists, by JSON pointer, the numbers whose spelling says more
// than the value Render would write for them (017, 1_000, 0.5e-3, 1e308),
// and those no float64 holds (.inf, 1e400), which have no value at all.
// The page keeps them and hands them back to Render (WithLiterals), so it
// judges an imported file's numbers as the CLI does.
func (a *Answer) Literals() map[string]string {
	out := map[string]string{}
	for p, i := range a.ptrs {
		n := &a.nodes[i]
		if f, ok := n.val.(float64); n.lit == "" || ok && n.hasVal && formatNumber(f) == n.lit {
			continue
		}
		out[p] = n.lit
	}
	return out
}

// pointers lists every pointer with a value, sorted; for tests and fuzzing.
func (a *Answer) pointers() []string {
	var ps []string
	for p, i := range a.ptrs {
		if a.nodes[i].hasLoc {
			ps = append(ps, p)
		}
	}
	sort.Strings(ps)
	return ps
}

// Has reports whether the answer holds a value at ptr.
func (a *Answer) Has(ptr string) bool {
	_, ok := a.get(ptr)
	return ok
}

// Get returns the value at ptr and whether there is one.
func (a *Answer) Get(ptr string) (any, bool) { return a.get(ptr) }
