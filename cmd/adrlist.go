package cmd

import (
	"fmt"
	"strings"

	"github.com/apiadvisor/apiadvisor/report"
	"github.com/spf13/cobra"
)

func newADRCmd(a *App) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "adr",
		Short: "List the decision records in a directory",
		Long: `Work with a directory of Architecture Decision Records: apiadvisor's own,
in either layout, and those other tools wrote (adr-tools, log4brains, MADR).

To write a record, use "apiadvisor advise --adr-dir DIR"; to re-check the
records apiadvisor wrote, "apiadvisor revisit".`,
		Example: `  apiadvisor adr list
  apiadvisor adr list doc/adr --status proposed -o json`,
		Args: cobra.NoArgs,
	}
	cmd.AddCommand(newADRListCmd(a, nil))
	return cmd
}

type adrListOptions struct {
	app       *App
	dir       string
	status    string
	component string
	output    *formatFlag
}

func newADRListCmd(a *App, runF func(*adrListOptions) error) *cobra.Command {
	opts := &adrListOptions{app: a}
	cmd := &cobra.Command{
		Use:   "list [DIR]",
		Short: "Print each record's number, title, status and date",
		Long: `Print every numbered record (NNNN-*.md) in DIR — default docs/decisions, or
the directory given with --adr-dir — with its number, title, status and date,
and its component when any record has one.

Records other tools wrote are listed with what can be read of them: the
title from the first "#" heading, the status from YAML front matter, a
"* Status:" line or a "## Status" section.`,
		Example: `  apiadvisor adr list
  apiadvisor adr list doc/adr --status accepted
  apiadvisor adr list --component billing -o json`,
	}
	bindRecordsDir(cmd, &opts.dir, func() error {
		if runF != nil {
			return runF(opts)
		}
		return adrListRun(opts)
	})
	f := cmd.Flags()
	f.StringVar(&opts.status, "status", "", "list only records whose status is `WORD` (proposed, accepted, superseded, …)")
	f.StringVar(&opts.component, "component", "", "list only the records about component `NAME`")
	_ = cmd.RegisterFlagCompletionFunc("status", cobra.FixedCompletions([]string{"draft", "proposed", "accepted", "rejected", "deprecated", "superseded"}, cobra.ShellCompDirectiveNoFileComp))
	opts.output = addFormatFlag(cmd, report.RecordList{}, "")
	return cmd
}

func adrListRun(opts *adrListOptions) error {
	ios := opts.app.IO
	recs, err := readRecords(opts.dir)
	if err != nil {
		return err
	}
	list := report.RecordList{}
	for _, r := range recs {
		if opts.status != "" && !strings.EqualFold(r.Status, opts.status) {
			continue
		}
		if opts.component != "" && r.Component != opts.component {
			continue
		}
		if r.Problem != "" {
			fmt.Fprintf(ios.ErrOut, "warning: %s: %s\n", report.Clean(r.File), report.Clean(r.Problem))
		}
		list = append(list, r)
	}
	return opts.app.render(opts.output.value, list, report.Options{})
}
