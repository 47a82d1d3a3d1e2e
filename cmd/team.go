package cmd

import "github.com/spf13/cobra"

func newTeamCmd(a *App) *cobra.Command {
	opts := &adviseOptions{app: a}
	cmd := &cobra.Command{
		Use:   "team FILE...",
		Short: "Advise a team from each member's answers file",
		Long: `Advise a team: each FILE is one person's answers (YAML or JSON, as for
advise --answers), named by its name: key or else by the file name.

Answers are never averaged. The recommendation is computed on the answers
everyone who answered agrees on; every question the members answered
differently is tried with each member's answer, to show whether the
disagreement changes the recommendation, and to what. Flags override the
files for everyone. It never prompts.

It is the short form of advise with --answers once per file, and takes the
same flags.`,
		Example: `  apiadvisor team alice.yaml bob.yaml carol.yaml
  apiadvisor team answers/*.yaml -o json | jq '.team.disagreements'
  apiadvisor team alice.yaml bob.yaml --adr-dir docs/decisions`,
		Args: minArgs(1, "one answers file per member"),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.cmd = cmd
			opts.answersFiles = append(args, opts.answersFiles...)
			opts.noInput = true
			return adviseRun(opts)
		},
	}
	bindAdviseFlags(cmd, a, opts)
	return cmd
}
