package advisor

import (
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/apiadvisor/apiadvisor/rules"
)

// PlanStep is one way from the framework a project runs on to the
// recommended kind, with what it buys and what it costs.
type PlanStep struct {
	ID    string `json:"id"`
	Title string `json:"title"`
	// Disruption orders the steps: 1 changes least.
	Disruption int        `json:"disruption"`
	Buys       string     `json:"buys"`
	Costs      string     `json:"costs"`
	Source     string     `json:"source"`
	AsOf       rules.Date `json:"as_of"`
}

// plan lists, least disruptive first, the knowledge base's ways from the
// framework the project runs on (existing_stack) to the recommended kind
// of framework. It is empty when nothing runs yet, when the advice is
// undecided, or when no option leads there — staying is then the advice.
func (e *Engine) plan(a rules.Answers, b *board) []PlanStep {
	out := []PlanStep{}
	from, ok := a["existing_stack"].(string)
	win := b.winner()
	if !ok || win < 0 {
		return out
	}
	to := e.kb.Categories[win].ID
	for _, p := range e.kb.Plans {
		if !slices.Contains(p.From, from) || !slices.Contains(p.To, to) {
			continue
		}
		step := PlanStep{ID: p.ID, Title: p.Title, Disruption: p.Disruption, Buys: p.Buys, Costs: p.Costs, Source: p.Source, AsOf: p.AsOf}
		var used []string
		for _, u := range p.InUse {
			if a[u.Key] == true {
				used = append(used, u.Name)
			}
		}
		if len(used) > 0 {
			step.Costs = fmt.Sprintf("%s In use here: %s.", strings.TrimSpace(step.Costs), rules.AndList(used))
		}
		out = append(out, step)
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Disruption < out[j].Disruption })
	return out
}
