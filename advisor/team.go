package advisor

import (
	"fmt"
	"slices"
	"strings"

	"github.com/apiadvisor/apiadvisor/rules"
)

// Member is one person's answers.
type Member struct {
	Name    string        `json:"name"`
	Answers rules.Answers `json:"answers"`
}

// Names are the members' names, in order.
func (t *Team) Names() []string {
	names := make([]string, len(t.Members))
	for i, m := range t.Members {
		names[i] = m.Name
	}
	return names
}

// Team is how a team's answers compare: what everyone agrees on, and for
// each question they disagree on, what each answer would recommend.
type Team struct {
	Members []Member `json:"members"`
	// Agreed holds the questions answered alike by everyone who answered
	// them; the recommendation is computed on these alone. Answers are
	// never averaged.
	Agreed        rules.Answers  `json:"agreed"`
	Disagreements []Disagreement `json:"disagreements"`
}

// Disagreement is a question the members answered differently.
type Disagreement struct {
	Question string `json:"question"`
	// Answers is each member's answer, by name; members who gave none are
	// left out.
	Answers map[string]any `json:"answers"`
	// Outcomes is the recommended category with each answer added to the
	// agreed ones, by the answer as it is typed (see rules.Format).
	Outcomes map[string]string `json:"outcomes"`
	// Changes reports whether any answer leads somewhere other than the
	// team's recommendation: a disagreement that matters.
	Changes bool `json:"changes_recommendation"`
}

// Team advises a team: the recommendation is computed on the answers
// every member who answered agrees on (overrides, such as flags, win over
// them), and each disagreement is tried answer by answer to show whether
// it would change the recommendation, and to what.
func (e *Engine) Team(members []Member, overrides rules.Answers, opt Options) *Result {
	kb := e.kb
	t := &Team{Members: members, Agreed: rules.Answers{}, Disagreements: []Disagreement{}}
	for _, q := range kb.Questions {
		if v, ok := overrides[q.Key]; ok {
			t.Agreed[q.Key] = v
			continue
		}
		given := map[string]any{}
		var values []any
		for _, m := range members {
			v, ok := m.Answers[q.Key]
			if !ok {
				continue
			}
			given[m.Name] = v
			if !slices.Contains(values, v) {
				values = append(values, v)
			}
		}
		switch len(values) {
		case 0:
		case 1:
			t.Agreed[q.Key] = values[0]
		default:
			t.Disagreements = append(t.Disagreements, Disagreement{Question: q.Key, Answers: given, Outcomes: map[string]string{}})
		}
	}
	r := e.Advise(t.Agreed, opt)
	for i := range t.Disagreements {
		d := &t.Disagreements[i]
		for _, v := range d.Answers {
			if _, done := d.Outcomes[rules.Format(v)]; done {
				continue // another member gave the same answer
			}
			trial := t.Agreed.Clone()
			trial[d.Question] = v
			cat := e.Advise(trial, Options{SkipCounterfactuals: true}).Recommendation.Category
			d.Outcomes[rules.Format(v)] = cat
			if cat != r.Recommendation.Category {
				d.Changes = true
			}
		}
	}
	r.Team = t
	return r
}

// OutcomeText says what one disagreement does to the recommendation:
// "with alice's answer (true) → batteries-included; with bob's (false) →
// lightweight-async".
func (d Disagreement) OutcomeText(names []string) string {
	var parts []string
	for _, n := range names {
		v, ok := d.Answers[n]
		if !ok {
			continue
		}
		a := rules.Format(v)
		parts = append(parts, fmt.Sprintf("with %s's answer (%s) → %s", n, a, d.Outcomes[a]))
	}
	return strings.Join(parts, "; ")
}
