package engine

import (
	"bytes"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
)

// Limits that keep hostile submissions cheap to reject.
const (
	// MaxSourceBytes is the largest submission the engine reads.
	MaxSourceBytes = 1 << 20
	// MaxDepth is the deepest nesting of YAML collections accepted.
	MaxDepth = 64
	// MaxNodes bounds the YAML nodes visited, aliases expanded included.
	MaxNodes = 100_000
	// MaxFindings is the most findings reported for one file.
	MaxFindings = 200
)

// Meta is the submission's front matter.
type Meta struct {
	Kata    string `json:"kata"`
	Title   string `json:"title"`
	Author  string `json:"author"`
	Date    string `json:"date"`
	Subject string `json:"subject"`
	// The run, as the page's Export writes it (optional; see run.go).
	Started   string  `json:"started,omitempty"`    // RFC 3339
	Finished  string  `json:"finished,omitempty"`   // RFC 3339
	Elapsed   float64 `json:"elapsed,omitempty"`    // seconds the kata timer ran; 0: not given
	OverLimit *bool   `json:"over_limit,omitempty"` // nil: not given
	Ruleset   string  `json:"ruleset,omitempty"`    // the ruleset of the page that checked it
}

// metaKeys are the front matter keys, in the order Render writes them.
var metaKeys = []string{"kata", "title", "author", "date", "subject", "started", "finished", "elapsed", "over_limit", "ruleset"}

// Submission is a parsed kata submission.
type Submission struct {
	Meta Meta
	// Answer is the parsed `yaml answer` block; nil when absent or invalid.
	Answer *Answer
	// Prose is the Markdown outside the front matter and the answer block.
	Prose string

	metaLocs   map[string]Loc
	bodyLine   int // 1-based line where the body starts
	answerLine int // 1-based line of the answer block's opening fence; 0 if none
}

// Loc is a position in the submitted file. Line and Col are 1-based.
type Loc struct{ Line, Col int }

func (s *Submission) metaLoc(key string) Loc {
	if l, ok := s.metaLocs[key]; ok {
		return l
	}
	return Loc{1, 1}
}

// Parse splits a submission into front matter, answer and prose. Problems
// come back as findings; the Submission is always usable.
func Parse(src []byte) (*Submission, []Finding) {
	sub := &Submission{metaLocs: map[string]Loc{}, bodyLine: 1}
	if len(src) > MaxSourceBytes {
		return sub, []Finding{{Rule: "submission/size", Severity: Error, Line: 1, Col: 1,
			Message: fmt.Sprintf("file is %d bytes; the limit is %d bytes (1 MiB)", len(src), MaxSourceBytes)}}
	}
	if f, bad := checkText(src); bad {
		return sub, []Finding{f}
	}
	lines := splitLines(src)
	var out []Finding
	body := 0 // index of the first body line
	if len(lines) > 0 && strings.TrimRight(strings.TrimPrefix(lines[0], "\uFEFF"), " \t") == "---" {
		end := -1
		for i := 1; i < len(lines); i++ {
			if t := strings.TrimRight(lines[i], " \t"); t == "---" || t == "..." {
				end = i
				break
			}
		}
		if end < 0 {
			return sub, []Finding{{Rule: "submission/front-matter", Severity: Error, Line: 1, Col: 1,
				Message: "front matter opened by `---` on line 1 is never closed: add a line `---` after it"}}
		}
		out = append(out, sub.parseMeta(strings.Join(lines[1:end], "\n"), 2)...)
		body = end + 1
	} else {
		out = append(out, Finding{Rule: "submission/front-matter", Severity: Error, Line: 1, Col: 1,
			Message: "no front matter: start the file with `---`, a line `kata: <id>`, and `---`"})
	}
	sub.bodyLine = min(body+1, max(len(lines), 1)) // a file may end with its front matter

	var prose []string
	fences := scanFences(lines, body)
	next := body
	for _, f := range fences {
		if f.info != "yaml answer" {
			continue
		}
		if sub.answerLine != 0 {
			out = append(out, Finding{Rule: "submission/answer-block", Severity: Error, Line: f.open + 1, Col: 1,
				Message: fmt.Sprintf("a second `yaml answer` block; the first is on line %d and only one is read", sub.answerLine)})
			continue
		}
		sub.answerLine = f.open + 1
		if !f.closed {
			out = append(out, Finding{Rule: "submission/answer-block", Severity: Warning, Line: f.open + 1, Col: 1,
				Message: "the answer block is never closed; it runs to the end of the file"})
		}
		prose = append(prose, lines[next:f.open]...)
		next = f.close + 1
		block := make([]string, 0, f.close-f.open)
		for _, l := range lines[f.open+1 : f.close] {
			block = append(block, stripIndent(l, f.indent))
		}
		a, fs := parseAnswer(strings.Join(block, "\n"), f.open+1, f.indent)
		sub.Answer = a
		out = append(out, fs...)
	}
	if next < len(lines) {
		prose = append(prose, lines[next:]...)
	}
	sub.Prose = unwrapNotes(strings.Trim(strings.Join(prose, "\n"), "\n"))
	return sub, out
}

// checkText rejects bytes that are not text, naming the line.
func checkText(src []byte) (Finding, bool) {
	if utf8.Valid(src) && bytes.IndexByte(src, 0) < 0 {
		return Finding{}, false // the usual case, eight bytes at a time
	}
	line := 1
	for i := 0; i < len(src); {
		r, size := utf8.DecodeRune(src[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			return Finding{Rule: "submission/encoding", Severity: Error, Line: line, Col: 1,
				Message: fmt.Sprintf("invalid UTF-8 at byte %d: save the file as UTF-8", i)}, true
		case r == 0:
			return Finding{Rule: "submission/encoding", Severity: Error, Line: line, Col: 1,
				Message: fmt.Sprintf("NUL byte at byte %d: this is not a text file", i)}, true
		case r == '\n', r == '\r' && (i+1 == len(src) || src[i+1] != '\n'):
			line++
		}
		i += size
	}
	return Finding{}, false
}

// splitLines splits at LF, CRLF and a lone CR, as editors and YAML do, so
// that line numbers agree with what the learner sees.
func splitLines(src []byte) []string {
	s := strings.ReplaceAll(string(src), "\r\n", "\n")
	s = strings.ReplaceAll(s, "\r", "\n")
	s = strings.TrimSuffix(s, "\n")
	if s == "" {
		return nil
	}
	return strings.Split(s, "\n")
}

// parseMeta reads the front matter; first is the 1-based line of its first line.
func (sub *Submission) parseMeta(text string, first int) []Finding {
	doc, err := parseYAML(text)
	if err != nil {
		line, msg := yamlErrorLine(err)
		return []Finding{{Rule: "submission/front-matter", Severity: Error, Line: first + line - 1, Col: 1,
			Message: "front matter is not valid YAML: " + msg}}
	}
	if len(doc.Content) == 0 {
		return []Finding{{Rule: "submission/front-matter", Severity: Error, Line: first - 1, Col: 1,
			Message: "front matter is empty: it needs at least `kata: <id>`"}}
	}
	root := doc.Content[0]
	if root.Kind != yaml.MappingNode {
		return []Finding{{Rule: "submission/front-matter", Severity: Error, Line: first + root.Line - 1, Col: root.Column,
			Message: "front matter must be a mapping of `key: value` lines"}}
	}
	var out []Finding
	var run runText
	fields := map[string]*string{"kata": &sub.Meta.Kata, "title": &sub.Meta.Title, "author": &sub.Meta.Author,
		"date": &sub.Meta.Date, "subject": &sub.Meta.Subject, "started": &sub.Meta.Started, "finished": &sub.Meta.Finished,
		"elapsed": &run.elapsed, "over_limit": &run.overLimit, "ruleset": &sub.Meta.Ruleset}
	for i := 0; i+1 < len(root.Content); i += 2 {
		k, v := root.Content[i], root.Content[i+1]
		dst, known := fields[k.Value]
		if !known {
			continue // other keys belong to the author
		}
		loc := Loc{first + v.Line - 1, v.Column}
		sub.metaLocs[k.Value] = loc
		if v.Kind != yaml.ScalarNode {
			out = append(out, Finding{Rule: "submission/front-matter", Severity: Error, Line: loc.Line, Col: loc.Col,
				Message: fmt.Sprintf("front matter `%s` must be a single value", k.Value)})
			continue
		}
		*dst = v.Value
	}
	out = append(out, sub.readRun(run)...)
	if sub.Meta.Kata == "" {
		out = append(out, Finding{Rule: "submission/front-matter", Severity: Error, Line: first - 1, Col: 1,
			Message: "front matter has no `kata:`; name one of slo, limiter, queue, incident"})
	}
	if sub.Meta.Kata != "" && sub.Meta.Subject == "" {
		l := Loc{first - 1, 1}
		if sl, ok := sub.metaLocs["subject"]; ok {
			l = sl
		}
		out = append(out, Finding{Rule: "submission/subject", Severity: Warning, Line: l.Line, Col: l.Col,
			Message: "front matter has no `subject:`: name the API, limiter model, queue or scenario this run is about"})
	}
	return out
}

var yamlLineRE = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)

// yamlErrorLine takes the 1-based line out of a YAML error, 1 when it has none.
func yamlErrorLine(err error) (int, string) {
	msg := err.Error()
	if m := yamlLineRE.FindStringSubmatch(msg); m != nil {
		n, _ := strconv.Atoi(m[1])
		return max(n, 1), m[2]
	}
	return 1, strings.TrimPrefix(msg, "yaml: ")
}

// fence is one fenced code block; indexes are 0-based line indexes.
type fence struct {
	open, close int // close is len(lines) when the fence is never closed
	closed      bool
	info        string
	indent      int
}

// scanFences finds the top-level fenced code blocks from line index start
// on, following CommonMark's rules for opening and closing fences, so that a
// `yaml answer` example inside a longer fence is not mistaken for the answer.
func scanFences(lines []string, start int) []fence {
	var out []fence
	for i := start; i < len(lines); i++ {
		indent, ch, n, info, ok := openFence(lines[i])
		if !ok {
			continue
		}
		f := fence{open: i, close: len(lines), info: strings.Join(strings.Fields(info), " "), indent: indent}
		for j := i + 1; j < len(lines); j++ {
			if closesFence(lines[j], ch, n) {
				f.close, f.closed = j, true
				break
			}
		}
		out = append(out, f)
		i = f.close
	}
	return out
}

func openFence(line string) (indent int, ch byte, n int, info string, ok bool) {
	for indent < len(line) && indent < 4 && line[indent] == ' ' {
		indent++
	}
	if indent > 3 || indent >= len(line) || (line[indent] != '`' && line[indent] != '~') {
		return 0, 0, 0, "", false
	}
	ch = line[indent]
	for indent+n < len(line) && line[indent+n] == ch {
		n++
	}
	if n < 3 {
		return 0, 0, 0, "", false
	}
	info = strings.TrimSpace(line[indent+n:])
	if ch == '`' && strings.ContainsRune(info, '`') {
		return 0, 0, 0, "", false
	}
	return indent, ch, n, info, true
}

func closesFence(line string, ch byte, n int) bool {
	t := strings.TrimLeft(line, " ")
	if len(line)-len(t) > 3 {
		return false
	}
	t = strings.TrimRight(t, " \t")
	return len(t) >= n && strings.Trim(t, string(ch)) == ""
}

// stripIndent removes up to n leading spaces, as CommonMark does for the
// content of an indented fence.
func stripIndent(s string, n int) string {
	i := 0
	for i < n && i < len(s) && s[i] == ' ' {
		i++
	}
	return s[i:]
}
