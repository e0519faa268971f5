package main

import (
	"io"
	"os"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/katabook/katabook/cmd/katabook/internal/format"
	"github.com/katabook/katabook/engine"
)

// newExportCmd turns a passing submission into what the kata generates from
// it (for the SLO kata: Prometheus rules or an OpenSLO document). A
// submission with error findings is not exported: the findings are printed
// as `check` prints them and the exit code is 1.
func newExportCmd(e *env) *cobra.Command {
	var kind, out string
	cmd := &cobra.Command{
		Use:   "export KATA FILE|-",
		Short: "Generate files from a passing submission (slo: --format prometheus|openslo)",
		Args:  cobra.ExactArgs(2),
		RunE: func(cmd *cobra.Command, args []string) error {
			id, path := args[0], args[1]
			if err := knownKata(e, id); err != nil {
				return err
			}
			var names []string
			for _, f := range e.engine.Exports(id) {
				names = append(names, f.Format)
			}
			if len(names) == 0 {
				return usageErr("the kata %s has nothing to export", id)
			}
			if kind == "" || !slices.Contains(names, kind) {
				return usageErr("--format must be one of %s", strings.Join(names, ", "))
			}
			if out != "" && (path != "-" && sameFile(out, path) || path == "-" && isStdin(e, out)) {
				return usageErr("-o %s is the submission %s: the export would overwrite it", out, path)
			}
			var src []byte
			var err error
			if path == "-" {
				src, err = io.ReadAll(io.LimitReader(e.stdin, engine.MaxSourceBytes+1))
			} else {
				src, err = input{path: path}.read()
			}
			if err != nil {
				return usageErr("%v", err)
			}
			data, rep, err := e.engine.Export(src, kind)
			if rep.Kata != id {
				return usageErr("%s is a submission of kata %q, not %q", path, rep.Kata, id)
			}
			if err != nil {
				run := &format.Run{Header: format.Header{Version: engine.Version, Ruleset: e.engine.Ruleset()},
					Files: []format.File{{Path: path, Kata: rep.Kata, Findings: rep.Findings}}}
				_ = format.Write(e.stderr, "text", run)
				return &exitError{code: exitFindings, msg: err.Error()}
			}
			if out == "" {
				_, err = e.stdout.Write(data)
				return err
			}
			if err := os.WriteFile(out, data, 0o644); err != nil {
				return usageErr("%v", err)
			}
			return nil
		},
	}
	cmd.Flags().StringVarP(&kind, "format", "f", "", "what to generate (slo: prometheus or openslo)")
	cmd.Flags().StringVarP(&out, "output", "o", "", "write to this file instead of standard output")
	return cmd
}
