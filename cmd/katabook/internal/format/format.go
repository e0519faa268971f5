// Package format writes the results of `katabook check` in the formats CI
// systems read: text for people, JSON for scripts, GitHub workflow commands
// for pull-request annotations, JUnit XML for test dashboards and SARIF for
// code-scanning tools.
//
// Every format streams: a Writer takes one file's results at a time, in the
// order they are to appear, and writes them out before the next, so a run's
// memory does not grow with its number of files. What a format needs at the
// end (totals, SARIF's rule list) it keeps as counts or per rule, never per
// file.
package format

import (
	"bufio"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"github.com/katabook/katabook/engine"
	"github.com/katabook/katabook/internal/plain"
	"github.com/katabook/katabook/internal/points"
)

// File is the engine's verdict on one submission file.
type File struct {
	Path     string              `json:"path"`
	Kata     string              `json:"kata"`
	Findings []engine.Finding    `json:"findings"`
	Rules    []engine.RuleResult `json:"-"` // the kata checks that ran, for JUnit
}

// Header is what every format knows before the first file.
type Header struct {
	Version string            // engine version
	Ruleset string            // engine version + schema hash
	Rules   []engine.RuleInfo // every rule, for SARIF and JUnit descriptions
	// Grading is the course's points per kata, for the autograder formats
	// (gradescope, classroom); a kata not in it is pass or fail.
	Grading map[string]points.Kata
	Took    time.Duration // how long the check ran, for Gradescope
	// Start is when the check began; a format written at the end (an
	// autograder's) takes Took from it when Took is not set.
	Start time.Time
}

// Summary counts the files of a run and their findings.
type Summary struct {
	Files, Errors, Warnings int
}

// Add counts one file.
func (s *Summary) Add(f *File) {
	s.Files++
	for _, x := range f.Findings {
		if x.Severity == engine.Error {
			s.Errors++
		} else {
			s.Warnings++
		}
	}
}

// Run is a whole `katabook check` at once, for callers with few files.
type Run struct {
	Header
	Files []File // in the order given on the command line
}

// encoder is one format: its open function writes what comes before the
// first file, file writes a file's part, end what follows the last file.
type encoder interface {
	file(w *bufio.Writer, f *File) error
	end(w *bufio.Writer, s Summary) error
}

type outputFormat struct {
	name string
	// open makes the format's encoder; dst is the writer under the buffer,
	// for a format that must come back to its start (JUnit's totals).
	open func(w *bufio.Writer, dst io.Writer, h Header) (encoder, error)
}

// formats lists every output format, in the order the help names them.
var formats = []outputFormat{{"text", openText}, {"json", openJSON}, {"github", openGitHub}, {"junit", openJUnit}, {"sarif", openSARIF},
	{"gradescope", whole(writeGradescope)}, {"classroom", whole(writeClassroom)}}

// whole makes a format that needs every file before it writes (an
// autograder's one score for a submission): it keeps the files, which an
// autograder run has few of, and writes them at the end.
func whole(write func(io.Writer, *Run) error) func(*bufio.Writer, io.Writer, Header) (encoder, error) {
	return func(_ *bufio.Writer, _ io.Writer, h Header) (encoder, error) {
		return &wholeRun{run: Run{Header: h}, write: write}, nil
	}
}

type wholeRun struct {
	run   Run
	write func(io.Writer, *Run) error
}

func (r *wholeRun) file(_ *bufio.Writer, f *File) error {
	r.run.Files = append(r.run.Files, *f)
	return nil
}

func (r *wholeRun) end(w *bufio.Writer, _ Summary) error {
	if r.run.Took == 0 && !r.run.Start.IsZero() {
		r.run.Took = time.Since(r.run.Start)
	}
	return r.write(w, &r.run)
}

// Names lists the formats.
func Names() []string {
	names := make([]string, len(formats))
	for i, f := range formats {
		names[i] = f.name
	}
	return names
}

// Known reports whether name is a format.
func Known(name string) bool { return slices.Contains(Names(), name) }

// Writer writes one format as results arrive: File for each file in
// order, then Close.
type Writer struct {
	bw  *bufio.Writer
	enc encoder
	sum Summary
}

// New starts writing the named format to w. If w is an io.WriterAt, the
// output starts at its offset 0 and a format may come back to fill in a
// space it left (a file the caller created: not standard output, which
// may be a file opened for appending). Hide WriteAt from New otherwise.
func New(w io.Writer, name string, h Header) (*Writer, error) {
	i := slices.IndexFunc(formats, func(f outputFormat) bool { return f.name == name })
	if i < 0 {
		return nil, fmt.Errorf("unknown format %q (formats: %s)", name, strings.Join(Names(), ", "))
	}
	// Buffered: a line per finding was a write system call per finding
	// (107,000 for a 10,000-file cohort) when stdout is a pipe or a file.
	bw := bufio.NewWriterSize(w, 64<<10)
	enc, err := formats[i].open(bw, w, h)
	if err != nil {
		return nil, err
	}
	return &Writer{bw: bw, enc: enc}, nil
}

// File writes one file's results.
func (w *Writer) File(f *File) error {
	w.sum.Add(f)
	return w.enc.file(w.bw, f)
}

// Close writes what follows the last file and flushes.
func (w *Writer) Close() error {
	if err := w.enc.end(w.bw, w.sum); err != nil {
		return err
	}
	return w.bw.Flush()
}

// Write writes a whole run in the named format.
func Write(w io.Writer, name string, run *Run) error {
	fw, err := New(w, name, run.Header)
	if err != nil {
		return err
	}
	for i := range run.Files {
		if err := fw.File(&run.Files[i]); err != nil {
			return err
		}
	}
	return fw.Close()
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}

// text is `path:line:col: severity: message [rule]`, plain words first and
// the rule id after, each finding that follows from it indented under it,
// and a summary line.
type text struct{}

func openText(*bufio.Writer, io.Writer, Header) (encoder, error) { return text{}, nil }

func (text) file(w *bufio.Writer, f *File) error {
	name := plain.Name(f.Path)
	for _, x := range f.Findings {
		if _, err := fmt.Fprintf(w, "%s:%d:%d: %s: %s [%s]\n", name, x.Line, x.Col, x.Severity, plain.Line(x.Message), x.Rule); err != nil {
			return err
		}
		for _, y := range x.Follows {
			if _, err := fmt.Fprintf(w, "    which also makes %s:%d:%d wrong: %s [%s]\n", name, y.Line, y.Col, plain.Line(y.Message), y.Rule); err != nil {
				return err
			}
		}
	}
	return nil
}

func (text) end(w *bufio.Writer, s Summary) error {
	_, err := fmt.Fprintf(w, "%s, %s, %s\n", plural(s.Files, "file"), plural(s.Errors, "error"), plural(s.Warnings, "warning"))
	return err
}
