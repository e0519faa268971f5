// Package declared makes a kata from files a course author writes, with
// no Go: `<id>.schema.json` (the answer's JSON Schema) and
// `<id>.rules.yaml` (its parameters, rules, figures and drill, in the
// expr language). Rules compile once, when the course loads; every
// mistake in them is an error at its file, line and column.
//
// The package is pure: it reads the bytes it is given.
package declared

import (
	"errors"
	"fmt"
	"sort"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/katabook/katabook/engine"
)

// Error is a mistake in a kata's files, with its place.
type Error struct {
	File      string
	Line, Col int
	Msg       string
}

func (e *Error) Error() string { return fmt.Sprintf("%s:%d:%d: %s", e.File, e.Line, e.Col, e.Msg) }

// pos is a place in a file, for the errors of what stands there.
type pos struct {
	file      string
	line, col int
	// block is set for a literal block (|): its text starts on the next
	// line, indented by col - 1.
	block bool
}

func (p pos) errorf(format string, args ...any) error {
	return &Error{File: p.file, Line: p.line, Col: p.col, Msg: fmt.Sprintf(format, args...)}
}

// shift is the place of byte offset off of the text src that stands at p.
func (p pos) shift(src string, off int) pos {
	off = min(max(off, 0), len(src))
	before := src[:off]
	lines := strings.Count(before, "\n")
	col := off - strings.LastIndex(before, "\n") - 1
	switch {
	case p.block:
		return pos{file: p.file, line: p.line + 1 + lines, col: p.col + col}
	case lines > 0:
		return pos{file: p.file, line: p.line + lines, col: 1 + col}
	}
	return pos{file: p.file, line: p.line, col: p.col + col}
}

// text is a scalar of the rules file and where it stands.
type text struct {
	s  string
	at pos
}

func (t *text) UnmarshalYAML(n *yaml.Node) error {
	if n.Kind != yaml.ScalarNode {
		return &yaml.TypeError{Errors: []string{fmt.Sprintf("line %d: want text, not a list or mapping", n.Line)}}
	}
	col := n.Column
	if n.Style == yaml.DoubleQuotedStyle || n.Style == yaml.SingleQuotedStyle {
		col++
	}
	t.s, t.at = n.Value, pos{line: n.Line, col: col, block: n.Style == yaml.LiteralStyle || n.Style == yaml.FoldedStyle}
	if t.at.block {
		t.at.col = n.Column + 2 // the block's indentation, one level in
	}
	return nil
}

// rulesFile is the shape of <id>.rules.yaml.
type rulesFile struct {
	Title       text        `yaml:"title"`
	Params      []paramDecl `yaml:"params"`
	CheckParams []checkDecl `yaml:"check_params"`
	Let         yaml.Node   `yaml:"let"`
	Rules       []ruleDecl  `yaml:"rules"`
	Figures     yaml.Node   `yaml:"figures"`
	Drill       *drillDecl  `yaml:"drill"`
}

type paramDecl struct {
	Name    text      `yaml:"name"`
	Type    text      `yaml:"type"`
	Default yaml.Node `yaml:"default"`
	Unit    text      `yaml:"unit"`
	Meaning text      `yaml:"meaning"`
}

// checkDecl is one test a rule makes: a condition that fails (fail_if,
// with a message), or a value the answer at `at` must have (expect, within
// rounding or a tolerance, with how the engine computed it).
type checkDecl struct {
	At        text       `yaml:"at"`
	When      text       `yaml:"when"`
	FailIf    text       `yaml:"fail_if"`
	Message   text       `yaml:"message"`
	Expect    text       `yaml:"expect"`
	How       text       `yaml:"how"`
	Tolerance *tolerance `yaml:"tolerance"`
}

type tolerance struct {
	Rel float64 `yaml:"rel"`
	Abs float64 `yaml:"abs"`
}

type ruleDecl struct {
	ID       text `yaml:"id"`
	Severity text `yaml:"severity"`
	// Kind is computed (the engine proves the finding from the answer) or
	// reading (it rests on reading prose: at most a warning); Pass and Fail
	// are one-line examples of an answer each way, for katabook explain.
	Kind  text `yaml:"kind"`
	Pass  text `yaml:"pass"`
	Fail  text `yaml:"fail"`
	Title text `yaml:"title"`
	Help  text `yaml:"help"`
	// Uses are pointers the rule's findings follow from besides those its
	// expressions read: an error there folds this rule's findings under it.
	Uses []text `yaml:"uses"`
	// Each runs the rule once per item of the list at this pointer, with
	// `item` and `i` bound; `at` may say {i}.
	Each      text `yaml:"each"`
	checkDecl `yaml:",inline"`
	Checks    []checkDecl `yaml:"checks"`
}

type drillDecl struct {
	Let         yaml.Node    `yaml:"let"`
	Prompt      text         `yaml:"prompt"`
	Fields      []drillField `yaml:"fields"`
	Explanation text         `yaml:"explanation"`
}

type drillField struct {
	Name    text     `yaml:"name"`
	Label   text     `yaml:"label"`
	Unit    text     `yaml:"unit"`
	Choices []string `yaml:"choices"`
	// Answer is the right answer: a choice, or a number within rounding.
	Answer text `yaml:"answer"`
}

// Parse makes the kata id from its schema and rules files; schemaFile and
// rulesFile name them in errors. Every problem found is returned, joined.
func Parse(id, schemaFile string, schema []byte, rulesName string, rules []byte) (engine.Kata, error) {
	b, f, spec, err := head(id, schemaFile, schema, rulesName, rules)
	if err != nil {
		return nil, err
	}
	return b.finish(f, spec, false)
}

// head reads what the kata is (its title, schema and parameters) and
// leaves its expressions uncompiled: the builder, the file and the Spec
// to finish.
func head(id, schemaFile string, schema []byte, rulesName string, rules []byte) (*builder, *rulesFile, *engine.Spec, error) {
	var f rulesFile
	dec := yaml.NewDecoder(strings.NewReader(string(rules)))
	dec.KnownFields(true)
	if err := dec.Decode(&f); err != nil {
		return nil, nil, nil, &Error{File: rulesName, Line: yamlLine(err), Col: 1, Msg: strings.TrimPrefix(err.Error(), "yaml: ")}
	}
	fields, err := engine.SchemaFields(schema)
	if err != nil {
		return nil, nil, nil, &Error{File: schemaFile, Line: 1, Col: 1, Msg: err.Error()}
	}
	b := &builder{id: id, file: rulesName, fields: fields}
	spec := &engine.Spec{ID: id, Title: f.Title.s, Schema: schema}
	if spec.Title == "" {
		b.failf(pos{line: 1, col: 1}, "the rules file needs a title:")
	}
	spec.Params = b.params(f.Params)
	return b, &f, spec, nil
}

// finish compiles the kata's expressions into spec. checked says the
// build has already compiled the same files in full (Lazy): expressions
// then compile on their first run, and the cost check on a sample answer
// is not run again.
func (b *builder) finish(f *rulesFile, spec *engine.Spec, checked bool) (*engine.Spec, error) {
	b.later = checked
	b.env = b.baseEnv(spec.Params)
	spec.CheckParams = b.checkParams(f.CheckParams)
	b.lets = b.compileLets(&f.Let, b.env)
	for _, r := range f.Rules {
		if rule, ok := b.rule(r); ok {
			spec.Rules = append(spec.Rules, rule)
		}
	}
	spec.Figures = b.figures(&f.Figures)
	if f.Drill != nil {
		spec.Drill = b.drill(f.Drill)
	}
	if !checked && len(b.errs) == 0 {
		b.checkCost(spec.Params)
	}
	if len(b.errs) > 0 {
		sort.SliceStable(b.errs, func(i, j int) bool { return b.errs[i].Line < b.errs[j].Line })
		var joined []error
		for _, e := range b.errs {
			joined = append(joined, e)
		}
		return nil, errors.Join(joined...)
	}
	return spec, nil
}

// yamlLine reads the line yaml.v3 puts in its messages ("line 7: ...").
func yamlLine(err error) int {
	var line int
	msg := err.Error()
	if i := strings.Index(msg, "line "); i >= 0 {
		fmt.Sscanf(msg[i:], "line %d", &line)
	}
	return max(line, 1)
}
