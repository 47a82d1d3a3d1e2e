package cmd

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"strings"

	"github.com/apiadvisor/apiadvisor/report"
	"github.com/apiadvisor/apiadvisor/rules"
	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

// App carries what every command shares: the streams, build information
// and the knowledge base, loaded at most once and only when a command
// needs it.
type App struct {
	IO    *IOStreams
	Build BuildInfo

	rulesFile string
	kb        *rules.KB
	// args is the command line as given, for messages that must point at
	// what the user typed.
	args []string
	// builtin returns the built-in knowledge base (rules.Default); tests
	// replace it to show that a question added there needs no other edit.
	builtin func() (*rules.KB, error)
	// helpErr is what --help found wrong: cobra shows help before it
	// checks the arguments, and its help function returns no error.
	helpErr error
}

// builtinKB is the knowledge base compiled into the binary.
func (a *App) builtinKB() (*rules.KB, error) {
	if a.builtin != nil {
		return a.builtin()
	}
	return rules.Default()
}

// Main runs apiadvisor with the process's arguments and returns its exit
// code. It is everything main does.
func Main(build BuildInfo) (code int) {
	defer recoverCrash(&code)
	// No signal.NotifyContext here: it costs half a millisecond of start-up
	// on every run, and the one place that must survive Ctrl-C — the form —
	// gets it from Bubble Tea as a key press.
	app := &App{IO: System(), Build: build.resolve()}
	return app.Run(context.Background(), os.Args[1:])
}

// Run executes one command line and returns the exit code, printing any
// error as one line on stderr.
func (a *App) Run(ctx context.Context, args []string) int {
	a.args = args
	root := newRootCmd(a)
	root.SetArgs(args)
	err := root.ExecuteContext(context.WithValue(ctx, appKey{}, a))
	if err == nil {
		err = a.helpErr
	}
	err = outputFailure(err, a.IO.WriteErr())
	if err != nil && !errors.Is(err, errInterrupted) && !errors.Is(err, errSilent) {
		fmt.Fprintln(a.IO.ErrOut, styleErr(a.IO, oneLine(report.Clean(err.Error()))))
	}
	return exitCode(err)
}

// outputFailure makes a failed write to stdout the run's error: output
// that did not reach its reader is a failure even where nothing returned
// the error (cobra's help), and it is what a run that failed quietly
// (errSilent) must still say. A usage error or an interruption keeps its
// own message and code. (A closed pipe never gets here: writing to one
// ends the program by SIGPIPE, quietly, as other Unix tools end.)
func outputFailure(err, writeErr error) error {
	if writeErr == nil {
		return err
	}
	var ue *usageError
	if errors.As(err, &ue) || errors.Is(err, errInterrupted) {
		return err
	}
	return fmt.Errorf("cannot write to stdout: %w", pathCause(writeErr))
}

// oneLine keeps an error on the one line it is promised: a newline that
// reached it from a file name or value becomes a space.
func oneLine(msg string) string {
	return strings.ReplaceAll(strings.TrimRight(msg, "\n"), "\n", " ")
}

// Command builds apiadvisor's command tree, for programs that document it
// (cmd/gen-docs writes the man pages from it). Building it reads no file
// and touches no terminal; only executing a command does.
func Command(build BuildInfo) *cobra.Command {
	return newRootCmd(&App{IO: System(), Build: build.resolve()})
}

func newRootCmd(a *App) *cobra.Command {
	root := &cobra.Command{
		Use:   "apiadvisor",
		Short: "Choose the kind of Python API framework your project needs",
		Long: `apiadvisor answers the question behind "FastAPI or REST API?".

REST is an architectural style; FastAPI is a framework that implements it.
The real choice is the kind of framework: a lightweight async one (FastAPI,
Litestar), a batteries-included one (Django + Django REST Framework), or a
hybrid (Django + Django Ninja). apiadvisor asks about your project and a rule
engine over a versioned, sourced knowledge base recommends one — with the
rules that fired, what was ruled out, how close the call was and what
answer would change it.`,
		Example: `  # Answer the questions in a form
  apiadvisor advise

  # Script it: every question is a flag, JSON on stdout
  apiadvisor advise --concurrency high --workload io --team-size 4 --admin=false -o json`,
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.SetIn(a.IO.In)
	root.SetOut(a.IO.Out)
	root.SetErr(a.IO.ErrOut)
	root.SetFlagErrorFunc(flagError)
	root.PersistentPreRunE = func(c *cobra.Command, _ []string) error {
		// --rules "" would otherwise mean the built-in knowledge base.
		if f := c.Flags().Lookup("rules"); f != nil && f.Changed && a.rulesFile == "" {
			return usageErrorf("--rules: the path is empty")
		}
		return nil
	}
	root.PersistentFlags().StringVar(&a.rulesFile, "rules", "", "knowledge base `FILE` to use instead of (or, with extends: default, on top of) the built-in one (env APIADVISOR_RULES)")
	root.AddCommand(newAdviseCmd(a, nil), newTeamCmd(a))
	root.AddCommand(newVersionCmd(a))
	root.AddCommand(newQuestionsCmd(a), newRulesCmd(a), newFrameworksCmd(a), newCompareCmd(a), newScanCmd(a))
	root.AddCommand(newRevisitCmd(a, nil), newADRCmd(a))
	applyHelp(root)
	return root
}

// KB returns the knowledge base: the file named by --rules or
// APIADVISOR_RULES, else the embedded one.
func (a *App) KB() (*rules.KB, error) {
	if a.kb != nil {
		return a.kb, nil
	}
	path := a.rulesPath()
	if path == "" {
		kb, err := a.builtinKB()
		if err != nil {
			return nil, fmt.Errorf("built-in knowledge base: %w", err)
		}
		a.kb = kb
		return kb, nil
	}
	kb, err := loadRulesFile(path)
	if err != nil {
		return nil, err
	}
	a.kb = kb
	return kb, nil
}

func (a *App) rulesPath() string {
	if a.rulesFile != "" {
		return a.rulesFile
	}
	return a.IO.Getenv("APIADVISOR_RULES")
}

// flagBefore returns the flag typed just before arg on the command line
// ("--orm" for `--orm false`), or "" when arg follows no flag.
func (a *App) flagBefore(arg string) string {
	for i := 1; i < len(a.args); i++ {
		if a.args[i] == arg {
			prev := a.args[i-1]
			if strings.HasPrefix(prev, "--") && !strings.Contains(prev, "=") {
				return prev
			}
			return ""
		}
	}
	return ""
}

// flagError turns pflag's errors into usage errors (exit 2), and words a
// bad value the way every other bad value is worded.
func flagError(c *cobra.Command, err error) error {
	// A mistyped subcommand followed by a flag of the one meant
	// (`rules valdiate --strict`): the word is the mistake to report.
	if c.HasSubCommands() {
		if words := c.Flags().Args(); len(words) > 0 {
			return unknownCommand(c, words[0])
		}
	}
	var bad *pflag.InvalidValueError
	if errors.As(err, &bad) {
		return usageErrorf("invalid value %q for --%s: %w", bad.GetValue(), bad.GetFlag().Name, errors.Unwrap(bad))
	}
	return &usageError{err}
}

func loadRulesFile(path string) (*rules.KB, error) {
	data, err := readInput("rules file", path, rules.MaxFileSize)
	if err != nil {
		return nil, err
	}
	kb, err := rules.Load(bytes.NewReader(data), displayName(path))
	var verr *rules.ValidationError
	if errors.As(err, &verr) {
		return nil, &usageError{err}
	}
	return kb, err
}
