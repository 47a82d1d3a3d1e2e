package advisor

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/apiadvisor/apiadvisor/rules"
)

func loadScenarios(t *testing.T, pattern string) []rules.Scenario {
	t.Helper()
	files, err := filepath.Glob(pattern)
	if err != nil || len(files) == 0 {
		t.Fatalf("no scenario files match %s", pattern)
	}
	var all []rules.Scenario
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		list, err := rules.LoadScenarios(strings.NewReader(string(data)), f)
		if err != nil {
			t.Fatal(err)
		}
		all = append(all, list...)
	}
	return all
}

// TestDefaultScenarios runs the shipped scenario suite against the
// built-in knowledge base, and checks that every rule fires in at least
// one scenario, so no rule goes untested.
func TestDefaultScenarios(t *testing.T) {
	kb, err := rules.Default()
	if err != nil {
		t.Fatal(err)
	}
	e := New(kb)
	fired := map[string]bool{}
	all := loadScenarios(t, "../testdata/scenarios/*.yaml")
	if len(all) < 80 {
		t.Errorf("%d scenarios, want at least 80", len(all))
	}
	for _, s := range all {
		if strings.TrimSpace(s.Rationale) == "" {
			t.Errorf("%s:%d %s: no rationale: say in one line why an expert expects this", s.File, s.Line, s.Name)
		}
		if s.Expect.Category == "" && len(s.Expect.Warnings) == 0 {
			t.Errorf("%s:%d %s: expects no category", s.File, s.Line, s.Name)
		}
		r := e.RunScenario(s)
		if !r.Passed {
			t.Errorf("%s:%d %s: %s", s.File, s.Line, s.Name, strings.Join(r.Failures, "; "))
		}
		for _, id := range s.Expect.Fired {
			fired[id] = true
		}
	}
	for _, r := range kb.Rules {
		if !fired[r.ID] {
			t.Errorf("rule %q is in no scenario's fired list", r.ID)
		}
	}
}

// TestDocsExample proves docs/rules.md's example: it validates, its
// scenarios pass, and the doc shows the files as they are.
func TestDocsExample(t *testing.T) {
	src, err := os.ReadFile("../docs/examples/team-rules.yaml")
	if err != nil {
		t.Fatal(err)
	}
	kb, problems := Check(src, "team-rules.yaml")
	for _, p := range problems {
		t.Errorf("example rules: %s", p)
	}
	if kb == nil {
		t.FailNow()
	}
	e := New(kb)
	for _, s := range loadScenarios(t, "../docs/examples/team-scenarios.yaml") {
		if r := e.RunScenario(s); !r.Passed {
			t.Errorf("%s: %s", s.Name, strings.Join(r.Failures, "; "))
		}
	}
	doc, err := os.ReadFile("../docs/rules.md")
	if err != nil {
		t.Fatal(err)
	}
	scen, _ := os.ReadFile("../docs/examples/team-scenarios.yaml")
	for name, body := range map[string][]byte{"team-rules.yaml": src, "team-scenarios.yaml": scen} {
		if !strings.Contains(string(doc), string(body)) {
			t.Errorf("docs/rules.md does not show docs/examples/%s as it is", name)
		}
	}
}

func TestRunScenarioFailures(t *testing.T) {
	e := engine(t)
	r := e.RunScenario(rules.Scenario{
		Name:    "wrong",
		Answers: rules.Answers{"load": "high"},
		Expect:  rules.Expect{Category: "full", Fired: []string{"big-team", "nope"}, NotFired: []string{"high-load"}},
	})
	if r.Passed {
		t.Fatal("scenario with wrong expectations passed")
	}
	want := []string{`unknown rule "nope"`, `category: got "async", want "full"`, `rule "big-team" did not fire`, `rule "high-load" fired but should not`}
	got := strings.Join(r.Failures, "\n")
	for _, w := range want {
		if !strings.Contains(got, w) {
			t.Errorf("failures %q lack %q", got, w)
		}
	}
	if r := e.RunScenario(rules.Scenario{Answers: rules.Answers{"load": "extreme"}}); r.Passed {
		t.Error("scenario with an invalid answer passed")
	}
}

func TestLintDefaultIsClean(t *testing.T) {
	kb, _ := rules.Default()
	if ps := Lint(kb); len(ps) > 0 {
		t.Errorf("lint warnings on the default knowledge base: %v", ps)
	}
}

func TestLintFindsNeverWinning(t *testing.T) {
	// Every weight on full turned against it: nothing makes it win.
	src := strings.Replace(testKB, "weights: {full: 3}", "weights: {full: -3}", 1)
	src = strings.Replace(src, "weights: {full: 2, async: -2}", "weights: {full: -2, async: 2}", 1)
	src = strings.Replace(src, "effect: {eliminate: [async, mix], weights: {full: 1}}", "effect: {weights: {async: 1}}", 1)
	src = strings.Replace(src, "weights: {full: 2}}", "weights: {full: -2}}", 1)
	kb, err := rules.Load(strings.NewReader(src), "t.yaml")
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, p := range Lint(kb) {
		got = append(got, p.String())
	}
	if s := strings.Join(got, "\n"); !strings.Contains(s, `category "full": can never win`) {
		t.Errorf("lint = %q, want full flagged", s)
	}
}
