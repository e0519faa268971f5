package slo

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/katabook/katabook/engine"
	"github.com/katabook/katabook/engine/kata/burn"
	"github.com/katabook/katabook/engine/units"
)

// The kata asks why each threshold is not twice as tight or twice as
// loose. An SLI may answer with values (tighter and looser, each a value
// with its unit and its consequence), which the engine checks, or in its
// justification's words, which the engine can only read.
//
// Twice as tight halves what may go wrong: half the latency threshold or
// freshness bound, or half the error budget (99.9% → 99.95%); twice as
// loose doubles it. A value is compared with what its unit says it is: a
// duration with the SLI's threshold (for availability, with its budget in
// minutes), a percentage with the target's budget.

// sides are the two alternatives with the factor each applies.
var sides = []struct {
	key, word string
	factor    float64
}{
	{"tighter", "twice as tight", 0.5},
	{"looser", "twice as loose", 2},
}

// aboutFactor reports whether ratio is about factor (½ or 2): within a
// quarter of it either way, so 0.4-0.625 × and 1.6-2.5 × count, while ⅔
// or 3 × do not.
func aboutFactor(ratio, factor float64) bool {
	return ratio >= factor/1.25 && ratio <= factor*1.25
}

// scale is what an SLI's alternative is measured against: the SLI's own
// value of that kind and how it is written.
type scale struct {
	what    string  // "threshold", "bound", "budget"
	now     float64 // the SLI's value, in the base unit of dim
	dim     units.Dim
	display func(v float64) string
}

// noun names the SLI's own value on the scale for a message.
func (sc scale) noun() string {
	if sc.dim == units.Percent {
		return "target"
	}
	return sc.what
}

// sliScales are the scales an alternative of sli can be on: its threshold
// or bound (a duration), its budget in minutes (availability), and its
// target's budget in percent.
func sliScales(a *engine.Answer, sli string, t, w float64) []scale {
	var out []scale
	switch sli {
	case "latency":
		if ms, ok := a.Num("/latency/threshold_ms"); ok && ms > 0 {
			out = append(out, scale{"threshold", ms / 1000, units.Time, fmtDuration})
		}
	case "quality":
		if b, ok := qualityBound(a); ok {
			out = append(out, scale{"bound", b.Value, b.Dim, func(v float64) string { return fmtQuantity(v, b) }})
		}
	case "availability":
		out = append(out, scale{"budget", burn.BudgetMinutes(t, w) * 60, units.Time, fmtDuration})
	}
	if t > 1 && t < 100 {
		out = append(out, scale{"budget", 100 - t, units.Percent, func(b float64) string { return num(100-b) + "%" }})
	}
	return out
}

// qualityBound is the bound the quality SLI's alternatives halve or
// double: a freshness SLI's maximum data age, else the first duration in
// its threshold ("data younger than 15 minutes"), as answers written
// before the age had a field give it. Only a duration: an age or a delay
// is tighter when smaller, but a count or a rate may be a floor as well as
// a ceiling.
func qualityBound(a *engine.Answer) (units.Quantity, bool) {
	if age, ok := maxAge(a); ok {
		return units.Quantity{Value: age * 60, Unit: "min", Dim: units.Time}, true
	}
	text, _ := a.Str("/quality/threshold")
	for _, m := range units.Find(hyphenRE.ReplaceAllString(text, "$1 $2")) {
		if m.Q.Dim == units.Time {
			return m.Q, true
		}
	}
	return units.Quantity{}, false
}

// maxAge is a freshness SLI's maximum data age in minutes. It counts only
// while the kind is freshness: for another kind the form hides the field
// and leaves it out of the answer, so a rule must not read it either.
func maxAge(a *engine.Answer) (float64, bool) {
	if kind, _ := a.Str("/quality/kind"); kind != "freshness" {
		return 0, false
	}
	age, ok := a.Num("/quality/max_age_min")
	return age, ok && age > 0
}

// reading is an alternative value read onto a scale: the value an SLI
// would have (in the scale's base unit) and its ratio to the SLI's own.
type reading struct {
	sc    scale
	value float64
	ratio float64
}

// onScale reads q onto the scale of its kind, if sli has one: a
// percentage is a target, so its budget is 100 − q.
func onScale(scales []scale, q units.Quantity) (reading, bool) {
	for _, sc := range scales {
		if sc.dim != q.Dim || sc.now <= 0 {
			continue
		}
		v := q.Value
		if sc.what == "budget" && q.Dim == units.Percent {
			v = 100 - q.Value
		}
		return reading{sc, v, v / sc.now}, true
	}
	return reading{}, false
}

// altValue reads the value of an alternative: a quantity with its unit; a
// plain number is a target in percent for availability and quality (whose
// other values carry units), and needs a unit for latency, where 150 could
// be milliseconds or a percentage.
func altValue(sli, text string) (units.Quantity, string) {
	q, ok := units.Parse(text)
	switch {
	case !ok:
		return q, fmt.Sprintf("%q is not one value with a unit; write it like 150 ms, 0.5 s, 7.5 min or 99.95%%", text)
	case q.Dim == units.None && sli == "latency":
		return q, fmt.Sprintf("%q has no unit: write 150 ms for a threshold or 99.5%% for a target", text)
	case q.Dim == units.None:
		q = units.Quantity{Value: q.Value, Unit: "%", Dim: units.Percent}
	}
	if q.Dim == units.Percent && (q.Value <= 0 || q.Value >= 100) {
		return q, fmt.Sprintf("%s leaves no error budget, or all of it: a target lies between 0 and 100%%", text)
	}
	return q, ""
}

// altCheck is the verdict on one SLI's given alternatives.
type altCheck struct {
	ptr, msg string
}

// checkAlternatives judges the tighter and looser values of sli: each
// must be on the right side of the SLI's own value and about half or
// double it. A pair given the wrong way round is one finding, not two.
func checkAlternatives(a *engine.Answer, sli string, t, w float64) []altCheck {
	scales := sliScales(a, sli, t, w)
	var out []altCheck
	wrongWay := 0
	for _, sd := range sides {
		ptr := sp(sli, sd.key, "value")
		text, ok := a.Str(ptr)
		if !ok {
			continue
		}
		q, bad := altValue(sli, text)
		if bad != "" {
			out = append(out, altCheck{ptr, bad})
			continue
		}
		rd, ok := onScale(scales, q)
		if !ok {
			out = append(out, altCheck{ptr, fmt.Sprintf("%s is %s, but the %s SLI has nothing of that kind to compare it with: give a %s",
				text, q.Dim, sli, scaleNames(scales))})
			continue
		}
		want := rd.sc.display(rd.sc.now * sd.factor)
		now := rd.sc.display(rd.sc.now)
		switch {
		case sd.factor < 1 && rd.ratio >= 1, sd.factor > 1 && rd.ratio <= 1:
			wrongWay++
			out = append(out, altCheck{ptr, fmt.Sprintf("%s is not %s than your %s of %s but %s: %s is %s",
				text, sd.key, rd.sc.noun(), now, oppositeWord(sd.factor), sd.word, want)})
		case !aboutFactor(rd.ratio, sd.factor):
			out = append(out, altCheck{ptr, notAboutFactor(text, rd, sd.word, sd.factor, sli, w)})
		}
	}
	if wrongWay == 2 && len(out) == 2 {
		return []altCheck{{sp(sli, "tighter", "value"), "tighter and looser are the wrong way round: " + out[0].msg + "; and " + out[1].msg}}
	}
	return out
}

// notAboutFactor says how far an alternative is from half or double: as a
// multiple of the threshold or bound, or of the budget a target leaves.
func notAboutFactor(text string, rd reading, word string, factor float64, sli string, w float64) string {
	half := map[bool]string{true: "half of it", false: "double it"}[factor < 1]
	want := rd.sc.display(rd.sc.now * factor)
	switch {
	case rd.sc.what != "budget":
		return fmt.Sprintf("%s is %s × your %s of %s; %s is about %s: %s", text, num(rd.ratio), rd.sc.what, rd.sc.display(rd.sc.now), word, half, want)
	case rd.sc.dim == units.Percent:
		return fmt.Sprintf("%s leaves %s, %s × the budget of your target (%s); %s leaves about %s: %s (%s)",
			text, budgetText(sli, 100-rd.value, w), num(rd.ratio), budgetText(sli, 100-rd.sc.now, w), word, half, want, budgetText(sli, 100-rd.sc.now*factor, w))
	}
	return fmt.Sprintf("a budget of %s is %s × yours of %s; %s is about %s: %s", text, num(rd.ratio), rd.sc.display(rd.sc.now), word, half, want)
}

func oppositeWord(factor float64) string {
	if factor < 1 {
		return "looser (or the same)"
	}
	return "tighter (or the same)"
}

func scaleNames(scales []scale) string {
	var names []string
	for _, sc := range scales {
		if sc.dim == units.Percent {
			names = append(names, "target in percent")
		} else {
			names = append(names, sc.what+" as "+sc.dim.String())
		}
	}
	return strings.Join(names, " or ")
}

// altHint is what the page shows beside an alternative's value: the
// value the kata's factor gives and, for a value given, what it means.
func altHint(a *engine.Answer, sli string, t, w float64, side int) string {
	sd := sides[side]
	scales := sliScales(a, sli, t, w)
	var offers []string
	for _, sc := range scales {
		offers = append(offers, sc.display(sc.now*sd.factor))
	}
	hint := sd.word + ": " + strings.Join(offers, " or ")
	if text, ok := a.Str(sp(sli, sd.key, "value")); ok {
		if q, bad := altValue(sli, text); bad == "" {
			if rd, ok := onScale(scales, q); ok {
				hint += fmt.Sprintf("; yours, %s, is %s × the %s", text, num(rd.ratio), rd.sc.what)
				if rd.sc.dim == units.Percent {
					hint += " (" + budgetText(sli, 100-rd.value, w) + ")"
				}
			}
		}
	}
	return hint
}

// budgetText writes the budget a target t leaves: minutes for
// availability, a share of events otherwise.
func budgetText(sli string, t, w float64) string {
	if sli == "availability" {
		return grouped(burn.BudgetMinutes(t, w)) + " min of budget per " + num(w) + " days"
	}
	return num(100-t) + "% of events may be bad"
}

// fmtDuration writes seconds in the unit a person would: 150 ms, 7.5 min.
func fmtDuration(s float64) string {
	switch {
	case s < 1:
		return num(s*1000) + " ms"
	case s < 60:
		return num(s) + " s"
	case s < 2*3600:
		return num(s/60) + " min"
	case s < 2*86400:
		return num(s/3600) + " h"
	}
	return num(s/86400) + " days"
}

// fmtQuantity writes a value of q's dimension for a message.
func fmtQuantity(v float64, q units.Quantity) string {
	if q.Dim == units.Time {
		return fmtDuration(v)
	}
	return strings.TrimSpace(num(v) + " " + q.Unit)
}

// hyphenRE finds a hyphen before a word, as in "a one-hour bound" or "a
// 15-minute gap", which prose reads as "one hour" and "15 minute".
var hyphenRE = regexp.MustCompile(`([A-Za-z0-9])-([A-Za-z])`)

// proseAlternatives reads a justification for the two alternatives: a
// quantity about half or double one of the SLI's scales, or the words
// people use for them ("half", "twice as loose"). It is a reading.
func proseAlternatives(a *engine.Answer, sli string, t, w float64, text string) (tight, loose bool) {
	scales := sliScales(a, sli, t, w)
	for _, m := range units.Find(hyphenRE.ReplaceAllString(text, "$1 $2")) {
		q := m.Q
		if q.Dim == units.None && q.Value > 50 && q.Value < 100 {
			q.Dim = units.Percent // "99.95" in prose is a target
		}
		for _, sc := range scales {
			rd, ok := onScale([]scale{sc}, q)
			if !ok {
				continue
			}
			tight = tight || aboutFactor(rd.ratio, 0.5)
			loose = loose || aboutFactor(rd.ratio, 2)
		}
	}
	return tight, loose
}
