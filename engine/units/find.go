package units

import (
	"math"
	"sort"
	"strconv"
	"strings"
)

// Match is one quantity found in prose.
type Match struct {
	Q          Quantity
	Start, End int    // byte offsets of Text in the prose
	Text       string // as written: "a quarter of a second"
}

// longestFirst lists the unit spellings longest first, so that "ms" is not
// read as "m" and "requests per second" not as "requests".
var longestFirst = func() []string {
	var s []string
	for k := range spellings {
		s = append(s, k)
	}
	sort.Slice(s, func(i, j int) bool {
		if len(s[i]) != len(s[j]) {
			return len(s[i]) > len(s[j])
		}
		return s[i] < s[j]
	})
	return s
}()

// Find returns every quantity in prose, in order: numbers in digits with
// or without a unit ("99.9", "300 ms", "1h30m"), and numbers in words only
// with a unit ("two minutes", "half a second"), so that "a" alone is not a
// number.
func Find(prose string) []Match {
	var out []Match
	for i := 0; i < len(prose); {
		if i > 0 && (isLetter(prose[i-1]) || isDigit(prose[i-1]) || prose[i-1] == '.') {
			i++
			continue
		}
		m, ok := matchAt(prose, i)
		if !ok {
			i++
			continue
		}
		out = append(out, m)
		i = m.End
	}
	return out
}

// matchAt reads a quantity starting at byte i of s.
func matchAt(s string, i int) (Match, bool) {
	rest := s[i:]
	if isDigit(rest[0]) {
		tok := rest
		if j := strings.IndexAny(tok, " \t\n,;()"); j >= 0 {
			tok = tok[:j]
		}
		tok = strings.TrimRight(tok, ".")
		if q, ok := compound(tok); ok {
			return Match{q, i, i + len(tok), tok}, true
		}
	}
	n, after, ok := number(rest)
	if !ok {
		return Match{}, false
	}
	numEnd := i + len(rest) - len(after)
	u, end, hasUnit := unitAt(s, numEnd)
	if !hasUnit {
		if !isDigit(rest[0]) && !(rest[0] == '-' || rest[0] == '+') {
			return Match{}, false
		}
		return Match{Quantity{Value: n}, i, numEnd, s[i:numEnd]}, true
	}
	return Match{Quantity{Value: n * u.factor, Unit: u.name, Dim: u.dim}, i, end, s[i:end]}, true
}

// unitAt reads the unit spelling at byte i of s after optional spaces, and
// reports where it ends. A spelling must end at a word boundary: "5 so"
// is no unit, and "5 minutes" is not "5 m".
func unitAt(s string, i int) (unit, int, bool) {
	j := i
	for j < len(s) && (s[j] == ' ' || s[j] == '\u00a0') {
		j++
	}
	if strings.HasPrefix(s[j:], "\u00a0") {
		j += len("\u00a0")
	}
	low := strings.ToLower(s[j:])
	for _, sp := range longestFirst {
		if !strings.HasPrefix(low, sp) {
			continue
		}
		end := j + len(sp)
		if end < len(s) && (isLetter(s[end]) || isDigit(s[end])) && isLetter(sp[len(sp)-1]) {
			continue
		}
		return spellings[sp], end, true
	}
	return unit{}, i, false
}

// slips are the factors by which a value is commonly off, with what the
// slip most likely was in a field of each dimension.
var slips = []struct {
	factor float64
	time   string // the slip in a time field, when the factor is one
	other  string
}{
	{1000, "milliseconds written as seconds, or seconds as milliseconds", "milli and kilo mixed up"},
	{3600, "seconds written as hours, or hours as seconds", "per second and per hour mixed up"},
	{1440, "minutes written as days, or days as minutes", "minutes and days mixed up"},
	{100, "", "a fraction written as a percentage, or a percentage as a fraction"},
	{60, "seconds written as minutes, or minutes as seconds (or minutes and hours)", "per second and per minute mixed up"},
	{24, "hours written as days, or days as hours", "hours and days mixed up"},
	{10, "", "a misplaced decimal point"},
	{2, "", "twice or half the value, as with a factor left out"},
}

// Slip names a recognisable slip between a stated and an expected value in
// a field of the given unit: "1000 times too large: milliseconds written
// as seconds?". It returns "" when the ratio is none of the usual ones.
func Slip(stated, want float64, fieldUnitName string) string {
	if stated == 0 || want == 0 || math.Signbit(stated) != math.Signbit(want) {
		return ""
	}
	ratio := stated / want
	large := ratio > 1
	if !large {
		ratio = 1 / ratio
	}
	for _, sl := range slips {
		if math.Abs(ratio-sl.factor) > 0.02*sl.factor {
			continue
		}
		what := sl.other
		if DimOf(fieldUnitName) == Time && sl.time != "" {
			if t := timeSlip(sl.factor, large, fieldUnitName); t != "" {
				what = t
			}
		}
		dir := "too large"
		if !large {
			dir = "too small"
		}
		if !strings.HasSuffix(what, "?") {
			what += "?"
		}
		return formatFactor(sl.factor) + " times " + dir + ": " + what
	}
	return ""
}

// timeSlip says which units a learner likely confused in a time field:
// stated 1000× the expected seconds is milliseconds written as seconds.
func timeSlip(factor float64, large bool, field string) string {
	u, ok := fieldUnit(field)
	if !ok {
		return ""
	}
	// A value too large by factor was written in a unit factor times smaller.
	target := u.factor / factor
	if !large {
		target = u.factor * factor
	}
	for _, name := range []string{"ns", "µs", "ms", "s", "min", "h", "d", "w"} {
		cand := spellings[name]
		if math.Abs(cand.factor-target) <= 1e-9*target {
			return longName(name) + " written as " + longName(u.name) + "?"
		}
	}
	return ""
}

func longName(u string) string {
	switch u {
	case "ns":
		return "nanoseconds"
	case "µs":
		return "microseconds"
	case "ms":
		return "milliseconds"
	case "s":
		return "seconds"
	case "min":
		return "minutes"
	case "h":
		return "hours"
	case "d":
		return "days"
	case "w":
		return "weeks"
	}
	return u
}

func formatFactor(f float64) string { return strconv.FormatFloat(f, 'f', -1, 64) }
