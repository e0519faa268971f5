package site

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"slices"
	"sort"
	"strings"

	"github.com/katabook/katabook/engine"
)

// courseEngine is the engine of the course: base's katas and those the
// course declares in files, with the parameters the workbooks set under
// `params:`. Each problem is a build error at its line: a bad parameter,
// a bad rules file, a workbook naming a kata there is not.
func courseEngine(base *engine.Engine, content fs.FS, pages []*Page) (*engine.Engine, []declaredFiles, BuildErrors) {
	katas, files, errs := loadDeclared(content, base.Katas())
	params := map[string]map[string]any{}
	setBy := map[string]*Page{}
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
		return nil, nil, errs
	}
	eng := base
	if len(katas) > 0 || len(params) > 0 {
		var order []string // pages come in course order
		for _, p := range pages {
			if p.Kata != "" && !slices.Contains(order, p.Kata) {
				order = append(order, p.Kata)
			}
		}
		var err error
		if eng, err = base.Course(katas, params, order...); err != nil {
			return nil, nil, paramErrors(err, setBy)
		}
	}
	known := eng.Katas()
	for _, p := range pages {
		for _, ref := range []struct{ key, id string }{{"kata", p.Kata}, {"schema", p.Schema}} {
			if ref.id != "" && !slices.Contains(known, ref.id) {
				errs = append(errs, BuildError{File: p.File, Line: p.keyAt[ref.key],
					Msg: fmt.Sprintf("%s: %s names no kata of this course; the katas are %s (a kata of your own needs %s.rules.yaml and %s.schema.json beside the workbook)",
						ref.key, ref.id, strings.Join(known, ", "), ref.id, ref.id)})
			}
		}
	}
	if len(errs) > 0 {
		return nil, nil, errs
	}
	return eng, files, nil
}

// paramErrors places each of the engine's parameter errors at the line of
// the workbook that set it.
func paramErrors(err error, setBy map[string]*Page) BuildErrors {
	var errs BuildErrors
	for _, e := range flatten(err) {
		var pe *engine.ParamError
		if !errors.As(e, &pe) || setBy[pe.Kata] == nil {
			errs = append(errs, BuildError{File: ".", Line: 1, Msg: e.Error()})
			continue
		}
		p := setBy[pe.Kata]
		errs = append(errs, BuildError{File: p.File, Line: p.paramsLine(pe.Name), Msg: pe.Error()})
	}
	sort.SliceStable(errs, func(i, j int) bool { return errs[i].Line < errs[j].Line })
	return errs
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
