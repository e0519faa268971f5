package incident

import (
	"math"
	"time"

	"github.com/katabook/katabook/engine"
)

// impactStartRule finds the one slip behind three wrong durations: when
// time to detect, mitigate and resolve all count from one and the same
// moment, and that moment is not the impact start written, the start is
// what is off (often written in another zone than the timeline), and the
// durations' findings follow from it.
var impactStartRule = engine.Rule{ID: "incident/impact-start", Severity: engine.Error, Kind: engine.Computed,
	Title: "the durations count from the impact start",
	Help:  "Time to detect, mitigate and resolve are measured from the start of impact. When all of them agree with one another but count from another moment than the start you wrote, the start is what is off (a zone slip is typical: the clock time of one place with the offset of another), and the engine says so at the start rather than at each duration.",
	Pass:  "start: 2026-11-12T02:51:00-05:00 with ttd_min 16 for a detection at 03:07-05:00",
	Fail:  "start: 2026-11-12T02:51:00Z with ttd_min 16 for a detection at 03:07-05:00 (the durations count from 02:51-05:00)",
	Check: func(r *engine.Run) {
		start, ok := stampAt(r, "/postmortem/impact/start")
		if !ok {
			return
		}
		es := incEntries(r.A)
		marks := []struct {
			ptr string
			ok  func(incEntry) bool
			ph  string
		}{
			{"/postmortem/impact/ttd_min", func(incEntry) bool { return true }, "detect"},
			{"/postmortem/impact/ttm_min", func(e incEntry) bool { return e.fully }, "mitigate"},
			{"/postmortem/impact/ttr_min", func(e incEntry) bool { return e.fixes }, "resolve"},
		}
		var implied []time.Time
		var zone *time.Location
		for _, m := range marks {
			d, given := r.A.Num(m.ptr)
			e, found := first(es, m.ph, func(e incEntry) bool { return e.timed && m.ok(e) })
			// Beyond 1e8 minutes (190 years) no duration holds it, and an
			// out-of-range conversion differs natively and under WebAssembly.
			if !given || !found || !(math.Abs(d) < 1e8) {
				continue
			}
			implied = append(implied, e.at.Add(-time.Duration(d*float64(time.Minute))))
			if zone == nil {
				zone = e.at.Location()
			}
		}
		if len(implied) < 2 {
			return
		}
		from := implied[0]
		for _, t := range implied[1:] {
			if math.Abs(t.Sub(from).Minutes()) > 1 {
				return // the durations disagree: each is judged on its own
			}
		}
		off := from.Sub(start)
		if math.Abs(off.Minutes()) <= 1 {
			return
		}
		raw := rawAt(r.A, "/postmortem/impact/start")
		local := from.In(zone)
		msg := "impact start is %s, but your times to detect, mitigate and resolve all count from %s, %s %s"
		args := []any{raw, local.Format(time.RFC3339), fmtMinutes(math.Abs(off.Minutes())), map[bool]string{true: "later", false: "earlier"}[off > 0]}
		if local.Format("15:04") == start.Format("15:04") && local.Format("-07:00") != start.Format("-07:00") {
			msg += ": the same clock time with the timeline's offset (%s), so the start looks written with another zone; write %s"
			args = append(args, local.Format("-07:00"), local.Format(time.RFC3339))
		} else {
			msg += ": correct the start (or the durations, if the start is right)"
		}
		r.Failf("/postmortem/impact/start", msg, args...)
	},
}
