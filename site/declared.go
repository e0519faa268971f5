package site

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"slices"
	"strings"

	"github.com/katabook/katabook/engine"
	"github.com/katabook/katabook/engine/kata/declared"
)

// A course declares a kata with files beside its workbook: <id>.rules.yaml
// (parameters, rules, figures, drill) and <id>.schema.json (the answer's
// fields). The same bytes go to the page (assets/course.js), where the
// WebAssembly engine declares the same katas, so page and CLI agree.

// declaredFiles are one declared kata's files, as read.
type declaredFiles struct {
	ID     string `json:"id"`
	Schema string `json:"schema"`
	Rules  string `json:"rules"`
	// Head is the kata's title and parameters as the build read them
	// (declared.HeadJSON): the page's engine then reads the rules file
	// only if the page needs the kata.
	Head json.RawMessage `json:"head"`
}

// loadDeclared reads and compiles every kata the course declares. builtin
// are the ids of the katas built into katabook, which a course may not
// declare again.
func loadDeclared(content fs.FS, builtin []string) ([]engine.Kata, []declaredFiles, BuildErrors) {
	names, err := fs.Glob(content, "*.rules.yaml")
	if err != nil {
		return nil, nil, BuildErrors{{File: ".", Line: 1, Msg: err.Error()}}
	}
	var katas []engine.Kata
	var files []declaredFiles
	var errs BuildErrors
	for _, name := range names {
		id := strings.TrimSuffix(name, ".rules.yaml")
		schemaName := id + ".schema.json"
		if slices.Contains(builtin, id) {
			errs = append(errs, BuildError{File: name, Line: 1, Msg: fmt.Sprintf("%s is a built-in kata of katabook: a declared kata needs an id of its own", id)})
			continue
		}
		if be := checkSlug(name); be != nil {
			errs = append(errs, *be)
			continue
		}
		rules, err := readWorkbook(content, name)
		if err != nil {
			errs = append(errs, BuildError{File: name, Line: 1, Msg: err.Error()})
			continue
		}
		schema, err := readWorkbook(content, schemaName)
		if err != nil {
			errs = append(errs, BuildError{File: name, Line: 1, Msg: fmt.Sprintf("kata %s has rules but no %s beside them (%v)", id, schemaName, err)})
			continue
		}
		k, err := declared.Parse(id, schemaName, schema, name, rules)
		if err != nil {
			errs = append(errs, declaredErrors(err)...)
			continue
		}
		head, err := declared.HeadJSON(k)
		if err != nil {
			errs = append(errs, BuildError{File: name, Line: 1, Msg: err.Error()})
			continue
		}
		katas = append(katas, k)
		files = append(files, declaredFiles{ID: id, Schema: string(schema), Rules: string(rules), Head: head})
	}
	return katas, files, errs
}

// declaredErrors turns the rules file's errors into build errors, with
// their column in the message (a BuildError has a line only).
func declaredErrors(err error) BuildErrors {
	var out BuildErrors
	for _, e := range flatten(err) {
		var de *declared.Error
		if errors.As(e, &de) {
			out = append(out, BuildError{File: de.File, Line: de.Line, Msg: fmt.Sprintf("column %d: %s", de.Col, de.Msg)})
			continue
		}
		out = append(out, BuildError{File: ".", Line: 1, Msg: e.Error()})
	}
	return out
}

// courseScript is assets/course.js: the declared katas' files for the
// page's engine, as a script so that it loads from file:// too.
func courseScript(files []declaredFiles) ([]byte, error) {
	if files == nil {
		files = []declaredFiles{}
	}
	b, err := json.Marshal(files)
	if err != nil {
		return nil, err
	}
	return append(append([]byte("self.KATABOOK_COURSE="), b...), ";\n"...), nil
}
