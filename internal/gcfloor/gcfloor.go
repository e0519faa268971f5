// Package gcfloor lets a batch job's heap grow to a fixed floor before the
// garbage collector runs, and behave as with GOGC=200 above it.
//
// `katabook check` allocates about 200 KB per file (YAML nodes, schema
// validation) and keeps only the findings. With GOGC alone the collector
// runs whenever the heap doubles or triples the small live set: twenty
// cycles per 10,000 files, each marking everything kept so far. Go has no
// "minimum heap" setting, so this package builds one from the two it has:
// GOGC off and a memory limit of max(floor, 3 x live heap), adjusted as
// the live heap grows. A job that keeps more than a third of the floor
// gets the GOGC=200 schedule back instead of a collector running back to
// back at the limit.
package gcfloor

import (
	"runtime/debug"
	"runtime/metrics"
	"time"
)

// liveMetric is the heap the last collection found reachable.
const liveMetric = "/gc/heap/live:bytes"

// growth is the multiple of the live heap the limit keeps above it: the
// heap goal GOGC=200 would set.
const growth = 3

// Limit is the memory limit for a live heap of live bytes, never above
// ceiling unless ceiling is 0 (no ceiling). In a container the ceiling
// keeps the floor from costing an out-of-memory kill: near it the
// collector works harder instead.
func Limit(floor, live, ceiling uint64) uint64 {
	l := max(floor, growth*live)
	if ceiling > 0 {
		l = min(l, ceiling)
	}
	return l
}

// Start switches the collector to the floor policy and returns the
// function that restores the previous GOGC and memory limit. The limit is
// re-read every interval while the job runs.
func Start(floor, ceiling uint64, interval time.Duration) (stop func()) {
	oldPercent := debug.SetGCPercent(-1)
	oldLimit := debug.SetMemoryLimit(int64(Limit(floor, 0, ceiling)))
	done := make(chan struct{})
	finished := make(chan struct{})
	go func() {
		defer close(finished)
		sample := []metrics.Sample{{Name: liveMetric}}
		tick := time.NewTicker(interval)
		defer tick.Stop()
		for {
			select {
			case <-done:
				return
			case <-tick.C:
				metrics.Read(sample)
				if sample[0].Value.Kind() == metrics.KindUint64 {
					debug.SetMemoryLimit(int64(Limit(floor, sample[0].Value.Uint64(), ceiling)))
				}
			}
		}
	}()
	return func() {
		close(done)
		<-finished
		debug.SetMemoryLimit(oldLimit)
		debug.SetGCPercent(oldPercent)
	}
}
