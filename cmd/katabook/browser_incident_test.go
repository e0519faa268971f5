package main

import (
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// incidentAnswer is the region-writes example run, by JSON pointer, as the
// page's fields take it.
var incidentAnswer, _ = exampleFields(filepath.Join(incidentExamples, "region-writes-503.md"))

// TestBrowserIncidentKata: fill the incident form in Chromium with one
// entry out of order, see the timeline-order finding beside that entry's
// time, fix it, see the swim-lane chart, export, and check the export with
// the CLI.
func TestBrowserIncidentKata(t *testing.T) {
	ctx := newBrowser(t)
	srv := serveCourse(t)
	console := watchConsole(ctx)
	downloads := allowDownloads(t, ctx)
	openKata(t, ctx, srv.URL+"/incident.html")
	for k, v := range map[string]string{"subject": "region-writes-503 on orders-api", "author": "Ada", "title": "EU writes"} {
		typeKeys(t, ctx, `[data-meta="`+k+`"]`, v)
	}

	// The sixth entry, typed with a time before the fifth's.
	at := "/timeline/5/at"
	fields := map[string]string{}
	for k, v := range incidentAnswer {
		fields[k] = v
	}
	fields[at] = "2026-11-27T03:45:00Z"
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](callJS(setFieldsJS, fields))); err != nil {
		t.Fatal(err)
	}
	if n, _ := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll('[data-rows="/timeline"] > fieldset.card').length`)); n != 11 {
		t.Fatalf("%d timeline cards, want 11", n)
	}
	waitFor(t, ctx, "the timeline-order finding beside entry 6",
		`document.querySelector('[data-msg="`+at+`"]').textContent.includes('incident/timeline-order') &&
		 document.querySelector('`+sel(at)+`').getAttribute('aria-invalid') === 'true'`)
	msg, err := chromedp.Run(ctx, chromedp.Text(`[data-msg="`+at+`"]`))
	if err != nil || !strings.Contains(msg, "entry 6 (mitigate at 2026-11-27T03:45:00Z)") || !strings.Contains(msg, "entry 5") {
		t.Fatalf("message %q (%v) does not name the entries", msg, err)
	}
	invalid, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`[...document.querySelectorAll('[aria-invalid="true"]')].map(e => e.dataset.pointer)`))
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(invalid)
	if strings.Join(invalid, ",") != at {
		t.Errorf("fields marked invalid: %v, want only %s", invalid, at)
	}

	// Fix the time: every check passes and the chart draws the timeline.
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](callJS(setFieldJS, at, "2026-11-27T03:58:00Z"))); err != nil {
		t.Fatal(err)
	}
	waitFor(t, ctx, "all checks passing",
		`document.querySelector('[data-status]').dataset.state === 'pass' &&
		 !document.querySelector('`+sel(at)+`').hasAttribute('aria-invalid')`)
	waitFor(t, ctx, "the swim-lane chart", `document.querySelectorAll('[data-figures] svg.incident circle.entry[data-entry]').length === 11 &&
		!!document.querySelector('[data-figures] svg.incident line.marker-mitigated') &&
		document.querySelector('[data-figures] svg.incident .derived').textContent.includes('time to detect 43 min')`)

	if err := chromedp.Do(ctx, chromedp.Click(`[data-action="export"]`)); err != nil {
		t.Fatal(err)
	}
	exported := waitForFile(t, filepath.Join(downloads, "incident-region-writes-503-on-orders-api.md"))
	code, out, errOut := katabook(t, "", "check", exported)
	if code != 0 {
		src, _ := os.ReadFile(exported)
		t.Fatalf("katabook check on the export: exit %d\n%s%s\n%s", code, out, errOut, src)
	}
	// KATABOOK_SCREENSHOT=file.png also keeps a picture of this page's chart.
	if shot := os.Getenv("KATABOOK_SCREENSHOT"); shot != "" {
		png, err := chromedp.Run(ctx, chromedp.Screenshot("[data-figures]"))
		if err == nil {
			err = os.WriteFile(strings.TrimSuffix(shot, ".png")+"-incident.png", png, 0o644)
		}
		if err != nil {
			t.Errorf("screenshot: %v", err)
		}
	}
	if errs := console.list(); len(errs) > 0 {
		t.Errorf("console errors: %v", errs)
	}
}
