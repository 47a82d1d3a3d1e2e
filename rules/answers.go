package rules

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
)

// Answers maps question keys to answers. A value is a string (choice),
// an int or a bool; a key that is absent is unknown.
type Answers map[string]any

// Clone returns a copy that can be changed without touching a.
func (a Answers) Clone() Answers {
	c := make(Answers, len(a)+1)
	for k, v := range a {
		c[k] = v
	}
	return c
}

// UnmarshalJSON reads answers as a saved result holds them, with whole
// numbers as ints, the type flags and answers files give them: a plain
// map would turn every number into a float64.
func (a *Answers) UnmarshalJSON(data []byte) error {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var raw map[string]any
	if err := dec.Decode(&raw); err != nil {
		return err
	}
	out := make(Answers, len(raw))
	for k, v := range raw {
		if n, ok := v.(json.Number); ok {
			i, err := strconv.Atoi(n.String())
			if err != nil {
				return fmt.Errorf("answer %q: %q is not a whole number", k, n.String())
			}
			v = i
		}
		out[k] = v
	}
	*a = out
	return nil
}

// Accepted describes the values a question accepts, for error messages:
// "low, medium or high", "true or false", "an integer from 1 to 10000".
func (q *Question) Accepted() string {
	switch q.Type {
	case TypeBool:
		return "true or false"
	case TypeInt:
		switch {
		case q.Min != nil && q.Max != nil:
			return fmt.Sprintf("an integer from %d to %d", *q.Min, *q.Max)
		case q.Min != nil:
			return fmt.Sprintf("an integer of at least %d", *q.Min)
		case q.Max != nil:
			return fmt.Sprintf("an integer of at most %d", *q.Max)
		}
		return "an integer"
	}
	return OrList(q.Values())
}

// OrList joins words as "a, b or c", the form every "want …" message uses.
func OrList(words []string) string { return joinList(words, "or") }

// AndList lists words the same way with "and": "a, b and c".
func AndList(words []string) string { return joinList(words, "and") }

// FirstSentence is the first sentence of a text from a rules file, with
// its line breaks and runs of spaces folded: the brief form of a reason
// or summary.
func FirstSentence(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if i := strings.Index(s, ". "); i >= 0 {
		return s[:i+1]
	}
	return s
}

func joinList(words []string, conj string) string {
	if len(words) < 2 {
		return strings.Join(words, "")
	}
	return strings.Join(words[:len(words)-1], ", ") + " " + conj + " " + words[len(words)-1]
}

// ChoiceLabel names a choice as the question labels it, without the
// explanation after a dash ("Django", not "Django — …"); the value
// itself when the choice has no label or is not one of q's.
func (q *Question) ChoiceLabel(value string) string {
	for _, c := range q.Choices {
		if c.Value == value && c.Label != "" {
			label, _, _ := strings.Cut(c.Label, " — ")
			return label
		}
	}
	return value
}

// Values lists a choice question's accepted values in display order.
func (q *Question) Values() []string {
	vals := make([]string, len(q.Choices))
	for i, c := range q.Choices {
		vals[i] = c.Value
	}
	return vals
}

// Parse reads an answer typed on a command line or in the form.
func (q *Question) Parse(s string) (any, error) {
	s = strings.TrimSpace(s)
	switch q.Type {
	case TypeBool:
		switch strings.ToLower(s) {
		case "true", "yes", "y", "1":
			return true, nil
		case "false", "no", "n", "0":
			return false, nil
		}
		return nil, fmt.Errorf("want %s", q.Accepted())
	case TypeInt:
		n, err := strconv.Atoi(s)
		if err != nil {
			return nil, fmt.Errorf("want %s", q.Accepted())
		}
		return n, q.Check(n)
	}
	return s, q.Check(s)
}

// Check reports whether v is an acceptable answer to q, with the same
// wording for every source of answers (flags, files, conditions).
func (q *Question) Check(v any) error {
	if q.accepts(v) {
		return nil
	}
	// Worded only when it fails: validating a large file checks values
	// by the hundred thousand.
	return fmt.Errorf("want %s", q.Accepted())
}

func (q *Question) accepts(v any) bool {
	switch q.Type {
	case TypeBool:
		_, ok := v.(bool)
		return ok
	case TypeInt:
		n, ok := v.(int)
		return ok && (q.Min == nil || n >= *q.Min) && (q.Max == nil || n <= *q.Max)
	case TypeChoice:
		s, ok := v.(string)
		if !ok {
			return false
		}
		if q.choiceSet != nil {
			return q.choiceSet[s]
		}
		for _, c := range q.Choices {
			if c.Value == s {
				return true
			}
		}
		return false
	}
	return true
}

// indexChoices puts the values of a question with more than a few
// choices in a set: a file may offer thousands and compare with them
// hundreds of thousands of times.
func (q *Question) indexChoices() {
	if q.Type != TypeChoice || len(q.Choices) <= 8 {
		return
	}
	q.choiceSet = make(map[string]bool, len(q.Choices))
	for _, c := range q.Choices {
		q.choiceSet[c.Value] = true
	}
}

// Format renders an answer the way it is typed on a command line.
func Format(v any) string {
	return fmt.Sprint(v)
}
