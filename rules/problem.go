package rules

import (
	"fmt"
	"strings"

	"go.yaml.in/yaml/v3"
)

// Severity says whether a problem stops a knowledge base from loading.
type Severity string

// Severities.
const (
	SevError   Severity = "error"
	SevWarning Severity = "warning"
)

// Problem is one finding of the validator, positioned in its file and
// naming the item (rule, question, framework …) it concerns.
type Problem struct {
	File     string   `json:"file"`
	Line     int      `json:"line"`
	ID       string   `json:"id,omitempty"`
	Severity Severity `json:"severity"`
	Message  string   `json:"message"`
}

// String renders the problem as `file:line: rule "id": message`.
func (p Problem) String() string {
	var b strings.Builder
	b.WriteString(p.File)
	if p.Line > 0 {
		fmt.Fprintf(&b, ":%d", p.Line)
	}
	b.WriteString(": ")
	if p.Severity == SevWarning {
		b.WriteString("warning: ")
	}
	if p.ID != "" {
		fmt.Fprintf(&b, "%s: ", p.ID)
	}
	b.WriteString(p.Message)
	return b.String()
}

// ValidationError carries every problem found in a knowledge base. Its
// Error shows the first one and a count, so a one-line error stays one
// line; `rules validate` prints them all.
type ValidationError struct {
	Problems []Problem
}

// Error implements error.
func (e *ValidationError) Error() string {
	errs := e.Errors()
	if len(errs) == 0 {
		return "invalid knowledge base"
	}
	msg := errs[0].String()
	if len(errs) > 1 {
		msg += fmt.Sprintf(" (and %d more; run \"apiadvisor rules validate %s\")", len(errs)-1, errs[0].File)
	}
	return msg
}

// Errors returns the problems of error severity.
func (e *ValidationError) Errors() []Problem {
	var out []Problem
	for _, p := range e.Problems {
		if p.Severity == SevError {
			out = append(out, p)
		}
	}
	return out
}

// posError is an error tied to a YAML node, turned into a Problem by the
// loader once it knows the file and item.
type posError struct {
	line int
	msg  string
}

func (e *posError) Error() string { return fmt.Sprintf("line %d: %s", e.line, e.msg) }

func posErrorf(n *yaml.Node, format string, args ...any) error {
	return &posError{line: n.Line, msg: fmt.Sprintf(format, args...)}
}
