package cmd

import (
	"fmt"
	"slices"
	"strings"

	"github.com/apiadvisor/apiadvisor/report"
	"github.com/apiadvisor/apiadvisor/rules"
	"github.com/spf13/cobra"
)

// formatFlag is -o: a report format that checks itself against the
// formats its command's document can be written in, lists them in help
// and completes them. Every command that prints a document uses it.
type formatFlag struct {
	value   report.Format
	allowed []report.Format
}

// addFormatFlag registers -o for a command that prints documents like doc;
// note is appended to the help line.
func addFormatFlag(cmd *cobra.Command, doc any, note string) *formatFlag {
	f := &formatFlag{value: report.Text, allowed: report.FormatsFor(doc)}
	usage := "output `format`: " + f.choices()
	if note != "" {
		usage += " " + note
	}
	cmd.Flags().VarP(f, "output", "o", usage)
	names := make([]string, len(f.allowed))
	for i, a := range f.allowed {
		names[i] = string(a)
	}
	_ = cmd.RegisterFlagCompletionFunc("output", cobra.FixedCompletions(names, cobra.ShellCompDirectiveNoFileComp))
	return f
}

func (f *formatFlag) choices() string {
	names := make([]string, len(f.allowed))
	for i, a := range f.allowed {
		names[i] = string(a)
	}
	return rules.OrList(names)
}

// String implements pflag.Value.
func (f *formatFlag) String() string { return string(f.value) }

// Type implements pflag.Value; help shows it as the value's name.
func (f *formatFlag) Type() string { return "format" }

// Set implements pflag.Value.
func (f *formatFlag) Set(s string) error {
	if !slices.Contains(f.allowed, report.Format(s)) {
		return fmt.Errorf("want %s", f.choices())
	}
	f.value = report.Format(s)
	return nil
}

// setFromEnv takes the format from an environment variable when it is
// set, naming the variable if its value is bad.
func (f *formatFlag) setFromEnv(ios *IOStreams, name string) error {
	v := ios.Getenv(name)
	if v == "" {
		return nil
	}
	if err := f.Set(v); err != nil {
		return usageErrorf("invalid value %q for %s: %w", v, name, err)
	}
	return nil
}

// render prints a document on stdout, laid out for it.
func (a *App) render(f report.Format, doc any, o report.Options) error {
	o.Width = a.IO.OutWidth()
	o.Color = a.IO.ColorOut()
	return report.Render(a.IO.Out, f, doc, o)
}

// completeFromKB runs a shell completion against the knowledge base in
// use; when it cannot be loaded, completion offers nothing rather than an
// error in the middle of the user's command line.
func completeFromKB(a *App, list func(*rules.KB) []string) []string {
	kb, err := a.KB()
	if err != nil {
		return nil
	}
	out := list(kb)
	for i, c := range out {
		out[i] = completionLine(c)
	}
	return out
}

// completionLine keeps a candidate on its one line of the completion
// protocol, "value<TAB>description", and free of anything a shell that
// shows descriptions would pass to the terminal.
func completionLine(c string) string {
	value, desc, ok := strings.Cut(c, "\t")
	value = strings.Join(strings.Fields(report.Clean(value)), "")
	if !ok {
		return value
	}
	return value + "\t" + strings.Join(strings.Fields(report.Clean(desc)), " ")
}

// enumFlag is a flag whose value is one of a fixed list: like formatFlag
// it checks itself, lists its choices in help and completes them.
type enumFlag struct {
	value, typ string
	allowed    []string
}

// addEnumFlag registers --name with the value def; usage is the help line,
// to which the choices are added.
func addEnumFlag(cmd *cobra.Command, name, typ string, allowed []string, def, usage string) *enumFlag {
	f := &enumFlag{value: def, typ: typ, allowed: allowed}
	cmd.Flags().Var(f, name, usage)
	_ = cmd.RegisterFlagCompletionFunc(name, cobra.FixedCompletions(allowed, cobra.ShellCompDirectiveNoFileComp))
	return f
}

// String implements pflag.Value.
func (f *enumFlag) String() string { return f.value }

// Type implements pflag.Value; help shows it as the value's name.
func (f *enumFlag) Type() string { return f.typ }

// Set implements pflag.Value.
func (f *enumFlag) Set(s string) error {
	if !slices.Contains(f.allowed, s) {
		return fmt.Errorf("want %s", rules.OrList(f.allowed))
	}
	f.value = s
	return nil
}
