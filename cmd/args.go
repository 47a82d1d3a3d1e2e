package cmd

import (
	"github.com/apiadvisor/apiadvisor/report"
	"github.com/spf13/cobra"
)

// Argument checks that say what was expected and exit 2, where cobra's
// own would exit 1 with a terser message.

func exactArgs(n int, what string) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		if len(args) != n {
			return usageErrorf("%s takes %s; got %s", cmd.CommandPath(), what, report.Plural(len(args), "argument"))
		}
		return nil
	}
}

func maxArgs(n int, what string) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		if len(args) > n {
			return usageErrorf("%s takes at most %s; got %s", cmd.CommandPath(), what, report.Plural(len(args), "argument"))
		}
		return nil
	}
}

func minArgs(n int, what string) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		if len(args) < n {
			return usageErrorf("%s needs %s", cmd.CommandPath(), what)
		}
		return nil
	}
}
