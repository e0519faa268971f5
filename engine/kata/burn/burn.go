// Package burn is the arithmetic of error budgets and burn rates that the
// SLO and incident katas share, kept apart from their rules so that tests
// can hold it against the published tables.
package burn

import (
	"fmt"
	"regexp"
	"strconv"
	"time"
)

// WindowMinutes is the length of a window of days in minutes: 43,200 for
// 30 days, 40,320 for 28.
func WindowMinutes(days float64) float64 { return days * 24 * 60 }

// BudgetMinutes is the error budget of a target (in percent) over a window
// of days, as minutes of total unavailability: (1 − target) × window.
func BudgetMinutes(targetPct, days float64) float64 {
	return (1 - targetPct/100) * WindowMinutes(days)
}

// Rate is how many times faster than "exactly on budget" errors must
// arrive to spend budgetShare (a fraction, 0.05 for 5%) of a window of
// windowHours within alertHours: budgetShare × windowHours / alertHours.
// The Google SRE workbook's 30-day table: 2% in 1 h is 14.4, 5% in 6 h is
// 6, 10% in 3 days is 1.
func Rate(budgetShare, windowHours, alertHours float64) float64 {
	return budgetShare * windowHours / alertHours
}

// Threshold is the error ratio at which an alert of the given burn
// rate fires for a target in percent: burn × (1 − target). At or above 1 it
// can never fire: no window holds more than 100% errors.
func Threshold(burn, targetPct float64) float64 {
	return burn * (1 - targetPct/100)
}

// HoursToExhaust is how long a constant burn takes to spend the whole
// budget of a window of windowHours.
func HoursToExhaust(burn, windowHours float64) float64 {
	return windowHours / burn
}

var durationRE = regexp.MustCompile(`^([1-9][0-9]*)(s|m|h|d)$`)

// ParseDuration reads a Prometheus-style single-unit duration (30s, 5m, 1h,
// 3d).
func ParseDuration(s string) (time.Duration, error) {
	m := durationRE.FindStringSubmatch(s)
	if m == nil {
		return 0, fmt.Errorf("%q is not a duration like 5m, 1h or 3d", s)
	}
	n, err := strconv.Atoi(m[1])
	if err != nil || n > 100000 {
		return 0, fmt.Errorf("%q is too long a duration", s)
	}
	unit := map[string]time.Duration{"s": time.Second, "m": time.Minute, "h": time.Hour, "d": 24 * time.Hour}[m[2]]
	return time.Duration(n) * unit, nil
}

// FormatDuration writes a duration the way PromQL does, in its largest
// whole unit: 1h, 5m, 30m, 90s.
func FormatDuration(d time.Duration) string {
	for _, u := range []struct {
		d time.Duration
		s string
	}{{24 * time.Hour, "d"}, {time.Hour, "h"}, {time.Minute, "m"}, {time.Second, "s"}} {
		if d >= u.d && d%u.d == 0 {
			return strconv.FormatInt(int64(d/u.d), 10) + u.s
		}
	}
	return d.String()
}
