package report

import (
	"encoding/json"
	"fmt"
	"regexp"
	"strings"
	"sync"

	"github.com/apiadvisor/apiadvisor/advisor"
	"github.com/apiadvisor/apiadvisor/rules"
	"github.com/charmbracelet/x/ansi"
)

// writeMarkdown renders the advice as an Architecture Decision Record in
// MADR 4.0 form.
func (a Advice) writeMarkdown(b *strings.Builder, o Options) {
	kb, res, date := a.KB, a.Result, o.Date
	rec := res.Recommendation
	title := Title(a)
	fmt.Fprintf(b, "---\nstatus: proposed\ndate: %s\n", date)
	if res.Team != nil {
		b.WriteString("decision-makers:\n")
		for _, m := range res.Team.Members {
			fmt.Fprintf(b, "  - %s\n", yamlString(m.Name))
		}
	}
	fmt.Fprintf(b, "---\n\n# %s\n\n", title)

	b.WriteString("## Context and Problem Statement\n\n")
	b.WriteString("We need to choose the kind of Python framework to build our API with. ")
	b.WriteString("\"FastAPI or REST API?\" is the wrong question: REST is an architectural style and FastAPI a framework that implements it. ")
	b.WriteString("The real choice is between a lightweight async framework, a batteries-included one, or a hybrid of the two.\n\n")
	fmt.Fprintf(b, "This record was produced by apiadvisor (knowledge base %s) from these answers:\n\n", res.KBVersion)
	b.WriteString("| Question | Answer |\n| --- | --- |\n")
	for _, q := range kb.Questions {
		ans := "unknown"
		if v, ok := res.Answers[q.Key]; ok {
			ans = rules.Format(v)
		}
		fmt.Fprintf(b, "| %s (`%s`) | %s |\n", md(q.Prompt), q.Key, ans)
	}

	b.WriteString("\n## Decision Drivers\n\n")
	if len(res.Reasons) == 0 {
		b.WriteString("* No rule fired: too few answers to tell the options apart.\n")
	}
	for _, r := range res.Reasons {
		fmt.Fprintf(b, "* %s %s (rule `%s`%s; %s)\n", directionLabel(r.Direction), md(r.Text), r.Rule, basisNote(r.Basis), mdSource(r.Source))
	}

	b.WriteString("\n## Considered Options\n\n")
	for _, c := range kb.Categories {
		fmt.Fprintf(b, "* %s%s\n", c.Name, optionFrameworks(kb, c.ID))
	}

	b.WriteString("\n## Decision Outcome\n\n")
	if rec.Category == "" {
		fmt.Fprintf(b, "No option chosen: %s\n", rec.Summary)
	} else {
		fmt.Fprintf(b, "Chosen option: \"%s\" (%s), because it fits the drivers above best: %s\n\n",
			rec.Name, frameworkNames(kb, rec.Frameworks), kb.Category(rec.Category).Summary)
		fmt.Fprintf(b, "Confidence %.2f.", rec.Confidence)
		if rec.CloseCall {
			fmt.Fprintf(b, " This is a close call: %s.", rec.CloseCallWhy)
		}
		b.WriteString("\n\n### Consequences\n\n")
		n := 0
		for _, r := range res.Reasons {
			verdict := "Good"
			if r.Direction == advisor.Against {
				verdict = "Bad"
			}
			fmt.Fprintf(b, "* %s, because: %s%s\n", verdict, md(r.Text), basisLabel(r.Basis))
			n++
		}
		for _, g := range res.Guidance {
			fmt.Fprintf(b, "* Neutral, because: %s: %s (%s)\n", md(g.Title), md(g.Text), mdSource(g.Source))
			n++
		}
		if n == 0 {
			b.WriteString("* Neutral, because no rule spoke for or against it directly.\n")
		}
		b.WriteString("\n### Confirmation\n\n")
		b.WriteString("Save the answers and this result, and re-run the advice in CI to catch drift when the project or the knowledge base changes:\n\n")
		b.WriteString("```sh\napiadvisor advise --answers answers.yaml --check-against result.json -o json\n```\n")
	}

	if t := res.Team; t != nil && len(t.Disagreements) > 0 {
		b.WriteString("\n## Where the Team Disagrees\n\n")
		b.WriteString("The decision rests on the answers everyone agrees on. For each disagreement, what each member's answer would recommend:\n\n")
		var names []string
		for _, m := range t.Members {
			names = append(names, m.Name)
		}
		for _, d := range t.Disagreements {
			verdict := "does not change it"
			if d.Changes {
				verdict = "changes it"
			}
			fmt.Fprintf(b, "* `%s` (%s): %s\n", d.Question, verdict, md(d.OutcomeText(names)))
		}
	}

	if len(a.Components) > 0 {
		fmt.Fprintf(b, "\n## Components\n\n%s\n", md(a.SystemSummary))
		for _, c := range a.Components {
			writeComponentDecision(b, kb, c)
		}
	}

	b.WriteString("\n## Pros and Cons of the Options\n")
	for _, c := range kb.Categories {
		fmt.Fprintf(b, "\n### %s\n\n%s\n\n", md(c.Name), md(c.Summary))
		good, bad := prosCons(kb, res, c.ID)
		for _, g := range good {
			fmt.Fprintf(b, "* Good, because: %s\n", md(g))
		}
		for _, x := range bad {
			fmt.Fprintf(b, "* Bad, because: %s\n", md(x))
		}
		for _, alt := range res.Alternatives {
			if alt.Category == c.ID {
				fmt.Fprintf(b, "* Not chosen: %s\n", md(alt.WhyNot))
			}
		}
		if len(good)+len(bad) == 0 && c.ID == rec.Category {
			b.WriteString("* Neutral, because no rule spoke for or against it directly.\n")
		}
	}

	if len(res.Plan) > 0 {
		b.WriteString("\n## Switch or Coexist\n\n")
		b.WriteString("From what the project runs on today, least disruptive first:\n\n")
		for i, p := range res.Plan {
			fmt.Fprintf(b, "%d. %s. Buys: %s Costs: %s (%s)\n", i+1, md(p.Title), md(p.Buys), md(p.Costs), mdSource(p.Source))
		}
	}

	b.WriteString("\n## More Information\n\n")
	if inferred := inferredLines(a); len(inferred) > 0 {
		b.WriteString("Answers inferred from the project:\n\n")
		for _, l := range inferred {
			fmt.Fprintf(b, "* %s\n", l)
		}
		b.WriteString("\n")
	}
	if len(res.Warnings) > 0 {
		b.WriteString("Warnings about the answers:\n\n")
		for _, w := range res.Warnings {
			fmt.Fprintf(b, "* %s\n", md(w.Text))
		}
		b.WriteString("\n")
	}
	if len(res.Counterfactuals) > 0 {
		b.WriteString("What would change this decision:\n\n")
		for _, cf := range res.Counterfactuals {
			fmt.Fprintf(b, "* %s\n", md(capitalise(cf.Text)))
		}
		b.WriteString("\n")
	}
	if len(res.Notes) > 0 {
		b.WriteString("Where the article this advice started from is dated:\n\n")
		for _, n := range res.Notes {
			fmt.Fprintf(b, "* %s %s (%s)\n", md(n.Claim), md(n.Truth), mdSource(n.Source))
		}
		b.WriteString("\n")
	}
	fmt.Fprintf(b, "Generated by apiadvisor; knowledge base %s.\n", res.KBVersion)
}

// wrapMarkdown folds paragraphs and list items at width so the record
// reads well as plain text and passes markdownlint's line-length rule.
// Front matter, headings, tables and code blocks are left as they are.
func wrapMarkdown(doc string, width int) string {
	lines := strings.Split(doc, "\n")
	var out []string
	inCode, inFront := false, false
	for i, line := range lines {
		switch {
		case line == "---" && (i == 0 || inFront):
			inFront = i == 0
		case strings.HasPrefix(line, "```"):
			inCode = !inCode
		case inCode || inFront || line == "" || strings.HasPrefix(line, "#") || strings.HasPrefix(line, "|"):
		case strings.HasPrefix(line, "* "):
			line = wrapWords(line, width, "  ")
		case orderedItem().MatchString(line):
			line = wrapWords(line, width, "   ")
		default:
			line = wrapWords(line, width, "")
		}
		out = append(out, line)
	}
	return strings.Join(out, "\n")
}

// wrapWords folds a markdown line at spaces only: a break inside a word
// (at a hyphen, or in a URL) would change what the markdown renders.
// Continuation lines start with indent, which counts towards the width.
func wrapWords(line string, width int, indent string) string {
	text := strings.ReplaceAll(line, "-", nbHyphen)
	folded := ansi.Wordwrap(text, width, "")
	lines := strings.Split(folded, "\n")
	if indent != "" && len(lines) > 1 {
		rest := ansi.Wordwrap(strings.Join(lines[1:], " "), width-len(indent), "")
		lines = append(lines[:1], strings.Split(rest, "\n")...)
		for i := 1; i < len(lines); i++ {
			lines[i] = indent + lines[i]
		}
	}
	for i, l := range lines {
		l = strings.TrimRight(strings.ReplaceAll(l, nbHyphen, "-"), " ")
		if i > 0 {
			l = indent + escapeBlockStart(strings.TrimPrefix(l, indent))
		}
		lines[i] = l
	}
	return strings.Join(lines, "\n")
}

// blockStart matches what would turn a wrapped line into a list item, a
// heading or a quote: a line may begin with a word that was mid-sentence.
// orderedItem matches the start of a numbered list item.
var orderedItem = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^[0-9]\. `) })

// It is compiled on first use, so runs that write no markdown never pay.
var blockStart = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^([-+*>#]|\d+[.)])( |$)`) })

func escapeBlockStart(l string) string {
	if blockStart().MatchString(l) {
		return `\` + l
	}
	return l
}

// prosCons lists the fired rules that spoke for and against a category.
func prosCons(kb *rules.KB, res *advisor.Result, id string) (good, bad []string) {
	c := kb.Category(id)
	sides := map[string]bool{id: true}
	if c != nil && c.Blend != nil {
		for _, of := range c.Blend.Of {
			sides[of] = true
		}
	}
	for _, r := range res.Reasons {
		for target, w := range r.Effect.Weights {
			if sides[target] && w > 0 {
				good = append(good, r.Text)
				break
			}
		}
		if r.Effect.Weights[id] < 0 {
			bad = append(bad, r.Text)
		}
	}
	return dedupe(good), dedupe(bad)
}

func dedupe(items []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, s := range items {
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	return out
}

func optionFrameworks(kb *rules.KB, category string) string {
	var ids []string
	for _, f := range kb.Frameworks {
		if f.Category == category {
			ids = append(ids, f.ID)
		}
	}
	if len(ids) == 0 {
		return ""
	}
	return " (" + frameworkNames(kb, ids) + ")"
}

func frameworkNames(kb *rules.KB, ids []string) string {
	names := make([]string, len(ids))
	for i, id := range ids {
		names[i] = kb.Name(id)
	}
	return rules.OrList(names)
}

// mdSource renders a source as an autolink, or names the article section.
func mdSource(s string) string {
	if section, ok := strings.CutPrefix(s, "article: "); ok {
		return fmt.Sprintf("source article, section \"%s\"", section)
	}
	return "<" + s + ">"
}

// writeComponentDecision is one component's sub-decision: what fits it,
// why, and how to get there.
func writeComponentDecision(b *strings.Builder, kb *rules.KB, c ComponentAdvice) {
	res, rec := c.Result, c.Result.Recommendation
	fmt.Fprintf(b, "\n### %s\n\n", md(c.Name))
	if rec.Category == advisor.Undecided {
		fmt.Fprintf(b, "Undecided: %s\n", md(rec.Summary))
		return
	}
	fmt.Fprintf(b, "Chosen option: \"%s\"", md(rec.Name))
	if len(rec.Frameworks) > 0 {
		fmt.Fprintf(b, " (%s)", md(frameworkNames(kb, rec.Frameworks)))
	}
	fmt.Fprintf(b, ", confidence %.2f.\n\n", rec.Confidence)
	for _, r := range res.Reasons {
		fmt.Fprintf(b, "* %s %s\n", directionLabel(r.Direction), md(r.Text))
	}
	for i, p := range res.Plan {
		if i == 0 {
			b.WriteString("\nSwitch or coexist, least disruptive first:\n\n")
		}
		fmt.Fprintf(b, "%d. %s\n", i+1, md(p.Title))
	}
}

// inferredLines are the answers read from the project, each with its
// first piece of evidence, for the record.
func inferredLines(a Advice) []string {
	var out []string
	for _, q := range a.KB.Questions {
		if a.AnswersSource[q.Key] != "inferred" {
			continue
		}
		for _, ev := range a.Evidence {
			if ev.Question == q.Key {
				out = append(out, fmt.Sprintf("`%s` = %s, from %s: %s", q.Key, md(rules.Format(a.Answers[q.Key])), md(position(ev.File, ev.Line)), md(ev.Detail)))
				break
			}
		}
	}
	return out
}

// Title is the decision's title: "Use FastAPI or Litestar for the API",
// or the kind of framework when its frameworks make the title too long
// for a heading line.
func Title(a Advice) string {
	rec := a.Recommendation
	if rec.Category == advisor.Undecided || rec.Category == "" {
		return "Choose a kind of API framework"
	}
	if len(rec.Frameworks) > 0 {
		if t := fmt.Sprintf("Use %s for the API", frameworkNames(a.KB, rec.Frameworks)); len(t) <= 76 {
			return t
		}
	}
	return fmt.Sprintf("Use %s for the API", article(rec.Name))
}

// basisNote names a reason's basis after its rule, when it is not a
// documented fact.
func basisNote(basis string) string {
	if l := basisLabel(basis); l != "" {
		return ", " + strings.Trim(l, " ()")
	}
	return ""
}

// yamlString quotes a value for front matter, so that a name cannot end
// the front matter or add keys to it.
func yamlString(s string) string {
	out, err := json.Marshal(Clean(s))
	if err != nil {
		return `""`
	}
	return string(out)
}

// directionLabel introduces a decision driver.
func directionLabel(direction string) string {
	if direction == advisor.Against {
		return "Against:"
	}
	return "For:"
}

// mdEscaper escapes what would make text from a rules file act as
// markdown or HTML: a name must not open a heading, a link, code, a list
// or a <script> tag. Line starts are handled by wrapMarkdown's callers
// never putting file text first on a line, and by escapeBlockStart.
var mdEscaper = strings.NewReplacer(
	`\`, `\\`, "`", "\\`", "*", `\*`, "_", `\_`, "[", `\[`, "]", `\]`,
	"<", "&lt;", ">", "&gt;", "&", "&amp;", "#", `\#`, "|", `\|`,
)

// md makes text from a knowledge base or answers file safe in markdown:
// control characters dropped, markdown and HTML escaped.
func md(s string) string { return mdEscaper.Replace(Clean(s)) }

func article(name string) string {
	if strings.ContainsRune("AEIOUaeiou", rune(name[0])) {
		return "an " + lowerFirst(name)
	}
	return "a " + lowerFirst(name)
}

func lowerFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToLower(s[:1]) + s[1:]
}
