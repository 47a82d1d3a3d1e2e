package rules

import (
	"bytes"
	"errors"
	"fmt"
	"io"

	"go.yaml.in/yaml/v3"
)

// parseOne parses data as exactly one YAML document. yaml.Unmarshal reads
// the first document and ignores what follows — a second document after
// "---", or data after a JSON object — so that part of a file would be
// silently dropped; here it is an error with its line. Empty data is an
// empty document (Kind 0).
func parseOne(data []byte) (yaml.Node, error) {
	var doc yaml.Node
	dec := yaml.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(&doc); err != nil {
		if errors.Is(err, io.EOF) {
			return yaml.Node{}, nil
		}
		return doc, err
	}
	var next yaml.Node
	switch err := dec.Decode(&next); {
	case errors.Is(err, io.EOF):
		return doc, nil
	case err == nil:
		return doc, &posError{line: next.Line, msg: "a second YAML document: a file holds one"}
	default:
		// yaml.v3 does not always say where the stray data is; it
		// starts no earlier than the end of the document before it.
		line := yamlErrLine(err)
		if line == 0 {
			line = lastLine(&doc)
		}
		return doc, &posError{line: line, msg: "data after the end of the document"}
	}
}

// lastLine is the line of the last node in the tree under n.
func lastLine(n *yaml.Node) int {
	line := n.Line
	for _, c := range n.Content {
		line = max(line, lastLine(c))
	}
	return line
}

// syntaxError splits an error from parseOne into a line (0 when unknown)
// and a message without the position.
func syntaxError(err error) (int, string) {
	var pe *posError
	if errors.As(err, &pe) {
		return pe.line, pe.msg
	}
	return yamlErrLine(err), yamlErrMsg(err)
}

// at names a position in a file for an error message: "name:line", or
// just "name" when the line is unknown, so that no message reads ":0:".
func at(name string, line int) string {
	if line <= 0 {
		return name
	}
	return fmt.Sprintf("%s:%d", name, line)
}

// duplicateKeys appends to dups every key that repeats an earlier key of
// the same mapping, anywhere in the tree under n, in document order: a
// repeated key would otherwise be read as the last one given and the
// others dropped.
// DuplicateKey returns the first key of a YAML or JSON document that
// repeats an earlier key of its mapping, and its line; "" when there is
// none, or the document does not parse (its decoder reports that). Go's
// decoders keep the last of such keys and drop the others without a word.
func DuplicateKey(data []byte) (string, int) {
	doc, err := parseOne(data)
	if err != nil || len(doc.Content) == 0 {
		return "", 0
	}
	if dups := duplicateKeys(doc.Content[0], nil); len(dups) > 0 {
		return dups[0].Value, dups[0].Line
	}
	return "", 0
}

func duplicateKeys(n *yaml.Node, dups []*yaml.Node) []*yaml.Node {
	if n.Kind == yaml.MappingNode {
		seen := make(map[string]bool, len(n.Content)/2)
		for i := 0; i+1 < len(n.Content); i += 2 {
			k := n.Content[i]
			if k.Kind != yaml.ScalarNode {
				continue // not a key any format accepts; reported as such
			}
			if seen[k.Value] {
				dups = append(dups, k)
			}
			seen[k.Value] = true
		}
	}
	for _, c := range n.Content {
		dups = duplicateKeys(c, dups)
	}
	return dups
}
