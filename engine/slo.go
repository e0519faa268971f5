package engine

import (
	"fmt"
	"math"
	"regexp"
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
var alertNames = []struct {
	name      string
	spentPct  float64
	long      time.Duration
	action    string
	actionWhy string
}{
	{"fast", 5, time.Hour, "page", "burning 5% of a month's budget in an hour needs a human now"},
	{"slow", 10, 6 * time.Hour, "ticket", "10% in six hours is serious but can wait for working hours"},
}

func sp(parts ...string) string { return "/" + strings.Join(parts, "/") }

// target reads an SLI's target in percent, usable for arithmetic only when
// it is a percent strictly between 1 and 100 (slo/target-percent says why
// the others are wrong); otherwise the run is skipped.
func (r *ruleRun) target(sli string) (float64, bool) {
	t, ok := r.a.Num(sp(sli, "target_pct"))
	if !ok || t <= 1 || t >= 100 {
		r.missing = true
		return 0, false
	}
	return t, true
}

func (r *ruleRun) window(sli string) (float64, bool) {
	w, ok := r.a.Num(sp(sli, "window_days"))
	if !ok || w < 1 {
		r.missing = true
		return 0, false
	}
	return w, true
}

func (r *ruleRun) duration(ptr string) (time.Duration, bool) {
	s, ok := r.a.Str(ptr)
	if !ok {
		r.missing = true
		return 0, false
	}
	d, err := parseDuration(s)
	if err != nil {
		r.missing = true
		return 0, false
	}
	return d, true
}

// alertSLI is the SLI the alerts watch, with its target and window.
func (r *ruleRun) alertSLI() (sli string, t, w float64, ok bool) {
	sli = r.str("/alerts/sli")
	if r.missing {
		return "", 0, 0, false
	}
	t, ok1 := r.target(sli)
	w, ok2 := r.window(sli)
	return sli, t, w, ok1 && ok2
}

// promqlQueries calls fn with each SLI (all, or only one) whose query is
// PromQL; an SLI without a dialect or query marks the rule skipped.
func promqlQueries(r *ruleRun, only string, fn func(sli, query string)) {
	for _, s := range sliNames {
		if only != "" && s != only {
			continue
		}
		dialect, ok1 := r.a.Str(sp(s, "dialect"))
		query, ok2 := r.a.Str(sp(s, "query"))
		if !ok1 || !ok2 {
			r.missing = true
			continue
		}
		if dialect == "promql" {
			fn(s, query)
		}
	}
}

// parsedSLI parses a query once per check, however many rules read it.
func parsedSLI(r *ruleRun, query string) (*sliQuery, error) {
	type parsed struct {
		q   *sliQuery
		err error
	}
	p := r.a.derived("slo/sli\x00"+query, func() any {
		q, err := parseSLI(query)
		return parsed{q, err}
	}).(parsed)
	return p.q, p.err
}

// forPromQL calls fn for each SLI whose query is PromQL and parses.
func forPromQL(r *ruleRun, only string, fn func(sli string, q *sliQuery)) {
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
	tighterWords      = newFoldSet("tight", "strict", "half", "halv", "faster", "shorter", "stricter", "smaller")
	looserWords       = newFoldSet("loose", "lax", "relax", "double", "twice", "slower", "longer", "larger", "lenient")
	rollbackRE        = regexp.MustCompile(`(?i)roll[- ]?back|revert|roll[- ]?forward`)
	fixRE             = regexp.MustCompile(`(?i)fix|reliab|security|patch|incident`)
	liftRE            = regexp.MustCompile(`(?i)budget|recover|window|day|week|postmortem|post-mortem|sign[- ]?off|above|positive|back`)
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

func alternativesOf(a *Answer, sli string, t, w float64) alternatives {
	alt := alternatives{tightTarget: 100 - (100-t)/2, looseTarget: 100 - 2*(100-t)}
	if sli == "availability" {
		alt.tightBudget, alt.looseBudget = budgetMinutes(alt.tightTarget, w), budgetMinutes(alt.looseTarget, w)
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

// mentions reports whether text names one of the numbers.
func mentions(text string, nums ...float64) bool {
	for _, n := range nums {
		if n > 0 && strings.Contains(text, num(n)) {
			return true
		}
	}
	return false
}

func sloKata() *kata {
	return &kata{
		id:    "slo",
		title: "Write an SLI/SLO document for a real API",
		rules: []Rule{
			{ID: "slo/window", Severity: Error, Title: "a rolling window of 28 or 30 days", check: func(r *ruleRun) {
				for _, s := range sliNames {
					w := r.num(sp(s, "window_days"))
					if _, ok := r.a.Num(sp(s, "window_days")); ok && w != 28 && w != 30 {
						r.failf(sp(s, "window_days"), "%s is %s days; measure an SLO over a rolling 28 days (four whole weeks, so every weekday weighs the same) or 30 days (about the month budgets are reported in)",
							dotted(sp(s, "window_days")), num(w))
					}
				}
			}},
			{ID: "slo/target-percent", Severity: Error, Title: "targets written in percent", check: func(r *ruleRun) {
				for _, s := range sliNames {
					ptr := sp(s, "target_pct")
					t, ok := r.a.Num(ptr)
					switch {
					case !ok:
						r.missing = true
					case t <= 1:
						r.failf(ptr, "%s is %s, a fraction, but the target is in percent: %s here means %s%% good events. The fraction %s is %s%%: write %s",
							dotted(ptr), r.a.literal(ptr), r.a.literal(ptr), r.a.literal(ptr), r.a.literal(ptr), num(t*100), num(t*100))
					case t >= 100:
						r.failf(ptr, "a %s%% target leaves no error budget: one failed event breaks the SLO, no burn-rate alert can be set and no release risk can ever be taken; promise less, e.g. 99.9", num(t))
					}
				}
			}},
			{ID: "slo/budget-minutes", Severity: Error, Title: "availability budget in minutes", check: func(r *ruleRun) {
				t, ok1 := r.target("availability")
				w, ok2 := r.window("availability")
				ptr := "/availability/budget_minutes"
				got, ok3 := r.a.Num(ptr)
				if !ok3 {
					r.missing = true
				}
				if !ok1 || !ok2 || !ok3 {
					return
				}
				want := budgetMinutes(t, w)
				lit := r.a.literal(ptr)
				if near(got, lit, want) {
					return
				}
				if other := 58 - w; (w == 28 || w == 30) && near(got, lit, budgetMinutes(t, other)) {
					r.failf(ptr, "%s minutes is the budget of %s days, but this SLO's window is %s days: (1 − %s%%) × %s min gives %s minutes",
						lit, num(other), num(w), num(t), grouped(windowMinutes(w)), num(want))
					return
				}
				r.failf(ptr, "%s is %s, but (1 − %s%%) × %s min (%s days) gives %s minutes of full outage the SLO can absorb",
					dotted(ptr), lit, num(t), grouped(windowMinutes(w)), num(w), num(want))
			}},
			{ID: "slo/budget-percent", Severity: Error, Title: "latency and quality budgets in percent", check: func(r *ruleRun) {
				for _, s := range []string{"latency", "quality"} {
					t, ok1 := r.target(s)
					ptr := sp(s, "budget_pct")
					got, ok2 := r.a.Num(ptr)
					if !ok2 {
						r.missing = true
					}
					if !ok1 || !ok2 {
						continue
					}
					want, lit := 100-t, r.a.literal(ptr)
					switch {
					case near(got, lit, want):
					case near(got*100, strconv.FormatFloat(got*100, 'f', -1, 64), want):
						r.failf(ptr, "%s is %s, a fraction, but the budget is in percent of events: 100 − %s = %s%%, so write %s",
							dotted(ptr), lit, num(t), num(want), num(want))
					default:
						r.failf(ptr, "%s is %s, but 100 − %s gives %s%% of events that may be bad over the window", dotted(ptr), lit, num(t), num(want))
					}
				}
			}},
			{ID: "slo/burn-rate", Severity: Error, Title: "burn rate of each alert", check: func(r *ruleRun) {
				_, _, w, ok := r.alertSLI()
				for _, al := range alertNames {
					spent := r.num(sp("alerts", al.name, "budget_spent_pct"))
					long, ok2 := r.duration(sp("alerts", al.name, "long_window"))
					if !ok || !ok2 || r.missing {
						continue
					}
					want := burnRate(spent/100, w*24, long.Hours())
					r.expect(sp("alerts", al.name, "burn_rate"), want,
						fmt.Sprintf("%s%% of the budget × %s h (%s days) / %s h", num(spent), num(w*24), num(w), hours(long)))
				}
			}},
			{ID: "slo/error-ratio", Severity: Error, Title: "error-ratio threshold of each alert", check: func(r *ruleRun) {
				_, t, w, ok := r.alertSLI()
				for _, al := range alertNames {
					spent := r.num(sp("alerts", al.name, "budget_spent_pct"))
					long, ok2 := r.duration(sp("alerts", al.name, "long_window"))
					ptr := sp("alerts", al.name, "error_ratio")
					got, ok3 := r.a.Num(ptr)
					if !ok3 {
						r.missing = true
					}
					if !ok || !ok2 || !ok3 || r.missing {
						continue
					}
					burn := burnRate(spent/100, w*24, long.Hours())
					want, lit := errorRatioThreshold(burn, t), r.a.literal(ptr)
					switch {
					case near(got, lit, want):
					case want < 1 && near(got/100, strconv.FormatFloat(got/100, 'f', -1, 64), want):
						r.failf(ptr, "%s is %s, a percent, but this field is a fraction, the number the alert compares the error ratio with: %s would mean %s%% errors. Write %s (%s × (1 − %s%%))",
							dotted(ptr), lit, lit, num(got*100), num(want), num(burn), num(t))
					default:
						r.failf(ptr, "%s is %s, but burn × (1 − target) = %s × (1 − %s%%) gives %s (%s%% of requests failing)",
							dotted(ptr), lit, num(burn), num(t), num(want), num(want*100))
					}
				}
			}},
			{ID: "slo/never-fires", Severity: Error, Title: "alerts that can fire at all", check: func(r *ruleRun) {
				_, t, _, ok := r.alertSLI()
				for _, al := range alertNames {
					ptr := sp("alerts", al.name, "burn_rate")
					burn := r.num(ptr)
					if !ok || r.missing {
						continue
					}
					if thr := errorRatioThreshold(burn, t); thr >= 1 {
						r.failf(ptr, "a burn rate of %s on a %s%% target fires only above %s × %s%% = %s%% errors: more than every request failing, so the %s alert can never fire. Spend the budget share over a longer window, or raise the target",
							num(burn), num(t), num(burn), num(100-t), num(thr*100), al.name)
					}
				}
			}},
			{ID: "slo/short-window", Severity: Warning, Title: "short window about 1/12 of the long one", check: func(r *ruleRun) {
				for _, al := range alertNames {
					if _, given := r.a.Str(sp("alerts", al.name, "short_window")); !given {
						continue
					}
					long, ok1 := r.duration(sp("alerts", al.name, "long_window"))
					short, ok2 := r.duration(sp("alerts", al.name, "short_window"))
					if !ok1 || !ok2 {
						continue
					}
					ptr := sp("alerts", al.name, "short_window")
					if ratio := float64(long) / float64(short); ratio < 9 || ratio > 15 {
						r.failf(ptr, "the short window %s is 1/%s of the long window %s; the SRE workbook uses about 1/12 (1h with 5m, 6h with 30m), here %s: short enough that the alert stops soon after the burn stops, long enough not to flap",
							formatDuration(short), num(ratio), formatDuration(long), formatDuration(long/12))
					}
				}
			}},
			{ID: "slo/alert-action", Severity: Error, Title: "the fast alert pages, the slow one opens a ticket", check: func(r *ruleRun) {
				for _, al := range alertNames {
					ptr := sp("alerts", al.name, "action")
					if act := r.str(ptr); !r.missing && act != al.action {
						r.failf(ptr, "the %s alert should %s, not %s: %s", al.name, al.action, act, al.actionWhy)
					}
				}
			}},
			{ID: "slo/alert-kata", Severity: Warning, Title: "the kata's 5% in 1 h and 10% in 6 h", check: func(r *ruleRun) {
				for _, al := range alertNames {
					spent := r.num(sp("alerts", al.name, "budget_spent_pct"))
					long, ok := r.duration(sp("alerts", al.name, "long_window"))
					if ok && !r.missing && (spent != al.spentPct || long != al.long) {
						r.failf(sp("alerts", al.name, "budget_spent_pct"), "the kata's %s alert spends %s%% of the budget in %s; yours spends %s%% in %s. Fine if you mean it, but say why in the justification",
							al.name, num(al.spentPct), formatDuration(al.long), num(spent), formatDuration(long))
					}
				}
			}},
			{ID: "slo/query-parse", Severity: Error, Title: "every PromQL query parses", check: func(r *ruleRun) {
				promqlQueries(r, "", func(s, query string) {
					if _, err := parsePromQL(query); err != nil {
						r.failf(sp(s, "query"), "the %s query is not valid PromQL (Prometheus's parser says: %v)", s, err)
					}
				})
			}},
			{ID: "slo/query-ratio", Severity: Error, Title: "each SLI query is good / total", check: func(r *ruleRun) {
				forPromQL(r, "", func(s string, q *sliQuery) {
					if q.good != nil {
						return
					}
					if c, ok := unparen(q.expr).(*parser.Call); ok && c.Func.Name == "histogram_quantile" {
						r.failf(sp(s, "query"), "histogram_quantile gives a percentile, not an SLI: count the good events instead, e.g. the le bucket of the threshold divided by the _count")
						return
					}
					r.failf(sp(s, "query"), "the %s query must be a ratio good / total at its top level (a division), so that it reads as the share of good events", s)
				})
			}},
			{ID: "slo/query-family", Severity: Error, Title: "good and total from the same metric family", check: func(r *ruleRun) {
				forPromQL(r, "", func(s string, q *sliQuery) {
					if q.good == nil {
						return
					}
					g, t := families(q.good), families(q.total)
					if len(g) == 0 || len(t) == 0 {
						return
					}
					if len(g) != 1 || len(t) != 1 || g[0] != t[0] {
						r.failf(sp(s, "query"), "good reads %s and total reads %s: count both from one metric family, or the two sides can disagree (other labels, other scrape targets) and good can exceed total",
							strings.Join(g, ", "), strings.Join(t, ", "))
					}
				})
			}},
			{ID: "slo/query-subset", Severity: Error, Title: "good's filters include total's", check: func(r *ruleRun) {
				forPromQL(r, "", func(s string, q *sliQuery) {
					if q.good == nil {
						return
					}
					if miss := missingMatchers(q.good, q.total); len(miss) > 0 {
						r.failf(sp(s, "query"), "total filters on {%s} but good does not: good must count a subset of total's events, so keep every filter of total and add your own",
							strings.Join(miss, ", "))
					}
				})
			}},
			{ID: "slo/latency-5xx", Severity: Error, Title: "fast requests exclude server errors", check: func(r *ruleRun) {
				const why = "a service that fails fast answers 5xx in a few milliseconds, and without the filter those failures count as good, fast requests"
				dialect := r.str("/latency/dialect")
				if r.missing {
					return
				}
				if dialect != "promql" {
					good := r.str("/latency/good")
					query, _ := r.a.Str("/latency/query")
					if !r.missing && !serverErrorTextRE.MatchString(good+" "+query) {
						r.failf("/latency/good", "say that good latency events also exclude server errors (status < 500): %s", why)
					}
					return
				}
				forPromQL(r, "latency", func(s string, q *sliQuery) {
					if q.good != nil && !excludesServerErrors(q.good) {
						r.failf("/latency/query", "the good side must also drop server errors, e.g. code!~\"5..\": %s", why)
					}
				})
			}},
			{ID: "slo/histogram-le", Severity: Error, Title: "the le bound equals the latency threshold", check: func(r *ruleRun) {
				ms := r.num("/latency/threshold_ms")
				if r.missing {
					return
				}
				forPromQL(r, "latency", func(s string, q *sliQuery) {
					if q.good == nil || !readsBuckets(q.good) {
						return
					}
					want, unit := ms/1000, "s"
					for _, f := range families(q.good) {
						if strings.Contains(f, "milliseconds") {
							want, unit = ms, "ms"
						}
					}
					for _, vs := range selectors(q.good) {
						if !strings.HasSuffix(metricName(vs), "_bucket") {
							continue
						}
						le := ""
						for _, m := range vs.LabelMatchers {
							if m.Name == "le" {
								le = m.Value
								v, err := strconv.ParseFloat(m.Value, 64)
								if m.Type.String() != "=" || err != nil || math.Abs(v-want) > 1e-9*want {
									r.failf("/latency/query", "%s counts requests under %s %s, but the threshold is %s ms: the bucket must be le=\"%s\" (this histogram is in %s)",
										m.String(), m.Value, unit, num(ms), num(want), unit)
								}
							}
						}
						if le == "" {
							r.failf("/latency/query", "good reads %s without an le matcher, so it counts every bucket; pick the bucket of the threshold: le=\"%s\"", metricName(vs), num(want))
						}
					}
				})
			}},
			{ID: "slo/query-bucket", Severity: Error, Title: "the query's range is the stated bucket", check: func(r *ruleRun) {
				forPromQL(r, "", func(s string, q *sliQuery) {
					b, ok := r.duration(sp(s, "bucket"))
					if !ok {
						return
					}
					for _, d := range ranges(q.expr) {
						if d != b {
							r.failf(sp(s, "query"), "the query's range [%s] is not the bucket %s you state: each point of the SLI is computed over that range, so write [%s] or change the bucket",
								formatDuration(d), formatDuration(b), formatDuration(b))
							return
						}
					}
				})
			}},
			{ID: "slo/justification", Severity: Error, Title: "each threshold defended against 2× tighter and 2× looser", check: func(r *ruleRun) {
				for _, s := range sliNames {
					t, ok1 := r.target(s)
					w, ok2 := r.window(s)
					ptr := sp(s, "justification")
					text, ok3 := r.a.Str(ptr)
					if !ok3 {
						r.missing = true
					}
					if !ok1 || !ok2 || !ok3 {
						continue
					}
					alt := alternativesOf(r.a, s, t, w)
					folded := fold(text)
					tight := tighterWords.in(folded) || mentions(text, alt.tightTarget, alt.tightBudget, alt.tightMs)
					loose := looserWords.in(folded) || mentions(text, alt.looseTarget, alt.looseBudget, alt.looseMs)
					if tight && loose {
						continue
					}
					var lack []string
					ts, ls := alt.describe(s, w)
					if !tight {
						lack = append(lack, "why not twice as tight ("+ts+")")
					}
					if !loose {
						lack = append(lack, "why not twice as loose ("+ls+")")
					}
					r.failf(ptr, "the %s justification should say %s", s, strings.Join(lack, " and "))
				}
			}},
			{ID: "slo/policy", Severity: Error, Title: "the gating policy says what stops, what continues, who decides, when it lifts", check: func(r *ruleRun) {
				parts := map[string]string{}
				for _, k := range []string{"stops", "continues", "decides", "lifts"} {
					parts[k] = r.str("/policy/" + k)
				}
				if r.missing {
					return
				}
				for _, k := range []string{"stops", "continues", "decides", "lifts"} {
					if placeholderRE.MatchString(parts[k]) {
						r.failf("/policy/"+k, "policy.%s is a placeholder; the policy is only real when every part of it is written down", k)
					}
				}
				var lack []string
				if !rollbackRE.MatchString(parts["continues"]) {
					lack = append(lack, "rollbacks (undoing a bad change must never be frozen)")
				}
				if !fixRE.MatchString(parts["continues"]) {
					lack = append(lack, "reliability fixes (the work that earns the budget back)")
				}
				if len(lack) > 0 {
					r.failf("/policy/continues", "what continues during a freeze should name %s", strings.Join(lack, " and "))
				}
				if !liftRE.MatchString(parts["lifts"]) && !placeholderRE.MatchString(parts["lifts"]) {
					r.failf("/policy/lifts", "say the condition that ends the freeze, e.g. the budget is positive again over the rolling window, or the postmortem's fixes have shipped")
				}
			}},
		},
		figures: sloFigures,
		drill:   sloDrill,
		exports: sloExports,
	}
}

// sloFigures gives the page the 2× tighter and looser budgets beside each
// justification (figure "hints", keyed by field pointer) and the data of
// the budget-burn chart (figure "slo").
func sloFigures(a *Answer) map[string]any {
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
func sloChart(a *Answer) map[string]any {
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
		long, err := parseDuration(ls)
		if !ok1 || !ok2 || err != nil {
			continue
		}
		short := long / 12
		if ss, ok := a.Str(sp("alerts", al.name, "short_window")); ok {
			if d, err := parseDuration(ss); err == nil {
				short = d
			}
		}
		burn := burnRate(spent/100, w*24, long.Hours())
		action, _ := a.Str(sp("alerts", al.name, "action"))
		alerts = append(alerts, chartAlert{al.name, action, burn, long.Hours(), short.Hours(), errorRatioThreshold(burn, t)})
	}
	return map[string]any{
		"sli":         sli,
		"target_pct":  t,
		"window_days": w,
		"budget":      1 - t/100,
		"alerts":      alerts,
	}
}
