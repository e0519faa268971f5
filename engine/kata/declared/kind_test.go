package declared_test

import (
	"strings"
	"testing"

	"github.com/katabook/katabook/engine"
	"github.com/katabook/katabook/engine/kata/declared"
)

var kindSchema = []byte(`{"$id": "https://katabook.dev/schemas/k.json", "type": "object", "properties": {"c": {"type": "number"}, "note": {"type": "string"}}}`)

// kindRules is a one-rule file; keys are the rule's lines after its id.
func kindRules(keys string) []byte {
	return []byte("title: t\nrules:\n  - id: k/r\n" + keys + "    title: r\n    at: /c\n    fail_if: answer.c > 1\n    message: too big\n")
}

// TestEveryDeclaredRuleSaysHowItKnows: kind, pass and fail are read into
// the rule; a rule without them, with another kind, a reading that is an
// error, or a uses: the schema lacks fails the build at its line.
func TestEveryDeclaredRuleSaysHowItKnows(t *testing.T) {
	k, err := declared.Parse("k", "k.schema.json", kindSchema, "k.rules.yaml", kindRules("    severity: warning\n    kind: reading\n    pass: 'c: 1'\n    fail: 'c: 5'\n    uses: [/note]\n"))
	if err != nil {
		t.Fatal(err)
	}
	r := k.(*engine.Spec).Rules[0]
	if r.Kind != engine.Reading || r.Pass != "c: 1" || r.Fail != "c: 5" {
		t.Errorf("rule = %+v", r)
	}
	for _, tt := range []struct{ name, keys, want string }{
		{"no kind", "    severity: error\n    pass: a\n    fail: b\n", "k.rules.yaml:3:9: rule k/r needs a kind: computed"},
		{"another kind", "    severity: error\n    kind: guess\n    pass: a\n    fail: b\n", `k.rules.yaml:5:11: rule k/r: kind is computed or reading, not "guess"`},
		{"a reading that is an error", "    severity: error\n    kind: reading\n    pass: a\n    fail: b\n", "k.rules.yaml:4:15: rule k/r: a reading (kind: reading) rests on reading prose, so it is at most a warning"},
		{"no examples", "    severity: error\n    kind: computed\n    pass: a\n", "k.rules.yaml:3:9: rule k/r needs pass: and fail:"},
		{"uses a field the schema lacks", "    severity: error\n    kind: computed\n    pass: a\n    fail: b\n    uses: [/nope]\n", "k.rules.yaml:8:12: rule k/r: uses: /nope is not a field of the schema"},
	} {
		_, err := declared.Parse("k", "k.schema.json", kindSchema, "k.rules.yaml", kindRules(tt.keys))
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: want %q, got %v", tt.name, tt.want, err)
		}
	}
}
