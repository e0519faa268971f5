package format

import (
	"encoding/xml"
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/katabook/katabook/engine"
)

// JUnit XML: one test suite per file, one test case per rule checked on it.
// Findings of rules that are not kata checks (front matter, YAML, schema)
// get a test case named after their rule, so nothing is lost.

type junitSuites struct {
	XMLName  xml.Name     `xml:"testsuites"`
	Name     string       `xml:"name,attr"`
	Tests    int          `xml:"tests,attr"`
	Failures int          `xml:"failures,attr"`
	Skipped  int          `xml:"skipped,attr"`
	Suites   []junitSuite `xml:"testsuite"`
}

type junitSuite struct {
	Name     string      `xml:"name,attr"`
	Tests    int         `xml:"tests,attr"`
	Failures int         `xml:"failures,attr"`
	Skipped  int         `xml:"skipped,attr"`
	Cases    []junitCase `xml:"testcase"`
}

type junitCase struct {
	Name      string        `xml:"name,attr"`
	ClassName string        `xml:"classname,attr"`
	Failure   *junitFailure `xml:"failure,omitempty"`
	Skipped   *junitSkipped `xml:"skipped,omitempty"`
	SystemOut string        `xml:"system-out,omitempty"`
}

type junitFailure struct {
	Message string `xml:"message,attr"`
	Type    string `xml:"type,attr"`
	Text    string `xml:",chardata"`
}

type junitSkipped struct {
	Message string `xml:"message,attr"`
}

func writeJUnit(w io.Writer, run *Run) error {
	out := junitSuites{Name: "katabook check"}
	for _, f := range run.Files {
		s := junitSuite{Name: f.Path}
		byRule := map[string][]engine.Finding{}
		for _, x := range f.Findings {
			byRule[x.Rule] = append(byRule[x.Rule], x)
		}
		seen := map[string]bool{}
		add := func(rule, title, status string) {
			seen[rule] = true
			c := junitCase{Name: rule, ClassName: f.Path}
			if title != "" {
				c.Name = rule + ": " + title
			}
			var errs, warns []string
			for _, x := range byRule[rule] {
				line := fmt.Sprintf("%s:%d:%d: %s", f.Path, x.Line, x.Col, x.Message)
				if x.Severity == engine.Error {
					errs = append(errs, line)
				} else {
					warns = append(warns, line)
				}
			}
			switch {
			case len(errs) > 0:
				c.Failure = &junitFailure{Message: firstLine(errs), Type: rule, Text: strings.Join(append(errs, warns...), "\n")}
				s.Failures++
			case status == "skip":
				c.Skipped = &junitSkipped{Message: "inputs not answered yet"}
				s.Skipped++
			case len(warns) > 0:
				c.SystemOut = "warning: " + strings.Join(warns, "\nwarning: ")
			}
			s.Cases = append(s.Cases, c)
			s.Tests++
		}
		for _, r := range f.Rules {
			add(r.Rule, r.Title, r.Status)
		}
		var rest []string
		for rule := range byRule {
			if !seen[rule] {
				rest = append(rest, rule)
			}
		}
		sort.Strings(rest)
		for _, rule := range rest {
			add(rule, "", "")
		}
		if s.Tests == 0 {
			add("submission", "the file is a valid submission", "")
		}
		out.Suites = append(out.Suites, s)
		out.Tests += s.Tests
		out.Failures += s.Failures
		out.Skipped += s.Skipped
	}
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return err
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(out); err != nil {
		return err
	}
	_, err := io.WriteString(w, "\n")
	return err
}

func firstLine(lines []string) string {
	if len(lines) == 1 {
		return lines[0]
	}
	return fmt.Sprintf("%s (and %d more)", lines[0], len(lines)-1)
}
