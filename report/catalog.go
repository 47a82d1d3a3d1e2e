package report

import (
	"fmt"
	"strings"

	"github.com/apiadvisor/apiadvisor/rules"
)

// QuestionInfo is a question with how to answer it and what it feeds.
type QuestionInfo struct {
	rules.Question
	// Flag is how a script answers it: its own flag, or --answer.
	Flag     string   `json:"flag"`
	Accepted string   `json:"accepted"`
	Feeds    []string `json:"feeds"`
}

// QuestionList is what `questions` prints.
type QuestionList []QuestionInfo

func (l QuestionList) writeText(w *textWriter) {
	st := w.st
	for i, q := range l {
		if i > 0 {
			w.blank()
		}
		w.labelled("", "  ", q.Key, st.heading, st.faint.Render(Clean(q.Flag+" — "+q.Accepted)))
		w.para("  ", st.plain, q.Prompt)
		w.para("  ", st.plain, q.Help)
		if len(q.Feeds) > 0 {
			w.labelled("  ", "    ", "Feeds:", st.faint, strings.Join(q.Feeds, ", "))
		} else {
			w.para("  ", st.faint, "Feeds no rule.")
		}
	}
}

// RuleView is a rule as `rules list` and `rules show` print it: the
// condition as readable text and the questions it reads.
type RuleView struct {
	ID     string       `json:"id"`
	When   string       `json:"when"`
	Reads  []string     `json:"reads"`
	Effect rules.Effect `json:"effect"`
	Reason string       `json:"reason"`
	Source string       `json:"source"`
	Line   int          `json:"line"`
	// File is where the rule is defined; text output only.
	File string `json:"-"`
}

// ViewRule describes one rule of kb.
func ViewRule(kb *rules.KB, r *rules.Rule) RuleView {
	return RuleView{ID: r.ID, When: r.When.String(), Reads: r.When.Keys(), Effect: r.Effect,
		Reason: r.Reason, Source: r.Source, Line: r.Line, File: kb.File}
}

func (v RuleView) writeText(w *textWriter) {
	st := w.st
	w.line(st.title.Render(Clean(v.ID)))
	w.item("  when:   ", "          ", st.plain, v.When)
	w.item("  reads:  ", "          ", st.plain, strings.Join(v.Reads, ", "))
	w.item("  effect: ", "          ", st.plain, EffectString(v.Effect))
	w.item("  reason: ", "          ", st.plain, v.Reason)
	w.item("  source: ", "          ", st.plain, v.Source)
	w.para("  ", st.faint, fmt.Sprintf("defined at %s:%d", v.File, v.Line))
}

// RuleList is what `rules list` prints.
type RuleList []RuleView

func (l RuleList) writeText(w *textWriter) {
	rows := make([][]string, len(l))
	for i, r := range l {
		rows[i] = []string{r.ID, EffectString(r.Effect), r.Source}
	}
	w.table([]string{"id", "effect", "source"}, rows)
}

// FrameworkList is what `frameworks list` prints. Text leaves the home
// pages to `frameworks show`, so the table fits 80 columns; JSON has them.
type FrameworkList []rules.Framework

func (l FrameworkList) writeText(w *textWriter) {
	rows := make([][]string, len(l))
	for i, f := range l {
		rows[i] = []string{f.ID, f.Name, CategoryLabel(f)}
	}
	w.table([]string{"id", "name", "category"}, rows)
}

// FrameworkView is what `frameworks show` prints.
type FrameworkView struct {
	*rules.Framework
}

func (v FrameworkView) writeText(w *textWriter) {
	st := w.st
	f := v.Framework
	w.labelled("", "  ", f.Name, st.title, st.faint.Render(Clean(f.ID+" · "+CategoryLabel(*f)+" · "+f.URL)))
	if f.Version != nil {
		w.para("  ", st.plain, fmt.Sprintf("Version %s, the newest release confirmed as of %s", f.Version.Number, f.Version.AsOf))
		w.para("  ", st.faint, "source: "+f.Version.Source)
	}
	if len(f.Capabilities) > 0 {
		w.section("Capabilities")
		for _, key := range rules.CapabilityKeys {
			c, ok := f.Capabilities[key]
			if !ok {
				continue
			}
			w.labelled("  • ", "    ", CapabilityName(key)+": "+c.Value+".", st.accent, c.Text)
			w.para("    ", st.faint, sourceLine(c.Source, c.AsOf))
		}
	}
	if len(f.Facts) > 0 {
		w.section("Facts")
		writeFacts(w, f.Facts)
	}
}

func writeFacts(w *textWriter, facts []rules.Fact) {
	for _, fact := range facts {
		w.item("  • ", "    ", w.st.plain, fact.Text)
		w.para("    ", w.st.faint, sourceLine(fact.Source, fact.AsOf))
	}
}

// sourceLine names a claim's source and, when known, when it was checked.
func sourceLine(source string, asOf rules.Date) string {
	if asOf == "" {
		return "source: " + source
	}
	return "source, as of " + string(asOf) + ": " + source
}

// capabilityNames are the capability keys as a person reads them.
var capabilityNames = map[string]string{
	"orm": "ORM", "migrations": "Migrations", "admin": "Admin panel", "openapi_docs": "OpenAPI docs",
	"async": "Async", "websockets": "Websockets", "dependency_injection": "Dependency injection", "validation": "Validation",
}

// CapabilityName names a capability key for people.
func CapabilityName(key string) string {
	if n, ok := capabilityNames[key]; ok {
		return n
	}
	return key
}

// CategoryLabel names a framework's category, or says it is listed for
// reference only.
func CategoryLabel(f rules.Framework) string {
	if f.Category == "" {
		return "reference only"
	}
	return f.Category
}
