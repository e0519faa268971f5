package main

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/KimMachineGun/automemlimit/memlimit"
	"github.com/katabook/katabook/cmd/katabook/internal/format"
	"github.com/katabook/katabook/engine"
	"github.com/katabook/katabook/internal/gcfloor"
	"github.com/katabook/katabook/internal/par"
)

// checkFlags are the options of `katabook check`.
type checkFlags struct {
	format      string
	outputs     []string // FORMAT=PATH
	maxWarnings int
	strict      bool
	stdinName   string
}

func newCheckCmd(e *env) *cobra.Command {
	var fl checkFlags
	cmd := &cobra.Command{
		Use:   "check FILE|DIR|- ...",
		Short: "Check kata submissions (Markdown) and report findings with file:line",
		Long: `Check runs the katabook engine on submissions: files, folders (every *.md
below them whose front matter names a kata, or every *.md with --strict) or
- for standard input. Findings point at the line and column in the
submitted Markdown file.

Formats: text (path:line:col: severity rule: message), json (versioned),
github (workflow commands: annotations on the pull request), junit (one
test case per file and rule), sarif (2.1.0, for code scanning), and for
autograders gradescope (results.json) and classroom (GitHub Classroom's
reporter), scored with the course's points. --format
picks what goes to standard output; --output FORMAT=PATH, repeatable, writes
more formats to files in the same run.

Exit status: 0 no errors, 1 an error finding (or more warnings than
--max-warnings), 2 a usage error or a file that cannot be read.`,
		Example: `  katabook check submissions/
  katabook check --format github --output sarif=katabook.sarif --output junit=katabook.xml submissions/
  cat answer.md | katabook check --stdin-name answer.md -`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runCheck(e, fl, args)
		},
	}
	f := cmd.Flags()
	f.StringVarP(&fl.format, "format", "f", "text", "standard output format: "+strings.Join(format.Names(), ", "))
	f.StringArrayVarP(&fl.outputs, "output", "o", nil, "also write FORMAT=PATH (repeatable)")
	f.IntVar(&fl.maxWarnings, "max-warnings", -1, "exit 1 when there are more warnings than this (-1: no limit)")
	f.BoolVar(&fl.strict, "strict", false, "in folders, check every *.md, not only those naming a kata")
	f.StringVar(&fl.stdinName, "stdin-name", "<stdin>", "the path to report for standard input")
	return cmd
}

// output is one destination of the results.
type output struct{ format, path string }

func parseOutputs(fl checkFlags) ([]output, error) {
	if !format.Known(fl.format) {
		return nil, usageErr("--format must be one of %s, not %q", strings.Join(format.Names(), ", "), fl.format)
	}
	var outs []output
	for _, o := range fl.outputs {
		name, path, ok := strings.Cut(o, "=")
		if !ok || path == "" || !format.Known(name) {
			return nil, usageErr("--output takes FORMAT=PATH with FORMAT one of %s, not %q", strings.Join(format.Names(), ", "), o)
		}
		outs = append(outs, output{name, path})
	}
	return outs, nil
}

// heapFloor is the heap a check may grow to before its first collection.
const heapFloor = 256 << 20

// containerCeiling is nine tenths of the memory of the container (cgroup)
// katabook runs in, 0 outside one: the heap floor must not push a check in
// a small CI container past its memory and into an out-of-memory kill.
// Nine tenths leaves room for what the Go runtime does not count, as
// automemlimit, which reads the limit, does by default.
func containerCeiling() uint64 {
	limit, err := memlimit.FromCgroup()
	if err != nil {
		return 0
	}
	return limit / 10 * 9
}

// collectLess sets the collector's schedule for checking many files and
// returns what restores it. Checking allocates about 200 KB per file and
// keeps only findings, so the schedule matters: GOGC=200 ran it 52 times
// per 10,000 files. A heap floor (internal/gcfloor) lets the heap reach
// heapFloor before the first cycle: 11 cycles, about 10% more submissions
// per second in interleaved runs, for a peak near the floor. A GOGC or
// GOMEMLIMIT set by the user wins.
func collectLess() func() {
	if os.Getenv("GOGC") != "" || os.Getenv("GOMEMLIMIT") != "" {
		return func() {}
	}
	return gcfloor.Start(heapFloor, containerCeiling(), 10*time.Millisecond)
}

func runCheck(e *env, fl checkFlags, args []string) error {
	outs, err := parseOutputs(fl)
	if err != nil {
		return err
	}
	start := time.Now()
	defer collectLess()()
	inputs, unreadable, closeRoots := collectInputs(e, fl, args)
	defer closeRoots()
	if err := outputsAreNotInputs(e, outs, inputs); err != nil {
		return err
	}
	for _, u := range unreadable {
		fmt.Fprintln(e.stderr, "katabook:", u)
	}
	head := format.Header{Version: engine.Version, Ruleset: e.engine.Ruleset(), Rules: e.engine.Rules(), Grading: e.grading(), Start: start}
	// Standard output may be a file opened for appending, where a format
	// cannot come back to fill in a space it left: it gets a plain Writer.
	writers, err := openOutputs(struct{ io.Writer }{e.stdout}, fl.format, outs, head)
	if err != nil {
		return &exitError{code: exitUsage, msg: err.Error()}
	}
	var sum format.Summary
	var failed int
	werr := checkAll(e.engine, inputs, fl.strict, func(f *format.File, err error) error {
		if err != nil {
			failed++
			fmt.Fprintln(e.stderr, "katabook:", err)
			return nil
		}
		sum.Add(f)
		return writers.file(f)
	})
	if err := writers.close(werr); err != nil {
		return &exitError{code: exitUsage, msg: err.Error()}
	}
	switch {
	case len(unreadable) > 0 || failed > 0:
		return &exitError{code: exitUsage}
	case sum.Errors > 0:
		return &exitError{code: exitFindings}
	case fl.maxWarnings >= 0 && sum.Warnings > fl.maxWarnings:
		return &exitError{code: exitFindings, msg: fmt.Sprintf("%d warnings, more than --max-warnings %d", sum.Warnings, fl.maxWarnings)}
	}
	return nil
}

// outputSet is every destination of a check's results: standard output
// and each --output file, all written as the results arrive.
type outputSet struct {
	writers []*format.Writer
	labels  []string // for messages: "" for standard output, "--output FORMAT"
	files   []*os.File
}

func openOutputs(stdout io.Writer, name string, outs []output, head format.Header) (*outputSet, error) {
	set := &outputSet{}
	w, err := format.New(stdout, name, head)
	if err != nil {
		return nil, err
	}
	set.writers, set.labels, set.files = append(set.writers, w), append(set.labels, ""), append(set.files, nil)
	for _, o := range outs {
		f, err := os.Create(o.path)
		if err == nil {
			if w, err = format.New(f, o.format, head); err != nil {
				f.Close()
			}
		}
		if err != nil {
			set.close(nil)
			return nil, fmt.Errorf("--output %s: %w", o.format, err)
		}
		set.writers, set.labels, set.files = append(set.writers, w), append(set.labels, "--output "+o.format), append(set.files, f)
	}
	return set, nil
}

// file writes one file's results everywhere.
func (s *outputSet) file(f *format.File) error {
	for i, w := range s.writers {
		if err := w.File(f); err != nil {
			return s.wrap(i, err)
		}
	}
	return nil
}

// close finishes every output, after err (the first write error, if any).
func (s *outputSet) close(err error) error {
	for i, w := range s.writers {
		if err == nil {
			err = s.wrap(i, w.Close())
		}
		if s.files[i] != nil {
			if cerr := s.files[i].Close(); err == nil {
				err = s.wrap(i, cerr)
			}
		}
	}
	return err
}

func (s *outputSet) wrap(i int, err error) error {
	if err == nil || s.labels[i] == "" {
		return err
	}
	return fmt.Errorf("%s: %w", s.labels[i], err)
}

// checkAll checks the inputs in parallel, one worker per CPU, and hands
// each result to emit in the inputs' order as soon as it is ready (with
// its error instead, for a file that cannot be read). Only the findings are
// kept, never the sources, and only until emitted. Unless strict, Markdown
// found in a folder that names no kata and has no answer block (a README,
// notes) is not a submission and is left out. It returns emit's first
// error, after which nothing more is emitted.
func checkAll(eng *engine.Engine, ins []input, strict bool, emit func(*format.File, error) error) error {
	type result struct {
		file *format.File
		err  error
	}
	var first error
	par.Ordered(len(ins), func(i int) result {
		src := ins[i].src
		if src == nil {
			var err error
			if src, err = ins[i].read(); err != nil {
				return result{err: &fileError{ins[i].path, err}}
			}
		}
		rep := eng.Check(src)
		if !isSubmission(ins[i], src, rep, strict) {
			return result{}
		}
		return result{file: &format.File{Path: ins[i].path, Kata: rep.Kata, Findings: rep.Findings, Rules: rep.Rules}}
	}, func(i int, r result) {
		if first == nil && (r.file != nil || r.err != nil) {
			first = emit(r.file, r.err)
		}
	})
	return first
}

// isSubmission reports whether a checked input is a submission: anything
// named on the command line, and in folders (unless strict) a file that
// names a kata and is not a workbook, or has an answer block.
func isSubmission(in input, src []byte, rep *engine.Report, strict bool) bool {
	return strict || !in.fromDir || rep.Kata != "" && !isWorkbook(src) || rep.HasAnswer()
}

// isWorkbook reports whether a file without an answer block is a kata's
// workbook (its front matter has a time_limit), which a course repository
// keeps beside its submissions: `katabook check .` should not judge it.
func isWorkbook(src []byte) bool {
	head := src[:min(len(src), 4096)]
	end := bytes.Index(head[min(len(head), 3):], []byte("\n---"))
	return bytes.HasPrefix(head, []byte("---")) && end > 0 && bytes.Contains(head[:end+3], []byte("\ntime_limit:"))
}
