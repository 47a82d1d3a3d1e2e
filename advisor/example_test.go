package advisor_test

import (
	"fmt"
	"strings"

	"github.com/apiadvisor/apiadvisor/advisor"
	"github.com/apiadvisor/apiadvisor/rules"
)

// exampleKB is a knowledge base small enough to read at a glance.
const exampleKB = `version: "example"
questions:
  - {key: load, prompt: "How busy?", type: choice, allow_unknown: true, choices: [{value: low, label: Low}, {value: high, label: High}]}
  - {key: admin, prompt: "An admin panel?", type: bool, allow_unknown: true}
categories:
  - {id: async, name: Async, summary: Fast., source: "https://example.org/async"}
  - {id: full, name: Full-stack, summary: Everything included., source: "https://example.org/full"}
frameworks:
  - {id: swift, name: Swift, category: async, url: "https://example.org/swift", facts: []}
  - {id: sturdy, name: Sturdy, category: full, url: "https://example.org/sturdy", facts: []}
rules:
  - {id: busy, when: {load: high}, effect: {weights: {async: 3}}, reason: Busy services wait a lot., source: "https://example.org/busy"}
  - {id: wants-admin, when: {admin: true}, effect: {weights: {full: 3}}, reason: Full-stack ships an admin., source: "https://example.org/admin"}
  - {id: quiet, when: {load: low}, effect: {weights: {full: 1}}, reason: Quiet services gain nothing from async., source: "https://example.org/quiet"}
`

// A busy service with no admin panel: the async side wins, and the
// result says what fired and what would change it.
func ExampleEngine_Advise() {
	kb, _ := rules.Load(strings.NewReader(exampleKB), "example.yaml")
	res := advisor.New(kb).Advise(rules.Answers{"load": "high", "admin": false}, advisor.Options{})
	fmt.Println(res.Recommendation.Category, res.Recommendation.Frameworks)
	for _, r := range res.Reasons {
		fmt.Println(r.Direction+":", r.Rule)
	}
	fmt.Println(res.Alternatives[0].Category, "trails by", res.Alternatives[0].ScoreGap)
	for _, cf := range res.Counterfactuals {
		fmt.Println(cf.Text)
	}
	// Output:
	// async [swift]
	// for: busy
	// full trails by 3
	// if load were low → full
}

// With nothing answered no rule fires, and the advice says it is
// undecided and which answers would decide it.
func ExampleEngine_Advise_undecided() {
	kb, _ := rules.Load(strings.NewReader(exampleKB), "example.yaml")
	res := advisor.New(kb).Advise(rules.Answers{}, advisor.Options{})
	fmt.Println(res.Recommendation.Category, res.Recommendation.Deciding)
	// Output:
	// undecided [load admin]
}
