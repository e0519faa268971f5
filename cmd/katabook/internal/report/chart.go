package report

import (
	"fmt"
	"html"
	"html/template"
	"slices"
	"strings"
)

// The charts are SVG written here, inline in index.html: no script, so
// they draw under the report's CSP and from disk. Colours are classes of
// the course's style sheet (report.css), which switch with the theme;
// text is 12 px. Every chart's numbers are also in a table beside it.

const (
	chartW   = 640
	labelW   = 190 // the row labels' column
	valueW   = 150 // the values' column, right of the bars
	rowH     = 26
	chartPad = 10
)

// bar is one row of a bar chart: its label, its parts (class and size,
// stacked left to right) out of max, and the text after it.
type bar struct {
	label string
	parts []part
	max   float64
	text  string
}

type part struct {
	class string
	value float64
}

// barChart draws horizontal bars, one row each, with a legend when the
// bars are stacked.
func barChart(title string, rows []bar, legend []part) template.HTML {
	var b strings.Builder
	legendH := 0
	if len(legend) > 0 {
		legendH = rowH
	}
	h := chartPad*2 + legendH + rowH*max(len(rows), 1)
	fmt.Fprintf(&b, `<svg class="chart report-chart" viewBox="0 0 %d %d" role="img" aria-label="%s"><title>%s</title>`,
		chartW, h, html.EscapeString(title), html.EscapeString(title))
	x0, span := float64(labelW), float64(chartW-labelW-valueW)
	if len(rows) == 0 {
		fmt.Fprintf(&b, `<text class="tick" x="%d" y="%d">nothing to show</text>`, chartPad, chartPad+16)
	}
	for i, r := range rows {
		y := chartPad + legendH + i*rowH
		fmt.Fprintf(&b, `<text class="tick" x="%d" y="%d" text-anchor="end">%s</text>`, labelW-8, y+17, html.EscapeString(clip(r.label, 28)))
		fmt.Fprintf(&b, `<rect class="track" x="%g" y="%d" width="%g" height="%d"/>`, x0, y+5, span, rowH-10)
		x := x0
		for _, p := range r.parts {
			if r.max <= 0 || p.value <= 0 {
				continue
			}
			w := span * p.value / r.max
			fmt.Fprintf(&b, `<rect class="%s" x="%.1f" y="%d" width="%.1f" height="%d"/>`, p.class, x, y+5, w, rowH-10)
			x += w
		}
		fmt.Fprintf(&b, `<text class="tick" x="%g" y="%d">%s</text>`, x0+span+8, y+17, html.EscapeString(r.text))
	}
	x := float64(labelW)
	for _, l := range legend {
		fmt.Fprintf(&b, `<rect class="%s" x="%.0f" y="%d" width="12" height="12"/>`, l.class, x, chartPad+4)
		label := map[string]string{"b0": "≤ ½ limit", "b1": "≤ ¾", "b2": "≤ limit", "b3": "over"}[l.class]
		fmt.Fprintf(&b, `<text class="tick" x="%.0f" y="%d">%s</text>`, x+16, chartPad+15, label)
		x += 90
	}
	b.WriteString(`</svg>`)
	return template.HTML(b.String())
}

func clip(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}

// passChart is the share of each kata's learners with a passing submission.
func passChart(r *Report) template.HTML {
	var rows []bar
	for _, k := range r.Katas {
		rows = append(rows, bar{label: k.ID, parts: []part{{"bar pass", float64(k.Passed)}}, max: float64(max(k.Learners, 1)),
			text: fmt.Sprintf("%d of %d (%s)", k.Passed, k.Learners, percent(k.PassRate))})
	}
	return barChart("Learners with a passing submission, per kata", rows, nil)
}

// ruleChart is the rules that hit the most learners, across the cohort.
func ruleChart(r *Report, n int) template.HTML {
	var rows []bar
	most := 1
	for _, rs := range r.Rules {
		most = max(most, rs.Learners)
	}
	for _, rs := range topByLearners(r.Rules, n) {
		rows = append(rows, bar{label: rs.ID, parts: []part{{"bar fail", float64(rs.Learners)}}, max: float64(most),
			text: fmt.Sprintf("%d learners, %d files", rs.Learners, rs.Submissions)})
	}
	return barChart(fmt.Sprintf("The %d rules that failed for the most learners", len(rows)), rows, nil)
}

// timeChart is each kata's timed submissions by their time against the
// kata's limit.
func timeChart(r *Report) template.HTML {
	var rows []bar
	for _, k := range r.Katas {
		row := bar{label: k.ID, max: float64(max(k.Timed, 1)), text: fmt.Sprintf("%d timed, %d over", k.Timed, k.OverLimit)}
		for i, n := range k.Buckets {
			row.parts = append(row.parts, part{fmt.Sprintf("b%d", i), float64(n)})
		}
		rows = append(rows, row)
	}
	return barChart("Time taken against each kata's limit (timed submissions)", rows, []part{{"b0", 0}, {"b1", 0}, {"b2", 0}, {"b3", 0}})
}

func topByLearners(rules []RuleStats, n int) []RuleStats {
	s := slices.Clone(rules)
	// Stable: rules with as many learners keep the course's order.
	slices.SortStableFunc(s, func(a, b RuleStats) int { return b.Learners - a.Learners })
	return s[:min(len(s), n)]
}

func percent(f float64) string { return fmt.Sprintf("%.0f%%", 100*f) }
