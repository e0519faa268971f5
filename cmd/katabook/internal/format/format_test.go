package format

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v5"

	"github.com/katabook/katabook/engine"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// sampleRun has a passing file, a file with an error and a warning (with
// characters every format must escape), and a file that is not a submission.
func sampleRun() *Run {
	return &Run{
		Header: Header{Version: "0.1.0", Ruleset: "0.1.0+abcdef123456", Rules: []engine.RuleInfo{
			{ID: "submission/front-matter", Severity: engine.Error, Summary: "the front matter is missing", Help: "Start with ---."},
			{ID: "queue/little-l", Kata: "queue", Severity: engine.Error, Summary: "L = λ·W", Help: "Little's law."},
			{ID: "queue/knee", Kata: "queue", Severity: engine.Warning, Summary: "the knee", Help: "ρ = 0.9."},
		}},
		Files: []File{
			{Path: "subs/good.md", Kata: "queue", Findings: []engine.Finding{},
				Rules: []engine.RuleResult{{Rule: "queue/little-l", Title: "L = λ·W", Status: "pass"}, {Rule: "queue/knee", Title: "the knee", Status: "skip"}}},
			{Path: "subs/a b,c:d.md", Kata: "queue", Findings: []engine.Finding{
				{Rule: "queue/little-l", Severity: engine.Error, Message: "little.l_computed is 12, but λ·W = 40 × 0.25 gives 10\n<&> 100%", Pointer: "/little/l_computed", Line: 31, Col: 15},
				{Rule: "queue/knee", Severity: engine.Warning, Message: "λ = 50 is ρ = 0.5", Pointer: "/mm1/knee_lambda_rps", Line: 77, Col: 20},
			}, Rules: []engine.RuleResult{{Rule: "queue/little-l", Title: "L = λ·W", Status: "fail"}, {Rule: "queue/knee", Title: "the knee", Status: "fail"}}},
			{Path: "subs/notes.md", Findings: []engine.Finding{
				{Rule: "submission/front-matter", Severity: engine.Error, Message: "no front matter", Line: 1, Col: 1},
			}},
		},
	}
}

func TestGoldenFiles(t *testing.T) {
	for _, name := range Names() {
		t.Run(name, func(t *testing.T) {
			var b bytes.Buffer
			if err := Write(&b, name, sampleRun()); err != nil {
				t.Fatal(err)
			}
			golden := filepath.Join("testdata", "sample."+name+".golden")
			if *update {
				if err := os.WriteFile(golden, b.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test -update to create it)", err)
			}
			if !bytes.Equal(b.Bytes(), want) {
				t.Errorf("%s output differs from %s (go test -update to accept):\n%s", name, golden, b.String())
			}
		})
	}
	if err := Write(&bytes.Buffer{}, "yaml", sampleRun()); err == nil {
		t.Error("an unknown format must be an error")
	}
}

func TestGitHubCommandsAreEscaped(t *testing.T) {
	var b bytes.Buffer
	if err := Write(&b, "github", sampleRun()); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(b.String()), "\n")
	if len(lines) != 3 {
		t.Fatalf("want one command per finding, got %d:\n%s", len(lines), b.String())
	}
	want := "::error file=subs/a b%2Cc%3Ad.md,line=31,col=15,title=queue/little-l::little.l_computed is 12, but λ·W = 40 × 0.25 gives 10%0A<&> 100%25"
	if lines[0] != want {
		t.Errorf("got  %s\nwant %s", lines[0], want)
	}
	if !strings.HasPrefix(lines[1], "::warning ") {
		t.Errorf("a warning must be ::warning, got %s", lines[1])
	}
}

func TestJUnitCountsAndFailures(t *testing.T) {
	var b bytes.Buffer
	if err := Write(&b, "junit", sampleRun()); err != nil {
		t.Fatal(err)
	}
	var got junitSuites
	if err := xml.Unmarshal(b.Bytes(), &got); err != nil {
		t.Fatalf("not XML: %v", err)
	}
	if len(got.Suites) != 3 || got.Tests != 5 || got.Failures != 2 || got.Skipped != 1 {
		t.Fatalf("suites %d tests %d failures %d skipped %d, want 3/5/2/1", len(got.Suites), got.Tests, got.Failures, got.Skipped)
	}
	bad := got.Suites[1]
	if f := bad.Cases[0].Failure; f == nil || !strings.Contains(f.Text, "subs/a b,c:d.md:31:15:") {
		t.Errorf("the failing rule must carry file:line and message: %+v", bad.Cases[0])
	}
	if bad.Cases[1].Failure != nil || !strings.Contains(bad.Cases[1].SystemOut, "warning") {
		t.Errorf("a warning is not a failure but is reported: %+v", bad.Cases[1])
	}
}

// TestSARIFIsValid validates the SARIF output against the published SARIF
// 2.1.0 schema (shipped in npm's @microsoft/jest-sarif, fetched by
// `make sarif-schema`; never committed here).
func TestSARIFIsValid(t *testing.T) {
	path := os.Getenv("KATABOOK_SARIF_SCHEMA")
	if path == "" {
		path = filepath.Join("..", "..", "..", "..", ".cache", "sarif", "sarif-2.1.0-rtm.5.json")
	}
	src, err := os.ReadFile(path)
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("CI=true but the SARIF schema is missing (%v): run make sarif-schema", err)
		}
		t.Skipf("SARIF schema not fetched (%v): run make sarif-schema", err)
	}
	c := jsonschema.NewCompiler()
	const id = "https://katabook.dev/test/sarif-2.1.0.json"
	if err := c.AddResource(id, bytes.NewReader(src)); err != nil {
		t.Fatal(err)
	}
	schema, err := c.Compile(id)
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := Write(&b, "sarif", sampleRun()); err != nil {
		t.Fatal(err)
	}
	var doc any
	if err := json.Unmarshal(b.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	if err := schema.Validate(doc); err != nil {
		t.Fatalf("SARIF output breaks the SARIF 2.1.0 schema: %#v", err)
	}
	// And the schema is really checking: a result without a message fails.
	doc.(map[string]any)["runs"].([]any)[0].(map[string]any)["results"].([]any)[0].(map[string]any)["message"] = 5
	if err := schema.Validate(doc); err == nil {
		t.Fatal("a broken SARIF document passed the schema: the test would prove nothing")
	}
}

// countingWriter counts the writes it is given.
type countingWriter struct {
	writes, bytes int
}

func (c *countingWriter) Write(p []byte) (int, error) {
	c.writes++
	c.bytes += len(p)
	return len(p), nil
}

// TestWriteIsBuffered: a cohort's findings reach the output in a few
// large writes, not one system call per line, in every format.
func TestWriteIsBuffered(t *testing.T) {
	run := sampleRun()
	for range 2000 {
		run.Files = append(run.Files, run.Files[1])
	}
	for _, name := range Names() {
		var c countingWriter
		if err := Write(&c, name, run); err != nil {
			t.Fatal(err)
		}
		if most := 2*(c.bytes/(64<<10)) + 2; c.writes > most { // a 64 KiB buffer, give or take a flush
			t.Errorf("%s: %d writes for %d bytes, want at most %d", name, c.writes, c.bytes, most)
		}
	}
}

// TestFormatsStream: every format writes each file's results before the
// run ends (so memory need not grow with the files), and the document it
// makes is the one a whole run at once gives: JUnit into a file fills in
// its totals in the space it left, into a pipe it waits in a spool.
func TestFormatsStream(t *testing.T) {
	run := sampleRun()
	for range 3000 {
		run.Files = append(run.Files, run.Files[1])
	}
	for _, name := range Names() {
		var whole bytes.Buffer
		if err := Write(&whole, name, run); err != nil {
			t.Fatal(err)
		}
		f, err := os.Create(filepath.Join(t.TempDir(), "out."+name))
		if err != nil {
			t.Fatal(err)
		}
		w, err := New(f, name, run.Header)
		if err != nil {
			t.Fatal(err)
		}
		for i := range run.Files {
			if err := w.File(&run.Files[i]); err != nil {
				t.Fatal(err)
			}
		}
		st, _ := f.Stat()
		// An autograder's score needs every file: those formats write at
		// the end (an autograder checks one learner's few files).
		if st.Size() == 0 && name != "gradescope" && name != "classroom" {
			t.Errorf("%s: nothing written before the end of %d files", name, len(run.Files))
		}
		if err := w.Close(); err != nil {
			t.Fatal(err)
		}
		f.Close()
		got, _ := os.ReadFile(f.Name())
		if name == "junit" {
			var a, b junitSuites
			if err := xml.Unmarshal(got, &a); err != nil {
				t.Fatalf("junit into a file is not XML: %v\n%.300s", err, got)
			}
			_ = xml.Unmarshal(whole.Bytes(), &b)
			if a.Tests != b.Tests || a.Failures != b.Failures || a.Skipped != b.Skipped || len(a.Suites) != len(b.Suites) || a.Tests != 5+3000*2 {
				t.Errorf("junit into a file: %d/%d/%d/%d, through a pipe %d/%d/%d/%d", a.Tests, a.Failures, a.Skipped, len(a.Suites), b.Tests, b.Failures, b.Skipped, len(b.Suites))
			}
			continue
		}
		if !bytes.Equal(got, whole.Bytes()) {
			t.Errorf("%s: streamed into a file differs from the whole run", name)
		}
	}
}

// TestNamesCannotInjectIntoCI: a file's name is the submitter's. In the
// text format it cannot start a line of its own or a workflow command
// (GitHub reads a line beginning "::" in any log as one), in the github
// format it stays inside its property, and in SARIF it is a URI reference
// that means the file: percent-encoded, never a scheme, never "../".
func TestNamesCannotInjectIntoCI(t *testing.T) {
	hostile := []string{"x\n::error file=a.md::pwned.md", "::stop-commands::x.md", "r\rs.md", "bidi\u202eevil.md", "bad\xffutf8.md"}
	for _, name := range []string{"text", "github"} {
		for _, p := range hostile {
			run := sampleRun()
			run.Files[1].Path = p
			run.Files[1].Findings[0].Message = "quoted value\r\n::warning::also"
			var b bytes.Buffer
			if err := Write(&b, name, run); err != nil {
				t.Fatal(err)
			}
			for _, line := range strings.Split(strings.TrimSuffix(b.String(), "\n"), "\n") {
				// The github format keeps a name's characters (the annotation must
				// name the very file), escaping only what ends a line or a property.
				if strings.Contains(line, "\r") || name == "text" && (strings.HasPrefix(line, "::") || strings.Contains(line, "\u202e")) ||
					name == "github" && !strings.HasPrefix(line, "::error file=") && !strings.HasPrefix(line, "::warning file=") {
					t.Errorf("%s, file %q: line %q", name, p, line)
				}
			}
		}
	}
	for p, want := range map[string]string{
		"slo:v2.md":        "slo%3Av2.md",
		"./subs/a b#1?.md": "subs/a%20b%231%3F.md",
		"a\nb\x1b[31m.md":  "a%0Ab%1B%5B31m.md",
		"sub/ü.md":         "sub/%C3%BC.md",
		"100%.md":          "100%25.md",
		"/abs/x y.md":      "file:///abs/x%20y.md",
	} {
		if got := sarifURI(p); got != want {
			t.Errorf("sarifURI(%q) = %q, want %q", p, got, want)
		}
	}
	wd, _ := os.Getwd()
	if got, want := sarifURI("../up.md"), "file://"+escapePath(filepath.ToSlash(filepath.Join(filepath.Dir(wd), "up.md")), ":"); got != want {
		t.Errorf("sarifURI(../up.md) = %q, want %q", got, want)
	}
}
