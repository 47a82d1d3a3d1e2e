package cmd

import (
	"strings"

	"github.com/spf13/cobra"
)

// usageTemplate is cobra's default with every heading passed through
// `heading`, which styles it with lipgloss when stdout is a colour
// terminal and leaves it plain otherwise — the styled help fang would
// give, without linking a second lipgloss.
const usageTemplate = `{{heading "Usage:"}}{{if .Runnable}}
  {{.UseLine}}{{end}}{{if .HasAvailableSubCommands}}
  {{.CommandPath}} [command]{{end}}{{if gt (len .Aliases) 0}}

{{heading "Aliases:"}}
  {{.NameAndAliases}}{{end}}{{if .HasExample}}

{{heading "Examples:"}}
{{.Example}}{{end}}{{if .HasAvailableSubCommands}}

{{heading "Commands:"}}{{range .Commands}}{{if (or .IsAvailableCommand (eq .Name "help"))}}
  {{rpad .Name .NamePadding }} {{.Short}}{{end}}{{end}}{{end}}{{if .HasAvailableLocalFlags}}

{{heading "Flags:"}}
{{.LocalFlags.FlagUsages | trimTrailingWhitespaces}}{{end}}{{if .HasAvailableInheritedFlags}}

{{heading "Global Flags:"}}
{{.InheritedFlags.FlagUsages | trimTrailingWhitespaces}}{{end}}{{if not .HasParent}}

{{heading "Environment:"}}
  APIADVISOR_NO_INPUT=1   never prompt (same as --no-input)
  APIADVISOR_RULES=FILE   rules file to use (same as --rules)
  APIADVISOR_OUTPUT=FMT   default output format: text, json, yaml or markdown
  NO_COLOR=1              no colour (also TERM=dumb)
  ACCESSIBLE=1            line-by-line prompts for screen readers

{{heading "Exit codes:"}}
  0 ok · 1 runtime error, drift or failed test · 2 usage error · 130 interrupted{{end}}{{if .HasAvailableSubCommands}}

Use "{{.CommandPath}} [command] --help" for more information about a command.{{end}}
`

// applyHelp installs the styled usage template and the version template.
// Template funcs are evaluated only when help or --version is printed,
// so neither styling nor the knowledge base costs anything otherwise.
func applyHelp(root *cobra.Command, a *App) {
	cobra.AddTemplateFunc("heading", func(s string) string {
		if !a.IO.ColorOut() {
			return s
		}
		return newStyles(a.IO.Out, true).heading.Render(s)
	})
	cobra.AddTemplateFunc("versionText", func() string { return strings.TrimRight(versionText(a), "\n") })
	root.SetUsageTemplate(usageTemplate)
	root.SetVersionTemplate("{{versionText}}\n")
}
