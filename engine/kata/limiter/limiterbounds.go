package limiter

import (
	"fmt"
	"github.com/katabook/katabook/engine/units"
	"math"
	"strings"
)

// The exact analytic bounds of each algorithm, against which the design's
// claims are held both ways. The simulation is the picture and a second
// opinion; the bounds are what a claim is judged by, so a claim below the
// worst case is caught as surely as one above it, and a window far longer
// than the simulation's horizon (an hourly ceiling) is judged all the same.

// eps absorbs floating-point noise in floor and ceil of exact ratios.
const eps = 1e-9

func floor(x float64) float64 { return math.Floor(x + eps) }
func ceil(x float64) float64  { return math.Ceil(x - eps) }

// spanBound is the most requests a design admits within one span of time.
// A request exactly at both ends of a closed span counts twice as often as
// in a half-open one, so the two conventions can differ by a request (a
// bucket) or by a window's limit (a log whose window is the span): lo is
// the half-open count and hi the closed one, and a claim of either is
// right. When exact is false, lo is only a count some traffic is proven to
// reach and hi a proven ceiling.
type spanBound struct {
	lo, hi  float64
	exact   bool
	formula string // how hi is computed, with the numbers
	loWhy   string // why lo is right too, when it differs from hi
}

// bucketLike gives the token-bucket view of the bucket algorithms: an idle
// client can spend c at once and gets r more per second. GCRA is one too,
// with c = 1 + τ/T (the first request uses no tolerance).
func (p limiterPart) bucketLike() (c, r float64, ok bool) {
	switch p.algo {
	case "token-bucket", "leaky-bucket":
		return p.b, p.a, true
	case "gcra":
		return 1 + p.b/p.a, 1000 / p.a, true
	}
	return 0, 0, false
}

// span is the part's bound over a span of t seconds.
func (p limiterPart) span(t float64) spanBound {
	L, W := floor(p.b), p.a
	switch p.algo {
	case "token-bucket", "leaky-bucket":
		// Start full, spend it, then take each token as it comes back.
		c, r, _ := p.bucketLike()
		what := "capacity + refill rate × span"
		if p.algo == "leaky-bucket" {
			what = "bucket size + leak rate × span"
		}
		return spanBound{ceil(c+r*t) - 1, floor(c + r*t), true,
			fmt.Sprintf("%s = %s + %s × %s s = %s", what, num(p.b), num(p.a), num(t), num(floor(c+r*t))), ""}
	case "gcra":
		return spanBound{ceil((p.b + 1000*t) / p.a), 1 + floor((p.b+1000*t)/p.a), true,
			fmt.Sprintf("1 + (τ + span) / T = 1 + (%s + %s) / %s = %s", num(p.b), num(1000*t), num(p.a), num(1+floor((p.b+1000*t)/p.a))), ""}
	case "fixed-window":
		// Every window the span touches can be full: the span touches at
		// most ceil(t / W) + 1 of them, the classic one at each edge.
		k := ceil(t/W) + 1
		return spanBound{L * k, L * k, true,
			fmt.Sprintf("limit × (windows the span touches, ⌈%s / %s⌉ + 1 = %s) = %s × %s = %s", num(t), num(W), num(k), num(L), num(k), num(L*k)), ""}
	case "sliding-window-log":
		// Requests leave the log exactly one window after they came.
		hi := L * (floor(t/W) + 1)
		return spanBound{L * ceil(t/W), hi, true,
			fmt.Sprintf("limit × (⌊%s / %s⌋ + 1) = %s, the requests at the span's start leaving just as it ends", num(t), num(W), num(hi)), ""}
	case "sliding-window-counter":
		// The estimate weighs the previous window as if its requests came
		// evenly; a full previous window spent at its very end is forgotten
		// at limit / W per second, and the current window can take that.
		// The previous window's requests must come before its edge, so
		// the bound is approached to within a request, not reached.
		grow := p.b * t / W
		if t <= W {
			return spanBound{L + ceil(grow) - 1, L + floor(grow), true,
				fmt.Sprintf("limit + limit × span / window = %s + %s × %s / %s = %s (the previous window spent at its very end, then weighed as if spread)", num(L), num(p.b), num(t), num(W), num(L+floor(grow))),
				fmt.Sprintf("%s, one fewer, is what passes when the previous window's requests come a moment before its edge, as they must", num(L+ceil(grow)-1))}
		}
		k := ceil(t/W) + 1
		return spanBound{L, L * k, false, fmt.Sprintf("at most limit × ⌈%s / %s⌉ + 1 windows = %s", num(t), num(W), num(L*k)), ""}
	}
	panic("unknown algorithm " + p.algo)
}

// admitsAll reports whether the part, idle, lets through whole any traffic
// that part k admits within a span of t seconds starting at a window's
// start, hi requests at most: a bucket at least as large and fast as k's,
// or one whose idle burst holds them all, or a window longer than the span
// whose limit holds them.
func (p limiterPart) admitsAll(k limiterPart, t, hi float64) bool {
	c, r, ok := p.bucketLike()
	if kc, kr, kok := k.bucketLike(); ok && kok && c >= kc && r >= kr {
		return true
	}
	return (ok || p.a > t) && p.idleBurst() >= hi
}

// designSpan is the design's bound over t seconds. A hybrid admits no more
// than its tightest part, and exactly that when every other part, idle,
// lets the tightest part's worst traffic through whole.
func (d limiterDesign) designSpan(t float64) spanBound {
	best := -1
	var b spanBound
	for i, p := range d.parts {
		if s := p.span(t); best < 0 || s.hi < b.hi {
			best, b = i, s
		}
	}
	if len(d.parts) == 1 {
		return b
	}
	k := d.parts[best]
	reach := t
	if k.isWindow() {
		reach += k.a // its worst traffic straddles one of its edges
	}
	for i, p := range d.parts {
		if i != best && !p.admitsAll(k, reach, b.hi) {
			b.exact = false
		}
	}
	if !b.exact {
		// Proven: the hybrid's idle burst fits in any span.
		b.lo = math.Min(b.hi, d.instant())
	}
	b.formula = fmt.Sprintf("the tightest part, the %s: %s", k.algo, b.formula)
	return b
}

// instant is the most an idle client gets through at one instant.
func (d limiterDesign) instant() float64 {
	v := math.Inf(1)
	for _, p := range d.parts {
		v = math.Min(v, p.idleBurst())
	}
	return v
}

// longRun is the admitted rate of a client sending above the limit, once
// its burst is spent: the tightest part's rate.
func (d limiterDesign) longRun() float64 {
	v := math.Inf(1)
	for _, p := range d.parts {
		v = math.Min(v, p.rate())
	}
	return v
}

// instantFormula says how a part's idle burst is computed.
func (p limiterPart) instantFormula() string {
	switch p.algo {
	case "token-bucket":
		return fmt.Sprintf("a full bucket: capacity %s", num(p.idleBurst()))
	case "leaky-bucket":
		return fmt.Sprintf("an empty bucket: size %s", num(p.idleBurst()))
	case "gcra":
		return fmt.Sprintf("1 + τ / T = 1 + %s / %s = %s (the first request uses none of the tolerance)", num(p.b), num(p.a), num(p.idleBurst()))
	}
	return fmt.Sprintf("one window's limit, %s (all at one instant lie in one window)", num(p.idleBurst()))
}

// rateFormula says how a part's long-run rate is computed.
func (p limiterPart) rateFormula() string {
	switch p.algo {
	case "token-bucket":
		return fmt.Sprintf("the refill rate, %s/s", num(p.a))
	case "leaky-bucket":
		return fmt.Sprintf("the leak rate, %s/s", num(p.a))
	case "gcra":
		return fmt.Sprintf("1 / T = 1000 ms / %s ms = %s/s", num(p.a), num(p.rate()))
	}
	return fmt.Sprintf("limit / window = %s / %s s = %s/s", num(floor(p.b)), num(p.a), num(p.rate()))
}

// tightest returns the part that sets v, for the message's formula.
func (d limiterDesign) tightest(v func(limiterPart) float64) limiterPart {
	k := d.parts[0]
	for _, p := range d.parts[1:] {
		if v(p) < v(k) {
			k = p
		}
	}
	return k
}

// slipNote names a recognisable slip between a stated and an expected
// value, for the end of a message.
func slipNote(stated, want float64, unit string) string {
	// A factor of 2 is the window edge or a burst counted twice, which the
	// message explains itself; it is no slip of a unit.
	if r := stated / want; math.Abs(r-2) < 0.04 || math.Abs(r-0.5) < 0.01 {
		return ""
	}
	if slip := units.Slip(stated, want, unit); slip != "" {
		return " " + strings.ToUpper(slip[:1]) + slip[1:]
	}
	return ""
}
