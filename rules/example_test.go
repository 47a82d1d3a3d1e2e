package rules_test

import (
	"fmt"
	"strings"

	"github.com/apiadvisor/apiadvisor/rules"
)

// Load reports problems with file:line and the id of the rule concerned.
func ExampleLoad() {
	_, err := rules.Load(strings.NewReader(`version: "team.1"
extends: default
rules:
  - id: prefer-django
    when: {concurency: high}
    effect: {weights: {batteries-included: 1}}
    reason: We run Django.
    source: https://docs.djangoproject.com/
`), "team.yaml")
	fmt.Println(err)
	// Output:
	// team.yaml:5: rule "prefer-django": condition reads unknown question "concurency"
}

// A question checks answers with the same wording everywhere.
func ExampleQuestion_Parse() {
	kb, _ := rules.Default()
	q := kb.Question("concurrency")
	_, err := q.Parse("hgih")
	fmt.Println(err)
	v, _ := kb.Question("team_size").Parse("12")
	fmt.Println(v)
	// Output:
	// want low, medium or high
	// 12
}
