package main

import (
	"net/http/httptest"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestBrowserEngineFallsBackToThePage: where the engine's Worker cannot
// start (here its script is missing from the host), the page runs the engine on its own
// thread, and a wrong answer gets the same findings as in the Worker.
func TestBrowserEngineFallsBackToThePage(t *testing.T) {
	wrong := map[string]string{"/measured/lambda_rps": "40", "/measured/w_s": "0.25", "/little/l_computed": "12", "/mm1/knee_lambda_rps": "50"}
	findings := map[string]string{}
	for _, in := range []string{"worker", "page"} {
		ctx := newBrowser(t)
		srv := serveCourse(t)
		if in == "page" {
			srv = serveWithout(t, "assets/engine-worker.js")
		}
		openKata(t, ctx, srv.URL+"/queue.html")
		if got := evalString(t, ctx, `document.querySelector('form.kata-form').dataset.engine`); got != in {
			t.Fatalf("the engine runs in the %s, want the %s", got, in)
		}
		if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](callJS(setFieldsJS, wrong))); err != nil {
			t.Fatal(err)
		}
		waitFor(t, ctx, "the wrong answer checked in the "+in, `document.querySelector('[data-msg="/little/l_computed"]').textContent.includes('queue/little-l')`)
		findings[in] = evalString(t, ctx, `JSON.stringify(document.querySelector('form.kata-form').katabookReport.findings)`)
	}
	if findings["worker"] != findings["page"] {
		t.Errorf("the Worker and the page disagree:\n worker %s\n page   %s", findings["worker"], findings["page"])
	}
}

// serveWithout serves the default course as serveCourse does, less the
// given files: a host that lost them.
func serveWithout(t *testing.T, names ...string) *httptest.Server {
	t.Helper()
	files := builtSite(t)
	for _, name := range names {
		for _, ext := range []string{"", ".br", ".gz"} {
			delete(files, name+ext)
		}
	}
	srv := httptest.NewServer(siteHandler(files))
	t.Cleanup(srv.Close)
	return srv
}

// TestBrowserFormWorksWithoutTheEngine: with the engine's bytes missing,
// in the Worker and on the page alike, the page says the engine did not
// start, and the form still takes and keeps what the learner types.
func TestBrowserFormWorksWithoutTheEngine(t *testing.T) {
	srv := serveWithout(t, "assets/engine.wasm")
	ctx := newBrowser(t)
	if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+"/queue.html")); err != nil {
		t.Fatal(err)
	}
	waitFor(t, ctx, "the page saying the engine did not start", `document.querySelector('[data-status]').textContent.includes('Could not start the checking engine')`)
	typeKeys(t, ctx, sel("/measured/lambda_rps"), "40")
	if err := chromedp.Do(ctx, chromedp.Reload()); err != nil {
		t.Fatal(err)
	}
	waitFor(t, ctx, "the typed value kept over a reload", `document.querySelector('`+sel("/measured/lambda_rps")+`').value === '40'`)
}
