package engine

import (
	"github.com/katabook/katabook/engine/internal/randtext"
	"math"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

// TestScalarFastPathLikeDecode: decodeNumber and decodeBool give what
// yaml.v3's Node.Decode gives, on every number and boolean YAML resolves
// among random spellings (signs, leading zeros, octal, hex, underscores,
// exponents, infinities) and on the usual ones.
func TestScalarFastPathLikeDecode(t *testing.T) {
	cases := []string{"0", "-0", "12", "012", "0o12", "0x1F", "1_000", "+12", "1.5", "-1.5", ".5", "1.", "1e3", "1E-3",
		"1e+3", "1e400", "-1e400", ".inf", "-.Inf", ".nan", "9223372036854775807", "9223372036854775808",
		"18446744073709551616", "0.1", "00", "0.0e0", "true", "false", "True", "FALSE", "yes", "on"}
	cases = append(cases, randtext.Texts(3, 20000, 1, 10, strings.Split("0123456789012345.-+eE_xob", ""), "")...)
	fast := 0
	for _, c := range cases {
		var doc yaml.Node
		if yaml.Unmarshal([]byte("v: "+c), &doc) != nil || len(doc.Content) == 0 || len(doc.Content[0].Content) < 2 {
			continue
		}
		n := doc.Content[0].Content[1]
		switch n.ShortTag() {
		case "!!int", "!!float":
			if _, ok := fastNumber(c); ok {
				fast++
			}
			got, gotErr := decodeNumber(n)
			var want float64
			wantErr := n.Decode(&want)
			same := got == want || math.IsNaN(got) && math.IsNaN(want)
			if (gotErr == nil) != (wantErr == nil) || wantErr == nil && !same {
				t.Errorf("%q: decodeNumber = %v, %v; Decode = %v, %v", c, got, gotErr, want, wantErr)
			}
		case "!!bool":
			got, gotOK := decodeBool(n)
			var want bool
			wantErr := n.Decode(&want)
			if gotOK != (wantErr == nil) || got != want {
				t.Errorf("%q: decodeBool = %v, %v; Decode = %v, %v", c, got, gotOK, want, wantErr)
			}
		}
	}
	if fast < 1000 {
		t.Errorf("only %d numbers took the fast path: the comparison would prove little", fast)
	}
}

// TestFastNumber: the usual spellings take the fast path; a leading zero
// (octal in YAML) and what ParseFloat cannot read do not.
func TestFastNumber(t *testing.T) {
	for s, want := range map[string]bool{"0": true, "12": true, "-3.25": true, "1e3": true, "1E-3": true, "0.5": true, "+1": true, ".5": true, "1.": true,
		"012": false, "-012": false, "00": false, "1_0": false, "0_12": false, "0x1": false, "0o7": false, ".inf": false, "1e": false, "1e+-3": false, "": false, "-": false} {
		if _, got := fastNumber(s); got != want {
			t.Errorf("fastNumber(%q) took the fast path: %v, want %v", s, got, want)
		}
	}
}
