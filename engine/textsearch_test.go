package engine

import (
	"maps"
	"math/rand/v2"
	"regexp"
	"strings"
	"testing"
)

// TestFoldSetLikeThePattern holds the fast path to the case-insensitive
// alternation it replaces, on random texts with mixed case and non-ASCII.
func TestFoldSetLikeThePattern(t *testing.T) {
	set := newFoldSet("tight", "Strict", "halv", "x-y")
	re := regexp.MustCompile(`(?i)tight|strict|halv|x-y`)
	pieces := []string{"TIGHT", "tig", "ht", "ſtrict", "strict", "STRI", "ct", "Halving", "x-Y", "x y", "é", "\u212a", " ", "."}
	hits := 0
	for _, text := range randomTexts(9, 5000, 1, 5, pieces, "") {
		if got, want := set.in(fold(text)), re.MatchString(text); got != want {
			t.Fatalf("in(%q) = %v, the pattern says %v", text, got, want)
		} else if got {
			hits++
		}
	}
	if hits < 1000 || hits > 4900 {
		t.Fatalf("%d of 5000 texts hit: the corpus lost its balance", hits)
	}
}

// TestWordSetLikeThePattern: wordSet splits as [\p{L}\p{N}]+ matches.
func TestWordSetLikeThePattern(t *testing.T) {
	re := regexp.MustCompile(`[\p{L}\p{N}]+`)
	pieces := []string{"Store", "down", "ÉTÉ", "x2", "٣", "—", " ", "-", "_", "\xff", "über", "Ⅻ", "½", "'", "日本"}
	for _, text := range randomTexts(2, 5000, 1, 6, pieces, "") {
		want := map[string]bool{}
		for _, w := range re.FindAllString(strings.ToLower(text), -1) {
			want[w] = true
		}
		if got := wordSet(text); !maps.Equal(got, want) {
			t.Fatalf("wordSet(%q) = %v, the pattern gives %v", text, got, want)
		}
	}
}

// randomTexts returns n texts of least to most pieces joined by sep, the
// same for a given seed: the corpora of the tests that hold a fast search
// to the pattern it replaces.
func randomTexts(seed uint64, n, least, most int, pieces []string, sep string) []string {
	rng := rand.New(rand.NewPCG(seed, seed))
	out := make([]string, n)
	for i := range out {
		words := make([]string, least+rng.IntN(most-least+1))
		for j := range words {
			words[j] = pieces[rng.IntN(len(pieces))]
		}
		out[i] = strings.Join(words, sep)
	}
	return out
}
