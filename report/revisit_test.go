package report

import (
	"strings"
	"testing"

	"github.com/apiadvisor/apiadvisor/advisor"
)

// TestCheckRecord writes a record with the fixture knowledge base, then
// checks it against editions of it: the same, a reworded fact, a removed
// one, a changed weight, a question no longer asked, and a passed
// review-by date.
func TestCheckRecord(t *testing.T) {
	kb := fixtureKB(t)
	doc := renderRecord(t, advice(kb, lightAnswers), RecordOptions{ReviewBy: "2027-06-01"})
	rec := ParseRecord("0001-use-swift.md", []byte(doc))

	tests := []struct {
		name    string
		edits   []string
		today   string
		verdict string
		check   func(t *testing.T, c RecordCheck)
	}{
		{"the same knowledge base", nil, "2026-12-02", VerdictHolds, func(t *testing.T, c RecordCheck) {
			if c.AdviceChanged != nil || len(c.FactsChanged) > 0 || c.Due {
				t.Errorf("%+v", c)
			}
		}},
		{"on the review-by day", nil, "2027-06-01", VerdictHolds, nil},
		{"past the review-by day", nil, "2027-06-02", VerdictDue, func(t *testing.T, c RecordCheck) {
			if !c.Due {
				t.Error("not due")
			}
		}},
		{"a reworded rule", []string{
			"reason: Many requests waiting at once favour the light side.\n    source: https://example.org/busy\n    as_of: 2026-12-01",
			"reason: Many waiting requests favour the light side.\n    source: https://example.org/busy\n    as_of: 2027-01-05",
		}, "2027-01-06", VerdictChanged, func(t *testing.T, c RecordCheck) {
			if c.AdviceChanged != nil || len(c.FactsChanged) != 1 {
				t.Fatalf("%+v", c)
			}
			f := c.FactsChanged[0]
			if f.Kind != ClaimRule || f.ID != "busy" || f.Change != FactChanged || f.Was.AsOf != "2026-12-01" ||
				f.Now == nil || f.Now.AsOf != "2027-01-05" || f.Now.Text != "Many waiting requests favour the light side." {
				t.Errorf("%+v", f)
			}
		}},
		{"a new version and a removed correction", []string{
			`number: "1.2.3"`, `number: "2.0.0"`,
			"corrections:\n  - id: light-is-always-faster", "corrections:\n  - id: light-was-always-faster",
		}, "2027-01-06", VerdictChanged, func(t *testing.T, c RecordCheck) {
			got := map[string]string{}
			for _, f := range c.FactsChanged {
				got[f.Kind+" "+f.ID] = f.Change
			}
			if got["version swift/version"] != FactChanged || got["correction light-is-always-faster"] != FactRemoved || len(got) != 2 {
				t.Errorf("%v", got)
			}
		}},
		{"a weight that turns the advice", []string{
			"effect: {weights: {light: 3}}", "effect: {weights: {full: 3}}",
			"when: {any: [{store: true}, {admin: true}]}\n      reason: The full-stack side is worth it only for its data layer or its admin panel.\n      source: https://example.org/full\n      as_of: 2026-12-01\n  - id: mix",
			"when: {load: high}\n      reason: The full-stack side is worth it only for its data layer or its admin panel.\n      source: https://example.org/full\n      as_of: 2026-12-01\n  - id: mix",
		}, "2027-01-06", VerdictChanged, func(t *testing.T, c RecordCheck) {
			a := c.AdviceChanged
			if a == nil || a.From.Category != "light" || a.To.Category != "full" || a.To.Frameworks[0] != "sturdy" {
				t.Fatalf("%+v", a)
			}
			if len(a.DecidedBy) == 0 || a.DecidedBy[0].ID != "busy" {
				t.Errorf("decided by %+v", a.DecidedBy)
			}
		}},
		{"a question no longer asked", []string{"  - key: docs\n", "  - key: documentation\n", "when: {docs: true}", "when: {documentation: true}", "when: {docs: false}", "when: {documentation: false}"},
			"2027-01-06", VerdictChanged, func(t *testing.T, c RecordCheck) {
				if len(c.AnswerProblems) != 1 || !strings.Contains(c.AnswerProblems[0], `"docs" is no longer asked`) {
					t.Errorf("%+v", c.AnswerProblems)
				}
			}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			kb := fixtureKB(t, tt.edits...)
			c, res := CheckRecord(rec, kb, advisor.New(kb), tt.today)
			if c.Verdict != tt.verdict {
				t.Errorf("verdict %q, want %q: %+v", c.Verdict, tt.verdict, c)
			}
			if res == nil {
				t.Error("the record was not re-run")
			}
			if tt.check != nil {
				tt.check(t, c)
			}
			var b strings.Builder
			if err := Render(&b, Text, Revisit{Dir: "d", Date: tt.today, KBVersion: kb.Version, KB: kb, Records: []RecordCheck{c}}, Options{}); err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(b.String(), "1. Use Swift — ") {
				t.Errorf("text output:\n%s", b.String())
			}
		})
	}
}

func TestCheckRecordSkips(t *testing.T) {
	kb := fixtureKB(t)
	eng := advisor.New(kb)
	superseded := renderRecord(t, advice(kb, lightAnswers), RecordOptions{})
	out, err := MarkSuperseded([]byte(superseded), ParseRecord("0001-use-swift.md", []byte(superseded)), RecordLink{2, "Use Sturdy", "0002-use-sturdy.md"})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct{ name, text, verdict, why string }{
		{"another tool's", "# 1. Use X\n\n## Status\n\nAccepted\n", VerdictSkipped, "not written by apiadvisor"},
		{"superseded", string(out), VerdictSkipped, "no longer in force: superseded by 2"},
		{"unreadable", "---\napiadvisor: [\n---\n# X\n", VerdictUnreadable, "front matter: "},
	}
	c, _ := CheckRecord(Record{File: "0002-x.md", Number: 2, Problem: "record is larger than 1024 KiB"}, kb, eng, "2027-01-01")
	if c.Verdict != VerdictUnreadable {
		t.Errorf("a file that could not be read: %+v", c)
	}
	for _, tt := range tests {
		c, res := CheckRecord(ParseRecord("0001-x.md", []byte(tt.text)), kb, eng, "2027-01-01")
		if c.Verdict != tt.verdict || !strings.HasPrefix(c.Why, tt.why) || res != nil {
			t.Errorf("%s: %+v", tt.name, c)
		}
	}
	if (Revisit{Records: []RecordCheck{{Verdict: VerdictSkipped}, {Verdict: VerdictHolds}}}).Failed() {
		t.Error("a revisit with nothing changed failed")
	}
	if !(Revisit{Records: []RecordCheck{{Verdict: VerdictUnreadable}}}).Failed() {
		t.Error("an unreadable record did not fail the revisit")
	}
}
