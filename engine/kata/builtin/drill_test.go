package builtin

import (
	"reflect"
	"regexp"
	"strconv"
	"testing"
)

func TestDrillsAreSeededAndJudged(t *testing.T) {
	e := newEngine(t)
	for _, kata := range e.Katas() {
		for seed := range uint64(60) {
			d, ok := e.Drill(kata, seed)
			if !ok {
				t.Fatalf("%s has no drill", kata)
			}
			again, _ := e.Drill(kata, seed)
			if !reflect.DeepEqual(d, again) {
				t.Fatalf("%s seed %d: two drills differ", kata, seed)
			}
			if len(d.Fields) == 1 && len(d.Fields[0].Choices) > 0 {
				right := 0
				for _, c := range d.Fields[0].Choices {
					v, _ := e.CheckDrill(kata, seed, map[string]string{"choice": c})
					if v.Correct {
						right++
					}
					if v.Explanation == "" {
						t.Errorf("%s seed %d: no explanation", kata, seed)
					}
				}
				if right != 1 {
					t.Errorf("%s seed %d: %d choices judged right, want exactly 1: %s", kata, seed, right, d.Prompt)
				}
			}
		}
	}
}

var sloDrillRE = regexp.MustCompile(`SLO of ([\d.]+)% over a rolling (\d+) days.*on ([\d.]+)% of the budget spent in (\d+) h`)

// TestSLODrillArithmetic recomputes each SLO drill from its prompt.
func TestSLODrillArithmetic(t *testing.T) {
	e := newEngine(t)
	for seed := range uint64(40) {
		d, _ := e.Drill("slo", seed)
		m := sloDrillRE.FindStringSubmatch(d.Prompt)
		if m == nil {
			t.Fatalf("prompt %q", d.Prompt)
		}
		f := func(i int) float64 { v, _ := strconv.ParseFloat(m[i], 64); return v }
		minutes := (1 - f(1)/100) * f(2) * 1440
		burn := f(3) / 100 * f(2) * 24 / f(4)
		ok, _ := e.CheckDrill("slo", seed, map[string]string{"minutes": strconv.FormatFloat(minutes, 'f', 4, 64), "burn": strconv.FormatFloat(burn, 'f', 4, 64)})
		if !ok.Correct {
			t.Errorf("seed %d: the right figures %v, %v were judged wrong: %s", seed, minutes, burn, ok.Explanation)
		}
		bad, _ := e.CheckDrill("slo", seed, map[string]string{"minutes": strconv.FormatFloat(minutes*1.3, 'f', 4, 64), "burn": strconv.FormatFloat(burn, 'f', 4, 64)})
		if bad.Correct {
			t.Errorf("seed %d: a budget 30%% off was judged right", seed)
		}
	}
}
