package report

import (
	"fmt"
	"strings"

	"github.com/apiadvisor/apiadvisor/advisor"
	"github.com/apiadvisor/apiadvisor/rules"
)

// Validation is what `rules validate` prints: every problem, then a count.
type Validation struct {
	File     string          `json:"file"`
	Errors   int             `json:"errors"`
	Warnings int             `json:"warnings"`
	Problems []rules.Problem `json:"problems"`
}

// NewValidation counts the problems found in file.
func NewValidation(file string, problems []rules.Problem) Validation {
	v := Validation{File: file, Problems: problems}
	if v.Problems == nil {
		v.Problems = []rules.Problem{}
	}
	for _, p := range problems {
		if p.Severity == rules.SevError {
			v.Errors++
		} else {
			v.Warnings++
		}
	}
	return v
}

func (v Validation) writeText(w *textWriter) {
	for _, p := range v.Problems {
		w.item("", "    ", w.st.plain, p.String())
	}
	w.para("", w.st.plain, fmt.Sprintf("%s: %s, %s", v.File, plural(v.Errors, "error"), plural(v.Warnings, "warning")))
}

// ScenarioRun is what `rules test` prints: each scenario's outcome, the
// rules no scenario fired, and the totals.
type ScenarioRun struct {
	Passed int `json:"passed"`
	Failed int `json:"failed"`
	// NotRun counts the scenarios left when the run's work budget ran
	// out: a run that did not finish fails.
	NotRun        int                      `json:"not_run,omitempty"`
	Results       []advisor.ScenarioResult `json:"results"`
	RulesNotFired []string                 `json:"rules_not_fired"`
}

// NewScenarioRun runs the scenarios against the engine, as many as its
// work budget pays for (see advisor.Engine.RunScenarios).
func NewScenarioRun(e *advisor.Engine, scenarios []rules.Scenario) ScenarioRun {
	run := ScenarioRun{Results: e.RunScenarios(scenarios), RulesNotFired: []string{}}
	run.NotRun = len(scenarios) - len(run.Results)
	fired := map[string]bool{}
	for _, r := range run.Results {
		if r.Passed {
			run.Passed++
		} else {
			run.Failed++
		}
		for _, id := range r.Fired {
			fired[id] = true
		}
	}
	for _, r := range e.KB().Rules {
		if !fired[r.ID] {
			run.RulesNotFired = append(run.RulesNotFired, r.ID)
		}
	}
	return run
}

func (run ScenarioRun) writeText(w *textWriter) {
	st := w.st
	for _, r := range run.Results {
		if r.Passed {
			w.labelled("", "     ", "PASS", st.ok, r.Name)
			continue
		}
		w.labelled("", "     ", "FAIL", st.bad, fmt.Sprintf("%s (%s:%d)", r.Name, r.File, r.Line))
		for _, f := range r.Failures {
			w.para("    ", st.plain, f)
		}
	}
	if len(run.RulesNotFired) > 0 {
		w.para("", st.plain, "rules no scenario fired: "+strings.Join(run.RulesNotFired, ", "))
	}
	if run.NotRun > 0 {
		w.para("", st.bad, fmt.Sprintf("Stopped before the last %s: the run's work budget is spent. Split the scenario files, or run them against a smaller knowledge base.", plural(run.NotRun, "scenario")))
		w.line(fmt.Sprintf("%d passed, %d failed, %d not run", run.Passed, run.Failed, run.NotRun))
		return
	}
	w.line(fmt.Sprintf("%d passed, %d failed", run.Passed, run.Failed))
}
