package units

import (
	"math"
	"testing"
)

func TestParseReadsWhatPeopleWrite(t *testing.T) {
	cases := []struct {
		in    string
		field string
		want  float64
	}{
		{"250ms", "s", 0.25},
		{"250 ms", "s", 0.25},
		{"0.25 s", "ms", 250},
		{"1 s", "ms", 1000},
		{"2 min", "s", 120},
		{"1h30m", "min", 90},
		{"2m30s", "s", 150},
		{"99.9%", "%", 99.9},
		{"99.9", "%", 99.9},
		{"0.1%", "fraction", 0.001},
		{"43,200 minutes", "days", 30},
		{"1.5k req/s", "req/s", 1500},
		{"300 rpm", "req/s", 5},
		{"5k", "tokens", 5000},
		{"two minutes", "s", 120},
		{"half a second", "ms", 500},
		{"a quarter of a second", "ms", 250},
		{"30 days", "days", 30},
		{"1e3 ms", "s", 1},
	}
	for _, c := range cases {
		q, ok := Parse(c.in)
		if !ok {
			t.Errorf("Parse(%q) failed", c.in)
			continue
		}
		got, ok := In(q, c.field)
		if !ok || math.Abs(got-c.want) > 1e-9*math.Max(1, c.want) {
			t.Errorf("Parse(%q) in %s = %v, %v; want %v", c.in, c.field, got, ok, c.want)
		}
	}
}

func TestParseRefusesWhatIsNotOneQuantity(t *testing.T) {
	for _, in := range []string{"", "fast", "250 parsecs", "1/4", "ms", "250 ms 3", "a"} {
		if q, ok := Parse(in); ok {
			t.Errorf("Parse(%q) = %+v, want refusal", in, q)
		}
	}
}

func TestInRefusesAnotherDimension(t *testing.T) {
	q, _ := Parse("250 ms")
	for _, field := range []string{"req/s", "%", "tokens"} {
		if v, ok := In(q, field); ok {
			t.Errorf("250 ms in %s = %v, want refusal", field, v)
		}
	}
}

func TestFindReadsProse(t *testing.T) {
	text := "A 1 s bar would page on GC pauses; a quarter of a second is below p50. Two minutes of 5xx, or 1h30m, at 99.9%."
	var got []string
	for _, m := range Find(text) {
		got = append(got, m.Text)
	}
	want := []string{"1 s", "a quarter of a second", "Two minutes", "5", "1h30m", "99.9%"}
	if len(got) != len(want) {
		t.Fatalf("Find = %q, want %q", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("match %d = %q, want %q", i, got[i], want[i])
		}
	}
	if m := Find("page at 500 ms")[0]; text == "" || m.Q.Dim != Time || m.Q.Value != 0.5 {
		t.Errorf("500 ms read as %+v", m.Q)
	}
}

func TestSlipNamesTheUsualFactors(t *testing.T) {
	cases := []struct {
		stated, want float64
		unit         string
		says         string
	}{
		{12, 0.012, "s", "1000 times too large: milliseconds written as seconds?"},
		{0.012, 12, "ms", "1000 times too small: seconds written as milliseconds?"},
		{0.5, 30, "min", "60 times too small: hours written as minutes?"},
		{1800, 30, "min", "60 times too large: seconds written as minutes?"},
		{0.999, 99.9, "%", "100 times too small: a fraction written as a percentage, or a percentage as a fraction?"},
		{360, 36, "×", "10 times too large: a misplaced decimal point?"},
		{37, 36, "×", ""},
	}
	for _, c := range cases {
		if got := Slip(c.stated, c.want, c.unit); got != c.says {
			t.Errorf("Slip(%v, %v, %s) = %q, want %q", c.stated, c.want, c.unit, got, c.says)
		}
	}
}
