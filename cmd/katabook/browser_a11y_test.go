package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// axeViolation is the part of an axe-core result the test reports.
type axeViolation struct {
	ID     string `json:"id"`
	Impact string `json:"impact"`
	Help   string `json:"help"`
	Nodes  []struct {
		Target []any `json:"target"`
	} `json:"nodes"`
}

// TestAccessibilityOfEveryPage runs axe-core (fetched by `make axe`, never
// committed) on every page, with a wrong answer showing its findings, in
// light and dark, and fails on any serious or critical violation.
func TestAccessibilityOfEveryPage(t *testing.T) {
	src, err := os.ReadFile(filepath.Join("..", "..", ".cache", "axe", "axe.min.js"))
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("CI=true but axe-core is missing (%v): run make axe", err)
		}
		t.Skipf("axe-core not fetched (%v): run make axe", err)
	}
	ctx := newBrowser(t)
	srv := serveCourse(t)
	for _, page := range []string{"index.html", "slo.html", "limiter.html", "queue.html", "incident.html"} {
		for _, theme := range []string{"light", "dark"} {
			if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+"/"+page)); err != nil {
				t.Fatal(err)
			}
			if page != "index.html" {
				waitFor(t, ctx, "the engine", `document.querySelector('form.kata-form').dataset.checks >= '1'`)
				// Some findings on show: a wrong type in the first number field.
				if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`(() => {
					const el = document.querySelector('[data-pointer][data-type="number"]');
					el.value = 'not a number'; el.dispatchEvent(new Event('input', {bubbles: true})); return true })()`)); err != nil {
					t.Fatal(err)
				}
				waitFor(t, ctx, "the finding", `!!document.querySelector('[aria-invalid="true"]')`)
			}
			if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`(() => { document.documentElement.dataset.theme = '`+theme+`'; return true })()`)); err != nil {
				t.Fatal(err)
			}
			if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](string(src)+";true")); err != nil {
				t.Fatalf("load axe-core: %v", err)
			}
			out, err := chromedp.Run(ctx, chromedp.Evaluate[string](`axe.run(document, {resultTypes: ['violations']}).then(r => JSON.stringify(r.violations))`, chromedp.EvalAwaitPromise))
			if err != nil {
				t.Fatalf("axe.run on %s: %v", page, err)
			}
			var vs []axeViolation
			if err := json.Unmarshal([]byte(out), &vs); err != nil {
				t.Fatal(err)
			}
			for _, v := range vs {
				if v.Impact != "serious" && v.Impact != "critical" {
					continue
				}
				var where []string
				for _, n := range v.Nodes[:min(len(v.Nodes), 3)] {
					b, _ := json.Marshal(n.Target)
					where = append(where, string(b))
				}
				t.Errorf("%s (%s): %s %s: %s, e.g. %s", page, theme, v.Impact, v.ID, v.Help, strings.Join(where, " "))
			}
		}
	}
}
