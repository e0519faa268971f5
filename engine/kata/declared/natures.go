package declared

import (
	"reflect"

	"github.com/expr-lang/expr"
	"github.com/expr-lang/expr/checker/nature"
	"github.com/expr-lang/expr/conf"
	"github.com/expr-lang/expr/types"
)

// natures keeps the compiler's view (its nature) of each object type an
// expression can read, made once per kata. expr.Env would remake the
// whole tree of the answer's types for every expression it compiles: a
// third of compiling the queue kata, and on the page's engine a third of
// its start.
type natures map[uintptr]kept

// kept holds the type with its nature, so that while the kata compiles no
// other map can be made at its address.
type kept struct {
	t types.Map
	n nature.Nature
}

// env is expr.Env(env) with the natures of env's object types kept. env
// itself is not kept: the lets add their names to it as they compile.
// The object types (the answer, an item, the parameters) are never
// changed once made, and each is kept while the kata compiles, so a map's
// address names its nature.
func (c *natures) env(env types.Map) expr.Option {
	nt := types.Map{}.Nature() // an object with no names yet, strict
	for name, t := range env {
		nt.Fields[name] = c.of(t)
	}
	return func(cfg *conf.Config) {
		cfg.EnvObject = env
		cfg.Env = nt
		cfg.Strict = nt.Strict
	}
}

func (c *natures) of(t types.Type) nature.Nature {
	m, ok := t.(types.Map)
	if !ok {
		return t.Nature()
	}
	if *c == nil {
		*c = natures{}
	}
	at := reflect.ValueOf(m).Pointer()
	if k, ok := (*c)[at]; ok {
		return k.n
	}
	n := m.Nature()
	(*c)[at] = kept{m, n}
	return n
}
