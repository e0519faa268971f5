package limiter

import (
	"fmt"
	"math/rand/v2"

	"github.com/katabook/katabook/engine"
)

// limiterDrill: which algorithm fits a described limiter, or which way it
// should fail. Each case says why, so a wrong answer teaches the choice.
func limiterDrill(rng *rand.Rand, p engine.Params) *engine.DrillCase {
	algorithms := []string{"token-bucket", "fixed-window", "sliding-window-log", "gcra", "leaky-bucket"}
	modes := []string{"fail-open", "fail-closed"}
	cases := []struct {
		prompt  string
		choices []string
		right   string
		why     string
	}{
		{fmt.Sprintf("Users may burst up to %s requests, but must average at most %s req/s. Which algorithm states that most directly?", num(p.Num("user_burst")), num(p.Num("user_limit_rps"))), algorithms, "token-bucket",
			fmt.Sprintf("a bucket of capacity %s refilled at %s tokens/s is exactly a burst allowance over a long-run rate.", num(p.Num("user_burst")), num(p.Num("user_limit_rps")))},
		{"A partner API must never see more than 100 requests in any one-second span, even across window edges, and traffic is low. Which algorithm?", algorithms, "sliding-window-log",
			"only a log of timestamps counts every trailing second exactly; a fixed window lets 2× through across an edge."},
		{"The limiter lives in Redis and must keep one number per key, not a bucket of two. Which algorithm gives token-bucket behaviour with a single timestamp?", algorithms, "gcra",
			"GCRA stores only the theoretical arrival time; its tolerance τ plays the role of the burst."},
		{"Requests must leave at a smooth, constant rate to a fragile downstream, queueing the excess. Which algorithm?", algorithms, "leaky-bucket",
			"a leaky bucket used as a queue drains at a fixed rate whatever the arrivals."},
		{"A cheap counter per minute is enough; being 2× over for a moment at the edge of a minute is acceptable. Which algorithm?", algorithms, "fixed-window",
			"one counter per window is the cheapest; its edge burst is the price."},
		{"The per-IP limiter protects login from credential stuffing. The central store is down. Fail open or closed?", modes, "fail-closed",
			"an abuse limit that fails open hands attackers the outage; fall back to a strict local limit."},
		{"The per-user limiter only keeps paying customers within a fair share. The central store is down. Fail open or closed?", modes, "fail-open",
			"refusing paying users because the limiter is sick turns its outage into yours; fail open with a generous local cap."},
	}
	c := engine.Pick(rng, cases)
	return engine.ChoiceDrill(c.prompt, "Your choice", c.choices, c.right, c.why)
}
