package declared

import (
	"encoding/json"
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
//
// made is what HeadJSON wrote of the same kata at the build, or nil: with
// it, Head reads no YAML, and a page that shows another kata never
// decodes this kata's rules file (70-90 ms of the page engine's start).
func Lazy(id, schemaFile string, schema []byte, rulesName string, rules []byte, made []byte) engine.Deferred {
	return &lazy{id: id, schemaFile: schemaFile, schema: schema, rulesName: rulesName, rules: rules, made: made}
}

// headJSON is what Head needs of a kata, as the build writes it.
type headJSON struct {
	Title  string         `json:"title"`
	Params []engine.Param `json:"params"`
}

// HeadJSON is the head of a kata Parse made, for Lazy on the page.
func HeadJSON(k engine.Kata) ([]byte, error) {
	s := k.Spec()
	return json.Marshal(headJSON{s.Title, s.Params})
}

// fromJSON reads a head HeadJSON wrote; ok is false when it cannot. JSON
// gives a default as float64 or a list of any: a list becomes the
// []float64 the engine's numbers parameters hold.
func (l *lazy) fromJSON() (engine.Spec, bool) {
	var h headJSON
	if len(l.made) == 0 || json.Unmarshal(l.made, &h) != nil {
		return engine.Spec{}, false
	}
	for i, p := range h.Params {
		switch d := p.Default.(type) {
		case float64:
		case []any:
			fs := make([]float64, len(d))
			for k, x := range d {
				f, ok := x.(float64)
				if !ok {
					return engine.Spec{}, false
				}
				fs[k] = f
			}
			h.Params[i].Default = fs
		default:
			return engine.Spec{}, false
		}
	}
	return engine.Spec{ID: l.id, Title: h.Title, Schema: l.schema, Params: h.Params}, true
}

type lazy struct {
	id, schemaFile, rulesName string
	schema, rules, made       []byte

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
		if s, ok := l.fromJSON(); ok {
			l.shown = s
			return
		}
		l.read()
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

// read decodes the rules file's head, for Head or Make, whichever needs
// it first (never both at once: Make runs after Head's once).
func (l *lazy) read() {
	if l.b == nil && l.headErr == nil {
		l.b, l.f, l.head, l.headErr = head(l.id, l.schemaFile, l.schema, l.rulesName, l.rules)
	}
}

// Make compiles the rules, once.
func (l *lazy) Make() (*engine.Spec, error) {
	l.makeOnce.Do(func() {
		l.Head()
		if l.read(); l.headErr != nil {
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
