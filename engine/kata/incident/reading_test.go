package incident

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/katabook/katabook/engine"
	"github.com/katabook/katabook/internal/enginetest"
)

// TestActorReading: in a cause, a person, role or team acting is read as
// the actor of the fault, whatever the verb, with a rewrite that makes the
// thing acted on the subject; systems acting, people being acted on and
// what people knew or owned are not.
func TestActorReading(t *testing.T) {
	re := actorPattern([]string{"Dana", "Will"}, []string{"streaming platform team", "database team"})
	blaming := map[string]string{
		"The intern removed the index on cart_items.cart_id during a cleanup.": "the index was removed",
		"Dana ignored the first alert for twenty minutes.":                     "the first alert was ignored",
		"The on-call misconfigured the load balancer's health check.":          "the load balancer's health check was misconfigured",
		"The DBA dropped two replicas at once.":                                "two replicas were dropped",
		"He pushed the config without review.":                                 "the config was pushed",
		"The streaming platform team rebooted both brokers.":                   "both brokers were rebooted",
		"Dana did not check the replica lag.":                                  "the replica lag was not checked",
		"The new engineer forgot the migration.":                               "the migration was forgotten",
		"She never handed the reminder over, so it lapsed.":                    "the reminder was never handed over",
		"Someone deleted the bucket policy.":                                   "the bucket policy was deleted",
	}
	for s, rewrite := range blaming {
		got := readActors(s, re)
		if len(got) != 1 || got[0].rewrite != rewrite {
			t.Errorf("readActors(%q) = %+v, want one with rewrite %q", s, got, rewrite)
		}
	}
	blameless := []string{
		"A scheduled kernel patch rebooted two brokers in the same rack.",
		"The on-call was paged 43 minutes after impact began.",
		"The DBA who owned the renewal had no reminder for it.",
		"Renewal was a manual task that nobody was subscribed to.",
		"The database team's runbook did not cover regional endpoints.",
		"The deploy pipeline accepted the change without validating it.",
		"Vendor B changed its routing to one network.",
		"The latency alert waited ten minutes above 1.5 s.",
		"The will of the committee was recorded.", // a name matches in its own case only
		"The developer portal returned stale docs.",
	}
	for _, s := range blameless {
		if got := readActors(s, re); len(got) != 0 {
			t.Errorf("readActors(%q) = %+v, want none", s, got)
		}
	}
}

// TestAudienceReading: the external update is read for the answer's own
// internal names and for a vendor blamed, and plain updates pass.
func TestAudienceReading(t *testing.T) {
	e := newEngine(t)
	src := enginetest.ReadExample(t, "incident", "region-writes-503.md")
	plain := "Viewing existing orders worked throughout."
	for repl, want := range map[string]string{
		"Viewing existing orders worked throughout.":                          "",
		"Writes in eu-west-1 failed.":                                         `"eu-west-1"`,
		"The orders-db cluster refused writes.":                               `"orders-db"`,
		"The database team fixed it.":                                         `"database team"`,
		"Sam and Jo fixed it.":                                                "names Jo",
		"Our cloud provider, Amazon, had an outage in Europe.":                "puts the failure on Amazon",
		"Orders could not be saved because our processor Northpay failed us.": "puts the failure on Northpay",
	} {
		rep := e.Check([]byte(strings.Replace(src, plain, repl, 1)))
		var msgs []string
		for _, f := range rep.Findings {
			if f.Rule == "incident/external-plain" {
				msgs = append(msgs, f.Message)
			}
		}
		all := strings.Join(msgs, "\n")
		switch {
		case want == "" && len(msgs) > 0:
			t.Errorf("%q: want nothing, got %s", repl, all)
		case want != "" && !strings.Contains(all, want):
			t.Errorf("%q: want %s, got %q", repl, want, all)
		}
	}
}

// TestReadingsSayTheyRead: over the corpus, every finding of a reading says
// it is one, and a defect in a field the durations rest on folds what
// follows under it.
func TestReadingsSayTheyRead(t *testing.T) {
	kinds := map[string]engine.Kind{}
	for _, r := range rules {
		kinds[r.ID] = r.Kind
	}
	files, _ := filepath.Glob(filepath.Join(enginetest.Root(t), "engine", "testdata", "corpus", "incident", "*.md"))
	if len(files) < 20 {
		t.Fatalf("only %d corpus files", len(files))
	}
	e := newEngine(t)
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, fi := range e.Check(src).Findings {
			if kinds[fi.Rule] == engine.Reading && !strings.HasPrefix(fi.Message, "Reading your text") {
				t.Errorf("%s: %s reads but says %q", filepath.Base(f), fi.Rule, fi.Message)
			}
			if strings.HasSuffix(f, "bad-impact-start-zone-dropped.md") && fi.Rule == "incident/impact-start" && len(fi.Follows) < 3 {
				t.Errorf("the zone slip of the impact start folds %d findings, want ttd, ttm and ttr", len(fi.Follows))
			}
		}
	}
}
