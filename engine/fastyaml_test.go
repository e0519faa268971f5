package engine

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

// dumpNode writes what the engine reads of a YAML tree, one node a line.
func dumpNode(b *strings.Builder, n *yaml.Node, depth int) {
	fmt.Fprintf(b, "%*s%d %s style=%d %q %d:%d\n", 2*depth, "", n.Kind, n.ShortTag(), n.Style, n.Value, n.Line, n.Column)
	for _, c := range n.Content {
		dumpNode(b, c, depth+1)
	}
}

// sameAsYAML reports a difference between fastYAML and yaml.v3 on src,
// when fastYAML reads it at all; read says whether it did.
func sameAsYAML(src string) (diff string, read bool) {
	got, ok := fastYAML(src)
	if !ok {
		return "", false
	}
	var want yaml.Node
	if err := yaml.Unmarshal([]byte(src), &want); err != nil {
		return fmt.Sprintf("fastYAML read %q, which yaml.v3 rejects: %v", src, err), true
	}
	var g, w strings.Builder
	dumpNode(&g, got, 0)
	dumpNode(&w, &want, 0)
	if g.String() != w.String() {
		return fmt.Sprintf("YAML %q:\nfastYAML:\n%s\nyaml.v3:\n%s", src, g.String(), w.String()), true
	}
	return "", true
}

// TestFastYAMLLikeYAML compares fastYAML with yaml.v3 on random blocks made
// of YAML's corners: nesting, compact and nested sequences, items that
// are mappings, quotes, comments, colons, indicators, bad indentation,
// continuation lines, tabs and control characters.
func TestFastYAMLLikeYAML(t *testing.T) {
	keys := []string{"a", "rate_rps", "b c", "k2", "x-y", "<<", "1", "true", "a\"b", "é", "a:b", `"q"`, "&x", "? a", "a #c"}
	values := []string{"", "1", "-5", "1.5e3", "012", "text with words", "sum(rate(x{job=\"a\",code!~\"5..\"}[1m]))", `"q u"`, "'s'",
		"~", "null", "yes", "2026-11-25T10:00:00Z", "a#b", "a # c", "# c", "é ü", "|", "|-", "{a: 1, b: x y}",
		"true", "ok  ", "a:b", "{c: 2}  # k", "{}", "{a: }", "{a: 1,b: 2}", "{a: \"q\"}", "{a: 1} b", "{a: 1}#c", "{a: 1 , b: x }", "|+", ">", "| # c", "|2",
		"a: b", "a:", "[a, b]", "{a: 1}", "|", ">", "&x a", "*x", "!!str a", "- a", "-", `"a\"b"`, "'it''s'", `"a" b`, `"a"#c`, "%a", "@a", "a\tb", "a\x01"}
	rng := rand.New(rand.NewPCG(7, 8))
	read, literals, flows := 0, 0, 0
	for range 100000 {
		var lines []string
		for range 1 + rng.IntN(8) {
			ind := strings.Repeat(" ", []int{0, 0, 2, 2, 4, 4, 6, 1, 3}[rng.IntN(9)])
			k, v := keys[rng.IntN(5)], values[rng.IntN(20)]
			if rng.IntN(5) == 0 {
				k, v = keys[rng.IntN(len(keys))], values[rng.IntN(len(values))]
			}
			switch rng.IntN(12) {
			case 0:
				lines = append(lines, ind[:rng.IntN(len(ind)+1)]) // blank, or spaces only
			case 1:
				lines = append(lines, ind+"# note: "+v)
			case 2, 3:
				lines = append(lines, ind+"- "+v)
			case 4:
				lines = append(lines, ind+"- "+k+": "+v)
			default:
				lines = append(lines, ind+k+":"+[]string{" ", " ", "  ", ""}[rng.IntN(4)]+v)
			}
		}
		src := strings.Join(lines, "\n")
		diff, ok := sameAsYAML(src)
		if ok {
			read++
			doc, _ := fastYAML(src)
			var b strings.Builder
			dumpNode(&b, doc, 0)
			literals += strings.Count(b.String(), fmt.Sprintf("style=%d ", yaml.LiteralStyle))
			flows += strings.Count(b.String(), fmt.Sprintf("style=%d ", yaml.FlowStyle))
		}
		if diff != "" {
			t.Error(diff)
		}
	}
	if read < 4000 || literals < 500 || flows < 500 {
		t.Errorf("fastYAML read only %d of the blocks, with %d literal blocks and %d flow mappings: the comparison would prove little", read, literals, flows)
	}
}

// readFiles reads every file the glob patterns name.
func readFiles(tb testing.TB, patterns ...string) [][]byte {
	tb.Helper()
	var srcs [][]byte
	for _, pattern := range patterns {
		paths, _ := filepath.Glob(pattern)
		for _, p := range paths {
			src, err := os.ReadFile(p)
			if err != nil {
				tb.Fatal(err)
			}
			srcs = append(srcs, src)
		}
	}
	return srcs
}

func between(s, from, to string) string {
	_, after, _ := strings.Cut(s, from)
	inside, _, _ := strings.Cut(after, to)
	return inside
}

// FuzzFastYAML: on any text fastYAML reads, it reads what yaml.v3 reads.
func FuzzFastYAML(f *testing.F) {
	for _, src := range readFiles(f, "../examples/*/*.md", "testdata/*.md") {
		f.Add(between(string(src), "```yaml answer\n", "\n```"))
	}
	f.Add("a:\n  b: |\n    x\n\n  c: [1]\n- {d: 1}\n")
	f.Fuzz(func(t *testing.T, src string) {
		if diff, _ := sameAsYAML(src); diff != "" {
			t.Error(diff)
		}
	})
}

// TestFastYAMLLeavesLongFlowToYAML: a flow mapping past maxFlow entries
// (a hostile megabyte line would cost the square of its length in column
// counts) goes to yaml.v3, which reads it in one pass.
func TestFastYAMLLeavesLongFlowToYAML(t *testing.T) {
	entries := func(n int) string {
		var b strings.Builder
		for i := range n {
			if i > 0 {
				b.WriteString(", ")
			}
			fmt.Fprintf(&b, "k%d: %d", i, i)
		}
		return "rows:\n  - {" + b.String() + "}\n"
	}
	if _, ok := fastYAML(entries(maxFlow)); !ok {
		t.Errorf("a flow mapping of %d entries was not read", maxFlow)
	}
	if _, ok := fastYAML(entries(maxFlow + 1)); ok {
		t.Errorf("a flow mapping of %d entries was read", maxFlow+1)
	}
	if _, err := parseYAML(entries(20000)); err != nil {
		t.Errorf("yaml.v3 should read a long flow mapping: %v", err)
	}
}
