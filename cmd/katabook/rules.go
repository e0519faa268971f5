package main

import (
	"fmt"
	"text/tabwriter"

	"github.com/katabook/katabook/engine"

	"github.com/spf13/cobra"
)

func newRulesCmd(e *env) *cobra.Command {
	return &cobra.Command{
		Use:   "rules",
		Short: "List every rule with its id, severity, kata and what it checks",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			tw := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
			fmt.Fprintln(tw, "RULE\tSEVERITY\tKATA\tCHECKS")
			for _, r := range e.engine.Rules() {
				kata := r.Kata
				if kata == "" {
					kata = "(all)"
				}
				fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", r.ID, r.Severity, kata, r.Summary)
			}
			return tw.Flush()
		},
	}
}

func newExplainCmd(e *env) *cobra.Command {
	return &cobra.Command{
		Use:   "explain RULE",
		Short: "Explain a rule: what it checks, why, and how to get it right",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			r, ok := e.engine.Rule(args[0])
			if !ok {
				return usageErr("no rule %q; 'katabook rules' lists them", args[0])
			}
			kata := r.Kata
			if kata == "" {
				kata = "every kata"
			}
			fmt.Fprintf(e.stdout, "%s (%s, %s)\n%s.\n\n%s\n\n%s\n", r.ID, r.Severity, kata, capitalize(r.Summary), r.Help, kindLine(r))
			if r.Pass != "" {
				fmt.Fprintf(e.stdout, "  passes: %s\n", r.Pass)
			}
			if r.Fail != "" {
				fmt.Fprintf(e.stdout, "  fails:  %s\n", r.Fail)
			}
			return nil
		},
	}
}

// kindLine says how the rule knows, in the words of the severity policy.
func kindLine(r engine.RuleInfo) string {
	if r.Kind == engine.Reading {
		return "How it knows: it reads your prose, so it can only warn; a reading never fails correct work."
	}
	return "How it knows: it computes from your answer (arithmetic, a parsed query, a simulation or bound, the schema, the order of times or the structure)."
}

func capitalize(s string) string {
	if s == "" || s[0] < 'a' || s[0] > 'z' {
		return s
	}
	return string(s[0]-'a'+'A') + s[1:]
}
