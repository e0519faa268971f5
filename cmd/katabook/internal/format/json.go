package format

import (
	"encoding/json"
	"io"
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

func writeJSON(w io.Writer, run *Run) error {
	out := JSONOutput{Version: JSONVersion, Engine: run.Version, Ruleset: run.Ruleset, Files: run.Files}
	if out.Files == nil {
		out.Files = []File{}
	}
	out.Summary.Files = len(run.Files)
	out.Summary.Errors, out.Summary.Warnings = run.Counts()
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}
