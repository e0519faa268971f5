package format

import (
	"bufio"
	"encoding/xml"
	"fmt"
	"io"
	"math"
	"os"
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
	XMLName  xml.Name    `xml:"testsuite"`
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

// junit writes a suite per file as it comes. The totals of the
// <testsuites> element come first in the document but are known only at
// the end. Into a regular file with WriteAt (one the caller created, written from
// its start), a fixed-width space is left for them and filled in at the
// end; into anything else (a pipe, a file opened for appending, which
// writes at its end whatever the offset), the suites wait in a temporary
// file (disk, not memory) until the totals are known.
type junit struct {
	body                     *bufio.Writer // where the suites go
	at                       io.WriterAt   // the output, when the totals are filled in
	spool                    *os.File      // the suites, when they wait
	tests, failures, skipped int
}

// junitOpen is the <testsuites> start tag, padded to junitWidth so that
// the final totals fit in the space left for them.
const junitOpen = `<testsuites name="katabook check" tests="%d" failures="%d" skipped="%d"`

var junitWidth = len(fmt.Sprintf(junitOpen, math.MaxInt64, math.MaxInt64, math.MaxInt64))

// regularWriterAt is a file the totals can be filled in: a regular one
// (--output junit=/dev/stdout may be a pipe, where WriteAt fails).
type regularWriterAt interface {
	io.WriterAt
	Stat() (os.FileInfo, error)
}

func openJUnit(w *bufio.Writer, dst io.Writer, _ Header) (encoder, error) {
	j := &junit{body: w}
	if _, err := w.WriteString(xml.Header); err != nil {
		return nil, err
	}
	if at, ok := dst.(regularWriterAt); ok {
		if st, err := at.Stat(); err == nil && st.Mode().IsRegular() {
			j.at = at
			_, err := w.WriteString(strings.Repeat(" ", junitWidth) + ">\n")
			return j, err
		}
	}
	spool, err := os.CreateTemp("", "katabook-junit-*.xml")
	if err != nil {
		return nil, fmt.Errorf("junit: %w", err)
	}
	_ = os.Remove(spool.Name()) // unlinked: nothing is left behind, whatever happens
	j.spool, j.body = spool, bufio.NewWriterSize(spool, 64<<10)
	return j, nil
}

func (j *junit) file(_ *bufio.Writer, f *File) error {
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
	j.tests += s.Tests
	j.failures += s.Failures
	j.skipped += s.Skipped
	enc := xml.NewEncoder(j.body)
	enc.Indent("  ", "  ")
	if err := enc.Encode(s); err != nil {
		return err
	}
	_, err := j.body.WriteString("\n")
	return err
}

func (j *junit) end(w *bufio.Writer, _ Summary) error {
	open := fmt.Sprintf(junitOpen, j.tests, j.failures, j.skipped)
	switch {
	case j.spool != nil:
		defer j.spool.Close()
		if err := j.body.Flush(); err != nil {
			return err
		}
		if _, err := j.spool.Seek(0, io.SeekStart); err != nil {
			return err
		}
		w.WriteString(open + ">\n")
		if _, err := w.ReadFrom(j.spool); err != nil {
			return err
		}
	default:
		if err := w.Flush(); err != nil {
			return err
		}
		if _, err := j.at.WriteAt([]byte(open+strings.Repeat(" ", junitWidth-len(open))), int64(len(xml.Header))); err != nil {
			return err
		}
	}
	_, err := w.WriteString("</testsuites>\n")
	return err
}

func firstLine(lines []string) string {
	if len(lines) == 1 {
		return lines[0]
	}
	return fmt.Sprintf("%s (and %d more)", lines[0], len(lines)-1)
}
