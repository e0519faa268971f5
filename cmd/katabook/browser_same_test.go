package main

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/katabook/katabook/cmd/katabook/internal/format"
	"github.com/katabook/katabook/engine"
)

// setFieldsJS sets many fields in one task, so one debounced check follows.
// A field in a list item the form does not show yet is reached by pressing
// the list's add button, as a learner would.
const setFieldsJS = `(fields) => {
  const form = document.querySelector('form.kata-form');
  const find = (ptr) => {
    let el = form.querySelector('[data-pointer="' + ptr + '"]');
    for (const list of form.querySelectorAll('[data-rows]')) {
      const base = list.dataset.rows + '/';
      if (el || !ptr.startsWith(base)) continue;
      const add = form.querySelector('[data-action="add-row"][data-list="' + list.dataset.rows + '"]');
      for (let n = 0; !el && n < 100; n++) {
        add.click();
        el = form.querySelector('[data-pointer="' + ptr + '"]');
      }
    }
    return el;
  };
  for (const [ptr, value] of Object.entries(fields)) {
    const el = find(ptr);
    if (!el) throw new Error('no field ' + ptr);
    el.value = value;
    el.dispatchEvent(new Event('input', {bubbles: true}));
  }
  return true;
}`

// sameVerdictCases are wrong answers, by kata page, as changes to a correct
// answer; the page and the CLI must report exactly the same findings.
var sameVerdictCases = []struct {
	page, name string
	base       map[string]string
	change     map[string]string
}{
	{"queue", "L not λW", goodAnswer, map[string]string{"/little/l_computed": "12"}},
	{"queue", "feasible and knee wrong", goodAnswer, map[string]string{"/doubling/feasible": "true", "/mm1/knee_lambda_rps": "50"}},
	{"queue", "a word for a number", goodAnswer, map[string]string{"/measured/lambda_rps": "forty"}},
	{"queue", "unanswered fields and an unstable point", goodAnswer, map[string]string{"/mm1/w_slo_ms": "", "/queue/name": "", "/mm1/points/4/lambda_rps": "100"}},
	{"incident", "timeline backwards and a mitigation claiming the fix", incidentAnswer, map[string]string{"/timeline/5/at": "2026-11-27T03:45:00Z", "/timeline/6/fixes_root_cause": "true"}},
	{"incident", "blame, a zone missing and TTD wrong", incidentAnswer, map[string]string{"/postmortem/causes/root_cause": "Sam forgot to check the archive alerts; human error.", "/timeline/1/at": "2026-11-27T03:36:00", "/postmortem/impact/ttd_min": "40"}},
	{"incident", "action items and the bonus alert", incidentAnswer, map[string]string{"/postmortem/action_items/0/owner": "", "/postmortem/action_items/1/due": "2026-11-20", "/bonus/alerts/0/burn_rate": "14.4", "/bonus/windows_join": "or"}},
	{"incident", "resolve before mitigate and jargon outside", incidentAnswer, map[string]string{"/timeline/3/phase": "resolve", "/communication/external/text": "We saw 503 errors until Lee promoted a replica."}},
}

// TestBrowserAndCLIGiveTheSameVerdict proves the page and `katabook check`
// are one engine: the same ruleset, and for several wrong answers the
// page's findings equal the CLI's findings on the page's export.
func TestBrowserAndCLIGiveTheSameVerdict(t *testing.T) {
	ctx := newBrowser(t)
	srv := serveCourse(t)
	downloads := allowDownloads(t, ctx)
	_, versionOut, _ := katabook(t, "", "version")
	for _, tc := range sameVerdictCases {
		t.Run(tc.page+"/"+tc.name, func(t *testing.T) {
			openKata(t, ctx, srv.URL+"/"+tc.page+".html")
			// The engine fills the report's ruleset; the template fills the body's.
			ruleset, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`document.querySelector('code[data-ruleset]').textContent`))
			body, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`document.body.dataset.ruleset`))
			if ruleset == "" || ruleset != body || !strings.Contains(versionOut, "ruleset "+ruleset+",") {
				t.Fatalf("engine ruleset %.40q, page %.40q, CLI %s", ruleset, body, versionOut)
			}
			fields := map[string]string{}
			for k, v := range tc.base {
				fields[k] = v
			}
			for k, v := range tc.change {
				fields[k] = v
			}
			pageFindings, cli := pageAndCLI(t, ctx, downloads, tc.page, fields)
			if len(pageFindings) == 0 {
				t.Fatal("a wrong answer gave no finding on the page")
			}
			if cli.Ruleset != ruleset {
				t.Errorf("CLI ruleset %s, page %s", cli.Ruleset, ruleset)
			}
			if !reflect.DeepEqual(cli.Files[0].Findings, pageFindings) {
				t.Errorf("page and CLI disagree:\npage %+v\ncli  %+v", pageFindings, cli.Files[0].Findings)
			}
		})
	}
}

// pageAndCLI types fields into the open kata page, waits for its verdict,
// exports the answer and checks the export with the CLI (cliArgs before
// the file, e.g. --content DIR): the page's findings and the CLI's output.
func pageAndCLI(t *testing.T, ctx context.Context, downloads, page string, fields map[string]string, cliArgs ...string) ([]engine.Finding, format.JSONOutput) {
	t.Helper()
	before, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`document.querySelector('form.kata-form').dataset.checks`))
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](callJS(setFieldsJS, fields))); err != nil {
		t.Fatal(err)
	}
	waitFor(t, ctx, "the check of the new answer", `document.querySelector('form.kata-form').dataset.checks !== '`+before+`'`)
	pageJSON, err := chromedp.Run(ctx, chromedp.Evaluate[string](`JSON.stringify(document.querySelector('form.kata-form').katabookReport.findings)`))
	if err != nil {
		t.Fatal(err)
	}
	var pageFindings []engine.Finding
	if err := json.Unmarshal([]byte(pageJSON), &pageFindings); err != nil {
		t.Fatal(err)
	}
	for _, old := range mustGlob(t, filepath.Join(downloads, "*")) {
		os.Remove(old)
	}
	if err := chromedp.Do(ctx, chromedp.Click(`[data-action="export"]`)); err != nil {
		t.Fatal(err)
	}
	exported := waitForGlob(t, filepath.Join(downloads, page+"-*.md"))
	args := append(append([]string{"check", "--format", "json"}, cliArgs...), exported)
	_, out, _ := katabook(t, "", args...)
	var cli format.JSONOutput
	if err := json.Unmarshal([]byte(out), &cli); err != nil {
		t.Fatalf("CLI JSON: %v\n%s", err, out)
	}
	return pageFindings, cli
}

func mustGlob(t *testing.T, pattern string) []string {
	t.Helper()
	m, err := filepath.Glob(pattern)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// waitForGlob waits for one complete download matching pattern.
func waitForGlob(t *testing.T, pattern string) string {
	t.Helper()
	var found string
	waitUntil(t, "a download matching "+pattern, func() bool {
		m := mustGlob(t, pattern)
		if len(m) == 1 {
			if st, err := os.Stat(m[0]); err == nil && st.Size() > 0 {
				found = m[0]
				return true
			}
		}
		return false
	})
	return found
}
