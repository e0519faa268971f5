package engine

import (
	"fmt"
	"math/rand/v2"
)

// sloDrill: the error budget in minutes and a burn-rate alert's rate for a
// random target, window and alert.
func sloDrill(rng *rand.Rand) *drillCase {
	target := pick(rng, []float64{99, 99.5, 99.9, 99.95, 99.99})
	days := pick(rng, []float64{28, 30})
	share := pick(rng, []float64{2, 5, 10})
	hours := pick(rng, []float64{1, 6, 24})
	minutes := (1 - target/100) * days * 24 * 60
	burn := burnRate(share/100, days*24, hours)
	return &drillCase{
		prompt: fmt.Sprintf("An SLO of %s%% over a rolling %s days. What is the error budget in minutes, and the burn rate of an alert on %s%% of the budget spent in %s h?",
			num(target), num(days), num(share), num(hours)),
		fields: []DrillField{{Name: "minutes", Label: "Error budget", Unit: "min"}, {Name: "burn", Label: "Burn rate", Unit: "×"}},
		judge: func(a map[string]string) DrillVerdict {
			m, ml, ok1 := drillNumber(a, "minutes")
			b, bl, ok2 := drillNumber(a, "burn")
			why := fmt.Sprintf("budget = (1 − %s%%) × %s min = %s min; burn = %s%% × %s h / %s h = %s.",
				num(target), num(days*24*60), num(minutes), num(share), num(days*24), num(hours), num(burn))
			if ok1 && ok2 && near(m, ml, minutes) && near(b, bl, burn) {
				return DrillVerdict{true, "Right: " + why}
			}
			return DrillVerdict{false, "Not quite: " + why}
		},
	}
}
