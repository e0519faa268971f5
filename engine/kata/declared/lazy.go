package declared

import (
	"sync"

	"github.com/katabook/katabook/engine"
)

// Lazy is the kata of these files for an engine built engine.Prechecked:
// its Head reads the rules file's title and parameters; its rules are
// read when the engine first needs the kata (Make), and each expression
// is type-checked and compiled the first time it runs. Compiling a kata's
// expressions was most of what starting the page's engine cost, and a
// page that shows another kata never needs them. It is for the page's
// engine, whose build has already made the same files with Parse; the
// cost check on a sample answer is not run again.
func Lazy(id, schemaFile string, schema []byte, rulesName string, rules []byte) engine.Deferred {
	return &lazy{id: id, schemaFile: schemaFile, schema: schema, rulesName: rulesName, rules: rules}
}

type lazy struct {
	id, schemaFile, rulesName string
	schema, rules             []byte

	headOnce sync.Once
	b        *builder
	f        *rulesFile
	head     *engine.Spec // what finish completes
	shown    engine.Spec  // the head as Head gives it, never changed
	headErr  error

	makeOnce sync.Once
	spec     *engine.Spec
	err      error
}

// Head is the kata's id, title, schema and parameters; when the files
// cannot be read it is the id and schema alone, and Make says why.
func (l *lazy) Head() *engine.Spec {
	l.headOnce.Do(func() {
		l.b, l.f, l.head, l.headErr = head(l.id, l.schemaFile, l.schema, l.rulesName, l.rules)
		if l.headErr == nil {
			l.shown = *l.head // a copy: Make fills in l.head
		}
	})
	if l.headErr != nil {
		return &engine.Spec{ID: l.id, Schema: l.schema}
	}
	h := l.shown
	return &h
}

// Make compiles the rules, once.
func (l *lazy) Make() (*engine.Spec, error) {
	l.makeOnce.Do(func() {
		if l.Head(); l.headErr != nil {
			l.err = l.headErr
			return
		}
		l.spec, l.err = l.b.finish(l.f, l.head, true)
	})
	return l.spec, l.err
}

// Spec is Make's Spec, or the head when the kata cannot be made.
func (l *lazy) Spec() *engine.Spec {
	if s, err := l.Make(); err == nil {
		return s
	}
	return l.Head()
}
