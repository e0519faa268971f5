package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/evanw/esbuild/pkg/api"

	"github.com/katabook/katabook/content"
	"github.com/katabook/katabook/engine"
	"github.com/katabook/katabook/internal/safejson"
	"github.com/katabook/katabook/site"
)

// yamlValues are scalars and shapes YAML can hold that a form control
// cannot, that JSON and JavaScript numbers treat differently, or whose
// findings depend on how the file spells them (017 is octal; a message
// quotes 0.5e-3 as written; .inf and 1e400 have no float64).
var yamlValues = []string{
	`"40"`, `'0.25'`, `~`, `null`, `yes`, `no`, `true`, `-0`, `0.5`, `0.5e-3`, `1e308`, `-1e308`, `0.1e-320`,
	`0x10`, `0o17`, `017`, `1_000`, `1e400`, `.inf`, `-.Inf`, `.nan`, `9007199254740993`,
	`2026-11-25`, `2026-11-25T10:00:00Z`, `!!binary aGVsbG8=`, `"a\nb"`, `|` + "\n      two\n      lines",
	`[1, 2]`, `{a: 1}`, `""`, `" "`, `&x 5`,
}

// scalarLineRE finds a scalar field of an answer block.
var scalarLineRE = regexp.MustCompile(`(?m)^(\s*(?:- )?[a-z_]+: )([^\s#|>][^#\n]*)$`)

// differentialInputs is the engine's fuzz corpus and test submissions, the
// examples, and the examples with values from yamlValues put into their
// answers' fields.
func differentialInputs(t *testing.T) []string {
	t.Helper()
	var inputs []string
	files, _ := filepath.Glob("../../engine/testdata/fuzz/*/*")
	for _, p := range files {
		src := fuzzValue(t, p)
		if strings.Contains(p, "FuzzFastYAML") { // an answer block's text
			for _, kata := range []string{"queue", "slo", "limiter", "incident"} {
				inputs = append(inputs, "---\nkata: "+kata+"\nsubject: s\n---\n\n```yaml answer\n"+src+"\n```\n")
			}
			continue
		}
		inputs = append(inputs, src)
	}
	examples, _ := filepath.Glob("../../examples/*/*.md")
	more, _ := filepath.Glob("../../engine/testdata/*.md")
	for _, p := range append(examples, more...) {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		src := string(b)
		inputs = append(inputs, src)
		head, answer, ok := strings.Cut(src, "```yaml answer\n")
		if !ok {
			t.Fatalf("%s has no answer block", p)
		}
		// Each value goes into every seventh scalar field, a different set
		// per value, so every field meets some of them.
		for vi, v := range yamlValues {
			n := 0
			changed := scalarLineRE.ReplaceAllStringFunc(answer, func(line string) string {
				n++
				if (n+vi)%7 != 0 {
					return line
				}
				return scalarLineRE.FindStringSubmatch(line)[1] + v
			})
			inputs = append(inputs, head+"```yaml answer\n"+changed)
		}
	}
	return inputs
}

// fuzzValue reads the one value of a Go fuzz corpus file.
func fuzzValue(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	_, lit, _ := strings.Cut(strings.TrimSpace(string(b)), "\n")
	lit = lit[strings.Index(lit, "(")+1 : len(lit)-1]
	s, err := strconv.Unquote(lit)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return s
}

// wasmResult is what testdata/wasmcheck.ts says of one input.
type wasmResult struct {
	Direct, Page *string
	Refused      string
}

// runWASM runs every input through the WebAssembly engine under Node, by
// way of the page's own TypeScript (bundled with esbuild, as the site is).
func runWASM(t *testing.T, inputs []string) []wasmResult {
	t.Helper()
	node, err := exec.LookPath("node")
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("CI=true but node is missing: the differential test must run")
		}
		t.Skip("node not installed; skipping the WebAssembly differential test")
	}
	wasm := "../../site/wasmbin/engine.wasm"
	if _, err := os.Stat(wasm); err != nil {
		t.Fatalf("%v: run `make wasm` first", err)
	}
	res := api.Build(api.BuildOptions{EntryPoints: []string{"testdata/wasmcheck.ts"}, Bundle: true, Write: false,
		Platform: api.PlatformNode, Format: api.FormatCommonJS, Target: api.ES2020, LogLevel: api.LogLevelSilent})
	if len(res.Errors) > 0 || len(res.OutputFiles) != 1 {
		t.Fatalf("bundle testdata/wasmcheck.ts: %+v", res.Errors)
	}
	script := filepath.Join(t.TempDir(), "wasmcheck.js")
	if err := os.WriteFile(script, res.OutputFiles[0].Contents, 0o644); err != nil {
		t.Fatal(err)
	}
	files := make([][]byte, len(inputs)) // []byte: encoding/json writes base64, bytes kept exactly
	for i, src := range inputs {
		files[i] = []byte(src)
	}
	in, _ := json.Marshal(files)
	// The default course's declared katas (the queue), as the page gets
	// them from assets/course.js.
	built, err := site.Files(site.Options{Content: content.FS, Engine: defaultBase(t)})
	if err != nil {
		t.Fatal(err)
	}
	course := filepath.Join(t.TempDir(), "course.js")
	if err := os.WriteFile(course, built["assets/course.js"], 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(node, script, "../../site/wasmbin/wasm_exec.js", wasm, course)
	cmd.Stdin = bytes.NewReader(in)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("node: %v\n%s", err, stderr.String())
	}
	var results []wasmResult
	if err := json.Unmarshal(out, &results); err != nil || len(results) != len(inputs) {
		t.Fatalf("node wrote %d results for %d inputs (%v): %.300s", len(results), len(inputs), err, out)
	}
	return results
}

// TestWASMEngineAgreesWithTheCLI: for every input, the WebAssembly engine
// writes exactly the native engine's report (findings and figures, with
// non-finite numbers as safejson writes them), both for the file itself and
// for the file as the page sends it after importing it; and the page's
// version has the findings the CLI reports for the file (lines aside, since
// the page's file is laid out anew).
func TestWASMEngineAgreesWithTheCLI(t *testing.T) {
	eng := defaultCourse(t)
	inputs := differentialInputs(t)
	results := runWASM(t, inputs)
	native := func(src []byte) string {
		b, err := safejson.Marshal(eng.CheckWithFigures(src))
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	pages := 0
	for i, src := range inputs {
		r := results[i]
		want := native([]byte(src))
		if r.Refused != "" {
			// The page refuses what the CLI refuses, for the same reason.
			if !strings.Contains(want, `"rule":"submission/encoding"`) {
				t.Errorf("input %d: the page refused it (%s); the CLI reads it\ninput: %.400q", i, r.Refused, src)
			}
			continue
		}
		if r.Direct == nil || *r.Direct != want {
			t.Errorf("input %d: the WebAssembly report differs\ninput: %.400q\nwasm:   %.600s\nnative: %.600s", i, src, deref(r.Direct), want)
			continue
		}
		sub, _ := engine.Parse([]byte(src))
		if sub.Answer == nil || r.Page == nil {
			continue // the page refuses such a file; TestBrowserImport* covers it
		}
		pages++
		md, err := eng.Render(sub.Meta, engine.WithLiterals(sub.Answer.Value, sub.Answer.Literals()), sub.Prose)
		if err != nil {
			t.Fatalf("input %d: render: %v", i, err)
		}
		if page := native(md); *r.Page != page {
			t.Errorf("input %d: the page's report differs from the native one of the same file\nwasm:   %.600s\nnative: %.600s", i, *r.Page, page)
		}
		if got, want := answerFindings(t, *r.Page), answerFindings(t, want); got != want {
			t.Errorf("input %d: the page finds other things than the CLI\ninput: %.600q\npage only: %s\ncli only:  %s", i, src, lineDiff(got, want), lineDiff(want, got))
		}
	}
	t.Logf("%d inputs, %d through the page's import path", len(inputs), pages)
	if pages < len(inputs)/2 {
		t.Errorf("only %d of %d inputs reached the page's path: the corpus lost its answers", pages, len(inputs))
	}
}

// answerFindings lists a report's findings about the answer (not about
// the file's layout, submission/*), without their places in the file, in
// sorted order: findings on one line come in no fixed order.
func answerFindings(t *testing.T, report string) string {
	t.Helper()
	var rep struct{ Findings []engine.Finding }
	if err := json.Unmarshal([]byte(report), &rep); err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, f := range rep.Findings {
		if !strings.HasPrefix(f.Rule, "submission/") {
			out = append(out, fmt.Sprintf("%s %s %s: %s", f.Severity, f.Rule, f.Pointer, f.Message))
		}
	}
	sort.Strings(out)
	return strings.Join(out, "\n")
}

// lineDiff lists the lines of a that b lacks.
func lineDiff(a, b string) string {
	have := map[string]bool{}
	for _, l := range strings.Split(b, "\n") {
		have[l] = true
	}
	var out []string
	for _, l := range strings.Split(a, "\n") {
		if !have[l] {
			out = append(out, l)
		}
	}
	return strings.Join(out, "\n")
}

func deref(s *string) string {
	if s == nil {
		return "<none>"
	}
	return *s
}
