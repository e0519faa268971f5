// Package schemas holds the JSON Schemas (draft 2020-12) of every kata's
// deliverable. They are the single source of truth for a kata's fields: the
// engine validates answers against them and the site builds its forms from
// them. Adding a kata adds one <kata>.json file here.
package schemas

import "embed"

// FS holds every schema, named <kata>.json.
//
//go:embed *.json
var FS embed.FS

// Source returns the schema of a built-in kata. The built-in kata packages
// call it when they are made; a missing schema is a bug in katabook, which
// every test of the kata finds at once.
func Source(kata string) []byte {
	src, err := FS.ReadFile(kata + ".json")
	if err != nil {
		panic("schemas: no schema for built-in kata " + kata)
	}
	return src
}
