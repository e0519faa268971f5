package engine

import (
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"
)

// TestSimpleMetaLikeYAML: whenever simpleMeta reads a front matter, it
// reads what yaml.v3 reads (keys, values, kinds and places), over random
// front matters built from YAML's awkward corners: indicators, quotes,
// colons, comments, tabs, control characters, Unicode line breaks, empty
// and duplicate keys.
func TestSimpleMetaLikeYAML(t *testing.T) {
	keys := []string{"kata", "title", "author", "date", "subject", "x-y", "k2", "_a", "2k", "-k", "a b", " kata", "kata ", "\"kata\""}
	values := []string{"", " ", "slo", "Ada Lovelace", `""`, "2026-11-25", "12", "~", "null", "true", "José", "a'b", "a,b", "a#c", "a:b",
		`''`, "'q'", `"q"`, "-5", "a: b", "a:b", "a #c", "a#c", "#c", "[a]", "{a: 1}", "- a", "-a", "?a", ":a", "a:", "&x a", "*x", "!t a", "|", ">",
		"%a", "@a", "`a`", "José", "a\tb", "a\x01b", "a\u2028b", "a\u0085b", "\ufeffa", "a ", "a  b", "é", "a,b", ",a", "a'b"}
	rng := rand.New(rand.NewPCG(5, 6))
	fast := 0
	for range 30000 {
		var lines []string
		for range 1 + rng.IntN(6) {
			switch rng.IntN(30) {
			case 0:
				lines = append(lines, "")
			case 1:
				lines = append(lines, "# a comment: "+values[rng.IntN(len(values))])
			case 2:
				lines = append(lines, "  - item")
			default:
				sep := []string{": ", ": ", ": ", ":", ":  ", ": \t"}[rng.IntN(6)]
				// common keys and values most of the time, so that
				// many front matters are simple enough to compare
				k, v := keys[rng.IntN(5)], values[rng.IntN(15)]
				if rng.IntN(4) == 0 {
					k, v = keys[rng.IntN(len(keys))], values[rng.IntN(len(values))]
				}
				lines = append(lines, k+sep+v)
			}
		}
		text := strings.Join(lines, "\n")
		got, ok := simpleMeta(text)
		if !ok {
			continue
		}
		fast++
		want, bad := yamlMeta(text, 1)
		if bad != nil {
			t.Errorf("simpleMeta read %q, which YAML rejects: %s", text, bad[0].Message)
			continue
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("front matter %q:\nsimpleMeta %+v\nyaml.v3    %+v", text, got, want)
		}
	}
	if fast < 1000 {
		t.Errorf("simpleMeta read only %d of the front matters: the comparison would prove little", fast)
	}
}

// TestSimpleMetaReadsTemplates: the front matters katabook writes take the
// fast path (else it would save nothing).
func TestSimpleMetaReadsTemplates(t *testing.T) {
	e := newEngine(t)
	for _, k := range e.Katas() {
		src, err := e.Template(k)
		if err != nil {
			t.Fatal(err)
		}
		lines := splitLines(src)
		end := 1
		for end < len(lines) && lines[end] != "---" {
			end++
		}
		if _, ok := simpleMeta(strings.Join(lines[1:end], "\n")); !ok {
			t.Errorf("the %s template's front matter does not take the fast path:\n%s", k, strings.Join(lines[1:end], "\n"))
		}
	}
}
