package main

import (
	"context"
	"encoding/json"
	"fmt"
	"math"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
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
// chartPage is a kata page and its passing example (none: the queue's
// goodAnswer); declared says the kata is the capacity kata of
// examples/capacity, served as its own course.
type chartPage struct {
	page, name string
	declared   bool
}

var chartPages = []chartPage{
	{"slo", sloExamples[0], false}, {"slo", sloExamples[1], false},
	{"limiter", filepath.Join(limiterExamples, "per-user.md"), false},
	{"limiter", filepath.Join(limiterExamples, "per-ip.md"), false},
	{"limiter", filepath.Join(limiterExamples, "per-resource-cost.md"), false},
	{"incident", filepath.Join(incidentExamples, "region-writes-503.md"), false},
	{"incident", filepath.Join(incidentExamples, "checkout-latency.md"), false},
	{"queue", "", false},
	{"capacity", "../../examples/capacity/submissions/right.md", true},
}

// eachChartLook fills each passing answer on its page and calls fn in
// each look (1280 and 390 px, light and dark) once the charts are drawn.
func eachChartLook(t *testing.T, pages []chartPage, fn func(ctx context.Context, name string)) {
	ctx := newBrowser(t)
	builtin := serveCourse(t)
	var declared *httptest.Server
	console := watchConsole(ctx)
	for _, c := range pages {
		srv := builtin
		if c.declared {
			if declared == nil {
				declared = serveContent(t, os.DirFS(capacityCourse(t)))
			}
			srv = declared
		}
		answer := map[string]string{"/little/l_computed": "10"}
		for k, v := range goodAnswer {
			answer[k] = v
		}
		if c.name != "" {
			answer = must(exampleFields(c.name))
		}
		// Each example starts from no answer, not the last one's rows.
		if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+"/index.html")); err != nil {
			t.Fatal(err)
		}
		evalString(t, ctx, `(() => { localStorage.clear(); return '' })()`)
		eachLook(t, ctx, srv.URL+"/"+c.page+".html", func(look string, _ int64) {
			before := evalInt(t, ctx, `+document.querySelector('form.kata-form').dataset.checks`)
			if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](callJS(setFieldsJS, answer))); err != nil {
				t.Fatal(err)
			}
			name := c.page + " " + filepath.Base(c.name) + " at " + look
			waitFor(t, ctx, "the passing answer's charts on "+name, fmt.Sprintf(`+document.querySelector('form.kata-form').dataset.checks > %d &&
				document.querySelector('[data-status]').dataset.state === 'pass' && document.querySelectorAll('svg.chart').length > 0`, before))
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
	eachChartLook(t, chartPages, func(ctx context.Context, name string) {
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

// chartLayoutJS checks where every chart puts its text, in the SVG's own
// units: no two texts overlap, no text crosses a line of the chart (an
// axis, a curve, a marker), and every text keeps a 4-unit margin inside
// the frame. It returns the failures.
const chartLayoutJS = `(() => {
  const out = [];
  document.querySelectorAll('svg.chart').forEach((svg) => {
    const chart = [...svg.classList].join('.');
    const frame = svg.getBoundingClientRect(), vb = svg.viewBox.baseVal, k = vb.width / frame.width;
    const local = (r) => ({ l: (r.left - frame.left) * k, t: (r.top - frame.top) * k, r: (r.right - frame.left) * k, b: (r.bottom - frame.top) * k });
    const texts = [...svg.querySelectorAll('text')].filter((e) => e.textContent.trim() !== '').map((e) => ({ e, box: local(e.getBoundingClientRect()) }));
    const say = (e) => '"' + e.textContent + '"';
    const m = 4;
    for (const { e, box } of texts) {
      if (box.l < m || box.t < m || box.r > vb.width - m || box.b > vb.height - m) {
        out.push(chart + ' ' + say(e) + ' is within ' + m + ' of the frame: ' + [box.l, box.t, vb.width - box.r, vb.height - box.b].map((v) => v.toFixed(1)).join(', '));
      }
    }
    // Glyph boxes include the font's line gap: shrink them a little.
    const inner = (b) => ({ l: b.l + 0.5, t: b.t + 1.5, r: b.r - 0.5, b: b.b - 1.5 });
    for (let i = 0; i < texts.length; i++) for (let j = i + 1; j < texts.length; j++) {
      const a = inner(texts[i].box), b = inner(texts[j].box);
      if (a.l < b.r && b.l < a.r && a.t < b.b && b.t < a.b) out.push(chart + ' ' + say(texts[i].e) + ' overlaps ' + say(texts[j].e));
    }
    const pt = (e, x, y) => { const p = new DOMPoint(x, y).matrixTransform(e.getScreenCTM()); return [(p.x - frame.left) * k, (p.y - frame.top) * k]; };
    for (const e of svg.querySelectorAll('line, polyline')) {
      const ps = e.tagName === 'line' ? [pt(e, e.x1.baseVal.value, e.y1.baseVal.value), pt(e, e.x2.baseVal.value, e.y2.baseVal.value)] : [...e.points].map((p) => pt(e, p.x, p.y));
      for (const { e: t, box } of texts) {
        const b = inner(box);
        let hit = false;
        for (let s = 1; s < ps.length && !hit; s++) {
          const [a, c] = [ps[s - 1], ps[s]], n = Math.ceil(Math.hypot(c[0] - a[0], c[1] - a[1]) * 2) + 1;
          for (let q = 0; q <= n && !hit; q++) { const x = a[0] + (q / n) * (c[0] - a[0]), y = a[1] + (q / n) * (c[1] - a[1]); hit = x > b.l && x < b.r && y > b.t && y < b.b; }
        }
        if (hit) out.push(chart + ' ' + say(t) + ' crosses ' + e.tagName + '.' + [...e.classList].join('.'));
      }
    }
  });
  return JSON.stringify(out);
})()`

// TestBrowserChartLayout: on each kata page with a passing answer, at
// 1280 and 390 px, light and dark, no chart's labels overlap each other or
// its lines, and every label (the legends too) keeps a margin inside the
// frame.
func TestBrowserChartLayout(t *testing.T) {
	eachChartLook(t, chartPages, func(ctx context.Context, name string) {
		var bad []string
		if err := json.Unmarshal([]byte(evalString(t, ctx, chartLayoutJS)), &bad); err != nil {
			t.Fatal(err)
		}
		for _, f := range bad {
			t.Errorf("%s: %s", name, f)
		}
	})
}

// slideToJS moves the SLO chart's slider to the position nearest an
// error ratio (in per cent) and returns the ratio its output then says.
const slideToJS = `(want) => {
  const s = document.querySelector('[data-chart-control="error-ratio"]'), out = s.parentElement.querySelector('output');
  const at = (v) => { s.value = v; s.dispatchEvent(new Event('input', {bubbles: true})); return parseFloat(out.textContent); };
  let best = 0;
  for (let v = +s.min; v <= +s.max; v++) if (Math.abs(at(v) - want) < Math.abs(at(best) - want)) best = v;
  return String(at(best));
}`

// TestBrowserSLOChartScale: at 1.1% errors against a 99.9% or 99.95%
// target the budget is gone in a day or two of a 30-day window; the chart
// shows that span, so the line at this rate runs across at least 40% of
// the plot's width and all the way down to an empty budget, with its
// labels clear of each other, of its lines and of the frame, and readable.
func TestBrowserSLOChartScale(t *testing.T) {
	var pages []chartPage
	for _, ex := range sloExamples {
		pages = append(pages, chartPage{"slo", ex, false})
	}
	eachChartLook(t, pages, func(ctx context.Context, name string) {
		if got, _ := strconv.ParseFloat(evalString(t, ctx, callJS(slideToJS, 1.1)), 64); math.Abs(got-1.1) > 0.05 {
			t.Fatalf("%s: the slider comes nearest 1.1%% errors at %g%%", name, got)
		}
		var ext struct{ Width, Height float64 }
		js := `JSON.stringify((() => { const svg = document.querySelector('svg.chart.slo');
				const c = svg.querySelector('line.curve:not(.key)').getBBox(), axes = [...svg.querySelectorAll('line.axis')].map((l) => l.getBBox());
				return { width: c.width / axes[0].width, height: c.height / axes[1].height } })())`
		if err := json.Unmarshal([]byte(evalString(t, ctx, js)), &ext); err != nil {
			t.Fatal(err)
		}
		if ext.Width < 0.4 || ext.Height < 0.99 {
			t.Errorf("%s: at 1.1%% errors the budget line spans %.0f%% of the plot's width and %.0f%% of its height", name, ext.Width*100, ext.Height*100)
		}
		t.Logf("%s: at 1.1%% errors the budget line spans %.0f%% of the plot's width", name, ext.Width*100)
		var bad []string
		if err := json.Unmarshal([]byte(evalString(t, ctx, chartLayoutJS)), &bad); err != nil {
			t.Fatal(err)
		}
		var got struct{ Failures []string }
		if err := json.Unmarshal([]byte(evalString(t, ctx, chartContrastJS)), &got); err != nil {
			t.Fatal(err)
		}
		for _, f := range append(bad, got.Failures...) {
			t.Errorf("%s at 1.1%% errors: %s", name, f)
		}
	})
}
