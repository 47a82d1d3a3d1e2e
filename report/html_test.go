package report

import (
	"strings"
	"testing"

	"github.com/apiadvisor/apiadvisor/advisor"
	"github.com/apiadvisor/apiadvisor/internal/fixture"
	"github.com/apiadvisor/apiadvisor/rules"
)

// TestHTMLSelfContained: the page holds every section the advice has, asks
// for nothing (no script, no src, no stylesheet link, no url() in the CSS,
// a Content-Security-Policy of default-src 'none') and escapes what the
// knowledge base says, so a name cannot inject markup.
func TestHTMLSelfContained(t *testing.T) {
	src := fixture.KB(t, "name: Light framework", `name: "Light <script>alert(1)</script> framework"`,
		"reason: Many requests waiting at once favour the light side.", `reason: "Busy <img src=x onerror=alert(1)> services."`)
	kb, err := rules.Load(strings.NewReader(src), "t.yaml")
	if err != nil {
		t.Fatal(err)
	}
	res := advisor.New(kb).Advise(rules.Answers{"load": "high", "team": 3, "docs": true, "admin": true, "store": false}, advisor.Options{})
	var b strings.Builder
	if err := Render(&b, HTML, Advice{Result: res, KB: kb}, Options{Date: "2026-12-01"}); err != nil {
		t.Fatal(err)
	}
	page := b.String()
	for _, want := range []string{"<!doctype html>", "Content-Security-Policy", "default-src &#39;none&#39;", "<svg", ">Scores<", ">For<", "Warnings", "What to know before you start", "&lt;script&gt;", "&lt;img src=x"} {
		if !strings.Contains(page, want) {
			t.Errorf("page lacks %q", want)
		}
	}
	for _, bad := range []string{"<script", ` src="`, "<link", "url(", "@import", "<img"} {
		if strings.Contains(page, bad) {
			t.Errorf("page contains %q", bad)
		}
	}
}
