package queue

import (
	"fmt"
	"github.com/katabook/katabook/engine"
	"math"
	"math/rand/v2"
)

// queueDrill is the kata's "eyeball" goal: given λ, W and a stated L, is L
// plausible? Half the time it is (within 10% of λ·W), half the time not.
func queueDrill(rng *rand.Rand, _ engine.Params) *engine.DrillCase {
	lam := float64(engine.Pick(rng, []int{5, 12, 40, 80, 150, 300, 600, 1200}))
	w := engine.Pick(rng, []float64{0.005, 0.02, 0.05, 0.1, 0.25, 0.5, 1.2, 3})
	l := lam * w
	plausible := rng.IntN(2) == 0
	stated := l * (0.95 + 0.1*rng.Float64())
	if !plausible {
		stated = l * engine.Pick(rng, []float64{0.25, 0.5, 0.7, 1.4, 2, 4, 10})
	}
	stated = math.Round(stated*10) / 10
	right := "yes"
	if math.Abs(stated-l) > 0.1*l {
		right = "no"
	}
	return engine.ChoiceDrill(
		fmt.Sprintf("A dashboard says λ = %s req/s and W = %s s, and claims L = %s items in the system. Is that plausible?", num(lam), num(w), num(stated)),
		"Plausible?", []string{"yes", "no"}, right,
		fmt.Sprintf("λ·W = %s × %s = %s items, and %s is %s%% away from it (plausible means within 10%%).",
			num(lam), num(w), num(l), num(stated), num(math.Round(deviationPct(stated, l)))))
}
