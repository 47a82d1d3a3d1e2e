package report

import (
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/apiadvisor/apiadvisor/advisor"
	"github.com/apiadvisor/apiadvisor/rules"
	"github.com/apiadvisor/apiadvisor/scan"
	"github.com/charmbracelet/x/ansi"
)

// Advice is the advisor's result for one set of answers, ready to print.
// Its JSON is the result itself; the knowledge base is what text and
// markdown need to name things.
type Advice struct {
	*advisor.Result
	// Evidence backs the answers inferred from the project (advise --from).
	Evidence []scan.Evidence `json:"evidence,omitempty"`
	// Components are the advice for each service of a repository that
	// holds several, and SystemSummary what they add up to.
	Components    []ComponentAdvice `json:"components,omitempty"`
	SystemSummary string            `json:"system_summary,omitempty"`
	KB            *rules.KB         `json:"-"`
}

// ComponentAdvice is the advice for one service of a system.
type ComponentAdvice struct {
	Name   string          `json:"name"`
	Dir    string          `json:"dir,omitempty"`
	Result *advisor.Result `json:"result"`
	// Evidence backs the component's inferred answers; text only.
	Evidence []scan.Evidence `json:"-"`
}

// How much the default text shows; --explain shows everything.
const (
	briefFor      = 3
	briefAgainst  = 2
	briefGuidance = 3
	briefChanges  = 3
	briefPlan     = 3
)

// writeText leads with the answer and fits one screen: the
// recommendation, the strongest reasons for and against, the runner-up,
// what to do next, what would change it, warnings and what is unknown.
// With Explain it shows everything, with rules, sources and the trace.
func (a Advice) writeText(w *textWriter) {
	if len(a.Components) > 0 {
		a.writeSystem(w)
		return
	}
	a.writeHeadline(w)
	a.writeTeam(w)
	a.writeReasons(w)
	a.writeBars(w)
	if w.o.Explain {
		a.writeRunnerUp(w)
	}
	a.writePlan(w)
	a.writeGuidance(w)
	a.writeChanges(w)
	a.writeWarnings(w)
	a.writeInferred(w)
	a.writeUnknown(w)
	if w.o.Explain {
		a.writeNotes(w)
		if len(a.Trace) > 0 {
			a.writeTrace(w)
		}
		w.blank()
		w.line(w.st.faint.Render("knowledge base " + Clean(a.KBVersion)))
		return
	}
	w.blank()
	w.para("", w.st.faint, "Run with --explain for every reason with its rule and source, the scores, the notes on the source article and the rule trace.")
}

// writeSystem prints the advice for each component of a system, after
// the sentence that sums them up.
func (a Advice) writeSystem(w *textWriter) {
	w.line(w.st.title.Render(fmt.Sprintf("Advice for %d components", len(a.Components))))
	w.para("  ", w.st.plain, a.SystemSummary)
	for _, c := range a.Components {
		w.blank()
		title := "── " + c.Name
		if c.Dir != "" && c.Dir != "." {
			title += " (" + c.Dir + ")"
		}
		w.line(w.st.heading.Render(Clean(title) + " ──"))
		Advice{Result: c.Result, Evidence: c.Evidence, KB: a.KB}.writeText(w)
	}
}

// teamRows are the team's answers side by side: a row a question someone
// answered, its key then each member's answer, none where a member gave
// none.
func teamRows(kb *rules.KB, t *advisor.Team, none string) [][]string {
	var rows [][]string
	for _, q := range kb.Questions {
		row, answered := []string{q.Key}, false
		for _, m := range t.Members {
			cell := none
			if v, ok := m.Answers[q.Key]; ok {
				cell, answered = rules.Format(v), true
			}
			row = append(row, cell)
		}
		if answered {
			rows = append(rows, row)
		}
	}
	return rows
}

// writeTeam shows a team's answers side by side, then each disagreement
// and whether it changes the recommendation.
func (a Advice) writeTeam(w *textWriter) {
	t := a.Team
	if t == nil {
		return
	}
	names := t.Names()
	w.section("Team: " + strings.Join(names, ", "))
	if rows := teamRows(a.KB, t, "-"); len(rows) > 0 {
		w.table(append([]string{"question"}, names...), rows)
	}
	var matter, quiet []string
	for _, d := range t.Disagreements {
		if d.Changes {
			matter = append(matter, d.Question+": "+d.OutcomeText(names))
		} else {
			quiet = append(quiet, d.Question)
		}
	}
	if len(matter) > 0 {
		w.blank()
		w.line(w.st.warn.Render("Disagreements that change the recommendation"))
		for _, m := range matter {
			w.item("  • ", "    ", w.st.plain, m)
		}
	}
	if len(quiet) > 0 {
		w.blank()
		w.para("", w.st.plain, "Disagreements that do not change it: "+strings.Join(quiet, ", ")+".")
	}
	if len(t.Disagreements) == 0 {
		w.blank()
		w.para("", w.st.plain, "The team agrees on every question answered.")
	}
}

// inferredAnswer is an answer read from the project and what showed it.
type inferredAnswer struct {
	key, value string
	evidence   []scan.Evidence // at least one
}

// inferred lists the answers read from the project, in question order,
// each with its evidence.
func (a Advice) inferred() []inferredAnswer {
	var out []inferredAnswer
	for _, q := range a.KB.Questions {
		if a.AnswersSource[q.Key] != "inferred" {
			continue
		}
		ia := inferredAnswer{key: q.Key, value: rules.Format(a.Answers[q.Key])}
		for _, ev := range a.Evidence {
			if ev.Question == q.Key {
				ia.evidence = append(ia.evidence, ev)
			}
		}
		if len(ia.evidence) > 0 {
			out = append(out, ia)
		}
	}
	return out
}

// writeInferred lists the answers read from the project with what
// showed each: the first piece of evidence, all of them with --explain.
func (a Advice) writeInferred(w *textWriter) {
	inferred := a.inferred()
	if len(inferred) == 0 {
		return
	}
	w.section("Inferred from the project")
	for _, ia := range inferred {
		first := ia.evidence[0]
		w.item("  • ", "      ", w.st.plain, fmt.Sprintf("%s = %s: %s — %s", ia.key, ia.value, Position(first.File, first.Line), first.Detail))
		if !w.o.Explain {
			continue
		}
		for _, ev := range ia.evidence[1:] {
			w.item("      ", "      ", w.st.plain, Position(ev.File, ev.Line)+" — "+ev.Detail)
		}
	}
}

func (a Advice) writeHeadline(w *textWriter) {
	st, rec := w.st, a.Recommendation
	if rec.Category == advisor.Undecided {
		w.line(st.title.Render("Undecided"))
		w.para("  ", st.plain, rec.Summary)
		return
	}
	w.line(st.title.Render("Recommendation: " + Clean(rec.Name)))
	detail := fmt.Sprintf("confidence %.2f", rec.Confidence)
	if len(rec.Frameworks) > 0 {
		detail = frameworkNames(a.KB, rec.Frameworks) + " · " + detail
	}
	w.para("  ", st.accent, detail)
	if rec.CloseCall {
		w.para("  ", st.warn, "Close call: "+rec.CloseCallWhy+".")
	}
	if w.o.Explain {
		w.para("  ", st.plain, rec.Summary)
		if rec.Source != "" {
			w.para("  ", st.faint, sourceLine(rec.Source, rec.AsOf))
		}
	}
}

func (a Advice) writeReasons(w *textWriter) {
	var pro, con []advisor.Reason
	for _, r := range a.Reasons {
		if r.Direction == advisor.For {
			pro = append(pro, r)
		} else {
			con = append(con, r)
		}
	}
	forTitle, againstTitle := "For", "Against"
	if a.Recommendation.Category == advisor.Undecided {
		forTitle, againstTitle = "For the leading kind", "Against it"
	}
	if len(pro) == 0 && len(con) == 0 {
		w.section("Why")
		w.para("  ", w.st.plain, "No rule fired: "+noSignal(a.Result))
		return
	}
	a.reasonList(w, forTitle, pro, briefFor)
	a.reasonList(w, againstTitle, con, briefAgainst)
}

func (a Advice) reasonList(w *textWriter, title string, rs []advisor.Reason, brief int) {
	shown := rs
	if !w.o.Explain {
		// The brief view leaves out rules that only rank frameworks within
		// a kind that lost: they are no argument for or against.
		shown = nil
		for _, r := range rs {
			if len(shown) < brief && a.weighsKinds(r.Effect) {
				shown = append(shown, r)
			}
		}
	}
	if len(shown) == 0 {
		return
	}
	w.section(title)
	for _, r := range shown {
		if !w.o.Explain {
			w.itemBrief("  • ", "    ", w.st.plain, rules.FirstSentence(r.Text)+basisLabel(r.Basis), 1)
			continue
		}
		w.item("  • ", "    ", w.st.plain, r.Text+basisLabel(r.Basis))
		w.para("    ", w.st.faint, r.Rule+": "+EffectString(r.Effect))
		w.para("    ", w.st.faint, sourceLine(r.Source, r.AsOf))
	}
}

// weighsKinds reports whether an effect weighs or rules out a kind of
// framework, or a framework of the recommended kind, rather than only
// ranking frameworks within another kind.
func (a Advice) weighsKinds(e rules.Effect) bool {
	if len(e.Eliminate) > 0 {
		return true
	}
	for id := range e.Weights {
		if a.KB.Category(id) != nil {
			return true
		}
		if f := a.KB.Framework(id); f != nil && f.Category == a.Recommendation.Category {
			return true
		}
	}
	return false
}

// basisLabel marks a reason that is not a documented fact, in every
// output: opinions and rules of thumb weigh less and say so.
func basisLabel(basis string) string {
	switch basis {
	case rules.BasisOpinion:
		return " (the article's opinion)"
	case rules.BasisRuleOfThumb:
		return " (a rule of thumb)"
	}
	return ""
}

// writeRunnerUp says, with --explain, why each other kind lost; the
// brief view names the runner-up under the score bars instead.
func (a Advice) writeRunnerUp(w *textWriter) {
	if len(a.Alternatives) == 0 {
		return
	}
	w.section("Why not the others")
	for _, alt := range a.Alternatives {
		w.labelled("  • ", "    ", alt.Name+":", w.st.accent, alt.WhyNot)
	}
}

// writePlan lists the ways from the framework the project runs on to the
// recommended kind, least disruptive first: titles by default, what each
// buys and costs with --explain.
func (a Advice) writePlan(w *textWriter) {
	if len(a.Plan) == 0 {
		return
	}
	from := rules.Format(a.Answers["existing_stack"])
	if q := a.KB.Question("existing_stack"); q != nil {
		from = q.ChoiceLabel(from)
	}
	w.section("Switch or coexist: from " + from + ", least disruptive first")
	for i, p := range a.Plan {
		if i == briefPlan && !w.o.Explain {
			break
		}
		num := fmt.Sprintf("  %d. ", i+1)
		w.item(num, "     ", w.st.plain, p.Title)
		if w.o.Explain {
			w.labelled("     ", "     ", "Buys:", w.st.accent, p.Buys)
			w.labelled("     ", "     ", "Costs:", w.st.warn, p.Costs)
			w.para("     ", w.st.faint, sourceLine(p.Source, p.AsOf))
		}
	}
}

func (a Advice) writeGuidance(w *textWriter) {
	if len(a.Guidance) == 0 {
		return
	}
	w.section("What to know before you start")
	if w.o.Explain {
		for _, g := range a.Guidance {
			w.item("  • ", "    ", w.st.heading, g.Title)
			w.para("    ", w.st.plain, g.Text)
			w.para("    ", w.st.faint, sourceLine(g.Source, g.AsOf))
		}
		return
	}
	shown := a.Guidance[:min(briefGuidance, len(a.Guidance))]
	for _, g := range shown {
		w.itemBrief("  • ", "    ", w.st.plain, g.Title, 1)
	}
}

func (a Advice) writeChanges(w *textWriter) {
	if len(a.Counterfactuals) == 0 && !a.SearchCut {
		return
	}
	w.section(a.changesTitle())
	shown := a.Counterfactuals
	if !w.o.Explain {
		shown = shown[:min(briefChanges, len(shown))]
	}
	for _, cf := range shown {
		w.item("  • ", "    ", w.st.plain, capitalise(cf.Text))
	}
	if a.SearchCut {
		w.para("  ", w.st.faint, searchCutNote)
	}
}

// searchCutNote says the list of what would change the advice may be
// incomplete.
const searchCutNote = "The search was cut short by its work budget; there may be more."

// changesTitle heads what would change the advice, or decide it.
func (a Advice) changesTitle() string {
	if a.Recommendation.Category == advisor.Undecided {
		return "What would decide it"
	}
	return "What would change it"
}

func (a Advice) writeWarnings(w *textWriter) {
	if len(a.Warnings) == 0 {
		return
	}
	w.section("Warnings")
	for _, x := range a.Warnings {
		if w.o.Explain {
			w.item("  ! ", "    ", w.st.warn, x.Text)
		} else {
			w.itemBrief("  ! ", "    ", w.st.warn, rules.FirstSentence(x.Text), 2)
		}
	}
}

func (a Advice) writeUnknown(w *textWriter) {
	if len(a.Unknown) == 0 {
		return
	}
	w.section("Unknown")
	them := "them"
	if len(a.Unknown) == 1 {
		them = "it"
	}
	w.para("  ", w.st.plain, strings.Join(a.Unknown, ", ")+" — answer "+them+" to firm up the advice.")
}

func (a Advice) writeNotes(w *textWriter) {
	if len(a.Notes) == 0 {
		return
	}
	w.section("Where the source article is dated")
	for _, n := range a.Notes {
		w.item("  • ", "    ", w.st.faint, "Claim: "+n.Claim)
		w.para("    ", w.st.plain, n.Truth)
		w.para("    ", w.st.faint, sourceLine(n.Source, n.AsOf))
	}
}

// writeBars draws the category scores as a bar chart, one line each,
// because bars compare faster than numbers: the recommended kind in the
// accent colour, kinds ruled out faint. Bars fit the width.
func (a Advice) writeBars(w *textWriter) {
	if len(a.Scores) == 0 {
		return
	}
	w.section("Scores")
	nameW, top := 0, 0.0
	for _, s := range a.Scores {
		nameW = max(nameW, ansi.StringWidth(s.Category))
		top = max(top, s.Score)
	}
	barMax := min(30, w.width()-nameW-4-len(" 000.00 (ruled out)"))
	for _, s := range a.Scores {
		n := 0
		if top > 0 && s.Score > 0 {
			n = max(1, int(s.Score/top*float64(barMax)+0.5))
		}
		style := w.st.plain
		switch {
		case s.Category == a.Recommendation.Category:
			style = w.st.title
		case s.Eliminated:
			style = w.st.faint
		}
		value := fmt.Sprintf("%g", s.Score)
		if s.Eliminated {
			value += " (ruled out)"
		}
		pad := strings.Repeat(" ", nameW-ansi.StringWidth(s.Category))
		bar := strings.Repeat("█", max(n, 0))
		line := "  " + Clean(s.Category) + pad + "  " + style.Render(bar)
		if n > 0 {
			line += " "
		}
		w.line(line + value)
	}
	if len(a.Alternatives) > 0 && a.Recommendation.Category != advisor.Undecided && !w.o.Explain {
		alt := a.Alternatives[0]
		w.itemBrief("  ", "    ", w.st.plain, "Runner-up: "+alt.Name+" — "+alt.WhyNot, 2)
	}
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
