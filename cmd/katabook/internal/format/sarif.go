package format

import (
	"bufio"
	"encoding/json"
	"io"
	"path/filepath"
	"strings"

	"github.com/katabook/katabook/engine"
)

// SARIF 2.1.0, the format code-scanning tools (GitHub code scanning among
// them) read: one run, the tool's rules with their help, one result per
// finding with its physical location in the submitted file.

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

// sarif writes the results as they come and the tool's rules after them:
// JSON members have no order, and only then is the rule list complete (a
// finding may name a schema keyword without its own entry). What it keeps
// is per rule, never per file.
type sarif struct {
	driver  sarifDriver
	index   map[string]int // rule id -> place in driver.Rules
	results jsonArray
}

func openSARIF(w *bufio.Writer, _ io.Writer, h Header) (encoder, error) {
	s := &sarif{driver: sarifDriver{Name: "katabook", Version: h.Ruleset, InformationURI: "https://katabook.dev/"},
		index: map[string]int{}, results: jsonArray{indent: "        "}}
	for _, r := range h.Rules {
		s.addRule(r)
	}
	_, err := w.WriteString("{\n  \"$schema\": \"https://json.schemastore.org/sarif-2.1.0.json\",\n  \"version\": \"2.1.0\",\n" +
		"  \"runs\": [\n    {\n      \"results\": [")
	return s, err
}

func (s *sarif) addRule(r engine.RuleInfo) int {
	if i, ok := s.index[r.ID]; ok {
		return i
	}
	s.index[r.ID] = len(s.driver.Rules)
	rule := sarifRule{ID: r.ID, ShortDescription: sarifText{r.Summary}, FullDescription: sarifText{r.Help},
		Help: sarifText{r.Help}, DefaultConfiguration: map[string]any{"level": string(r.Severity)}}
	if r.Kata != "" {
		rule.Properties = map[string]any{"kata": r.Kata}
	}
	s.driver.Rules = append(s.driver.Rules, rule)
	return s.index[r.ID]
}

func (s *sarif) file(w *bufio.Writer, f *File) error {
	uri := sarifURI(f.Path)
	for _, x := range f.Findings {
		i, ok := s.index[x.Rule]
		if !ok { // a schema keyword without its own entry
			i = s.addRule(engine.RuleInfo{ID: x.Rule, Severity: x.Severity, Summary: x.Rule, Help: x.Rule})
		}
		loc := sarifLocation{}
		loc.PhysicalLocation.ArtifactLocation.URI = uri
		if x.Line > 0 {
			loc.PhysicalLocation.Region = &sarifRegion{StartLine: x.Line, StartColumn: x.Col}
		}
		if err := s.results.add(w, sarifResult{RuleID: x.Rule, RuleIndex: i, Level: string(x.Severity),
			Message: sarifText{x.Message}, Locations: []sarifLocation{loc}}); err != nil {
			return err
		}
	}
	return nil
}

func (s *sarif) end(w *bufio.Writer, _ Summary) error {
	s.results.close(w)
	tool, err := json.MarshalIndent(sarifTool{Driver: s.driver}, "      ", "  ")
	if err != nil {
		return err
	}
	w.WriteString(",\n      \"tool\": ")
	w.Write(tool)
	_, err = w.WriteString("\n    }\n  ]\n}\n")
	return err
}

// sarifURI writes a path as a URI reference (RFC 3986), which SARIF's
// artifactLocation.uri must be: a relative path stays relative (code
// scanning resolves it against the repository root), with every byte
// outside the unreserved characters and "/" percent-encoded, so that
// "slo:v2.md" is not read as a URI of scheme "slo", nor "#" and "?" as a
// fragment and a query, and no control character passes. A path that
// leaves the current folder (absolute, or "../" after cleaning) is an
// absolute file: URI instead of a reference out of the repository.
func sarifURI(p string) string {
	clean := filepath.ToSlash(filepath.Clean(p))
	if !filepath.IsAbs(p) && clean != ".." && !strings.HasPrefix(clean, "../") {
		return escapePath(clean, "")
	}
	abs, err := filepath.Abs(p)
	if err != nil {
		return escapePath(clean, "")
	}
	abs = filepath.ToSlash(abs)
	if !strings.HasPrefix(abs, "/") {
		abs = "/" + abs // C:/x on Windows: file:///C:/x
	}
	return "file://" + escapePath(abs, ":") // a colon is plain in an absolute URI's path
}

// escapePath percent-encodes every byte of p but the unreserved characters,
// "/" and the bytes of keep.
func escapePath(p, keep string) string {
	const hex = "0123456789ABCDEF"
	var b strings.Builder
	for i := 0; i < len(p); i++ {
		c := p[i]
		if 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || strings.IndexByte("-._~/", c) >= 0 || strings.IndexByte(keep, c) >= 0 {
			b.WriteByte(c)
			continue
		}
		b.WriteByte('%')
		b.WriteByte(hex[c>>4])
		b.WriteByte(hex[c&15])
	}
	return b.String()
}
