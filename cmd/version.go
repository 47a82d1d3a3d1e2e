package cmd

import (
	"fmt"
	"runtime/debug"

	"github.com/apiadvisor/apiadvisor/report"
	"github.com/spf13/cobra"
)

// BuildInfo says what binary this is. Release builds set it with -X
// ldflags; `go install` builds fill it from the module's build info.
type BuildInfo struct {
	Version string
	Commit  string
	Date    string
}

func (b BuildInfo) resolve() BuildInfo {
	info, ok := debug.ReadBuildInfo()
	if b.Version == "" || b.Version == "dev" {
		b.Version = "dev"
		if ok && info.Main.Version != "" && info.Main.Version != "(devel)" {
			b.Version = info.Main.Version
		}
	}
	if ok && b.Commit == "" {
		for _, s := range info.Settings {
			switch s.Key {
			case "vcs.revision":
				b.Commit = s.Value
			case "vcs.time":
				if b.Date == "" {
					b.Date = s.Value
				}
			}
		}
	}
	return b
}

func newVersionCmd(a *App) *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "Print the version, commit, build date and knowledge-base version",
		Long: `Print apiadvisor's version, the commit and date it was built from, and the
version of the knowledge base in use (the built-in one, or the file given
with --rules). --version prints the same.`,
		Example: "  apiadvisor version",
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			_, err := fmt.Fprint(a.IO.Out, versionText(a))
			return err
		},
	}
}

// versionText is what `version` and `--version` print.
func versionText(a *App) string {
	kbVersion := "unavailable"
	if kb, err := a.KB(); err == nil {
		kbVersion = report.Clean(kb.Version)
	}
	b := a.Build
	return fmt.Sprintf("apiadvisor %s\ncommit: %s\nbuilt: %s\nknowledge base: %s\n",
		b.Version, orNone(b.Commit), orNone(b.Date), kbVersion)
}

func orNone(s string) string {
	if s == "" {
		return "unknown"
	}
	return s
}
