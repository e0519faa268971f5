package engine

import "math/rand/v2"

// limiterDrill: which algorithm fits a described limiter, or which way it
// should fail. Each case says why, so a wrong answer teaches the choice.
func limiterDrill(rng *rand.Rand) *drillCase {
	algorithms := []string{"token-bucket", "fixed-window", "sliding-window-log", "gcra", "leaky-bucket"}
	modes := []string{"fail-open", "fail-closed"}
	cases := []struct {
		prompt  string
		choices []string
		right   string
		why     string
	}{
		{"Users may burst up to 5,000 requests, but must average at most 1,000 req/s. Which algorithm states that most directly?", algorithms, "token-bucket",
			"a bucket of capacity 5,000 refilled at 1,000 tokens/s is exactly a burst allowance over a long-run rate."},
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
	c := pick(rng, cases)
	return choiceDrill(c.prompt, "Your choice", c.choices, c.right, c.why)
}
