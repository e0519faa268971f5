package site

import (
	"io/fs"

	"github.com/katabook/katabook/engine"
	"github.com/katabook/katabook/internal/points"
)

// Workbook is what a course's workbook says about grading its kata: the
// facts the cohort report and the autograder formats need, without the
// page.
type Workbook struct {
	File       string
	Kata       string
	Title      string
	TimeLimit  int // minutes; 0: none
	Completion Completion
	Points     *points.Scheme // nil: the kata passes or not
}

// Course reads a course's workbooks once and returns the engine that
// checks its submissions (base's katas, the katas the course declares,
// the parameters its workbooks set) and what each workbook says about
// grading. `katabook check --content DIR` uses it, so that CI holds
// submissions to the numbers the course's pages show.
func Course(content fs.FS, base *engine.Engine) (*engine.Engine, []Workbook, error) {
	pages, _, loadErrs, err := loadPages(content)
	if err != nil {
		return nil, nil, err
	}
	if len(loadErrs) > 0 {
		return nil, nil, loadErrs
	}
	eng, _, errs := courseEngine(base, content, pages)
	if len(errs) > 0 {
		return nil, nil, errs
	}
	return eng, workbooks(pages), nil
}

// workbooks are the grading facts of a course's pages, in course order.
func workbooks(pages []*Page) []Workbook {
	var out []Workbook
	for _, p := range pages {
		if p.Kata != "" {
			out = append(out, Workbook{File: p.File, Kata: p.Kata, Title: p.Title, TimeLimit: p.TimeLimit, Completion: p.Completion, Points: p.Points})
		}
	}
	return out
}

// Stylesheet is the course's style sheet, bundled as a build bundles it,
// for other static pages that should look like the course (the cohort
// report).
func Stylesheet() ([]byte, error) {
	assets, err := fs.Sub(assetFS, "assets")
	if err != nil {
		return nil, err
	}
	return bundle(assets, "style.css")
}

// Favicon is the course's icon.
func Favicon() ([]byte, error) { return fs.ReadFile(assetFS, "assets/favicon.svg") }
