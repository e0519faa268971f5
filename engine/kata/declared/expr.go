package declared

import (
	"errors"
	"fmt"
	"math"
	"regexp"
	"strings"
	"sync"

	"github.com/expr-lang/expr"
	"github.com/expr-lang/expr/ast"
	"github.com/expr-lang/expr/conf"
	"github.com/expr-lang/expr/file"
	"github.com/expr-lang/expr/parser"
	"github.com/expr-lang/expr/types"
	"github.com/expr-lang/expr/vm"

	"github.com/katabook/katabook/engine"
	"github.com/katabook/katabook/engine/kata/burn"
)

// The rule language is expr (github.com/expr-lang/expr): typed when it
// compiles, sandboxed (no I/O, no reflection beyond the values given), with
// line and column in its errors, a node limit when it compiles and a memory
// budget when it runs, so that a hostile rule fails the build or one
// check, never a page or a CI run. It builds for js/wasm as it does for
// the CLI.

// maxNodes bounds one expression's size; memoryBudget bounds the values one
// evaluation may build (expr counts every list and loop it allocates).
const (
	maxNodes     = 2000
	memoryBudget = 200_000
)

// program is one compiled expression with where it stood in the file.
type program struct {
	src  string
	prog *vm.Program
	at   pos
	// later, for a kata made Lazy, type-checks and compiles the expression
	// the first time it runs (Parse does it at once); once guards it.
	later func() (*vm.Program, error)
	once  sync.Once
	err   error
	// reads are the answer paths it needs (JSON pointers; the items of an
	// `each` list as "{i}/field"): a missing one skips the rule.
	reads []string
	// refs are every name it reads off answer, item and params, with its
	// byte offset, so that the build can say which one does not exist.
	refs []ref
	// idents are the plain names it uses (the rules file's lets among them).
	idents []string
}

// ref is one read of the answer, an item or a parameter.
type ref struct {
	root, path string // root "answer", "item" or "params"
	offset     int
}

// functions are the calls a rule may make besides expr's builtins: the
// engine's domain arithmetic and the rounding tolerance of its checks.
var functions = map[string]any{
	"approx":         approx,
	"budget_minutes": burn.BudgetMinutes,
	"burn_rate":      burn.Rate,
	// mm1_wait_ms and mm1_items: W = 1/(μ − λ) in ms, L = ρ/(1 − ρ).
	"mm1_wait_ms": func(mu, lam float64) float64 { return 1000 / (mu - lam) },
	"mm1_items": func(mu, lam float64) float64 {
		rho := lam / mu
		return rho / (1 - rho)
	},
	// deviation_pct(measured, computed): |measured − computed| / computed × 100.
	"deviation_pct": func(measured, computed float64) float64 {
		if computed == 0 {
			if measured == 0 {
				return 0
			}
			return math.Inf(1)
		}
		return math.Abs(measured-computed) / computed * 100
	},
	// convert(value, from, to) converts a quantity between units of time,
	// rate or share: convert(250, "ms", "s") is 0.25.
	"convert": convert,
	// given(x) is true when the learner answered x; its reads are optional.
	"given": func(x any) bool { return x != nil },
	// num(x) writes a number as the engine's messages do.
	"num": func(x float64) string { return engine.FormatNum(x) },
	// meant(stated, [implied...], need), slip_factor(stated, want, tol)
	// and slip_name(stated, meant, unit): an input written in another unit
	// than its derived answers used (slip.go).
	"meant":       meant,
	"slip_factor": slipFactor,
	"slip_name":   slipName,
	// find(text, pattern): the first match of a regular expression, or "".
	"find": find,
}

// approx(stated, want, rel, abs): stated is within rel × |want| or abs of
// want.
func approx(stated, want, rel, abs float64) bool {
	return math.Abs(stated-want) <= math.Max(rel*math.Abs(want), abs)*(1+1e-9)
}

var unitScale = map[string]float64{
	"ns": 1e-9, "us": 1e-6, "µs": 1e-6, "ms": 1e-3, "s": 1, "min": 60, "h": 3600, "d": 86400,
	"%": 0.01, "fraction": 1, "req/s": 1, "req/min": 1.0 / 60, "req/h": 1.0 / 3600,
}

var unitFamily = map[string]string{
	"ns": "time", "us": "time", "µs": "time", "ms": "time", "s": "time", "min": "time", "h": "time", "d": "time",
	"%": "share", "fraction": "share", "req/s": "rate", "req/min": "rate", "req/h": "rate",
}

func convert(v float64, from, to string) (float64, error) {
	if unitFamily[from] == "" || unitFamily[from] != unitFamily[to] {
		return 0, fmt.Errorf("cannot convert %s to %s", from, to)
	}
	return v * unitScale[from] / unitScale[to], nil
}

// compile compiles src for env (the names a rule can read); at places the
// expression in the rules file for its errors.
func (c *natures) compile(src string, env types.Map, at pos) (*program, error) {
	opts := []expr.Option{c.env(env), expr.MaxNodes(maxNodes), expr.DisableBuiltin("now"), expr.DisableBuiltin("date")}
	prog, err := expr.Compile(src, opts...)
	if err != nil {
		var fe *file.Error
		if errors.As(err, &fe) {
			return nil, at.shift(src, fe.From).errorf("%s", fe.Message)
		}
		return nil, at.errorf("%s", exprError(err))
	}
	p := &program{src: src, prog: prog, at: at}
	p.scan(prog.Node())
	return p, nil
}

// parseOnly reads src for what it reads (its syntax says that) and leaves
// the type check and the compiling to its first run: most rules of an
// empty or half-done answer never run, since their inputs are missing, and
// compiling every expression was most of making the queue kata on a page.
// For Lazy only, whose files the build has compiled in full.
func (c *natures) parseOnly(src string, env types.Map, at pos) (*program, error) {
	opts := []expr.Option{c.env(env), expr.MaxNodes(maxNodes), expr.DisableBuiltin("now"), expr.DisableBuiltin("date")}
	cfg := conf.CreateNew()
	for _, o := range opts {
		o(cfg)
	}
	for name := range cfg.Disabled {
		delete(cfg.Builtins, name)
	}
	tree, err := parser.ParseWithConfig(src, cfg)
	if err != nil {
		return nil, at.errorf("%s", exprError(err))
	}
	p := &program{src: src, at: at, later: func() (*vm.Program, error) { return expr.Compile(src, opts...) }}
	p.scan(tree.Node)
	return p, nil
}

// exprError keeps the first line of expr's message: the rest repeats the
// expression with a caret, which the file:line:col already gives.
func exprError(err error) string {
	msg, _, _ := strings.Cut(err.Error(), "\n")
	return msg
}

// run evaluates p with its memory budget; a budget exceeded or a runtime
// error (a value of another type, which the schema reports) is an error.
func (p *program) run(env map[string]any) (out any, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("%v", r)
		}
	}()
	if p.later != nil {
		p.once.Do(func() { p.prog, p.err = p.later() })
		if p.err != nil {
			return nil, p.err
		}
	}
	v := vm.VM{MemoryBudget: memoryBudget}
	return v.Run(p.prog, env)
}

// scan finds what an expression reads: each chain of fields off
// `answer`, `item` or `params` ("/measured/w_s", "{i}/lambda_rps"). The
// answer reads are required except inside given(...) or left of ??.
func (p *program) scan(root ast.Node) {
	seen := map[string]bool{}
	var walk func(n ast.Node, optional bool)
	walk = func(n ast.Node, optional bool) {
		switch x := n.(type) {
		case nil:
			return
		case *ast.IdentifierNode:
			p.idents = append(p.idents, x.Value)
			return
		case *ast.CallNode:
			if id, ok := x.Callee.(*ast.IdentifierNode); ok && id.Value == "given" {
				optional = true
			}
			for _, a := range x.Arguments {
				walk(a, optional)
			}
			return
		case *ast.BinaryNode:
			walk(x.Left, optional || x.Operator == "??")
			walk(x.Right, optional)
			return
		case *ast.MemberNode:
			if root, path, opt, ok := chain(x); ok {
				p.refs = append(p.refs, ref{root, path, x.Location().From})
				if root != "params" && !optional && !opt && !seen[path] {
					seen[path] = true
					p.reads = append(p.reads, path)
				}
				return
			}
			walk(x.Node, optional)
			walk(x.Property, optional)
			return
		}
		for _, c := range children(n) {
			walk(c, optional)
		}
	}
	walk(root, false)
}

// chain turns answer.a.b, item.c or params.d into its root and path, when
// every step is a plain name: "/a/b", "{i}/c", "d". A step taken with ?.
// (answer.measured.w_source?.statistic, for an object the learner may
// leave out) makes the read optional.
func chain(m *ast.MemberNode) (root, path string, optional, ok bool) {
	var parts []string
	var n ast.Node = m
	for {
		switch x := n.(type) {
		case *ast.MemberNode:
			s, ok := x.Property.(*ast.StringNode)
			if !ok {
				return "", "", false, false
			}
			optional = optional || x.Optional
			parts = append([]string{s.Value}, parts...)
			n = x.Node
			continue
		case *ast.ChainNode:
			n = x.Node
			continue
		case *ast.IdentifierNode:
			switch x.Value {
			case "answer":
				return x.Value, "/" + strings.Join(parts, "/"), optional, true
			case "item":
				return x.Value, "{i}/" + strings.Join(parts, "/"), optional, true
			case "params":
				return x.Value, strings.Join(parts, "/"), optional, true
			}
		}
		return "", "", false, false
	}
}

// children lists a node's direct sub-nodes, for the kinds an expression
// over answers is made of; others hold no answer reads of their own.
func children(n ast.Node) []ast.Node {
	switch x := n.(type) {
	case *ast.UnaryNode:
		return []ast.Node{x.Node}
	case *ast.ConditionalNode:
		return []ast.Node{x.Cond, x.Exp1, x.Exp2}
	case *ast.BuiltinNode:
		return x.Arguments
	case *ast.PredicateNode:
		return []ast.Node{x.Node}
	case *ast.ArrayNode:
		return x.Nodes
	case *ast.MapNode:
		return x.Pairs
	case *ast.PairNode:
		return []ast.Node{x.Key, x.Value}
	case *ast.SliceNode:
		return []ast.Node{x.Node, x.From, x.To}
	case *ast.ChainNode:
		return []ast.Node{x.Node}
	case *ast.VariableDeclaratorNode:
		return []ast.Node{x.Value, x.Expr}
	case *ast.SequenceNode:
		return x.Nodes
	}
	return nil
}

// templateRE finds the expressions a message shows: "λ = {{ item.lambda_rps }}".
var templateRE = regexp.MustCompile(`\{\{(.*?)\}\}`)

// template is a message with computed values in it.
type template struct {
	parts []string   // text between the expressions
	exprs []*program // len(parts) - 1 of them
}

func (b *builder) compileTemplate(s string, env types.Map, at pos) (*template, error) {
	t := &template{}
	last := 0
	for _, m := range templateRE.FindAllStringSubmatchIndex(s, -1) {
		t.parts = append(t.parts, s[last:m[0]])
		p, err := b.compileExpr(strings.TrimSpace(s[m[2]:m[3]]), env, at)
		if err != nil {
			return nil, err
		}
		t.exprs = append(t.exprs, p)
		last = m[1]
	}
	t.parts = append(t.parts, s[last:])
	return t, nil
}

// reads are the answer paths every expression of the message needs.
func (t *template) reads() []string {
	var out []string
	for _, p := range t.exprs {
		out = append(out, p.reads...)
	}
	return out
}

func (t *template) render(env map[string]any) (string, error) {
	var b strings.Builder
	for i, p := range t.exprs {
		b.WriteString(t.parts[i])
		v, err := p.run(env)
		if err != nil {
			return "", err
		}
		b.WriteString(show(v))
	}
	b.WriteString(t.parts[len(t.parts)-1])
	return b.String(), nil
}

// show writes a value into a message: numbers as the engine writes them,
// lists joined with commas.
func show(v any) string {
	switch x := v.(type) {
	case float64:
		return engine.FormatNum(x)
	case int:
		return engine.FormatNum(float64(x))
	case []any:
		parts := make([]string, len(x))
		for i, e := range x {
			parts[i] = show(e)
		}
		return strings.Join(parts, ", ")
	case nil:
		return "nothing"
	}
	return fmt.Sprint(v)
}
