package slo

import (
	"github.com/katabook/katabook/engine/kata/burn"
	"testing"
	"time"
)

// Real-world SLI queries, the shapes the SRE workbook, Sloth and Pyrra use.
func TestParseRealWorldSLIs(t *testing.T) {
	tests := []struct {
		name, query         string
		family              string
		ranges              []time.Duration
		excludes5xx, bucket bool
	}{
		{"availability from a request counter",
			`sum(rate(http_requests_total{job="api",code!~"5.."}[1m])) / sum(rate(http_requests_total{job="api"}[1m]))`,
			"http_requests_total", []time.Duration{time.Minute, time.Minute}, true, false},
		{"availability with a status class label",
			`sum(increase(nginx_requests_total{status_class!="5xx"}[5m])) / sum(increase(nginx_requests_total[5m]))`,
			"nginx_requests_total", []time.Duration{5 * time.Minute, 5 * time.Minute}, true, false},
		{"histogram latency",
			`sum by (service) (rate(http_request_duration_seconds_bucket{le="0.3",code=~"2..|3.."}[1m])) / sum by (service) (rate(http_request_duration_seconds_count[1m]))`,
			"http_request_duration_seconds", []time.Duration{time.Minute, time.Minute}, true, true},
		{"freshness from a timestamp gauge",
			`count((time() - forecast_last_refresh_timestamp_seconds) < 900) / count(forecast_last_refresh_timestamp_seconds)`,
			"forecast_last_refresh_timestamp_seconds", nil, false, false},
		{"cache hits over a subquery",
			`sum(rate(cache_requests_total{result="hit"}[1m])) / sum(rate(cache_requests_total[1m]))`,
			"cache_requests_total", []time.Duration{time.Minute, time.Minute}, false, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			q, err := parseSLI(tt.query)
			if err != nil {
				t.Fatal(err)
			}
			if q.good == nil {
				t.Fatal("not split into good / total")
			}
			if f := families(q.expr); len(f) != 1 || f[0] != tt.family {
				t.Errorf("families %v, want [%s]", f, tt.family)
			}
			if m := missingMatchers(q.good, q.total); len(m) != 0 {
				t.Errorf("good lacks total's %v", m)
			}
			if got := ranges(q.expr); len(got) != len(tt.ranges) {
				t.Errorf("ranges %v, want %v", got, tt.ranges)
			}
			if got := excludesServerErrors(q.good); got != tt.excludes5xx {
				t.Errorf("excludes 5xx = %v, want %v", got, tt.excludes5xx)
			}
			if got := readsBuckets(q.good); got != tt.bucket {
				t.Errorf("reads buckets = %v, want %v", got, tt.bucket)
			}
		})
	}
}

// Queries that MetricsQL would take but Prometheus rejects: the kata must
// reject them too, since the rules it generates run in Prometheus.
func TestRejectsNonPromQL(t *testing.T) {
	for _, q := range []string{
		`rate(http_requests_total)`,
		`sum(rate(x[1m])) / sum(rate(x[1m])) default 0`,
		`sum(rate(x[1i]))`,
		`sum(rate(x{code!~"5.."}[1m]) / sum(rate(x[1m]))`,
	} {
		if _, err := parsePromQL(q); err == nil {
			t.Errorf("%s parsed; Prometheus rejects it", q)
		}
	}
}

func TestWithRange(t *testing.T) {
	got, err := withRange(`sum(rate(x{a="b"}[1m])) / sum(rate(x[1m]))`, time.Hour, time.Minute)
	if err != nil || got != `sum(rate(x{a="b"}[1h])) / sum(rate(x[1h]))` {
		t.Errorf("withRange = %q, %v", got, err)
	}
	got, _ = withRange(`count(g < 5) / count(g)`, 30*time.Minute, time.Minute)
	if got != `avg_over_time((count(g < 5) / count(g))[30m:1m])` {
		t.Errorf("gauge withRange = %q", got)
	}
}

func TestDurations(t *testing.T) {
	for s, d := range map[string]time.Duration{"5m": 5 * time.Minute, "1h": time.Hour, "30m": 30 * time.Minute, "3d": 72 * time.Hour, "90s": 90 * time.Second} {
		got, err := burn.ParseDuration(s)
		if err != nil || got != d {
			t.Errorf("burn.ParseDuration(%s) = %v, %v", s, got, err)
		}
		if f := burn.FormatDuration(d); f != s {
			t.Errorf("burn.FormatDuration(%v) = %s, want %s", d, f, s)
		}
	}
	if _, err := burn.ParseDuration("1h30m"); err == nil {
		t.Error("1h30m should be refused: one unit only")
	}
}

func FuzzParseSLI(f *testing.F) {
	f.Add(`sum(rate(x{code!~"5.."}[1m])) / sum(rate(x[1m]))`)
	f.Add(`count(time() - g < 900) / count(g)`)
	f.Fuzz(func(t *testing.T, q string) {
		s, err := parseSLI(q)
		if err != nil {
			return
		}
		_ = families(s.expr)
		_ = excludesServerErrors(s.expr)
		if s.good != nil {
			_ = missingMatchers(s.good, s.total)
		}
		_, _ = withRange(q, time.Hour, time.Minute)
	})
}
