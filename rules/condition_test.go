package rules

import (
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

func cond(t *testing.T, src string) Condition {
	t.Helper()
	var c Condition
	if err := yaml.Unmarshal([]byte(src), &c); err != nil {
		t.Fatalf("parse %q: %v", src, err)
	}
	return c
}

func TestConditionEval(t *testing.T) {
	tests := []struct {
		when    string
		answers Answers
		want    Truth
	}{
		{"{concurrency: high}", Answers{"concurrency": "high"}, True},
		{"{concurrency: high}", Answers{"concurrency": "low"}, False},
		{"{concurrency: high}", Answers{}, Unknown},
		{"{workload: [io, mixed]}", Answers{"workload": "mixed"}, True},
		{"{workload: [io, mixed]}", Answers{"workload": "cpu"}, False},
		{"{team_size: {gte: 15}}", Answers{"team_size": 15}, True},
		{"{team_size: {gte: 15}}", Answers{"team_size": 14}, False},
		{"{team_size: {gt: 3, lte: 10}}", Answers{"team_size": 10}, True},
		{"{team_size: {gt: 3, lte: 10}}", Answers{"team_size": 3}, False},
		{"{team_size: {lt: 5}}", Answers{"team_size": 4}, True},
		{"{team_size: {ne: 5}}", Answers{"team_size": 5}, False},
		{"{team_size: {in: [1, 2]}}", Answers{"team_size": 2}, True},
		{"{admin: true}", Answers{"admin": false}, False},
		{"{admin: true, orm: true}", Answers{"admin": true}, Unknown},
		{"{admin: true, orm: true}", Answers{"admin": false}, False},
		{"{any: [{admin: true}, {orm: true}]}", Answers{"admin": true}, True},
		{"{any: [{admin: true}, {orm: true}]}", Answers{"admin": false}, Unknown},
		{"{any: [{admin: true}, {orm: true}]}", Answers{"admin": false, "orm": false}, False},
		{"{not: {architecture: services}}", Answers{"architecture": "monolith"}, True},
		{"{not: {architecture: services}}", Answers{}, Unknown},
		{"{all: [{admin: true}, {not: {orm: false}}]}", Answers{"admin": true, "orm": true}, True},
	}
	for _, tt := range tests {
		c := cond(t, tt.when)
		if got := c.Eval(tt.answers); got != tt.want {
			t.Errorf("%s with %v = %s, want %s", tt.when, tt.answers, got, tt.want)
		}
	}
}

func TestConditionString(t *testing.T) {
	c := cond(t, "{concurrency: high, workload: [io, mixed], team_size: {gte: 15}, not: {admin: true}}")
	want := "concurrency = high and workload in [io, mixed] and team_size >= 15 and not (admin = true)"
	if got := c.String(); got != want {
		t.Errorf("String() = %q, want %q", got, want)
	}
	if got := strings.Join(c.Keys(), ","); got != "admin,concurrency,team_size,workload" {
		t.Errorf("Keys() = %s", got)
	}
}

// TestTestsKnowTheirQuestion: after indexing, every test's question index
// points at the question it names — in the built-in knowledge base, in one
// merged over it that replaces a question and adds another, and in the
// built-in one again afterwards (merging must not rewrite the base's
// conditions).
func TestTestsKnowTheirQuestion(t *testing.T) {
	check := func(name string, kb *KB) {
		t.Helper()
		for _, r := range kb.Rules {
			r.When.WalkTests(func(tt *Test) {
				if got := kb.Questions[tt.q].Key; got != tt.Key {
					t.Errorf("%s: rule %s tests %q but points at question %q", name, r.ID, tt.Key, got)
				}
			})
		}
	}
	base, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	check("default", base)
	merged, err := Load(strings.NewReader(`version: "t1"
extends: default
questions:
  - key: zz_first
    prompt: A new question
    type: bool
  - key: orm
    prompt: Need an ORM?
    type: bool
    allow_unknown: true
rules:
  - id: uses-zz
    when: {zz_first: true, orm: false}
    effect: {weights: {lightweight-async: 1}}
    reason: Testing.
    source: "https://example.com/"
`), "merged.yaml")
	if err != nil {
		t.Fatal(err)
	}
	check("merged", merged)
	check("default after merge", base)
	v := merged.Vector(Answers{"zz_first": true, "orm": false, "not-a-question": 1})
	if got := merged.Rule("uses-zz").When.EvalVector(v); got != True {
		t.Errorf("uses-zz on a vector = %v, want true", got)
	}
	if got := merged.Rule("uses-zz").When.Eval(Answers{"zz_first": true, "orm": false}); got != True {
		t.Errorf("uses-zz on a map = %v, want true", got)
	}
}
