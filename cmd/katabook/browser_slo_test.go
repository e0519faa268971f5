package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestBrowserSLOKata: fill the SLO form for a public weather API in real
// Chromium, see a wrong budget flagged beside its field with the right
// value, fix it, see the 2× hints and the chart, give a tighter
// alternative that is not half the threshold and then one that is, and
// download the
// Markdown (checked by the CLI) and the Prometheus rules.
func TestBrowserSLOKata(t *testing.T) {
	ctx := newBrowser(t)
	srv := serveCourse(t)
	console := watchConsole(ctx)
	downloads := allowDownloads(t, ctx)
	openKata(t, ctx, srv.URL+"/slo.html")

	// The forecast-proxy example: a proxy of a public weather API.
	answer, meta := exampleFields(sloExamples[0])
	for k, v := range map[string]string{"subject": meta.Subject, "author": meta.Author, "title": meta.Title, "date": meta.Date} {
		typeKeys(t, ctx, `[data-meta="`+k+`"]`, v)
	}
	const bm = "/availability/budget_minutes"
	for ptr, v := range answer {
		if ptr == bm {
			continue
		}
		if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](callJS(setFieldJS, ptr, v))); err != nil {
			t.Fatalf("set %s: %v", ptr, err)
		}
	}
	// The budget typed by hand, and wrong: 99.9% over 30 days is 43.2 min.
	typeKeys(t, ctx, sel(bm), "4.32")
	waitFor(t, ctx, "the budget finding beside its field",
		`document.querySelector('[data-msg="`+bm+`"]').textContent.includes('slo/budget-minutes') &&
		 document.querySelector('`+sel(bm)+`').getAttribute('aria-invalid') === 'true'`)
	msg, err := chromedp.Run(ctx, chromedp.Text(`[data-msg="`+bm+`"]`))
	if err != nil || !strings.Contains(msg, "43.2") || !strings.Contains(msg, "43,200") {
		t.Fatalf("message %q (%v) does not give 43.2 from 43,200 min", msg, err)
	}
	if n, _ := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll('[aria-invalid="true"]').length`)); n != 1 {
		t.Errorf("%d fields marked invalid, want only %s", n, bm)
	}
	disabled, _ := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.querySelector('[data-format="prometheus"]').disabled`))
	if !disabled {
		t.Error("the rules download is offered for a failing answer")
	}

	// Fix it: every check passes, hints and chart appear, downloads open.
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](callJS(setFieldJS, bm, ""))); err != nil {
		t.Fatal(err)
	}
	typeKeys(t, ctx, sel(bm), "43.2")
	waitFor(t, ctx, "all checks passing",
		`document.querySelector('[data-status]').dataset.state === 'pass' &&
		 !document.querySelector('`+sel(bm)+`').hasAttribute('aria-invalid') &&
		 !document.querySelector('[data-format="prometheus"]').disabled`)
	hint, _ := chromedp.Run(ctx, chromedp.Text(`[data-hint="/availability/justification"]`))
	if !strings.Contains(hint, "99.95% → 21.6 min") || !strings.Contains(hint, "99.8% → 86.4 min") {
		t.Errorf("hint beside the justification = %q", hint)
	}
	// An alternative given as a value is checked: 250 ms is not half of
	// 300 ms. 150 ms is, and its hint says so.
	const tv = "/latency/tighter/value"
	for ptr, v := range map[string]string{"/latency/tighter/consequence": "Below the upstream's own latency on a cache miss.", tv: "250 ms"} {
		if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](callJS(setFieldJS, ptr, v))); err != nil {
			t.Fatalf("set %s: %v", ptr, err)
		}
	}
	waitFor(t, ctx, "the alternative's finding beside its value",
		`document.querySelector('[data-msg="`+tv+`"]').textContent.includes('slo/alternatives')`)
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](callJS(setFieldJS, tv, "150 ms"))); err != nil {
		t.Fatal(err)
	}
	waitFor(t, ctx, "all checks passing with the alternative",
		`document.querySelector('[data-status]').dataset.state === 'pass' &&
		 document.querySelector('[data-hint="`+tv+`"]').textContent.includes('0.5 × the threshold')`)
	waitFor(t, ctx, "the budget chart with both alert lines",
		`document.querySelectorAll('[data-figures] svg .alert-line:not(.key)').length === 2 && !!document.querySelector('[data-figures] input[type=range]')`)
	// Slide to a burn above the fast alert: both alerts fire, and the
	// slider does not trigger a re-check that would redraw it away.
	checks, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`document.querySelector('form.kata-form').dataset.checks`))
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`(() => {
		const s = document.querySelector('[data-figures] input[type=range]');
		s.value = s.max; s.dispatchEvent(new Event('input', {bubbles: true})); return true; })()`)); err != nil {
		t.Fatal(err)
	}
	waitFor(t, ctx, "both alerts firing at the top of the slider", `document.querySelectorAll('[data-figures] svg circle.fire').length === 2`)
	if after, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`document.querySelector('form.kata-form').dataset.checks`)); after != checks {
		t.Errorf("moving the slider re-ran the check (%s -> %s)", checks, after)
	}

	// Export the Markdown: the CLI passes it.
	if err := chromedp.Do(ctx, chromedp.Click(`[data-action="export"]`)); err != nil {
		t.Fatal(err)
	}
	slug := "slo-forecast-proxy-in-front-of-a-public-weather-api"
	exported := waitForFile(t, filepath.Join(downloads, slug+".md"))
	if code, out, errOut := katabook(t, "", "check", exported); code != 0 {
		src, _ := os.ReadFile(exported)
		t.Fatalf("katabook check on the export: exit %d\n%s%s\n%s", code, out, errOut, src)
	}
	// The rules from the page are the CLI's rules.
	if err := chromedp.Do(ctx, chromedp.Click(`[data-format="prometheus"]`)); err != nil {
		t.Fatal(err)
	}
	rules, _ := os.ReadFile(waitForFile(t, filepath.Join(downloads, slug+".rules.yml")))
	code, cli, _ := katabook(t, "", "export", "slo", exported, "--format", "prometheus")
	if code != 0 || cli != string(rules) {
		t.Errorf("page rules differ from the CLI's (exit %d):\n--- page\n%s\n--- cli\n%s", code, rules, cli)
	}
	if errs := console.list(); len(errs) > 0 {
		t.Errorf("console errors: %v", errs)
	}
}
