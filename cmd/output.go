package cmd

import (
	"fmt"
	"io"
	"slices"
	"strings"
	"text/tabwriter"

	"github.com/apiadvisor/apiadvisor/rules"
	"github.com/spf13/cobra"
)

// addOutputFlag registers -o for commands that print data, text or json.
func addOutputFlag(cmd *cobra.Command, target *string) {
	cmd.Flags().StringVarP(target, "output", "o", "text", "output format: text or json")
	_ = cmd.RegisterFlagCompletionFunc("output", cobra.FixedCompletions([]string{"text", "json"}, cobra.ShellCompDirectiveNoFileComp))
}

func checkFormat(format string, allowed ...string) error {
	return checkFormatFrom("--output", format, allowed...)
}

// checkFormatFrom names where the format came from (--output or
// APIADVISOR_OUTPUT) in its error.
func checkFormatFrom(source, format string, allowed ...string) error {
	if slices.Contains(allowed, format) {
		return nil
	}
	return usageErrorf("invalid value %q for %s: want %s", format, source, rules.OrList(allowed))
}

// table writes aligned columns. It stays unstyled: escape codes would
// throw tabwriter's widths off.
func table(w io.Writer, header []string, rows [][]string) error {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	for i := range header {
		header[i] = strings.ToUpper(header[i])
	}
	fmt.Fprintln(tw, strings.Join(header, "\t"))
	for _, r := range rows {
		fmt.Fprintln(tw, strings.Join(r, "\t"))
	}
	return tw.Flush()
}

// completeFromKB runs a shell completion against the knowledge base in
// use; when it cannot be loaded, completion offers nothing rather than an
// error in the middle of the user's command line.
func completeFromKB(a *App, list func(*rules.KB) []string) []string {
	kb, err := a.KB()
	if err != nil {
		return nil
	}
	return list(kb)
}
