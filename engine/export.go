package engine

import (
	"fmt"
	"strings"
)

// Exporter turns a passing answer into another document, e.g. alerting
// rules: what the learner wrote becomes something to deploy.
type Exporter struct {
	Format string // the name of the format: --format and the page's button
	Title  string // what the file is, for the page's button
	Ext    string // the file name's extension, without the dot
	Build  func(meta Meta, a *Answer, p Params) ([]byte, error)
}

// ExportFormat describes one format a kata's answers can be exported to.
type ExportFormat struct {
	Format string `json:"format"`
	Title  string `json:"title"`
	Ext    string `json:"ext"`
}

// Exports lists the formats a kata can export a passing answer to.
func (e *Engine) Exports(id string) []ExportFormat {
	k, ok := e.kata(id)
	if !ok {
		return nil
	}
	var out []ExportFormat
	for _, x := range k.Exports {
		out = append(out, ExportFormat{x.Format, x.Title, x.Ext})
	}
	return out
}

// Export checks a submission and, when it has no error finding, turns it
// into the format asked for. The report comes back either way; the error
// says why nothing was exported (unknown format, findings, or a failure).
func (e *Engine) Export(src []byte, format string) ([]byte, *Report, error) {
	rep := e.Check(src)
	k, ok := e.kata(rep.Kata)
	if !ok {
		return nil, rep, fmt.Errorf("export: not a submission of a known kata")
	}
	var x *Exporter
	var names []string
	exports := k.Exports
	for i := range exports {
		names = append(names, exports[i].Format)
		if exports[i].Format == format {
			x = &exports[i]
		}
	}
	if x == nil {
		if len(names) == 0 {
			return nil, rep, fmt.Errorf("export: the kata %s has nothing to export", k.ID)
		}
		return nil, rep, fmt.Errorf("export: unknown format %q for kata %s; the formats are %s", format, k.ID, strings.Join(names, ", "))
	}
	if n := rep.Errors(); n > 0 {
		return nil, rep, fmt.Errorf("export: the submission has %d error finding(s); only a passing document is exported", n)
	}
	sub, _ := Parse(src)
	out, err := x.Build(sub.Meta, sub.Answer, k.params)
	if err != nil {
		return nil, rep, fmt.Errorf("export %s: %w", format, err)
	}
	return out, rep, nil
}
