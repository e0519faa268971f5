package main

import (
	"fmt"
	"os"
	"runtime"
	"runtime/debug"
	"strings"

	"github.com/spf13/cobra"

	"github.com/katabook/katabook/engine"
)

func knownKata(e *env, id string) error {
	for _, k := range e.engine.Katas() {
		if k == id {
			return nil
		}
	}
	return usageErr("unknown kata %q; the katas are %s", id, strings.Join(e.engine.Katas(), ", "))
}

func newNewCmd(e *env) *cobra.Command {
	var out string
	cmd := &cobra.Command{
		Use:   "new KATA",
		Short: "Print a starting submission for a kata (or write it with -o)",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := knownKata(e, args[0]); err != nil {
				return err
			}
			src, err := e.engine.Template(args[0])
			if err != nil {
				return usageErr("%v", err)
			}
			if out == "" {
				_, err = e.stdout.Write(src)
				return err
			}
			if _, err := os.Stat(out); err == nil {
				return usageErr("%s exists; not overwriting a submission", out)
			}
			if err := os.WriteFile(out, src, 0o644); err != nil {
				return usageErr("%v", err)
			}
			fmt.Fprintf(e.stdout, "wrote %s; fill it in, then: katabook check %s\n", out, out)
			return nil
		},
	}
	cmd.Flags().StringVarP(&out, "output", "o", "", "write to this file instead of standard output")
	return cmd
}

func newSchemaCmd(e *env) *cobra.Command {
	return &cobra.Command{
		Use:   "schema KATA",
		Short: "Print the JSON Schema of a kata's answer",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := knownKata(e, args[0]); err != nil {
				return err
			}
			src, _ := e.engine.Schema(args[0])
			_, err := e.stdout.Write(src)
			return err
		},
	}
}

func newVersionCmd(e *env) *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "Print the katabook, engine and ruleset versions",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			rev := "unknown"
			if info, ok := debug.ReadBuildInfo(); ok {
				for _, s := range info.Settings {
					if s.Key == "vcs.revision" && len(s.Value) >= 12 {
						rev = s.Value[:12]
					}
				}
			}
			fmt.Fprintf(e.stdout, "katabook engine %s, ruleset %s, commit %s, %s\n",
				engine.Version, e.engine.Ruleset(), rev, runtime.Version())
			return nil
		},
	}
}
