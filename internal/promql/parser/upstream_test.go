package parser_test

// The fork must accept and reject exactly what Prometheus does and print
// the same canonical query. These tests run both parsers on the same input
// and compare; FuzzAgainstUpstream (make fuzz) looks for any disagreement.

import (
	"strings"
	"testing"
	"time"

	fork "github.com/katabook/katabook/internal/promql/parser"
	upstream "github.com/prometheus/prometheus/promql/parser"
)

// queries covers what learners write for the SLO kata and the syntax around
// it: ratios, histograms, regex matchers, subqueries, offsets, @, quoted
// UTF-8 names, durations, and a range of mistakes.
var queries = []string{
	`sum(rate(http_requests_total{job="forecast",code!~"5.."}[1m])) / sum(rate(http_requests_total{job="forecast"}[1m]))`,
	`sum(rate(http_request_duration_seconds_bucket{job="forecast",le="0.3",code!~"5.."}[1m])) / sum(rate(http_request_duration_seconds_count{job="forecast"}[1m]))`,
	`count((time() - forecast_last_refresh_timestamp_seconds{job="forecast"}) < 900) / count(forecast_last_refresh_timestamp_seconds{job="forecast"})`,
	`histogram_quantile(0.99, sum by (le) (rate(http_request_duration_seconds_bucket[5m])))`,
	`avg_over_time((sum(rate(x[5m])) / sum(rate(y[5m])))[30d:5m])`,
	`1 - (sum(increase(errors_total[28d])) / sum(increase(requests_total[28d])))`,
	`rate(http_requests_total[5m] offset 1h)`,
	`rate(http_requests_total[5m] @ 1609746000)`,
	`{__name__="http_requests_total", code=~"2..|3.."}`,
	`{"my.utf8.metric", "label.with.dots"="v"}`,
	`sum without (instance) (rate(a[1h30m]))`,
	`a and on (job) b or c unless d`,
	`a > bool 0.5`,
	`-x ^ 2`,
	`0x1F + 1e3 + Inf - NaN`,
	`label_replace(up, "foo", "$1", "service", "(.*):.*")`,
	`max_over_time(deriv(rate(distance_covered_total[5s])[30s:5s])[10m:])`,
	`sum(rate(http_requests_total[5m])) by (job) / ignoring(code) group_left sum(rate(x[5m])) by (job)`,
	`topk(3, sum by (path) (rate(requests_total[1w])))`,
	`quantile_over_time(0.9, latency_seconds[1y])`,
	`rate(x[5m:])`,
	// mistakes
	`sum(rate(http_requests_total{job="forecast"}[1m])`,
	`rate(http_requests_total)`,
	`rate(http_requests_total[5x])`,
	`http_requests_total{code=~"5(.."}`,
	`http_requests_total{code=}`,
	`{}`,
	`{code=~".*"}`,
	`sum(x) by job`,
	`foo[5m] / bar[5m]`,
	`histogram_quantile(le, x)`,
	`unknown_function(x)`,
	`x[1m1d]`,
	`1 +`,
	`"unterminated`,
	`sum:ledger.reconcile.matched{env:prod}.as_count()`,
	``,
	`x offset -5m`,
	`a == on(x) group_left(y) b`,
	`count_values("v", x)`,
}

func parseBoth(t testing.TB, q string) (forkOut, upOut string) {
	f, ferr := fork.NewParser(fork.Options{}).ParseExpr(q)
	u, uerr := upstream.NewParser(upstream.Options{}).ParseExpr(q)
	show := func(s interface{ String() string }, err error) string {
		if err != nil {
			return "error: " + err.Error()
		}
		return s.String()
	}
	return show(f, ferr), show(u, uerr)
}

func TestForkAgreesWithUpstream(t *testing.T) {
	errs := 0
	for _, q := range queries {
		f, u := parseBoth(t, q)
		if f != u {
			t.Errorf("query %q\n fork:     %s\n upstream: %s", q, f, u)
		}
		if strings.HasPrefix(f, "error: ") {
			errs++
		}
	}
	// The list must exercise both sides, or agreement proves little.
	if errs < 10 || errs > len(queries)-10 {
		t.Fatalf("%d of %d queries fail to parse; the corpus lost its balance", errs, len(queries))
	}
}

// TestForkTree checks the parts of the tree the kata engine reads.
func TestForkTree(t *testing.T) {
	e, err := fork.NewParser(fork.Options{}).ParseExpr(`sum(rate(a{code!~"5..",le="0.3"}[5m])) / sum(rate(a[30m:1m]))`)
	if err != nil {
		t.Fatal(err)
	}
	var ranges []time.Duration
	var matchers []string
	fork.Inspect(e, func(n fork.Node, _ []fork.Node) error {
		switch x := n.(type) {
		case *fork.MatrixSelector:
			ranges = append(ranges, x.Range)
		case *fork.SubqueryExpr:
			ranges = append(ranges, x.Range)
		case *fork.VectorSelector:
			for _, m := range x.LabelMatchers {
				matchers = append(matchers, m.String())
				if m.Name == "code" && (m.Matches("503") || !m.Matches("200")) {
					t.Errorf("%s: matches 503 = %v, 200 = %v", m, m.Matches("503"), m.Matches("200"))
				}
			}
		}
		return nil
	})
	if got := len(ranges); got != 2 || ranges[0] != 5*time.Minute || ranges[1] != 30*time.Minute {
		t.Errorf("ranges = %v, want [5m 30m]", ranges)
	}
	if got := strings.Join(matchers, " "); got != `code!~"5.." le="0.3" __name__="a" __name__="a"` {
		t.Errorf("matchers = %s", got)
	}
}

func FuzzAgainstUpstream(f *testing.F) {
	for _, q := range queries {
		f.Add(q)
	}
	f.Fuzz(func(t *testing.T, q string) {
		if len(q) > 512 {
			return // long inputs only slow the search down
		}
		if fk, up := parseBoth(t, q); fk != up {
			t.Errorf("query %q\n fork:     %s\n upstream: %s", q, fk, up)
		}
	})
}
