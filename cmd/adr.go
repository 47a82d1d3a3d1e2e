package cmd

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/apiadvisor/apiadvisor/advisor"
	"github.com/apiadvisor/apiadvisor/rules"
)

// adrFileName is the slug of the record apiadvisor writes.
const adrFileName = "choose-api-framework.md"

var adrNumbered = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^(\d{4})-.+\.md$`) })

// writeADRFile writes the record as the next numbered file in dir, beside
// any ADRs already there, and returns its path.
func writeADRFile(dir string, kb *rules.KB, res *advisor.Result, ios *IOStreams) (string, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return "", fmt.Errorf("adr dir: %w", err)
	}
	next := 1
	for _, e := range entries {
		if m := adrNumbered().FindStringSubmatch(e.Name()); m != nil {
			if n, _ := strconv.Atoi(m[1]); n >= next {
				next = n + 1
			}
		}
	}
	if next > 9999 {
		return "", fmt.Errorf("adr dir %q already holds record 9999", dir)
	}
	path := filepath.Join(dir, fmt.Sprintf("%04d-%s", next, adrFileName))
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return "", fmt.Errorf("write adr: %w", err)
	}
	if _, err := f.WriteString(markdownADR(kb, res, recordDate(ios))); err != nil {
		f.Close()
		return "", fmt.Errorf("write adr: %w", err)
	}
	return path, f.Close()
}

// recordDate is today, or SOURCE_DATE_EPOCH when set, so records can be
// reproduced byte for byte.
func recordDate(ios *IOStreams) string {
	if s := ios.Getenv("SOURCE_DATE_EPOCH"); s != "" {
		if n, err := strconv.ParseInt(s, 10, 64); err == nil {
			return time.Unix(n, 0).UTC().Format(time.DateOnly)
		}
	}
	return time.Now().UTC().Format(time.DateOnly)
}

// markdownADR renders the advice as an Architecture Decision Record in
// MADR 4.0 form.
func markdownADR(kb *rules.KB, res *advisor.Result, date string) string {
	var b strings.Builder
	rec := res.Recommendation
	title := "Choose a kind of API framework"
	if rec.Category != "" {
		title = fmt.Sprintf("Use %s for the API", article(rec.Name))
		if len(rec.Frameworks) > 0 {
			title = fmt.Sprintf("Use %s (%s) for the API", article(rec.Name), frameworkNames(kb, rec.Frameworks))
		}
	}
	fmt.Fprintf(&b, "---\nstatus: proposed\ndate: %s\n---\n\n# %s\n\n", date, title)

	b.WriteString("## Context and Problem Statement\n\n")
	b.WriteString("We need to choose the kind of Python framework to build our API with. ")
	b.WriteString("\"FastAPI or REST API?\" is the wrong question: REST is an architectural style and FastAPI a framework that implements it. ")
	b.WriteString("The real choice is between a lightweight async framework, a batteries-included one, or a hybrid of the two.\n\n")
	fmt.Fprintf(&b, "This record was produced by apiadvisor (knowledge base %s) from these answers:\n\n", res.KBVersion)
	b.WriteString("| Question | Answer |\n| --- | --- |\n")
	for _, q := range kb.Questions {
		ans := "unknown"
		if v, ok := res.Answers[q.Key]; ok {
			ans = rules.Format(v)
		}
		fmt.Fprintf(&b, "| %s (`%s`) | %s |\n", mdCell(q.Prompt), q.Key, ans)
	}

	b.WriteString("\n## Decision Drivers\n\n")
	if len(res.Reasons) == 0 {
		b.WriteString("* No rule fired: too few answers to tell the options apart.\n")
	}
	for _, r := range res.Reasons {
		fmt.Fprintf(&b, "* %s (rule `%s`; %s)\n", r.Text, r.Rule, mdSource(r.Source))
	}

	b.WriteString("\n## Considered Options\n\n")
	for _, c := range kb.Categories {
		fmt.Fprintf(&b, "* %s%s\n", c.Name, optionFrameworks(kb, c.ID))
	}

	b.WriteString("\n## Decision Outcome\n\n")
	if rec.Category == "" {
		fmt.Fprintf(&b, "No option chosen: %s\n", rec.Summary)
	} else {
		fmt.Fprintf(&b, "Chosen option: \"%s\" (%s), because it fits the drivers above best: %s\n\n",
			rec.Name, frameworkNames(kb, rec.Frameworks), kb.Category(rec.Category).Summary)
		fmt.Fprintf(&b, "Confidence %.2f.", rec.Confidence)
		if rec.CloseCall {
			fmt.Fprintf(&b, " This is a close call: %s.", rec.CloseCallWhy)
		}
		b.WriteString("\n\n### Consequences\n\n")
		good, bad := prosCons(kb, res, rec.Category)
		for _, g := range good {
			fmt.Fprintf(&b, "* Good, because: %s\n", g)
		}
		// What spoke for an alternative and not for the winner is the
		// trade-off this decision accepts.
		for _, alt := range res.Alternatives {
			for _, r := range res.Reasons {
				if r.Effect.Weights[alt.Category] > 0 && !slices.Contains(good, r.Text) {
					bad = append(bad, fmt.Sprintf("it gives up what favoured %s — %s", alt.Name, r.Text))
				}
			}
		}
		for _, x := range dedupe(bad) {
			fmt.Fprintf(&b, "* Bad, because: %s\n", x)
		}
		if len(good)+len(bad) == 0 {
			b.WriteString("* Neutral, because no rule spoke for or against it directly.\n")
		}
		b.WriteString("\n### Confirmation\n\n")
		b.WriteString("Save the answers and this result, and re-run the advice in CI to catch drift when the project or the knowledge base changes:\n\n")
		b.WriteString("```sh\napiadvisor advise --answers answers.yaml --check-against result.json -o json\n```\n")
	}

	b.WriteString("\n## Pros and Cons of the Options\n")
	for _, c := range kb.Categories {
		fmt.Fprintf(&b, "\n### %s\n\n%s\n\n", c.Name, c.Summary)
		good, bad := prosCons(kb, res, c.ID)
		for _, g := range good {
			fmt.Fprintf(&b, "* Good, because: %s\n", g)
		}
		for _, x := range bad {
			fmt.Fprintf(&b, "* Bad, because: %s\n", x)
		}
		for _, alt := range res.Alternatives {
			if alt.Category == c.ID {
				fmt.Fprintf(&b, "* Not chosen: %s\n", alt.WhyNot)
			}
		}
		if len(good)+len(bad) == 0 && c.ID == rec.Category {
			b.WriteString("* Neutral, because no rule spoke for or against it directly.\n")
		}
	}

	b.WriteString("\n## More Information\n\n")
	if len(res.Counterfactuals) > 0 {
		b.WriteString("What would change this decision:\n\n")
		for _, cf := range res.Counterfactuals {
			fmt.Fprintf(&b, "* %s\n", capitalise(cf.Text))
		}
		b.WriteString("\n")
	}
	if len(res.Notes) > 0 {
		b.WriteString("Where the article this advice started from is dated:\n\n")
		for _, n := range res.Notes {
			fmt.Fprintf(&b, "* %s %s (%s)\n", n.Claim, n.Truth, mdSource(n.Source))
		}
		b.WriteString("\n")
	}
	fmt.Fprintf(&b, "Generated by apiadvisor; knowledge base %s.\n", res.KBVersion)
	return wrapMarkdown(b.String(), 80)
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
			line = wrap(line, width, "  ")
		default:
			line = wrap(line, width, "")
		}
		out = append(out, line)
	}
	return strings.Join(out, "\n")
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

func mdCell(s string) string { return strings.ReplaceAll(s, "|", `\|`) }

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
