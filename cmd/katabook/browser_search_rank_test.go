package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// searchResult is one result as the page shows it.
type searchResult struct {
	Href, Title, Snippet string
	Marks                []string // the marked words, title's and snippet's
	Tags                 []string // every element in the result, to see no markup but ours
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
	read := `[...document.querySelectorAll('[data-search-results] li')].map(li => ({
		Href: li.querySelector('a')?.getAttribute('href') ?? '',
		Title: li.querySelector('a')?.textContent ?? '',
		Snippet: li.querySelector('span')?.textContent ?? '',
		Marks: [...li.querySelectorAll('mark')].map(m => m.textContent),
		Tags: [...li.querySelectorAll('*')].map(e => e.tagName + (e.closest('mark') !== e && e.closest('mark') ? '-in-mark' : '')),
	}))`
	for _, base := range []string{srv.URL + "/", "file://" + out + "/"} {
		if err := chromedp.Do(ctx, chromedp.Navigate(base+"index.html")); err != nil {
			t.Fatal(err)
		}
		search := func(query string) []searchResult {
			t.Helper()
			if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`(document.querySelector('[data-search]').value = '') === ''`)); err != nil {
				t.Fatal(err)
			}
			if err := chromedp.Do(ctx, chromedp.Focus(chromedp.CSS(`[data-search]`)), chromedp.SendKeys(chromedp.CSS(`[data-search]`), query)); err != nil {
				t.Fatal(err)
			}
			waitFor(t, ctx, "results for "+query+" from "+base, `(() => {
				const lis = [...document.querySelectorAll('[data-search-results] li')];
				const list = document.querySelector('[data-search-results]');
				return document.querySelector('[data-search]').value === `+jsString(query)+` && lis.length > 0 && !list.hasAttribute('aria-busy');
			})()`)
			raw, err := chromedp.Run(ctx, chromedp.Evaluate[string](`JSON.stringify(`+read+`)`))
			if err != nil {
				t.Fatal(err)
			}
			var got []searchResult
			if err := json.Unmarshal([]byte(raw), &got); err != nil {
				t.Fatal(err)
			}
			for _, r := range got {
				page, frag, _ := strings.Cut(r.Href, "#")
				html, err := os.ReadFile(filepath.Join(out, page))
				if err != nil || frag != "" && !strings.Contains(string(html), ` id="`+frag+`"`) {
					t.Errorf("%q: the result %s names no heading of its page (%v)", query, r.Href, err)
				}
				for _, tag := range r.Tags {
					if tag != "A" && tag != "SPAN" && tag != "MARK" {
						t.Errorf("%q: a result holds a %s element: %+v", query, tag, r)
					}
				}
			}
			return got
		}
		rank := func(got []searchResult, href string) int {
			return slices.IndexFunc(got, func(r searchResult) bool { return r.Href == href })
		}

		// Two words of a long section, far past its start.
		got := search("GCRA tolerance")
		if len(got) == 0 || got[0].Href != "limiter.html#choosing-an-algorithm" {
			t.Fatalf("%s: GCRA tolerance: %+v", base, got)
		}
		marks := map[string]bool{}
		for _, m := range got[0].Marks {
			marks[strings.ToLower(m)] = true
		}
		if !marks["gcra"] || !marks["tolerance"] || len(marks) != 2 || !strings.Contains(got[0].Snippet, "tolerance") || len(got[0].Snippet) > 200 {
			t.Errorf("%s: the limiter's result marks %v in %q", base, got[0].Marks, got[0].Snippet)
		}

		// A word near the end of a 2,900-character section, and nowhere else.
		got = search("ceiling")
		if len(got) != 1 || got[0].Href != "limiter.html#choosing-an-algorithm" || !slices.Contains(got[0].Marks, "ceiling") || !strings.HasPrefix(got[0].Snippet, "…") {
			t.Errorf("%s: ceiling: %+v", base, got)
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
		if err := chromedp.Do(ctx, chromedp.SendKeys(chromedp.CSS(`[data-search]`), "tolerance zyzzyva")); err != nil {
			t.Fatal(err)
		}
		waitFor(t, ctx, "nothing found", `document.querySelector('[data-search-results]').textContent === 'Nothing found.'`)
	}
}
