package incident

import (
	"fmt"
	"github.com/katabook/katabook/engine"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// Timestamps and the timeline of the incident kata, read once per rule
// from the answer: the rules reason about entries, not about raw YAML.

// stampRE is ISO 8601 date and time with an optional zone: the date, T (or
// a space), hours and minutes, optional seconds and fraction, then Z, an
// offset (+hh, +hhmm, +hh:mm) or UTC.
var stampRE = regexp.MustCompile(`^(\d{4}-\d{2}-\d{2})[Tt ](\d{2}:\d{2})(:\d{2}(?:\.\d+)?)?\s*(Z|z|UTC|[+-]\d{2}(?::?\d{2})?)?$`)

// stampProblem says what is wrong with a timestamp.
type stampProblem int

const (
	stampOK stampProblem = iota
	stampBad
	stampNoZone
)

// parseStamp reads an ISO 8601 timestamp that must carry a zone.
func parseStamp(s string) (time.Time, stampProblem) {
	m := stampRE.FindStringSubmatch(strings.TrimSpace(s))
	if m == nil {
		return time.Time{}, stampBad
	}
	sec := m[3]
	if sec == "" {
		sec = ":00"
	}
	zone := m[4]
	switch {
	case zone == "":
		// Still parse it, so that a bad date is reported as bad rather than zoneless.
		if _, err := time.Parse("2006-01-02T15:04:05", m[1]+"T"+m[2]+sec[:3]); err != nil {
			return time.Time{}, stampBad
		}
		return time.Time{}, stampNoZone
	case zone == "z" || zone == "UTC":
		zone = "Z"
	case len(zone) == 3:
		zone += ":00"
	case len(zone) == 5:
		zone = zone[:3] + ":" + zone[3:]
	}
	t, err := time.Parse(time.RFC3339Nano, m[1]+"T"+m[2]+sec+zone)
	if err != nil {
		return time.Time{}, stampBad
	}
	return t, stampOK
}

// stampAt reads a timestamp the rule needs: a missing one marks the run
// skipped; a bad one is reported by incident/timestamp, so ok is false.
func stampAt(r *engine.Run, ptr string) (time.Time, bool) {
	r.Uses(ptr) // a finding that rests on this time follows from an error on it
	s, ok := r.A.Str(ptr)
	if !ok {
		r.Missing = true
		return time.Time{}, false
	}
	t, p := parseStamp(s)
	return t, p == stampOK
}

// parseDay reads a due date: YYYY-MM-DD, or a full timestamp.
func parseDay(s string) (y int, m time.Month, d int, ok bool) {
	s = strings.TrimSpace(s)
	if t, err := time.Parse("2006-01-02", s); err == nil {
		y, m, d = t.Date()
		return y, m, d, true
	}
	if t, p := parseStamp(s); p == stampOK {
		y, m, d = t.Date()
		return y, m, d, true
	}
	return 0, 0, 0, false
}

// incEntry is one timeline entry as the rules see it.
type incEntry struct {
	i       int // 0-based index in the timeline
	ptr     string
	raw     string // the timestamp as written
	at      time.Time
	timed   bool // at parsed, with a zone
	phase   string
	role    string
	action  string
	channel string
	pages   string
	pageCan string
	kind    string
	reason  string
	stops   string
	effects string

	declares, fixes     bool
	fully, fullyAnswerd bool
}

func (e incEntry) field(name string) string { return e.ptr + "/" + name }

// String names the entry the way messages do: "entry 4 (mitigate at 03:20Z)".
func (e incEntry) String() string {
	if e.phase == "" {
		return fmt.Sprintf("entry %d", e.i+1)
	}
	if e.raw == "" {
		return fmt.Sprintf("entry %d (%s)", e.i+1, e.phase)
	}
	return fmt.Sprintf("entry %d (%s at %s)", e.i+1, e.phase, e.raw)
}

func incEntries(a *engine.Answer) []incEntry {
	// Twenty rules read the timeline: parse it once per check. Callers
	// must not change the entries.
	return a.Derived("incident/entries", func() any {
		es := readEntries(a)
		for _, e := range es {
			if e.phase != "" {
				return es
			}
		}
		return []incEntry(nil) // rows without a phase: the timeline is not begun
	}).([]incEntry)
}

func readEntries(a *engine.Answer) []incEntry {
	n := a.Len("/timeline")
	out := make([]incEntry, 0, n)
	for i := range n {
		e := incEntry{i: i, ptr: "/timeline/" + strconv.Itoa(i)}
		str := func(f string) string { s, _ := a.Str(e.field(f)); return strings.TrimSpace(s) }
		e.raw = str("at")
		e.at, _ = parseStamp(e.raw)
		_, p := parseStamp(e.raw)
		e.timed = p == stampOK
		e.phase, e.role, e.action = str("phase"), str("role"), str("action")
		e.channel, e.pages, e.reason = str("channel"), str("pages"), str("page_reason")
		e.pageCan, e.kind = str("page_can"), str("kind")
		e.stops, e.effects = str("stops"), str("side_effects")
		e.declares, _ = a.Bool(e.field("declares"))
		e.fixes, _ = a.Bool(e.field("fixes_root_cause"))
		e.fully, e.fullyAnswerd = a.Bool(e.field("fully_mitigated"))
		out = append(out, e)
	}
	return out
}

// first returns the first entry of a phase that satisfies ok (nil: any).
func first(es []incEntry, phase string, ok func(incEntry) bool) (incEntry, bool) {
	for _, e := range es {
		if e.phase == phase && (ok == nil || ok(e)) {
			return e, true
		}
	}
	return incEntry{}, false
}

// minutes between two instants, for messages and figures.
func minutes(from, to time.Time) float64 { return to.Sub(from).Minutes() }
