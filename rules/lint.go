package rules

import (
	"fmt"
	"slices"
	"sort"
)

// maxLintCombos bounds the answer combinations tried per check, and
// lintBudget the condition evaluations of a whole Lint: a hostile file
// must not make `rules validate` hang, so past the budget checks are
// skipped and a warning says so.
const (
	maxLintCombos = 1 << 16
	lintBudget    = 2_000_000
)

// Lint finds what does not stop a knowledge base from loading but is
// almost certainly a mistake: rules that can never fire, and rules whose
// every firing is undone by a knock-out. It runs only for
// `rules validate`, never on the advice path.
func (kb *KB) Lint() []Problem {
	l := &linter{kb: kb, budget: lintBudget, probes: map[string][]any{}}
	var out []Problem
	warn := func(r *Rule, format string, args ...any) {
		out = append(out, Problem{File: kb.File, Line: r.Line, ID: fmt.Sprintf("rule %q", r.ID), Severity: SevWarning, Message: fmt.Sprintf(format, args...)})
	}
	for i := range kb.Rules {
		r := &kb.Rules[i]
		sat, ok := l.satisfiable(r.When.Keys(), func(a Answers) bool { return r.When.Eval(a) == True })
		if ok && !sat {
			warn(r, "can never fire: no answers satisfy %s", r.When.String())
			continue
		}
		if k := l.shadowedBy(r); k != nil {
			warn(r, "shadowed by knock-out %q: whenever it fires, %q eliminates everything it favours", k.ID, k.ID)
		}
	}
	if l.budget <= 0 {
		out = append(out, Problem{File: kb.File, Severity: SevWarning, Message: "too large to check every rule for never firing or being shadowed; some checks were skipped"})
	}
	return out
}

// linter holds what one Lint run needs besides the knowledge base: the
// evaluations it may still spend and the probe values worked out so far.
// Keeping them out of the KB lets any number of Lint runs share one.
type linter struct {
	kb     *KB
	budget int
	probes map[string][]any
}

// shadowedBy returns a knock-out rule that fires whenever r does and
// eliminates every candidate r gives positive weight to.
func (l *linter) shadowedBy(r *Rule) *Rule {
	kb := l.kb
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
		if k == r || len(k.Effect.Eliminate) == 0 || !kb.eliminatesAll(k, favoured) {
			continue
		}
		keys := union(r.When.Keys(), k.When.Keys())
		// r is shadowed when "r fires and k does not" is impossible.
		escape, ok := l.satisfiable(keys, func(a Answers) bool {
			return r.When.Eval(a) == True && k.When.Eval(a) != True
		})
		if ok && !escape {
			return k
		}
	}
	return nil
}

func (kb *KB) eliminatesAll(k *Rule, ids []string) bool {
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
// included) for keys. ok is false when there were too many to try.
func (l *linter) satisfiable(keys []string, pred func(Answers) bool) (found, ok bool) {
	domains := make([][]any, len(keys))
	total := 1
	for i, k := range keys {
		q := l.kb.Question(k)
		if q == nil {
			return false, false
		}
		domains[i] = append(slices.Clip(l.probeValues(q)), nil)
		total *= len(domains[i])
		if total > maxLintCombos {
			return false, false
		}
	}
	a := Answers{}
	var try func(int) bool
	try = func(i int) bool {
		if i == len(keys) {
			if l.budget <= 0 {
				ok = false
				return true
			}
			l.budget--
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
	ok = true
	found = try(0)
	if !ok {
		return false, false
	}
	return found, true
}

// probeValues is KB.probeValues, worked out once per question per run.
func (l *linter) probeValues(q *Question) []any {
	vals, ok := l.probes[q.Key]
	if !ok {
		vals = l.kb.probeValues(q)
		l.probes[q.Key] = vals
	}
	return vals
}

// probeValues are the answers that can change any condition on q: all
// choices, both booleans, and the integers around every threshold.
func (kb *KB) probeValues(q *Question) []any {
	switch q.Type {
	case TypeBool:
		return []any{true, false}
	case TypeChoice:
		vals := make([]any, len(q.Choices))
		for i, c := range q.Choices {
			vals[i] = c.Value
		}
		return vals
	}
	set := map[int]bool{}
	if q.Min != nil {
		set[*q.Min] = true
	}
	if q.Max != nil {
		set[*q.Max] = true
	}
	for i := range kb.Rules {
		kb.Rules[i].When.WalkTests(func(t *Test) {
			if t.Key != q.Key {
				return
			}
			for _, v := range t.Values {
				if n, ok := v.(int); ok {
					set[n-1], set[n], set[n+1] = true, true, true
				}
			}
		})
	}
	var ns []int
	for n := range set {
		if q.Check(n) == nil {
			ns = append(ns, n)
		}
	}
	sort.Ints(ns)
	vals := make([]any, len(ns))
	for i, n := range ns {
		vals[i] = n
	}
	return vals
}

// ProbeValues lists, for each question in order, the answers worth
// trying when searching the answer space (see probeValues).
func (kb *KB) ProbeValues() [][]any {
	out := make([][]any, len(kb.Questions))
	for i := range kb.Questions {
		out[i] = kb.probeValues(&kb.Questions[i])
	}
	return out
}

func union(a, b []string) []string {
	set := map[string]bool{}
	for _, k := range a {
		set[k] = true
	}
	for _, k := range b {
		set[k] = true
	}
	out := make([]string, 0, len(set))
	for k := range set {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
