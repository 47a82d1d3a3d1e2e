package cmd

import (
	"fmt"
	"io"
	"strings"

	"github.com/apiadvisor/apiadvisor/rules"
	"github.com/spf13/cobra"
)

type compareOptions struct {
	app    *App
	output string
}

func newCompareCmd(a *App) *cobra.Command {
	opts := &compareOptions{app: a}
	cmd := &cobra.Command{
		Use:   "compare A B",
		Short: "Compare two frameworks side by side, with sources",
		Long: `Compare two frameworks fact by fact, each fact with its source.

When one side is an API style rather than a framework — rest (or rest-api),
graphql, grpc — there is nothing to compare: "FastAPI vs REST API" sets a
framework against the architectural style it implements. compare explains
that category error instead, and shows which frameworks implement the style.`,
		Example: `  apiadvisor compare fastapi django-drf
  apiadvisor compare fastapi rest
  apiadvisor compare litestar django-ninja -o markdown`,
		Args: exactArgs(2, "two framework ids (or an API style such as rest)"),
		ValidArgsFunction: func(_ *cobra.Command, args []string, _ string) ([]string, cobra.ShellCompDirective) {
			if len(args) >= 2 {
				return nil, cobra.ShellCompDirectiveNoFileComp
			}
			return completeFromKB(a, compareTargets), cobra.ShellCompDirectiveNoFileComp
		},
		RunE: func(_ *cobra.Command, args []string) error { return compareRun(opts, args[0], args[1]) },
	}
	cmd.Flags().StringVarP(&opts.output, "output", "o", "text", "output format: text, json or markdown")
	_ = cmd.RegisterFlagCompletionFunc("output", cobra.FixedCompletions([]string{"text", "json", "markdown"}, cobra.ShellCompDirectiveNoFileComp))
	return cmd
}

// comparison is what `compare` prints: two frameworks, or the category
// error when a side is a style.
type comparison struct {
	KBVersion     string             `json:"kb_version"`
	CategoryError bool               `json:"category_error"`
	Explanation   string             `json:"explanation,omitempty"`
	Styles        []*rules.Style     `json:"styles,omitempty"`
	Frameworks    []*rules.Framework `json:"frameworks"`
	// Implementers are the frameworks that can be recommended, listed
	// when a side is a style: any of them implements it.
	Implementers []*rules.Framework `json:"implementers,omitempty"`
}

func compareRun(opts *compareOptions, left, right string) error {
	if err := checkFormat(opts.output, "text", "json", "markdown"); err != nil {
		return err
	}
	kb, err := opts.app.KB()
	if err != nil {
		return err
	}
	c := comparison{KBVersion: kb.Version, Frameworks: []*rules.Framework{}}
	for _, name := range []string{left, right} {
		if st := kb.Style(name); st != nil {
			c.Styles = append(c.Styles, st)
			continue
		}
		f := kb.Framework(strings.ToLower(name))
		if f == nil {
			return usageErrorf("unknown framework or style %q: want %s", name, rules.OrList(compareIDs(kb)))
		}
		c.Frameworks = append(c.Frameworks, f)
	}
	if strings.EqualFold(left, right) {
		return usageErrorf("compare needs two different things; got %q twice", left)
	}
	if len(c.Styles) > 0 {
		c.CategoryError = true
		c.Explanation = categoryError(c)
		for i := range kb.Frameworks {
			if kb.Frameworks[i].Category != "" {
				c.Implementers = append(c.Implementers, &kb.Frameworks[i])
			}
		}
	}
	ios := opts.app.IO
	switch opts.output {
	case "json":
		return writeJSON(ios.Out, c)
	case "markdown":
		_, err := io.WriteString(ios.Out, compareMarkdown(kb, c))
		return err
	}
	_, err = io.WriteString(ios.Out, compareText(kb, newStyles(ios.Out, ios.ColorOut()), c))
	return err
}

func categoryError(c comparison) string {
	if len(c.Frameworks) == 0 {
		return fmt.Sprintf("%s and %s are both API styles, not frameworks: a project picks the style its clients need, then a framework that implements it.",
			c.Styles[0].Name, c.Styles[1].Name)
	}
	f, st := c.Frameworks[0], c.Styles[0]
	return fmt.Sprintf("%s is a framework and %s is an API style, so they are not alternatives: you build a %s API with a framework such as %s. The real choice is which kind of framework.",
		f.Name, st.Name, st.Name, f.Name)
}

func compareText(kb *rules.KB, st *styles, c comparison) string {
	var b strings.Builder
	if c.CategoryError {
		fmt.Fprintf(&b, "%s\n  %s\n", st.title.Render("Not a like-for-like comparison"), wrap(c.Explanation, 76, "  "))
		for _, s := range c.Styles {
			fmt.Fprintf(&b, "\n%s\n", st.heading.Render(s.Name))
			writeFacts(&b, st, s.Facts)
		}
		fmt.Fprintf(&b, "\n%s\n", st.heading.Render("Frameworks the advisor can recommend"))
		for _, f := range c.Implementers {
			fmt.Fprintf(&b, "  • %s %s\n", f.Name, st.faint.Render("("+f.Category+")"))
		}
		b.WriteString("\nRun \"apiadvisor advise\" to choose between them.\n")
		return b.String()
	}
	for i, f := range c.Frameworks {
		if i > 0 {
			b.WriteString("\n")
		}
		fmt.Fprintf(&b, "%s  %s\n", st.title.Render(f.Name), st.faint.Render(categoryLabel(*f)+" · "+f.URL))
		if cat := kb.Category(f.Category); cat != nil {
			fmt.Fprintf(&b, "  %s\n", wrap(cat.Summary, 76, "  "))
		}
		writeFacts(&b, st, f.Facts)
	}
	return b.String()
}

// compareMarkdown puts the two frameworks in a two-column table, one fact
// per row, so differences read across.
func compareMarkdown(kb *rules.KB, c comparison) string {
	var b strings.Builder
	if c.CategoryError {
		fmt.Fprintf(&b, "# Not a like-for-like comparison\n\n%s\n", c.Explanation)
		for _, s := range c.Styles {
			fmt.Fprintf(&b, "\n## %s\n\n", s.Name)
			for _, fact := range s.Facts {
				fmt.Fprintf(&b, "* %s (%s)\n", fact.Text, mdSource(fact.Source))
			}
		}
		b.WriteString("\n## Frameworks the advisor can recommend\n\n")
		for _, f := range c.Implementers {
			fmt.Fprintf(&b, "* %s (%s)\n", f.Name, f.Category)
		}
		return wrapMarkdown(b.String(), 80)
	}
	l, r := c.Frameworks[0], c.Frameworks[1]
	fmt.Fprintf(&b, "# %s vs %s\n\n| | %s | %s |\n| --- | --- | --- |\n", l.Name, r.Name, mdCell(l.Name), mdCell(r.Name))
	fmt.Fprintf(&b, "| Category | %s | %s |\n", categoryLabel(*l), categoryLabel(*r))
	for i := 0; i < max(len(l.Facts), len(r.Facts)); i++ {
		fmt.Fprintf(&b, "| Fact %d | %s | %s |\n", i+1, mdFact(l.Facts, i), mdFact(r.Facts, i))
	}
	fmt.Fprintf(&b, "\nKnowledge base %s.\n", kb.Version)
	return b.String()
}

func mdFact(facts []rules.Fact, i int) string {
	if i >= len(facts) {
		return "—"
	}
	return mdCell(facts[i].Text) + " (" + mdSource(facts[i].Source) + ")"
}

func compareIDs(kb *rules.KB) []string {
	var ids []string
	for _, f := range kb.Frameworks {
		ids = append(ids, f.ID)
	}
	for _, s := range kb.Styles {
		ids = append(ids, s.ID)
	}
	return ids
}

func compareTargets(kb *rules.KB) []string {
	var out []string
	for _, f := range kb.Frameworks {
		out = append(out, f.ID+"\t"+f.Name)
	}
	for _, s := range kb.Styles {
		out = append(out, s.ID+"\t"+s.Name+" (an API style)")
		out = append(out, s.Aliases...)
	}
	return out
}
