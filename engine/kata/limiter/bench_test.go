package limiter

import "testing"

// BenchmarkSimulate runs the limiter simulation of every golden design
// (each algorithm, hybrids, replicas): the largest part of a limiter check
// when the design is new to the engine.
func BenchmarkSimulate(b *testing.B) {
	designs := simDesigns()
	requests := 0
	for _, d := range designs {
		specs, err := d.scenarios()
		if err != nil {
			b.Fatal(err)
		}
		for _, sp := range specs {
			requests += sp.total()
		}
		if d.replicas > 1 {
			requests += specs[1].total() // the burst again, dealt to replicas
		}
	}
	b.ReportAllocs()
	for b.Loop() {
		for _, d := range designs {
			if _, err := d.simulate(); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(requests), "ns/request")
}
