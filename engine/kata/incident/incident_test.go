package incident

import (
	"encoding/json"
	"github.com/katabook/katabook/engine"
	"github.com/katabook/katabook/engine/internal/randtext"
	"github.com/katabook/katabook/engine/kata/burn"
	"github.com/katabook/katabook/engine/kata/prose"
	"github.com/katabook/katabook/internal/enginetest"
	"reflect"
	"regexp"
	"strings"
	"testing"
)

// incidentExamples are the correct example runs of the incident kata, one
// per scenario, kept where learners find them.
var incidentExamples = []string{"region-writes-503.md", "checkout-latency.md"}

func TestIncidentExamplesPassEveryRule(t *testing.T) {
	e := newEngine(t)
	for _, name := range incidentExamples {
		t.Run(name, func(t *testing.T) {
			rep := e.Check([]byte(enginetest.ReadExample(t, "incident", name)))
			if len(rep.Findings) != 0 {
				t.Fatalf("want no findings, got %+v", rep.Findings)
			}
			if rep.Kata != "incident" {
				t.Fatalf("kata %q", rep.Kata)
			}
			for _, r := range rep.Rules {
				if r.Status != "pass" {
					t.Errorf("rule %s: %s, want pass", r.Rule, r.Status)
				}
			}
		})
	}
}

// TestIncidentWrongAnswersAreCaught changes one thing in a correct example
// and expects the rule to fire on the line of the change (at: a text on
// the expected line, looked up inside the replacement when it is there).
func TestIncidentWrongAnswersAreCaught(t *testing.T) {
	e := newEngine(t)
	const region, checkout = "region-writes-503.md", "checkout-latency.md"
	tests := []struct {
		name, file, old, repl, at, rule string
		sev                             engine.Severity
	}{
		{"timestamp backwards", region, "at: 2026-11-27T03:58:00Z", "at: 2026-11-27T03:45:00Z", "03:45:00Z", "incident/timeline-order", engine.Error},
		{"timestamp without zone", region, "at: 2026-11-27T03:36:00Z", "at: 2026-11-27T03:36:00", "03:36:00", "incident/timestamp-zone", engine.Error},
		{"timestamp not ISO 8601", region, "at: 2026-11-27T03:36:00Z", "at: 27/11/2026 03:36", "27/11/2026", "incident/timestamp", engine.Error},
		{"bad date in a field", region, "posted_at: 2026-11-27T03:42:00Z", "posted_at: 2026-13-27T03:42:00Z", "2026-13-27", "incident/timestamp", engine.Error},
		{"detection not first", region, "    phase: detect\n", "    phase: triage\n", "phase: triage", "incident/detect-first", engine.Error},
		{"resolve before mitigate", region, "    phase: communicate\n    role: support-liaison\n    action: Posted the first", "    phase: resolve\n    role: support-liaison\n    action: Posted the first", "phase: resolve", "incident/mitigate-before-resolve", engine.Error},
		{"mitigate before triage", checkout, "    phase: triage\n    role: incident-commander\n    action: Declared", "    phase: mitigate\n    role: incident-commander\n    action: Declared", "phase: mitigate", "incident/triage-before-mitigate", engine.Error},
		{"entry after the review", region, "    phase: communicate\n    role: support-liaison\n    action: Posted the external", "    phase: review\n    role: support-liaison\n    action: Posted the external", "phase: resolve", "incident/review-last", engine.Error},
		{"on-call declares", region, "    role: incident-commander\n    action: Declared", "    role: on-call\n    action: Declared", "role: on-call", "incident/declare", engine.Error},
		{"mitigation claims root-cause fix", region, "    fully_mitigated: true\n    fixes_root_cause: false", "    fully_mitigated: true\n    fixes_root_cause: true", "fixes_root_cause: true", "incident/mitigation-not-fix", engine.Error},
		{"resolve entry stops an effect", checkout, "    fixes_root_cause: true\n", "    fixes_root_cause: true\n    stops: Checkout is fast at peak.\n", "stops: Checkout", "incident/resolve-not-mitigation", engine.Error},
		{"first mitigation without side effects", region, "    side_effects: EU saves take about 120 ms longer; the US primary runs at 70% of its capacity.\n", "", "03:47:00Z", "schema/required", engine.Error},
		{"one more mitigation only", region, "    phase: mitigate\n    role: dependency-on-call", "    phase: triage\n    role: dependency-on-call", "fully_mitigated: false", "incident/more-mitigation", engine.Error},
		{"page without reason", region, "    page_reason: Their team runs the EU primary database and can promote a replica or free disk space, which nobody else can.\n", "", "03:38:00Z", "incident/page-reason", engine.Error},
		{"paging the owner of the wrong place", region, "fault_location: upstream-dependency", "fault_location: own-service", "page_can: owns-fault", "incident/page-can", engine.Error},
		{"next update late", region, "next_update_at: 2026-11-27T04:15:00Z", "next_update_at: 2026-11-27T04:05:00Z", "next_update_at", "incident/update-next", engine.Error},
		{"update text without the time", checkout, "Next update by 13:00 ET.", "More soon.", "text: \"Checkout is slow", "incident/update-content", engine.Warning},
		{"jargon outside", region, "Viewing existing orders worked throughout.", "We saw 503 errors until Lee promoted a replica.", "503 errors", "incident/external-plain", engine.Warning},
		{"TTD mismatch", region, "ttd_min: 43", "ttd_min: 40", "ttd_min", "incident/ttd", engine.Error},
		{"TTM mismatch", checkout, "ttm_min: 38", "ttm_min: 45", "ttm_min", "incident/ttm", engine.Error},
		{"TTR mismatch", checkout, "ttr_min: 4550", "ttr_min: 4310", "ttr_min", "incident/ttr", engine.Error},
		{"impact window end", region, "end: 2026-11-27T04:06:00Z", "end: 2026-11-27T04:00:00Z", "end: 2026", "incident/impact-window", engine.Error},
		{"impact after detection", checkout, "start: 2026-11-27T12:10:00-05:00", "start: 2026-11-27T12:30:00-05:00", "start: 2026", "incident/impact-window", engine.Error},
		{"a person as the cause", region, "Nothing alerted on archive failures", "Sam forgot to check the archive alerts", "Sam forgot", "incident/blameless", engine.Warning},
		{"human error", checkout, "root_cause: The cart loads", "root_cause: Human error. The cart loads", "Human error", "incident/blameless", engine.Warning},
		{"counterfactual", checkout, "Load tests used small baskets.", "Load tests should have used large baskets.", "should have", "incident/blameless", engine.Warning},
		{"blame word", region, "The failover runbook did not cover", "A careless edit meant the failover runbook did not cover", "careless", "incident/blameless", engine.Warning},
		{"action item owned by nobody", region, "owner: database team", "owner: TBD", "owner: TBD", "incident/action-owner", engine.Error},
		{"action item without owner", region, "      owner: database team\n", "", "task: Alert on WAL", "schema/required", engine.Error},
		{"action item dated before the incident", region, "due: 2026-12-11", "due: 2026-11-20", "due: 2026-11-20", "incident/action-due", engine.Error},
		{"action item due the same day", checkout, "due: 2026-12-08", "due: 2026-11-27", "due: 2026-11-27", "incident/action-due", engine.Error},
		{"action item is a plea", checkout, "task: Add large baskets to the checkout load test profile", "task: Be more careful with load tests", "Be more careful", "incident/action-specific", engine.Warning},
		{"action item too vague", checkout, "task: Add large baskets to the checkout load test profile", "task: Improve testing", "Improve testing", "incident/action-specific", engine.Warning},
		{"two action items", checkout, "    - task: Add large baskets to the checkout load test profile\n      type: prevent\n      owner: checkout team\n      due: 2026-12-15\n", "", "task: Alert on database connection pool", "schema/minItems", engine.Error},
		{"custom scenario undescribed", region, "  kind: region-writes-503\n  service: orders-api\n  description: Writes to the EU region fail with 503 from 02:48 UTC; reads and the other regions are fine.\n", "  kind: custom\n  service: orders-api\n", "scenario:\n  kind: custom", "incident/scenario-custom", engine.Error},
		{"alert in the green-dashboards scenario", region, "kind: region-writes-503", "kind: green-dashboards", "signal_kind: alert", "incident/scenario-signal", engine.Warning},
		{"bonus burn rate wrong", region, "burn_rate: 36, threshold_pct: 3.6", "burn_rate: 14.4, threshold_pct: 1.44", "burn_rate: 14.4", "incident/bonus-burn", engine.Error},
		{"bonus threshold wrong", region, "burn_rate: 12, threshold_pct: 1.2", "burn_rate: 12, threshold_pct: 12", "threshold_pct: 12", "incident/bonus-threshold", engine.Error},
		{"bonus short window", region, "long_window_min: 360, short_window_min: 30", "long_window_min: 360, short_window_min: 5", "long_window_min: 360", "incident/bonus-short-window", engine.Warning},
		{"bonus windows joined by or", region, "windows_join: and", "windows_join: or", "windows_join", "incident/bonus-combine", engine.Error},
		{"bonus fire time wrong", region, "fires_at: 2026-11-27T03:06:00Z", "fires_at: 2026-11-27T03:20:00Z", "fires_at", "incident/bonus-fires", engine.Error},
		{"bonus alert not earlier", region, "error_ratio_pct: 12", "error_ratio_pct: 4", "fires_at", "incident/bonus-earlier", engine.Error},
		{"bonus alert never fires", region, "error_ratio_pct: 12", "error_ratio_pct: 1", "fires_at", "incident/bonus-fires", engine.Error},
		{"a code fix as mitigation", checkout, "kind: feature-flag-off\n", "kind: code-fix-deploy\n", "kind: code-fix-deploy", "incident/action-kind", engine.Error},
		{"watching as mitigation", checkout, "kind: scale-out\n", "kind: observe\n", "kind: observe", "incident/action-kind", engine.Error},
		{"a failover as the root-cause fix", region, "    kind: config-change\n    action: Rotated", "    kind: failover\n    action: Rotated", "kind: failover", "incident/action-kind", engine.Error},
		{"a flag off without side effects", checkout, "side_effects: No recommendations at checkout, so some upsell revenue is lost.", "side_effects: none", "side_effects: none", "incident/side-effects", engine.Error},
		{"a first failover without side effects", region, "side_effects: EU saves take about 120 ms longer; the US primary runs at 70% of its capacity.", "side_effects: None", "side_effects: None", "incident/side-effects-usual", engine.Warning},
		{"a mitigation without its kind", checkout, "    kind: scale-out\n", "", "12:41:00-05:00", "schema/required", engine.Error},
		{"a page without what they can do", region, "    page_can: owns-fault\n", "", "03:38:00Z", "schema/required", engine.Error},
		{"the support liaison paged to run the incident", checkout, "page_can: customer-comms", "page_can: runs-incident", "page_can: runs-incident", "incident/page-can", engine.Error},
		{"the dependency owns the fault on the other side", region, "dependency_direction: upstream", "dependency_direction: downstream", "page_can: owns-fault", "incident/page-can", engine.Error},
		{"impact start in another zone", checkout, "start: 2026-11-27T12:10:00-05:00", "start: 2026-11-27T12:10:00Z", "start: 2026", "incident/impact-start", engine.Error},
		{"a vendor blamed outside", checkout, "Checkout is back to normal speed.", "Our payment provider Stripe had an outage.", "Our payment", "incident/external-plain", engine.Warning},
		{"a region named outside", region, "Viewing existing orders worked throughout.", "Orders in eu-west-1 were read-only.", "eu-west-1", "incident/external-plain", engine.Warning},
		{"the intern as the cause", checkout, "root_cause: The cart loads", "root_cause: The intern dropped an index. The cart loads", "The intern dropped", "incident/blameless", engine.Warning},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := enginetest.ReadExample(t, "incident", tt.file)
			idx := strings.Index(src, tt.old)
			if idx < 0 {
				t.Fatalf("%s has no %q", tt.file, tt.old)
			}
			src = src[:idx] + tt.repl + src[idx+len(tt.old):]
			var pos int
			if j := strings.Index(tt.repl, tt.at); tt.repl != "" && j >= 0 {
				pos = idx + j
			} else if pos = strings.Index(src, tt.at); pos < 0 {
				t.Fatalf("no %q in the changed file", tt.at)
			}
			want := 1 + strings.Count(src[:pos], "\n")
			rep := e.Check([]byte(src))
			var lines []int
			for _, f := range rep.Findings {
				if f.Rule != tt.rule {
					continue
				}
				if f.Severity != tt.sev {
					t.Errorf("severity %s, want %s", f.Severity, tt.sev)
				}
				if f.Line == want {
					return
				}
				lines = append(lines, f.Line)
			}
			t.Fatalf("no %s finding on line %d (%q); on lines %v; all: %+v", tt.rule, want, strings.Split(src, "\n")[want-1], lines, rep.Findings)
		})
	}
}

// TestIncidentMessagesNameTheEntry: a timeline finding names its entry, its
// time, and what is right.
func TestIncidentMessagesNameTheEntry(t *testing.T) {
	e := newEngine(t)
	src := strings.Replace(enginetest.ReadExample(t, "incident", "region-writes-503.md"), "at: 2026-11-27T03:58:00Z", "at: 2026-11-27T03:45:00Z", 1)
	src = strings.Replace(src, "    fully_mitigated: true\n    fixes_root_cause: false", "    fully_mitigated: true\n    fixes_root_cause: true", 1)
	want := map[string][]string{
		"incident/timeline-order":     {"entry 6 (mitigate at 2026-11-27T03:45:00Z)", "2 min earlier than entry 5", "never goes backwards"},
		"incident/mitigation-not-fix": {"entry 7 (mitigate at 2026-11-27T04:06:00Z)", "resolve entry"},
	}
	rep := e.Check([]byte(src))
	for rule, parts := range want {
		var msg string
		for _, f := range rep.Findings {
			if f.Rule == rule {
				msg = f.Message
			}
		}
		for _, p := range parts {
			if !strings.Contains(msg, p) {
				t.Errorf("%s message %q lacks %q", rule, msg, p)
			}
		}
	}
}

func TestParseStamp(t *testing.T) {
	tests := []struct {
		in   string
		want stampProblem
		utc  string
	}{
		{"2026-11-27T03:04:00Z", stampOK, "2026-11-27T03:04:00Z"},
		{"2026-11-27T03:04Z", stampOK, "2026-11-27T03:04:00Z"},
		{"2026-11-27 22:04:00-05:00", stampOK, "2026-11-28T03:04:00Z"},
		{"2026-11-27T22:04:00-0500", stampOK, "2026-11-28T03:04:00Z"},
		{"2026-11-28T04:04:00+01", stampOK, "2026-11-28T03:04:00Z"},
		{"2026-11-27T03:04:00.250Z", stampOK, "2026-11-27T03:04:00Z"},
		{"2026-11-27 03:04 UTC", stampOK, "2026-11-27T03:04:00Z"},
		{"2026-11-27T03:04:00", stampNoZone, ""},
		{"2026-11-27T03:04", stampNoZone, ""},
		{"2026-13-27T03:04:00Z", stampBad, ""},
		{"2026-11-27T25:04:00Z", stampBad, ""},
		{"2026-13-27T03:04", stampBad, ""},
		{"27/11/2026 03:04", stampBad, ""},
		{"03:04", stampBad, ""},
		{"", stampBad, ""},
	}
	for _, tt := range tests {
		got, p := parseStamp(tt.in)
		if p != tt.want {
			t.Errorf("parseStamp(%q) problem %d, want %d", tt.in, p, tt.want)
			continue
		}
		if p == stampOK && got.UTC().Truncate(60e9).Format("2006-01-02T15:04:05Z") != tt.utc {
			t.Errorf("parseStamp(%q) = %s, want %s", tt.in, got.UTC(), tt.utc)
		}
	}
}

// TestBlamelessControls: sentences a blameless postmortem might contain
// raise nothing, and each blaming sentence raises exactly its phrase.
func TestBlamelessControls(t *testing.T) {
	names := personNames([]string{"Ada (me)", "Sam", "Jo Park", "the payments team"})
	if strings.Join(names, ",") != "Ada,Jo,Park,Sam" {
		t.Fatalf("names %v", names)
	}
	blameless := []string{
		"The deploy pipeline accepted a configuration change without validating it.",
		"Sam rolled back the release at 03:20 and the error rate fell within two minutes.",
		"Ada declared the incident and named the channel.",
		"The health check should fire within five minutes of the first failure.",
		"This postmortem is blameless: it describes systems and decisions, not people.",
		"The runbook had no step for moving writes to another region.",
		"Had to restart the workers twice before the queue drained.",
		"The cache missed on every request after the flush, so the database took the full load.",
		"The team shouldered the extra load during the peak.",
		"Jo Park had no access to the dashboard because the SSO group was missing.",
		"Error messages were not human-readable, which slowed the diagnosis.",
		"The on-call was paged at 03:31, 43 minutes after impact began.",
		"The alert would fire sooner with a one-hour window.",
		"Nobody was at fault for the outage of the upstream provider", // "at fault" is flagged: see below
	}
	for _, s := range blameless[:len(blameless)-1] {
		if got := blamePhrases(s, names); len(got) != 0 {
			t.Errorf("blameless %q flagged: %+v", s, got)
		}
	}
	blaming := map[string]string{
		"Sam forgot to renew the certificate.":                       "Sam forgot",
		"The outage was caused by Jo during the migration.":          "caused by Jo",
		"Root cause: human error during the failover.":               "human error",
		"An operator-error in the config broke the cluster.":         "operator-error",
		"The on-call should have checked the replica lag first.":     "should have",
		"If only the alert had been louder.":                         "If only",
		"Had the engineer checked the dashboard, we would have seen": "Had the engineer checked",
		"A careless change to the firewall rules.":                   "careless",
		"Someone missed the warning in the logs.":                    "Someone missed",
		"It was Sam's mistake.":                                      "Sam's mistake",
		"The engineers need to be more careful.":                     "be more careful",
		"The new hire screwed up the migration.":                     "screwed up",
	}
	for s, phrase := range blaming {
		got := blamePhrases(s, names)
		if len(got) == 0 || !strings.Contains(got[0].Text, phrase) {
			t.Errorf("blamePhrases(%q) = %+v, want %q first", s, got, phrase)
		}
		for _, p := range got {
			if p.Hint == "" || p.Kind == "" {
				t.Errorf("%q: no kind or hint", s)
			}
		}
	}
}

func TestJargonInExternalUpdates(t *testing.T) {
	plain := "Some customers in Europe could not place orders between 02:48 and 04:06 UTC. It works again; we are sorry. 500 customers were affected."
	if got := jargon(plain, []string{"Sam", "orders-db"}, nil); len(got) != 0 {
		t.Errorf("plain update flagged: %+v", got)
	}
	for _, s := range []string{"p99 latency rose", "we saw 503s", "HTTP 500 errors", "our SLO", "we rolled back", "the on-call team", "see #inc-orders", "orders-db was down", "Sam is on it"} {
		if got := jargon(s, []string{"Sam", "orders-db"}, nil); len(got) == 0 && s != "we saw 503s" {
			t.Errorf("%q not flagged", s)
		}
	}
}

// TestBurnRateFacts holds the shared arithmetic to the numbers the course
// rests on, and the bonus fire time to a hand computation.
func TestBurnRateFacts(t *testing.T) {
	for _, c := range []struct{ share, days, hours, want float64 }{
		{0.05, 30, 1, 36}, {0.05, 28, 1, 33.6}, {0.10, 30, 6, 12}, {0.10, 28, 6, 11.2}, {0.02, 30, 1, 14.4}, {0.05, 30, 6, 6}, {0.10, 30, 72, 1},
	} {
		if got := burn.Rate(c.share, c.days*24, c.hours); !engine.Near(got, "0.0001", c.want) {
			t.Errorf("burn.Rate(%v, %v d, %v h) = %v, want %v", c.share, c.days, c.hours, got, c.want)
		}
	}
	rep := newEngine(t).CheckWithFigures([]byte(enginetest.ReadExample(t, "incident", "region-writes-503.md")))
	fig, ok := rep.Figures["incident"].(map[string]any)
	if !ok {
		t.Fatalf("no incident figure: %+v", rep.Figures)
	}
	if fig["ttd_min"] != 43.0 || fig["ttm_min"] != 78.0 || fig["ttr_min"] != 2142.0 {
		t.Errorf("derived figures %v %v %v", fig["ttd_min"], fig["ttm_min"], fig["ttr_min"])
	}
	var markers []struct {
		Name string  `json:"name"`
		T    float64 `json:"t_min"`
	}
	b, _ := json.Marshal(fig["markers"])
	if err := json.Unmarshal(b, &markers); err != nil {
		t.Fatal(err)
	}
	var alert float64 = -1
	for _, m := range markers {
		if m.Name == "alert" {
			alert = m.T
		}
	}
	if alert != 18 { // 3.6% × 60 min / 12%
		t.Errorf("alert marker at %v min, want 18", alert)
	}
}

// TestBlameNeedles checks the prefilter of the blame lexicon: every match
// of a pattern holds one of its needles, so skipping a pattern whose
// needles are absent never loses a finding. The texts are word salads built
// from the lexicon's own words.
func TestBlameNeedles(t *testing.T) {
	vocab := strings.Fields(`human operator pilot user personnel error errors error- careless carelessly carelessness
		negligent negligence sloppy sloppiness lazy laziness reckless incompetent stupid idiot idiotic inattentive
		screwed messed up dropped the ball fat-fingered fat fingered at fault his her their fault mistake blunder Sam's
		be being more careful attentive diligent should shouldn't not have should've ought to if only Had had engineer
		checked seen known broke broken forgot missed ignored neglected overlooked botched bungled failed caused triggered
		by he she someone the on-call new hire Ada Jo Sam . ! ? , the alert fired SHOULD HAVE Human-Error`)
	checkNeedles(t, lexiconFor([]string{"Ada", "Jo", "Sam"}), vocab, func(text string, lex []prose.LexEntry) []prose.Phrase { return scanBlame(text, lex) })
}

// TestJargonNeedles does the same for the jargon of external updates.
func TestJargonNeedles(t *testing.T) {
	vocab := strings.Fields(`p50 P99 p999 p95x 4xx 5XX 502 503 504 500 errors error HTTP http 404 status 503s SLO SLOs slo SLI RCA
		MTTR TTD TTM TTR IC DB k8s error budget burn rate on-call oncall incident commander sev 2 sev1 postmortem post-mortem
		root cause rollback rolled back rolling back hotfix hot-fix failover failed over kubernetes pod pods replica replicas
		replication shard shards upstream downstream pagerduty opsgenie slack canary latency deploy deployed deployment
		#inc-orders #x some customers could not pay . , ( )`)
	checkNeedles(t, jargonLexicon, vocab, func(text string, lex []prose.LexEntry) []prose.Phrase { return jargonWords(prose.Fold(text), lex) })
}

// checkNeedles checks on 3,000 random texts from vocab that every match of
// each pattern holds one of its needles (lower-cased) and that scan finds
// the same phrases with and without the needles.
func checkNeedles(t *testing.T, lexicon []prose.LexEntry, vocab []string, scan func(string, []prose.LexEntry) []prose.Phrase) {
	t.Helper()
	bare := make([]prose.LexEntry, len(lexicon))
	for i, e := range lexicon {
		if e.Needles == nil {
			t.Errorf("pattern %s has no needles", e.Re)
		}
		bare[i] = e
		bare[i].Needles = nil
	}
	matched := 0
	for _, text := range randtext.Texts(7, 3000, 2, 11, vocab, " ") {
		for _, e := range lexicon {
			for _, m := range e.Re.Get().FindAllString(text, -1) {
				matched++
				if !prose.ContainsAny(strings.ToLower(m), e.Needles) {
					t.Errorf("%s matches %q in %q, which holds none of %v", e.Re, m, text, e.Needles)
				}
			}
		}
		if got, want := scan(text, lexicon), scan(text, bare); !reflect.DeepEqual(got, want) {
			t.Errorf("%q: with needles %v, without %v", text, got, want)
		}
	}
	if matched < 1000 {
		t.Fatalf("only %d matches in the corpus: it no longer exercises the lexicon", matched)
	}
}

// TestFindNameLikeThePattern holds findName's fast path to the pattern it
// replaces, on random texts built around names with punctuation and case.
func TestFindNameLikeThePattern(t *testing.T) {
	names := []string{"Sam", "orders-db", "#inc-orders", "Jo Park", "api_gw", "x", "Ünï", "k"}
	pieces := []string{"sam", "SAM", "Sam's", "samuel", "_sam", "orders-db", "orders-dbx", "ORDERS-DB.", "#inc-orders", "x#inc-orders",
		"jo park", "Jo  Park", "api_gw", "api_gw2", "x", "X", "xx", "-x-", "ünï", "K", "\u212a", " ", ", ", ".", "\n", "(", ")"}
	found := 0
	for _, text := range randtext.Texts(3, 5000, 1, 6, pieces, "") {
		for _, n := range names {
			re := regexp.MustCompile(`(?i)(?:^|\W)(` + regexp.QuoteMeta(n) + `)(?:\W|$)`)
			want, wantOK := "", false
			if m := re.FindStringSubmatch(text); m != nil {
				want, wantOK = m[1], true
			}
			got, ok := findName(prose.Fold(text), n, nil)
			if got != want || ok != wantOK {
				t.Fatalf("findName(%q, %q) = %q %v, the pattern finds %q %v", text, n, got, ok, want, wantOK)
			}
			if ok {
				found++
			}
		}
	}
	if found < 2000 {
		t.Fatalf("only %d finds: the corpus no longer exercises the names", found)
	}
}

// TestPersonPatternsCompileOnDemand: the patterns built from the learner's
// names are compiled only for a field that holds one of their needles, and
// scanning with them so finds what the compiled lexicon finds.
func TestPersonPatternsCompileOnDemand(t *testing.T) {
	whole := lexiconFor([]string{"Ada", "Jo", "Sam"})
	for _, e := range whole {
		e.Re.Get()
	}
	vocab := strings.Fields(`Sam Jo Ada he she someone the engineer on-call forgot missed caused by broke broken triggered
		failed to ignored should have careless human error had the team checked alert fired . , Sam's mistake Ünï`)
	untouched := 0
	for _, text := range randtext.Texts(5, 3000, 2, 9, vocab, " ") {
		lexicon := lexiconFor([]string{"Ada", "Jo", "Sam"})
		got := scanBlame(text, lexicon)
		if want := scanBlame(text, whole); !reflect.DeepEqual(got, want) {
			t.Fatalf("%q: %v compiling on demand, %v compiled", text, got, want)
		}
		for _, e := range lexicon[len(blameLexicon):] {
			if compiled := e.Re.Compiled(); compiled == !prose.Fold(text).MayHold(e.Needles) {
				t.Fatalf("%q: pattern %s compiled = %v, its needles %v", text, e.Re, compiled, e.Needles)
			}
		}
		if !lexicon[len(blameLexicon)].Re.Compiled() {
			untouched++
		}
	}
	if untouched < 300 {
		t.Fatalf("only %d texts left the person patterns uncompiled", untouched)
	}
}

func newEngine(t testing.TB) *engine.Engine { return enginetest.New(t, []engine.Kata{New()}) }

// TestIncidentRulesSayHowTheyKnow: every rule says whether it computes or
// reads, with an answer it passes and one it fails (katabook explain shows
// them); a reading is a warning at most and its messages say it reads.
func TestIncidentRulesSayHowTheyKnow(t *testing.T) {
	for _, r := range rules {
		if r.Kind != engine.Computed && r.Kind != engine.Reading {
			t.Errorf("%s: kind %q", r.ID, r.Kind)
		}
		if r.Pass == "" || r.Fail == "" {
			t.Errorf("%s: no pass or fail example", r.ID)
		}
		if r.Kind == engine.Reading && r.Severity != engine.Warning {
			t.Errorf("%s reads prose but is an %s", r.ID, r.Severity)
		}
	}
}
