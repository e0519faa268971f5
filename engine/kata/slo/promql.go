package slo

import (
	"fmt"
	"github.com/katabook/katabook/engine/kata/burn"
	"sort"
	"strings"
	"time"

	"github.com/katabook/katabook/internal/promql/labels"
	"github.com/katabook/katabook/internal/promql/parser"
)

// PromQL queries are parsed with Prometheus's own parser, the one promtool
// and the Prometheus server use (a synced copy cut loose from Prometheus's
// storage, internal/promql), so a query the kata accepts is a query
// Prometheus accepts. The checks below read the parsed tree, never the text.

// sliQuery is a parsed SLI query split into its ratio.
type sliQuery struct {
	expr        parser.Expr
	good, total parser.Expr // numerator and denominator; nil when not a ratio
}

func parsePromQL(q string) (parser.Expr, error) {
	return parser.NewParser(parser.Options{}).ParseExpr(q)
}

// parseSLI parses a query and splits a top-level division into good/total.
func parseSLI(q string) (*sliQuery, error) {
	e, err := parsePromQL(q)
	if err != nil {
		return nil, err
	}
	s := &sliQuery{expr: e}
	if b, ok := unparen(e).(*parser.BinaryExpr); ok && b.Op == parser.DIV {
		s.good, s.total = b.LHS, b.RHS
	}
	return s, nil
}

func unparen(e parser.Expr) parser.Expr {
	for {
		p, ok := e.(*parser.ParenExpr)
		if !ok {
			return e
		}
		e = p.Expr
	}
}

// selectors lists the series selectors under e.
func selectors(e parser.Expr) []*parser.VectorSelector {
	var out []*parser.VectorSelector
	parser.Inspect(e, func(n parser.Node, _ []parser.Node) error {
		if vs, ok := n.(*parser.VectorSelector); ok {
			out = append(out, vs)
		}
		return nil
	})
	return out
}

// ranges lists the range of every range selector and subquery under e.
func ranges(e parser.Expr) []time.Duration {
	var out []time.Duration
	parser.Inspect(e, func(n parser.Node, _ []parser.Node) error {
		switch x := n.(type) {
		case *parser.MatrixSelector:
			out = append(out, x.Range)
		case *parser.SubqueryExpr:
			out = append(out, x.Range)
		}
		return nil
	})
	return out
}

// metricName is the metric a selector names, by name or __name__="…".
func metricName(vs *parser.VectorSelector) string {
	if vs.Name != "" {
		return vs.Name
	}
	for _, m := range vs.LabelMatchers {
		if m.Name == labels.MetricName && m.Type == labels.MatchEqual {
			return m.Value
		}
	}
	return ""
}

// histogramSuffixes are the series a classic histogram exposes; they belong
// to one metric family.
var histogramSuffixes = []string{"_bucket", "_count", "_sum"}

// family is the metric family of a series name: a histogram's _bucket,
// _count and _sum series share one.
func family(name string) string {
	for _, s := range histogramSuffixes {
		if strings.HasSuffix(name, s) {
			return strings.TrimSuffix(name, s)
		}
	}
	return name
}

// families lists the metric families the selectors under e read, sorted.
func families(e parser.Expr) []string {
	set := map[string]bool{}
	for _, vs := range selectors(e) {
		set[family(metricName(vs))] = true
	}
	var out []string
	for f := range set {
		out = append(out, f)
	}
	sort.Strings(out)
	return out
}

// missingMatchers returns the matchers of total's selectors that good's
// selectors lack: good must count a subset of what total counts, so it
// keeps every filter of total and may add its own.
func missingMatchers(good, total parser.Expr) []string {
	have := map[string]bool{}
	for _, vs := range selectors(good) {
		for _, m := range vs.LabelMatchers {
			have[m.String()] = true
		}
	}
	var out []string
	seen := map[string]bool{}
	for _, vs := range selectors(total) {
		for _, m := range vs.LabelMatchers {
			if m.Name == labels.MetricName || have[m.String()] || seen[m.String()] || allBuckets(m) {
				continue
			}
			seen[m.String()] = true
			out = append(out, m.String())
		}
	}
	return out
}

// allBuckets reports whether m is le="+Inf": a histogram's bucket of every
// observation, as many as its _count, so every le bucket is a subset of it.
func allBuckets(m *labels.Matcher) bool {
	return m.Name == "le" && m.Type == labels.MatchEqual && (m.Value == "+Inf" || m.Value == "Inf" || m.Value == "inf" || m.Value == "+inf")
}

// statusLabel reports whether a label name holds an HTTP status or its
// class, or a gRPC status code.
func statusLabel(name string) bool {
	n := strings.ToLower(name)
	return strings.Contains(n, "code") || strings.Contains(n, "status")
}

// grpcLabel reports whether a status label holds gRPC codes, by number
// (OpenTelemetry's rpc_grpc_status_code) or by name (grpc_code="OK").
func grpcLabel(name string) bool { return strings.Contains(strings.ToLower(name), "grpc") }

// grpcDropsServerErrors reports whether a matcher on gRPC codes keeps OK
// and drops INTERNAL and UNAVAILABLE, the server's faults, in one of the
// spellings exporters use: numbers (OpenTelemetry), CamelCase
// (go-grpc-prometheus) or upper case.
func grpcDropsServerErrors(m *labels.Matcher) bool {
	for _, sp := range [][3]string{{"0", "13", "14"}, {"OK", "Internal", "Unavailable"}, {"OK", "INTERNAL", "UNAVAILABLE"}} {
		if m.Matches(sp[0]) && !m.Matches(sp[1]) && !m.Matches(sp[2]) {
			return true
		}
	}
	return false
}

// excludesServerErrors reports whether some selector under e filters on a
// status label with a matcher that keeps 200 and drops 500 and 503 (for a
// class label, keeps 2xx and drops 5xx; for gRPC, keeps OK and drops
// INTERNAL and UNAVAILABLE). The matcher itself decides, so code!~"5..",
// code=~"2..|3..", status!="500", grpc_code!~"Internal|Unavailable"… are
// judged by what they match, not by how they are written.
func excludesServerErrors(e parser.Expr) bool {
	for _, vs := range selectors(e) {
		for _, m := range vs.LabelMatchers {
			switch {
			case !statusLabel(m.Name):
			case grpcLabel(m.Name):
				if grpcDropsServerErrors(m) {
					return true
				}
			case m.Matches("200") && !m.Matches("500") && !m.Matches("503"):
				return true
			case m.Matches("2xx") && !m.Matches("5xx"):
				return true
			}
		}
	}
	return false
}

// recorded reports whether a series is a recording rule's output: its name
// has colons (level:metric:operations), and only the rule file says what
// it reads, which the query does not show.
func recorded(name string) bool { return strings.Contains(name, ":") }

// readsRecorded reports whether some selector under e reads a recorded series.
func readsRecorded(e parser.Expr) bool {
	for _, vs := range selectors(e) {
		if recorded(metricName(vs)) {
			return true
		}
	}
	return false
}

// histogramUnit is the unit a histogram family's le bounds are in, from
// the unit its name ends with (Prometheus names carry their unit; seconds
// are the base unit and the default), and how many of it make a ms.
func histogramUnit(family string) (unit string, perMs float64) {
	f := strings.ToLower(family)
	for _, u := range []struct {
		suffixes []string
		unit     string
		perMs    float64
	}{
		{[]string{"_milliseconds", "_millis", "_ms"}, "ms", 1},
		{[]string{"_microseconds", "_micros", "_us"}, "µs", 1000},
	} {
		for _, s := range u.suffixes {
			if strings.HasSuffix(f, s) || strings.Contains(f, s+"_") {
				return u.unit, u.perMs
			}
		}
	}
	return "s", 0.001
}

// leBounds lists the values of le="…" matchers under e.
func leBounds(e parser.Expr) []string {
	var out []string
	for _, vs := range selectors(e) {
		for _, m := range vs.LabelMatchers {
			if m.Name == "le" {
				out = append(out, m.String())
			}
		}
	}
	return out
}

// readsBuckets reports whether e reads a histogram's _bucket series.
func readsBuckets(e parser.Expr) bool {
	for _, vs := range selectors(e) {
		if strings.HasSuffix(metricName(vs), "_bucket") {
			return true
		}
	}
	return false
}

// withRange returns the query with every range selector and subquery range
// set to d, for recording rules over the alert windows. A query without any
// range (a ratio of gauges) is averaged over d with a subquery of step.
func withRange(q string, d, step time.Duration) (string, error) {
	e, err := parsePromQL(q)
	if err != nil {
		return "", err
	}
	n := 0
	parser.Inspect(e, func(node parser.Node, _ []parser.Node) error {
		switch x := node.(type) {
		case *parser.MatrixSelector:
			x.Range, x.RangeExpr = d, nil
			n++
		case *parser.SubqueryExpr:
			x.Range, x.RangeExpr = d, nil
			n++
		}
		return nil
	})
	if n == 0 {
		return fmt.Sprintf("avg_over_time((%s)[%s:%s])", e.String(), burn.FormatDuration(d), burn.FormatDuration(step)), nil
	}
	return e.String(), nil
}

// ageBound is a comparison of an age with a number of seconds, as a
// freshness query built on a timestamp gauge writes it:
// (time() - m_timestamp_seconds) < 900, or m_timestamp_seconds > time() - 900.
type ageBound struct {
	text  string  // the comparison as written
	value float64 // the seconds compared with
}

// ageBounds lists the comparisons under e that keep what is younger than
// a number of seconds (time() counts seconds): the age time() - x below
// the number, or x above time() less the number, either way round.
func ageBounds(e parser.Expr) []ageBound {
	var out []ageBound
	parser.Inspect(e, func(n parser.Node, _ []parser.Node) error {
		b, ok := n.(*parser.BinaryExpr)
		if !ok {
			return nil
		}
		small, big := unparen(b.LHS), unparen(b.RHS)
		switch b.Op {
		case parser.LSS, parser.LTE:
		case parser.GTR, parser.GTE:
			small, big = big, small
		default:
			return nil
		}
		// time() - x < N
		if x, ok := sinceNow(small); ok && number(x) == nil {
			if lit := number(big); lit != nil {
				out = append(out, ageBound{b.String(), lit.Val})
			}
			return nil
		}
		// time() - N < x
		if x, ok := sinceNow(small); ok && number(big) == nil {
			out = append(out, ageBound{b.String(), number(x).Val})
		}
		return nil
	})
	return out
}

// sinceNow is x of time() - x.
func sinceNow(e parser.Expr) (parser.Expr, bool) {
	sub, ok := e.(*parser.BinaryExpr)
	if !ok || sub.Op != parser.SUB {
		return nil, false
	}
	c, ok := unparen(sub.LHS).(*parser.Call)
	if !ok || c.Func.Name != "time" {
		return nil, false
	}
	return unparen(sub.RHS), true
}

// number is e as a number literal, or nil.
func number(e parser.Expr) *parser.NumberLiteral {
	lit, _ := unparen(e).(*parser.NumberLiteral)
	return lit
}
