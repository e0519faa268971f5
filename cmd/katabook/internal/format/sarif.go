package format

import (
	"encoding/json"
	"io"
	"path/filepath"
	"strings"

	"github.com/katabook/katabook/engine"
)

// SARIF 2.1.0, the format code-scanning tools (GitHub code scanning among
// them) read: one run, the tool's rules with their help, one result per
// finding with its physical location in the submitted file.

type sarifLog struct {
	Schema  string     `json:"$schema"`
	Version string     `json:"version"`
	Runs    []sarifRun `json:"runs"`
}

type sarifRun struct {
	Tool    sarifTool     `json:"tool"`
	Results []sarifResult `json:"results"`
}

type sarifTool struct {
	Driver sarifDriver `json:"driver"`
}

type sarifDriver struct {
	Name           string      `json:"name"`
	Version        string      `json:"version"`
	InformationURI string      `json:"informationUri"`
	Rules          []sarifRule `json:"rules"`
}

type sarifText struct {
	Text string `json:"text"`
}

type sarifRule struct {
	ID                   string         `json:"id"`
	ShortDescription     sarifText      `json:"shortDescription"`
	FullDescription      sarifText      `json:"fullDescription"`
	Help                 sarifText      `json:"help"`
	DefaultConfiguration map[string]any `json:"defaultConfiguration"`
	Properties           map[string]any `json:"properties,omitempty"`
}

type sarifResult struct {
	RuleID    string          `json:"ruleId"`
	RuleIndex int             `json:"ruleIndex"`
	Level     string          `json:"level"`
	Message   sarifText       `json:"message"`
	Locations []sarifLocation `json:"locations"`
}

type sarifLocation struct {
	PhysicalLocation sarifPhysical `json:"physicalLocation"`
}

type sarifPhysical struct {
	ArtifactLocation struct {
		URI string `json:"uri"`
	} `json:"artifactLocation"`
	Region *sarifRegion `json:"region,omitempty"`
}

type sarifRegion struct {
	StartLine   int `json:"startLine"`
	StartColumn int `json:"startColumn,omitempty"`
}

func writeSARIF(w io.Writer, run *Run) error {
	driver := sarifDriver{Name: "katabook", Version: run.Ruleset, InformationURI: "https://katabook.dev/"}
	index := map[string]int{}
	addRule := func(r engine.RuleInfo) int {
		if i, ok := index[r.ID]; ok {
			return i
		}
		index[r.ID] = len(driver.Rules)
		rule := sarifRule{ID: r.ID, ShortDescription: sarifText{r.Summary}, FullDescription: sarifText{r.Help},
			Help: sarifText{r.Help}, DefaultConfiguration: map[string]any{"level": string(r.Severity)}}
		if r.Kata != "" {
			rule.Properties = map[string]any{"kata": r.Kata}
		}
		driver.Rules = append(driver.Rules, rule)
		return index[r.ID]
	}
	for _, r := range run.Rules {
		addRule(r)
	}
	results := []sarifResult{}
	for _, f := range run.Files {
		for _, x := range f.Findings {
			i, ok := index[x.Rule]
			if !ok { // a schema keyword without its own entry
				i = addRule(engine.RuleInfo{ID: x.Rule, Severity: x.Severity, Summary: x.Rule, Help: x.Rule})
			}
			loc := sarifLocation{}
			loc.PhysicalLocation.ArtifactLocation.URI = sarifURI(f.Path)
			if x.Line > 0 {
				loc.PhysicalLocation.Region = &sarifRegion{StartLine: x.Line, StartColumn: x.Col}
			}
			results = append(results, sarifResult{RuleID: x.Rule, RuleIndex: i, Level: string(x.Severity),
				Message: sarifText{x.Message}, Locations: []sarifLocation{loc}})
		}
	}
	out := sarifLog{
		Schema:  "https://json.schemastore.org/sarif-2.1.0.json",
		Version: "2.1.0",
		Runs:    []sarifRun{{Tool: sarifTool{Driver: driver}, Results: results}},
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}

// sarifURI writes a path as a relative URI reference with forward slashes,
// which code-scanning tools resolve against the repository root.
func sarifURI(p string) string {
	p = filepath.ToSlash(p)
	p = strings.TrimPrefix(p, "./")
	r := strings.NewReplacer("%", "%25", " ", "%20", "#", "%23", "?", "%3F", "<", "%3C", ">", "%3E")
	return r.Replace(p)
}
