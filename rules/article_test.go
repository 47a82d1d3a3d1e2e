package rules

import (
	"os"
	"regexp"
	"strings"
	"testing"
)

// TestArticleQuotes: every text the built-in knowledge base quotes from
// the source article is in it, word for word (case aside: the article's
// table cells start with a capital). A claim that cites the article says
// what it says.
func TestArticleQuotes(t *testing.T) {
	raw, err := os.ReadFile("testdata/source-article.txt")
	if err != nil {
		t.Fatal(err)
	}
	var lines []string
	for l := range strings.Lines(string(raw)) {
		if !strings.HasPrefix(l, "#") {
			lines = append(lines, l)
		}
	}
	norm := func(s string) string { return strings.ToLower(strings.Join(strings.Fields(s), " ")) }
	article := norm(strings.Join(lines, " "))
	kb, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	check := func(where, quote string) {
		t.Helper()
		if strings.TrimSpace(quote) == "" {
			t.Errorf("%s cites the article without quoting it", where)
			return
		}
		if !strings.Contains(article, norm(quote)) {
			t.Errorf("%s quotes %q, which is not in the article", where, quote)
		}
	}
	n := 0
	for _, r := range kb.Rules {
		if Basis(r.Source) == BasisOpinion {
			check("rule "+r.ID, r.Quote)
			n++
		}
	}
	for _, g := range kb.Guidance {
		if Basis(g.Source) == BasisOpinion {
			check("guidance "+g.ID, g.Quote)
			n++
		}
	}
	for _, p := range kb.Plans {
		if Basis(p.Source) == BasisOpinion {
			check("plan "+p.ID, p.Quote)
			n++
		}
	}
	for _, f := range kb.Frameworks {
		for _, fact := range f.Facts {
			if Basis(fact.Source) == BasisOpinion {
				check("framework "+f.ID, fact.Quote)
				n++
			}
		}
	}
	for _, st := range kb.Styles {
		for _, f := range st.Facts {
			if Basis(f.Source) == BasisOpinion {
				check("style "+st.ID, f.Quote)
				n++
			}
		}
	}
	// A correction's claim puts the article's own words in double quotes.
	quoted := regexp.MustCompile(`"([^"]+)"`)
	for _, c := range kb.Corrections {
		for _, m := range quoted.FindAllStringSubmatch(c.Claim, -1) {
			check("correction "+c.ID, m[1])
			n++
		}
	}
	if n < 5 {
		t.Errorf("only %d quotes checked; the knowledge base cites the article more than that", n)
	}
}
