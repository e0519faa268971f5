package engine

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/santhosh-tekuri/jsonschema/v5"
)

// Kata is one kind of exercise, as a goldmark Extender is one feature of
// a Markdown parser: a value that tells the engine everything it needs.
// The engine core knows no particular kata; each built-in kata is its own
// package under engine/kata/, and engine.New takes the katas it should
// check (WithKatas). A *Spec is a Kata; a kata declared in files makes
// its Spec from them.
type Kata interface {
	Spec() *Spec
}

// Spec is what a kata gives the engine.
//
// Everything a kata computes reads the course's values of its parameters
// (Params), never a constant of its own, so that a course author who sets
// `params:` in a workbook gets checks, messages, figures and drills for
// those numbers.
type Spec struct {
	// ID is the kata's id, the `kata:` of a submission (e.g. "queue").
	ID string
	// Title names the kata for people.
	Title string
	// Schema is the answer's JSON Schema (draft 2020-12) with an absolute
	// $id. Its descriptions may show parameters: {{param "mu_rps"}}.
	Schema []byte
	// Params are the numbers the kata checks against, with defaults.
	Params []Param
	// CheckParams says what is impossible in one set of parameter values
	// (a burst below the rate), beyond each value's own type. Optional.
	CheckParams func(p Params) error
	// Rules are the kata's executable checks, run in order.
	Rules []Rule
	// Figures returns the data of the page's charts and field hints.
	// Optional; only the page asks for it.
	Figures func(a *Answer, p Params) map[string]any
	// Drill returns a fluency exercise made from rng alone. Optional.
	Drill func(rng *rand.Rand, p Params) *DrillCase
	// Exports are the documents a passing answer can be turned into.
	Exports []Exporter
}

// Spec returns s itself: a Spec is a Kata.
func (s *Spec) Spec() *Spec { return s }

// Rule is one executable check of a kata.
type Rule struct {
	ID       string
	Severity Severity
	// Title says in a few words what the rule checks (shown as a summary).
	Title string
	// Help explains the rule and how to get it right (katabook explain,
	// SARIF). It may show parameters: {{param "mu_rps"}}.
	Help string
	// Kind says how the rule knows: Computed (arithmetic, a parsed query, a
	// simulation or bound, structure, the order of times) or Reading (it
	// reads prose). A Reading is at most a warning: the engine refuses a
	// kata whose reading rule is an error.
	Kind Kind
	// Pass and Fail are one-line examples of an answer the rule passes and
	// one it fails, shown by katabook explain.
	Pass, Fail string
	// Check reads the answer through r and reports through it; a rule
	// whose inputs are missing is skipped, not failed.
	Check func(r *Run)
}

// Kind is how a rule comes to its verdict: by computing or by reading.
type Kind string

// The kinds of rule. The severity policy: only what the engine computes
// from the answer can be an error; what rests on reading prose is at most
// a warning, and says that it is a reading.
const (
	Computed Kind = "computed"
	Reading  Kind = "reading"
)

// loaded is a kata as one engine runs it: compiled schema, field tree and
// the course's parameter values.
type loaded struct {
	*Spec
	params    Params
	rules     []Rule // with Help's parameters filled in
	schemaSrc []byte // with descriptions' parameters filled in
	schema    *jsonschema.Schema
	fields    *Field
}

// load compiles the kata's schema; prechecked skips validating it against
// the metaschema, which the build has done (Prechecked).
func load(k *Spec, p Params, prechecked bool) (*loaded, error) {
	src := []byte(p.Expand(string(k.Schema)))
	var head struct {
		ID string `json:"$id"`
	}
	if err := json.Unmarshal(src, &head); err != nil {
		return nil, err
	}
	if !strings.Contains(head.ID, "://") {
		// Under js/wasm a relative id makes the compiler call os.Getwd.
		return nil, fmt.Errorf("$id %q must be an absolute URL", head.ID)
	}
	c := jsonschema.NewCompiler()
	c.Draft = jsonschema.Draft2020
	c.SkipSchemaCheck = prechecked
	c.LoadURL = func(u string) (io.ReadCloser, error) {
		return nil, fmt.Errorf("schemas are self-contained; will not load %s", u)
	}
	if err := c.AddResource(head.ID, bytes.NewReader(src)); err != nil {
		return nil, err
	}
	s, err := c.Compile(head.ID)
	if err != nil {
		return nil, err
	}
	f, err := parseFields(src)
	if err != nil {
		return nil, err
	}
	rules := append([]Rule(nil), k.Rules...)
	for i := range rules {
		if rules[i].Kind == Reading && rules[i].Severity == Error {
			return nil, fmt.Errorf("rule %s reads prose, so it can be a warning at most, not an error", rules[i].ID)
		}
		rules[i].Help = p.Expand(rules[i].Help)
		rules[i].Title = p.Expand(rules[i].Title)
	}
	return &loaded{Spec: k, params: p, rules: rules, schemaSrc: src, schema: s, fields: f}, nil
}

var quotedRE = regexp.MustCompile(`'([^']*)'`)

// validate checks the answer against the schema, one finding per leaf error.
func (k *loaded) validate(a *Answer) []Finding {
	err := k.schema.Validate(a.Value)
	ve, ok := err.(*jsonschema.ValidationError)
	if !ok {
		if err != nil {
			return []Finding{{Rule: "schema/invalid", Severity: Error, Line: a.base.Line, Col: a.base.Col, Message: err.Error()}}
		}
		return nil
	}
	var out []Finding
	var leaves func(e *jsonschema.ValidationError)
	leaves = func(e *jsonschema.ValidationError) {
		if len(e.Causes) > 0 {
			for _, c := range e.Causes {
				leaves(c)
			}
			return
		}
		out = append(out, k.schemaFindings(a, e)...)
	}
	leaves(ve)
	return out
}

// schemaFindings turns one schema error into findings that name the field
// in the learner's terms and sit on the field's own line.
func (k *loaded) schemaFindings(a *Answer, e *jsonschema.ValidationError) []Finding {
	kw := e.KeywordLocation[strings.LastIndex(e.KeywordLocation, "/")+1:]
	at := func(ptr, msg string) Finding {
		l := a.Loc(ptr)
		return Finding{Rule: "schema/" + kw, Severity: Error, Pointer: ptr, Line: l.Line, Col: l.Col, Message: msg}
	}
	switch kw {
	case "required":
		var out []Finding
		for _, m := range quotedRE.FindAllStringSubmatch(e.Message, -1) {
			ptr := e.InstanceLocation + "/" + escapePointer(m[1])
			out = append(out, at(ptr, fmt.Sprintf("%s is not answered yet (%s)", k.label(ptr), Dotted(ptr))))
		}
		return out
	case "additionalProperties":
		var out []Finding
		for _, m := range quotedRE.FindAllStringSubmatch(e.Message, -1) {
			ptr := e.InstanceLocation + "/" + escapePointer(m[1])
			out = append(out, at(ptr, fmt.Sprintf("%s is not a field of this kata; the fields here are %s",
				Dotted(ptr), k.fieldNames(e.InstanceLocation))))
		}
		return out
	}
	return []Finding{at(e.InstanceLocation, fmt.Sprintf("%s: %s", k.label(e.InstanceLocation), e.Message))}
}

func (k *loaded) label(ptr string) string {
	if f := k.fields.Find(ptr); f != nil {
		return f.Label()
	}
	return Dotted(ptr)
}

func (k *loaded) fieldNames(ptr string) string {
	f := k.fields.Find(ptr)
	if f == nil {
		return "none"
	}
	var names []string
	for _, c := range f.Fields {
		names = append(names, c.Name)
	}
	sort.Strings(names)
	return strings.Join(names, ", ")
}

// Dotted writes a JSON pointer the way people read it: a.b #3.c for
// /a/b/2/c. List entries are counted from 1, as messages count them
// ("entry 3"), though the pointer counts from 0.
func Dotted(ptr string) string {
	var b strings.Builder
	for _, p := range splitPointer(ptr) {
		if p != "" && strings.Trim(p, "0123456789") == "" {
			i, _ := strconv.Atoi(p)
			b.WriteString(" #" + strconv.Itoa(i+1))
			continue
		}
		if b.Len() > 0 {
			b.WriteByte('.')
		}
		b.WriteString(p)
	}
	if b.Len() == 0 {
		return "the answer"
	}
	return b.String()
}

// run executes every rule; a rule whose inputs are missing is skipped (the
// schema findings already say what is missing). A finding of a rule that
// read an input on which an earlier finding already stands as an error, or
// that stands on such a field itself, follows from that one: it is folded
// under it (Follows), so that one slip is one finding, at its cause.
func (k *loaded) run(a *Answer, earlier []Finding) ([]RuleResult, []Finding) {
	var results []RuleResult
	var out []*Finding
	// The schema's findings stand on the field itself: a rule's finding on
	// that field follows from them too. A rule's finding on the field of
	// another rule's finding does not (two things wrong with one text).
	schema, causes := map[string]*Finding{}, map[string]*Finding{}
	for i := range earlier {
		if f := &earlier[i]; f.Severity == Error && f.Pointer != "" {
			schema[f.Pointer], causes[f.Pointer] = f, f
		}
	}
	for i := range k.rules {
		rule := &k.rules[i]
		r := &Run{rule: rule, A: a, P: k.params}
		rule.Check(r)
		status := "pass"
		switch {
		case len(r.out) > 0:
			status = "fail"
		case r.Missing:
			status = "skip"
		}
		results = append(results, RuleResult{Rule: rule.ID, Title: rule.Title, Status: status})
		var mine []*Finding
		for j := range r.out {
			f := &r.out[j]
			c := schema[f.Pointer]
			if c == nil {
				c = causeOf(causes, r.inputs[j], f.Pointer)
			}
			if c != nil {
				c.Follows = append(c.Follows, *f)
				continue
			}
			mine = append(mine, f)
		}
		// A rule's own findings become causes only after the rule: findings
		// of one rule never fold under each other.
		for _, f := range mine {
			if f.Severity == Error && f.Pointer != "" && causes[f.Pointer] == nil {
				causes[f.Pointer] = f
			}
		}
		out = append(out, mine...)
	}
	fs := make([]Finding, 0, len(out))
	for _, f := range k.foldWarnings(out, causes) {
		fs = append(fs, *f)
	}
	return results, fs
}

// foldWarnings folds a warning on a number under an error on the same
// number, whichever rule came first: one value, one thing to fix (the
// error proves what the warning only suspects, e.g. a unit slip).
func (k *loaded) foldWarnings(out []*Finding, causes map[string]*Finding) []*Finding {
	kept := out[:0:0]
	for _, f := range out {
		c := causes[f.Pointer]
		if field := k.fields.Find(f.Pointer); f.Severity == Warning && c != nil && c.Rule != f.Rule &&
			field != nil && (field.Type == "number" || field.Type == "integer") {
			c.Follows = append(c.Follows, *f)
			continue
		}
		kept = append(kept, f)
	}
	return kept
}

// causeOf returns the error standing on one of the inputs the rule read
// for a finding, other than the finding's own field, nil when there is none.
func causeOf(causes map[string]*Finding, inputs []string, at string) *Finding {
	for _, p := range inputs {
		if c := causes[p]; c != nil && p != at {
			return c
		}
	}
	return nil
}
