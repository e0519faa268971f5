package site

import (
	"bytes"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/katabook/katabook/internal/peakheap"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
)

// genCourse writes n workbooks of about 6 KB each: headings, prose with
// emphasis and links to neighbours, lists, a table, code, and a form.
func genCourse(tb testing.TB, dir string, n int) {
	tb.Helper()
	rng := rand.New(rand.NewPCG(7, 11))
	words := strings.Fields("latency throughput queue budget burn rate error window alert page ticket token bucket refill burst capacity utilisation knee service arrival mean tail percentile incident mitigation review")
	sentence := func() string {
		var b strings.Builder
		for i := range 12 + rng.IntN(10) {
			if i > 0 {
				b.WriteByte(' ')
			}
			w := words[rng.IntN(len(words))]
			switch rng.IntN(12) {
			case 0:
				w = "**" + w + "**"
			case 1:
				w = "`" + w + "`"
			}
			b.WriteString(w)
		}
		return b.String() + "."
	}
	for i := range n {
		var b strings.Builder
		fmt.Fprintf(&b, "---\ntitle: Generated kata %d\nkata: slo\norder: %d\ntime_limit: 20\ngoal: \"%s\"\n---\n\n", i, i, sentence())
		for s := range 4 {
			fmt.Fprintf(&b, "## Section %d\n\n", s)
			for range 3 {
				b.WriteString(sentence() + " " + sentence() + " " + sentence() + "\n\n")
			}
			fmt.Fprintf(&b, "- %s\n- %s\n- see [the next kata](k%05d.md#section-1)\n\n", sentence(), sentence(), (i+1)%n)
		}
		b.WriteString("| λ | W | L |\n|---|---|---|\n| 50 | 20 | 1 |\n| 80 | 50 | 4 |\n| 90 | 100 | 9 |\n\n")
		b.WriteString("```go\nfunc little(lambda, w float64) float64 { return lambda * w }\n```\n\n## Your answer\n\n```form slo\n```\n")
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("k%05d.md", i)), []byte(b.String()), 0o644); err != nil {
			tb.Fatal(err)
		}
	}
}

// BenchmarkBuild builds generated courses of 1,000 and 10,000 pages and,
// on the same Markdown, runs goldmark alone (GFM, parse and render, in
// parallel as the build does): the floor. Targets on 2 cores: 2,000
// pages/s, build/goldmark under 2, peak heap under 500 MB at 10,000 pages.
//
// Each size is built to disk (under .cache/ in the project's tree, where
// a site's public/ goes; the temporary folder when the tree is read-only)
// and to memory (/dev/shm, when there is one), in two ways:
//   - cold: into a folder that does not exist yet, every file new;
//   - rebuild: over the site the same input built before, as in an edit
//     loop, so every unchanged file is hard-linked (see reuse).
//
// goldmark writing its pages is the floor that includes the file system:
// into a new folder for the cold rows, over its previous files for the
// rebuild rows (in place, as Hugo rewrites public/).
//
// Nothing is deleted until every row has run. On ext4 without a journal
// (this project's VM), the kernel keeps an inode freed in the last 60 s
// (300 s while its inode-table block is unwritten) from being reused, and
// each new file scans past every such inode in its block group: after a
// mass deletion nearby, creating a file costs 0.1-0.9 ms instead of 0.02,
// for minutes. A benchmark that removed each run's output would slow its
// next run that way. Each row prints the cost of creating a file, probed
// in its folder just before it runs, so a disk that something else
// churned shows.
func BenchmarkBuild(b *testing.B) {
	e := newEngineB(b)
	type output struct{ name, dir string }
	disk := filepath.Join("..", ".cache")
	if os.MkdirAll(disk, 0o755) != nil {
		disk = os.TempDir()
	}
	outs := []output{{"disk", benchDir(b, disk)}}
	if st, err := os.Stat("/dev/shm"); err == nil && st.IsDir() {
		outs = append(outs, output{"memory", benchDir(b, "/dev/shm")})
	}
	for _, n := range []int{1000, 10000} {
		src := b.TempDir()
		genCourse(b, src, n)
		for _, o := range outs {
			for _, kind := range []string{"cold", "rebuild"} {
				rebuild := kind == "rebuild"
				b.Run(fmt.Sprintf("pages=%d/out=%s/%s", n, o.name, kind), func(b *testing.B) {
					dir, err := os.MkdirTemp(o.dir, fmt.Sprintf("%d-%s-", n, kind))
					if err != nil {
						b.Fatal(err)
					}
					create := createCost(b, dir)
					build := func(out string) {
						if _, err := Build(Options{Content: os.DirFS(src), Engine: e}, out); err != nil {
							b.Fatal(err)
						}
					}
					out, gmOut := filepath.Join(dir, "public"), filepath.Join(dir, "goldmark")
					if rebuild {
						build(out)
						goldmarkOnly(b, src, gmOut)
					}
					var peak uint64
					var buildTime, gmTime, gmWriteTime time.Duration
					for i := 0; b.Loop(); i++ {
						if !rebuild {
							out, gmOut = filepath.Join(dir, fmt.Sprintf("public-%d", i)), filepath.Join(dir, fmt.Sprintf("goldmark-%d", i))
						}
						start := time.Now()
						peak = max(peak, peakheap.Measure(func() { build(out) }))
						buildTime += time.Since(start)
						start = time.Now()
						goldmarkOnly(b, src, "")
						gmTime += time.Since(start)
						start = time.Now()
						goldmarkOnly(b, src, gmOut)
						gmWriteTime += time.Since(start)
					}
					pps := float64(n) * float64(b.N) / buildTime.Seconds()
					ratio := buildTime.Seconds() / gmTime.Seconds()
					b.ReportMetric(pps, "pages/s")
					b.ReportMetric(ratio, "build/goldmark")
					b.ReportMetric(float64(peak)/(1<<20), "peak-heap-MiB")
					b.ReportMetric(0, "ns/op")
					b.Logf("| %6d pages | %-6s %-7s (file create %5.3f ms) | %7.0f pages/s | goldmark alone %7.0f pages/s | build/goldmark %.2f | goldmark writing files %7.0f pages/s, build/that %.2f | peak heap %6.1f MiB |",
						n, o.name, kind, create.Seconds()*1000, pps, float64(n)*float64(b.N)/gmTime.Seconds(), ratio,
						float64(n)*float64(b.N)/gmWriteTime.Seconds(), buildTime.Seconds()/gmWriteTime.Seconds(), float64(peak)/(1<<20))
				})
			}
		}
	}
}

// benchDir is a new folder under parent, removed after the last row.
func benchDir(b *testing.B, parent string) string {
	dir, err := os.MkdirTemp(parent, "katabook-bench-")
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { os.RemoveAll(dir) })
	return dir
}

// createCost is the mean time to create and write a small file in dir.
// The probe files stay until the benchmark's end: removing them would
// slow the row that follows (see BenchmarkBuild).
func createCost(b *testing.B, dir string) time.Duration {
	probe := filepath.Join(dir, "probe")
	if err := os.Mkdir(probe, 0o755); err != nil {
		b.Fatal(err)
	}
	const n = 500
	start := time.Now()
	for i := range n {
		if err := os.WriteFile(filepath.Join(probe, strconv.Itoa(i)), []byte("<p>probe</p>"), 0o644); err != nil {
			b.Fatal(err)
		}
	}
	return time.Since(start) / n
}

// goldmarkOnly renders every workbook with goldmark and GFM, nothing else.
// With out set, it also writes each page to a file there, as any generator
// that writes a file per page must: the floor on that file system.
func goldmarkOnly(b *testing.B, dir, out string) {
	paths, _ := filepath.Glob(filepath.Join(dir, "*.md"))
	if out != "" {
		if err := os.MkdirAll(out, 0o755); err != nil {
			b.Fatal(err)
		}
	}
	jobs := make(chan string)
	done := make(chan struct{})
	for range runtime.GOMAXPROCS(0) {
		go func() {
			md := goldmark.New(goldmark.WithExtensions(extension.GFM), goldmark.WithParserOptions(parser.WithAutoHeadingID()))
			var buf bytes.Buffer
			for p := range jobs {
				src, err := os.ReadFile(p)
				if err != nil {
					b.Error(err)
				}
				buf.Reset()
				_ = md.Convert(src, &buf)
				if out == "" {
					_, _ = io.Discard.Write(buf.Bytes())
				} else if err := os.WriteFile(filepath.Join(out, strings.TrimSuffix(filepath.Base(p), ".md")+".html"), buf.Bytes(), 0o644); err != nil {
					b.Error(err)
				}
			}
			done <- struct{}{}
		}()
	}
	for _, p := range paths {
		jobs <- p
	}
	close(jobs)
	for range runtime.GOMAXPROCS(0) {
		<-done
	}
}
