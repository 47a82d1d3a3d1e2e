package cmd

import (
	"github.com/apiadvisor/apiadvisor/report"
	"github.com/apiadvisor/apiadvisor/rules"
	"github.com/spf13/cobra"
)

func newFrameworksCmd(a *App) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "frameworks",
		Short: "List the frameworks the advisor knows, with sourced facts",
		Long: `List the frameworks in the knowledge base and show each one's facts, every
fact with its source. Frameworks without a category (Flask) are described
for reference and never recommended.`,
		Example: `  apiadvisor frameworks list
  apiadvisor frameworks show fastapi`,
		Args: cobra.NoArgs,
	}
	cmd.AddCommand(newFrameworksListCmd(a), newFrameworksShowCmd(a))
	return cmd
}

func newFrameworksListCmd(a *App) *cobra.Command {
	var output *formatFlag
	cmd := &cobra.Command{
		Use:     "list",
		Short:   "List frameworks with their category",
		Long:    "List every framework with its id, name, category and home page.",
		Example: "  apiadvisor frameworks list -o json",
		Args:    cobra.NoArgs,
		RunE: func(*cobra.Command, []string) error {
			kb, err := a.KB()
			if err != nil {
				return err
			}
			return a.render(output.value, report.FrameworkList(kb.Frameworks), report.Options{})
		},
	}
	output = addFormatFlag(cmd, report.FrameworkList{}, "")
	return cmd
}

func newFrameworksShowCmd(a *App) *cobra.Command {
	var output *formatFlag
	cmd := &cobra.Command{
		Use:     "show ID",
		Short:   "Show a framework's facts, each with its source",
		Long:    "Show one framework's category, home page and facts, each fact with its source.",
		Example: "  apiadvisor frameworks show django-ninja",
		Args:    exactArgs(1, "a framework id"),
		ValidArgsFunction: func(_ *cobra.Command, args []string, _ string) ([]string, cobra.ShellCompDirective) {
			if len(args) > 0 {
				return nil, cobra.ShellCompDirectiveNoFileComp
			}
			return completeFromKB(a, frameworkIDs), cobra.ShellCompDirectiveNoFileComp
		},
		RunE: func(_ *cobra.Command, args []string) error {
			kb, err := a.KB()
			if err != nil {
				return err
			}
			f, err := lookupFramework(kb, args[0])
			if err != nil {
				return err
			}
			return a.render(output.value, report.FrameworkView{Framework: f}, report.Options{})
		},
	}
	output = addFormatFlag(cmd, report.FrameworkView{}, "")
	return cmd
}

func lookupFramework(kb *rules.KB, id string) (*rules.Framework, error) {
	if f := kb.Framework(id); f != nil {
		return f, nil
	}
	ids := make([]string, len(kb.Frameworks))
	for i, f := range kb.Frameworks {
		ids[i] = f.ID
	}
	return nil, usageErrorf("unknown framework %q: want %s", id, rules.OrList(ids))
}

func frameworkIDs(kb *rules.KB) []string {
	ids := make([]string, 0, len(kb.Frameworks))
	for _, f := range kb.Frameworks {
		ids = append(ids, f.ID+"\t"+f.Name)
	}
	return ids
}
