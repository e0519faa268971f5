// Package format writes the results of `katabook check` in the formats CI
// systems read: text for people, JSON for scripts, GitHub workflow commands
// for pull-request annotations, JUnit XML for test dashboards and SARIF for
// code-scanning tools. Every format is written from the same Run.
package format

import (
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/katabook/katabook/engine"
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
func Names() []string { return []string{"text", "json", "github", "junit", "sarif"} }

// Known reports whether name is a format.
func Known(name string) bool { return slices.Contains(Names(), name) }

// Write writes run in the named format.
func Write(w io.Writer, name string, run *Run) error {
	switch name {
	case "text":
		return writeText(w, run)
	case "json":
		return writeJSON(w, run)
	case "github":
		return writeGitHub(w, run)
	case "junit":
		return writeJUnit(w, run)
	case "sarif":
		return writeSARIF(w, run)
	}
	return fmt.Errorf("unknown format %q (formats: %s)", name, strings.Join(Names(), ", "))
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
