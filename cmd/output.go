package cmd

import (
	"fmt"
	"slices"
	"strings"

	"github.com/apiadvisor/apiadvisor/report"
	"github.com/apiadvisor/apiadvisor/rules"
	"github.com/spf13/cobra"
)

// enumFlag is a flag whose value is one of a fixed list: it checks
// itself against the list, naming the choices when it refuses a value,
// and completes them.
type enumFlag[T ~string] struct {
	value   T
	typ     string
	allowed []T
}

// addEnumFlag registers --name (and -short, unless it is "") with the
// value def; usage is the help line.
func addEnumFlag[T ~string](cmd *cobra.Command, name, short, typ string, allowed []T, def T, usage string) *enumFlag[T] {
	f := &enumFlag[T]{value: def, typ: typ, allowed: allowed}
	cmd.Flags().VarP(f, name, short, usage)
	_ = cmd.RegisterFlagCompletionFunc(name, cobra.FixedCompletions(f.names(), cobra.ShellCompDirectiveNoFileComp))
	return f
}

func (f *enumFlag[T]) names() []string {
	names := make([]string, len(f.allowed))
	for i, a := range f.allowed {
		names[i] = string(a)
	}
	return names
}

func (f *enumFlag[T]) choices() string { return rules.OrList(f.names()) }

// String implements pflag.Value.
func (f *enumFlag[T]) String() string { return string(f.value) }

// Type implements pflag.Value; help shows it as the value's name.
func (f *enumFlag[T]) Type() string { return f.typ }

// Set implements pflag.Value.
func (f *enumFlag[T]) Set(s string) error {
	if !slices.Contains(f.allowed, T(s)) {
		return fmt.Errorf("want %s", f.choices())
	}
	f.value = T(s)
	return nil
}

// formatFlag is -o: a report format among those its command's document
// can be written in, listed in help. Every command that prints a
// document uses it.
type formatFlag = enumFlag[report.Format]

// addFormatFlag registers -o for a command that prints documents like doc;
// note is appended to the help line.
func addFormatFlag(cmd *cobra.Command, doc any, note string) *formatFlag {
	allowed := report.FormatsFor(doc)
	usage := "output `format`: " + (&formatFlag{allowed: allowed}).choices()
	if note != "" {
		usage += " " + note
	}
	return addEnumFlag(cmd, "output", "o", "format", allowed, report.Text, usage)
}

// setFromEnv takes the format from an environment variable when it is
// set, naming the variable if its value is bad.
func (f *enumFlag[T]) setFromEnv(ios *IOStreams, name string) error {
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
