package site

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"github.com/katabook/katabook/engine/kata/builtin"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/katabook/katabook/content"
	"github.com/katabook/katabook/engine"
)

func newEngine(t *testing.T) *engine.Engine { return newEngineB(t) }

func newEngineB(t testing.TB) *engine.Engine {
	t.Helper()
	e, err := builtin.New()
	if err != nil {
		t.Fatal(err)
	}
	return e
}

func TestDefaultCourseBuilds(t *testing.T) {
	e := newEngine(t)
	files, err := Files(Options{Content: content.FS, Engine: e})
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"index.html", "queue.html", "assets/app.js", "assets/app.css", "assets/engine.wasm", "assets/wasm_exec.js"} {
		if len(files[name]) == 0 {
			t.Errorf("%s missing or empty", name)
		}
	}
	index := string(files["index.html"])
	if !strings.Contains(index, `href="queue.html"`) || !strings.Contains(index, "20 minutes per run") {
		t.Errorf("index does not list the queue kata with its time limit")
	}
	if !strings.Contains(index, `href="limiter.html"`) || !strings.Contains(index, "45 minutes per run") {
		t.Errorf("index does not list the limiter kata with its time limit")
	}
	// Every leaf of every kata's schema has an input with its pointer.
	for _, id := range e.Katas() {
		page := string(files[id+".html"])
		if page == "" {
			t.Errorf("no page for kata %s", id)
			continue
		}
		root, _ := e.Fields(id)
		checkLeaves(t, page, root)
	}
	page := string(files["queue.html"])
	if strings.Contains(page, "```form") || strings.Contains(page, "language-form") {
		t.Error("the form directive was rendered as a code block")
	}
	// Assets are relative, so the site works under any sub-path.
	for _, m := range regexp.MustCompile(`(?:src|href)="([^"]+)"`).FindAllStringSubmatch(page, -1) {
		if strings.HasPrefix(m[1], "/") || strings.Contains(m[1], "://") {
			t.Errorf("absolute URL %q in page", m[1])
		}
	}
	if strings.Contains(page, "<script>") || strings.Contains(page, " style=") {
		t.Error("inline script or style in the page")
	}
}

func TestBrokenWorkbookFailsWithFileAndLine(t *testing.T) {
	e := newEngine(t)
	cfs := fstest.MapFS{
		"a.md": {Data: []byte("---\ntitle: A\nkata: slo\n---\n\nIntro.\n\n```form chaos\n```\n")},
		"b.md": {Data: []byte("---\ntitle: B\nbogus: 1\n---\nbody\n")},
	}
	_, err := Files(Options{Content: cfs, Engine: e})
	var be BuildErrors
	if !errors.As(err, &be) || len(be) != 2 {
		t.Fatalf("want 2 build errors, got %v", err)
	}
	if be[0].File != "a.md" || be[0].Line != 8 || !strings.Contains(be[0].Msg, "chaos") {
		t.Errorf("first error %+v, want a.md:8 naming chaos", be[0])
	}
	if be[1].File != "b.md" || !strings.Contains(be[1].Msg, "bogus") {
		t.Errorf("second error %+v", be[1])
	}
}

func TestRawHTMLInWorkbooksIsNotPublished(t *testing.T) {
	cfs := fstest.MapFS{"a.md": {Data: []byte("---\ntitle: A\n---\n\n<script>alert(1)</script>\n\n<img src=x onerror=alert(1)>\n")}}
	files, err := Files(Options{Content: cfs, Engine: newEngine(t)})
	if err != nil {
		t.Fatal(err)
	}
	if page := string(files["a.html"]); strings.Contains(page, "alert(1)") {
		t.Errorf("raw HTML reached the page:\n%s", page)
	}
}

func TestTrustedWorkbookMayOptIntoRawHTML(t *testing.T) {
	cfs := fstest.MapFS{"a.md": {Data: []byte("---\ntitle: A\nraw_html: true\n---\n\n<details><summary>Hint</summary>λ·W</details>\n")}}
	files, err := Files(Options{Content: cfs, Engine: newEngine(t)})
	if err != nil {
		t.Fatal(err)
	}
	if page := string(files["a.html"]); !strings.Contains(page, "<details><summary>Hint</summary>") {
		t.Errorf("raw_html: true did not publish the workbook's HTML")
	}
}

func TestFailedBuildKeepsThePreviousSite(t *testing.T) {
	e := newEngine(t)
	out := filepath.Join(t.TempDir(), "public")
	if _, err := Build(Options{Content: content.FS, Engine: e}, out); err != nil {
		t.Fatal(err)
	}
	before, err := os.ReadFile(filepath.Join(out, "queue.html"))
	if err != nil {
		t.Fatal(err)
	}
	broken := fstest.MapFS{"x.md": {Data: []byte("no front matter")}}
	if _, err := Build(Options{Content: broken, Engine: e}, out); err == nil {
		t.Fatal("a broken course must fail the build")
	}
	after, err := os.ReadFile(filepath.Join(out, "queue.html"))
	if err != nil || string(after) != string(before) {
		t.Fatal("a failed build changed the previous site")
	}
	leftovers, _ := filepath.Glob(filepath.Join(filepath.Dir(out), ".public.new-*"))
	if len(leftovers) != 0 {
		t.Errorf("temporary folders left behind: %v", leftovers)
	}
}

func TestBuildsAreReproducible(t *testing.T) {
	e := newEngine(t)
	hashes := func() map[string]string {
		out := filepath.Join(t.TempDir(), "public")
		if _, err := Build(Options{Content: content.FS, Engine: e}, out); err != nil {
			t.Fatal(err)
		}
		h := map[string]string{}
		err := filepath.WalkDir(out, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			b, err := os.ReadFile(p)
			sum := sha256.Sum256(b)
			h[strings.TrimPrefix(p, out)] = hex.EncodeToString(sum[:])
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		return h
	}
	first, second := hashes(), hashes()
	if len(first) < 5 {
		t.Fatalf("only %d files built", len(first))
	}
	if !reflect.DeepEqual(first, second) {
		t.Errorf("two builds of the same input differ:\n%v\n%v", first, second)
	}
}

func TestInternalLinksAreCheckedAndRewritten(t *testing.T) {
	e := newEngine(t)
	ok := fstest.MapFS{
		"a.md": {Data: []byte("---\ntitle: A\norder: 1\n---\n\n## First steps\n\nSee [B's notes](b.md#notes), [B](b.html) and [below](#first-steps).\n")},
		"b.md": {Data: []byte("---\ntitle: B\norder: 2\n---\n\n## Notes\n\nBack to [A](a.md) or [the index](index.html) or [the web](https://example.com/x.md).\n")},
	}
	files, err := Files(Options{Content: ok, Engine: e})
	if err != nil {
		t.Fatal(err)
	}
	a := string(files["a.html"])
	if !strings.Contains(a, `href="b.html#notes"`) || strings.Contains(a, `b.md`) {
		t.Errorf("a link to a workbook's .md is not rewritten to its page")
	}
	if !strings.Contains(a, `rel="next" href="b.html"`) || !strings.Contains(string(files["b.html"]), `rel="prev" href="a.html"`) {
		t.Errorf("pages do not link their neighbours")
	}
	broken := fstest.MapFS{
		"a.md": {Data: []byte("---\ntitle: A\n---\n\nIntro.\n\nSee [gone](c.md) and\n[no anchor](b.md#nowhere).\n")},
		"b.md": {Data: []byte("---\ntitle: B\n---\n\n## Notes\n\nSee [self](#missing).\n")},
	}
	_, err = Files(Options{Content: broken, Engine: e})
	var be BuildErrors
	if !errors.As(err, &be) {
		t.Fatalf("broken links must fail the build, got %v", err)
	}
	got := be.Error()
	for _, want := range []string{`a.md:7: broken link "c.md": no workbook c.md`, `a.md:8: broken link "b.md#nowhere": b has no heading with id "nowhere"`,
		`b.md:7: broken link "#missing"`} {
		if !strings.Contains(got, want) {
			t.Errorf("missing %q in:\n%s", want, got)
		}
	}
}

// checkLeaves asserts that a page has an input for every leaf field.
func checkLeaves(t *testing.T, page string, root *engine.Field) {
	t.Helper()
	var leaves func(f *engine.Field)
	leaves = func(f *engine.Field) {
		switch {
		case f.Items != nil:
			for _, c := range f.Items.Fields {
				ptr := strings.Replace(c.Pointer, "/*/", "/0/", 1)
				if !strings.Contains(page, `data-pointer="`+ptr+`"`) {
					t.Errorf("no input for %s", ptr)
				}
			}
		case len(f.Fields) > 0:
			for _, c := range f.Fields {
				leaves(c)
			}
		default:
			if !strings.Contains(page, `data-pointer="`+f.Pointer+`"`) {
				t.Errorf("no input for %s", f.Pointer)
			}
		}
	}
	leaves(root)
}

// TestCardsLayout: a list with x-layout: cards (the incident timeline) is a
// fieldset per item with labelled fields, not a table; other lists stay tables.
func TestCardsLayout(t *testing.T) {
	e := newEngine(t)
	files, err := Files(Options{Content: content.FS, Engine: e})
	if err != nil {
		t.Fatal(err)
	}
	page := string(files["incident.html"])
	for _, want := range []string{
		`<div class="card-list" data-rows="/timeline">`,
		`<fieldset class="card" data-row="0" data-field="/timeline/0"><legend data-row-label="Entry">Entry 1</legend>`,
		`<label for="f-timeline-0-phase">Phase</label><select id="f-timeline-0-phase" data-pointer="/timeline/0/phase"`,
		`<textarea id="f-timeline-0-action" data-pointer="/timeline/0/action"`,
		`data-action="add-row" data-list="/timeline">Add entry</button>`,
		`<tbody data-rows="/postmortem/action_items">`,
		`<tbody data-rows="/bonus/alerts">`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("incident page lacks %s", want)
		}
	}
	if strings.Contains(page, `<tbody data-rows="/timeline">`) {
		t.Error("the timeline is a table")
	}
}
