package advisor

import (
	"fmt"
	"strings"
	"testing"

	"github.com/apiadvisor/apiadvisor/rules"
)

func defaultEngine(b *testing.B) *Engine {
	kb, err := rules.Default()
	if err != nil {
		b.Fatal(err)
	}
	return New(kb)
}

var benchAnswers = rules.Answers{
	"concurrency": "high", "workload": "io", "team_size": 30, "orm": true, "migrations": true,
	"admin": true, "architecture": "monolith",
}

// BenchmarkDecide is the core evaluation: every rule against one set of
// answers, and a winner.
func BenchmarkDecide(b *testing.B) {
	e := defaultEngine(b)
	for b.Loop() {
		e.decide(benchAnswers)
	}
}

// BenchmarkAdvise is a whole result, counterfactual search included —
// what one `advise` run computes.
func BenchmarkAdvise(b *testing.B) {
	e := defaultEngine(b)
	for b.Loop() {
		e.Advise(benchAnswers, Options{})
	}
}

// BenchmarkCounterfactuals is the what-would-change-it search alone; it
// must stay well under 10 ms on the default knowledge base.
func BenchmarkCounterfactuals(b *testing.B) {
	e := defaultEngine(b)
	board := e.decide(benchAnswers)
	for b.Loop() {
		e.counterfactuals(benchAnswers, board)
	}
}

// BenchmarkDecideSynthetic10k evaluates a synthetic knowledge base of
// 10,000 rules; the target is ≤ 5 ms per evaluation.
func BenchmarkDecideSynthetic10k(b *testing.B) {
	kb, err := rules.Load(strings.NewReader(syntheticKB(10000)), "synthetic.yaml")
	if err != nil {
		b.Fatal(err)
	}
	e := New(kb)
	a := rules.Answers{"q0": "v1", "q1": 7, "q2": true}
	b.ResetTimer()
	for b.Loop() {
		e.decide(a)
	}
}

// syntheticKB builds n rules over three questions with mixed conditions.
// It stays under the 1 MiB file limit by keeping rules on one line each.
func syntheticKB(n int) string {
	var sb strings.Builder
	sb.WriteString(`version: "synthetic"
questions:
  - {key: q0, prompt: p, help: h, type: choice, allow_unknown: true, choices: [{value: v0, label: a}, {value: v1, label: b}, {value: v2, label: c}]}
  - {key: q1, prompt: p, help: h, type: int, min: 0, max: 100, allow_unknown: true}
  - {key: q2, prompt: p, help: h, type: bool, allow_unknown: true}
categories:
  - {id: a, name: A, summary: s, source: "https://example.org"}
  - {id: b, name: B, summary: s, source: "https://example.org"}
frameworks: []
rules:
`)
	for i := 0; i < n; i++ {
		switch i % 3 {
		case 0:
			fmt.Fprintf(&sb, "- {id: r%d, when: {q0: [v%d, v2]}, effect: {weights: {a: 1}}, reason: r, source: \"https://e\"}\n", i, i%2)
		case 1:
			fmt.Fprintf(&sb, "- {id: r%d, when: {q1: {gte: %d}}, effect: {weights: {b: 1}}, reason: r, source: \"https://e\"}\n", i, i%100)
		default:
			fmt.Fprintf(&sb, "- {id: r%d, when: {any: [{q2: true}, {not: {q0: v0}}]}, effect: {weights: {a: -1}}, reason: r, source: \"https://e\"}\n", i)
		}
	}
	return sb.String()
}

func TestSyntheticKBLoads(t *testing.T) {
	src := syntheticKB(10000)
	if len(src) > rules.MaxFileSize {
		t.Fatalf("synthetic KB is %d bytes, over the %d limit", len(src), rules.MaxFileSize)
	}
	if _, err := rules.Load(strings.NewReader(src), "synthetic.yaml"); err != nil {
		t.Fatal(err)
	}
}
