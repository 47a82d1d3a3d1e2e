package report

import (
	"fmt"
	"maps"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/apiadvisor/apiadvisor/rules"
	"go.yaml.in/yaml/v3"
)

// RecordFormat is the layout of a decision record. See docs/records.md
// for what each ADR tool reads and why there are two.
type RecordFormat string

const (
	// MADR is MADR 4.0: YAML front matter, the title, then MADR's
	// sections. A "* Status:" line under the title is what log4brains
	// reads; adr-tools cannot read a record that starts with front matter.
	MADR RecordFormat = "madr"
	// Nygard is adr-tools' template ("# N. Title", "Date:", "## Status",
	// "## Context", "## Decision", "## Consequences"), so that `adr list`,
	// `adr generate toc` and `adr new -s N` work on it.
	Nygard RecordFormat = "nygard"
)

// RecordFormats lists the record formats, the default first.
var RecordFormats = []RecordFormat{MADR, Nygard}

// RecordOptions say how a decision record is written.
type RecordOptions struct {
	// Format is MADR (the default) or Nygard.
	Format RecordFormat
	// Number is the record's number in its directory; the Nygard title
	// carries it. 0 leaves it out: the record is printed, not filed.
	Number int
	// ReviewBy is the day (YYYY-MM-DD) after which `revisit` reports the
	// record as due even if nothing changed.
	ReviewBy       string
	DecisionMakers []string
	// Component names the part of the system the record is about, for
	// projects that keep one record per component.
	Component string
	// Supersedes is the record this one replaces.
	Supersedes *RecordLink
}

// RecordLink points at another record in the same directory.
type RecordLink struct {
	Number int    `json:"number"`
	Title  string `json:"title"`
	File   string `json:"file"`
}

// markdown is the link as adr-tools writes it: "[N. Title](file)".
func (l RecordLink) markdown() string {
	return fmt.Sprintf("[%d. %s](%s)", l.Number, md(l.Title), l.File)
}

// slugLink is the link as log4brains writes it, the file's name as its
// text: log4brains reads a superseding record's slug from the status
// line's text, and the line then has no space past column 80.
func (l RecordLink) slugLink() string {
	return fmt.Sprintf("[%s](%s)", strings.TrimSuffix(l.File, ".md"), l.File)
}

// FrontMatter is what a record says about itself: MADR's own keys first,
// then apiadvisor's. A MADR record holds it as YAML front matter; a
// Nygard record, which adr-tools needs to start with its title, holds it
// (without status and date, which its body gives) under "## Record data".
type FrontMatter struct {
	Status         string      `yaml:"status,omitempty" json:"status,omitempty"`
	Date           string      `yaml:"date,omitempty" json:"date,omitempty"`
	DecisionMakers []string    `yaml:"decision-makers" json:"decision_makers"`
	Consulted      []string    `yaml:"consulted" json:"consulted"`
	Informed       []string    `yaml:"informed,omitempty" json:"informed,omitempty"`
	ReviewBy       string      `yaml:"review-by,omitempty" json:"review_by,omitempty"`
	Apiadvisor     *Provenance `yaml:"apiadvisor,omitempty" json:"apiadvisor,omitempty"`
}

// Provenance is what produced a record — the answers and where they came
// from, the knowledge base, the outcome and every claim it relied on —
// so that `revisit` can re-run it and say what changed since.
type Provenance struct {
	KBVersion     string            `yaml:"kb_version" json:"kb_version"`
	Category      string            `yaml:"category" json:"category"`
	Frameworks    []string          `yaml:"frameworks" json:"frameworks"`
	Answers       StoredAnswers     `yaml:"answers" json:"answers"`
	AnswersSource map[string]string `yaml:"answers_source,omitempty" json:"answers_source,omitempty"`
	Component     string            `yaml:"component,omitempty" json:"component,omitempty"`
	ReliedOn      []Claim           `yaml:"relied_on" json:"relied_on"`
}

// Claim kinds: what in the knowledge base a record relied on.
const (
	ClaimRule       = "rule"
	ClaimGuidance   = "guidance"
	ClaimCorrection = "correction"
	ClaimVersion    = "version"
	ClaimCapability = "capability"
)

// Claim is one sourced statement a record relied on, as it read on the
// day: a fired rule's reason, guidance, a correction of the source
// article, or a recommended framework's version or capability. ID is
// stable across knowledge-base versions: the rule, guidance or
// correction id, "<framework>/version" or "<framework>/<capability>".
type Claim struct {
	ID     string     `yaml:"id" json:"id"`
	Kind   string     `yaml:"kind" json:"kind"`
	Text   string     `yaml:"text" json:"text"`
	Source string     `yaml:"source,omitempty" json:"source,omitempty"`
	AsOf   rules.Date `yaml:"as_of,omitempty" json:"as_of,omitempty"`
}

// StoredAnswers are the answers a record was produced from, in question
// order. Written, each value has its type (team_size: 4, orm: false); read
// back, each is the text as written, which Parse reads with the types of
// the questions of the day — so an int stays an int, and an answer the
// knowledge base no longer accepts is reported rather than guessed at.
type StoredAnswers []StoredAnswer

// StoredAnswer is one answer of StoredAnswers.
type StoredAnswer struct {
	Key   string
	Value any
}

// storeAnswers orders answers as kb asks its questions; answers to
// questions kb does not ask follow, sorted.
func storeAnswers(kb *rules.KB, a rules.Answers) StoredAnswers {
	out := StoredAnswers{}
	for _, k := range answerOrder(kb, a) {
		out = append(out, StoredAnswer{k, a[k]})
	}
	return out
}

// MarshalYAML writes the answers as a mapping in their order.
func (s StoredAnswers) MarshalYAML() (any, error) {
	n := &yaml.Node{Kind: yaml.MappingNode}
	for _, a := range s {
		var v yaml.Node
		if err := v.Encode(a.Value); err != nil {
			return nil, err
		}
		n.Content = append(n.Content, &yaml.Node{Kind: yaml.ScalarNode, Value: a.Key}, &v)
	}
	return n, nil
}

// UnmarshalYAML keeps each answer's text as written, for Parse.
func (s *StoredAnswers) UnmarshalYAML(n *yaml.Node) error {
	if n.Kind == yaml.ScalarNode && n.Tag == "!!null" {
		*s = StoredAnswers{}
		return nil
	}
	if n.Kind != yaml.MappingNode {
		return fmt.Errorf("line %d: answers: want a mapping of question keys to answers", n.Line)
	}
	out := StoredAnswers{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if v.Kind != yaml.ScalarNode {
			return fmt.Errorf("line %d: answer %q: want a single value", v.Line, k.Value)
		}
		if v.Tag == "!!null" {
			continue
		}
		out = append(out, StoredAnswer{k.Value, v.Value})
	}
	*s = out
	return nil
}

// Parse reads the answers with the types of kb's questions. Answers kb
// cannot take — a question it no longer asks, a value it no longer
// accepts — are left out and described in problems.
func (s StoredAnswers) Parse(kb *rules.KB) (rules.Answers, []string) {
	out := rules.Answers{}
	var problems []string
	for _, a := range s {
		text := rules.Format(a.Value)
		q := kb.Question(a.Key)
		if q == nil {
			problems = append(problems, fmt.Sprintf("question %q is no longer asked (the record answered %q)", a.Key, text))
			continue
		}
		v, err := q.Parse(text)
		if err != nil {
			problems = append(problems, fmt.Sprintf("answer %q to %q is no longer accepted: %v", text, a.Key, err))
			continue
		}
		out[a.Key] = v
	}
	return out, problems
}

// ReliedOn lists the claims the advice rests on, each as the knowledge
// base words it today: the fired rules, the guidance and corrections
// shown, and the version and capabilities of every recommended framework.
func ReliedOn(a Advice) []Claim {
	kb := a.KB
	out := []Claim{}
	add := func(kind, id string) {
		if c, ok := CurrentClaim(kb, kind, id); ok {
			out = append(out, c)
		}
	}
	for _, r := range a.Reasons {
		add(ClaimRule, r.Rule)
	}
	for _, g := range a.Guidance {
		add(ClaimGuidance, g.ID)
	}
	for _, n := range a.Notes {
		add(ClaimCorrection, n.ID)
	}
	for _, id := range a.Recommendation.Frameworks {
		add(ClaimVersion, id+"/version")
		f := kb.Framework(id)
		if f == nil {
			continue
		}
		for _, key := range capabilityOrder(f) {
			add(ClaimCapability, id+"/"+key)
		}
	}
	return out
}

// capabilityOrder is CapabilityKeys, then any other keys a rules file
// gave the framework, sorted.
func capabilityOrder(f *rules.Framework) []string {
	var keys []string
	for _, k := range rules.CapabilityKeys {
		if _, ok := f.Capabilities[k]; ok {
			keys = append(keys, k)
		}
	}
	for _, k := range slices.Sorted(maps.Keys(f.Capabilities)) {
		if !slices.Contains(rules.CapabilityKeys, k) {
			keys = append(keys, k)
		}
	}
	return keys
}

// CurrentClaim is the claim of the given kind and id as kb words it, and
// false when kb has no such claim. ReliedOn and revisit both go through
// it, so a claim compares equal exactly when kb still says the same.
func CurrentClaim(kb *rules.KB, kind, id string) (Claim, bool) {
	c := Claim{ID: id, Kind: kind}
	switch kind {
	case ClaimRule:
		r := kb.Rule(id)
		if r == nil {
			return c, false
		}
		c.Text, c.Source, c.AsOf = r.Reason, r.Source, r.AsOf
		return c, true
	case ClaimGuidance:
		for _, g := range kb.Guidance {
			if g.ID == id {
				c.Text, c.Source, c.AsOf = g.Text, g.Source, g.AsOf
				return c, true
			}
		}
	case ClaimCorrection:
		for _, x := range kb.Corrections {
			if x.ID == id {
				c.Text, c.Source, c.AsOf = x.Truth, x.Source, x.AsOf
				return c, true
			}
		}
	case ClaimVersion:
		f := kb.Framework(strings.TrimSuffix(id, "/version"))
		if f == nil || f.Version == nil || !strings.HasSuffix(id, "/version") {
			return c, false
		}
		c.Text, c.Source, c.AsOf = f.Version.Number, f.Version.Source, f.Version.AsOf
		return c, true
	case ClaimCapability:
		fw, key, ok := strings.Cut(id, "/")
		f := kb.Framework(fw)
		if !ok || f == nil {
			return c, false
		}
		fc, ok := f.Capabilities[key]
		if !ok {
			return c, false
		}
		c.Text, c.Source, c.AsOf = fc.Value+": "+fc.Text, fc.Source, fc.AsOf
		return c, true
	}
	return c, false
}

// frontMatter is what the record says about itself.
func (a Advice) frontMatter(o Options) FrontMatter {
	r := o.Record
	fm := FrontMatter{
		Status:         "proposed",
		Date:           o.Date,
		DecisionMakers: nonNil(a.decisionMakers(r)),
		Consulted:      []string{},
		ReviewBy:       r.ReviewBy,
		Apiadvisor: &Provenance{
			KBVersion:     a.KBVersion,
			Category:      a.Recommendation.Category,
			Frameworks:    nonNil(a.Recommendation.Frameworks),
			Answers:       storeAnswers(a.KB, a.Answers),
			AnswersSource: a.AnswersSource,
			Component:     r.Component,
			ReliedOn:      ReliedOn(a),
		},
	}
	return fm
}

// decisionMakers are the ones the options name, else a team's members.
func (a Advice) decisionMakers(r RecordOptions) []string {
	if len(r.DecisionMakers) > 0 || a.Team == nil {
		return r.DecisionMakers
	}
	return a.Team.Names()
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// encodeYAML writes v as block YAML indented by four spaces. The indent
// is what keeps front matter inert for log4brains, which parses the
// whole file as markdown: a line indented by four or more can continue a
// paragraph but never start a list, heading or quote (see docs/records.md).
// It can still hold inline HTML, so no '<' is written: a string holding
// one is double-quoted, where YAML reads the escape \x3C as '<'. Dates
// are written plain (2026-12-01), as MADR writes them.
func encodeYAML(v any) (string, error) {
	// v is encoded as a flow value, where yaml.v3 double-quotes a string
	// of several lines, then laid out as blocks again (see unflow).
	var wrapped yaml.Node
	if err := wrapped.Encode(struct {
		V any `yaml:"v,flow"`
	}{v}); err != nil {
		return "", err
	}
	n := *wrapped.Content[1]
	unflow(&n)
	plainDates(&n)
	quoteAngles(&n)
	var b strings.Builder
	enc := yaml.NewEncoder(&b)
	enc.SetIndent(4)
	if err := enc.Encode(&n); err != nil {
		return "", err
	}
	if err := enc.Close(); err != nil {
		return "", err
	}
	return strings.ReplaceAll(foldLong(b.String(), DefaultWidth), "<", `\x3C`), nil
}

// quoteAngles double-quotes every scalar holding a '<', so that
// encodeYAML can write it escaped.
func quoteAngles(n *yaml.Node) {
	if n.Kind == yaml.ScalarNode && strings.Contains(n.Value, "<") {
		n.Style = yaml.DoubleQuotedStyle
	}
	for _, c := range n.Content {
		quoteAngles(c)
	}
}

// foldLong rewrites each "key: value" line wider than width whose value
// is a one-line string as a folded block scalar (">-") wrapped at width,
// which reads back as the same string: the encoder has no line width of
// its own, and a record is read in editors and diffs as well as parsed.
// Should the folded YAML not decode to what the original did, the
// original is returned.
func foldLong(doc string, width int) string {
	lines := strings.Split(doc, "\n")
	changed := false
	for i, l := range lines {
		if len(l) <= width {
			continue
		}
		m := yamlPair().FindStringSubmatch(l)
		if m == nil {
			continue
		}
		var v map[string]any
		if yaml.Unmarshal([]byte("v: "+m[3]), &v) != nil {
			continue
		}
		text, ok := v["v"].(string)
		if !ok || !foldable(text) {
			continue
		}
		indent := strings.Repeat(" ", len(m[1])+4)
		wrapped := wrapText(text, width-len(indent))
		if slices.ContainsFunc(wrapped, func(w string) bool { return w == "" || w[0] == ' ' }) {
			continue
		}
		lines[i] = m[1] + m[2] + ": >-\n" + indent + strings.Join(wrapped, "\n"+indent)
		changed = true
	}
	if !changed {
		return doc
	}
	folded := strings.Join(lines, "\n")
	var was, now any
	if yaml.Unmarshal([]byte(doc), &was) != nil || yaml.Unmarshal([]byte(folded), &now) != nil || !reflect.DeepEqual(was, now) {
		return doc
	}
	return folded
}

// yamlPair matches "key: value" with its indentation and any "- ".
var yamlPair = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^(\s*(?:- )?)([A-Za-z_][\w-]*): (\S.*)$`) })

// foldable reports whether folding keeps text as it is: single spaces
// between words, nothing at either end, no line breaks or tabs.
func foldable(text string) bool {
	return strings.Contains(text, " ") && !strings.ContainsAny(text, "\n\t\r<") && !strings.Contains(text, "  ") &&
		strings.TrimSpace(text) == text
}

var dateLike = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^\d{4}-\d{2}-\d{2}$`) })

// plainDates lets the encoder write YYYY-MM-DD strings unquoted: tagged
// as timestamps they resolve as they are written, and read back into a
// string field unchanged.
func plainDates(n *yaml.Node) {
	if n.Kind == yaml.ScalarNode && n.Tag == "!!str" && dateLike().MatchString(n.Value) {
		n.Tag, n.Style = "!!timestamp", 0
	}
	for _, c := range n.Content {
		plainDates(c)
	}
}

// Slug is a title as adr-tools makes it a file name: every run of
// characters other than ASCII letters and digits becomes one hyphen, the
// result is lower-cased and trimmed of hyphens ("Use Django + DRF &
// adrf" → "use-django-drf-adrf"). adr-new does it with
// tr -Ccs '[:alnum:]' - | tr '[:upper:]' '[:lower:]' and sed.
func Slug(title string) string {
	var b strings.Builder
	hyphen := false
	for i := 0; i < len(title); i++ {
		c := title[i]
		switch {
		case c >= 'a' && c <= 'z', c >= '0' && c <= '9':
			b.WriteByte(c)
			hyphen = false
		case c >= 'A' && c <= 'Z':
			b.WriteByte(c + 'a' - 'A')
			hyphen = false
		case !hyphen:
			b.WriteByte('-')
			hyphen = true
		}
	}
	return strings.Trim(b.String(), "-")
}

// RecordNumber is the number a record's file name starts with, and false
// for a name that is not NNNN-….md (four digits or more, as ADR tools
// number them).
func RecordNumber(file string) (int, bool) {
	m := numberedFile().FindStringSubmatch(file)
	if m == nil {
		return 0, false
	}
	n, err := strconv.Atoi(m[1])
	return n, err == nil
}

var numberedFile = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^(\d{4,})-[^/]*\.md$`) })

// RecordFileName is the file a record is written to: its number and the
// slug of its title, "0003-use-django-with-django-ninja.md".
func RecordFileName(number int, title string) string {
	slug := Slug(title)
	if slug == "" {
		slug = "decision"
	}
	return fmt.Sprintf("%04d-%s.md", number, slug)
}
