// Package format writes the results of `katabook check` in the formats CI
// systems read: text for people, JSON for scripts, GitHub workflow commands
// for pull-request annotations, JUnit XML for test dashboards and SARIF for
// code-scanning tools. Every format is written from the same Run.
package format

import (
	"bufio"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"github.com/katabook/katabook/engine"
	"github.com/katabook/katabook/internal/points"
)

// File is the engine's verdict on one submission file.
type File struct {
	Path     string              `json:"path"`
	Kata     string              `json:"kata"`
	Findings []engine.Finding    `json:"findings"`
	Rules    []engine.RuleResult `json:"-"` // the kata checks that ran, for JUnit
}

// Run is one `katabook check` over many files.
type Run struct {
	Version string            // engine version
	Ruleset string            // engine version + schema hash
	Files   []File            // in the order given on the command line
	Rules   []engine.RuleInfo // every rule, for SARIF and JUnit descriptions
	// Grading is the course's points per kata, for the autograder formats
	// (gradescope, classroom); a kata not in it is pass or fail.
	Grading map[string]points.Kata
	Took    time.Duration // how long the check ran, for Gradescope
}

// Counts returns the error and warning totals.
func (r *Run) Counts() (errs, warns int) {
	for _, f := range r.Files {
		for _, x := range f.Findings {
			if x.Severity == engine.Error {
				errs++
			} else {
				warns++
			}
		}
	}
	return errs, warns
}

// Names lists the formats.
func Names() []string {
	names := make([]string, len(formats))
	for i, f := range formats {
		names[i] = f.name
	}
	return names
}

type outputFormat struct {
	name  string
	write func(io.Writer, *Run) error
}

// formats lists every output format and its writer, in the order the help
// names them.
var formats = []outputFormat{{"text", writeText}, {"json", writeJSON}, {"github", writeGitHub}, {"junit", writeJUnit}, {"sarif", writeSARIF}, {"gradescope", writeGradescope}, {"classroom", writeClassroom}}

// Known reports whether name is a format.
func Known(name string) bool { return slices.Contains(Names(), name) }

// Write writes run in the named format.
func Write(w io.Writer, name string, run *Run) error {
	i := slices.IndexFunc(formats, func(f outputFormat) bool { return f.name == name })
	if i < 0 {
		return fmt.Errorf("unknown format %q (formats: %s)", name, strings.Join(Names(), ", "))
	}
	// Buffered: a line per finding was a write system call per finding
	// (107,000 for a 10,000-file cohort) when stdout is a pipe or a file.
	bw := bufio.NewWriterSize(w, 64<<10)
	if err := formats[i].write(bw, run); err != nil {
		return err
	}
	return bw.Flush()
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}

// writeText is `path:line:col: severity rule: message` and a summary line.
func writeText(w io.Writer, run *Run) error {
	for _, f := range run.Files {
		for _, x := range f.Findings {
			msg := strings.ReplaceAll(x.Message, "\n", " ") // one finding, one line
			if _, err := fmt.Fprintf(w, "%s:%d:%d: %s %s: %s\n", f.Path, x.Line, x.Col, x.Severity, x.Rule, msg); err != nil {
				return err
			}
		}
	}
	errs, warns := run.Counts()
	_, err := fmt.Fprintf(w, "%s, %s, %s\n", plural(len(run.Files), "file"), plural(errs, "error"), plural(warns, "warning"))
	return err
}
