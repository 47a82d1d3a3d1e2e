package cmd

import (
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/apiadvisor/apiadvisor/advisor"
	"github.com/apiadvisor/apiadvisor/rules"
	"github.com/spf13/cobra"
)

// answerFlag is a dedicated flag for one question of the built-in
// knowledge base. The table is static so that registering flags costs
// nothing at start-up; a test keeps it in step with default.yaml.
type answerFlag struct {
	key    string
	usage  string
	isBool bool
	values []string
}

var answerFlags = []answerFlag{
	{key: "concurrency", usage: "requests in flight at peak: low, medium or high", values: []string{"low", "medium", "high"}},
	{key: "workload", usage: "what requests spend their time on: io, cpu or mixed", values: []string{"io", "cpu", "mixed"}},
	{key: "team_size", usage: "developers working on the API, 1 to 10000"},
	{key: "orm", usage: "need a built-in ORM (--orm=false for no)", isBool: true},
	{key: "migrations", usage: "need built-in schema migrations", isBool: true},
	{key: "admin", usage: "need a ready-made admin panel", isBool: true},
	{key: "api_docs", usage: "need automatic interactive API docs (OpenAPI)", isBool: true},
	{key: "validation", usage: "want request validation declared with Python type hints", isBool: true},
	{key: "architecture", usage: "monolith or services", values: []string{"monolith", "services"}},
	{key: "async_experience", usage: "the team's async Python experience: none, some or strong", values: []string{"none", "some", "strong"}},
}

func flagName(key string) string { return strings.ReplaceAll(key, "_", "-") }

type adviseOptions struct {
	app        *App
	cmd        *cobra.Command
	values     map[string]*string
	answer     []string
	output     string
	noInput    bool
	explain    bool
	accessible bool

	answersFile  string
	saveAnswers  string
	printCommand bool
	adrDir       string
	checkAgainst string
}

func newAdviseCmd(a *App, runF func(*adviseOptions) error) *cobra.Command {
	opts := &adviseOptions{app: a, values: map[string]*string{}}
	cmd := &cobra.Command{
		Use:   "advise",
		Short: "Recommend a kind of API framework for your project",
		Long: `Recommend a kind of Python API framework — lightweight async, batteries-included
or hybrid — and explain why.

On a terminal, a form asks the questions not already answered by flags, one
at a time. On a terminal narrower than 20 columns, too short to show a whole
question, or whose size is unknown, it asks them line by line, as
--accessible does. Without a terminal (or with --no-input) it never prompts:
questions not given as flags stay unknown, count for nothing, and are listed.

Each question is a flag; boolean ones accept --orm and --orm=false. Any
question, including those a custom rules file adds, can be set with
--answer key=value.`,
		Example: `  # Interactive
  apiadvisor advise

  # A small team with heavy I/O-bound concurrency, as JSON
  apiadvisor advise --concurrency high --workload io --team-size 4 --orm=false --admin=false -o json

  # A large team building a monolith with an admin panel
  apiadvisor advise --team-size 40 --architecture monolith --orm --migrations --admin --no-input`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			opts.cmd = cmd
			if runF != nil {
				return runF(opts)
			}
			return adviseRun(opts)
		},
	}
	f := cmd.Flags()
	for _, af := range answerFlags {
		name := flagName(af.key)
		opts.values[af.key] = f.String(name, "", af.usage)
		if af.isBool {
			f.Lookup(name).NoOptDefVal = "true"
		}
		if af.values != nil {
			vals := af.values
			_ = cmd.RegisterFlagCompletionFunc(name, cobra.FixedCompletions(vals, cobra.ShellCompDirectiveNoFileComp))
		}
	}
	f.StringArrayVar(&opts.answer, "answer", nil, "set any question as `key=value` (repeatable)")
	f.StringVar(&opts.answersFile, "answers", "", "read answers from a YAML or JSON `FILE` (- for stdin); flags override it")
	f.StringVar(&opts.saveAnswers, "save-answers", "", "write the final answers to `FILE` (YAML), after the form too")
	f.BoolVar(&opts.printCommand, "print-command", false, "print the non-interactive command for the given answers and exit")
	f.StringVarP(&opts.output, "output", "o", "text", "output format: text, json, yaml or markdown (an ADR) (env APIADVISOR_OUTPUT)")
	f.StringVar(&opts.adrDir, "adr-dir", "", "write the decision record as the next numbered ADR in `DIR`")
	f.StringVar(&opts.checkAgainst, "check-against", "", "compare with a saved JSON result `FILE`; exit 1 if the advice drifted")
	f.BoolVar(&opts.noInput, "no-input", false, "never prompt; unanswered questions stay unknown (env APIADVISOR_NO_INPUT=1)")
	f.BoolVar(&opts.explain, "explain", false, "show every rule, matched or not, and how it was evaluated")
	f.BoolVar(&opts.accessible, "accessible", false, "ask questions line by line, for screen readers (env ACCESSIBLE=1)")
	_ = cmd.RegisterFlagCompletionFunc("output", cobra.FixedCompletions(outputFormats, cobra.ShellCompDirectiveNoFileComp))
	_ = cmd.RegisterFlagCompletionFunc("answer", func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
		return completeFromKB(a, answerCompletions), cobra.ShellCompDirectiveNoFileComp | cobra.ShellCompDirectiveNoSpace
	})
	return cmd
}

var outputFormats = []string{"text", "json", "yaml", "markdown"}

func adviseRun(opts *adviseOptions) error {
	testPanic("advise")
	io := opts.app.IO
	source := "--output"
	if !opts.cmd.Flags().Changed("output") {
		if env := io.Getenv("APIADVISOR_OUTPUT"); env != "" {
			opts.output, source = env, "APIADVISOR_OUTPUT"
		}
	}
	if opts.adrDir != "" {
		opts.output = "markdown"
	}
	if err := checkFormatFrom(source, opts.output, outputFormats...); err != nil {
		return err
	}
	kb, err := opts.app.KB()
	if err != nil {
		return err
	}
	answers, err := opts.collect(kb)
	if err != nil {
		return err
	}
	if opts.printCommand {
		_, err := fmt.Fprintln(io.Out, equivalentCommand(opts, kb, answers))
		return err
	}
	asked := false
	// Answers read from stdin leave nothing there for a form to read.
	if !opts.noInput && opts.answersFile != "-" && io.CanPrompt() {
		if missing := unanswered(kb, answers); len(missing) > 0 {
			accessible := opts.accessible || truthy(io.Getenv("ACCESSIBLE"))
			if err := askForm(opts.cmd.Context(), io, kb, missing, answers, accessible); err != nil {
				return err
			}
			asked = true
		}
	}
	if opts.saveAnswers != "" {
		if err := os.WriteFile(opts.saveAnswers, rules.MarshalAnswers(answers, kb), 0o644); err != nil {
			return fmt.Errorf("save answers: %w", err)
		}
	}
	res := advisor.New(kb).Advise(answers, advisor.Options{Explain: opts.explain})
	if opts.adrDir != "" {
		path, err := writeADRFile(opts.adrDir, kb, res, io)
		if err != nil {
			return err
		}
		fmt.Fprintf(io.ErrOut, "Wrote %s\n", path)
	} else if err := render(io, opts.output, kb, res); err != nil {
		return err
	}
	if asked {
		fmt.Fprintf(io.ErrOut, "\n%s\n  %s\n", styleFaint(io, "Reproduce this in a script:"), equivalentCommand(opts, kb, answers))
	}
	if opts.checkAgainst != "" {
		return checkDrift(io, opts.checkAgainst, res)
	}
	return nil
}

// collect gathers answers from --answers, then --answer, then the
// dedicated flags (each overriding the one before), checking each against
// the knowledge base.
func (opts *adviseOptions) collect(kb *rules.KB) (rules.Answers, error) {
	answers := rules.Answers{}
	if opts.answersFile != "" {
		fromFile, err := readAnswersFile(opts.app.IO, opts.answersFile, kb)
		if err != nil {
			return nil, err
		}
		answers = fromFile
	}
	for _, pair := range opts.answer {
		key, val, ok := strings.Cut(pair, "=")
		if !ok {
			return nil, usageErrorf("invalid value %q for --answer: want key=value", pair)
		}
		key = strings.TrimSpace(key)
		q := kb.Question(key)
		if q == nil {
			return nil, usageErrorf("unknown question %q in --answer: want one of %s", key, strings.Join(kb.QuestionKeys(), ", "))
		}
		v, err := q.Parse(val)
		if err != nil {
			return nil, usageErrorf("invalid value %q for --answer %s: %w", val, key, err)
		}
		answers[key] = v
	}
	for _, af := range answerFlags {
		name := flagName(af.key)
		if !opts.cmd.Flags().Changed(name) {
			continue
		}
		q := kb.Question(af.key)
		if q == nil {
			return nil, usageErrorf("--%s: the knowledge base in use has no question %q", name, af.key)
		}
		raw := *opts.values[af.key]
		v, err := q.Parse(raw)
		if err != nil {
			return nil, usageErrorf("invalid value %q for --%s: %w", raw, name, err)
		}
		answers[af.key] = v
	}
	return answers, nil
}

// readAnswersFile reads --answers: a file, or stdin for "-".
func readAnswersFile(ios *IOStreams, path string, kb *rules.KB) (rules.Answers, error) {
	var data []byte
	var err error
	name := path
	if path == "-" {
		name = "stdin"
		data, err = io.ReadAll(io.LimitReader(ios.In, rules.MaxFileSize+1))
		if err != nil {
			return nil, fmt.Errorf("read answers from stdin: %w", err)
		}
	} else if data, err = readLimited(path, rules.MaxFileSize); err != nil {
		return nil, fmt.Errorf("answers file: %w", err)
	}
	answers, err := rules.ParseAnswers(data, name, kb)
	if err != nil {
		return nil, &usageError{err}
	}
	return answers, nil
}

func unanswered(kb *rules.KB, a rules.Answers) []*rules.Question {
	var out []*rules.Question
	for i := range kb.Questions {
		if _, ok := a[kb.Questions[i].Key]; !ok {
			out = append(out, &kb.Questions[i])
		}
	}
	return out
}

func answerCompletions(kb *rules.KB) []string {
	var out []string
	for _, q := range kb.Questions {
		switch q.Type {
		case rules.TypeChoice:
			for _, v := range q.Values() {
				out = append(out, q.Key+"="+v)
			}
		case rules.TypeBool:
			out = append(out, q.Key+"=true", q.Key+"=false")
		default:
			out = append(out, q.Key+"=")
		}
	}
	return out
}

// equivalentCommand is the one-line, non-interactive command that
// reproduces a run: dedicated flags where they exist, --answer otherwise.
func equivalentCommand(opts *adviseOptions, kb *rules.KB, a rules.Answers) string {
	parts := []string{"apiadvisor", "advise"}
	if p := opts.app.rulesPath(); p != "" {
		parts = append(parts, "--rules", shellQuote(p))
	}
	dedicated := map[string]bool{}
	for _, af := range answerFlags {
		dedicated[af.key] = true
	}
	for _, q := range kb.Questions {
		v, ok := a[q.Key]
		if !ok {
			continue
		}
		if dedicated[q.Key] {
			parts = append(parts, fmt.Sprintf("--%s=%s", flagName(q.Key), shellQuote(rules.Format(v))))
		} else {
			parts = append(parts, "--answer", shellQuote(q.Key+"="+rules.Format(v)))
		}
	}
	parts = append(parts, "--no-input")
	if opts.output != "text" {
		parts = append(parts, "-o", opts.output)
	}
	return strings.Join(parts, " ")
}

func shellQuote(s string) string {
	if s != "" && strings.IndexFunc(s, func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.ContainsRune("-_=./:,+@", r))
	}) < 0 {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}
