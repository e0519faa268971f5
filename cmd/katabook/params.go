package main

import (
	"encoding/json"
	"fmt"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"
)

func newParamsCmd(e *env) *cobra.Command {
	var format string
	cmd := &cobra.Command{
		Use:   "params KATA",
		Short: "Print a kata's parameters: name, type, value (default), unit and meaning",
		Long: `A course sets a kata's parameters in its workbook's front matter, under
params:, e.g.

  params:
    user_limit_rps: 500
    user_burst: 2500

The engine then checks answers against those numbers everywhere (rules,
messages, simulations, forms, drills), and a workbook shows them with
{{param "user_limit_rps"}}. With --content DIR the values are that
course's; the default is the built-in course.`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := knownKata(e, args[0]); err != nil {
				return err
			}
			decl, vals, _ := e.engine.Params(args[0])
			values := vals.Values()
			switch format {
			case "json":
				type row struct {
					Name    string `json:"name"`
					Type    string `json:"type"`
					Value   any    `json:"value"`
					Default any    `json:"default"`
					Unit    string `json:"unit,omitempty"`
					Meaning string `json:"meaning"`
				}
				rows := []row{}
				for _, d := range decl {
					rows = append(rows, row{d.Name, string(d.Type), values[d.Name], d.Default, d.Unit, d.Meaning})
				}
				enc := json.NewEncoder(e.stdout)
				enc.SetIndent("", "  ")
				return enc.Encode(map[string]any{"kata": args[0], "ruleset": e.engine.Ruleset(), "params": rows})
			case "text":
				w := tabwriter.NewWriter(e.stdout, 2, 8, 2, ' ', 0)
				fmt.Fprintln(w, "NAME\tTYPE\tVALUE\tDEFAULT\tUNIT\tMEANING")
				for _, d := range decl {
					fmt.Fprintf(w, "%s\t%s\t%s\t%s\t%s\t%s\n", d.Name, d.Type, show(values[d.Name]), show(d.Default), d.Unit, d.Meaning)
				}
				return w.Flush()
			}
			return usageErr("--format must be text or json, not %q", format)
		},
	}
	cmd.Flags().StringVarP(&format, "format", "f", "text", "text or json")
	return cmd
}

// show writes a value as a workbook's front matter would: 1000, [50, 80].
func show(v any) string {
	if fs, ok := v.([]float64); ok {
		parts := make([]string, len(fs))
		for i, f := range fs {
			parts[i] = fmt.Sprint(f)
		}
		return "[" + strings.Join(parts, ", ") + "]"
	}
	return fmt.Sprint(v)
}
