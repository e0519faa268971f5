package main

import (
	"errors"
	"fmt"
	"github.com/katabook/katabook/engine/kata/builtin"
	"io"

	"github.com/spf13/cobra"

	"github.com/katabook/katabook/engine"
	"github.com/katabook/katabook/site"
)

// Exit codes: 0 all good, 1 a submission has errors, 2 usage or I/O error.
const (
	exitOK       = 0
	exitFindings = 1
	exitUsage    = 2
)

// exitError carries an exit code out of a command; msg, when set, is
// printed to stderr.
type exitError struct {
	code int
	msg  string
}

func (e *exitError) Error() string { return e.msg }

// env is what every command gets: its streams and the engine.
type env struct {
	stdin          io.Reader
	stdout, stderr io.Writer
	engine         *engine.Engine
	workbooks      []site.Workbook // the course's, once a command that checks has read it
}

func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	eng, err := builtin.New()
	if err != nil {
		fmt.Fprintln(stderr, "katabook: internal error:", err)
		return exitUsage
	}
	e := &env{stdin: stdin, stdout: stdout, stderr: stderr, engine: eng}
	root := newRootCmd(e)
	root.SetArgs(args)
	root.SetIn(stdin)
	root.SetOut(stdout)
	root.SetErr(stderr)
	err = root.Execute()
	var ee *exitError
	switch {
	case err == nil:
		return exitOK
	case errors.As(err, &ee):
		if ee.msg != "" {
			fmt.Fprintln(stderr, "katabook:", ee.msg)
		}
		return ee.code
	default:
		// cobra's own errors are about the command line: unknown command or
		// flag, wrong number of arguments.
		fmt.Fprintln(stderr, "katabook:", err)
		fmt.Fprintln(stderr, "Run 'katabook --help' for usage.")
		return exitUsage
	}
}

func newRootCmd(e *env) *cobra.Command {
	root := &cobra.Command{
		Use:   "katabook",
		Short: "Reliability katas as a static course site, with answers checked in the browser and in CI",
		Long: `katabook compiles reliability katas written as Markdown workbooks into a
static course site. Each kata page has a form for its deliverables, checked
live in the browser by the katabook engine compiled to WebAssembly; the
same engine checks submitted kata Markdown in CI with 'katabook check'.`,
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.CompletionOptions.DisableDefaultCmd = true
	// Commands that check or describe katas hold answers to a course's
	// numbers: --content DIR names the course (build and serve have their
	// own --content, the course they build).
	var course string
	root.PersistentFlags().StringVar(&course, "content", "", "course folder whose workbooks set the katas' params (default: the built-in course)")
	root.PersistentPreRunE = func(cmd *cobra.Command, _ []string) error {
		if !usesCourse(cmd) {
			return nil
		}
		eng, err := e.course(course)
		if err != nil {
			return err
		}
		e.engine = eng
		return nil
	}
	root.AddCommand(newBuildCmd(e), newServeCmd(e), newInitCmd(e), newCheckCmd(e),
		newNewCmd(e), newSchemaCmd(e), newVersionCmd(e), newRulesCmd(e), newExplainCmd(e), newExportCmd(e), newParamsCmd(e), newReportCmd(e))
	return root
}

func usageErr(format string, args ...any) error {
	return &exitError{code: exitUsage, msg: fmt.Sprintf(format, args...)}
}
