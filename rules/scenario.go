package rules

import (
	"bytes"
	"errors"
	"fmt"
	"io"

	"go.yaml.in/yaml/v3"
)

// Scenario is one case of a rules test file: answers and what the
// knowledge base must make of them, in the spirit of `opa test`.
type Scenario struct {
	Name string `yaml:"name" json:"name"`
	// Rationale is the one-line reason an expert gives for the expected
	// outcome; the built-in suite requires one.
	Rationale string  `yaml:"rationale,omitempty" json:"rationale,omitempty"`
	Answers   Answers `yaml:"answers" json:"answers"`
	Expect    Expect  `yaml:"expect" json:"expect"`
	File      string  `yaml:"-" json:"file"`
	Line      int     `yaml:"-" json:"line"`
}

// Expect is what a scenario checks. Empty fields are not checked.
type Expect struct {
	// Category is the recommended category's id, or "undecided".
	Category string   `yaml:"category" json:"category"`
	Fired    []string `yaml:"fired" json:"fired,omitempty"`
	NotFired []string `yaml:"not_fired" json:"not_fired,omitempty"`
	// Warnings and Guidance list ids that must be among the result's.
	Warnings []string `yaml:"warnings,omitempty" json:"warnings,omitempty"`
	Guidance []string `yaml:"guidance,omitempty" json:"guidance,omitempty"`
	// Frameworks lists framework ids the recommendation must name.
	Frameworks []string `yaml:"frameworks,omitempty" json:"frameworks,omitempty"`
	// Plan lists the plan options the result must hold, in order.
	Plan []string `yaml:"plan,omitempty" json:"plan,omitempty"`
}

// LoadScenarios reads a scenario file: a YAML list of scenarios.
func LoadScenarios(r io.Reader, name string) ([]Scenario, error) {
	data, err := io.ReadAll(io.LimitReader(r, MaxFileSize+1))
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", name, err)
	}
	if len(data) > MaxFileSize {
		return nil, fmt.Errorf("%s: file is larger than %d KiB", name, MaxFileSize>>10)
	}
	doc, err := parseOne(data)
	if err != nil {
		line, msg := syntaxError(err)
		return nil, fmt.Errorf("%s: %s", at(name, line), msg)
	}
	if len(doc.Content) == 0 || doc.Content[0].Kind != yaml.SequenceNode {
		return nil, fmt.Errorf("%s: want a list of scenarios", name)
	}
	if n := findAlias(doc.Content[0]); n != nil {
		return nil, fmt.Errorf("%s: anchors and aliases are not allowed", at(name, n.Line))
	}
	if dups := duplicateKeys(doc.Content[0], nil); len(dups) > 0 {
		return nil, fmt.Errorf("%s: duplicate key %q", at(name, dups[0].Line), dups[0].Value)
	}
	if n := len(doc.Content[0].Content); n > MaxItems {
		return nil, fmt.Errorf("%s: more than %d scenarios", name, MaxItems)
	}
	// Decoded a second time from the bytes, not from doc: yaml.v3's
	// Node.Decode has no KnownFields, and a mistyped key in a scenario
	// (expcet:) would otherwise pass as a scenario that checks nothing.
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	var list []Scenario
	if err := dec.Decode(&list); err != nil && !errors.Is(err, io.EOF) {
		return nil, fmt.Errorf("%s: %s", at(name, yamlErrLine(err)), yamlErrMsg(err))
	}
	for i := range list {
		list[i].File = name
		list[i].Line = doc.Content[0].Content[i].Line
		if list[i].Name == "" {
			list[i].Name = fmt.Sprintf("scenario #%d", i+1)
		}
		if list[i].Answers == nil {
			list[i].Answers = Answers{}
		}
	}
	return list, nil
}
