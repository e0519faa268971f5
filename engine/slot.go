package engine

import (
	"fmt"
	"sync"
)

// Deferred is a kata that costs time to make (a declared kata compiles its
// rules) and can say what it is before it is made: Head gives its id,
// title, schema and parameters, Make the whole Spec. The engine calls Make
// once, at New, or on the kata's first use when it was built Prechecked.
type Deferred interface {
	Kata
	Head() *Spec
	Make() (*Spec, error)
}

// Prechecked is for an engine whose course the build has already made
// and checked: the page's. Each kata is made the first time a check, a
// form or a drill needs it, instead of all of them in New, so a page that
// shows one kata pays for that one; and its schema is not validated
// against the JSON Schema metaschema again (three quarters of compiling
// it). The ruleset is the same either way. A kata that cannot be made is
// reported when it is used (submission/kata-unavailable), not by New.
func Prechecked() Option { return func(c *config) { c.prechecked = true } }

// slot is one kata of an engine: what it is (head, params) from New on,
// and what it runs (loaded) once it is made.
type slot struct {
	kata   Kata
	head   *Spec
	params Params
	values map[string]any // the course's values, for a Deferred kata's CheckParams
	// prechecked: the build has checked the schema (Prechecked).
	prechecked bool
	once       sync.Once
	l          *loaded
	err        error
}

// headOf is what a kata is without making it.
func headOf(k Kata) *Spec {
	if d, ok := k.(Deferred); ok {
		return d.Head()
	}
	return k.Spec()
}

// get makes the kata once, safely from any goroutine.
func (s *slot) get() (*loaded, error) {
	s.once.Do(func() { s.l, s.err = s.make() })
	return s.l, s.err
}

func (s *slot) make() (*loaded, error) {
	spec, p := s.head, s.params
	if d, ok := s.kata.(Deferred); ok {
		full, err := d.Make()
		if err != nil {
			return nil, err
		}
		// Its Head has no CheckParams: the values are checked now.
		if p, err = resolveParams(full, s.values); err != nil {
			return nil, err
		}
		spec = full
	}
	l, err := load(spec, p, s.prechecked)
	if err != nil {
		return nil, fmt.Errorf("schema of kata %s: %w", spec.ID, err)
	}
	return l, nil
}

// kata is the made kata id; ok is false when the engine has none by that
// id or (Prechecked) it cannot be made.
func (e *Engine) kata(id string) (*loaded, bool) {
	s, ok := e.katas[id]
	if !ok {
		return nil, false
	}
	l, err := s.get()
	return l, err == nil
}
