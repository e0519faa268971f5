package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"path/filepath"
	"regexp"
	"testing"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// pdfPage matches a page object of a PDF (not the /Pages tree).
var pdfPage = regexp.MustCompile(`/Type\s*/Page[^s]`)

// printPDF prints the tab as Chromium's print does, on A4, and returns the PDF.
func printPDF(t *testing.T, ctx context.Context) []byte {
	t.Helper()
	yes := true
	res, err := chromedp.Call(ctx, page.PrintToPDF, page.PrintToPDFParams{PaperWidth: 8.27, PaperHeight: 11.69, PreferCSSPageSize: &yes})
	if err != nil {
		t.Fatal(err)
	}
	return res.Data
}

// TestBrowserPrintsTheDeliverable: a passing 11-entry incident, printed in
// light and dark from a 1280 and a 390 px window, is the deliverable: the
// answered fields as labels and values (every one of them, and no empty
// one), the findings summary and the chart; no control, no drill, no
// navigation, nothing cut off; at most 4 A4 pages.
func TestBrowserPrintsTheDeliverable(t *testing.T) {
	ctx := newBrowser(t)
	srv := serveCourse(t)
	console := watchConsole(ctx)
	eachLook(t, ctx, srv.URL+"/incident.html", func(name string, width int64) {
		fields := withIncident(nil)
		if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](callJS(setFieldsJS, fields))); err != nil {
			t.Fatal(err)
		}
		for k, v := range map[string]string{"subject": "region-writes-503 on orders-api", "author": "Ada", "title": "EU writes"} {
			if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`(() => { const el = document.querySelector('[data-meta="`+k+`"]'); el.value = '`+v+`'; el.dispatchEvent(new Event('input', {bubbles: true})); return true })()`)); err != nil {
				t.Fatal(err)
			}
		}
		waitFor(t, ctx, "a passing incident on "+name, `document.querySelector('[data-status]').dataset.state === 'pass' &&
			document.querySelectorAll('[data-rows="/timeline"] > fieldset.card').length === 11 && !!document.querySelector('[data-figures] svg.incident')`)
		// What the page holds: every answered field of the form, by pointer
		// (and the run's meta), counted before printing.
		answered := evalInt(t, ctx, `[...document.querySelectorAll('form.kata-form [data-pointer], form.kata-form [data-meta]')].filter(c => c.value.trim() !== '').length`)

		if _, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: "print"}); err != nil {
			t.Fatal(err)
		}
		// As the browser's print does first (the copy also follows each check).
		evalString(t, ctx, `(() => { window.dispatchEvent(new Event('beforeprint')); return '' })()`)
		var got struct {
			Controls, Drill, Nav, Bar, Values, Empty, Charts, Findings int
			Status                                                     string
			Cut                                                        []string
		}
		js := `JSON.stringify((() => { const seen = (e) => e.getClientRects().length > 0 && getComputedStyle(e).visibility !== 'hidden';
			const all = (s) => [...document.querySelectorAll(s)].filter(seen);
			const copy = document.querySelector('[data-print-copy]');
			const width = document.documentElement.clientWidth;
			const cut = [...copy.querySelectorAll('*')].filter(seen).filter(e => !e.ownerSVGElement && (e.scrollWidth > e.clientWidth + 1 && getComputedStyle(e).overflowX !== 'visible' || e.getBoundingClientRect().right > width + 1)).map(e => e.tagName + ' ' + (e.textContent || '').slice(0, 40));
			return { controls: all('input, select, textarea, button').length, drill: all('[data-drill]').length, nav: all('nav, header.site, footer.site').length,
				bar: all('[data-verdict-bar]').length, values: all('[data-print-copy] [data-value]').length,
				empty: all('[data-print-copy] [data-value]').filter(e => e.textContent.trim() === '').length,
				charts: all('[data-print-copy] svg.chart.incident').length, findings: all('[data-print-copy] .print-checks').length,
				status: copy.querySelector('.print-checks p')?.textContent ?? '', cut } })())`
		if err := json.Unmarshal([]byte(evalString(t, ctx, js)), &got); err != nil {
			t.Fatal(err)
		}
		if got.Controls+got.Drill+got.Nav+got.Bar > 0 {
			t.Errorf("%s: the print shows %d controls, %d drills, %d navigation parts and %d verdict bars", name, got.Controls, got.Drill, got.Nav, got.Bar)
		}
		if got.Values != answered || got.Empty > 0 {
			t.Errorf("%s: the print has %d values (%d empty) for %d answered fields", name, got.Values, got.Empty, answered)
		}
		if got.Charts != 1 || got.Findings != 1 || got.Status == "" {
			t.Errorf("%s: the print has %d timeline charts and %d findings summaries (%q)", name, got.Charts, got.Findings, got.Status)
		}
		if len(got.Cut) > 0 {
			t.Errorf("%s: cut off in print: %v", name, got.Cut)
		}
		if bg := evalString(t, ctx, `getComputedStyle(document.documentElement).backgroundColor + ' ' + getComputedStyle(document.querySelector('[data-print-copy] dd')).color`); bg != "rgb(255, 255, 255) rgb(29, 35, 42)" {
			t.Errorf("%s: the print's background and text are %s, want dark text on white", name, bg)
		}
		if _, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{}); err != nil {
			t.Fatal(err)
		}
		// After printing the page holds no copy (one of each chart); the
		// print to PDF writes it again, as the browser's print does.
		evalString(t, ctx, `(() => { window.dispatchEvent(new Event('afterprint')); return '' })()`)
		if n := evalInt(t, ctx, `document.querySelectorAll('[data-print-copy] *').length`); n != 0 {
			t.Errorf("%s: %d elements of the print copy stay on the page after printing", name, n)
		}
		pdf := printPDF(t, ctx)
		pages := len(pdfPage.FindAll(pdf, -1))
		t.Logf("%s: %d answered fields print on %d A4 pages (%d bytes of PDF)", name, answered, pages, len(pdf))
		// The deliverable fills three pages and more; one page would be
		// the title alone (a print that did not write the copy).
		if pages < 3 || !bytes.HasPrefix(pdf, []byte("%PDF")) {
			t.Fatalf("%s: %d PDF pages: the print copy is missing", name, pages)
		}
		if pages > 4 {
			t.Errorf("%s: the passing 11-entry incident prints on %d A4 pages, want at most 4", name, pages)
		}
	})
	// The other katas' passing answers print as documents too.
	for _, k := range []struct {
		page   string
		answer map[string]string
	}{
		{"slo", must(exampleFields(sloExamples[1]))},
		{"limiter", must(exampleFields(filepath.Join(limiterExamples, "per-user.md")))},
		{"queue", goodAnswer},
	} {
		openKata(t, ctx, srv.URL+"/"+k.page+".html")
		if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](callJS(setFieldsJS, k.answer))); err != nil {
			t.Fatal(err)
		}
		waitFor(t, ctx, "the "+k.page+" answer checked", `document.querySelector('form.kata-form').dataset.checks >= '2' && !!document.querySelector('[data-figures] svg.chart')`)
		answered := evalInt(t, ctx, `[...document.querySelectorAll('form.kata-form [data-pointer], form.kata-form [data-meta]')].filter(c => c.value.trim() !== '').length`)
		if _, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: "print"}); err != nil {
			t.Fatal(err)
		}
		evalString(t, ctx, `(() => { window.dispatchEvent(new Event('beforeprint')); return '' })()`)
		got := evalString(t, ctx, `(() => { const seen = (e) => e.getClientRects().length > 0; const all = (s) => [...document.querySelectorAll(s)].filter(seen);
			return all('input, select, textarea, button, nav, [data-drill]').length + ' ' + all('[data-print-copy] [data-value]').filter(e => e.textContent.trim() !== '').length + ' ' + all('[data-print-copy] svg.chart').length })()`)
		if want := fmt.Sprintf("0 %d 1", answered); got != want {
			t.Errorf("%s: the print has controls, values and charts %q, want %q", k.page, got, want)
		}
		if _, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{}); err != nil {
			t.Fatal(err)
		}
		t.Logf("%s: %d answered fields print on %d A4 pages", k.page, answered, len(pdfPage.FindAll(printPDF(t, ctx), -1)))
	}
	if errs := console.list(); len(errs) > 0 {
		t.Errorf("console errors: %v", errs)
	}
}
