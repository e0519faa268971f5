package builtin

import (
	"github.com/katabook/katabook/engine"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"
)

// notePieces are what random notes are made of: every kind of fence line
// and the text around them.
var notePieces = []string{
	"```", "````", "```yaml answer", "``` yaml  answer", "~~~", "~~~~", "~~~ katabook-notes", "~~~yaml answer",
	"   ```", "    ```", "`", "~", "yaml answer", "kata: slo", "---", "text", "# Heading", " ", "\t", "é", "\n", "\n", "\n\n",
}

func randomNotes(r *rand.Rand) string {
	var b strings.Builder
	for range r.IntN(24) {
		b.WriteString(notePieces[r.IntN(len(notePieces))])
		if r.IntN(3) == 0 {
			b.WriteByte('\n')
		}
	}
	return b.String()
}

// TestNotesReadBackExactly: whatever the notes hold (an unclosed fence, a
// fenced `yaml answer` example, a line of backticks in a text field), Parse
// of Render gives back the notes exactly (as Render trims them: without
// leading or trailing blank lines) and the same answer, with no finding
// about the answer block.
func TestNotesReadBackExactly(t *testing.T) {
	e := newEngine(t)
	r := rand.New(rand.NewPCG(18, 6))
	meta := engine.Meta{Kata: "queue", Title: "t", Subject: "s"}
	for i := range 2000 {
		notes := randomNotes(r)
		answer := map[string]any{"queue": map[string]any{"name": "pool", "source": randomNotes(r)}, "measured": map[string]any{"lambda_rps": 40.0}}
		want, wf := engine.Parse(mustRender(t, e, meta, answer, ""))
		if want.Answer == nil {
			t.Fatalf("case %d: the answer alone does not read back: %+v\n%s", i, wf, mustRender(t, e, meta, answer, ""))
		}
		src := mustRender(t, e, meta, answer, notes)
		sub, findings := engine.Parse(src)
		if got, wantNotes := sub.Prose, strings.Trim(notes, "\n"); got != wantNotes {
			t.Fatalf("case %d: notes %q read back as %q\nfile:\n%s", i, wantNotes, got, src)
		}
		if sub.Answer == nil || !reflect.DeepEqual(sub.Answer.Value, want.Answer.Value) {
			t.Fatalf("case %d: notes %q changed the answer\n%#v\nwant %#v\nfile:\n%s", i, notes, sub.Answer != nil, want.Answer.Value, src)
		}
		for _, f := range findings {
			if f.Rule == "submission/answer-block" {
				t.Fatalf("case %d: %s\nfile:\n%s", i, f.Message, src)
			}
		}
	}
}

func mustRender(t *testing.T, e *engine.Engine, meta engine.Meta, answer any, notes string) []byte {
	t.Helper()
	src, err := e.Render(meta, answer, notes)
	if err != nil {
		t.Fatal(err)
	}
	return src
}
