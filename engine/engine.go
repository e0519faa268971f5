// Package engine is katabook's domain engine: it parses a kata submission
// (Markdown with YAML front matter and a `yaml answer` block), validates the
// answer against the kata's JSON Schema and runs the kata's executable checks.
//
// It is pure: no file or network I/O, no syscall/js, no package state. The
// CLI, the WebAssembly bridge and the tests all build one Engine from the
// schemas they are given and call Check, so the browser and CI can never
// disagree about an answer.
package engine

import (
	"encoding/hex"
	"errors"
	"fmt"
	"hash/fnv"
	"slices"
	"sort"
)

// Version is the engine's own version. Together with the schemas it makes
// the ruleset version shown by the site and the CLI.
const Version = "0.1.0"

// Severity says how serious a finding is.
type Severity string

// The severities a finding can carry. Only errors fail a submission.
const (
	Error   Severity = "error"
	Warning Severity = "warning"
)

// Finding is one thing wrong with a submission. A learner's wrong answer is
// a Finding, never a Go error.
type Finding struct {
	Rule     string   `json:"rule"`
	Severity Severity `json:"severity"`
	Message  string   `json:"message"`
	// Pointer is a JSON pointer into the answer ("" when the finding is not
	// about one answer field, e.g. front matter).
	Pointer string `json:"pointer"`
	// Line and Col locate the finding in the submitted Markdown file;
	// 1-based, 0 when unknown.
	Line int `json:"line"`
	Col  int `json:"col"`
	// Follows are the findings that only follow from this one (a derived
	// answer that is wrong because this input is): shown under it, not
	// counted again.
	Follows []Finding `json:"follows,omitempty"`
}

// RuleResult says whether one executable check passed for this answer.
type RuleResult struct {
	Rule   string `json:"rule"`
	Title  string `json:"title"`
	Status string `json:"status"` // "pass", "fail" or "skip" (inputs missing)
}

// Report is everything the engine says about one submission.
type Report struct {
	Kata     string       `json:"kata"`
	Ruleset  string       `json:"ruleset"`
	Meta     Meta         `json:"meta"`
	Findings []Finding    `json:"findings"`
	Rules    []RuleResult `json:"rules"`
	// Figures carries data the kata computed for charts (e.g. the M/M/1
	// curve), so the page draws what the engine computed.
	Figures map[string]any `json:"figures,omitempty"`
	// Readings says how numbers written with a unit were read, by pointer:
	// "250 ms = 0.25 s", for the page to show beside the field.
	Readings map[string]string `json:"readings,omitempty"`
	// answerLine is the line of the answer block's opening fence, 0 when
	// the file has none.
	answerLine int
	answer     any // the answer's value, for Answer
}

// Answer is the submission's answer as parsed (maps, lists, strings,
// float64s, bools), nil when it has none that could be read: what a
// caller that counts answers (the cohort report) reads without parsing
// the file again.
func (r *Report) Answer() any { return r.answer }

// HasAnswer reports whether the submission has an answer block (valid
// YAML or not): a file that names no kata but has one is a broken
// submission, not a README.
func (r *Report) HasAnswer() bool { return r.answerLine > 0 }

// Errors counts the error findings.
func (r *Report) Errors() int { return r.count(Error) }

// Warnings counts the warning findings.
func (r *Report) Warnings() int { return r.count(Warning) }

func (r *Report) count(s Severity) int {
	n := 0
	for _, f := range r.Findings {
		if f.Severity == s {
			n++
		}
	}
	return n
}

// Engine checks submissions for every kata it knows.
type Engine struct {
	cfg     config // what it was made with, for Course
	shared  *sharedMemo
	katas   map[string]*slot
	order   []string
	ruleset string
}

// Option configures an Engine, as goldmark's options configure a parser.
type Option func(*config)

type config struct {
	katas  []Kata
	order  []string // the course's order of kata ids, Katas' order
	params map[string]map[string]any
	noMemo bool
	limits map[string]int // kata id -> time limit in minutes (WithTimeLimits)
	// prechecked: katas are made when first needed, their schemas not
	// checked again (Prechecked).
	prechecked bool
}

// WithoutSharedMemo makes every check compute its costly derivations (the
// limiter's simulation) itself: the cost of a cohort in which no two
// answers share one, which the benchmarks measure.
func WithoutSharedMemo() Option { return func(c *config) { c.noMemo = true } }

// WithKatas adds katas to the engine, in course order.
func WithKatas(k ...Kata) Option {
	return func(c *config) { c.katas = append(c.katas, k...) }
}

// WithParams sets a course's values of one kata's parameters (from a
// workbook's `params:`); the rest keep their defaults.
func WithParams(kata string, values map[string]any) Option {
	return func(c *config) {
		if c.params == nil {
			c.params = map[string]map[string]any{}
		}
		c.params[kata] = values
	}
}

// New builds an engine that checks the katas it is given, with the
// course's parameters. Unknown or impossible parameters are errors
// (*ParamError, joined), as are a kata id given twice and a bad schema.
func New(opts ...Option) (*Engine, error) {
	var c config
	for _, o := range opts {
		o(&c)
	}
	e := &Engine{cfg: c, katas: map[string]*slot{}, shared: newSharedMemo()}
	h := fnv.New128a() // identity, not security: a small hash keeps the WASM small
	fmt.Fprintf(h, "engine %s\n", Version)
	var errs []error
	for _, kk := range c.katas {
		k := headOf(kk)
		id := k.ID
		if _, dup := e.katas[id]; dup {
			return nil, fmt.Errorf("kata %q is given twice", id)
		}
		p, err := resolveParams(k, c.params[id])
		if err != nil {
			errs = append(errs, err)
			continue
		}
		s := &slot{kata: kk, head: k, params: p, values: c.params[id], prechecked: c.prechecked}
		if !c.prechecked {
			if _, err := s.get(); err != nil {
				return nil, err
			}
		}
		// The ruleset reads only what a kata is (its schema and the
		// values), so that an engine built Prechecked has the same one.
		src := k.Schema
		fmt.Fprintf(h, "%s %d\n%s", id, len(src), p.key())
		h.Write(src)
		e.katas[id] = s
		e.order = append(e.order, id)
	}
	for id := range c.params {
		if _, ok := e.katas[id]; !ok && !slices.ContainsFunc(c.katas, func(k Kata) bool { return headOf(k).ID == id }) {
			errs = append(errs, &ParamError{Kata: id, Msg: "no such kata"})
		}
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	if c.noMemo {
		e.shared = nil
	}
	if c.order != nil {
		// Katas the course orders first, in its order; the rest after, as given.
		rank := func(id string) int {
			if i := slices.Index(c.order, id); i >= 0 {
				return i
			}
			return len(c.order)
		}
		slices.SortStableFunc(e.order, func(a, b string) int { return rank(a) - rank(b) })
	}
	e.ruleset = Version + "+" + hex.EncodeToString(h.Sum(nil))[:12]
	return e, nil
}

// Course is an engine of this engine's katas and a course's own (declared
// in its files), with the course's parameters; order lists kata ids in
// the course's order (its workbooks'), which Katas then follows.
func (e *Engine) Course(katas []Kata, params map[string]map[string]any, order ...string) (*Engine, error) {
	c := e.cfg
	c.katas = append(append([]Kata(nil), c.katas...), katas...)
	c.params = params
	c.order = order
	return New(func(cc *config) { *cc = c })
}

// Params returns the parameters a kata declares and the values this
// engine checks against.
func (e *Engine) Params(id string) ([]Param, Params, bool) {
	s, ok := e.katas[id]
	if !ok {
		return nil, Params{}, false
	}
	return s.head.Params, s.params, true
}

// Ruleset identifies the engine version, the exact schemas it runs and the
// course's parameter values: the same submission checked against a course
// with other numbers shows another ruleset.
func (e *Engine) Ruleset() string { return e.ruleset }

// Katas lists the kata ids the engine knows, in course order.
func (e *Engine) Katas() []string { return append([]string(nil), e.order...) }

// Schema returns the JSON Schema source of a kata.
func (e *Engine) Schema(id string) ([]byte, bool) {
	k, ok := e.kata(id)
	if !ok {
		return nil, false
	}
	return k.schemaSrc, true
}

// Fields returns the ordered field tree of a kata's answer schema, used to
// build forms and to write answers in a stable order.
func (e *Engine) Fields(id string) (*Field, bool) {
	k, ok := e.kata(id)
	if !ok {
		return nil, false
	}
	return k.fields, true
}

// Check parses a submission and runs every check of its kata. It never
// panics on bad input: every problem comes back as a finding.
func (e *Engine) Check(src []byte) *Report { return e.check(src, false) }

// CheckWithFigures is Check plus the data of the kata's charts, which only
// the page draws; CI skips computing them.
func (e *Engine) CheckWithFigures(src []byte) *Report { return e.check(src, true) }

func (e *Engine) check(src []byte, figures bool) *Report {
	sub, findings := Parse(src)
	if sub.Answer != nil {
		sub.Answer.shared = e.shared
	}
	rep := &Report{Ruleset: e.ruleset, Meta: sub.Meta, Kata: sub.Meta.Kata, answerLine: sub.answerLine}
	s := e.katas[sub.Meta.Kata]
	var k *loaded
	var unmade error
	if s != nil {
		k, unmade = s.get()
	}
	switch {
	case sub.Meta.Kata == "":
		// Parse has said why there is no kata; nothing more can be checked.
	case unmade != nil:
		findings = append(findings, Finding{Rule: "submission/kata-unavailable", Severity: Error,
			Message: fmt.Sprintf("the kata %q cannot be checked here: %v (the page's engine is out of step with the course's files; rebuild the site)", sub.Meta.Kata, unmade),
			Line:    sub.metaLoc("kata").Line, Col: sub.metaLoc("kata").Col})
	case k == nil:
		findings = append(findings, Finding{Rule: "submission/unknown-kata", Severity: Error,
			Message: fmt.Sprintf("unknown kata %q: the katas are %s", sub.Meta.Kata, quoteList(e.order)),
			Line:    sub.metaLoc("kata").Line, Col: sub.metaLoc("kata").Col})
	case sub.Answer == nil && sub.answerLine == 0:
		findings = append(findings, Finding{Rule: "submission/no-answer", Severity: Error,
			Message: "no answer block: add a fenced block whose info string is `yaml answer` (katabook new " + k.ID + " writes one)",
			Line:    sub.bodyLine, Col: 1})
	case sub.Answer == nil:
		// The block is there but is not valid YAML: Parse reported where.
	default:
		sub.Answer.fields = k.fields
		readings, unitFindings, wrongUnit := k.readQuantities(sub.Answer)
		rep.Readings = readings
		rep.answer = sub.Answer.Value
		findings = append(findings, unitFindings...)
		for _, f := range k.validate(sub.Answer) {
			if !(f.Rule == "schema/type" && wrongUnit[f.Pointer]) {
				findings = append(findings, f)
			}
		}
		results, ruleFindings := k.run(sub.Answer, findings)
		findings = append(findings, ruleFindings...)
		rep.Rules = results
		if figures && k.Figures != nil {
			rep.Figures = k.Figures(sub.Answer, k.params)
		}
	}
	findings = append(findings, e.checkRun(sub)...)
	sortFindings(findings)
	if len(findings) > MaxFindings {
		extra := len(findings) - MaxFindings
		findings = append(findings[:MaxFindings], Finding{Rule: "submission/too-many-findings", Severity: Error,
			Message: fmt.Sprintf("%d more findings not shown (at most %d per file)", extra, MaxFindings), Line: 1, Col: 1})
	}
	rep.Findings = findings
	if rep.Findings == nil {
		rep.Findings = []Finding{}
	}
	return rep
}

func sortFindings(fs []Finding) {
	sort.SliceStable(fs, func(i, j int) bool {
		a, b := fs[i], fs[j]
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		if a.Col != b.Col {
			return a.Col < b.Col
		}
		if a.Rule != b.Rule {
			return a.Rule < b.Rule
		}
		return a.Message < b.Message
	})
}

func quoteList(ids []string) string {
	s := ""
	for i, id := range ids {
		if i > 0 {
			s += ", "
		}
		s += "`" + id + "`"
	}
	return s
}
