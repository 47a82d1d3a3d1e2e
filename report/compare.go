package report

import (
	"fmt"
	"strings"

	"github.com/apiadvisor/apiadvisor/advisor"
	"github.com/apiadvisor/apiadvisor/rules"
)

// Comparison is what `compare` prints: two frameworks side by side, or
// the category error when a side is an API style. Its JSON is the
// comparison itself.
type Comparison struct {
	*advisor.Comparison
	// KB names categories in text.
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
		if len(c.Implementers) > 0 {
			w.section("Built with")
			for _, im := range c.Implementers {
				w.labelled("  • ", "    ", im.Name+":", st.accent, im.Text)
				w.para("    ", st.faint, "source: "+im.Source)
			}
		}
		if len(c.Recommendable) > 0 {
			w.section("Frameworks the advisor can recommend")
			for _, f := range c.Recommendable {
				w.labelled("  • ", "    ", f.Name, st.plain, st.faint.Render("("+Clean(f.Category)+")"))
			}
		}
		w.blank()
		w.line(`Run "apiadvisor advise" to choose a kind of framework.`)
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

// writeMarkdown puts the two frameworks in a table, one row per
// capability and then per fact, so differences read across.
func (c Comparison) writeMarkdown(b *strings.Builder, _ Options) {
	if c.CategoryError {
		fmt.Fprintf(b, "# Not a like-for-like comparison\n\n%s\n", md(c.Explanation))
		for _, s := range c.Styles {
			fmt.Fprintf(b, "\n## %s\n\n", md(s.Name))
			for _, fact := range s.Facts {
				fmt.Fprintf(b, "* %s (%s)\n", md(fact.Text), mdSource(fact.Source))
			}
		}
		if len(c.Implementers) > 0 {
			b.WriteString("\n## Built with\n\n")
			for _, im := range c.Implementers {
				fmt.Fprintf(b, "* %s: %s (%s)\n", md(im.Name), md(im.Text), mdSource(im.Source))
			}
		}
		if len(c.Recommendable) > 0 {
			b.WriteString("\n## Frameworks the advisor can recommend\n\n")
			for _, f := range c.Recommendable {
				fmt.Fprintf(b, "* %s (%s)\n", md(f.Name), md(f.Category))
			}
		}
		return
	}
	l, r := c.Frameworks[0], c.Frameworks[1]
	fmt.Fprintf(b, "# %s vs %s\n\n| | %s | %s |\n| --- | --- | --- |\n", md(l.Name), md(r.Name), md(l.Name), md(r.Name))
	fmt.Fprintf(b, "| Category | %s | %s |\n", md(CategoryLabel(*l)), md(CategoryLabel(*r)))
	if l.Version != nil || r.Version != nil {
		fmt.Fprintf(b, "| Version | %s | %s |\n", mdVersion(l.Version), mdVersion(r.Version))
	}
	for _, key := range rules.CapabilityKeys {
		lc, lok := l.Capabilities[key]
		rc, rok := r.Capabilities[key]
		if lok || rok {
			fmt.Fprintf(b, "| %s | %s | %s |\n", md(CapabilityName(key)), mdCapability(lc, lok), mdCapability(rc, rok))
		}
	}
	for i := 0; i < max(len(l.Facts), len(r.Facts)); i++ {
		fmt.Fprintf(b, "| Fact %d | %s | %s |\n", i+1, mdFact(l.Facts, i), mdFact(r.Facts, i))
	}
	fmt.Fprintf(b, "\nKnowledge base %s.\n", md(c.KBVersion))
}

func mdFact(facts []rules.Fact, i int) string {
	if i >= len(facts) {
		return "—"
	}
	return md(facts[i].Text) + " (" + mdSource(facts[i].Source) + ")"
}

func mdCapability(c rules.Capability, ok bool) string {
	if !ok {
		return "—"
	}
	return md(c.Value) + ": " + md(c.Text) + " (" + mdSource(c.Source) + ")"
}

func mdVersion(v *rules.Version) string {
	if v == nil {
		return "—"
	}
	return md(v.Number) + " (as of " + md(string(v.AsOf)) + ")"
}
