package cmd

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/apiadvisor/apiadvisor/internal/capsgen"
	"github.com/apiadvisor/apiadvisor/rules"
)

// capsCommands are the commands whose work must stay bounded for every
// input the caps accept; {rules}, {answers} and {scenarios} name a
// shape's files. Exit 1 is allowed: a validation may report problems and
// a scenario may fail, but the work must still be done in time.
var capsCommands = []struct{ name, args string }{
	{"advise", "advise --rules {rules} --answers {answers} --no-input -o json"},
	{"advise-unanswered", "advise --rules {rules} --no-input"},
	{"advise-explain", "advise --rules {rules} --answers {answers} --no-input --explain"},
	{"rules-validate", "rules validate {rules}"},
	{"rules-test", "--rules {rules} rules test {scenarios}"},
	{"questions", "--rules {rules} questions"},
}

// writeShapes writes every capsgen shape into dir and returns, per shape,
// the paths to substitute into capsCommands.
func writeShapes(tb testing.TB, dir string) map[string]*strings.Replacer {
	tb.Helper()
	out := map[string]*strings.Replacer{}
	for _, s := range capsgen.Shapes() {
		paths := map[string]string{}
		for kind, text := range map[string]string{"rules": s.Rules, "answers": s.Answers, "scenarios": s.Scenarios} {
			if len(text) > rules.MaxFileSize {
				tb.Fatalf("%s %s is %d bytes, over the cap", s.Name, kind, len(text))
			}
			paths[kind] = filepath.Join(dir, s.Name+"."+kind+".yaml")
			if err := os.WriteFile(paths[kind], []byte(text), 0o644); err != nil {
				tb.Fatal(err)
			}
		}
		out[s.Name] = strings.NewReplacer("{rules}", paths["rules"], "{answers}", paths["answers"], "{scenarios}", paths["scenarios"])
	}
	return out
}

// BenchmarkCaps runs every command on every worst-shape knowledge base at
// the size and count caps, in-process. Each must take well under a
// second; bench/caps.sh measures the real binary's wall time and peak
// RSS on the same files for bench/RESULTS.md.
func BenchmarkCaps(b *testing.B) {
	shapes := writeShapes(b, b.TempDir())
	for _, s := range capsgen.Shapes() {
		for _, c := range capsCommands {
			args := strings.Fields(shapes[s.Name].Replace(c.args))
			b.Run(s.Name+"/"+c.name, func(b *testing.B) {
				b.ReportAllocs()
				for b.Loop() {
					var errOut strings.Builder
					ios := &IOStreams{In: strings.NewReader(""), Out: io.Discard, ErrOut: &errOut, env: func(string) string { return "" }}
					if code := (&App{IO: ios}).Run(context.Background(), args); code > 1 {
						b.Fatalf("exit %d: %s", code, errOut.String())
					}
				}
			})
		}
	}
}

// TestCapsShapesLoad keeps the generated shapes valid and at the caps: a
// shape that no longer loads would measure only the loader's error path.
func TestCapsShapesLoad(t *testing.T) {
	if testing.Short() {
		t.Skip("loads five 1 MiB knowledge bases")
	}
	for _, s := range capsgen.Shapes() {
		if len(s.Rules) < rules.MaxFileSize*9/10 {
			t.Errorf("%s: %d bytes, want within 10%% of the %d cap", s.Name, len(s.Rules), rules.MaxFileSize)
		}
		kb, err := rules.Load(strings.NewReader(s.Rules), s.Name)
		if err != nil {
			t.Errorf("%s: %v", s.Name, err)
			continue
		}
		if _, err := rules.ParseAnswersFile([]byte(s.Answers), s.Name+" answers", kb); err != nil {
			t.Errorf("%s: %v", s.Name, err)
		}
		if _, err := rules.LoadScenarios(strings.NewReader(s.Scenarios), s.Name+" scenarios"); err != nil {
			t.Errorf("%s: %v", s.Name, err)
		}
	}
}

// TestCapsRunsSayWhenCut: at the caps, each command finishes and says
// what it left undone — the counterfactual search in the advice, lint in
// a warning, a scenario run in a "not run" count and exit 1 (a run that
// did not finish cannot pass).
func TestCapsRunsSayWhenCut(t *testing.T) {
	if testing.Short() {
		t.Skip("loads 1 MiB knowledge bases")
	}
	shapes := writeShapes(t, t.TempDir())
	sub := func(shape, args string) []string { return strings.Fields(shapes[shape].Replace(args)) }

	code, out, errOut := run(t, nil, sub("int-thresholds", "advise --rules {rules} --answers {answers} --no-input")...)
	if code != 0 || !strings.Contains(out, "cut short by its work budget") {
		t.Errorf("advise: exit %d, stderr %q, stdout lacks the note that the search was cut:\n%s", code, errOut, out)
	}
	code, out, errOut = run(t, nil, sub("int-thresholds", "advise --rules {rules} --answers {answers} --no-input -o markdown")...)
	if code != 0 || !strings.Contains(out, "* The search was cut short by its work budget") {
		t.Errorf("advise -o markdown: exit %d, stderr %q, the record lacks the note that the search was cut", code, errOut)
	}
	code, out, _ = run(t, nil, sub("knock-outs", "rules validate {rules}")...)
	if code != 0 || !strings.Contains(out, "some lint checks were skipped") {
		t.Errorf("rules validate: exit %d, output lacks the skipped warning:\n%.2000s", code, out)
	}
	code, out, _ = run(t, nil, sub("many-categories", "--rules {rules} rules test {scenarios}")...)
	if code != 1 || !strings.Contains(out, " not run\n") || !strings.Contains(out, "work budget is spent") {
		t.Errorf("rules test: exit %d, want 1 and a \"not run\" count:\n%s", code, lastLines(out, 4))
	}
}

func lastLines(s string, n int) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	return strings.Join(lines[max(0, len(lines)-n):], "\n")
}
