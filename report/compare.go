package report

import (
	"fmt"
	"strings"

	"github.com/apiadvisor/apiadvisor/rules"
)

// Comparison is what `compare` prints: two frameworks, or the category
// error when a side is an API style.
type Comparison struct {
	KBVersion     string             `json:"kb_version"`
	CategoryError bool               `json:"category_error"`
	Explanation   string             `json:"explanation,omitempty"`
	Styles        []*rules.Style     `json:"styles,omitempty"`
	Frameworks    []*rules.Framework `json:"frameworks"`
	// Implementers are the frameworks that can be recommended, listed
	// when a side is a style: any of them implements it.
	Implementers []*rules.Framework `json:"implementers,omitempty"`
	// KB names categories in text and markdown.
	KB *rules.KB `json:"-"`
}

func (c Comparison) writeText(w *textWriter) {
	st := w.st
	if c.CategoryError {
		w.line(st.title.Render("Not a like-for-like comparison"))
		w.para("  ", st.plain, c.Explanation)
		for _, s := range c.Styles {
			w.section(s.Name)
			writeFacts(w, s.Facts)
		}
		w.section("Frameworks the advisor can recommend")
		for _, f := range c.Implementers {
			w.labelled("  • ", "    ", f.Name, st.plain, st.faint.Render("("+Clean(f.Category)+")"))
		}
		w.blank()
		w.line(`Run "apiadvisor advise" to choose between them.`)
		return
	}
	for i, f := range c.Frameworks {
		if i > 0 {
			w.blank()
		}
		w.labelled("", "  ", f.Name, st.title, st.faint.Render(Clean(CategoryLabel(*f)+" · "+f.URL)))
		if cat := c.KB.Category(f.Category); cat != nil {
			w.para("  ", st.plain, cat.Summary)
		}
		writeFacts(w, f.Facts)
	}
}

// writeMarkdown puts the two frameworks in a two-column table, one fact
// per row, so differences read across.
func (c Comparison) writeMarkdown(b *strings.Builder, _ Options) {
	if c.CategoryError {
		fmt.Fprintf(b, "# Not a like-for-like comparison\n\n%s\n", c.Explanation)
		for _, s := range c.Styles {
			fmt.Fprintf(b, "\n## %s\n\n", s.Name)
			for _, fact := range s.Facts {
				fmt.Fprintf(b, "* %s (%s)\n", fact.Text, mdSource(fact.Source))
			}
		}
		b.WriteString("\n## Frameworks the advisor can recommend\n\n")
		for _, f := range c.Implementers {
			fmt.Fprintf(b, "* %s (%s)\n", f.Name, f.Category)
		}
		return
	}
	l, r := c.Frameworks[0], c.Frameworks[1]
	fmt.Fprintf(b, "# %s vs %s\n\n| | %s | %s |\n| --- | --- | --- |\n", l.Name, r.Name, mdCell(l.Name), mdCell(r.Name))
	fmt.Fprintf(b, "| Category | %s | %s |\n", CategoryLabel(*l), CategoryLabel(*r))
	for i := 0; i < max(len(l.Facts), len(r.Facts)); i++ {
		fmt.Fprintf(b, "| Fact %d | %s | %s |\n", i+1, mdFact(l.Facts, i), mdFact(r.Facts, i))
	}
	fmt.Fprintf(b, "\nKnowledge base %s.\n", c.KBVersion)
}

func mdFact(facts []rules.Fact, i int) string {
	if i >= len(facts) {
		return "—"
	}
	return mdCell(facts[i].Text) + " (" + mdSource(facts[i].Source) + ")"
}
