// Package peakheap measures the peak heap of a piece of work, for the
// benchmarks that promise memory bounds.
package peakheap

import (
	"runtime"
	"sync/atomic"
	"time"
)

// Measure runs fn and returns the largest HeapInuse seen while it ran,
// sampled every 5 ms after a garbage collection.
func Measure(fn func()) uint64 {
	runtime.GC()
	var peak atomic.Uint64
	done := make(chan struct{})
	stopped := make(chan struct{})
	go func() {
		defer close(stopped)
		var ms runtime.MemStats
		for {
			runtime.ReadMemStats(&ms)
			if ms.HeapInuse > peak.Load() {
				peak.Store(ms.HeapInuse)
			}
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
