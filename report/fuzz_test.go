package report

import (
	"fmt"
	"os"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/apiadvisor/apiadvisor/advisor"
	"github.com/apiadvisor/apiadvisor/rules"
)

// fuzzStyle adds an API style to the fixture knowledge base, so that the
// category-error comparison is rendered too.
const fuzzStyle = `
styles:
  - id: rest
    name: REST
    aliases: [rest-api]
    facts:
      - {text: An architectural style., source: "https://example.org/rest", as_of: 2026-01-01}
    implementers:
      - {name: Any of them, text: Every framework here serves REST., source: "https://example.org/rest", as_of: 2026-01-01}
`

// identity are the fields that evaluation or lookups rely on; the fuzz
// leaves them alone so that a string changes what is shown, never what
// is decided. Category, framework and style ids, question keys and
// choice values are also held to patterns by validation.
var identity = map[string]bool{
	"Key": true, "Type": true, "Value": true, "Category": true, "Extends": true, "Of": true,
	"AppliesTo": true, "Eliminate": true, "Frameworks": true, "Aliases": true, "When": true, "Effect": true,
}

// identityIDs are the types whose ID is looked up by id.
var identityIDs = map[reflect.Type]bool{
	reflect.TypeOf(rules.Category{}): true, reflect.TypeOf(rules.Framework{}): true, reflect.TypeOf(rules.Style{}): true,
}

// fill sets every string that reaches output under v to s.
func fill(v reflect.Value, s string) {
	switch v.Kind() {
	case reflect.Pointer:
		if !v.IsNil() {
			fill(v.Elem(), s)
		}
	case reflect.Struct:
		for i := 0; i < v.NumField(); i++ {
			f := v.Type().Field(i)
			if !f.IsExported() || identity[f.Name] || (f.Name == "ID" && identityIDs[v.Type()]) {
				continue
			}
			fill(v.Field(i), s)
		}
	case reflect.Slice:
		for i := 0; i < v.Len(); i++ {
			fill(v.Index(i), s)
		}
	case reflect.Map:
		for _, k := range v.MapKeys() {
			e := reflect.New(v.Type().Elem()).Elem()
			e.Set(v.MapIndex(k))
			fill(e, s)
			v.SetMapIndex(k, e)
		}
	case reflect.String:
		v.SetString(s)
	}
}

// renderAll writes every document the report package has, in text (at
// the given width, brief and explained) and markdown, from a knowledge
// base whose every shown string is s. It returns the text outputs and
// the markdown outputs.
func renderAll(t testing.TB, src []byte, s string, width int) (texts, marks []string) {
	kb, err := rules.Load(strings.NewReader(string(src)), "fixture.yaml")
	if err != nil {
		t.Fatal(err)
	}
	fill(reflect.ValueOf(kb), s)
	e := advisor.New(kb)
	render := func(f Format, doc any, o Options) string {
		var b strings.Builder
		o.Width = width
		if err := Render(&b, f, doc, o); err != nil {
			t.Fatalf("%T as %s: %v", doc, f, err)
		}
		return b.String()
	}
	decided := Advice{Result: e.Advise(rules.Answers{"load": "high", "team": 3, "docs": true, "store": true, "admin": false}, advisor.Options{Explain: true}), KB: kb}
	undecided := Advice{Result: e.Advise(rules.Answers{}, advisor.Options{Explain: true}), KB: kb}
	same, err := advisor.Compare(kb, "swift", "sturdy")
	if err != nil {
		t.Fatal(err)
	}
	style, err := advisor.Compare(kb, "swift", "rest")
	if err != nil {
		t.Fatal(err)
	}
	var questions QuestionList
	for _, q := range kb.Questions {
		questions = append(questions, QuestionInfo{Question: q, Flag: "--answer " + s, Accepted: q.Accepted(), Feeds: kb.RulesReading(q.Key)})
	}
	var ruleList RuleList
	for i := range kb.Rules {
		ruleList = append(ruleList, ViewRule(kb, &kb.Rules[i]))
	}
	validation := NewValidation(s, []rules.Problem{
		{File: s, Line: 3, ID: s, Severity: rules.SevError, Message: s},
		{File: s, ID: s, Severity: rules.SevWarning, Message: "warning: " + s},
	})
	run := NewScenarioRun(e, []rules.Scenario{
		{Name: s, File: s, Line: 1, Answers: rules.Answers{"load": "high"}, Expect: rules.Expect{Category: s, Fired: []string{s}, Frameworks: []string{s}}},
		{Name: s, File: s, Line: 2, Answers: rules.Answers{}},
	})
	docs := []any{decided, undecided, Comparison{Comparison: same, KB: kb}, Comparison{Comparison: style, KB: kb},
		FrameworkList(kb.Frameworks), FrameworkView{Framework: &kb.Frameworks[0]}, questions, ruleList, ruleList[0], validation, run}
	for _, doc := range docs {
		texts = append(texts, render(Text, doc, Options{}), render(Text, doc, Options{Explain: true}))
	}
	for _, doc := range []any{decided, Comparison{Comparison: same, KB: kb}, Comparison{Comparison: style, KB: kb}} {
		marks = append(marks, render(Markdown, doc, Options{Date: "2026-01-02"}))
	}
	return texts, marks
}

// controlIn returns the first control character in out — a C0 byte
// other than newline and tab, DEL, a C1 code point — or an invalid UTF-8
// sequence (which an 8-bit terminal may read as C1), and where it is.
func controlIn(out string) (string, int) {
	for i := 0; i < len(out); {
		r, size := utf8.DecodeRuneInString(out[i:])
		if r == utf8.RuneError && size <= 1 {
			return fmt.Sprintf("invalid UTF-8 %#x", out[i]), i
		}
		if rules.IsControl(r) {
			return fmt.Sprintf("%U", r), i
		}
		i += size
	}
	return "", -1
}

// shape counts what markdown structure a record has: headings, lines
// starting with --- (front matter, breaks), and the line starts of
// quotes, lists and HTML.
func shape(md string) map[string]int {
	counts := map[string]int{}
	for _, l := range strings.Split(md, "\n") {
		for _, p := range []string{"#", "---", "- ", "+ ", "> ", "=", "<", "~~~", "```"} {
			if strings.HasPrefix(l, p) {
				counts[p]++
			}
		}
	}
	return counts
}

// rawHTML finds a '<' in md that does not open an autolink to a URL with
// nothing that could end it early: the start of an HTML tag.
func rawHTML(md string) int {
	for i := 0; i < len(md); i++ {
		if md[i] != '<' {
			continue
		}
		rest := md[i+1:]
		end := strings.IndexByte(rest, '>')
		link := rest[:max(end, 0)]
		if end < 0 || !(strings.HasPrefix(link, "https://") || strings.HasPrefix(link, "http://")) ||
			strings.ContainsAny(link, " \t\n<\"'`\\") {
			return i
		}
	}
	return -1
}

// FuzzRenderedText puts arbitrary text — escape sequences, C0 and C1
// controls, invalid UTF-8, markdown and HTML — in every string of a
// knowledge base that reaches output, renders every document as text
// and markdown, and checks that no control character from the input
// reaches the text, and that in markdown the input opens no heading,
// front matter, block or HTML tag.
func FuzzRenderedText(f *testing.F) {
	src, err := os.ReadFile("../testdata/fixture/kb.yaml")
	if err != nil {
		f.Fatal(err)
	}
	src = append(src, fuzzStyle...)
	for _, s := range []string{
		"\x1b]0;title\a", "\x1b[2J", "\u001b", "\u009b31m", "\x9b31m", "\x7f", "\xff\xfe", "\x00", "\r\rline",
		"<script>alert(1)</script>", "# heading", "---", "line\n# heading\n---\n", "`code`", "[a](javascript:x)",
		"a|b", "~~~", "===", "https://x\"><img src=x onerror=alert(1)>", "https://e/<b>", "\t- item", "1. item",
		"> quote", "&lt;b&gt;", "\\", strings.Repeat("word ", 40) + "--- ## <b>", "", " ", "\u2028\u2029",
	} {
		f.Add(s, uint8(80))
		f.Add(s, uint8(20))
	}
	_, marks := renderAll(f, src, "x", 80)
	benign := make([]map[string]int, len(marks))
	for i, m := range marks {
		benign[i] = shape(m)
	}
	f.Fuzz(func(t *testing.T, s string, width uint8) {
		texts, marks := renderAll(t, src, s, int(width))
		for i, out := range texts {
			if what, at := controlIn(out); at >= 0 {
				t.Fatalf("text %d holds %s at %d: %q", i, what, at, out[max(0, at-40):min(len(out), at+40)])
			}
		}
		for i, out := range marks {
			if what, at := controlIn(out); at >= 0 {
				t.Fatalf("markdown %d holds %s at %d: %q", i, what, at, out[max(0, at-40):min(len(out), at+40)])
			}
			if at := rawHTML(out); at >= 0 {
				t.Fatalf("markdown %d has raw HTML at %d: %q", i, at, out[max(0, at-40):min(len(out), at+40)])
			}
			if got := shape(out); !reflect.DeepEqual(got, benign[i]) {
				t.Fatalf("markdown %d: line starts %v, want %v as with plain text:\n%s", i, got, benign[i], out)
			}
		}
	})
}
