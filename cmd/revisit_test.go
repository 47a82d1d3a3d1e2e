package cmd

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/apiadvisor/apiadvisor/internal/fixture"
)

// fixtureRules writes a copy of the fixture knowledge base with edits
// (pairs of old and new text) and returns its path.
func fixtureRules(t *testing.T, dir, name string, edits ...string) string {
	t.Helper()
	path := filepath.Join(dir, name)
	if err := os.WriteFile(path, []byte(fixture.KB(t, edits...)), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// day is the environment of a run on a given day (YYYY-MM-DD).
func day(t *testing.T, d string) map[string]string {
	t.Helper()
	when, err := time.Parse(time.DateOnly, d)
	if err != nil {
		t.Fatal(err)
	}
	return map[string]string{"SOURCE_DATE_EPOCH": fmt.Sprint(when.Unix()), "NO_COLOR": "1"}
}

// TestRevisit writes records with the fixture knowledge base, then runs
// revisit against editions of it that reword a fact and change a weight,
// and past a record's review-by date; with --write it supersedes the
// changed records, linked both ways.
func TestRevisit(t *testing.T) {
	dir := t.TempDir()
	adr := filepath.Join(dir, "adr")
	kb := fixtureRules(t, dir, "kb.yaml")
	write := func(format string, args ...string) string {
		t.Helper()
		args = append([]string{"--rules", kb, "advise", "--adr-dir", adr, "--adr-format", format, "-o", "json"}, args...)
		code, _, stderr := run(t, day(t, "2026-12-01"), args...)
		if code != 0 {
			t.Fatalf("advise: exit %d: %s", code, stderr)
		}
		return strings.TrimSpace(strings.TrimPrefix(stderr, "Wrote "))
	}
	light := write("madr", "--answer", "load=high", "--answer", "team=3", "--answer", "docs=true")
	full := write("nygard", "--answer", "load=low", "--answer", "admin=true", "--answer", "store=true", "--review-by", "2027-03-01")
	if filepath.Base(light) != "0001-use-swift.md" || filepath.Base(full) != "0002-use-sturdy.md" {
		t.Fatalf("wrote %s and %s", light, full)
	}

	code, out, stderr := run(t, day(t, "2026-12-02"), "--rules", kb, "revisit", adr)
	if code != 0 || strings.Count(out, "— holds") != 2 {
		t.Errorf("on the next day: exit %d, stderr %q\n%s", code, stderr, out)
	}
	code, out, _ = run(t, day(t, "2027-03-02"), "--rules", kb, "revisit", adr)
	if code != 1 || !strings.Contains(out, "2. Use Sturdy — due for review since 2027-03-01") {
		t.Errorf("past review-by: exit %d\n%s", code, out)
	}

	// A new edition rewords the rule the Sturdy record relied on, and
	// favours Nimble for busy services, which turns the Swift record's
	// advice.
	kb2 := fixtureRules(t, dir, "kb2.yaml",
		"effect: {weights: {light: 3}}", "effect: {weights: {light: 3, nimble: 2}}",
		"reason: The full-stack side ships an admin panel.\n    source: https://example.org/admin\n    as_of: 2026-12-01",
		"reason: The full-stack side ships an admin panel, with users and groups.\n    source: https://example.org/admin\n    as_of: 2027-01-05")
	code, out, _ = run(t, day(t, "2027-01-10"), "--rules", kb2, "revisit", adr, "-o", "json")
	if code != 1 {
		t.Errorf("changed knowledge base: exit %d", code)
	}
	var doc struct {
		Records []struct {
			Number        int    `json:"number"`
			Verdict       string `json:"verdict"`
			AdviceChanged *struct {
				From, To struct{ Frameworks []string }
			} `json:"advice_changed"`
			FactsChanged []struct {
				ID, Change string
				Was, Now   struct {
					Text string
					AsOf string `json:"as_of"`
				}
			} `json:"facts_changed"`
		} `json:"records"`
	}
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	r1, r2 := doc.Records[0], doc.Records[1]
	if r1.Verdict != "changed" || r1.AdviceChanged == nil || !slices.Equal(r1.AdviceChanged.From.Frameworks, []string{"swift"}) ||
		!slices.Contains(r1.AdviceChanged.To.Frameworks, "nimble") {
		t.Errorf("record 1: %+v", r1)
	}
	if r2.Verdict != "changed" || r2.AdviceChanged != nil || len(r2.FactsChanged) != 1 || r2.FactsChanged[0].ID != "wants-admin" ||
		r2.FactsChanged[0].Was.AsOf != "2026-12-01" || r2.FactsChanged[0].Now.AsOf != "2027-01-05" {
		t.Errorf("record 2: %+v", r2)
	}

	code, out, stderr = run(t, day(t, "2027-01-10"), "--rules", kb2, "revisit", adr, "--write")
	if code != 1 || stderr != "" {
		t.Fatalf("--write: exit %d, stderr %q\n%s", code, stderr, out)
	}
	names := dirNames(t, adr)
	if len(names) != 4 {
		t.Fatalf("records after --write: %q", names)
	}
	for _, link := range []struct{ file, want string }{
		{names[0], "status: superseded by [3. Use "},
		{names[0], "* Status: superseded by [" + strings.TrimSuffix(names[2], ".md") + "](" + names[2] + ")"},
		{names[2], "* Supersedes [1. Use Swift](0001-use-swift.md)"},
		{names[1], "\nSuperseded by [4. Use Sturdy](0004-use-sturdy.md)\n"},
		{names[3], "# 4. Use Sturdy\n"},
		{names[3], "\nSupersedes [2. Use Sturdy](0002-use-sturdy.md)\n"},
	} {
		data, err := os.ReadFile(filepath.Join(adr, link.file))
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(data), link.want) {
			t.Errorf("%s lacks %q", link.file, link.want)
		}
	}
	code, out, _ = run(t, day(t, "2027-01-10"), "--rules", kb2, "revisit", adr)
	if code != 0 || strings.Count(out, "— holds") != 2 || strings.Count(out, "no longer in force") != 2 {
		t.Errorf("after --write: exit %d\n%s", code, out)
	}
	code, out, _ = run(t, nil, "adr", "list", adr, "--status", "superseded")
	if code != 0 || !strings.Contains(out, "superseded by 3") || !strings.Contains(out, "superseded by 4") || strings.Contains(out, "proposed") {
		t.Errorf("adr list --status superseded: exit %d\n%s", code, out)
	}
}
