package advisor

import (
	"encoding/json"
	"fmt"
	"math"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/apiadvisor/apiadvisor/rules"
)

// testKB has two sides, a gated one and a blend that inherits its gate,
// so that every engine path is reachable with a handful of rules.
const testKB = `version: "test"
questions:
  - {key: load, prompt: "Load?", help: h, type: choice, allow_unknown: true, choices: [{value: low, label: Low}, {value: high, label: High}]}
  - {key: team, prompt: "Team?", help: h, type: int, min: 1, max: 1000, allow_unknown: true}
  - {key: admin, prompt: "Admin?", help: h, type: bool, allow_unknown: true}
  - {key: store, prompt: "Store?", help: h, type: bool, allow_unknown: true}
categories:
  - {id: async, name: Async, summary: Fast. Really., source: "https://example.org/a"}
  - id: full
    name: Full
    summary: Batteries.
    source: "https://example.org/f"
    requires: {when: {any: [{admin: true}, {store: true}]}, reason: Only for its batteries., source: "https://example.org/f", as_of: 2026-12-01}
  - id: mix
    name: Mix
    summary: Both.
    source: "https://example.org/m"
    blend: {of: [async, full], min_each: 3, bonus: -1}
frameworks:
  - {id: fa, name: FA, category: async, url: "https://example.org", facts: []}
  - {id: ls, name: LS, category: async, url: "https://example.org", facts: []}
  - {id: tiny, name: Tiny, category: async, niche: true, url: "https://example.org", facts: []}
  - {id: dj, name: DJ, category: full, url: "https://example.org", facts: []}
  - {id: ref, name: Ref, url: "https://example.org", facts: []}
corrections:
  - {id: c1, claim: Full is slow., truth: Not really., source: "https://example.org/c", applies_to: [full]}
rules:
  - {id: high-load, when: {load: high}, effect: {weights: {async: 4, ls: 0.5}}, reason: R1., source: "https://example.org/1"}
  - {id: big-team, when: {team: {gte: 15}}, effect: {weights: {full: 3}}, reason: R2., source: "https://example.org/2"}
  - {id: huge-team, when: {team: {gte: 100}}, effect: {weights: {full: 2, async: -2}}, reason: R3., source: "https://example.org/3"}
  - {id: admin, when: {admin: true}, effect: {eliminate: [async, mix], weights: {full: 1}}, reason: R4., source: "https://example.org/4"}
  - {id: keeps-data, when: {store: true}, effect: {weights: {full: 2}}, reason: R5., source: "https://example.org/5"}
  - {id: small-load, when: {load: low, admin: false}, effect: {weights: {tiny: 1}}, reason: R6., source: "rule of thumb"}
contradictions:
  - {id: admin-no-store, when: {admin: true, store: false}, text: An admin needs data., source: "https://example.org/6"}
guidance:
  - {id: g-async, title: For async, applies_to: [async], text: T1., source: "https://example.org/7", as_of: 2026-12-01}
  - {id: g-busy, title: When busy, when: {load: high}, text: T2., source: "https://example.org/8", as_of: 2026-12-01}
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
		fired      []string // for the recommendation first, strongest first
		eliminated []string
	}{
		{"nothing known", rules.Answers{}, Undecided, nil, nil, []string{"mix"}},
		{"high load", rules.Answers{"load": "high", "team": 3}, "async", []string{"ls", "fa"}, []string{"high-load"}, []string{"mix"}},
		{"big team without batteries is undecided", rules.Answers{"load": "low", "team": 20}, Undecided, nil, []string{"big-team"}, []string{"mix"}},
		{"big team keeping data", rules.Answers{"load": "low", "team": 20, "store": true}, "full", []string{"dj"}, []string{"big-team", "keeps-data"}, []string{"mix"}},
		{"both strong", rules.Answers{"load": "high", "team": 20, "store": true}, "mix", []string{}, []string{"high-load", "big-team", "keeps-data"}, nil},
		{"knock-out", rules.Answers{"load": "high", "admin": true, "store": true}, "full", []string{"dj"}, []string{"admin", "keeps-data", "high-load"}, []string{"mix", "async"}},
		{"negative weight", rules.Answers{"load": "high", "team": 150, "store": true}, "full", []string{"dj"}, []string{"huge-team", "big-team", "keeps-data", "high-load"}, []string{"mix"}},
		{"gate fails", rules.Answers{"team": 20, "admin": false, "store": false}, "async", []string{"fa", "ls"}, []string{"big-team"}, []string{"full", "mix"}},
		{"a niche framework is named when favoured", rules.Answers{"load": "low", "admin": false, "store": false}, "async", []string{"tiny", "fa", "ls"}, []string{"small-load"}, []string{"full", "mix"}},
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
			if c := r.Recommendation.Confidence; c < 0 || c > 1 || (tt.category == Undecided && c != 0) {
				t.Errorf("confidence %v outside [0,1] (or not 0 when undecided)", c)
			}
		})
	}
}

// TestUndecided: a tie, nothing fired, or a leader whose gate is unknown
// leave the advice undecided, with the answers that would decide it.
func TestUndecided(t *testing.T) {
	e := engine(t)
	for name, a := range map[string]rules.Answers{
		"nothing fired": {},
		"gate pending":  {"team": 20},
	} {
		rec := e.Advise(a, Options{}).Recommendation
		if rec.Category != Undecided || len(rec.Frameworks) != 0 || rec.Confidence != 0 {
			t.Errorf("%s: recommendation = %+v, want undecided with no frameworks and confidence 0", name, rec)
		}
		if len(rec.Deciding) == 0 {
			t.Errorf("%s: no deciding questions named", name)
		}
		if !strings.Contains(rec.Summary, "To decide, answer") {
			t.Errorf("%s: summary %q does not say what would decide it", name, rec.Summary)
		}
	}
	// load moves the scores most; store and admin open the gate.
	if d := e.Advise(rules.Answers{"team": 20}, Options{}).Recommendation.Deciding; !slices.Equal(d, []string{"load", "store", "admin"}) {
		t.Errorf("deciding = %v, want [load store admin]", d)
	}
}

// TestDirections: a fired rule is for the recommendation when it raised
// it (a blend's sides included) and against it when it raised a rival.
func TestDirections(t *testing.T) {
	e := engine(t)
	dirs := func(a rules.Answers) map[string]string {
		out := map[string]string{}
		for _, r := range e.Advise(a, Options{}).Reasons {
			out[r.Rule] = r.Direction
		}
		return out
	}
	if d := dirs(rules.Answers{"load": "high", "admin": true, "store": true}); d["high-load"] != Against || d["admin"] != For {
		t.Errorf("full wins: directions = %v, want high-load against and admin for", d)
	}
	if d := dirs(rules.Answers{"load": "high", "team": 20, "store": true}); d["high-load"] != For || d["big-team"] != For {
		t.Errorf("the blend wins: directions = %v, want both sides for", d)
	}
	r := e.Advise(rules.Answers{"load": "low", "admin": false, "store": false}, Options{})
	if r.Reasons[0].Basis != rules.BasisRuleOfThumb {
		t.Errorf("small-load basis = %q, want %q", r.Reasons[0].Basis, rules.BasisRuleOfThumb)
	}
}

func TestWarningsAndGuidance(t *testing.T) {
	e := engine(t)
	r := e.Advise(rules.Answers{"load": "high", "admin": true, "store": false}, Options{})
	if len(r.Warnings) != 1 || r.Warnings[0].ID != "admin-no-store" || !reflect.DeepEqual(r.Warnings[0].Questions, []string{"admin", "store"}) {
		t.Errorf("warnings = %+v", r.Warnings)
	}
	var ids []string
	for _, g := range r.Guidance {
		ids = append(ids, g.ID)
	}
	if !reflect.DeepEqual(ids, []string{"g-busy"}) {
		t.Errorf("guidance for full under load = %v, want [g-busy]", ids)
	}
	r = e.Advise(rules.Answers{"load": "high", "team": 3}, Options{})
	ids = nil
	for _, g := range r.Guidance {
		ids = append(ids, g.ID)
	}
	if !reflect.DeepEqual(ids, []string{"g-async", "g-busy"}) {
		t.Errorf("guidance for async under load = %v", ids)
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
	if !reflect.DeepEqual(r.Unknown, []string{"load", "team", "admin", "store"}) {
		t.Errorf("unknown = %v", r.Unknown)
	}
	if r.Recommendation.Confidence != 0 || !r.Recommendation.CloseCall {
		t.Errorf("no answers: confidence %v, close call %v; want 0 and true", r.Recommendation.Confidence, r.Recommendation.CloseCall)
	}
}

func TestConfidence(t *testing.T) {
	e := engine(t)
	lead := func(m float64) float64 { return 1 - math.Exp(-m/2) }
	round := func(f float64) float64 { return math.Round(f*100) / 100 }
	// Lead of 4 over a rival ruled out by its gate, everything answered.
	r := e.Advise(rules.Answers{"load": "high", "team": 3, "admin": false, "store": false}, Options{})
	if got, want := r.Recommendation.Confidence, round(lead(4)); got != want {
		t.Errorf("confidence = %v, want %v", got, want)
	}
	// Same lead, one question unknown that cannot flip it: three quarters.
	r = e.Advise(rules.Answers{"load": "high", "team": 3, "admin": false}, Options{})
	if got, want := r.Recommendation.Confidence, round(lead(4)*3/4); got != want {
		t.Errorf("confidence with an unknown = %v, want %v", got, want)
	}
	// One unknown answer that could flip it caps confidence at 0.5.
	r = e.Advise(rules.Answers{"load": "high", "team": 20, "store": true}, Options{})
	if got := r.Recommendation.Confidence; got > 0.5 || !r.Recommendation.CloseCall {
		t.Errorf("a flippable result: confidence %v, close call %v; want ≤ 0.5 and a close call", got, r.Recommendation.CloseCall)
	}
	// Nothing else standing: the knocked-out rival still counts, at its
	// score, and trails by at least 2.
	r = e.Advise(rules.Answers{"load": "low", "team": 3, "admin": true, "store": true}, Options{})
	if m, c := r.Recommendation.Margin, r.Recommendation.Confidence; m != 3 || c != round(lead(3)) {
		t.Errorf("forced choice: margin %v confidence %v, want 3 and %v", m, c, round(lead(3)))
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
	r = e.Advise(rules.Answers{"load": "high", "team": 150, "store": true}, Options{})
	for _, alt := range r.Alternatives {
		if alt.Category == "async" {
			if alt.ScoreGap != 5 || !reflect.DeepEqual(alt.PulledDownBy, []string{"huge-team"}) {
				t.Errorf("async alternative = %+v, want gap 5 pulled down by huge-team", alt)
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
	var got []string
	for _, cf := range r.Counterfactuals {
		b, _ := json.Marshal(cf.Changes)
		got = append(got, string(b)+" → "+cf.Category)
	}
	// Answering an unknown comes first, then changing an answer, then
	// pairs for outcomes no single change reaches.
	want := []string{
		`{"admin":true} → full`,
		`{"store":true,"team":15} → mix`,
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("counterfactuals = %q, want %q", got, want)
	}
	if cf := r.Counterfactuals[0]; !reflect.DeepEqual(cf.Settles, []string{"admin"}) {
		t.Errorf("admin was unknown: settles = %v", cf.Settles)
	}
	if !r.Recommendation.CloseCall {
		t.Error("an unknown answer can flip it: want a close call")
	}
	// A change that would contradict another answer is never offered.
	r = e.Advise(rules.Answers{"load": "high", "team": 3, "store": false}, Options{})
	for _, cf := range r.Counterfactuals {
		if cf.Changes["admin"] == true {
			t.Errorf("offered %q, which contradicts store: false", cf.Text)
		}
	}
}

// TestSearchBudget: on a knowledge base whose search would run for
// minutes, the counterfactual search stops at its budget and says so.
func TestSearchBudget(t *testing.T) {
	var b strings.Builder
	b.WriteString("version: \"big\"\nquestions:\n  - {key: n, prompt: p, help: h, type: int, min: 0, max: 100000, allow_unknown: true}\n")
	b.WriteString("  - {key: x, prompt: p, help: h, type: bool, allow_unknown: true}\n")
	b.WriteString("categories:\n  - {id: a, name: A, summary: S., source: \"https://e.org\"}\n  - {id: b, name: B, summary: S., source: \"https://e.org\"}\nrules:\n")
	for i := range 4000 {
		fmt.Fprintf(&b, "  - {id: r%d, when: {n: {gte: %d}}, effect: {weights: {a: 1}}, reason: r, source: \"https://e.org\"}\n", i, i*20)
	}
	b.WriteString("  - {id: bx, when: {x: true}, effect: {weights: {b: 100000}}, reason: r, source: \"https://e.org\"}\n")
	kb, err := rules.Load(strings.NewReader(b.String()), "big.yaml")
	if err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	r := New(kb).Advise(rules.Answers{"n": 50000}, Options{})
	if !r.SearchCut {
		t.Error("the search did not report being cut short")
	}
	if took := time.Since(start); took > 10*time.Second {
		t.Errorf("advice took %v", took)
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
	if len(r.Trace) != 6 {
		t.Fatalf("trace has %d rules, want 6", len(r.Trace))
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
	if r := e.Advise(rules.Answers{"team": 20, "load": "low", "store": true}, Options{}); len(r.Notes) != 1 || r.Notes[0].ID != "c1" {
		t.Errorf("notes for full = %+v", r.Notes)
	}
	if r := e.Advise(rules.Answers{"load": "high"}, Options{}); len(r.Notes) != 0 {
		t.Errorf("notes for async = %+v", r.Notes)
	}
}

// TestPlanNamesWhatIsInUse checks that a plan step's costs list the parts
// of the current stack its in_use names, and only those answered yes.
func TestPlanNamesWhatIsInUse(t *testing.T) {
	src := strings.Replace(testKB, "questions:\n",
		"questions:\n  - {key: existing_stack, prompt: \"Stack?\", help: h, type: choice, allow_unknown: true, choices: [{value: old, label: Old}, {value: none, label: None}]}\n", 1) + `plans:
  - id: rewrite
    title: Rewrite it
    from: [old]
    to: [async]
    disruption: 4
    buys: One stack.
    costs: Everything old goes.
    in_use: [{key: store, name: the data store}, {key: admin, name: the admin}]
    source: "https://example.org/p"
    as_of: 2026-12-01
`
	kb, err := rules.Load(strings.NewReader(src), "plan.yaml")
	if err != nil {
		t.Fatal(err)
	}
	e := New(kb)
	for _, c := range []struct {
		store bool
		costs string
	}{
		{true, "Everything old goes. In use here: the data store."},
		{false, "Everything old goes."},
	} {
		res := e.Advise(rules.Answers{"existing_stack": "old", "load": "high", "store": c.store, "admin": false}, Options{})
		if res.Recommendation.Category != "async" || len(res.Plan) != 1 {
			t.Fatalf("store=%v: got %s with plan %v, want async with one step", c.store, res.Recommendation.Category, res.Plan)
		}
		if got := res.Plan[0].Costs; got != c.costs {
			t.Errorf("store=%v: costs %q, want %q", c.store, got, c.costs)
		}
	}
}
