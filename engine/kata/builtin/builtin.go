// Package builtin lists the katas built into katabook in Go, for the CLI
// and the WebAssembly bridge: the engine core knows none of them. Katas a
// course declares in files (the default course's queue kata among them)
// are added by the course (engine.Engine.Course).
package builtin

import (
	"github.com/katabook/katabook/engine"
	"github.com/katabook/katabook/engine/kata/incident"
	"github.com/katabook/katabook/engine/kata/limiter"
	"github.com/katabook/katabook/engine/kata/slo"
)

// Katas returns a fresh value of every built-in kata.
func Katas() []engine.Kata {
	return []engine.Kata{slo.New(), limiter.New(), incident.New()}
}

// New is an engine of the built-in katas with their default parameters;
// a course adds its own katas and numbers with Engine.Course.
func New(opts ...engine.Option) (*engine.Engine, error) {
	return engine.New(append([]engine.Option{engine.WithKatas(Katas()...)}, opts...)...)
}
