package advisor

import (
	"fmt"
	"math"
	"slices"
	"sort"
	"strings"

	"github.com/apiadvisor/apiadvisor/rules"
)

// SchemaVersion is the version of the Result document. It changes only
// when a field is removed or changes meaning; new fields do not bump it.
// Version 2: a recommendation can be undecided, margin is never -1, and
// reasons carry a direction.
const SchemaVersion = 2

// Undecided is the recommendation's category when the answers do not
// separate the kinds of framework.
const Undecided = "undecided"

// CloseMargin is the score lead under which a recommendation is flagged as
// a close call. Weights in the default knowledge base run from 0.5 to 4,
// so a lead under 2 can be overturned by a single answer.
const CloseMargin = 2.0

// Reason directions: a fired rule spoke for the recommendation or against
// it.
const (
	For     = "for"
	Against = "against"
)

// Result is the advice for one set of answers, with everything needed to
// explain it. Its JSON form is apiadvisor's stable machine output.
type Result struct {
	SchemaVersion int           `json:"schema_version"`
	KBVersion     string        `json:"kb_version"`
	Answers       rules.Answers `json:"answers"`
	// AnswersSource says where each answer came from: flag, answers-file,
	// inferred (from the project, advise --from) or form. Set by the
	// command line, which knows.
	AnswersSource   map[string]string `json:"answers_source,omitempty"`
	Unknown         []string          `json:"unknown"`
	Recommendation  Recommendation    `json:"recommendation"`
	Scores          []CategoryScore   `json:"scores"`
	Frameworks      []FrameworkScore  `json:"frameworks"`
	Reasons         []Reason          `json:"reasons"`
	Alternatives    []Alternative     `json:"alternatives"`
	Counterfactuals []Counterfactual  `json:"counterfactuals"`
	// SearchCut is set when the counterfactual search ran out of its
	// work budget, so the list may be incomplete.
	SearchCut bool          `json:"search_cut,omitempty"`
	Warnings  []Warning     `json:"warnings"`
	Guidance  []GuidanceOut `json:"guidance"`
	// Plan is how to get from the framework the project runs on to the
	// recommended kind, least disruptive step first; empty when there is
	// nothing to move.
	Plan  []PlanStep  `json:"plan"`
	Notes []Note      `json:"notes"`
	Trace []RuleTrace `json:"trace,omitempty"`
	// Team compares the answers of several people, when the advice is a
	// team's (see Engine.Team).
	Team *Team `json:"team,omitempty"`
}

// Recommendation is the winning category and its frameworks, best first.
type Recommendation struct {
	// Category is the recommended category's id, or Undecided.
	Category   string   `json:"category"`
	Name       string   `json:"name"`
	Frameworks []string `json:"frameworks"`
	Summary    string   `json:"summary"`
	// Source and AsOf are where the category's summary comes from and when
	// it was last checked; empty when undecided.
	Source string     `json:"source,omitempty"`
	AsOf   rules.Date `json:"as_of,omitempty"`
	// Confidence is in [0,1]; see confidence for the formula. It is 0
	// when undecided.
	Confidence float64 `json:"confidence"`
	// Margin is the lead over the runner-up. A runner-up ruled out by a
	// knock-out still counts, at its score, and trails by at least
	// CloseMargin.
	Margin    float64 `json:"margin"`
	CloseCall bool    `json:"close_call"`
	// CloseCallWhy says in plain words why the call is close; empty when not.
	CloseCallWhy string `json:"close_call_why,omitempty"`
	// Deciding names, when undecided, the unanswered questions that would
	// decide it, most decisive first.
	Deciding []string `json:"deciding,omitempty"`
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
	Rule   string `json:"rule"`
	Text   string `json:"text"`
	Source string `json:"source"`
	// AsOf is when the rule's reason was last checked against its source.
	AsOf rules.Date `json:"as_of,omitempty"`
	// Basis is fact (an official source), opinion (the source article) or
	// rule-of-thumb (the knowledge base's own judgement).
	Basis string `json:"basis"`
	// Direction is For or Against the recommendation (when undecided, the
	// category leading on score).
	Direction string       `json:"direction"`
	Effect    rules.Effect `json:"effect"`
	// strength orders reasons within a direction.
	strength float64
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

// Elimination is one knock-out: the rule, or for a hybrid's threshold or
// a category's gate the unmet condition (Rule is then empty).
type Elimination struct {
	Rule   string `json:"rule,omitempty"`
	Reason string `json:"reason"`
}

// Warning says that some answers cannot all be true.
type Warning struct {
	ID        string   `json:"id"`
	Text      string   `json:"text"`
	Questions []string `json:"questions"`
}

// GuidanceOut is advice that applies to this recommendation.
type GuidanceOut struct {
	ID     string     `json:"id"`
	Title  string     `json:"title"`
	Text   string     `json:"text"`
	Source string     `json:"source"`
	AsOf   rules.Date `json:"as_of"`
}

// Note is a correction of the source article that bears on this advice.
type Note struct {
	ID     string `json:"id"`
	Claim  string `json:"claim"`
	Truth  string `json:"truth"`
	Source string `json:"source"`
	// AsOf is when the truth was last checked against its source.
	AsOf rules.Date `json:"as_of,omitempty"`
}

// Options select the costlier parts of a Result.
type Options struct {
	// Explain adds the full rule trace.
	Explain bool
	// SkipCounterfactuals leaves out the searches of the answer space:
	// what would change the advice, and (when undecided) which answers
	// would decide it. Scenario runs need neither.
	SkipCounterfactuals bool
	// scenario leaves out, besides the searches, what no scenario
	// checks: the alternatives and the notes, which cost a sentence per
	// category.
	scenario bool
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
		Counterfactuals: []Counterfactual{},
		Warnings:        e.warnings(a),
		Notes:           []Note{},
	}
	for _, q := range kb.Questions {
		if _, ok := a[q.Key]; !ok {
			r.Unknown = append(r.Unknown, q.Key)
		}
	}
	for i, c := range kb.Categories {
		r.Scores = append(r.Scores, CategoryScore{Category: c.ID, Score: round(b.cat[i]), Eliminated: b.out(i)})
	}
	r.Frameworks = e.rankFrameworks(b)
	if !opt.SkipCounterfactuals {
		r.Counterfactuals, r.SearchCut = e.counterfactuals(a, b)
	}
	r.Recommendation = e.recommend(a, b, r, !opt.SkipCounterfactuals)
	r.Reasons = e.reasons(b)
	r.Guidance = e.guidance(a, b)
	// Scenarios check the warnings, guidance and plan; what follows only
	// explains, and costs a scenario run its budget.
	r.Plan = e.plan(a, b)
	if opt.scenario {
		return r
	}
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

// recommend names the winner and its frameworks and says how sure it is.
func (e *Engine) recommend(a rules.Answers, b *board, r *Result, search bool) Recommendation {
	kb := e.kb
	rec := Recommendation{Frameworks: []string{}}
	win := b.winner()
	if win < 0 {
		return e.undecided(a, b, search)
	}
	cat := kb.Categories[win]
	rec.Category, rec.Name = cat.ID, cat.Name
	var names []string
	for _, fs := range r.Frameworks {
		if fs.Category != cat.ID || fs.Eliminated {
			continue
		}
		// A niche framework is named only when a rule favours it.
		if f := kb.Framework(fs.Framework); f.Niche && b.fw[kb.FrameworkIndex(f.ID)] <= 0 {
			continue
		}
		rec.Frameworks = append(rec.Frameworks, fs.Framework)
		names = append(names, kb.Name(fs.Framework))
	}
	m := e.margin(b, win)
	rec.Margin = round(m)
	rec.Summary, rec.Source, rec.AsOf = cat.Summary, cat.Source, cat.AsOf
	if len(names) > 0 {
		rec.Summary = fmt.Sprintf("%s: %s. %s", cat.Name, rules.OrList(names), rules.FirstSentence(cat.Summary))
	}
	rec.Confidence = confidence(m, len(kb.Questions)-len(r.Unknown), len(kb.Questions))
	if m < CloseMargin {
		rec.CloseCall = true
		rec.CloseCallWhy = fmt.Sprintf("only %s ahead of %s", trimFloat(m), kb.Categories[e.rival(b, win)].Name)
	}
	for _, cf := range r.Counterfactuals {
		if len(cf.Settles) == 1 && len(cf.Changes) == 1 {
			// One unknown answer could flip it: the lead means little.
			rec.Confidence = min(rec.Confidence, 0.5)
			if !rec.CloseCall {
				rec.CloseCall = true
				rec.CloseCallWhy = fmt.Sprintf("answering %s could change it to %s", cf.Settles[0], kb.Name(cf.Category))
			}
			break
		}
	}
	return rec
}

// confidence is (1 − e^(−margin/2)) × answered/asked: the first factor
// grows with the lead over the runner-up (0 for a tie, 0.63 for a lead of
// 2, 0.95 for 6), the second discounts for questions left unknown. The
// caller caps it at 0.5 when one unknown answer could flip the result.
func confidence(margin float64, answered, asked int) float64 {
	if asked == 0 {
		return 0
	}
	return round((1 - math.Exp(-margin/2)) * float64(answered) / float64(asked))
}

// margin is the winner's lead over its rival; a rival ruled out by a
// knock-out trails by at least CloseMargin, so the lead is never infinite.
func (e *Engine) margin(b *board, win int) float64 {
	rival := e.rival(b, win)
	if rival < 0 {
		return CloseMargin
	}
	m := b.cat[win] - b.cat[rival]
	if b.out(rival) {
		m = max(m, CloseMargin)
	}
	return m
}

// rival is the runner-up standing, else the best category ruled out.
func (e *Engine) rival(b *board, win int) int {
	if b.runnerUp >= 0 {
		return b.runnerUp
	}
	best := -1
	for i := range b.cat {
		if i != win && (best < 0 || b.cat[i] > b.cat[best]) {
			best = i
		}
	}
	return best
}

// undecided explains why no kind of framework can be recommended yet and,
// when search is set, names the answers that would decide it.
func (e *Engine) undecided(a rules.Answers, b *board, search bool) Recommendation {
	kb := e.kb
	rec := Recommendation{Category: Undecided, Name: "Undecided", Frameworks: []string{}, CloseCall: true}
	if search {
		rec.Deciding = e.deciding(a, b)
	}
	ask := DecideHint(rec.Deciding)
	switch {
	case b.leader < 0:
		rec.Summary = "Every kind of framework was ruled out; see the alternatives for what did it."
		rec.CloseCallWhy = "nothing was left standing"
	case b.gate[b.leader] == gatePending:
		g := kb.Gate(b.leader)
		rec.Summary = fmt.Sprintf("%s leads, but %s To decide, %s.", kb.Categories[b.leader].Name, strings.TrimSpace(g.Reason), ask)
		rec.CloseCallWhy = fmt.Sprintf("%s leads but needs an answer first", kb.Categories[b.leader].Name)
	case len(b.fired) == 0:
		rec.Summary = fmt.Sprintf("Too little is known to tell the kinds of framework apart. To decide, %s.", ask)
		rec.CloseCallWhy = "no answer separates the kinds of framework yet"
	default:
		rec.Summary = fmt.Sprintf("%s and %s are tied. To decide, %s.", kb.Categories[b.leader].Name, kb.Categories[b.runnerUp].Name, ask)
		rec.CloseCallWhy = "a tie"
	}
	return rec
}

// deciding ranks the unanswered questions by how much answering them
// decides: how far one answer moves the scores, then how many different
// recommendations their answers lead to. At most three are named.
func (e *Engine) deciding(a rules.Answers, base *board) []string {
	kb := e.kb
	type cand struct {
		key      string
		outcomes int
		swing    float64
		order    int
	}
	var cands []cand
	trial := a.Clone()
	scratch := e.newBoard()
	// A quarter of the counterfactual search's budget bounds this one:
	// undecided advice runs both, and this one only ranks a hint.
	left := searchBudget / 4
	for qi, q := range kb.Questions {
		if _, known := a[q.Key]; known {
			continue
		}
		seen := map[int]bool{}
		swing := 0.0
		for _, v := range e.cands[qi] {
			if left -= e.decideCost + 1; left < 0 {
				break
			}
			trial[q.Key] = v
			e.decideInto(trial, scratch)
			if w := scratch.winner(); w >= 0 {
				seen[w] = true
			}
			for i := range scratch.cat {
				swing = max(swing, math.Abs(scratch.cat[i]-base.cat[i]))
			}
		}
		delete(trial, q.Key)
		if len(seen) > 0 || swing > 0 {
			cands = append(cands, cand{q.Key, len(seen), swing, qi})
		}
	}
	sort.SliceStable(cands, func(i, j int) bool {
		if cands[i].swing != cands[j].swing {
			return cands[i].swing > cands[j].swing
		}
		return cands[i].outcomes > cands[j].outcomes
	})
	var out []string
	for _, c := range cands[:min(3, len(cands))] {
		out = append(out, c.key)
	}
	return out
}

// reasons lists the fired rules, each for or against the recommendation
// (or, when undecided, the category leading on score): for when it
// raised the recommended kind (a hybrid's sides included) or one of its
// frameworks, or ruled out a rival; against otherwise. Strongest first
// within each direction.
func (e *Engine) reasons(b *board) []Reason {
	kb := e.kb
	ref := b.winner()
	if ref < 0 {
		ref = b.leader
	}
	sides := map[int]bool{}
	if ref >= 0 {
		sides[ref] = true
		for _, bl := range e.blends {
			if bl.cat == ref {
				for _, of := range bl.of {
					sides[of] = true
				}
			}
		}
	}
	out := []Reason{}
	for _, i := range b.fired {
		rule := &kb.Rules[i]
		var pro, con float64
		for _, w := range e.effects[i].weights {
			cat := w.idx
			if w.fw {
				cat = e.fwCat[w.idx]
			}
			switch {
			case sides[cat] && w.w > 0:
				pro += w.w
			case sides[cat]:
				con -= w.w
			case w.w > 0:
				con += w.w
			default:
				pro -= w.w
			}
		}
		for _, t := range e.effects[i].eliminate {
			cat := t.idx
			if t.fw {
				cat = e.fwCat[t.idx]
			}
			if sides[cat] {
				con += CloseMargin
			} else {
				pro += CloseMargin
			}
		}
		r := Reason{Rule: rule.ID, Text: rule.Reason, Source: rule.Source, AsOf: rule.AsOf, Basis: rules.Basis(rule.Source), Effect: rule.Effect, Direction: For, strength: pro - con}
		if con > pro {
			r.Direction, r.strength = Against, con-pro
		}
		out = append(out, r)
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Direction != out[j].Direction {
			return out[i].Direction == For
		}
		return out[i].strength > out[j].strength
	})
	return out
}

func (e *Engine) alternatives(b *board) []Alternative {
	kb := e.kb
	win := b.winner()
	// The fired rules that weighed against each category, gathered in
	// one pass over what fired rather than one per category.
	pulledDown := make([][]string, len(kb.Categories))
	for _, ri := range b.fired {
		for _, w := range e.effects[ri].weights {
			if !w.fw && w.w < 0 {
				pulledDown[w.idx] = append(pulledDown[w.idx], kb.Rules[ri].ID)
			}
		}
	}
	out := []Alternative{}
	for i, c := range kb.Categories {
		if i == win {
			continue
		}
		alt := Alternative{Category: c.ID, Name: c.Name, Score: round(b.cat[i]), EliminatedBy: []Elimination{}, PulledDownBy: []string{}}
		if win >= 0 {
			alt.ScoreGap = round(b.cat[win] - b.cat[i])
		}
		for _, ri := range b.catOut[i] {
			alt.EliminatedBy = append(alt.EliminatedBy, Elimination{Rule: kb.Rules[ri].ID, Reason: kb.Rules[ri].Reason})
		}
		if b.blendOut[i] {
			alt.EliminatedBy = append(alt.EliminatedBy, Elimination{Reason: e.blendShortfall(b, i)})
		}
		if b.gate[i] == gateFailed {
			alt.EliminatedBy = append(alt.EliminatedBy, Elimination{Reason: strings.TrimSpace(kb.Gate(i).Reason)})
		}
		alt.Eliminated = len(alt.EliminatedBy) > 0
		alt.PulledDownBy = append(alt.PulledDownBy, pulledDown[i]...)
		alt.WhyNot = e.whyNot(b, win, i, alt)
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

func (e *Engine) whyNot(b *board, win, cat int, alt Alternative) string {
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
	if b.gate[cat] == gatePending {
		return "not yet decidable: " + lowerFirst(strings.TrimSpace(kb.Gate(cat).Reason))
	}
	if win < 0 {
		return fmt.Sprintf("scored %s", trimFloat(alt.Score))
	}
	name := kb.Categories[win].Name
	msg := fmt.Sprintf("scored %s, %s below %s", trimFloat(alt.Score), trimFloat(alt.ScoreGap), name)
	if len(alt.PulledDownBy) > 0 {
		msg += "; pulled down by " + strings.Join(alt.PulledDownBy, ", ")
	}
	return msg
}

// warnings lists the contradictions among the answers.
func (e *Engine) warnings(a rules.Answers) []Warning {
	out := []Warning{}
	for _, c := range e.kb.Contradictions {
		if c.When.Eval(a) == rules.True {
			out = append(out, Warning{ID: c.ID, Text: c.Text, Questions: c.When.Keys()})
		}
	}
	return out
}

// contradicts reports whether answers would raise a warning; the
// counterfactual search never suggests such a combination.
func (e *Engine) contradicts(a rules.Answers) bool {
	for i := range e.kb.Contradictions {
		if e.kb.Contradictions[i].When.Eval(a) == rules.True {
			return true
		}
	}
	return false
}

// guidance lists the advice whose condition holds and which concerns the
// recommended kind of framework (any kind, when undecided, only advice
// meant for every kind).
func (e *Engine) guidance(a rules.Answers, b *board) []GuidanceOut {
	kb := e.kb
	win := b.winner()
	out := []GuidanceOut{}
	for _, g := range kb.Guidance {
		if g.When != nil && g.When.Eval(a) != rules.True {
			continue
		}
		if len(g.AppliesTo) > 0 && (win < 0 || !slices.Contains(g.AppliesTo, kb.Categories[win].ID)) {
			continue
		}
		out = append(out, GuidanceOut{ID: g.ID, Title: g.Title, Text: g.Text, Source: g.Source, AsOf: g.AsOf})
	}
	return out
}

// notes returns the article corrections that concern the winner or a
// framework it names, so the advice never leans on a dated claim unsaid.
func (e *Engine) notes(b *board) []Note {
	out := []Note{}
	win := b.winner()
	if win < 0 {
		return out
	}
	kb := e.kb
	id := kb.Categories[win].ID
	for _, c := range kb.Corrections {
		for _, target := range c.AppliesTo {
			f := kb.Framework(target)
			if target == id || (f != nil && f.Category == id) {
				out = append(out, Note{ID: c.ID, Claim: c.Claim, Truth: c.Truth, Source: c.Source, AsOf: c.AsOf})
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

func lowerFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToLower(s[:1]) + s[1:]
}
