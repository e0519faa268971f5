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
