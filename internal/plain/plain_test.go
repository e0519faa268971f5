package plain

import "testing"

func TestNameQuotesOnlyWhatIsNotPlain(t *testing.T) {
	for in, want := range map[string]string{
		"subs/a b,c:d.md":   "subs/a b,c:d.md",
		"sub/ü λ.md":        "sub/ü λ.md",
		"x\n::error::y.md":  `"x\n::error::y.md"`,
		"::warning::x.md":   `"::warning::x.md"`,
		`"quoted".md`:       `"\"quoted\".md"`,
		"bidi\u202eevil.md": `"bidi\u202eevil.md"`,
		"bad\xffutf8.md":    `"bad\xffutf8.md"`,
		"":                  `""`,
	} {
		if got := Name(in); got != want {
			t.Errorf("Name(%q) = %s, want %s", in, got, want)
		}
	}
}

func TestLineIsOneLine(t *testing.T) {
	if got := Line("a\nb\r\u2028c\x1b[31m d"); got != "a b  c [31m d" {
		t.Errorf("Line = %q", got)
	}
	if got := Line("λ·W = 40 × 0.25"); got != "λ·W = 40 × 0.25" {
		t.Errorf("a plain message changed: %q", got)
	}
}
