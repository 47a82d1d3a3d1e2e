package cmd

import (
	"fmt"
	"strings"
	"sync"
	"text/template"

	"github.com/spf13/cobra"
)

// usageTemplate is cobra's default with every heading passed through
// `heading`, which styles it with lipgloss when stdout is a colour
// terminal and leaves it plain otherwise — the styled help fang would
// give, without linking a second lipgloss. The root command also lists
// the environment and the exit codes, which cobra has no place for.
const usageTemplate = `{{heading . "Usage:"}}{{if .Runnable}}
  {{.UseLine}}{{end}}{{if .HasAvailableSubCommands}}
  {{.CommandPath}} [command]{{end}}{{if gt (len .Aliases) 0}}

{{heading . "Aliases:"}}
  {{.NameAndAliases}}{{end}}{{if .HasExample}}

{{heading . "Examples:"}}
{{.Example}}{{end}}{{if .HasAvailableSubCommands}}

{{heading . "Commands:"}}{{range .Commands}}{{if (or .IsAvailableCommand (eq .Name "help"))}}
  {{rpad .Name .NamePadding }} {{.Short}}{{end}}{{end}}{{end}}{{if .HasAvailableLocalFlags}}

{{heading . "Flags:"}}
{{.LocalFlags.FlagUsages | trimTrailingWhitespaces}}{{end}}{{if .HasAvailableInheritedFlags}}

{{heading . "Global Flags:"}}
{{.InheritedFlags.FlagUsages | trimTrailingWhitespaces}}{{end}}{{if not .HasParent}}

{{heading . "Environment:"}}
{{environmentHelp}}

{{heading . "Exit codes:"}}
{{exitCodesHelp}}{{end}}{{if .HasAvailableSubCommands}}

Use "{{.CommandPath}} [command] --help" for more information about a command.{{end}}
`

// environment lists the variables apiadvisor reads, for the root help and
// the man page; the flags' own help names the variable they fall back to.
var environment = []struct{ name, desc string }{
	{"APIADVISOR_NO_INPUT=1", "never prompt (same as --no-input)"},
	{"APIADVISOR_RULES=FILE", "knowledge base file to use (same as --rules)"},
	{"APIADVISOR_OUTPUT=FMT", "advise's default output format: text, json, yaml or markdown"},
	{"NO_COLOR=1", "no colour; so do CLICOLOR=0 and TERM=dumb"},
	{"ACCESSIBLE=1", "ask line by line, for screen readers (same as --accessible)"},
	{"SOURCE_DATE_EPOCH=N", "date decision records and the man page with this Unix time"},
}

// exitCodes documents the codes exitCode returns.
var exitCodes = []struct{ code, desc string }{
	{"0", "ok"},
	{"1", "runtime error, drift or a failed check"},
	{"2", "usage error: bad flag, value, answers or rules file"},
	{"130", "interrupted"},
}

// cobra keeps template funcs in one process-wide map, so they are
// registered once and find the App in the context of the command they
// render: rebinding them for every App would race when two Apps run at
// once, as parallel tests do.
var helpFuncsOnce sync.Once

// appKey carries the running App in the command's context.
type appKey struct{}

// applyHelp installs the styled usage template, makes --version print what
// `version` prints, and gives cobra's own help and completion commands
// examples. Template funcs run only when help or --version is printed, so
// neither styling nor loading the knowledge base costs a normal run.
func applyHelp(root *cobra.Command) {
	helpFuncsOnce.Do(registerHelpFuncs)

	root.SetUsageTemplate(usageTemplate)
	if root.Version != "" {
		// Declared here, cobra keeps this flag instead of adding its own
		// "version for apiadvisor".
		root.Flags().BoolP("version", "v", false, "print the version, commit, build date and knowledge-base version")
		root.SetVersionTemplate("{{versionText .}}")
	}
	documentBuiltins(root)
}

func registerHelpFuncs() {
	cobra.AddTemplateFuncs(template.FuncMap{
		"heading": func(c *cobra.Command, s string) string {
			a := appOf(c)
			if a == nil || !a.IO.ColorOut() {
				return s
			}
			return newStyles(a.IO.Out, true).heading.Render(s)
		},
		"versionText": func(c *cobra.Command) string {
			if a := appOf(c); a != nil {
				return versionText(a)
			}
			return c.Version + "\n"
		},
		"environmentHelp": func() string { return environmentText("  ") },
		"exitCodesHelp": func() string {
			var b strings.Builder
			for i, e := range exitCodes {
				if i > 0 {
					b.WriteByte('\n')
				}
				fmt.Fprintf(&b, "  %-4s %s", e.code, e.desc)
			}
			return b.String()
		},
	})
}

func appOf(c *cobra.Command) *App {
	if ctx := c.Context(); ctx != nil {
		a, _ := ctx.Value(appKey{}).(*App)
		return a
	}
	return nil
}

// environmentText lists the environment variables, one a line.
func environmentText(indent string) string {
	width := 0
	for _, e := range environment {
		width = max(width, len(e.name))
	}
	var b strings.Builder
	for i, e := range environment {
		if i > 0 {
			b.WriteByte('\n')
		}
		fmt.Fprintf(&b, "%s%-*s  %s", indent, width, e.name, e.desc)
	}
	return b.String()
}

// documentBuiltins creates cobra's help and completion commands now rather
// than at Execute (cobra then keeps these), so they can carry examples like
// every other command. Completion stays enabled: releases generate the
// shell scripts with it.
func documentBuiltins(root *cobra.Command) {
	root.InitDefaultHelpCmd()
	root.InitDefaultCompletionCmd()
	for _, c := range root.Commands() {
		switch c.Name() {
		case "help":
			c.Example = "  apiadvisor help advise\n  apiadvisor help rules validate"
		case "completion":
			c.Example = `  # Load completions in this bash session
  source <(apiadvisor completion bash)

  # See how to install them for good
  apiadvisor completion zsh --help`
			for _, sh := range c.Commands() {
				sh.Example = completionExample(sh.Name())
			}
		}
	}
}

func completionExample(shell string) string {
	switch shell {
	case "bash":
		return `  source <(apiadvisor completion bash)
  apiadvisor completion bash > "$(brew --prefix)/etc/bash_completion.d/apiadvisor"`
	case "zsh":
		return `  apiadvisor completion zsh > "${fpath[1]}/_apiadvisor"`
	case "fish":
		return `  apiadvisor completion fish > ~/.config/fish/completions/apiadvisor.fish`
	case "powershell":
		return `  apiadvisor completion powershell | Out-String | Invoke-Expression`
	}
	return "  apiadvisor completion " + shell
}
