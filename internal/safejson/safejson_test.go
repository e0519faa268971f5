package safejson

import (
	"encoding/json"
	"math"
	"reflect"
	"testing"
)

type point struct {
	X     float64 `json:"x"`
	Y     float64 `json:"y,omitempty"`
	Label string  `json:"label,omitempty"`
	skip  int
}

type report struct {
	Name    string         `json:"name"`
	Figures map[string]any `json:"figures,omitempty"`
}

// TestMarshalAgreesWithEncodingJSON: finite values encode exactly as
// encoding/json writes them; non-finite floats become strings in place.
func TestMarshalAgreesWithEncodingJSON(t *testing.T) {
	finite := report{"q", map[string]any{"curve": []point{{1, 2, "a", 0}, {3, 0, "", 0}}, "mu": 1e308, "n": []int{1}}}
	want, _ := json.Marshal(finite)
	slow, _ := json.Marshal(plain(reflect.ValueOf(finite)))
	if string(slow) != string(want) {
		t.Errorf("slow path %s\nencoding/json %s", slow, want)
	}
	odd := report{"q", map[string]any{"curve": []point{{math.Inf(1), math.NaN(), "", 0}}, "min": math.Inf(-1)}}
	got, err := Marshal(odd)
	if err != nil {
		t.Fatal(err)
	}
	const wantOdd = `{"name":"q","figures":{"curve":[{"x":"Infinity","y":"NaN"}],"min":"-Infinity"}}`
	if string(got) != wantOdd {
		t.Errorf("got %s\nwant %s", got, wantOdd)
	}
}
