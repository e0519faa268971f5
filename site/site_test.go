package site

import (
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/katabook/katabook/content"
	"github.com/katabook/katabook/engine"
	"github.com/katabook/katabook/schemas"
)

func newEngine(t *testing.T) *engine.Engine {
	t.Helper()
	e, err := engine.New(schemas.FS)
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
	page := string(files["queue.html"])
	// Every leaf of the schema has an input with its pointer.
	root, _ := e.Fields("queue")
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
		"a.md": {Data: []byte("---\ntitle: A\nkata: queue\n---\n\nIntro.\n\n```form chaos\n```\n")},
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

func TestFailedBuildKeepsThePreviousSite(t *testing.T) {
	e := newEngine(t)
	out := filepath.Join(t.TempDir(), "public")
	if err := Build(Options{Content: content.FS, Engine: e}, out); err != nil {
		t.Fatal(err)
	}
	before, err := os.ReadFile(filepath.Join(out, "queue.html"))
	if err != nil {
		t.Fatal(err)
	}
	broken := fstest.MapFS{"x.md": {Data: []byte("no front matter")}}
	if err := Build(Options{Content: broken, Engine: e}, out); err == nil {
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
