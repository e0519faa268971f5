package limiter

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"

	"github.com/katabook/katabook/engine"
	"github.com/katabook/katabook/internal/enginetest"
	"github.com/katabook/katabook/schemas"
	"math"
	"math/rand/v2"
	"strings"
	"testing"
)

var limiterExamples = []string{"per-user", "per-ip", "per-resource-cost"}

// TestLimiterExamplesPass: a correct design for each of the three models
// passes every rule, and the simulation figure is there.
func TestLimiterExamplesPass(t *testing.T) {
	e := newEngine(t)
	for _, name := range limiterExamples {
		t.Run(name, func(t *testing.T) {
			rep := e.CheckWithFigures([]byte(enginetest.ReadExample(t, "limiter", name+".md")))
			for _, f := range rep.Findings {
				t.Errorf("line %d: %s %s: %s", f.Line, f.Severity, f.Rule, f.Message)
			}
			for _, r := range rep.Rules {
				if r.Status != "pass" {
					t.Errorf("rule %s: %s, want pass", r.Rule, r.Status)
				}
			}
			fig, ok := rep.Figures["limiter"].(map[string]any)
			if !ok || len(fig["scenarios"].([]SimScenario)) != 4 {
				t.Fatalf("no simulation figure: %+v", rep.Figures)
			}
		})
	}
}

// edit is one line replaced: the first line whose trimmed text starts with
// old becomes repl (with the old line's indentation).
type edit struct{ old, repl string }

func applyEdits(t *testing.T, src string, edits []edit) string {
	t.Helper()
	for _, e := range edits {
		src = enginetest.ReplaceLine(t, src, e.old, e.repl)
	}
	return src
}

// TestLimiterWrongAnswersAreCaught edits a correct design and expects the
// rule to fire on the line holding want, with a message containing say.
func TestLimiterWrongAnswersAreCaught(t *testing.T) {
	e := newEngine(t)
	tests := []struct {
		name, file string
		edits      []edit
		rule       string
		sev        engine.Severity
		want, say  string
	}{
		{"refill above the limit", "per-user", []edit{{"refill_rate:", "refill_rate: 1200"}}, "limiter/params", engine.Error, "refill_rate", "1000"},
		{"capacity above the burst", "per-user", []edit{{"capacity:", "capacity: 6000"}}, "limiter/params", engine.Error, "capacity", "5000"},
		{"refill below the limit rejects steady traffic", "per-user", []edit{{"refill_rate:", "refill_rate: 300"}}, "limiter/simulation", engine.Error, "name: token-bucket", "steady 900 req/s"},
		{"missing parameter", "per-user", []edit{{"capacity:", "capacity:"}}, "limiter/params", engine.Error, "capacity", "refill rate and capacity"},
		{"fixed window claims one window", "per-user", []edit{
			{"name: token-bucket", "name: fixed-window"}, {"token_bucket:", "fixed_window:"},
			{"refill_rate:", "window_s: 1"}, {"capacity:", "limit: 1000"}, {"max_burst:", "max_burst: 1000"},
			{"max_in_one_second:", "max_in_one_second: 1000"}}, "limiter/claims", engine.Error, "max_in_one_second", "exactly 2000"},
		{"fixed window gives up the burst", "per-user", []edit{
			{"name: token-bucket", "name: fixed-window"}, {"token_bucket:", "fixed_window:"},
			{"refill_rate:", "window_s: 1"}, {"capacity:", "limit: 1000"}}, "limiter/burst-unused", engine.Warning, "name: fixed-window", "only 1000"},
		{"fixed window of a whole burst doubles it at the edge", "per-user", []edit{
			{"name: token-bucket", "name: fixed-window"}, {"token_bucket:", "fixed_window:"},
			{"refill_rate:", "window_s: 5"}, {"capacity:", "limit: 5000"}}, "limiter/params", engine.Error, "limit: 5000", "2 × 5000 = 10000"},
		{"sliding log too fast", "per-resource-cost", []edit{{"window_s:", "window_s: 4"}}, "limiter/simulation", engine.Error, "name: sliding-window-log", "1200 req/s"},
		{"GCRA off by one claimed", "per-ip", []edit{{"tolerance_ms:", "tolerance_ms: 2000"}}, "limiter/claims", engine.Error, "max_burst", "redis-cell"},
		{"GCRA tolerance wrong", "per-ip", []edit{{"tolerance_ms:", "tolerance_ms: 3000"}}, "limiter/params", engine.Error, "tolerance_ms", "T × burst = 2000 ms"},
		{"GCRA interval wrong", "per-ip", []edit{{"emission_interval_ms:", "emission_interval_ms: 1"}}, "limiter/params", engine.Error, "emission_interval_ms", "1000 ms / 100"},
		{"hybrid of one", "per-user", []edit{{"name: token-bucket", "name: hybrid"}}, "limiter/params", engine.Error, "name: hybrid", "at least two"},
		{"long-run claim wrong", "per-user", []edit{{"long_run_rps:", "long_run_rps: 1200"}}, "limiter/claims", engine.Error, "long_run_rps", "1000"},
		{"per-user limit wrong", "per-user", []edit{{"limit_rps:", "limit_rps: 900"}}, "limiter/model-numbers", engine.Error, "limit_rps", "1000 req/s"},
		{"per-IP without /64", "per-ip", []edit{{"key:", "key: the client address"}, {"ipv6_prefix:", "# no prefix"}, {"ip_notes:", "ip_notes: Shared NAT ranges get a higher limit."}}, "limiter/ip-notes", engine.Warning, "ip_notes", "/64"},
		{"per-IP keyed on the full IPv6 address", "per-ip", []edit{{"ipv6_prefix:", "ipv6_prefix: 128"}}, "limiter/ipv6-prefix", engine.Error, "ipv6_prefix", "2^64 fresh limits"},
		{"fractional cost", "per-resource-cost", []edit{{"- {endpoint: POST /search", "- {endpoint: POST /search, cost: 2.5}"}}, "limiter/cost-table", engine.Error, "POST /search", "whole number"},
		{"cost rate wrong", "per-resource-cost", []edit{{"- {endpoint: POST /exports", "- {endpoint: POST /exports, cost: 100, max_rps: 100}"}}, "limiter/cost-table", engine.Error, "POST /exports", "budget of 1000 tokens/s"},
		{"endpoint twice", "per-resource-cost", []edit{{"- {endpoint: POST /search", "- {endpoint: GET /items, cost: 5}"}}, "limiter/cost-table", engine.Error, "cost: 5", "already priced"},
		{"scope per instance", "per-user", []edit{{"scope:", "scope: per-instance"}}, "limiter/global-scope", engine.Error, "scope", "global"},
		{"deployment size", "per-user", []edit{{"instances:", "instances: 10"}}, "limiter/deployment", engine.Warning, "instances", "20 instances"},
		{"local counting", "per-user", []edit{{"kind: per-region-federation", "kind: in-memory-local"}}, "limiter/local-limit", engine.Error, "in-memory-local", "limit / 20 = 50 req/s"},
		{"overshoot wrong", "per-user", []edit{{"overshoot_requests:", "overshoot_requests: 200"}}, "limiter/sync-overshoot", engine.Error, "overshoot_requests", "10200"},
		{"no sync interval", "per-user", []edit{{"sync_interval_ms:", "sync_interval_ms:"}}, "limiter/sync-overshoot", engine.Error, "sync_interval_ms", "sync interval"},
		{"in-memory sync overshoot", "per-user", []edit{{"kind: per-region-federation", "kind: in-memory-sync"}}, "limiter/sync-overshoot", engine.Error, "overshoot_requests", "(20 − 1)"},
		{"store ops wrong", "per-ip", []edit{{"store_ops_per_s:", "store_ops_per_s: 2000"}}, "limiter/store-ops", engine.Error, "store_ops_per_s", "20000 × 1"},
		{"budget below the round trip", "per-ip", []edit{{"check_budget_ms:", "check_budget_ms: 50"}}, "limiter/store-latency", engine.Error, "check_budget_ms", "round trip of 80 ms"},
		{"time-out above budget", "per-user", []edit{{"timeout_ms:", "timeout_ms: 10"}}, "limiter/store-timeout", engine.Warning, "timeout_ms", "budget of 5 ms"},
		{"fallback above the share", "per-user", []edit{{"local_fallback_rps:", "local_fallback_rps: 100"}}, "limiter/fallback", engine.Error, "local_fallback_rps", "= 50 req/s"},
		{"per-user fails closed", "per-user", []edit{{"mode: fail-open", "mode: fail-closed"}, {"local_fallback_rps:", "local_fallback_rps:"}}, "limiter/degraded-model", engine.Warning, "mode: fail-closed", "becomes the outage"},
		{"per-IP fails open", "per-ip", []edit{{"mode: fail-closed", "mode: fail-open"}, {"local_fallback_rps:", "local_fallback_rps:"}}, "limiter/degraded-model", engine.Warning, "mode: fail-open", "abuse"},
		{"one-word justification", "per-user", []edit{{"justification: A token", "justification: Simple."}}, "limiter/justified", engine.Warning, "Simple.", "Reading your text"},
		{"status 500", "per-user", []edit{{"status: 429", "status: 500"}}, "limiter/status", engine.Error, "status: 500", "429 Too Many Requests"},
		{"503 without reason", "per-user", []edit{{"status: 429", "status: 503"}}, "limiter/status-reason", engine.Warning, "rejection:", "shed load"},
		{"403 for a rejection", "per-user", []edit{{"status: 429", "status: 403"}}, "limiter/status", engine.Error, "status: 403", "gives up"},
		{"Retry-After an hour", "per-user", []edit{{"Retry-After: 1", "Retry-After: 3600"}}, "limiter/retry-after", engine.Error, "headers:", "at most 5 s"},
		{"Retry-After as a date", "per-user", []edit{{"Retry-After: 1", "Retry-After: Wed, 02 Dec 2026 10:00:00 GMT"}}, "limiter/retry-after-date", engine.Warning, "headers:", "valid HTTP-date"},
		{"Retry-After neither", "per-user", []edit{{"Retry-After: 1", "Retry-After: soon"}}, "limiter/retry-after", engine.Error, "headers:", "neither a whole number"},
		{"JSON:API errors without a code", "per-ip", []edit{{"body:", `body: '{"errors": [{"detail": "slow down"}]}'`}}, "limiter/body", engine.Error, "body:", "no error code"},
		{"no Retry-After", "per-user", []edit{{"Retry-After: 1", "Cache-Control: no-store"}}, "limiter/retry-after", engine.Error, "headers:", "no Retry-After"},
		{"Retry-After zero", "per-ip", []edit{{"Retry-After: 1", "Retry-After: 0"}}, "limiter/retry-after", engine.Error, "headers:", "retry storm"},
		{"remaining on a rejection", "per-user", []edit{{"X-RateLimit-Remaining:", "X-RateLimit-Remaining: 5"}}, "limiter/ratelimit-headers", engine.Error, "headers:", "0 remaining"},
		{"X family incomplete", "per-user", []edit{{"X-RateLimit-Limit:", "Vary: Authorization"}}, "limiter/ratelimit-headers", engine.Error, "headers:", "X-RateLimit-Limit is missing"},
		{"reset is a delay, not an epoch", "per-user", []edit{{"reset_kind:", "reset_kind: epoch-seconds"}}, "limiter/ratelimit-headers", engine.Error, "reset_kind", "is a delay"},
		{"reset kind unstated", "per-user", []edit{{"reset_kind:", "reset_kind:"}}, "limiter/ratelimit-headers", engine.Error, "reset_kind", "delay in seconds or a Unix time"},
		{"Retry-After below reset", "per-user", []edit{{"X-RateLimit-Reset:", "X-RateLimit-Reset: 3"}}, "limiter/ratelimit-headers", engine.Error, "headers:", "before the quota resets"},
		{"no rate-limit headers", "per-resource-cost", []edit{{"X-RateLimit-Limit:", "Vary: Authorization"}, {"X-RateLimit-Remaining:", "Cache-Control: no-store"}, {"X-RateLimit-Reset:", "Content-Type: application/json"}}, "limiter/ratelimit-headers", engine.Error, "headers:", "no rate-limit headers"},
		{"policy without window", "per-ip", []edit{{"RateLimit-Policy:", `RateLimit-Policy: "per-ip";q=100`}}, "limiter/ratelimit-headers", engine.Error, "headers:", "window w"},
		{"RateLimit names an unknown policy", "per-ip", []edit{{"RateLimit: ", `RateLimit: "burst";r=0;t=1`}}, "limiter/ratelimit-headers", engine.Error, "headers:", `"burst"`},
		{"policy does not parse", "per-ip", []edit{{"RateLimit-Policy:", `RateLimit-Policy: "per-ip";q`}}, "limiter/ratelimit-headers", engine.Error, "headers:", "does not parse"},
		{"header line without colon", "per-ip", []edit{{"Retry-After: 1", "Retry-After 1"}}, "limiter/ratelimit-headers", engine.Error, "headers:", "not a header line"},
		{"body not JSON", "per-ip", []edit{{"body:", "body: Too many requests"}}, "limiter/body", engine.Error, "body:", "not JSON"},
		{"body without a code", "per-ip", []edit{{"body:", `body: '{"message": "slow down"}'`}}, "limiter/body", engine.Error, "body:", "no error code"},
		{"body status differs", "per-ip", []edit{{"body:", `body: '{"error": "rate_limited", "status": 503}'`}}, "limiter/body", engine.Error, "body:", "status 503"},
		{"same failure twice, no categories", "per-ip", []edit{{"category:", "# no category"}, {"category:", "# no category"}, {"category:", "# no category"},
			{"failure: An attacker", "failure: Thousands of users behind one carrier NAT share an address and get throttled together."}}, "limiter/failure-modes", engine.Warning, "failure: Thousands", "reads like failure mode 1"},
		{"same category twice", "per-ip", []edit{{"category: key-evasion", "category: shared-address"}}, "limiter/failure-categories", engine.Error, "category: shared-address", "Failure modes 1 and 2 are both shared-address"},
		{"mitigation restates the failure", "per-ip", []edit{{"mitigation: Key on", "mitigation: An attacker rotates through IPv6 addresses and every address looks new."}}, "limiter/failure-modes", engine.Warning, "mitigation: An attacker", "describe the failure again"},
		{"one-second claim below the bound", "per-user", []edit{{"max_in_one_second:", "max_in_one_second: 5000"}}, "limiter/claims", engine.Error, "max_in_one_second", "5000 + 1000 × 1 s = 6000"},
		{"one-second claim above the bound", "per-user", []edit{{"max_in_one_second:", "max_in_one_second: 9000"}}, "limiter/claims", engine.Error, "max_in_one_second", "No one-second span can admit 9000"},
		{"decisions without reason", "per-user", []edit{{"decisions:", "decisions: limiter_requests_total"}}, "limiter/metrics", engine.Warning, "decisions:", "by reason"},
		{"store errors without time-outs", "per-user", []edit{{"store_errors:", "store_errors: limiter_store_errors_total"}}, "limiter/metrics", engine.Warning, "store_errors:", "time-outs"},
		{"SLI not a ratio", "per-user", []edit{{"sli:", "sli: p99 check latency"}}, "limiter/metrics", engine.Warning, "sli:", "good events / total events"},
		{"path without arrows", "per-user", []edit{{"request_path:", "request_path: the gateway checks it"}}, "limiter/request-path", engine.Warning, "request_path:", "arrows"},
		{"path lacks the check's place", "per-resource-cost", []edit{{"request_path:", "request_path: client → gateway → database"}}, "limiter/request-path", engine.Warning, "request_path:", "no hop named service"},
		{"status not an integer", "per-user", []edit{{"status: 429", "status: too-many"}}, "schema/type", engine.Error, "status: too-many", ""},
		{"unknown algorithm", "per-user", []edit{{"name: token-bucket", "name: bucket"}}, "schema/enum", engine.Error, "name: bucket", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := applyEdits(t, enginetest.ReadExample(t, "limiter", tt.file+".md"), tt.edits)
			rep := e.Check([]byte(src))
			lines := strings.Split(src, "\n")
			var found bool
			// A finding that follows from an earlier error is folded under
			// it; the rule still fired.
			var all []engine.Finding
			for _, f := range rep.Findings {
				all = append(all, f)
				all = append(all, f.Follows...)
			}
			for _, f := range all {
				if f.Rule != tt.rule {
					continue
				}
				if f.Line < 1 || f.Line > len(lines) {
					t.Fatalf("line %d outside the file", f.Line)
				}
				if !strings.Contains(lines[f.Line-1], tt.want) || !strings.Contains(f.Message, tt.say) {
					continue
				}
				found = true
				if f.Severity != tt.sev {
					t.Errorf("severity %s, want %s", f.Severity, tt.sev)
				}
			}
			if !found {
				var got []string
				for _, f := range rep.Findings {
					got = append(got, f.Rule+" @"+lines[max(f.Line-1, 0)]+": "+f.Message)
				}
				t.Fatalf("no %s finding on the line of %q saying %q; got:\n%s", tt.rule, tt.want, tt.say, strings.Join(got, "\n"))
			}
		})
	}
}

func part(algo string, a, b float64) limiterPart { return limiterPart{algo: algo, a: a, b: b} }

func userDesign(parts ...limiterPart) limiterDesign {
	return limiterDesign{parts: parts, limit: 1000, burst: 5000, replicas: 1}
}

// TestSimulationCounts checks each algorithm against counts worked out by
// hand for the standard scenarios of the per-user model (900 req/s steady,
// 6,000 at once, 2,000 across a window edge at 1 s, 1,200 req/s for 60 s).
func TestSimulationCounts(t *testing.T) {
	type want struct{ steady, burst, boundary, boundary1s, tail int }
	tests := []struct {
		name string
		d    limiterDesign
		want want
	}{
		// A full bucket spends 5000 at once; at 1200 req/s it drains at
		// 200/s, empty after 25 s, then passes the refill: 1000/s.
		{"token bucket starts full", userDesign(part("token-bucket", 1000, 5000)), want{9000, 5000, 2000, 2000, 1000}},
		{"leaky bucket as a meter", userDesign(part("leaky-bucket", 1000, 5000)), want{9000, 5000, 2000, 2000, 1000}},
		// 1 + τ/T = 1 + 5000/1 = 5001: the off-by-one of τ = T × burst.
		{"GCRA with τ = T × burst", userDesign(part("gcra", 1, 5000)), want{9000, 5001, 2000, 2000, 1000}},
		{"GCRA with τ = T × (burst − 1)", userDesign(part("gcra", 1, 4999)), want{9000, 5000, 2000, 2000, 1000}},
		// 1000 in the last 100 ms of [0, 1) and 1000 in the first 100 ms
		// of [1, 2): both windows are fresh, so all 2000 pass in 200 ms.
		{"fixed window across the edge", userDesign(part("fixed-window", 1, 1000)), want{9000, 1000, 2000, 2000, 1000}},
		// The log still holds the first 1000 when the second half comes.
		{"sliding window log", userDesign(part("sliding-window-log", 1, 1000)), want{9000, 1000, 1000, 1000, 1000}},
		// After the edge the estimate is 1000 × (1 − e) + current, so a
		// request at e = j × 0.1 ms passes while current ≤ j/10 − 1: one in
		// every ten of the second half, 99 of 1000. Under steady overload
		// the weighted estimate runs a little high: 999/s, not 1000.
		{"sliding window counter", userDesign(part("sliding-window-counter", 1, 1000)), want{9000, 1000, 1099, 1099, 999}},
		// A window of 5000 per 5 s: 1200 req/s fills it in 4.17 s of each
		// 5 s window, so the tail passes 20 000 in 20 s.
		{"fixed window of the whole burst", userDesign(part("fixed-window", 5, 5000)), want{9000, 5000, 10000, 10000, 1000}},
		{"hybrid: bucket and a one-second log", userDesign(part("token-bucket", 1000, 5000), part("sliding-window-log", 1, 2000)), want{9000, 2000, 2000, 2000, 1000}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := tt.d.simulate()
			if err != nil {
				t.Fatal(err)
			}
			got := want{res.steady.TotalAdmitted, res.burst.TotalAdmitted, res.boundary.TotalAdmitted, res.boundary.MaxInOneSecond, int(math.Round(res.overload.TailRate))}
			if got != tt.want {
				t.Errorf("admitted %+v, want %+v", got, tt.want)
			}
			if res.steady.Total != 9000 || res.burst.Total != 6000 || res.overload.Total != 72000 {
				t.Errorf("scenario sizes %d, %d, %d", res.steady.Total, res.burst.Total, res.overload.Total)
			}
			for _, s := range res.Scenarios {
				if len(s.T) != simBins || s.Requests[simBins-1] != s.Total || s.Admitted[simBins-1] != s.TotalAdmitted {
					t.Errorf("%s: %d bins, last %d/%d, want %d bins ending at %d/%d", s.Name, len(s.T), s.Requests[len(s.T)-1], s.Admitted[len(s.T)-1], simBins, s.Total, s.TotalAdmitted)
				}
				sum := 0
				for _, ps := range s.PerSecond {
					sum += ps.Admitted + ps.Rejected
				}
				if s.Name != "boundary" && sum != s.Total {
					t.Errorf("%s: per-second counts add up to %d, want %d", s.Name, sum, s.Total)
				}
			}
		})
	}
}

// TestTokenBucketByHand: rate 10/s, capacity 5, a request every 50 ms for
// 2 s. Greedy admission gives min(k + 1, 5 + ⌊k/2⌋) after request k, so 24.
func TestTokenBucketByHand(t *testing.T) {
	m := newTokenBucket(10, 5)
	admitted := 0
	for k := range 40 {
		if tm := int64(k) * 50e6; m.allow(tm) {
			m.take(tm)
			admitted++
		}
		if want := min(k+1, 5+k/2); admitted != want {
			t.Fatalf("after request %d: %d admitted, want %d", k, admitted, want)
		}
	}
}

func TestDistributedBurst(t *testing.T) {
	d := userDesign(part("token-bucket", 1000, 5000))
	d.replicas = 3
	res, err := d.simulate()
	if err != nil {
		t.Fatal(err)
	}
	if got := *res.Distributed; got != (DistributedBurst{Replicas: 3, Requests: 6000, Single: 5000, Admitted: 6000}) {
		t.Errorf("distributed burst %+v", got)
	}
	if got := overshoot(3, 1000, 5000, 0.1); got != 10200 {
		t.Errorf("overshoot = %v, want 10200", got)
	}
}

// TestTokenBucketNeverExceedsItsBound is a property test: whatever the
// traffic, a token bucket admits at most capacity + rate × t in any span t.
func TestTokenBucketNeverExceedsItsBound(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for trial := range 200 {
		rate := float64(1 + rng.IntN(50))
		capacity := float64(1 + rng.IntN(20))
		m := newTokenBucket(rate, capacity)
		var at []int64
		tm := int64(0)
		for range 300 {
			if rng.IntN(4) > 0 { // bursts: often several at one instant
				tm += rng.Int64N(int64(3 * nsPerS / rate))
			}
			if m.allow(tm) {
				m.take(tm)
				at = append(at, tm)
			}
		}
		for i := range at {
			for j := i; j < len(at); j++ {
				span := float64(at[j]-at[i]) / nsPerS
				if n := float64(j - i + 1); n > capacity+rate*span+1e-9 {
					t.Fatalf("trial %d (rate %v, capacity %v): %v admitted within %v s, above %v", trial, rate, capacity, n, span, capacity+rate*span)
				}
			}
		}
	}
}

// TestSimulationIsBounded: numbers too large to simulate run nothing and
// give no simulation finding; the analytic rules judge the design all the
// same.
func TestSimulationIsBounded(t *testing.T) {
	e := newEngine(t)
	src := applyEdits(t, enginetest.ReadExample(t, "limiter", "per-resource-cost"+".md"), []edit{{"limit_rps:", "limit_rps: 100000000"}})
	rep := e.Check([]byte(src))
	if enginetest.HasRule(rep, "limiter/simulation") || rep.Figures != nil {
		t.Fatalf("want no simulation finding and no figure: %+v", rep.Findings)
	}
	if !enginetest.HasRule(rep, "limiter/params") {
		t.Errorf("the parameters are not judged analytically: %+v", rep.Findings)
	}
}

func TestParseSFList(t *testing.T) {
	items, err := parseSFList(`"burst";q=100;w=60, daily;q=1000;w=86400`)
	if err != nil || len(items) != 2 || items[0].name != "burst" || items[1].params["w"] != "86400" {
		t.Fatalf("%+v, %v", items, err)
	}
	for _, bad := range []string{`"x";q`, `;q=1`, `"x";q=1;;`} {
		if _, err := parseSFList(bad); err == nil {
			t.Errorf("%q parsed", bad)
		}
	}
}

// FuzzRejectionHeaders: the header and structured-field parsers take any
// text a learner types without panicking.
func FuzzRejectionHeaders(f *testing.F) {
	for _, seed := range []string{
		"Retry-After: 1\nX-RateLimit-Limit: 1000\nX-RateLimit-Remaining: 0\nX-RateLimit-Reset: 1",
		"RateLimit-Policy: \"default\";q=100;w=10\nRateLimit: \"default\";r=0;t=1",
		"RateLimit: \"a\";r=\"", ":", "\"\";;,,", "a:b\n\n:c",
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, s string) {
		hs, _ := parseHeaders(s)
		for _, h := range hs {
			_, _ = parseSFList(h.value)
		}
		_, _ = parseSFList(s)
	})
}

func newEngine(t testing.TB) *engine.Engine { return enginetest.New(t, []engine.Kata{New()}) }

// TestRulesSayHowTheyKnow: every rule says whether it computes or reads,
// with help and an example that passes and one that fails; a reading is a
// warning at most, and each of its findings says it is a reading.
func TestRulesSayHowTheyKnow(t *testing.T) {
	reading := map[string]bool{}
	for _, r := range rules {
		if r.Kind == "" || r.Help == "" || r.Pass == "" || r.Fail == "" {
			t.Errorf("%s: kind %q, help, pass and fail are all needed", r.ID, r.Kind)
		}
		if r.Kind == engine.Reading {
			reading[r.ID] = true
			if r.Severity == engine.Error {
				t.Errorf("%s reads prose, so it may not be an error", r.ID)
			}
		}
	}
	e := newEngine(t)
	dir := filepath.Join(enginetest.Root(t), "engine", "testdata", "corpus", "limiter")
	files, _ := filepath.Glob(filepath.Join(dir, "*.md"))
	if len(files) < 20 {
		t.Fatalf("%d corpus files in %s", len(files), dir)
	}
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, fd := range e.Check(src).Findings {
			for _, x := range append([]engine.Finding{fd}, fd.Follows...) {
				if reading[x.Rule] && !strings.HasPrefix(x.Message, "Reading your text") {
					t.Errorf("%s: %s does not say it is a reading: %s", filepath.Base(f), x.Rule, x.Message)
				}
			}
		}
	}
}

// TestFailureCategoriesAreTheSchemas: the categories the messages suggest
// are the schema's enum, for each of the three failure modes.
func TestFailureCategoriesAreTheSchemas(t *testing.T) {
	var s struct {
		Properties struct {
			FailureModes struct {
				Properties map[string]struct {
					Properties struct {
						Category struct {
							Enum []string `json:"enum"`
						} `json:"category"`
					} `json:"properties"`
				} `json:"properties"`
			} `json:"failure_modes"`
		} `json:"properties"`
	}
	if err := json.Unmarshal(schemas.Source("limiter"), &s); err != nil {
		t.Fatal(err)
	}
	for _, n := range modeNames {
		if got := s.Properties.FailureModes.Properties[n].Properties.Category.Enum; !slices.Equal(got, failureCategories) {
			t.Errorf("%s: the schema lists %v, the rule %v", n, got, failureCategories)
		}
	}
}

// TestDraftRateLimitHeaders: the httpapi draft's older RateLimit-Limit,
// -Remaining and -Reset fields, with a policy of bare quotas, are read as
// a family of their own, and held to the same rules.
func TestDraftRateLimitHeaders(t *testing.T) {
	e := newEngine(t)
	src, err := os.ReadFile(filepath.Join(enginetest.Root(t), "engine", "testdata", "corpus", "limiter", "good-service-middleware-draft-headers.md"))
	if err != nil {
		t.Fatal(err)
	}
	if rep := e.Check(src); len(rep.Findings) != 0 {
		t.Fatalf("the draft's fields are not read: %+v", rep.Findings)
	}
	for _, tt := range []struct{ old, repl, say string }{
		{"RateLimit-Remaining:", "RateLimit-Remaining: 5", "0 remaining"},
		{"RateLimit-Reset:", "RateLimit-Reset: 1764590000", "looks like a Unix time"},
		{"RateLimit-Reset:", "RateLimit-Reset: 3", "below RateLimit-Reset: 3"},
		{"RateLimit-Limit:", "RateLimit-Quota: 1000", "RateLimit-Limit is missing"},
		{"RateLimit-Policy:", "RateLimit-Policy: 1000", "window w"},
	} {
		rep := e.Check([]byte(enginetest.ReplaceLine(t, string(src), tt.old, tt.repl)))
		if !enginetest.HasRule(rep, "limiter/ratelimit-headers") || !strings.Contains(fmt.Sprint(rep.Findings), tt.say) {
			t.Errorf("%s: want a finding saying %q, got %+v", tt.repl, tt.say, rep.Findings)
		}
	}
}
