package rules

import (
	"fmt"
	"maps"
	"slices"
	"strings"
)

// index builds the lookup maps once the knowledge base is valid.
func (kb *KB) index() {
	kb.questionIdx = make(map[string]int, len(kb.Questions))
	for i, q := range kb.Questions {
		kb.questionIdx[q.Key] = i
		kb.Questions[i].indexChoices()
	}
	kb.categoryIdx = make(map[string]int, len(kb.Categories))
	for i, c := range kb.Categories {
		kb.categoryIdx[c.ID] = i
	}
	kb.frameworkIdx = make(map[string]int, len(kb.Frameworks))
	for i, f := range kb.Frameworks {
		kb.frameworkIdx[f.ID] = i
	}
	kb.ruleIdx = make(map[string]int, len(kb.Rules))
	for i, r := range kb.Rules {
		kb.ruleIdx[r.ID] = i
	}
	kb.gates = make([]*Gate, len(kb.Categories))
	for i, c := range kb.Categories {
		kb.gates[i] = c.Requires
		if c.Requires == nil && c.Blend != nil {
			kb.gates[i] = kb.sidesGate(c.Blend)
		}
	}
	// Which rules read which question, built in one pass: asking it per
	// question would cost questions × rules, minutes for a file at the caps.
	kb.readers = map[string][]int{}
	for i := range kb.Rules {
		kb.Rules[i].When.WalkTests(func(t *Test) {
			if r := kb.readers[t.Key]; len(r) == 0 || r[len(r)-1] != i {
				kb.readers[t.Key] = append(r, i)
			}
		})
	}
}

// Gate returns what the category at index i needs to be recommended, or
// nil: its own requires, or for a blend without one, what its sides
// require — a hybrid of Django and an async framework is worth it only
// where Django is, so it inherits Django's gate rather than repeating it.
func (kb *KB) Gate(i int) *Gate {
	if kb.gates == nil { // not indexed: no inheritance worked out yet
		return kb.Categories[i].Requires
	}
	return kb.gates[i]
}

// sidesGate is the gate a blend inherits: its sides' own gates, all of
// them required, each reason given.
func (kb *KB) sidesGate(b *Blend) *Gate {
	var sides []*Gate
	for _, id := range b.Of {
		if j, ok := kb.categoryIdx[id]; ok && kb.Categories[j].Requires != nil {
			sides = append(sides, kb.Categories[j].Requires)
		}
	}
	switch len(sides) {
	case 0:
		return nil
	case 1:
		return sides[0]
	}
	g := &Gate{Source: sides[0].Source, AsOf: sides[0].AsOf}
	var reasons []string
	for _, s := range sides {
		g.When.All = append(g.When.All, s.When)
		reasons = append(reasons, strings.TrimSpace(s.Reason))
		if s.AsOf < g.AsOf {
			g.AsOf = s.AsOf // as old as its oldest part; unknown if one is
		}
	}
	g.Reason = strings.Join(reasons, " ")
	return g
}

// Question returns the question with the given key, or nil.
func (kb *KB) Question(key string) *Question {
	if i, ok := kb.questionIdx[key]; ok {
		return &kb.Questions[i]
	}
	return nil
}

// Category returns the category with the given id, or nil.
func (kb *KB) Category(id string) *Category {
	if i, ok := kb.categoryIdx[id]; ok {
		return &kb.Categories[i]
	}
	return nil
}

// Framework returns the framework with the given id, or nil.
func (kb *KB) Framework(id string) *Framework {
	if i, ok := kb.frameworkIdx[id]; ok {
		return &kb.Frameworks[i]
	}
	return nil
}

// Rule returns the rule with the given id, or nil.
func (kb *KB) Rule(id string) *Rule {
	if i, ok := kb.ruleIdx[id]; ok {
		return &kb.Rules[i]
	}
	return nil
}

// Name returns the display name of a category or framework id, or the id.
func (kb *KB) Name(id string) string {
	if c := kb.Category(id); c != nil {
		return c.Name
	}
	if f := kb.Framework(id); f != nil {
		return f.Name
	}
	return id
}

// CheckAnswers validates answers against the questions, naming the first
// bad key in a stable (question) order.
func (kb *KB) CheckAnswers(a Answers) error {
	for _, k := range slices.Sorted(maps.Keys(a)) {
		q := kb.Question(k)
		if q == nil {
			return fmt.Errorf("unknown question %q", k)
		}
		if err := q.Check(a[k]); err != nil {
			return fmt.Errorf("invalid value %q for %q: %w", Format(a[k]), k, err)
		}
	}
	return nil
}

// RulesReading returns the ids of the rules whose conditions read key, in
// file order: what a question influences.
func (kb *KB) RulesReading(key string) []string {
	var ids []string
	for _, i := range kb.readers[key] {
		ids = append(ids, kb.Rules[i].ID)
	}
	return ids
}

// Topic is how the rule is named to a person: its title, or its id in
// words when it has none.
func (r *Rule) Topic() string {
	if r.Title != "" {
		return r.Title
	}
	return strings.ReplaceAll(r.ID, "-", " ")
}

// Considerations names, in words and file order, what the answer to key
// weighs in on: the topics of the rules that read it, without repeats.
func (kb *KB) Considerations(key string) []string {
	var out []string
	for _, i := range kb.readers[key] {
		t := kb.Rules[i].Topic()
		if !slices.Contains(out, t) {
			out = append(out, t)
		}
	}
	return out
}

// CategoryIndex returns the position of a category in Categories, or -1.
func (kb *KB) CategoryIndex(id string) int {
	if i, ok := kb.categoryIdx[id]; ok {
		return i
	}
	return -1
}

// Style returns the style whose id or alias is name (case-insensitive),
// or nil.
func (kb *KB) Style(name string) *Style {
	name = strings.ToLower(strings.TrimSpace(name))
	for i := range kb.Styles {
		st := &kb.Styles[i]
		if st.ID == name {
			return st
		}
		for _, a := range st.Aliases {
			if a == name {
				return st
			}
		}
	}
	return nil
}

// FrameworkIndex returns the position of a framework in Frameworks, or -1.
func (kb *KB) FrameworkIndex(id string) int {
	if i, ok := kb.frameworkIdx[id]; ok {
		return i
	}
	return -1
}

// QuestionIndex returns the position of a question in Questions, or -1.
func (kb *KB) QuestionIndex(key string) int {
	if i, ok := kb.questionIdx[key]; ok {
		return i
	}
	return -1
}
