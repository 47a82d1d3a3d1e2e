package report

import (
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/apiadvisor/apiadvisor/rules"
	"github.com/apiadvisor/apiadvisor/scan"
)

// Scan is what `scan` prints: the answers inferred from a project, each
// with the evidence for it. Its JSON is the scan result itself.
type Scan struct {
	*scan.Result
	KB *rules.KB `json:"-"`
}

func (s Scan) writeText(w *textWriter) {
	st := w.st
	w.line(st.title.Render("Scanned " + Clean(s.Dir)))
	if s.Note != "" {
		w.para("  ", st.plain, s.Note)
	}
	if len(s.Answers) > 0 {
		w.section("Inferred")
		writeInferred(w, s.KB, s.Answers, s.Evidence, "  ")
	}
	for _, c := range s.Components {
		w.section(fmt.Sprintf("Component %s (%s)", c.Name, c.Dir))
		if len(c.Answers) == 0 {
			w.para("  ", st.faint, "Nothing inferred.")
		}
		writeInferred(w, s.KB, c.Answers, c.Evidence, "  ")
	}
	if len(s.Unknown) > 0 {
		w.section("Not inferred")
		w.para("  ", st.plain, strings.Join(s.Unknown, ", ")+" — no file in the project says.")
	}
	if len(s.Warnings) > 0 {
		w.section("Warnings")
		for _, x := range s.Warnings {
			w.item("  ! ", "    ", st.warn, Position(x.File, x.Line)+": "+x.Message)
		}
	}
}

// writeInferred lists each inferred answer, in question order, with its
// evidence: "orm: true" then "pyproject.toml:14 — depends on django".
func writeInferred(w *textWriter, kb *rules.KB, answers map[string]any, evidence []scan.Evidence, indent string) {
	for _, key := range answerOrder(kb, answers) {
		w.labelled(indent, indent+"  ", key+":", w.st.accent, rules.Format(answers[key]))
		for _, ev := range evidence {
			if ev.Question != key {
				continue
			}
			text := Position(ev.File, ev.Line) + " — " + ev.Detail
			if ev.Strength == scan.Weak {
				text += " (weak evidence)"
			}
			w.item(indent+"  ", indent+"    ", w.st.faint, text)
		}
	}
}

// answerOrder lists answer keys in the knowledge base's question order,
// then any it does not ask, sorted.
func answerOrder(kb *rules.KB, answers map[string]any) []string {
	var out []string
	if kb != nil {
		for _, q := range kb.Questions {
			if _, ok := answers[q.Key]; ok {
				out = append(out, q.Key)
			}
		}
	}
	for _, k := range slices.Sorted(maps.Keys(answers)) {
		if kb == nil || kb.Question(k) == nil {
			out = append(out, k)
		}
	}
	return out
}

// Position is "file:line", or the file alone when the line is unknown.
func Position(file string, line int) string {
	if line > 0 {
		return fmt.Sprintf("%s:%d", file, line)
	}
	return file
}
