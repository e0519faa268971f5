package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestBrowserQuantitiesTakeUnits: at 1280 and 390 px, light and dark, a
// quantity field of the incident form (the time to detect, in minutes)
// takes "2580 s" as the learner types it: the answer keeps the text as
// typed, the engine reads it as 43 min and the field says "= 43 min", the
// answer still passes, and the exported file has `ttd_min: 2580 s`, which
// the CLI passes too. A plain number stays a number with no reading; a
// unit of the wrong kind is an error beside the field. The field keeps a
// phone's letters (no inputmode=decimal), so a unit can be typed.
func TestBrowserQuantitiesTakeUnits(t *testing.T) {
	ctx := newBrowser(t)
	srv := serveCourse(t)
	console := watchConsole(ctx)
	downloads := allowDownloads(t, ctx)
	const ttd = "/postmortem/impact/ttd_min"
	reading := `document.querySelector('[data-reading="` + ttd + `"]')`
	stored := `JSON.stringify(Object.entries(localStorage).map(([k, v]) => { try { return JSON.parse(v) } catch { return null } }).find(s => s && s.answer && s.answer.postmortem)?.answer.postmortem.impact.ttd_min)`
	eachLook(t, ctx, srv.URL+"/incident.html", func(name string, width int64) {
		fields := withIncident(nil)
		fields[ttd] = "2580 s"
		fields["/postmortem/impact/ttm_min"] = "1.3 h"
		if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](callJS(setFieldsJS, fields))); err != nil {
			t.Fatal(err)
		}
		waitFor(t, ctx, "the reading of 2580 s on "+name, reading+`.textContent === '= 43 min' && document.querySelector('[data-status]').dataset.state === 'pass'`)
		if got := evalString(t, ctx, `document.querySelector('[data-reading="/postmortem/impact/ttm_min"]').textContent`); got != "= 78 min" {
			t.Errorf("%s: 1.3 h reads %q beside the field, want = 78 min", name, got)
		}
		if got := evalString(t, ctx, stored); got != `"2580 s"` {
			t.Errorf("%s: the page stored %s for 2580 s, want the text as typed", name, got)
		}
		// The reading sits beside the input, on its line or just under it.
		if gap := evalInt(t, ctx, `(() => { const i = document.querySelector('`+sel(ttd)+`').getBoundingClientRect(), r = `+reading+`.getBoundingClientRect();
			return Math.round(Math.max(r.left - i.right, r.top - i.bottom)) })()`); gap > 24 {
			t.Errorf("%s: the reading is %d px away from its field", name, gap)
		}
		if mode := evalString(t, ctx, `document.querySelector('`+sel(ttd)+`').inputMode`); mode != "" {
			t.Errorf("%s: the quantity field has inputmode=%s, which hides a phone's letters", name, mode)
		}

		// A plain number stays a number, and shows no reading.
		if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](callJS(setFieldJS, ttd, "43"))); err != nil {
			t.Fatal(err)
		}
		waitFor(t, ctx, "no reading for 43", reading+`.textContent === ''`)
		if got := evalString(t, ctx, stored); got != "43" {
			t.Errorf("%s: the page stored %s for 43, want the number", name, got)
		}

		// A unit of the wrong kind: an error beside the field, no reading.
		if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](callJS(setFieldJS, ttd, "43 req/s"))); err != nil {
			t.Fatal(err)
		}
		waitFor(t, ctx, "the unit error on "+name, `document.querySelector('[data-msg="`+ttd+`"]').textContent.includes('answer/unit') &&
			document.querySelector('`+sel(ttd)+`').getAttribute('aria-invalid') === 'true' && `+reading+`.textContent === ''`)
	})

	// Exported with a unit, the file says it as typed, and the CLI reads it.
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](callJS(setFieldJS, ttd, "2580 s"))); err != nil {
		t.Fatal(err)
	}
	for k, v := range map[string]string{"subject": "region-writes-503 with units", "author": "Ada", "title": "units"} {
		typeKeys(t, ctx, `[data-meta="`+k+`"]`, v)
	}
	waitFor(t, ctx, "the answer passing again", reading+`.textContent === '= 43 min' && document.querySelector('[data-status]').dataset.state === 'pass'`)
	if err := chromedp.Do(ctx, chromedp.Click(`[data-action="export"]`)); err != nil {
		t.Fatal(err)
	}
	exported := waitForFile(t, filepath.Join(downloads, "incident-region-writes-503-with-units.md"))
	src, err := os.ReadFile(exported)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(src), "ttd_min: 2580 s\n") || !strings.Contains(string(src), "ttm_min: 1.3 h\n") {
		t.Errorf("the export does not keep the units as typed:\n%s", src)
	}
	if code, out, errOut := katabook(t, "", "check", exported); code != 0 {
		t.Errorf("katabook check on the export: exit %d\n%s%s", code, out, errOut)
	}
	if errs := console.list(); len(errs) > 0 {
		t.Errorf("console errors: %v", errs)
	}
}
