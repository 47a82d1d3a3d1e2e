package main

import (
	"bytes"
	"context"
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/apiadvisor/apiadvisor/cmd"
)

// TestREADMEExample runs the command the README shows beside its example
// output, off a terminal as the README's reader would pipe it, and
// compares the two: the example must be what the tool prints.
func TestREADMEExample(t *testing.T) {
	readme, err := os.ReadFile("README.md")
	if err != nil {
		t.Fatal(err)
	}
	re := regexp.MustCompile("(?s)<!-- README example:[^>]*-->\\s*```sh\\n(.*?)```\\s*```text\\n(.*?)```")
	m := re.FindSubmatch(readme)
	if m == nil {
		t.Fatal("README.md has no marked example (a sh block and its text output)")
	}
	command := strings.Join(strings.Fields(strings.ReplaceAll(string(m[1]), "\\\n", " ")), " ")
	args := strings.Fields(command)
	if args[0] != "apiadvisor" {
		t.Fatalf("the example runs %q, not apiadvisor", args[0])
	}
	var out, errOut bytes.Buffer
	ios := cmd.NewStreams(strings.NewReader(""), &out, &errOut, func(string) string { return "" })
	app := &cmd.App{IO: ios, Build: cmd.BuildInfo{Version: "v0.0.0-test"}}
	if code := app.Run(context.Background(), args[1:]); code != 0 {
		t.Fatalf("%s: exit %d: %s", command, code, errOut.String())
	}
	if got, want := out.String(), string(m[2]); got != want {
		t.Errorf("README.md shows output that %s does not print; it prints:\n%s", command, got)
	}
}
