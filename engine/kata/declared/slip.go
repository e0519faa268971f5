package declared

import (
	"math"
	"regexp"
	"sync"

	"github.com/katabook/katabook/engine"
)

// One mistake, one finding, at its cause: when a learner writes an input
// in another unit (W in milliseconds in a seconds field, λ per minute in a
// per-second one) but computes everything after it with the value they
// meant, the derived answers all agree with that value. The rules find it
// with meant(), put the finding on the input, and name the slip with
// slip_name(); the derived findings fold under it.

// slipFactors are the factors a person slips by when writing a number:
// a decimal place, a unit of time or rate, a percentage.
var slipFactors = []float64{10, 24, 60, 100, 1000, 3600}

// slipTol is how close a derived answer must be to the slipped value:
// learners round what they write.
const slipTol = 0.02

// meant is the value the learner meant for an input they wrote as stated,
// read off the values its derived answers imply (e.g. L/λ for W): when at
// least need of them are given (finite, above 0), and every one agrees
// with stated / f for one slip factor f (or its inverse), it is stated / f.
// Otherwise, 0: the derived answers do not point at a slip.
func meant(stated float64, implied []any, need int) float64 {
	var vals []float64
	for _, v := range implied {
		if f, ok := numeric(v); ok && f > 0 && !math.IsInf(f, 0) {
			vals = append(vals, f)
		}
	}
	if len(vals) < max(need, 1) {
		return 0
	}
	if f := factorOf(stated, vals, slipTol); f != 0 {
		return stated / f
	}
	return 0
}

// slipFactor is the slip factor f (or 1/f) by which stated is off from
// want, within tol of want: 1000 for λ·W = 2640 against a measured L of
// 2.71 with tol 0.1 (a deviation Little's law allows). 0 when none is.
func slipFactor(stated, want, tol float64) float64 {
	if want <= 0 || math.IsInf(want, 0) || math.IsNaN(want) {
		return 0
	}
	return factorOf(stated, []float64{want}, tol)
}

// factorOf is the slip factor every value agrees with stated / f for.
func factorOf(stated float64, vals []float64, tol float64) float64 {
	if stated <= 0 {
		return 0
	}
	for _, f := range slipFactors {
		for _, factor := range []float64{f, 1 / f} {
			want := stated / factor
			all := true
			for _, v := range vals {
				if math.Abs(v-want) > tol*want {
					all = false
					break
				}
			}
			if all {
				return factor
			}
		}
	}
	return 0
}

// unitScale and unitFamily (expr.go) give each unit's size; unitNames say
// what a number written in it looks like.
var unitNames = map[string]string{
	"ms": "milliseconds", "s": "seconds", "min": "minutes", "h": "hours", "d": "days",
	"req/s": "a per-second rate", "req/min": "a per-minute rate", "req/h": "a per-hour rate",
	"%": "a percentage", "fraction": "a fraction",
}

// slipName says how the stated number of a field in unit looks, given the
// value meant: "like milliseconds" for 12 in a seconds field that meant
// 0.012, "like a per-minute rate" for 1800 in a req/s field that meant 30;
// for a slip no unit explains, "10 times too large" or "10 times too small".
func slipName(stated, meant float64, unit string) string {
	if stated <= 0 || meant <= 0 {
		return ""
	}
	ratio := stated / meant
	if fam := unitFamily[unit]; fam != "" {
		for other, name := range unitNames {
			if unitFamily[other] == fam && other != unit && approx(unitScale[unit]/unitScale[other], ratio, slipTol, 0) {
				return "like " + name
			}
		}
	}
	if ratio >= 1 {
		return engine.FormatNum(math.Round(ratio)) + " times too large"
	}
	return engine.FormatNum(math.Round(1/ratio)) + " times too small"
}

// patterns caches the regular expressions find() is given: a rule's are
// constants, so there are few.
var patterns sync.Map

// find is the first match of the regular expression pattern in text, or ""
// (also for a pattern that does not compile: the rule then finds nothing).
func find(text, pattern string) string {
	re, ok := patterns.Load(pattern)
	if !ok {
		c, err := regexp.Compile(pattern)
		if err != nil {
			return ""
		}
		re, _ = patterns.LoadOrStore(pattern, c)
	}
	return re.(*regexp.Regexp).FindString(text)
}
