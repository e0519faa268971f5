package format

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"

	"github.com/katabook/katabook/engine"
)

// JSONVersion is the version of the JSON output's shape. It changes only
// when a field is removed or changes meaning; new fields may appear.
const JSONVersion = 1

// JSONOutput is the documented shape of `katabook check --format json`.
type JSONOutput struct {
	Version int    `json:"version"` // JSONVersion
	Engine  string `json:"engine"`  // engine version
	Ruleset string `json:"ruleset"` // engine version + hash of the schemas
	Files   []File `json:"files"`   // each with path, kata and findings
	Summary struct {
		Files    int `json:"files"`
		Errors   int `json:"errors"`
		Warnings int `json:"warnings"`
	} `json:"summary"`
}

// jsonArray writes the elements of a JSON array one at a time, as
// json.Encoder's SetIndent("", "  ") would indent them at depth
// len(indent)/2 - 1: after the array's "[", before its "]".
type jsonArray struct {
	indent string // of the elements
	n      int
}

func (a *jsonArray) add(w *bufio.Writer, v any) error {
	data, err := json.MarshalIndent(v, a.indent, "  ")
	if err != nil {
		return err
	}
	if a.n > 0 {
		w.WriteByte(',')
	}
	a.n++
	w.WriteString("\n" + a.indent)
	_, err = w.Write(data)
	return err
}

// close ends the array: on the line of its "[" when it is empty.
func (a *jsonArray) close(w *bufio.Writer) {
	if a.n > 0 {
		w.WriteString("\n" + a.indent[2:])
	}
	w.WriteByte(']')
}

// jsonStream writes JSONOutput a file at a time, indented as json.Encoder's
// SetIndent("", "  ") indents the whole document.
type jsonStream struct{ files jsonArray }

func openJSON(w *bufio.Writer, _ io.Writer, h Header) (encoder, error) {
	engine, _ := json.Marshal(h.Version)
	ruleset, _ := json.Marshal(h.Ruleset)
	_, err := fmt.Fprintf(w, "{\n  \"version\": %d,\n  \"engine\": %s,\n  \"ruleset\": %s,\n  \"files\": [", JSONVersion, engine, ruleset)
	return &jsonStream{jsonArray{indent: "    "}}, err
}

func (j *jsonStream) file(w *bufio.Writer, f *File) error {
	if f.Findings == nil {
		f = &File{Path: f.Path, Kata: f.Kata, Findings: []engine.Finding{}}
	}
	return j.files.add(w, f)
}

func (j *jsonStream) end(w *bufio.Writer, s Summary) error {
	j.files.close(w)
	_, err := fmt.Fprintf(w, ",\n  \"summary\": {\n    \"files\": %d,\n    \"errors\": %d,\n    \"warnings\": %d\n  }\n}\n", s.Files, s.Errors, s.Warnings)
	return err
}
