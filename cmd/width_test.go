package cmd

import (
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
	"github.com/spf13/cobra"
)

// TestEightyColumns runs every command's help and every command's output
// off a terminal, where output is laid out for 80 columns, and finds no
// line wider than that outside markdown tables. Shell completion scripts
// are code for the shell, not text for people, and are left out.
func TestEightyColumns(t *testing.T) {
	var runs [][]string
	var walk func(c *cobra.Command)
	walk = func(c *cobra.Command) {
		if c.Hidden {
			return
		}
		runs = append(runs, append(strings.Fields(c.CommandPath())[1:], "--help"))
		for _, sub := range c.Commands() {
			walk(sub)
		}
	}
	walk(Command(BuildInfo{}))
	all := "--concurrency high --workload io --team-size 30 --orm --migrations --admin --architecture monolith --api-docs --validation --async-experience some"
	for _, args := range []string{
		"advise",
		"advise " + all,
		"advise " + all + " --explain",
		"advise " + all + " -o markdown",
		"advise " + all + " --print-command",
		"advise --concurrency low --workload cpu --team-size 2 --orm=false --admin=false --explain",
		"questions",
		"rules list",
		"rules show needs-admin-panel",
		"rules validate",
		"rules test ../testdata/scenarios/core.yaml",
		"frameworks list",
		"frameworks show django-ninja",
		"compare fastapi django-drf",
		"compare fastapi django-drf -o markdown",
		"compare fastapi rest",
		"compare graphql grpc -o markdown",
		"version",
		"--version",
		"help",
	} {
		runs = append(runs, strings.Fields(args))
	}
	for _, args := range runs {
		code, out, stderr := run(t, nil, args...)
		if code != 0 {
			t.Errorf("%v: exit %d: %s", args, code, stderr)
			continue
		}
		for i, line := range strings.Split(out, "\n") {
			if strings.HasPrefix(line, "|") {
				continue // a markdown table row cannot wrap
			}
			if slices.Contains(args, "markdown") && !strings.Contains(strings.TrimSpace(ansi.Cut(line, 80, 1000)), " ") {
				continue // as markdownlint: a word (a URL) that cannot break may overrun
			}
			if w := ansi.StringWidth(line); w > 80 {
				t.Errorf("%v: line %d is %d columns wide:\n%s", args, i+1, w, line)
			}
		}
	}
}

// TestExamplesPasteAsWritten: fitted to any width, every example still
// pastes as the commands it was written as — a long command breaks only
// between arguments, with a " \" continuation.
func TestExamplesPasteAsWritten(t *testing.T) {
	heading := regexp.MustCompile(`\n\n[A-Z][A-Za-z ]*:\n`)
	// commands joins continued lines and folds spaces: what a shell reads.
	commands := func(s string) []string {
		s = strings.ReplaceAll(s, " \\\n", " ")
		var out []string
		for _, l := range strings.Split(s, "\n") {
			out = append(out, strings.Join(strings.Fields(l), " "))
		}
		return out
	}
	var walk func(c *cobra.Command)
	walk = func(c *cobra.Command) {
		if c.Example != "" {
			want := commands(c.Example)
			// As printed by --help, off a terminal: 80 columns, through Fit.
			_, out, _ := run(t, nil, append(strings.Fields(c.CommandPath())[1:], "--help")...)
			if _, section, ok := strings.Cut(out, "\nExamples:\n"); ok {
				if i := heading.FindStringIndex(section); i != nil {
					section = section[:i[0]]
				}
				if got := commands(section); !slices.Equal(got, want) {
					t.Errorf("%s --help: examples read as %q, want %q", c.CommandPath(), got, want)
				}
			} else {
				t.Errorf("%s --help: no examples", c.CommandPath())
			}
			for width := 30; width <= 80; width += 5 {
				fitted := fitExamples(c.Example, width)
				if got := commands(fitted); !slices.Equal(got, want) {
					t.Errorf("%s at %d columns:\n%s\nreads as %q, want %q", c.CommandPath(), width, fitted, got, want)
				}
				for _, l := range strings.Split(fitted, "\n") {
					if len(l) > width && strings.Contains(strings.TrimSpace(strings.TrimSuffix(l, " \\")), " ") && !strings.HasPrefix(strings.TrimSpace(l), "#") && width >= 60 {
						t.Errorf("%s at %d columns: %q is wider", c.CommandPath(), width, l)
					}
				}
			}
		}
		for _, sub := range c.Commands() {
			walk(sub)
		}
	}
	walk(Command(BuildInfo{}))
	if got := fitExamples("  a --flag 'x y' | jq .z", 12); got != "  a \\\n      --flag 'x y' \\\n      | jq \\\n      .z" {
		t.Errorf("quoted words and operators: got %q", got)
	}
}
