package report

import (
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/apiadvisor/apiadvisor/advisor"
	"github.com/apiadvisor/apiadvisor/internal/fixture"
	"github.com/apiadvisor/apiadvisor/rules"
	"go.yaml.in/yaml/v3"
)

// fixtureKB loads the small knowledge base the goldens use, with edits:
// each pair replaces text in its source, so a test can change a fact or a
// weight the way a new knowledge-base release would.
func fixtureKB(t *testing.T, edits ...string) *rules.KB {
	t.Helper()
	kb, err := rules.Load(strings.NewReader(fixture.KB(t, edits...)), "kb.yaml")
	if err != nil {
		t.Fatal(err)
	}
	return kb
}

// lightAnswers are the answers of the goldens' "light" record: Swift wins.
var lightAnswers = rules.Answers{"load": "high", "team": 3, "docs": true}

func advice(kb *rules.KB, a rules.Answers) Advice {
	return Advice{Result: advisor.New(kb).Advise(a, advisor.Options{}), KB: kb}
}

func renderRecord(t *testing.T, a Advice, o RecordOptions) string {
	t.Helper()
	var b strings.Builder
	if err := Render(&b, Markdown, a, Options{Date: "2026-12-01", Record: o}); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// TestSlug: the file names adr-tools 3.0.0 gives these titles (adr new,
// run on Debian's adr-tools), so both tools name a decision alike.
func TestSlug(t *testing.T) {
	tests := []struct{ title, want string }{
		{"Use Django + Django Ninja or Django + DRF + adrf for the API", "use-django-django-ninja-or-django-drf-adrf-for-the-api"},
		{"Use FastAPI & Litestar", "use-fastapi-litestar"},
		{"  --Leading and trailing!!  ", "leading-and-trailing"},
		{"Café au lait: 100% Python 3.12", "caf-au-lait-100-python-3-12"},
		{"ALL CAPS_and_underscores", "all-caps-and-underscores"},
		{"Use C++ / Rust?", "use-c-rust"},
		{"日本語", ""},
		{"Use Django with Django Ninja", "use-django-with-django-ninja"},
	}
	for _, tt := range tests {
		if got := Slug(tt.title); got != tt.want {
			t.Errorf("Slug(%q) = %q, want %q", tt.title, got, tt.want)
		}
	}
	if got := RecordFileName(3, "日本語"); got != "0003-decision.md" {
		t.Errorf("RecordFileName of a title with no ASCII letters = %q", got)
	}
}

func TestTitleReadsAsAFileName(t *testing.T) {
	kb, err := rules.Default()
	if err != nil {
		t.Fatal(err)
	}
	a := advice(kb, rules.Answers{"concurrency": "high", "workload": "io", "team_size": 30, "orm": true,
		"migrations": true, "admin": true, "architecture": "monolith", "api_docs": true, "validation": true})
	if got, want := Title(a), "Use Django with Django Ninja or Django with DRF and adrf"; got != want {
		t.Errorf("Title = %q, want %q", got, want)
	}
	if len(Title(a)) > maxTitle {
		t.Errorf("title %q is longer than %d", Title(a), maxTitle)
	}
}

func TestReliedOn(t *testing.T) {
	kb := fixtureKB(t)
	var got []string
	for _, c := range ReliedOn(advice(kb, lightAnswers)) {
		got = append(got, c.Kind+" "+c.ID)
		if c.Text == "" || c.Source == "" || c.AsOf == "" {
			t.Errorf("claim %s %s lacks text, source or date: %+v", c.Kind, c.ID, c)
		}
	}
	want := []string{"rule busy", "rule small-team", "rule wants-docs", "guidance pin-versions", "guidance busy-workers",
		"correction light-is-always-faster", "version swift/version", "capability swift/admin"}
	if !slices.Equal(got, want) {
		t.Errorf("relied on %q, want %q", got, want)
	}
}

// TestMADRLayoutForLog4brains checks what log4brains needs, which it
// reads by parsing the whole file as markdown: nothing in the front
// matter may start a list or a heading (nested lines indented four or
// more, a blank line before the closing ---), and the first list under
// the title gives the status and the date.
func TestMADRLayoutForLog4brains(t *testing.T) {
	doc := renderRecord(t, advice(fixtureKB(t), lightAnswers), RecordOptions{})
	lines := strings.Split(doc, "\n")
	end := slices.Index(lines[1:], "---") + 1
	if lines[0] != "---" || end <= 0 {
		t.Fatalf("no front matter:\n%s", doc)
	}
	if lines[end-1] != "" {
		t.Errorf("the line before the closing --- is %q, want it blank", lines[end-1])
	}
	for _, l := range lines[1 : end-1] {
		if l != "" && l[0] == ' ' && !strings.HasPrefix(l, "    ") {
			t.Errorf("front matter line indented by fewer than 4 spaces: %q", l)
		}
		if l != "" && l[0] != ' ' && !yamlPair().MatchString(l) && !strings.HasSuffix(l, ":") {
			t.Errorf("front matter line at column 0 is not a key: %q", l)
		}
	}
	body := strings.Join(lines[end+1:], "\n")
	if !strings.HasPrefix(body, "\n# Use Swift\n\n* Status: proposed\n* Date: 2026-12-01\n\n## ") {
		t.Errorf("the body does not start with the title and the status lines:\n%s", body[:min(200, len(body))])
	}
}

// TestNygardLayout checks adr-tools' template: the numbered title on the
// first line, then Date, Status, Context, Decision and Consequences.
func TestNygardLayout(t *testing.T) {
	doc := renderRecord(t, advice(fixtureKB(t), lightAnswers), RecordOptions{Format: Nygard, Number: 12,
		Supersedes: &RecordLink{Number: 3, Title: "Use Sturdy", File: "0003-use-sturdy.md"}})
	if !strings.HasPrefix(doc, "# 12. Use Swift\n\nDate: 2026-12-01\n\n## Status\n\nProposed\n\nSupersedes [3. Use Sturdy](0003-use-sturdy.md)\n\n## Context\n") {
		t.Errorf("the record does not start as adr-tools' template does:\n%s", doc[:min(300, len(doc))])
	}
	var headings []string
	for _, l := range strings.Split(doc, "\n") {
		if strings.HasPrefix(l, "## ") {
			headings = append(headings, l)
		}
	}
	want := []string{"## Status", "## Context", "## Decision", "## Consequences", "## Record data"}
	if !slices.Equal(headings, want) {
		t.Errorf("sections %q, want %q", headings, want)
	}
	if strings.Contains(doc, "\nstatus:") || strings.HasPrefix(doc, "---") {
		t.Errorf("a Nygard record states its status only in ## Status")
	}
}

func TestStoredAnswersParse(t *testing.T) {
	kb := fixtureKB(t)
	var s StoredAnswers
	if err := yaml.Unmarshal([]byte("load: high\nteam: 4\ndocs: true\nstore: null\ncolour: red\nadmin: sometimes\n"), &s); err != nil {
		t.Fatal(err)
	}
	got, problems := s.Parse(kb)
	if want := (rules.Answers{"load": "high", "team": 4, "docs": true}); !reflect.DeepEqual(got, want) {
		t.Errorf("parsed %#v, want %#v", got, want)
	}
	if len(problems) != 2 || !strings.Contains(problems[0], `"colour" is no longer asked`) || !strings.Contains(problems[1], `"sometimes" to "admin"`) {
		t.Errorf("problems %q", problems)
	}
}

func TestFoldLong(t *testing.T) {
	long := strings.Repeat("word ", 30) + "end"
	in := "a: 1\nlist:\n    - id: x\n      text: " + long + "\n      url: https://example.org/" + strings.Repeat("p", 90) + "\n"
	out := foldLong(in, 40)
	var was, now any
	if err := yaml.Unmarshal([]byte(in), &was); err != nil {
		t.Fatal(err)
	}
	if err := yaml.Unmarshal([]byte(out), &now); err != nil {
		t.Fatalf("folded YAML does not parse: %v\n%s", err, out)
	}
	if !reflect.DeepEqual(was, now) {
		t.Errorf("folding changed the data:\n%s", out)
	}
	for _, l := range strings.Split(out, "\n") {
		if len(l) > 40 && !strings.Contains(l, "https://") {
			t.Errorf("line %q is wider than 40", l)
		}
	}
	if !strings.Contains(out, "text: >-\n") {
		t.Errorf("the long text was not folded:\n%s", out)
	}
	// Text that folding would change stays on its line.
	odd := "k: 'two  spaces " + strings.Repeat("x ", 30) + "'\n"
	if got := foldLong(odd, 40); got != odd {
		t.Errorf("folded text with a double space:\n%s", got)
	}
}

// TestYAMLReadsBack: strings yaml.v3 would write as a literal it cannot
// read back (several lines, the first starting with a space or a line
// break) come out double-quoted, in -o yaml and in front matter alike.
func TestYAMLReadsBack(t *testing.T) {
	for _, s := range []string{" 0\n", "\n x", "  a\nb", "a\n b\n", "plain", "<b>\n"} {
		want := map[string]any{"k": s, "l": []any{s}}
		var b strings.Builder
		if err := writeYAML(&b, want); err != nil {
			t.Fatalf("%q: %v", s, err)
		}
		fm, err := encodeYAML(want)
		if err != nil {
			t.Fatalf("%q: front matter: %v", s, err)
		}
		for name, out := range map[string]string{"-o yaml": b.String(), "front matter": fm} {
			var got map[string]any
			if err := yaml.Unmarshal([]byte(out), &got); err != nil || !reflect.DeepEqual(got, want) {
				t.Errorf("%s of %q reads back as %q (%v):\n%s", name, s, got, err, out)
			}
		}
	}
}

// TestUndecidedRecord: undecided advice, which advise refuses to file,
// still renders in both layouts as a record that chose nothing.
func TestUndecidedRecord(t *testing.T) {
	a := advice(fixtureKB(t), rules.Answers{})
	for _, format := range RecordFormats {
		if got := renderRecord(t, a, RecordOptions{Format: format}); !strings.Contains(got, "No option chosen: ") {
			t.Errorf("%s: no \"No option chosen\" in\n%s", format, got)
		}
	}
}

// TestWrapMarkdownNumberedItems: an item numbered 10 or more stays a list
// item, its lines continuing under its text.
func TestWrapMarkdownNumberedItems(t *testing.T) {
	got := wrapMarkdown("12. "+strings.Repeat("word ", 30), 40)
	lines := strings.Split(got, "\n")
	if !strings.HasPrefix(lines[0], "12. word") {
		t.Fatalf("first line %q", lines[0])
	}
	for _, l := range lines[1:] {
		if !strings.HasPrefix(l, "    word") || len(l) > 40 {
			t.Errorf("continuation %q not under the text, or too wide", l)
		}
	}
}
