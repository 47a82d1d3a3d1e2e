package advisor

import (
	"strings"
	"testing"

	"github.com/apiadvisor/apiadvisor/internal/capsgen"
	"github.com/apiadvisor/apiadvisor/rules"
)

// TestBudgetsAtTheCaps runs the searches, lint and scenario runs on the
// worst shapes at the caps: each must stop at its budget and say so,
// rather than run for minutes. How long they take is measured by
// BenchmarkCaps (cmd) and bench/caps.sh, not here.
func TestBudgetsAtTheCaps(t *testing.T) {
	if testing.Short() {
		t.Skip("loads five 1 MiB knowledge bases")
	}
	shapes := map[string]capsgen.Shape{}
	for _, s := range capsgen.Shapes() {
		shapes[s.Name] = s
	}
	load := func(name string) (*Engine, capsgen.Shape) {
		t.Helper()
		s := shapes[name]
		kb, err := rules.Load(strings.NewReader(s.Rules), name)
		if err != nil {
			t.Fatal(err)
		}
		return New(kb), s
	}

	e, s := load("int-thresholds")
	file, err := rules.ParseAnswersFile([]byte(s.Answers), "answers", e.KB())
	if err != nil {
		t.Fatal(err)
	}
	if r := e.Advise(file.Answers, Options{}); !r.SearchCut {
		t.Error("int-thresholds: the counterfactual search was not cut short")
	}

	// One rule's condition can be the work of thousands of tests: the
	// budget counts tests and values, not rules.
	e, _ = load("wide-conditions")
	if r := e.Advise(rules.Answers{"n": 1}, Options{}); !r.SearchCut {
		t.Error("wide-conditions: the counterfactual search was not cut short")
	}

	e, _ = load("knock-outs")
	if !hasSkipWarning(Lint(e.KB())) {
		t.Error("knock-outs: lint did not say it skipped checks")
	}

	e, s = load("many-categories")
	list, err := rules.LoadScenarios(strings.NewReader(s.Scenarios), "scenarios")
	if err != nil {
		t.Fatal(err)
	}
	if ran := len(e.RunScenarios(list)); ran == 0 || ran >= len(list) {
		t.Errorf("many-categories: ran %d of %d scenarios, want the budget to stop the run part way", ran, len(list))
	}
}

func hasSkipWarning(ps []rules.Problem) bool {
	for _, p := range ps {
		if strings.Contains(p.Message, "some lint checks were skipped") {
			return true
		}
	}
	return false
}

// TestBudgetsLeaveTheDefaultAlone: on the built-in knowledge base no
// budget is ever reached.
func TestBudgetsLeaveTheDefaultAlone(t *testing.T) {
	kb, err := rules.Default()
	if err != nil {
		t.Fatal(err)
	}
	e := New(kb)
	for _, a := range []rules.Answers{{}, {"concurrency": "high"}, {"team_size": 40, "admin": true, "orm": true}} {
		if r := e.Advise(a, Options{}); r.SearchCut {
			t.Errorf("%v: search cut short on the built-in knowledge base", a)
		}
	}
	if hasSkipWarning(Lint(kb)) {
		t.Error("lint skipped checks on the built-in knowledge base")
	}
}
