package cmd

import (
	"github.com/apiadvisor/apiadvisor/advisor"
	"github.com/apiadvisor/apiadvisor/report"
	"github.com/apiadvisor/apiadvisor/rules"
	"github.com/spf13/cobra"
)

type compareOptions struct {
	app    *App
	output *formatFlag
}

func newCompareCmd(a *App) *cobra.Command {
	opts := &compareOptions{app: a}
	cmd := &cobra.Command{
		Use:   "compare A B",
		Short: "Compare two frameworks side by side, with sources",
		Long: `Compare two frameworks fact by fact, each fact with its source.

When one side is an API style rather than a framework — rest (or rest-api),
graphql, grpc — there is nothing to compare: "FastAPI vs REST API" sets a
framework against the architectural style it implements. compare explains
that category error instead, and shows which frameworks implement the style.`,
		Example: `  apiadvisor compare fastapi django-drf
  apiadvisor compare fastapi rest
  apiadvisor compare litestar django-ninja -o markdown`,
		Args: exactArgs(2, "two framework ids (or an API style such as rest)"),
		ValidArgsFunction: func(_ *cobra.Command, args []string, _ string) ([]string, cobra.ShellCompDirective) {
			if len(args) >= 2 {
				return nil, cobra.ShellCompDirectiveNoFileComp
			}
			return completeFromKB(a, compareTargets), cobra.ShellCompDirectiveNoFileComp
		},
		RunE: func(_ *cobra.Command, args []string) error { return compareRun(opts, args[0], args[1]) },
	}
	opts.output = addFormatFlag(cmd, report.Comparison{}, "")
	return cmd
}

func compareRun(opts *compareOptions, left, right string) error {
	kb, err := opts.app.KB()
	if err != nil {
		return err
	}
	c, err := advisor.Compare(kb, left, right)
	if err != nil {
		return &usageError{err}
	}
	return opts.app.render(opts.output.value, report.Comparison{Comparison: c, KB: kb}, report.Options{})
}

func compareTargets(kb *rules.KB) []string {
	out := frameworkIDs(kb)
	for _, s := range kb.Styles {
		out = append(out, s.ID+"\t"+s.Name+" (an API style)")
		out = append(out, s.Aliases...)
	}
	return out
}
