package slo

import (
	"bytes"
	"fmt"
	"github.com/katabook/katabook/engine"
	"github.com/katabook/katabook/engine/kata/burn"
	"regexp"
	"sort"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"
)

// From a passing SLO document the kata generates what a team deploys: the
// Prometheus recording and multiwindow burn-rate alerting rules, and an
// OpenSLO v1 description of the same objectives.

var sloExports = []engine.Exporter{
	{Format: "prometheus", Title: "Prometheus rules", Ext: "rules.yml", Build: prometheusRules},
	{Format: "openslo", Title: "OpenSLO v1", Ext: "openslo.yaml", Build: openSLO},
}

var slugRE = regexp.MustCompile(`[^a-z0-9]+`)

// slug makes a DNS-style name (RFC 1123 label) from free text.
func slug(s string) string {
	out := strings.Trim(slugRE.ReplaceAllString(strings.ToLower(s), "-"), "-")
	if len(out) > 40 {
		out = strings.Trim(out[:40], "-")
	}
	if out == "" {
		out = "api"
	}
	return out
}

// sloSpec is what the exports need of one SLI.
type sloSpec struct {
	sli, name, query, dialect, good, total string
	target, window                         float64
	bucket                                 time.Duration
}

func sloSpecs(a *engine.Answer) []sloSpec {
	api, _ := a.Str("/api/name")
	var out []sloSpec
	for _, s := range sliNames {
		x := sloSpec{sli: s, name: slug(api) + "-" + s}
		x.query, _ = a.Str(sp(s, "query"))
		x.dialect, _ = a.Str(sp(s, "dialect"))
		x.good, _ = a.Str(sp(s, "good"))
		x.total, _ = a.Str(sp(s, "total"))
		x.target, _ = a.Num(sp(s, "target_pct"))
		x.window, _ = a.Num(sp(s, "window_days"))
		b, _ := a.Str(sp(s, "bucket"))
		x.bucket, _ = burn.ParseDuration(b)
		if x.bucket == 0 {
			x.bucket = time.Minute
		}
		out = append(out, x)
	}
	return out
}

type alertSpec struct {
	name, action string
	long, short  time.Duration
	burn         float64
}

func alertSpecs(a *engine.Answer, window float64) []alertSpec {
	var out []alertSpec
	for _, al := range alertNames {
		spent, _ := a.Num(sp("alerts", al.name, "budget_spent_pct"))
		ls, _ := a.Str(sp("alerts", al.name, "long_window"))
		long, _ := burn.ParseDuration(ls)
		short := long / 12
		if ss, ok := a.Str(sp("alerts", al.name, "short_window")); ok {
			if d, err := burn.ParseDuration(ss); err == nil {
				short = d
			}
		}
		action, _ := a.Str(sp("alerts", al.name, "action"))
		out = append(out, alertSpec{al.name, action, long, short, burn.Rate(spent/100, window*24, long.Hours())})
	}
	return out
}

type promRule struct {
	Record      string            `yaml:"record,omitempty"`
	Alert       string            `yaml:"alert,omitempty"`
	Expr        string            `yaml:"expr"`
	For         string            `yaml:"for,omitempty"`
	Labels      map[string]string `yaml:"labels,omitempty"`
	Annotations map[string]string `yaml:"annotations,omitempty"`
}

type promGroup struct {
	Name  string     `yaml:"name"`
	Rules []promRule `yaml:"rules"`
}

// recordName is the recording rule of an SLI's error ratio over a window,
// in Prometheus's level:metric:operations naming.
func recordName(d time.Duration) string { return "slo:sli_error:ratio_rate" + burn.FormatDuration(d) }

// prometheusRules writes, for every PromQL SLI, a recording rule of its
// error ratio (1 − good/total) over each alert window, and the fast and
// slow multiwindow burn-rate alerts: both the long and the short window
// must burn faster than the threshold, so an alert fires quickly and stops
// soon after the burn stops.
func prometheusRules(meta engine.Meta, a *engine.Answer, _ engine.Params) ([]byte, error) {
	var groups []promGroup
	var skipped []string
	for _, s := range sloSpecs(a) {
		if s.dialect != "promql" {
			continue
		}
		alerts := alertSpecs(a, s.window)
		g := promGroup{Name: "slo-" + s.name}
		var windows []time.Duration
		seen := map[time.Duration]bool{}
		for _, al := range alerts {
			for _, d := range []time.Duration{al.short, al.long} {
				if !seen[d] {
					seen[d] = true
					windows = append(windows, d)
				}
			}
		}
		sort.Slice(windows, func(i, j int) bool { return windows[i] < windows[j] })
		for _, d := range windows {
			q, err := withRange(s.query, d, s.bucket)
			if err != nil {
				return nil, fmt.Errorf("%s query: %w", s.sli, err)
			}
			g.Rules = append(g.Rules, promRule{Record: recordName(d), Expr: "1 - (" + q + ")",
				Labels: map[string]string{"slo": s.name}})
		}
		budget := 1 - s.target/100
		for _, al := range alerts {
			thr := burn.Threshold(al.burn, s.target)
			if thr >= 1 {
				skipped = append(skipped, fmt.Sprintf("# No %s %s alert: burn %s on %s%% needs %s%% errors, so it could never fire.\n",
					s.sli, al.name, num(al.burn), num(s.target), num(thr*100)))
				continue
			}
			sel := `{slo="` + s.name + `"}`
			g.Rules = append(g.Rules, promRule{
				Alert: alertName(s.name, al.name),
				Expr: fmt.Sprintf("%s%s > %s\nand\n%s%s > %s", recordName(al.long), sel, num6(thr),
					recordName(al.short), sel, num6(thr)),
				Labels: map[string]string{"severity": al.action, "slo": s.name, "window": burn.FormatDuration(al.long)},
				Annotations: map[string]string{
					"summary": fmt.Sprintf("%s SLO of %s is burning its error budget %s times too fast", s.sli, apiName(a, meta), num(al.burn)),
					"description": fmt.Sprintf("The error ratio is above %s (burn rate %s × budget %s) over both %s and %s: at this rate the %s-day budget of the %s%% target lasts %s hours.",
						num6(thr), num(al.burn), num6(budget), burn.FormatDuration(al.long), burn.FormatDuration(al.short), num(s.window), num(s.target), num(burn.HoursToExhaust(al.burn, s.window*24))),
				},
			})
		}
		groups = append(groups, g)
	}
	if len(groups) == 0 {
		return nil, fmt.Errorf("no SLI is written in PromQL, so there are no Prometheus rules to generate")
	}
	var b bytes.Buffer
	fmt.Fprintf(&b, "# Prometheus rules generated by katabook from the SLO document of %s.\n", apiName(a, meta))
	fmt.Fprintf(&b, "# Check them with: promtool check rules FILE\n")
	for _, line := range skipped {
		b.WriteString(line)
	}
	if err := encodeYAML(&b, map[string]any{"groups": groups}); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

func apiName(a *engine.Answer, meta engine.Meta) string {
	if n, ok := a.Str("/api/name"); ok {
		return n
	}
	return meta.Subject
}

// alertName is a CamelCase alert name: WeatherApiAvailabilityFastBurn.
func alertName(slo, alert string) string {
	var b strings.Builder
	for _, part := range strings.Split(slo+"-"+alert+"-burn", "-") {
		if part != "" {
			b.WriteString(strings.ToUpper(part[:1]) + part[1:])
		}
	}
	return b.String()
}

// num6 writes a threshold with up to six decimals.
func num6(f float64) string {
	s := fmt.Sprintf("%.6f", f)
	s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	return s
}

func encodeYAML(b *bytes.Buffer, v any) error {
	enc := yaml.NewEncoder(b)
	enc.SetIndent(2)
	if err := enc.Encode(v); err != nil {
		return err
	}
	return enc.Close()
}

// openSLO writes an OpenSLO v1 Service and one SLO per SLI. PromQL ratios
// are split into their good and total queries; other dialects keep the
// whole ratio as a raw success-ratio query.
func openSLO(meta engine.Meta, a *engine.Answer, _ engine.Params) ([]byte, error) {
	api := apiName(a, meta)
	svc := slug(api)
	serves, _ := a.Str("/api/serves")
	docs := []any{map[string]any{
		"apiVersion": "openslo/v1",
		"kind":       "Service",
		"metadata":   map[string]any{"name": svc, "displayName": api},
		"spec":       map[string]any{"description": serves},
	}}
	for _, s := range sloSpecs(a) {
		source := map[string]string{"promql": "Prometheus", "cloudwatch": "CloudWatch", "datadog": "Datadog"}[s.dialect]
		metric := func(q string) map[string]any {
			return map[string]any{"metricSource": map[string]any{"type": source, "spec": map[string]any{"query": q}}}
		}
		var ratio map[string]any
		if q, err := parseSLI(s.query); s.dialect == "promql" && err == nil && q.good != nil {
			ratio = map[string]any{"counter": len(ranges(q.expr)) > 0, "good": metric(q.good.String()), "total": metric(q.total.String())}
		} else {
			ratio = map[string]any{"counter": false, "rawType": "success", "raw": metric(s.query)}
		}
		var conditions []any
		for _, al := range alertSpecs(a, s.window) {
			conditions = append(conditions, map[string]any{
				"kind":     "AlertCondition",
				"metadata": map[string]any{"name": s.name + "-" + al.name + "-burn"},
				"spec": map[string]any{
					"severity": al.action,
					"condition": map[string]any{"kind": "burnrate", "op": "gte", "threshold": al.burn,
						"lookbackWindow": burn.FormatDuration(al.long), "alertAfter": burn.FormatDuration(al.short)},
				},
			})
		}
		docs = append(docs, map[string]any{
			"apiVersion": "openslo/v1",
			"kind":       "SLO",
			"metadata":   map[string]any{"name": s.name, "displayName": api + " " + s.sli},
			"spec": map[string]any{
				"description": "good: " + s.good + "; total: " + s.total,
				"service":     svc,
				"indicator": map[string]any{
					"metadata": map[string]any{"name": s.name + "-sli"},
					"spec":     map[string]any{"ratioMetric": ratio},
				},
				"timeWindow":      []any{map[string]any{"duration": num(s.window) + "d", "isRolling": true}},
				"budgetingMethod": "Occurrences",
				"objectives":      []any{map[string]any{"displayName": s.sli, "target": roundTo(s.target/100, 9)}},
				"alertPolicies": []any{map[string]any{
					"kind":     "AlertPolicy",
					"metadata": map[string]any{"name": s.name + "-burn-rate"},
					"spec":     map[string]any{"alertWhenBreaching": true, "conditions": conditions},
				}},
			},
		})
	}
	var b bytes.Buffer
	fmt.Fprintf(&b, "# OpenSLO v1 generated by katabook from the SLO document of %s.\n", api)
	for _, d := range docs {
		b.WriteString("---\n")
		if err := encodeYAML(&b, d); err != nil {
			return nil, err
		}
	}
	return b.Bytes(), nil
}

func roundTo(f float64, digits int) float64 {
	p := 1.0
	for i := 0; i < digits; i++ {
		p *= 10
	}
	return float64(int64(f*p+0.5)) / p
}
