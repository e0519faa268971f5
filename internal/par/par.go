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
