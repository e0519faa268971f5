package declared

import (
	"errors"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/expr-lang/expr/types"
	"go.yaml.in/yaml/v3"

	"github.com/katabook/katabook/engine"
)

// builder compiles one rules file, collecting every error.
type builder struct {
	id, file string
	fields   *engine.Field
	natures  natures
	// later: compile each expression on its first run (Lazy).
	later  bool
	known  map[string]bool // the parameters declared
	env    types.Map       // the names an expression may use, and their types
	values map[string]any  // the functions, as every run's env holds them
	lets   []*let
	errs   []*Error
	// compiled are every expression, for the cost check: the list the
	// items of an `each` rule come from with it.
	compiled []compiled
}

type compiled struct {
	p    *program
	each string
}

func (b *builder) failf(p pos, format string, args ...any) {
	b.errs = append(b.errs, &Error{File: b.file, Line: p.line, Col: p.col, Msg: fmt.Sprintf(format, args...)})
}

// fail records err, an *Error from compile or another problem at p.
func (b *builder) fail(p pos, err error) {
	var e *Error
	if errors.As(err, &e) {
		e.File = b.file
		b.errs = append(b.errs, e)
		return
	}
	b.failf(p, "%v", err)
}

// compile compiles an expression of t and checks that every answer field
// and parameter it names exists; each rule may add names (item, i).
func (b *builder) compile(t text, env types.Map, each string) *program {
	p, err := b.compileExpr(t.s, env, t.at)
	if err != nil {
		b.fail(t.at, err)
		return nil
	}
	b.compiled = append(b.compiled, compiled{p, each})
	for _, r := range p.refs {
		at := t.at.shift(t.s, r.offset)
		switch r.root {
		case "params":
			if !b.known[r.path] {
				b.failf(at, "params.%s: the kata has no parameter %s (its parameters: %s)", r.path, r.path, b.paramList())
			}
		case "item":
			if each == "" {
				b.failf(at, "item is only defined in a rule with each:")
			} else if b.fields.Find(each+"/0"+strings.TrimPrefix(r.path, "{i}")) == nil {
				b.failf(at, "item%s: the items of %s have no such field", strings.ReplaceAll(strings.TrimPrefix(r.path, "{i}"), "/", "."), each)
			}
		case "answer":
			if b.fields.Find(r.path) == nil {
				b.failf(at, "answer%s: the schema has no field %s", strings.ReplaceAll(r.path, "/", "."), r.path)
			}
		}
	}
	return p
}

// compileExpr compiles src now, or reads it now and compiles it on its
// first run when the kata is made Lazy.
func (b *builder) compileExpr(src string, env types.Map, at pos) (*program, error) {
	if b.later {
		return b.natures.parseOnly(src, env, at)
	}
	return b.natures.compile(src, env, at)
}

func (b *builder) paramList() string {
	var names []string
	for n := range b.known {
		names = append(names, n)
	}
	if len(names) == 0 {
		return "none"
	}
	slices.Sort(names)
	return strings.Join(names, ", ")
}

// params reads the parameter declarations.
func (b *builder) params(decls []paramDecl) []engine.Param {
	b.known = map[string]bool{}
	var out []engine.Param
	for _, d := range decls {
		p := engine.Param{Name: d.Name.s, Type: engine.ParamType(d.Type.s), Unit: d.Unit.s, Meaning: d.Meaning.s}
		switch p.Type {
		case engine.Number, engine.Integer:
			var f float64
			if err := d.Default.Decode(&f); err != nil || d.Default.Kind == 0 {
				b.failf(d.Name.at, "parameter %s needs a number as its default:", p.Name)
			}
			p.Default = f
		case engine.Numbers:
			var fs []float64
			if err := d.Default.Decode(&fs); err != nil || len(fs) == 0 {
				b.failf(d.Name.at, "parameter %s needs a list of numbers as its default:", p.Name)
			}
			p.Default = fs
		default:
			b.failf(d.Type.at, "parameter %s: type is number, integer or numbers, not %q", p.Name, d.Type.s)
		}
		if p.Name == "" || b.known[p.Name] {
			b.failf(d.Name.at, "each parameter needs a name of its own")
		}
		b.known[p.Name] = true
		out = append(out, p)
	}
	return out
}

// baseEnv is what every expression may name, with their types: the
// answer's fields as the schema gives them (a name the schema lacks is a
// compile error), the parameters, the functions.
func (b *builder) baseEnv(params []engine.Param) types.Map {
	ps := types.Map{}
	for _, p := range params {
		if p.Type == engine.Numbers {
			ps[p.Name] = types.Array(types.Float64)
		} else {
			ps[p.Name] = types.Float64
		}
	}
	env := types.Map{"answer": fieldType(b.fields), "params": ps}
	b.values = map[string]any{}
	for name, fn := range functions {
		env[name] = types.TypeOf(fn)
		b.values[name] = fn
	}
	return env
}

// fieldType is the type of a field's values for the compiler: objects with
// exactly the schema's fields, lists of their items, and any value for the
// rest (the schema, not the rule, says what a leaf holds).
func fieldType(f *engine.Field) types.Type {
	switch {
	case f == nil:
		return types.Any
	case f.Items != nil:
		return types.Array(fieldType(f.Items))
	case len(f.Fields) > 0:
		m := types.Map{}
		for _, c := range f.Fields {
			m[c.Name] = fieldType(c)
		}
		return m
	}
	return types.Any
}

// typesWith is env plus more names.
func typesWith(env types.Map, more types.Map) types.Map {
	out := make(types.Map, len(env)+len(more))
	for k, v := range env {
		out[k] = v
	}
	for k, v := range more {
		out[k] = v
	}
	return out
}

// with is env plus more names.
func with(env map[string]any, more map[string]any) map[string]any {
	out := make(map[string]any, len(env)+len(more))
	for k, v := range env {
		out[k] = v
	}
	for k, v := range more {
		out[k] = v
	}
	return out
}

// paramValues are the course's values as the expressions see them.
func paramValues(p engine.Params) map[string]any {
	out := map[string]any{}
	for name, v := range p.Values() {
		if fs, ok := v.([]float64); ok {
			list := make([]any, len(fs))
			for i, f := range fs {
				list[i] = f
			}
			out[name] = list
			continue
		}
		out[name] = v
	}
	return out
}

// checkParams makes the CheckParams of the kata: each check_params entry
// whose fail_if holds is an impossible set of values.
func (b *builder) checkParams(decls []checkDecl) func(engine.Params) error {
	type test struct {
		cond *program
		msg  *template
	}
	var tests []test
	for _, d := range decls {
		cond := b.compile(d.FailIf, b.env, "")
		msg, err := b.compileTemplate(d.Message.s, b.env, d.Message.at)
		if err != nil {
			b.fail(d.Message.at, err)
		}
		if cond != nil && msg != nil {
			tests = append(tests, test{cond, msg})
		}
	}
	return func(p engine.Params) error {
		env := with(b.values, map[string]any{"params": paramValues(p)})
		for _, t := range tests {
			bad, err := t.cond.run(env)
			if err != nil {
				return err
			}
			if bad == true {
				msg, _ := t.msg.render(env)
				return errors.New(msg)
			}
		}
		return nil
	}
}

// let is a named value computed from the answer, which rules use by name.
type let struct {
	name  string
	prog  *program
	reads []string // its own and those of the lets it uses
}

// compileLets compiles a mapping of names to expressions, in order: each
// may use those above it, so a cycle is a name used before it is defined.
func (b *builder) compileLets(n *yaml.Node, env types.Map) []*let {
	if n.Kind == 0 {
		return nil
	}
	if n.Kind != yaml.MappingNode {
		b.failf(pos{line: n.Line, col: n.Column}, "let: is a mapping of names to expressions")
		return nil
	}
	var out []*let
	for i := 0; i+1 < len(n.Content); i += 2 {
		var t text
		if err := n.Content[i+1].Decode(&t); err != nil {
			b.failf(pos{line: n.Content[i].Line, col: n.Content[i].Column}, "%v", err)
			continue
		}
		name := n.Content[i].Value
		p := b.compile(t, env, "")
		env[name] = types.Any // later lets and the rules may use it
		if p == nil {
			continue
		}
		l := &let{name: name, prog: p, reads: p.reads}
		for _, id := range p.idents {
			for _, before := range out {
				if before.name == id {
					l.reads = append(l.reads, before.reads...)
				}
			}
		}
		out = append(out, l)
	}
	return out
}

// letValues computes the lets for an answer; one whose reads are missing
// is left out (a rule that uses it is skipped).
func letValues(lets []*let, a *engine.Answer, fields *engine.Field, env map[string]any) {
	for _, l := range lets {
		if !present(a, fields, l.reads, -1, "") {
			continue
		}
		if v, err := l.prog.run(env); err == nil {
			env[l.name] = v
		}
	}
}

// present reports whether the answer holds every path (an item's under
// each/i) with a value of the type its schema field says: a value of
// another type is the schema's to report, and skips the rule, as a
// missing one does.
func present(a *engine.Answer, fields *engine.Field, reads []string, i int, each string) bool {
	for _, r := range reads {
		ptr := r
		if rest, ok := strings.CutPrefix(r, "{i}"); ok {
			ptr = each + "/" + strconv.Itoa(i) + rest
		}
		v, ok := a.Get(ptr)
		if !ok || !ofType(v, fields.Find(ptr)) {
			return false
		}
	}
	return true
}

// ofType reports whether v has the type of the field.
func ofType(v any, f *engine.Field) bool {
	if f == nil {
		return true
	}
	switch f.Type {
	case "number", "integer":
		_, ok := v.(float64)
		return ok
	case "string":
		_, ok := v.(string)
		return ok
	case "boolean":
		_, ok := v.(bool)
		return ok
	case "array":
		_, ok := v.([]any)
		return ok
	case "object":
		_, ok := v.(map[string]any)
		return ok
	}
	return true
}

// numeric reads an expression's result as a number.
func numeric(v any) (float64, bool) {
	switch x := v.(type) {
	case float64:
		return x, !math.IsNaN(x)
	case int:
		return float64(x), true
	}
	return 0, false
}

// checkCost runs every expression once on a sample answer (each field
// answered, each list three items long) with the default parameters: one
// that needs more than its memory budget there is refused now, rather
// than on a learner's page.
func (b *builder) checkCost(params []engine.Param) {
	answer, _ := sample(b.fields).(map[string]any)
	ps := map[string]any{}
	for _, p := range params {
		if fs, ok := p.Default.([]float64); ok {
			list := make([]any, len(fs))
			for i, f := range fs {
				list[i] = f
			}
			ps[p.Name] = list
			continue
		}
		ps[p.Name] = p.Default
	}
	env := with(b.values, map[string]any{"answer": answer, "params": ps, "pick": func(xs []any) any { return nil }, "random": func() float64 { return 0.5 }})
	for _, l := range b.lets {
		if v, err := l.prog.run(env); err == nil {
			env[l.name] = v
		}
	}
	for _, c := range b.compiled {
		run := env
		if c.each != "" {
			run = with(env, map[string]any{"item": sample(b.fields.Find(c.each + "/0")), "i": 0})
		}
		if _, err := c.p.run(run); err != nil && strings.Contains(err.Error(), "memory budget") {
			b.failf(c.p.at, "this expression exceeds the cost limit (it builds more than %d values on a sample answer): bound its ranges and loops", memoryBudget)
		}
	}
}

// sample is a value for every field: 1, "x", true, three list items.
func sample(f *engine.Field) any {
	switch {
	case f == nil:
		return nil
	case f.Items != nil:
		return []any{sample(f.Items), sample(f.Items), sample(f.Items)}
	case len(f.Fields) > 0:
		m := map[string]any{}
		for _, c := range f.Fields {
			m[c.Name] = sample(c)
		}
		return m
	}
	switch f.Type {
	case "number", "integer":
		return 1.0
	case "boolean":
		return true
	case "string":
		if len(f.Enum) > 0 {
			return f.Enum[0]
		}
		return "x"
	}
	return nil
}
