package cmd

import (
	"context"
	"errors"

	"github.com/apiadvisor/apiadvisor/report"
	"github.com/apiadvisor/apiadvisor/rules"
	"github.com/apiadvisor/apiadvisor/scan"
	"github.com/spf13/cobra"
)

type scanOptions struct {
	app    *App
	output *formatFlag
}

func newScanCmd(a *App) *cobra.Command {
	opts := &scanOptions{app: a}
	cmd := &cobra.Command{
		Use:   "scan [DIR]",
		Short: "Infer the answers from a Python project, with their evidence",
		Long: `Read the Python project in DIR (default: the current directory) and infer
what it can of the advisor's answers: the framework it runs on, an ORM,
migrations, an admin, background jobs, websockets, how it is deployed, one
application or several services, and the team size from git history. Every
answer comes with its evidence: the file and line, or the git command.

It never runs or imports the project's code: files are read as text, and
git is asked for the file list and history when DIR is in a work tree. It
respects .gitignore, skips virtual environments, node_modules and vendored
trees, never follows a symlink out of DIR, and reports an unreadable or
malformed file as a warning rather than failing.

"apiadvisor advise --from DIR" turns the result into advice.`,
		Example: `  apiadvisor scan
  apiadvisor scan ~/src/shop -o json | jq .answers
  apiadvisor advise --from ~/src/shop`,
		Args: maxArgs(1, "one directory"),
		RunE: func(cmd *cobra.Command, args []string) error {
			dir := "."
			if len(args) == 1 {
				dir = args[0]
			}
			kb, err := a.KB()
			if err != nil {
				return err
			}
			res, err := scanProject(cmd.Context(), dir, kb)
			if err != nil {
				return err
			}
			return a.render(opts.output.value, report.Scan{Result: res, KB: kb}, report.Options{})
		},
	}
	opts.output = addFormatFlag(cmd, report.Scan{}, "")
	return cmd
}

// scanProject scans dir for the questions of kb, keeping only answers kb
// accepts. A path that is not a directory is the user's to fix.
func scanProject(ctx context.Context, dir string, kb *rules.KB) (*scan.Result, error) {
	if dir == "" {
		return nil, usageErrorf("the project directory is empty")
	}
	res, err := scan.Scan(ctx, dir, scan.Options{
		Questions: kb.QuestionKeys(),
		// A custom knowledge base may accept other values.
		Accept: func(key string, v any) bool { return kb.Question(key).Check(v) == nil },
	})
	if errors.Is(err, scan.ErrNotDir) {
		return nil, &usageError{err}
	}
	if err != nil {
		return nil, err
	}
	return res, nil
}
