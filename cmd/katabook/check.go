package main

import (
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/katabook/katabook/engine"
)

// fileReport is the engine's report on one file, with its path.
type fileReport struct {
	Path     string           `json:"path"`
	Kata     string           `json:"kata"`
	Findings []engine.Finding `json:"findings"`
}

func newCheckCmd(e *env) *cobra.Command {
	var format string
	cmd := &cobra.Command{
		Use:   "check FILE|DIR|- ...",
		Short: "Check kata submissions (Markdown) and report findings with file:line",
		Long: `Check runs the katabook engine on submissions: files, folders (every *.md
below them that names a kata in its front matter) or - for standard input.
It exits 0 when no file has an error finding, 1 when any has, and 2 for
usage errors or files it cannot read.`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if format != "text" && format != "json" {
				return usageErr("--format must be text or json, not %q", format)
			}
			var reports []fileReport
			unreadable := 0
			for _, arg := range args {
				rs, err := checkArg(e, arg)
				if err != nil {
					fmt.Fprintln(e.stderr, "katabook:", err)
					unreadable++
				}
				reports = append(reports, rs...)
			}
			errs, warns := 0, 0
			for _, r := range reports {
				for _, f := range r.Findings {
					if f.Severity == engine.Error {
						errs++
					} else {
						warns++
					}
				}
			}
			if format == "json" {
				writeJSON(e.stdout, e.engine.Ruleset(), reports, errs, warns)
			} else {
				writeText(e.stdout, reports, errs, warns)
			}
			switch {
			case unreadable > 0:
				return &exitError{code: exitUsage}
			case errs > 0:
				return &exitError{code: exitFindings}
			}
			return nil
		},
	}
	cmd.Flags().StringVarP(&format, "format", "f", "text", "output format: text or json")
	return cmd
}

// checkArg checks one argument: -, a file, or a folder walked for *.md.
func checkArg(e *env, arg string) ([]fileReport, error) {
	if arg == "-" {
		src, err := io.ReadAll(io.LimitReader(e.stdin, engine.MaxSourceBytes+1))
		if err != nil {
			return nil, fmt.Errorf("standard input: %w", err)
		}
		return []fileReport{checkSource(e, "<stdin>", src)}, nil
	}
	st, err := os.Stat(arg)
	if err != nil {
		return nil, err
	}
	if !st.IsDir() {
		src, err := readLimited(arg)
		if err != nil {
			return nil, err
		}
		return []fileReport{checkSource(e, arg, src)}, nil
	}
	var out []fileReport
	var firstErr error
	err = filepath.WalkDir(arg, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if firstErr == nil {
				firstErr = err
			}
			return nil
		}
		if d.IsDir() || !strings.EqualFold(filepath.Ext(p), ".md") {
			return nil
		}
		src, err := readLimited(p)
		if err != nil {
			if firstErr == nil {
				firstErr = err
			}
			return nil
		}
		// In a folder, a Markdown file that claims no kata and has no answer
		// block is not a submission (a README, notes): skip it.
		if sub, _ := engine.Parse(src); sub.Meta.Kata == "" && sub.Answer == nil {
			return nil
		}
		out = append(out, checkSource(e, p, src))
		return nil
	})
	if err != nil && firstErr == nil {
		firstErr = err
	}
	return out, firstErr
}

// readLimited reads a file, but not more than the engine would accept: a
// huge file costs one read of MaxSourceBytes+1, then a size finding.
func readLimited(p string) ([]byte, error) {
	f, err := os.Open(p)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, engine.MaxSourceBytes+1))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", p, err)
	}
	return data, nil
}

func checkSource(e *env, path string, src []byte) fileReport {
	rep := e.engine.Check(src)
	return fileReport{Path: path, Kata: rep.Kata, Findings: rep.Findings}
}

func writeText(w io.Writer, reports []fileReport, errs, warns int) {
	for _, r := range reports {
		for _, f := range r.Findings {
			fmt.Fprintf(w, "%s:%d:%d: %s %s: %s\n", r.Path, f.Line, f.Col, f.Severity, f.Rule, f.Message)
		}
	}
	fmt.Fprintf(w, "%s, %s, %s\n", plural(len(reports), "file"), plural(errs, "error"), plural(warns, "warning"))
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}

// jsonOutput is the versioned JSON shape of `katabook check --format json`.
type jsonOutput struct {
	Version int          `json:"version"` // of this output format
	Ruleset string       `json:"ruleset"`
	Files   []fileReport `json:"files"`
	Summary struct {
		Files    int `json:"files"`
		Errors   int `json:"errors"`
		Warnings int `json:"warnings"`
	} `json:"summary"`
}

func writeJSON(w io.Writer, ruleset string, reports []fileReport, errs, warns int) {
	out := jsonOutput{Version: 1, Ruleset: ruleset, Files: reports}
	if out.Files == nil {
		out.Files = []fileReport{}
	}
	out.Summary.Files, out.Summary.Errors, out.Summary.Warnings = len(reports), errs, warns
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	_ = enc.Encode(out)
}
