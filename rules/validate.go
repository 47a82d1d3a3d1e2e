package rules

import (
	"fmt"
	"maps"
	"math"
	"regexp"
	"slices"
	"strings"
	"sync"
	"time"
)

// Compiled on first use: validation runs only for user files and
// `rules validate`, so start-up does not pay for the regexps.
var (
	kebab = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`) })
	snake = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^[a-z][a-z0-9]*(_[a-z0-9]+)*$`) })
)

// reservedKeys are condition combinators and cannot name a question.
// "name" and "components" are reserved too: an answers file uses them
// beside the question keys.
var reservedKeys = map[string]bool{"all": true, "any": true, "not": true, answersNameKey: true, answersComponentsKey: true}

// MaxOpinionWeight is the most an opinion or a rule of thumb may weigh:
// less than what a documented capability such as the admin site weighs,
// so that facts outweigh opinions. A heavier one is a warning.
const MaxOpinionWeight = 1.5

// validate checks meaning once the structure has decoded: references
// resolve, values fit their questions, ids are unique and every claim
// has a source.
func (kb *KB) validate() []Problem {
	v := &validator{kb: kb, questions: map[string]*Question{}}
	if strings.TrimSpace(kb.Version) == "" {
		v.errorf(0, "", "missing version")
	}
	v.checkQuestions()
	v.checkCategories()
	v.checkFrameworks()
	v.checkCorrections()
	v.checkStyles()
	v.checkRules()
	v.checkContradictions()
	v.checkGuidance()
	v.checkPlans()
	return v.problems
}

type validator struct {
	kb        *KB
	problems  []Problem
	questions map[string]*Question
	ids       map[string]string // candidate id → what it is, shared namespace of effects
	// categories finds a category by id: references to categories are
	// checked once each, and a scan per reference would cost references
	// × categories.
	categories map[string]*Category
}

func (v *validator) errorf(line int, id, format string, args ...any) {
	v.problems = append(v.problems, Problem{File: v.kb.File, Line: line, ID: id, Severity: SevError, Message: fmt.Sprintf(format, args...)})
}

func (v *validator) warnf(line int, id, format string, args ...any) {
	v.problems = append(v.problems, Problem{File: v.kb.File, Line: line, ID: id, Severity: SevWarning, Message: fmt.Sprintf(format, args...)})
}

func (v *validator) checkQuestions() {
	for i := range v.kb.Questions {
		q := &v.kb.Questions[i]
		id := fmt.Sprintf("question %q", q.Key)
		switch {
		case !snake().MatchString(q.Key):
			v.errorf(q.Line, id, "key must be snake_case")
		case reservedKeys[q.Key]:
			v.errorf(q.Line, id, "key %q is reserved (for combining conditions or in answers files)", q.Key)
		case v.questions[q.Key] != nil:
			v.errorf(q.Line, id, "duplicate question key")
		}
		v.questions[q.Key] = q
		q.indexChoices()
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
				switch {
				case c.Value == "" || values[c.Value]:
					v.errorf(q.Line, id, "choice values must be non-empty and unique (got %q)", c.Value)
				case strings.TrimSpace(c.Value) != c.Value || strings.ContainsAny(c.Value, "\n\r"):
					// A value is typed after --flag and saved in answers
					// files: it is one word-like line.
					v.errorf(q.Line, id, "choice value %q must be one line without spaces at either end", c.Value)
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

// claim checks one sourced statement: it has text, a source of an
// accepted form, and a date that parses (a claim without one is a
// warning: every claim shown must say when it was true).
func (v *validator) claim(line int, id, text, source string, asOf Date) {
	if strings.TrimSpace(text) == "" {
		v.errorf(line, id, "missing text")
	}
	if err := checkSource(source); err != nil {
		v.errorf(line, id, "%v", err)
	}
	v.date(line, id, asOf)
}

// uniqueID checks an id of a list whose ids are its own (seen holds
// those met so far): kebab-case, and given once.
func (v *validator) uniqueID(seen map[string]bool, line int, label, id string) {
	if !kebab().MatchString(id) || seen[id] {
		v.errorf(line, label, "id must be kebab-case and unique")
	}
	seen[id] = true
}

// quoted requires the article's own words of a statement that cites it:
// TestArticleQuotes then finds them in the article.
func (v *validator) quoted(line int, id, source, quote string) {
	if Basis(source) == BasisOpinion && strings.TrimSpace(quote) == "" {
		v.errorf(line, id, "citing the article needs a quote: the article's own words")
	}
}

func (v *validator) date(line int, id string, d Date) {
	if d == "" {
		v.warnf(line, id, "claim has no as_of date")
		return
	}
	if _, err := time.Parse(time.DateOnly, string(d)); err != nil {
		v.errorf(line, id, "as_of %q is not a date: want YYYY-MM-DD", d)
	}
}

// checkSource accepts an official URL, a section of the source article,
// or the knowledge base's own rule of thumb: every claim the advisor
// shows must say where it comes from.
func checkSource(s string) error {
	s = strings.TrimSpace(s)
	switch {
	case s == "":
		return fmt.Errorf("missing source: give an https URL, \"article: <section>\" or %q", RuleOfThumb)
	case strings.HasPrefix(s, "https://"), strings.HasPrefix(s, "http://"):
		return nil
	case strings.HasPrefix(s, "article: ") && len(s) > len("article: "):
		return nil
	case s == RuleOfThumb:
		return nil
	}
	return fmt.Errorf("source %q must be an https URL, \"article: <section>\" or %q", s, RuleOfThumb)
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

func (v *validator) checkCategories() {
	v.ids = map[string]string{}
	v.categories = make(map[string]*Category, len(v.kb.Categories))
	for i := range v.kb.Categories {
		if c := &v.kb.Categories[i]; v.categories[c.ID] == nil {
			v.categories[c.ID] = c
		}
	}
	if len(v.kb.Categories) == 0 {
		v.errorf(0, "", "no categories: the advisor needs something to recommend")
	}
	for _, c := range v.kb.Categories {
		v.candidate(c.Line, "category", c.ID)
		label := fmt.Sprintf("category %q", c.ID)
		if err := checkSource(c.Source); err != nil {
			v.errorf(c.Line, label, "%v", err)
		}
		if strings.TrimSpace(c.Summary) == "" {
			v.errorf(c.Line, label, "missing summary")
		}
		v.date(c.Line, label, c.AsOf)
		if c.Requires != nil {
			v.claim(c.Line, label, c.Requires.Reason, c.Requires.Source, c.Requires.AsOf)
			v.condition(label, &c.Requires.When)
		}
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
		for _, n := range []struct {
			name string
			n    float64
		}{{"min_each", c.Blend.MinEach}, {"bonus", c.Blend.Bonus}} {
			if !finite(n.n) {
				v.errorf(c.Line, label, "blend %s is %g: want a finite number within ±1000000", n.name, n.n)
			}
		}
	}
}

func (v *validator) category(id string) *Category { return v.categories[id] }

func (v *validator) checkFrameworks() {
	for _, f := range v.kb.Frameworks {
		label := fmt.Sprintf("framework %q", f.ID)
		v.candidate(f.Line, "framework", f.ID)
		if strings.TrimSpace(f.Name) == "" {
			v.errorf(f.Line, label, "missing name")
		}
		if f.Category != "" && v.category(f.Category) == nil {
			v.errorf(f.Line, label, "unknown category %q", f.Category)
		}
		if f.Niche && f.Category == "" {
			v.errorf(f.Line, label, "only a framework in a category can be niche")
		}
		if f.Version != nil {
			if strings.TrimSpace(f.Version.Number) == "" {
				v.errorf(f.Line, label, "version needs a number")
			}
			v.claim(f.Line, label, f.Version.Number, f.Version.Source, f.Version.AsOf)
		}
		for _, key := range slices.Sorted(maps.Keys(f.Capabilities)) {
			c := f.Capabilities[key]
			if !slices.Contains(CapabilityKeys, key) {
				v.errorf(f.Line, label, "unknown capability %q: want %s", key, OrList(CapabilityKeys))
			}
			if !slices.Contains(CapabilityValues, c.Value) {
				v.errorf(f.Line, label, "capability %q: value %q: want %s", key, c.Value, OrList(CapabilityValues))
			}
			v.claim(f.Line, label, c.Text, c.Source, c.AsOf)
		}
		for _, fact := range f.Facts {
			v.claim(f.Line, label, fact.Text, fact.Source, fact.AsOf)
			v.quoted(f.Line, label, fact.Source, fact.Quote)
		}
	}
}

func (v *validator) checkCorrections() {
	seen := map[string]bool{}
	for _, c := range v.kb.Corrections {
		label := fmt.Sprintf("correction %q", c.ID)
		v.uniqueID(seen, c.Line, label, c.ID)
		if strings.TrimSpace(c.Claim) == "" {
			v.errorf(c.Line, label, "missing claim")
		}
		v.claim(c.Line, label, c.Truth, c.Source, c.AsOf)
		for _, id := range c.AppliesTo {
			if _, ok := v.ids[id]; !ok {
				v.errorf(c.Line, label, "applies_to names unknown category or framework %q", id)
			}
		}
	}
}

func (v *validator) checkStyles() {
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
			v.claim(st.Line, label, fact.Text, fact.Source, fact.AsOf)
			v.quoted(st.Line, label, fact.Source, fact.Quote)
		}
		for _, im := range st.Implementers {
			if strings.TrimSpace(im.Name) == "" {
				v.errorf(st.Line, label, "an implementer needs a name")
			}
			for _, id := range im.Frameworks {
				if v.ids[id] != "framework" {
					v.errorf(st.Line, label, "implementer %q names unknown framework %q", im.Name, id)
				}
			}
			v.claim(st.Line, label, im.Text, im.Source, im.AsOf)
		}
	}
}

func (v *validator) checkRules() {
	seen := map[string]bool{}
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
		v.quoted(r.Line, label, r.Source, r.Quote)
		v.date(r.Line, label, r.AsOf)
		if r.When.empty() {
			v.errorf(r.Line, label, "missing when: a rule needs a condition")
		}
		v.condition(label, &r.When)
		v.effect(r, label)
	}
}

// condition checks every test of a condition against its question.
func (v *validator) condition(label string, c *Condition) {
	c.WalkTests(func(t *Test) { v.test(label, t) })
}

func (v *validator) test(label string, t *Test) {
	q, ok := v.questions[t.Key]
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
		kind, ok := v.ids[id]
		if !ok || kind == "style" {
			v.errorf(r.Line, label, "weight for unknown category or framework %q", id)
			continue
		}
		w := r.Effect.Weights[id]
		if !finite(w) {
			v.errorf(r.Line, label, "weight for %q is %g: want a finite number within ±1000000", id, w)
		}
		if c := v.category(id); c != nil && c.Blend != nil {
			v.errorf(r.Line, label, "weight for blend %q: a blend scores from the categories it blends, so weigh those (or its frameworks), or the same answer counts twice", id)
		}
		if basis := Basis(r.Source); basis != BasisFact && math.Abs(w) > MaxOpinionWeight {
			v.warnf(r.Line, label, "an %s weighs %g for %q, more than %g: documented facts should outweigh it", strings.ReplaceAll(basis, "-", " "), w, id, MaxOpinionWeight)
		}
	}
	for _, id := range r.Effect.Eliminate {
		if kind, ok := v.ids[id]; !ok || kind == "style" {
			v.errorf(r.Line, label, "eliminates unknown category or framework %q", id)
		}
	}
}

func (v *validator) checkContradictions() {
	seen := map[string]bool{}
	for _, c := range v.kb.Contradictions {
		label := fmt.Sprintf("contradiction %q", c.ID)
		v.uniqueID(seen, c.Line, label, c.ID)
		if c.When.empty() {
			v.errorf(c.Line, label, "missing when: say which answers contradict each other")
		}
		v.condition(label, &c.When)
		v.claim(c.Line, label, c.Text, c.Source, c.AsOf)
	}
}

func (v *validator) checkGuidance() {
	seen := map[string]bool{}
	for _, g := range v.kb.Guidance {
		label := fmt.Sprintf("guidance %q", g.ID)
		v.uniqueID(seen, g.Line, label, g.ID)
		if strings.TrimSpace(g.Title) == "" {
			v.errorf(g.Line, label, "missing title")
		}
		if g.When != nil {
			v.condition(label, g.When)
		}
		for _, id := range g.AppliesTo {
			if v.category(id) == nil {
				v.errorf(g.Line, label, "applies_to names unknown category %q", id)
			}
		}
		v.claim(g.Line, label, g.Text, g.Source, g.AsOf)
		v.quoted(g.Line, label, g.Source, g.Quote)
	}
}

func (v *validator) checkPlans() {
	seen := map[string]bool{}
	for _, p := range v.kb.Plans {
		label := fmt.Sprintf("plan %q", p.ID)
		v.uniqueID(seen, p.Line, label, p.ID)
		if strings.TrimSpace(p.Title) == "" || strings.TrimSpace(p.Buys) == "" || strings.TrimSpace(p.Costs) == "" {
			v.errorf(p.Line, label, "a plan option needs a title, what it buys and what it costs")
		}
		if p.Disruption < 1 {
			v.errorf(p.Line, label, "disruption must be 1 or more: 1 changes least")
		}
		if len(p.From) == 0 || len(p.To) == 0 {
			v.errorf(p.Line, label, "a plan option needs from (existing_stack values) and to (categories)")
		}
		if q := v.questions["existing_stack"]; q != nil {
			for _, f := range p.From {
				if err := q.Check(f); err != nil {
					v.errorf(p.Line, label, "from %q: %v", f, err)
				}
			}
		} else if len(p.From) > 0 {
			v.errorf(p.Line, label, "plans start from an existing_stack answer, but there is no existing_stack question")
		}
		for _, id := range p.To {
			if v.category(id) == nil {
				v.errorf(p.Line, label, "to names unknown category %q", id)
			}
		}
		for _, u := range p.InUse {
			switch q := v.questions[u.Key]; {
			case q == nil:
				v.errorf(p.Line, label, "in_use names unknown question %q", u.Key)
			case q.Type != TypeBool:
				v.errorf(p.Line, label, "in_use names question %q, which is not a yes-or-no question", u.Key)
			}
			if strings.TrimSpace(u.Name) == "" {
				v.errorf(p.Line, label, "in_use %q needs a name", u.Key)
			}
		}
		v.claim(p.Line, label, p.Buys, p.Source, p.AsOf)
		v.quoted(p.Line, label, p.Source, p.Quote)
	}
}

// finite rejects NaN, the infinities and absurd magnitudes, which would
// make every score meaningless (and JSON output impossible).
func finite(f float64) bool {
	return !math.IsNaN(f) && !math.IsInf(f, 0) && math.Abs(f) <= 1e6
}
