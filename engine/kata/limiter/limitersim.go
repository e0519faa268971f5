package limiter

import (
	"fmt"
	"math"
)

// The limiter kata's simulator: the learner's algorithm and parameters run
// against four standard traffic scenarios, request by request, in integer
// nanoseconds. It is deterministic (no clock, no randomness) and bounded:
// at most simMaxRequests requests per scenario and simBins chart points.

const (
	// simMaxRequests caps the requests of one scenario; a design whose
	// numbers need more is not simulated (the finding says so).
	simMaxRequests = 200_000
	// simBins is the number of chart points per scenario.
	simBins = 120
	// simMaxReplicas caps the replicas of the distributed burst.
	simMaxReplicas = 1000
	// longRunS is the length of the overload run and longRunTailS the
	// tail over which its long-run admitted rate is measured.
	longRunS     = 60
	longRunTailS = 20
)

const nsPerS = 1e9

// meter is one limiter's state for one client. Times are nanoseconds from
// the start of the scenario and never go backwards.
type meter interface {
	// allow reports whether a request at t would be admitted.
	allow(t int64) bool
	// take records an admitted request at t.
	take(t int64)
	// headroom is how many requests could pass at t: tokens left, or the
	// limit minus the counter. It is what the chart draws.
	headroom(t int64) float64
}

// tokenBucket holds its level in nano-tokens, so a whole-number rate
// refills by whole units every nanosecond and counts come out exact. A
// leaky bucket used as a meter is the same machine seen from the other
// side: its free space is the bucket's tokens.
type tokenBucket struct {
	rate  float64 // tokens per second = nano-tokens per nanosecond
	cap   float64 // nano-tokens
	level float64 // nano-tokens
	last  int64
}

func newTokenBucket(rate, capacity float64) *tokenBucket {
	return &tokenBucket{rate: rate, cap: capacity * nsPerS, level: capacity * nsPerS}
}

func (b *tokenBucket) refill(t int64) {
	if t > b.last {
		// The builtin min, not math.Min: the simulation calls this for
		// every request, and math.Min's NaN and signed-zero handling (no
		// NaN reaches here) costs a call that the builtin does not.
		b.level = min(b.cap, b.level+float64(t-b.last)*b.rate)
		b.last = t
	}
}
func (b *tokenBucket) allow(t int64) bool { b.refill(t); return b.level+1e-3 >= nsPerS }
func (b *tokenBucket) take(t int64)       { b.refill(t); b.level -= nsPerS }
func (b *tokenBucket) headroom(t int64) float64 {
	b.refill(t)
	return math.Max(0, math.Floor((b.level+1e-3)/nsPerS))
}

// gcra keeps the theoretical arrival time: a request at t conforms when
// tat − τ ≤ t, and each admitted request pushes tat one emission interval T.
type gcra struct {
	T, tau float64 // ns
	tat    float64
}

func (g *gcra) allow(t int64) bool { return g.tat-g.tau <= float64(t) }
func (g *gcra) take(t int64)       { g.tat = max(g.tat, float64(t)) + g.T }
func (g *gcra) headroom(t int64) float64 {
	ft := float64(t)
	return math.Max(0, math.Floor((ft+g.tau-math.Max(g.tat, ft))/g.T)+1)
}

// fixedWindow counts requests in windows that start at whole multiples of
// the window length.
type fixedWindow struct {
	w     int64
	limit float64
	start int64
	count float64
}

func (f *fixedWindow) roll(t int64) {
	if s := t - t%f.w; s != f.start {
		f.start, f.count = s, 0
	}
}
func (f *fixedWindow) allow(t int64) bool { f.roll(t); return f.count+1 <= f.limit+1e-9 }
func (f *fixedWindow) take(t int64)       { f.roll(t); f.count++ }
func (f *fixedWindow) headroom(t int64) float64 {
	f.roll(t)
	return math.Max(0, math.Floor(f.limit-f.count+1e-9))
}

// slidingLog keeps the time of every admitted request still in the window.
type slidingLog struct {
	w     int64
	limit float64
	log   timeQueue
}

func (s *slidingLog) evict(t int64)      { s.log.dropUpTo(t - s.w) }
func (s *slidingLog) n() float64         { return float64(s.log.len()) }
func (s *slidingLog) allow(t int64) bool { s.evict(t); return s.n()+1 <= s.limit+1e-9 }
func (s *slidingLog) take(t int64)       { s.evict(t); s.log.push(t) }
func (s *slidingLog) headroom(t int64) float64 {
	s.evict(t)
	return math.Max(0, math.Floor(s.limit-s.n()+1e-9))
}

// timeQueue is a FIFO of times in a ring that grows when full, so that a
// long run of pushes and drops moves no memory.
type timeQueue struct {
	buf     []int64
	head, n int
}

func (q *timeQueue) push(t int64) {
	if q.n == len(q.buf) {
		grown := make([]int64, max(64, 2*len(q.buf)))
		for i := range q.n {
			grown[i] = q.buf[(q.head+i)%len(q.buf)]
		}
		q.buf, q.head = grown, 0
	}
	i := q.head + q.n
	if i >= len(q.buf) {
		i -= len(q.buf)
	}
	q.buf[i] = t
	q.n++
}
func (q *timeQueue) len() int     { return q.n }
func (q *timeQueue) front() int64 { return q.buf[q.head] }

// dropUpTo removes the times at or before t.
func (q *timeQueue) dropUpTo(t int64) {
	for q.n > 0 && q.buf[q.head] <= t {
		q.head++
		if q.head == len(q.buf) {
			q.head = 0
		}
		q.n--
	}
}

// slidingCounter estimates the last window's count from two fixed windows:
// the previous one weighted by how much of it the sliding window still
// covers, plus the current one.
type slidingCounter struct {
	w         int64
	limit     float64
	start     int64
	prev, cur float64
}

func (s *slidingCounter) roll(t int64) {
	ws := t - t%s.w
	switch {
	case ws == s.start:
	case ws == s.start+s.w:
		s.prev, s.cur, s.start = s.cur, 0, ws
	default:
		s.prev, s.cur, s.start = 0, 0, ws
	}
}
func (s *slidingCounter) estimate(t int64) float64 {
	s.roll(t)
	return s.prev*float64(s.w-(t-s.start))/float64(s.w) + s.cur
}
func (s *slidingCounter) allow(t int64) bool { return s.estimate(t)+1 <= s.limit+1e-9 }
func (s *slidingCounter) take(t int64)       { s.roll(t); s.cur++ }
func (s *slidingCounter) headroom(t int64) float64 {
	return math.Max(0, math.Floor(s.limit-s.estimate(t)+1e-9))
}

// hybrid admits a request only when every part admits it, and then counts
// it in every part.
type hybrid []meter

func (h hybrid) allow(t int64) bool {
	for _, m := range h {
		if !m.allow(t) {
			return false
		}
	}
	return true
}
func (h hybrid) take(t int64) {
	for _, m := range h {
		m.take(t)
	}
}
func (h hybrid) headroom(t int64) float64 {
	v := math.Inf(1)
	for _, m := range h {
		v = math.Min(v, m.headroom(t))
	}
	return v
}

// limiterPart is one algorithm with its two parameters, in the units of
// the schema: refill (tokens/s) and capacity; leak (req/s) and size;
// window (s) and limit; T (ms) and τ (ms).
type limiterPart struct {
	algo string
	a, b float64
}

func (p limiterPart) meter() meter {
	switch p.algo {
	case "token-bucket", "leaky-bucket":
		return newTokenBucket(p.a, p.b)
	case "gcra":
		return &gcra{T: p.a * 1e6, tau: p.b * 1e6}
	case "fixed-window":
		return &fixedWindow{w: windowNS(p.a), limit: p.b}
	case "sliding-window-log":
		return &slidingLog{w: windowNS(p.a), limit: p.b}
	case "sliding-window-counter":
		return &slidingCounter{w: windowNS(p.a), limit: p.b}
	}
	panic("unknown algorithm " + p.algo)
}

func windowNS(s float64) int64 { return max(1, int64(math.Round(s*nsPerS))) }

// rate is the long-run admitted rate under overload, in req/s.
func (p limiterPart) rate() float64 {
	switch p.algo {
	case "token-bucket", "leaky-bucket":
		return p.a
	case "gcra":
		return 1000 / p.a
	}
	return math.Floor(p.b+1e-9) / p.a
}

// idleBurst is how many requests an idle client gets through at one instant.
func (p limiterPart) idleBurst() float64 {
	switch p.algo {
	case "token-bucket", "leaky-bucket":
		return math.Floor(p.b + 1e-9)
	case "gcra":
		return 1 + math.Floor(p.b/p.a+1e-9)
	}
	return math.Floor(p.b + 1e-9)
}

// worstBurst is the most admitted within a short span in the worst case: a
// fixed window gives its limit at the end of one window and again at the
// start of the next.
func (p limiterPart) worstBurst() float64 {
	if p.algo == "fixed-window" {
		return 2 * math.Floor(p.b+1e-9)
	}
	return p.idleBurst()
}

func (p limiterPart) isWindow() bool {
	return p.algo == "fixed-window" || p.algo == "sliding-window-log" || p.algo == "sliding-window-counter"
}

// limiterDesign is what the simulation needs from an answer.
type limiterDesign struct {
	parts        []limiterPart
	limit, burst float64 // the model's requirement
	replicas     int     // state copies that do not see each other within a sync interval
}

func (d limiterDesign) meter() meter {
	if len(d.parts) == 1 {
		return d.parts[0].meter()
	}
	h := make(hybrid, len(d.parts))
	for i, p := range d.parts {
		h[i] = p.meter()
	}
	return h
}

// boundary is where the boundary scenario straddles a window edge: the
// first window algorithm's first edge and its limit, or 1 s and the limit.
// A window whose edge run would exceed the simulation's cap (an hourly
// ceiling) is passed over: the analytic bounds judge it, and the picture
// shows the edge of a window that fits, or of one second.
func (d limiterDesign) boundary() (at, limit float64) {
	for _, want := range []string{"fixed-window", "sliding-window-counter", "sliding-window-log"} {
		for _, p := range d.parts {
			if p.algo == want && 2*math.Round(math.Max(d.limit, p.b)) <= simMaxRequests {
				return p.a, p.b
			}
		}
	}
	return 1, d.limit
}

// scenarioSpec is one kind of standard traffic: request times and the
// range the chart shows, in nanoseconds. The times are spans of evenly
// spaced requests, computed as the simulation reaches them: the overload
// run alone would otherwise be a slice of 72,000 times per check.
type scenarioSpec struct {
	name, title string
	spans       []evenSpan
	from, to    int64
}

// evenSpan is n requests spread evenly over [start, start+length); with a
// length of 0 they all arrive at start.
type evenSpan struct {
	start, length int64
	n             int
}

func (e evenSpan) at(i int) int64 {
	return e.start + int64(float64(i)*float64(e.length)/float64(e.n))
}

// each calls fn with every request time of the scenario, in order.
func (sp scenarioSpec) each(fn func(i int, t int64)) {
	i := 0
	for _, e := range sp.spans {
		for k := range e.n {
			fn(i, e.at(k))
			i++
		}
	}
}

func (sp scenarioSpec) total() int {
	n := 0
	for _, e := range sp.spans {
		n += e.n
	}
	return n
}

// SimScenario is one scenario's outcome, as the page draws it.
type SimScenario struct {
	Name  string `json:"name"`
	Title string `json:"title"`
	// Chart points: bin end times (s), cumulative requests and admitted
	// up to each, and the headroom (requests that could pass) there.
	T        []float64 `json:"t"`
	Requests []int     `json:"requests"`
	Admitted []int     `json:"admitted"`
	Headroom []float64 `json:"headroom"`
	// PerSecond counts each whole second from Start on.
	Start     int          `json:"per_second_start"`
	PerSecond []SecondStat `json:"per_second"`

	Total          int `json:"total"`
	TotalAdmitted  int `json:"total_admitted"`
	MaxInOneSecond int `json:"max_in_one_second"`
	// MaxSecondAt is where (s) the busiest one-second span starts.
	MaxSecondAt float64 `json:"max_second_at"`
	// TailRate is the admitted rate over the last longRunTailS seconds.
	TailRate float64 `json:"tail_rate"`
}

// SecondStat is one second of a scenario.
type SecondStat struct {
	Admitted int `json:"admitted"`
	Rejected int `json:"rejected"`
}

// SimResult is the whole simulation of a design.
type SimResult struct {
	Scenarios []SimScenario `json:"scenarios"`
	// Burst, Boundary, Steady, Overload point into Scenarios.
	steady, burst, boundary, overload *SimScenario
	// Distributed is the burst spread over replicas that each hold a copy
	// of the state and do not hear from each other within the burst.
	Distributed *DistributedBurst `json:"distributed,omitempty"`
}

// DistributedBurst compares the burst admitted by one limiter with the
// same burst dealt round-robin to replicas.
type DistributedBurst struct {
	Replicas int `json:"replicas"`
	Requests int `json:"requests"`
	Single   int `json:"single"`
	Admitted int `json:"admitted"`
}

// scenarios builds the four standard traffic patterns for a limit L and a
// burst B (for the per-user model: 900 req/s steady, a 6,000-request burst,
// 2,000 requests across a window boundary, 1,200 req/s for a minute). It
// fails, saying why, when they would exceed simMaxRequests.
func (d limiterDesign) scenarios() ([]scenarioSpec, error) {
	L, B := d.limit, d.burst
	bAt, bLimit := d.boundary()
	nBoundary := 2 * math.Round(math.Max(L, bLimit))
	counts := []struct {
		n    float64
		what string
	}{
		{math.Round(0.9 * L * 10), "the steady run (0.9 × limit for 10 s)"},
		{math.Round(1.2 * B), "the burst (1.2 × burst)"},
		{nBoundary, "the boundary run (2 × the window's limit)"},
		{math.Round(1.2 * L * longRunS), fmt.Sprintf("the overload run (1.2 × limit for %d s)", longRunS)},
	}
	for _, c := range counts {
		if c.n > simMaxRequests {
			return nil, fmt.Errorf("%s needs %s requests; the simulation runs at most %d per scenario", c.what, num(c.n), simMaxRequests)
		}
	}
	s := int64(nsPerS)
	steady := scenarioSpec{name: "steady", title: fmt.Sprintf("Steady %s req/s for 10 s", num(0.9*L)),
		spans: []evenSpan{{0, 10 * s, int(counts[0].n)}}, from: 0, to: 10 * s}
	burstTo := int64(math.Min(longRunS, math.Max(5, math.Ceil(2*B/L)))) * s
	burst := scenarioSpec{name: "burst", title: fmt.Sprintf("%s requests at one instant", num(counts[1].n)),
		spans: []evenSpan{{0, 0, int(counts[1].n)}}, from: 0, to: burstTo}
	edge := windowNS(bAt)
	spread := min(s/10, edge/2)
	half := int(nBoundary / 2)
	boundary := scenarioSpec{name: "boundary", title: fmt.Sprintf("%d requests across the window edge at %s s", 2*half, num(bAt)),
		spans: []evenSpan{{edge - spread, spread, half}, {edge, spread, half}}, from: max(0, edge-s), to: edge + s}
	overload := scenarioSpec{name: "overload", title: fmt.Sprintf("Overload: %s req/s for %d s", num(1.2*L), longRunS),
		spans: []evenSpan{{0, longRunS * s, int(counts[3].n)}}, from: 0, to: longRunS * s}
	return []scenarioSpec{steady, burst, boundary, overload}, nil
}

// simulate runs every scenario against a fresh limiter.
func (d limiterDesign) simulate() (*SimResult, error) {
	specs, err := d.scenarios()
	if err != nil {
		return nil, err
	}
	res := &SimResult{}
	for _, sp := range specs {
		res.Scenarios = append(res.Scenarios, runScenario(d.meter(), sp))
	}
	res.steady, res.burst, res.boundary, res.overload = &res.Scenarios[0], &res.Scenarios[1], &res.Scenarios[2], &res.Scenarios[3]
	if d.replicas > 1 {
		r := min(d.replicas, simMaxReplicas)
		ms := make([]meter, r)
		for i := range ms {
			ms[i] = d.meter()
		}
		admitted := 0
		specs[1].each(func(i int, t int64) {
			if m := ms[i%r]; m.allow(t) {
				m.take(t)
				admitted++
			}
		})
		res.Distributed = &DistributedBurst{Replicas: r, Requests: specs[1].total(), Single: res.burst.TotalAdmitted, Admitted: admitted}
	}
	return res, nil
}

// runScenario feeds the scenario's requests to m in time order.
func runScenario(m meter, sp scenarioSpec) SimScenario {
	out := SimScenario{Name: sp.name, Title: sp.title, Total: sp.total()}
	binW := float64(sp.to-sp.from) / simBins
	bin := 0
	binEnd := func(i int) int64 { return sp.from + int64(float64(i+1)*binW) }
	nextEnd := binEnd(0)
	req, adm := 0, 0
	flush := func(upTo int64, inclusive bool) {
		for bin < simBins && (nextEnd < upTo || (inclusive && nextEnd <= upTo)) {
			out.T = append(out.T, float64(nextEnd)/nsPerS)
			out.Requests = append(out.Requests, req)
			out.Admitted = append(out.Admitted, adm)
			out.Headroom = append(out.Headroom, m.headroom(nextEnd))
			bin++
			nextEnd = binEnd(bin)
		}
	}
	out.Start = int(sp.from / nsPerS)
	nSec := min(int((sp.to-int64(out.Start)*nsPerS+nsPerS-1)/nsPerS), 2*longRunS)
	out.PerSecond = make([]SecondStat, nSec)
	// The busiest one-second span and the tail are counted as requests are
	// admitted: window holds the admitted times of the last second.
	var window timeQueue
	tailFrom := sp.to - longRunTailS*nsPerS
	tail := 0
	sp.each(func(_ int, t int64) {
		if bin < simBins && nextEnd < t {
			flush(t, false)
		}
		req++
		ok := m.allow(t)
		if ok {
			m.take(t)
			adm++
			window.push(t)
			window.dropUpTo(t - nsPerS)
			if n := window.len(); n > out.MaxInOneSecond {
				out.MaxInOneSecond, out.MaxSecondAt = n, float64(window.front())/nsPerS
			}
			if t >= tailFrom {
				tail++
			}
		}
		if sec := int(t/nsPerS) - out.Start; sec >= 0 && sec < nSec {
			if ok {
				out.PerSecond[sec].Admitted++
			} else {
				out.PerSecond[sec].Rejected++
			}
		}
	})
	flush(sp.to, true)
	out.TotalAdmitted = adm
	out.TailRate = float64(tail) / longRunTailS
	return out
}
