package rules

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

	// File names where the knowledge base came from, for error messages.
	File string `yaml:"-" json:"-"`

	questionIdx  map[string]int
	categoryIdx  map[string]int
	frameworkIdx map[string]int
	ruleIdx      map[string]int
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
	// Line is where the question starts in its file.
	Line int `yaml:"-" json:"-"`
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
	// Blend makes this category a combination of two others: it is only
	// a candidate when every category it blends scored at least MinEach.
	Blend *Blend `yaml:"blend,omitempty" json:"blend,omitempty"`
	Line  int    `yaml:"-" json:"-"`
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
	URL      string `yaml:"url" json:"url"`
	Facts    []Fact `yaml:"facts" json:"facts"`
	Line     int    `yaml:"-" json:"-"`
}

// Fact is a short, sourced statement about a framework.
type Fact struct {
	Text   string `yaml:"text" json:"text"`
	Source string `yaml:"source" json:"source"`
}

// Correction records where the source article is dated or wrong, so the
// advisor states what is true instead of repeating the claim.
type Correction struct {
	ID        string   `yaml:"id" json:"id"`
	Claim     string   `yaml:"claim" json:"claim"`
	Truth     string   `yaml:"truth" json:"truth"`
	Source    string   `yaml:"source" json:"source"`
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
	Line    int      `yaml:"-" json:"-"`
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
	Source string    `yaml:"source" json:"source"`
	Line   int       `yaml:"-" json:"-"`
}

// Effect is what a fired rule does. Weights add to the scores of the named
// categories or frameworks (negative weights count against them);
// Eliminate knocks the named candidates out whatever their score.
type Effect struct {
	Weights   map[string]float64 `yaml:"weights,omitempty" json:"weights,omitempty"`
	Eliminate []string           `yaml:"eliminate,omitempty" json:"eliminate,omitempty"`
}
