package advisor

import (
	"fmt"
	"strings"

	"github.com/apiadvisor/apiadvisor/rules"
)

// Counterfactual is a smallest change of answers that would change the
// recommended category.
type Counterfactual struct {
	// Changes holds the new answers, by question key.
	Changes rules.Answers `json:"changes"`
	// Category is what would be recommended instead.
	Category string `json:"category"`
	// Settles lists the changed questions that are unknown now: answering
	// them one way would change the advice.
	Settles []string `json:"settles,omitempty"`
	Text    string   `json:"text"`
}

// maxPairs bounds the two-answer counterfactuals listed; singles are
// always complete.
const maxPairs = 5

type change struct {
	q int
	v any
}

// counterfactuals finds every single-answer change that flips the winner
// (keeping, per question and outcome, the closest value), then pairs for
// outcomes no single change reaches.
func (e *Engine) counterfactuals(a rules.Answers, b *board) []Counterfactual {
	if b.winner < 0 {
		return []Counterfactual{}
	}
	kb := e.kb
	out := []Counterfactual{}
	reached := map[int]bool{}
	var flips []change
	trial := a.Clone()
	scratch := e.decide(trial)
	for qi := range kb.Questions {
		key := kb.Questions[qi].Key
		best := map[int]change{}
		var order []int
		for _, v := range e.cands[qi] {
			if a[key] == v {
				continue
			}
			trial[key] = v
			e.decideInto(trial, scratch)
			w := scratch.winner
			if w < 0 || w == b.winner {
				continue
			}
			flips = append(flips, change{qi, v})
			prev, seen := best[w]
			if !seen {
				order = append(order, w)
			}
			if !seen || closer(a[key], v, prev.v) {
				best[w] = change{qi, v}
			}
		}
		restore(trial, a, key)
		for _, w := range order {
			reached[w] = true
			out = append(out, e.describe(a, w, best[w]))
		}
	}
	return append(out, e.pairs(a, b, reached, flips, scratch)...)
}

// restore puts trial's answer to key back to what a has, unknown included.
func restore(trial, a rules.Answers, key string) {
	if v, ok := a[key]; ok {
		trial[key] = v
	} else {
		delete(trial, key)
	}
}

func (e *Engine) pairs(a rules.Answers, b *board, reached map[int]bool, flips []change, scratch *board) []Counterfactual {
	kb := e.kb
	flipped := map[change]bool{}
	for _, f := range flips {
		flipped[f] = true
	}
	var out []Counterfactual
	var moves []change
	for qi := range kb.Questions {
		for _, v := range e.cands[qi] {
			if a[kb.Questions[qi].Key] != v && !flipped[change{qi, v}] {
				moves = append(moves, change{qi, v})
			}
		}
	}
	trial := a.Clone()
	// Every other category already reached by a single change: no pair
	// can add anything.
	if len(reached) >= len(kb.Categories)-1 {
		return out
	}
	for i := 0; i < len(moves) && len(out) < maxPairs && len(reached) < len(kb.Categories)-1; i++ {
		for j := i + 1; j < len(moves) && len(out) < maxPairs; j++ {
			x, y := moves[i], moves[j]
			if x.q == y.q {
				continue
			}
			kx, ky := kb.Questions[x.q].Key, kb.Questions[y.q].Key
			trial[kx], trial[ky] = x.v, y.v
			e.decideInto(trial, scratch)
			w := scratch.winner
			restore(trial, a, kx)
			restore(trial, a, ky)
			if w < 0 || w == b.winner || reached[w] {
				continue
			}
			reached[w] = true
			out = append(out, e.describe(a, w, x, y))
		}
	}
	return out
}

// closer reports whether v is nearer the current answer than prev; for an
// unknown or non-integer answer the first candidate found is kept.
func closer(cur, v, prev any) bool {
	c, ok1 := cur.(int)
	n, ok2 := v.(int)
	p, ok3 := prev.(int)
	if !ok1 || !ok2 || !ok3 {
		return false
	}
	return abs(n-c) < abs(p-c)
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

func (e *Engine) describe(a rules.Answers, winner int, changes ...change) Counterfactual {
	kb := e.kb
	cf := Counterfactual{Changes: rules.Answers{}, Category: kb.Categories[winner].ID}
	var parts []string
	for _, c := range changes {
		key := kb.Questions[c.q].Key
		cf.Changes[key] = c.v
		if _, known := a[key]; !known {
			cf.Settles = append(cf.Settles, key)
			parts = append(parts, fmt.Sprintf("%s were answered %s", key, rules.Format(c.v)))
		} else {
			parts = append(parts, fmt.Sprintf("%s were %s", key, rules.Format(c.v)))
		}
	}
	cf.Text = fmt.Sprintf("if %s → %s", strings.Join(parts, " and "), cf.Category)
	return cf
}
