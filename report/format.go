package report

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strings"

	"go.yaml.in/yaml/v3"
)

// Format is an output format.
type Format string

// The output formats. JSON and YAML serialise any document; text,
// markdown and HTML are written by the documents that have them.
const (
	Text     Format = "text"
	JSON     Format = "json"
	YAML     Format = "yaml"
	Markdown Format = "markdown"
	HTML     Format = "html"
)

// Formats lists every format, in the order help shows them. Adding a
// format is one entry here, one renderer interface below, and its case
// in supports and Render.
var Formats = []Format{Text, JSON, YAML, Markdown, HTML}

// Options say how a document is laid out for a reader.
type Options struct {
	// Width is where text wraps, in terminal columns.
	Width int
	// Color styles text output with ANSI colours.
	Color bool
	// Explain shows everything behind advice: every reason with its rule
	// and source, the scores and the rule trace.
	Explain bool
	// Date is the day a decision record is dated (YYYY-MM-DD).
	Date string
	// Record says how advice written as markdown is laid out as a
	// decision record.
	Record RecordOptions
}

// DefaultWidth is the width of output that goes to a file or a pipe, and
// of markdown prose.
const DefaultWidth = 80

// minWidth keeps wrapping sane on absurdly narrow terminals: below it a
// word per line helps no one.
const minWidth = 20

// textDoc is a document with a text form.
type textDoc interface {
	writeText(w *textWriter)
}

// markdownDoc is a document with a markdown form.
type markdownDoc interface {
	writeMarkdown(w *strings.Builder, o Options)
}

// FormatsFor lists the formats doc can be written in: JSON and YAML for
// every document, and text, markdown and HTML for those that have them.
func FormatsFor(doc any) []Format {
	var out []Format
	for _, f := range Formats {
		if supports(doc, f) {
			out = append(out, f)
		}
	}
	return out
}

func supports(doc any, f Format) bool {
	switch f {
	case Text:
		_, ok := doc.(textDoc)
		return ok
	case Markdown:
		_, ok := doc.(markdownDoc)
		return ok
	case HTML:
		_, ok := doc.(htmlDoc)
		return ok
	}
	return slices.Contains(Formats, f)
}

// Render writes doc to w in format f.
func Render(w io.Writer, f Format, doc any, o Options) error {
	if o.Width <= 0 {
		o.Width = DefaultWidth
	}
	switch f {
	case JSON:
		return writeJSON(w, doc)
	case YAML:
		return writeYAML(w, doc)
	case Text:
		if d, ok := doc.(textDoc); ok {
			tw := newTextWriter(o)
			d.writeText(tw)
			_, err := io.WriteString(w, tw.String())
			return err
		}
	case HTML:
		if d, ok := doc.(htmlDoc); ok {
			var b strings.Builder
			if err := d.writeHTML(&b, o); err != nil {
				return err
			}
			_, err := io.WriteString(w, b.String()+"\n")
			return err
		}
	case Markdown:
		if d, ok := doc.(markdownDoc); ok {
			var b strings.Builder
			d.writeMarkdown(&b, o)
			_, err := io.WriteString(w, wrapMarkdown(b.String(), DefaultWidth))
			return err
		}
	}
	return fmt.Errorf("%T cannot be written as %s", doc, f)
}

// writeJSON writes v as indented JSON, with <, > and & as they are: the
// output is read by people and scripts, never embedded in HTML.
func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}

// writeYAML writes the same document as writeJSON, field for field and in
// the same order: the JSON is read back as a YAML node tree (JSON is
// YAML) and re-emitted in block style, so the two can never disagree.
func writeYAML(w io.Writer, v any) error {
	var buf bytes.Buffer
	if err := writeJSON(&buf, v); err != nil {
		return err
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(buf.Bytes(), &doc); err != nil {
		return err
	}
	unflow(&doc)
	enc := yaml.NewEncoder(w)
	enc.SetIndent(2)
	if err := enc.Encode(&doc); err != nil {
		return err
	}
	return enc.Close()
}

// unflow lays out a node tree read from flow (JSON, or YAML encoded in
// flow) as blocks, letting the encoder choose each scalar's style again,
// except that a string of several lines is double-quoted: in a block,
// yaml.v3 writes one that starts with a space as a literal whose
// indentation indicator it gets wrong, and cannot read back what it wrote.
func unflow(n *yaml.Node) {
	n.Style = 0
	if n.Kind == yaml.ScalarNode && strings.ContainsAny(n.Value, "\n\r") {
		n.Style = yaml.DoubleQuotedStyle
	}
	for _, c := range n.Content {
		unflow(c)
	}
}
