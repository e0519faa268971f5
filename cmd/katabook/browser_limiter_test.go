package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/katabook/katabook/cmd/katabook/internal/format"
)

// flatten turns an answer into form values by JSON pointer.

// pageRules lists the rules of the findings the page shows, sorted.
const pageRulesJS = `[...new Set([...document.querySelectorAll('.msg span[data-rule], [data-findings] li[data-rule]')].map(e => e.dataset.rule))].sort()`

// TestBrowserLimiterKata: fill the per-user design in Chromium, see a wrong
// capacity flagged beside its field, fix it and see the simulation chart,
// export and check the export with the CLI; then switch to a fixed window
// of 1000 per second, see the window-edge finding and the chart change,
// and check that the CLI judges that export the same way as the page.
func TestBrowserLimiterKata(t *testing.T) {
	ctx := newBrowser(t)
	srv := serveCourse(t)
	console := watchConsole(ctx)
	downloads := allowDownloads(t, ctx)
	openKata(t, ctx, srv.URL+"/limiter.html")
	for k, v := range map[string]string{"subject": "per-user limiter", "author": "Ada", "title": "Run 1", "date": "2026-11-25"} {
		typeKeys(t, ctx, `[data-meta="`+k+`"]`, v)
	}
	set := func(ptr, v string) {
		t.Helper()
		if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](callJS(setFieldJS, ptr, v))); err != nil {
			t.Fatalf("set %s: %v", ptr, err)
		}
	}
	for ptr, v := range must(exampleFields(filepath.Join(limiterExamples, "per-user.md"))) {
		set(ptr, v)
	}

	// A capacity above the burst allowance, flagged beside its field.
	capPtr := "/algorithm/token_bucket/capacity"
	set(capPtr, "6000")
	waitFor(t, ctx, "the params finding beside the capacity",
		`document.querySelector('[data-msg="`+capPtr+`"]').textContent.includes('limiter/params') &&
		 document.querySelector('`+sel(capPtr)+`').getAttribute('aria-invalid') === 'true'`)
	msg, err := chromedp.Run(ctx, chromedp.Text(`[data-msg="`+capPtr+`"]`))
	if err != nil || !strings.Contains(msg, "burst allowance") || !strings.Contains(msg, "5000") {
		t.Fatalf("message %q (%v) does not give the right capacity and why", msg, err)
	}

	// Fixed: every check passes and the chart shows the four scenarios.
	set(capPtr, "5000")
	waitFor(t, ctx, "all checks passing", `document.querySelector('[data-status]').dataset.state === 'pass' &&
		!document.querySelector('`+sel(capPtr)+`').hasAttribute('aria-invalid')`)
	waitFor(t, ctx, "the simulation chart", `document.querySelectorAll('[data-figures] svg.chart.limiter g[data-scenario]').length === 4`)
	burstNote := `document.querySelector('[data-figures] g[data-scenario="burst"] text.note').textContent`
	waitFor(t, ctx, "the burst panel of the token bucket", burstNote+`.includes('admitted 5000 of 6000')`)

	// KATABOOK_SCREENSHOT=file.png keeps a picture of the chart.
	if shot := os.Getenv("KATABOOK_SCREENSHOT"); shot != "" {
		png, err := chromedp.Run(ctx, chromedp.Screenshot("[data-figures]"))
		if err == nil {
			err = os.WriteFile(shot, png, 0o644)
		}
		if err != nil {
			t.Errorf("screenshot: %v", err)
		}
	}
	if err := chromedp.Do(ctx, chromedp.Click(`[data-action="export"]`)); err != nil {
		t.Fatal(err)
	}
	exported := waitForFile(t, filepath.Join(downloads, "limiter-per-user-limiter.md"))
	if code, out, errOut := katabook(t, "", "check", exported); code != 0 {
		t.Fatalf("katabook check on the export: exit %d\n%s%s", code, out, errOut)
	}

	// Switch to a fixed window of 1000 per second that claims 1000 a second.
	set("/algorithm/name", "fixed-window")
	set("/algorithm/token_bucket/refill_rate", "")
	set(capPtr, "")
	set("/algorithm/fixed_window/window_s", "1")
	set("/algorithm/fixed_window/limit", "1000")
	set("/claims/max_burst", "1000")
	set("/claims/max_in_one_second", "1000")
	claim := "/claims/max_in_one_second"
	waitFor(t, ctx, "the window-edge finding beside the claim",
		`document.querySelector('[data-msg="`+claim+`"]').textContent.includes('exactly 2000')`)
	waitFor(t, ctx, "the burst panel of the fixed window", burstNote+`.includes('admitted 1000 of 6000')`)
	pageRules, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](pageRulesJS))
	if err != nil {
		t.Fatal(err)
	}

	if err := os.Remove(exported); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(ctx, chromedp.Click(`[data-action="export"]`)); err != nil {
		t.Fatal(err)
	}
	waitForFile(t, exported)
	code, out, _ := katabook(t, "", "check", "--format", "json", exported)
	var got format.JSONOutput
	if err := json.Unmarshal([]byte(out), &got); err != nil || code != 1 {
		t.Fatalf("exit %d, %v\n%s", code, err, out)
	}
	cliRules := map[string]bool{}
	for _, f := range got.Files[0].Findings {
		cliRules[f.Rule] = true
	}
	var cli []string
	for r := range cliRules {
		cli = append(cli, r)
	}
	sort.Strings(cli)
	if strings.Join(cli, " ") != strings.Join(pageRules, " ") {
		t.Errorf("the page shows %v, the CLI finds %v", pageRules, cli)
	}
	if !cliRules["limiter/claims"] {
		t.Errorf("the CLI misses the window-edge finding: %s", out)
	}
	if errs := console.list(); len(errs) > 0 {
		t.Errorf("console errors: %v", errs)
	}
}
