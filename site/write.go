package site

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
)

// assetVersion is a short hash of the assets, appended to their URLs so a
// browser never mixes a new page with an old script.
func assetVersion(files map[string][]byte) string {
	names := make([]string, 0, len(files))
	for n := range files {
		names = append(names, n)
	}
	sort.Strings(names)
	h := sha256.New()
	for _, n := range names {
		h.Write([]byte(n))
		h.Write(files[n])
	}
	return hex.EncodeToString(h.Sum(nil))[:10]
}

// templateHTML marks rendered Markdown as safe for the page template:
// goldmark escaped what needed escaping.
func templateHTML(b []byte) template.HTML { return template.HTML(b) }

// dirSink writes the site's files under a folder.
type dirSink struct{ dir string }

func (d dirSink) write(name string, data []byte) error {
	p := filepath.Join(d.dir, filepath.FromSlash(name))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return fmt.Errorf("write: %w", err)
	}
	if err := os.WriteFile(p, data, 0o644); err != nil {
		return fmt.Errorf("write: %w", err)
	}
	return nil
}

// Build writes the site to out. It builds into a fresh folder beside out
// and swaps it in only when everything succeeded, so a failed build leaves
// the previous site untouched.
func Build(opts Options, out string) error {
	out = filepath.Clean(out)
	if err := os.MkdirAll(filepath.Dir(out), 0o755); err != nil {
		return fmt.Errorf("write: %w", err)
	}
	tmp, err := os.MkdirTemp(filepath.Dir(out), "."+filepath.Base(out)+".new-")
	if err != nil {
		return fmt.Errorf("write: %w", err)
	}
	defer os.RemoveAll(tmp)
	if err := generate(opts, dirSink{tmp}); err != nil {
		return err
	}
	if err := os.Chmod(tmp, 0o755); err != nil {
		return fmt.Errorf("write: %w", err)
	}
	old := tmp + ".old"
	if err := os.Rename(out, old); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("write: %w", err)
	}
	if err := os.Rename(tmp, out); err != nil {
		_ = os.Rename(old, out)
		return fmt.Errorf("write: %w", err)
	}
	return os.RemoveAll(old)
}
