package main

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// formLookJS measures the form as the learner sees it: its height, the
// controls on screen (not under [hidden]) and how many of those are empty.
const formLookJS = `(() => {
  const form = document.querySelector('form.kata-form');
  const shown = [...form.querySelectorAll('[data-pointer]')].filter(c => !c.closest('[hidden]'));
  return {height: Math.round(form.getBoundingClientRect().height), controls: shown.length,
          empty: shown.filter(c => c.value === '').length,
          emptyFields: shown.filter(c => c.value === '').map(c => c.dataset.pointer)};
})()`

type formLook struct {
	Height, Controls, Empty int
	EmptyFields             []string
}

func lookOf(t *testing.T, ctx context.Context) formLook {
	t.Helper()
	l, err := chromedp.Run(ctx, chromedp.Evaluate[formLook](formLookJS))
	if err != nil {
		t.Fatal(err)
	}
	return l
}

func fillFields(t *testing.T, ctx context.Context, fields map[string]string) {
	t.Helper()
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](callJS(setFieldsJS, fields))); err != nil {
		t.Fatal(err)
	}
}

// shownJS says whether the field at a pointer is on screen.
func shown(t *testing.T, ctx context.Context, ptr string) bool {
	t.Helper()
	return evalString(t, ctx, `String(!document.querySelector('[data-field="`+ptr+`"]').closest('[hidden]'))`) == "true"
}

// TestBrowserFormShowsChosen: at 1280 and 390 px, light and dark, the
// limiter form shows only the chosen algorithm's parameters (every part for
// a hybrid) and the model's and store's own fields, and each timeline card
// of the incident only the fields of its phase. A hidden answer stays
// stored, comes back with its choice, and is exported only while its
// choice holds. The heights and controls on screen for the passing
// examples are logged for the README.
func TestBrowserFormShowsChosen(t *testing.T) {
	ctx := newBrowser(t)
	srv := serveCourse(t)
	console := watchConsole(ctx)
	perUser := must(exampleFields(filepath.Join(limiterExamples, "per-user.md")))
	eachLook(t, ctx, srv.URL+"/limiter.html", func(name string, width int64) {
		fillFields(t, ctx, perUser)
		waitFor(t, ctx, name+": the per-user design passing", `document.querySelector('[data-status]').dataset.state === 'pass'`)
		l := lookOf(t, ctx)
		t.Logf("limiter per-user, %s: %d px, %d controls on screen, %d empty %v", name, l.Height, l.Controls, l.Empty, l.EmptyFields)
		for ptr, want := range map[string]bool{
			"/algorithm/token_bucket": true, "/algorithm/leaky_bucket": false, "/algorithm/gcra": false,
			"/model/ipv6_prefix": false, "/model/cost_table": false,
			"/storage/sync_interval_ms": true, "/storage/local_limit_rps": false, "/storage/cross_region_rtt_ms": false,
		} {
			if got := shown(t, ctx, ptr); got != want {
				t.Errorf("%s: %s shown %v, want %v", name, ptr, got, want)
			}
		}
		// Another algorithm: its block shows, the token bucket's hides but is kept.
		fillFields(t, ctx, map[string]string{"/algorithm/name": "gcra"})
		if shown(t, ctx, "/algorithm/token_bucket") || !shown(t, ctx, "/algorithm/gcra") {
			t.Errorf("%s: with gcra chosen the token bucket shows or gcra does not", name)
		}
		kept := evalString(t, ctx, `JSON.stringify(JSON.parse(localStorage.getItem(Object.keys(localStorage).find(k => k.includes('answer') && k.includes('limiter')))).answer.algorithm.token_bucket)`)
		if kept != `{"capacity":5000,"refill_rate":1000}` {
			t.Errorf("%s: the hidden token bucket is stored as %s", name, kept)
		}
		md := pageMarkdown(t, ctx)
		if strings.Contains(md, "token_bucket") {
			t.Errorf("%s: the export has the hidden token bucket:\n%s", name, md)
		}
		// Hybrid shows every part; back to the token bucket brings its values back.
		fillFields(t, ctx, map[string]string{"/algorithm/name": "hybrid"})
		if !shown(t, ctx, "/algorithm/token_bucket") || !shown(t, ctx, "/algorithm/leaky_bucket") {
			t.Errorf("%s: a hybrid does not show every part", name)
		}
		fillFields(t, ctx, map[string]string{"/algorithm/name": "token-bucket"})
		if v := evalString(t, ctx, `document.querySelector('`+sel("/algorithm/token_bucket/capacity")+`').value`); v != "5000" {
			t.Errorf("%s: the capacity came back as %q", name, v)
		}
		if md := pageMarkdown(t, ctx); !strings.Contains(md, "capacity: 5000") {
			t.Errorf("%s: the export lacks the chosen token bucket", name)
		}
	})
	eachLook(t, ctx, srv.URL+"/incident.html", func(name string, width int64) {
		fillFields(t, ctx, incidentAnswer)
		waitFor(t, ctx, name+": the incident passing", `document.querySelector('[data-status]').dataset.state === 'pass'`)
		l := lookOf(t, ctx)
		t.Logf("incident region-writes-503, %s: %d px, %d controls on screen, %d empty %v", name, l.Height, l.Controls, l.Empty, l.EmptyFields)
		// Entry 4 communicates: no declaration, no mitigation fields.
		for ptr, want := range map[string]bool{
			"/timeline/3/declares": false, "/timeline/3/stops": false, "/timeline/3/kind": false, "/timeline/3/action": true,
			"/timeline/1/declares": true, "/timeline/2/page_can": true, "/timeline/1/page_can": false,
			"/timeline/4/stops": true, "/timeline/9/kind": true, "/timeline/9/stops": false,
		} {
			if got := shown(t, ctx, ptr); got != want {
				t.Errorf("%s: %s shown %v, want %v", name, ptr, got, want)
			}
		}
		// A mitigate entry turned to communicate keeps its fields, hidden and
		// out of the export, and shows them again when it mitigates again.
		fillFields(t, ctx, map[string]string{"/timeline/4/phase": "communicate"})
		if shown(t, ctx, "/timeline/4/stops") {
			t.Errorf("%s: a communicate entry shows what it stops", name)
		}
		if md := pageMarkdown(t, ctx); strings.Contains(md, "EU customers using the global endpoint") {
			t.Errorf("%s: the export has a hidden field", name)
		}
		fillFields(t, ctx, map[string]string{"/timeline/4/phase": "mitigate"})
		if !shown(t, ctx, "/timeline/4/stops") || evalString(t, ctx, `document.querySelector('`+sel("/timeline/4/stops")+`').value`) == "" {
			t.Errorf("%s: the mitigation's fields did not come back", name)
		}
		waitFor(t, ctx, name+": passing again", `document.querySelector('[data-status]').dataset.state === 'pass'`)
	})
	if errs := console.list(); len(errs) > 0 {
		t.Errorf("console errors: %v", errs)
	}
}

// pageMarkdown is what the page's export writes (without the run): the
// engine renders it, in its Worker, so the page's answer is a promise.
func pageMarkdown(t *testing.T, ctx context.Context) string {
	t.Helper()
	md, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.querySelector('form.kata-form').katabookMarkdown()`, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatal(err)
	}
	return md
}
