package report

import (
	_ "embed"
	"fmt"
	"html/template"
	"io"
	"math"
	"strings"
)

//go:embed report.html
var pageSource string

//go:embed report.css
var ownStyle []byte

var page = template.Must(template.New("report").Funcs(template.FuncMap{
	"passChart": passChart,
	"timeChart": timeChart,
	"ruleChart": func(r *Report) template.HTML { return ruleChart(r, 12) },
	"pct":       percent,
	"dur":       duration,
	"num":       func(f float64) string { return fmt.Sprint(f) },
	"anchor":    func(id string) string { return strings.NewReplacer("/", "-", " ", "-").Replace(id) },
	"passedOf": func(l LearnerStats) string {
		n := 0
		for _, k := range l.Katas {
			if k.Passed {
				n++
			}
		}
		return fmt.Sprintf("%d of %d katas passed", n, len(l.Katas))
	},
}).Parse(pageSource))

// WriteHTML writes index.html.
func (r *Report) WriteHTML(w io.Writer) error {
	if err := page.Execute(w, r); err != nil {
		return fmt.Errorf("report: %w", err)
	}
	return nil
}

// Style is report.css: the course's style sheet (courseCSS) and the
// report's own rules after it.
func Style(courseCSS []byte) []byte {
	return append(append(append([]byte(nil), courseCSS...), '\n'), ownStyle...)
}

// duration writes seconds as m:ss, or "–" for no time.
func duration(s float64) string {
	if s < 0 {
		return "–"
	}
	t := int(math.Round(s))
	return fmt.Sprintf("%d:%02d", t/60, t%60)
}
