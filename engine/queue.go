package engine

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

// The queue kata: Little's law (L = λ·W) on a queue the learner measured,
// and the M/M/1 utilisation-latency curve W = 1/(μ − λ).

// kneeRho is where this course puts the knee of the M/M/1 curve: past
// ρ = 0.9 each further 1% of utilisation adds more than one whole service
// time to the wait (dW/dρ = (1/μ)/(1−ρ)² ≥ 100/μ).
const kneeRho = 0.9

// kataRates are the arrival rates the kata asks about at μ = 100 req/s.
var kataRates = []float64{50, 80, 90, 95, 99}

func queueKata() *kata {
	return &kata{
		id:    "queue",
		title: "Apply Little's law to a real queue",
		rules: []Rule{
			{ID: "queue/little-l", Severity: Error, Title: "L = λ·W from your λ and W", Help: "Little's law: the mean number of items in a stable system is the arrival rate times the mean time each spends inside, L = λ·W. The engine multiplies your λ and W and compares with the L you computed, within rounding.", check: func(r *ruleRun) {
				lam, w := r.num("/measured/lambda_rps"), r.num("/measured/w_s")
				r.expect("/little/l_computed", lam*w, fmt.Sprintf("λ·W = %s × %s", num(lam), num(w)))
			}},
			{ID: "queue/deviation", Severity: Error, Title: "deviation of measured L from λ·W", Help: "The deviation is |measured L − λ·W| / (λ·W) × 100. The engine recomputes it from your measured L, λ and W.", check: func(r *ruleRun) {
				lam, w, lm := r.num("/measured/lambda_rps"), r.num("/measured/w_s"), r.num("/measured/l_measured")
				if !r.missing {
					r.expect("/little/deviation_pct", deviationPct(lm, lam*w),
						fmt.Sprintf("|%s − %s| / %s × 100", num(lm), num(lam*w), num(lam*w)))
				}
			}},
			{ID: "queue/reason-required", Severity: Error, Title: "a reason above 10% deviation", Help: "When measured L and λ·W differ by more than 10%, the numbers are telling you something: the system was not in steady state, work arrives or leaves in batches, several classes of work are mixed, or a metric measures something else. Choose the reason.", check: func(r *ruleRun) {
				lam, w, lm, reason := r.num("/measured/lambda_rps"), r.num("/measured/w_s"), r.num("/measured/l_measured"), r.str("/little/reason")
				if d := deviationPct(lm, lam*w); !r.missing && d > 10 && reason == "none" {
					r.failf("/little/reason", "measured L (%s) is %s%% away from λ·W (%s): above 10%%, name why (non-steady-state, batching, several-work-classes or other)",
						num(lm), num(d), num(lam*w))
				}
			}},
			{ID: "queue/reason-unneeded", Severity: Warning, Title: "no excuse when the law holds", Help: "Within 10%, Little's law holds for your measurements, and naming a reason for a deviation suggests one where there is none.", check: func(r *ruleRun) {
				lam, w, lm, reason := r.num("/measured/lambda_rps"), r.num("/measured/w_s"), r.num("/measured/l_measured"), r.str("/little/reason")
				if d := deviationPct(lm, lam*w); !r.missing && d <= 10 && reason != "none" {
					r.failf("/little/reason", "measured L is within %s%% of λ·W, so Little's law holds here: the reason %q is not needed (choose none)", num(d), reason)
				}
			}},
			{ID: "queue/reason-text", Severity: Error, Title: "an explanation for reason other", Help: "The reason `other` needs a sentence saying what makes L differ from λ·W.", check: func(r *ruleRun) {
				if r.str("/little/reason") == "other" {
					if text, _ := r.a.Str("/little/reason_text"); strings.TrimSpace(text) == "" {
						r.failf("/little/reason_text", "reason is other: say in a sentence what makes L differ from λ·W")
					}
				}
			}},
			{ID: "queue/concurrency", Severity: Warning, Title: "measured L fits under the limit C", Help: "A system cannot hold more items than its concurrency limit C (pool size, worker count, queue bound); a measured L above C means one of the two numbers is wrong.", check: func(r *ruleRun) {
				lm, c := r.num("/measured/l_measured"), r.num("/doubling/concurrency_limit")
				if !r.missing && lm > c {
					r.failf("/doubling/concurrency_limit", "you measured L = %s items but give a limit C = %s: a system cannot hold more than its limit; check both", num(lm), num(c))
				}
			}},
			{ID: "queue/double-l", Severity: Error, Title: "2λ at constant W gives 2L", Help: "At constant W, doubling λ doubles L: 2λ·W.", check: func(r *ruleRun) {
				lam, w := r.num("/measured/lambda_rps"), r.num("/measured/w_s")
				r.expect("/doubling/l_at_double", 2*lam*w, fmt.Sprintf("2λ·W = 2 × %s × %s", num(lam), num(w)))
			}},
			{ID: "queue/double-feasible", Severity: Error, Title: "whether 2L fits within C", Help: "The doubled load is feasible when 2λ·W items fit within the concurrency limit C.", check: func(r *ruleRun) {
				lam, w, c, feasible := r.num("/measured/lambda_rps"), r.num("/measured/w_s"), r.num("/doubling/concurrency_limit"), r.boolean("/doubling/feasible")
				if l2 := 2 * lam * w; !r.missing && feasible != (l2 <= c) {
					verdict := "does not fit"
					if l2 <= c {
						verdict = "fits"
					}
					r.failf("/doubling/feasible", "2λ·W = %s items %s within C = %s, so feasible is %t", num(l2), verdict, num(c), l2 <= c)
				}
			}},
			{ID: "queue/fixed-w", Severity: Error, Title: "W needed at 2λ with C fixed", Help: "With C fixed and 2λ to carry, Little's law gives the mean time each item may take: W' = C / (2λ).", check: func(r *ruleRun) {
				lam, c := r.num("/measured/lambda_rps"), r.num("/doubling/concurrency_limit")
				r.expect("/fixed_concurrency/w_at_double_s", c/(2*lam), fmt.Sprintf("C / (2λ) = %s / %s", num(c), num(2*lam)))
			}},
			{ID: "queue/backpressure", Severity: Error, Title: "λ where the queue starts rejecting", Help: "With limit C and time per item W, the system holds more than C items once λ exceeds C / W; a bounded queue starts rejecting there.", check: func(r *ruleRun) {
				c, w := r.num("/doubling/concurrency_limit"), r.num("/measured/w_s")
				r.expect("/fixed_concurrency/lambda_reject_rps", c/w, fmt.Sprintf("C / W = %s / %s", num(c), num(w)))
			}},
			{ID: "queue/mm1-unstable", Severity: Error, Title: "every λ below μ", Help: "An M/M/1 queue has a steady state only when λ < μ; at λ ≥ μ the queue grows without bound and W is not defined.", check: func(r *ruleRun) {
				mu := r.num("/mm1/mu_rps")
				forPoints(r, func(i int, lam float64) {
					if lam >= mu {
						r.failf(pointPtr(i, "lambda_rps"), "λ = %s is not below μ = %s: the queue has no steady state and W grows without bound; pick λ < μ", num(lam), num(mu))
					}
				})
			}},
			{ID: "queue/mm1-w", Severity: Error, Title: "M/M/1 wait W = 1/(μ − λ)", Help: "In an M/M/1 queue the mean time in system is W = 1 / (μ − λ); with μ = 100 req/s that is 20, 50, 100, 200 and 1000 ms at λ = 50, 80, 90, 95 and 99.", check: func(r *ruleRun) {
				mu := r.num("/mm1/mu_rps")
				forPoints(r, func(i int, lam float64) {
					if lam < mu && !r.missing {
						r.expect(pointPtr(i, "w_ms"), 1000/(mu-lam), fmt.Sprintf("1 / (μ − λ) = 1 / (%s − %s) s in ms", num(mu), num(lam)))
					}
				})
			}},
			{ID: "queue/mm1-l", Severity: Error, Title: "M/M/1 items L = ρ/(1 − ρ)", Help: "In an M/M/1 queue the mean number in system is L = ρ / (1 − ρ) with ρ = λ / μ: 1, 4, 9, 19 and 99 at the kata's rates.", check: func(r *ruleRun) {
				mu := r.num("/mm1/mu_rps")
				forPoints(r, func(i int, lam float64) {
					if _, given := r.a.Num(pointPtr(i, "l")); given && lam < mu && !r.missing {
						rho := lam / mu
						r.expect(pointPtr(i, "l"), rho/(1-rho), fmt.Sprintf("ρ/(1 − ρ) with ρ = %s", num(rho)))
					}
				})
			}},
			{ID: "queue/mm1-points", Severity: Warning, Title: "the kata's λ = 50, 80, 90, 95, 99", Help: "With μ = 100 req/s the kata asks for the curve at λ = 50, 80, 90, 95 and 99 req/s.", check: func(r *ruleRun) {
				if mu := r.num("/mm1/mu_rps"); r.missing || mu != 100 {
					return
				}
				have := map[float64]bool{}
				forPoints(r, func(_ int, lam float64) { have[lam] = true })
				var missing []string
				for _, lam := range kataRates {
					if !have[lam] {
						missing = append(missing, num(lam))
					}
				}
				if len(missing) > 0 {
					r.failf("/mm1/points", "with μ = 100 the kata asks for λ = 50, 80, 90, 95 and 99; missing: %s", strings.Join(missing, ", "))
				}
			}},
			{ID: "queue/knee", Severity: Warning, Title: "the knee of the curve", Help: "This course puts the knee of the M/M/1 curve at ρ = 0.9: there dW/dρ = (1/μ)/(1 − ρ)² reaches 100 service times per unit of ρ, so each further 1% of utilisation adds more than a whole service time to W. Answers between ρ = 0.8 and 0.95 are accepted.", check: func(r *ruleRun) {
				mu, knee := r.num("/mm1/mu_rps"), r.num("/mm1/knee_lambda_rps")
				if rho := knee / mu; !r.missing && (rho < 0.8 || rho > 0.95) {
					r.failf("/mm1/knee_lambda_rps", "λ = %s is ρ = %s; the knee is near ρ = %s (λ = %s): past it each 1%% more utilisation adds more than a whole service time (1/μ) to W",
						num(knee), num(rho), num(kneeRho), num(kneeRho*mu))
				}
			}},
			{ID: "queue/slo-lambda", Severity: Error, Title: "λ where W crosses the SLO", Help: "In the M/M/1 model W = 1 / (μ − λ) passes an SLO threshold W_slo once λ > μ − 1 / W_slo. An SLO at or below the bare service time 1/μ can never be met.", check: func(r *ruleRun) {
				mu, slo := r.num("/mm1/mu_rps"), r.num("/mm1/w_slo_ms")
				if r.missing {
					return
				}
				if slo <= 1000/mu {
					r.failf("/mm1/w_slo_ms", "an SLO of %s ms is below the bare service time 1/μ = %s ms: no arrival rate meets it", num(slo), num(1000/mu))
					return
				}
				r.expect("/mm1/lambda_at_slo_rps", mu-1000/slo, fmt.Sprintf("μ − 1/W_slo = %s − 1000/%s", num(mu), num(slo)))
			}},
		},
		figures: queueFigures,
		drill:   queueDrill,
	}
}

func deviationPct(measured, computed float64) float64 {
	if computed == 0 {
		if measured == 0 {
			return 0
		}
		return math.Inf(1)
	}
	return math.Abs(measured-computed) / computed * 100
}

func pointPtr(i int, field string) string {
	return "/mm1/points/" + strconv.Itoa(i) + "/" + field
}

// forPoints calls fn for each curve point that has a λ.
func forPoints(r *ruleRun, fn func(i int, lam float64)) {
	for i := 0; i < r.a.Len("/mm1/points"); i++ {
		if lam, ok := r.a.Num(pointPtr(i, "lambda_rps")); ok {
			fn(i, lam)
		}
	}
}

// queueFigures computes the M/M/1 curve for the page's chart from the
// learner's μ, with the knee, the learner's points and the SLO crossing.
func queueFigures(a *Answer) map[string]any {
	mu, ok := a.Num("/mm1/mu_rps")
	if !ok || mu <= 0 {
		return nil
	}
	type pt struct {
		Lambda float64 `json:"lambda"`
		W      float64 `json:"w_ms"`
	}
	var curve []pt
	for i := 0; i <= 99; i++ {
		lam := mu * float64(i) / 100
		curve = append(curve, pt{lam, 1000 / (mu - lam)})
	}
	var points []pt
	for i := 0; i < a.Len("/mm1/points"); i++ {
		lam, ok1 := a.Num(pointPtr(i, "lambda_rps"))
		w, ok2 := a.Num(pointPtr(i, "w_ms"))
		if ok1 && ok2 {
			points = append(points, pt{lam, w})
		}
	}
	fig := map[string]any{
		"mu":     mu,
		"curve":  curve,
		"points": points,
		"knee":   pt{kneeRho * mu, 1000 / (mu * (1 - kneeRho))},
	}
	if slo, ok := a.Num("/mm1/w_slo_ms"); ok && slo > 1000/mu {
		fig["slo"] = pt{mu - 1000/slo, slo}
	}
	return map[string]any{"mm1": fig}
}
