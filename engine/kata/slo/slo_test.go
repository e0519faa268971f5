package slo

import (
	"github.com/katabook/katabook/engine"
	"github.com/katabook/katabook/engine/kata/burn"
	"github.com/katabook/katabook/internal/enginetest"
	"math"
	"os"
	"slices"
	"strings"
	"testing"
)

func readSLOGood(t testing.TB) string {
	t.Helper()
	src, err := os.ReadFile("testdata/slo-good.md")
	if err != nil {
		t.Fatal(err)
	}
	return string(src)
}

func approx(a, b float64) bool { return math.Abs(a-b) <= 1e-9*math.Max(1, math.Abs(b)) }

// TestBudgetWorkedExamples: 99.9% over 30 days is 43.2 minutes of budget,
// over 28 days 40.32.
func TestBudgetWorkedExamples(t *testing.T) {
	tests := []struct{ target, days, minutes, windowMin float64 }{
		{99.9, 30, 43.2, 43200},
		{99.9, 28, 40.32, 40320},
		{99, 30, 432, 43200},
		{99.99, 28, 4.032, 40320},
	}
	for _, tt := range tests {
		if got := burn.WindowMinutes(tt.days); got != tt.windowMin {
			t.Errorf("burn.WindowMinutes(%v) = %v, want %v", tt.days, got, tt.windowMin)
		}
		if got := burn.BudgetMinutes(tt.target, tt.days); !approx(got, tt.minutes) {
			t.Errorf("burn.BudgetMinutes(%v, %v) = %v, want %v", tt.target, tt.days, got, tt.minutes)
		}
	}
}

// TestBurnRates reproduces the kata's alerts and the Google SRE workbook's
// table (30 days: 2% in 1 h → 14.4, 5% in 6 h → 6, 10% in 3 days → 1).
func TestBurnRates(t *testing.T) {
	tests := []struct {
		name                   string
		share, windowH, alertH float64
		burn, ratioAt999       float64
	}{
		{"kata fast, 30 d", 0.05, 720, 1, 36, 0.036},
		{"kata fast, 28 d", 0.05, 672, 1, 33.6, 0.0336},
		{"kata slow, 30 d", 0.10, 720, 6, 12, 0.012},
		{"kata slow, 28 d", 0.10, 672, 6, 11.2, 0.0112},
		{"SRE workbook page", 0.02, 720, 1, 14.4, 0.0144},
		{"SRE workbook page, 6 h", 0.05, 720, 6, 6, 0.006},
		{"SRE workbook ticket", 0.10, 720, 72, 1, 0.001},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := burn.Rate(tt.share, tt.windowH, tt.alertH)
			if !approx(b, tt.burn) {
				t.Errorf("burn = %v, want %v", b, tt.burn)
			}
			if r := burn.Threshold(b, 99.9); !approx(r, tt.ratioAt999) {
				t.Errorf("error ratio at 99.9%% = %v, want %v", r, tt.ratioAt999)
			}
		})
	}
	if r := burn.Threshold(36, 97); r < 1 {
		t.Errorf("36× on 97%% is %v: it must be at least 1 (can never fire)", r)
	}
	if h := burn.HoursToExhaust(36, 720); h != 20 {
		t.Errorf("36× exhausts a 30-day budget in %v h, want 20", h)
	}
}

func TestSLOGoodPasses(t *testing.T) {
	rep := newEngine(t).CheckWithFigures([]byte(readSLOGood(t)))
	if len(rep.Findings) != 0 {
		t.Fatalf("want no findings, got %+v", rep.Findings)
	}
	for _, r := range rep.Rules {
		if r.Status != "pass" {
			t.Errorf("rule %s: %s, want pass", r.Rule, r.Status)
		}
	}
	hints, _ := rep.Figures["hints"].(map[string]string)
	if h := hints["/availability/justification"]; !strings.Contains(h, "99.95% → 21.6 min") || !strings.Contains(h, "99.8% → 86.4 min") {
		t.Errorf("availability hint %q lacks the 2× tighter and looser budgets", h)
	}
	if h := hints["/latency/justification"]; !strings.Contains(h, "150 ms") || !strings.Contains(h, "600 ms") {
		t.Errorf("latency hint %q lacks 150 and 600 ms", h)
	}
	chart, _ := rep.Figures["slo"].(map[string]any)
	if chart == nil || chart["window_days"] != 30.0 {
		t.Fatalf("slo chart figure = %+v", rep.Figures["slo"])
	}
}

// TestSLO28DaysPasses is the second worked example: the same SLO over 28
// days, where every number changes.
func TestSLO28DaysPasses(t *testing.T) {
	src := strings.ReplaceAll(readSLOGood(t), "window_days: 30", "window_days: 28")
	for _, r := range [][2]string{{"budget_minutes: 43.2", "budget_minutes: 40.32"},
		{"burn_rate: 36", "burn_rate: 33.6"}, {"error_ratio: 0.036", "error_ratio: 0.0336"},
		{"burn_rate: 12", "burn_rate: 11.2"}, {"error_ratio: 0.012", "error_ratio: 0.0112"},
		{"(99.95%, 21.6 min)", "(99.95%, 20.16 min)"}, {"(99.8%, 86.4 min)", "(99.8%, 80.64 min)"}} {
		src = strings.Replace(src, r[0], r[1], 1)
	}
	rep := newEngine(t).Check([]byte(src))
	if len(rep.Findings) != 0 {
		t.Fatalf("28-day document: want no findings, got %+v", rep.Findings)
	}
	// The 30-day table's burn on this 28-day SLO is named as such.
	rep = newEngine(t).Check([]byte(strings.Replace(src, "burn_rate: 33.6", "burn_rate: 36", 1)))
	if got := findingsOf(rep, "slo/burn-rate"); len(got) != 1 || !strings.Contains(got[0], "36 is the burn rate on a 30-day window") {
		t.Errorf("30-day burn on a 28-day SLO: %q", got)
	}
}

// replaceIn swaps the first line under the top-level key section that
// starts (after indentation) with old.
func replaceIn(t *testing.T, src, section, old, repl string) string {
	t.Helper()
	lines := strings.Split(src, "\n")
	in := section == ""
	for i, l := range lines {
		if !in {
			in = l == section+":"
			continue
		}
		if strings.HasPrefix(strings.TrimSpace(l), old) {
			indent := l[:len(l)-len(strings.TrimLeft(l, " "))]
			lines[i] = indent + repl
			return strings.Join(lines, "\n")
		}
	}
	t.Fatalf("no line under %s: starts with %q", section, old)
	return ""
}

// TestSLOWrongAnswersAreCaught edits one line of the good document and
// expects the rule to fire on that line, with a message that says the
// right value.
func TestSLOWrongAnswersAreCaught(t *testing.T) {
	e := newEngine(t)
	good := readSLOGood(t)
	const (
		avail = `sum(rate(http_requests_total{job="forecast",code!~"5.."}[1m]))`
		total = `sum(rate(http_requests_total{job="forecast"}[1m]))`
	)
	tests := []struct {
		name, section, old, repl, rule, says string
		sev                                  engine.Severity
	}{
		{"budget minutes wrong", "availability", "budget_minutes:", "budget_minutes: 50", "slo/budget-minutes", "43.2", engine.Error},
		{"budget in hours", "availability", "budget_minutes:", "budget_minutes: 0.72", "slo/budget-minutes", "hours written as minutes", engine.Error},
		{"budget of the other window", "availability", "budget_minutes:", "budget_minutes: 40.32", "slo/budget-minutes", "budget of 28 days", engine.Error},
		{"latency budget wrong", "latency", "budget_pct:", "budget_pct: 0.1", "slo/budget-percent", "1%", engine.Error},
		{"latency budget as a fraction", "latency", "budget_pct:", "budget_pct: 0.01", "slo/budget-percent", "a fraction", engine.Error},
		{"target as a fraction", "availability", "target_pct:", "target_pct: 0.999", "slo/target-percent", "write 99.9", engine.Error},
		{"target 100", "quality", "target_pct:", "target_pct: 100", "slo/target-percent", "no error budget", engine.Error},
		{"window 7 days", "latency", "window_days:", "window_days: 7", "slo/window", "28 days", engine.Error},
		{"window 31 days", "availability", "window_days:", "window_days: 31", "slo/window", "30 days", engine.Error},
		{"fast burn wrong", "alerts", "burn_rate:", "burn_rate: 14.4", "slo/burn-rate", "36", engine.Error},
		{"slow burn wrong", "  slow", "burn_rate:", "burn_rate: 6", "slo/burn-rate", "12", engine.Error},
		{"fast burn of the slow window", "alerts", "burn_rate:", "burn_rate: 6", "slo/burn-rate", "spends 5% of the budget in 6h, not in 1h", engine.Error},
		{"budget share as a fraction", "alerts", "budget_spent_pct:", "budget_spent_pct: 0.05", "slo/burn-rate", "write 5", engine.Error},
		{"error ratio as a percent", "alerts", "error_ratio:", "error_ratio: 3.6", "slo/error-ratio", "a fraction", engine.Error},
		{"error ratio wrong", "  slow", "error_ratio:", "error_ratio: 0.12", "slo/error-ratio", "0.012", engine.Error},
		{"short window not 1/12", "alerts", "short_window:", "short_window: 30m", "slo/short-window", "5m", engine.Warning},
		{"fast alert opens a ticket", "alerts", "action:", "action: ticket", "slo/alert-action", "page", engine.Error},
		{"slow alert pages", "  slow", "action:", "action: page", "slo/alert-action", "ticket", engine.Error},
		{"not the kata's fast alert", "alerts", "budget_spent_pct:", "budget_spent_pct: 2", "slo/alert-kata", "5%", engine.Warning},
		{"query does not parse", "availability", "query:", `query: sum(rate(http_requests_total[1m]) / sum(rate(http_requests_total[1m]))`, "slo/query-parse", "parse error", engine.Error},
		{"rate without range", "availability", "query:", `query: sum(rate(http_requests_total)) / sum(rate(http_requests_total[1m]))`, "slo/query-parse", "range vector", engine.Error},
		{"a Datadog query marked promql", "availability", "query:", "query: sum:http.requests{code:2xx}.as_count() / sum:http.requests{*}.as_count()", "slo/query-parse", "set dialect: datadog", engine.Error},
		{"not a ratio", "availability", "query:", "query: " + avail, "slo/query-ratio", "good / total", engine.Error},
		{"percentile, not a ratio", "latency", "query:", `query: histogram_quantile(0.99, sum by (le) (rate(http_request_duration_seconds_bucket[1m])))`, "slo/query-ratio", "histogram_quantile", engine.Error},
		{"two families", "availability", "query:", `query: sum(rate(http_responses_ok_total{job="forecast"}[1m])) / ` + total, "slo/query-family", "http_responses_ok_total", engine.Error},
		{"good drops total's filter", "availability", "query:", `query: sum(rate(http_requests_total{code!~"5.."}[1m])) / ` + total, "slo/query-subset", `job="forecast"`, engine.Error},
		{"latency counts 5xx as fast", "latency", "query:", `query: sum(rate(http_request_duration_seconds_bucket{job="forecast",le="0.3"}[1m])) / sum(rate(http_request_duration_seconds_count{job="forecast"}[1m]))`, "slo/latency-5xx", `code!~"5.."`, engine.Error},
		{"latency keeps only 5xx", "latency", "query:", `query: sum(rate(http_request_duration_seconds_bucket{job="forecast",le="0.3",code=~"5.."}[1m])) / sum(rate(http_request_duration_seconds_count{job="forecast"}[1m]))`, "slo/latency-5xx", "server errors", engine.Error},
		{"le is not the threshold", "latency", "query:", `query: sum(rate(http_request_duration_seconds_bucket{job="forecast",le="0.5",code!~"5.."}[1m])) / sum(rate(http_request_duration_seconds_count{job="forecast"}[1m]))`, "slo/histogram-le", `le="0.3"`, engine.Error},
		{"le in milliseconds", "latency", "query:", `query: sum(rate(http_request_duration_seconds_bucket{job="forecast",le="300",code!~"5.."}[1m])) / sum(rate(http_request_duration_seconds_count{job="forecast"}[1m]))`, "slo/histogram-le", "in s", engine.Error},
		{"range is not the bucket", "availability", "query:", `query: sum(rate(http_requests_total{job="forecast",code!~"5.."}[5m])) / sum(rate(http_requests_total{job="forecast"}[5m]))`, "slo/query-bucket", "[5m]", engine.Error},
		{"justification without alternatives", "availability", "justification:", "justification: Users expect the forecast to load.", "slo/justification", "99.95% → 21.6 min", engine.Warning},
		{"justification without looser", "latency", "justification:", "justification: 300 ms is where the spinner shows; half of it is below the upstream latency.", "slo/justification", "600 ms", engine.Warning},
		{"continues without rollbacks", "policy", "continues:", "continues: Reliability fixes continue.", "slo/policy", "Reading your text", engine.Warning},
		{"continues without fixes", "policy", "continues:", "continues: Rollbacks continue.", "slo/policy", "reliability fixes", engine.Warning},
		{"decides is a placeholder", "policy", "decides:", "decides: TBD", "slo/policy-placeholder", "placeholder", engine.Error},
		{"lifts without a condition", "policy", "lifts:", "lifts: Eventually.", "slo/policy", "condition", engine.Warning},
		{"wrong dialect", "availability", "dialect:", "dialect: sql", "schema/enum", "", engine.Error},
		{"bucket not a duration", "availability", "bucket:", "bucket: one minute", "schema/pattern", "", engine.Error},
		{"typo in a key", "availability", "budget_minutes:", "budget_mins: 43.2", "schema/additionalProperties", "", engine.Error},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := replaceIn(t, good, tt.section, tt.old, tt.repl)
			rep := e.Check([]byte(src))
			lines := strings.Split(src, "\n")
			key := strings.SplitN(tt.repl, ":", 2)[0]
			for _, f := range enginetest.FindingsOn(t, rep, src, tt.rule, tt.sev, key) {
				if !strings.HasPrefix(strings.TrimSpace(lines[f.Line-1]), key) {
					t.Errorf("finding on line %d, want the line of %q", f.Line, key)
				}
				if !strings.Contains(f.Message, tt.says) {
					t.Errorf("message %q does not say %q", f.Message, tt.says)
				}
			}
		})
	}
}

// TestNeverFires: 36× on a 97% target needs 108% errors.
func TestNeverFires(t *testing.T) {
	src := replaceIn(t, readSLOGood(t), "availability", "target_pct:", "target_pct: 97")
	rep := newEngine(t).Check([]byte(src))
	var msg string
	for _, f := range rep.Findings {
		if f.Rule == "slo/never-fires" && f.Pointer == "/alerts/fast/burn_rate" {
			msg = f.Message
		}
	}
	if !strings.Contains(msg, "108%") || !strings.Contains(msg, "never fire") {
		t.Fatalf("want slo/never-fires on the fast alert saying 108%%, got %q in %+v", msg, rep.Findings)
	}
}

// TestNonPromQLLatency: a Datadog latency SLI is kept as text, and its
// words are read for leaving out server errors: a warning, never an error.
func TestNonPromQLLatency(t *testing.T) {
	src := replaceIn(t, readSLOGood(t), "latency", "dialect:", "dialect: datadog")
	src = replaceIn(t, src, "latency", "query:", "query: sum:trace.http.request.hits{service:forecast,latency_lt:300ms}.as_count() / sum:trace.http.request.hits{service:forecast}.as_count()")
	ok := newEngine(t).Check([]byte(src))
	if ok.Errors() != 0 {
		t.Fatalf("Datadog latency SLI with a status filter in words: %+v", ok.Findings)
	}
	bad := replaceIn(t, src, "latency", "good:", "good: Requests answered under 300 ms")
	rep := newEngine(t).Check([]byte(bad))
	if rep.Errors() != 0 || !enginetest.HasRule(rep, "slo/latency-5xx-text") {
		t.Fatalf("want only the slo/latency-5xx-text warning (a reading of words): %+v", rep.Findings)
	}
}

func TestExportRefusesFailingDocument(t *testing.T) {
	e := newEngine(t)
	src := replaceIn(t, readSLOGood(t), "availability", "budget_minutes:", "budget_minutes: 50")
	if out, rep, err := e.Export([]byte(src), "prometheus"); err == nil || out != nil || rep.Errors() == 0 {
		t.Fatalf("export of a failing document: out %q, err %v", out, err)
	}
	if _, _, err := e.Export([]byte(readSLOGood(t)), "nagios"); err == nil || !strings.Contains(err.Error(), "prometheus, openslo") {
		t.Fatalf("unknown format: %v", err)
	}
	if got := e.Exports("slo"); len(got) != 2 || got[0].Format != "prometheus" {
		t.Fatalf("Exports(slo) = %+v", got)
	}
}

// TestPrometheusRulesThresholds: the generated alerts compare the long and
// the short window's error ratio with burn × (1 − target).
func TestPrometheusRulesThresholds(t *testing.T) {
	out, _, err := newEngine(t).Export([]byte(readSLOGood(t)), "prometheus")
	if err != nil {
		t.Fatal(err)
	}
	s := string(out)
	for _, want := range []string{
		`slo:sli_error:ratio_rate1h{slo="forecast-proxy-availability"} > 0.036`,
		`slo:sli_error:ratio_rate5m{slo="forecast-proxy-availability"} > 0.036`,
		`slo:sli_error:ratio_rate6h{slo="forecast-proxy-availability"} > 0.012`,
		`slo:sli_error:ratio_rate30m{slo="forecast-proxy-availability"} > 0.012`,
		"severity: page", "severity: ticket",
		`[1h])) / sum(rate(http_requests_total{job="forecast"}[1h]))`,
		"[6h:1m]",
	} {
		if !strings.Contains(s, want) {
			t.Errorf("rules lack %q:\n%s", want, s)
		}
	}
	open, _, err := newEngine(t).Export([]byte(readSLOGood(t)), "openslo")
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"apiVersion: openslo/v1", "kind: SLO", "target: 0.999", "duration: 30d", "threshold: 36", "isRolling: true"} {
		if !strings.Contains(string(open), want) {
			t.Errorf("OpenSLO lacks %q", want)
		}
	}
}

func newEngine(t testing.TB) *engine.Engine { return enginetest.New(t, []engine.Kata{New()}) }

// TestQueryStylesExpertsWrite: queries an SRE writes in other styles than
// the workbook's pass (gRPC codes by number or name, a histogram named in
// milliseconds, recording rules), and their broken twins still fail.
func TestQueryStylesExpertsWrite(t *testing.T) {
	e := newEngine(t)
	good := readSLOGood(t)
	const grpcTotal = `sum(rate(rpc_server_duration_milliseconds_count{rpc_service="inv"}[1m]))`
	tests := []struct {
		name, section, repl, rule string // rule "" means no error at all
	}{
		{"gRPC codes by number", "latency", `query: sum(rate(rpc_server_duration_milliseconds_bucket{rpc_service="inv",rpc_grpc_status_code!~"2|4|12|13|14|15",le="300"}[1m])) / ` + grpcTotal, ""},
		{"gRPC codes by name", "latency", `query: sum(rate(grpc_server_handling_seconds_bucket{grpc_code!~"Internal|Unavailable|Unknown",le="0.3"}[1m])) / sum(rate(grpc_server_handling_seconds_count[1m]))`, ""},
		{"gRPC OK only", "latency", `query: sum(rate(grpc_server_handling_seconds_bucket{grpc_code="OK",le="0.3"}[1m])) / sum(rate(grpc_server_handling_seconds_count[1m]))`, ""},
		{"gRPC keeps UNAVAILABLE", "latency", `query: sum(rate(rpc_server_duration_milliseconds_bucket{rpc_service="inv",rpc_grpc_status_code!~"13",le="300"}[1m])) / ` + grpcTotal, "slo/latency-5xx"},
		{"gRPC errors only", "latency", `query: sum(rate(grpc_server_handling_seconds_bucket{grpc_code!="OK",le="0.3"}[1m])) / sum(rate(grpc_server_handling_seconds_count[1m]))`, "slo/latency-5xx"},
		{"histogram in _ms", "latency", `query: sum(rate(api_latency_ms_bucket{le="300",code!~"5.."}[1m])) / sum(rate(api_latency_ms_count[1m]))`, ""},
		{"_ms histogram with le in seconds", "latency", `query: sum(rate(api_latency_ms_bucket{le="0.3",code!~"5.."}[1m])) / sum(rate(api_latency_ms_count[1m]))`, "slo/histogram-le"},
		{"+Inf bucket as the total", "latency", `query: sum(rate(http_request_duration_seconds_bucket{job="forecast",le="0.3",code!~"5.."}[1m])) / sum(rate(http_request_duration_seconds_bucket{job="forecast",le="+Inf"}[1m]))`, ""},
		{"a finite le on the total is a filter", "latency", `query: sum(rate(http_request_duration_seconds_bucket{job="forecast",le="0.3",code!~"5.."}[1m])) / sum(rate(http_request_duration_seconds_bucket{job="forecast",le="1"}[1m]))`, "slo/query-subset"},
		{"sum without and clamp_min", "availability", `query: sum without (instance) (rate(http_requests_total{job="forecast",code!~"5.."}[1m])) / clamp_min(sum without (instance) (rate(http_requests_total{job="forecast"}[1m])), 1)`, ""},
		{"recording rules", "availability", `query: sum(job:http_requests_good:rate1m{job="forecast"}) / sum(job:http_requests:rate1m{job="forecast"})`, ""},
		{"recording rules keep the subset check", "availability", `query: sum(job:http_requests_good:rate1m) / sum(job:http_requests:rate1m{job="forecast"})`, "slo/query-subset"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rep := e.Check([]byte(replaceIn(t, good, tt.section, "query:", tt.repl)))
			var errs []string
			for _, f := range rep.Findings {
				if f.Severity == engine.Error {
					errs = append(errs, f.Rule+": "+f.Message)
				}
			}
			switch {
			case tt.rule == "" && len(errs) > 0:
				t.Errorf("want no error, got %q", errs)
			case tt.rule != "" && !enginetest.HasRule(rep, tt.rule):
				t.Errorf("want %s, got %q", tt.rule, errs)
			}
		})
	}
}

// TestOneSlipOneFinding: a slip is one finding at its cause, and what
// follows from it is folded under it, not counted again.
func TestOneSlipOneFinding(t *testing.T) {
	e := newEngine(t)
	tests := []struct {
		name, section, old, repl, at string
		follows                      int
	}{
		// 0.05 for 5%: the burn 36 is right for 5%, so nothing else is off.
		{"budget share as a fraction", "alerts", "budget_spent_pct:", "budget_spent_pct: 0.05", "/alerts/fast/budget_spent_pct", 0},
		// 31 days: the budget, the fast burn and its error ratio follow from
		// it (the slow alert's 12 and 0.012 still round 12.4 and 0.0124).
		{"window of 31 days", "availability", "window_days:", "window_days: 31", "/availability/window_days", 3},
		// A burn rate of 6 with the error ratio right for 6: one finding.
		{"wrong burn, its error ratio", "alerts", "burn_rate:", "burn_rate: 6\n    error_ratio: 0.006", "/alerts/fast/burn_rate", 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := replaceIn(t, readSLOGood(t), tt.section, tt.old, strings.ReplaceAll(tt.repl, `\n`, "\n"))
			if strings.Contains(tt.repl, "error_ratio") {
				src = strings.Replace(src, "    error_ratio: 0.036\n", "", 1)
			}
			rep := e.Check([]byte(src))
			if len(rep.Findings) != 1 || rep.Findings[0].Pointer != tt.at {
				t.Fatalf("want one finding at %s, got %+v", tt.at, rep.Findings)
			}
			if got := len(rep.Findings[0].Follows); got != tt.follows {
				t.Errorf("%d findings follow from it, want %d: %+v", got, tt.follows, rep.Findings[0].Follows)
			}
		})
	}
}

// TestEveryRuleIsDocumented: each rule says how it knows, with a line it
// passes and one it fails, and only a computed rule is an error.
func TestEveryRuleIsDocumented(t *testing.T) {
	for _, r := range New().(*engine.Spec).Rules {
		if r.Kind == "" || r.Help == "" || r.Pass == "" || r.Fail == "" {
			t.Errorf("%s lacks its kind, help or examples", r.ID)
		}
		if r.Kind == engine.Reading && r.Severity == engine.Error {
			t.Errorf("%s reads prose but is an error", r.ID)
		}
	}
	for id := range ruleDocs {
		if !slices.ContainsFunc(rules, func(r engine.Rule) bool { return r.ID == id }) {
			t.Errorf("ruleDocs has %s, which is no rule", id)
		}
	}
}

// TestErrorRatiosOfAnotherSLI: error ratios computed with the latency
// target while the alerts watch availability are one finding, on the SLI
// the alerts watch, naming the target used.
func TestErrorRatiosOfAnotherSLI(t *testing.T) {
	src := strings.Replace(readSLOGood(t), "error_ratio: 0.036", "error_ratio: 0.36", 1)
	src = strings.Replace(src, "error_ratio: 0.012", "error_ratio: 0.12", 1)
	rep := newEngine(t).Check([]byte(src))
	if len(rep.Findings) != 1 || rep.Findings[0].Pointer != "/alerts/sli" || !strings.Contains(rep.Findings[0].Message, "the latency SLI's target of 99%") {
		t.Fatalf("want one finding at /alerts/sli naming the latency target, got %+v", rep.Findings)
	}
	// One alert off that way is that alert's own mistake.
	src = strings.Replace(readSLOGood(t), "error_ratio: 0.036", "error_ratio: 0.36", 1)
	if got := findingsOf(newEngine(t).Check([]byte(src)), "slo/error-ratio"); len(got) != 1 || !strings.HasPrefix(got[0], "/alerts/fast/error_ratio: ") {
		t.Fatalf("one alert off: %q", got)
	}
}
