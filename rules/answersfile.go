package rules

import (
	"bytes"
	"fmt"
	"strings"

	"go.yaml.in/yaml/v3"
)

// AnswersFile is an answers file as written: one person's or one
// system's answers, with whose they are and, for a system of several
// services, each service's own.
type AnswersFile struct {
	// Name says whose answers these are (a team member); empty when the
	// file does not say.
	Name    string
	Answers Answers
	// Components describe a system's services by hand, in file order.
	Components []NamedAnswers
}

// NamedAnswers are the answers of one named component.
type NamedAnswers struct {
	Name    string
	Answers Answers
}

// Reserved keys of an answers file, beside the question keys.
const (
	answersNameKey       = "name"
	answersComponentsKey = "components"
)

// ParseAnswersFile reads an answers file — a YAML (or JSON) mapping of
// question keys to answers, with an optional `name:` (whose answers they
// are) and `components:` (a mapping of component names to their own
// answers) — and checks every answer against kb. A null answer means
// unknown. Each answer is read from its text exactly as the question's
// flag reads it, so a file cannot say what the command line refuses (0x10
// or 1_000 for a team size) nor refuse what it accepts (yes for a yes/no
// question). Errors name the file, the line, the key and what is accepted.
func ParseAnswersFile(data []byte, name string, kb *KB) (*AnswersFile, error) {
	if len(data) > MaxFileSize {
		return nil, fmt.Errorf("%s: file is larger than %d KiB", name, MaxFileSize>>10)
	}
	if bytes.IndexByte(data, 0) >= 0 {
		return nil, fmt.Errorf("%s: binary data, not YAML or JSON", name)
	}
	doc, err := parseOne(data)
	if err != nil {
		line, msg := syntaxError(err)
		return nil, fmt.Errorf("%s: %s", at(name, line), msg)
	}
	f := &AnswersFile{Answers: Answers{}}
	if len(doc.Content) == 0 {
		return f, nil
	}
	root := doc.Content[0]
	if n := findAlias(root); n != nil {
		return nil, fmt.Errorf("%s: anchors and aliases are not allowed", at(name, n.Line))
	}
	if root.Kind != yaml.MappingNode {
		return nil, fmt.Errorf("%s: want a mapping of question keys to answers", at(name, root.Line))
	}
	// A key given twice anywhere (name:, components:, an answer) would
	// otherwise be read as the last one.
	if dups := duplicateKeys(root, nil); len(dups) > 0 {
		return nil, fmt.Errorf("%s: duplicate key %q", at(name, dups[0].Line), dups[0].Value)
	}
	var rest []*yaml.Node
	for i := 0; i+1 < len(root.Content); i += 2 {
		k, v := root.Content[i], root.Content[i+1]
		switch k.Value {
		case answersNameKey:
			if v.Kind != yaml.ScalarNode || strings.TrimSpace(v.Value) == "" || strings.ContainsFunc(v.Value, IsControl) {
				return nil, fmt.Errorf("%s: %q must be a name, such as a person's, without control characters", at(name, v.Line), answersNameKey)
			}
			f.Name = strings.TrimSpace(v.Value)
		case answersComponentsKey:
			comps, err := parseComponents(v, name, kb)
			if err != nil {
				return nil, err
			}
			f.Components = comps
		default:
			rest = append(rest, k, v)
		}
	}
	answers, err := parseAnswerPairs(rest, name, kb)
	if err != nil {
		return nil, err
	}
	f.Answers = answers
	return f, nil
}

// parseComponents reads `components:`, a mapping of names to answers.
func parseComponents(n *yaml.Node, name string, kb *KB) ([]NamedAnswers, error) {
	if n.Kind != yaml.MappingNode {
		return nil, fmt.Errorf("%s: %q must map component names to their answers", at(name, n.Line), answersComponentsKey)
	}
	var out []NamedAnswers
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if strings.ContainsFunc(k.Value, IsControl) {
			return nil, fmt.Errorf("%s: component name %q has a control character", at(name, k.Line), k.Value)
		}
		if v.Kind != yaml.MappingNode {
			return nil, fmt.Errorf("%s: component %q: want a mapping of question keys to answers", at(name, v.Line), k.Value)
		}
		answers, err := parseAnswerPairs(v.Content, name, kb)
		if err != nil {
			return nil, err
		}
		out = append(out, NamedAnswers{Name: k.Value, Answers: answers})
	}
	return out, nil
}

// parseAnswerPairs reads key and value nodes, alternating, as answers.
func parseAnswerPairs(pairs []*yaml.Node, name string, kb *KB) (Answers, error) {
	answers := Answers{}
	for i := 0; i+1 < len(pairs); i += 2 {
		k, v := pairs[i], pairs[i+1]
		q := kb.Question(k.Value)
		if q == nil {
			return nil, fmt.Errorf("%s: unknown question %q: want one of %s", at(name, k.Line), k.Value, strings.Join(kb.QuestionKeys(), ", "))
		}
		if v.Kind == yaml.ScalarNode && v.Tag == "!!null" {
			continue
		}
		var val any
		var err error
		if readable(v, q) {
			val, err = q.Parse(v.Value)
		}
		if !readable(v, q) || err != nil {
			return nil, fmt.Errorf("%s: invalid value %q for %q: want %s", at(name, v.Line), v.Value, k.Value, q.Accepted())
		}
		answers[k.Value] = val
	}
	return answers, nil
}

// readable reports whether an answer's node can be read as q's flag
// reads text: a single value, and for a yes/no or integer question one
// written plainly — quoted ("4") it is a string, as in JSON.
func readable(v *yaml.Node, q *Question) bool {
	const text = yaml.DoubleQuotedStyle | yaml.SingleQuotedStyle | yaml.LiteralStyle | yaml.FoldedStyle
	return v.Kind == yaml.ScalarNode && (q.Type == TypeChoice || v.Style&text == 0)
}

// QuestionKeys lists the question keys in order, for messages and completion.
func (kb *KB) QuestionKeys() []string {
	keys := make([]string, len(kb.Questions))
	for i, q := range kb.Questions {
		keys[i] = q.Key
	}
	return keys
}

// MarshalAnswers writes answers as YAML in question order, with a header
// naming the knowledge base, so a saved file reads like the form did.
func MarshalAnswers(a Answers, kb *KB) []byte {
	var b bytes.Buffer
	fmt.Fprintf(&b, "# apiadvisor answers (knowledge base %s); unknown questions are left out\n", kb.Version)
	for _, q := range kb.Questions {
		v, ok := a[q.Key]
		if !ok {
			continue
		}
		out, _ := yaml.Marshal(map[string]any{q.Key: v})
		b.Write(out)
	}
	return b.Bytes()
}
