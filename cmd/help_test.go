package cmd

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/spf13/cobra"
)

// helpRun runs one command line with in-memory streams. tty makes stdout
// count as a terminal, so colour depends on env alone.
func helpRun(t *testing.T, tty bool, env map[string]string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errOut bytes.Buffer
	ios := &IOStreams{
		In: strings.NewReader(""), Out: &out, ErrOut: &errOut,
		outTTY: tty,
		env:    func(k string) string { return env[k] },
	}
	app := &App{IO: ios, Build: BuildInfo{Version: "v1.2.3", Commit: "abc123", Date: "2026-01-02T03:04:05Z"}}
	code = app.Run(context.Background(), args)
	return code, out.String(), errOut.String()
}

// allCommands lists every command apiadvisor has, cobra's own help and
// completion commands and hidden ones included, by argument list.
func allCommands() map[string]*cobra.Command {
	root := newRootCmd(&App{IO: &IOStreams{In: strings.NewReader(""), Out: &bytes.Buffer{}, ErrOut: &bytes.Buffer{}}, Build: BuildInfo{Version: "v1.2.3"}})
	cmds := map[string]*cobra.Command{}
	var walk func(c *cobra.Command)
	walk = func(c *cobra.Command) {
		cmds[strings.TrimPrefix(c.CommandPath(), "apiadvisor")] = c
		for _, sub := range c.Commands() {
			walk(sub)
		}
	}
	walk(root)
	return cmds
}

func TestEveryCommandIsDescribed(t *testing.T) {
	for path, c := range allCommands() {
		if c.Short == "" {
			t.Errorf("apiadvisor%s has no Short", path)
		}
		if c.Example == "" {
			t.Errorf("apiadvisor%s has no Example", path)
		}
		if c.Long == "" {
			t.Errorf("apiadvisor%s has no Long", path)
		}
	}
}

func TestEveryCommandHasHelpWithExamples(t *testing.T) {
	cmds := allCommands()
	if len(cmds) < 10 {
		t.Fatalf("found only %d commands", len(cmds))
	}
	for path := range cmds {
		t.Run("apiadvisor"+path, func(t *testing.T) {
			t.Parallel()
			code, out, errOut := helpRun(t, false, nil, append(strings.Fields(path), "--help")...)
			if code != 0 || errOut != "" {
				t.Fatalf("exit %d, stderr %q", code, errOut)
			}
			for _, want := range []string{"Usage:", "Examples:\n  "} {
				if !strings.Contains(out, want) {
					t.Errorf("help lacks %q:\n%s", want, out)
				}
			}
			if strings.Contains(out, "\x1b") {
				t.Errorf("plain help has escape codes:\n%q", out)
			}
		})
	}
}

func TestHelpStyling(t *testing.T) {
	tests := []struct {
		name   string
		tty    bool
		env    map[string]string
		styled bool
	}{
		{"terminal", true, map[string]string{"TERM": "xterm-256color"}, true},
		{"pipe", false, map[string]string{"TERM": "xterm-256color"}, false},
		{"terminal with NO_COLOR", true, map[string]string{"TERM": "xterm", "NO_COLOR": "1"}, false},
		{"terminal with TERM=dumb", true, map[string]string{"TERM": "dumb"}, false},
		{"terminal with CLICOLOR=0", true, map[string]string{"TERM": "xterm", "CLICOLOR": "0"}, false},
		// A terminal of unknown kind: no colour, since nothing says it has any.
		{"terminal with TERM unset", true, nil, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			for _, args := range [][]string{{"--help"}, {"advise", "--help"}, {"help", "rules"}} {
				code, out, _ := helpRun(t, tt.tty, tt.env, args...)
				if code != 0 {
					t.Fatalf("%v: exit %d", args, code)
				}
				if got := strings.Contains(out, "\x1b["); got != tt.styled {
					t.Errorf("%v: escape codes %v, want %v:\n%q", args, got, tt.styled, out)
				}
				if !strings.Contains(out, "Usage:") || !strings.Contains(out, "Flags:") {
					t.Errorf("%v: headings missing:\n%s", args, out)
				}
			}
		})
	}
}

func TestRootHelpDocumentsEnvironmentAndExitCodes(t *testing.T) {
	_, out, _ := helpRun(t, false, nil, "--help")
	for _, want := range []string{
		"Environment:", "APIADVISOR_NO_INPUT", "APIADVISOR_RULES", "APIADVISOR_OUTPUT", "NO_COLOR", "ACCESSIBLE", "APIADVISOR_DEBUG",
		"Exit codes:", "130",
		"completion", // cobra's completion command stays enabled and listed
	} {
		if !strings.Contains(out, want) {
			t.Errorf("root help lacks %q", want)
		}
	}
	_, sub, _ := helpRun(t, false, nil, "advise", "--help")
	if strings.Contains(sub, "Environment:") {
		t.Error("a subcommand's help repeats the environment section")
	}
}

func TestVersionFlagPrintsVersionCommand(t *testing.T) {
	_, cmdOut, _ := helpRun(t, false, nil, "version")
	for _, args := range [][]string{{"--version"}, {"-v"}} {
		code, out, errOut := helpRun(t, false, nil, args...)
		if code != 0 || errOut != "" {
			t.Fatalf("%v: exit %d, stderr %q", args, code, errOut)
		}
		if out != cmdOut {
			t.Errorf("%v printed %q, version printed %q", args, out, cmdOut)
		}
	}
	for _, want := range []string{"apiadvisor v1.2.3\n", "commit: abc123\n", "built: 2026-01-02T03:04:05Z\n", "knowledge base: 2"} {
		if !strings.Contains(cmdOut, want) {
			t.Errorf("version output lacks %q:\n%s", want, cmdOut)
		}
	}
}

func TestCompletionScripts(t *testing.T) {
	tests := []struct{ shell, want string }{
		{"bash", "__start_apiadvisor"},
		{"zsh", "#compdef apiadvisor"},
		{"fish", "complete -c apiadvisor"},
		{"powershell", "Register-ArgumentCompleter"},
	}
	for _, tt := range tests {
		t.Run(tt.shell, func(t *testing.T) {
			t.Parallel()
			code, out, errOut := helpRun(t, false, nil, "completion", tt.shell)
			if code != 0 || errOut != "" {
				t.Fatalf("exit %d, stderr %q", code, errOut)
			}
			if !strings.Contains(out, tt.want) {
				t.Errorf("completion %s lacks %q (%d bytes)", tt.shell, tt.want, len(out))
			}
		})
	}
}
