package cmd

import (
	"github.com/apiadvisor/apiadvisor/report"
	"github.com/apiadvisor/apiadvisor/rules"
	"github.com/spf13/cobra"
)

type questionsOptions struct {
	app    *App
	output *formatFlag
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
	opts.output = addFormatFlag(cmd, report.QuestionList{}, "")
	return cmd
}

func questionsRun(opts *questionsOptions) error {
	kb, err := opts.app.KB()
	if err != nil {
		return err
	}
	builtin, _ := opts.app.builtinKB()
	list := make(report.QuestionList, 0, len(kb.Questions))
	for _, q := range kb.Questions {
		feeds := kb.RulesReading(q.Key)
		if feeds == nil {
			feeds = []string{}
		}
		list = append(list, report.QuestionInfo{Question: q, Flag: questionFlagName(builtin, q.Key), Accepted: q.Accepted(), Feeds: feeds})
	}
	return opts.app.render(opts.output.value, list, report.Options{})
}

// questionFlagName names the flag that sets a question: its own, when the
// built-in knowledge base has the question, or --answer for questions a
// custom rules file adds.
func questionFlagName(builtin *rules.KB, key string) string {
	if builtin != nil && builtin.Question(key) != nil {
		return "--" + flagName(key)
	}
	return "--answer " + key + "=…"
}
