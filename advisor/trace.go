package advisor

import "github.com/apiadvisor/apiadvisor/rules"

// RuleTrace is one rule in the --explain trace, fired or not, with each
// test evaluated against the answers.
type RuleTrace struct {
	Rule   string       `json:"rule"`
	When   string       `json:"when"`
	Result string       `json:"result"`
	Fired  bool         `json:"fired"`
	Tests  []CheckTrace `json:"tests"`
	Effect rules.Effect `json:"effect"`
}

// CheckTrace is one test (comparison) inside a rule's condition.
type CheckTrace struct {
	Test string `json:"test"`
	// Answer is the answer compared, nil when the question is unknown.
	Answer any    `json:"answer"`
	Result string `json:"result"`
}

func (e *Engine) trace(a rules.Answers) []RuleTrace {
	kb := e.kb
	out := make([]RuleTrace, 0, len(kb.Rules))
	for i := range kb.Rules {
		r := &kb.Rules[i]
		res := r.When.Eval(a)
		rt := RuleTrace{Rule: r.ID, When: r.When.String(), Result: res.String(), Fired: res == rules.True, Effect: r.Effect, Tests: []CheckTrace{}}
		r.When.WalkTests(func(t *rules.Test) {
			rt.Tests = append(rt.Tests, CheckTrace{Test: t.String(), Answer: a[t.Key], Result: t.Eval(a).String()})
		})
		out = append(out, rt)
	}
	return out
}
