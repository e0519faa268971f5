package main

import (
	"bytes"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
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
	inputs, unreadable := collectInputs(e, fl, args)
	files, readErrs := checkAll(e.engine, inputs, fl.strict)
	unreadable = append(unreadable, readErrs...)
	run := &format.Run{Version: engine.Version, Ruleset: e.engine.Ruleset(), Rules: e.engine.Rules(), Files: files,
		Grading: e.grading(), Took: time.Since(start)}
	for _, u := range unreadable {
		fmt.Fprintln(e.stderr, "katabook:", u)
	}
	if err := format.Write(e.stdout, fl.format, run); err != nil {
		return &exitError{code: exitUsage, msg: err.Error()}
	}
	for _, o := range outs {
		if err := writeOutput(o, run); err != nil {
			return &exitError{code: exitUsage, msg: err.Error()}
		}
	}
	errs, warns := run.Counts()
	switch {
	case len(unreadable) > 0:
		return &exitError{code: exitUsage}
	case errs > 0:
		return &exitError{code: exitFindings}
	case fl.maxWarnings >= 0 && warns > fl.maxWarnings:
		return &exitError{code: exitFindings, msg: fmt.Sprintf("%d warnings, more than --max-warnings %d", warns, fl.maxWarnings)}
	}
	return nil
}

func writeOutput(o output, run *format.Run) error {
	f, err := os.Create(o.path)
	if err != nil {
		return fmt.Errorf("--output %s: %w", o.format, err)
	}
	if err := format.Write(f, o.format, run); err != nil {
		f.Close()
		return fmt.Errorf("--output %s: %w", o.format, err)
	}
	return f.Close()
}

// input is one submission to check: its path and, for stdin, its bytes.
type input struct {
	path    string
	src     []byte // nil: read path when checking
	fromDir bool   // found by walking a folder, not named
}

// collectInputs expands the arguments into submissions in a stable order:
// arguments as given, folders walked in lexical order.
func collectInputs(e *env, fl checkFlags, args []string) ([]input, []error) {
	var ins []input
	var bad []error
	for _, arg := range args {
		if arg == "-" {
			src, err := io.ReadAll(io.LimitReader(e.stdin, engine.MaxSourceBytes+1))
			if err != nil {
				bad = append(bad, fmt.Errorf("standard input: %w", err))
				continue
			}
			ins = append(ins, input{path: fl.stdinName, src: src})
			continue
		}
		st, err := os.Stat(arg)
		if err != nil {
			bad = append(bad, err)
			continue
		}
		if !st.IsDir() {
			ins = append(ins, input{path: arg})
			continue
		}
		err = filepath.WalkDir(arg, func(p string, d fs.DirEntry, err error) error {
			switch {
			case err != nil:
				bad = append(bad, err)
			case !d.IsDir() && strings.EqualFold(filepath.Ext(p), ".md"):
				ins = append(ins, input{path: p, fromDir: true})
			}
			return nil
		})
		if err != nil {
			bad = append(bad, err)
		}
	}
	return ins, bad
}

// checkAll checks the inputs in parallel, one worker per CPU; results keep
// the inputs' order. Only the findings are kept, never the sources. Unless
// strict, Markdown found in a folder that names no kata and has no answer
// block (a README, notes) is not a submission and is left out.
func checkAll(eng *engine.Engine, ins []input, strict bool) ([]format.File, []error) {
	type result struct {
		file format.File
		keep bool
		err  error
	}
	results := make([]result, len(ins))
	par.Each(len(ins), func(i int) {
		r := &results[i]
		src := ins[i].src
		if src == nil {
			if src, r.err = readLimited(ins[i].path); r.err != nil {
				return
			}
		}
		rep := eng.Check(src)
		r.keep = isSubmission(ins[i], src, rep, strict)
		r.file = format.File{Path: ins[i].path, Kata: rep.Kata, Findings: rep.Findings, Rules: rep.Rules}
	})
	var files []format.File
	var errs []error
	for _, r := range results {
		switch {
		case r.err != nil:
			errs = append(errs, r.err)
		case r.keep:
			files = append(files, r.file)
		}
	}
	return files, errs
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

// readLimited reads a file, but not more than the engine would accept: a
// huge file costs one read of MaxSourceBytes+1, then a size finding.
func readLimited(p string) ([]byte, error) {
	f, err := os.Open(p)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	// The buffer is sized from the file's size, as os.ReadFile does:
	// io.ReadAll's growth from 512 bytes cost five copies per submission.
	// The 512 spare bytes let the read that meets the end need no growth.
	limit := int64(engine.MaxSourceBytes + 1)
	size := limit
	if fi, err := f.Stat(); err == nil && fi.Size() < limit {
		size = fi.Size()
	}
	var buf bytes.Buffer
	buf.Grow(int(size) + bytes.MinRead)
	if _, err := buf.ReadFrom(io.LimitReader(f, limit)); err != nil {
		return nil, fmt.Errorf("%s: %w", p, err)
	}
	return buf.Bytes(), nil
}
