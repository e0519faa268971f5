package engine

import (
	"io/fs"
	"reflect"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"

	"github.com/katabook/katabook/content"
	"github.com/katabook/katabook/schemas"
)

// TestJSONNodeReadsSchemasAsYAMLDoes: the field tree read through the JSON
// decoder is the one yaml.v3's reading of the same schema gives, for every
// schema of the default course.
func TestJSONNodeReadsSchemasAsYAMLDoes(t *testing.T) {
	var srcs [][]byte
	for _, f := range []fs.FS{schemas.FS, content.FS} {
		names, _ := fs.Glob(f, "*.json")
		for _, n := range names {
			b, err := fs.ReadFile(f, n)
			if err != nil {
				t.Fatal(err)
			}
			srcs = append(srcs, b)
		}
	}
	if len(srcs) < 4 {
		t.Fatalf("only %d schemas", len(srcs))
	}
	for _, src := range srcs {
		var doc yaml.Node
		if err := yaml.Unmarshal(src, &doc); err != nil {
			t.Fatal(err)
		}
		want, err := fieldFrom(doc.Content[0], "", "", 0)
		if err != nil {
			t.Fatal(err)
		}
		got, err := parseFields(src)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(want, got) {
			t.Errorf("%.60s…: the field trees differ", src)
		}
	}
	for _, bad := range []string{`{"type": "object"`, `{"type": "object"} {}`, `[1, 2]`, strings.Repeat("[", 100) + strings.Repeat("]", 100)} {
		if _, err := parseFields([]byte(bad)); err == nil {
			t.Errorf("%.40s: want an error", bad)
		}
	}
}
