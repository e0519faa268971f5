// Package model holds the few names of github.com/prometheus/common/model
// that the PromQL parser uses: durations and label-name validation. The
// upstream package also defines the exposition formats and imports protobuf,
// which the parser never needs. The code below is copied from
// prometheus/common v0.72.1 (Apache License 2.0, see ../LICENSE);
// model_test.go checks it against the upstream package.
package model

import (
	"errors"
	"fmt"
	"strconv"
	"time"
	"unicode/utf8"
)

// Duration wraps time.Duration. It is used to parse the custom duration
// format from YAML. This type should not propagate beyond the scope of input
// and output processing.
type Duration time.Duration

// ValidationScheme is the set of rules a label name must follow.
type ValidationScheme int

const (
	// UnsetValidation is the zero scheme; it validates nothing.
	UnsetValidation ValidationScheme = iota
	// LegacyValidation allows [a-zA-Z_][a-zA-Z0-9_]* label names.
	LegacyValidation
	// UTF8Validation allows any non-empty valid UTF-8 label name.
	UTF8Validation
)

// IsValidLabelName reports whether labelName is valid under the scheme.
func (s ValidationScheme) IsValidLabelName(labelName string) bool {
	switch s {
	case LegacyValidation:
		if len(labelName) == 0 {
			return false
		}
		for i, b := range labelName {
			// TODO: Apply De Morgan's law. Make sure there are tests for this.
			if !((b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || b == '_' || (b >= '0' && b <= '9' && i > 0)) { //nolint:staticcheck
				return false
			}
		}
		return true
	case UTF8Validation:
		if len(labelName) == 0 {
			return false
		}
		return utf8.ValidString(labelName)
	default:
		panic(fmt.Sprintf("Invalid name validation scheme requested: %s", s))
	}
}

func isdigit(c byte) bool { return c >= '0' && c <= '9' }

// Units are required to go in order from biggest to smallest.
// This guards against confusion from "1m1d" being 1 minute + 1 day, not 1 month + 1 day.
var unitMap = map[string]struct {
	pos  int
	mult uint64
}{
	"ms": {7, uint64(time.Millisecond)},
	"s":  {6, uint64(time.Second)},
	"m":  {5, uint64(time.Minute)},
	"h":  {4, uint64(time.Hour)},
	"d":  {3, uint64(24 * time.Hour)},
	"w":  {2, uint64(7 * 24 * time.Hour)},
	"y":  {1, uint64(365 * 24 * time.Hour)},
}

// ParseDuration parses a string into a time.Duration, assuming that a year
// always has 365d, a week always has 7d, and a day always has 24h.
// Negative durations are not supported.
func ParseDuration(s string) (Duration, error) {
	switch s {
	case "0":
		// Allow 0 without a unit.
		return 0, nil
	case "":
		return 0, errors.New("empty duration string")
	}

	orig := s
	var dur uint64
	lastUnitPos := 0

	for s != "" {
		if !isdigit(s[0]) {
			return 0, fmt.Errorf("not a valid duration string: %q", orig)
		}
		// Consume [0-9]*
		i := 0
		for ; i < len(s) && isdigit(s[i]); i++ {
		}
		v, err := strconv.ParseUint(s[:i], 10, 0)
		if err != nil {
			return 0, fmt.Errorf("not a valid duration string: %q", orig)
		}
		s = s[i:]

		// Consume unit.
		for i = 0; i < len(s) && !isdigit(s[i]); i++ {
		}
		if i == 0 {
			return 0, fmt.Errorf("not a valid duration string: %q", orig)
		}
		u := s[:i]
		s = s[i:]
		unit, ok := unitMap[u]
		if !ok {
			return 0, fmt.Errorf("unknown unit %q in duration %q", u, orig)
		}
		if unit.pos <= lastUnitPos { // Units must go in order from biggest to smallest.
			return 0, fmt.Errorf("not a valid duration string: %q", orig)
		}
		lastUnitPos = unit.pos
		// Check if the provided duration overflows time.Duration (> ~ 290years).
		if v > 1<<63/unit.mult {
			return 0, errors.New("duration out of range")
		}
		dur += v * unit.mult
		if dur > 1<<63-1 {
			return 0, errors.New("duration out of range")
		}
	}

	return Duration(dur), nil
}

func (d Duration) String() string {
	var (
		ms   = int64(time.Duration(d) / time.Millisecond)
		r    = ""
		sign = ""
	)

	if ms == 0 {
		return "0s"
	}

	if ms < 0 {
		sign, ms = "-", -ms
	}

	f := func(unit string, mult int64, exact bool) {
		if exact && ms%mult != 0 {
			return
		}
		if v := ms / mult; v > 0 {
			r += fmt.Sprintf("%d%s", v, unit)
			ms -= v * mult
		}
	}

	// Only format years and weeks if the remainder is zero, as it is often
	// easier to read 90d than 12w6d.
	f("y", 1000*60*60*24*365, true)
	f("w", 1000*60*60*24*7, true)

	f("d", 1000*60*60*24, false)
	f("h", 1000*60*60, false)
	f("m", 1000*60, false)
	f("s", 1000, false)
	f("ms", 1, false)

	return sign + r
}

func (s ValidationScheme) String() string {
	switch s {
	case LegacyValidation:
		return "legacy"
	case UTF8Validation:
		return "utf8"
	}
	return "unset"
}
