package cmd

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
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
			page := manPage{
				source: "apiadvisor " + a.Build.Version,
				date:   manDate(a).Format("Jan 2006"),
			}
			if dir == "" {
				_, err := io.WriteString(a.IO.Out, page.render(root))
				return err
			}
			if err := page.writeTree(root, dir); err != nil {
				return fmt.Errorf("man: %w", err)
			}
			fmt.Fprintln(a.IO.ErrOut, styleFaint(a.IO, "Wrote man pages to "+filepath.Clean(dir)))
			return nil
		},
	}
	cmd.Flags().StringVar(&dir, "dir", "", "write one page per command into `DIR`")
	return cmd
}

// manPage writes man(7) pages for cobra commands.
//
// It is written here rather than taken from cobra/doc or mango on purpose.
// cobra/doc renders through go-md2man and blackfriday, whose package init
// runs on every start of apiadvisor — 0.24 ms and 214 KB, a tenth of a
// whole `advise` run — for a command only release builds use; mango dates
// every page with time.Now() and has no page per command.
type manPage struct {
	source, date string
}

// writeTree writes one page per available command into dir, named as
// man expects (apiadvisor-rules-show.1).
func (m manPage) writeTree(c *cobra.Command, dir string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	name := strings.ReplaceAll(c.CommandPath(), " ", "-") + ".1"
	if err := os.WriteFile(filepath.Join(dir, name), []byte(m.render(c)), 0o644); err != nil {
		return err
	}
	for _, sub := range c.Commands() {
		if sub.IsAvailableCommand() && !sub.IsAdditionalHelpTopicCommand() {
			if err := m.writeTree(sub, dir); err != nil {
				return err
			}
		}
	}
	return nil
}

// render is the page of one command: the sections cobra/doc writes, plus
// ENVIRONMENT and EXIT STATUS on the root's page.
func (m manPage) render(c *cobra.Command) string {
	c.InitDefaultHelpFlag()
	dashed := strings.ReplaceAll(c.CommandPath(), " ", "-")
	var b strings.Builder
	b.WriteString(".nh\n")
	fmt.Fprintf(&b, ".TH %q \"1\" %q %q \"apiadvisor manual\"\n", strings.ToUpper(dashed), m.date, m.source)
	fmt.Fprintf(&b, "\n.SH NAME\n%s \\- %s\n", manEscape(dashed), manEscape(c.Short))
	// The same usage lines as --help: the root runs only for --version.
	b.WriteString("\n.SH SYNOPSIS\n")
	if c.Runnable() && c.HasParent() {
		fmt.Fprintf(&b, "\\fB%s\\fP\n", manEscape(c.UseLine()))
	}
	if c.HasAvailableSubCommands() {
		if c.Runnable() && c.HasParent() {
			b.WriteString(".br\n")
		}
		fmt.Fprintf(&b, "\\fB%s\\fP [\\fIcommand\\fP]\n", manEscape(c.CommandPath()))
	}
	description := c.Long
	if description == "" {
		description = c.Short
	}
	b.WriteString("\n.SH DESCRIPTION\n")
	for i, para := range strings.Split(strings.TrimSpace(description), "\n\n") {
		if i > 0 {
			b.WriteString(".PP\n")
		}
		b.WriteString(manLines(para) + "\n")
	}
	manFlags(&b, "OPTIONS", c.NonInheritedFlags())
	manFlags(&b, "OPTIONS INHERITED FROM PARENT COMMANDS", c.InheritedFlags())
	if c.Example != "" {
		b.WriteString("\n.SH EXAMPLE\n.EX\n" + manLines(c.Example) + "\n.EE\n")
	}
	if !c.HasParent() {
		b.WriteString("\n.SH ENVIRONMENT\n")
		for _, e := range environment {
			fmt.Fprintf(&b, ".TP\n\\fB%s\\fP\n%s\n", manEscape(e.name), manEscape(e.desc))
		}
		b.WriteString("\n.SH EXIT STATUS\n")
		for _, e := range exitCodes {
			fmt.Fprintf(&b, ".TP\n\\fB%s\\fP\n%s\n", e.code, manEscape(e.desc))
		}
	}
	var seeAlso []string
	if c.HasParent() {
		seeAlso = append(seeAlso, strings.ReplaceAll(c.Parent().CommandPath(), " ", "-"))
	}
	for _, sub := range c.Commands() {
		if sub.IsAvailableCommand() && !sub.IsAdditionalHelpTopicCommand() {
			seeAlso = append(seeAlso, dashed+"-"+sub.Name())
		}
	}
	if len(seeAlso) > 0 {
		for i, s := range seeAlso {
			seeAlso[i] = "\\fB" + manEscape(s) + "\\fP(1)"
		}
		b.WriteString("\n.SH SEE ALSO\n" + strings.Join(seeAlso, ", ") + "\n")
	}
	return b.String()
}

// manFlags lists flags as tagged paragraphs: the flag with its value's
// name, then its usage and any non-zero default.
func manFlags(b *strings.Builder, heading string, flags *pflag.FlagSet) {
	if !flags.HasAvailableFlags() {
		return
	}
	b.WriteString("\n.SH " + heading + "\n")
	flags.VisitAll(func(f *pflag.Flag) {
		if f.Hidden || f.Deprecated != "" {
			return
		}
		b.WriteString(".TP\n")
		if f.Shorthand != "" && f.ShorthandDeprecated == "" {
			fmt.Fprintf(b, "\\fB\\-%s\\fP, ", manEscape(f.Shorthand))
		}
		fmt.Fprintf(b, "\\fB\\-\\-%s\\fP", manEscape(f.Name))
		name, usage := pflag.UnquoteUsage(f)
		if name != "" && f.NoOptDefVal == "" {
			fmt.Fprintf(b, " \\fI%s\\fP", manEscape(name))
		}
		switch f.DefValue {
		case "", "false", "0", "[]":
		default:
			usage += fmt.Sprintf(" (default %s)", f.DefValue)
		}
		b.WriteString("\n" + manLines(usage) + "\n")
	})
}

// manLines escapes text line by line, so that no line of it can start a
// roff request.
func manLines(s string) string {
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = manEscape(l)
	}
	return strings.Join(lines, "\n")
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
func manDate(a *App) time.Time {
	if t, err := time.Parse(time.RFC3339, a.Build.Date); err == nil {
		return t
	}
	d, err := time.Parse(time.DateOnly, recordDate(a.IO))
	if err != nil {
		return time.Now()
	}
	return d
}
