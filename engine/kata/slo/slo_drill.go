package slo

import (
	"fmt"
	"github.com/katabook/katabook/engine"
	"github.com/katabook/katabook/engine/kata/burn"
	"math/rand/v2"
)

// sloDrill: the error budget in minutes and a burn-rate alert's rate for a
// random target, window and alert.
func sloDrill(rng *rand.Rand, p engine.Params) *engine.DrillCase {
	target := engine.Pick(rng, []float64{99, 99.5, 99.9, 99.95, 99.99})
	days := engine.Pick(rng, p.Nums("windows_days"))
	share := engine.Pick(rng, []float64{2, 5, 10})
	hours := engine.Pick(rng, []float64{1, 6, 24})
	minutes := (1 - target/100) * days * 24 * 60
	rate := burn.Rate(share/100, days*24, hours)
	return &engine.DrillCase{
		Prompt: fmt.Sprintf("An SLO of %s%% over a rolling %s days. What is the error budget in minutes, and the burn rate of an alert on %s%% of the budget spent in %s h?",
			num(target), num(days), num(share), num(hours)),
		Fields: []engine.DrillField{{Name: "minutes", Label: "Error budget", Unit: "min"}, {Name: "burn", Label: "Burn rate", Unit: "×"}},
		Judge: func(a map[string]string) engine.DrillVerdict {
			m, ml, ok1 := engine.DrillNumber(a, "minutes")
			b, bl, ok2 := engine.DrillNumber(a, "burn")
			why := fmt.Sprintf("budget = (1 − %s%%) × %s min = %s min; burn = %s%% × %s h / %s h = %s.",
				num(target), num(days*24*60), num(minutes), num(share), num(days*24), num(hours), num(rate))
			if ok1 && ok2 && engine.Near(m, ml, minutes) && engine.Near(b, bl, rate) {
				return engine.DrillVerdict{Correct: true, Explanation: "Right: " + why}
			}
			return engine.DrillVerdict{Correct: false, Explanation: "Not quite: " + why}
		},
	}
}
