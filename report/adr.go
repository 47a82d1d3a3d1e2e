package report

import (
	"fmt"
	"regexp"
	"strings"
	"sync"

	"github.com/apiadvisor/apiadvisor/advisor"
	"github.com/apiadvisor/apiadvisor/rules"
	"github.com/charmbracelet/x/ansi"
)

// writeMarkdown renders the advice as an Architecture Decision Record,
// in MADR 4.0 form unless the options ask for adr-tools' Nygard form.
func (a Advice) writeMarkdown(b *strings.Builder, o Options) {
	if o.Record.Format == Nygard {
		a.writeNygard(b, o)
		return
	}
	a.writeMADR(b, o)
}

// writeMADR writes the MADR 4.0 record: front matter, the title, the
// status lines log4brains reads, then MADR's sections.
func (a Advice) writeMADR(b *strings.Builder, o Options) {
	res := a.Result
	rec := res.Recommendation
	fm, err := encodeYAML(a.frontMatter(o))
	if err != nil {
		// The front matter is built from strings, slices and maps of
		// them: it cannot fail to encode.
		panic(fmt.Sprintf("front matter: %v", err))
	}
	// The blank line before the closing "---" keeps log4brains, which
	// reads front matter as markdown, from taking the last YAML line and
	// the "---" for a heading, which would hide the status line below.
	fmt.Fprintf(b, "---\n%s\n---\n\n# %s\n\n", fm, md(Title(a)))
	a.writeHeaderList(b, o)

	b.WriteString("## Context and Problem Statement\n\n")
	a.writeProblem(b)

	b.WriteString("\n## Decision Drivers\n\n")
	a.writeDrivers(b)

	b.WriteString("\n## Considered Options\n\n")
	a.writeOptions(b)

	b.WriteString("\n## Decision Outcome\n\n")
	a.writeOutcome(b)
	if decided(rec) {
		b.WriteString("\n### Consequences\n\n")
		a.writeConsequences(b)
		b.WriteString("\n### Confirmation\n\n")
		writeConfirmation(b, o)
	}

	a.writeMDTeam(b, "##")
	a.writeMDComponents(b, "##")

	b.WriteString("\n## Pros and Cons of the Options\n")
	for _, c := range a.KB.Categories {
		fmt.Fprintf(b, "\n### %s\n\n%s\n\n", md(c.Name), md(c.Summary))
		good, bad := prosCons(a.KB, res, c.ID)
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

	a.writeMDPlan(b, "##")

	b.WriteString("\n## More Information\n\n")
	a.writeMoreInformation(b)
}

// writeMDTeam writes, under a heading of the given level, where a team's
// answers differ and whether each difference changes the decision.
func (a Advice) writeMDTeam(b *strings.Builder, level string) {
	t := a.Team
	if t == nil || len(t.Disagreements) == 0 {
		return
	}
	fmt.Fprintf(b, "\n%s Where the Team Disagrees\n\n", level)
	b.WriteString("The decision rests on the answers everyone agrees on. For each disagreement, what each member's answer would recommend:\n\n")
	names := t.Names()
	for _, d := range t.Disagreements {
		verdict := "does not change it"
		if d.Changes {
			verdict = "changes it"
		}
		fmt.Fprintf(b, "* %s (%s): %s\n", mdCode(d.Question), verdict, md(d.OutcomeText(names)))
	}
}

// writeMDComponents writes each component's sub-decision under a heading
// one level below the given one.
func (a Advice) writeMDComponents(b *strings.Builder, level string) {
	if len(a.Components) == 0 {
		return
	}
	fmt.Fprintf(b, "\n%s Components\n\n%s\n", level, md(a.SystemSummary))
	for _, c := range a.Components {
		writeComponentDecision(b, a.KB, level+"#", c)
	}
}

// writeMDPlan writes the ways from the project's current stack to the
// advice, least disruptive first.
func (a Advice) writeMDPlan(b *strings.Builder, level string) {
	if len(a.Plan) == 0 {
		return
	}
	fmt.Fprintf(b, "\n%s Switch or Coexist\n\n", level)
	b.WriteString("From what the project runs on today, least disruptive first:\n\n")
	for i, p := range a.Plan {
		fmt.Fprintf(b, "%d. %s. Buys: %s Costs: %s (%s)\n", i+1, md(p.Title), md(p.Buys), md(p.Costs), mdSource(p.Source))
	}
}

// writeHeaderList writes the lines log4brains reads a record's status,
// date and deciders from: the first list before the first "##" heading.
func (a Advice) writeHeaderList(b *strings.Builder, o Options) {
	r := o.Record
	b.WriteString("* Status: proposed\n")
	fmt.Fprintf(b, "* Date: %s\n", o.Date)
	if dm := a.decisionMakers(r); len(dm) > 0 {
		fmt.Fprintf(b, "* Deciders: %s\n", md(strings.Join(dm, ", ")))
	}
	if r.Component != "" {
		fmt.Fprintf(b, "* Component: %s\n", md(r.Component))
	}
	if r.ReviewBy != "" {
		fmt.Fprintf(b, "* Review by: %s\n", r.ReviewBy)
	}
	if r.Supersedes != nil {
		fmt.Fprintf(b, "* Supersedes %s\n", r.Supersedes.markdown())
	}
	b.WriteString("\n")
}

// writeProblem states the problem and the answers the advice came from.
func (a Advice) writeProblem(b *strings.Builder) {
	b.WriteString("We need to choose the kind of Python framework to build our API with. ")
	b.WriteString("\"FastAPI or REST API?\" is the wrong question: REST is an architectural style and FastAPI a framework that implements it. ")
	b.WriteString("The real choice is between a lightweight async framework, a batteries-included one, or a hybrid of the two.\n\n")
	fmt.Fprintf(b, "This record was produced by apiadvisor (knowledge base %s) from these answers:\n\n", md(a.KBVersion))
	b.WriteString("| Question | Answer |\n| --- | --- |\n")
	for _, q := range a.KB.Questions {
		ans := "unknown"
		if v, ok := a.Answers[q.Key]; ok {
			ans = rules.Format(v)
		}
		fmt.Fprintf(b, "| %s (%s) | %s |\n", md(q.Prompt), mdCode(q.Key), md(ans))
	}
}

// writeDrivers lists every fired rule, for or against.
func (a Advice) writeDrivers(b *strings.Builder) {
	if len(a.Reasons) == 0 {
		b.WriteString("* No rule fired: too few answers to tell the options apart.\n")
	}
	for _, r := range a.Reasons {
		source := "; " + mdSource(r.Source)
		if r.Basis == rules.BasisRuleOfThumb {
			source = "" // the basis note already says so
		}
		fmt.Fprintf(b, "* %s %s (rule %s%s%s)\n", directionLabel(r.Direction), md(r.Text), mdCode(r.Rule), basisNote(r.Basis), source)
	}
}

// writeOptions lists the kinds of framework and what each would mean.
func (a Advice) writeOptions(b *strings.Builder) {
	for _, c := range a.KB.Categories {
		fmt.Fprintf(b, "* %s%s\n", md(c.Name), optionFrameworks(a.KB, c.ID))
	}
}

// writeOutcome names the chosen option and how sure the advice is, or
// says that none was chosen.
func (a Advice) writeOutcome(b *strings.Builder) {
	rec := a.Recommendation
	if !decided(rec) {
		fmt.Fprintf(b, "No option chosen: %s\n", md(rec.Summary))
		return
	}
	fmt.Fprintf(b, "Chosen option: \"%s\" (%s), because it fits the drivers above best: %s\n\n",
		md(rec.Name), mdFrameworkNames(a.KB, rec.Frameworks), md(a.KB.Category(rec.Category).Summary))
	fmt.Fprintf(b, "Confidence %.2f.", rec.Confidence)
	if rec.CloseCall {
		fmt.Fprintf(b, " This is a close call: %s.", md(rec.CloseCallWhy))
	}
	b.WriteString("\n")
}

// decided reports whether the advice chose a kind of framework.
func decided(rec advisor.Recommendation) bool {
	return rec.Category != "" && rec.Category != advisor.Undecided
}

// writeConsequences weighs the choice: each fired rule good or bad, each
// piece of guidance neutral.
func (a Advice) writeConsequences(b *strings.Builder) {
	n := 0
	for _, r := range a.Reasons {
		verdict := "Good"
		if r.Direction == advisor.Against {
			verdict = "Bad"
		}
		fmt.Fprintf(b, "* %s, because: %s%s\n", verdict, md(r.Text), basisLabel(r.Basis))
		n++
	}
	for _, g := range a.Guidance {
		fmt.Fprintf(b, "* Neutral, because: %s: %s (%s)\n", md(g.Title), md(g.Text), mdSource(g.Source))
		n++
	}
	if n == 0 {
		b.WriteString("* Neutral, because no rule spoke for or against it directly.\n")
	}
}

// writeConfirmation says how the decision is kept honest: the record
// carries its answers, so revisit can re-run it on a schedule.
func writeConfirmation(b *strings.Builder, o Options) {
	b.WriteString("This record carries the answers it was produced from and the facts it relied on. ")
	b.WriteString("Run `apiadvisor revisit` on its directory — in CI, on a schedule — to re-run it against the knowledge base of the day: ")
	b.WriteString("it exits 1 when the advice or a fact it relied on has changed")
	if o.Record.ReviewBy != "" {
		fmt.Fprintf(b, ", and once %s has passed", o.Record.ReviewBy)
	}
	b.WriteString(".\n\n```sh\napiadvisor revisit docs/decisions\n```\n")
}

// writeMoreInformation adds the warnings, what would change the
// decision, where the source article is dated, and the knowledge base.
func (a Advice) writeMoreInformation(b *strings.Builder) {
	res := a.Result
	if inferred := a.inferred(); len(inferred) > 0 {
		b.WriteString("Answers inferred from the project:\n\n")
		for _, ia := range inferred {
			ev := ia.evidence[0]
			fmt.Fprintf(b, "* %s = %s, from %s: %s\n", mdCode(ia.key), md(ia.value), md(Position(ev.File, ev.Line)), md(ev.Detail))
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
	if len(res.Counterfactuals) > 0 || res.SearchCut {
		b.WriteString("What would change this decision:\n\n")
		for _, cf := range res.Counterfactuals {
			fmt.Fprintf(b, "* %s\n", md(capitalise(cf.Text)))
		}
		if res.SearchCut {
			b.WriteString("* " + searchCutNote + "\n")
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
	fmt.Fprintf(b, "Generated by apiadvisor; knowledge base %s.\n", md(res.KBVersion))
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
		case isLinkLine(line):
		case strings.HasPrefix(line, "* "):
			line = wrapWords(line, width, "  ")
		case orderedItem().MatchString(line):
			line = wrapWords(line, width, strings.Repeat(" ", len(orderedItem().FindString(line))))
		default:
			// A paragraph may start with text from a file (a summary).
			line = wrapWords(escapeBlockStart(line), width, "")
		}
		out = append(out, line)
	}
	return strings.Join(out, "\n")
}

// isLinkLine reports a line linking records as adr-tools writes it,
// "Supersedes [3. Title](0003-title.md)": adr-tools reads those links a
// line at a time, so they are never folded.
func isLinkLine(line string) bool {
	return strings.HasPrefix(line, "Supersedes [") || strings.HasPrefix(line, "Superseded by [")
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

// orderedItem matches the start of a numbered list item.
var orderedItem = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^[0-9]+\. `) })

// blockStart matches what would turn a line of text into a list item, a
// heading, a quote, a thematic break or front matter, or underline the
// line above as a heading: a wrapped line may begin with a word that was
// mid-sentence, and a paragraph with text from a file. Such a line gets a
// backslash, which CommonMark reads as "this character, literally". It is
// compiled on first use, so runs that write no markdown never pay.
var blockStart = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`^([-+*>#=~_]|\d+[.)]( |$))`)
})

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
	return " (" + mdFrameworkNames(kb, ids) + ")"
}

// frameworkNames names frameworks, as plain text: "A, B or C".
func frameworkNames(kb *rules.KB, ids []string) string {
	return rules.OrList(nameList(ids, kb.Name))
}

// mdFrameworkNames names frameworks in markdown, each name escaped.
func mdFrameworkNames(kb *rules.KB, ids []string) string {
	return rules.OrList(nameList(ids, func(id string) string { return md(kb.Name(id)) }))
}

func nameList(ids []string, name func(string) string) []string {
	names := make([]string, len(ids))
	for i, id := range ids {
		names[i] = name(id)
	}
	return names
}

// mdSource renders a source as an autolink, or names the article
// section. Only a URL that cannot close the autolink early (no <, >,
// space, quote or control character) is linked; any other is text,
// escaped, so that a source cannot open an HTML tag.
func mdSource(s string) string {
	if section, ok := strings.CutPrefix(s, "article: "); ok {
		return fmt.Sprintf("source article, section \"%s\"", md(section))
	}
	if (strings.HasPrefix(s, "https://") || strings.HasPrefix(s, "http://")) && !strings.ContainsFunc(s, func(r rune) bool {
		return r <= ' ' || r >= 0x7f && r < 0xa0 || strings.ContainsRune("<>\"'`\\", r)
	}) {
		return "<" + s + ">"
	}
	return md(s)
}

// mdCode writes an identifier as inline code. An id from a file that is
// not a plain identifier is escaped text instead: a backtick in it would
// end the code span and let the rest act as markdown.
func mdCode(id string) string {
	if id != "" && !strings.ContainsFunc(id, func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-' || r == '_' || r == '.')
	}) {
		return "`" + id + "`"
	}
	return md(id)
}

// writeComponentDecision is one component's sub-decision: what fits it,
// why, and how to get there.
func writeComponentDecision(b *strings.Builder, kb *rules.KB, heading string, c ComponentAdvice) {
	res, rec := c.Result, c.Result.Recommendation
	fmt.Fprintf(b, "\n%s %s\n\n", heading, md(c.Name))
	if rec.Category == advisor.Undecided {
		fmt.Fprintf(b, "Undecided: %s\n", md(rec.Summary))
		return
	}
	fmt.Fprintf(b, "Chosen option: \"%s\"", md(rec.Name))
	if len(rec.Frameworks) > 0 {
		fmt.Fprintf(b, " (%s)", mdFrameworkNames(kb, rec.Frameworks))
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

// maxTitle keeps a title short enough for the link lines adr-tools
// writes ("Superseded by [12. Title](0012-title.md)") to pass
// markdownlint's 80-column rule: every space in them then falls before
// column 80, and a line may run past it only with one unbroken word.
const maxTitle = 58

// Title is the decision's title, which also names its file: "Use FastAPI
// or Litestar", "Use Django with Django Ninja", or the kind of framework
// when its frameworks make the title too long.
func Title(a Advice) string {
	rec := a.Recommendation
	if !decided(rec) {
		return "Choose a kind of API framework"
	}
	if len(rec.Frameworks) > 0 {
		names := make([]string, len(rec.Frameworks))
		for i, id := range rec.Frameworks {
			names[i] = titleName(a.KB.Name(id))
		}
		if t := "Use " + rules.OrList(names); len(t) <= maxTitle {
			return t
		}
	}
	return fmt.Sprintf("Use %s for the API", article(rec.Name))
}

// titleName words a pairing for a title and a file name: "Django +
// Django Ninja" reads "Django with Django Ninja", "Django + DRF + adrf"
// reads "Django with DRF and adrf" — a "+" would vanish from the slug.
func titleName(name string) string {
	parts := strings.Split(name, " + ")
	if len(parts) == 1 {
		return name
	}
	return parts[0] + " with " + strings.Join(parts[1:], " and ")
}

// basisNote names a reason's basis after its rule, when it is not a
// documented fact.
func basisNote(basis string) string {
	if l := basisLabel(basis); l != "" {
		return ", " + strings.Trim(l, " ()")
	}
	return ""
}

// directionLabel introduces a decision driver.
func directionLabel(direction string) string {
	if direction == advisor.Against {
		return "Against:"
	}
	return "For:"
}

// mdEscaper escapes what would make text from a rules file act as
// markdown or HTML: a name must not open a heading, a link, code, a list,
// a strikethrough or a <script> tag. A newline becomes a space: text from
// a file never starts a line of its own, where it could open a heading,
// front matter or a block. Line starts that wrapping makes are handled by
// escapeBlockStart.
var mdEscaper = strings.NewReplacer(
	`\`, `\\`, "`", "\\`", "*", `\*`, "_", `\_`, "[", `\[`, "]", `\]`, "~", `\~`,
	"<", "&lt;", ">", "&gt;", "&", "&amp;", "#", `\#`, "|", `\|`,
	"\n", " ", "\t", " ", "\r", " ",
)

// md makes text from a knowledge base or answers file safe in markdown:
// control characters dropped, markdown and HTML escaped, on one line.
func md(s string) string { return mdEscaper.Replace(Clean(s)) }

func article(name string) string {
	if name == "" {
		return "a framework"
	}
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
