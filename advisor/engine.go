package advisor

import (
	"maps"
	"slices"

	"github.com/apiadvisor/apiadvisor/rules"
)

// Engine evaluates one knowledge base. Building it resolves every rule's
// effect to slice indices once, so that each evaluation — the
// counterfactual search runs hundreds — is a flat loop.
type Engine struct {
	kb      *rules.KB
	effects []effect // by rule index
	blends  []blend
	// fwCat maps a framework index to its category index, -1 when the
	// framework is listed for reference only.
	fwCat []int
	// cands are the answers counterfactual search tries, per question.
	cands [][]any
	// decideCost is the most work one decision can do, in the steps of
	// rules.Condition.Cost: every rule's condition and every gate, and a
	// step per category, framework and blended side. contradictCost is
	// the same for checking the answers against every contradiction.
	// Work budgets are counted in these steps.
	decideCost, contradictCost int
}

// target is a category (fw false) or framework (fw true) index.
type target struct {
	idx int
	fw  bool
}

type effect struct {
	weights   []weighted
	eliminate []target
}

type weighted struct {
	target
	w float64
}

type blend struct {
	cat     int
	of      []int
	minEach float64
	bonus   float64
}

// gate states, per category.
const (
	gateMet     = iota // no gate, or its condition holds
	gateFailed         // the condition fails: the category is ruled out
	gatePending        // the condition is unknown: the category cannot win yet
)

// New prepares an engine for a validated knowledge base.
func New(kb *rules.KB) *Engine {
	e := &Engine{kb: kb, effects: make([]effect, len(kb.Rules)), fwCat: make([]int, len(kb.Frameworks))}
	resolve := func(id string) target {
		if i := kb.CategoryIndex(id); i >= 0 {
			return target{idx: i}
		}
		if i := kb.FrameworkIndex(id); i >= 0 {
			return target{idx: i, fw: true}
		}
		return target{idx: -1}
	}
	e.decideCost = len(kb.Categories) + len(kb.Frameworks)
	for i := range kb.Rules {
		e.decideCost += kb.Rules[i].When.Cost()
		eff := kb.Rules[i].Effect
		for _, id := range slices.Sorted(maps.Keys(eff.Weights)) {
			if t := resolve(id); t.idx >= 0 {
				e.effects[i].weights = append(e.effects[i].weights, weighted{t, eff.Weights[id]})
			}
		}
		for _, id := range eff.Eliminate {
			if t := resolve(id); t.idx >= 0 {
				e.effects[i].eliminate = append(e.effects[i].eliminate, t)
			}
		}
	}
	for i, f := range kb.Frameworks {
		e.fwCat[i] = -1
		if f.Category != "" {
			e.fwCat[i] = kb.CategoryIndex(f.Category)
		}
	}
	for i, c := range kb.Categories {
		if g := kb.Gate(i); g != nil {
			e.decideCost += g.When.Cost()
		}
		if c.Blend == nil {
			continue
		}
		e.decideCost += len(c.Blend.Of)
		b := blend{cat: i, minEach: c.Blend.MinEach, bonus: c.Blend.Bonus}
		for _, id := range c.Blend.Of {
			b.of = append(b.of, kb.CategoryIndex(id))
		}
		e.blends = append(e.blends, b)
	}
	for i := range kb.Contradictions {
		e.contradictCost += kb.Contradictions[i].When.Cost()
	}
	e.cands = kb.ProbeValues()
	return e
}

// KB returns the knowledge base the engine evaluates.
func (e *Engine) KB() *rules.KB { return e.kb }

// board is the raw outcome of one evaluation: enough to pick a winner.
type board struct {
	cat      []float64 // category scores
	fw       []float64 // framework-specific weights
	catOut   [][]int   // per category, the rules that eliminated it
	fwOut    [][]int   // per framework, the rules that eliminated it
	blendOut []bool    // per category, true when a blend's threshold failed
	gate     []int     // per category, gateMet, gateFailed or gatePending
	fired    []int     // rule indices in file order
	// leader is the best category still standing, gate pending or not;
	// runnerUp the best other one. -1 when there is none.
	leader, runnerUp int
}

func (e *Engine) newBoard() *board {
	kb := e.kb
	return &board{
		cat:      make([]float64, len(kb.Categories)),
		fw:       make([]float64, len(kb.Frameworks)),
		catOut:   make([][]int, len(kb.Categories)),
		fwOut:    make([][]int, len(kb.Frameworks)),
		blendOut: make([]bool, len(kb.Categories)),
		gate:     make([]int, len(kb.Categories)),
	}
}

// decide runs every rule against the answers and ranks the categories.
func (e *Engine) decide(a rules.Answers) *board {
	b := e.newBoard()
	e.decideInto(a, b)
	return b
}

// decideInto is decide on a board that is reset and reused: the
// counterfactual search calls it hundreds of times per run.
func (e *Engine) decideInto(a rules.Answers, b *board) {
	kb := e.kb
	clear(b.cat)
	clear(b.fw)
	clear(b.blendOut)
	for i := range b.catOut {
		b.catOut[i] = b.catOut[i][:0]
	}
	for i := range b.fwOut {
		b.fwOut[i] = b.fwOut[i][:0]
	}
	b.fired = b.fired[:0]
	for i := range kb.Rules {
		if kb.Rules[i].When.Eval(a) != rules.True {
			continue
		}
		b.fired = append(b.fired, i)
		for _, w := range e.effects[i].weights {
			if w.fw {
				b.fw[w.idx] += w.w
			} else {
				b.cat[w.idx] += w.w
			}
		}
		for _, t := range e.effects[i].eliminate {
			if t.fw {
				b.fwOut[t.idx] = append(b.fwOut[t.idx], i)
			} else {
				b.catOut[t.idx] = append(b.catOut[t.idx], i)
			}
		}
	}
	for i := range kb.Categories {
		b.gate[i] = gateMet
		if g := kb.Gate(i); g != nil {
			switch g.When.Eval(a) {
			case rules.False:
				b.gate[i] = gateFailed
			case rules.Unknown:
				b.gate[i] = gatePending
			}
		}
	}
	e.applyBlends(b)
	b.leader, b.runnerUp = -1, -1
	for i := range b.cat {
		if b.out(i) {
			continue
		}
		switch {
		case b.leader < 0 || b.cat[i] > b.cat[b.leader]:
			b.runnerUp, b.leader = b.leader, i
		case b.runnerUp < 0 || b.cat[i] > b.cat[b.runnerUp]:
			b.runnerUp = i
		}
	}
}

// applyBlends scores each hybrid: what the categories it blends scored,
// together, plus its bonus (negative for the cost of running both), and
// only when every side reached the threshold — a hybrid answers strong
// pulls in both directions, not a weak pull in either. No answer counts
// twice: rules may not weigh a blend itself.
//
// A blend below its threshold scores 0: the sum of its sides would
// mostly be the score of the side that did reach it.
func (e *Engine) applyBlends(b *board) {
	for _, bl := range e.blends {
		sum := 0.0
		for _, of := range bl.of {
			sum += b.cat[of]
			if b.cat[of] < bl.minEach {
				b.blendOut[bl.cat] = true
			}
		}
		b.cat[bl.cat] = 0
		if !b.blendOut[bl.cat] {
			b.cat[bl.cat] = sum + bl.bonus
		}
	}
}

// out reports a category that cannot be recommended: knocked out, below
// its blend threshold, or failing its gate.
func (b *board) out(cat int) bool {
	return len(b.catOut[cat]) > 0 || b.blendOut[cat] || b.gate[cat] == gateFailed
}

// winner is the recommended category, or -1 when the advice is
// undecided: nothing left standing, a tie at the top, or a leader whose
// gate is still unknown.
func (b *board) winner() int {
	switch {
	case b.leader < 0, b.gate[b.leader] == gatePending:
		return -1
	case b.runnerUp >= 0 && b.cat[b.leader] == b.cat[b.runnerUp]:
		return -1
	}
	return b.leader
}
