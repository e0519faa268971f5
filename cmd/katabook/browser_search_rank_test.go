package main

import (
	"context"
	"encoding/json"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/katabook/katabook/content"
)

// searchResult is one result as the page shows it.
type searchResult struct {
	Href, Title, Snippet string
	Marks                []string // the marked words, title's and snippet's
	Tags                 []string // every element in the result, to see no markup but ours
}

// searchFor types query into the header's search box, waits for the
// results and their snippets, and reads them, failing the test on a
// result whose address names no heading of its page (when out, the built
// site's folder, is given) or that holds an element other than ours.
func searchFor(t *testing.T, ctx context.Context, base, out, query string) []searchResult {
	t.Helper()
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`(document.querySelector('[data-search]').value = '') === ''`)); err != nil {
		t.Fatal(err)
	}
	typeKeys(t, ctx, `[data-search]`, query)
	waitFor(t, ctx, "results for "+query+" from "+base, `(() => {
		const lis = [...document.querySelectorAll('[data-search-results] li')];
		const list = document.querySelector('[data-search-results]');
		return document.querySelector('[data-search]').value === `+jsString(query)+` && lis.length > 0 && !list.hasAttribute('aria-busy');
	})()`)
	raw, err := chromedp.Run(ctx, chromedp.Evaluate[string](`JSON.stringify([...document.querySelectorAll('[data-search-results] li')].map(li => ({
		Href: li.querySelector('a')?.getAttribute('href') ?? '',
		Title: li.querySelector('a')?.textContent ?? '',
		Snippet: li.querySelector('span')?.textContent ?? '',
		Marks: [...li.querySelectorAll('mark')].map(m => m.textContent),
		Tags: [...li.querySelectorAll('*')].map(e => e.tagName + (e.parentElement.closest('mark') ? '-in-mark' : '')),
	})))`))
	if err != nil {
		t.Fatal(err)
	}
	var got []searchResult
	if err := json.Unmarshal([]byte(raw), &got); err != nil {
		t.Fatal(err)
	}
	for _, r := range got {
		if page, frag, _ := strings.Cut(r.Href, "#"); out != "" && r.Href != "" { // "" for "Nothing found."
			html, err := os.ReadFile(filepath.Join(out, page))
			if err != nil || frag != "" && !strings.Contains(string(html), ` id="`+frag+`"`) {
				t.Errorf("%q: the result %s names no heading of its page (%v)", query, r.Href, err)
			}
		}
		for _, tag := range r.Tags {
			if tag != "A" && tag != "SPAN" && tag != "MARK" {
				t.Errorf("%q: a result holds a %s element: %+v", query, tag, r)
			}
		}
	}
	return got
}

// deepWord is the last word of a workbook's section (by its heading) that
// no other section of the course has, read from the Markdown, so it
// follows the workbooks as they change; with where it is in the section
// and how long the section is.
func deepWord(t *testing.T, file, heading string) (string, int, int) {
	t.Helper()
	word := regexp.MustCompile(`\pL{6,}`)
	seen := map[string]int{} // word -> how many sections have it
	var mine string
	names, _ := fs.Glob(content.FS, "*.md")
	for _, name := range names {
		src, err := fs.ReadFile(content.FS, name)
		if err != nil {
			t.Fatal(err)
		}
		for _, sec := range strings.Split(string(src), "\n## ") {
			if name == file && strings.HasPrefix(sec, heading+"\n") {
				mine = sec
			}
			for _, w := range slices.Compact(slices.Sorted(slices.Values(word.FindAllString(strings.ToLower(sec), -1)))) {
				seen[w]++
			}
		}
	}
	for _, m := range slices.Backward(word.FindAllStringIndex(mine, -1)) {
		if w := strings.ToLower(mine[m[0]:m[1]]); seen[w] == 1 && m[0] > 1000 {
			return w, m[0], len(mine)
		}
	}
	t.Fatalf("%s: no section %q with a word of its own past its first 1,000 characters", file, heading)
	return "", 0, 0
}

// TestSearchFullTextRankedAndMarked: search finds any word of any section,
// however deep in it, over HTTP and from file://; a section whose heading
// has the word ranks above one that mentions it; the results mark the
// matched words in the title and in a snippet around them, as text, with
// <mark> elements and no other markup.
func TestSearchFullTextRankedAndMarked(t *testing.T) {
	out := buildCourse(t)
	srv := serveCourse(t)
	ctx := newBrowser(t)
	deep, at, size := deepWord(t, "limiter.md", "Choosing an algorithm")
	t.Logf("searching for %q, %d characters into a section of %d", deep, at, size)
	for _, base := range []string{srv.URL + "/", "file://" + out + "/"} {
		if err := chromedp.Do(ctx, chromedp.Navigate(base+"index.html")); err != nil {
			t.Fatal(err)
		}
		search := func(query string) []searchResult { t.Helper(); return searchFor(t, ctx, base, out, query) }
		rank := func(got []searchResult, href string) int {
			return slices.IndexFunc(got, func(r searchResult) bool { return r.Href == href })
		}

		// Two words of a long section, far past its start.
		got := search("GCRA tolerance")
		marks := map[string]bool{}
		for _, m := range got[0].Marks {
			marks[strings.ToLower(m)] = true
		}
		if got[0].Href != "limiter.html#choosing-an-algorithm" {
			t.Errorf("%s: GCRA tolerance: %+v", base, got)
		} else if !marks["gcra"] || !marks["tolerance"] || len(marks) != 2 || !strings.Contains(got[0].Snippet, "tolerance") || len(got[0].Snippet) > 200 {
			t.Errorf("%s: the limiter's result marks %v in %q", base, got[0].Marks, got[0].Snippet)
		}

		// The last word of a long section that no other section has.
		got = search(deep)
		if len(got) != 1 || got[0].Href != "limiter.html#choosing-an-algorithm" || !slices.ContainsFunc(got[0].Marks, func(m string) bool { return strings.EqualFold(m, deep) }) || !strings.HasPrefix(got[0].Snippet, "…") {
			t.Errorf("%s: %s: %+v", base, deep, got)
		}

		// A heading's word ranks its section above the sections that
		// mention it, even a shorter one that mentions it more often.
		for _, c := range []struct{ query, heading, mention string }{
			{"latency", "queue.html#the-utilisation-latency-curve", "slo.html#three-slis-each-as-good--total"},
			{"scenario", "incident.html#pick-a-scenario", "limiter.html#how-katabook-checks-your-design"},
		} {
			got = search(c.query)
			h, m := rank(got, c.heading), rank(got, c.mention)
			if h != 0 || m <= h {
				t.Errorf("%s: %s: the heading's section is result %d, the mention's %d: %+v", base, c.query, h, m, got)
			} else if !slices.ContainsFunc(got[0].Marks, func(s string) bool { return strings.EqualFold(s, c.query) }) || !strings.Contains(strings.ToLower(got[0].Title), c.query) {
				t.Errorf("%s: %s: the heading's match is not marked: %+v", base, c.query, got[0])
			}
		}

		// The word being typed matches as a prefix; a word that is nowhere
		// finds nothing.
		if got = search("GCRA toler"); rank(got, "limiter.html#choosing-an-algorithm") != 0 {
			t.Errorf("%s: GCRA toler: %+v", base, got)
		}
		if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`(document.querySelector('[data-search]').value = '') === ''`)); err != nil {
			t.Fatal(err)
		}
		typeKeys(t, ctx, `[data-search]`, "tolerance zyzzyva")
		waitFor(t, ctx, "nothing found", `document.querySelector('[data-search-results]').textContent === 'Nothing found.'`)
		if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`(document.querySelector('[data-search]').value = '') === ''`)); err != nil {
			t.Fatal(err)
		}
		typeKeys(t, ctx, `[data-search]`, "τ")
		waitFor(t, ctx, "a word too short", `document.querySelector('[data-search-results]').textContent === 'Type a word of two letters or more.'`)
	}
}

// TestSearchShowsTextNeverMarkup: words in any alphabet, one outside the
// BMP among them, are found whole and by their start; markup written as
// text in a workbook comes back in the results as text, and runs nothing.
func TestSearchShowsTextNeverMarkup(t *testing.T) {
	src, err := fs.ReadFile(content.FS, "queue.md")
	if err != nil {
		t.Fatal(err)
	}
	extra := "\n\n## Café 𝔘nique\n\nNaïve CAFÉS serve 𝔘nicode. Try `<img src=x onerror=\"window.__pwned='search'\">` in a title.\n"
	srv := serveContent(t, queueCourse(t, append(src, extra...)))
	ctx := newBrowser(t)
	if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+"/index.html")); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ query, mark string }{{"cafés", "CAFÉS"}, {"naïve 𝔘ni", "𝔘nique"}, {"𝔘nicode", "𝔘nicode"}, {"onerror", "onerror"}} {
		got := searchFor(t, ctx, srv.URL, "", c.query)
		if len(got) == 0 || got[0].Href != "queue.html#caf-nique" {
			t.Errorf("%s: %+v", c.query, got)
			continue
		}
		if !slices.Contains(got[0].Marks, c.mark) {
			t.Errorf("%s: marks %v in %q %q", c.query, got[0].Marks, got[0].Title, got[0].Snippet)
		}
	}
	got := searchFor(t, ctx, srv.URL, "", "onerror")
	pwned, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`String(window.__pwned ?? '') + document.querySelectorAll('[data-search-results] img').length`))
	if !strings.Contains(got[0].Snippet, `<img src=x onerror="window.__pwned='search'">`) || pwned != "0" {
		t.Errorf("the markup came back as %q; ran: %q", got[0].Snippet, pwned)
	}
}

// TestSearchResultsFitAndRead: at 390 and 1280 px, in light and dark, the
// results lie inside the screen, and their text and marked words have a
// contrast of 4.5:1 or more against what is behind them.
func TestSearchResultsFitAndRead(t *testing.T) {
	srv := serveCourse(t)
	ctx := newBrowser(t)
	// contrast of el's text against its own background, or the list's.
	check := `(() => {
		const lum = (c) => { const [r, g, b] = c.match(/[\d.]+/g).slice(0, 3).map(Number).map(v => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; }); return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
		const ratio = (a, b) => { const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p); return (x + 0.05) / (y + 0.05); };
		const list = document.querySelector('[data-search-results]');
		const box = list.getBoundingClientRect();
		const bad = [];
		if (box.left < 0 || box.right > innerWidth) bad.push('the list spans ' + Math.round(box.left) + '..' + Math.round(box.right) + ' px of ' + innerWidth);
		const listBg = getComputedStyle(list).backgroundColor;
		for (const el of list.querySelectorAll('a, span, mark')) {
			const s = getComputedStyle(el);
			const bg = el.tagName === 'MARK' ? s.backgroundColor : listBg;
			const r = ratio(s.color, bg);
			if (r < 4.5) bad.push(el.tagName + ' ' + JSON.stringify(el.textContent.slice(0, 30)) + ': ' + s.color + ' on ' + bg + ' = ' + r.toFixed(2));
		}
		return JSON.stringify(bad);
	})()`
	for _, width := range []int64{390, 1280} {
		for _, theme := range []string{"light", "dark"} {
			if err := chromedp.Do(ctx, chromedp.EmulateViewport(width, 844), chromedp.Navigate(srv.URL+"/limiter.html")); err != nil {
				t.Fatal(err)
			}
			evalString(t, ctx, `(() => { localStorage.setItem('katabook:theme', '`+theme+`'); document.documentElement.dataset.theme = '`+theme+`'; return '' })()`)
			got := searchFor(t, ctx, srv.URL, "", "GCRA tolerance")
			if len(got) == 0 || len(got[0].Marks) == 0 {
				t.Fatalf("%d px, %s: %+v", width, theme, got)
			}
			if bad := evalString(t, ctx, check); bad != "[]" {
				t.Errorf("%d px, %s: %s", width, theme, bad)
			}
		}
	}
}

// TestSearchWorksOffline: after one visit over HTTP, with the server gone,
// search still finds a section and shows its snippet: the service worker
// kept the index and every page's text.
func TestSearchWorksOffline(t *testing.T) {
	ctx := newBrowser(t)
	srv := serveCourse(t)
	if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+"/index.html")); err != nil {
		t.Fatal(err)
	}
	waitFor(t, ctx, "the service worker in control", `!!navigator.serviceWorker.controller`)
	srv.Close()
	if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+"/slo.html")); err != nil {
		t.Fatal(err)
	}
	got := searchFor(t, ctx, srv.URL+" offline", "", "GCRA tolerance")
	if len(got) == 0 || got[0].Href != "limiter.html#choosing-an-algorithm" || !strings.Contains(got[0].Snippet, "tolerance") {
		t.Errorf("offline: %+v", got)
	}
}
