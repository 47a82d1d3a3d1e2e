package advisor

import (
	"encoding/json"
	"math"
	"reflect"
	"strings"
	"testing"

	"github.com/apiadvisor/apiadvisor/rules"
)

// testKB has two sides and a blend so that every engine path is reachable
// with a handful of rules.
const testKB = `version: "test"
questions:
  - {key: load, prompt: "Load?", help: h, type: choice, allow_unknown: true, choices: [{value: low, label: Low}, {value: high, label: High}]}
  - {key: team, prompt: "Team?", help: h, type: int, min: 1, max: 1000, allow_unknown: true}
  - {key: admin, prompt: "Admin?", help: h, type: bool, allow_unknown: true}
categories:
  - {id: async, name: Async, summary: Fast. Really., source: "https://example.org/a"}
  - {id: full, name: Full, summary: Batteries., source: "https://example.org/f"}
  - {id: mix, name: Mix, summary: Both., source: "https://example.org/m", blend: {of: [async, full], min_each: 3, bonus: 1}}
frameworks:
  - {id: fa, name: FA, category: async, url: "https://example.org", facts: []}
  - {id: ls, name: LS, category: async, url: "https://example.org", facts: []}
  - {id: dj, name: DJ, category: full, url: "https://example.org", facts: []}
  - {id: ref, name: Ref, url: "https://example.org", facts: []}
corrections:
  - {id: c1, claim: Full is slow., truth: Not really., source: "https://example.org/c", applies_to: [full]}
rules:
  - {id: high-load, when: {load: high}, effect: {weights: {async: 4, ls: 0.5}}, reason: R1., source: "https://example.org/1"}
  - {id: big-team, when: {team: {gte: 15}}, effect: {weights: {full: 3}}, reason: R2., source: "https://example.org/2"}
  - {id: huge-team, when: {team: {gte: 100}}, effect: {weights: {full: 2, async: -2}}, reason: R3., source: "https://example.org/3"}
  - {id: admin, when: {admin: true}, effect: {eliminate: [async], weights: {full: 1}}, reason: R4., source: "https://example.org/4"}
`

func engine(t testing.TB) *Engine {
	t.Helper()
	kb, err := rules.Load(strings.NewReader(testKB), "test.yaml")
	if err != nil {
		t.Fatal(err)
	}
	return New(kb)
}

func TestAdvise(t *testing.T) {
	e := engine(t)
	tests := []struct {
		name       string
		answers    rules.Answers
		category   string
		frameworks []string
		fired      []string
		eliminated []string
	}{
		{"nothing known", rules.Answers{}, "async", []string{"fa", "ls"}, nil, []string{"mix"}},
		{"high load", rules.Answers{"load": "high", "team": 3}, "async", []string{"ls", "fa"}, []string{"high-load"}, []string{"mix"}},
		{"big team", rules.Answers{"load": "low", "team": 20}, "full", []string{"dj"}, []string{"big-team"}, []string{"mix"}},
		{"both strong", rules.Answers{"load": "high", "team": 20}, "mix", []string{}, []string{"high-load", "big-team"}, nil},
		{"knock-out", rules.Answers{"load": "high", "admin": true}, "full", []string{"dj"}, []string{"high-load", "admin"}, []string{"async", "mix"}},
		{"negative weight", rules.Answers{"load": "high", "team": 150}, "full", []string{"dj"}, []string{"high-load", "big-team", "huge-team"}, []string{"mix"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := e.Advise(tt.answers, Options{})
			if r.Recommendation.Category != tt.category {
				t.Errorf("category = %q, want %q (scores %+v)", r.Recommendation.Category, tt.category, r.Scores)
			}
			if !reflect.DeepEqual(r.Recommendation.Frameworks, orEmpty(tt.frameworks)) {
				t.Errorf("frameworks = %v, want %v", r.Recommendation.Frameworks, tt.frameworks)
			}
			var fired []string
			for _, reason := range r.Reasons {
				fired = append(fired, reason.Rule)
			}
			if !reflect.DeepEqual(fired, tt.fired) {
				t.Errorf("fired = %v, want %v", fired, tt.fired)
			}
			var out []string
			for _, alt := range r.Alternatives {
				if alt.Eliminated {
					out = append(out, alt.Category)
				}
			}
			if !reflect.DeepEqual(out, tt.eliminated) {
				t.Errorf("eliminated = %v, want %v", out, tt.eliminated)
			}
			if c := r.Recommendation.Confidence; c < 0 || c > 1 {
				t.Errorf("confidence %v outside [0,1]", c)
			}
		})
	}
}

func orEmpty(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

func TestUnknownsAreNeutral(t *testing.T) {
	e := engine(t)
	r := e.Advise(rules.Answers{}, Options{})
	if len(r.Reasons) != 0 {
		t.Errorf("rules fired with no answers: %+v", r.Reasons)
	}
	if !reflect.DeepEqual(r.Unknown, []string{"load", "team", "admin"}) {
		t.Errorf("unknown = %v", r.Unknown)
	}
	if r.Recommendation.Confidence != 0 || !r.Recommendation.CloseCall {
		t.Errorf("no answers: confidence %v, close call %v; want 0 and true", r.Recommendation.Confidence, r.Recommendation.CloseCall)
	}
}

func TestConfidence(t *testing.T) {
	e := engine(t)
	// Lead of 4 with everything answered: 1 - e^-2.
	r := e.Advise(rules.Answers{"load": "high", "team": 3, "admin": false}, Options{})
	want := math.Round((1-math.Exp(-2))*100) / 100
	if got := r.Recommendation.Confidence; got != want {
		t.Errorf("confidence = %v, want %v", got, want)
	}
	// Same lead, one question unknown: two thirds of that.
	r = e.Advise(rules.Answers{"load": "high", "team": 3}, Options{})
	want = math.Round((1-math.Exp(-2))*2/3*100) / 100
	if got := r.Recommendation.Confidence; got != want {
		t.Errorf("confidence with an unknown = %v, want %v", got, want)
	}
	// Nothing else standing: the lead factor is 1.
	r = e.Advise(rules.Answers{"load": "low", "team": 3, "admin": true}, Options{})
	if r.Recommendation.Margin != -1 || r.Recommendation.Confidence != 1 {
		t.Errorf("forced choice: margin %v confidence %v, want -1 and 1", r.Recommendation.Margin, r.Recommendation.Confidence)
	}
}

func TestWhyNot(t *testing.T) {
	e := engine(t)
	r := e.Advise(rules.Answers{"load": "high", "admin": true}, Options{})
	var async Alternative
	for _, alt := range r.Alternatives {
		if alt.Category == "async" {
			async = alt
		}
	}
	if !async.Eliminated || len(async.EliminatedBy) != 1 || async.EliminatedBy[0].Rule != "admin" {
		t.Fatalf("async alternative = %+v, want eliminated by admin", async)
	}
	if !strings.Contains(async.WhyNot, "ruled out by admin") {
		t.Errorf("why_not = %q", async.WhyNot)
	}
	r = e.Advise(rules.Answers{"load": "high", "team": 150}, Options{})
	for _, alt := range r.Alternatives {
		if alt.Category == "async" {
			if alt.ScoreGap != 3 || !reflect.DeepEqual(alt.PulledDownBy, []string{"huge-team"}) {
				t.Errorf("async alternative = %+v, want gap 3 pulled down by huge-team", alt)
			}
		}
		if alt.Category == "mix" && !strings.Contains(alt.WhyNot, "at least 3 each") {
			t.Errorf("mix why_not = %q", alt.WhyNot)
		}
	}
}

func TestCounterfactuals(t *testing.T) {
	e := engine(t)
	r := e.Advise(rules.Answers{"load": "high", "team": 3}, Options{})
	got := map[string]string{}
	for _, cf := range r.Counterfactuals {
		b, _ := json.Marshal(cf.Changes)
		got[string(b)] = cf.Category
	}
	want := map[string]string{
		`{"team":15}`:    "mix",  // the smallest team that crosses the threshold
		`{"admin":true}`: "full", // knock-out of async
	}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("counterfactual %s → %q, want %q (all: %v)", k, got[k], v, got)
		}
	}
	for _, cf := range r.Counterfactuals {
		if _, ok := cf.Changes["admin"]; ok && !reflect.DeepEqual(cf.Settles, []string{"admin"}) {
			t.Errorf("admin was unknown: settles = %v", cf.Settles)
		}
	}
	if !r.Recommendation.CloseCall {
		t.Error("an unknown answer can flip it: want a close call")
	}
}

func TestDeterministic(t *testing.T) {
	e := engine(t)
	a := rules.Answers{"load": "high", "team": 20, "admin": false}
	first, _ := json.Marshal(e.Advise(a, Options{Explain: true}))
	for i := 0; i < 20; i++ {
		again, _ := json.Marshal(New(e.KB()).Advise(a.Clone(), Options{Explain: true}))
		if string(again) != string(first) {
			t.Fatalf("run %d differs:\n%s\n%s", i, first, again)
		}
	}
}

func TestTrace(t *testing.T) {
	e := engine(t)
	r := e.Advise(rules.Answers{"load": "high"}, Options{Explain: true})
	if len(r.Trace) != 4 {
		t.Fatalf("trace has %d rules, want 4", len(r.Trace))
	}
	if tr := r.Trace[1]; tr.Rule != "big-team" || tr.Result != "unknown" || tr.Fired || tr.Tests[0].Answer != nil {
		t.Errorf("big-team trace = %+v", tr)
	}
	if tr := r.Trace[0]; !tr.Fired || tr.Tests[0].Result != "true" {
		t.Errorf("high-load trace = %+v", tr)
	}
}

func TestNotes(t *testing.T) {
	e := engine(t)
	if r := e.Advise(rules.Answers{"team": 20, "load": "low"}, Options{}); len(r.Notes) != 1 || r.Notes[0].ID != "c1" {
		t.Errorf("notes for full = %+v", r.Notes)
	}
	if r := e.Advise(rules.Answers{"load": "high"}, Options{}); len(r.Notes) != 0 {
		t.Errorf("notes for async = %+v", r.Notes)
	}
}
