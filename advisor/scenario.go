package advisor

import (
	"fmt"
	"slices"

	"github.com/apiadvisor/apiadvisor/rules"
)

// ScenarioResult is the outcome of one scenario.
type ScenarioResult struct {
	Name     string   `json:"name"`
	File     string   `json:"file"`
	Line     int      `json:"line"`
	Passed   bool     `json:"passed"`
	Category string   `json:"category"`
	Fired    []string `json:"fired"`
	Failures []string `json:"failures,omitempty"`
}

// scenarioBudget bounds the work one run of scenarios may do, in the
// steps of rules.Condition.Cost: ten thousand scenarios against a
// knowledge base at the caps would otherwise take minutes. It pays for
// over 14,000 scenarios over the built-in knowledge base.
const scenarioBudget = 8_000_000

// RunScenarios runs scenarios in order while the work budget lasts and
// returns the results of those it ran: fewer than given when the budget
// ran out, which the caller must report as a failure to finish.
func (e *Engine) RunScenarios(list []rules.Scenario) []ScenarioResult {
	kb := e.kb
	// What one Advise without the searches may cost: a decision, the
	// contradictions and guidance, and the parts of the result built per
	// question, category and framework, which cost more than a step each
	// (frameworks are ranked, so the most).
	cost := e.decideCost + e.contradictCost + 4*(len(kb.Questions)+len(kb.Categories)+len(kb.Rules)) + 16*len(kb.Frameworks) + 1
	for i := range kb.Guidance {
		if kb.Guidance[i].When != nil {
			cost += kb.Guidance[i].When.Cost()
		}
	}
	left := scenarioBudget
	out := make([]ScenarioResult, 0, len(list))
	for _, s := range list {
		if left -= cost + len(s.Answers); left < 0 {
			break
		}
		out = append(out, e.RunScenario(s))
	}
	return out
}

// RunScenario evaluates a scenario's answers and compares the outcome with
// its expectations.
func (e *Engine) RunScenario(s rules.Scenario) ScenarioResult {
	out := ScenarioResult{Name: s.Name, File: s.File, Line: s.Line, Fired: []string{}}
	if err := e.kb.CheckAnswers(s.Answers); err != nil {
		out.Failures = append(out.Failures, "answers: "+err.Error())
		return out
	}
	for _, id := range append(slices.Clone(s.Expect.Fired), s.Expect.NotFired...) {
		if e.kb.Rule(id) == nil {
			out.Failures = append(out.Failures, fmt.Sprintf("expects unknown rule %q", id))
		}
	}
	if s.Expect.Category != "" && s.Expect.Category != Undecided && e.kb.Category(s.Expect.Category) == nil {
		out.Failures = append(out.Failures, fmt.Sprintf("expects unknown category %q", s.Expect.Category))
	}
	res := e.Advise(s.Answers, Options{SkipCounterfactuals: true, scenario: true})
	out.Category = res.Recommendation.Category
	for _, r := range res.Reasons {
		out.Fired = append(out.Fired, r.Rule)
	}
	if s.Expect.Category != "" && out.Category != s.Expect.Category {
		out.Failures = append(out.Failures, fmt.Sprintf("category: got %q, want %q", out.Category, s.Expect.Category))
	}
	for _, id := range s.Expect.Fired {
		if !slices.Contains(out.Fired, id) {
			out.Failures = append(out.Failures, fmt.Sprintf("rule %q did not fire", id))
		}
	}
	for _, id := range s.Expect.NotFired {
		if slices.Contains(out.Fired, id) {
			out.Failures = append(out.Failures, fmt.Sprintf("rule %q fired but should not", id))
		}
	}
	expectIDs(&out, "framework", s.Expect.Frameworks, res.Recommendation.Frameworks)
	var warnings, guidance []string
	for _, w := range res.Warnings {
		warnings = append(warnings, w.ID)
	}
	for _, g := range res.Guidance {
		guidance = append(guidance, g.ID)
	}
	var plan []string
	for _, p := range res.Plan {
		plan = append(plan, p.ID)
	}
	if len(s.Expect.Plan) > 0 && !slices.Equal(plan, s.Expect.Plan) {
		out.Failures = append(out.Failures, fmt.Sprintf("plan: got %v, want %v", plan, s.Expect.Plan))
	}
	expectIDs(&out, "warning", s.Expect.Warnings, warnings)
	expectIDs(&out, "guidance", s.Expect.Guidance, guidance)
	out.Passed = len(out.Failures) == 0
	return out
}

// expectIDs records a failure for each wanted id the result lacks.
func expectIDs(out *ScenarioResult, what string, want, got []string) {
	for _, id := range want {
		if !slices.Contains(got, id) {
			out.Failures = append(out.Failures, fmt.Sprintf("%s %q missing (got %v)", what, id, got))
		}
	}
}
