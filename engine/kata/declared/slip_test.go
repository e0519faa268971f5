package declared

import "testing"

func TestMeantNeedsEveryDerivedAnswerToAgreeOnOneSlip(t *testing.T) {
	tests := []struct {
		name    string
		stated  float64
		implied []any
		need    int
		want    float64
	}{
		{"W in ms, three answers agree", 12, []any{0.012, 0.012, 0.01199}, 2, 0.012},
		{"λ per minute", 1800, []any{30.0, 30.0, 29.94}, 2, 30},
		{"one answer disagrees", 12, []any{0.012, 0.012, 12.0}, 2, 0},
		{"the stated value is right", 0.25, []any{0.25, 0.25}, 2, 0},
		{"a factor no one slips by", 0.5, []any{0.25, 0.25}, 2, 0},
		{"too few given", 12, []any{0.012, 0.0, nil}, 2, 0},
		{"one is enough when asked", 0.2, []any{200.0}, 1, 200},
		{"infinite and NaN are not given", 1000, []any{100.0, 100.0, 1.0 / zero(), zero() / zero()}, 2, 100},
	}
	for _, tt := range tests {
		if got := meant(tt.stated, tt.implied, tt.need); !approx(got, tt.want, 1e-9, 1e-12) {
			t.Errorf("%s: meant(%v, %v, %d) = %v, want %v", tt.name, tt.stated, tt.implied, tt.need, got, tt.want)
		}
	}
}

func zero() float64 { return 0 }

func TestSlipNameSaysWhatTheNumberLooksLike(t *testing.T) {
	tests := []struct {
		stated, meant float64
		unit, want    string
	}{
		{12, 0.012, "s", "like milliseconds"},
		{0.2, 200, "ms", "like seconds"},
		{2, 120, "s", "like minutes"},
		{1800, 30, "req/s", "like a per-minute rate"},
		{0.5, 30, "req/min", "like a per-second rate"},
		{1000, 100, "req/s", "10 times too large"},
		{10, 100, "req/s", "10 times too small"},
		{5, 0.05, "items", "100 times too large"},
	}
	for _, tt := range tests {
		if got := slipName(tt.stated, tt.meant, tt.unit); got != tt.want {
			t.Errorf("slipName(%v, %v, %q) = %q, want %q", tt.stated, tt.meant, tt.unit, got, tt.want)
		}
	}
}

func TestFindReturnsTheMatchOrNothing(t *testing.T) {
	if got := find("Grafana, P95 latency panel", `(?i)\bp9[059]\b`); got != "P95" {
		t.Errorf("find = %q", got)
	}
	if got := find("mean latency", `(?i)\bp9[059]\b`); got != "" {
		t.Errorf("find = %q", got)
	}
	if got := find("anything", `(`); got != "" {
		t.Errorf("a pattern that does not compile finds nothing, got %q", got)
	}
}

func TestSlipFactorAllowsTheGivenTolerance(t *testing.T) {
	for _, tt := range []struct{ stated, want, tol, f float64 }{
		{2640, 2.71, 0.1, 1000},   // 2.64 is 2.6% from 2.71
		{4320, 79, 0.1, 60},       // 72 is 9.7% from 79
		{4320, 79, 0.05, 0},       // but not 5%
		{10, 10.6, 0.1, 0},        // no slip: Little's law holding
		{0.0104, 10.6, 0.1, 1e-3}, // a factor of 1/1000
		{5, 0, 0.1, 0},            // nothing measured
	} {
		if got := slipFactor(tt.stated, tt.want, tt.tol); !approx(got, tt.f, 1e-9, 0) {
			t.Errorf("slipFactor(%v, %v, %v) = %v, want %v", tt.stated, tt.want, tt.tol, got, tt.f)
		}
	}
}
