package main

import (
	"context"
	"encoding/json"
	"path/filepath"
	"testing"

	"github.com/chromedp/chromedp"
)

// chartContrastJS measures every chart of the page: for each SVG text and
// mark (line, polyline, path, circle, bar) the WCAG contrast ratio between
// its colour (a mark's fill, or its stroke when it has no fill; opacity
// blended in) and what is behind it at a few points of it: the topmost
// filled shape painted before it that covers the point (a lane, a bar), else
// the first background colour of the SVG or its ancestors. Text needs
// 4.5:1 and marks 3:1 at their worst point. It returns the failures and
// how many elements it measured.
const chartContrastJS = `(() => {
  const rgb = (s) => { const m = /rgba?\(([\d.]+),\s*([\d.]+),\s*([\d.]+)(?:,\s*([\d.]+))?\)/.exec(s || '');
    return m ? [+m[1], +m[2], +m[3], m[4] === undefined ? 1 : +m[4]] : null; };
  const lum = ([r, g, b]) => { const c = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
    return 0.2126 * c(r) + 0.7152 * c(g) + 0.0722 * c(b); };
  const ratio = (a, b) => { const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p); return (x + 0.05) / (y + 0.05); };
  const over = (fg, a, bg) => fg.slice(0, 3).map((v, i) => a * v + (1 - a) * bg[i]);
  const opacity = (e, svg) => { let a = 1; for (let n = e; n && n !== svg.parentElement; n = n.parentElement) a *= +getComputedStyle(n).opacity; return a; };
  const pageBg = (svg) => { for (let n = svg; n; n = n.parentElement) { const c = rgb(getComputedStyle(n).backgroundColor); if (c && c[3] > 0) return c; } return [255, 255, 255, 1]; };
  // paint is the colour an element draws with, blended with its opacity, or null.
  const paint = (e, prop, svg, bg) => { const cs = getComputedStyle(e); const c = rgb(cs[prop]);
    if (!c) return null; const a = c[3] * +cs[prop + 'Opacity'] * opacity(e, svg); return a > 0 ? over(c, a, bg) : null; };
  const covers = (s, [x, y]) => { const r = s.getBoundingClientRect();
    if (s.tagName === 'circle') { const cx = r.left + r.width / 2, cy = r.top + r.height / 2; return Math.hypot(x - cx, y - cy) <= r.width / 2; }
    return x >= r.left - 0.5 && x <= r.right + 0.5 && y >= r.top - 0.5 && y <= r.bottom + 0.5; };
  const behind = (e, svg, pt) => { let bg = pageBg(svg);
    const shapes = [...svg.querySelectorAll('rect, circle, path, polygon')].filter((s) => s !== e && (s.compareDocumentPosition(e) & Node.DOCUMENT_POSITION_FOLLOWING));
    for (const s of shapes) { if (!covers(s, pt)) continue; const c = paint(s, 'fill', svg, bg); if (c) bg = c; }
    return bg; };
  const screen = (e, x, y) => { const p = new DOMPoint(x, y).matrixTransform(e.getScreenCTM()); return [p.x, p.y]; };
  const points = (e) => { const r = e.getBoundingClientRect();
    switch (e.tagName) {
      case 'line': { const [a, b] = [screen(e, e.x1.baseVal.value, e.y1.baseVal.value), screen(e, e.x2.baseVal.value, e.y2.baseVal.value)];
        return [0.1, 0.5, 0.9].map((f) => [a[0] + f * (b[0] - a[0]), a[1] + f * (b[1] - a[1])]); }
      case 'polyline': return [...e.points].map((p) => screen(e, p.x, p.y));
      case 'text': return [[0.5, 0.5], [0.2, 0.3], [0.8, 0.3], [0.2, 0.7], [0.8, 0.7]].map(([fx, fy]) => [r.left + fx * r.width, r.top + fy * r.height]);
      case 'circle': { const cx = r.left + r.width / 2, cy = r.top + r.height / 2;
        // A ring (no fill) is seen where its stroke is; a dot, at its centre.
        return getComputedStyle(e).fill === 'none' ? [[cx - r.width / 2, cy], [cx + r.width / 2, cy], [cx, cy - r.height / 2], [cx, cy + r.height / 2]] : [[cx, cy]]; }
      default: return [[r.left + r.width / 2, r.top + r.height / 2]];
    } };
  const out = { failures: [], measured: 0 };
  document.querySelectorAll('svg.chart').forEach((svg) => {
    const chart = [...svg.classList].join('.');
    svg.querySelectorAll('text, line, polyline, path, circle, rect.bar').forEach((e) => {
      const r = e.getBoundingClientRect();
      if ((r.width === 0 && r.height === 0) || getComputedStyle(e).display === 'none') return;
      const text = e.tagName === 'text', need = text ? 4.5 : 3;
      let worst = Infinity, at = null;
      for (const pt of points(e)) {
        const bg = behind(e, svg, pt);
        const fill = e.tagName === 'line' ? null : paint(e, 'fill', svg, bg);
        const c = text || fill ? fill : paint(e, 'stroke', svg, bg);
        if (!c) continue;
        const k = ratio(c, bg);
        if (k < worst) { worst = k; at = { c, bg }; }
      }
      if (worst === Infinity) return;
      out.measured++;
      if (worst < need) {
        const what = text ? '"' + e.textContent + '"' : e.tagName + '.' + [...e.classList].join('.');
        out.failures.push(chart + ' ' + what + ': ' + worst.toFixed(2) + ':1 (rgb ' + at.c.map(Math.round) + ' on ' + at.bg.slice(0, 3).map(Math.round) + '), needs ' + need);
      }
    });
  });
  return JSON.stringify(out);
})()`

// chartPages are the kata pages with a passing answer for each, as the
// examples give them (the queue kata's is goodAnswer).
var chartPages = []struct{ page, name string }{
	{"slo", sloExamples[0]}, {"slo", sloExamples[1]},
	{"limiter", filepath.Join(limiterExamples, "per-user.md")},
	{"limiter", filepath.Join(limiterExamples, "per-ip.md")},
	{"limiter", filepath.Join(limiterExamples, "per-resource-cost.md")},
	{"incident", filepath.Join(incidentExamples, "region-writes-503.md")},
	{"incident", filepath.Join(incidentExamples, "checkout-latency.md")},
	{"queue", ""},
}

// eachChartLook fills each passing answer on its page and calls fn in
// each look (1280 and 390 px, light and dark) once the charts are drawn.
func eachChartLook(t *testing.T, fn func(ctx context.Context, name string)) {
	ctx := newBrowser(t)
	srv := serveCourse(t)
	console := watchConsole(ctx)
	for _, c := range chartPages {
		answer := map[string]string{"/little/l_computed": "10"}
		for k, v := range goodAnswer {
			answer[k] = v
		}
		if c.name != "" {
			answer = must(exampleFields(c.name))
		}
		eachLook(t, ctx, srv.URL+"/"+c.page+".html", func(look string, _ int64) {
			if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](callJS(setFieldsJS, answer))); err != nil {
				t.Fatal(err)
			}
			name := c.page + " " + filepath.Base(c.name) + " at " + look
			waitFor(t, ctx, "the passing answer's charts on "+name, `document.querySelector('[data-status]').dataset.state === 'pass' && document.querySelectorAll('svg.chart').length > 0`)
			fn(ctx, name)
		})
	}
	if errs := console.list(); len(errs) > 0 {
		t.Errorf("console errors: %v", errs)
	}
}

// TestBrowserChartContrast: every text of every chart has 4.5:1 against
// what is behind it, and every mark 3:1, on each kata page with a passing
// answer, at 1280 and 390 px, light and dark (axe's color-contrast does not
// look inside SVG).
func TestBrowserChartContrast(t *testing.T) {
	eachChartLook(t, func(ctx context.Context, name string) {
		var got struct {
			Failures []string
			Measured int
		}
		if err := json.Unmarshal([]byte(evalString(t, ctx, chartContrastJS)), &got); err != nil {
			t.Fatal(err)
		}
		if got.Measured < 10 {
			t.Errorf("%s: only %d chart elements measured", name, got.Measured)
		}
		for _, f := range got.Failures {
			t.Errorf("%s: %s", name, f)
		}
	})
}
