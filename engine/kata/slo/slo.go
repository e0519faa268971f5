package slo

import (
	"fmt"
	"github.com/katabook/katabook/engine"
	"github.com/katabook/katabook/engine/kata/burn"
	"github.com/katabook/katabook/engine/kata/prose"
	"github.com/katabook/katabook/engine/units"
	"github.com/katabook/katabook/schemas"
	"math"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/katabook/katabook/internal/promql/parser"
)

// The SLO kata: three SLIs (availability, latency, one quality or freshness
// SLI) as good / total with a query each, an SLO and error budget per SLI,
// two burn-rate alerts and a release-gating policy. The rules recompute
// every number and read every PromQL query's parsed tree.

// sliNames are the three SLIs of the kata, in the order of the schema.
var sliNames = []string{"availability", "latency", "quality"}

// alertNames are the two burn-rate alerts with what the kata asks of each.
// How much of the budget each spends, and in what window, are the
// course's parameters (kataAlert).
var alertNames = []struct {
	name      string
	action    string
	actionWhy string
}{
	{"fast", "page", "spending a large share of the budget within the hour needs a human now"},
	{"slow", "ticket", "a slower burn is serious but can wait for working hours"},
}

// kataAlert is what the course asks of the alert named name: the share of
// the budget it spends (percent) and its long window.
func kataAlert(p engine.Params, name string) (spentPct float64, long time.Duration) {
	return p.Num(name + "_budget_pct"), time.Duration(p.Num(name+"_window_h") * float64(time.Hour))
}

// daysList writes windows as "28 days or 30 days".
func daysList(days []float64) string {
	parts := make([]string, len(days))
	for i, d := range days {
		parts[i] = num(d) + " days"
	}
	return strings.Join(parts, " or ")
}

// windowAllowed reports whether days is one of the course's windows.
func windowAllowed(p engine.Params, days float64) bool {
	return slices.Contains(p.Nums("windows_days"), days)
}

func sp(parts ...string) string { return "/" + strings.Join(parts, "/") }

// target reads an SLI's target in percent, usable for arithmetic only when
// it is a percent strictly between 1 and 100 (slo/target-percent says why
// the others are wrong); otherwise the run is skipped.
func target(r *engine.Run, sli string) (float64, bool) {
	r.Uses(sp(sli, "target_pct"))
	t, ok := r.A.Num(sp(sli, "target_pct"))
	if !ok || t <= 1 || t >= 100 {
		r.Missing = true
		return 0, false
	}
	return t, true
}

func window(r *engine.Run, sli string) (float64, bool) {
	r.Uses(sp(sli, "window_days"))
	w, ok := r.A.Num(sp(sli, "window_days"))
	if !ok || w < 1 {
		r.Missing = true
		return 0, false
	}
	return w, true
}

func duration(r *engine.Run, ptr string) (time.Duration, bool) {
	r.Uses(ptr)
	s, ok := r.A.Str(ptr)
	if !ok {
		r.Missing = true
		return 0, false
	}
	d, err := burn.ParseDuration(s)
	if err != nil {
		r.Missing = true
		return 0, false
	}
	return d, true
}

// alertSLI is the SLI the alerts watch, with its target and window.
func alertSLI(r *engine.Run) (sli string, t, w float64, ok bool) {
	sli = r.Str("/alerts/sli")
	if r.Missing {
		return "", 0, 0, false
	}
	t, ok1 := target(r, sli)
	w, ok2 := window(r, sli)
	return sli, t, w, ok1 && ok2
}

// promqlQueries calls fn with each SLI (all, or only one) whose query is
// PromQL; an SLI without a dialect or query marks the rule skipped.
func promqlQueries(r *engine.Run, only string, fn func(sli, query string)) {
	for _, s := range sliNames {
		if only != "" && s != only {
			continue
		}
		dialect, ok1 := r.A.Str(sp(s, "dialect"))
		query, ok2 := r.A.Str(sp(s, "query"))
		if !ok1 || !ok2 {
			r.Missing = true
			continue
		}
		if dialect == "promql" {
			fn(s, query)
		}
	}
}

// parsedSLI parses a query once per check, however many rules read it.
func parsedSLI(r *engine.Run, query string) (*sliQuery, error) {
	type parsed struct {
		q   *sliQuery
		err error
	}
	p := r.A.Derived("slo/sli\x00"+query, func() any {
		q, err := parseSLI(query)
		return parsed{q, err}
	}).(parsed)
	return p.q, p.err
}

// forPromQL calls fn for each SLI whose query is PromQL and parses.
func forPromQL(r *engine.Run, only string, fn func(sli string, q *sliQuery)) {
	promqlQueries(r, only, func(s, query string) {
		if q, err := parsedSLI(r, query); err == nil {
			fn(s, q) // slo/query-parse reports the others
		}
	})
}

// grouped writes a number with thousands separators: 43,200.
func grouped(f float64) string {
	s := num(f)
	intPart, frac := s, ""
	if i := strings.IndexByte(s, '.'); i >= 0 {
		intPart, frac = s[:i], s[i:]
	}
	var b strings.Builder
	for i, c := range intPart {
		if i > 0 && (len(intPart)-i)%3 == 0 && intPart[i-1] != '-' {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	return b.String() + frac
}

func hours(d time.Duration) string { return num(d.Hours()) }

var (
	tighterWords      = prose.NewFoldSet("tight", "strict", "half", "halv", "faster", "shorter", "stricter", "smaller")
	looserWords       = prose.NewFoldSet("loose", "lax", "relax", "double", "twice", "slower", "longer", "larger", "lenient")
	rollbackRE        = regexp.MustCompile(`(?i)roll[- ]?back|revert|roll[- ]?forward`)
	fixRE             = regexp.MustCompile(`(?i)fix|reliab|security|patch|incident|mitigat|fail ?over|fallback|capacity|tun(e|ing)|performance`)
	liftRE            = regexp.MustCompile(`(?i)budget|recover|window|day|week|postmortem|post-mortem|sign[- ]?off|above|positive|back`)
	reasonRE          = regexp.MustCompile(`(?i)\b(because|since|would|could|so|otherwise|means?|too|breaks?|broken|hides?|miss(es)?|costs?|spend|spent|lose|fails?|exceed|wakes?|pages?|freeze|lets?|allows?|needs?|below|above|beyond|past|before|already|than|only|never|every|until|while)\b`)
	placeholderRE     = regexp.MustCompile(`(?i)^\s*(tbd|todo|n/?a|none|-+|\?+|\.+)?\s*$`)
	serverErrorTextRE = regexp.MustCompile(`(?i)5xx|5\d\d|< ?500|server error|status|code`)
)

// alternatives are the 2× tighter and 2× looser versions of an SLI's
// target (budget halved or doubled) and, for latency, of its threshold.
type alternatives struct {
	tightTarget, looseTarget float64
	tightBudget, looseBudget float64 // minutes for availability, % otherwise
	tightMs, looseMs         float64 // latency only
}

func alternativesOf(a *engine.Answer, sli string, t, w float64) alternatives {
	alt := alternatives{tightTarget: 100 - (100-t)/2, looseTarget: 100 - 2*(100-t)}
	if sli == "availability" {
		alt.tightBudget, alt.looseBudget = burn.BudgetMinutes(alt.tightTarget, w), burn.BudgetMinutes(alt.looseTarget, w)
	} else {
		alt.tightBudget, alt.looseBudget = 100-alt.tightTarget, 100-alt.looseTarget
	}
	if ms, ok := a.Num("/latency/threshold_ms"); ok && sli == "latency" && ms > 0 {
		alt.tightMs, alt.looseMs = ms/2, ms*2
	}
	return alt
}

func (alt alternatives) describe(sli string, w float64) (tight, loose string) {
	unit := func(b float64) string {
		if sli == "availability" {
			return grouped(b) + " min of budget per " + num(w) + " days"
		}
		return num(b) + "% of events may be bad"
	}
	tight = fmt.Sprintf("%s%% → %s", num(alt.tightTarget), unit(alt.tightBudget))
	loose = fmt.Sprintf("%s%% → %s", num(alt.looseTarget), unit(alt.looseBudget))
	if alt.tightMs > 0 {
		tight = num(alt.tightMs) + " ms, or " + tight
		loose = num(alt.looseMs) + " ms, or " + loose
	}
	return tight, loose
}

var num = engine.FormatNum

// slipNote names the slip between a stated and an expected value, as a
// sentence to end a message with ("" when the ratio is no usual slip).
func slipNote(stated, want float64, unit string) string {
	if slip := units.Slip(stated, want, unit); slip != "" {
		return ". " + strings.ToUpper(slip[:1]) + slip[1:]
	}
	return ""
}

// New returns the SLO kata.
func New() engine.Kata {
	return &engine.Spec{
		ID:          "slo",
		Title:       "Write an SLI/SLO document for a real API",
		Schema:      schemas.Source("slo"),
		Params:      params,
		CheckParams: checkParams,
		Rules:       withDocs(rules),
		Figures:     sloFigures,
		Drill:       sloDrill,
		Exports:     sloExports,
	}
}

// params are the windows an SLO may be measured over and the two alerts
// the kata asks for.
var params = []engine.Param{
	{Name: "windows_days", Type: engine.Numbers, Default: []float64{28, 30}, Unit: "days", Meaning: "the rolling windows an SLO may be measured over"},
	{Name: "fast_budget_pct", Type: engine.Number, Default: 5.0, Unit: "%", Meaning: "the share of the budget the paging (fast) alert spends"},
	{Name: "fast_window_h", Type: engine.Number, Default: 1.0, Unit: "h", Meaning: "the long window of the fast alert"},
	{Name: "slow_budget_pct", Type: engine.Number, Default: 10.0, Unit: "%", Meaning: "the share of the budget the ticket (slow) alert spends"},
	{Name: "slow_window_h", Type: engine.Number, Default: 6.0, Unit: "h", Meaning: "the long window of the slow alert"},
}

func checkParams(p engine.Params) error {
	for _, d := range p.Nums("windows_days") {
		if d < 1 || d != math.Trunc(d) {
			return fmt.Errorf("windows_days holds whole days of at least 1, not %s", num(d))
		}
	}
	for _, al := range alertNames {
		pct, long := kataAlert(p, al.name)
		if pct <= 0 || pct > 100 {
			return fmt.Errorf("%s_budget_pct is a share of the budget above 0 and at most 100, not %s", al.name, num(pct))
		}
		if long < time.Minute {
			return fmt.Errorf("%s_window_h must be at least a minute, not %s h", al.name, num(long.Hours()))
		}
	}
	if f, _ := kataAlert(p, "fast"); f/p.Num("fast_window_h") <= p.Num("slow_budget_pct")/p.Num("slow_window_h") {
		return fmt.Errorf("the fast alert must burn faster than the slow one: %s%% in %s h is not faster than %s%% in %s h",
			num(f), num(p.Num("fast_window_h")), num(p.Num("slow_budget_pct")), num(p.Num("slow_window_h")))
	}
	return nil
}

var rules = []engine.Rule{
	{ID: "slo/window", Severity: engine.Error, Title: "a rolling window of {{param \"windows_days\"}} days", Check: func(r *engine.Run) {
		for _, s := range sliNames {
			w := r.Num(sp(s, "window_days"))
			if _, ok := r.A.Num(sp(s, "window_days")); ok && !windowAllowed(r.P, w) {
				r.Failf(sp(s, "window_days"), "%s is %s days; this course measures an SLO over a rolling %s (28 days is four whole weeks, so every weekday weighs the same; 30 is about the month budgets are reported in)",
					engine.Dotted(sp(s, "window_days")), num(w), daysList(r.P.Nums("windows_days")))
			}
		}
	}},
	{ID: "slo/target-percent", Severity: engine.Error, Title: "targets written in percent", Check: func(r *engine.Run) {
		for _, s := range sliNames {
			ptr := sp(s, "target_pct")
			t, ok := r.A.Num(ptr)
			switch {
			case !ok:
				r.Missing = true
			case t <= 1:
				r.Failf(ptr, "%s is %s, a fraction, but the target is in percent: %s here means %s%% good events. The fraction %s is %s%%: write %s",
					r.A.Named(ptr), r.A.Literal(ptr), r.A.Literal(ptr), r.A.Literal(ptr), r.A.Literal(ptr), num(t*100), num(t*100))
			case t >= 100:
				r.Failf(ptr, "a %s%% target leaves no error budget: one failed event breaks the SLO, no burn-rate alert can be set and no release risk can ever be taken; promise less, e.g. 99.9", num(t))
			}
		}
	}},
	{ID: "slo/budget-minutes", Severity: engine.Error, Title: "availability budget in minutes", Check: func(r *engine.Run) {
		t, ok1 := target(r, "availability")
		w, ok2 := window(r, "availability")
		ptr := "/availability/budget_minutes"
		got, ok3 := r.A.Num(ptr)
		if !ok3 {
			r.Missing = true
		}
		if !ok1 || !ok2 || !ok3 {
			return
		}
		want := burn.BudgetMinutes(t, w)
		lit := r.A.Literal(ptr)
		if engine.Near(got, lit, want) {
			return
		}
		for _, other := range r.P.Nums("windows_days") {
			if other != w && windowAllowed(r.P, w) && engine.Near(got, lit, burn.BudgetMinutes(t, other)) {
				r.Failf(ptr, "%s minutes is the budget of %s days, but this SLO's window is %s days: (1 − %s%%) × %s min gives %s minutes",
					lit, num(other), num(w), num(t), grouped(burn.WindowMinutes(w)), num(want))
				return
			}
		}
		r.Failf(ptr, "%s is %s, but (1 − %s%%) × %s min (%s days) gives %s minutes of full outage the SLO can absorb%s",
			r.A.Named(ptr), r.A.Shown(ptr), num(t), grouped(burn.WindowMinutes(w)), num(w), num(want), slipNote(got, want, "minutes"))
	}},
	{ID: "slo/budget-percent", Severity: engine.Error, Title: "latency and quality budgets in percent", Check: func(r *engine.Run) {
		for _, s := range []string{"latency", "quality"} {
			t, ok1 := target(r, s)
			ptr := sp(s, "budget_pct")
			got, ok2 := r.A.Num(ptr)
			if !ok2 {
				r.Missing = true
			}
			if !ok1 || !ok2 {
				continue
			}
			want, lit := 100-t, r.A.Literal(ptr)
			switch {
			case engine.Near(got, lit, want):
			case engine.Near(got*100, strconv.FormatFloat(got*100, 'f', -1, 64), want):
				r.Failf(ptr, "%s is %s, a fraction, but the budget is in percent of events: 100 − %s = %s%%, so write %s",
					r.A.Named(ptr), lit, num(t), num(want), num(want))
			default:
				r.Failf(ptr, "%s is %s, but 100 − %s gives %s%% of events that may be bad over the window%s", r.A.Named(ptr), lit, num(t), num(want), slipNote(got, want, "%"))
			}
		}
	}},
	{ID: "slo/burn-rate", Severity: engine.Error, Title: "burn rate of each alert", Check: func(r *engine.Run) {
		for _, al := range alertNames {
			_, _, w, ok := alertSLI(r)
			spentPtr := sp("alerts", al.name, "budget_spent_pct")
			spent := r.Num(spentPtr)
			long, ok2 := duration(r, sp("alerts", al.name, "long_window"))
			if !ok || !ok2 || r.Missing {
				continue
			}
			checkBurn(r, al.name, spentPtr, spent, w, long)
		}
	}},
	{ID: "slo/error-ratio", Severity: engine.Error, Title: "error-ratio threshold of each alert", Check: func(r *engine.Run) {
		if otherTargetRatios(r) {
			return
		}
		for _, al := range alertNames {
			_, t, w, ok := alertSLI(r)
			long, ok2 := duration(r, sp("alerts", al.name, "long_window"))
			spent := spentPct(r, al.name, w, long)
			ptr := sp("alerts", al.name, "error_ratio")
			got, ok3 := r.A.Num(ptr)
			if !ok3 {
				r.Missing = true
			}
			if !ok || !ok2 || !ok3 || r.Missing {
				continue
			}
			rate := burn.Rate(spent/100, w*24, long.Hours())
			want, lit := burn.Threshold(rate, t), r.A.Literal(ptr)
			if stated, ok := r.A.Num(sp("alerts", al.name, "burn_rate")); ok && engine.Near(got, lit, burn.Threshold(stated, t)) {
				// Right for the burn rate stated: if that burn is wrong,
				// this follows from it (slo/burn-rate says so).
				r.Uses(sp("alerts", al.name, "burn_rate"))
			}
			switch {
			case engine.Near(got, lit, want):
			case want < 1 && engine.Near(got/100, strconv.FormatFloat(got/100, 'f', -1, 64), want):
				r.Failf(ptr, "%s is %s, a percent, but this field is a fraction, the number the alert compares the error ratio with: %s would mean %s%% errors. Write %s (%s × (1 − %s%%))",
					r.A.Named(ptr), lit, lit, num(got*100), num(want), num(rate), num(t))
			default:
				r.Failf(ptr, "%s is %s, but burn × (1 − target) = %s × (1 − %s%%) gives %s (%s%% of requests failing)%s",
					r.A.Named(ptr), lit, num(rate), num(t), num(want), num(want*100), slipNote(got, want, "fraction"))
			}
		}
	}},
	{ID: "slo/never-fires", Severity: engine.Error, Title: "alerts that can fire at all", Check: func(r *engine.Run) {
		for _, al := range alertNames {
			_, t, _, ok := alertSLI(r)
			ptr := sp("alerts", al.name, "burn_rate")
			rate := r.Num(ptr)
			if !ok || r.Missing {
				continue
			}
			if thr := burn.Threshold(rate, t); thr >= 1 {
				r.Failf(ptr, "a burn rate of %s on a %s%% target fires only above %s × %s%% = %s%% errors: more than every request failing, so the %s alert can never fire. Spend the budget share over a longer window, or raise the target",
					num(rate), num(t), num(rate), num(100-t), num(thr*100), al.name)
			}
		}
	}},
	{ID: "slo/short-window", Severity: engine.Warning, Title: "short window about 1/12 of the long one", Check: func(r *engine.Run) {
		for _, al := range alertNames {
			if _, given := r.A.Str(sp("alerts", al.name, "short_window")); !given {
				continue
			}
			long, ok1 := duration(r, sp("alerts", al.name, "long_window"))
			short, ok2 := duration(r, sp("alerts", al.name, "short_window"))
			if !ok1 || !ok2 {
				continue
			}
			ptr := sp("alerts", al.name, "short_window")
			if ratio := float64(long) / float64(short); ratio < 9 || ratio > 15 {
				r.Failf(ptr, "the short window %s is 1/%s of the long window %s; the SRE workbook uses about 1/12 (1h with 5m, 6h with 30m), here %s: short enough that the alert stops soon after the burn stops, long enough not to flap",
					burn.FormatDuration(short), num(ratio), burn.FormatDuration(long), burn.FormatDuration(long/12))
			}
		}
	}},
	{ID: "slo/alert-action", Severity: engine.Error, Title: "the fast alert pages, the slow one opens a ticket", Check: func(r *engine.Run) {
		for _, al := range alertNames {
			ptr := sp("alerts", al.name, "action")
			if act := r.Str(ptr); !r.Missing && act != al.action {
				r.Failf(ptr, "the %s alert should %s, not %s: %s", al.name, al.action, act, al.actionWhy)
			}
		}
	}},
	{ID: "slo/alert-kata", Severity: engine.Warning, Title: "the kata's {{param \"fast_budget_pct\"}}% in {{param \"fast_window_h\"}} h and {{param \"slow_budget_pct\"}}% in {{param \"slow_window_h\"}} h", Check: func(r *engine.Run) {
		for _, al := range alertNames {
			sli, _ := r.A.Str("/alerts/sli")
			w, _ := r.A.Num(sp(sli, "window_days"))
			long, ok := duration(r, sp("alerts", al.name, "long_window"))
			spent := spentPct(r, al.name, w, long)
			if wantPct, wantLong := kataAlert(r.P, al.name); ok && !r.Missing && (spent != wantPct || long != wantLong) {
				r.Failf(sp("alerts", al.name, "budget_spent_pct"), "the kata's %s alert spends %s%% of the budget in %s; yours spends %s%% in %s. Fine if you mean it, but say why in the justification",
					al.name, num(wantPct), burn.FormatDuration(wantLong), num(spent), burn.FormatDuration(long))
			}
		}
	}},
	{ID: "slo/query-parse", Severity: engine.Error, Title: "every PromQL query parses", Check: func(r *engine.Run) {
		promqlQueries(r, "", func(s, query string) {
			if _, err := parsePromQL(query); err != nil {
				r.Failf(sp(s, "query"), "the %s query is not valid PromQL (Prometheus's parser says: %v)%s", s, err, dialectHint(query))
			}
		})
	}},
	{ID: "slo/query-ratio", Severity: engine.Error, Title: "each SLI query is good / total", Check: func(r *engine.Run) {
		forPromQL(r, "", func(s string, q *sliQuery) {
			if q.good != nil {
				return
			}
			if c, ok := unparen(q.expr).(*parser.Call); ok && c.Func.Name == "histogram_quantile" {
				r.Failf(sp(s, "query"), "histogram_quantile gives a percentile, not an SLI: count the good events instead, e.g. the le bucket of the threshold divided by the _count")
				return
			}
			r.Failf(sp(s, "query"), "the %s query must be a ratio good / total at its top level (a division), so that it reads as the share of good events", s)
		})
	}},
	{ID: "slo/query-family", Severity: engine.Error, Title: "good and total from the same metric family", Check: func(r *engine.Run) {
		forPromQL(r, "", func(s string, q *sliQuery) {
			if q.good == nil {
				return
			}
			g, t := families(q.good), families(q.total)
			if len(g) == 0 || len(t) == 0 || readsRecorded(q.expr) {
				return // a recording rule's file, not the query, says what it reads
			}
			if len(g) != 1 || len(t) != 1 || g[0] != t[0] {
				r.Failf(sp(s, "query"), "good reads %s and total reads %s: count both from one metric family, or the two sides can disagree (other labels, other scrape targets) and good can exceed total",
					strings.Join(g, ", "), strings.Join(t, ", "))
			}
		})
	}},
	{ID: "slo/query-subset", Severity: engine.Error, Title: "good's filters include total's", Check: func(r *engine.Run) {
		forPromQL(r, "", func(s string, q *sliQuery) {
			if q.good == nil {
				return
			}
			if miss := missingMatchers(q.good, q.total); len(miss) > 0 {
				r.Failf(sp(s, "query"), "total filters on {%s} but good does not: good must count a subset of total's events, so keep every filter of total and add your own",
					strings.Join(miss, ", "))
			}
		})
	}},
	{ID: "slo/latency-5xx", Severity: engine.Error, Title: "fast requests exclude server errors", Check: func(r *engine.Run) {
		const why = "a service that fails fast answers 5xx in a few milliseconds, and without the filter those failures count as good, fast requests"
		dialect := r.Str("/latency/dialect")
		if r.Missing {
			return
		}
		if dialect != "promql" {
			return // slo/latency-5xx-text reads the words instead
		}
		forPromQL(r, "latency", func(s string, q *sliQuery) {
			if q.good != nil && !readsRecorded(q.good) && !excludesServerErrors(q.good) {
				r.Failf("/latency/query", "the good side must also drop server errors, e.g. code!~\"5..\": %s", why)
			}
		})
	}},
	{ID: "slo/latency-5xx-text", Severity: engine.Warning, Title: "fast requests exclude server errors (CloudWatch, Datadog)", Check: func(r *engine.Run) {
		dialect := r.Str("/latency/dialect")
		good := r.Str("/latency/good")
		query, _ := r.A.Str("/latency/query")
		if r.Missing || dialect == "promql" || serverErrorTextRE.MatchString(good+" "+query) {
			return
		}
		ms, _ := r.A.Num("/latency/threshold_ms")
		r.Failf("/latency/good", "Reading your text, the good latency events do not seem to leave out server errors: a service that fails fast answers 5xx in a few milliseconds, and without the filter those failures count as good, fast requests. A %s query is kept as text, so say it in words, e.g.: \"Requests answered within %s ms and without a 5xx\"", dialect, num(ms))
	}},
	{ID: "slo/histogram-le", Severity: engine.Error, Title: "the le bound equals the latency threshold", Check: func(r *engine.Run) {
		ms := r.Num("/latency/threshold_ms")
		if r.Missing {
			return
		}
		forPromQL(r, "latency", func(s string, q *sliQuery) {
			if q.good == nil || !readsBuckets(q.good) {
				return
			}
			for _, vs := range selectors(q.good) {
				if !strings.HasSuffix(metricName(vs), "_bucket") {
					continue
				}
				unit, perMs := histogramUnit(family(metricName(vs)))
				want := ms * perMs
				le := ""
				for _, m := range vs.LabelMatchers {
					if m.Name == "le" {
						le = m.Value
						v, err := strconv.ParseFloat(m.Value, 64)
						if m.Type.String() != "=" || err != nil || math.Abs(v-want) > 1e-9*want {
							r.Failf("/latency/query", "%s counts requests under %s %s, but the threshold is %s ms: the bucket must be le=\"%s\" (this histogram is in %s)%s",
								m.String(), m.Value, unit, num(ms), num(want), unit, slipNote(v, want, unit))
						}
					}
				}
				if le == "" {
					r.Failf("/latency/query", "good reads %s without an le matcher, so it counts every bucket; pick the bucket of the threshold: le=\"%s\"", metricName(vs), num(want))
				}
			}
		})
	}},
	{ID: "slo/freshness-age", Severity: engine.Error, Title: "the query's age bound is the maximum data age", Check: func(r *engine.Run) {
		r.Uses("/quality/kind")
		r.Uses("/quality/max_age_min")
		age, ok := maxAge(r.A)
		if !ok {
			return // no age to hold the query to: another kind, or the bound only in words
		}
		forPromQL(r, "quality", func(s string, q *sliQuery) {
			if q.good == nil {
				return
			}
			for _, b := range ageBounds(q.good) {
				if math.Abs(b.value-age*60) > 1e-9*age*60 {
					r.Failf("/quality/query", "%s counts data younger than %s s, but the maximum data age is %s: time() is in seconds, so compare with %s%s",
						b.text, num(b.value), r.A.Shown("/quality/max_age_min"), num(age*60), slipNote(b.value, age*60, "s"))
				}
			}
			for _, vs := range selectors(q.good) {
				if !strings.HasSuffix(metricName(vs), "_bucket") {
					continue
				}
				unit, perMs := histogramUnit(family(metricName(vs)))
				want := age * 60000 * perMs
				for _, m := range vs.LabelMatchers {
					if m.Name != "le" {
						continue
					}
					if v, err := strconv.ParseFloat(m.Value, 64); m.Type.String() != "=" || err != nil || math.Abs(v-want) > 1e-9*want {
						r.Failf("/quality/query", "%s counts data younger than %s %s, but the maximum data age is %s: the bucket must be le=\"%s\" (this histogram is in %s)%s",
							m.String(), m.Value, unit, r.A.Shown("/quality/max_age_min"), num(want), unit, slipNote(v, want, unit))
					}
				}
			}
		})
	}},
	{ID: "slo/query-bucket", Severity: engine.Error, Title: "the query's range is the stated bucket", Check: func(r *engine.Run) {
		forPromQL(r, "", func(s string, q *sliQuery) {
			b, ok := duration(r, sp(s, "bucket"))
			if !ok {
				return
			}
			for _, d := range ranges(q.expr) {
				if d != b {
					r.Failf(sp(s, "query"), "the query's range [%s] is not the bucket %s you state: each point of the SLI is computed over that range, so write [%s] or change the bucket",
						burn.FormatDuration(d), burn.FormatDuration(b), burn.FormatDuration(b))
					return
				}
			}
		})
	}},
	{ID: "slo/alternatives", Severity: engine.Error, Title: "the tighter and looser alternatives are half and double", Check: func(r *engine.Run) {
		for _, s := range sliNames {
			t, ok1 := target(r, s)
			w, ok2 := window(r, s)
			if !ok1 || !ok2 {
				continue
			}
			for _, c := range checkAlternatives(r.A, s, t, w) {
				r.Failf(c.ptr, "%s", c.msg)
			}
		}
	}},
	{ID: "slo/justification", Severity: engine.Warning, Title: "each threshold defended against 2× tighter and 2× looser", Check: func(r *engine.Run) {
		for _, s := range sliNames {
			t, ok1 := target(r, s)
			w, ok2 := window(r, s)
			ptr := sp(s, "justification")
			text, ok3 := r.A.Str(ptr)
			if !ok3 {
				r.Missing = true
			}
			if !ok1 || !ok2 || !ok3 {
				continue
			}
			_, givenT := r.A.Str(sp(s, "tighter", "value"))
			_, givenL := r.A.Str(sp(s, "looser", "value"))
			if givenT && givenL {
				continue // the values say it, and slo/alternatives checks them
			}
			folded := prose.Fold(text)
			tight, loose := proseAlternatives(r.A, s, t, w, text)
			tight = tight || givenT || tighterWords.In(folded)
			loose = loose || givenL || looserWords.In(folded)
			alt := alternativesOf(r.A, s, t, w)
			ts, ls := alt.describe(s, w)
			var lack []string
			if !tight {
				lack = append(lack, "twice as tight ("+ts+")")
			}
			if !loose {
				lack = append(lack, "twice as loose ("+ls+")")
			}
			switch {
			case len(lack) > 0:
				r.Failf(ptr, "Reading your text, I could not find why not %s. If it is there in other words, ignore this; otherwise give each alternative as a value with its consequence (%s.tighter and %s.looser), which the engine checks",
					strings.Join(lack, " or "), s, s)
			case !reasonRE.MatchString(text):
				example := num(alt.tightTarget) + "%"
				if alt.tightMs > 0 {
					example = num(alt.tightMs) + " ms"
				}
				r.Failf(ptr, "Reading your text, it names the alternatives but I could not find a reason against them: say what would go wrong with each, e.g. \"at %s, one routine deploy would spend the whole budget\"", example)
			}
		}
	}},
	{ID: "slo/policy-placeholder", Severity: engine.Error, Title: "every part of the gating policy written down", Check: func(r *engine.Run) {
		for _, k := range policyParts {
			if text := r.Str("/policy/" + k); !r.Missing && placeholderRE.MatchString(text) {
				r.Failf("/policy/"+k, "policy.%s is a placeholder (%q); the policy is only real when every part of it is written down", k, strings.TrimSpace(text))
			}
		}
	}},
	{ID: "slo/policy", Severity: engine.Warning, Title: "the gating policy keeps rollbacks and fixes going and says when it lifts", Check: func(r *engine.Run) {
		parts := map[string]string{}
		for _, k := range policyParts {
			parts[k] = r.Str("/policy/" + k)
		}
		if r.Missing {
			return
		}
		var lack []string
		if !rollbackRE.MatchString(parts["continues"]) {
			lack = append(lack, "rollbacks (undoing a bad change must never be frozen)")
		}
		if !fixRE.MatchString(parts["continues"]) {
			lack = append(lack, "reliability fixes (the work that earns the budget back)")
		}
		if len(lack) > 0 && !placeholderRE.MatchString(parts["continues"]) {
			r.Failf("/policy/continues", "Reading your text, what continues during a freeze does not seem to name %s. If it does in other words, ignore this; otherwise, e.g.: \"Rollbacks and reliability fixes continue.\"", strings.Join(lack, " or "))
		}
		if !liftRE.MatchString(parts["lifts"]) && !placeholderRE.MatchString(parts["lifts"]) {
			r.Failf("/policy/lifts", "Reading your text, it does not seem to say the condition that ends the freeze. If it does in other words, ignore this; otherwise, e.g.: \"When the rolling %s-day budget is positive again.\"", num(r.P.Nums("windows_days")[0]))
		}
	}},
}

// Query texts of the other dialects, recognisable when PromQL's parser
// fails on them: Datadog's aggregator:metric and .as_count(), CloudWatch's
// namespaces and metric-math functions.
var (
	datadogRE    = regexp.MustCompile(`\b(sum|avg|max|min|count):[a-z_][\w.]*|\.as_(count|rate)\(\)`)
	cloudwatchRE = regexp.MustCompile(`\bAWS/|\b(SEARCH|METRICS|FILL|SELECT)\(`)
)

// dialectHint says which other query language a query that does not parse
// as PromQL looks like, as a sentence to end the message with.
func dialectHint(query string) string {
	for _, d := range []struct {
		re   *regexp.Regexp
		name string
	}{{datadogRE, "datadog"}, {cloudwatchRE, "cloudwatch"}} {
		if d.re.MatchString(query) {
			return ". It looks like a " + map[string]string{"datadog": "Datadog", "cloudwatch": "CloudWatch"}[d.name] + " query: if it is one, set dialect: " + d.name + ", and it is kept as text"
		}
	}
	return ""
}

// policyParts are the four parts of the release-gating policy.
var policyParts = []string{"stops", "continues", "decides", "lifts"}

// checkBurn compares an alert's stated burn rate with spent% of the
// budget × the window's hours / the long window's hours, and puts the
// finding where the slip is: on the budget share when the burn is right
// for it written in percent, on the burn rate otherwise, naming the window
// a wrong burn stands for.
func checkBurn(r *engine.Run, alert, spentPtr string, spent, w float64, long time.Duration) {
	ptr := sp("alerts", alert, "burn_rate")
	got, ok := r.A.Num(ptr)
	if !ok {
		r.Missing = true
		return
	}
	lit := r.A.Literal(ptr)
	want := burn.Rate(spent/100, w*24, long.Hours())
	if engine.Near(got, lit, want) {
		return
	}
	if fractionShare(r.A, alert, spent, w, long) {
		r.Failf(spentPtr, "%s is %s, a fraction, but the budget share is in percent: your burn rate %s is that of %s%% of the budget, so write %s",
			r.A.Named(spentPtr), r.A.Literal(spentPtr), lit, num(spent*100), num(spent*100))
		return
	}
	how := fmt.Sprintf("%s%% of the budget × %s h (%s days) / %s h gives %s", num(spent), num(w*24), num(w), hours(long), num(want))
	for _, other := range r.P.Nums("windows_days") {
		if other != w && engine.Near(got, lit, burn.Rate(spent/100, other*24, long.Hours())) {
			r.Failf(ptr, "%s is the burn rate on a %s-day window, but the %s SLI's window is %s days: %s", lit, num(other), r.Str("/alerts/sli"), num(w), how)
			return
		}
	}
	if slip := units.Slip(got, want, ""); slip != "" && !strings.HasPrefix(slip, "2 times") { // a factor of 2 reads better as the window it stands for
		r.Failf(ptr, "%s is %s, but %s: %s", r.A.Named(ptr), lit, how, slip)
		return
	}
	implied := spent / 100 * w * 24 / got // hours in which the stated burn spends spent%
	r.Failf(ptr, "%s is %s, but %s; a burn of %s spends %s%% of the budget in %s, not in %s",
		r.A.Named(ptr), lit, how, lit, num(spent), impliedSpan(implied), burn.FormatDuration(long))
}

// impliedSpan writes a span of hours as PromQL would; a span beyond what a
// time.Duration holds is written in hours, because converting an
// out-of-range float to an integer gives different values natively and
// under WebAssembly.
func impliedSpan(hours float64) string {
	if !(hours < 1e5) {
		return num(hours) + "h"
	}
	return burn.FormatDuration(time.Duration(hours * float64(time.Hour)).Round(time.Minute))
}

// otherTargetRatios reports (as one finding) error ratios that are all
// burn × (1 − target) with the target of another SLI than the one the
// alerts watch: one number taken from the wrong place, not one mistake per
// alert.
func otherTargetRatios(r *engine.Run) bool {
	watched, t, w, ok := alertSLI(r)
	if !ok || r.Missing {
		return false
	}
	for _, other := range sliNames {
		ot, ok := r.A.Num(sp(other, "target_pct"))
		if other == watched || !ok || ot <= 1 || ot >= 100 || ot == t {
			continue
		}
		var stated []string
		for _, al := range alertNames {
			got, ok1 := r.A.Num(sp("alerts", al.name, "error_ratio"))
			spent, ok2 := r.A.Num(sp("alerts", al.name, "budget_spent_pct"))
			ls, _ := r.A.Str(sp("alerts", al.name, "long_window"))
			long, err := burn.ParseDuration(ls)
			if !ok1 || !ok2 || err != nil {
				return false
			}
			rate, lit := burn.Rate(spent/100, w*24, long.Hours()), r.A.Literal(sp("alerts", al.name, "error_ratio"))
			if engine.Near(got, lit, burn.Threshold(rate, t)) || !engine.Near(got, lit, burn.Threshold(rate, ot)) {
				stated = nil
				break
			}
			stated = append(stated, fmt.Sprintf("%s %s (%s × (1 − %s%%) = %s)", al.name, lit, num(rate), num(t), num(burn.Threshold(rate, t))))
		}
		if len(stated) == len(alertNames) {
			r.Uses(sp("alerts", "fast", "error_ratio"), sp("alerts", "slow", "error_ratio"))
			r.Failf("/alerts/sli", "the error ratios use the %s SLI's target of %s%%, but the alerts watch %s, whose target is %s%%: %s. Compute them with %s%%, or make the alerts watch %s",
				other, num(ot), watched, num(t), strings.Join(stated, "; "), num(t), other)
			return true
		}
	}
	return false
}

// fractionShare reports whether an alert's budget share was written as a
// fraction (0.05 for 5%): its stated burn rate is wrong for the share as
// written and right for it in percent.
func fractionShare(a *engine.Answer, alert string, spent, w float64, long time.Duration) bool {
	ptr := sp("alerts", alert, "burn_rate")
	got, ok := a.Num(ptr)
	lit := a.Literal(ptr)
	return ok && spent > 0 && spent <= 1 && !engine.Near(got, lit, burn.Rate(spent/100, w*24, long.Hours())) &&
		engine.Near(got, lit, burn.Rate(spent, w*24, long.Hours()))
}

// spentPct is an alert's budget share in percent as the rules after
// slo/burn-rate compute with it: a share written as a fraction is read in
// percent, its slip being slo/burn-rate's one finding, so that the error
// ratio and the kata's alert are judged on what was meant.
func spentPct(r *engine.Run, alert string, w float64, long time.Duration) float64 {
	spent := r.Num(sp("alerts", alert, "budget_spent_pct"))
	if fractionShare(r.A, alert, spent, w, long) {
		return spent * 100
	}
	return spent
}

// sloFigures gives the page the 2× tighter and looser budgets beside each
// justification (figure "hints", keyed by field pointer) and the data of
// the budget-burn chart (figure "slo").
func sloFigures(a *engine.Answer, _ engine.Params) map[string]any {
	out := map[string]any{}
	hints := map[string]string{}
	for _, s := range sliNames {
		t, ok1 := a.Num(sp(s, "target_pct"))
		w, ok2 := a.Num(sp(s, "window_days"))
		if !ok1 || !ok2 || t <= 1 || t >= 100 || w < 1 {
			continue
		}
		ts, ls := alternativesOf(a, s, t, w).describe(s, w)
		hints[sp(s, "justification")] = "2× tighter: " + ts + "; 2× looser: " + ls
		for i, sd := range sides {
			hints[sp(s, sd.key, "value")] = altHint(a, s, t, w, i)
		}
	}
	if len(hints) > 0 {
		out["hints"] = hints
	}
	if chart := sloChart(a); chart != nil {
		out["slo"] = chart
	}
	if len(out) == 0 {
		return nil
	}
	return out
}

type chartAlert struct {
	Name      string  `json:"name"`
	Action    string  `json:"action"`
	Burn      float64 `json:"burn"`
	LongH     float64 `json:"long_h"`
	ShortH    float64 `json:"short_h"`
	Threshold float64 `json:"threshold"` // error ratio, a fraction
}

// sloChart is the data of the budget-remaining chart for the SLI the
// alerts watch: the page slides a constant error ratio and draws how the
// budget drains, against the drain at each alert's burn rate.
func sloChart(a *engine.Answer) map[string]any {
	sli, _ := a.Str("/alerts/sli")
	t, ok1 := a.Num(sp(sli, "target_pct"))
	w, ok2 := a.Num(sp(sli, "window_days"))
	if !ok1 || !ok2 || t <= 1 || t >= 100 || w < 1 {
		return nil
	}
	var alerts []chartAlert
	for _, al := range alertNames {
		spent, ok1 := a.Num(sp("alerts", al.name, "budget_spent_pct"))
		ls, ok2 := a.Str(sp("alerts", al.name, "long_window"))
		long, err := burn.ParseDuration(ls)
		if !ok1 || !ok2 || err != nil {
			continue
		}
		short := long / 12
		if ss, ok := a.Str(sp("alerts", al.name, "short_window")); ok {
			if d, err := burn.ParseDuration(ss); err == nil {
				short = d
			}
		}
		rate := burn.Rate(spent/100, w*24, long.Hours())
		action, _ := a.Str(sp("alerts", al.name, "action"))
		alerts = append(alerts, chartAlert{al.name, action, rate, long.Hours(), short.Hours(), burn.Threshold(rate, t)})
	}
	return map[string]any{
		"sli":         sli,
		"target_pct":  t,
		"window_days": w,
		"budget":      1 - t/100,
		"alerts":      alerts,
	}
}
