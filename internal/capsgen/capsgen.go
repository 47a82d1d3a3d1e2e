// Package capsgen writes knowledge bases, answers and scenario files of
// the worst shapes known, each as large as the loader's caps allow
// (rules.MaxFileSize bytes, rules.MaxItems items a list). The bounded-work
// benchmarks and bench/caps.sh run every command on them: whatever the
// caps accept must finish in well under a second.
package capsgen

import (
	"fmt"
	"strings"

	"github.com/apiadvisor/apiadvisor/rules"
)

// Shape is one generated knowledge base with inputs to run it on.
type Shape struct {
	// Name is short and file-name safe: "int-thresholds".
	Name string
	// Why says what the shape stresses.
	Why string
	// Rules is the knowledge base, no larger than rules.MaxFileSize.
	Rules string
	// Answers is an answers file for advise: answered questions make the
	// counterfactual search change answers, unanswered ones settle them.
	Answers string
	// Scenarios is a scenario file as large as rules.MaxFileSize allows.
	Scenarios string
}

// head is what every shape starts with: two categories and a blend of
// them, and a framework in each, so that every part of the engine has
// something to do.
const head = `version: "caps"
categories:
  - {id: a, name: A, summary: s, source: "https://e"}
  - {id: b, name: B, summary: s, source: "https://e"}
  - {id: h, name: H, summary: s, source: "https://e", blend: {of: [a, b], min_each: 1, bonus: 0}}
frameworks:
  - {id: fa, name: FA, category: a, url: "https://e", facts: []}
  - {id: fb, name: FB, category: b, url: "https://e", facts: []}
`

// Shapes returns every shape, each filled up to the caps.
func Shapes() []Shape {
	return []Shape{intThresholds(), knockOuts(), boolQuestions(), wideConditions(), manyCategories(), manyChoices()}
}

// fill appends lines made by line(i) for i = 0, 1, … while the text stays
// within the size cap and the count within max.
func fill(b *strings.Builder, max int, line func(i int) string) int {
	n := 0
	for ; n < max; n++ {
		l := line(n)
		if b.Len()+len(l) > rules.MaxFileSize-512 {
			break
		}
		b.WriteString(l)
	}
	return n
}

// intThresholds is thousands of rules over one integer question, each at
// its own threshold: three candidate answers per rule for the
// counterfactual search, each candidate evaluating every rule.
func intThresholds() Shape {
	var b strings.Builder
	b.WriteString(head)
	b.WriteString("questions:\n  - {key: n, prompt: p, help: h, type: int, min: 0, max: 1000000}\n  - {key: m, prompt: p, help: h, type: int}\nrules:\n")
	fill(&b, rules.MaxItems, func(i int) string {
		return fmt.Sprintf("- {id: r%d, when: {n: {gte: %d}}, effect: {weights: {%s: %d}}, reason: r, source: https://e}\n", i, i*7, "ab"[i%2:i%2+1], 1+i%3)
	})
	return Shape{Name: "int-thresholds", Why: "10,000 rules over one integer question, each at its own threshold",
		Rules: b.String(), Answers: "n: 35000\n", Scenarios: scenarios(func(i int) string { return fmt.Sprintf("{n: %d}", i*7) })}
}

// knockOuts is half rules that favour a category and half knock-outs
// that eliminate it under a wider condition: lint checks every pair for
// shadowing, and every decision collects knock-outs.
func knockOuts() Shape {
	var b strings.Builder
	b.WriteString(head)
	b.WriteString("questions:\n  - {key: n, prompt: p, help: h, type: int, min: 0, max: 1000000}\n  - {key: c, prompt: p, help: h, type: choice, choices: [{value: x, label: x}, {value: y, label: y}, {value: z, label: z}]}\nrules:\n")
	fill(&b, rules.MaxItems, func(i int) string {
		if i%2 == 0 {
			return fmt.Sprintf("- {id: r%d, when: {n: {gte: %d}, c: x}, effect: {weights: {a: 1}}, reason: r, source: https://e}\n", i, i)
		}
		return fmt.Sprintf("- {id: r%d, when: {n: {gte: %d}}, effect: {eliminate: [a, fa]}, reason: r, source: https://e}\n", i, i-1)
	})
	return Shape{Name: "knock-outs", Why: "5,000 favouring rules, each shadowed by one of 5,000 knock-outs",
		Rules: b.String(), Answers: "c: x\n", Scenarios: scenarios(func(i int) string { return fmt.Sprintf("{n: %d, c: y}", i) })}
}

// boolQuestions is 10,000 yes/no questions and as many rules over them as
// still fit: a search over every question, and a form of 10,000 fields.
func boolQuestions() Shape {
	var b strings.Builder
	b.WriteString(head)
	b.WriteString("questions:\n")
	nq := fill(&b, rules.MaxItems, func(i int) string {
		return fmt.Sprintf("  - {key: q%d, prompt: p, help: h, type: bool}\n", i)
	})
	b.WriteString("rules:\n")
	fill(&b, rules.MaxItems, func(i int) string {
		return fmt.Sprintf("- {id: r%d, when: {q%d: true}, effect: {weights: {%s: 1}}, reason: r, source: https://e}\n", i, (i*7919)%nq, "ab"[i%2:i%2+1])
	})
	var ans strings.Builder
	for i := 0; i < nq; i += 2 {
		fmt.Fprintf(&ans, "q%d: %t\n", i, i%4 == 0)
	}
	return Shape{Name: "bool-questions", Why: "10,000 yes/no questions and the rules that still fit",
		Rules: b.String(), Answers: ans.String(), Scenarios: scenarios(func(i int) string { return fmt.Sprintf("{q%d: true}", i%nq) })}
}

// wideConditions is few rules with conditions as large as the nesting
// and list limits allow: one evaluation of one rule is the work of
// thousands.
func wideConditions() Shape {
	var b strings.Builder
	b.WriteString(head)
	b.WriteString("questions:\n  - {key: n, prompt: p, help: h, type: int, min: 0, max: 1000000}\n  - {key: k, prompt: p, help: h, type: int}\nrules:\n")
	var list strings.Builder
	for i := 0; i < 256; i++ {
		if i > 0 {
			list.WriteString(", ")
		}
		fmt.Fprintf(&list, "%d", i*3)
	}
	leaf := "{n: [" + list.String() + "]}"
	// any: [leaf × 256] nested twice is 65,536 tests of 256 values each —
	// far over the size cap, so fill adds rules of 16 leaves until it is full.
	var any16 strings.Builder
	any16.WriteString("{any: [")
	for i := 0; i < 16; i++ {
		if i > 0 {
			any16.WriteString(", ")
		}
		any16.WriteString(leaf)
	}
	any16.WriteString("]}")
	fill(&b, rules.MaxItems, func(i int) string {
		return fmt.Sprintf("- {id: r%d, when: {not: {all: [%s, {not: %s}]}}, effect: {weights: {%s: 1}}, reason: r, source: https://e}\n", i, any16.String(), any16.String(), "ab"[i%2:i%2+1])
	})
	return Shape{Name: "wide-conditions", Why: "rules whose conditions hold 32 lists of 256 values each",
		Rules: b.String(), Answers: "k: 1\n", Scenarios: scenarios(func(i int) string { return fmt.Sprintf("{n: %d}", i*3) })}
}

// manyCategories is thousands of categories and frameworks, every rule
// weighing several: the parts of a result that are per category or per
// framework, times the rules that fired.
func manyCategories() Shape {
	var b strings.Builder
	b.WriteString(`version: "caps"
questions:
  - {key: n, prompt: p, help: h, type: int, min: 0, max: 1000000}
categories:
`)
	const nc = 3000
	for i := 0; i < nc; i++ {
		fmt.Fprintf(&b, "  - {id: c%d, name: C, summary: s, source: https://e}\n", i)
	}
	b.WriteString("  - {id: h, name: H, summary: s, source: https://e, blend: {of: [c0, c1], min_each: 1, bonus: 0}}\nframeworks:\n")
	for i := 0; i < nc; i++ {
		fmt.Fprintf(&b, "  - {id: f%d, name: F, category: c0, url: https://e, facts: []}\n", i)
	}
	b.WriteString("rules:\n")
	fill(&b, rules.MaxItems, func(i int) string {
		return fmt.Sprintf("- {id: r%d, when: {n: {gte: %d}}, effect: {weights: {c%d: -1, c0: 2, f%d: 1}}, reason: r, source: https://e}\n", i, i, 1+i%(nc-1), i%nc)
	})
	return Shape{Name: "many-categories", Why: "3,000 categories, 3,000 frameworks in one of them, rules weighing each",
		Rules: b.String(), Answers: "n: 5000\n", Scenarios: scenarios(func(i int) string { return fmt.Sprintf("{n: %d}", i) })}
}

// manyChoices is one choice question with tens of thousands of choices,
// and rules comparing it with lists of them: every value a condition
// names is checked against the choices, and every choice is a candidate
// answer.
func manyChoices() Shape {
	var b strings.Builder
	b.WriteString(head)
	b.WriteString("questions:\n  - key: c\n    prompt: p\n    help: h\n    type: choice\n    choices:\n")
	const nc = 20000
	for i := 0; i < nc; i++ {
		fmt.Fprintf(&b, "      - {value: v%d, label: l}\n", i)
	}
	b.WriteString("rules:\n")
	fill(&b, rules.MaxItems, func(i int) string {
		var list strings.Builder
		for j := 0; j < 64; j++ {
			if j > 0 {
				list.WriteString(", ")
			}
			fmt.Fprintf(&list, "v%d", (i*64+j)%nc)
		}
		return fmt.Sprintf("- {id: r%d, when: {c: [%s]}, effect: {weights: {%s: 1}}, reason: r, source: https://e}\n", i, list.String(), "ab"[i%2:i%2+1])
	})
	return Shape{Name: "many-choices", Why: "one choice question with 20,000 choices, rules naming 64 each",
		Rules: b.String(), Answers: "c: v7\n", Scenarios: scenarios(func(i int) string { return fmt.Sprintf("{c: v%d}", i%nc) })}
}

// scenarios fills a scenario file with as many cases as the caps allow,
// the i-th with the answers answers(i) (a YAML flow mapping).
func scenarios(answers func(i int) string) string {
	var b strings.Builder
	fill(&b, rules.MaxItems, func(i int) string {
		return "- {name: s, answers: " + answers(i) + ", expect: {category: a}}\n"
	})
	return b.String()
}
