package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/apiadvisor/apiadvisor/advisor"
	"github.com/apiadvisor/apiadvisor/rules"
	"github.com/santhosh-tekuri/jsonschema/v6"
	"go.yaml.in/yaml/v3"
)

func compile(t *testing.T, path string) *jsonschema.Schema {
	t.Helper()
	s, err := jsonschema.NewCompiler().Compile(path)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// TestResultsMatchSchema validates the result of every shipped scenario,
// with and without --explain, against schema/result.schema.json.
func TestResultsMatchSchema(t *testing.T) {
	schema := compile(t, "schema/result.schema.json")
	kb, err := rules.Default()
	if err != nil {
		t.Fatal(err)
	}
	e := advisor.New(kb)
	files, _ := filepath.Glob("testdata/scenarios/*.yaml")
	n := 0
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		list, err := rules.LoadScenarios(bytes.NewReader(data), f)
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range list {
			for _, explain := range []bool{false, true} {
				raw, err := json.Marshal(e.Advise(s.Answers, advisor.Options{Explain: explain}))
				if err != nil {
					t.Fatal(err)
				}
				doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(raw))
				if err != nil {
					t.Fatal(err)
				}
				if err := schema.Validate(doc); err != nil {
					t.Errorf("%s (explain %v): %v", s.Name, explain, err)
				}
				n++
			}
		}
	}
	if n < 40 {
		t.Fatalf("validated only %d results", n)
	}
}

// datesAsWritten turns the timestamps YAML reads from unquoted dates
// (as_of: 2026-12-01) back into the strings the loader keeps.
func datesAsWritten(v any) any {
	switch x := v.(type) {
	case time.Time:
		return x.Format(time.DateOnly)
	case map[string]any:
		for k, e := range x {
			x[k] = datesAsWritten(e)
		}
	case []any:
		for i, e := range x {
			x[i] = datesAsWritten(e)
		}
	}
	return v
}

// TestRulesFilesMatchSchema validates the built-in knowledge base and the
// docs example against schema/rules.schema.json, and checks the schema
// rejects what the loader rejects.
func TestRulesFilesMatchSchema(t *testing.T) {
	schema := compile(t, "schema/rules.schema.json")
	validate := func(src []byte) error {
		var v any
		if err := yaml.Unmarshal(src, &v); err != nil {
			t.Fatal(err)
		}
		raw, err := json.Marshal(datesAsWritten(v))
		if err != nil {
			t.Fatal(err)
		}
		doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(raw))
		if err != nil {
			t.Fatal(err)
		}
		return schema.Validate(doc)
	}
	for _, path := range []string{"rules/default.yaml", "docs/examples/team-rules.yaml"} {
		src, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if err := validate(src); err != nil {
			t.Errorf("%s: %v", path, err)
		}
	}
	bad := map[string]string{
		"unknown key":     "version: x\nrulez: []\n",
		"bad rule id":     "version: x\nrules: [{id: Bad_Id, when: {a: 1}, effect: {weights: {x: 1}}, reason: r, source: https://e.org}]\n",
		"missing source":  "version: x\nrules: [{id: r, when: {a: 1}, effect: {weights: {x: 1}}, reason: r}]\n",
		"bad source":      "version: x\nrules: [{id: r, when: {a: 1}, effect: {weights: {x: 1}}, reason: r, source: trust me}]\n",
		"unknown op":      "version: x\nrules: [{id: r, when: {a: {around: 1}}, effect: {weights: {x: 1}}, reason: r, source: https://e.org}]\n",
		"no version":      "rules: []\n",
		"bad extends":     "version: x\nextends: everything\n",
		"bad question ty": "version: x\nquestions: [{key: a, prompt: p, type: number}]\n",
	}
	for name, src := range bad {
		if err := validate([]byte(src)); err == nil {
			t.Errorf("%s: schema accepted %q", name, strings.TrimSpace(src))
		}
	}
}
