package par

import (
	"runtime"
	"sync/atomic"
	"testing"
	"time"
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

// TestOrderedEmitsInOrderWithFewWaiting: results come out in index order
// although later items finish first, and no more than the window of
// results is ever started ahead of the one emitted.
func TestOrderedEmitsInOrderWithFewWaiting(t *testing.T) {
	var started, emitted atomic.Int32
	var most atomic.Int32
	next := 0
	Ordered(500, func(i int) int {
		ahead := started.Add(1) - emitted.Load()
		for {
			m := most.Load()
			if ahead <= m || most.CompareAndSwap(m, ahead) {
				break
			}
		}
		if i%50 == 0 {
			time.Sleep(2 * time.Millisecond) // a slow item: those after it finish first
		}
		return i * i
	}, func(i, v int) {
		if i != next || v != i*i {
			t.Fatalf("emitted %d (%d), want %d", i, v, next)
		}
		next++
		emitted.Add(1)
	})
	if next != 500 {
		t.Fatalf("emitted %d of 500", next)
	}
	if limit := int32(4*runtime.GOMAXPROCS(0)) + 1; most.Load() > limit {
		t.Errorf("%d items started ahead of the one emitted, want at most %d", most.Load(), limit)
	}
}
