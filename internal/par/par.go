// Package par runs independent work items on every CPU. The CLI checks
// submissions with it and the site renders pages with it.
package par

import (
	"runtime"
	"sync"
)

// Each calls fn(i) for i in [0, n), on GOMAXPROCS goroutines, and returns
// when every call has returned. fn must be safe to call concurrently; it
// typically writes its result to slot i of a slice, which keeps results in
// input order whatever order the work finishes in.
func Each(n int, fn func(i int)) {
	EachWorker(n, func() func(int) { return fn })
}

// EachWorker is Each for work that needs per-goroutine state (a parser, a
// buffer): newWorker runs once per goroutine, and its function is called
// for that goroutine's items.
func EachWorker(n int, newWorker func() func(i int)) {
	jobs := make(chan int)
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), max(n, 1)) {
		wg.Add(1)
		work := newWorker() // here, not in the goroutine: fn may not be safe to build concurrently
		go func() {
			defer wg.Done()
			for i := range jobs {
				work(i)
			}
		}()
	}
	for i := range n {
		jobs <- i
	}
	close(jobs)
	wg.Wait()
}

// Ordered calls work(i) for i in [0, n) on GOMAXPROCS goroutines and
// emit(i, result) on the calling goroutine in index order, each as soon as
// its result and every earlier one are ready. At most a few results per
// CPU wait to be emitted, so memory stays flat in n even when one item is
// slow: the items after it wait to start instead of piling up.
func Ordered[T any](n int, work func(i int) T, emit func(i int, v T)) {
	window := 4 * runtime.GOMAXPROCS(0)
	type slot struct {
		v     T
		ready chan struct{}
	}
	ring := make([]slot, window)
	for i := range ring {
		ring[i].ready = make(chan struct{}, 1)
	}
	// A token per item started and not yet emitted, taken in index order
	// (here, not in the workers: taken out of order, the tokens could all
	// go to items after the one emit waits for).
	tokens := make(chan struct{}, window)
	jobs := make(chan int)
	go func() {
		for i := range n {
			tokens <- struct{}{}
			jobs <- i
		}
		close(jobs)
	}()
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), max(n, 1)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range jobs {
				s := &ring[i%window]
				s.v = work(i)
				s.ready <- struct{}{}
			}
		}()
	}
	for i := range n {
		s := &ring[i%window]
		<-s.ready
		v := s.v
		var zero T
		s.v = zero // the ring must not keep what emit is done with
		emit(i, v)
		<-tokens
	}
	wg.Wait()
}
