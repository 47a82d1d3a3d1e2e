package cmd

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"slices"
	"strings"

	"github.com/apiadvisor/apiadvisor/advisor"
	"github.com/apiadvisor/apiadvisor/rules"
	"github.com/charmbracelet/lipgloss"
	"go.yaml.in/yaml/v3"
)

// render writes the result to stdout in the chosen format.
func render(ios *IOStreams, format string, kb *rules.KB, res *advisor.Result) error {
	switch format {
	case "json":
		return writeJSON(ios.Out, res)
	case "yaml":
		return writeYAML(ios.Out, res)
	case "markdown":
		_, err := io.WriteString(ios.Out, markdownADR(kb, res, recordDate(ios)))
		return err
	}
	var b strings.Builder
	writeText(&b, newStyles(ios.Out, ios.ColorOut()), kb, res)
	_, err := io.WriteString(ios.Out, b.String())
	return err
}

// writeJSON writes v as indented JSON. A Result, the one document every
// scripted run prints, writes itself without reflection (see
// advisor.Result.AppendJSON); anything it cannot hold goes through
// encoding/json, which reports it.
func writeJSON(w io.Writer, v any) error {
	if res, ok := v.(*advisor.Result); ok {
		// 16 KB holds the advice on the built-in knowledge base without
		// regrowing the buffer; --explain grows it once or twice.
		if b, err := res.AppendJSON(make([]byte, 0, 16<<10)); err == nil {
			_, err = w.Write(b)
			return err
		}
	}
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
	raw := buf.Bytes()
	var doc yaml.Node
	if err := yaml.Unmarshal(raw, &doc); err != nil {
		return err
	}
	blockStyle(&doc)
	enc := yaml.NewEncoder(w)
	enc.SetIndent(2)
	if err := enc.Encode(&doc); err != nil {
		return err
	}
	return enc.Close()
}

func blockStyle(n *yaml.Node) {
	n.Style = 0
	for _, c := range n.Content {
		blockStyle(c)
	}
}

// textWidth is where text output wraps: a fixed width keeps the output
// identical on every terminal and in goldens.
const textWidth = 78

// writeText renders the human report: verdict first, then why, what lost,
// what would change it, and what is still unknown.
func writeText(w *strings.Builder, st *styles, kb *rules.KB, res *advisor.Result) {
	rec := res.Recommendation
	if rec.Category == "" {
		fmt.Fprintf(w, "%s\n  %s\n", st.title.Render("No recommendation"), rec.Summary)
	} else {
		fmt.Fprintf(w, "%s %s  %s\n", st.title.Render("Recommendation:"), st.title.Render(rec.Name),
			st.faint.Render(fmt.Sprintf("(%s, confidence %.2f)", rec.Category, rec.Confidence)))
		fmt.Fprintf(w, "  %s\n", wrap(rec.Summary, textWidth, "  "))
	}
	if rec.CloseCall {
		fmt.Fprintf(w, "  %s\n", renderLines(st.warn, wrap("Close call: "+rec.CloseCallWhy+".", textWidth, "  ")))
	}

	section(w, st, "Why")
	if len(res.Reasons) == 0 {
		fmt.Fprintf(w, "  No rule fired: %s\n", noSignal(res))
	}
	for _, r := range res.Reasons {
		fmt.Fprintf(w, "  • %s\n    %s\n", wrap(r.Text, textWidth-2, "    "), st.faint.Render(r.Rule+": "+effectString(r.Effect)))
		fmt.Fprintf(w, "    %s\n", st.faint.Render("source: "+r.Source))
	}

	if len(res.Alternatives) > 0 {
		section(w, st, "Why not")
		for _, alt := range res.Alternatives {
			// Wrap the plain line, then style the name at its start.
			line := wrap(alt.Name+": "+alt.WhyNot, textWidth-2, "    ")
			fmt.Fprintf(w, "  • %s%s\n", st.accent.Render(alt.Name), strings.TrimPrefix(line, alt.Name))
		}
	}

	if len(res.Counterfactuals) > 0 {
		section(w, st, "What would change it")
		for _, cf := range res.Counterfactuals {
			fmt.Fprintf(w, "  • %s\n", capitalise(cf.Text))
		}
	}

	if len(res.Unknown) > 0 {
		section(w, st, "Unknown")
		fmt.Fprintf(w, "  %s\n", wrap(strings.Join(res.Unknown, ", ")+" — answer these to firm up the advice.", textWidth, "  "))
	}

	if len(res.Notes) > 0 {
		section(w, st, "Where the source article is dated")
		for _, n := range res.Notes {
			fmt.Fprintf(w, "  • %s\n    %s\n", renderLines(st.faint, wrap("Claim: "+n.Claim, textWidth-2, "    ")), wrap(n.Truth, textWidth-2, "    "))
			fmt.Fprintf(w, "    %s\n", st.faint.Render("source: "+n.Source))
		}
	}

	if len(res.Trace) > 0 {
		writeTrace(w, st, res.Trace)
	}

	section(w, st, "Scores")
	var parts []string
	for _, s := range res.Scores {
		p := fmt.Sprintf("%s %g", s.Category, s.Score)
		if s.Eliminated {
			p += " (ruled out)"
		}
		parts = append(parts, p)
	}
	fmt.Fprintf(w, "  %s\n", strings.Join(parts, " · "))
	fmt.Fprintf(w, "\n%s\n", st.faint.Render("knowledge base "+res.KBVersion))
}

func writeTrace(w *strings.Builder, st *styles, trace []advisor.RuleTrace) {
	section(w, st, "Trace (every rule)")
	for _, t := range trace {
		mark := st.faint.Render("·")
		if t.Fired {
			mark = st.ok.Render("✓")
		}
		fmt.Fprintf(w, "  %s %s  %s → %s\n", mark, t.Rule, t.When, t.Result)
		for _, tt := range t.Tests {
			ans := "unknown"
			if tt.Answer != nil {
				ans = rules.Format(tt.Answer)
			}
			fmt.Fprintf(w, "      %s  (answer: %s) → %s\n", tt.Test, ans, tt.Result)
		}
		if t.Fired {
			fmt.Fprintf(w, "      effect: %s\n", effectString(t.Effect))
		}
	}
}

func section(w *strings.Builder, st *styles, title string) {
	fmt.Fprintf(w, "\n%s\n", st.heading.Render(title))
}

func noSignal(res *advisor.Result) string {
	if len(res.Unknown) > 0 {
		return "too few answers to decide."
	}
	return "none of the rules applies to these answers."
}

// effectString renders an effect compactly and in a stable order:
// "+3 lightweight-async, -1 batteries-included; eliminates hybrid".
func effectString(e rules.Effect) string {
	var parts []string
	for _, k := range slices.Sorted(maps.Keys(e.Weights)) {
		parts = append(parts, fmt.Sprintf("%+g %s", e.Weights[k], k))
	}
	s := strings.Join(parts, ", ")
	if len(e.Eliminate) > 0 {
		if s != "" {
			s += "; "
		}
		s += "eliminates " + strings.Join(e.Eliminate, ", ")
	}
	return s
}

func capitalise(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// renderLines styles each line on its own: lipgloss pads a multi-line
// block to its widest line, which would leave trailing spaces.
func renderLines(style lipgloss.Style, text string) string {
	lines := strings.Split(text, "\n")
	for i, l := range lines {
		lines[i] = style.Render(l)
	}
	return strings.Join(lines, "\n")
}
