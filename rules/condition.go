package rules

import (
	"encoding/json"
	"fmt"
	"sort"
	"strings"

	"go.yaml.in/yaml/v3"
)

// Truth is a three-valued logic result. A question left unanswered makes
// every test on it Unknown, and a rule fires only on True, so an unknown
// answer can never fire (or block) a rule by accident.
type Truth int8

// Truth values.
const (
	False Truth = iota
	Unknown
	True
)

// String names the truth value as the explain trace shows it.
func (t Truth) String() string {
	switch t {
	case True:
		return "true"
	case False:
		return "false"
	}
	return "unknown"
}

// Comparison operators a Test can apply.
const (
	OpEq  = "eq"
	OpNe  = "ne"
	OpIn  = "in"
	OpGte = "gte"
	OpGt  = "gt"
	OpLte = "lte"
	OpLt  = "lt"
)

var operators = []string{OpEq, OpNe, OpIn, OpGte, OpGt, OpLte, OpLt}

func isOperator(s string) bool {
	for _, op := range operators {
		if op == s {
			return true
		}
	}
	return false
}

// Condition is the `when` of a rule: all Tests and every All entry must
// hold, at least one Any entry must hold, and Not must not hold.
type Condition struct {
	Tests []Test
	All   []Condition
	Any   []Condition
	Not   *Condition
	Line  int
}

// Test compares one answer with the values in the condition.
type Test struct {
	Key    string
	Op     string
	Values []any
	Line   int
}

// Limits on the shape of a condition: a rules file is untrusted data and
// must not be able to make the loader or evaluator recurse without bound.
const (
	maxConditionDepth = 16
	maxListLen        = 256
)

// UnmarshalYAML reads the structured condition syntax:
// `key: value`, `key: [a, b]`, `key: {gte: 15}`, and the reserved keys
// `all`, `any` and `not` for combinations.
func (c *Condition) UnmarshalYAML(n *yaml.Node) error {
	parsed, err := parseCondition(n, 0)
	if err != nil {
		return err
	}
	*c = parsed
	return nil
}

func parseCondition(n *yaml.Node, depth int) (Condition, error) {
	c := Condition{Line: n.Line}
	if depth > maxConditionDepth {
		return c, posErrorf(n, "condition nested deeper than %d levels", maxConditionDepth)
	}
	if n.Kind != yaml.MappingNode {
		return c, posErrorf(n, "condition must be a mapping of question keys to values")
	}
	if len(n.Content) == 0 {
		return c, posErrorf(n, "condition is empty: a rule needs at least one test")
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		switch k.Value {
		case "all", "any":
			if v.Kind != yaml.SequenceNode || len(v.Content) == 0 {
				return c, posErrorf(v, "%q needs a non-empty list of conditions", k.Value)
			}
			if len(v.Content) > maxListLen {
				return c, posErrorf(v, "%q has more than %d entries", k.Value, maxListLen)
			}
			var list []Condition
			for _, item := range v.Content {
				sub, err := parseCondition(item, depth+1)
				if err != nil {
					return c, err
				}
				list = append(list, sub)
			}
			if k.Value == "all" {
				c.All = append(c.All, list...)
			} else {
				c.Any = append(c.Any, list...)
			}
		case "not":
			sub, err := parseCondition(v, depth+1)
			if err != nil {
				return c, err
			}
			c.Not = &sub
		default:
			tests, err := parseTests(k, v)
			if err != nil {
				return c, err
			}
			c.Tests = append(c.Tests, tests...)
		}
	}
	return c, nil
}

func parseTests(k, v *yaml.Node) ([]Test, error) {
	key := k.Value
	switch v.Kind {
	case yaml.ScalarNode:
		val, err := scalar(v)
		if err != nil {
			return nil, err
		}
		return []Test{{Key: key, Op: OpEq, Values: []any{val}, Line: k.Line}}, nil
	case yaml.SequenceNode:
		vals, err := scalarList(v)
		if err != nil {
			return nil, err
		}
		return []Test{{Key: key, Op: OpIn, Values: vals, Line: k.Line}}, nil
	case yaml.MappingNode:
		var tests []Test
		for i := 0; i+1 < len(v.Content); i += 2 {
			opNode, arg := v.Content[i], v.Content[i+1]
			op := opNode.Value
			if !isOperator(op) {
				return nil, posErrorf(opNode, "unknown operator %q for %q: want one of %s", op, key, strings.Join(operators, ", "))
			}
			var vals []any
			var err error
			if op == OpIn {
				if arg.Kind != yaml.SequenceNode {
					return nil, posErrorf(arg, "operator \"in\" for %q needs a list", key)
				}
				vals, err = scalarList(arg)
			} else {
				var val any
				val, err = scalar(arg)
				vals = []any{val}
			}
			if err != nil {
				return nil, err
			}
			tests = append(tests, Test{Key: key, Op: op, Values: vals, Line: opNode.Line})
		}
		if len(tests) == 0 {
			return nil, posErrorf(v, "no operator given for %q", key)
		}
		return tests, nil
	}
	return nil, posErrorf(v, "unsupported value for %q", key)
}

func scalarList(n *yaml.Node) ([]any, error) {
	if len(n.Content) == 0 {
		return nil, posErrorf(n, "empty list: it can never match")
	}
	if len(n.Content) > maxListLen {
		return nil, posErrorf(n, "list has more than %d entries", maxListLen)
	}
	vals := make([]any, 0, len(n.Content))
	for _, item := range n.Content {
		v, err := scalar(item)
		if err != nil {
			return nil, err
		}
		vals = append(vals, v)
	}
	return vals, nil
}

// scalar decodes a YAML scalar to string, int or bool — the only value
// types an answer can have.
func scalar(n *yaml.Node) (any, error) {
	if n.Kind != yaml.ScalarNode {
		return nil, posErrorf(n, "want a single value, not a %s", kindName(n.Kind))
	}
	switch n.Tag {
	case "!!bool":
		var b bool
		if err := n.Decode(&b); err != nil {
			return nil, posErrorf(n, "bad boolean %q", n.Value)
		}
		return b, nil
	case "!!int":
		var i int
		if err := n.Decode(&i); err != nil {
			return nil, posErrorf(n, "bad integer %q", n.Value)
		}
		return i, nil
	case "!!str":
		return n.Value, nil
	}
	return nil, posErrorf(n, "unsupported value %q: want a string, integer or boolean", n.Value)
}

func kindName(k yaml.Kind) string {
	switch k {
	case yaml.MappingNode:
		return "mapping"
	case yaml.SequenceNode:
		return "list"
	case yaml.AliasNode:
		return "alias"
	}
	return "value"
}

// Eval applies the condition to answers using Kleene logic. A nil answer
// counts as unknown, like an absent one.
func (c *Condition) Eval(a Answers) Truth {
	result := True
	for i := range c.Tests {
		result = and(result, c.Tests[i].Eval(a))
		if result == False {
			return False
		}
	}
	for i := range c.All {
		result = and(result, c.All[i].Eval(a))
		if result == False {
			return False
		}
	}
	if len(c.Any) > 0 {
		anyResult := False
		for i := range c.Any {
			anyResult = or(anyResult, c.Any[i].Eval(a))
			if anyResult == True {
				break
			}
		}
		result = and(result, anyResult)
	}
	if c.Not != nil {
		result = and(result, not(c.Not.Eval(a)))
	}
	return result
}

func and(x, y Truth) Truth { return min(x, y) }
func or(x, y Truth) Truth  { return max(x, y) }
func not(x Truth) Truth    { return True - x }

// Eval compares the answer to the test's values; Unknown when unanswered.
func (t *Test) Eval(a Answers) Truth {
	v := a[t.Key]
	if v == nil {
		return Unknown
	}
	if t.holds(v) {
		return True
	}
	return False
}

func (t *Test) holds(v any) bool {
	switch t.Op {
	case OpEq:
		return v == t.Values[0]
	case OpNe:
		return v != t.Values[0]
	case OpIn:
		for _, w := range t.Values {
			if v == w {
				return true
			}
		}
		return false
	}
	n, ok := v.(int)
	m, ok2 := t.Values[0].(int)
	if !ok || !ok2 {
		return false
	}
	switch t.Op {
	case OpGte:
		return n >= m
	case OpGt:
		return n > m
	case OpLte:
		return n <= m
	case OpLt:
		return n < m
	}
	return false
}

// Cost is the most work one Eval of the condition can do, counted in
// steps: one for each condition and each value a test compares against.
// Work budgets (the counterfactual search, lint, scenario runs) count in
// these steps, so that a rule with a huge condition costs what it weighs
// rather than as much as the smallest one.
func (c *Condition) Cost() int {
	n := 1
	for i := range c.Tests {
		n += max(len(c.Tests[i].Values), 1)
	}
	for i := range c.All {
		n += c.All[i].Cost()
	}
	for i := range c.Any {
		n += c.Any[i].Cost()
	}
	if c.Not != nil {
		n += c.Not.Cost()
	}
	return n
}

// empty reports a condition with nothing to test.
func (c *Condition) empty() bool {
	return len(c.Tests)+len(c.All)+len(c.Any) == 0 && c.Not == nil
}

// MarshalJSON writes the condition as it reads in listings, e.g.
// "concurrency = high and workload in [io, mixed]".
func (c Condition) MarshalJSON() ([]byte, error) {
	return json.Marshal(c.String())
}

// Keys returns the question keys the condition reads, sorted.
func (c *Condition) Keys() []string {
	seen := map[string]bool{}
	c.WalkTests(func(t *Test) { seen[t.Key] = true })
	keys := make([]string, 0, len(seen))
	for k := range seen {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// WalkTests calls f for every test in the condition, depth first.
func (c *Condition) WalkTests(f func(*Test)) {
	for i := range c.Tests {
		f(&c.Tests[i])
	}
	for i := range c.All {
		c.All[i].WalkTests(f)
	}
	for i := range c.Any {
		c.Any[i].WalkTests(f)
	}
	if c.Not != nil {
		c.Not.WalkTests(f)
	}
}

// String renders the condition in a compact, readable form for rule
// listings and the explain trace.
func (c *Condition) String() string {
	var parts []string
	for _, t := range c.Tests {
		parts = append(parts, t.String())
	}
	for i := range c.All {
		parts = append(parts, "("+c.All[i].String()+")")
	}
	if len(c.Any) > 0 {
		var alts []string
		for i := range c.Any {
			alts = append(alts, c.Any[i].String())
		}
		parts = append(parts, "("+strings.Join(alts, " or ")+")")
	}
	if c.Not != nil {
		parts = append(parts, "not ("+c.Not.String()+")")
	}
	return strings.Join(parts, " and ")
}

// String renders one test, e.g. `team_size >= 15` or `workload in [io, mixed]`.
func (t Test) String() string {
	sym := map[string]string{OpEq: "=", OpNe: "!=", OpGte: ">=", OpGt: ">", OpLte: "<=", OpLt: "<"}
	if t.Op == OpIn {
		vals := make([]string, len(t.Values))
		for i, v := range t.Values {
			vals[i] = fmt.Sprint(v)
		}
		return fmt.Sprintf("%s in [%s]", t.Key, strings.Join(vals, ", "))
	}
	return fmt.Sprintf("%s %s %v", t.Key, sym[t.Op], t.Values[0])
}
