package cmd

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/apiadvisor/apiadvisor/report"
	"github.com/apiadvisor/apiadvisor/rules"
	"github.com/spf13/cobra"
)

// testIO returns streams with no terminal and the given environment.
func testIO(stdin string, env map[string]string) (*IOStreams, *bytes.Buffer, *bytes.Buffer) {
	var out, errOut bytes.Buffer
	return &IOStreams{
		In: strings.NewReader(stdin), Out: &out, ErrOut: &errOut,
		env: func(k string) string { return env[k] },
	}, &out, &errOut
}

func run(t *testing.T, env map[string]string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	ios, out, errOut := testIO("", env)
	app := &App{IO: ios, Build: BuildInfo{Version: "v1.2.3"}}
	code = app.Run(context.Background(), args)
	return code, out.String(), errOut.String()
}

// TestQuestionIsOneEdit adds a question to a copy of the built-in
// knowledge base and finds it everywhere a question shows: as a flag with
// its help, in completion, in `questions`, parsed into the answers, and
// asked by the form.
func TestQuestionIsOneEdit(t *testing.T) {
	src := strings.Replace(string(rules.DefaultSource()), "\nquestions:\n", `
questions:
  - key: zz_throwaway
    prompt: Is this a throwaway question?
    short: "a question added for this test"
    help: Only a test asks it.
    type: choice
    allow_unknown: true
    choices:
      - {value: yes_really, label: "Yes, really"}
      - {value: not_at_all, label: "Not at all"}
`, 1)
	kb, err := rules.Load(strings.NewReader(src), "default.yaml")
	if err != nil {
		t.Fatal(err)
	}
	runWith := func(args ...string) (int, string, string) {
		ios, out, errOut := testIO("", nil)
		app := &App{IO: ios, builtin: func() (*rules.KB, error) { return kb, nil }}
		code := app.Run(context.Background(), args)
		return code, out.String(), errOut.String()
	}
	_, help, _ := runWith("advise", "--help")
	if !strings.Contains(help, "--zz-throwaway") || !strings.Contains(help, "a question added for this test:") {
		t.Errorf("advise --help lacks the new flag:\n%s", help)
	}
	_, comp, _ := runWith("__complete", "advise", "--zz-throwaway", "")
	if !strings.Contains(comp, "yes_really") || !strings.Contains(comp, "not_at_all") {
		t.Errorf("completion of --zz-throwaway = %q", comp)
	}
	_, qs, _ := runWith("questions")
	if !strings.Contains(qs, "zz_throwaway") || !strings.Contains(qs, "--zz-throwaway") {
		t.Errorf("questions lacks the new question:\n%s", qs)
	}
	code, js, stderr := runWith("advise", "--zz-throwaway", "not_at_all", "-o", "json")
	if code != 0 || !strings.Contains(js, `"zz_throwaway": "not_at_all"`) {
		t.Errorf("advise --zz-throwaway: exit %d, stderr %q\n%s", code, stderr, js)
	}
	if qs := toAsk(kb, &answerSet{}); qs[0].Key != "zz_throwaway" {
		t.Errorf("the form would ask %q first, want the new question", qs[0].Key)
	}
}

// TestQuestionFlagsDoNotShadowFixedFlags: a built-in question whose flag
// name collided with a fixed flag would be reachable only by --answer.
func TestQuestionFlagsDoNotShadowFixedFlags(t *testing.T) {
	kb, _ := rules.Default()
	ios, _, _ := testIO("", nil)
	opts := newAdviseCmd(&App{IO: ios}, nil)
	for _, q := range kb.Questions {
		f := opts.Flags().Lookup(flagName(q.Key))
		if f == nil || f.Usage != questionUsage(&q) {
			t.Errorf("question %q has no flag of its own", q.Key)
		}
	}
}

func TestAdviseFlagParsing(t *testing.T) {
	tests := []struct {
		args []string
		want rules.Answers
	}{
		{[]string{"--orm"}, rules.Answers{"orm": true}},
		{[]string{"--orm=false", "--admin=true"}, rules.Answers{"orm": false, "admin": true}},
		{[]string{"--team-size", "12"}, rules.Answers{"team_size": 12}},
		{[]string{"--team-size=12", "--answer", "team_size=3"}, rules.Answers{"team_size": 12}},
		{[]string{"--answer", "workload=cpu", "--answer", "api_docs=yes"}, rules.Answers{"workload": "cpu", "api_docs": true}},
		{nil, rules.Answers{}},
	}
	for _, tt := range tests {
		ios, _, _ := testIO("", nil)
		app := &App{IO: ios}
		var got rules.Answers
		cmd := newAdviseCmd(app, func(o *adviseOptions) error {
			kb, err := app.KB()
			if err != nil {
				return err
			}
			set, err := o.collect(context.Background(), kb)
			if err != nil {
				return err
			}
			got = set.answers
			return nil
		})
		cmd.SetArgs(tt.args)
		if err := cmd.Execute(); err != nil {
			t.Errorf("%v: %v", tt.args, err)
			continue
		}
		if len(got) != len(tt.want) {
			t.Errorf("%v: got %v, want %v", tt.args, got, tt.want)
		}
		for k, v := range tt.want {
			if got[k] != v {
				t.Errorf("%v: %s = %v, want %v", tt.args, k, got[k], v)
			}
		}
	}
}

func TestEquivalentCommandReproduces(t *testing.T) {
	kb, _ := rules.Default()
	ios, _, _ := testIO("", nil)
	app := &App{IO: ios}
	opts := &adviseOptions{app: app, output: &formatFlag{value: report.JSON}, questions: addQuestionFlags(&cobra.Command{}, app)}
	answers := rules.Answers{"concurrency": "high", "team_size": 4, "orm": false}
	line := strings.Join(equivalentCommand(opts, kb, answers), " ")
	want := "apiadvisor advise --concurrency=high --team-size=4 --orm=false --no-input -o json"
	if line != want {
		t.Fatalf("command = %q, want %q", line, want)
	}
	args := strings.Fields(line)[1:]
	_, direct, _ := run(t, nil, "advise", "--concurrency", "high", "--team-size", "4", "--orm=false", "-o", "json")
	code, again, stderr := run(t, nil, args...)
	if code != 0 || again != direct {
		t.Errorf("reproduced run: code %d, stderr %q, output differs: %v", code, stderr, again != direct)
	}
}

func TestShellQuote(t *testing.T) {
	for in, want := range map[string]string{
		"high": "high", "a b": "'a b'", "it's": `'it'\''s'`, "": "''", "x=1": "x=1",
	} {
		if got := shellQuote(in); got != want {
			t.Errorf("shellQuote(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestExitCodes(t *testing.T) {
	tests := []struct {
		args []string
		code int
	}{
		{[]string{"advise", "--no-input"}, 0},
		{[]string{"advise", "--concurrency", "hgih"}, 2},
		{[]string{"advise", "--nope"}, 2},
		{[]string{"nope"}, 2},
		{[]string{"advise", "--rules", "/does/not/exist.yaml"}, 2},
		{[]string{"rules", "test", "/does/not/exist.yaml"}, 2},
		{[]string{"rules", "validate"}, 0},
		{[]string{"version"}, 0},
	}
	for _, tt := range tests {
		if code, _, stderr := run(t, nil, tt.args...); code != tt.code {
			t.Errorf("%v: exit %d, want %d (stderr %q)", tt.args, code, tt.code, stderr)
		}
	}
}

func TestNoColorWhenNotATerminal(t *testing.T) {
	_, out, _ := run(t, nil, "advise", "--concurrency", "high", "--workload", "io")
	if strings.Contains(out, "\x1b") {
		t.Error("escape codes in output to a non-terminal")
	}
}

func TestOutputFromEnv(t *testing.T) {
	_, out, _ := run(t, map[string]string{"APIADVISOR_OUTPUT": "json"}, "advise")
	if !strings.HasPrefix(out, "{") {
		t.Errorf("APIADVISOR_OUTPUT=json gave %q", out[:min(len(out), 40)])
	}
	_, out, _ = run(t, map[string]string{"APIADVISOR_OUTPUT": "json"}, "advise", "-o", "text")
	if strings.HasPrefix(out, "{") {
		t.Error("-o must win over APIADVISOR_OUTPUT")
	}
	if code, _, stderr := run(t, map[string]string{"APIADVISOR_OUTPUT": "xml"}, "advise"); code != 2 || !strings.Contains(stderr, `invalid value "xml" for APIADVISOR_OUTPUT`) {
		t.Errorf("bad APIADVISOR_OUTPUT: exit %d, %q", code, stderr)
	}
}
