package report

import (
	"reflect"
	"strings"
	"testing"
)

// TestFrontMatterRoundTrip: everything a MADR record stores reads back
// as it was written — ints stay ints, dates stay dates — and the Nygard
// record stores the same under "## Record data".
func TestFrontMatterRoundTrip(t *testing.T) {
	kb := fixtureKB(t)
	a := advice(kb, lightAnswers)
	a.AnswersSource = map[string]string{"load": "flag", "team": "answers-file", "docs": "form"}
	o := RecordOptions{ReviewBy: "2027-06-01", Component: "billing", DecisionMakers: []string{"Ada", "Linus"}}
	want := a.frontMatter(Options{Date: "2026-12-01", Record: o})
	for _, format := range RecordFormats {
		o.Format, o.Number = format, 4
		rec := ParseRecord("0004-use-swift.md", []byte(renderRecord(t, a, o)))
		if rec.Problem != "" || rec.Meta == nil || !rec.Apiadvisor {
			t.Fatalf("%s: not read back: %+v", format, rec)
		}
		got := *rec.Meta
		if format == Nygard {
			got.Status, got.Date = want.Status, want.Date // the body holds them
		}
		answers, problems := got.Apiadvisor.Answers.Parse(kb)
		if len(problems) > 0 || !reflect.DeepEqual(answers, lightAnswers) {
			t.Errorf("%s: answers read back as %#v (%v), want %#v", format, answers, problems, lightAnswers)
		}
		got.Apiadvisor.Answers, want.Apiadvisor.Answers = nil, nil
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s: front matter read back as\n%+v\nwant\n%+v", format, got, want)
		}
		want.Apiadvisor.Answers = storeAnswers(kb, lightAnswers)
		if rec.Number != 4 || rec.Title != "Use Swift" || rec.Status != "proposed" || rec.Date != "2026-12-01" ||
			rec.ReviewBy != "2027-06-01" || rec.Component != "billing" || rec.Format != format {
			t.Errorf("%s: read as %+v", format, rec)
		}
	}
}

func TestMarkSuperseded(t *testing.T) {
	a := advice(fixtureKB(t), lightAnswers)
	by := RecordLink{Number: 9, Title: "Use Sturdy", File: "0009-use-sturdy.md"}
	tests := []struct {
		format RecordFormat
		want   []string
	}{
		{MADR, []string{"\nstatus: superseded by [9. Use Sturdy](0009-use-sturdy.md)\n", "\n* Status: superseded by [0009-use-sturdy](0009-use-sturdy.md)\n"}},
		{Nygard, []string{"\n## Status\n\nSuperseded by [9. Use Sturdy](0009-use-sturdy.md)\n\n## Context\n"}},
	}
	for _, tt := range tests {
		doc := renderRecord(t, a, RecordOptions{Format: tt.format, Number: 2})
		rec := ParseRecord("0002-use-swift.md", []byte(doc))
		out, err := MarkSuperseded([]byte(doc), rec, by)
		if err != nil {
			t.Fatalf("%s: %v", tt.format, err)
		}
		for _, w := range tt.want {
			if !strings.Contains(string(out), w) {
				t.Errorf("%s: marked record lacks %q", tt.format, w)
			}
		}
		crlf, err := MarkSuperseded([]byte(strings.ReplaceAll(doc, "\n", "\r\n")), rec, by)
		if err != nil || string(crlf) != strings.ReplaceAll(string(out), "\n", "\r\n") {
			t.Errorf("%s: a record with CRLF line ends was marked differently (%v)", tt.format, err)
		}
		again := ParseRecord(rec.File, out)
		if again.Status != "superseded" || again.SupersededBy != "0009-use-sturdy.md" || again.StatusLabel() != "superseded by 9" || again.InForce() {
			t.Errorf("%s: read back as %+v", tt.format, again)
		}
		if again.Meta == nil || !reflect.DeepEqual(again.Meta.Apiadvisor, rec.Meta.Apiadvisor) {
			t.Errorf("%s: marking it changed its record data", tt.format)
		}
	}
}

// TestParseOtherTools reads records apiadvisor did not write, as far as
// they can be read.
func TestParseOtherTools(t *testing.T) {
	tests := []struct {
		name, file, text                  string
		title, status, supersededBy, date string
		format                            RecordFormat
		problem                           bool
		apiadvisor                        bool
	}{
		{"adr-tools", "0001-record-architecture-decisions.md",
			"# 1. Record architecture decisions\n\nDate: 2026-01-02\n\n## Status\n\nAccepted\n\n## Context\n\nWe need to record decisions.\n",
			"Record architecture decisions", "accepted", "", "2026-01-02", Nygard, false, false},
		{"adr-tools superseded", "0002-use-x.md",
			"# 2. Use X\n\nDate: 2026-01-02\n\n## Status\n\nProposed\n\nSuperseded by [3. Use Y](0003-use-y.md)\n\n## Context\n",
			"Use X", "superseded", "0003-use-y.md", "2026-01-02", Nygard, false, false},
		{"log4brains", "0003-use-y.md",
			"# Use Y\n\n- Status: superseded by [20260101-use-z](20260101-use-z.md)\n- Date: 2026-01-03\n\n## Context and Problem Statement\n",
			"Use Y", "superseded", "20260101-use-z.md", "2026-01-03", "", false, false},
		{"MADR 4 of another tool", "0004-use-z.md",
			"---\nstatus: accepted\ndate: 2026-01-04\n---\n\n# Use Z\n\n## Context and Problem Statement\n",
			"Use Z", "accepted", "", "2026-01-04", MADR, false, false},
		{"a code block is not a heading", "0005-code.md",
			"```sh\n# not a title\n```\n\n# Real title\n",
			"Real title", "", "", "", "", false, false},
		{"broken apiadvisor front matter", "0006-broken.md",
			"---\nstatus: proposed\napiadvisor: [unclosed\n---\n\n# Broken\n",
			"Broken", "proposed", "", "", MADR, true, true},
		{"no closing front matter", "0007-open.md", "---\nstatus: proposed\n",
			"", "proposed", "", "", MADR, true, false},
	}
	for _, tt := range tests {
		r := ParseRecord(tt.file, []byte(tt.text))
		if r.Title != tt.title || r.Status != tt.status || r.SupersededBy != tt.supersededBy || r.Date != tt.date ||
			r.Format != tt.format || (r.Problem != "") != tt.problem || r.Apiadvisor != tt.apiadvisor {
			t.Errorf("%s: read as %+v", tt.name, r)
		}
	}
}
