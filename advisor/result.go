package advisor

import (
	"fmt"
	"math"
	"sort"
	"strings"

	"github.com/apiadvisor/apiadvisor/rules"
)

// SchemaVersion is the version of the Result document. It changes only
// when a field is removed or changes meaning; new fields do not bump it.
const SchemaVersion = 1

// CloseMargin is the score lead under which a recommendation is flagged as
// a close call. Weights in the default knowledge base run from 0.5 to 4,
// so a lead under 2 can be overturned by a single answer.
const CloseMargin = 2.0

// Result is the advice for one set of answers, with everything needed to
// explain it. Its JSON form is apiadvisor's stable machine output.
type Result struct {
	SchemaVersion   int              `json:"schema_version"`
	KBVersion       string           `json:"kb_version"`
	Answers         rules.Answers    `json:"answers"`
	Unknown         []string         `json:"unknown"`
	Recommendation  Recommendation   `json:"recommendation"`
	Scores          []CategoryScore  `json:"scores"`
	Frameworks      []FrameworkScore `json:"frameworks"`
	Reasons         []Reason         `json:"reasons"`
	Alternatives    []Alternative    `json:"alternatives"`
	Counterfactuals []Counterfactual `json:"counterfactuals"`
	Notes           []Note           `json:"notes"`
	Trace           []RuleTrace      `json:"trace,omitempty"`
}

// Recommendation is the winning category and its frameworks, best first.
type Recommendation struct {
	Category   string   `json:"category"`
	Name       string   `json:"name"`
	Frameworks []string `json:"frameworks"`
	Summary    string   `json:"summary"`
	// Confidence is in [0,1]: (1 − e^(−margin/2)) × answered/asked.
	// The first factor grows with the lead over the runner-up (0 for a
	// tie, 0.63 for a lead of 2, 0.95 for 6, 1 when nothing else was
	// left); the second discounts for questions left unknown.
	Confidence float64 `json:"confidence"`
	// Margin is the lead over the runner-up; -1 when no other candidate
	// was left standing (JSON has no infinity).
	Margin    float64 `json:"margin"`
	CloseCall bool    `json:"close_call"`
	// CloseCallWhy says in plain words why the call is close; empty when not.
	CloseCallWhy string `json:"close_call_why,omitempty"`
}

// CategoryScore is one category's total.
type CategoryScore struct {
	Category   string  `json:"category"`
	Score      float64 `json:"score"`
	Eliminated bool    `json:"eliminated"`
}

// FrameworkScore ranks one framework: its category's score plus the
// weights rules gave the framework itself.
type FrameworkScore struct {
	Framework  string  `json:"framework"`
	Category   string  `json:"category"`
	Score      float64 `json:"score"`
	Eliminated bool    `json:"eliminated"`
	// EliminatedBy names the knock-out rules that removed it.
	EliminatedBy []string `json:"eliminated_by,omitempty"`
}

// Reason is a fired rule, as the user sees it.
type Reason struct {
	Rule   string       `json:"rule"`
	Text   string       `json:"text"`
	Source string       `json:"source"`
	Effect rules.Effect `json:"effect"`
}

// Alternative is a category that did not win, and why not.
type Alternative struct {
	Category string  `json:"category"`
	Name     string  `json:"name"`
	Score    float64 `json:"score"`
	// ScoreGap is how far it trailed the winner.
	ScoreGap     float64       `json:"score_gap"`
	Eliminated   bool          `json:"eliminated"`
	EliminatedBy []Elimination `json:"eliminated_by"`
	// PulledDownBy lists the fired rules that gave it negative weight.
	PulledDownBy []string `json:"pulled_down_by"`
	WhyNot       string   `json:"why_not"`
}

// Elimination is one knock-out: the rule, or for a hybrid the unmet
// threshold (Rule is then empty).
type Elimination struct {
	Rule   string `json:"rule,omitempty"`
	Reason string `json:"reason"`
}

// Note is a correction of the source article that bears on this advice.
type Note struct {
	ID     string `json:"id"`
	Claim  string `json:"claim"`
	Truth  string `json:"truth"`
	Source string `json:"source"`
}

// Options select the costlier parts of a Result.
type Options struct {
	// Explain adds the full rule trace.
	Explain bool
	// SkipCounterfactuals leaves out the what-would-change-it search.
	SkipCounterfactuals bool
}

// Advise evaluates the answers and explains the outcome. The answers must
// already be valid for the engine's knowledge base (see rules.KB.CheckAnswers).
func (e *Engine) Advise(a rules.Answers, opt Options) *Result {
	if a == nil {
		a = rules.Answers{}
	}
	kb := e.kb
	b := e.decide(a)
	r := &Result{
		SchemaVersion:   SchemaVersion,
		KBVersion:       kb.Version,
		Answers:         a,
		Unknown:         []string{},
		Reasons:         []Reason{},
		Alternatives:    []Alternative{},
		Counterfactuals: []Counterfactual{},
		Notes:           []Note{},
	}
	for _, q := range kb.Questions {
		if _, ok := a[q.Key]; !ok {
			r.Unknown = append(r.Unknown, q.Key)
		}
	}
	for _, i := range b.fired {
		rule := &kb.Rules[i]
		r.Reasons = append(r.Reasons, Reason{Rule: rule.ID, Text: rule.Reason, Source: rule.Source, Effect: rule.Effect})
	}
	for i, c := range kb.Categories {
		r.Scores = append(r.Scores, CategoryScore{Category: c.ID, Score: round(b.cat[i]), Eliminated: b.out(i)})
	}
	r.Frameworks = e.rankFrameworks(b)
	if !opt.SkipCounterfactuals {
		r.Counterfactuals = e.counterfactuals(a, b)
	}
	r.Recommendation = e.recommend(a, b, r)
	r.Alternatives = e.alternatives(b)
	r.Notes = e.notes(b)
	if opt.Explain {
		r.Trace = e.trace(a)
	}
	return r
}

func (e *Engine) rankFrameworks(b *board) []FrameworkScore {
	kb := e.kb
	out := make([]FrameworkScore, 0, len(kb.Frameworks))
	for i, f := range kb.Frameworks {
		fs := FrameworkScore{Framework: f.ID, Category: f.Category, Score: round(b.fw[i])}
		if c := e.fwCat[i]; c >= 0 {
			fs.Score = round(b.cat[c] + b.fw[i])
			fs.Eliminated = b.out(c)
		}
		for _, ri := range b.fwOut[i] {
			fs.Eliminated = true
			fs.EliminatedBy = append(fs.EliminatedBy, kb.Rules[ri].ID)
		}
		out = append(out, fs)
	}
	sort.SliceStable(out, func(i, j int) bool {
		// Reference-only frameworks sort last: they are never a pick.
		if (out[i].Category == "") != (out[j].Category == "") {
			return out[j].Category == ""
		}
		return out[i].Score > out[j].Score
	})
	return out
}

func (e *Engine) recommend(a rules.Answers, b *board, r *Result) Recommendation {
	kb := e.kb
	rec := Recommendation{Frameworks: []string{}}
	if b.winner < 0 {
		rec.Summary = "Every category was ruled out by a knock-out rule; see the alternatives for which rules did it."
		rec.CloseCall = true
		rec.CloseCallWhy = "nothing was left standing"
		return rec
	}
	cat := kb.Categories[b.winner]
	rec.Category, rec.Name = cat.ID, cat.Name
	var names []string
	for _, fs := range r.Frameworks {
		if fs.Category == cat.ID && !fs.Eliminated {
			rec.Frameworks = append(rec.Frameworks, fs.Framework)
			names = append(names, kb.Name(fs.Framework))
		}
	}
	m := b.margin()
	rec.Margin = -1
	lead := 1.0
	if !math.IsInf(m, 1) {
		rec.Margin = round(m)
		lead = 1 - math.Exp(-m/2)
	}
	answered := len(kb.Questions) - len(r.Unknown)
	if len(kb.Questions) > 0 {
		rec.Confidence = round(lead * float64(answered) / float64(len(kb.Questions)))
	}
	rec.Summary = cat.Summary
	if len(names) > 0 {
		rec.Summary = fmt.Sprintf("%s: %s. %s", cat.Name, rules.OrList(names), strings.TrimSpace(firstSentence(cat.Summary)))
	}
	switch {
	case len(b.fired) == 0:
		rec.CloseCall = true
		rec.CloseCallWhy = fmt.Sprintf("no answer tipped the balance yet: %s is first only by order; answer more questions to decide", cat.Name)
	case m == 0:
		rec.CloseCall = true
		rec.CloseCallWhy = fmt.Sprintf("a tie with %s, broken only by order", kb.Categories[b.runnerUp].Name)
	case m < CloseMargin:
		rec.CloseCall = true
		rec.CloseCallWhy = fmt.Sprintf("only %s ahead of %s", trimFloat(m), kb.Categories[b.runnerUp].Name)
	}
	if !rec.CloseCall {
		for _, cf := range r.Counterfactuals {
			if len(cf.Settles) > 0 && len(cf.Changes) == 1 {
				rec.CloseCall = true
				rec.CloseCallWhy = fmt.Sprintf("answering %s could change it to %s", cf.Settles[0], kb.Name(cf.Category))
				break
			}
		}
	}
	return rec
}

func (e *Engine) alternatives(b *board) []Alternative {
	kb := e.kb
	out := []Alternative{}
	for i, c := range kb.Categories {
		if i == b.winner {
			continue
		}
		alt := Alternative{Category: c.ID, Name: c.Name, Score: round(b.cat[i]), EliminatedBy: []Elimination{}, PulledDownBy: []string{}}
		if b.winner >= 0 {
			alt.ScoreGap = round(b.cat[b.winner] - b.cat[i])
		}
		for _, ri := range b.catOut[i] {
			alt.EliminatedBy = append(alt.EliminatedBy, Elimination{Rule: kb.Rules[ri].ID, Reason: kb.Rules[ri].Reason})
		}
		if b.blendOut[i] {
			alt.EliminatedBy = append(alt.EliminatedBy, Elimination{Reason: e.blendShortfall(b, i)})
		}
		alt.Eliminated = len(alt.EliminatedBy) > 0
		for _, ri := range b.fired {
			if w, ok := kb.Rules[ri].Effect.Weights[c.ID]; ok && w < 0 {
				alt.PulledDownBy = append(alt.PulledDownBy, kb.Rules[ri].ID)
			}
		}
		alt.WhyNot = e.whyNot(b, alt)
		out = append(out, alt)
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Eliminated != out[j].Eliminated {
			return !out[i].Eliminated
		}
		return out[i].Score > out[j].Score
	})
	return out
}

func (e *Engine) blendShortfall(b *board, cat int) string {
	kb := e.kb
	bl := kb.Categories[cat].Blend
	var parts []string
	for _, id := range bl.Of {
		c := kb.Category(id)
		parts = append(parts, fmt.Sprintf("%s %s", c.Name, trimFloat(round(b.cat[kb.CategoryIndex(id)]))))
	}
	return fmt.Sprintf("a hybrid needs strong signals on both sides (at least %s each); scores were %s",
		trimFloat(bl.MinEach), strings.Join(parts, ", "))
}

func (e *Engine) whyNot(b *board, alt Alternative) string {
	kb := e.kb
	if alt.Eliminated {
		var parts []string
		for _, el := range alt.EliminatedBy {
			if el.Rule != "" {
				parts = append(parts, fmt.Sprintf("ruled out by %s: %s", el.Rule, el.Reason))
			} else {
				parts = append(parts, "ruled out: "+el.Reason)
			}
		}
		return strings.Join(parts, "; ")
	}
	if b.winner < 0 {
		return ""
	}
	win := kb.Categories[b.winner].Name
	msg := fmt.Sprintf("scored %s, %s below %s", trimFloat(alt.Score), trimFloat(alt.ScoreGap), win)
	if alt.ScoreGap == 0 {
		msg = fmt.Sprintf("tied with %s at %s; the tie goes to the category listed first", win, trimFloat(alt.Score))
	}
	if len(alt.PulledDownBy) > 0 {
		msg += "; pulled down by " + strings.Join(alt.PulledDownBy, ", ")
	}
	return msg
}

// notes returns the article corrections that concern the winner or a
// framework it names, so the advice never leans on a dated claim unsaid.
func (e *Engine) notes(b *board) []Note {
	out := []Note{}
	if b.winner < 0 {
		return out
	}
	kb := e.kb
	win := kb.Categories[b.winner].ID
	for _, c := range kb.Corrections {
		for _, id := range c.AppliesTo {
			f := kb.Framework(id)
			if id == win || (f != nil && f.Category == win) {
				out = append(out, Note{ID: c.ID, Claim: c.Claim, Truth: c.Truth, Source: c.Source})
				break
			}
		}
	}
	return out
}

// round keeps scores to two decimals so float noise (0.1+0.2) never
// reaches the output and equal inputs print identically.
func round(f float64) float64 { return math.Round(f*100) / 100 }

func trimFloat(f float64) string { return fmt.Sprintf("%g", round(f)) }

func firstSentence(s string) string {
	if i := strings.Index(s, ". "); i >= 0 {
		return s[:i+1]
	}
	return s
}
