package cmd

import (
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/cobra/doc"
)

func newManCmd(a *App, root *cobra.Command) *cobra.Command {
	var dir string
	cmd := &cobra.Command{
		Use:   "man",
		Short: "Write the man page",
		Long: `Write apiadvisor's man page in roff to stdout, or with --dir one page per
command (apiadvisor.1, apiadvisor-advise.1, …) into a directory. Releases
ship these pages; install them with your package manager's man path.`,
		Example: `  apiadvisor man | man -l -
  apiadvisor man --dir ./manpages`,
		Hidden: true,
		Args:   cobra.NoArgs,
		RunE: func(*cobra.Command, []string) error {
			header := &doc.GenManHeader{
				Title:   "APIADVISOR",
				Section: "1",
				Source:  "apiadvisor " + a.Build.Version,
				Manual:  "apiadvisor manual",
				Date:    manDate(a),
			}
			root.DisableAutoGenTag = true
			if dir == "" {
				return doc.GenMan(root, header, a.IO.Out)
			}
			if err := os.MkdirAll(dir, 0o755); err != nil {
				return fmt.Errorf("man: %w", err)
			}
			if err := doc.GenManTree(root, header, dir); err != nil {
				return fmt.Errorf("man: %w", err)
			}
			fmt.Fprintf(a.IO.ErrOut, "Wrote man pages to %s\n", filepath.Clean(dir))
			return nil
		},
	}
	cmd.Flags().StringVar(&dir, "dir", "", "write one page per command into `DIR`")
	return cmd
}

// manDate keeps generated pages reproducible: the build date when there
// is one, else SOURCE_DATE_EPOCH, else today.
func manDate(a *App) *time.Time {
	if t, err := time.Parse(time.RFC3339, a.Build.Date); err == nil {
		return &t
	}
	d, err := time.Parse(time.DateOnly, recordDate(a.IO))
	if err != nil {
		now := time.Now()
		return &now
	}
	return &d
}
