package limiter

import (
	"fmt"
	"github.com/katabook/katabook/engine"
	"github.com/katabook/katabook/schemas"
	"math"
	"regexp"
	"strconv"
	"strings"
)

// The limiter kata: a rate limiter for a public API, designed for one of
// three models (per user, per IP, per resource cost). The design's numbers
// are checked against the requirement, its claims against the exact bounds
// of its algorithm (limiterbounds.go, limiterclaims.go), which it is also
// simulated on standard traffic to picture (limitersim.go); its distributed
// setup is costed, its rejection response parsed (limiterhttp.go), and its
// failure modes judged by their categories (limiterfailures.go). The rules
// are listed in limiterrules.go.

// minWords is the shortest justification taken as an argument.
const minWords = 8

var num = engine.FormatNum

// New returns the limiter kata.
func New() engine.Kata {
	return &engine.Spec{
		ID:          "limiter",
		Title:       "Design a rate limiter",
		Schema:      schemas.Source("limiter"),
		Params:      params,
		CheckParams: checkRequirement,
		Rules:       rules,
		Figures:     limiterFigures,
		Drill:       limiterDrill,
	}
}

// params are the kata's requirement: the models' limits and the API's
// deployment.
var params = []engine.Param{
	{Name: "user_limit_rps", Type: engine.Number, Default: 1000.0, Unit: "req/s", Meaning: "the long-run limit per authenticated user"},
	{Name: "user_burst", Type: engine.Number, Default: 5000.0, Unit: "requests", Meaning: "the requests a user may spend at once"},
	{Name: "ip_limit_rps", Type: engine.Number, Default: 100.0, Unit: "req/s", Meaning: "the limit per unauthenticated IP address"},
	{Name: "instances", Type: engine.Integer, Default: 20.0, Unit: "instances", Meaning: "the API instances the limit is shared by"},
	{Name: "regions", Type: engine.Integer, Default: 3.0, Unit: "regions", Meaning: "the regions the instances are spread over"},
}

func checkRequirement(p engine.Params) error {
	limit, burst := p.Num("user_limit_rps"), p.Num("user_burst")
	switch {
	case limit <= 0 || p.Num("ip_limit_rps") <= 0:
		return fmt.Errorf("user_limit_rps and ip_limit_rps must be above 0")
	case burst < limit:
		return fmt.Errorf("user_burst (%s) is below user_limit_rps (%s): a bucket that holds less than one second's refill never lets a user reach the limit in a burst", num(burst), num(limit))
	case limit*1.2*60 > simMaxRequests || burst*1.2 > simMaxRequests:
		return fmt.Errorf("user_limit_rps %s and user_burst %s are beyond what the simulation runs (%d requests a scenario)", num(limit), num(burst), simMaxRequests)
	case p.Num("regions") < 1 || p.Num("instances") < p.Num("regions"):
		return fmt.Errorf("instances (%s) must be at least regions (%s), and regions at least 1", num(p.Num("instances")), num(p.Num("regions")))
	}
	return nil
}

// algoGroups lists each algorithm's parameter group and two fields.
var algoGroups = []algoGroup{
	{"token-bucket", "token_bucket", "refill_rate", "capacity", "refill rate and capacity"},
	{"leaky-bucket", "leaky_bucket", "leak_rate", "capacity", "leak rate and bucket size"},
	{"fixed-window", "fixed_window", "window_s", "limit", "window length and limit"},
	{"sliding-window-log", "sliding_window_log", "window_s", "limit", "window length and limit"},
	{"sliding-window-counter", "sliding_window_counter", "window_s", "limit", "window length and limit"},
	{"gcra", "gcra", "emission_interval_ms", "tolerance_ms", "emission interval T and tolerance τ"},
}

// requirement is the model's limit and burst as the learner stated them.
func requirement(r *engine.Run) (limit, burst float64) {
	return r.Num("/model/limit_rps"), r.Num("/model/burst")
}

// readParts returns the algorithm's parts with their parameters, and the
// pointers of parameters the chosen algorithm still lacks.
func readParts(a *engine.Answer) (parts []limiterPart, missing []string, ok bool) {
	name, ok := a.Str("/algorithm/name")
	if !ok {
		return nil, nil, false
	}
	for _, g := range algoGroups {
		pa, pb := "/algorithm/"+g.group+"/"+g.a, "/algorithm/"+g.group+"/"+g.b
		va, okA := a.Num(pa)
		vb, okB := a.Num(pb)
		switch {
		case name != g.algo && name != "hybrid":
			continue
		case okA && okB && va > 0 && vb >= 0:
			parts = append(parts, limiterPart{algo: g.algo, a: va, b: vb})
		case name == "hybrid" && !okA && !okB:
			continue
		default:
			if !okA {
				missing = append(missing, pa)
			}
			if !okB {
				missing = append(missing, pb)
			}
		}
	}
	return parts, missing, true
}

// design reads what the simulation needs; ok is false (and the run marked
// skipped) when the answer does not have it yet.
func design(r *engine.Run) (limiterDesign, bool) {
	limit, burst := requirement(r)
	parts, missing, ok := readParts(r.A)
	if r.Missing || !ok || len(missing) > 0 || len(parts) == 0 || limit <= 0 || burst <= 0 {
		r.Missing = true
		return limiterDesign{}, false
	}
	return limiterDesign{parts: parts, limit: limit, burst: burst, replicas: replicas(r.A)}, true
}

// withUnit shows what the learner wrote at ptr, with the field's unit when
// the text has none: "5 ms", or "4.999 s (4999 ms)".
func withUnit(r *engine.Run, ptr string) string {
	if shown, lit := r.A.Shown(ptr), r.A.Literal(ptr); shown != lit || r.A.Unit(ptr) == "" {
		return shown
	}
	return r.A.Literal(ptr) + " " + r.A.Unit(ptr)
}

// uses declares the design's inputs for the rule's next finding, so that a
// finding that follows from a parameter already in error folds under it.
func uses(r *engine.Run, d limiterDesign) {
	r.Uses("/model/limit_rps", "/model/burst")
	for _, p := range d.parts {
		g := groupFor(p.algo)
		r.Uses("/algorithm/"+g.group+"/"+g.a, "/algorithm/"+g.group+"/"+g.b)
	}
}

// replicas is how many copies of a client's state admit requests without
// seeing each other within a sync interval.
func replicas(a *engine.Answer) int {
	kind, _ := a.Str("/storage/kind")
	field := map[string]string{"in-memory-sync": "/deployment/instances", "per-region-federation": "/deployment/regions"}[kind]
	if field == "" {
		return 1
	}
	n, _ := a.Num(field)
	return int(math.Max(1, math.Min(n, simMaxReplicas)))
}

func checkModelNumbers(r *engine.Run) {
	kind := r.Str("/model/kind")
	limit, burst := requirement(r)
	if r.Missing {
		return
	}
	switch kind {
	case "per-user":
		if want := r.P.Num("user_limit_rps"); !engine.Near(limit, r.A.Literal("/model/limit_rps"), want) {
			r.Failf("/model/limit_rps", "the per-user limit is %s req/s per authenticated user, not %s", num(want), num(limit))
		}
		if want := r.P.Num("user_burst"); !engine.Near(burst, r.A.Literal("/model/burst"), want) {
			r.Failf("/model/burst", "users may spend up to %s requests in a burst, not %s", num(want), num(burst))
		}
	case "per-ip":
		if want := r.P.Num("ip_limit_rps"); !engine.Near(limit, r.A.Literal("/model/limit_rps"), want) {
			r.Failf("/model/limit_rps", "the per-IP limit is %s req/s per unauthenticated address, not %s", num(want), num(limit))
		}
	}
}

var (
	natRE  = regexp.MustCompile(`(?i)\bnat\b|\bcgn|proxy|shared address|carrier`)
	ipv6RE = regexp.MustCompile(`/64\b`)
)

// checkIPv6Prefix: a key longer than /64 is one a client can rotate at will.
func checkIPv6Prefix(r *engine.Run) {
	if r.Str("/model/kind") != "per-ip" {
		return
	}
	if n, ok := r.A.Num("/model/ipv6_prefix"); ok && n > 64 {
		r.Failf("/model/ipv6_prefix", "An IPv6 client is usually given a whole /64, 2^64 addresses, and can pick a new one for every request: keyed on /%s, it gets 2^%s fresh limits. Key IPv6 addresses on their /64 (or a shorter prefix, such as a second limit per /48).",
			num(n), num(n-64))
	}
}

func checkIPNotes(r *engine.Run) {
	if r.Str("/model/kind") != "per-ip" {
		return
	}
	notes, _ := r.A.Str("/model/ip_notes")
	key, _ := r.A.Str("/model/key")
	var gaps []string
	if !natRE.MatchString(notes) {
		gaps = append(gaps, "what you do for the many users behind one NAT or proxy, who share one address and so one limit (an office, a mobile carrier's CGNAT)")
	}
	if _, ok := r.A.Num("/model/ipv6_prefix"); !ok && !ipv6RE.MatchString(notes+" "+key) {
		gaps = append(gaps, "whether you key IPv6 clients on their /64, since one holds the whole prefix (set IPv6 key prefix to 64, and the engine checks it)")
	}
	if len(gaps) > 0 {
		r.Failf("/model/ip_notes", "Reading your text, I could not find %s.", strings.Join(gaps, "; nor "))
	}
}

func costPtr(i int, f string) string { return "/model/cost_table/" + strconv.Itoa(i) + "/" + f }

func checkCostTable(r *engine.Run) {
	if r.Str("/model/kind") != "per-resource-cost" {
		return
	}
	limit := r.Num("/model/limit_rps")
	if r.Missing {
		return
	}
	n := r.A.Len("/model/cost_table")
	seen := map[string]int{}
	rows := 0
	for i := 0; i < n; i++ {
		ep, okE := r.A.Str(costPtr(i, "endpoint"))
		cost, okC := r.A.Num(costPtr(i, "cost"))
		if !okE && !okC {
			continue
		}
		rows++
		ep = strings.TrimSpace(ep)
		switch {
		case ep == "":
			r.Failf(costPtr(i, "endpoint"), "Entry %d of the cost table has a cost but no endpoint: name the endpoint it prices", i+1)
		case seen[strings.ToLower(ep)] > 0:
			r.Failf(costPtr(i, "endpoint"), "%s is already priced in entry %d of the cost table: one cost per endpoint", ep, seen[strings.ToLower(ep)])
		default:
			seen[strings.ToLower(ep)] = i + 1
		}
		if !okC {
			r.Failf(costPtr(i, "cost"), "%s has no cost: every endpoint needs a positive whole number of tokens", ep)
			continue
		}
		if cost <= 0 || cost != math.Trunc(cost) {
			r.Failf(costPtr(i, "cost"), "%s costs %s tokens: a cost is a positive whole number of tokens, so that the bucket counts exactly", ep, num(cost))
			continue
		}
		if _, ok := r.A.Num(costPtr(i, "max_rps")); ok {
			r.Expect(costPtr(i, "max_rps"), limit/cost, fmt.Sprintf("the budget of %s tokens/s divided by a cost of %s", num(limit), num(cost)))
		}
	}
	if rows < 2 {
		r.Failf("/model/cost_table", "a per-resource-cost limiter needs a cost table with at least two endpoints of different costs (a cheap read at 1 token, an expensive export at many)")
	}
}

// checkParams compares the algorithm's parameters with the requirement:
// the long-run rate must be the limit, and no burst may exceed the allowance.
func checkParams(r *engine.Run) {
	limit, burst := requirement(r)
	parts, missing, ok := readParts(r.A)
	if r.Missing || !ok {
		r.Missing = true
		return
	}
	name, _ := r.A.Str("/algorithm/name")
	for _, p := range missing {
		g := groupOf(p)
		r.Failf(p, "the %s needs its %s: %s is not answered yet", g.algo, g.what, engine.Dotted(p))
	}
	if len(missing) > 0 {
		return
	}
	if len(parts) == 0 && name != "hybrid" {
		r.Missing = true // not one of the algorithms: the schema says so
		return
	}
	if name == "hybrid" && len(parts) < 2 {
		r.Failf("/algorithm/name", "a hybrid combines at least two algorithms: fill in the parameters of each part (found %d)", len(parts))
		return
	}
	if name == "hybrid" {
		checkHybrid(r, parts, limit, burst)
		return
	}
	p := parts[0]
	g := groupFor(p.algo)
	pa, pb := "/algorithm/"+g.group+"/"+g.a, "/algorithm/"+g.group+"/"+g.b
	switch p.algo {
	case "token-bucket":
		r.Expect(pa, limit, fmt.Sprintf("the long-run limit (a bucket passes on average what it refills) of %s/s", num(limit)))
		r.Expect(pb, burst, fmt.Sprintf("the burst allowance (a full bucket is what an idle client can spend at once) of %s", num(burst)))
	case "leaky-bucket":
		r.Expect(pa, limit, fmt.Sprintf("the long-run limit (the bucket drains at this rate) of %s/s", num(limit)))
		r.Expect(pb, burst, fmt.Sprintf("the burst allowance (an empty bucket absorbs this many at once) of %s", num(burst)))
	case "gcra":
		T := 1000 / limit
		r.Expect(pa, T, fmt.Sprintf("T = 1 / rate = 1000 ms / %s", num(limit)))
		tau := p.b
		lit := r.A.Literal(pb)
		if engine.Near(p.a, r.A.Literal(pa), T) && !engine.Near(tau, lit, T*burst) && !engine.Near(tau, lit, T*(burst-1)) {
			r.Failf(pb, "τ = %s admits 1 + τ/T = %s requests back to back, not the burst of %s: take τ = T × (burst − 1) = %s ms for exactly %s, or τ = T × burst = %s ms (which admits %s: the max_burst + 1 that redis-cell reports as its limit).%s",
				withUnit(r, pb), num(p.idleBurst()), num(burst), num(T*(burst-1)), num(burst), num(T*burst), num(burst+1), slipNote(tau, T*burst, "ms"))
		}
	default: // the window algorithms
		rate := p.rate()
		if !engine.Near(rate, num(rate), limit) {
			r.Failf(pb, "%s requests per %s s is %s req/s in the long run, not the limit of %s req/s: for a burst of %s at %s/s use a window of burst / rate = %s s holding %s",
				num(p.b), num(p.a), num(rate), num(limit), num(burst), num(limit), num(burst/limit), num(burst))
		}
		if wb := p.worstBurst(); wb > burst && !engine.Near(wb, num(wb), burst) {
			why := "an idle client can spend the whole limit at once"
			if p.algo == "fixed-window" {
				why = fmt.Sprintf("a fixed window admits its limit at the end of one window and again at the start of the next: 2 × %s = %s within moments", num(p.b), num(wb))
			}
			r.Failf(pb, "this window lets through a burst of %s, above the allowance of %s: %s", num(wb), num(burst), why)
		}
	}
}

// checkHybrid holds the hybrid's tightest parts to the requirement; a
// finding stands on the parameter of the part that sets the number.
func checkHybrid(r *engine.Run, parts []limiterPart, limit, burst float64) {
	d := limiterDesign{parts: parts}
	if k := d.tightest(limiterPart.rate); !engine.Near(k.rate(), num(k.rate()), limit) {
		g := groupFor(k.algo)
		ptr := "/algorithm/" + g.group + "/" + g.b
		if _, _, bucket := k.bucketLike(); bucket {
			ptr = "/algorithm/" + g.group + "/" + g.a
		}
		r.Failf(ptr, "The hybrid's tightest part, the %s, holds a client to %s in the long run, not the limit of %s req/s: every part must allow the limit, and the tightest sets it.%s",
			k.algo, k.rateFormula(), num(limit), slipNote(k.rate(), limit, "req/s"))
	}
	worst := math.Inf(1)
	for _, p := range parts {
		worst = math.Min(worst, p.worstBurst())
	}
	if worst > burst && !engine.Near(worst, num(worst), burst) {
		r.Failf("/algorithm/name", "every part of the hybrid lets through a burst of at least %s, above the allowance of %s", num(worst), num(burst))
	}
}

// algoGroup names an algorithm's parameter group and its two fields.
type algoGroup struct{ algo, group, a, b, what string }

func groupFor(algo string) algoGroup {
	for _, g := range algoGroups {
		if g.algo == algo {
			return g
		}
	}
	return algoGroup{}
}

func groupOf(ptr string) algoGroup {
	for _, g := range algoGroups {
		if strings.HasPrefix(ptr, "/algorithm/"+g.group+"/") {
			return g
		}
	}
	return algoGroup{}
}

func checkBurstUnused(r *engine.Run) {
	d, ok := design(r)
	if !ok {
		return
	}
	idle := math.Inf(1)
	for _, p := range d.parts {
		idle = math.Min(idle, p.idleBurst())
	}
	if idle < d.burst && !engine.Near(idle, num(idle), d.burst) {
		uses(r, d)
		r.Failf("/algorithm/name", "An idle client gets only %s requests through at once, less than the burst allowance of %s: the design is stricter than the model it states.", num(idle), num(d.burst))
	}
}

// simOf runs the simulation; ok is false when the design is not answered
// yet or too large to simulate.
func simOf(r *engine.Run) (*SimResult, limiterDesign, bool) {
	d, ok := design(r)
	if !ok {
		return nil, d, false
	}
	type outcome struct {
		res *SimResult
		err error
	}
	// The design is read from the answer, so one simulation serves every
	// rule and the figure of a check.
	// Across checks, designs with the same parameters share a simulation.
	o := r.A.Derived("limiter/simulation", func() any {
		return r.A.Shared(fmt.Sprintf("limiter/simulation %v", d), func() any {
			res, err := d.simulate()
			return outcome{res, err}
		})
	}).(outcome)
	// A design too large to simulate is no finding: the analytic bounds
	// judge its claims, and the page shows no chart for it.
	if o.err != nil {
		return nil, d, false
	}
	return o.res, d, true
}

func checkSimulation(r *engine.Run) {
	res, d, ok := simOf(r)
	if !ok {
		return
	}
	if s := res.steady; s.TotalAdmitted < s.Total {
		first := 0
		for i, ps := range s.PerSecond {
			if ps.Rejected > 0 {
				first = i
				break
			}
		}
		uses(r, d)
		r.Failf("/algorithm/name", "a client sending a steady %s req/s, under the limit of %s, had %d of its %d requests rejected in the simulation (the first in second %d): the parameters are tighter than the limit",
			num(0.9*d.limit), num(d.limit), s.Total-s.TotalAdmitted, s.Total, first)
	}
	if o := res.overload; o.TailRate > d.limit && !engine.Near(o.TailRate, num(o.TailRate), d.limit) {
		uses(r, d)
		r.Failf("/algorithm/name", "a client sending %s req/s for %d s still got %s req/s through over the last %d s, above the limit of %s req/s",
			num(1.2*d.limit), longRunS, num(o.TailRate), longRunTailS, num(d.limit))
	}
}

func checkGlobalScope(r *engine.Run) {
	if scope := r.Str("/deployment/scope"); !r.Missing && scope != "global" {
		r.Failf("/deployment/scope", "the requirement is a global limit: a client spread over %s instances in %s regions must get %s in total, not %s", num(r.P.Num("instances")), num(r.P.Num("regions")), "its limit once", "once per "+strings.TrimPrefix(scope, "per-"))
	}
}

func checkDeployment(r *engine.Run) {
	if n, want := r.Num("/deployment/instances"), r.P.Num("instances"); !r.Missing && n != want {
		r.Failf("/deployment/instances", "the kata's API runs %s instances, not %s", num(want), num(n))
	}
	if n, want := r.Num("/deployment/regions"), r.P.Num("regions"); !r.Missing && n != want {
		r.Failf("/deployment/regions", "the kata's API spans %s regions, not %s", num(want), num(n))
	}
}

func checkLocalLimit(r *engine.Run) {
	kind := r.Str("/storage/kind")
	limit, burst := requirement(r)
	n := r.Num("/deployment/instances")
	if r.Missing || kind != "in-memory-local" {
		return
	}
	share := limit / n
	r.Uses("/deployment/scope") // a scope that is not global is the same choice
	r.Failf("/storage/kind", "with counts kept in each instance and never shared the limit is not global: each of the %s instances must hold limit / %s = %s req/s (burst %s), and that is right only if the load balancer spreads every client evenly; a client pinned to one instance gets %s req/s, one spread over all gets %s",
		num(n), num(n), num(share), num(burst/n), num(share), num(limit))
	if v, ok := r.A.Num("/storage/local_limit_rps"); ok && !engine.Near(v, r.A.Literal("/storage/local_limit_rps"), share) {
		r.Failf("/storage/local_limit_rps", "each instance's share of %s req/s over %s instances is %s req/s, not %s", num(limit), num(n), num(share), num(v))
	}
}

// overshoot is the worst case for replicas that sync every s seconds: each
// can spend the whole burst plus what refills during the interval before it
// hears that the others did the same.
func overshoot(replicas, limit, burst, intervalS float64) float64 {
	return (replicas - 1) * (burst + limit*intervalS)
}

func checkOvershoot(r *engine.Run) {
	kind := r.Str("/storage/kind")
	if r.Missing || (kind != "in-memory-sync" && kind != "per-region-federation") {
		return
	}
	limit, burst := requirement(r)
	what, field := "instances", "/deployment/instances"
	if kind == "per-region-federation" {
		what, field = "regions", "/deployment/regions"
	}
	n := r.Num(field)
	s, ok := r.A.Num("/storage/sync_interval_ms")
	if !ok {
		r.Failf("/storage/sync_interval_ms", "%s needs a sync interval: how often the %s exchange counts", kind, what)
		return
	}
	if _, ok := r.A.Num("/storage/overshoot_requests"); !ok {
		r.Failf("/storage/overshoot_requests", "say how many requests the %s %s can admit above the global limit within one sync interval of %s ms", num(n), what, num(s))
		return
	}
	if r.Missing {
		return
	}
	const ptr = "/storage/overshoot_requests"
	if got, _ := r.A.Num(ptr); kind == "per-region-federation" {
		// The replicas are the regions' stores; the instances are a slip.
		inst := r.Num("/deployment/instances")
		if want := overshoot(n, limit, burst, s/1000); !engine.Near(got, r.A.Literal(ptr), want) && engine.Near(got, r.A.Literal(ptr), overshoot(inst, limit, burst, s/1000)) {
			r.Failf(ptr, "With per-region federation the copies that cannot see each other are the %s regions' stores, not the %s instances: (%s − 1) × (burst %s + %s req/s × %s s) = %s requests, not %s.",
				num(n), num(inst), num(n), num(burst), num(limit), num(s/1000), num(want), r.A.Shown(ptr))
			return
		}
	}
	r.Expect(ptr, overshoot(n, limit, burst, s/1000),
		fmt.Sprintf("(%s − 1) × (burst %s + %s req/s × %s s): each of the %s %s can spend the whole burst plus the interval's refill before it hears the others did", num(n), num(burst), num(limit), num(s/1000), num(n), what))
}

func checkStoreOps(r *engine.Run) {
	kind := r.Str("/storage/kind")
	if r.Missing || kind == "in-memory-local" || kind == "in-memory-sync" {
		return
	}
	ops, okO := r.A.Num("/storage/ops_per_check")
	peak := r.Num("/deployment/peak_rps")
	if !okO {
		if kind == "central-store" {
			r.Failf("/storage/ops_per_check", "a central store is called on every request: say how many store operations one check takes")
		}
		return
	}
	if _, ok := r.A.Num("/storage/store_ops_per_s"); !ok {
		r.Failf("/storage/store_ops_per_s", "work out the store's load at peak: %s req/s × %s ops per check", num(peak), num(ops))
		return
	}
	const ptr = "/storage/store_ops_per_s"
	got, _ := r.A.Num(ptr)
	if n := r.Num("/deployment/instances"); n > 1 && !engine.Near(got, r.A.Literal(ptr), peak*ops) && engine.Near(got, r.A.Literal(ptr), peak*ops/n) {
		r.Failf(ptr, "The store takes the checks of every instance together: peak traffic × ops per check = %s × %s = %s ops/s, not %s, which is one instance's share (%s instances).",
			num(peak), num(ops), num(peak*ops), r.A.Shown(ptr), num(n))
		return
	}
	r.Expect(ptr, peak*ops, fmt.Sprintf("peak traffic × ops per check = %s × %s", num(peak), num(ops)))
}

func checkStoreLatency(r *engine.Run) {
	if kind := r.Str("/storage/kind"); r.Missing || kind != "central-store" {
		return
	}
	budget, okB := r.A.Num("/storage/check_budget_ms")
	rtt, okR := r.A.Num("/storage/cross_region_rtt_ms")
	if !okB || !okR {
		ptr := "/storage/check_budget_ms"
		if okB {
			ptr = "/storage/cross_region_rtt_ms"
		}
		r.Failf(ptr, "a central store in one region is a round trip away from the other %s: give the check's latency budget and the cross-region round trip", num(r.P.Num("regions")-1))
		return
	}
	if rtt >= budget {
		slip := ""
		if budget*1000 > rtt && budget < 1 {
			slip = fmt.Sprintf(" (%s ms is a budget in seconds written as milliseconds? %s ms would cover the round trip)", r.A.Literal("/storage/check_budget_ms"), num(budget*1000))
		}
		r.Failf("/storage/check_budget_ms", "A check from a region without the store waits at least one round trip of %s ms, so a budget of %s cannot be met%s: put a store (or a replica that takes writes) in each region, or check asynchronously against a local estimate.", num(rtt), withUnit(r, "/storage/check_budget_ms"), slip)
	}
}

func checkStoreTimeout(r *engine.Run) {
	budget, okB := r.A.Num("/storage/check_budget_ms")
	timeout, okT := r.A.Num("/storage/timeout_ms")
	if okB && okT && timeout > budget {
		r.Uses("/storage/check_budget_ms", "/storage/timeout_ms")
		r.Failf("/storage/timeout_ms", "a store time-out of %s ms is above the check budget of %s ms: a slow store breaks the budget on every request before degraded mode starts", num(timeout), num(budget))
	}
}

func words(s string) int { return len(strings.Fields(s)) }

func checkJustified(r *engine.Run) {
	for _, p := range []string{"/algorithm/justification", "/degraded/justification"} {
		if s, ok := r.A.Str(p); ok && words(s) < minWords {
			r.Failf(p, "Reading your text, %d words read as a label rather than a justification: argue it in a sentence or two (what it buys, what it costs, why that trade fits this model).", words(s))
		} else if !ok {
			r.Missing = true
		}
	}
}

func checkDegradedModel(r *engine.Run) {
	kind, mode := r.Str("/model/kind"), r.Str("/degraded/mode")
	if r.Missing {
		return
	}
	if _, fallback := r.A.Num("/degraded/local_fallback_rps"); fallback {
		return
	}
	switch {
	case kind == "per-ip" && mode == "fail-open":
		r.Failf("/degraded/mode", "a per-IP limit protects the API from unauthenticated abuse; failing open turns it off exactly when an attack may be what broke the store: keep a local per-instance fallback limit")
	case kind != "per-ip" && mode == "fail-closed":
		r.Failf("/degraded/mode", "failing closed rejects every signed-in user because the limiter's store is down: the limiter becomes the outage; consider failing open with a local per-instance fallback limit")
	}
}

func checkFallback(r *engine.Run) {
	v, ok := r.A.Num("/degraded/local_fallback_rps")
	if !ok {
		return
	}
	limit, n := r.Num("/model/limit_rps"), r.Num("/deployment/instances")
	if r.Missing {
		return
	}
	if share := limit / n; v > share && !engine.Near(v, r.A.Literal("/degraded/local_fallback_rps"), share) {
		r.Failf("/degraded/local_fallback_rps", "%s req/s on each of %s instances lets a client through at up to %s req/s while the store is down, above the global %s req/s: the consistent fallback is limit / instances = %s req/s",
			num(v), num(n), num(v*n), num(limit), num(share))
	}
}

// limiterFigures gives the page the simulation and the cost table's rates.
func limiterFigures(a *engine.Answer, p engine.Params) map[string]any {
	r := engine.ReadRun(a, p)
	res, d, ok := simOf(r)
	if !ok {
		return nil
	}
	fig := map[string]any{"limit": d.limit, "burst": d.burst, "scenarios": res.Scenarios}
	if name, _ := a.Str("/algorithm/name"); name != "" {
		fig["algorithm"] = name
	}
	if res.Distributed != nil {
		fig["distributed"] = res.Distributed
	}
	if notes := distributionNotes(a, d); len(notes) > 0 {
		fig["notes"] = notes
	}
	kind, _ := a.Str("/model/kind")
	fig["model"] = kind
	if kind == "per-resource-cost" {
		type rate struct {
			Endpoint string  `json:"endpoint"`
			Cost     float64 `json:"cost"`
			RPS      float64 `json:"rps"`
		}
		var costs []rate
		for i := 0; i < a.Len("/model/cost_table"); i++ {
			ep, _ := a.Str(costPtr(i, "endpoint"))
			c, ok := a.Num(costPtr(i, "cost"))
			if ok && c > 0 && ep != "" {
				costs = append(costs, rate{ep, c, d.limit / c})
			}
		}
		fig["costs"] = costs
	}
	return map[string]any{"limiter": fig}
}

// distributionNotes states what the engine computed about the distributed
// setup, so the page shows it even when the learner's numbers agree.
func distributionNotes(a *engine.Answer, d limiterDesign) []string {
	kind, _ := a.Str("/storage/kind")
	var notes []string
	switch kind {
	case "in-memory-sync", "per-region-federation":
		what, field := "instances", "/deployment/instances"
		if kind == "per-region-federation" {
			what, field = "regions", "/deployment/regions"
		}
		n, okN := a.Num(field)
		s, okS := a.Num("/storage/sync_interval_ms")
		if okN && okS {
			notes = append(notes, fmt.Sprintf("Worst-case overshoot in one %s ms sync interval over %s %s: (%s − 1) × (%s + %s × %s s) = %s requests above the global limit.",
				num(s), num(n), what, num(n), num(d.burst), num(d.limit), num(s/1000), num(overshoot(n, d.limit, d.burst, s/1000))))
		}
	case "in-memory-local":
		if n, ok := a.Num("/deployment/instances"); ok && n > 0 {
			notes = append(notes, fmt.Sprintf("Not global: each of %s instances would hold %s req/s, and a client pinned to one instance gets only that.", num(n), num(d.limit/n)))
		}
	}
	peak, okP := a.Num("/deployment/peak_rps")
	ops, okO := a.Num("/storage/ops_per_check")
	if okP && okO && (kind == "central-store" || kind == "per-region-federation") {
		notes = append(notes, fmt.Sprintf("Store load at peak: %s req/s × %s ops per check = %s ops/s.", num(peak), num(ops), num(peak*ops)))
	}
	return notes
}
