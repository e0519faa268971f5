package site

import (
	"io/fs"

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

// Workbooks reads the front matter of a course's workbooks, in course
// order, as a build reads them; a broken one is a BuildErrors.
func Workbooks(content fs.FS) ([]Workbook, error) {
	pages, _, errs, err := loadPages(content)
	if err != nil {
		return nil, err
	}
	if len(errs) > 0 {
		return nil, errs
	}
	var out []Workbook
	for _, p := range pages {
		if p.Kata == "" {
			continue
		}
		out = append(out, Workbook{File: p.File, Kata: p.Kata, Title: p.Title, TimeLimit: p.TimeLimit, Completion: p.Completion, Points: p.Points})
	}
	return out, nil
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
