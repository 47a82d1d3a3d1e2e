package rules

import (
	"encoding/json"
	"reflect"
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

// TestAnswersFromJSON: numbers come back as the ints flags give, so a
// saved result reads back equal to the answers that produced it.
func TestAnswersFromJSON(t *testing.T) {
	var a Answers
	if err := json.Unmarshal([]byte(`{"team_size": 12, "orm": true, "concurrency": "high"}`), &a); err != nil {
		t.Fatal(err)
	}
	want := Answers{"team_size": 12, "orm": true, "concurrency": "high"}
	if !reflect.DeepEqual(a, want) {
		t.Errorf("got %#v, want %#v", a, want)
	}
	if err := json.Unmarshal([]byte(`{"team_size": 1.5}`), &a); err == nil {
		t.Error("a fractional team size was accepted")
	}
}

// TestConditionCost: a condition costs a step for itself and each value
// its tests compare with, nested conditions included, so that budgets
// weigh a huge condition as what it is.
func TestConditionCost(t *testing.T) {
	for src, want := range map[string]int{
		"{a: 1}":                             2,
		"{a: [1, 2, 3]}":                     4,
		"{a: {gte: 1, lte: 5}}":              3,
		"{not: {a: 1}}":                      3,
		"{any: [{a: 1}, {b: [1, 2]}], c: x}": 1 + 1 + 2 + 3,
	} {
		var c Condition
		if err := yaml.Unmarshal([]byte(src), &c); err != nil {
			t.Fatal(err)
		}
		if got := c.Cost(); got != want {
			t.Errorf("Cost(%s) = %d, want %d", src, got, want)
		}
	}
}
