// Package randtext makes the random texts of the tests that hold a fast
// text search to the regular expression it replaces.
package randtext

import (
	"math/rand/v2"
	"strings"
)

// Texts returns n texts of least to most pieces joined by sep, the
// same for a given seed: the corpora of the tests that hold a fast search
// to the pattern it replaces.
func Texts(seed uint64, n, least, most int, pieces []string, sep string) []string {
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
