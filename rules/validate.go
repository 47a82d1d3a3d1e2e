package rules

import (
	"fmt"
	"maps"
	"math"
	"regexp"
	"slices"
	"strings"
	"sync"
)

// Compiled on first use: validation runs only for user files and
// `rules validate`, so start-up does not pay for the regexps.
var (
	kebab = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`) })
	snake = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^[a-z][a-z0-9]*(_[a-z0-9]+)*$`) })
)

// reservedKeys are condition combinators and cannot name a question.
var reservedKeys = map[string]bool{"all": true, "any": true, "not": true}

// validate checks meaning once the structure has decoded: references
// resolve, values fit their questions, ids are unique and every claim
// has a source.
func (kb *KB) validate() []Problem {
	v := &validator{kb: kb}
	if strings.TrimSpace(kb.Version) == "" {
		v.errorf(0, "", "missing version")
	}
	v.questions()
	v.categories()
	v.frameworks()
	v.corrections()
	v.styles()
	v.rules()
	return v.problems
}

type validator struct {
	kb       *KB
	problems []Problem
	ids      map[string]string // candidate id → what it is, shared namespace of effects
}

func (v *validator) errorf(line int, id, format string, args ...any) {
	v.problems = append(v.problems, Problem{File: v.kb.File, Line: line, ID: id, Severity: SevError, Message: fmt.Sprintf(format, args...)})
}

func (v *validator) questions() {
	seen := map[string]bool{}
	for _, q := range v.kb.Questions {
		id := fmt.Sprintf("question %q", q.Key)
		switch {
		case !snake().MatchString(q.Key):
			v.errorf(q.Line, id, "key must be snake_case")
		case reservedKeys[q.Key]:
			v.errorf(q.Line, id, "key %q is reserved for combining conditions", q.Key)
		case seen[q.Key]:
			v.errorf(q.Line, id, "duplicate question key")
		}
		seen[q.Key] = true
		if strings.TrimSpace(q.Prompt) == "" {
			v.errorf(q.Line, id, "missing prompt")
		}
		switch q.Type {
		case TypeChoice:
			if len(q.Choices) < 2 {
				v.errorf(q.Line, id, "a choice question needs at least two choices")
			}
			values := map[string]bool{}
			for _, c := range q.Choices {
				if c.Value == "" || values[c.Value] {
					v.errorf(q.Line, id, "choice values must be non-empty and unique (got %q)", c.Value)
				}
				values[c.Value] = true
			}
		case TypeBool, TypeInt:
			if len(q.Choices) > 0 {
				v.errorf(q.Line, id, "only choice questions take choices")
			}
		default:
			v.errorf(q.Line, id, "unknown type %q: want choice, bool or int", q.Type)
		}
		if (q.Min != nil || q.Max != nil) && q.Type != TypeInt {
			v.errorf(q.Line, id, "only int questions take min and max")
		}
		if q.Min != nil && q.Max != nil && *q.Min > *q.Max {
			v.errorf(q.Line, id, "min %d is greater than max %d", *q.Min, *q.Max)
		}
	}
}

func (v *validator) claim(line int, id, text, source string) {
	if strings.TrimSpace(text) == "" {
		v.errorf(line, id, "missing text")
	}
	if err := checkSource(source); err != nil {
		v.errorf(line, id, "%v", err)
	}
}

// checkSource accepts an official URL or a section of the source article:
// every claim the advisor shows must say where it comes from.
func checkSource(s string) error {
	s = strings.TrimSpace(s)
	switch {
	case s == "":
		return fmt.Errorf("missing source: give an https URL or \"article: <section>\"")
	case strings.HasPrefix(s, "https://"), strings.HasPrefix(s, "http://"):
		return nil
	case strings.HasPrefix(s, "article: ") && len(s) > len("article: "):
		return nil
	}
	return fmt.Errorf("source %q must be an https URL or \"article: <section>\"", s)
}

func (v *validator) candidate(line int, kind, id string) {
	label := fmt.Sprintf("%s %q", kind, id)
	if !kebab().MatchString(id) {
		v.errorf(line, label, "id must be kebab-case")
	}
	if prev, dup := v.ids[id]; dup {
		v.errorf(line, label, "duplicate id (already a %s)", prev)
	}
	v.ids[id] = kind
}

func (v *validator) categories() {
	v.ids = map[string]string{}
	if len(v.kb.Categories) == 0 {
		v.errorf(0, "", "no categories: the advisor needs something to recommend")
	}
	for _, c := range v.kb.Categories {
		v.candidate(c.Line, "category", c.ID)
		v.claim(c.Line, fmt.Sprintf("category %q", c.ID), c.Summary, c.Source)
	}
	for _, c := range v.kb.Categories {
		if c.Blend == nil {
			continue
		}
		label := fmt.Sprintf("category %q", c.ID)
		if len(c.Blend.Of) < 2 {
			v.errorf(c.Line, label, "a blend needs at least two categories")
		}
		for _, of := range c.Blend.Of {
			other := v.category(of)
			switch {
			case other == nil:
				v.errorf(c.Line, label, "blend names unknown category %q", of)
			case other.Blend != nil:
				v.errorf(c.Line, label, "blend of %q, itself a blend", of)
			}
		}
	}
}

func (v *validator) category(id string) *Category {
	for i := range v.kb.Categories {
		if v.kb.Categories[i].ID == id {
			return &v.kb.Categories[i]
		}
	}
	return nil
}

func (v *validator) frameworks() {
	for _, f := range v.kb.Frameworks {
		label := fmt.Sprintf("framework %q", f.ID)
		v.candidate(f.Line, "framework", f.ID)
		if strings.TrimSpace(f.Name) == "" {
			v.errorf(f.Line, label, "missing name")
		}
		if f.Category != "" && v.category(f.Category) == nil {
			v.errorf(f.Line, label, "unknown category %q", f.Category)
		}
		for _, fact := range f.Facts {
			v.claim(f.Line, label, fact.Text, fact.Source)
		}
	}
}

func (v *validator) corrections() {
	seen := map[string]bool{}
	for _, c := range v.kb.Corrections {
		label := fmt.Sprintf("correction %q", c.ID)
		if !kebab().MatchString(c.ID) || seen[c.ID] {
			v.errorf(c.Line, label, "id must be kebab-case and unique")
		}
		seen[c.ID] = true
		if strings.TrimSpace(c.Claim) == "" {
			v.errorf(c.Line, label, "missing claim")
		}
		v.claim(c.Line, label, c.Truth, c.Source)
		for _, id := range c.AppliesTo {
			if _, ok := v.ids[id]; !ok {
				v.errorf(c.Line, label, "applies_to names unknown category or framework %q", id)
			}
		}
	}
}

func (v *validator) styles() {
	for _, st := range v.kb.Styles {
		label := fmt.Sprintf("style %q", st.ID)
		v.candidate(st.Line, "style", st.ID)
		if strings.TrimSpace(st.Name) == "" || len(st.Facts) == 0 {
			v.errorf(st.Line, label, "a style needs a name and at least one fact")
		}
		for _, alias := range st.Aliases {
			if _, dup := v.ids[alias]; dup {
				v.errorf(st.Line, label, "alias %q is already an id", alias)
			}
		}
		for _, fact := range st.Facts {
			v.claim(st.Line, label, fact.Text, fact.Source)
		}
	}
}

func (v *validator) rules() {
	seen := map[string]bool{}
	questions := map[string]*Question{}
	for i := range v.kb.Questions {
		questions[v.kb.Questions[i].Key] = &v.kb.Questions[i]
	}
	for _, r := range v.kb.Rules {
		label := fmt.Sprintf("rule %q", r.ID)
		if !kebab().MatchString(r.ID) {
			v.errorf(r.Line, label, "id must be kebab-case")
		}
		if seen[r.ID] {
			v.errorf(r.Line, label, "duplicate rule id")
		}
		seen[r.ID] = true
		if strings.TrimSpace(r.Reason) == "" {
			v.errorf(r.Line, label, "missing reason")
		}
		if err := checkSource(r.Source); err != nil {
			v.errorf(r.Line, label, "%v", err)
		}
		if len(r.When.Tests)+len(r.When.All)+len(r.When.Any) == 0 && r.When.Not == nil {
			v.errorf(r.Line, label, "missing when: a rule needs a condition")
		}
		r.When.WalkTests(func(t *Test) { v.test(label, t, questions) })
		v.effect(r, label)
	}
}

func (v *validator) test(label string, t *Test, questions map[string]*Question) {
	q, ok := questions[t.Key]
	if !ok {
		v.errorf(t.Line, label, "condition reads unknown question %q", t.Key)
		return
	}
	switch t.Op {
	case OpGte, OpGt, OpLte, OpLt:
		if q.Type != TypeInt {
			v.errorf(t.Line, label, "operator %q needs an int question, but %q is %s", t.Op, t.Key, q.Type)
			return
		}
	}
	for _, val := range t.Values {
		if err := q.Check(val); err != nil {
			v.errorf(t.Line, label, "value %q for %q: %v", Format(val), t.Key, err)
		}
	}
}

func (v *validator) effect(r Rule, label string) {
	if len(r.Effect.Weights) == 0 && len(r.Effect.Eliminate) == 0 {
		v.errorf(r.Line, label, "effect needs weights or eliminate")
	}
	for _, id := range slices.Sorted(maps.Keys(r.Effect.Weights)) {
		if kind, ok := v.ids[id]; !ok || kind == "style" {
			v.errorf(r.Line, label, "weight for unknown category or framework %q", id)
		}
		w := r.Effect.Weights[id]
		if math.IsNaN(w) || math.IsInf(w, 0) || math.Abs(w) > 1e6 {
			v.errorf(r.Line, label, "weight for %q must be a finite number within ±1000000", id)
		}
	}
	for _, id := range r.Effect.Eliminate {
		if kind, ok := v.ids[id]; !ok || kind == "style" {
			v.errorf(r.Line, label, "eliminates unknown category or framework %q", id)
		}
	}
}
