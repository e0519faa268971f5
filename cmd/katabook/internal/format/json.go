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

// jsonStream writes JSONOutput a file at a time, with the indentation
// json.Encoder's SetIndent("", "  ") gives the whole document.
type jsonStream struct{ files int }

func openJSON(w *bufio.Writer, _ io.Writer, h Header) (encoder, error) {
	engine, _ := json.Marshal(h.Version)
	ruleset, _ := json.Marshal(h.Ruleset)
	_, err := fmt.Fprintf(w, "{\n  \"version\": %d,\n  \"engine\": %s,\n  \"ruleset\": %s,\n  \"files\": [", JSONVersion, engine, ruleset)
	return &jsonStream{}, err
}

func (j *jsonStream) file(w *bufio.Writer, f *File) error {
	if f.Findings == nil {
		f = &File{Path: f.Path, Kata: f.Kata, Findings: []engine.Finding{}}
	}
	data, err := json.MarshalIndent(f, "    ", "  ")
	if err != nil {
		return err
	}
	sep := ",\n    "
	if j.files == 0 {
		sep = "\n    "
	}
	j.files++
	w.WriteString(sep)
	_, err = w.Write(data)
	return err
}

func (j *jsonStream) end(w *bufio.Writer, s Summary) error {
	if j.files > 0 {
		w.WriteString("\n  ")
	}
	_, err := fmt.Fprintf(w, "],\n  \"summary\": {\n    \"files\": %d,\n    \"errors\": %d,\n    \"warnings\": %d\n  }\n}\n", s.Files, s.Errors, s.Warnings)
	return err
}
