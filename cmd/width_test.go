package cmd

import (
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
