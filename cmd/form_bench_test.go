package cmd

import (
	"testing"

	"github.com/apiadvisor/apiadvisor/rules"
)

// BenchmarkBuildForm is the cost of building the ten-question form the
// way askForm does, before Bubble Tea draws its first frame.
func BenchmarkBuildForm(b *testing.B) {
	kb, _ := rules.Default()
	qs := unanswered(kb, rules.Answers{})
	for b.Loop() {
		newForm(kb, qs, make([]string, len(qs)), nil)
	}
}
