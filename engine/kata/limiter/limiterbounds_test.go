package limiter

import (
	"fmt"
	"math"
	"testing"
)

// spanCounts runs traffic through m: from idle, at s0 and every millisecond
// after it for 3 s, a volley of 50 requests at the same instant (enough to
// empty any of the small designs below at once). It returns the most
// admitted within a closed one-second span and within a half-open one.
func spanCounts(m meter, s0 float64) (closed, halfOpen int) {
	var at []int64
	start := int64(math.Round(s0 * nsPerS))
	for k := int64(0); k <= 3000; k++ {
		t := start + k*1_000_000
		for range 50 {
			if m.allow(t) {
				m.take(t)
				at = append(at, t)
			}
		}
	}
	j, h := 0, 0
	for i := range at {
		for j < len(at) && at[j] <= at[i]+nsPerS {
			j++
		}
		for h < len(at) && at[h] < at[i]+nsPerS {
			h++
		}
		closed, halfOpen = max(closed, j-i), max(halfOpen, h-i)
	}
	return closed, halfOpen
}

// TestSpanBoundsAreReached: for every algorithm, adversarial traffic (idle,
// then volleys from a start just before a window edge or at the start)
// never admits more within one second than the analytic bound, and reaches
// it: the bound is exact both ways, which is what lets a claim below it be
// an error as surely as one above it.
func TestSpanBoundsAreReached(t *testing.T) {
	designs := []limiterPart{
		part("token-bucket", 10, 30), part("token-bucket", 7, 4.5), part("leaky-bucket", 20, 20),
		part("gcra", 100, 2000), part("gcra", 100, 1900), part("gcra", 50, 0),
		part("fixed-window", 1, 10), part("fixed-window", 0.4, 4), part("fixed-window", 2.5, 25),
		part("sliding-window-log", 1, 10), part("sliding-window-log", 0.5, 5), part("sliding-window-log", 3, 30),
		part("sliding-window-counter", 2, 20), part("sliding-window-counter", 1, 10), part("sliding-window-counter", 5, 50),
		part("sliding-window-counter", 0.5, 5),
	}
	for _, p := range designs {
		t.Run(fmt.Sprintf("%s %v %v", p.algo, p.a, p.b), func(t *testing.T) {
			b := p.span(1)
			closed, half := 0, 0
			starts := []float64{0, 0.3}
			if p.isWindow() {
				starts = append(starts, p.a-0.001, 2*p.a-0.001)
			}
			for _, s0 := range starts {
				c, h := spanCounts(p.meter(), s0)
				closed, half = max(closed, c), max(half, h)
			}
			if float64(closed) > b.hi {
				t.Errorf("%d admitted within a closed second, above the bound %v (%s)", closed, b.hi, b.formula)
			}
			reached := b.hi
			if p.algo == "sliding-window-counter" {
				reached = b.lo // hi is approached, not reached: see span
			}
			if b.exact && float64(closed) != reached {
				t.Errorf("the bound %v is called exact, but the worst traffic tried reached %d", b.hi, closed)
			}
			if float64(half) < b.lo {
				t.Errorf("lo %v is not reached: the worst half-open second admitted %d", b.lo, half)
			}
		})
	}
}

// TestBoundsAgreeWithSimulation: the simulation is a second opinion on the
// bounds. Its burst is the analytic instant burst, its busiest second is
// within the one-second bound, and its long-run rate is the analytic one.
func TestBoundsAgreeWithSimulation(t *testing.T) {
	for _, d := range simDesigns() {
		t.Run(fmt.Sprint(d.parts), func(t *testing.T) {
			res, err := d.simulate()
			if err != nil {
				t.Fatal(err)
			}
			if got, want := float64(res.burst.TotalAdmitted), math.Min(d.instant(), float64(res.burst.Total)); got != want {
				t.Errorf("simulated burst %v, analytic %v", got, want)
			}
			hi := d.designSpan(1).hi
			for _, s := range res.Scenarios {
				if float64(s.MaxInOneSecond) > hi {
					t.Errorf("%s: %d within one second, above the bound %v", s.Name, s.MaxInOneSecond, hi)
				}
			}
			long := false // a window longer than the tail the simulation measures
			for _, p := range d.parts {
				long = long || p.isWindow() && p.a > longRunTailS/2
			}
			if want := math.Min(d.longRun(), 1.2*d.limit); !long && math.Abs(res.overload.TailRate-want) > 0.02*want {
				t.Errorf("simulated long-run rate %v, analytic %v", res.overload.TailRate, want)
			}
		})
	}
}

// TestHybridBounds: a hybrid is bounded by its tightest part, exactly when
// the other parts let that part's worst traffic through.
func TestHybridBounds(t *testing.T) {
	hourly := limiterDesign{parts: []limiterPart{part("token-bucket", 1000, 5000), part("fixed-window", 3600, 3_600_000)}}
	if b := hourly.designSpan(1); !b.exact || b.hi != 6000 || b.lo != 5999 {
		t.Errorf("token bucket behind an hourly ceiling: %+v, want exactly 6000", b)
	}
	if hourly.instant() != 5000 || hourly.longRun() != 1000 {
		t.Errorf("instant %v, long run %v", hourly.instant(), hourly.longRun())
	}
	// A ceiling of 5500 a minute binds the second only partly: the
	// bucket's 6000 cannot all pass, and the bound is not exact.
	tight := limiterDesign{parts: []limiterPart{part("token-bucket", 1000, 5000), part("fixed-window", 60, 5500)}}
	if b := tight.designSpan(1); b.exact || b.hi != 6000 || b.lo != 5000 {
		t.Errorf("bucket with a tight ceiling: %+v, want a ceiling of 6000 that is not exact, and 5000 proven", b)
	}
}
