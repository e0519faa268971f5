// Package units reads quantities the way people write them: "250ms",
// "250 ms", "0.25 s", "2 min", "1h30m", "99.9%", "1.5k req/s", "two
// minutes", "a quarter of a second". The engine reads answer fields with
// it, so that a learner may write a duration in any unit, and the katas
// read the numbers in prose with Find.
//
// A Quantity carries its value in the base unit of its dimension (seconds,
// percent, per second), so that any two quantities of one dimension compare
// directly; In converts to the unit a schema field declares (its x-unit).
package units

import (
	"math"
	"strconv"
	"strings"
)

// Dim is the kind of a quantity.
type Dim int

// The dimensions a quantity can have.
const (
	None    Dim = iota // a plain number, no unit written
	Time               // Value in seconds
	Percent            // Value in percent (0.1 % is 0.1)
	Rate               // Value per second
	Count              // Value in items (requests, tokens, instances)
)

// String names the dimension for messages.
func (d Dim) String() string {
	switch d {
	case Time:
		return "a duration"
	case Percent:
		return "a percentage"
	case Rate:
		return "a rate"
	case Count:
		return "a count"
	}
	return "a plain number"
}

// Quantity is a number with the dimension its unit gives it.
type Quantity struct {
	Value float64 // in the dimension's base unit
	Unit  string  // the unit as written, normalised ("ms", "min", "%", "req/s")
	Dim   Dim
}

// unit is one spelling of a unit: its dimension and the factor to the base.
type unit struct {
	dim    Dim
	factor float64
	name   string // the normalised spelling
}

// spellings maps every accepted spelling (lower case) to its unit. Word
// forms ("seconds", "minute") are here so prose reads as fields do.
var spellings = func() map[string]unit {
	m := map[string]unit{}
	add := func(dim Dim, factor float64, name string, alts ...string) {
		for _, a := range append(alts, name) {
			m[a] = unit{dim, factor, name}
		}
	}
	add(Time, 1e-9, "ns", "nanosecond", "nanoseconds")
	add(Time, 1e-6, "µs", "us", "μs", "microsecond", "microseconds")
	add(Time, 1e-3, "ms", "msec", "msecs", "millisecond", "milliseconds")
	add(Time, 1, "s", "sec", "secs", "second", "seconds")
	add(Time, 60, "min", "m", "mins", "minute", "minutes")
	add(Time, 3600, "h", "hr", "hrs", "hour", "hours")
	add(Time, 86400, "d", "day", "days")
	add(Time, 7*86400, "w", "wk", "week", "weeks")
	add(Percent, 1, "%", "percent", "pct")
	add(Rate, 1, "req/s", "rps", "/s", "per second", "requests/s", "reqs/s", "qps", "ops/s", "tokens/s", "events/s", "msg/s", "jobs/s", "requests per second", "per sec")
	add(Rate, 1.0/60, "req/min", "rpm", "/min", "per minute", "requests/min", "requests per minute", "ops/min", "jobs/min")
	add(Rate, 1.0/3600, "req/h", "/h", "per hour", "requests/h", "requests per hour", "jobs/h")
	add(Count, 1, "requests", "request", "req", "reqs", "tokens", "token", "items", "item", "ops", "instances", "instance", "jobs", "events")
	return m
}()

// fieldUnits maps a schema's x-unit to the unit a field's number is in.
// Units a field may declare beyond the spellings above ("% of budget").
func fieldUnit(s string) (unit, bool) {
	s = strings.ToLower(strings.TrimSpace(s))
	if u, ok := spellings[s]; ok {
		return u, true
	}
	switch {
	case s == "fraction":
		return unit{Percent, 100, "fraction"}, true
	case strings.HasPrefix(s, "% of"), strings.HasPrefix(s, "percent"):
		return unit{Percent, 1, "%"}, true
	case strings.HasSuffix(s, "/s"):
		return unit{Rate, 1, s}, true
	}
	return unit{}, false
}

// Parse reads one quantity: a number (digits, or a word such as "two" or
// "a quarter of a") followed by an optional unit, or a Go-style duration
// ("1h30m", "2m30s"). It reports false when s is not one quantity.
func Parse(s string) (Quantity, bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return Quantity{}, false
	}
	if q, ok := compound(s); ok {
		return q, true
	}
	n, rest, ok := number(s)
	if !ok {
		return Quantity{}, false
	}
	rest = strings.TrimSpace(rest)
	if rest == "" {
		// A number in words needs its unit: "a" alone is no quantity.
		_, _, inDigits := digits(s)
		return Quantity{Value: n, Dim: None}, inDigits
	}
	u, ok := spellings[strings.ToLower(rest)]
	if !ok {
		return Quantity{}, false
	}
	return Quantity{Value: n * u.factor, Unit: u.name, Dim: u.dim}, true
}

// In converts q to the unit a field declares (an x-unit such as "ms", "s",
// "min", "days", "%", "% of budget", "fraction", "req/s"). A plain number
// is taken to be in that unit already. It reports false when q is of
// another dimension or the field's unit is not one it knows.
func In(q Quantity, fieldUnitName string) (float64, bool) {
	if q.Dim == None {
		return q.Value, true
	}
	u, ok := fieldUnit(fieldUnitName)
	if !ok || u.dim != q.Dim {
		return 0, false
	}
	return q.Value / u.factor, true
}

// DimOf says which dimension a field's x-unit has (None when it is not
// a unit these rules know, e.g. "ISO 8601 with zone").
func DimOf(fieldUnitName string) Dim {
	u, ok := fieldUnit(fieldUnitName)
	if !ok {
		return None
	}
	return u.dim
}

// Format writes a value in a field's unit for a message: "0.25 s".
func Format(v float64, fieldUnitName string) string {
	// Four decimals, as messages write numbers; small values keep four
	// significant digits, so that 0.00025 s does not read as 0.0003.
	s := strconv.FormatFloat(math.Round(v*1e4)/1e4, 'f', -1, 64)
	if a := math.Abs(v); a != 0 && a < 0.01 {
		s = strconv.FormatFloat(v, 'g', 4, 64)
	}
	switch fieldUnitName {
	case "", "fraction":
		return s
	case "%":
		return s + "%"
	}
	return s + " " + fieldUnitName
}

// compound reads a Go-style duration of two or more parts ("1h30m",
// "2m30s", "1h 30m"); single-part forms go through the general path.
func compound(s string) (Quantity, bool) {
	t := strings.ReplaceAll(s, " ", "")
	parts := 0
	total := 0.0
	for t != "" {
		n, rest, ok := digits(t)
		if !ok {
			return Quantity{}, false
		}
		j := 0
		for j < len(rest) && (rest[j] >= 'a' && rest[j] <= 'z' || rest[j] == 'µ') {
			j++
		}
		u, ok := spellings[rest[:j]]
		if !ok || u.dim != Time {
			return Quantity{}, false
		}
		total += n * u.factor
		parts++
		t = rest[j:]
	}
	if parts < 2 {
		return Quantity{}, false
	}
	return Quantity{Value: total, Unit: "s", Dim: Time}, true
}
