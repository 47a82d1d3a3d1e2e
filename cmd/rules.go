package cmd

import (
	"bytes"

	"github.com/apiadvisor/apiadvisor/advisor"
	"github.com/apiadvisor/apiadvisor/report"
	"github.com/apiadvisor/apiadvisor/rules"
	"github.com/spf13/cobra"
)

func newRulesCmd(a *App) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "rules",
		Short: "Inspect, validate and test the knowledge base's rules",
		Long: `Inspect the rules of the knowledge base in use (the built-in one, or the file
given with --rules or APIADVISOR_RULES), validate a rules file, and run
scenario tests against it.

The file format is documented in docs/rules.md, with a JSON Schema in
schema/rules.schema.json.`,
		Example: `  apiadvisor rules list
  apiadvisor rules show io-bound-high-concurrency
  apiadvisor rules validate team-rules.yaml
  apiadvisor rules test testdata/scenarios/*.yaml`,
		Args: cobra.NoArgs,
	}
	cmd.AddCommand(newRulesListCmd(a), newRulesShowCmd(a), newRulesValidateCmd(a), newRulesTestCmd(a))
	return cmd
}

func newRulesListCmd(a *App) *cobra.Command {
	var output *formatFlag
	cmd := &cobra.Command{
		Use:     "list",
		Short:   "List every rule with its effect and source",
		Long:    "List every rule of the knowledge base in use, in file order, with its effect and source.",
		Example: "  apiadvisor rules list\n  apiadvisor rules list -o json",
		Args:    cobra.NoArgs,
		RunE: func(*cobra.Command, []string) error {
			kb, err := a.KB()
			if err != nil {
				return err
			}
			list := make(report.RuleList, len(kb.Rules))
			for i := range kb.Rules {
				list[i] = report.ViewRule(kb, &kb.Rules[i])
			}
			return a.render(output.value, list, report.Options{})
		},
	}
	output = addFormatFlag(cmd, report.RuleList{}, "")
	return cmd
}

func newRulesShowCmd(a *App) *cobra.Command {
	var output *formatFlag
	cmd := &cobra.Command{
		Use:   "show ID",
		Short: "Show one rule: condition, effect, reason, source and the questions it reads",
		Long: `Show one rule: its condition as readable text, the questions it reads, its
effect on scores, the reason users see, its source and where it is defined.`,
		Example: "  apiadvisor rules show io-bound-high-concurrency",
		Args:    exactArgs(1, "a rule id"),
		ValidArgsFunction: func(_ *cobra.Command, args []string, _ string) ([]string, cobra.ShellCompDirective) {
			if len(args) > 0 {
				return nil, cobra.ShellCompDirectiveNoFileComp
			}
			return completeFromKB(a, ruleIDs), cobra.ShellCompDirectiveNoFileComp
		},
		RunE: func(_ *cobra.Command, args []string) error {
			kb, err := a.KB()
			if err != nil {
				return err
			}
			r := kb.Rule(args[0])
			if r == nil {
				return usageErrorf("unknown rule %q: run \"apiadvisor rules list\" for the ids", args[0])
			}
			return a.render(output.value, report.ViewRule(kb, r), report.Options{})
		},
	}
	output = addFormatFlag(cmd, report.RuleView{}, "")
	return cmd
}

func ruleIDs(kb *rules.KB) []string {
	ids := make([]string, 0, len(kb.Rules))
	for _, r := range kb.Rules {
		ids = append(ids, r.ID+"\t"+r.Reason)
	}
	return ids
}

func newRulesValidateCmd(a *App) *cobra.Command {
	var strict bool
	var output *formatFlag
	cmd := &cobra.Command{
		Use:   "validate [FILE]",
		Short: "Check a rules file strictly, reporting every problem with file:line",
		Long: `Check a rules file (default: the knowledge base in use) and report every
problem with its file:line position and the id of the rule, question or
framework concerned.

Errors: YAML syntax, unknown fields, unknown question keys and values, type
mismatches, duplicate ids, missing reasons and sources.
Warnings: rules that can never fire, rules shadowed by a knock-out, and
categories that can never win.

Exit status is 1 when there is an error (or, with --strict, a warning).`,
		Example: `  apiadvisor rules validate
  apiadvisor rules validate team-rules.yaml --strict`,
		Args: maxArgs(1, "one rules file"),
		RunE: func(_ *cobra.Command, args []string) error {
			name, data, err := a.rulesSource(args)
			if err != nil {
				return err
			}
			name = displayName(name)
			_, problems := advisor.Check(data, name)
			v := report.NewValidation(name, problems)
			if err := a.render(output.value, v, report.Options{}); err != nil {
				return err
			}
			if v.Errors > 0 || (strict && v.Warnings > 0) {
				return errSilent
			}
			return nil
		},
	}
	cmd.Flags().BoolVar(&strict, "strict", false, "treat warnings as errors")
	output = addFormatFlag(cmd, report.Validation{}, "")
	return cmd
}

// rulesSource returns the bytes to validate: the named file, else the
// knowledge base in use.
func (a *App) rulesSource(args []string) (string, []byte, error) {
	path := a.rulesPath()
	if len(args) > 0 {
		path = args[0] // "" is refused, not taken for the built-in one
	} else if path == "" {
		return rules.DefaultFile, rules.DefaultSource(), nil
	}
	data, err := readInput("rules file", path, rules.MaxFileSize)
	return path, data, err
}

func newRulesTestCmd(a *App) *cobra.Command {
	var output *formatFlag
	cmd := &cobra.Command{
		Use:   "test FILE...",
		Short: "Run scenario files against the knowledge base",
		Long: `Run scenario files against the knowledge base in use, like "opa test".

A scenario file is a YAML list; each scenario gives answers and what must
come of them:

  - name: small team, heavy I/O
    answers: {concurrency: high, workload: io, team_size: 4}
    expect:
      category: lightweight-async
      fired: [io-bound-high-concurrency]
      not_fired: [large-team-structure]

Prints PASS or FAIL per scenario and a closing "N passed, N failed" line;
exits 1 when any scenario fails.`,
		Example: `  apiadvisor rules test testdata/scenarios/*.yaml
  apiadvisor --rules team-rules.yaml rules test team-scenarios.yaml`,
		Args: minArgs(1, "at least one scenario file"),
		RunE: func(_ *cobra.Command, args []string) error {
			kb, err := a.KB()
			if err != nil {
				return err
			}
			var all []rules.Scenario
			total := 0
			for _, path := range args {
				data, err := readInput("scenario file", path, rules.MaxFileSize)
				if err != nil {
					return err
				}
				// One run reads no more than one file may hold, so that a
				// glob over thousands of files cannot make it long.
				if total += len(data); total > rules.MaxFileSize {
					return usageErrorf("scenario files: more than %d KiB in all; run them in smaller batches", rules.MaxFileSize>>10)
				}
				list, err := rules.LoadScenarios(bytes.NewReader(data), displayName(path))
				if err != nil {
					return &usageError{err}
				}
				all = append(all, list...)
			}
			run := report.NewScenarioRun(advisor.New(kb), all)
			if err := a.render(output.value, run, report.Options{}); err != nil {
				return err
			}
			if run.Failed > 0 || run.NotRun > 0 {
				return errSilent
			}
			return nil
		},
	}
	output = addFormatFlag(cmd, report.ScenarioRun{}, "")
	return cmd
}
