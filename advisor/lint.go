package advisor

import (
	"fmt"
	"math/rand/v2"
	"slices"

	"github.com/apiadvisor/apiadvisor/rules"
)

// lintBudget bounds the rule evaluations one Lint may spend, so that a
// huge or hostile knowledge base cannot make `rules validate` hang. A
// check that would overrun it is skipped, and a warning says so.
const lintBudget = 10_000_000

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
	for i := range kb.Rules {
		out = append(out, l.rule(&kb.Rules[i])...)
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
}

// spend takes n rule evaluations from the budget, reporting false (and
// marking the run incomplete) when there are not enough left.
func (l *linter) spend(n int) bool {
	if n > l.budget {
		l.skipped = true
		return false
	}
	l.budget -= n
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
	perRun := max(len(kb.Rules), 1)
	// Keep half the budget for the per-rule checks.
	runs := min(maxLintCombos*4, l.budget/2/perRun)
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
func (l *linter) rule(r *rules.Rule) []rules.Problem {
	id := fmt.Sprintf("rule %q", r.ID)
	sat, ok := l.satisfiable(r.When.Keys(), func(a rules.Answers) bool { return r.When.Eval(a) == rules.True })
	if ok && !sat {
		return []rules.Problem{l.warn(r.Line, id, "can never fire: no answers satisfy %s", r.When.String())}
	}
	if k := l.shadowedBy(r); k != nil {
		return []rules.Problem{l.warn(r.Line, id, "shadowed by knock-out %q: whenever it fires, %q eliminates everything it favours", k.ID, k.ID)}
	}
	return nil
}

// shadowedBy returns a knock-out rule that fires whenever r does and
// eliminates every candidate r gives positive weight to.
func (l *linter) shadowedBy(r *rules.Rule) *rules.Rule {
	kb := l.e.kb
	var favoured []string
	for id, w := range r.Effect.Weights {
		if w > 0 {
			favoured = append(favoured, id)
		}
	}
	if len(favoured) == 0 || len(r.Effect.Eliminate) > 0 {
		return nil
	}
	for i := range kb.Rules {
		k := &kb.Rules[i]
		if k == r || len(k.Effect.Eliminate) == 0 || !eliminatesAll(kb, k, favoured) {
			continue
		}
		keys := union(r.When.Keys(), k.When.Keys())
		// r is shadowed when "r fires and k does not" is impossible.
		escape, ok := l.satisfiable(keys, func(a rules.Answers) bool {
			return r.When.Eval(a) == rules.True && k.When.Eval(a) != rules.True
		})
		if ok && !escape {
			return k
		}
	}
	return nil
}

func eliminatesAll(kb *rules.KB, k *rules.Rule, ids []string) bool {
	out := map[string]bool{}
	for _, id := range k.Effect.Eliminate {
		out[id] = true
	}
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
// included) for keys. ok is false when there were too many to try or the
// budget could not pay for them.
func (l *linter) satisfiable(keys []string, pred func(rules.Answers) bool) (found, ok bool) {
	kb := l.e.kb
	domains := make([][]any, len(keys))
	total := 1
	for i, k := range keys {
		qi := kb.QuestionIndex(k)
		if qi < 0 {
			return false, false
		}
		domains[i] = append(slices.Clip(l.e.cands[qi]), nil)
		total *= len(domains[i])
		if total > maxLintCombos {
			l.skipped = true
			return false, false
		}
	}
	if !l.spend(total) {
		return false, false
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
