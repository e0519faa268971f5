package limiter

import (
	"fmt"
	"github.com/katabook/katabook/engine"
	"math"
)

// checkClaims holds the design's three claims to the exact bounds of its
// algorithm (limiterbounds.go), both ways: a claim below the worst case is
// as wrong as one above it.
func checkClaims(r *engine.Run) {
	d, ok := design(r)
	if !ok {
		return
	}
	res, _, simulated := simOf(r)
	uses(r, d)
	if b, ok := r.A.Num("/claims/max_burst"); ok {
		want := d.instant()
		k := d.tightest(limiterPart.idleBurst)
		if math.Abs(b-want) >= 0.5 {
			why := k.instantFormula()
			if k.algo == "gcra" && b == want-1 {
				why += ", the off-by-one that redis-cell shows as limit = max_burst + 1"
			}
			r.Failf("/claims/max_burst", "An idle client sending everything at one instant gets exactly %s requests through, not %s: %s.%s",
				num(want), r.A.Literal("/claims/max_burst"), why, slipNote(b, want, "requests"))
		}
	} else {
		r.Missing = true
	}
	uses(r, d)
	if c, ok := r.A.Num("/claims/max_in_one_second"); ok {
		checkSpanClaim(r, d, c, res, simulated)
	} else {
		r.Missing = true
	}
	k := d.tightest(limiterPart.rate)
	uses(r, d)
	r.Expect("/claims/long_run_rps", d.longRun(), "a client above the limit, once its burst is spent, gets "+k.rateFormula()+", which")
}

// checkSpanClaim judges "most within any one second" by the exact bound.
func checkSpanClaim(r *engine.Run, d limiterDesign, c float64, res *SimResult, simulated bool) {
	const ptr = "/claims/max_in_one_second"
	sb := d.designSpan(1)
	lit := r.A.Literal(ptr)
	conv := ""
	switch {
	case sb.lo == sb.hi || !sb.exact:
	case sb.loWhy != "":
		conv = " (" + sb.loWhy + ")"
	default:
		conv = fmt.Sprintf(" (%s if the second is taken half-open, the request exactly one second later left out)", num(sb.lo))
	}
	seen := ""
	if simulated {
		busiest := res.Scenarios[0]
		for _, s := range res.Scenarios[1:] {
			if s.MaxInOneSecond > busiest.MaxInOneSecond {
				busiest = s
			}
		}
		seen = fmt.Sprintf(" The simulation's busiest second admitted %d (%s), a second opinion from traffic that is not always the worst case.", busiest.MaxInOneSecond, busiest.Title)
	}
	switch {
	case c > sb.hi+0.5:
		r.Failf(ptr, "No one-second span can admit %s: the most this design admits within one second is %s%s, by %s.%s%s",
			lit, num(sb.hi), conv, sb.formula, slipNote(c, sb.hi, "requests"), seen)
	case c < sb.lo-0.5:
		if !sb.exact {
			r.Failf(ptr, "The design admits more than %s within one second: at least %s, all at one instant from idle (and at most %s, %s).%s%s",
				lit, num(sb.lo), num(sb.hi), sb.formula, slipNote(c, sb.lo, "requests"), seen)
			return
		}
		r.Failf(ptr, "The design admits more than %s within one second: exactly %s%s, by %s, when %s.%s%s",
			lit, num(sb.hi), conv, sb.formula, worstTraffic(d), slipNote(c, sb.hi, "requests"), seen)
	}
}

// worstTraffic describes the traffic that reaches the one-second bound of
// the design's tightest part.
func worstTraffic(d limiterDesign) string {
	k := d.tightest(func(p limiterPart) float64 { return p.span(1).hi })
	switch k.algo {
	case "token-bucket", "leaky-bucket", "gcra":
		return "an idle client spends its whole burst at once and then takes each request's worth as it comes back"
	case "fixed-window":
		return "a client spends a full window's limit at the end of one window and again at the start of the next"
	case "sliding-window-log":
		return "a client spends the limit at once and again as those requests leave the log, one window later"
	}
	return "a client spends a full window's limit at its very end and the next window takes what the weighting frees, limit / window per second"
}
