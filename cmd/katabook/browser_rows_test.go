package main

import (
	"context"
	"testing"

	"github.com/chromedp/chromedp"
)

// clickJS clicks the button with an accessible name, and says whether one
// was there.
const clickJS = `(name) => {
  const b = document.querySelector('button[aria-label="' + name + '"]');
  if (!b) return false;
  b.click();
  return true;
}`

func click(t *testing.T, ctx context.Context, name string) {
	t.Helper()
	if ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool](callJS(clickJS, name))); err != nil || !ok {
		t.Fatalf("no button %q (%v)", name, err)
	}
}

// storedJS is the page's stored answer at a pointer, as JSON.
const storedJS = `(ptr) => {
  const key = Object.keys(localStorage).find(k => k.includes('answer') && k.includes('incident'));
  let v = JSON.parse(localStorage.getItem(key)).answer;
  for (const p of ptr.split('/').slice(1)) v = v == null ? undefined : v[p];
  return JSON.stringify(v ?? null);
}`

// TestBrowserRowsMoveAndRemove: at 1280 and 390 px, light and dark, the
// timeline's entries are moved and removed by buttons named for their
// entry; the other entries keep their values, the stored answer follows,
// and the focus stays on the moved entry's button.
func TestBrowserRowsMoveAndRemove(t *testing.T) {
	ctx := newBrowser(t)
	srv := serveCourse(t)
	console := watchConsole(ctx)
	value := func(ptr string) string {
		return evalString(t, ctx, `document.querySelector('`+sel(ptr)+`').value`)
	}
	stored := func(ptr string) string { return evalString(t, ctx, callJS(storedJS, ptr)) }
	eachLook(t, ctx, srv.URL+"/incident.html", func(name string, width int64) {
		fillFields(t, ctx, incidentAnswer)
		waitFor(t, ctx, name+": the incident passing", `document.querySelector('[data-status]').dataset.state === 'pass'`)

		// Entry 4 (communicate at 03:42) removed: entry 5 moves up into its place.
		click(t, ctx, "Remove entry 4")
		if n := evalString(t, ctx, `String(document.querySelectorAll('[data-rows="/timeline"] > fieldset.card').length)`); n != "10" {
			t.Errorf("%s: %s cards after a removal, want 10", name, n)
		}
		if got := value("/timeline/3/at"); got != incidentAnswer["/timeline/4/at"] {
			t.Errorf("%s: entry 4 at %q, want entry 5's %q", name, got, incidentAnswer["/timeline/4/at"])
		}
		if got := value("/timeline/2/action"); got != incidentAnswer["/timeline/2/action"] {
			t.Errorf("%s: entry 3 changed to %q", name, got)
		}
		if got := stored("/timeline/3/stops"); got != `"`+incidentAnswer["/timeline/4/stops"]+`"` {
			t.Errorf("%s: stored entry 4 stops %s", name, got)
		}
		if got := stored("/timeline/10"); got != "null" {
			t.Errorf("%s: an 11th entry is still stored: %s", name, got)
		}
		// A mitigate entry now where a communicate one was shows its fields.
		if !shown(t, ctx, "/timeline/3/stops") {
			t.Errorf("%s: the moved-up mitigate entry hides what it stops", name)
		}

		// Entry 1 down and back up: the two swap, then return, with the focus kept.
		click(t, ctx, "Move entry 1 down")
		if value("/timeline/1/phase") != "detect" || value("/timeline/0/phase") != "triage" ||
			stored("/timeline/1/phase") != `"detect"` || stored("/timeline/0/declares") != "true" {
			t.Errorf("%s: entries 1 and 2 did not swap", name)
		}
		if f := evalString(t, ctx, `document.activeElement.getAttribute('aria-label') || ''`); f != "Move entry 2 down" {
			t.Errorf("%s: focus on %q after moving entry 1 down", name, f)
		}
		click(t, ctx, "Move entry 2 up")
		if value("/timeline/0/phase") != "detect" || stored("/timeline/0/at") != `"`+incidentAnswer["/timeline/0/at"]+`"` {
			t.Errorf("%s: entry 1 did not come back", name)
		}
		// Back as it was, less one communication: the check still runs on the new order.
		waitFor(t, ctx, name+": the verdict after the moves",
			`document.querySelector('[data-status]').dataset.state !== '' && document.querySelectorAll('[aria-invalid="true"]').length === 0`)
	})
	// A table's rows have the same buttons.
	openKata(t, ctx, srv.URL+"/queue.html")
	fillFields(t, ctx, goodAnswer)
	click(t, ctx, "Move row 1 down")
	if a, b := evalString(t, ctx, `document.querySelector('`+sel("/mm1/points/1/lambda_rps")+`').value`),
		evalString(t, ctx, `document.querySelector('`+sel("/mm1/points/0/lambda_rps")+`').value`); a != goodAnswer["/mm1/points/0/lambda_rps"] || b != goodAnswer["/mm1/points/1/lambda_rps"] {
		t.Errorf("table rows did not swap: %s, %s", a, b)
	}
	if errs := console.list(); len(errs) > 0 {
		t.Errorf("console errors: %v", errs)
	}
}
