package advisor

import (
	"fmt"
	"math/rand/v2"
	"slices"

	"github.com/apiadvisor/apiadvisor/rules"
)

// lintBudget bounds the work one Lint may do, in the steps of
// rules.Condition.Cost, so that a huge or hostile knowledge base cannot
// make `rules validate` hang: checking every rule against every knock-out
// alone is rules² pairs. A check the budget cannot pay for is skipped,
// once it is spent the rest are, and a warning says so.
const lintBudget = 8_000_000

// maxLintCombos bounds the answer combinations one check enumerates;
// past it the whole-KB search samples with a fixed seed instead, so the
// result stays repeatable.
const maxLintCombos = 1 << 16

// Check decodes, validates and lints a knowledge base, returning every
// problem, warnings included, sorted by position. It is what
// `rules validate` runs; kb is nil when there are errors.
func Check(data []byte, name string) (*rules.KB, []rules.Problem) {
	kb, problems := rules.Validate(data, name)
	if kb != nil {
		problems = append(problems, Lint(kb)...)
	}
	return kb, rules.SortProblems(problems)
}

// Lint finds what does not stop a knowledge base from loading but is
// almost certainly a mistake: categories no answers make the
// recommendation, rules that can never fire, and rules whose every firing
// is undone by a knock-out. All three share one work budget.
func Lint(kb *rules.KB) []rules.Problem {
	l := &linter{e: New(kb), budget: lintBudget}
	var out []rules.Problem
	out = append(out, l.neverWinning()...)
	l.prepare()
	for i := range kb.Rules {
		if l.budget <= 0 {
			l.skipped = true
			break
		}
		out = append(out, l.rule(i)...)
	}
	if l.skipped {
		out = append(out, rules.Problem{File: kb.File, Severity: rules.SevWarning,
			Message: "too large to check completely: some lint checks were skipped"})
	}
	return out
}

// linter holds one Lint run's state, so any number of runs can share a
// knowledge base (the built-in one is shared by the whole process).
type linter struct {
	e       *Engine
	budget  int
	skipped bool
	// keys and cost are, by rule index, the questions a rule reads and
	// the cost of evaluating its condition; knockOuts are the rules that
	// eliminate something, each with what it eliminates. All are worked
	// out once, not once per pair of rules.
	keys      [][]string
	cost      []int
	knockOuts []knockOut
}

type knockOut struct {
	rule int
	out  map[string]bool
}

func (l *linter) prepare() {
	kb := l.e.kb
	l.keys = make([][]string, len(kb.Rules))
	l.cost = make([]int, len(kb.Rules))
	for i := range kb.Rules {
		r := &kb.Rules[i]
		l.keys[i] = r.When.Keys()
		l.cost[i] = r.When.Cost()
		if len(r.Effect.Eliminate) > 0 {
			k := knockOut{rule: i, out: map[string]bool{}}
			for _, id := range r.Effect.Eliminate {
				k.out[id] = true
			}
			l.knockOuts = append(l.knockOuts, k)
		}
	}
}

// spend takes n steps from the budget, reporting false (and marking the
// run incomplete) when there are not enough left: one check too large
// for what is left does not stop smaller ones.
func (l *linter) spend(n int) bool {
	if n > l.budget {
		l.skipped = true
		return false
	}
	l.budget -= n
	return true
}

// charge takes n steps for work done whatever comes of it, such as
// looking at a pair of rules; it reports false once the budget is spent.
func (l *linter) charge(n int) bool {
	l.budget -= n
	if l.budget < 0 {
		l.skipped = true
		return false
	}
	return true
}

func (l *linter) warn(line int, id, format string, args ...any) rules.Problem {
	return rules.Problem{File: l.e.kb.File, Line: line, ID: id, Severity: rules.SevWarning, Message: fmt.Sprintf(format, args...)}
}

// neverWinning reports categories that no combination of answers tried
// makes the recommendation — usually a weight with the wrong sign or a
// knock-out that is too broad. Below the budget the search is
// exhaustive; above it, a fixed-seed sample.
func (l *linter) neverWinning() []rules.Problem {
	kb := l.e.kb
	// A run sets every answer, then decides.
	perRun := l.e.decideCost + len(kb.Questions) + 1
	// Keep half the budget for the per-rule checks.
	runs := min(maxLintCombos*4, l.budget/2/perRun)
	if runs < 64 {
		// Too few runs to say anything about a category.
		l.skipped = true
		return nil
	}
	domains := make([][]any, len(kb.Questions))
	total := 1
	for i, vals := range l.e.cands {
		domains[i] = append(slices.Clip(vals), nil) // nil: unknown
		if total <= runs {
			total *= len(domains[i])
		}
	}
	won := make([]bool, len(kb.Categories))
	a := rules.Answers{}
	set := func(i int, v any) {
		if v == nil {
			delete(a, kb.Questions[i].Key)
		} else {
			a[kb.Questions[i].Key] = v
		}
	}
	b := l.e.decide(a)
	mark := func() {
		l.e.decideInto(a, b)
		if w := b.winner(); w >= 0 {
			won[w] = true
		}
	}
	if total <= runs {
		l.spend(total * perRun)
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
		l.spend(runs * perRun)
		rng := rand.New(rand.NewPCG(1, 2))
		for range runs {
			for i, d := range domains {
				set(i, d[rng.IntN(len(d))])
			}
			mark()
		}
	}
	var out []rules.Problem
	for i, c := range kb.Categories {
		if !won[i] {
			out = append(out, l.warn(c.Line, fmt.Sprintf("category %q", c.ID),
				"can never win: no combination of answers tried makes it the recommendation"))
		}
	}
	return out
}

// rule checks one rule: can it fire at all, and does a knock-out always
// undo it?
func (l *linter) rule(i int) []rules.Problem {
	r := &l.e.kb.Rules[i]
	id := fmt.Sprintf("rule %q", r.ID)
	if !l.charge(len(l.keys[i])) {
		return nil
	}
	sat, ok := l.satisfiable(l.keys[i], l.cost[i], func(a rules.Answers) bool { return r.When.Eval(a) == rules.True })
	if ok && !sat {
		return []rules.Problem{l.warn(r.Line, id, "can never fire: no answers satisfy %s", r.When.String())}
	}
	if k := l.shadowedBy(i); k != nil {
		return []rules.Problem{l.warn(r.Line, id, "shadowed by knock-out %q: whenever it fires, %q eliminates everything it favours", k.ID, k.ID)}
	}
	return nil
}

// shadowedBy returns a knock-out rule that fires whenever rule ri does
// and eliminates every candidate it gives positive weight to.
func (l *linter) shadowedBy(ri int) *rules.Rule {
	kb := l.e.kb
	r := &kb.Rules[ri]
	var favoured []string
	for id, w := range r.Effect.Weights {
		if w > 0 {
			favoured = append(favoured, id)
		}
	}
	if len(favoured) == 0 || len(r.Effect.Eliminate) > 0 {
		return nil
	}
	for _, ko := range l.knockOuts {
		k := &kb.Rules[ko.rule]
		if ko.rule == ri {
			continue
		}
		// Looking at the pair is paid for whatever comes of it, so that
		// thousands of knock-outs cannot make this loop the long part.
		if !l.charge(len(favoured)) {
			return nil
		}
		if !eliminatesAll(kb, ko.out, favoured) {
			continue
		}
		if !l.charge(len(l.keys[ri]) + len(l.keys[ko.rule])) {
			return nil
		}
		keys := union(l.keys[ri], l.keys[ko.rule])
		// r is shadowed when "r fires and k does not" is impossible.
		escape, ok := l.satisfiable(keys, l.cost[ri]+l.cost[ko.rule], func(a rules.Answers) bool {
			return r.When.Eval(a) == rules.True && k.When.Eval(a) != rules.True
		})
		if ok && !escape {
			return k
		}
	}
	return nil
}

// eliminatesAll reports whether a knock-out that eliminates the ids in
// out removes every one of ids.
func eliminatesAll(kb *rules.KB, out map[string]bool, ids []string) bool {
	for _, id := range ids {
		if out[id] {
			continue
		}
		// A framework is out when its category is.
		if f := kb.Framework(id); f != nil && f.Category != "" && out[f.Category] {
			continue
		}
		return false
	}
	return true
}

// satisfiable tries every combination of candidate answers (unknown
// included) for keys; cost is what one evaluation of pred costs. ok is
// false when there were too many to try or the budget could not pay for
// them.
func (l *linter) satisfiable(keys []string, cost int, pred func(rules.Answers) bool) (found, ok bool) {
	kb := l.e.kb
	// Count the combinations before building them: a question with
	// thousands of candidate answers must not be copied for nothing.
	qs := make([]int, len(keys))
	total := 1
	for i, k := range keys {
		if qs[i] = kb.QuestionIndex(k); qs[i] < 0 {
			return false, false
		}
		total *= len(l.e.cands[qs[i]]) + 1
		if total > maxLintCombos {
			l.skipped = true
			return false, false
		}
	}
	if !l.spend(total * cost) {
		return false, false
	}
	domains := make([][]any, len(keys))
	for i, qi := range qs {
		domains[i] = append(slices.Clip(l.e.cands[qi]), nil)
	}
	a := rules.Answers{}
	var try func(int) bool
	try = func(i int) bool {
		if i == len(keys) {
			return pred(a)
		}
		for _, v := range domains[i] {
			if v == nil {
				delete(a, keys[i])
			} else {
				a[keys[i]] = v
			}
			if try(i + 1) {
				return true
			}
		}
		delete(a, keys[i])
		return false
	}
	return try(0), true
}

func union(a, b []string) []string {
	out := append(slices.Clone(a), b...)
	slices.Sort(out)
	return slices.Compact(out)
}
