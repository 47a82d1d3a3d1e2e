package advisor

import (
	"fmt"
	"strings"

	"github.com/apiadvisor/apiadvisor/rules"
)

// Counterfactual is a smallest change of answers that would change the
// recommended category (or, when undecided, decide it).
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

// maxPairs bounds the two-answer counterfactuals listed; single changes
// are listed in full.
const maxPairs = 5

// searchBudget bounds the work one search may do, in the steps of
// rules.Condition.Cost, so that a knowledge base with thousands of rules,
// thousands of thresholds on one question or conditions of thousands of
// tests cannot make a run take minutes: the work of a search otherwise
// grows with the cube of the file. Past it the search stops and the
// result says it was cut short. It pays for about 200 decisions over
// 10,000 one-test rules (a tenth of a second or two), and for over
// 30,000 over the built-in knowledge base, whose whole search needs
// far fewer (a test keeps it from ever being cut short).
const searchBudget = 4_000_000

type change struct {
	q int
	v any
}

// search is one counterfactual search: the answers it starts from, a
// scratch copy it varies, and the evaluations it may still spend.
type search struct {
	e       *Engine
	a       rules.Answers
	trial   rules.Answers
	scratch *board
	// current is the winner now, -1 when undecided.
	current int
	// left is the budget still to spend, in steps; each trial costs
	// cost steps, the most a contradiction check and a decision can do.
	left, cost int
	cut        bool
}

// counterfactuals lists, most useful first, the changes of answers that
// would change the advice: answering a question left unknown, then
// changing one answer, then changing two (for outcomes no single change
// reaches). No suggestion is a combination of answers that contradict
// each other. cut reports a search stopped by its budget.
func (e *Engine) counterfactuals(a rules.Answers, b *board) (out []Counterfactual, cut bool) {
	if b.leader < 0 {
		return []Counterfactual{}, false
	}
	s := &search{e: e, a: a, trial: a.Clone(), scratch: e.newBoard(), current: b.winner(),
		left: searchBudget, cost: e.contradictCost + e.decideCost + 1}
	var settle, change1 []Counterfactual
	reached := map[int]bool{}
	flips := map[change]bool{}
	for qi, q := range e.kb.Questions {
		_, known := a[q.Key]
		if known && q.Fixed {
			continue // a fact about the project as it is cannot be changed
		}
		best := map[int]change{}
		var order []int
		for _, v := range e.cands[qi] {
			if a[q.Key] == v {
				continue
			}
			w, ok := s.try(change{qi, v})
			if !ok {
				continue
			}
			flips[change{qi, v}] = true
			prev, seen := best[w]
			if !seen {
				order = append(order, w)
			}
			if !seen || closer(a[q.Key], v, prev.v) {
				best[w] = change{qi, v}
			}
		}
		for _, w := range order {
			reached[w] = true
			cf := e.describe(a, w, best[w])
			if known {
				change1 = append(change1, cf)
			} else {
				settle = append(settle, cf)
			}
		}
		if s.cut {
			break
		}
	}
	out = append(append(append([]Counterfactual{}, settle...), change1...), s.pairs(reached, flips)...)
	return out, s.cut
}

// try evaluates the answers with the given changes and returns the new
// winner; ok is false when the winner does not change (or would be
// undecided), when the changes contradict each other, or when the budget
// is spent.
func (s *search) try(changes ...change) (winner int, ok bool) {
	if s.left < s.cost {
		s.cut = true
		return -1, false
	}
	s.left -= s.cost
	kb := s.e.kb
	for _, c := range changes {
		s.trial[kb.Questions[c.q].Key] = c.v
	}
	defer func() {
		for _, c := range changes {
			restore(s.trial, s.a, kb.Questions[c.q].Key)
		}
	}()
	if s.e.contradicts(s.trial) {
		return -1, false
	}
	s.e.decideInto(s.trial, s.scratch)
	w := s.scratch.winner()
	if w < 0 || w == s.current {
		return -1, false
	}
	return w, true
}

// restore puts trial's answer to key back to what a has, unknown included.
func restore(trial, a rules.Answers, key string) {
	if v, ok := a[key]; ok {
		trial[key] = v
	} else {
		delete(trial, key)
	}
}

// pairs finds two-answer changes for outcomes no single change reaches.
func (s *search) pairs(reached map[int]bool, flips map[change]bool) []Counterfactual {
	e := s.e
	kb := e.kb
	var out []Counterfactual
	// Every other outcome already reached by a single change, or nothing
	// left to spend: no pair can add anything.
	if len(reached) >= len(kb.Categories)-1 || s.cut {
		return out
	}
	var moves []change
	for qi, q := range kb.Questions {
		if _, known := s.a[q.Key]; known && q.Fixed {
			continue
		}
		for _, v := range e.cands[qi] {
			if s.a[q.Key] != v && !flips[change{qi, v}] {
				moves = append(moves, change{qi, v})
			}
		}
	}
	for i := 0; i < len(moves) && len(out) < maxPairs && !s.cut; i++ {
		for j := i + 1; j < len(moves) && len(out) < maxPairs && !s.cut; j++ {
			x, y := moves[i], moves[j]
			if x.q == y.q {
				continue
			}
			w, ok := s.try(x, y)
			if !ok || reached[w] {
				continue
			}
			reached[w] = true
			out = append(out, e.describe(s.a, w, x, y))
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
