package report

import (
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/apiadvisor/apiadvisor/advisor"
	"github.com/apiadvisor/apiadvisor/rules"
)

// Advice is the advisor's result for one set of answers, ready to print.
// Its JSON is the result itself; the knowledge base is what text and
// markdown need to name things.
type Advice struct {
	*advisor.Result
	KB *rules.KB `json:"-"`
}

// writeText renders the human report: verdict first, then why, what lost,
// what would change it, and what is still unknown.
func (a Advice) writeText(w *textWriter) {
	res, st := a.Result, w.st
	rec := res.Recommendation
	if rec.Category == "" {
		w.line(st.title.Render("No recommendation"))
		w.para("  ", st.plain, rec.Summary)
	} else {
		w.labelled("", "  ", "Recommendation: "+rec.Name, st.title,
			fmt.Sprintf("(%s, confidence %.2f)", rec.Category, rec.Confidence))
		w.para("  ", st.plain, rec.Summary)
	}
	if rec.CloseCall {
		w.para("  ", st.warn, "Close call: "+rec.CloseCallWhy+".")
	}

	w.section("Why")
	if len(res.Reasons) == 0 {
		w.para("  ", st.plain, "No rule fired: "+noSignal(res))
	}
	for _, r := range res.Reasons {
		w.item("  • ", "    ", st.plain, r.Text)
		w.para("    ", st.faint, r.Rule+": "+EffectString(r.Effect))
		w.para("    ", st.faint, "source: "+r.Source)
	}

	if len(res.Alternatives) > 0 {
		w.section("Why not")
		for _, alt := range res.Alternatives {
			w.labelled("  • ", "    ", alt.Name+":", st.accent, alt.WhyNot)
		}
	}

	if len(res.Counterfactuals) > 0 {
		w.section("What would change it")
		for _, cf := range res.Counterfactuals {
			w.item("  • ", "    ", st.plain, capitalise(cf.Text))
		}
	}

	if len(res.Unknown) > 0 {
		w.section("Unknown")
		them := "these"
		if len(res.Unknown) == 1 {
			them = "it"
		}
		w.para("  ", st.plain, strings.Join(res.Unknown, ", ")+" — answer "+them+" to firm up the advice.")
	}

	if len(res.Notes) > 0 {
		w.section("Where the source article is dated")
		for _, n := range res.Notes {
			w.item("  • ", "    ", st.faint, "Claim: "+n.Claim)
			w.para("    ", st.plain, n.Truth)
			w.para("    ", st.faint, "source: "+n.Source)
		}
	}

	if len(res.Trace) > 0 {
		a.writeTrace(w)
	}

	w.section("Scores")
	var parts []string
	for _, s := range res.Scores {
		p := fmt.Sprintf("%s %g", s.Category, s.Score)
		if s.Eliminated {
			p += " (ruled out)"
		}
		parts = append(parts, p)
	}
	w.para("  ", st.plain, strings.Join(parts, " · "))
	w.blank()
	w.line(st.faint.Render("knowledge base " + Clean(res.KBVersion)))
}

func (a Advice) writeTrace(w *textWriter) {
	st := w.st
	w.section("Trace (every rule)")
	for _, t := range a.Trace {
		mark := st.faint.Render("·")
		if t.Fired {
			mark = st.ok.Render("✓")
		}
		w.item("  "+mark+" ", "      ", st.plain, t.Rule+"  "+t.When+" → "+t.Result)
		for _, tt := range t.Tests {
			ans := "unknown"
			if tt.Answer != nil {
				ans = rules.Format(tt.Answer)
			}
			w.para("      ", st.plain, fmt.Sprintf("%s  (answer: %s) → %s", tt.Test, ans, tt.Result))
		}
		if t.Fired {
			w.para("      ", st.plain, "effect: "+EffectString(t.Effect))
		}
	}
}

func noSignal(res *advisor.Result) string {
	if len(res.Unknown) > 0 {
		return "too few answers to decide."
	}
	return "none of the rules applies to these answers."
}

// EffectString renders an effect compactly and in a stable order:
// "+3 lightweight-async, -1 batteries-included; eliminates hybrid".
func EffectString(e rules.Effect) string {
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
