package cmd

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/apiadvisor/apiadvisor/advisor"
	"github.com/apiadvisor/apiadvisor/report"
	"github.com/apiadvisor/apiadvisor/rules"
	"github.com/spf13/cobra"
)

type adviseOptions struct {
	app *App
	cmd *cobra.Command
	// questions are the question flags, in question order.
	questions  []questionFlag
	answer     []string
	output     *formatFlag
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
	opts := &adviseOptions{app: a}
	cmd := &cobra.Command{
		Use:   "advise",
		Short: "Recommend a kind of API framework for your project",
		Long: `Recommend a kind of Python API framework — lightweight async, batteries-included
or hybrid — and explain why.

On a terminal, a form asks the questions not already answered by flags, one
at a time. Without a terminal (or with --no-input) it never prompts: questions
not given as flags stay unknown, count for nothing, and are listed.

Each question is a flag; yes/no ones accept --orm and --orm=false. Any
question, including those a custom rules file adds, can be set with
--answer key=value.`,
		Example: `  # Interactive
  apiadvisor advise

  # A small team with heavy I/O-bound concurrency, as JSON
  apiadvisor advise --concurrency high --workload io --team-size 4 \
    --orm=false --admin=false -o json

  # A large team building a monolith with an admin panel
  apiadvisor advise --team-size 40 --architecture monolith --orm \
    --migrations --admin --no-input`,
		Args: boolValueArgs(opts),
		RunE: func(cmd *cobra.Command, _ []string) error {
			opts.cmd = cmd
			if runF != nil {
				return runF(opts)
			}
			return adviseRun(opts)
		},
	}
	f := cmd.Flags()
	f.StringArrayVar(&opts.answer, "answer", nil, "set any question as `key=value` (repeatable)")
	f.StringVar(&opts.answersFile, "answers", "", "read answers from a YAML or JSON `FILE` (- for stdin); flags override it")
	f.StringVar(&opts.saveAnswers, "save-answers", "", "write the final answers to `FILE` (YAML), after the form too")
	f.BoolVar(&opts.printCommand, "print-command", false, "print the non-interactive command for the given answers and exit")
	opts.output = addFormatFlag(cmd, report.Advice{}, "(env APIADVISOR_OUTPUT)")
	f.StringVar(&opts.adrDir, "adr-dir", "", "also write the decision record as the next numbered ADR in `DIR`")
	f.StringVar(&opts.checkAgainst, "check-against", "", "compare with a saved JSON result `FILE`; exit 1 if the advice drifted")
	f.BoolVar(&opts.noInput, "no-input", false, "never prompt; unanswered questions stay unknown (env APIADVISOR_NO_INPUT=1)")
	f.BoolVar(&opts.explain, "explain", false, "show every reason with its rule and source, the scores and the rule trace")
	f.BoolVar(&opts.accessible, "accessible", false, "ask questions line by line, for screen readers (env ACCESSIBLE=1)")
	_ = cmd.RegisterFlagCompletionFunc("answer", func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
		return completeFromKB(a, answerCompletions), cobra.ShellCompDirectiveNoFileComp | cobra.ShellCompDirectiveNoSpace
	})
	opts.questions = addQuestionFlags(cmd, a)
	return cmd
}

// questionFlag is the flag of one built-in question. Its value stays text
// until the knowledge base in use is loaded and can parse it.
type questionFlag struct {
	key string
	raw *questionValue
}

// questionValue holds a question flag's text. Its type name is what help
// shows after the flag: nothing for a yes/no question, which reads
// --orm or --orm=false, and "int" or "string" otherwise.
type questionValue struct {
	text, typ string
}

// String implements pflag.Value.
func (v *questionValue) String() string { return v.text }

// Set implements pflag.Value.
func (v *questionValue) Set(s string) error { v.text = s; return nil }

// Type implements pflag.Value.
func (v *questionValue) Type() string { return v.typ }

func (opts *adviseOptions) hasFlag(key string) bool {
	return slices.ContainsFunc(opts.questions, func(q questionFlag) bool { return q.key == key })
}

// addQuestionFlags gives every question of the built-in knowledge base a
// flag of its own: its name, help, accepted values and completion all
// come from the question, so a question added to rules/default.yaml is a
// flag with no other edit. Questions of a --rules file are set with
// --answer. Values stay text here and are parsed against the knowledge
// base in use once it is loaded.
func addQuestionFlags(cmd *cobra.Command, a *App) []questionFlag {
	kb, err := a.builtinKB()
	if err != nil {
		return nil // reported when the command runs and needs it
	}
	var out []questionFlag
	f := cmd.Flags()
	for i := range kb.Questions {
		q := &kb.Questions[i]
		name := flagName(q.Key)
		if f.Lookup(name) != nil {
			continue // a question may not shadow a fixed flag; a test keeps the built-in ones clear
		}
		v := &questionValue{typ: "string"}
		switch q.Type {
		case rules.TypeBool:
			v.typ = "bool"
		case rules.TypeInt:
			v.typ = "int"
		}
		f.Var(v, name, questionUsage(q))
		out = append(out, questionFlag{q.Key, v})
		switch q.Type {
		case rules.TypeBool:
			f.Lookup(name).NoOptDefVal = "true"
			_ = cmd.RegisterFlagCompletionFunc(name, cobra.FixedCompletions([]string{"true", "false"}, cobra.ShellCompDirectiveNoFileComp))
		case rules.TypeChoice:
			var vals []string
			for _, c := range q.Choices {
				vals = append(vals, c.Value+"\t"+c.Label)
			}
			_ = cmd.RegisterFlagCompletionFunc(name, cobra.FixedCompletions(vals, cobra.ShellCompDirectiveNoFileComp))
		default:
			_ = cmd.RegisterFlagCompletionFunc(name, cobra.NoFileCompletions)
		}
	}
	return out
}

// questionUsage is a question flag's help line: its summary, and what it
// accepts when that is not yes or no.
func questionUsage(q *rules.Question) string {
	short := q.Short
	if short == "" {
		short = strings.TrimSuffix(q.Prompt, "?")
	}
	if q.Type == rules.TypeBool {
		return short
	}
	return short + ": " + q.Accepted()
}

func flagName(key string) string { return strings.ReplaceAll(key, "_", "-") }

func adviseRun(opts *adviseOptions) error {
	ios := opts.app.IO
	if !opts.cmd.Flags().Changed("output") {
		if err := opts.output.setFromEnv(ios, "APIADVISOR_OUTPUT"); err != nil {
			return err
		}
	}
	if err := opts.checkPaths(); err != nil {
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
		_, err := fmt.Fprintln(ios.Out, shellLines(equivalentCommand(opts, kb, answers), ios.OutWidth()))
		return err
	}
	// Every input named by a flag is read, and every place named for
	// output checked, before anything is written or asked.
	var saved *advisor.Result
	if opts.checkAgainst != "" {
		if saved, err = readSavedResult(opts.checkAgainst); err != nil {
			return err
		}
	}
	var date string
	if opts.adrDir != "" || opts.output.value == report.Markdown {
		if date, err = recordDate(ios); err != nil {
			return err
		}
	}
	if opts.adrDir != "" {
		if err := checkADRDir(opts.adrDir); err != nil {
			return err
		}
	}
	asked := false
	// Answers read from stdin leave nothing there for a form to read.
	if !opts.noInput && opts.answersFile != "-" && ios.CanPrompt() {
		if missing := unanswered(kb, answers); len(missing) > 0 {
			accessible := opts.accessible || truthy(ios.Getenv("ACCESSIBLE"))
			if err := askForm(opts.cmd.Context(), ios, kb, missing, answers, accessible); err != nil {
				return err
			}
			asked = true
		}
	}
	if opts.saveAnswers != "" {
		if err := writeFile(opts.saveAnswers, rules.MarshalAnswers(answers, kb)); err != nil {
			return fmt.Errorf("save answers: %w", err)
		}
	}
	res := advisor.New(kb).Advise(answers, advisor.Options{Explain: opts.explain})
	if rec := res.Recommendation; rec.Category == advisor.Undecided && (opts.output.value == report.Markdown || opts.adrDir != "") {
		return fmt.Errorf("no decision to record: the advice is undecided; %s first", decideHint(rec.Deciding))
	}
	doc := report.Advice{Result: res, KB: kb}
	if err := opts.app.render(opts.output.value, doc, report.Options{Explain: opts.explain, Date: date}); err != nil {
		return err
	}
	if opts.adrDir != "" {
		path, err := writeADRFile(opts.adrDir, doc, date)
		if err != nil {
			return err
		}
		fmt.Fprintf(ios.ErrOut, "Wrote %s\n", displayName(path))
	}
	if asked {
		fmt.Fprintf(ios.ErrOut, "\n%s\n%s\n", styleFaint(ios, "Reproduce this in a script:"),
			indentLines(shellLines(equivalentCommand(opts, kb, answers), ios.ErrWidth()-2), "  "))
	}
	if saved != nil {
		return checkDrift(ios, opts.checkAgainst, saved, res)
	}
	return nil
}

// checkPaths refuses a path flag given as "": left alone it would read
// as not given at all, and --rules "" would quietly use the built-in
// knowledge base.
func (opts *adviseOptions) checkPaths() error {
	for _, name := range []string{"answers", "save-answers", "adr-dir", "check-against"} {
		if f := opts.cmd.Flags().Lookup(name); f.Changed && f.Value.String() == "" {
			return usageErrorf("--%s: the path is empty", name)
		}
	}
	if opts.saveAnswers == "" {
		return nil
	}
	// Saving over a file this run reads would destroy an input, whatever
	// the run makes of it.
	rulesFrom := "--rules"
	if opts.app.rulesFile == "" {
		rulesFrom = "APIADVISOR_RULES"
	}
	inputs := []struct{ flag, path string }{
		{rulesFrom, opts.app.rulesPath()}, {"--answers", opts.answersFile}, {"--check-against", opts.checkAgainst},
	}
	for _, in := range inputs {
		if in.path != "" && in.path != "-" && sameFile(opts.saveAnswers, in.path) {
			return usageErrorf("--save-answers %q is the %s file of this run: it would be overwritten", opts.saveAnswers, in.flag)
		}
	}
	return nil
}

// sameFile reports whether two paths name one file: the same file when
// both exist (links and all), else the same absolute path.
func sameFile(a, b string) bool {
	sa, errA := os.Stat(a)
	sb, errB := os.Stat(b)
	if errA == nil && errB == nil {
		return os.SameFile(sa, sb)
	}
	absA, errA := filepath.Abs(a)
	absB, errB := filepath.Abs(b)
	return errA == nil && errB == nil && absA == absB
}

// decideHint names the answers that would decide undecided advice.
func decideHint(keys []string) string {
	if len(keys) == 0 {
		return "answer more questions"
	}
	return "answer " + rules.OrList(keys)
}

// collect gathers answers from --answers, then --answer, then the
// question flags (each overriding the one before), checking each against
// the knowledge base in use.
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
	for _, qf := range opts.questions {
		key, raw := qf.key, qf.raw
		name := flagName(key)
		if !opts.cmd.Flags().Changed(name) {
			continue
		}
		q := kb.Question(key)
		if q == nil {
			return nil, usageErrorf("--%s: the knowledge base in use has no question %q", name, key)
		}
		v, err := q.Parse(raw.text)
		if err != nil {
			return nil, usageErrorf("invalid value %q for --%s: %w", raw.text, name, err)
		}
		answers[key] = v
	}
	return answers, nil
}

// boolValueArgs rejects positional arguments, and explains the one slip
// that produces them: a yes/no flag given its value after a space, as in
// `--orm false`, which the shell splits into a flag and a stray word.
func boolValueArgs(opts *adviseOptions) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		if len(args) == 0 {
			return nil
		}
		if prev := opts.app.flagBefore(args[0]); prev != "" {
			if f := cmd.Flags().Lookup(strings.TrimLeft(prev, "-")); f != nil && f.NoOptDefVal == "true" {
				return usageErrorf("unexpected argument %q after %s: write %s=%s", args[0], prev, prev, args[0])
			}
		}
		return usageErrorf("advise takes no arguments; got %q", args[0])
	}
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

// equivalentCommand is the non-interactive command that reproduces a run,
// one element per flag and its value: question flags where they exist,
// --answer otherwise.
func equivalentCommand(opts *adviseOptions, kb *rules.KB, a rules.Answers) []string {
	parts := []string{"apiadvisor advise"}
	if p := opts.app.rulesPath(); p != "" {
		parts = append(parts, "--rules "+shellQuote(p))
	}
	for _, q := range kb.Questions {
		v, ok := a[q.Key]
		if !ok {
			continue
		}
		if opts.hasFlag(q.Key) {
			parts = append(parts, fmt.Sprintf("--%s=%s", flagName(q.Key), shellQuote(rules.Format(v))))
		} else {
			parts = append(parts, "--answer "+shellQuote(q.Key+"="+rules.Format(v)))
		}
	}
	parts = append(parts, "--no-input")
	if opts.output.value != report.Text {
		parts = append(parts, "-o "+string(opts.output.value))
	}
	return parts
}

// shellLines joins a command's parts into lines no wider than width,
// breaking between parts with a " \" continuation, so the command can be
// pasted into a shell as it is printed.
func shellLines(parts []string, width int) string {
	var b strings.Builder
	col := 0
	for i, p := range parts {
		switch {
		case i == 0:
		case col+1+len(p)+2 > width:
			b.WriteString(" \\\n    ")
			col = 4
		default:
			b.WriteByte(' ')
			col++
		}
		b.WriteString(p)
		col += len(p)
	}
	return b.String()
}

func indentLines(s, indent string) string {
	return indent + strings.ReplaceAll(s, "\n", "\n"+indent)
}

func shellQuote(s string) string {
	if s != "" && strings.IndexFunc(s, func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.ContainsRune("-_=./:,+@", r))
	}) < 0 {
		return s
	}
	if !utf8.ValidString(s) || strings.ContainsFunc(s, rules.IsControl) {
		return ansiCQuote(s)
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

// ansiCQuote quotes s as $'…', the shell's quoting with escapes, for a
// value (a file name) holding control characters: printed as they are,
// they would act on the terminal instead of being pasted back.
func ansiCQuote(s string) string {
	var b strings.Builder
	b.WriteString("$'")
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size <= 1, rules.IsControl(r):
			for _, c := range []byte(s[i : i+size]) {
				fmt.Fprintf(&b, `\x%02x`, c)
			}
		case r == '\\' || r == '\'':
			b.WriteByte('\\')
			b.WriteRune(r)
		default:
			b.WriteString(s[i : i+size])
		}
		i += size
	}
	b.WriteByte('\'')
	return b.String()
}
