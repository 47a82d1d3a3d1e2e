package rules

import "sort"

// ProbeValues lists, for each question in order, the answers worth
// trying when searching the answer space: all choices, both booleans,
// and for an integer question its bounds and the integers around every
// threshold a condition that bears on the decision compares it with — a
// rule's, a category's gate's or a contradiction's. It reads every
// condition once, whatever the number of questions.
func (kb *KB) ProbeValues() [][]any {
	thresholds := map[string]map[int]bool{}
	collect := func(t *Test) {
		for _, v := range t.Values {
			n, ok := v.(int)
			if !ok {
				continue
			}
			set := thresholds[t.Key]
			if set == nil {
				set = map[int]bool{}
				thresholds[t.Key] = set
			}
			set[n-1], set[n], set[n+1] = true, true, true
		}
	}
	for i := range kb.Rules {
		kb.Rules[i].When.WalkTests(collect)
	}
	for i := range kb.Categories {
		if g := kb.Categories[i].Requires; g != nil {
			g.When.WalkTests(collect)
		}
	}
	for i := range kb.Contradictions {
		kb.Contradictions[i].When.WalkTests(collect)
	}
	out := make([][]any, len(kb.Questions))
	for i := range kb.Questions {
		out[i] = probeValues(&kb.Questions[i], thresholds[kb.Questions[i].Key])
	}
	return out
}

// probeValues are the answers that can change any condition on q, given
// the integers conditions compare it with.
func probeValues(q *Question, thresholds map[int]bool) []any {
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
	for n := range thresholds {
		set[n] = true
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
