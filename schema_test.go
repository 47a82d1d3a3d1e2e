package main

import (
	"bytes"
	"encoding/json"
	"fmt"
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
	s, err := compileSchema(path)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// compileSchema compiles one of the published schemas with every schema
// beside it loaded under its $id, so that references between them
// (result → scan evidence) resolve offline.
func compileSchema(path string) (*jsonschema.Schema, error) {
	c := jsonschema.NewCompiler()
	files, err := filepath.Glob(filepath.Join(filepath.Dir(path), "*.schema.json"))
	if err != nil {
		return nil, err
	}
	for _, f := range files {
		r, err := os.Open(f)
		if err != nil {
			return nil, err
		}
		doc, err := jsonschema.UnmarshalJSON(r)
		r.Close()
		if err != nil {
			return nil, fmt.Errorf("%s: %w", f, err)
		}
		id, _ := doc.(map[string]any)["$id"].(string)
		if id == "" {
			return nil, fmt.Errorf("%s has no $id", f)
		}
		if err := c.AddResource(id, doc); err != nil {
			return nil, err
		}
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, err
	}
	return c.Compile(abs)
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
