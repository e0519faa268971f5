package site

// later starts fn at once and returns a function that waits for its
// result. A build's steps that do not depend on each other (the assets,
// the workbooks, the index page, the engine's offline copy) run side by
// side this way, so that no step leaves a core idle while another runs.
// fn must not write to the build's sink (a build that fails early returns
// without waiting, and its sink is closed then), nor read anything the
// build goes on changing: give it copies or values read beforehand (the
// asset map gains files while the pages render; make test's -race run
// found the one read of it that slipped in).
func later[T any](fn func() (T, error)) func() (T, error) {
	var v T
	var err error
	done := make(chan struct{})
	go func() {
		defer close(done)
		v, err = fn()
	}()
	return func() (T, error) {
		<-done
		return v, err
	}
}
