package report

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/apiadvisor/apiadvisor/advisor"
	"github.com/apiadvisor/apiadvisor/rules"
)

// Verdicts of a revisited record.
const (
	VerdictHolds      = "holds"
	VerdictChanged    = "changed"
	VerdictDue        = "due"
	VerdictSkipped    = "skipped"
	VerdictUnreadable = "unreadable"
)

// Fact changes.
const (
	FactChanged = "changed"
	FactRemoved = "removed"
)

// RecordCheck is what revisit found for one record.
type RecordCheck struct {
	File   string `json:"file"`
	Number int    `json:"number"`
	Title  string `json:"title"`
	// Verdict is holds, changed (the advice, a fact it relied on or an
	// answer is no longer what it was), due (nothing changed, but its
	// review-by date has passed), skipped or unreadable.
	Verdict string `json:"verdict"`
	// Why says why a record was skipped or could not be read.
	Why string `json:"why,omitempty"`
	// KBVersion is the knowledge base the record was written with.
	KBVersion     string        `json:"kb_version,omitempty"`
	AdviceChanged *AdviceChange `json:"advice_changed,omitempty"`
	FactsChanged  []FactChange  `json:"facts_changed,omitempty"`
	// AnswerProblems are stored answers today's knowledge base no longer
	// takes; the advice was re-run without them.
	AnswerProblems []string `json:"answer_problems,omitempty"`
	ReviewBy       string   `json:"review_by,omitempty"`
	Due            bool     `json:"due"`
	// SupersededBy is the record `revisit --write` wrote in its place.
	SupersededBy string `json:"superseded_by,omitempty"`
	// NotWritten says why --write wrote no record for a changed one.
	NotWritten string `json:"not_written,omitempty"`
}

// Outcome is what was recommended: a kind of framework and its
// frameworks, by id.
type Outcome struct {
	Category   string   `json:"category"`
	Frameworks []string `json:"frameworks"`
}

// AdviceChange is a record's advice then and now, with the rules that
// now speak for the new advice.
type AdviceChange struct {
	From      Outcome `json:"from"`
	To        Outcome `json:"to"`
	DecidedBy []Claim `json:"decided_by"`
}

// FactChange is a claim a record relied on that today's knowledge base
// words differently (text, source or date), or no longer holds.
type FactChange struct {
	Kind   string `json:"kind"`
	ID     string `json:"id"`
	Change string `json:"change"`
	Was    Claim  `json:"was"`
	Now    *Claim `json:"now,omitempty"`
}

// CheckRecord re-runs an apiadvisor record's stored answers against kb
// and compares: the advice (kind of framework and frameworks), every
// claim it relied on, and its review-by date against today (YYYY-MM-DD).
// It returns the new result, nil when the record was not re-run.
func CheckRecord(rec Record, kb *rules.KB, eng *advisor.Engine, today string) (RecordCheck, *advisor.Result) {
	c := RecordCheck{File: rec.File, Number: rec.Number, Title: rec.Title, ReviewBy: rec.ReviewBy}
	// A file that could not be read at all may well be apiadvisor's.
	unread := rec.Meta == nil && rec.Title == ""
	switch {
	case rec.Problem != "" && (rec.Apiadvisor || unread):
		c.Verdict, c.Why = VerdictUnreadable, rec.Problem
		return c, nil
	case !rec.Apiadvisor:
		c.Verdict, c.Why = VerdictSkipped, "not written by apiadvisor"
		return c, nil
	case !rec.InForce():
		c.Verdict, c.Why = VerdictSkipped, "no longer in force: "+rec.StatusLabel()
		return c, nil
	}
	p := rec.Meta.Apiadvisor
	c.KBVersion = p.KBVersion
	answers, problems := p.Answers.Parse(kb)
	c.AnswerProblems = problems
	res := eng.Advise(answers, advisor.Options{})
	was := Outcome{p.Category, nonNil(p.Frameworks)}
	now := Outcome{res.Recommendation.Category, nonNil(res.Recommendation.Frameworks)}
	if was.Category != now.Category || !slices.Equal(was.Frameworks, now.Frameworks) {
		change := &AdviceChange{From: was, To: now, DecidedBy: []Claim{}}
		for _, r := range res.Reasons {
			if r.Direction == advisor.For {
				if cl, ok := CurrentClaim(kb, ClaimRule, r.Rule); ok {
					change.DecidedBy = append(change.DecidedBy, cl)
				}
			}
		}
		c.AdviceChanged = change
	}
	for _, old := range p.ReliedOn {
		cur, ok := CurrentClaim(kb, old.Kind, old.ID)
		switch {
		case !ok:
			c.FactsChanged = append(c.FactsChanged, FactChange{Kind: old.Kind, ID: old.ID, Change: FactRemoved, Was: old})
		case cur.Text != old.Text || cur.Source != old.Source || cur.AsOf != old.AsOf:
			c.FactsChanged = append(c.FactsChanged, FactChange{Kind: old.Kind, ID: old.ID, Change: FactChanged, Was: old, Now: &cur})
		}
	}
	// Past the review-by day, not on it.
	c.Due = rec.ReviewBy != "" && today > rec.ReviewBy
	switch {
	case c.AdviceChanged != nil || len(c.FactsChanged) > 0 || len(c.AnswerProblems) > 0:
		c.Verdict = VerdictChanged
	case c.Due:
		c.Verdict = VerdictDue
	default:
		c.Verdict = VerdictHolds
	}
	return c, res
}

// Revisit is what `revisit` prints: every record of a directory, checked
// against the knowledge base of the day.
type Revisit struct {
	Dir       string        `json:"dir"`
	Date      string        `json:"date"`
	KBVersion string        `json:"kb_version"`
	Records   []RecordCheck `json:"records"`
	// KB names categories and frameworks in text.
	KB *rules.KB `json:"-"`
}

// Failed reports whether anything needs a look: a record changed, is
// due for review, or could not be read.
func (r Revisit) Failed() bool {
	return slices.ContainsFunc(r.Records, func(c RecordCheck) bool {
		return c.Verdict == VerdictChanged || c.Verdict == VerdictDue || c.Verdict == VerdictUnreadable
	})
}

func (r Revisit) writeText(w *textWriter) {
	st := w.st
	w.para("", st.plain, fmt.Sprintf("Revisited %s in %s against knowledge base %s on %s.",
		plural(len(r.Records), "record"), r.Dir, r.KBVersion, r.Date))
	counts := map[string]int{}
	for _, c := range r.Records {
		counts[c.Verdict]++
		w.blank()
		r.writeCheck(w, c)
	}
	w.blank()
	var parts []string
	for _, v := range []string{VerdictChanged, VerdictDue, VerdictUnreadable, VerdictHolds, VerdictSkipped} {
		if n := counts[v]; n > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", n, v))
		}
	}
	if len(parts) == 0 {
		parts = []string{"no records"}
	}
	w.para("", st.heading, capitalise(strings.Join(parts, ", "))+".")
}

func (r Revisit) writeCheck(w *textWriter, c RecordCheck) {
	st := w.st
	name := c.File
	if c.Title != "" {
		name = strconv.Itoa(c.Number) + ". " + c.Title
	}
	mark, style, verdict := "✓", st.ok, "holds"
	switch c.Verdict {
	case VerdictChanged:
		mark, style, verdict = "✗", st.bad, changedWhat(c)
	case VerdictDue:
		mark, style, verdict = "!", st.warn, "due for review since "+c.ReviewBy
	case VerdictUnreadable:
		mark, style, verdict = "✗", st.bad, "unreadable: "+c.Why
	case VerdictSkipped:
		mark, style, verdict = "-", st.faint, "skipped: "+c.Why
	}
	w.labelled(style.Render(mark)+" ", "    ", name+" —", st.heading, verdict)
	w.para("    ", st.faint, c.File)
	if a := c.AdviceChanged; a != nil {
		w.item("    from ", "         ", st.plain, r.outcome(a.From))
		w.item("    to   ", "         ", st.plain, r.outcome(a.To))
		if len(a.DecidedBy) > 0 {
			w.para("    ", st.plain, "decided now by:")
			for _, cl := range a.DecidedBy {
				w.item("      • ", "        ", st.plain, cl.ID+": "+cl.Text)
			}
		}
	}
	for _, f := range c.FactsChanged {
		if f.Change == FactRemoved {
			w.item("    • ", "      ", st.plain, fmt.Sprintf("%s %s is no longer in the knowledge base", f.Kind, f.ID))
			w.item("        was ", "          ", st.faint, dated(f.Was))
			continue
		}
		w.item("    • ", "      ", st.plain, fmt.Sprintf("%s %s changed", f.Kind, f.ID))
		w.item("        was ", "          ", st.faint, dated(f.Was))
		w.item("        now ", "          ", st.plain, dated(*f.Now))
	}
	for _, p := range c.AnswerProblems {
		w.item("    • ", "      ", st.plain, p)
	}
	if c.Due && c.Verdict == VerdictChanged {
		w.para("    ", st.warn, "Also due for review since "+c.ReviewBy+".")
	}
	switch {
	case c.SupersededBy != "":
		w.para("    ", st.accent, "Superseded by "+c.SupersededBy+".")
	case c.NotWritten != "":
		w.para("    ", st.warn, "No new record written: "+c.NotWritten+".")
	}
}

// changedWhat names what changed, most important first.
func changedWhat(c RecordCheck) string {
	var parts []string
	if c.AdviceChanged != nil {
		parts = append(parts, "advice changed")
	}
	if len(c.FactsChanged) > 0 {
		parts = append(parts, "facts changed")
	}
	if len(c.AnswerProblems) > 0 {
		parts = append(parts, "answers no longer accepted")
	}
	return strings.Join(parts, "; ")
}

// outcome names a kind of framework and its frameworks as the knowledge
// base of the day calls them.
func (r Revisit) outcome(o Outcome) string {
	name := func(id string) string {
		if r.KB == nil {
			return id
		}
		return r.KB.Name(id)
	}
	s := name(o.Category)
	if len(o.Frameworks) > 0 {
		s += " (" + rules.OrList(nameList(o.Frameworks, name)) + ")"
	}
	return s
}

// dated is a claim's text with its date and source.
func dated(c Claim) string {
	s := c.Text
	if c.AsOf != "" {
		s = "(" + string(c.AsOf) + ") " + s
	}
	if c.Source != "" {
		s += " — " + c.Source
	}
	return s
}

// RecordList is what `adr list` prints: every numbered record of a
// directory, with what each says of itself.
type RecordList []Record

func (l RecordList) writeText(w *textWriter) {
	withComponent := slices.ContainsFunc(l, func(r Record) bool { return r.Component != "" })
	header := []string{"number", "title", "status", "date"}
	if withComponent {
		header = append(header, "component")
	}
	rows := make([][]string, len(l))
	for i, r := range l {
		title := r.Title
		if title == "" {
			title = r.File
		}
		date := r.Date
		if date == "" {
			date = "-"
		}
		rows[i] = []string{strconv.Itoa(r.Number), title, r.StatusLabel(), date}
		if withComponent {
			rows[i] = append(rows[i], r.Component)
		}
	}
	if len(rows) == 0 {
		w.line("No decision records.")
		return
	}
	w.wrappedTable(header, rows, 1)
}
