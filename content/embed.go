// Package content holds the default course: one Markdown workbook per kata.
// `katabook build` and `katabook serve` use it when no --content folder is
// given, and `katabook init` writes it out for a course author to edit.
package content

import "embed"

// FS holds the workbooks (*.md).
//
//go:embed *.md
var FS embed.FS
