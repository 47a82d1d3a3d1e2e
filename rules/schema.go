package rules

import "strings"

// KB is a loaded, validated knowledge base. Slices keep the file's order,
// which is the order everything is shown in; lookups go through the index
// built by Load so that evaluation never scans.
type KB struct {
	// Version identifies this knowledge base in every output, so a saved
	// result can be traced back to the rules that produced it.
	Version string `yaml:"version" json:"version"`
	// Extends is "default" when a user's file adds to the embedded
	// knowledge base rather than replacing it.
	Extends     string       `yaml:"extends,omitempty" json:"extends,omitempty"`
	Questions   []Question   `yaml:"questions" json:"questions"`
	Categories  []Category   `yaml:"categories" json:"categories"`
	Frameworks  []Framework  `yaml:"frameworks" json:"frameworks"`
	Corrections []Correction `yaml:"corrections,omitempty" json:"corrections,omitempty"`
	Styles      []Style      `yaml:"styles,omitempty" json:"styles,omitempty"`
	Rules       []Rule       `yaml:"rules" json:"rules"`
	// Contradictions are answers that cannot all be true; the advice
	// warns about them and what-if suggestions never lead to one.
	Contradictions []Contradiction `yaml:"contradictions,omitempty" json:"contradictions,omitempty"`
	// Guidance is what to do once a kind of framework is chosen, shown
	// when its condition holds and its category is recommended.
	Guidance []Guidance `yaml:"guidance,omitempty" json:"guidance,omitempty"`
	// Plans are the ways from the framework a project runs on to a
	// different recommended kind, from least to most disruptive.
	Plans []PlanOption `yaml:"plans,omitempty" json:"plans,omitempty"`

	// File names where the knowledge base came from, for error messages.
	File string `yaml:"-" json:"-"`

	questionIdx  map[string]int
	categoryIdx  map[string]int
	frameworkIdx map[string]int
	ruleIdx      map[string]int
	// readers lists, by question key, the indices of the rules whose
	// conditions read it, in file order.
	readers map[string][]int
	// gates holds what each category needs, by index (see Gate).
	gates []*Gate
}

// Question types.
const (
	TypeChoice = "choice"
	TypeBool   = "bool"
	TypeInt    = "int"
)

// Question is one thing apiadvisor asks about a project.
type Question struct {
	// Key is the snake_case name used in conditions, answers files and JSON.
	Key    string `yaml:"key" json:"key"`
	Prompt string `yaml:"prompt" json:"prompt"`
	// Short is a one-line summary, lower-case and without a full stop,
	// for the question's flag in --help and in shell completion; the
	// prompt stands in when it is empty.
	Short string `yaml:"short,omitempty" json:"short,omitempty"`
	// Help says why the question is asked; the form shows it under the prompt.
	Help string `yaml:"help" json:"help"`
	Type string `yaml:"type" json:"type"`
	// Choices are the accepted values of a choice question, in display order.
	Choices []Choice `yaml:"choices,omitempty" json:"choices,omitempty"`
	// Min and Max bound an int question (inclusive).
	Min *int `yaml:"min,omitempty" json:"min,omitempty"`
	Max *int `yaml:"max,omitempty" json:"max,omitempty"`
	// AllowUnknown offers "Don't know" in the form.
	AllowUnknown bool `yaml:"allow_unknown" json:"allow_unknown"`
	// Fixed marks a fact about the project as it is (what it runs on):
	// what-if suggestions offer to answer it, never to change it.
	Fixed bool `yaml:"fixed,omitempty" json:"fixed,omitempty"`
	// Line is where the question starts in its file.
	Line int `yaml:"-" json:"-"`
	// choiceSet holds the values of a question with many choices, so
	// that checking one is not a scan (see indexChoices).
	choiceSet map[string]bool
}

// Choice is one accepted value of a choice question.
type Choice struct {
	Value string `yaml:"value" json:"value"`
	Label string `yaml:"label" json:"label"`
}

// Category is a kind of framework the advisor can recommend.
type Category struct {
	ID      string `yaml:"id" json:"id"`
	Name    string `yaml:"name" json:"name"`
	Summary string `yaml:"summary" json:"summary"`
	Source  string `yaml:"source" json:"source"`
	// AsOf is when the summary was last checked against its source.
	AsOf Date `yaml:"as_of,omitempty" json:"as_of,omitempty"`
	// Blend makes this category a combination of two others: it is only
	// a candidate when every category it blends scored at least MinEach.
	Blend *Blend `yaml:"blend,omitempty" json:"blend,omitempty"`
	// Requires gates the category: it is recommended only when the
	// condition holds, ruled out when it fails, and while it is unknown it
	// cannot win — the advice is then undecided until it is answered. A
	// blend without one needs what its sides need (see KB.Gate).
	Requires *Gate `yaml:"requires,omitempty" json:"requires,omitempty"`
	Line     int   `yaml:"-" json:"-"`
}

// Gate is a condition a category needs, with the reason shown when it
// fails or is still unknown.
type Gate struct {
	When   Condition `yaml:"when" json:"when"`
	Reason string    `yaml:"reason" json:"reason"`
	Source string    `yaml:"source" json:"source"`
	AsOf   Date      `yaml:"as_of,omitempty" json:"as_of,omitempty"`
}

// Blend describes a hybrid category. Its score is the mean of the blended
// categories' scores plus Bonus, so it wins only when both sides are strong
// and close; its own rules add to that.
type Blend struct {
	Of      []string `yaml:"of" json:"of"`
	MinEach float64  `yaml:"min_each" json:"min_each"`
	Bonus   float64  `yaml:"bonus" json:"bonus"`
}

// Framework is a concrete framework (or pairing) the advisor can name.
type Framework struct {
	ID   string `yaml:"id" json:"id"`
	Name string `yaml:"name" json:"name"`
	// Category is empty for frameworks listed for reference only: they are
	// described and compared but never recommended.
	Category string `yaml:"category,omitempty" json:"category,omitempty"`
	// Niche frameworks belong to their category but are named in a
	// recommendation only when a fired rule favours them (Quart for a
	// Flask codebase), so that a recommendation stays a short list.
	Niche bool   `yaml:"niche,omitempty" json:"niche,omitempty"`
	URL   string `yaml:"url" json:"url"`
	// Version is the newest release confirmed on its source, as of the
	// date given.
	Version *Version `yaml:"version,omitempty" json:"version,omitempty"`
	// Capabilities say what the framework brings for each thing a project
	// may need, by capability key (see CapabilityKeys).
	Capabilities map[string]Capability `yaml:"capabilities,omitempty" json:"capabilities,omitempty"`
	Facts        []Fact                `yaml:"facts" json:"facts"`
	Line         int                   `yaml:"-" json:"-"`
}

// Version is a release and where it was confirmed.
type Version struct {
	Number string `yaml:"number" json:"number"`
	Source string `yaml:"source" json:"source"`
	AsOf   Date   `yaml:"as_of" json:"as_of"`
}

// CapabilityKeys are the capabilities every framework is described by,
// in the order they are shown.
var CapabilityKeys = []string{"orm", "migrations", "admin", "openapi_docs", "async", "websockets", "dependency_injection", "validation"}

// CapabilityValues are what a capability can be.
var CapabilityValues = []string{"yes", "partial", "third-party", "no"}

// Capability is one thing a framework brings, or does not, with the
// sourced sentence that says so.
type Capability struct {
	Value  string `yaml:"value" json:"value"`
	Text   string `yaml:"text" json:"text"`
	Source string `yaml:"source" json:"source"`
	AsOf   Date   `yaml:"as_of" json:"as_of"`
}

// Fact is a short, sourced statement, true on the date it gives.
type Fact struct {
	Text   string `yaml:"text" json:"text"`
	Source string `yaml:"source" json:"source"`
	// AsOf is when the fact was last checked against its source.
	AsOf Date `yaml:"as_of,omitempty" json:"as_of,omitempty"`
	// Quote is the source's own words, when Text paraphrases one
	// sentence; a test finds every quote from the article in it.
	Quote string `yaml:"quote,omitempty" json:"quote,omitempty"`
}

// Date is a calendar day written YYYY-MM-DD; it stays a string so that
// YAML and JSON show it as written.
type Date string

// Correction records where the source article is dated or wrong, so the
// advisor states what is true instead of repeating the claim.
type Correction struct {
	ID        string   `yaml:"id" json:"id"`
	Claim     string   `yaml:"claim" json:"claim"`
	Truth     string   `yaml:"truth" json:"truth"`
	Source    string   `yaml:"source" json:"source"`
	AsOf      Date     `yaml:"as_of,omitempty" json:"as_of,omitempty"`
	AppliesTo []string `yaml:"applies_to" json:"applies_to"`
	Line      int      `yaml:"-" json:"-"`
}

// Style is an API architectural style or protocol (REST, GraphQL, gRPC):
// something a framework implements, not a framework. `compare` uses it to
// explain the category error in "FastAPI or REST API?".
type Style struct {
	ID      string   `yaml:"id" json:"id"`
	Name    string   `yaml:"name" json:"name"`
	Aliases []string `yaml:"aliases,omitempty" json:"aliases,omitempty"`
	Facts   []Fact   `yaml:"facts" json:"facts"`
	// Implementers are what a Python service uses to provide the style:
	// libraries for GraphQL and gRPC, the frameworks themselves for REST.
	Implementers []Implementer `yaml:"implementers" json:"implementers"`
	Line         int           `yaml:"-" json:"-"`
}

// Implementer is a library or framework that implements an API style.
type Implementer struct {
	Name string `yaml:"name" json:"name"`
	// Frameworks lists the framework ids it works with; empty means it
	// stands on its own (grpcio) or fits any of them (REST).
	Frameworks []string `yaml:"frameworks,omitempty" json:"frameworks,omitempty"`
	Text       string   `yaml:"text" json:"text"`
	Source     string   `yaml:"source" json:"source"`
	AsOf       Date     `yaml:"as_of" json:"as_of"`
}

// Rule turns a condition over answers into an effect on scores.
type Rule struct {
	ID string `yaml:"id" json:"id"`
	// Title names what the rule weighs in a few words ("thousands of
	// requests waiting on I/O"), for the form's help; see Rule.Topic.
	Title  string    `yaml:"title,omitempty" json:"title,omitempty"`
	When   Condition `yaml:"when" json:"when"`
	Effect Effect    `yaml:"effect" json:"effect"`
	Reason string    `yaml:"reason" json:"reason"`
	// Source is an https URL of official documentation, "article:
	// <section>" for the source article's opinion, or "rule of thumb" for
	// the knowledge base's own judgement; Basis follows from it.
	Source string `yaml:"source" json:"source"`
	// Quote is the article's own words, required when Source cites it.
	Quote string `yaml:"quote,omitempty" json:"quote,omitempty"`
	// AsOf is when the reason was last checked against its source.
	AsOf Date `yaml:"as_of,omitempty" json:"as_of,omitempty"`
	Line int  `yaml:"-" json:"-"`
}

// Kinds of basis a claim can have, from its source.
const (
	BasisFact        = "fact"
	BasisOpinion     = "opinion"
	BasisRuleOfThumb = "rule-of-thumb"
)

// RuleOfThumb is the source of a claim that is the knowledge base's own
// judgement rather than something documented.
const RuleOfThumb = "rule of thumb"

// Basis says what a source makes of a claim: a documented fact (an
// official URL), the source article's opinion, or a rule of thumb.
func Basis(source string) string {
	switch {
	case strings.HasPrefix(source, "article: "):
		return BasisOpinion
	case source == RuleOfThumb:
		return BasisRuleOfThumb
	}
	return BasisFact
}

// Contradiction is a set of answers that cannot all be true.
type Contradiction struct {
	ID     string    `yaml:"id" json:"id"`
	When   Condition `yaml:"when" json:"when"`
	Text   string    `yaml:"text" json:"text"`
	Source string    `yaml:"source" json:"source"`
	AsOf   Date      `yaml:"as_of,omitempty" json:"as_of,omitempty"`
	Line   int       `yaml:"-" json:"-"`
}

// Guidance is advice for after the choice: what a recommended kind of
// framework costs, or how to use it well for these answers.
type Guidance struct {
	ID string `yaml:"id" json:"id"`
	// Title is the one-line gist shown by default; Text the whole advice.
	Title string `yaml:"title" json:"title"`
	// When is the condition on answers; empty means always.
	When *Condition `yaml:"when,omitempty" json:"when,omitempty"`
	// AppliesTo lists the categories it concerns; empty means any.
	AppliesTo []string `yaml:"applies_to,omitempty" json:"applies_to,omitempty"`
	Text      string   `yaml:"text" json:"text"`
	Source    string   `yaml:"source" json:"source"`
	// Quote is the article's own words, required when Source cites it.
	Quote string `yaml:"quote,omitempty" json:"quote,omitempty"`
	AsOf  Date   `yaml:"as_of" json:"as_of"`
	Line  int    `yaml:"-" json:"-"`
}

// PlanOption is one way to move a project from the framework it runs on
// towards the recommended kind: coexisting first, rewriting last.
type PlanOption struct {
	ID    string `yaml:"id" json:"id"`
	Title string `yaml:"title" json:"title"`
	// From is the existing_stack answer it starts from; To the recommended
	// categories it leads to.
	From []string `yaml:"from" json:"from"`
	To   []string `yaml:"to" json:"to"`
	// Disruption orders the options: 1 changes least, higher more.
	Disruption int    `yaml:"disruption" json:"disruption"`
	Buys       string `yaml:"buys" json:"buys"`
	Costs      string `yaml:"costs" json:"costs"`
	// InUse names the parts of the current stack a step has to replace
	// when the answers say they are used (its ORM, migrations, admin):
	// Costs then lists those whose yes-or-no answer is yes.
	InUse  []InUse `yaml:"in_use,omitempty" json:"in_use,omitempty"`
	Source string  `yaml:"source" json:"source"`
	// Quote is the article's own words, required when Source cites it.
	Quote string `yaml:"quote,omitempty" json:"quote,omitempty"`
	AsOf  Date   `yaml:"as_of" json:"as_of"`
	Line  int    `yaml:"-" json:"-"`
}

// InUse is one part of the current stack a plan option names when a
// yes-or-no question says it is used.
type InUse struct {
	Key  string `yaml:"key" json:"key"`   // a yes-or-no question
	Name string `yaml:"name" json:"name"` // how the plan names the part
}

// Effect is what a fired rule does. Weights add to the scores of the named
// categories or frameworks (negative weights count against them);
// Eliminate knocks the named candidates out whatever their score.
type Effect struct {
	Weights   map[string]float64 `yaml:"weights,omitempty" json:"weights,omitempty"`
	Eliminate []string           `yaml:"eliminate,omitempty" json:"eliminate,omitempty"`
}
