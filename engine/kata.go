package engine

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"regexp"
	"sort"
	"strings"

	"github.com/santhosh-tekuri/jsonschema/v5"
)

// kata is everything the engine knows about one kata: its schema and its
// executable rules. Each kata's rules live in their own file (queue.go…).
type kata struct {
	id      string
	title   string
	rules   []Rule
	figures func(a *Answer) map[string]any
	drill   func(rng *rand.Rand) *drillCase // a fluency drill, if the kata has one
	// exports are the formats a passing answer can be turned into.
	exports []exporter

	schemaSrc []byte
	schema    *jsonschema.Schema
	fields    *Field
}

// Rule is one executable check of a kata.
type Rule struct {
	ID       string
	Severity Severity
	// Title says in a few words what the rule checks (shown as a summary).
	Title string
	// Help explains the rule and how to get it right (katabook explain, SARIF).
	Help  string
	check func(r *ruleRun)
}

// katas lists every kata the engine checks, in course order. Adding a kata
// adds one line here, one schema and one rules file.
func katas() []*kata {
	return []*kata{sloKata(), limiterKata(), queueKata(), incidentKata()}
}

func (k *kata) load(src []byte) error {
	var head struct {
		ID string `json:"$id"`
	}
	if err := json.Unmarshal(src, &head); err != nil {
		return err
	}
	if !strings.Contains(head.ID, "://") {
		// Under js/wasm a relative id makes the compiler call os.Getwd.
		return fmt.Errorf("$id %q must be an absolute URL", head.ID)
	}
	c := jsonschema.NewCompiler()
	c.Draft = jsonschema.Draft2020
	c.LoadURL = func(u string) (io.ReadCloser, error) {
		return nil, fmt.Errorf("schemas are self-contained; will not load %s", u)
	}
	if err := c.AddResource(head.ID, bytes.NewReader(src)); err != nil {
		return err
	}
	s, err := c.Compile(head.ID)
	if err != nil {
		return err
	}
	f, err := parseFields(src)
	if err != nil {
		return err
	}
	k.schemaSrc, k.schema, k.fields = src, s, f
	return nil
}

var quotedRE = regexp.MustCompile(`'([^']*)'`)

// validate checks the answer against the schema, one finding per leaf error.
func (k *kata) validate(a *Answer) []Finding {
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
func (k *kata) schemaFindings(a *Answer, e *jsonschema.ValidationError) []Finding {
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
			out = append(out, at(ptr, fmt.Sprintf("%s is not answered yet (%s)", k.label(ptr), dotted(ptr))))
		}
		return out
	case "additionalProperties":
		var out []Finding
		for _, m := range quotedRE.FindAllStringSubmatch(e.Message, -1) {
			ptr := e.InstanceLocation + "/" + escapePointer(m[1])
			out = append(out, at(ptr, fmt.Sprintf("%s is not a field of this kata; the fields here are %s",
				dotted(ptr), k.fieldNames(e.InstanceLocation))))
		}
		return out
	}
	return []Finding{at(e.InstanceLocation, fmt.Sprintf("%s: %s", k.label(e.InstanceLocation), e.Message))}
}

func (k *kata) label(ptr string) string {
	if f := k.fields.Find(ptr); f != nil {
		return f.Label()
	}
	return dotted(ptr)
}

func (k *kata) fieldNames(ptr string) string {
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

// dotted writes a JSON pointer the way a YAML author reads it: a.b[2].c.
func dotted(ptr string) string {
	var b strings.Builder
	for _, p := range splitPointer(ptr) {
		if p != "" && strings.Trim(p, "0123456789") == "" {
			b.WriteString("[" + p + "]")
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
// schema findings already say what is missing).
func (k *kata) run(a *Answer) ([]RuleResult, []Finding) {
	var results []RuleResult
	var out []Finding
	for i := range k.rules {
		rule := &k.rules[i]
		r := &ruleRun{rule: rule, a: a}
		rule.check(r)
		status := "pass"
		switch {
		case len(r.out) > 0:
			status = "fail"
		case r.missing:
			status = "skip"
		}
		results = append(results, RuleResult{Rule: rule.ID, Title: rule.Title, Status: status})
		out = append(out, r.out...)
	}
	return results, out
}
