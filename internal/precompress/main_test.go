package main

import (
	"bytes"
	"compress/gzip"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/andybalholm/brotli"
)

// TestRunWritesSkipsAndRewrites: the copies decode to the file; an
// unchanged file is not compressed again; a changed one is, so a host never
// serves a stale engine; a copy over the budget is warned about.
func TestRunWritesSkipsAndRewrites(t *testing.T) {
	path := filepath.Join(t.TempDir(), "engine.wasm")
	check := func(want []byte, budget int) (wrote, warned string) {
		t.Helper()
		var out, warn bytes.Buffer
		if err := run(path, budget, &out, &warn); err != nil {
			t.Fatal(err)
		}
		br, err := os.ReadFile(path + ".br")
		if err != nil {
			t.Fatal(err)
		}
		if got, _ := io.ReadAll(brotli.NewReader(bytes.NewReader(br))); !bytes.Equal(got, want) {
			t.Errorf(".br decodes to %d bytes, want the file's %d", len(got), len(want))
		}
		gz, err := os.ReadFile(path + ".gz")
		if err != nil {
			t.Fatal(err)
		}
		zr, err := gzip.NewReader(bytes.NewReader(gz))
		if err != nil {
			t.Fatal(err)
		}
		if got, _ := io.ReadAll(zr); !bytes.Equal(got, want) {
			t.Errorf(".gz decodes to %d bytes, want the file's %d", len(got), len(want))
		}
		return out.String(), warn.String()
	}
	first := bytes.Repeat([]byte("engine v1 "), 5000)
	if err := os.WriteFile(path, first, 0o644); err != nil {
		t.Fatal(err)
	}
	if wrote, _ := check(first, 0); !strings.Contains(wrote, "brotli") {
		t.Errorf("first run wrote nothing: %q", wrote)
	}
	if wrote, _ := check(first, 0); wrote != "" {
		t.Errorf("an unchanged file was compressed again: %q", wrote)
	}
	second := append(bytes.Repeat([]byte("engine v2 "), 5000), 'x')
	if err := os.WriteFile(path, second, 0o644); err != nil {
		t.Fatal(err)
	}
	if wrote, warned := check(second, 10); !strings.Contains(wrote, "brotli") || !strings.Contains(warned, "over the budget of 10") {
		t.Errorf("a changed file: wrote %q, warned %q", wrote, warned)
	}
	if err := os.Remove(path + ".br"); err != nil {
		t.Fatal(err)
	}
	if wrote, _ := check(second, 0); !strings.Contains(wrote, "brotli") {
		t.Errorf("a missing .br was not written again: %q", wrote)
	}
}
