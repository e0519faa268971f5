package engine

import (
	"fmt"
	"strings"
)

// exporter turns a passing answer into another document, e.g. alerting
// rules: what the learner wrote becomes something to deploy.
type exporter struct {
	format string // the name of the format: --format and the page's button
	title  string // what the file is, for the page's button
	ext    string // the file name's extension, without the dot
	build  func(meta Meta, a *Answer) ([]byte, error)
}

// ExportFormat describes one format a kata's answers can be exported to.
type ExportFormat struct {
	Format string `json:"format"`
	Title  string `json:"title"`
	Ext    string `json:"ext"`
}

// Exports lists the formats a kata can export a passing answer to.
func (e *Engine) Exports(id string) []ExportFormat {
	k, ok := e.katas[id]
	if !ok {
		return nil
	}
	var out []ExportFormat
	for _, x := range k.exports {
		out = append(out, ExportFormat{x.format, x.title, x.ext})
	}
	return out
}

// Export checks a submission and, when it has no error finding, turns it
// into the format asked for. The report comes back either way; the error
// says why nothing was exported (unknown format, findings, or a failure).
func (e *Engine) Export(src []byte, format string) ([]byte, *Report, error) {
	rep := e.Check(src)
	k := e.katas[rep.Kata]
	if k == nil {
		return nil, rep, fmt.Errorf("export: not a submission of a known kata")
	}
	var x *exporter
	var names []string
	for i := range k.exports {
		names = append(names, k.exports[i].format)
		if k.exports[i].format == format {
			x = &k.exports[i]
		}
	}
	if x == nil {
		if len(names) == 0 {
			return nil, rep, fmt.Errorf("export: the kata %s has nothing to export", k.id)
		}
		return nil, rep, fmt.Errorf("export: unknown format %q for kata %s; the formats are %s", format, k.id, strings.Join(names, ", "))
	}
	if n := rep.Errors(); n > 0 {
		return nil, rep, fmt.Errorf("export: the submission has %d error finding(s); only a passing document is exported", n)
	}
	sub, _ := Parse(src)
	out, err := x.build(sub.Meta, sub.Answer)
	if err != nil {
		return nil, rep, fmt.Errorf("export %s: %w", format, err)
	}
	return out, rep, nil
}
