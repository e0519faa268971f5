package declared

import (
	"math/rand/v2"
	"strings"

	"github.com/expr-lang/expr/types"
	"go.yaml.in/yaml/v3"

	"github.com/katabook/katabook/engine"
)

// figureDecl is one figure: a value computed from the answer for the
// page's chart, when its condition holds.
type figureDecl struct {
	When  text `yaml:"when"`
	Value text `yaml:"value"`
}

// figures compiles the figures mapping (name -> when, value).
func (b *builder) figures(n *yaml.Node) func(*engine.Answer, engine.Params) map[string]any {
	if n.Kind == 0 {
		return nil
	}
	type figure struct {
		name        string
		when, value *program
	}
	var figs []figure
	for i := 0; i+1 < len(n.Content); i += 2 {
		var d figureDecl
		at := pos{line: n.Content[i].Line, col: n.Content[i].Column}
		if err := n.Content[i+1].Decode(&d); err != nil {
			b.failf(at, "figure %s: %v", n.Content[i].Value, err)
			continue
		}
		if d.Value.s == "" {
			b.failf(at, "figure %s has no value: to draw", n.Content[i].Value)
			continue
		}
		f := figure{name: n.Content[i].Value, value: b.compile(d.Value, b.env, "")}
		if d.When.s != "" {
			f.when = b.compile(d.When, b.env, "")
		}
		figs = append(figs, f)
	}
	lets := b.lets
	return func(a *engine.Answer, p engine.Params) map[string]any {
		env := with(b.values, map[string]any{"answer": a.Value, "params": paramValues(p)})
		letValues(lets, a, b.fields, env)
		out := map[string]any{}
		for _, f := range figs {
			if f.value == nil || !present(a, b.fields, f.value.reads, -1, "") {
				continue
			}
			if f.when != nil {
				if ok, err := f.when.run(env); err != nil || ok != true {
					continue
				}
			}
			if v, err := f.value.run(env); err == nil {
				out[f.name] = v // non-finite numbers included: the page says it cannot draw them
			}
		}
		if len(out) == 0 {
			return nil
		}
		return out
	}
}

// drill compiles the fluency drill: its lets may pick(list) and random(),
// from the drill's seed alone.
func (b *builder) drill(d *drillDecl) func(*rand.Rand, engine.Params) *engine.DrillCase {
	env := typesWith(b.env, types.Map{
		"pick":   types.TypeOf(func(xs []any) any { return nil }),
		"random": types.TypeOf(func() float64 { return 0 }),
	})
	lets := b.compileLets(&d.Let, env)
	prompt, err := b.compileTemplate(d.Prompt.s, env, d.Prompt.at)
	if err != nil {
		b.fail(d.Prompt.at, err)
	}
	why, err := b.compileTemplate(d.Explanation.s, env, d.Explanation.at)
	if err != nil {
		b.fail(d.Explanation.at, err)
	}
	if d.Prompt.s == "" || len(d.Fields) == 0 {
		b.failf(d.Prompt.at, "a drill needs a prompt: and at least one field")
	}
	type field struct {
		f      engine.DrillField
		answer *program
	}
	var fields []field
	for _, f := range d.Fields {
		fields = append(fields, field{engine.DrillField{Name: f.Name.s, Label: f.Label.s, Unit: f.Unit.s, Choices: f.Choices}, b.compile(f.Answer, env, "")})
	}
	return func(rng *rand.Rand, p engine.Params) *engine.DrillCase {
		run := with(b.values, map[string]any{
			"params": paramValues(p),
			"pick": func(xs []any) any {
				if len(xs) == 0 {
					return nil
				}
				return xs[rng.IntN(len(xs))]
			},
			"random": rng.Float64,
		})
		for _, l := range lets {
			if v, err := l.prog.run(run); err == nil {
				run[l.name] = v
			}
		}
		text, _ := prompt.render(run)
		explanation, _ := why.render(run)
		c := &engine.DrillCase{Prompt: text}
		rights := map[string]any{}
		for _, f := range fields {
			c.Fields = append(c.Fields, f.f)
			if f.answer != nil {
				rights[f.f.Name], _ = f.answer.run(run)
			}
		}
		c.Judge = func(answers map[string]string) engine.DrillVerdict {
			for _, f := range fields {
				if !judge(answers, f.f.Name, rights[f.f.Name]) {
					return engine.DrillVerdict{Correct: false, Explanation: "Not quite: " + explanation}
				}
			}
			return engine.DrillVerdict{Correct: true, Explanation: "Right: " + explanation}
		}
		return c
	}
}

// judge compares one answer with the right one: a choice exactly, a number
// within the engine's rounding.
func judge(answers map[string]string, name string, right any) bool {
	if want, ok := numeric(right); ok {
		got, lit, ok := engine.DrillNumber(answers, name)
		return ok && engine.Near(got, lit, want)
	}
	return strings.TrimSpace(answers[name]) == show(right)
}
