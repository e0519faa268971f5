package main

import (
	"github.com/spf13/cobra"

	"github.com/katabook/katabook/engine"
	"github.com/katabook/katabook/site"
)

// usesCourse reports whether cmd checks or describes katas, and so runs
// on the course's engine: not build and serve, which build their course
// from their own --content, nor init.
func usesCourse(cmd *cobra.Command) bool {
	switch cmd.Name() {
	case "build", "serve", "init", "help", "katabook":
		return false
	}
	return true
}

// course is the engine of the course in dir (the embedded one for ""): the
// built-in katas with the parameters its workbooks set, read as `build
// --content DIR` reads them, so CI holds submissions to the numbers the
// course's pages show.
func (e *env) course(dir string) (*engine.Engine, error) {
	cfs, err := contentFS(dir)
	if err != nil {
		return nil, err
	}
	eng, wbs, err := site.Course(cfs, e.engine)
	if err != nil {
		return nil, buildFailed(err)
	}
	e.workbooks = wbs
	return withGrading(eng, wbs)
}
