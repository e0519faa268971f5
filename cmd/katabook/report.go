package main

import (
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"

	"github.com/spf13/cobra"

	"github.com/katabook/katabook/cmd/katabook/internal/report"
	"github.com/katabook/katabook/engine"
	"github.com/katabook/katabook/internal/par"
	"github.com/katabook/katabook/site"
)

// reportFlags are the options of `katabook report`.
type reportFlags struct {
	out       string
	strict    bool
	stdinName string
}

func newReportCmd(e *env) *cobra.Command {
	var fl reportFlags
	cmd := &cobra.Command{
		Use:   "report FILE|DIR|- ... --out DIR",
		Short: "Write a cohort's report: per learner, kata and rule, with grades",
		Long: `Report checks a cohort's submissions, chosen as check chooses them, and
writes a static report into the --out folder: index.html (opens from disk,
no script), report.json (versioned) and grades.csv (a row per learner).
Per learner: each kata's submissions, subjects, verdicts, times against
the kata's limit and the Completion Standard; per kata: pass rate, median
time and the rules that fail most; per rule: the learners it hit.

The folder must be new, empty, or a previous report (it holds a
` + report.Marker + ` file): report never writes over anything else.

Exit status: 0 the report is written, 2 a usage error, a refused folder
or a file that cannot be read (the report is still written).`,
		Example: `  katabook report submissions/ --out cohort-report
  katabook report --content course/ submissions/ --out cohort-report`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runReport(e, fl, args)
		},
	}
	f := cmd.Flags()
	f.StringVarP(&fl.out, "out", "o", "", "folder to write the report to (required)")
	f.BoolVar(&fl.strict, "strict", false, "in folders, read every *.md, not only those naming a kata")
	f.StringVar(&fl.stdinName, "stdin-name", "<stdin>", "the path to report for standard input")
	return cmd
}

func runReport(e *env, fl reportFlags, args []string) error {
	if fl.out == "" {
		return usageErr("report needs --out DIR, the folder to write the report to")
	}
	if err := report.PrepareDir(fl.out); err != nil {
		return usageErr("%v", err)
	}
	defer collectLess()()
	inputs, unreadable, closeRoots := collectInputs(e, checkFlags{strict: fl.strict, stdinName: fl.stdinName}, args)
	defer closeRoots()
	if err := refuseInputs(fl.out, inputs); err != nil {
		return usageErr("%v", err)
	}
	outAbs, err := filepath.Abs(fl.out)
	if err != nil {
		return usageErr("--out: %v", err)
	}
	cwd, err := os.Getwd() // once: filepath.Abs would ask for every file
	if err != nil {
		return usageErr("%v", err)
	}
	katas := courseKatas(e)
	byID := map[string]*report.Kata{}
	for i := range katas {
		byID[katas[i].ID] = &katas[i]
	}
	var rules []report.Rule
	for _, r := range e.engine.Rules() {
		rules = append(rules, report.Rule{ID: r.ID, Kata: r.Kata, Severity: string(r.Severity), Summary: r.Summary})
	}
	cohort := report.NewCohort(katas, rules)
	// Each file is read, checked and summarised by one worker, and only
	// its summary is kept: memory grows by a few hundred bytes a file.
	var mu sync.Mutex
	par.Each(len(inputs), func(i int) {
		in := inputs[i]
		src := in.src
		if src == nil {
			var err error
			if src, err = in.read(); err != nil {
				mu.Lock()
				unreadable = append(unreadable, &fileError{in.path, err})
				mu.Unlock()
				return
			}
		}
		rep := e.engine.Check(src)
		if !isSubmission(in, src, rep, fl.strict) {
			return
		}
		link := ""
		if in.src == nil {
			link = linkTo(outAbs, cwd, in.path)
		}
		cohort.Add(report.Summarize(byID[rep.Kata], in.path, link, rep))
	})
	for _, u := range unreadable {
		fmt.Fprintln(e.stderr, "katabook:", u)
	}
	r := cohort.Finish(engine.Version, e.engine.Ruleset(), len(unreadable))
	if err := writeReport(fl.out, r); err != nil {
		return &exitError{code: exitUsage, msg: err.Error()}
	}
	fmt.Fprintf(e.stdout, "wrote %s: %d learners, %d submissions, %d passing\n", filepath.Join(fl.out, "index.html"),
		r.Summary.Learners, r.Summary.Submissions, r.Summary.Passing)
	if len(unreadable) > 0 {
		return &exitError{code: exitUsage}
	}
	return nil
}

// courseKatas are the course's katas with what its workbooks say about
// them; a kata without a workbook has no time limit or completion rule.
func courseKatas(e *env) []report.Kata {
	grading := e.grading()
	wbs := map[string]site.Workbook{}
	for _, wb := range e.workbooks {
		wbs[wb.Kata] = wb
	}
	var out []report.Kata
	for _, id := range e.engine.Katas() {
		wb, ok := wbs[id]
		if !ok {
			wb = site.Workbook{Kata: id, Title: id}
		}
		c := wb.Completion
		out = append(out, report.Kata{ID: id, Title: wb.Title, TimeLimit: wb.TimeLimit, Grading: grading[id], Points: wb.Points != nil,
			Completion: report.Completion{Distinct: c.Distinct, Count: c.Count, Text: c.Text}})
	}
	return out
}

// writeReport writes the report's files, the marker first: a folder left
// half-written is still known as a report, and the next run may finish it.
func writeReport(dir string, r *report.Report) error {
	css, err := site.Stylesheet()
	if err != nil {
		return fmt.Errorf("report: %w", err)
	}
	icon, err := site.Favicon()
	if err != nil {
		return fmt.Errorf("report: %w", err)
	}
	bytesOf := func(b []byte) func(io.Writer) error {
		return func(w io.Writer) error { _, err := w.Write(b); return err }
	}
	files := map[string]func(io.Writer) error{
		report.Marker: bytesOf([]byte("a katabook report: `katabook report --out` may write over this folder\n")),
		"index.html":  r.WriteHTML, "report.css": bytesOf(report.Style(css)), "favicon.svg": bytesOf(icon),
		"report.json": r.WriteJSON, "grades.csv": r.WriteCSV}
	for _, name := range report.Files {
		if err := report.WriteFile(dir, name, files[name]); err != nil {
			return fmt.Errorf("report: %w", err)
		}
	}
	return nil
}

// refuseInputs refuses an --out folder where one of the report's files
// would be an input: a previous report's folder named as a submission.
func refuseInputs(dir string, ins []input) error {
	for _, name := range report.Files {
		st, err := os.Stat(filepath.Join(dir, name))
		if err != nil {
			continue
		}
		for _, in := range ins {
			if in.src != nil || !strings.EqualFold(filepath.Base(in.path), name) {
				continue
			}
			if ist, err := os.Stat(in.path); err == nil && os.SameFile(st, ist) {
				return fmt.Errorf("--out %s would write over %s, one of the inputs", dir, in.path)
			}
		}
	}
	return nil
}

// linkTo is the address of a submission from the report's folder; cwd
// is the folder relative paths start from.
func linkTo(outAbs, cwd, path string) string {
	abs := path
	if !filepath.IsAbs(path) {
		abs = filepath.Join(cwd, path)
	}
	rel, err := filepath.Rel(outAbs, abs)
	if err != nil {
		return ""
	}
	return (&url.URL{Path: filepath.ToSlash(rel)}).String()
}
