package engine

import "strings"

// RuleInfo describes one rule for people: `katabook rules`, `katabook
// explain` and the SARIF output all read it.
type RuleInfo struct {
	ID       string   `json:"id"`
	Kata     string   `json:"kata"` // "" for rules about every submission
	Severity Severity `json:"severity"`
	Summary  string   `json:"summary"`
	Help     string   `json:"help"`
	// Kind says whether the rule computes or reads prose (the severity
	// policy: a reading is at most a warning).
	Kind Kind `json:"kind"`
	// Pass and Fail are examples of what the rule passes and fails.
	Pass string `json:"pass,omitempty"`
	Fail string `json:"fail,omitempty"`
}

// basicRule is a rule about every submission, as commonRules lists it.
type basicRule struct {
	id, kata      string
	severity      Severity
	summary, help string
}

// commonRules are the rules every submission is held to, whatever its kata.
func commonRules() []basicRule {
	return []basicRule{
		{"submission/size", "", Error, "the file is larger than the engine reads",
			"Submissions are at most 1 MiB. A kata answer is a page of text; a larger file is refused before it is parsed, so that a hostile file cannot cost time or memory."},
		{"submission/encoding", "", Error, "the file is not UTF-8 text",
			"The file has bytes that are not UTF-8, or a NUL byte. Save it as UTF-8 text; the finding names the line of the first bad byte."},
		{"submission/front-matter", "", Error, "the front matter is missing, unclosed or not YAML",
			"A submission starts with YAML front matter between two `---` lines, with at least `kata:` naming one of the katas. The finding says what is wrong and on which line."},
		{"submission/subject", "", Warning, "the run names no subject",
			"`subject:` in the front matter names what this run is about: the API, limiter model, queue or scenario. Progress counts distinct subjects, so a run without one counts for less."},
		{"submission/unknown-kata", "", Error, "the front matter names a kata that does not exist",
			"`kata:` must be one of the course's kata ids. The message lists them."},
		{"submission/kata-unavailable", "", Error, "the page's engine cannot make the kata",
			"A course page's engine makes each kata when it is first used, from the files the build already checked; this says it could not, which means the page and its assets are from different builds. Rebuild the site; `katabook check` is not affected."},
		{"submission/no-answer", "", Error, "there is no `yaml answer` block",
			"The structured answer goes in a fenced code block whose info string is `yaml answer`. `katabook new KATA` prints a file with one."},
		{"submission/answer-block", "", Error, "the answer block is duplicated or never closed",
			"Only one `yaml answer` block is read; a second one is reported. A block that is never closed runs to the end of the file (a warning)."},
		{"submission/too-many-findings", "", Error, "more findings than are reported for one file",
			"At most 200 findings are reported per file, so that a broken file cannot flood a CI log; this finding counts the rest."},
		{"answer/yaml", "", Error, "the answer is not valid YAML, or a value cannot be read",
			"The answer block must be a YAML mapping. Duplicate keys, numbers out of range (1e400) or not finite (.nan), nesting deeper than 64 levels and more than 100,000 nodes (aliases expanded) are reported here, each at its line."},
		{"answer/unit", "", Error, "a quantity written in a unit of another kind",
			"A number field with a unit takes the number in that unit or a quantity in any unit of the same kind: a duration field reads `250 ms`, `0.25 s` or `1h30m`, a percentage field `99.9%`. A unit of another kind (a rate in a duration field) cannot be converted; the message names the field's unit."},
		{"answer/octal", "", Warning, "a number with a leading zero, which YAML reads as octal",
			"YAML reads a plain number that starts with 0 as octal: `030` is 24, not 30. The value is kept as YAML reads it, as every YAML tool would; drop the zero for the decimal, or write `0o30` to say octal plainly."},
		{"schema/required", "", Error, "a field is not answered yet",
			"Every field the kata's schema requires must have a value. An empty key (`field:`) counts as not answered."},
		{"schema/type", "", Error, "a value has the wrong type",
			"A number where a number is expected, `true`/`false` for yes-or-no fields, text for text. `forty` is not a number."},
		{"schema/enum", "", Error, "a value is not one of the allowed choices",
			"The field takes one of a fixed set of values; the message lists them."},
		{"schema/additionalProperties", "", Error, "a key the kata does not know",
			"Usually a typo in a key name. The message lists the keys allowed at that place."},
		{"schema/minimum", "", Error, "a number is below its minimum", "The schema gives the smallest value the field can take; rates, times and counts cannot be negative."},
		{"schema/exclusiveMinimum", "", Error, "a number is not above its bound", "The field must be strictly above the bound, for example a rate or a time that must be positive."},
		{"schema/maximum", "", Error, "a number is above its maximum", "The schema gives the largest value the field can take."},
		{"schema/exclusiveMaximum", "", Error, "a number is not below its bound", "The field must be strictly below the bound."},
		{"schema/minLength", "", Error, "a text is too short", "The field needs some text."},
		{"schema/maxLength", "", Error, "a text is too long", "The field has a length limit; put long prose in the Markdown around the answer block."},
		{"schema/minItems", "", Error, "a list has too few items", "The kata asks for at least this many entries."},
		{"schema/maxItems", "", Error, "a list has too many items", "The kata allows at most this many entries."},
		{"schema/pattern", "", Error, "a text does not have the expected form", "The field expects a particular format; the message shows the pattern."},
		{"schema/format", "", Error, "a text does not have the expected format", "For example a date-time must be ISO 8601 with a zone."},
	}
}

// commonExamples are what the rules about every submission pass and fail,
// as a line of the submission.
var commonExamples = map[string][2]string{
	"submission/size":              {"a page of Markdown", "a 2 MiB file"},
	"submission/encoding":          {"UTF-8 text", "a file saved as Latin-1 with an é in it"},
	"submission/front-matter":      {"---\nkata: queue\n---", "a file that starts with the answer block"},
	"submission/subject":           {"subject: the checkout API", "no subject: key"},
	"submission/unknown-kata":      {"kata: queue", "kata: queues"},
	"submission/kata-unavailable":  {"a page built with its assets", "a page whose course.js is from another build"},
	"submission/no-answer":         {"a ```yaml answer block", "a ```yaml block without `answer`"},
	"submission/answer-block":      {"one answer block", "two answer blocks"},
	"submission/too-many-findings": {"at most 200 findings", "a file with 300 findings"},
	"answer/yaml":                  {"w_s: 0.25", "w_s: 0.25\nw_s: 0.3 (a key twice)"},
	"answer/unit":                  {"w_s: 250 ms (read as 0.25 s)", "w_s: 250 req/s"},
	"answer/octal":                 {"window_days: 30", "window_days: 030 (read as 24)"},
	"schema/required":              {"every field answered", "window_days: (left empty)"},
	"schema/type":                  {"lambda_rps: 120", "lambda_rps: forty"},
	"schema/enum":                  {"algorithm: token_bucket", "algorithm: token bucket"},
	"schema/additionalProperties":  {"lambda_rps: 120", "lamda_rps: 120"},
	"schema/minimum":               {"lambda_rps: 120", "lambda_rps: -5"},
	"schema/exclusiveMinimum":      {"w_s: 0.2", "w_s: 0"},
	"schema/maximum":               {"a value within the bound", "a value above the bound"},
	"schema/exclusiveMaximum":      {"a value below the bound", "a value at the bound"},
	"schema/minLength":             {"a sentence", "an empty text"},
	"schema/maxLength":             {"a short text", "a text over the limit"},
	"schema/minItems":              {"the entries asked for", "a list one entry short"},
	"schema/maxItems":              {"the entries allowed", "a list one entry too long"},
	"schema/pattern":               {"a text of the expected form", "a text of another form"},
	"schema/format":                {"2026-11-25T09:30:00Z", "25/11/2026 9:30"},
	"run/time":                     {"started before finished", "finished: before started:"},
	"run/elapsed":                  {"elapsed: 1500 in a 30-minute run", "elapsed: 4000 in a 30-minute run"},
	"run/over-limit":               {"over_limit: true after 50 minutes of a 45-minute kata", "over_limit: false after 50 minutes of a 45-minute kata"},
	"run/ruleset":                  {"the ruleset of the checker", "a ruleset from an older build"},
}

// Rules lists every rule the engine can report, common ones first, then
// each kata's in course order.
func (e *Engine) Rules() []RuleInfo {
	var out []RuleInfo
	for _, b := range append(commonRules(), runRules()...) {
		ex := commonExamples[b.id]
		// The schema, the structure and the times: all computed.
		out = append(out, RuleInfo{ID: b.id, Kata: b.kata, Severity: b.severity, Summary: b.summary, Help: b.help,
			Kind: Computed, Pass: ex[0], Fail: ex[1]})
	}
	for _, id := range e.order {
		k, ok := e.kata(id)
		if !ok {
			continue // Prechecked, and it cannot be made: Check says why
		}
		for _, r := range k.rules {
			help := r.Help
			if help == "" {
				help = r.Title + "."
			}
			out = append(out, RuleInfo{ID: r.ID, Kata: id, Severity: r.Severity, Summary: r.Title, Help: help,
				Kind: r.Kind, Pass: r.Pass, Fail: r.Fail})
		}
	}
	return out
}

// Rule finds one rule by id. Schema keywords without their own entry fall
// back to a generic description.
func (e *Engine) Rule(id string) (RuleInfo, bool) {
	for _, r := range e.Rules() {
		if r.ID == id {
			return r, true
		}
	}
	if kw, ok := strings.CutPrefix(id, "schema/"); ok && kw != "" {
		return RuleInfo{ID: id, Severity: Error, Summary: "the answer breaks the schema keyword " + kw,
			Help: "The kata's JSON Schema (katabook schema KATA) constrains this field with `" + kw + "`."}, true
	}
	return RuleInfo{}, false
}
