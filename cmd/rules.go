package cmd

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/apiadvisor/apiadvisor/advisor"
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
	var output string
	cmd := &cobra.Command{
		Use:     "list",
		Short:   "List every rule with its effect and source",
		Long:    "List every rule of the knowledge base in use, in file order, with its effect and source.",
		Example: "  apiadvisor rules list\n  apiadvisor rules list -o json",
		Args:    cobra.NoArgs,
		RunE: func(*cobra.Command, []string) error {
			if err := checkFormat(output, "text", "json"); err != nil {
				return err
			}
			kb, err := a.KB()
			if err != nil {
				return err
			}
			if output == "json" {
				return writeJSON(a.IO.Out, ruleViews(kb))
			}
			var rows [][]string
			for _, r := range kb.Rules {
				rows = append(rows, []string{r.ID, effectString(r.Effect), r.Source})
			}
			return table(a.IO.Out, []string{"id", "effect", "source"}, rows)
		},
	}
	addOutputFlag(cmd, &output)
	return cmd
}

// ruleView is a rule as `rules list/show -o json` print it: the condition
// as readable text and the questions it reads.
type ruleView struct {
	ID     string       `json:"id"`
	When   string       `json:"when"`
	Reads  []string     `json:"reads"`
	Effect rules.Effect `json:"effect"`
	Reason string       `json:"reason"`
	Source string       `json:"source"`
	Line   int          `json:"line"`
}

func viewRule(r *rules.Rule) ruleView {
	return ruleView{ID: r.ID, When: r.When.String(), Reads: r.When.Keys(), Effect: r.Effect, Reason: r.Reason, Source: r.Source, Line: r.Line}
}

func ruleViews(kb *rules.KB) []ruleView {
	out := make([]ruleView, len(kb.Rules))
	for i := range kb.Rules {
		out[i] = viewRule(&kb.Rules[i])
	}
	return out
}

func newRulesShowCmd(a *App) *cobra.Command {
	var output string
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
			if err := checkFormat(output, "text", "json"); err != nil {
				return err
			}
			kb, err := a.KB()
			if err != nil {
				return err
			}
			r := kb.Rule(args[0])
			if r == nil {
				return usageErrorf("unknown rule %q: run \"apiadvisor rules list\" for the ids", args[0])
			}
			v := viewRule(r)
			if output == "json" {
				return writeJSON(a.IO.Out, v)
			}
			st := newStyles(a.IO.Out, a.IO.ColorOut())
			var b strings.Builder
			fmt.Fprintf(&b, "%s\n", st.title.Render(v.ID))
			fmt.Fprintf(&b, "  when:   %s\n", v.When)
			fmt.Fprintf(&b, "  reads:  %s\n", strings.Join(v.Reads, ", "))
			fmt.Fprintf(&b, "  effect: %s\n", effectString(v.Effect))
			fmt.Fprintf(&b, "  reason: %s\n", wrap(v.Reason, 70, "          "))
			fmt.Fprintf(&b, "  source: %s\n", v.Source)
			fmt.Fprintf(&b, "  %s\n", st.faint.Render(fmt.Sprintf("defined at %s:%d", kb.File, v.Line)))
			_, err = io.WriteString(a.IO.Out, b.String())
			return err
		},
	}
	addOutputFlag(cmd, &output)
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
	var output string
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
			if err := checkFormat(output, "text", "json"); err != nil {
				return err
			}
			name, data, err := a.rulesSource(args)
			if err != nil {
				return err
			}
			kb, problems := rules.Check(data, name)
			if kb != nil {
				problems = append(problems, advisor.Lint(kb)...)
			}
			return reportProblems(a, output, name, problems, strict)
		},
	}
	cmd.Flags().BoolVar(&strict, "strict", false, "treat warnings as errors")
	addOutputFlag(cmd, &output)
	return cmd
}

// rulesSource returns the bytes to validate: the named file, else the
// knowledge base in use.
func (a *App) rulesSource(args []string) (string, []byte, error) {
	path := a.rulesPath()
	if len(args) > 0 {
		path = args[0]
	}
	if path == "" {
		return rules.DefaultFile, rules.DefaultSource(), nil
	}
	data, err := readLimited(path, rules.MaxFileSize)
	return path, data, err
}

// readLimited reads a file the user named, refusing directories and
// files too large to be a knowledge base before reading them.
func readLimited(path string, limit int64) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("open %q: %w", path, errors.Unwrap(err))
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, fmt.Errorf("stat %q: %w", path, err)
	}
	if st.IsDir() {
		return nil, usageErrorf("%q is a directory, not a file", path)
	}
	data, err := io.ReadAll(io.LimitReader(f, limit+1))
	if err != nil {
		return nil, fmt.Errorf("read %q: %w", path, err)
	}
	if int64(len(data)) > limit {
		return nil, usageErrorf("%q is larger than %d KiB", path, limit>>10)
	}
	return data, nil
}

func reportProblems(a *App, output, name string, problems []rules.Problem, strict bool) error {
	var errs, warns int
	for _, p := range problems {
		if p.Severity == rules.SevError {
			errs++
		} else {
			warns++
		}
	}
	if output == "json" {
		if problems == nil {
			problems = []rules.Problem{}
		}
		if err := writeJSON(a.IO.Out, map[string]any{"file": name, "errors": errs, "warnings": warns, "problems": problems}); err != nil {
			return err
		}
	} else {
		var b bytes.Buffer
		for _, p := range problems {
			fmt.Fprintln(&b, p.String())
		}
		fmt.Fprintf(&b, "%s: %d errors, %d warnings\n", name, errs, warns)
		if _, err := a.IO.Out.Write(b.Bytes()); err != nil {
			return err
		}
	}
	if errs > 0 || (strict && warns > 0) {
		return errSilent
	}
	return nil
}

func newRulesTestCmd(a *App) *cobra.Command {
	var output string
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
			if err := checkFormat(output, "text", "json"); err != nil {
				return err
			}
			kb, err := a.KB()
			if err != nil {
				return err
			}
			var all []rules.Scenario
			for _, path := range args {
				data, err := readLimited(path, rules.MaxFileSize)
				if err != nil {
					return err
				}
				list, err := rules.LoadScenarios(bytes.NewReader(data), path)
				if err != nil {
					return &usageError{err}
				}
				all = append(all, list...)
			}
			return reportScenarios(a, output, advisor.New(kb), all)
		},
	}
	addOutputFlag(cmd, &output)
	return cmd
}

func reportScenarios(a *App, output string, e *advisor.Engine, scenarios []rules.Scenario) error {
	results := make([]advisor.ScenarioResult, 0, len(scenarios))
	fired := map[string]bool{}
	failed := 0
	for _, s := range scenarios {
		r := e.RunScenario(s)
		results = append(results, r)
		if !r.Passed {
			failed++
		}
		for _, id := range r.Fired {
			fired[id] = true
		}
	}
	var uncovered []string
	for _, r := range e.KB().Rules {
		if !fired[r.ID] {
			uncovered = append(uncovered, r.ID)
		}
	}
	passed := len(results) - failed
	if output == "json" {
		if uncovered == nil {
			uncovered = []string{}
		}
		if err := writeJSON(a.IO.Out, map[string]any{"passed": passed, "failed": failed, "results": results, "rules_not_fired": uncovered}); err != nil {
			return err
		}
	} else {
		st := newStyles(a.IO.Out, a.IO.ColorOut())
		var b strings.Builder
		for _, r := range results {
			if r.Passed {
				fmt.Fprintf(&b, "%s %s\n", st.ok.Render("PASS"), r.Name)
				continue
			}
			fmt.Fprintf(&b, "%s %s (%s:%d)\n", st.bad.Render("FAIL"), r.Name, r.File, r.Line)
			for _, f := range r.Failures {
				fmt.Fprintf(&b, "    %s\n", f)
			}
		}
		if len(uncovered) > 0 {
			fmt.Fprintf(&b, "rules no scenario fired: %s\n", strings.Join(uncovered, ", "))
		}
		fmt.Fprintf(&b, "%d passed, %d failed\n", passed, failed)
		if _, err := io.WriteString(a.IO.Out, b.String()); err != nil {
			return err
		}
	}
	if failed > 0 {
		return errSilent
	}
	return nil
}
