package cmd

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/apiadvisor/apiadvisor/rules"
	"github.com/spf13/cobra"
)

type questionsOptions struct {
	app    *App
	output string
}

func newQuestionsCmd(a *App) *cobra.Command {
	opts := &questionsOptions{app: a}
	cmd := &cobra.Command{
		Use:   "questions",
		Short: "List the questions, why each is asked and the rules it feeds",
		Long: `List every question the advisor can ask, with its flag, accepted values,
the help text that says why it is asked, and the rules whose conditions read it.`,
		Example: `  apiadvisor questions
  apiadvisor questions -o json | jq '.[].key'`,
		Args: cobra.NoArgs,
		RunE: func(*cobra.Command, []string) error { return questionsRun(opts) },
	}
	addOutputFlag(cmd, &opts.output)
	return cmd
}

// questionInfo is a question with what it influences, for listing.
type questionInfo struct {
	rules.Question
	Flag     string   `json:"flag"`
	Accepted string   `json:"accepted"`
	Feeds    []string `json:"feeds"`
}

func questionsRun(opts *questionsOptions) error {
	if err := checkFormat(opts.output, "text", "json"); err != nil {
		return err
	}
	kb, err := opts.app.KB()
	if err != nil {
		return err
	}
	var infos []questionInfo
	for _, q := range kb.Questions {
		feeds := kb.RulesReading(q.Key)
		if feeds == nil {
			feeds = []string{}
		}
		infos = append(infos, questionInfo{Question: q, Flag: questionFlag(q.Key), Accepted: q.Accepted(), Feeds: feeds})
	}
	io := opts.app.IO
	if opts.output == "json" {
		return writeJSON(io.Out, infos)
	}
	st := newStyles(io.Out, io.ColorOut())
	var b strings.Builder
	for i, q := range infos {
		if i > 0 {
			b.WriteString("\n")
		}
		fmt.Fprintf(&b, "%s  %s\n", st.heading.Render(q.Key), st.faint.Render(q.Flag+" — "+q.Accepted))
		fmt.Fprintf(&b, "  %s\n", q.Prompt)
		fmt.Fprintf(&b, "  %s\n", wrap(q.Help, 76, "  "))
		if len(q.Feeds) > 0 {
			line := wrap("Feeds: "+strings.Join(q.Feeds, ", "), 76, "    ")
			fmt.Fprintf(&b, "  %s%s\n", st.faint.Render("Feeds:"), strings.TrimPrefix(line, "Feeds:"))
		} else {
			fmt.Fprintf(&b, "  %s\n", st.faint.Render("Feeds no rule."))
		}
	}
	_, err = fmt.Fprint(io.Out, b.String())
	return err
}

// questionFlag names the flag that sets a question: its own, or --answer
// for questions a custom rules file adds.
func questionFlag(key string) string {
	for _, af := range answerFlags {
		if af.key == key {
			return "--" + flagName(key)
		}
	}
	return "--answer " + key + "=…"
}

// wrap folds text at width columns (counting runes), indenting
// continuation lines, which count towards the width too.
func wrap(text string, width int, indent string) string {
	var b strings.Builder
	col := 0
	for i, word := range strings.Fields(text) {
		n := utf8.RuneCountInString(word)
		switch {
		case i == 0:
		case col+1+n > width:
			b.WriteString("\n" + indent)
			col = utf8.RuneCountInString(indent)
		default:
			b.WriteString(" ")
			col++
		}
		b.WriteString(word)
		col += n
	}
	return b.String()
}
