package site

import (
	"errors"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/katabook/katabook/content"
)

// course is the default course with the workbooks given added or replaced.
func course(t *testing.T, extra map[string]string) fstest.MapFS {
	t.Helper()
	cfs := fstest.MapFS{}
	for _, name := range []string{"queue.md", "queue.rules.yaml", "queue.schema.json", "slo.md"} {
		src, err := content.FS.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		cfs[name] = &fstest.MapFile{Data: src}
	}
	for name, src := range extra {
		cfs[name] = &fstest.MapFile{Data: []byte(src)}
	}
	return cfs
}

// buildErrors builds cfs in memory and returns its workbook problems.
func buildErrors(t *testing.T, cfs fstest.MapFS) string {
	t.Helper()
	_, err := Files(Options{Content: cfs, Engine: newEngine(t)})
	var be BuildErrors
	if err != nil && !errors.As(err, &be) {
		t.Fatalf("not a workbook problem: %v", err)
	}
	return be.Error()
}

// TestHugeWorkbookIsRefused: a workbook is read no further than
// MaxWorkbookBytes, and a larger one fails the build with its name.
func TestHugeWorkbookIsRefused(t *testing.T) {
	huge := "---\ntitle: Huge\n---\n" + strings.Repeat("word ", MaxWorkbookBytes/5+1)
	if got := buildErrors(t, course(t, map[string]string{"huge.md": huge})); !strings.Contains(got, "huge.md:1: the workbook is larger than 8 MiB") {
		t.Errorf("build errors %q", got)
	}
}

// TestSlugsAreSafeRelativePaths: a workbook whose name would make an
// unsafe or broken link (a javascript: URL in the sidebar and the search
// results, a space, a quote, a hidden file, a newline) fails the build
// with its name and line, and the message prints the name quoted.
func TestSlugsAreSafeRelativePaths(t *testing.T) {
	for _, name := range []string{"javascript:alert(document.domain).md", "my kata.md", `a"b.md`, ".hidden.md", "ü.md", "x\n::error::y.md", "%2e.md"} {
		got := buildErrors(t, course(t, map[string]string{name: "---\ntitle: T\n---\nBody.\n"}))
		if !strings.Contains(got, ":1: the workbook's name makes the page's address") || strings.Contains(got, "\n::") {
			t.Errorf("%q: build errors %q", name, got)
		}
	}
	files, err := Files(Options{Content: course(t, map[string]string{"ok-name_1.2.md": "---\ntitle: T\n---\nBody.\n"}), Engine: newEngine(t)})
	if err != nil || files["ok-name_1.2.html"] == nil {
		t.Fatalf("a safe name: %v", err)
	}
}

// TestEveryPageCarriesTheCSP: every page has the policy in a meta element
// (for hosts that send no header, and pages opened from disk), all of it
// but frame-ancestors, which only a header can carry.
func TestEveryPageCarriesTheCSP(t *testing.T) {
	files, err := Files(Options{Content: content.FS, Engine: newEngine(t)})
	if err != nil {
		t.Fatal(err)
	}
	want := `<meta http-equiv="Content-Security-Policy" content="` + strings.ReplaceAll(MetaContentSecurityPolicy, "'", "&#39;") + `">`
	pages := 0
	for name, data := range files {
		if !strings.HasSuffix(name, ".html") {
			continue
		}
		pages++
		head, _, _ := strings.Cut(string(data), "<script")
		if !strings.Contains(head, want) {
			t.Errorf("%s: no CSP meta before its scripts", name)
		}
	}
	if pages < 3 || strings.Contains(MetaContentSecurityPolicy, "frame-ancestors") || ContentSecurityPolicy != MetaContentSecurityPolicy+"; frame-ancestors 'none'" {
		t.Errorf("%d pages; meta policy %q", pages, MetaContentSecurityPolicy)
	}
}

// TestIndexMDIsTheHomePage: index.md gives the home page its title and
// the introduction above the kata cards; it is no kata page or card of
// its own, and its headings can be linked to and found.
func TestIndexMDIsTheHomePage(t *testing.T) {
	home := "---\ntitle: SRE bootcamp\n---\nWelcome, **team**. Start with [the queue](queue.md).\n\n## Ground rules\n\nOne kata a day.\n"
	cfs := course(t, map[string]string{"index.md": home})
	files, err := Files(Options{Content: cfs, Engine: newEngine(t)})
	if err != nil {
		t.Fatal(err)
	}
	index := string(files["index.html"])
	for _, want := range []string{"<title>SRE bootcamp · katabook</title>", "<h1>SRE bootcamp</h1>", "Welcome, <strong>team</strong>", `href="queue.html"`, `id="ground-rules"`} {
		if !strings.Contains(index, want) {
			t.Errorf("the home page lacks %q", want)
		}
	}
	_, cards, _ := strings.Cut(index, `<ol class="katas">`)
	if strings.Contains(cards, `href="index.html"`) || strings.Count(cards, `class="kata-card"`) != 2 {
		t.Errorf("the cards: %.400s", cards)
	}
	found := false
	d := decodeIndex(t, files["assets/search.js"])
	for i := range d.sections {
		found = found || d.href(i) == "index.html#ground-rules"
	}
	if strings.Contains(string(files["assets/nav.js"]), `"s":"index"`) || !found || !slices.Contains(textScripts(t, files)["index"], "One kata a day.") {
		t.Errorf("nav %s\nsearch lacks the home page's section", files["assets/nav.js"])
	}
	cfs["slo.md"].Data = append(cfs["slo.md"].Data, "\nSee [the rules](index.md#ground-rules).\n"...)
	if _, err := Files(Options{Content: cfs, Engine: newEngine(t)}); err != nil {
		t.Errorf("a link to the home page's heading: %v", err)
	}
}

// TestSlugCollisionsFailNamingBoth: pages whose names differ only in case
// would be one file on many hosts; the build fails naming both.
func TestSlugCollisionsFailNamingBoth(t *testing.T) {
	got := buildErrors(t, course(t, map[string]string{"Queue.md": "---\ntitle: Q\n---\nx\n", "Index.md": "---\ntitle: I\n---\nx\n"}))
	for _, want := range []string{"queue.md:1: its page queue.html collides with the page of Queue.md (Queue.html)", "Index.md:1: its page Index.html collides with the course's home page index.html"} {
		if !strings.Contains(got, want) {
			t.Errorf("build errors lack %q:\n%s", want, got)
		}
	}
}
