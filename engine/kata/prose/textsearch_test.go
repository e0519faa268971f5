package prose

import (
	"github.com/katabook/katabook/engine/internal/randtext"
	"maps"
	"regexp"
	"strings"
	"testing"
)

// TestFoldSetLikeThePattern holds the fast path to the case-insensitive
// alternation it replaces, on random texts with mixed case and non-ASCII.
func TestFoldSetLikeThePattern(t *testing.T) {
	set := NewFoldSet("tight", "Strict", "halv", "x-y")
	re := regexp.MustCompile(`(?i)tight|strict|halv|x-y`)
	pieces := []string{"TIGHT", "tig", "ht", "ſtrict", "strict", "STRI", "ct", "Halving", "x-Y", "x y", "é", "\u212a", " ", "."}
	hits := 0
	for _, text := range randtext.Texts(9, 5000, 1, 5, pieces, "") {
		if got, want := set.In(Fold(text)), re.MatchString(text); got != want {
			t.Fatalf("in(%q) = %v, the Pattern says %v", text, got, want)
		} else if got {
			hits++
		}
	}
	if hits < 1000 || hits > 4900 {
		t.Fatalf("%d of 5000 texts hit: the corpus lost its balance", hits)
	}
}

// TestWordSetLikeThePattern: WordSet splits as [\p{L}\p{N}]+ matches.
func TestWordSetLikeThePattern(t *testing.T) {
	re := regexp.MustCompile(`[\p{L}\p{N}]+`)
	pieces := []string{"Store", "down", "ÉTÉ", "x2", "٣", "—", " ", "-", "_", "\xff", "über", "Ⅻ", "½", "'", "日本"}
	for _, text := range randtext.Texts(2, 5000, 1, 6, pieces, "") {
		want := map[string]bool{}
		for _, w := range re.FindAllString(strings.ToLower(text), -1) {
			want[w] = true
		}
		if got := WordSet(text); !maps.Equal(got, want) {
			t.Fatalf("WordSet(%q) = %v, the Pattern gives %v", text, got, want)
		}
	}
}
