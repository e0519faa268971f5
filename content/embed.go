// Package content holds the default course: one Markdown workbook per kata,
// and the files of the katas it declares without Go.
// `katabook build` and `katabook serve` use it when no --content folder is
// given, and `katabook init` writes it out for a course author to edit.
package content

import "embed"

// FS holds the workbooks (*.md) and the files of the katas the course
// declares (*.rules.yaml, *.schema.json: the queue kata).
//
//go:embed *.md *.rules.yaml *.schema.json
var FS embed.FS
