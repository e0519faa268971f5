package main

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// limiterMistakes are mistakes in the per-user design, in three sections
// of the form: a capacity above the burst and a 200 for a rejection (two
// errors, the claims that follow from the capacity folded under it), and a
// store time-out over the check budget (a warning).
var limiterMistakes = map[string]string{
	"/algorithm/token_bucket/capacity": "6000",
	"/rejection/status":                "200",
	"/storage/timeout_ms":              "30",
}

// eachLook opens url at each width (1280 and 390 px) in each theme (light
// and dark) and calls fn there with a name for messages.
func eachLook(t *testing.T, ctx context.Context, url string, fn func(name string, width int64)) {
	t.Helper()
	for _, width := range []int64{1280, 390} {
		for _, theme := range []string{"light", "dark"} {
			if err := chromedp.Do(ctx, chromedp.EmulateViewport(width, 844)); err != nil {
				t.Fatal(err)
			}
			openKata(t, ctx, url)
			setTheme(t, ctx, theme)
			fn(fmt.Sprintf("%d px, %s", width, theme), width)
		}
	}
}

// withIncident is the passing incident answer's fields with others over
// them.
func withIncident(over map[string]string) map[string]string {
	fields := map[string]string{}
	for k, v := range incidentAnswer {
		fields[k] = v
	}
	for k, v := range over {
		fields[k] = v
	}
	return fields
}

// setTheme shows the page in a theme, as the theme button leaves it.
func setTheme(t *testing.T, ctx context.Context, theme string) {
	t.Helper()
	evalString(t, ctx, `(() => { localStorage.setItem('katabook:theme', '`+theme+`'); document.documentElement.dataset.theme = '`+theme+`'; return '' })()`)
}

// TestBrowserVerdictBar: at 1280 and 390 px, light and dark, on the
// limiter page with two mistakes and a warning: the verdict bar stays in sight at
// every scroll position and counts the errors and warnings of the page's
// report; next and previous step through the findings' fields in the
// order of the page, scrolling each clear of the bar and focusing it; each
// finding of the summary links to its field; the run timer is in the bar;
// and the chart sits beside the algorithm's fields on the wide screen and
// right under them on the narrow one.
func TestBrowserVerdictBar(t *testing.T) {
	ctx := newBrowser(t)
	srv := serveCourse(t)
	console := watchConsole(ctx)
	answer := must(exampleFields(filepath.Join(limiterExamples, "per-user.md")))
	for k, v := range limiterMistakes {
		answer[k] = v
	}
	eachLook(t, ctx, srv.URL+"/limiter.html", func(name string, width int64) {
		if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](callJS(setFieldsJS, answer))); err != nil {
			t.Fatal(err)
		}
		waitFor(t, ctx, "the errors on "+name, `(document.querySelector('form.kata-form').katabookReport?.findings ?? []).filter(f => f.rule === 'limiter/status').length === 1 &&
			document.querySelector('[data-verdict-bar]').dataset.errors !== undefined`)
		checkBarCounts(t, ctx, name)
		checkBarInSight(t, ctx, name)
		checkSteps(t, ctx, name)
		checkSummaryLinks(t, ctx, name)
		checkChartBeside(t, ctx, name, width >= 1248)
		if n := evalInt(t, ctx, `document.querySelectorAll('form.kata-form [data-timer-display], form.kata-form [data-action="timer-start"]').length`); n != 0 {
			t.Errorf("%s: %d timer parts left in the form", name, n)
		}
		if n := evalInt(t, ctx, `document.querySelectorAll('[data-verdict-bar] [data-timer-display], [data-verdict-bar] [data-action="timer-start"], [data-verdict-bar] [data-action="run-finish"]').length`); n != 3 {
			t.Errorf("%s: the bar has %d of the timer's display, Start and Finish", name, n)
		}
		t.Logf("%s: the bar is %d px tall", name, evalInt(t, ctx, `Math.round(document.querySelector('[data-verdict-bar]').getBoundingClientRect().height)`))
	})
	if errs := console.list(); len(errs) > 0 {
		t.Errorf("console errors: %v", errs)
	}
}

// checkBarCounts: the bar says the report's errors (at their causes, not
// counting unanswered fields) and warnings.
func checkBarCounts(t *testing.T, ctx context.Context, name string) {
	t.Helper()
	var got struct {
		Text             string
		Errors, Warnings int
	}
	js := `JSON.stringify((() => { const r = document.querySelector('form.kata-form').katabookReport;
		return { text: document.querySelector('[data-bar-text]').textContent,
			errors: r.findings.filter(f => f.severity === 'error' && f.rule !== 'schema/required').length,
			warnings: r.findings.filter(f => f.severity === 'warning').length } })())`
	if err := json.Unmarshal([]byte(evalString(t, ctx, js)), &got); err != nil {
		t.Fatal(err)
	}
	if got.Errors < 2 || got.Warnings < 1 {
		t.Fatalf("%s: the report has %d errors and %d warnings, want at least 2 and 1", name, got.Errors, got.Warnings)
	}
	want := fmt.Sprintf("%d errors, %d warning", got.Errors, got.Warnings)
	if got.Warnings != 1 {
		want += "s"
	}
	if got.Text != want {
		t.Errorf("%s: the bar says %q, want %q", name, got.Text, want)
	}
}

// checkBarInSight: from the top of the page to its end, the bar is on
// screen, whole, and nothing covers it.
func checkBarInSight(t *testing.T, ctx context.Context, name string) {
	t.Helper()
	js := `JSON.stringify((() => { const bar = document.querySelector('[data-verdict-bar]'); const max = document.documentElement.scrollHeight - innerHeight; const bad = [];
		for (let i = 0; i <= 10; i++) { const y = Math.round(max * i / 10); window.scrollTo(0, y); const r = bar.getBoundingClientRect();
			const top = document.elementFromPoint(r.left + 8, r.top + r.height / 2);
			if (r.top < 0 || r.bottom > innerHeight || r.height === 0 || !bar.contains(top)) bad.push(y + ': ' + Math.round(r.top) + '..' + Math.round(r.bottom)); }
		window.scrollTo(0, 0); return bad })())`
	var bad []string
	if err := json.Unmarshal([]byte(evalString(t, ctx, js)), &bad); err != nil {
		t.Fatal(err)
	}
	if len(bad) > 0 {
		t.Errorf("%s: the bar is out of sight or covered at scroll positions %v", name, bad)
	}
}

// checkSteps: Next from the top goes to each finding's field in the order
// of the page and round to the first; Previous goes back. Each field
// reached is focused and on screen below the bar. (The run's missing
// subject is a finding of the front matter, at the Subject field.)
func checkSteps(t *testing.T, ctx context.Context, name string) {
	t.Helper()
	// The fields of the findings in the order of the page, each once.
	want := evalString(t, ctx, `JSON.stringify((() => { const f = document.querySelector('form.kata-form');
		const at = new Set(f.katabookReport.findings.filter(x => x.rule !== 'schema/required').map(x => x.pointer || x.rule.replace('submission/', 'meta:')));
		return [...f.querySelectorAll('[data-pointer], [data-meta]')].map(c => c.dataset.pointer ?? 'meta:' + c.dataset.meta).filter(p => at.has(p)) })())`)
	var order []string
	if err := json.Unmarshal([]byte(want), &order); err != nil || len(order) < 4 {
		t.Fatalf("%s: findings' fields %s (%v)", name, want, err)
	}
	step := func(action string) string {
		t.Helper()
		if err := chromedp.Do(ctx, chromedp.Click(`[data-verdict-bar] [data-action="`+action+`"]`)); err != nil {
			t.Fatal(err)
		}
		return evalString(t, ctx, `(() => { const a = document.activeElement; const r = a.getBoundingClientRect(); const bar = document.querySelector('[data-verdict-bar]').getBoundingClientRect();
			const seen = r.top >= bar.bottom && r.bottom <= innerHeight && r.height > 0;
			return (a.dataset.pointer ?? (a.dataset.meta ? 'meta:' + a.dataset.meta : a.tagName)) + (seen ? '' : ' (out of sight: ' + Math.round(r.top) + '..' + Math.round(r.bottom) + ' under a bar ending at ' + Math.round(bar.bottom) + ')') })()`)
	}
	evalString(t, ctx, `(() => { window.scrollTo(0, 0); document.activeElement?.blur(); return '' })()`)
	for i := 0; i <= len(order); i++ {
		if got, w := step("finding-next"), order[i%len(order)]; got != w {
			t.Errorf("%s: next finding %d is %s, want %s", name, i+1, got, w)
		}
	}
	// Now at the first: previous goes round to the last, then back.
	for i := len(order) - 1; i >= len(order)-2; i-- {
		if got := step("finding-prev"); got != order[i] {
			t.Errorf("%s: previous finding is %s, want %s", name, got, order[i])
		}
	}
	if pos := evalString(t, ctx, `document.querySelector('[data-bar-pos]').textContent`); pos != fmt.Sprintf("%d of %d", len(order)-1, len(order)) {
		t.Errorf("%s: the bar says %q at finding %d of %d", name, pos, len(order)-1, len(order))
	}
}

// checkSummaryLinks: each finding of the summary links to its field, and
// the link goes there (focused, on screen).
func checkSummaryLinks(t *testing.T, ctx context.Context, name string) {
	t.Helper()
	js := `JSON.stringify((() => { const f = document.querySelector('form.kata-form'); const out = [];
		const lis = [...f.querySelectorAll('[data-findings] > li[data-rule]')];
		for (const x of f.katabookReport.findings.filter(x => x.rule !== 'schema/required')) {
			const li = lis.find(l => l.dataset.rule === x.rule && l.textContent.includes(x.message));
			const a = li?.querySelector(':scope > a[href^="#"]');
			const to = a && document.getElementById(a.getAttribute('href').slice(1));
			if (!to || (x.pointer ? to.dataset.pointer !== x.pointer : to.dataset.meta !== x.rule.replace('submission/', ''))) { out.push(x.rule + ' at ' + x.pointer + ': ' + (a ? 'links to ' + a.getAttribute('href') : 'no link')); continue; }
			window.scrollTo(0, 0); a.click(); const r = to.getBoundingClientRect();
			if (document.activeElement !== to || r.top < 0 || r.bottom > innerHeight) out.push(x.rule + ': the link did not bring ' + x.pointer + ' into sight');
		}
		return out })())`
	var bad []string
	if err := json.Unmarshal([]byte(evalString(t, ctx, js)), &bad); err != nil {
		t.Fatal(err)
	}
	for _, b := range bad {
		t.Errorf("%s: %s", name, b)
	}
}

// checkChartBeside: the simulation chart is beside the algorithm's fields
// (to their right, in sight while they are) on a wide screen, and right
// under them on a narrow one.
func checkChartBeside(t *testing.T, ctx context.Context, name string, wide bool) {
	t.Helper()
	js := `JSON.stringify((() => { const fs = document.querySelector('fieldset[data-field="/algorithm"]'); const chart = document.querySelector('[data-chart-for="limiter"] svg.chart.limiter');
		if (!chart) return {missing: true}; fs.querySelector('[data-pointer="/algorithm/token_bucket/capacity"]').scrollIntoView({block: 'center'});
		const a = fs.getBoundingClientRect(), c = chart.getBoundingClientRect();
		return {fsRight: a.right, fsLeft: a.left, fsTop: a.top, fsBottom: a.bottom, left: c.left, top: c.top, bottom: c.bottom, vh: innerHeight} })())`
	var g struct {
		Missing                          bool
		FsRight, FsLeft, FsTop, FsBottom float64
		Left, Top, Bottom, Vh            float64
	}
	if err := json.Unmarshal([]byte(evalString(t, ctx, js)), &g); err != nil {
		t.Fatal(err)
	}
	switch {
	case g.Missing:
		t.Errorf("%s: no limiter chart beside /algorithm", name)
	case wide && (g.Left < g.FsRight || g.Top >= g.Vh || g.Bottom <= 0):
		t.Errorf("%s: the chart (left %.0f, %.0f..%.0f) is not beside the algorithm's fields (right edge %.0f) in a %.0f px high window", name, g.Left, g.Top, g.Bottom, g.FsRight, g.Vh)
	case !wide && (g.Top < g.FsBottom || g.Top-g.FsBottom > 40 || g.Left < g.FsLeft-20):
		t.Errorf("%s: the chart's top %.0f is not right under the algorithm's fields (bottom %.0f)", name, g.Top, g.FsBottom)
	}
}

// TestBrowserFollowsNestUnderTheirCause: an SLO target of 199% in the
// incident's bonus is one mistake, and the alert threshold computed from it
// follows (the engine folds it under the schema's finding). At 1280 and
// 390 px, light and dark, the page shows each following finding under its
// cause (in the summary and beside the cause's field), counts only the
// causes in the bar, marks only the cause invalid, and says at the
// following field where its cause is, with a link to it.
func TestBrowserFollowsNestUnderTheirCause(t *testing.T) {
	ctx := newBrowser(t)
	srv := serveCourse(t)
	console := watchConsole(ctx)
	eachLook(t, ctx, srv.URL+"/incident.html", func(name string, width int64) {
		fields := withIncident(map[string]string{"/bonus/slo_target_pct": "199"})
		if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](callJS(setFieldsJS, fields))); err != nil {
			t.Fatal(err)
		}
		waitFor(t, ctx, "a finding with followers on "+name, `(document.querySelector('form.kata-form').katabookReport?.findings ?? []).some(f => f.follows?.length)`)
		js := `JSON.stringify((() => { const form = document.querySelector('form.kata-form'); const r = form.katabookReport; const bad = [];
			const top = r.findings.filter(f => f.rule !== 'schema/required');
			const errors = top.filter(f => f.severity === 'error').length, warnings = top.filter(f => f.severity === 'warning').length;
			const bar = document.querySelector('[data-verdict-bar]');
			if (bar.dataset.errors !== String(errors) || bar.dataset.warnings !== String(warnings)) bad.push('the bar counts ' + bar.dataset.errors + ' errors and ' + bar.dataset.warnings + ' warnings, want ' + errors + ' and ' + warnings);
			const lis = [...form.querySelectorAll('[data-findings] > li[data-rule]')];
			for (const f of top.filter(f => f.follows?.length)) {
				const li = lis.find(l => l.dataset.rule === f.rule && l.textContent.includes(f.message));
				const slot = form.querySelector('[data-msg="' + f.pointer + '"]');
				for (const g of f.follows) {
					if (!li || ![...li.querySelectorAll(':scope > ul.follows > li')].some(x => x.textContent.includes(g.message))) bad.push(g.rule + ' is not under ' + f.rule + ' in the summary');
					if (lis.some(l => l.textContent.startsWith(g.message) || (l.dataset.rule === g.rule && !l.querySelector('ul.follows') && l.textContent.includes(g.message)))) bad.push(g.rule + ' is listed on its own');
					if (!slot || ![...slot.querySelectorAll('.follows > span')].some(x => x.textContent.includes(g.message))) bad.push(g.rule + ' is not under ' + f.rule + ' beside ' + f.pointer);
					const own = form.querySelector('[data-pointer="' + g.pointer + '"]');
					if (own && own.getAttribute('aria-invalid') === 'true' && !r.findings.some(x => x.pointer === g.pointer && x.severity === 'error')) bad.push(g.pointer + ' is marked invalid for a finding that follows');
					const note = form.querySelector('[data-msg="' + g.pointer + '"] .follows-note a[href]');
					if (g.pointer !== f.pointer && (!note || document.getElementById(note.getAttribute('href').slice(1))?.dataset.pointer !== f.pointer)) bad.push(g.pointer + ' does not link to its cause ' + f.pointer);
				}
			}
			return bad })())`
		var bad []string
		if err := json.Unmarshal([]byte(evalString(t, ctx, js)), &bad); err != nil {
			t.Fatal(err)
		}
		for _, b := range bad {
			t.Errorf("%s: %s", name, b)
		}
	})
	if errs := console.list(); len(errs) > 0 {
		t.Errorf("console errors: %v", errs)
	}
}

// TestBrowserBarSaysTheEngineFailed: when the engine cannot load, the
// verdict bar says so (in sight), as the report does.
func TestBrowserBarSaysTheEngineFailed(t *testing.T) {
	ctx := newBrowser(t)
	files := builtSite(t)
	serve := siteHandler(files)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasSuffix(r.URL.Path, ".wasm") {
			http.NotFound(w, r)
			return
		}
		serve.ServeHTTP(w, r)
	}))
	t.Cleanup(srv.Close)
	if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+"/queue.html")); err != nil {
		t.Fatal(err)
	}
	waitFor(t, ctx, "the bar saying the engine failed", `document.querySelector('[data-bar-text]').textContent.startsWith('Could not start the checking engine') &&
		document.querySelector('[data-verdict-bar]').dataset.state === 'fail'`)
}
