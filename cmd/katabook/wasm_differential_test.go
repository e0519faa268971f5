package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/evanw/esbuild/pkg/api"

	"github.com/katabook/katabook/engine"
	"github.com/katabook/katabook/internal/safejson"
	"github.com/katabook/katabook/schemas"
)

// yamlValues are scalars and shapes YAML can hold that a form control
// cannot, or that JSON and JavaScript numbers treat differently.
var yamlValues = []string{
	`"40"`, `'0.25'`, `~`, `null`, `yes`, `no`, `true`, `-0`, `0.5`,
	`2026-11-25`, `2026-11-25T10:00:00Z`, `!!binary aGVsbG8=`, `"a\nb"`, `|` + "\n      two\n      lines",
	`[1, 2]`, `{a: 1}`, `""`, `" "`, `&x 5`,
}

// spelledValues are numbers whose findings depend on how the file spells
// them: a message quotes 0.5e-3 where the page's file says 0.0005, 017
// gets an octal warning, and .inf or 1e400 an answer/yaml error, where the
// page's import receives the value (or nothing) and not its spelling. For
// these the page must find the same rules at the same fields, save those
// two rules: carrying a number's spelling through the page needs the
// engine's Parse and Render to keep it (left for the engine's owners).
var spelledValues = []string{`0.5e-3`, `1e308`, `-1e308`, `0.1e-320`, `0x10`, `0o17`, `017`, `1_000`, `1e400`, `.inf`, `-.Inf`, `.nan`, `9007199254740993`}

// scalarLineRE finds a scalar field of an answer block.
var scalarLineRE = regexp.MustCompile(`(?m)^(\s*(?:- )?[a-z_]+: )([^\s#|>][^#\n]*)$`)

// diffInput is one submission of the differential test; spelled says its
// findings depend on a number's spelling (spelledValues).
type diffInput struct {
	src     string
	spelled bool
}

// differentialInputs is the engine's fuzz corpus and test submissions, the
// examples, and the examples with values from yamlValues and spelledValues
// put into their answers' fields.
func differentialInputs(t *testing.T) []diffInput {
	t.Helper()
	var inputs []diffInput
	files, _ := filepath.Glob("../../engine/testdata/fuzz/*/*")
	for _, p := range files {
		src := fuzzValue(t, p)
		if strings.Contains(p, "FuzzFastYAML") { // an answer block's text
			for _, kata := range []string{"queue", "slo", "limiter", "incident"} {
				inputs = append(inputs, diffInput{src: "---\nkata: " + kata + "\nsubject: s\n---\n\n```yaml answer\n" + src + "\n```\n"})
			}
			continue
		}
		inputs = append(inputs, diffInput{src: src})
	}
	examples, _ := filepath.Glob("../../examples/*/*.md")
	more, _ := filepath.Glob("../../engine/testdata/*.md")
	for _, p := range append(examples, more...) {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		src := string(b)
		inputs = append(inputs, diffInput{src: src})
		head, answer, ok := strings.Cut(src, "```yaml answer\n")
		if !ok {
			t.Fatalf("%s has no answer block", p)
		}
		// Each value goes into every seventh scalar field, a different set
		// per value, so every field meets some of them.
		for vi, v := range append(append([]string(nil), yamlValues...), spelledValues...) {
			n := 0
			changed := scalarLineRE.ReplaceAllStringFunc(answer, func(line string) string {
				n++
				if (n+vi)%7 != 0 {
					return line
				}
				return scalarLineRE.FindStringSubmatch(line)[1] + v
			})
			inputs = append(inputs, diffInput{head + "```yaml answer\n" + changed, vi >= len(yamlValues)})
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
func runWASM(t *testing.T, inputs []diffInput) []wasmResult {
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
	for i, in := range inputs {
		files[i] = []byte(in.src)
	}
	in, _ := json.Marshal(files)
	cmd := exec.Command(node, script, "../../site/wasmbin/wasm_exec.js", wasm)
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
	eng, err := engine.New(schemas.FS)
	if err != nil {
		t.Fatal(err)
	}
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
	for i, in := range inputs {
		src, r := in.src, results[i]
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
		if m, ok := sub.Answer.Value.(map[string]any); ok && len(m) == 0 {
			// Left for the engine: an empty answer gets one schema/required
			// finding per section, the page's file of empty keys (the same
			// answer) only the first; `katabook new` files meet it too.
			continue
		}
		md, err := eng.Render(sub.Meta, sub.Answer.Value, sub.Prose)
		if err != nil {
			t.Fatalf("input %d: render: %v", i, err)
		}
		if page := native(md); *r.Page != page {
			t.Errorf("input %d: the page's report differs from the native one of the same file\nwasm:   %.600s\nnative: %.600s", i, *r.Page, page)
		}
		if got, want := answerFindings(t, *r.Page, !in.spelled), answerFindings(t, want, !in.spelled); got != want {
			t.Errorf("input %d: the page finds other things than the CLI\ninput: %.600q\npage only: %s\ncli only:  %s", i, src, lineDiff(got, want), lineDiff(want, got))
		}
	}
	t.Logf("%d inputs, %d through the page's import path", len(inputs), pages)
	if pages < len(inputs)/2 {
		t.Errorf("only %d of %d inputs reached the page's path: the corpus lost its answers", pages, len(inputs))
	}
}

// answerFindings lists a report's findings about the answer (not about
// the file's layout, submission/*), without their places in the file and,
// unless messages is set, without their messages.
func answerFindings(t *testing.T, report string, messages bool) string {
	t.Helper()
	var rep struct{ Findings []engine.Finding }
	if err := json.Unmarshal([]byte(report), &rep); err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	for _, f := range rep.Findings {
		if strings.HasPrefix(f.Rule, "submission/") || !messages && (f.Rule == "answer/octal" || f.Rule == "answer/yaml") {
			continue
		}
		fmt.Fprintf(&b, "%s %s %s", f.Severity, f.Rule, f.Pointer)
		if messages {
			fmt.Fprintf(&b, ": %s", f.Message)
		}
		b.WriteByte('\n')
	}
	return b.String()
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
