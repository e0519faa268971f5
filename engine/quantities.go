package engine

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/katabook/katabook/engine/units"
)

// readQuantities reads the numbers learners write with a unit ("250 ms",
// "0.25 s", "2 min", "99.9%") in number fields that declare an x-unit, as
// the number in the field's unit, so that the schema and the rules see a
// number and a learner may write a quantity in any unit. What it read is
// kept for the page ("250 ms = 0.25 s") and for messages, which show both.
// A unit of another kind ("250 req/s" in a duration) is an answer/unit
// error; the schema's own type error at that pointer is then left out.
func (k *loaded) readQuantities(a *Answer) (map[string]string, []Finding, map[string]bool) {
	var readings map[string]string
	var out []Finding
	wrong := map[string]bool{}
	for ptr, i := range a.ptrs {
		n := &a.nodes[i]
		s, ok := n.val.(string)
		if !ok || !n.hasVal {
			continue
		}
		f := k.fields.Find(ptr)
		if f == nil || (f.Type != "number" && f.Type != "integer") {
			continue
		}
		// A number with its unit, or a multiplier ("5k"): a quoted plain
		// number ("40") stays the text it is, which the schema reports and
		// the page keeps.
		q, ok := units.Parse(s)
		if !ok || q.Dim == units.None && numberRE.MatchString(strings.TrimSpace(s)) {
			continue
		}
		v, ok := units.In(q, f.Unit)
		if !ok {
			l := a.Loc(ptr)
			msg := fmt.Sprintf("%s is %s, but %s is %s in %s: write it in %s (e.g. %s)",
				s, q.Dim, f.Label(), units.DimOf(f.Unit), f.Unit, f.Unit, units.Format(1, f.Unit))
			if units.DimOf(f.Unit) == units.None {
				msg = fmt.Sprintf("%s is %s, but %s takes a plain number", s, q.Dim, f.Label())
			}
			out = append(out, Finding{Rule: "answer/unit", Severity: Error, Pointer: ptr, Line: l.Line, Col: l.Col, Message: msg})
			wrong[ptr] = true
			continue
		}
		if f.Type == "integer" && v == math.Trunc(v) {
			v = math.Trunc(v)
		}
		n.val, n.lit = v, strings.TrimSpace(s)
		a.set(ptr, v)
		if readings == nil {
			readings = map[string]string{}
		}
		readings[ptr] = n.lit + " = " + units.Format(v, f.Unit)
	}
	return readings, out, wrong
}

// set replaces the value at ptr in the answer's tree (the schema validates
// the tree, the rules read the index).
func (a *Answer) set(ptr string, v any) {
	parts := splitPointer(ptr)
	cur := a.Value
	for i, p := range parts {
		last := i == len(parts)-1
		switch c := cur.(type) {
		case map[string]any:
			if last {
				c[p] = v
				return
			}
			cur = c[p]
		case []any:
			j, err := strconv.Atoi(p)
			if err != nil || j < 0 || j >= len(c) {
				return
			}
			if last {
				c[j] = v
				return
			}
			cur = c[j]
		default:
			return
		}
	}
}

// Shown is the number at ptr as a message shows it: as the learner wrote
// it, and what the engine read when they wrote a unit ("250 ms (0.25 s)").
func (a *Answer) Shown(ptr string) string {
	lit := a.Literal(ptr)
	if u := a.Unit(ptr); u != "" {
		if q, ok := units.Parse(lit); ok && q.Dim != units.None {
			v, _ := a.Num(ptr)
			return lit + " (" + units.Format(v, u) + ")"
		}
	}
	return lit
}

// Unit is the x-unit of the field at ptr ("s", "%", "req/s"), "" when the
// field declares none: for messages that show a value with its unit.
func (a *Answer) Unit(ptr string) string {
	if a.fields == nil {
		return ""
	}
	if f := a.fields.Find(ptr); f != nil {
		return f.Unit
	}
	return ""
}

// Named names the field at ptr for a message, plain words first: its
// title and where it is ("Time to mitigate (postmortem.ttm_min)"), or the
// dotted path alone when the schema gives no title.
func (a *Answer) Named(ptr string) string {
	if a.fields != nil {
		if f := a.fields.Find(ptr); f != nil && f.Title != "" {
			return f.Title + " (" + Dotted(ptr) + ")"
		}
	}
	return Dotted(ptr)
}

// halfStep is half a unit of the last digit the learner wrote, in the
// field's unit: 0.5 for "37", 0.005 for "0.25", 0.0005 s for "250 ms".
func halfStep(literal string, stated float64) float64 {
	num := literal
	scale := 1.0
	if q, ok := units.Parse(literal); ok && q.Dim != units.None {
		j := strings.IndexFunc(literal, func(r rune) bool {
			return !(r >= '0' && r <= '9' || r == '.' || r == '-' || r == '+' || r == ',' || r == '_')
		})
		if j <= 0 {
			return 0 // "1h30m", "two minutes": no last digit to read
		}
		num = literal[:j]
		if n, err := strconv.ParseFloat(strings.NewReplacer(",", "", "_", "").Replace(num), 64); err == nil && n != 0 {
			scale = stated / n
		}
	}
	if strings.ContainsAny(num, "eE") {
		return 0
	}
	dec := 0
	if i := strings.IndexByte(num, '.'); i >= 0 {
		dec = len(num) - i - 1
	}
	return 0.5 * math.Pow(10, -float64(dec)) * math.Abs(scale)
}
