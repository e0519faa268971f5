package queue

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/katabook/katabook/engine"
	"github.com/katabook/katabook/schemas"
)

// The queue kata: Little's law (L = λ·W) on a queue the learner measured,
// and the M/M/1 utilisation-latency curve W = 1/(μ − λ).

// kneeRho is where this course puts the knee of the M/M/1 curve: past
// ρ = 0.9 each further 1% of utilisation adds more than one whole service
// time to the wait (dW/dρ = (1/μ)/(1−ρ)² ≥ 100/μ).
const kneeRho = 0.9

var num = engine.FormatNum

// New returns the queue kata.
func New() engine.Kata {
	return &engine.Spec{
		ID:          "queue",
		Title:       "Apply Little's law to a real queue",
		Schema:      schemas.Source("queue"),
		Params:      params,
		CheckParams: checkParams,
		Rules:       rules,
		Figures:     queueFigures,
		Drill:       queueDrill,
	}
}

// params are the numbers of the kata's M/M/1 part and of its 10% rule.
var params = []engine.Param{
	{Name: "mu_rps", Type: engine.Number, Default: 100.0, Unit: "req/s", Meaning: "the service rate μ of the kata's M/M/1 queue"},
	{Name: "rates_rps", Type: engine.Numbers, Default: []float64{50, 80, 90, 95, 99}, Unit: "req/s", Meaning: "the arrival rates λ at which the kata asks for the curve"},
	{Name: "deviation_pct", Type: engine.Number, Default: 10.0, Unit: "%", Meaning: "how far measured L may be from λ·W before a reason is needed"},
}

func checkParams(p engine.Params) error {
	mu := p.Num("mu_rps")
	if mu <= 0 {
		return fmt.Errorf("mu_rps must be above 0, not %s", num(mu))
	}
	for _, lam := range p.Nums("rates_rps") {
		if lam <= 0 || lam >= mu {
			return fmt.Errorf("every rate in rates_rps must be above 0 and below mu_rps = %s (an M/M/1 queue has no steady state at λ ≥ μ), not %s", num(mu), num(lam))
		}
	}
	if d := p.Num("deviation_pct"); d <= 0 {
		return fmt.Errorf("deviation_pct must be above 0, not %s", num(d))
	}
	return nil
}

var rules = []engine.Rule{
	{ID: "queue/little-l", Severity: engine.Error, Title: "L = λ·W from your λ and W", Help: "Little's law: the mean number of items in a stable system is the arrival rate times the mean time each spends inside, L = λ·W. The engine multiplies your λ and W and compares with the L you computed, within rounding.", Check: func(r *engine.Run) {
		lam, w := r.Num("/measured/lambda_rps"), r.Num("/measured/w_s")
		r.Expect("/little/l_computed", lam*w, fmt.Sprintf("λ·W = %s × %s", num(lam), num(w)))
	}},
	{ID: "queue/deviation", Severity: engine.Error, Title: "deviation of measured L from λ·W", Help: "The deviation is |measured L − λ·W| / (λ·W) × 100. The engine recomputes it from your measured L, λ and W.", Check: func(r *engine.Run) {
		lam, w, lm := r.Num("/measured/lambda_rps"), r.Num("/measured/w_s"), r.Num("/measured/l_measured")
		if !r.Missing {
			r.Expect("/little/deviation_pct", deviationPct(lm, lam*w),
				fmt.Sprintf("|%s − %s| / %s × 100", num(lm), num(lam*w), num(lam*w)))
		}
	}},
	{ID: "queue/reason-required", Severity: engine.Error, Title: "a reason above {{param \"deviation_pct\"}}% deviation", Help: "When measured L and λ·W differ by more than {{param \"deviation_pct\"}}%, the numbers are telling you something: the system was not in steady state, work arrives or leaves in batches, several classes of work are mixed, or a metric measures something else. Choose the reason.", Check: func(r *engine.Run) {
		lam, w, lm, reason := r.Num("/measured/lambda_rps"), r.Num("/measured/w_s"), r.Num("/measured/l_measured"), r.Str("/little/reason")
		if d, limit := deviationPct(lm, lam*w), r.P.Num("deviation_pct"); !r.Missing && d > limit && reason == "none" {
			r.Failf("/little/reason", "measured L (%s) is %s%% away from λ·W (%s): above %s%%, name why (non-steady-state, batching, several-work-classes or other)",
				num(lm), num(d), num(lam*w), num(limit))
		}
	}},
	{ID: "queue/reason-unneeded", Severity: engine.Warning, Title: "no excuse when the law holds", Help: "Within {{param \"deviation_pct\"}}%, Little's law holds for your measurements, and naming a reason for a deviation suggests one where there is none.", Check: func(r *engine.Run) {
		lam, w, lm, reason := r.Num("/measured/lambda_rps"), r.Num("/measured/w_s"), r.Num("/measured/l_measured"), r.Str("/little/reason")
		if d := deviationPct(lm, lam*w); !r.Missing && d <= r.P.Num("deviation_pct") && reason != "none" {
			r.Failf("/little/reason", "measured L is within %s%% of λ·W, so Little's law holds here: the reason %q is not needed (choose none)", num(d), reason)
		}
	}},
	{ID: "queue/reason-text", Severity: engine.Error, Title: "an explanation for reason other", Help: "The reason `other` needs a sentence saying what makes L differ from λ·W.", Check: func(r *engine.Run) {
		if r.Str("/little/reason") == "other" {
			if text, _ := r.A.Str("/little/reason_text"); strings.TrimSpace(text) == "" {
				r.Failf("/little/reason_text", "reason is other: say in a sentence what makes L differ from λ·W")
			}
		}
	}},
	{ID: "queue/concurrency", Severity: engine.Warning, Title: "measured L fits under the limit C", Help: "A system cannot hold more items than its concurrency limit C (pool size, worker count, queue bound); a measured L above C means one of the two numbers is wrong.", Check: func(r *engine.Run) {
		lm, c := r.Num("/measured/l_measured"), r.Num("/doubling/concurrency_limit")
		if !r.Missing && lm > c {
			r.Failf("/doubling/concurrency_limit", "you measured L = %s items but give a limit C = %s: a system cannot hold more than its limit; check both", num(lm), num(c))
		}
	}},
	{ID: "queue/double-l", Severity: engine.Error, Title: "2λ at constant W gives 2L", Help: "At constant W, doubling λ doubles L: 2λ·W.", Check: func(r *engine.Run) {
		lam, w := r.Num("/measured/lambda_rps"), r.Num("/measured/w_s")
		r.Expect("/doubling/l_at_double", 2*lam*w, fmt.Sprintf("2λ·W = 2 × %s × %s", num(lam), num(w)))
	}},
	{ID: "queue/double-feasible", Severity: engine.Error, Title: "whether 2L fits within C", Help: "The doubled load is feasible when 2λ·W items fit within the concurrency limit C.", Check: func(r *engine.Run) {
		lam, w, c, feasible := r.Num("/measured/lambda_rps"), r.Num("/measured/w_s"), r.Num("/doubling/concurrency_limit"), r.Bool("/doubling/feasible")
		if l2 := 2 * lam * w; !r.Missing && feasible != (l2 <= c) {
			verdict := "does not fit"
			if l2 <= c {
				verdict = "fits"
			}
			r.Failf("/doubling/feasible", "2λ·W = %s items %s within C = %s, so feasible is %t", num(l2), verdict, num(c), l2 <= c)
		}
	}},
	{ID: "queue/fixed-w", Severity: engine.Error, Title: "W needed at 2λ with C fixed", Help: "With C fixed and 2λ to carry, Little's law gives the mean time each item may take: W' = C / (2λ).", Check: func(r *engine.Run) {
		lam, c := r.Num("/measured/lambda_rps"), r.Num("/doubling/concurrency_limit")
		r.Expect("/fixed_concurrency/w_at_double_s", c/(2*lam), fmt.Sprintf("C / (2λ) = %s / %s", num(c), num(2*lam)))
	}},
	{ID: "queue/backpressure", Severity: engine.Error, Title: "λ where the queue starts rejecting", Help: "With limit C and time per item W, the system holds more than C items once λ exceeds C / W; a bounded queue starts rejecting there.", Check: func(r *engine.Run) {
		c, w := r.Num("/doubling/concurrency_limit"), r.Num("/measured/w_s")
		r.Expect("/fixed_concurrency/lambda_reject_rps", c/w, fmt.Sprintf("C / W = %s / %s", num(c), num(w)))
	}},
	{ID: "queue/mm1-unstable", Severity: engine.Error, Title: "every λ below μ", Help: "An M/M/1 queue has a steady state only when λ < μ; at λ ≥ μ the queue grows without bound and W is not defined.", Check: func(r *engine.Run) {
		mu := r.Num("/mm1/mu_rps")
		forPoints(r, func(i int, lam float64) {
			if lam >= mu {
				r.Failf(pointPtr(i, "lambda_rps"), "λ = %s is not below μ = %s: the queue has no steady state and W grows without bound; pick λ < μ", num(lam), num(mu))
			}
		})
	}},
	{ID: "queue/mm1-w", Severity: engine.Error, Title: "M/M/1 wait W = 1/(μ − λ)", Help: "In an M/M/1 queue the mean time in system is W = 1 / (μ − λ); with μ = {{param \"mu_rps\"}} req/s and λ = 80 that is 1000 / (μ − 80) ms.", Check: func(r *engine.Run) {
		mu := r.Num("/mm1/mu_rps")
		forPoints(r, func(i int, lam float64) {
			if lam < mu && !r.Missing {
				r.Expect(pointPtr(i, "w_ms"), 1000/(mu-lam), fmt.Sprintf("1 / (μ − λ) = 1 / (%s − %s) s in ms", num(mu), num(lam)))
			}
		})
	}},
	{ID: "queue/mm1-l", Severity: engine.Error, Title: "M/M/1 items L = ρ/(1 − ρ)", Help: "In an M/M/1 queue the mean number in system is L = ρ / (1 − ρ) with ρ = λ / μ: with μ = {{param \"mu_rps\"}} req/s and λ = 80, ρ = 80 / μ.", Check: func(r *engine.Run) {
		mu := r.Num("/mm1/mu_rps")
		forPoints(r, func(i int, lam float64) {
			if _, given := r.A.Num(pointPtr(i, "l")); given && lam < mu && !r.Missing {
				rho := lam / mu
				r.Expect(pointPtr(i, "l"), rho/(1-rho), fmt.Sprintf("ρ/(1 − ρ) with ρ = %s", num(rho)))
			}
		})
	}},
	{ID: "queue/mm1-mu", Severity: engine.Warning, Title: "the kata's μ", Help: "The M/M/1 part of this kata is about one queue, served at μ = {{param \"mu_rps\"}} req/s; a curve for another μ answers another question.", Check: func(r *engine.Run) {
		if mu, want := r.Num("/mm1/mu_rps"), r.P.Num("mu_rps"); !r.Missing && mu != want {
			r.Failf("/mm1/mu_rps", "the kata's queue serves μ = %s req/s, not %s: the curve, the knee and the SLO crossing are asked for that μ", num(want), num(mu))
		}
	}},
	{ID: "queue/mm1-points", Severity: engine.Warning, Title: "the kata's λ = {{param \"rates_rps\"}}", Help: "With μ = {{param \"mu_rps\"}} req/s the kata asks for the curve at λ = {{param \"rates_rps\"}} req/s.", Check: func(r *engine.Run) {
		if mu := r.Num("/mm1/mu_rps"); r.Missing || mu != r.P.Num("mu_rps") {
			return
		}
		have := map[float64]bool{}
		forPoints(r, func(_ int, lam float64) { have[lam] = true })
		var missing []string
		for _, lam := range r.P.Nums("rates_rps") {
			if !have[lam] {
				missing = append(missing, num(lam))
			}
		}
		if len(missing) > 0 {
			r.Failf("/mm1/points", "with μ = %s the kata asks for λ = %s; missing: %s", num(r.P.Num("mu_rps")), r.P.Expand(`{{param "rates_rps"}}`), strings.Join(missing, ", "))
		}
	}},
	{ID: "queue/knee", Severity: engine.Warning, Title: "the knee of the curve", Help: "This course puts the knee of the M/M/1 curve at ρ = 0.9: there dW/dρ = (1/μ)/(1 − ρ)² reaches 100 service times per unit of ρ, so each further 1% of utilisation adds more than a whole service time to W. Answers between ρ = 0.8 and 0.95 are accepted.", Check: func(r *engine.Run) {
		mu, knee := r.Num("/mm1/mu_rps"), r.Num("/mm1/knee_lambda_rps")
		if rho := knee / mu; !r.Missing && (rho < 0.8 || rho > 0.95) {
			r.Failf("/mm1/knee_lambda_rps", "λ = %s is ρ = %s; the knee is near ρ = %s (λ = %s): past it each 1%% more utilisation adds more than a whole service time (1/μ) to W",
				num(knee), num(rho), num(kneeRho), num(kneeRho*mu))
		}
	}},
	{ID: "queue/slo-lambda", Severity: engine.Error, Title: "λ where W crosses the SLO", Help: "In the M/M/1 model W = 1 / (μ − λ) passes an SLO threshold W_slo once λ > μ − 1 / W_slo. An SLO at or below the bare service time 1/μ can never be met.", Check: func(r *engine.Run) {
		mu, slo := r.Num("/mm1/mu_rps"), r.Num("/mm1/w_slo_ms")
		if r.Missing {
			return
		}
		if slo <= 1000/mu {
			r.Failf("/mm1/w_slo_ms", "an SLO of %s ms is below the bare service time 1/μ = %s ms: no arrival rate meets it", num(slo), num(1000/mu))
			return
		}
		r.Expect("/mm1/lambda_at_slo_rps", mu-1000/slo, fmt.Sprintf("μ − 1/W_slo = %s − 1000/%s", num(mu), num(slo)))
	}},
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
func forPoints(r *engine.Run, fn func(i int, lam float64)) {
	for i := 0; i < r.A.Len("/mm1/points"); i++ {
		if lam, ok := r.A.Num(pointPtr(i, "lambda_rps")); ok {
			fn(i, lam)
		}
	}
}

// queueFigures computes the M/M/1 curve for the page's chart from the
// learner's μ, with the knee, the learner's points and the SLO crossing.
func queueFigures(a *engine.Answer, _ engine.Params) map[string]any {
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
