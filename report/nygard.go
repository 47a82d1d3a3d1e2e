package report

import (
	"fmt"
	"strings"
)

// recordDataHeading heads the section of a Nygard record that holds
// what a MADR record keeps in its front matter: adr-tools reads a
// record's title from its first line, so nothing may come before it.
const recordDataHeading = "## Record data"

// writeNygard writes the record in adr-tools' template: "# N. Title",
// "Date:", then Status, Context, Decision and Consequences, which is what
// `adr list`, `adr generate toc` and `adr new -s N` read and edit. The
// data revisit needs follows in a YAML block of its own.
func (a Advice) writeNygard(b *strings.Builder, o Options) {
	r := o.Record
	title := md(Title(a))
	if r.Number > 0 {
		title = fmt.Sprintf("%d. %s", r.Number, title)
	}
	fmt.Fprintf(b, "# %s\n\nDate: %s\n\n## Status\n\nProposed\n", title, o.Date)
	if r.Supersedes != nil {
		fmt.Fprintf(b, "\nSupersedes %s\n", r.Supersedes.markdown())
	}

	b.WriteString("\n## Context\n\n")
	a.writeProblem(b)
	b.WriteString("\nWhat weighed in:\n\n")
	a.writeDrivers(b)
	b.WriteString("\nThe options:\n\n")
	a.writeOptions(b)

	b.WriteString("\n## Decision\n\n")
	a.writeOutcome(b)
	if alts := a.Alternatives; len(alts) > 0 {
		b.WriteString("\nNot chosen:\n\n")
		for _, alt := range alts {
			fmt.Fprintf(b, "* %s: %s\n", md(alt.Name), md(alt.WhyNot))
		}
	}
	a.writeMDTeam(b, "###")
	a.writeMDComponents(b, "###")

	b.WriteString("\n## Consequences\n\n")
	a.writeConsequences(b)
	b.WriteString("\n")
	writeConfirmation(b, o)
	a.writeMDPlan(b, "###")
	b.WriteString("\n")
	a.writeMoreInformation(b)

	fm := a.frontMatter(o)
	// Status and date are the record's own lines above; keeping them
	// here too would let the two disagree once adr-tools edits one.
	fm.Status, fm.Date = "", ""
	data, err := encodeYAML(fm)
	if err != nil {
		panic(fmt.Sprintf("record data: %v", err)) // see writeMADR
	}
	fmt.Fprintf(b, "\n%s\n\napiadvisor reads this block to re-run the decision (`apiadvisor revisit`).\n\n```yaml\n%s```\n", recordDataHeading, data)
}
