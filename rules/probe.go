package rules

import "sort"

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
