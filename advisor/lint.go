package advisor

import (
	"fmt"
	"math/rand/v2"

	"github.com/apiadvisor/apiadvisor/rules"
)

// lintCombos is how many answer combinations Lint evaluates at most, and
// lintRuleEvals bounds combinations × rules so a huge knowledge base
// cannot make `rules validate` hang. Below the bound the search is
// exhaustive; above it, a fixed-seed sample keeps the result repeatable.
const (
	lintCombos    = 1 << 18
	lintRuleEvals = 20_000_000
)

// Lint reports categories that no combination of answers makes the
// recommendation — usually a weight with the wrong sign or a knock-out
// that is too broad. It complements rules.KB.Lint, which cannot score.
func Lint(kb *rules.KB) []rules.Problem {
	e := New(kb)
	budget := lintCombos
	if n := len(kb.Rules); n > 0 && lintRuleEvals/n < budget {
		budget = lintRuleEvals / n
	}
	domains := make([][]any, len(kb.Questions))
	total := 1
	for i, vals := range e.cands {
		domains[i] = append(append([]any{}, vals...), nil)
		if total <= budget {
			total *= len(domains[i])
		}
	}
	won := make([]bool, len(kb.Categories))
	a := make(rules.Vector, len(kb.Questions))
	set := func(i int, v any) { a[i] = v } // nil: unknown
	mark := func() {
		if w := e.decide(a).winner; w >= 0 {
			won[w] = true
		}
	}
	if total <= budget {
		var walk func(int)
		walk = func(i int) {
			if i == len(domains) {
				mark()
				return
			}
			for _, v := range domains[i] {
				set(i, v)
				walk(i + 1)
			}
		}
		walk(0)
	} else {
		rng := rand.New(rand.NewPCG(1, 2))
		for n := 0; n < budget; n++ {
			for i, d := range domains {
				set(i, d[rng.IntN(len(d))])
			}
			mark()
		}
	}
	var out []rules.Problem
	for i, c := range kb.Categories {
		if !won[i] {
			out = append(out, rules.Problem{File: kb.File, Line: c.Line, ID: fmt.Sprintf("category %q", c.ID), Severity: rules.SevWarning,
				Message: "can never win: no combination of answers tried makes it the recommendation"})
		}
	}
	return out
}
