// Package labels holds the part of Prometheus's model/labels that the PromQL
// parser uses: label pairs and matchers. Upstream matchers compile regular
// expressions with grafana/regexp and a set of optimisations for a query
// engine that evaluates them millions of times; the kata engine evaluates a
// handful, so the standard library's regexp with Prometheus's anchoring and
// flags is enough and keeps the WebAssembly small. Names, types and
// behaviour follow Prometheus v0.316.0 (Apache License 2.0, see ../LICENSE);
// labels_test.go checks them against upstream.
package labels

import (
	"regexp"
	"regexp/syntax"
	"sort"
	"strconv"
	"strings"
)

// MetricName is the label that holds a series' metric name.
const MetricName = "__name__"

// Label is a name/value pair.
type Label struct {
	Name, Value string
}

// Labels is a sorted set of labels.
type Labels []Label

// New returns the labels sorted by name. (sort rather than slices: the
// generic sort would add its own copy of the sorting code to the engine's
// WebAssembly for this one type.)
func New(ls ...Label) Labels {
	out := append(Labels(nil), ls...)
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

// Builder edits a copy of a label set.
type Builder struct{ ls Labels }

// NewBuilder starts from base.
func NewBuilder(base Labels) *Builder { return &Builder{ls: append(Labels(nil), base...)} }

// Set sets name to value; an empty value deletes the label, as upstream.
func (b *Builder) Set(name, value string) *Builder {
	kept := b.ls[:0]
	for _, l := range b.ls {
		if l.Name != name {
			kept = append(kept, l)
		}
	}
	b.ls = kept
	if value != "" {
		b.ls = append(b.ls, Label{Name: name, Value: value})
	}
	return b
}

// Labels returns the built set, sorted.
func (b *Builder) Labels() Labels { return New(b.ls...) }

// MatchType is the comparison a matcher makes.
type MatchType int

// The matcher types, in Prometheus's order.
const (
	MatchEqual MatchType = iota
	MatchNotEqual
	MatchRegexp
	MatchNotRegexp
)

var matchTypeToStr = [...]string{
	MatchEqual:     "=",
	MatchNotEqual:  "!=",
	MatchRegexp:    "=~",
	MatchNotRegexp: "!~",
}

func (m MatchType) String() string {
	if m < MatchEqual || m > MatchNotRegexp {
		panic("unknown match type")
	}
	return matchTypeToStr[m]
}

// Matcher selects series by one label.
type Matcher struct {
	Type  MatchType
	Name  string
	Value string

	re *regexp.Regexp
}

// NewMatcher returns a matcher; a regular expression is anchored at both
// ends and lets . match a newline, as in Prometheus.
func NewMatcher(t MatchType, n, v string) (*Matcher, error) {
	m := &Matcher{Type: t, Name: n, Value: v}
	if t == MatchRegexp || t == MatchNotRegexp {
		// Parse first so that a bad expression is reported as written,
		// not with the anchors added below.
		parsed, err := syntax.Parse(v, syntax.Perl|syntax.DotNL)
		if err != nil {
			return nil, err
		}
		m.re, err = regexp.Compile("^(?s:" + parsed.String() + ")$")
		if err != nil {
			return nil, err
		}
	}
	return m, nil
}

func (m *Matcher) String() string {
	var b strings.Builder
	if m.shouldQuoteName() {
		b.WriteString(strconv.Quote(m.Name))
	} else {
		b.WriteString(m.Name)
	}
	b.WriteString(m.Type.String())
	b.WriteString(strconv.Quote(m.Value))
	return b.String()
}

func (m *Matcher) shouldQuoteName() bool {
	for i, c := range m.Name {
		if c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (i > 0 && c >= '0' && c <= '9') {
			continue
		}
		return true
	}
	return m.Name == ""
}

// Matches reports whether the matcher matches the value s.
func (m *Matcher) Matches(s string) bool {
	switch m.Type {
	case MatchEqual:
		return s == m.Value
	case MatchNotEqual:
		return s != m.Value
	case MatchRegexp:
		return m.re.MatchString(s)
	case MatchNotRegexp:
		return !m.re.MatchString(s)
	}
	panic("labels.Matcher.Matches: invalid match type")
}
