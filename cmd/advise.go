package cmd

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/apiadvisor/apiadvisor/advisor"
	"github.com/apiadvisor/apiadvisor/report"
	"github.com/apiadvisor/apiadvisor/rules"
	"github.com/apiadvisor/apiadvisor/scan"
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

	answersFiles []string
	from         string
	saveAnswers  string
	printCommand bool
	adrDir       string
	adrFormat    *enumFlag[report.RecordFormat]
	reviewBy     string
	component    string
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
at a time. On a terminal narrower than 20 columns, too short to show a whole
question, or whose size is unknown, it asks them line by line, as
--accessible does. Without a terminal (or with --no-input) it never prompts:
questions not given as flags stay unknown, count for nothing, and are listed.

Each question is a flag; yes/no ones accept --orm and --orm=false. Any
question, including those a custom rules file adds, can be set with
--answer key=value. --from DIR infers what it can from the project in DIR
(see "apiadvisor scan"); given --answers more than once, it advises a team
(see "apiadvisor team").

--adr-dir also writes the advice as an Architecture Decision Record,
numbered after the records already there and named after its title as
adr-tools names files. The record carries its answers, the knowledge base
version and the facts it relied on, so "apiadvisor revisit" can re-run it
later. --adr-format picks the layout: madr (MADR 4.0, the default), which
log4brains reads, or nygard, which adr-tools needs — adr-tools reads a
record's title from its first line, where a MADR record has its front
matter. docs/records.md has the details.`,
		Example: `  # Interactive
  apiadvisor advise

  # A small team with heavy I/O-bound concurrency, as JSON
  apiadvisor advise --concurrency high --workload io --team-size 4 \
    --orm=false --admin=false -o json

  # A large team building a monolith with an admin panel
  apiadvisor advise --team-size 40 --architecture monolith --orm \
    --migrations --admin --no-input

  # Also file the decision record, in adr-tools' layout, due for review
  apiadvisor advise --answers answers.yaml --adr-dir doc/adr \
    --adr-format nygard --review-by 2027-06-01`,
		Args: boolValueArgs(opts),
		RunE: func(cmd *cobra.Command, _ []string) error {
			opts.cmd = cmd
			if runF != nil {
				return runF(opts)
			}
			return adviseRun(opts)
		},
	}
	bindAdviseFlags(cmd, a, opts)
	return cmd
}

// bindAdviseFlags gives a command advise's flags: the questions', the
// answer sources and the outputs. advise and team share them.
func bindAdviseFlags(cmd *cobra.Command, a *App, opts *adviseOptions) {
	f := cmd.Flags()
	f.StringArrayVar(&opts.answer, "answer", nil, "set any question as `key=value` (repeatable)")
	f.StringArrayVar(&opts.answersFiles, "answers", nil, "read answers from a YAML or JSON `FILE` (- for stdin); flags override it; repeat it for a team, one file a person")
	f.StringVar(&opts.from, "from", "", "infer answers from the Python project in `DIR` (see scan); the answers file and flags override them")
	f.StringVar(&opts.saveAnswers, "save-answers", "", "write the final answers to `FILE` (YAML), after the form too")
	f.BoolVar(&opts.printCommand, "print-command", false, "print the non-interactive command for the given answers and exit")
	opts.output = addFormatFlag(cmd, report.Advice{}, "(env APIADVISOR_OUTPUT)")
	f.StringVar(&opts.adrDir, "adr-dir", "", "also write the decision record as the next numbered ADR in `DIR`")
	_ = cmd.MarkFlagDirname("adr-dir")
	opts.adrFormat = addEnumFlag(cmd, "adr-format", "", "format", report.RecordFormats, report.MADR,
		"decision record layout: madr (MADR 4.0; log4brains reads it) or nygard (adr-tools' template; adr-tools needs it)")
	f.StringVar(&opts.reviewBy, "review-by", "", "day `YYYY-MM-DD` by which to review the record; revisit reports it as due after it")
	f.StringVar(&opts.component, "component", "", "`NAME` of the part of the system the record is about (adr list --component)")
	f.StringVar(&opts.checkAgainst, "check-against", "", "compare with a saved JSON result `FILE`; exit 1 if the advice drifted")
	f.BoolVar(&opts.noInput, "no-input", false, "never prompt; unanswered questions stay unknown (env APIADVISOR_NO_INPUT=1)")
	f.BoolVar(&opts.explain, "explain", false, "show every reason with its rule and source, the scores and the rule trace")
	f.BoolVar(&opts.accessible, "accessible", false, "ask questions line by line, for screen readers (env ACCESSIBLE=1)")
	_ = cmd.RegisterFlagCompletionFunc("answer", func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
		return completeFromKB(a, answerCompletions), cobra.ShellCompDirectiveNoFileComp | cobra.ShellCompDirectiveNoSpace
	})
	opts.questions = addQuestionFlags(cmd, a)
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
	testPanic("advise")
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
	set, err := opts.collect(opts.cmd.Context(), kb)
	if err != nil {
		return err
	}
	// Records and the html page are dated.
	var date string
	if opts.adrDir != "" || opts.output.value == report.Markdown || opts.output.value == report.HTML {
		if date, err = recordDate(ios); err != nil {
			return err
		}
	}
	recOpts, err := opts.recordOptions(date)
	if err != nil {
		return err
	}
	answers := set.answers
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
	if opts.adrDir != "" {
		if err := checkADRDir(opts.adrDir); err != nil {
			return err
		}
	}
	asked := false
	// Answers read from stdin leave nothing there for a form to read, and
	// a team's answers are the team's: neither is asked about.
	if !opts.noInput && !slices.Contains(opts.answersFiles, "-") && len(set.members) == 0 && ios.CanPrompt() {
		if ask := toAsk(kb, set); len(ask) > 0 {
			accessible := opts.accessible || truthy(ios.Getenv("ACCESSIBLE"))
			before := answers.Clone()
			if err := askForm(opts.cmd.Context(), ios, kb, ask, answers, set.evidenceNotes(), accessible); err != nil {
				return err
			}
			for _, q := range ask {
				v, now := answers[q.Key]
				switch {
				case !now:
					delete(set.source, q.Key)
				case set.source[q.Key] != fromInferred || v != before[q.Key]:
					set.source[q.Key] = fromForm
				}
			}
			asked = true
		}
	}
	engine := advisor.New(kb)
	var res *advisor.Result
	if len(set.members) > 0 {
		res = engine.Team(set.members, set.given, advisor.Options{Explain: opts.explain})
		for k := range res.Answers {
			if _, flagged := set.source[k]; !flagged {
				set.source[k] = fromAnswersFile
			}
		}
	} else {
		res = engine.Advise(answers, advisor.Options{Explain: opts.explain})
	}
	res.AnswersSource = set.source
	if opts.saveAnswers != "" {
		// A team's saved answers are the ones it agrees on.
		if err := writeFile(opts.saveAnswers, rules.MarshalAnswers(res.Answers, kb)); err != nil {
			return fmt.Errorf("save answers: %w", err)
		}
	}
	if rec := res.Recommendation; rec.Category == advisor.Undecided && (opts.output.value == report.Markdown || opts.adrDir != "") {
		return fmt.Errorf("no decision to record: the advice is undecided; %s first", advisor.DecideHint(rec.Deciding))
	}
	doc := report.Advice{Result: res, KB: kb}
	if set.scan != nil {
		doc.Evidence = set.scan.Evidence
	}
	doc.Components, doc.SystemSummary = adviseComponents(engine, kb, set, opts.explain)
	if err := opts.app.render(opts.output.value, doc, report.Options{Explain: opts.explain, Date: date, Record: recOpts}); err != nil {
		return err
	}
	if opts.adrDir != "" {
		path, _, err := writeRecord(opts.adrDir, doc, date, recOpts)
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

// recordOptions checks the flags that shape a decision record, which
// only a record uses.
func (opts *adviseOptions) recordOptions(date string) (report.RecordOptions, error) {
	rec := report.RecordOptions{
		Format:    opts.adrFormat.value,
		ReviewBy:  opts.reviewBy,
		Component: strings.TrimSpace(opts.component),
	}
	f := opts.cmd.Flags()
	if opts.adrDir == "" && opts.output.value != report.Markdown {
		for _, name := range []string{"adr-format", "review-by", "component"} {
			if f.Changed(name) {
				return rec, usageErrorf("--%s shapes a decision record: use it with --adr-dir or -o markdown", name)
			}
		}
	}
	if f.Changed("review-by") {
		if err := checkReviewBy(opts.reviewBy, date); err != nil {
			return rec, err
		}
	}
	return rec, nil
}

// checkReviewBy accepts a calendar day after the record's own.
func checkReviewBy(day, recorded string) error {
	if _, err := time.Parse(time.DateOnly, day); err != nil {
		return usageErrorf("invalid value %q for --review-by: want a date written YYYY-MM-DD", day)
	}
	if day <= recorded {
		return usageErrorf("invalid value %q for --review-by: want a day after the record's date, %s", day, recorded)
	}
	return nil
}

// checkPaths refuses a path flag given as "", which would otherwise read
// as not given at all (--rules "" is refused by the root command), and a
// --save-answers path that names a file the run reads.
func (opts *adviseOptions) checkPaths() error {
	for _, name := range []string{"from", "save-answers", "adr-dir", "check-against"} {
		if f := opts.cmd.Flags().Lookup(name); f.Changed && f.Value.String() == "" {
			return usageErrorf("--%s: the path is empty", name)
		}
	}
	if slices.Contains(opts.answersFiles, "") {
		return usageErrorf("--answers: the path is empty")
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
	inputs := []struct{ flag, path string }{{rulesFrom, opts.app.rulesPath()}, {"--check-against", opts.checkAgainst}}
	for _, file := range opts.answersFiles {
		inputs = append(inputs, struct{ flag, path string }{"--answers", file})
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

// toAsk lists the questions the form asks: every one not answered, and
// with --from those inferred from the project, to confirm or correct.
// Answers from flags and files are the user's own and are not asked.
func toAsk(kb *rules.KB, set *answerSet) []*rules.Question {
	var out []*rules.Question
	for i := range kb.Questions {
		q := &kb.Questions[i]
		if _, ok := set.answers[q.Key]; !ok || set.source[q.Key] == fromInferred {
			out = append(out, q)
		}
	}
	return out
}

// evidenceNotes says, per inferred answer, what showed it: the first
// piece of evidence, as "pyproject.toml:14 — depends on django 5.2".
func (s *answerSet) evidenceNotes() map[string]string {
	notes := map[string]string{}
	if s.scan == nil {
		return notes
	}
	for _, ev := range s.scan.Evidence {
		if _, done := notes[ev.Question]; done || s.source[ev.Question] != fromInferred {
			continue
		}
		notes[ev.Question] = report.Position(ev.File, ev.Line) + " — " + ev.Detail
	}
	return notes
}

// adviseComponents advises each component of a system — those the answers
// file describes, else the services a scanned repository holds — on its
// own answers, overridden by the answers file and flags as the whole run's
// are; and sums them up.
func adviseComponents(engine *advisor.Engine, kb *rules.KB, set *answerSet, explain bool) ([]report.ComponentAdvice, string) {
	type component struct {
		name, dir, source string
		answers           rules.Answers
		evidence          []scan.Evidence
	}
	var comps []component
	for _, c := range set.components {
		comps = append(comps, component{name: c.Name, source: fromAnswersFile, answers: c.Answers})
	}
	if len(comps) == 0 && set.scan != nil && len(set.scan.Components) >= 2 {
		for _, c := range set.scan.Components {
			comps = append(comps, component{name: c.Name, dir: c.Dir, source: fromInferred, answers: c.Answers, evidence: c.Evidence})
		}
	}
	if len(comps) == 0 {
		return nil, ""
	}
	var out []report.ComponentAdvice
	var parts []advisor.Part
	for _, c := range comps {
		answers, source := rules.Answers{}, map[string]string{}
		for k, v := range c.answers {
			answers[k], source[k] = v, c.source
		}
		for k, v := range set.given {
			answers[k], source[k] = v, set.source[k]
		}
		res := engine.Advise(answers, advisor.Options{Explain: explain})
		res.AnswersSource = source
		out = append(out, report.ComponentAdvice{Name: c.name, Dir: c.dir, Result: res, Evidence: c.evidence})
		parts = append(parts, advisor.Part{Name: c.name, Result: res})
	}
	return out, advisor.Summarize(kb, parts)
}

// Where an answer came from, as answers_source reports it.
const (
	fromFlag        = "flag"
	fromAnswersFile = "answers-file"
	fromInferred    = "inferred"
	fromForm        = "form"
)

// answerSet is what a run knows before the form: the answers, where each
// came from, and what scanning the project found.
type answerSet struct {
	answers rules.Answers
	source  map[string]string
	// given are the answers from the answers file and flags, which
	// override inferred ones in every component too.
	given rules.Answers
	scan  *scan.Result
	// members are a team's answers, one answers file a person, when
	// --answers is given more than once.
	members []advisor.Member
	// components describe a system's services by hand (components: in
	// the answers file).
	components []rules.NamedAnswers
}

func (s *answerSet) set(key string, v any, source string) {
	s.answers[key] = v
	s.source[key] = source
	if source != fromInferred {
		s.given[key] = v
	}
}

// collect gathers answers from the project scan (--from), then --answers,
// then --answer, then the question flags, each overriding the one before,
// checking each against the knowledge base in use.
func (opts *adviseOptions) collect(ctx context.Context, kb *rules.KB) (*answerSet, error) {
	set := &answerSet{answers: rules.Answers{}, source: map[string]string{}, given: rules.Answers{}}
	if opts.from != "" { // checkPaths refused --from ""
		res, err := scanProject(ctx, opts.from, kb)
		if err != nil {
			return nil, err
		}
		set.scan = res
		for k, v := range res.Answers {
			set.set(k, v, fromInferred)
		}
	}
	switch len(opts.answersFiles) {
	case 0:
	case 1:
		file, err := readAnswersFile(opts.app.IO, opts.answersFiles[0], kb)
		if err != nil {
			return nil, err
		}
		for k, v := range file.Answers {
			set.set(k, v, fromAnswersFile)
		}
		set.components = file.Components
	default:
		members, err := readTeam(opts.app.IO, opts.answersFiles, kb)
		if err != nil {
			return nil, err
		}
		set.members = members
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
		set.set(key, v, fromFlag)
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
		set.set(key, v, fromFlag)
	}
	return set, nil
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
