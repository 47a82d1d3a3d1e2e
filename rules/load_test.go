package rules

import (
	"errors"
	"os"
	"reflect"
	"strings"
	"testing"
)

// minimal is a small valid knowledge base, which the advisor's tests use
// too; broken cases edit it.
var minimal = func() string {
	b, err := os.ReadFile("testdata/minimal.yaml")
	if err != nil {
		panic(err)
	}
	return string(b)
}()

func TestLoadMinimal(t *testing.T) {
	kb, err := Load(strings.NewReader(minimal), "t.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if kb.Version != "t1" || len(kb.Rules) != 3 || kb.Rule("big-team") == nil || kb.Question("admin") == nil {
		t.Fatalf("unexpected KB: %+v", kb)
	}
	if got := kb.Rule("big-team").Line; got != 45 {
		t.Errorf("big-team line = %d, want 45", got)
	}
}

func TestDefaultIsValid(t *testing.T) {
	kb, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	_, problems := Validate(DefaultSource(), DefaultFile)
	for _, p := range problems {
		t.Errorf("default knowledge base: %s", p)
	}
	if kb.Version == "" {
		t.Error("default knowledge base has no version")
	}
}

func TestLoadBroken(t *testing.T) {
	tests := []struct {
		name, old, new, want string
	}{
		{"syntax", "version: \"t1\"", "version: [", "t.yaml:2:"},
		{"unknown top-level key", "version: \"t1\"", "version: \"t1\"\nvesion: 2", `unknown key "vesion"`},
		{"unknown rule key", "    reason: Busy.", "    reason: Busy.\n    weight: 3", `rule "busy": unknown key "weight"`},
		{"unknown effect key", "effect: {weights: {fast: 2}}", "effect: {weight: {fast: 2}}", `rule "busy": unknown key "weight"`},
		{"unknown question in condition", "when: {concurrency: high}", "when: {concurency: high}", `rule "busy": condition reads unknown question "concurency"`},
		{"value outside choices", "when: {concurrency: high}", "when: {concurrency: hgih}", `rule "busy": value "hgih" for "concurrency": want low or high`},
		{"choice value of two lines", "{value: low, label: Low}", "{value: \" low\\n\", label: Low}", `choice value " low\n" must be one line without spaces at either end`},
		{"int out of range", "{team_size: {gte: 15}}", "{team_size: {gte: 1500}}", `value "1500" for "team_size": want an integer from 1 to 100`},
		{"numeric op on choice", "when: {concurrency: high}", "when: {concurrency: {gte: 2}}", `operator "gte" needs an int question`},
		{"bool as string", "when: {admin: true}", "when: {admin: \"yes\"}", `value "yes" for "admin": want true or false`},
		{"unknown operator", "{team_size: {gte: 15}}", "{team_size: {gte: 15, around: 3}}", `unknown operator "around"`},
		{"duplicate rule id", "  - id: big-team", "  - id: busy", `rule "busy": duplicate rule id`},
		{"missing rule source", "    source: https://fastapi.tiangolo.com/async/\n", "", `rule "busy": missing source`},
		{"bad source", "source: https://fastapi.tiangolo.com/async/", "source: trust me", `source "trust me" must be an https URL`},
		{"missing reason", "    reason: Busy.\n", "", `rule "busy": missing reason`},
		{"missing fact source", `{text: ASGI., source: "https://fastapi.tiangolo.com/"}`, `{text: ASGI.}`, `framework "fastapi": missing source`},
		{"weight for unknown target", "weights: {fast: 2}", "weights: {quick: 2}", `weight for unknown category or framework "quick"`},
		{"eliminate unknown", "eliminate: [fast]", "eliminate: [quick]", `eliminates unknown category or framework "quick"`},
		{"empty effect", "effect: {weights: {fast: 2}}", "effect: {}", "effect needs weights or eliminate"},
		{"empty condition", "when: {concurrency: high}", "when: {}", "condition is empty"},
		{"rule id not kebab", "  - id: busy", "  - id: Busy_Rule", "id must be kebab-case"},
		{"question key not snake", "  - key: team_size", "  - key: TeamSize", "key must be snake_case"},
		{"reserved key", "  - key: team_size", "  - key: any", "reserved"},
		{"unknown question type", "    type: bool", "    type: boolean", `unknown type "boolean"`},
		{"framework unknown category", "    category: fast", "    category: quick", `unknown category "quick"`},
		{"alias", "when: {concurrency: high}", "when: &a {concurrency: high}", "anchors and aliases are not allowed"},
		{"missing version", "version: \"t1\"", "", "missing version"},
		{"type mismatch", "    min: 1", "    min: one", `question "team_size"`},
		{"empty list", "when: {concurrency: high}", "when: {concurrency: []}", "empty list"},
		{"deep nesting", "when: {concurrency: high}", "when: " + strings.Repeat("{not: ", 20) + "{concurrency: high}" + strings.Repeat("}", 20), "nested deeper than"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if !strings.Contains(minimal, tt.old) {
				t.Fatalf("test setup: %q not in minimal", tt.old)
			}
			src := strings.Replace(minimal, tt.old, tt.new, 1)
			_, err := Load(strings.NewReader(src), "t.yaml")
			var verr *ValidationError
			if !errors.As(err, &verr) {
				t.Fatalf("Load: got %v, want a ValidationError", err)
			}
			var all []string
			for _, p := range verr.Problems {
				all = append(all, p.String())
				if p.Line == 0 && tt.name != "missing version" {
					t.Errorf("problem without a line: %s", p)
				}
			}
			if !strings.Contains(strings.Join(all, "\n"), tt.want) {
				t.Errorf("problems:\n%s\nwant one containing %q", strings.Join(all, "\n"), tt.want)
			}
			if strings.Contains(err.Error(), "\n") {
				t.Errorf("Error() is not one line: %q", err)
			}
		})
	}
}

func TestLoadTooLarge(t *testing.T) {
	big := strings.Repeat("# padding\n", MaxFileSize/10+1)
	_, err := Load(strings.NewReader(minimal+big), "big.yaml")
	if err == nil || !strings.Contains(err.Error(), "larger than") {
		t.Fatalf("got %v, want a size error", err)
	}
}

func TestExtendsDefault(t *testing.T) {
	src := `version: "team.1"
extends: default
rules:
  - id: already-run-django
    when: {architecture: monolith}
    effect: {weights: {batteries-included: 1}}
    reason: We already run Django in production.
    source: https://docs.djangoproject.com/en/stable/
`
	def, _ := Default()
	before := len(def.Rules)
	kb, err := Load(strings.NewReader(src), "team.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if len(kb.Rules) != len(def.Rules)+1 || kb.Rule("already-run-django") == nil {
		t.Fatalf("merge: got %d rules, want %d", len(kb.Rules), len(def.Rules)+1)
	}
	if want := def.Version + "+team.1"; kb.Version != want {
		t.Errorf("version = %q, want %q", kb.Version, want)
	}
	if d, _ := Default(); len(d.Rules) != before {
		t.Error("merge changed the shared default knowledge base")
	}
}

// TestGeneratedDefaultIsFresh fails when default.yaml changed and
// `go generate ./rules` was not run: the compiled form must be exactly the
// parsed YAML.
func TestGeneratedDefaultIsFresh(t *testing.T) {
	parsed, err := parse(defaultYAML, DefaultFile)
	if err != nil {
		t.Fatal(err)
	}
	compiled := compiledDefault()
	compiled.index()
	if !reflect.DeepEqual(parsed, compiled) {
		t.Fatal("rules/default_gen.go is stale: run `go generate ./rules`")
	}
}

// TestDuplicateKeysEverywhere: a key given twice in any mapping — the top
// level, an item, a condition, an effect — is an error at its line, and
// every one is reported, where decoding would keep the last and drop the
// others.
func TestDuplicateKeysEverywhere(t *testing.T) {
	src := `version: a
version: b
questions:
  - {key: q, prompt: p, help: h, type: bool, type: int}
categories: []
rules:
  - id: r
    when: {any: [{q: true}], any: [{q: false}], not: {q: true}, not: {q: false}}
    effect: {weights: {a: 1, a: 2}}
`
	_, problems := Validate([]byte(src), "dup.yaml")
	var got []string
	for _, p := range problems {
		got = append(got, p.String())
	}
	want := []string{
		`dup.yaml:2: duplicate key "version"`,
		`dup.yaml:4: duplicate key "type"`,
		`dup.yaml:8: duplicate key "any"`,
		`dup.yaml:8: duplicate key "not"`,
		`dup.yaml:9: duplicate key "a"`,
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestOneDocument: whatever follows the document — a second one, or data
// after a JSON object — is an error, never dropped.
func TestOneDocument(t *testing.T) {
	for src, want := range map[string]string{
		minimal + "---\nversion: x\n": "a second YAML document",
		minimal + "...\n---\n":        "a second YAML document",
		`{"version": "x"} {}`:         "x.yaml:1: data after the end of the document",
		`{"version": "x"}` + "\n[]\n": "data after the end of the document",
	} {
		_, err := Load(strings.NewReader(src), "x.yaml")
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%.40q…: got %v, want %q", src[max(0, len(src)-40):], err, want)
		}
	}
	if _, err := Load(strings.NewReader(minimal+"...\n"), "x.yaml"); err != nil {
		t.Errorf("a document end marker alone: %v", err)
	}
}

// TestPlanInUseChecked: what a plan names as in use must be a yes-or-no
// question, with a name to list it by.
func TestPlanInUseChecked(t *testing.T) {
	for _, c := range []struct{ inUse, want string }{
		{"{key: concurrency, name: the load}", `in_use names question "concurrency", which is not a yes-or-no question`},
		{"{key: nope, name: nothing}", `in_use names unknown question "nope"`},
		{`{key: admin, name: " "}`, `in_use "admin" needs a name`},
	} {
		src := "version: t\nextends: default\nplans:\n  - id: p\n    title: T\n    from: [django]\n    to: [hybrid]\n" +
			"    disruption: 1\n    buys: B.\n    costs: C.\n    in_use: [" + c.inUse + "]\n" +
			"    source: https://docs.djangoproject.com/en/6.1/\n    as_of: 2026-12-01\n"
		_, err := Load(strings.NewReader(src), "t.yaml")
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("in_use %s: got %v, want an error containing %q", c.inUse, err, c.want)
		}
	}
}

// TestBlendInheritsGates: a blend without requires of its own needs what
// its sides need — one side's gate as it is, several all together.
func TestBlendInheritsGates(t *testing.T) {
	kb, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	hybrid, batteries := kb.CategoryIndex("hybrid"), kb.CategoryIndex("batteries-included")
	if kb.Categories[hybrid].Requires != nil {
		t.Fatal("test setup: the built-in hybrid has a requires of its own")
	}
	if g := kb.Gate(hybrid); g == nil || g != kb.Categories[batteries].Requires {
		t.Errorf("hybrid's gate is %v, want batteries-included's", g)
	}
	src := `version: t
questions:
  - {key: a, prompt: "A?", help: h, type: bool}
  - {key: b, prompt: "B?", help: h, type: bool}
categories:
  - {id: x, name: X, summary: X., source: "https://example.org/x", requires: {when: {a: true}, reason: Needs a., source: "https://example.org/x", as_of: 2026-11-02}}
  - {id: y, name: Y, summary: Y., source: "https://example.org/y", requires: {when: {b: true}, reason: Needs b., source: "https://example.org/y", as_of: 2026-11-01}}
  - {id: xy, name: XY, summary: XY., source: "https://example.org/xy", blend: {of: [x, y], min_each: 1, bonus: 0}}
frameworks: []
rules:
  - {id: r, when: {a: true}, effect: {weights: {x: 1}}, reason: R., source: "https://example.org/r"}
`
	kb, err = Load(strings.NewReader(src), "t.yaml")
	if err != nil {
		t.Fatal(err)
	}
	g := kb.Gate(kb.CategoryIndex("xy"))
	if g == nil {
		t.Fatal("xy has no gate")
	}
	for _, c := range []struct {
		a    Answers
		want Truth
	}{
		{Answers{"a": true, "b": true}, True},
		{Answers{"a": true, "b": false}, False},
		{Answers{"a": true}, Unknown},
	} {
		if got := g.When.Eval(c.a); got != c.want {
			t.Errorf("gate on %v = %v, want %v", c.a, got, c.want)
		}
	}
	if g.Reason != "Needs a. Needs b." || g.AsOf != "2026-11-01" {
		t.Errorf("gate reason %q as of %s, want both reasons as of the older date", g.Reason, g.AsOf)
	}
}

// TestProbeValuesReadGates: the answer-space searches try the integers
// around a threshold wherever it bears on the decision — in a category's
// gate or a contradiction as much as in a rule.
func TestProbeValuesReadGates(t *testing.T) {
	src := `version: t
questions:
  - {key: team, prompt: "Team?", help: h, type: int, min: 1, max: 100}
  - {key: load, prompt: "Load?", help: h, type: int, min: 1, max: 100}
  - {key: busy, prompt: "Busy?", help: h, type: bool}
categories:
  - {id: x, name: X, summary: X., source: "https://example.org/x", as_of: 2026-12-01}
  - {id: y, name: Y, summary: Y., source: "https://example.org/y", as_of: 2026-12-01, requires: {when: {team: {gte: 20}}, reason: Big teams., source: "https://example.org/y", as_of: 2026-12-01}}
frameworks: []
rules:
  - {id: r, when: {busy: true}, effect: {weights: {x: 1}}, reason: R., source: "https://example.org/r", as_of: 2026-12-01}
contradictions:
  - {id: c, when: {load: {gt: 50}, busy: false}, text: C., source: "https://example.org/c", as_of: 2026-12-01}
`
	kb, err := Load(strings.NewReader(src), "t.yaml")
	if err != nil {
		t.Fatal(err)
	}
	probes := kb.ProbeValues()
	for _, c := range []struct {
		q    int
		want []any
	}{
		{0, []any{1, 19, 20, 21, 100}},
		{1, []any{1, 49, 50, 51, 100}},
	} {
		if !reflect.DeepEqual(probes[c.q], c.want) {
			t.Errorf("probes for %s = %v, want %v", kb.Questions[c.q].Key, probes[c.q], c.want)
		}
	}
}
