package slo

import "github.com/katabook/katabook/engine"

// ruleDoc is what katabook explain says of a rule: how it knows (it
// computes, or it reads prose, and is then a warning at most), what it
// checks, and a line it passes and one it fails.
type ruleDoc struct {
	kind       engine.Kind
	help       string
	pass, fail string
}

// ruleDocs are the docs of every rule, by id; withDocs puts them on the
// rules and a test holds every rule to having one.
var ruleDocs = map[string]ruleDoc{
	"slo/window": {engine.Computed,
		"Each SLO is measured over one of the course's rolling windows, and every budget and burn rate is computed over it.",
		"window_days: 28", "window_days: 31 (a calendar month)"},
	"slo/target-percent": {engine.Computed,
		"Targets are percentages: 99.9, not the fraction 0.999, and below 100, since a 100% target leaves no budget.",
		"target_pct: 99.9", "target_pct: 0.999 (a fraction)"},
	"slo/budget-minutes": {engine.Computed,
		"The availability budget is (1 − target) × the window in minutes: 43.2 min at 99.9% over 30 days, 40.32 over 28.",
		"target_pct: 99.9, window_days: 30, budget_minutes: 43.2", "the same with budget_minutes: 0.72 (hours written as minutes)"},
	"slo/budget-percent": {engine.Computed,
		"The latency and quality budgets are 100 − target, in percent of events.",
		"target_pct: 99, budget_pct: 1", "target_pct: 99, budget_pct: 0.01 (a fraction)"},
	"slo/burn-rate": {engine.Computed,
		"An alert's burn rate is the budget share it spends × the window's hours / its long window's hours. A share written as a fraction is reported on the share; a burn of the other SLO window is named.",
		"30-day SLO, budget_spent_pct: 5, long_window: 1h, burn_rate: 36", "the same on a 28-day SLO, where the burn is 33.6"},
	"slo/error-ratio": {engine.Computed,
		"The alert compares the error ratio with burn × (1 − target), as a fraction. An error ratio right for a wrong burn rate follows from that burn and is folded under it.",
		"burn_rate: 36 at 99.9%: error_ratio: 0.036", "error_ratio: 3.6 (a percent)"},
	"slo/never-fires": {engine.Computed,
		"An alert whose threshold burn × (1 − target) is 1 or more needs more than every request to fail, so it can never fire.",
		"burn_rate: 36 on a 99.9% target (fires above 3.6% errors)", "burn_rate: 36 on a 97% target (needs 108% errors)"},
	"slo/short-window": {engine.Computed,
		"The optional short window is about a twelfth of the long one, so that the alert clears soon after the burn stops without flapping.",
		"long_window: 1h, short_window: 5m", "long_window: 1h, short_window: 30m"},
	"slo/alert-action": {engine.Computed,
		"The fast alert pages a human; the slow one opens a ticket for working hours.",
		"fast: action: page; slow: action: ticket", "slow: action: page"},
	"slo/alert-kata": {engine.Computed,
		"The course's alerts spend a set share of the budget in a set window; another choice is allowed but should be argued.",
		"fast: 5% in 1h; slow: 10% in 6h", "fast: budget_spent_pct: 2"},
	"slo/query-parse": {engine.Computed,
		"A PromQL query is parsed with Prometheus's own parser. CloudWatch and Datadog queries (dialect) are kept as text and not parsed.",
		`sum(rate(http_requests_total{code!~"5.."}[1m])) / sum(rate(http_requests_total[1m]))`, "sum(rate(http_requests_total)) / … (rate without a range)"},
	"slo/query-ratio": {engine.Computed,
		"An SLI query is good / total: a division at its top, the share of good events.",
		"sum(rate(good[1m])) / sum(rate(total[1m]))", "histogram_quantile(0.99, …) (a percentile, not a share)"},
	"slo/query-family": {engine.Computed,
		"Good and total count one metric family (a histogram's _bucket and _count are one), so that good cannot exceed total. Recording rules are not judged: only their rule file says what they read.",
		"http_requests_total{code!~\"5..\"} / http_requests_total", "http_responses_ok_total / http_requests_total"},
	"slo/query-subset": {engine.Computed,
		"Good keeps every filter of total and adds its own, so that it counts a subset of total's events.",
		`{job="api",code!~"5.."} / {job="api"}`, `{code!~"5.."} / {job="api"}`},
	"slo/latency-5xx": {engine.Computed,
		"A PromQL latency SLI's good side drops server errors: an HTTP status or class matcher that keeps 200 and drops 500 and 503, or a gRPC code matcher that keeps OK and drops INTERNAL and UNAVAILABLE.",
		`…_bucket{le="0.3",code!~"5.."} / …_count`, `…_bucket{le="0.3"} / …_count (a fast 503 counts as good)`},
	"slo/latency-5xx-text": {engine.Reading,
		"A CloudWatch or Datadog latency SLI is kept as text, so its words and query are read for leaving out server errors. It is a reading, hence a warning.",
		"good: Requests under 300 ms without a 5xx", "good: Requests under 300 ms"},
	"slo/histogram-le": {engine.Computed,
		"A histogram's le bucket is the threshold in the histogram's unit, read from its name: seconds by default, milliseconds for _milliseconds or _ms.",
		`threshold_ms: 300 with le="0.3" on a _seconds histogram`, `le="300" on a _seconds histogram`},
	"slo/freshness-age": {engine.Computed,
		"A PromQL freshness SLI's age bound is its maximum data age: the number an age (time() - a timestamp) is compared with, in seconds, and a histogram's le bucket, in the histogram's unit.",
		`max_age_min: 15 with (time() - m_timestamp_seconds) < 900`, `max_age_min: 15 with (time() - m_timestamp_seconds) < 15 (seconds, not minutes)`},
	"slo/query-bucket": {engine.Computed,
		"The range in the query is the bucket stated: each point of the SLI is computed over it.",
		"bucket: 1m with [1m]", "bucket: 1m with [5m]"},
	"slo/alternatives": {engine.Computed,
		"The tighter and looser alternatives, given as values with a unit, are about half and double the SLI's own: a duration against the latency threshold or the freshness bound (for availability, its budget in minutes), a percentage against the target's budget (99.9% → 99.95% and 99.8%).",
		"threshold 300 ms: tighter 150 ms, looser 0.6 s", "tighter 250 ms (0.83 × the threshold, not half)"},
	"slo/justification": {engine.Reading,
		"Without both alternatives as values, the justification is read for them (quantities in any unit, \"a 1 s bar\", \"half an hour\", or the words) and for a reason against each. It is a reading, hence a warning.",
		"A 150 ms bar would measure the upstream; at 600 ms users see a stall.", "We considered 99.95% and 99.8% and chose 99.9%."},
	"slo/policy-placeholder": {engine.Computed,
		"Every part of the gating policy is written: a part that holds only a placeholder (TBD, TODO, n/a, -) is not answered.",
		"decides: The on-call lead declares the freeze", "decides: TBD"},
	"slo/policy": {engine.Reading,
		"The policy is read for rollbacks and reliability fixes carrying on through a freeze, and for the condition that lifts it. It is a reading, hence a warning.",
		"continues: Rollbacks and reliability fixes continue.", "continues: Nothing ships, not even rollbacks."},
}

// withDocs returns the rules with their docs on them.
func withDocs(rules []engine.Rule) []engine.Rule {
	out := append([]engine.Rule(nil), rules...)
	for i := range out {
		if d, ok := ruleDocs[out[i].ID]; ok {
			out[i].Kind, out[i].Help, out[i].Pass, out[i].Fail = d.kind, d.help, d.pass, d.fail
		}
	}
	return out
}
