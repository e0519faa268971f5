package main

import (
	"testing"

	"github.com/chromedp/chromedp/kb"
)

// TestBrowserShortTimes: at 1280 and 390 px, light and dark, a timeline
// entry's time typed as a time of day ("03:36") or as "T+16m" is stored as
// the full timestamp on the first entry's date and in its zone, and the
// field shows what was stored; the passing incident still passes.
func TestBrowserShortTimes(t *testing.T) {
	ctx := newBrowser(t)
	srv := serveCourse(t)
	console := watchConsole(ctx)
	eachLook(t, ctx, srv.URL+"/incident.html", func(name string, width int64) {
		fillFields(t, ctx, incidentAnswer)
		typeIn := func(ptr, text string) {
			t.Helper()
			fillFields(t, ctx, map[string]string{ptr: ""})
			typeKeys(t, ctx, sel(ptr), text+kb.Tab)
		}
		check := func(ptr, want string) {
			t.Helper()
			if v := evalString(t, ctx, `document.querySelector('`+sel(ptr)+`').value`); v != want {
				t.Errorf("%s: %s shows %q, want %q", name, ptr, v, want)
			}
			if s := evalString(t, ctx, callJS(storedJS, ptr)); s != `"`+want+`"` {
				t.Errorf("%s: %s stored as %s, want %q", name, ptr, s, want)
			}
		}
		typeIn("/timeline/1/at", "03:36")
		check("/timeline/1/at", "2026-11-27T03:36:00Z")
		typeIn("/timeline/4/at", "T+16m")
		check("/timeline/4/at", "2026-11-27T03:47:00Z")
		waitFor(t, ctx, name+": the incident passing", `document.querySelector('[data-status]').dataset.state === 'pass'`)

		// In the first entry's zone, across midnight; the first entry itself
		// and text that is no short time stay as typed.
		fillFields(t, ctx, map[string]string{"/timeline/0/at": "2026-11-26T22:31:00-05:00"})
		typeIn("/timeline/2/at", "T+2h")
		check("/timeline/2/at", "2026-11-27T00:31:00-05:00")
		typeIn("/timeline/3/at", "23:05")
		check("/timeline/3/at", "2026-11-26T23:05:00-05:00")
		typeIn("/timeline/0/at", "03:00")
		check("/timeline/0/at", "03:00")
	})
	if errs := console.list(); len(errs) > 0 {
		t.Errorf("console errors: %v", errs)
	}
}
