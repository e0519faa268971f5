package main

import (
	"testing"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
)

// TestBrowserEngineFallsBackToThePage: where the engine's Worker cannot
// start (here its script is blocked), the page runs the engine on its own
// thread, and a wrong answer gets the same findings as in the Worker.
func TestBrowserEngineFallsBackToThePage(t *testing.T) {
	srv := serveCourse(t)
	wrong := map[string]string{"/measured/lambda_rps": "40", "/measured/w_s": "0.25", "/little/l_computed": "12", "/mm1/knee_lambda_rps": "50"}
	findings := map[string]string{}
	for _, in := range []string{"worker", "page"} {
		ctx := newBrowser(t)
		if in == "page" {
			if _, err := chromedp.Call(ctx, network.Enable, network.EnableParams{}); err != nil {
				t.Fatal(err)
			}
			if _, err := chromedp.Call(ctx, network.SetBlockedURLs, network.SetBlockedURLsParams{
				URLPatterns: []*network.BlockPattern{{URLPattern: srv.URL + "/assets/engine-worker.js*", Block: true}}}); err != nil {
				t.Fatal(err)
			}
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
