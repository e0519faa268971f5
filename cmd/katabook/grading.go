package main

import (
	"fmt"

	"github.com/katabook/katabook/engine"
	"github.com/katabook/katabook/internal/points"
	"github.com/katabook/katabook/site"
)

// withGrading is eng holding submissions to the course's time limits (for
// over_limit), once every workbook's points are known to name real checks.
func withGrading(eng *engine.Engine, wbs []site.Workbook) (*engine.Engine, error) {
	limits := map[string]int{}
	for _, wb := range wbs {
		limits[wb.Kata] = wb.TimeLimit
		var ids []string
		for _, r := range kataRules(eng, wb.Kata) {
			ids = append(ids, r.ID)
		}
		if err := wb.Points.Check(ids); err != nil {
			return nil, &exitError{code: exitFindings, msg: fmt.Sprintf("build failed:\n%s: %v", wb.File, err)}
		}
	}
	eng, err := eng.WithTimeLimits(limits)
	if err != nil {
		return nil, buildFailed(err)
	}
	return eng, nil
}

// kataRules are a kata's own checks, in course order.
func kataRules(eng *engine.Engine, kata string) []engine.RuleInfo {
	var out []engine.RuleInfo
	for _, r := range eng.Rules() {
		if r.Kata == kata {
			out = append(out, r)
		}
	}
	return out
}

// grading is how the course scores each kata (format.Run.Grading, the
// report's points): a kata without a workbook is pass or fail.
func (e *env) grading() map[string]points.Kata {
	g := map[string]points.Kata{}
	for _, id := range e.engine.Katas() {
		g[id] = points.Kata{Rules: kataRules(e.engine, id)}
	}
	for _, wb := range e.workbooks {
		g[wb.Kata] = points.Kata{Scheme: wb.Points, Rules: kataRules(e.engine, wb.Kata)}
	}
	return g
}
