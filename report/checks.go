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
	Passed        int                      `json:"passed"`
	Failed        int                      `json:"failed"`
	Results       []advisor.ScenarioResult `json:"results"`
	RulesNotFired []string                 `json:"rules_not_fired"`
}

// NewScenarioRun runs every scenario against the engine.
func NewScenarioRun(e *advisor.Engine, scenarios []rules.Scenario) ScenarioRun {
	run := ScenarioRun{Results: make([]advisor.ScenarioResult, 0, len(scenarios)), RulesNotFired: []string{}}
	fired := map[string]bool{}
	for _, s := range scenarios {
		r := e.RunScenario(s)
		run.Results = append(run.Results, r)
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
	w.line(fmt.Sprintf("%d passed, %d failed", run.Passed, run.Failed))
}
