package limiter

import (
	"crypto/sha256"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"testing"
)

var updateSim = flag.Bool("update-sim", false, "rewrite testdata/simulation-golden.json")

// simDesigns covers every algorithm, hybrids, window edges that fall inside
// and outside the scenarios, fractional parameters and replicas.
func simDesigns() []limiterDesign {
	one := func(algo string, a, b, limit, burst float64, replicas int) limiterDesign {
		return limiterDesign{parts: []limiterPart{{algo, a, b}}, limit: limit, burst: burst, replicas: replicas}
	}
	return []limiterDesign{
		one("token-bucket", 1000, 5000, 1000, 5000, 1),
		one("token-bucket", 1000, 5000, 1000, 5000, 4),
		one("leaky-bucket", 250.5, 12.5, 250, 10, 1),
		one("gcra", 1, 5000, 1000, 5000, 1),
		one("gcra", 3.3, 70, 300, 20, 3),
		one("fixed-window", 1, 1000, 1000, 1000, 1),
		one("fixed-window", 60, 600, 10, 60, 2),
		one("sliding-window-log", 1, 100, 100, 100, 1),
		one("sliding-window-log", 0.5, 37, 70, 40, 1),
		one("sliding-window-counter", 1, 1000, 1000, 1000, 1),
		one("sliding-window-counter", 10, 5000, 400, 600, 5),
		{parts: []limiterPart{{"token-bucket", 100, 300}, {"fixed-window", 60, 5000}}, limit: 100, burst: 300, replicas: 1},
		{parts: []limiterPart{{"gcra", 10, 100}, {"sliding-window-counter", 1, 120}}, limit: 100, burst: 20, replicas: 2},
	}
}

// TestSimulationGolden holds the simulator's whole output (every chart
// point, per-second count and summary) for simDesigns to a golden file, so
// a faster simulator must give the same numbers. The file keeps, per
// design, each scenario's totals to read and a SHA-256 of the whole output
// to compare. Regenerate, after a change that is meant to alter the
// numbers, with -update-sim.
func TestSimulationGolden(t *testing.T) {
	type scenario struct {
		Name           string  `json:"name"`
		Total          int     `json:"total"`
		TotalAdmitted  int     `json:"total_admitted"`
		MaxInOneSecond int     `json:"max_in_one_second"`
		TailRate       float64 `json:"tail_rate"`
	}
	type entry struct {
		Scenarios []scenario `json:"scenarios,omitempty"`
		Error     string     `json:"error,omitempty"`
		SHA256    string     `json:"sha256"`
	}
	out := map[string]entry{}
	for _, d := range simDesigns() {
		key := fmt.Sprintf("%v", d)
		res, err := d.simulate()
		if err != nil {
			out[key] = entry{Error: err.Error(), SHA256: "-"}
			continue
		}
		whole, err := json.Marshal(res)
		if err != nil {
			t.Fatal(err)
		}
		e := entry{SHA256: fmt.Sprintf("%x", sha256.Sum256(whole))}
		for _, sc := range res.Scenarios {
			e.Scenarios = append(e.Scenarios, scenario{sc.Name, sc.Total, sc.TotalAdmitted, sc.MaxInOneSecond, sc.TailRate})
		}
		out[key] = e
	}
	got, err := json.MarshalIndent(out, "", " ")
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join("testdata", "simulation-golden.json")
	if *updateSim {
		if err := os.WriteFile(path, append(got, '\n'), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if string(append(got, '\n')) != string(want) {
		t.Fatalf("the simulation's output differs from %s (rerun with -update-sim if the change is meant):\n%s", path, got)
	}
}
