package incident

import (
	"regexp"
	"strings"

	"github.com/katabook/katabook/engine"
)

// The kinds of action a mitigate or resolve entry takes (the schema's
// timeline kind list). What a step can do follows from its kind: whether it
// can stop the harm to users (mitigation), whether it can remove a cause
// (resolution), and whether it costs something by its very nature.
type actionKind struct {
	mitigates bool // can stop the user-facing harm while the cause stays
	fixes     bool // can remove a cause
	// cost is what the step always costs, for the kinds whose cost is
	// their definition: shedding load refuses requests. "" when a step
	// may truly cost nothing.
	cost string
	// usual is what the step usually costs, when a case without cost
	// exists (moving traffic back once the original side is healthy).
	usual string
}

var actionKinds = map[string]actionKind{
	"rollback":         {mitigates: true, fixes: true}, // undoing the change that is the cause removes it
	"config-revert":    {mitigates: true, fixes: true},
	"feature-flag-off": {mitigates: true, cost: "the feature is off for everyone who used it until the flag is back on"},
	"failover":         {mitigates: true, usual: "the standby now carries the moved traffic with less room to spare, there is no standby left until the original side is back, and users far from the standby wait longer"},
	"traffic-drain":    {mitigates: true, usual: "the rest of the pool carries the drained share, so there is less spare capacity, and users near the drained place may wait longer"},
	"scale-out":        {mitigates: true},
	"shed-load":        {mitigates: true, cost: "the requests or work you shed are refused or delayed, which is what shedding is"},
	"degrade":          {mitigates: true, cost: "users get the cheaper answer (stale, partial or simpler) for as long as it is on"},
	"restart":          {mitigates: true},
	"cache-flush":      {mitigates: true},
	"config-change":    {mitigates: true, fixes: true},
	"code-fix-deploy":  {fixes: true},
	"data-repair":      {fixes: true},
	"observe":          {},
	"other":            {mitigates: true, fixes: true},
}

// noneAnswers are the ways of writing that a step has no side effects: the
// whole field, not words in a sentence.
var noneAnswers = map[string]bool{"none": true, "none known": true, "none expected": true, "no": true, "nothing": true,
	"n/a": true, "na": true, "-": true, "nil": true, "no side effects": true, "no side effect": true,
	"none that we know of": true, "no known side effects": true, "none.": true, "nothing known": true}

func saysNone(s string) bool {
	return noneAnswers[strings.ToLower(strings.Trim(strings.TrimSpace(s), ".!"))]
}

// fixWords are how an action says it fixed something.
var fixWords = regexp.MustCompile(`(?i)\b(?:fix(?:ed|es)?\s+(?:the\s+)?(?:bug|leak|code|query|handler|cause|root cause|issue)|hot-?fix(?:ed)?|patch(?:ed)?\s+the\s+(?:code|bug|handler|service|query)|deployed\s+(?:a|the)\s+(?:fix|patch|code change)|fixed\s+it)\b`)

var actionRules = []engine.Rule{
	{ID: "incident/action-kind", Severity: engine.Error, Kind: engine.Computed, Pass: "a mitigate entry of kind rollback; the resolve entry that fixes the root cause of kind code-fix-deploy", Fail: "a mitigate entry of kind code-fix-deploy (\"deployed the fix\"), or a root-cause fix of kind failover", Title: "each step's kind fits its phase",
		Help: "What a step can do follows from its kind. A code-fix deploy or a data repair removes the cause or its damage: that is resolution, so it does not belong in a mitigate entry, and a step that only watches (observe) mitigates nothing. A failover, traffic drain, flag off, scale-out, load shedding, degraded answer, restart or cache flush moves, limits or hides the harm while the cause stays: it cannot be the entry that fixes the root cause. Rollbacks, config reverts and config changes can be either.",
		Check: func(r *engine.Run) {
			for _, e := range incEntries(r.A) {
				k, ok := actionKinds[e.kind]
				if !ok {
					continue // no kind, or one the schema refuses
				}
				switch {
				case e.phase == "mitigate" && e.fixes:
					// incident/mitigation-not-fix reports the claim; one finding.
				case e.phase == "mitigate" && e.kind == "observe":
					r.Failf(e.field("kind"), "%s is a mitigation of kind observe: watching changes nothing for users; mitigate with a step that stops the harm (rollback, flag off, failover, shed load…), or make this a communicate or resolve entry", e)
				case e.phase == "mitigate" && !k.mitigates:
					r.Failf(e.field("kind"), "%s is a %s step in the mitigate phase: it removes the cause (or repairs its damage), which is resolution; mitigate first with a step that stops the harm while the cause stays (rollback, flag off, failover, shed load…), then put the %s in a resolve entry", e, e.kind, e.kind)
				case e.fixes && !k.fixes:
					r.Failf(e.field("kind"), "%s claims to fix the root cause with a %s, which moves, limits or hides the harm while the cause stays; name the step that removed the cause (a code-fix deploy, config change, rollback…), or set fixes_root_cause to false", e, e.kind)
				}
			}
		}},
	{ID: "incident/mitigation-reads-as-fix", Severity: engine.Warning, Kind: engine.Reading, Title: "a mitigation that reads like the fix",
		Help: "A mitigation stops the harm while the cause stays; the fix of the cause is resolution. When a mitigate entry's kind does not say it fixes the cause (config-change, restart, other…) but its action reads like a fix (\"deployed the fix\", \"hot-fixed the handler\", \"patched the bug\"), it may be the resolution in the wrong phase. This reads your text, so it can be wrong.",
		Pass: "mitigate, kind rollback: \"Rolled the dispatcher back to v2.13.\"",
		Fail: "mitigate, kind other: \"Hot-fixed the redirect handler and deployed v2.14.1.\"",
		Check: func(r *engine.Run) {
			for _, e := range incEntries(r.A) {
				if e.phase != "mitigate" || e.fixes || e.kind == "code-fix-deploy" || e.kind == "data-repair" {
					continue // the flag or the kind already says so, and other rules judge it
				}
				if m := fixWords.FindString(e.action); m != "" {
					failText(r, e.field("action"), m, "Reading your text, %s says %q, which sounds like fixing the cause: if it removed the cause, it is resolution (a resolve entry of kind code-fix-deploy, after users stopped being affected); if it only stopped the harm, say how, and mitigate first with a step that does not wait for a fix", e, m)
				}
			}
		}},
	{ID: "incident/side-effects", Severity: engine.Error, Kind: engine.Computed, Pass: "a shed-load step with side effects \"sign-up checks delayed up to 15 min\"", Fail: "a shed-load step with side effects \"none known\"", Title: "a step whose kind has a cost names it",
		Help: "Some steps cost something by their nature: shedding load refuses or delays requests, a flag off removes a feature, a degraded answer is a worse answer. A mitigate entry of one of those kinds cannot have no side effects: say what users or the business lose while it is on.",
		Check: func(r *engine.Run) {
			for _, e := range incEntries(r.A) {
				if k := actionKinds[e.kind]; e.phase == "mitigate" && k.cost != "" && saysNone(e.effects) {
					r.Failf(e.field("side_effects"), "%s is a %s step with side effects %q, but %s. Name that cost: who is affected, and how much", e, e.kind, e.effects, k.cost)
				}
			}
		}},
	{ID: "incident/side-effects-usual", Severity: engine.Warning, Kind: engine.Computed, Pass: "a failover with side effects \"+25 ms per write; the standby at 80% capacity\"", Fail: "the first failover with side effects \"None\"", Title: "a failover or drain usually has side effects",
		Help: "Moving traffic usually costs something: the place that takes it has less room to spare, the place it left is out of the pool, and some users are further from their servers. A first failover or drain with no side effects is rare; a later move of the same kind is often the move back, which may truly cost nothing.",
		Check: func(r *engine.Run) {
			moved := false
			for _, e := range incEntries(r.A) {
				k := actionKinds[e.kind]
				if k.usual == "" || e.phase != "mitigate" {
					continue
				}
				if !moved && saysNone(e.effects) {
					r.Failf(e.field("side_effects"), "%s is a %s step with side effects %q: usually %s; name what applies here, or say why it costs nothing", e, e.kind, e.effects, k.usual)
				}
				moved = true
			}
		}},
}
