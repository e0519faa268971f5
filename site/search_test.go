package site

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"strings"
	"testing"
	"unicode/utf16"

	"github.com/katabook/katabook/content"
)

// decodedIndex is assets/search.js read back as search.ts reads it.
type decodedIndex struct {
	pages    [][]any                // slug, title
	sections [][]any                // page, heading, words[, heading id]
	postings map[string]map[int]int // term -> section -> tf (capped)
}

func decodeIndex(t *testing.T, script []byte) decodedIndex {
	t.Helper()
	data, ok := bytes.CutPrefix(script, []byte("globalThis.KATABOOK_SEARCH="))
	data, ok2 := bytes.CutSuffix(data, []byte(";\n"))
	if !ok || !ok2 {
		t.Fatalf("search.js is no KATABOOK_SEARCH script: %.80s", script)
	}
	var raw struct {
		C int     `json:"c"`
		P [][]any `json:"p"`
		S [][]any `json:"s"`
		T string  `json:"t"`
		F string  `json:"f"`
	}
	if err := json.Unmarshal(data, &raw); err != nil {
		t.Fatal(err)
	}
	d := decodedIndex{raw.P, raw.S, map[string]map[int]int{}}
	lists := strings.Split(raw.F, " ")
	var prev []uint16
	for i, entry := range strings.Split(raw.T, " ") {
		shared := strings.IndexByte(finalDigits, entry[0])
		prev = append(prev[:shared], utf16.Encode([]rune(entry[1:]))...)
		term := string(utf16.Decode(prev))
		d.postings[term] = map[int]int{}
		sec, v, scale := -1, 0, 1
		for _, c := range []byte(lists[i]) {
			if k := strings.IndexByte(moreDigits, c); k >= 0 {
				v += k * scale * len(finalDigits)
				scale *= len(moreDigits)
				continue
			}
			v += strings.IndexByte(finalDigits, c)
			sec += v/raw.C + 1
			d.postings[term][sec] = v%raw.C + 1
			v, scale = 0, 1
		}
	}
	if len(lists) != len(d.postings) {
		t.Fatalf("%d terms, %d postings lists", len(d.postings), len(lists))
	}
	return d
}

// href is a decoded section's address.
func (d decodedIndex) href(i int) string {
	s := d.sections[i]
	h := d.pages[int(s[0].(float64))][0].(string) + ".html"
	id := guessedID(s[1].(string))
	if len(s) > 3 {
		id = s[3].(string)
	}
	if id != "" {
		h += "#" + id
	}
	return h
}

// textScripts reads every page's assets/text/<slug>.js: slug -> texts.
func textScripts(t *testing.T, files map[string][]byte) map[string][]string {
	t.Helper()
	out := map[string][]string{}
	for name, data := range files {
		slug, ok := strings.CutPrefix(name, "assets/text/")
		if !ok {
			continue
		}
		slug = strings.TrimSuffix(slug, ".js")
		prefix := "(globalThis.KATABOOK_TEXT=globalThis.KATABOOK_TEXT||{})[" + jsonString(slug) + "]="
		body, ok := bytes.CutPrefix(data, []byte(prefix))
		if !ok {
			t.Fatalf("%s: %.80s", name, data)
		}
		var texts []string
		if err := json.Unmarshal(bytes.TrimSuffix(body, []byte(";\n")), &texts); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		out[slug] = texts
	}
	return out
}

func gzipSize(data []byte) int {
	var b bytes.Buffer
	w, _ := gzip.NewWriterLevel(&b, gzip.BestCompression)
	w.Write(data)
	w.Close()
	return b.Len()
}

// TestSearchIndexSize builds the default course and holds its search index,
// gzip-compressed, under a quarter of the size of the text it finds
// (the pages' sections, headings included), printing both.
func TestSearchIndexSize(t *testing.T) {
	files, err := Files(Options{Content: content.FS, Engine: newEngine(t)})
	if err != nil {
		t.Fatal(err)
	}
	index := files["assets/search.js"]
	d := decodeIndex(t, index)
	var text strings.Builder
	texts := textScripts(t, files)
	for _, s := range d.sections {
		text.WriteString(s[1].(string)) // the page titles are in the pages' text too: left out
		text.WriteByte('\n')
	}
	var shards []byte
	for slug, xs := range texts {
		shards = append(shards, files[textScript(slug)]...)
		for _, x := range xs {
			text.WriteString(x)
			text.WriteByte('\n')
		}
	}
	n, gz := text.Len(), gzipSize(index)
	t.Logf("%d sections, %d terms; text %d bytes (%d gzip); index %d bytes, %d gzip = %.1f%% of the text; the text scripts, loaded for the pages in the results, %d bytes (%d gzip)",
		len(d.sections), len(d.postings), n, gzipSize([]byte(text.String())), len(index), gz, 100*float64(gz)/float64(n), len(shards), gzipSize(shards))
	if n < 30000 {
		t.Errorf("the pages' text is %d bytes: the sections are not all read", n)
	}
	if 4*gz >= n {
		t.Errorf("the index is %d bytes gzip, more than a quarter of the %d bytes of text", gz, n)
	}
}

// TestSearchIndexesEveryWord: a word deep in a long section is in the
// index, under that section, and the section's text carries it for the
// snippet; a section's text comes whole.
func TestSearchIndexesEveryWord(t *testing.T) {
	files, err := Files(Options{Content: content.FS, Engine: newEngine(t)})
	if err != nil {
		t.Fatal(err)
	}
	d := decodeIndex(t, files["assets/search.js"])
	texts := textScripts(t, files)
	sec := -1
	for i := range d.sections {
		if d.href(i) == "limiter.html#choosing-an-algorithm" {
			sec = i
		}
	}
	if sec < 0 {
		t.Fatal("no section limiter.html#choosing-an-algorithm")
	}
	first := sec
	for first > 0 && strings.HasPrefix(d.href(first-1), "limiter.html") {
		first--
	}
	x := texts["limiter"][sec-first]
	at := strings.Index(x, "redis-cell")
	if at < 400 || !strings.Contains(x, "tolerance") {
		t.Fatalf("the section's text (%d bytes) lacks its later words: %.200s", len(x), x)
	}
	for _, term := range []string{"gcra", "tolerance", "redis", "cell", "max_burst"[:3]} {
		if d.postings[term][sec] == 0 {
			t.Errorf("%q is not indexed under the section that has it", term)
		}
	}
	if d.postings["tolerance"][sec] < 3 {
		t.Errorf("tolerance occurs %d times in the section, by the index", d.postings["tolerance"][sec])
	}
	if _, ok := d.postings["the"]; !ok {
		t.Error("common words are not indexed")
	}
}
