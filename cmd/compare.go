package cmd

import (
	"fmt"
	"strings"

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
	c := report.Comparison{KBVersion: kb.Version, Frameworks: []*rules.Framework{}, KB: kb}
	for _, name := range []string{left, right} {
		if st := kb.Style(name); st != nil {
			c.Styles = append(c.Styles, st)
			continue
		}
		f := kb.Framework(strings.ToLower(name))
		if f == nil {
			return usageErrorf("unknown framework or style %q: want %s", name, rules.OrList(compareIDs(kb)))
		}
		c.Frameworks = append(c.Frameworks, f)
	}
	if strings.EqualFold(left, right) {
		return usageErrorf("compare needs two different things; got %q twice", left)
	}
	if len(c.Styles) > 0 {
		c.CategoryError = true
		c.Explanation = categoryError(c)
		for i := range kb.Frameworks {
			if kb.Frameworks[i].Category != "" {
				c.Implementers = append(c.Implementers, &kb.Frameworks[i])
			}
		}
	}
	return opts.app.render(opts.output.value, c, report.Options{})
}

func categoryError(c report.Comparison) string {
	if len(c.Frameworks) == 0 {
		return fmt.Sprintf("%s and %s are both API styles, not frameworks: a project picks the style its clients need, then a framework that implements it.",
			c.Styles[0].Name, c.Styles[1].Name)
	}
	f, st := c.Frameworks[0], c.Styles[0]
	return fmt.Sprintf("%s is a framework and %s is an API style, so they are not alternatives: you build a %s API with a framework such as %s. The real choice is which kind of framework.",
		f.Name, st.Name, st.Name, f.Name)
}

func compareIDs(kb *rules.KB) []string {
	var ids []string
	for _, f := range kb.Frameworks {
		ids = append(ids, f.ID)
	}
	for _, s := range kb.Styles {
		ids = append(ids, s.ID)
	}
	return ids
}

func compareTargets(kb *rules.KB) []string {
	var out []string
	for _, f := range kb.Frameworks {
		out = append(out, f.ID+"\t"+f.Name)
	}
	for _, s := range kb.Styles {
		out = append(out, s.ID+"\t"+s.Name+" (an API style)")
		out = append(out, s.Aliases...)
	}
	return out
}
