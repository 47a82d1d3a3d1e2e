package cmd

import (
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"github.com/apiadvisor/apiadvisor/report"
	"github.com/apiadvisor/apiadvisor/rules"
	"github.com/spf13/cobra"
)

// usage writes cobra's default usage with every heading styled by
// lipgloss when stdout is a colour terminal and plain otherwise — the
// styled help fang would give, without linking a second lipgloss. The root
// command also lists the environment and the exit codes, which cobra has
// no place for.
//
// It is Go rather than a cobra template on purpose: executing any
// text/template makes the linker keep every exported method of every type
// the binary can reach (text/template calls methods by name), which made
// the binary 2 MB larger and every start slower.
func usage(c *cobra.Command) error {
	w := c.OutOrStderr()
	heading := func(s string) string { return s }
	width := report.DefaultWidth
	if a := appOf(c); a != nil {
		width = a.IO.OutWidth()
		if a.IO.ColorOut() {
			style := boldStyle()
			heading = func(s string) string { return style.Render(s) }
		}
	}
	var b strings.Builder
	b.WriteString(heading("Usage:"))
	// The root runs only to print --version or this help, so its own
	// "apiadvisor [flags]" line would only mislead.
	// A command with subcommands runs only to reject an unknown one
	// (see rejectUnknownSubcommands): its own line would mislead too.
	if c.Runnable() && c.HasParent() && !c.HasAvailableSubCommands() {
		b.WriteString("\n  " + c.UseLine())
	}
	if c.HasAvailableSubCommands() {
		b.WriteString("\n  " + c.CommandPath() + " [command]")
	}
	if len(c.Aliases) > 0 {
		b.WriteString("\n\n" + heading("Aliases:") + "\n  " + c.NameAndAliases())
	}
	if c.HasExample() {
		b.WriteString("\n\n" + heading("Examples:") + "\n" + fitExamples(c.Example, width))
	}
	if c.HasAvailableSubCommands() {
		b.WriteString("\n\n" + heading("Commands:"))
		for _, sub := range c.Commands() {
			if sub.IsAvailableCommand() || sub.Name() == "help" {
				fmt.Fprintf(&b, "\n  %-*s %s", sub.NamePadding(), sub.Name(), sub.Short)
			}
		}
	}
	if c.HasAvailableLocalFlags() {
		b.WriteString("\n\n" + heading("Flags:") + "\n" + strings.TrimRightFunc(c.LocalFlags().FlagUsagesWrapped(width), unicode.IsSpace))
	}
	if c.HasAvailableInheritedFlags() {
		b.WriteString("\n\n" + heading("Global Flags:") + "\n" + strings.TrimRightFunc(c.InheritedFlags().FlagUsagesWrapped(width), unicode.IsSpace))
	}
	if !c.HasParent() {
		b.WriteString("\n\n" + heading("Environment:") + "\n" + environmentText("  "))
		b.WriteString("\n\n" + heading("Exit codes:") + "\n" + exitCodesText("  "))
	}
	if c.HasAvailableSubCommands() {
		fmt.Fprintf(&b, "\n\nUse \"%s [command] --help\" for more information about a command.", c.CommandPath())
	}
	b.WriteByte('\n')
	// The layout is made for 80 columns; a narrower terminal still gets
	// no line wider than itself.
	_, err := io.WriteString(w, report.Fit(b.String(), width))
	return err
}

// fitExamples breaks each example command too wide for the width between
// its arguments, with a " \" continuation, as the reproduce command is:
// Fit would break it anywhere, and a pasted line broken without one is two
// commands. Comments and commands that fit are left to Fit.
func fitExamples(example string, width int) string {
	lines := strings.Split(example, "\n")
	for i, l := range lines {
		cmd := strings.TrimLeft(l, " ")
		if len(l) <= width || cmd == "" || strings.HasPrefix(cmd, "#") {
			continue
		}
		indent := l[:len(l)-len(cmd)]
		cont := ""
		if rest, ok := strings.CutSuffix(cmd, " \\"); ok {
			cmd, cont = rest, " \\" // already continued by hand: keep it last
		}
		lines[i] = indentLines(shellLines(shellParts(cmd), width-len(indent)-len(cont)), indent) + cont
	}
	return strings.Join(lines, "\n")
}

// shellParts splits a shell command line into the pieces a line may break
// between: words as the shell splits them (quotes kept whole), with a flag
// kept beside its value and an operator (| > >> && ||) beside what follows.
// Written here rather than taken from a shell-words library (shlex,
// go-shellquote): those return the words unquoted, and an example must
// print exactly as it is written.
func shellParts(line string) []string {
	var words []string
	var cur strings.Builder
	var quote rune
	for _, r := range line {
		switch {
		case quote != 0:
			if r == quote {
				quote = 0
			}
		case r == '\'' || r == '"':
			quote = r
		case r == ' ':
			if cur.Len() > 0 {
				words = append(words, cur.String())
				cur.Reset()
			}
			continue
		}
		cur.WriteRune(r)
	}
	if cur.Len() > 0 {
		words = append(words, cur.String())
	}
	var parts []string
	for i := 0; i < len(words); i++ {
		w := words[i]
		joins := slices.Contains([]string{"|", ">", ">>", "&&", "||"}, w) ||
			strings.HasPrefix(w, "-") && !strings.Contains(w, "=") && i+1 < len(words) && !strings.HasPrefix(words[i+1], "-")
		if joins && i+1 < len(words) {
			w += " " + words[i+1]
			i++
		}
		parts = append(parts, w)
	}
	return parts
}

// help prints a command's description and usage, fitted to the width as
// usage is: cobra's own help prints the description as it is written.
func help(c *cobra.Command, _ []string) {
	// `apiadvisor nope --help` is a mistyped command, not a request for
	// the root's help.
	if c.HasSubCommands() {
		if words := c.Flags().Args(); len(words) > 0 {
			if a := appOf(c); a != nil {
				a.helpErr = unknownCommand(c, words[0])
				return
			}
		}
	}
	text := c.Long
	if text == "" {
		text = c.Short
	}
	width := report.DefaultWidth
	if a := appOf(c); a != nil {
		width = a.IO.OutWidth()
	}
	if text = strings.TrimRightFunc(text, unicode.IsSpace); text != "" {
		fmt.Fprint(c.OutOrStdout(), report.Fit(text, width)+"\n\n")
	}
	// A failed write is not lost: stdout remembers it, and the run
	// reports it and exits 1 (see outputFailure).
	_ = usage(c)
}

// environment lists the variables apiadvisor reads, for the root help and
// (through Environment) the man page; the flags' own help names the
// variable they fall back to.
var environment = []HelpEntry{
	{"APIADVISOR_NO_INPUT=1", "never prompt (same as --no-input)"},
	{"APIADVISOR_RULES=FILE", "knowledge base file to use (same as --rules)"},
	{"APIADVISOR_OUTPUT=FMT", "advise's default output format: text, json, yaml, markdown or html"},
	{"NO_COLOR=1", "no colour; nor with CLICOLOR=0, TERM=dumb or TERM unset"},
	{"ACCESSIBLE=1", "ask line by line, for screen readers (same as --accessible)"},
	{"SOURCE_DATE_EPOCH=N", "date decision records with this Unix time (years 1970-9999)"},
	{"APIADVISOR_DEBUG=1", "after an internal error, print where it happened (the stack)"},
}

// exitCodes documents the codes exitCode returns.
var exitCodes = []HelpEntry{
	{"0", "ok"},
	{"1", "runtime error, drift or a failed check"},
	{"2", "usage error: bad flag, value, answers or rules file"},
	{"130", "interrupted"},
}

// HelpEntry is one line of the root help's Environment or Exit codes list.
type HelpEntry struct{ Name, Desc string }

// Environment returns the environment variables the root help lists, for
// documentation generators (cmd/gen-docs writes them into the man page).
func Environment() []HelpEntry { return slices.Clone(environment) }

// ExitCodes returns the exit codes the root help lists, for documentation
// generators.
func ExitCodes() []HelpEntry { return slices.Clone(exitCodes) }

// appKey carries the running App in the command's context, where help
// finds it: a closure over one App would race when two Apps run at once,
// as parallel tests do.
type appKey struct{}

// applyHelp installs the styled usage, gives the root a --version that
// prints what `version` prints, and gives cobra's own help and completion
// commands examples. Nothing here styles or loads anything until help or
// the version is actually printed.
func applyHelp(root *cobra.Command) {
	root.SetUsageFunc(usage)
	root.SetHelpFunc(help)
	// cobra's own --version would print through a text/template (see
	// usage), so the root declares the flag and prints the version itself.
	showVersion := root.Flags().BoolP("version", "v", false, "print the version, commit, build date and knowledge-base version")
	root.RunE = func(c *cobra.Command, _ []string) error {
		if !*showVersion {
			return c.Help()
		}
		a := appOf(c)
		if a == nil {
			return errors.New("no app in the command's context")
		}
		_, err := io.WriteString(a.IO.Out, versionText(a))
		return err
	}
	documentBuiltins(root)
	rejectUnknownSubcommands(root)
}

// rejectUnknownSubcommands makes a mistyped subcommand a usage error at
// every level. Cobra runs a parent command that has no Run of its own as
// help, exit 0, whatever follows it (`rules valdiate`, `completion tcsh`),
// and its own root message spans lines; each parent now rejects a word
// that is not one of its subcommands in one line with a suggestion, and
// shows its help when given none. `help` does the same for topics.
func rejectUnknownSubcommands(c *cobra.Command) {
	if c.HasSubCommands() {
		c.Args = func(c *cobra.Command, args []string) error {
			if len(args) > 0 {
				return unknownCommand(c, args[0])
			}
			return nil
		}
		if !c.Runnable() {
			c.RunE = func(c *cobra.Command, _ []string) error { return c.Help() }
		}
	}
	for _, sub := range c.Commands() {
		if sub.Name() == "help" {
			sub.Run = nil
			sub.RunE = helpTopic
			continue
		}
		rejectUnknownSubcommands(sub)
	}
}

// unknownCommand is cobra's "unknown command" error, on one line, with
// the subcommands the word may have been meant to be.
func unknownCommand(c *cobra.Command, word string) error {
	msg := fmt.Sprintf("unknown command %q for %q", word, c.CommandPath())
	// cobra's own default, which only its error path fills in.
	if c.SuggestionsMinimumDistance <= 0 {
		c.SuggestionsMinimumDistance = 2
	}
	if s := c.SuggestionsFor(word); len(s) > 0 {
		for i := range s {
			s[i] = strconv.Quote(s[i])
		}
		return usageErrorf("%s; did you mean %s?", msg, rules.OrList(s))
	}
	return usageErrorf("%s; run \"%s --help\" for the commands", msg, c.CommandPath())
}

// helpTopic is `help [command]`: the command's help, or a usage error
// naming the first word that is not a command, where cobra printed
// "Unknown help topic" and the root's usage and exited 0.
func helpTopic(c *cobra.Command, args []string) error {
	target, rest, err := c.Root().Find(args)
	if err != nil {
		return &usageError{err}
	}
	if len(rest) > 0 {
		return unknownCommand(target, rest[0])
	}
	if target.Context() == nil {
		target.SetContext(c.Context()) // help finds the App there
	}
	target.InitDefaultHelpFlag()
	target.InitDefaultVersionFlag()
	return target.Help()
}

func appOf(c *cobra.Command) *App {
	if ctx := c.Context(); ctx != nil {
		a, _ := ctx.Value(appKey{}).(*App)
		return a
	}
	return nil
}

// exitCodesText lists the exit codes, one a line.
func exitCodesText(indent string) string {
	var b strings.Builder
	for i, e := range exitCodes {
		if i > 0 {
			b.WriteByte('\n')
		}
		fmt.Fprintf(&b, "%s%-4s %s", indent, e.Name, e.Desc)
	}
	return b.String()
}

// environmentText lists the environment variables, one a line.
func environmentText(indent string) string {
	width := 0
	for _, e := range environment {
		width = max(width, len(e.Name))
	}
	var b strings.Builder
	for i, e := range environment {
		if i > 0 {
			b.WriteByte('\n')
		}
		fmt.Fprintf(&b, "%s%-*s  %s", indent, width, e.Name, e.Desc)
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
