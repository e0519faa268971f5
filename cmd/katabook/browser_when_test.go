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
		if kept := stored(t, ctx, "limiter", "algorithm.token_bucket"); kept != `{"capacity":5000,"refill_rate":1000}` {
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

// TestBrowserSLOQualityWhen: at 1280 and 390 px, light and dark, the SLO
// form's quality SLI shows what its kind needs: a freshness SLI its
// maximum data age and its threshold in words, a correctness SLI the
// threshold alone, a cache hit neither. A hidden age is kept, comes back
// as typed when freshness is chosen again, and is exported only while it
// is. The heights and controls on screen for each kind are logged for the
// README.
func TestBrowserSLOQualityWhen(t *testing.T) {
	ctx := newBrowser(t)
	srv := serveCourse(t)
	console := watchConsole(ctx)
	forecast := must(exampleFields(sloExamples[0]))
	const age, thr = "/quality/max_age_min", "/quality/threshold"
	eachLook(t, ctx, srv.URL+"/slo.html", func(name string, width int64) {
		fillFields(t, ctx, forecast)
		waitFor(t, ctx, name+": the forecast proxy passing", `document.querySelector('[data-status]').dataset.state === 'pass'`)
		for _, c := range []struct {
			kind     string
			age, thr bool
		}{{"freshness", true, true}, {"cache-hit", false, false}, {"correctness", false, true}, {"other", false, true}} {
			fillFields(t, ctx, map[string]string{"/quality/kind": c.kind})
			waitFor(t, ctx, name+": "+c.kind+" passing", `document.querySelector('[data-status]').dataset.state === 'pass'`)
			l := lookOf(t, ctx)
			t.Logf("slo forecast-proxy, quality %s, %s: %d px, %d controls on screen, %d empty %v", c.kind, name, l.Height, l.Controls, l.Empty, l.EmptyFields)
			if shown(t, ctx, age) != c.age || shown(t, ctx, thr) != c.thr {
				t.Errorf("%s: with %s chosen the age shows %v and the threshold %v, want %v and %v",
					name, c.kind, shown(t, ctx, age), shown(t, ctx, thr), c.age, c.thr)
			}
			if kept := stored(t, ctx, "slo", "quality.max_age_min"); kept != `"15 min"` {
				t.Errorf("%s: with %s chosen the age is stored as %s", name, c.kind, kept)
			}
			md := pageMarkdown(t, ctx)
			hasAge, hasThr := strings.Contains(md, "max_age_min"), strings.Contains(md, "Forecast data younger than 15 minutes")
			if hasAge != c.age || hasThr != c.thr {
				t.Errorf("%s: with %s chosen the export has the age %v and the threshold %v, want %v and %v:\n%s",
					name, c.kind, hasAge, hasThr, c.age, c.thr, md)
			}
		}
		// Back to freshness: the age comes back as typed, and is exported.
		fillFields(t, ctx, map[string]string{"/quality/kind": "freshness"})
		if v := evalString(t, ctx, `document.querySelector('`+sel(age)+`').value`); v != "15 min" || !shown(t, ctx, age) {
			t.Errorf("%s: the age came back as %q", name, v)
		}
		if md := pageMarkdown(t, ctx); !strings.Contains(md, "max_age_min: 15 min") {
			t.Errorf("%s: the export lacks the chosen freshness SLI's age:\n%s", name, md)
		}
		waitFor(t, ctx, name+": passing again", `document.querySelector('[data-status]').dataset.state === 'pass'`)
	})
	if errs := console.list(); len(errs) > 0 {
		t.Errorf("console errors: %v", errs)
	}
}

// stored is the JSON of what the page keeps at path (dotted, as JavaScript
// reads it) in its stored answer of a kata: what a hidden field holds.
func stored(t *testing.T, ctx context.Context, kata, path string) string {
	t.Helper()
	return evalString(t, ctx, `JSON.stringify(JSON.parse(localStorage.getItem(Object.keys(localStorage).find(k => k.includes('answer') && k.includes('`+kata+`')))).answer.`+path+`)`)
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
