// Package report is the instructor's view of a cohort: every learner's
// submissions of every kata, what passed, how long it took against the
// kata's time limit, whether the Completion Standard holds, and which
// rules fail most. `katabook report` feeds it one small Submission per
// file as the files are checked (Cohort.Add), so a cohort of any size
// costs its summaries, never its reports; Finish turns them into the
// Report that index.html, report.json and grades.csv are written from.
package report

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"sync"

	"github.com/katabook/katabook/internal/points"
)

// Version is the version of report.json's shape. It changes only when a
// field is removed or changes meaning; new fields may appear.
const Version = 1

// MaxHits is the most learners a rule lists with a link and a finding;
// past it the report counts them only, so that one rule every file
// breaks costs a page, not a page per file.
const MaxHits = 100

// Kata is what the course says about one kata.
type Kata struct {
	ID         string      `json:"id"`
	Title      string      `json:"title"`
	TimeLimit  int         `json:"time_limit_min"` // 0: none
	Completion Completion  `json:"completion"`
	Grading    points.Kata `json:"-"`
	Points     bool        `json:"points"` // the course gives points (else pass or fail)
}

// Completion is a kata's Completion Standard: Count passing submissions
// with distinct values of Distinct ("subject" or a JSON pointer into the
// answer), as the site's progress board counts runs.
type Completion struct {
	Distinct string `json:"distinct"`
	Count    int    `json:"count"`
	Text     string `json:"text"`
}

// Rule describes one rule for the per-rule table.
type Rule struct {
	ID       string `json:"id"`
	Kata     string `json:"kata"`
	Severity string `json:"severity"`
	Summary  string `json:"summary"`
}

// Submission is all the report keeps of one checked file.
type Submission struct {
	Path     string  `json:"path"`
	Link     string  `json:"link"` // relative to the report's folder
	Learner  string  `json:"-"`
	Kata     string  `json:"-"`
	Subject  string  `json:"subject"`
	Distinct string  `json:"-"` // the value the completion rule counts, normalised
	Passed   bool    `json:"passed"`
	Errors   int     `json:"errors"`
	Warnings int     `json:"warnings"`
	Elapsed  float64 `json:"elapsed_s"` // -1: not timed
	Over     bool    `json:"over_limit"`
	Started  string  `json:"started,omitempty"`
	Ruleset  string  `json:"ruleset,omitempty"`
	Score    float64 `json:"score"`
	MaxScore float64 `json:"max_score"`
	// Hits are the rules with an error here, each with its first finding.
	Hits []Hit `json:"-"`
}

// Hit is one rule's first error in one submission.
type Hit struct {
	Rule    string `json:"-"`
	Learner string `json:"learner"`
	Path    string `json:"path"`
	Link    string `json:"link"`
	Line    int    `json:"line"` // 1-based
	Message string `json:"message"`
}

// Cohort gathers submissions as they are checked; safe for concurrent use.
type Cohort struct {
	mu    sync.Mutex
	katas []Kata
	rules []Rule
	subs  []Submission
	hits  map[string][]Hit           // rule -> first hits, at most MaxHits learners
	who   map[string]map[string]bool // rule -> learners hit
	count map[string]int             // rule -> submissions hit
	// The same within each kata (key kata + "\x00" + rule), for the kata's
	// table: a rule of every submission counts in the kata it failed in.
	kwho   map[string]map[string]bool
	kcount map[string]int
}

// NewCohort starts a cohort of a course's katas and rules.
func NewCohort(katas []Kata, rules []Rule) *Cohort {
	return &Cohort{katas: katas, rules: rules, hits: map[string][]Hit{}, who: map[string]map[string]bool{}, count: map[string]int{},
		kwho: map[string]map[string]bool{}, kcount: map[string]int{}}
}

// Add records one submission.
func (c *Cohort) Add(s Submission) {
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, h := range s.Hits {
		if first := mark(c.who, c.count, h.Rule, s.Learner); first && len(c.hits[h.Rule]) < MaxHits {
			h.Message = strings.Clone(h.Message) // kept: not a window on the finding's text
			c.hits[h.Rule] = append(c.hits[h.Rule], h)
		}
		mark(c.kwho, c.kcount, s.Kata+"\x00"+h.Rule, s.Learner)
	}
	s.Hits = nil // counted; the submission keeps only its own row
	c.subs = append(c.subs, s)
}

// mark counts one submission of learner under key, and reports whether
// it is the learner's first there.
func mark(who map[string]map[string]bool, count map[string]int, key, learner string) bool {
	count[key]++
	if who[key] == nil {
		who[key] = map[string]bool{}
	}
	first := !who[key][learner]
	who[key][learner] = true
	return first
}

// Report is the cohort's report: report.json is this value.
type Report struct {
	Version  int            `json:"version"`
	Engine   string         `json:"engine"`
	Ruleset  string         `json:"ruleset"`
	Summary  Summary        `json:"summary"`
	Katas    []KataStats    `json:"katas"`
	Rules    []RuleStats    `json:"rules"`
	Learners []LearnerStats `json:"learners"`
}

// Summary counts the whole cohort.
type Summary struct {
	Submissions int `json:"submissions"`
	Passing     int `json:"passing"`
	Learners    int `json:"learners"`
	Unreadable  int `json:"unreadable"` // files that could not be read
	// OtherRuleset counts submissions whose front matter names a ruleset
	// other than the checker's: the page may have judged them otherwise.
	OtherRuleset int `json:"other_ruleset"`
}

// KataStats is one kata across the cohort.
type KataStats struct {
	Kata
	Submissions int     `json:"submissions"`
	Passing     int     `json:"passing"`       // submissions without an error
	Learners    int     `json:"learners"`      // learners with a submission
	Passed      int     `json:"passed"`        // learners with a passing submission
	PassRate    float64 `json:"pass_rate"`     // Passed / Learners
	Complete    int     `json:"complete"`      // learners for whom the Completion Standard holds
	Timed       int     `json:"timed"`         // submissions that carry their time
	MedianTime  float64 `json:"median_time_s"` // over timed submissions; -1: none
	OverLimit   int     `json:"over_limit"`
	// Buckets counts timed submissions by their time against the limit:
	// up to a half, to three quarters, to the limit, over it.
	Buckets  [4]int     `json:"time_buckets"`
	TopRules []RuleHits `json:"top_rules"` // the rules that fail most, most learners first
}

// RuleHits is how often a rule failed within a kata.
type RuleHits struct {
	Rule        string  `json:"rule"`
	Learners    int     `json:"learners"`
	Share       float64 `json:"share"` // of the kata's learners
	Submissions int     `json:"submissions"`
}

// RuleStats is one rule across the cohort, with the learners it hit.
type RuleStats struct {
	Rule
	Learners    int   `json:"learners"`
	Submissions int   `json:"submissions"`
	Hits        []Hit `json:"hits"`     // the first MaxHits learners, each with a finding
	LeftOff     int   `json:"left_off"` // learners hit but not listed
}

// LearnerStats is one learner's work.
type LearnerStats struct {
	Name  string        `json:"name"`
	Katas []LearnerKata `json:"katas"`
}

// LearnerKata is one learner's submissions of one kata.
type LearnerKata struct {
	Kata        string       `json:"kata"`
	Passed      bool         `json:"passed"`
	Complete    bool         `json:"complete"`
	Distinct    int          `json:"distinct_passing"` // distinct passing values toward completion
	Need        int          `json:"need"`
	TimeLimit   int          `json:"time_limit_min"` // the kata's, 0: none
	Score       float64      `json:"score"`          // the best submission's
	MaxScore    float64      `json:"max_score"`
	Submissions []Submission `json:"submissions"`
}

// NoAuthor files the submissions whose front matter names no author.
const NoAuthor = "(no author)"

// Learner is the name a submission is filed under: its front matter's
// author, trimmed.
func Learner(author string) string {
	if a := strings.TrimSpace(author); a != "" {
		return a
	}
	return NoAuthor
}

// WriteJSON writes report.json.
func (r *Report) WriteJSON(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	if err := enc.Encode(r); err != nil {
		return fmt.Errorf("report: %w", err)
	}
	return nil
}
