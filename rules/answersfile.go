package rules

import (
	"bytes"
	"fmt"
	"strings"

	"go.yaml.in/yaml/v3"
)

// ParseAnswers reads an answers file — a YAML (or JSON) mapping of
// question keys to answers — and checks every answer against kb. A null
// answer means unknown. Each answer is read from its text exactly as the
// question's flag reads it, so a file cannot say what the command line
// refuses (0x10 or 1_000 for a team size) nor refuse what it accepts
// (yes for a yes/no question). Errors name the file, the line, the key
// and what is accepted.
func ParseAnswers(data []byte, name string, kb *KB) (Answers, error) {
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
	answers := Answers{}
	if len(doc.Content) == 0 {
		return answers, nil
	}
	root := doc.Content[0]
	if n := findAlias(root); n != nil {
		return nil, fmt.Errorf("%s: anchors and aliases are not allowed", at(name, n.Line))
	}
	if root.Kind != yaml.MappingNode {
		return nil, fmt.Errorf("%s: want a mapping of question keys to answers", at(name, root.Line))
	}
	for i := 0; i+1 < len(root.Content); i += 2 {
		k, v := root.Content[i], root.Content[i+1]
		q := kb.Question(k.Value)
		if q == nil {
			return nil, fmt.Errorf("%s: unknown question %q: want one of %s", at(name, k.Line), k.Value, strings.Join(kb.QuestionKeys(), ", "))
		}
		if _, dup := answers[k.Value]; dup {
			return nil, fmt.Errorf("%s: %q answered twice", at(name, k.Line), k.Value)
		}
		if v.Kind == yaml.ScalarNode && v.Tag == "!!null" {
			continue
		}
		var val any
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
