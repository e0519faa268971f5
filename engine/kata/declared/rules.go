package declared

import (
	"fmt"

	"github.com/expr-lang/expr/types"
	"strconv"
	"strings"

	"github.com/katabook/katabook/engine"
	"github.com/katabook/katabook/engine/units"
)

// check is one compiled test of a rule.
type check struct {
	at      text // a pointer, with {i} for the item's index
	when    *program
	failIf  *program
	message *template
	expect  *program
	how     *template
	tol     *tolerance
	reads   []string
	lets    []*let
}

// rule compiles one rule of the file.
func (b *builder) rule(d ruleDecl) (engine.Rule, bool) {
	r := engine.Rule{ID: d.ID.s, Title: d.Title.s, Help: d.Help.s}
	ok := true
	if !strings.HasPrefix(r.ID, b.id+"/") || len(r.ID) == len(b.id)+1 {
		b.failf(d.ID.at, "a rule's id is %s/<name>, not %q", b.id, r.ID)
		ok = false
	}
	switch d.Severity.s {
	case "error":
		r.Severity = engine.Error
	case "warning":
		r.Severity = engine.Warning
	default:
		b.failf(d.Severity.at, "rule %s: severity is error or warning, not %q", r.ID, d.Severity.s)
		ok = false
	}
	if !b.kind(&r, d) {
		ok = false
	}
	uses := b.uses(r.ID, d.Uses, d.Each.s)
	env := b.env
	if d.Each.s != "" {
		if f := b.fields.Find(d.Each.s); f == nil || f.Items == nil {
			b.failf(d.Each.at, "rule %s: each: %s is not a list of the schema", r.ID, d.Each.s)
			ok = false
		}
		env = typesWith(env, types.Map{"item": fieldType(b.fields.Find(d.Each.s + "/0")), "i": types.Int})
	}
	decls := d.Checks
	if d.FailIf.s != "" || d.Expect.s != "" {
		decls = append([]checkDecl{d.checkDecl}, decls...)
	}
	if len(decls) == 0 {
		b.failf(d.ID.at, "rule %s checks nothing: give it fail_if with a message, or expect with how", r.ID)
		ok = false
	}
	var checks []*check
	for _, cd := range decls {
		c := b.check(r.ID, d.ID.at, cd, env, d.Each.s)
		if c == nil {
			ok = false
			continue
		}
		checks = append(checks, c)
	}
	if !ok {
		return r, false
	}
	each, lets := d.Each.s, b.lets
	r.Check = func(run *engine.Run) {
		base := run.A.Derived("declared/lets/"+b.id, func() any {
			env := with(b.values, map[string]any{"answer": run.A.Value, "params": paramValues(run.P)})
			letValues(lets, run.A, b.fields, env)
			return env
		}).(map[string]any)
		if each == "" {
			runChecks(run, b.fields, checks, uses, base, -1, "")
			return
		}
		for i := 0; i < run.A.Len(each); i++ {
			item, _ := run.A.Get(each + "/" + strconv.Itoa(i))
			runChecks(run, b.fields, checks, uses, with(base, map[string]any{"item": item, "i": i}), i, each)
		}
	}
	return r, true
}

// check compiles one test; env holds the names it may use, and ruleAt is
// where its rule's id stands (a missing at: has no place of its own).
func (b *builder) check(rule string, ruleAt pos, d checkDecl, env types.Map, each string) *check {
	c := &check{at: d.At, tol: d.Tolerance}
	if d.At.s == "" || !strings.HasPrefix(d.At.s, "/") {
		at := d.At.at
		if at.line == 0 {
			at = ruleAt
		}
		b.failf(at, "rule %s: at: is the JSON pointer of the field the finding is about, e.g. /little/l_computed", rule)
		return nil
	} else if b.fields.Find(strings.ReplaceAll(d.At.s, "{i}", "0")) == nil {
		b.failf(d.At.at, "rule %s: at: the schema has no field %s", rule, d.At.s)
		return nil
	}
	var progs []*program
	add := func(t text) *program {
		if t.s == "" {
			return nil
		}
		p := b.compile(t, env, each)
		if p == nil {
			c = nil
			return nil
		}
		progs = append(progs, p)
		return p
	}
	tmpl := func(t text) *template {
		m, err := b.compileTemplate(t.s, env, t.at)
		if err != nil {
			b.fail(t.at, err)
			c = nil
			return nil
		}
		return m
	}
	when, failIf, expect := add(d.When), add(d.FailIf), add(d.Expect)
	switch {
	case (failIf == nil) == (expect == nil) && c != nil:
		b.failf(d.At.at, "rule %s: a check has either fail_if (with message) or expect (with how)", rule)
		return nil
	case failIf != nil && d.Message.s == "":
		b.failf(d.FailIf.at, "rule %s: fail_if needs a message: saying what is wrong and what is expected", rule)
		return nil
	}
	msg, how := tmpl(d.Message), tmpl(d.How)
	if c == nil {
		return nil
	}
	c.when, c.failIf, c.expect, c.message, c.how = when, failIf, expect, msg, how
	for _, p := range progs {
		c.reads = append(c.reads, p.reads...)
		c.lets = append(c.lets, b.letsUsed(p)...)
	}
	for _, t := range []*template{msg, how} {
		if t != nil {
			c.reads = append(c.reads, t.reads()...)
			for _, p := range t.exprs {
				c.lets = append(c.lets, b.letsUsed(p)...)
			}
		}
	}
	return c
}

func (b *builder) letsUsed(p *program) []*let {
	var out []*let
	for _, id := range p.idents {
		for _, l := range b.lets {
			if l.name == id {
				out = append(out, l)
			}
		}
	}
	return out
}

// runChecks runs a rule's tests for one item (i = -1 for none), in order,
// until one fails: one mistake, one finding. Each test tells the engine
// what it read (and the rule's uses:), so that a finding that follows
// from an error on one of those is folded under it.
func runChecks(run *engine.Run, fields *engine.Field, checks []*check, uses []string, env map[string]any, i int, each string) {
	for _, c := range checks {
		if !c.ready(run, fields, env, i, each) {
			run.Missing = true
			return
		}
		run.Uses(resolve(uses, i, each)...)
		run.Uses(resolve(c.reads, i, each)...)
		for _, l := range c.lets {
			run.Uses(l.reads...)
		}
		ptr := strings.ReplaceAll(c.at.s, "{i}", strconv.Itoa(i))
		if c.when != nil {
			if ok, err := c.when.run(env); err != nil || ok != true {
				continue
			}
		}
		if c.failIf != nil {
			bad, err := c.failIf.run(env)
			if err != nil {
				run.Missing = true
				return
			}
			if bad == true {
				msg, err := c.message.render(env)
				if err != nil {
					msg = fmt.Sprintf("%s (the message could not be written: %v)", c.message.parts[0], err)
				}
				run.Failf(ptr, "%s", msg)
				return
			}
			continue
		}
		v, err := c.expect.run(env)
		want, isNum := numeric(v)
		if err != nil || !isNum {
			run.Missing = true
			return
		}
		how := "the rule"
		if c.how != nil {
			how, _ = c.how.render(env)
		}
		if c.tol == nil {
			failed := run.Failed()
			run.Expect(ptr, want, how)
			if run.Failed() != failed {
				return
			}
			continue
		}
		got, ok := run.A.Num(ptr)
		if !ok {
			run.Missing = true
			return
		}
		if !approx(got, want, c.tol.Rel, c.tol.Abs) {
			run.Failf(ptr, "%s is %s, but %s gives %s", run.A.Named(ptr), run.A.Shown(ptr), how, units.Format(want, run.A.Unit(ptr)))
			return
		}
	}
}

// ready reports whether the answer holds everything the test reads, and
// the lets it uses could be computed.
func (c *check) ready(run *engine.Run, fields *engine.Field, env map[string]any, i int, each string) bool {
	if !present(run.A, fields, c.reads, i, each) {
		return false
	}
	for _, l := range c.lets {
		if _, ok := env[l.name]; !ok || env[l.name] == nil {
			return false
		}
	}
	return true
}

// resolve turns the reads of an item ("{i}/w_ms", "/mm1/points/{i}/l") into
// its pointers.
func resolve(ptrs []string, i int, each string) []string {
	out := make([]string, 0, len(ptrs))
	for _, p := range ptrs {
		if rest, ok := strings.CutPrefix(p, "{i}"); ok {
			p = each + "/" + strconv.Itoa(i) + rest
		}
		out = append(out, strings.ReplaceAll(p, "{i}", strconv.Itoa(i)))
	}
	return out
}

// kind reads a rule's kind, pass and fail: every rule says whether the
// engine proves its findings (computed) or reads prose (reading), and a
// reading is at most a warning, as for the built-in katas.
func (b *builder) kind(r *engine.Rule, d ruleDecl) bool {
	ok := true
	switch d.Kind.s {
	case "computed":
		r.Kind = engine.Computed
	case "reading":
		r.Kind = engine.Reading
		if r.Severity == engine.Error {
			b.failf(d.Severity.at, "rule %s: a reading (kind: reading) rests on reading prose, so it is at most a warning: make it severity: warning, or kind: computed if the engine proves it from the answer", r.ID)
			ok = false
		}
	case "":
		b.failf(d.ID.at, "rule %s needs a kind: computed (the engine proves its findings from the answer) or reading (they rest on reading prose)", r.ID)
		ok = false
	default:
		b.failf(d.Kind.at, "rule %s: kind is computed or reading, not %q", r.ID, d.Kind.s)
		ok = false
	}
	r.Pass, r.Fail = d.Pass.s, d.Fail.s
	if r.Pass == "" || r.Fail == "" {
		b.failf(d.ID.at, "rule %s needs pass: and fail:, a one-line example of an answer that passes and one that fails (katabook explain shows them)", r.ID)
		ok = false
	}
	return ok
}

// uses are the rule's uses: pointers, each a field of the schema.
func (b *builder) uses(rule string, decls []text, each string) []string {
	var out []string
	for _, u := range decls {
		if !strings.HasPrefix(u.s, "/") || b.fields.Find(strings.ReplaceAll(u.s, "{i}", "0")) == nil {
			b.failf(u.at, "rule %s: uses: %s is not a field of the schema (a JSON pointer, e.g. /little/l_computed)", rule, u.s)
			continue
		}
		out = append(out, u.s)
	}
	return out
}
