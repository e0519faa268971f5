package site

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"sort"

	"github.com/katabook/katabook/engine"
)

// courseEngine is the engine of the course: base's katas with the
// parameters the workbooks set under `params:`. Each problem is a build
// error at the line of the parameter (or of `params:`) that causes it.
func courseEngine(base *engine.Engine, pages []*Page) (*engine.Engine, BuildErrors) {
	params := map[string]map[string]any{}
	setBy := map[string]*Page{}
	var errs BuildErrors
	for _, p := range pages {
		if p.Params == nil {
			continue
		}
		if first, ok := setBy[p.Kata]; ok {
			errs = append(errs, BuildError{File: p.File, Line: p.paramsLine(""),
				Msg: fmt.Sprintf("%s sets the params of kata %s too; a course has one set per kata: keep them in one workbook", first.File, p.Kata)})
			continue
		}
		setBy[p.Kata], params[p.Kata] = p, p.Params
	}
	if len(errs) > 0 {
		return nil, errs
	}
	if len(params) == 0 {
		return base, nil
	}
	eng, err := base.WithParams(params)
	if err == nil {
		return eng, nil
	}
	for _, e := range flatten(err) {
		var pe *engine.ParamError
		if !errors.As(e, &pe) || setBy[pe.Kata] == nil {
			return nil, BuildErrors{{File: ".", Line: 1, Msg: e.Error()}}
		}
		p := setBy[pe.Kata]
		errs = append(errs, BuildError{File: p.File, Line: p.paramsLine(pe.Name), Msg: pe.Error()})
	}
	sort.SliceStable(errs, func(i, j int) bool { return errs[i].Line < errs[j].Line })
	return nil, errs
}

// paramsLine is the line of the parameter name in the front matter, or
// of `params:` when name is "" or not set here.
func (p *Page) paramsLine(name string) int {
	if l, ok := p.paramLines[name]; ok {
		return l
	}
	return p.paramsAt
}

// flatten lists the errors joined in err (errors.Join), or err itself.
func flatten(err error) []error {
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		var out []error
		for _, e := range j.Unwrap() {
			out = append(out, flatten(e)...)
		}
		return out
	}
	return []error{err}
}

// CourseEngine is the engine that checks a course's submissions: base's
// katas with the parameters the course's workbooks set. `katabook check
// --content DIR` uses it, so that CI holds submissions to the numbers the
// course's pages show.
func CourseEngine(content fs.FS, base *engine.Engine) (*engine.Engine, error) {
	pages, _, loadErrs, err := loadPages(content)
	if err != nil {
		return nil, err
	}
	if len(loadErrs) > 0 {
		return nil, loadErrs
	}
	eng, errs := courseEngine(base, pages)
	if len(errs) > 0 {
		return nil, errs
	}
	return eng, nil
}

// paramsJSON writes every kata's parameter values for the page's engine.
func paramsJSON(eng *engine.Engine) (string, error) {
	all := map[string]map[string]any{}
	for _, id := range eng.Katas() {
		if _, vals, _ := eng.Params(id); len(vals.Values()) > 0 {
			all[id] = vals.Values()
		}
	}
	b, err := json.Marshal(all)
	return string(b), err
}
