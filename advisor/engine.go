package advisor

import (
	"maps"
	"math"
	"slices"

	"github.com/apiadvisor/apiadvisor/rules"
)

// Engine evaluates one knowledge base. Building it resolves every rule's
// effect to slice indices once, so evaluation is a flat loop with no map
// look-ups; this is what keeps counterfactual search cheap.
type Engine struct {
	kb      *rules.KB
	effects []effect // by rule index
	blends  []blend
	// fwCat maps a framework index to its category index, -1 when the
	// framework is listed for reference only.
	fwCat []int
	// cands are the answers counterfactual search tries, per question.
	cands [][]any
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

// New prepares an engine for a validated knowledge base.
func New(kb *rules.KB) *Engine {
	e := &Engine{kb: kb, effects: make([]effect, len(kb.Rules)), fwCat: make([]int, len(kb.Frameworks))}
	resolve := func(id string) target {
		for i := range kb.Categories {
			if kb.Categories[i].ID == id {
				return target{idx: i}
			}
		}
		for i := range kb.Frameworks {
			if kb.Frameworks[i].ID == id {
				return target{idx: i, fw: true}
			}
		}
		return target{idx: -1}
	}
	for i := range kb.Rules {
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
			e.fwCat[i] = resolve(f.Category).idx
		}
	}
	for i, c := range kb.Categories {
		if c.Blend == nil {
			continue
		}
		b := blend{cat: i, minEach: c.Blend.MinEach, bonus: c.Blend.Bonus}
		for _, id := range c.Blend.Of {
			b.of = append(b.of, resolve(id).idx)
		}
		e.blends = append(e.blends, b)
	}
	e.cands = kb.ProbeValues()
	return e
}

// KB returns the knowledge base the engine evaluates.
func (e *Engine) KB() *rules.KB { return e.kb }

// board is the raw outcome of one evaluation: enough to pick a winner,
// nothing that needs allocation per rule beyond the fired list.
type board struct {
	cat      []float64 // category scores
	fw       []float64 // framework-specific weights
	catOut   [][]int   // per category, the rules that eliminated it
	fwOut    [][]int   // per framework, the rules that eliminated it
	blendOut []bool    // per category, true when a blend's threshold failed
	fired    []int     // rule indices in file order
	winner   int       // category index, -1 when every category is out
	runnerUp int       // best other candidate, -1 when none
}

// decide runs every rule against the answers and picks the winner.
func (e *Engine) decide(a rules.Answers) *board {
	kb := e.kb
	b := &board{
		cat:      make([]float64, len(kb.Categories)),
		fw:       make([]float64, len(kb.Frameworks)),
		catOut:   make([][]int, len(kb.Categories)),
		fwOut:    make([][]int, len(kb.Frameworks)),
		blendOut: make([]bool, len(kb.Categories)),
	}
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
	e.applyBlends(b)
	b.winner, b.runnerUp = -1, -1
	for i := range b.cat {
		if b.out(i) {
			continue
		}
		switch {
		case b.winner < 0 || b.cat[i] > b.cat[b.winner]:
			b.runnerUp, b.winner = b.winner, i
		case b.runnerUp < 0 || b.cat[i] > b.cat[b.runnerUp]:
			b.runnerUp = i
		}
	}
}

// applyBlends turns a hybrid's own weights into its score: the mean of the
// blended categories plus its bonus, and only when every blended side
// reached the threshold — a hybrid answers strong pulls in both
// directions, not a weak pull in either.
func (e *Engine) applyBlends(b *board) {
	for _, bl := range e.blends {
		sum := 0.0
		for _, of := range bl.of {
			sum += b.cat[of]
			if b.cat[of] < bl.minEach {
				b.blendOut[bl.cat] = true
			}
		}
		b.cat[bl.cat] += sum/float64(len(bl.of)) + bl.bonus
	}
}

func (b *board) out(cat int) bool { return len(b.catOut[cat]) > 0 || b.blendOut[cat] }

// margin is the winner's lead over the runner-up; +Inf when nothing else
// was left standing.
func (b *board) margin() float64 {
	if b.winner < 0 {
		return 0
	}
	if b.runnerUp < 0 {
		return math.Inf(1)
	}
	return b.cat[b.winner] - b.cat[b.runnerUp]
}
