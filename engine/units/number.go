package units

import (
	"strconv"
	"strings"
)

// number reads the number at the start of s: digits ("43,200", "0.25",
// "1e3", "5k") or words ("two", "half a", "a quarter of a"). It returns the
// value and what follows.
func number(s string) (float64, string, bool) {
	if n, rest, ok := digits(s); ok {
		return n, rest, true
	}
	return words(s)
}

// digits reads a decimal number with optional sign, thousands separators,
// fraction, exponent and a k (thousand) suffix.
func digits(s string) (float64, string, bool) {
	i := 0
	if i < len(s) && (s[i] == '-' || s[i] == '+') {
		i++
	}
	start := i
	for i < len(s) && (isDigit(s[i]) || s[i] == '_' || s[i] == ',' && i > start && thousands(s[i+1:])) {
		i++
	}
	if i == start {
		return 0, s, false
	}
	if i < len(s) && s[i] == '.' && i+1 < len(s) && isDigit(s[i+1]) {
		i++
		for i < len(s) && isDigit(s[i]) {
			i++
		}
	}
	if i+1 < len(s) && (s[i] == 'e' || s[i] == 'E') && (isDigit(s[i+1]) || (s[i+1] == '-' || s[i+1] == '+') && i+2 < len(s) && isDigit(s[i+2])) {
		j := i + 2
		for j < len(s) && isDigit(s[j]) {
			j++
		}
		i = j
	}
	text := strings.NewReplacer(",", "", "_", "").Replace(s[:i])
	f, err := strconv.ParseFloat(text, 64)
	if err != nil {
		return 0, s, false
	}
	rest := s[i:]
	// "5k" and "1.5k req/s": a k straight after the digits is a thousand.
	if len(rest) > 0 && (rest[0] == 'k' || rest[0] == 'K') && (len(rest) == 1 || !isLetter(rest[1])) {
		f *= 1000
		rest = rest[1:]
	}
	return f, rest, true
}

// thousands reports whether s starts with exactly three digits, as after
// the comma of "43,200".
func thousands(s string) bool {
	if len(s) < 3 || !isDigit(s[0]) || !isDigit(s[1]) || !isDigit(s[2]) {
		return false
	}
	return len(s) == 3 || !isDigit(s[3])
}

func isDigit(c byte) bool  { return '0' <= c && c <= '9' }
func isLetter(c byte) bool { return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' }

// wordNumbers are the number words prose uses for durations and counts.
var wordNumbers = map[string]float64{
	"zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
	"seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
	"fifteen": 15, "twenty": 20, "thirty": 30, "forty": 40, "forty-five": 45,
	"fifty": 50, "sixty": 60, "ninety": 90, "hundred": 100, "a hundred": 100,
	"a thousand": 1000, "a couple of": 2, "a few": 3,
}

// wordFractions are the phrases that stand for a fraction of the unit that
// follows them: "half a second", "a quarter of a second".
var wordFractions = []struct {
	phrase string
	value  float64
}{
	{"three quarters of a", 0.75}, {"three quarters of an", 0.75},
	{"a quarter of a", 0.25}, {"a quarter of an", 0.25}, {"quarter of a", 0.25},
	{"a third of a", 1.0 / 3}, {"a tenth of a", 0.1}, {"a tenth of an", 0.1},
	{"half a", 0.5}, {"half an", 0.5}, {"a half", 0.5},
	{"one and a half", 1.5}, {"an", 1}, {"a", 1},
}

// words reads a number written in words at the start of s.
func words(s string) (float64, string, bool) {
	low := strings.ToLower(s)
	for _, f := range wordFractions {
		if hasWord(low, f.phrase) {
			return f.value, s[len(f.phrase):], true
		}
	}
	best := ""
	for w := range wordNumbers {
		if hasWord(low, w) && len(w) > len(best) {
			best = w
		}
	}
	if best == "" {
		return 0, s, false
	}
	return wordNumbers[best], s[len(best):], true
}

// hasWord reports whether s starts with the phrase followed by a word
// boundary.
func hasWord(s, phrase string) bool {
	if !strings.HasPrefix(s, phrase) {
		return false
	}
	return len(s) == len(phrase) || !isLetter(s[len(phrase)])
}
