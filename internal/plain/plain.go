// Package plain prints names and messages from outside (a file's name is
// its author's to choose) so that they stay one plain item on one line.
package plain

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// A file's name is the submitter's to choose, so it may hold a newline, a
// terminal escape or a bidirectional override. In a CI log a line that
// begins with "::" is a GitHub workflow command, so a raw name could add
// annotations, mask values or stop command processing. Lines for people
// therefore print a name as it is only when it is plain, and quoted (Go
// syntax, every control character escaped) otherwise.

// Name is p as it may appear in a line of text: as it is when it is valid
// UTF-8 of graphic characters and cannot be read as a workflow command or
// a quoted name, quoted otherwise.
func Name(p string) string {
	if p == "" || strings.HasPrefix(p, "::") || strings.HasPrefix(p, `"`) || !utf8.ValidString(p) ||
		strings.IndexFunc(p, notGraphic) >= 0 {
		return strconv.Quote(p)
	}
	return p
}

// Line is a message on one line of plain characters: one finding, one
// line, whatever a value quoted in the message holds.
func Line(s string) string {
	if strings.IndexFunc(s, notGraphic) < 0 {
		return s
	}
	return strings.Map(func(r rune) rune {
		if notGraphic(r) {
			return ' '
		}
		return r
	}, s)
}

func notGraphic(r rune) bool { return !unicode.IsGraphic(r) }
