package builtin

import (
	"bytes"
	"github.com/katabook/katabook/engine"
	"github.com/katabook/katabook/internal/enginetest"
	"os"
	"reflect"
	"strings"
	"testing"
)

// TestBadInputGivesFindingsWithLines covers malformed and hostile files:
// each must give the named rule on the named line, never a panic.
func TestBadInputGivesFindingsWithLines(t *testing.T) {
	e := newEngine(t)
	answer := "```yaml answer\nqueue:\n  name: x\n```\n"
	deep := strings.Repeat("[", 10000) + strings.Repeat("]", 10000)
	bomb := "a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]\ne: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]\nf: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e]\ng: [*f, *f, *f, *f, *f, *f, *f, *f, *f]\n"
	tests := []struct {
		name, src, rule string
		line            int
	}{
		{"no front matter", "# hello\n" + answer, "submission/front-matter", 1},
		{"front matter never closes", "---\nkata: queue\n\nbody\n", "submission/front-matter", 1},
		{"front matter not YAML", "---\nkata: queue\ntitle: [oops\n---\n" + answer, "submission/front-matter", 0},
		{"front matter not a mapping", "---\n- queue\n---\n" + answer, "submission/front-matter", 2},
		{"no kata", "---\ntitle: t\n---\n" + answer, "submission/front-matter", 1},
		{"unknown kata", "---\nkata: chaos\n---\n" + answer, "submission/unknown-kata", 2},
		{"no answer block", "---\nkata: queue\nsubject: s\n---\n\n# Notes\n", "submission/no-answer", 5},
		{"answer not YAML", "---\nkata: queue\nsubject: s\n---\ntext\n```yaml answer\nqueue:\n  name: x\n   bad: [\n```\n", "answer/yaml", 9},
		{"answer is a list", "---\nkata: queue\nsubject: s\n---\n```yaml answer\n- 1\n```\n", "answer/yaml", 6},
		{"two answer blocks", "---\nkata: queue\nsubject: s\n---\n" + answer + "\n" + answer, "submission/answer-block", 10},
		{"unclosed answer block", "---\nkata: queue\nsubject: s\n---\n```yaml answer\nqueue:\n", "submission/answer-block", 5},
		{"invalid UTF-8", "---\nkata: queue\n---\n\xff\xfe\n", "submission/encoding", 4},
		{"NUL byte", "---\nkata: queue\n---\nab\x00c\n", "submission/encoding", 4},
		{"too large", "---\nkata: queue\n---\n" + strings.Repeat("x", engine.MaxSourceBytes), "submission/size", 1},
		{"deep nesting", "---\nkata: queue\nsubject: s\n---\n```yaml answer\nqueue: " + deep + "\n```\n", "answer/yaml", 6},
		{"alias bomb", "---\nkata: queue\nsubject: s\n---\n```yaml answer\n" + bomb + "```\n", "answer/yaml", 0},
		{"negative numbers are schema errors", "---\nkata: queue\nsubject: s\n---\n```yaml answer\nmeasured:\n  w_s: -1\n```\n", "schema/exclusiveMinimum", 7},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rep := e.Check([]byte(tt.src))
			nLines := strings.Count(tt.src, "\n") + 1
			for _, f := range rep.Findings {
				if f.Line < 1 || f.Line > nLines {
					t.Errorf("finding %+v: line outside the file (%d lines)", f, nLines)
				}
				if f.Rule == tt.rule && (tt.line == 0 || f.Line == tt.line) {
					if rep.Errors() == 0 {
						t.Error("bad input must give at least one error")
					}
					return
				}
			}
			t.Fatalf("want %s on line %d, got %+v", tt.rule, tt.line, rep.Findings)
		})
	}
}

func TestAnswerInsideALongerFenceIsNotTheAnswer(t *testing.T) {
	src := "---\nkata: queue\n---\n````markdown\n```yaml answer\nqueue: {}\n```\n````\n"
	sub, _ := engine.Parse([]byte(src))
	if sub.Answer != nil {
		t.Fatal("an example inside a four-backtick fence was read as the answer")
	}
}

func TestIndentedFenceAndCRLF(t *testing.T) {
	src := "---\r\nkata: queue\r\nsubject: s\r\n---\r\n   ```yaml answer\r\n   measured:\r\n     w_s: x\r\n   ```\r\n"
	rep := newEngine(t).Check([]byte(src))
	for _, f := range rep.Findings {
		if f.Rule == "schema/type" {
			if f.Line != 7 || f.Col != 11 {
				t.Errorf("type error at %d:%d, want 7:11", f.Line, f.Col)
			}
			return
		}
	}
	t.Fatalf("no schema/type finding: %+v", rep.Findings)
}

// TestRenderParseRoundTrip: what the page exports, import gives back.
func TestRenderParseRoundTrip(t *testing.T) {
	e := newEngine(t)
	sub, fs := engine.Parse(readGood(t))
	if len(fs) != 0 {
		t.Fatal(fs)
	}
	tricky := []string{"", "true", "null", "1e3", "- dash", "# hash", "colon: here", "multi\nline\n", "  lead", "trail  ", "quote \" and '", "ünïcode λ", "{a: b}", "`tick`", "~", "```"}
	for _, s := range tricky {
		v := sub.Answer.Value.(map[string]any)
		v["queue"].(map[string]any)["source"] = s
		out, err := e.Render(sub.Meta, v, sub.Prose)
		if err != nil {
			t.Fatal(err)
		}
		if bytes.Contains(out, []byte("!!")) {
			t.Errorf("%q: explicit YAML tag in the rendered file:\n%s", s, out)
		}
		back, fs := engine.Parse(out)
		if len(fs) != 0 {
			t.Fatalf("%q: findings %+v in\n%s", s, fs, out)
		}
		if want := v; !reflect.DeepEqual(back.Answer.Value, want) {
			t.Errorf("%q: round trip changed the answer:\n got %#v\nwant %#v", s, back.Answer.Value, want)
		}
		if back.Meta != sub.Meta || back.Prose != sub.Prose {
			t.Errorf("%q: meta or prose changed: %+v %q", s, back.Meta, back.Prose)
		}
	}
}

func TestTemplateIsIncompleteNotBroken(t *testing.T) {
	e := newEngine(t)
	for _, kata := range e.Katas() {
		src, err := e.Template(kata)
		if err != nil {
			t.Fatal(err)
		}
		rep := e.Check(src)
		if rep.Errors() == 0 {
			t.Fatalf("%s: an empty template must have findings", kata)
		}
		for _, f := range rep.Findings {
			if f.Rule != "schema/required" && f.Rule != "submission/subject" {
				t.Errorf("%s template gives %s at line %d: %s; want only missing-field findings", kata, f.Rule, f.Line, f.Message)
			}
		}
	}
	if _, err := e.Template("nope"); err == nil {
		t.Error("unknown kata must be an error")
	}
}

func newEngine(t testing.TB) *engine.Engine {
	return enginetest.New(t, enginetest.DefaultCourse(t, Katas()))
}

// readGood reads a correct queue submission.
func readGood(t testing.TB) []byte {
	t.Helper()
	src, err := os.ReadFile("../declared/testdata/queue-good.md")
	if err != nil {
		t.Fatal(err)
	}
	return src
}
