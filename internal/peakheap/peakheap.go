// Package peakheap measures the peak heap of a piece of work, for the
// benchmarks that promise memory bounds.
package peakheap

import (
	"runtime"
	"runtime/metrics"
	"sync/atomic"
	"time"
)

// The heap in use is these two runtime metrics together (MemStats calls
// it HeapInuse): spans holding objects, live or not yet swept, and the
// free room inside those spans.
var inUse = []string{"/memory/classes/heap/objects:bytes", "/memory/classes/heap/unused:bytes"}

// Measure runs fn and returns the largest heap in use seen while it ran,
// sampled every 5 ms after a garbage collection. It reads runtime/metrics,
// not runtime.ReadMemStats, which stops the world at every sample: on a
// 2-core machine that cost the measured work about 2%.
func Measure(fn func()) uint64 {
	runtime.GC()
	var peak atomic.Uint64
	done := make(chan struct{})
	stopped := make(chan struct{})
	go func() {
		defer close(stopped)
		samples := make([]metrics.Sample, len(inUse))
		for i, name := range inUse {
			samples[i].Name = name
		}
		for {
			metrics.Read(samples)
			var now uint64
			for _, s := range samples {
				now += s.Value.Uint64()
			}
			peak.Store(max(peak.Load(), now))
			select {
			case <-done:
				return
			case <-time.After(5 * time.Millisecond):
			}
		}
	}()
	fn()
	close(done)
	<-stopped
	return peak.Load()
}
