package site

import (
	"errors"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/katabook/katabook/content"
)

// course is the default course with the workbooks given added or replaced.
func course(t *testing.T, extra map[string]string) fstest.MapFS {
	t.Helper()
	cfs := fstest.MapFS{}
	for _, name := range []string{"queue.md", "slo.md"} {
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
