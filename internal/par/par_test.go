package par

import (
	"sync/atomic"
	"testing"
)

func TestEachCallsEveryIndexOnce(t *testing.T) {
	for _, n := range []int{0, 1, 7, 1000} {
		seen := make([]atomic.Int32, n)
		Each(n, func(i int) { seen[i].Add(1) })
		for i := range seen {
			if c := seen[i].Load(); c != 1 {
				t.Fatalf("n=%d: index %d called %d times", n, i, c)
			}
		}
	}
}

func TestEachWorkerBuildsStatePerGoroutine(t *testing.T) {
	var workers atomic.Int32
	var sum atomic.Int64
	EachWorker(100, func() func(int) {
		workers.Add(1)
		local := 0 // per-goroutine state, no locking needed
		return func(i int) { local++; sum.Add(int64(i)) }
	})
	if sum.Load() != 4950 || workers.Load() < 1 {
		t.Fatalf("sum %d, workers %d", sum.Load(), workers.Load())
	}
}
