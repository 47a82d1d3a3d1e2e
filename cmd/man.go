package cmd

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
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
ship these pages; install them with your package manager's man path.

The page is dated by the build date, else SOURCE_DATE_EPOCH, else today,
so that a release's pages can be reproduced.`,
		Example: `  apiadvisor man | man -l -
  apiadvisor man --dir ./manpages`,
		Hidden: true,
		Args:   cobra.NoArgs,
		RunE: func(*cobra.Command, []string) error {
			// No Title: cobra/doc derives it per page (APIADVISOR,
			// APIADVISOR\-ADVISE, …) from the command path.
			header := &doc.GenManHeader{
				Section: "1",
				Source:  "apiadvisor " + a.Build.Version,
				Manual:  "apiadvisor manual",
				Date:    manDate(a),
			}
			root.DisableAutoGenTag = true
			if dir == "" {
				return writeRootMan(root, header, a.IO.Out)
			}
			if err := writeManTree(root, header, dir); err != nil {
				return fmt.Errorf("man: %w", err)
			}
			fmt.Fprintln(a.IO.ErrOut, styleFaint(a.IO, "Wrote man pages to "+filepath.Clean(dir)))
			return nil
		},
	}
	cmd.Flags().StringVar(&dir, "dir", "", "write one page per command into `DIR`")
	return cmd
}

// writeRootMan writes the root page, with the sections cobra/doc has no
// place for.
func writeRootMan(root *cobra.Command, header *doc.GenManHeader, w io.Writer) error {
	var buf bytes.Buffer
	if err := doc.GenMan(root, header, &buf); err != nil {
		return fmt.Errorf("man: %w", err)
	}
	_, err := w.Write(addManSections(buf.Bytes()))
	return err
}

// writeManTree writes one page per command into dir and then rewrites the
// root page as writeRootMan would.
func writeManTree(root *cobra.Command, header *doc.GenManHeader, dir string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	if err := doc.GenManTree(root, header, dir); err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := writeRootMan(root, header, &buf); err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(dir, root.Name()+".1"), buf.Bytes(), 0o644)
}

// addManSections puts ENVIRONMENT and EXIT STATUS before SEE ALSO (or at
// the end), where man pages conventionally have them.
func addManSections(page []byte) []byte {
	var b strings.Builder
	b.WriteString(".SH ENVIRONMENT\n")
	for _, e := range environment {
		fmt.Fprintf(&b, ".TP\n\\fB%s\\fP\n%s\n", manEscape(e.name), manEscape(e.desc))
	}
	b.WriteString("\n\n.SH EXIT STATUS\n")
	for _, e := range exitCodes {
		fmt.Fprintf(&b, ".TP\n\\fB%s\\fP\n%s\n", e.code, manEscape(e.desc))
	}
	b.WriteString("\n\n")
	sections := []byte(b.String())
	if i := bytes.Index(page, []byte("\n.SH SEE ALSO")); i >= 0 {
		return append(page[:i+1:i+1], append(sections, page[i+1:]...)...)
	}
	return append(page, sections...)
}

// manEscape keeps roff from reading a leading dot or quote as a request
// and a backslash as an escape, and marks hyphens in options as literal.
func manEscape(s string) string {
	s = strings.ReplaceAll(s, `\`, `\e`)
	s = strings.ReplaceAll(s, "-", `\-`)
	if strings.HasPrefix(s, ".") || strings.HasPrefix(s, "'") {
		s = `\&` + s
	}
	return s
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
