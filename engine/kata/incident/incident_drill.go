package incident

import "github.com/katabook/katabook/engine"

import "math/rand/v2"

// incidentDrill: is this action detection, triage, mitigation, or
// resolution? The kata's discipline is not to collapse the last two.
func incidentDrill(rng *rand.Rand, _ engine.Params) *engine.DrillCase {
	cases := []struct{ action, phase, why string }{
		{"The burn-rate alert on checkout errors pages the on-call engineer.", "detect", "a signal arrives; nothing is decided yet."},
		{"A customer ticket reports failed payments; support forwards it to the on-call channel.", "detect", "a signal arrives, from a person instead of an alert."},
		{"The IC declares a SEV-2, opens #inc-checkout and estimates 8% of checkouts failing.", "triage", "severity, impact and the channel: deciding how big and who is needed."},
		{"The on-call pages the payments team because the errors come from their API.", "triage", "choosing who can help is part of triage."},
		{"Traffic is shifted away from the failing region; users stop seeing errors.", "mitigate", "the user-facing harm stops, though the cause is still there."},
		{"Yesterday's deploy is rolled back and error rates return to normal.", "mitigate", "a rollback stops the harm; the bug still has to be found and fixed."},
		{"A feature flag turns off recommendations to shed load from the database.", "mitigate", "degrading a feature stops the harm at a cost: a mitigation with side effects."},
		{"The connection-leak bug is fixed, tested and deployed; the region is put back in rotation.", "resolve", "the root cause is fixed, so the mitigation can be undone."},
		{"The expired certificate is renewed and auto-renewal is configured and verified.", "resolve", "fixing the cause and the reason it recurred."},
		{"The team writes the timeline and three owned, dated action items.", "review", "learning after the fact: the postmortem."},
	}
	c := engine.Pick(rng, cases)
	return engine.ChoiceDrill("Which phase is this? "+c.action, "Phase", []string{"detect", "triage", "mitigate", "resolve", "review"}, c.phase, c.why)
}
