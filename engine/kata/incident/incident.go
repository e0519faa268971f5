package incident

import (
	"fmt"
	"github.com/katabook/katabook/engine"
	"github.com/katabook/katabook/engine/kata/burn"
	"github.com/katabook/katabook/engine/kata/prose"
	"github.com/katabook/katabook/schemas"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"
)

// The incident kata: a written tabletop incident. The learner's timeline is
// a list of entries with their own fields (phase, acting role, whether it
// pages, what a mitigation stops, whether it claims a root-cause fix), so
// the rules reason from what each entry says it is, never by guessing at
// free text. Only the blameless-language and jargon checks read prose, with
// the small documented lexicon in blameless.go.

// stampFields are the timestamps outside the timeline.
var stampFields = []string{
	"/communication/internal/posted_at", "/communication/internal/next_update_at",
	"/communication/external/posted_at", "/postmortem/impact/start", "/postmortem/impact/end", "/bonus/fires_at",
}

var num = engine.FormatNum

// New returns the incident kata.
func New() engine.Kata {
	return &engine.Spec{
		ID:          "incident",
		Title:       "Run a tabletop incident",
		Schema:      schemas.Source("incident"),
		Params:      params,
		CheckParams: checkParams,
		Rules:       rules,
		Figures:     incidentFigures,
		Drill:       incidentDrill,
	}
}

// params are the kata's time rules.
var params = []engine.Param{
	{Name: "alert_lead_min", Type: engine.Number, Default: 5.0, Unit: "min", Meaning: "how much earlier than the first detection the bonus alert must fire"},
}

func checkParams(p engine.Params) error {
	if lead := p.Num("alert_lead_min"); lead < 0 {
		return fmt.Errorf("alert_lead_min cannot be negative, not %s", num(lead))
	}
	return nil
}

// rules are the kata's rules in the order katabook rules lists them.
var rules = concat(timelineRules, actionRules, pagingRules, blameRules, closingRules)

func concat(groups ...[]engine.Rule) []engine.Rule {
	var out []engine.Rule
	for _, g := range groups {
		out = append(out, g...)
	}
	return out
}

var timelineRules = []engine.Rule{
	// 1. The timeline.
	{ID: "incident/timestamp", Severity: engine.Error, Kind: engine.Computed, Pass: "at: 2026-11-27T03:04:00Z, or 2026-11-27 22:04-05:00", Fail: "at: 27/11/2026 03:04", Title: "timestamps are ISO 8601", Help: "Every time in the answer is ISO 8601: the date, T, the time, and a zone, as in 2026-11-27T03:04:00Z or 2026-11-27T22:04-05:00. The engine orders the timeline and computes time to detect, mitigate and resolve from these times.", Check: func(r *engine.Run) {
		forStamps(r, func(ptr, s string) {
			if _, p := parseStamp(s); p == stampBad {
				r.Failf(ptr, "%s: %q is not an ISO 8601 timestamp: write the date, T, the time and a zone, e.g. 2026-11-27T03:04:00Z", stampName(r.A, ptr), s)
			}
		})
	}},
	{ID: "incident/timestamp-zone", Severity: engine.Error, Kind: engine.Computed, Pass: "at: 2026-11-27T03:04:00+01:00", Fail: "at: 2026-11-27T03:04:00 (no zone)", Title: "timestamps carry a zone", Help: "A time without a zone cannot be ordered against times written elsewhere: a responder in New York and one in Berlin write 03:00 for moments six hours apart. Add Z for UTC or an offset such as -05:00.", Check: func(r *engine.Run) {
		forStamps(r, func(ptr, s string) {
			if _, p := parseStamp(s); p == stampNoZone {
				r.Failf(ptr, "%s: %q has no zone: add Z for UTC or an offset such as -05:00, so that it can be ordered against every other time", stampName(r.A, ptr), s)
			}
		})
	}},
	{ID: "incident/timeline-order", Severity: engine.Error, Kind: engine.Computed, Pass: "entries at 03:18, 03:26, 03:33 in that order", Fail: "an entry at 19:28 after one at 19:31", Title: "the timeline never goes backwards", Help: "Entries are in the order things happened, so each entry's time is at or after the one before it. An entry out of order usually means a wrong time or an entry in the wrong place.", Check: func(r *engine.Run) {
		var prev *incEntry
		for _, e := range incEntries(r.A) {
			if !e.timed {
				continue
			}
			if prev != nil && e.at.Before(prev.at) {
				r.Failf(e.field("at"), "%s is %s earlier than %s, the entry before it: a timeline never goes backwards; fix the time or move the entry",
					e, fmtMinutes(minutes(e.at, prev.at)), prev)
			}
			p := e
			prev = &p
		}
	}},
	{ID: "incident/detect-first", Severity: engine.Error, Kind: engine.Computed, Pass: "the first entry is the detect entry of the alert", Fail: "the first entry is a triage entry, \"v2.14 went out\"", Title: "detection comes first", Help: "An incident starts for its responders when a signal arrives: the first entry is the detect phase (what alert fired or what report came in).", Check: func(r *engine.Run) {
		es := incEntries(r.A)
		if len(es) == 0 || es[0].phase == "" {
			r.Missing = true
			return
		}
		if es[0].phase != "detect" {
			r.Failf(es[0].field("phase"), "%s is the first entry, but nothing can be triaged or mitigated before a signal arrives: start the timeline with the detect entry", es[0])
		}
	}},
	{ID: "incident/triage-before-mitigate", Severity: engine.Error, Kind: engine.Computed, Pass: "triage at 03:10, the first mitigation at 03:18", Fail: "a mitigate entry before any triage entry", Title: "triage before the first mitigation", Help: "Before acting, the responders size the incident: severity, impact, who to page. The first mitigate entry comes after a triage entry.", Check: func(r *engine.Run) {
		es := incEntries(r.A)
		m, ok := first(es, "mitigate", nil)
		if !ok {
			return
		}
		if t, ok := first(es, "triage", nil); !ok || t.i > m.i {
			r.Failf(m.field("phase"), "%s is the first mitigation, but no triage comes before it: set the severity, estimate the impact and page who can help first", m)
		}
	}},
	{ID: "incident/mitigate-before-resolve", Severity: engine.Error, Kind: engine.Computed, Pass: "the first mitigation at 03:18, the resolve entry the next day", Fail: "a resolve entry before any mitigate entry", Title: "the first mitigation before resolve", Help: "Mitigation stops the harm to users; resolution fixes the cause. Resolving before anything has mitigated collapses the two: users wait for the slow fix while a quick step (rollback, failover, shedding load) could have stopped the harm.", Check: func(r *engine.Run) {
		es := incEntries(r.A)
		m, hasM := first(es, "mitigate", nil)
		for _, e := range es {
			if e.phase == "resolve" && (!hasM || e.i < m.i) {
				r.Failf(e.field("phase"), "%s comes before any mitigation: first stop the user-facing harm (a mitigate entry), then fix the root cause", e)
			}
		}
	}},
	{ID: "incident/review-last", Severity: engine.Error, Kind: engine.Computed, Pass: "the review entry is the last entry", Fail: "a communicate entry after the review", Title: "review comes last", Help: "The review (drafting the postmortem) happens once the incident is resolved: the last entries are review entries and nothing else follows them.", Check: func(r *engine.Run) {
		es := incEntries(r.A)
		rv, ok := needPhase(r, es, "review", "the timeline has no review entry: end it with the review, when the postmortem is drafted")
		if !ok {
			return
		}
		for _, e := range es[rv.i:] {
			if e.phase != "review" && e.phase != "" {
				r.Failf(e.field("phase"), "%s comes after the review (%s): the review is the last phase; move this entry before it", e, rv)
			}
		}
	}},
	{ID: "incident/declare", Severity: engine.Error, Kind: engine.Computed, Pass: "a triage entry by the incident-commander with declares: true and channel: \"#inc-ledger-writes\"", Fail: "declares: true on an on-call entry, or no channel", Title: "the IC declares in triage and names the channel", Help: "In triage the Incident Commander declares the incident and names the channel where it is run, so everyone paged knows where to go. One entry with phase triage, role incident-commander, declares: true and the channel.", Check: func(r *engine.Run) {
		es := incEntries(r.A)
		var found bool
		for _, e := range es {
			if !e.declares {
				continue
			}
			found = true
			switch {
			case e.role != "incident-commander":
				r.Failf(e.field("role"), "%s declares the incident as %s: declaring is the Incident Commander's call, so the role is incident-commander", e, orNone(e.role))
			case e.phase != "triage":
				r.Failf(e.field("phase"), "%s declares the incident in the %s phase: the IC declares during triage, once severity and impact are known", e, e.phase)
			case e.channel == "":
				r.Failf(e.field("channel"), "%s declares the incident but names no channel: say where the incident is run, e.g. #inc-checkout-latency", e)
			}
		}
		if !found && len(es) > 0 {
			r.Failf("/timeline", "no entry declares the incident: add a triage entry where the incident-commander declares it (declares: true) and names the channel")
		}
	}},

	// 2. Mitigation discipline, from the entries' own fields.
	{ID: "incident/more-mitigation", Severity: engine.Error, Kind: engine.Computed, Pass: "a first mitigation that did not fully mitigate, then two more mitigate entries", Fail: "a first mitigation that did not fully mitigate and only one more", Title: "two more steps when the first does not fully mitigate", Help: "When the first mitigation does not fully stop the harm, the kata asks for at least two more mitigation steps before resolution.", Check: func(r *engine.Run) {
		es := incEntries(r.A)
		m, ok := first(es, "mitigate", nil)
		if !ok || !m.fullyAnswerd || m.fully {
			return
		}
		more := 0
		for _, e := range es[m.i+1:] {
			if e.phase == "mitigate" {
				more++
			}
		}
		if more < 2 {
			r.Failf(m.field("fully_mitigated"), "%s did not fully mitigate, so at least two more mitigation steps must follow; the timeline has %d", m, more)
		}
	}},
	{ID: "incident/mitigated", Severity: engine.Error, Kind: engine.Computed, Pass: "the third mitigate entry has fully_mitigated: true", Fail: "no mitigate entry fully mitigated", Title: "one mitigation fully mitigates", Help: "Some mitigate entry stops the harm to users entirely (fully_mitigated: true); its time ends the impact window and gives the time to mitigate.", Check: func(r *engine.Run) {
		es := incEntries(r.A)
		if _, ok := first(es, "mitigate", nil); !ok {
			return
		}
		if _, ok := first(es, "mitigate", func(e incEntry) bool { return e.fully }); !ok {
			r.Failf("/timeline", "no mitigate entry fully mitigated: keep mitigating until users are no longer affected, and mark that entry fully_mitigated: true")
		}
	}},
	{ID: "incident/mitigation-not-fix", Severity: engine.Error, Kind: engine.Computed, Pass: "every mitigate entry has fixes_root_cause: false", Fail: "a mitigate entry with fixes_root_cause: true", Title: "no mitigation claims a root-cause fix", Help: "Do not collapse mitigate and resolve: a mitigation stops the harm (rollback, failover, shedding load), the root-cause fix is separate work in the resolve phase, often days later. A mitigate entry with fixes_root_cause: true is one of the two in the wrong phase.", Check: func(r *engine.Run) {
		for _, e := range incEntries(r.A) {
			if e.phase == "mitigate" && e.fixes {
				r.Failf(e.field("fixes_root_cause"), "%s is a mitigation but claims to fix the root cause: a mitigation stops the user-facing harm and the cause stays; put the fix in a resolve entry after users stopped being affected", e)
			}
		}
	}},
	{ID: "incident/resolve-not-mitigation", Severity: engine.Error, Kind: engine.Computed, Pass: "a resolve entry with no stops and no fully_mitigated", Fail: "a resolve entry that says what user-facing effect it stops", Title: "no resolve entry describes a mitigation", Help: "A resolve entry moves from mitigated to fixed: by then users are no longer affected, so it stops no user-facing effect. A resolve entry with stops or fully_mitigated is a mitigation in the wrong phase.", Check: func(r *engine.Run) {
		for _, e := range incEntries(r.A) {
			if e.phase != "resolve" {
				continue
			}
			if e.stops != "" {
				r.Failf(e.field("stops"), "%s says it stops a user-facing effect: that makes it a mitigation; mark it mitigate, or leave stops empty if users were already unaffected", e)
			} else if e.fullyAnswerd {
				r.Failf(e.field("fully_mitigated"), "%s says whether it fully mitigated: resolve entries come after mitigation; mark it mitigate, or leave fully_mitigated empty", e)
			}
		}
	}},
	{ID: "incident/root-cause-fixed", Severity: engine.Error, Kind: engine.Computed, Pass: "a resolve entry with fixes_root_cause: true", Fail: "no entry fixes the root cause", Title: "a resolve entry fixes the root cause", Help: "The resolve phase ends when the root cause is fixed: one resolve entry says so (fixes_root_cause: true). Its time gives the time to resolve.", Check: func(r *engine.Run) {
		es := incEntries(r.A)
		if len(es) == 0 {
			return
		}
		if _, ok := first(es, "resolve", func(e incEntry) bool { return e.fixes }); !ok {
			r.Failf("/timeline", "no resolve entry fixes the root cause: add the resolve step that fixed it (fixes_root_cause: true), even if it happened days later")
		}
	}},
}

var pagingRules = []engine.Rule{
	// 3. Paging.
	{ID: "incident/page-reason", Severity: engine.Error, Kind: engine.Computed, Pass: "pages: dependency-on-call, page_can: owns-fault, page_reason: \"they run the Kafka cluster and can restart brokers\"", Fail: "pages: dependency-on-call, page_can: owns-fault, and no page_reason", Title: "every paged role has a reason", Help: "Paging wakes a person up. Each entry that pages a role says what that role can do (page_can, from a list) and, in a sentence, what that is here: what they can do that nobody already in the incident can.", Check: func(r *engine.Run) {
		for _, e := range incEntries(r.A) {
			if e.pages != "" && e.pageCan != "" && e.reason == "" { // no page_can: schema/required says so
				r.Failf(e.field("page_reason"), "%s pages the %s as %s but says nothing more: say in a sentence what they can do here that nobody in the incident can", e, e.pages, e.pageCan)
			}
		}
	}},
	pageCanRule,
	{ID: "incident/page-relevant", Severity: engine.Warning, Kind: engine.Computed, Pass: "fault in your own service; the dependency paged with page_can: owns-mitigation", Fail: "fault in your own service; the dependency paged with page_can: other", Title: "nobody paged who cannot help", Help: "The other service's on-call can fix a fault on their side; when your triage places the fault in your own service or on the other side, they can still help if the mitigation needs their system or their access, and page_can says so. A page of them for another reason (other) while the fault is elsewhere may wake someone who cannot act.", Check: func(r *engine.Run) {
		dir, fault := r.Str("/roles/dependency_direction"), r.Str("/triage/fault_location")
		dep, _ := r.A.Str("/roles/dependency_service")
		if r.Missing {
			return
		}
		for _, e := range incEntries(r.A) {
			if e.pages != "dependency-on-call" || e.pageCan != "other" || fault == "unknown" || fault == dir+"-dependency" {
				continue
			}
			r.Failf(e.field("page_can"), "%s pages the on-call of %s, %s dependency, for another reason (other), but your triage says the fault is %s: they cannot fix it there; if the mitigation needs them, say how (owns-mitigation, has-access, knows-system), and if not, do not wake them",
				e, orNone(dep), map[string]string{"upstream": "an upstream", "downstream": "a downstream"}[dir], faultWhere[fault])
		}
	}},
	// 4. Communication.
	{ID: "incident/update-next", Severity: engine.Error, Kind: engine.Computed, Pass: "next_update_at 03:45 and a communicate entry at 03:40", Fail: "next_update_at 12:00 and the next communicate entry at 13:00", Title: "the next update is promised and honoured", Help: "An internal status update promises when the next one comes, and the timeline keeps the promise: a communicate entry after the update and no later than the promised time.", Check: func(r *engine.Run) {
		posted, ok1 := stampAt(r, "/communication/internal/posted_at")
		next, ok2 := stampAt(r, "/communication/internal/next_update_at")
		if !ok1 || !ok2 {
			return
		}
		raw, _ := r.A.Str("/communication/internal/next_update_at")
		if !next.After(posted) {
			r.Failf("/communication/internal/next_update_at", "the next update at %s is not after this update: promise a time to come, typically 30 to 60 minutes later", raw)
			return
		}
		var after *incEntry
		for _, e := range incEntries(r.A) {
			if e.phase == "communicate" && e.timed && e.at.After(posted) {
				if !e.at.After(next) {
					return
				}
				if after == nil {
					p := e
					after = &p
				}
			}
		}
		if after != nil {
			r.Failf("/communication/internal/next_update_at", "the update promised the next one by %s, but the next communicate entry is %s, %s late: post on time, even if only to say nothing has changed",
				raw, after, fmtMinutes(minutes(next, after.at)))
		} else {
			r.Failf("/communication/internal/next_update_at", "the update promised the next one by %s, but no communicate entry follows it: add the update that kept the promise", raw)
		}
	}},
	{ID: "incident/update-content", Severity: engine.Warning, Kind: engine.Reading, Pass: "text: \"... Next update by 03:45 EST.\"", Fail: "text: \"... More soon.\" with next_update_at 03:45", Title: "the update's text says when the next one comes", Help: "Readers of a status update need what is affected, the current state, and when they will hear more. The text should carry the promised time (its hour and minute).", Check: func(r *engine.Run) {
		next, ok := stampAt(r, "/communication/internal/next_update_at")
		text := r.Str("/communication/internal/text")
		if !ok || r.Missing {
			return
		}
		h24 := next.Format("15:04")
		h12 := next.Format("3:04")
		if !strings.Contains(text, h24) && !strings.Contains(text, h12) {
			r.Failf("/communication/internal/text", "Reading your text, the update does not say when the next one comes (no %s or %s in it): add \"next update by %s\", the time you promised", h24, h12, h24)
		}
	}},
	{ID: "incident/external-plain", Severity: engine.Warning, Kind: engine.Reading, Title: "the external update speaks to customers",
		Help: "Customers read the external update: it says what they notice and what to do, in plain words. This check reads your text, so it can be wrong: it flags jargon (p99, 503, SLO, rollback, failover, on-call), the internal names your own answer uses (the service and its dependency, the teams and people, the channel, any region, host or cluster named elsewhere in the answer, and cloud regions such as eu-west-1), and a sentence that puts the failure on a named vendor (customers hold you responsible for what they use). The blameless check applies too.",
		Pass: "text: Between 02:48 and 04:06 UTC some customers in Europe could not place orders. It works again now.",
		Fail: "text: orders-db in eu-west-1 refused writes until the database team failed over.",
		Check: func(r *engine.Run) {
			text, ok := r.A.Str("/communication/external/text")
			if !ok {
				return // an external update is optional
			}
			audienceFindings(r, text)
		}},

	// 5. Figures derived from the timeline.
	{ID: "incident/impact-window", Severity: engine.Error, Kind: engine.Computed, Pass: "impact end 03:33, the time of the entry that fully mitigated", Fail: "impact end 00:44 while the fully-mitigating entry is at 00:41", Title: "the impact window matches the timeline", Help: "Impact begins at or before the first detect entry (users are hurt before anyone notices) and ends at the entry that fully mitigated.", Check: func(r *engine.Run) {
		start, ok1 := stampAt(r, "/postmortem/impact/start")
		end, ok2 := stampAt(r, "/postmortem/impact/end")
		es := incEntries(r.A)
		d, okD := first(es, "detect", func(e incEntry) bool { return e.timed })
		m, okM := first(es, "mitigate", func(e incEntry) bool { return e.fully && e.timed })
		if ok1 && okD && start.After(d.at) {
			r.Failf("/postmortem/impact/start", "impact begins %s after %s: users are affected before (or when) the signal arrives, so the start is at or before the first detection", fmtMinutes(minutes(d.at, start)), d)
		}
		if ok2 && okM && !end.Equal(m.at) {
			r.Failf("/postmortem/impact/end", "impact ends at %s, but %s is the entry that fully mitigated: the impact window ends when users stopped being affected", rawAt(r.A, "/postmortem/impact/end"), m)
		}
	}},
	impactStartRule,
	{ID: "incident/ttd", Severity: engine.Error, Kind: engine.Computed, Pass: "impact 02:51, detection 03:07, ttd_min: 16", Fail: "impact 02:51, detection 03:07, ttd_min: 12", Title: "time to detect from the timeline", Help: "Time to detect is from the start of impact to the first detect entry, in minutes.", Check: func(r *engine.Run) {
		derived(r, "/postmortem/impact/ttd_min", "detect", func(e incEntry) bool { return true }, "the first detect entry")
	}},
	{ID: "incident/ttm", Severity: engine.Error, Kind: engine.Computed, Pass: "ttm_min counts to the entry that fully mitigated (42)", Fail: "ttm_min counts to the first mitigation instead (27)", Title: "time to mitigate from the timeline", Help: "Time to mitigate is from the start of impact to the mitigate entry that fully mitigated, in minutes.", Check: func(r *engine.Run) {
		derived(r, "/postmortem/impact/ttm_min", "mitigate", func(e incEntry) bool { return e.fully }, "the entry that fully mitigated")
	}},
	{ID: "incident/ttr", Severity: engine.Error, Kind: engine.Computed, Pass: "impact 13:40 on 18 Nov, the fix at 10:15 on 19 Nov, ttr_min: 1235", Fail: "ttr_min: 20.6 (hours written as minutes)", Title: "time to resolve from the timeline", Help: "Time to resolve is from the start of impact to the resolve entry that fixed the root cause, in minutes.", Check: func(r *engine.Run) {
		derived(r, "/postmortem/impact/ttr_min", "resolve", func(e incEntry) bool { return e.fixes }, "the entry that fixed the root cause")
	}},
}

var blameRules = []engine.Rule{
	// 6. Blameless language.
	{ID: "incident/blameless", Severity: engine.Warning, Kind: engine.Reading, Title: "blameless language",
		Help: "A postmortem describes what the system allowed, not who slipped. This check reads your text, so it can be wrong: it flags blame words (careless, sloppy, at fault), \"human error\", counterfactuals (should have, if only, a sentence opening \"Had X done…\") and a person named as the subject of a failure (\"Sam forgot\", \"caused by Sam\") anywhere in the answer; in the causes (trigger, root cause, contributing factors) it also flags any person, role or team as the one who acted (\"the intern removed the index\", \"Dana ignored the alert\", \"the on-call misconfigured the load balancer\"), using the names you gave the roles, the teams you named as owners, role nouns and he or she. Each finding quotes the phrase and suggests a rewrite with the thing acted on as the subject.",
		Pass: "root_cause: The index was dropped by a cleanup script, and nothing ran the query plan check before it shipped.",
		Fail: "root_cause: The intern removed the index during a cleanup.",
		Check: func(r *engine.Run) {
			names := personNames(rolePlayers(r.A))
			// The name patterns compile on first use (only for a field
			// that holds one of their verbs), once per set of names.
			lexicon := r.A.Shared("incident/lexicon\x00"+strings.Join(names, "\x00"), func() any {
				return lexiconFor(names)
			}).([]prose.LexEntry)
			for _, ptr := range proseFields(r.A) {
				text, _ := r.A.Str(ptr)
				found, actors := scanBlame(text, lexicon), []actorPhrase(nil)
				if slices.Contains(causeFields, ptr) {
					found, actors = mergeReadings(text, found, causeActors(r, text))
				}
				for _, p := range found {
					failText(r, ptr, p.Text, "Reading your text, %s: %q is %s; %s", engine.Dotted(ptr), p.Text, p.Kind, p.Hint)
				}
				for _, p := range actors {
					actorMessage(r, ptr, text, p)
				}
			}
		}},
}

var closingRules = []engine.Rule{
	// 7. Action items.
	{ID: "incident/action-owner", Severity: engine.Error, Kind: engine.Computed, Pass: "owner: streaming platform team", Fail: "owner: TBD", Title: "each action item has an owner", Help: "An action item nobody owns does not get done. The owner is a role or a team that will carry it (\"checkout team\", \"SRE on-call rotation\"), not \"TBD\", \"everyone\" or \"we\".", Check: func(r *engine.Run) {
		forActions(r, func(i int, ptr string) {
			owner, ok := r.A.Str(ptr + "/owner")
			if !ok {
				return // schema/required says so
			}
			if vagueOwner(owner) {
				r.Failf(ptr+"/owner", "action item %d is owned by %q: name the role or team that will do it", i+1, owner)
			}
		})
	}},
	{ID: "incident/action-due", Severity: engine.Error, Kind: engine.Computed, Pass: "due: 2026-12-04 for an incident on 2026-11-20", Fail: "due: 2025-12-04 (last year)", Title: "each action item is due after the incident", Help: "Each action item has a due date (YYYY-MM-DD) after the day the incident began, so that it can be tracked and is not already late.", Check: func(r *engine.Run) {
		var day time.Time
		for _, e := range incEntries(r.A) {
			if e.timed {
				y, m, d := e.at.Date()
				day = time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
				break
			}
		}
		forActions(r, func(i int, ptr string) {
			due, ok := r.A.Str(ptr + "/due")
			if !ok {
				return
			}
			y, m, d, ok := parseDay(due)
			if !ok {
				r.Failf(ptr+"/due", "action item %d is due %q: write the date as YYYY-MM-DD", i+1, due)
				return
			}
			if !day.IsZero() && !time.Date(y, m, d, 0, 0, 0, 0, time.UTC).After(day) {
				r.Failf(ptr+"/due", "action item %d is due %s, not after the incident began on %s: give it a date to come", i+1, due, day.Format("2006-01-02"))
			}
		})
	}},
	{ID: "incident/action-specific", Severity: engine.Warning, Kind: engine.Reading, Pass: "task: Alert on producer NotEnoughReplicas errors per region", Fail: "task: Improve monitoring", Title: "each action item is a specific task", Help: "An action item starts with the verb of what will be done and names the thing it changes (\"Add a 5xx burn-rate alert on the EU write path\"). Pleas (\"be more careful\", \"pay attention\", \"make sure\") and vague verbs (\"improve monitoring\", \"look into\") are not tasks.", Check: func(r *engine.Run) {
		forActions(r, func(i int, ptr string) {
			task, ok := r.A.Str(ptr + "/task")
			if !ok {
				return
			}
			if why := vagueTask(task); why != "" {
				r.Failf(ptr+"/task", "Reading your text, action item %d, %q, %s", i+1, strings.TrimSpace(task), why)
			}
		})
	}},

	// The scenario.
	{ID: "incident/scenario-custom", Severity: engine.Error, Kind: engine.Computed, Pass: "kind: custom with a description of what users see", Fail: "kind: custom and no description", Title: "a custom scenario is described", Help: "The four scenarios of the kata are described in the workbook; a custom one needs its own description: what users see, when, and what is known.", Check: func(r *engine.Run) {
		if r.Str("/scenario/kind") != "custom" {
			return
		}
		if d, _ := r.A.Str("/scenario/description"); strings.TrimSpace(d) == "" {
			r.Failf("/scenario/description", "a custom scenario needs a description: what users see, since when, and what has changed recently")
		}
	}},
	{ID: "incident/scenario-signal", Severity: engine.Warning, Kind: engine.Computed, Pass: "green-dashboards with signal_kind: customer-report", Fail: "green-dashboards with signal_kind: alert", Title: "the signal fits the scenario", Help: "In the green-dashboards scenario every dashboard is green, so no alert or dashboard is the signal: a customer's report is.", Check: func(r *engine.Run) {
		if r.Str("/scenario/kind") != "green-dashboards" {
			return
		}
		if k := r.Str("/detect/signal_kind"); k == "alert" || k == "dashboard" {
			r.Failf("/detect/signal_kind", "in this scenario every dashboard is green and nothing alerted: the signal is the customer's report (customer-report)")
		}
	}},

	// 8. Bonus: the burn-rate alert that would have fired earlier.
	{ID: "incident/bonus-burn", Severity: engine.Error, Kind: engine.Computed, Pass: "5% of a 30-day budget in 60 min: burn_rate 36", Fail: "burn_rate 3.6 for 5% in 60 min on 30 days", Title: "bonus: each pair's burn rate", Help: "Burn rate = budget fraction × SLO window / alert (long) window: spending 5% of a 30-day budget in 1 h is 0.05 × 720 / 1 = 36; 10% in 6 h is 12. The same arithmetic as the SLO kata.", Check: func(r *engine.Run) {
		days := r.Num("/bonus/slo_window_days")
		forAlerts(r, func(i int, ptr string) {
			share, long := r.Num(ptr+"/budget_pct"), r.Num(ptr+"/long_window_min")
			if r.Missing || long <= 0 {
				return
			}
			r.Expect(ptr+"/burn_rate", burn.Rate(share/100, days*24, long/60),
				fmt.Sprintf("%s%% × %s h / %s h", num(share), num(days*24), num(long/60)))
		})
	}},
	{ID: "incident/bonus-threshold", Severity: engine.Error, Kind: engine.Computed, Pass: "burn_rate 36 at 99.9%: threshold_pct 3.6", Fail: "burn_rate 36 at 99.9%: threshold_pct 36", Title: "bonus: each pair's threshold on the bad ratio", Help: "An alert at burn rate B fires when the bad-event ratio reaches B × (1 − target): 36 × 0.1% = 3.6% for a 99.9% SLO. At or above 100% it can never fire.", Check: func(r *engine.Run) {
		target := r.Num("/bonus/slo_target_pct")
		forAlerts(r, func(i int, ptr string) {
			rate := r.Num(ptr + "/burn_rate")
			if r.Missing {
				return
			}
			want := burn.Threshold(rate, target) * 100
			if want >= 100 {
				r.Failf(ptr+"/burn_rate", "alert pair %d: a burn rate of %s needs a bad ratio of %s%% at a %s%% target: it can never fire; spend less budget or use a longer window", i+1, num(rate), num(want), num(target))
				return
			}
			r.Expect(ptr+"/threshold_pct", want, fmt.Sprintf("%s × (100%% − %s%%)", num(rate), num(target)))
		})
	}},
	{ID: "incident/bonus-short-window", Severity: engine.Warning, Kind: engine.Computed, Pass: "long window 60 min, short 5 min", Fail: "long window 360 min, short 5 min", Title: "bonus: the short window is a twelfth of the long", Help: "The short window of a pair makes the alert stop soon after the errors stop; the SRE workbook uses one twelfth of the long window (5 min for 1 h, 30 min for 6 h).", Check: func(r *engine.Run) {
		forAlerts(r, func(i int, ptr string) {
			long, short := r.Num(ptr+"/long_window_min"), r.Num(ptr+"/short_window_min")
			if r.Missing {
				return
			}
			if short >= long || !engine.Near(short, r.A.Literal(ptr+"/short_window_min"), long/12) && math.Abs(short-long/12) > 1 {
				r.Failf(ptr+"/short_window_min", "alert pair %d: a short window of %s min with a long one of %s min; use a twelfth of the long window, %s min, so the alert resets soon after recovery", i+1, num(short), num(long), num(long/12))
			}
		})
	}},
	{ID: "incident/bonus-combine", Severity: engine.Error, Kind: engine.Computed, Pass: "windows_join: and, pairs_join: or", Fail: "windows_join: or", Title: "bonus: windows joined by AND, pairs by OR", Help: "A multiwindow alert fires when both its long and its short window burn too fast (AND: the long one for significance, the short one to know it is still happening), and the page fires when any pair does (OR).", Check: func(r *engine.Run) {
		w, p := r.Str("/bonus/windows_join"), r.Str("/bonus/pairs_join")
		if r.Missing {
			return
		}
		if w != "and" {
			r.Failf("/bonus/windows_join", "the windows of a pair are joined by %s: use and, so that a pair fires only while both its long and short windows burn too fast", w)
		}
		if p != "or" {
			r.Failf("/bonus/pairs_join", "the pairs are joined by %s: use or, so that either the fast or the slow pair can fire on its own", p)
		}
	}},
	{ID: "incident/bonus-fires", Severity: engine.Error, Kind: engine.Computed, Pass: "error ratio 12%, threshold 3.6% on 60 min: fires_at impact start + 18 min", Fail: "fires_at impact start + 30 min for the same pair", Title: "bonus: when the alert first fires", Help: "With a constant bad ratio e from the start of impact, a window of length L averages e × d / L after d minutes, so a pair with threshold t fires once d = t × L / e (the long window is the slower of the two); the alert fires at the earliest pair. A pair whose threshold is above e never fires.", Check: func(r *engine.Run) {
		at, ok := bonusFire(r)
		claim, okC := stampAt(r, "/bonus/fires_at")
		if !ok || !okC {
			return
		}
		if at.IsZero() {
			e := r.Num("/bonus/error_ratio_pct")
			r.Failf("/bonus/fires_at", "at a bad ratio of %s%% no pair reaches its threshold: this alert never fires in this incident; lower the burn rate of one pair", num(e))
			return
		}
		if d := math.Abs(minutes(at, claim)); d > 1 {
			r.Failf("/bonus/fires_at", "the alert fires at %s (impact start + %s), not %s: %s", at.In(claim.Location()).Format(time.RFC3339), fmtMinutes(minutes(mustStamp(r.A, "/postmortem/impact/start"), at)), rawAt(r.A, "/bonus/fires_at"), bonusHow(r))
		}
	}},
	{ID: "incident/bonus-earlier", Severity: engine.Error, Kind: engine.Computed, Pass: "the alert fires at 02:53, the detection at 03:07", Fail: "the alert fires at 03:05, the detection at 03:07 (2 min earlier)", Title: "bonus: the alert fires {{param \"alert_lead_min\"}} minutes before detection", Help: "The point of the bonus alert is that it would have caught this incident at least {{param \"alert_lead_min\"}} minutes before the first detect entry did.", Check: func(r *engine.Run) {
		at, ok := bonusFire(r)
		d, okD := first(incEntries(r.A), "detect", func(e incEntry) bool { return e.timed })
		if !ok || !okD || at.IsZero() {
			return
		}
		if lead, earlierBy := d.at.Sub(at), time.Duration(r.P.Num("alert_lead_min")*float64(time.Minute)); lead < earlierBy {
			r.Failf("/bonus/fires_at", "the alert fires %s before %s; the kata asks for at least %s min earlier: a pair with a shorter long window (or a lower burn rate) fires sooner", fmtMinutes(lead.Minutes()), d, num(earlierBy.Minutes()))
		}
	}},
}

// forStamps calls fn for every timestamp of the answer that is given.
func forStamps(r *engine.Run, fn func(ptr, s string)) {
	for i := 0; i < r.A.Len("/timeline"); i++ {
		ptr := "/timeline/" + strconv.Itoa(i) + "/at"
		if s, ok := r.A.Str(ptr); ok {
			fn(ptr, s)
		}
	}
	for _, ptr := range stampFields {
		if s, ok := r.A.Str(ptr); ok {
			fn(ptr, s)
		}
	}
}

// stampName names a timestamp for a message: an entry, or a field.
func stampName(a *engine.Answer, ptr string) string {
	if strings.HasPrefix(ptr, "/timeline/") {
		i, _ := strconv.Atoi(strings.Split(ptr, "/")[2])
		return fmt.Sprintf("entry %d", i+1)
	}
	return engine.Dotted(ptr)
}

func rawAt(a *engine.Answer, ptr string) string { s, _ := a.Str(ptr); return s }

func mustStamp(a *engine.Answer, ptr string) time.Time { t, _ := parseStamp(rawAt(a, ptr)); return t }

func orNone(s string) string {
	if s == "" {
		return "none"
	}
	return s
}

// fmtMinutes writes a span of minutes for a message: 12 min, 1 h 5 min.
func fmtMinutes(m float64) string {
	m = math.Round(math.Abs(m)*10) / 10
	if m < 60 {
		return num(m) + " min"
	}
	h := math.Floor(m / 60)
	if rest := m - h*60; rest > 0 {
		return fmt.Sprintf("%s h %s min", num(h), num(rest))
	}
	return num(h) + " h"
}

// derived checks one of the postmortem's figures against the timeline:
// minutes from the start of impact to the first entry of phase matching ok.
func derived(r *engine.Run, ptr, phase string, ok func(incEntry) bool, what string) {
	start, okS := stampAt(r, "/postmortem/impact/start")
	if _, given := r.A.Num(ptr); !given {
		r.Missing = true
		return
	}
	e, found := first(incEntries(r.A), phase, func(e incEntry) bool { return e.timed && ok(e) })
	if !okS || !found {
		return
	}
	r.Expect(ptr, minutes(start, e.at), fmt.Sprintf("the timeline (impact start %s to %s, %s)", rawAt(r.A, "/postmortem/impact/start"), what, e))
}

// failText records a finding about a phrase inside a text field, at the
// phrase's own line and column.
func failText(r *engine.Run, ptr, text, format string, args ...any) {
	l := r.A.LocText(ptr, text)
	r.FailAt(ptr, l, format, args...)
}

var roleFields = []string{"incident_commander", "on_call", "support_liaison", "dependency_on_call"}

func rolePlayers(a *engine.Answer) []string {
	var out []string
	for _, f := range roleFields {
		if s, ok := a.Str("/roles/" + f); ok {
			out = append(out, s)
		}
	}
	return out
}

// proseFields are the texts the blameless check reads.
// needPhase finds the first entry of a phase; when a begun timeline has
// none, it reports why with missing and the rule fails on the timeline.
func needPhase(r *engine.Run, es []incEntry, phase, missing string) (incEntry, bool) {
	e, ok := first(es, phase, nil)
	if !ok && len(es) > 0 {
		r.Failf("/timeline", "%s", missing)
	}
	return e, ok
}

func proseFields(a *engine.Answer) []string {
	ptrs := []string{"/detect/confidence_why", "/triage/impact_estimate"}
	for i := 0; i < a.Len("/timeline"); i++ {
		ptrs = append(ptrs, "/timeline/"+strconv.Itoa(i)+"/action")
	}
	ptrs = append(ptrs, "/communication/internal/text", "/communication/external/text", "/resolve/path",
		"/postmortem/summary", "/postmortem/impact/description", "/postmortem/causes/trigger",
		"/postmortem/causes/root_cause", "/postmortem/causes/contributing")
	for i := 0; i < a.Len("/postmortem/action_items"); i++ {
		ptrs = append(ptrs, "/postmortem/action_items/"+strconv.Itoa(i)+"/task")
	}
	var out []string
	for _, p := range ptrs {
		if _, ok := a.Str(p); ok {
			out = append(out, p)
		}
	}
	return out
}

func forActions(r *engine.Run, fn func(i int, ptr string)) {
	for i := 0; i < r.A.Len("/postmortem/action_items"); i++ {
		fn(i, "/postmortem/action_items/"+strconv.Itoa(i))
	}
}

func forAlerts(r *engine.Run, fn func(i int, ptr string)) {
	n := r.A.Len("/bonus/alerts")
	if n == 0 {
		r.Missing = true
	}
	for i := range n {
		fn(i, "/bonus/alerts/"+strconv.Itoa(i))
	}
}

func vagueOwner(owner string) bool {
	switch strings.ToLower(strings.Trim(strings.TrimSpace(owner), ".!?")) {
	case "", "tbd", "tba", "todo", "none", "nobody", "no one", "n/a", "na", "-", "?", "everyone", "everybody",
		"all", "we", "us", "someone", "somebody", "anyone", "the team", "team", "unknown", "unassigned":
		return true
	}
	return false
}

// notAVerb are first words that show a task does not start with its verb.
var notAVerb = map[string]bool{"the": true, "a": true, "an": true, "we": true, "they": true, "someone": true,
	"everyone": true, "people": true, "engineers": true, "more": true, "better": true, "should": true,
	"need": true, "needs": true, "must": true, "no": true, "maybe": true, "possibly": true, "it": true,
	"this": true, "that": true, "i": true, "you": true, "our": true, "all": true}

// vagueVerbs are verbs that promise no particular change.
var vagueVerbs = []string{"be more", "be careful", "pay attention", "pay more attention", "try to", "remember to",
	"don't forget", "do not forget", "make sure", "look into", "think about", "consider", "improve", "be aware",
	"double-check", "double check", "keep an eye", "monitor better", "communicate better", "avoid"}

// vagueTask says why a task is not specific, or "".
func vagueTask(task string) string {
	words := strings.Fields(strings.ToLower(task))
	if len(words) == 0 {
		return ""
	}
	lower := strings.Join(words, " ")
	for _, v := range vagueVerbs {
		if strings.HasPrefix(lower, v+" ") || lower == v {
			return fmt.Sprintf("starts with %q, which names no change: start with the verb of a concrete change (Add, Alert on, Move, Automate, Document) and the thing it changes", v)
		}
	}
	if notAVerb[strings.Trim(words[0], ",.:;")] {
		return fmt.Sprintf("does not start with a verb (%q): start with what will be done, e.g. \"Add a burn-rate alert on…\"", words[0])
	}
	if len(words) < 4 {
		return "is too short to be specific: say what changes where (\"Add a 5-minute burn-rate alert on EU writes\")"
	}
	return ""
}

// bonusFire computes when the learner's alert first fires in this incident:
// the zero time when no pair fires; ok is false when an input is missing.
func bonusFire(r *engine.Run) (time.Time, bool) {
	start, okS := stampAt(r, "/postmortem/impact/start")
	e := r.Num("/bonus/error_ratio_pct")
	var best float64 = -1
	forAlerts(r, func(i int, ptr string) {
		thr, long := r.Num(ptr+"/threshold_pct"), r.Num(ptr+"/long_window_min")
		if r.Missing || e < thr || e <= 0 {
			return
		}
		if d := thr * long / e; best < 0 || d < best {
			best = d
		}
	})
	if r.Missing || !okS {
		return time.Time{}, false
	}
	if best < 0 || !(best < 1e8) { // never, or beyond what a duration holds
		return time.Time{}, true
	}
	return start.Add(time.Duration(best * float64(time.Minute))), true
}

// bonusHow explains the fire time for a message.
func bonusHow(r *engine.Run) string {
	e, _ := r.A.Num("/bonus/error_ratio_pct")
	var parts []string
	for i := 0; i < r.A.Len("/bonus/alerts"); i++ {
		ptr := "/bonus/alerts/" + strconv.Itoa(i)
		thr, _ := r.A.Num(ptr + "/threshold_pct")
		long, _ := r.A.Num(ptr + "/long_window_min")
		if e >= thr {
			parts = append(parts, fmt.Sprintf("pair %d fires after %s%% × %s min / %s%% = %s min", i+1, num(thr), num(long), num(e), num(thr*long/e)))
		} else {
			parts = append(parts, fmt.Sprintf("pair %d never fires (%s%% < %s%%)", i+1, num(e), num(thr)))
		}
	}
	return strings.Join(parts, "; ")
}
