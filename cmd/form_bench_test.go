package cmd

import (
	"testing"

	"github.com/apiadvisor/apiadvisor/rules"
)

// BenchmarkBuildForm is the cost of building the form of every built-in
// question, as formModel.Init does while Bubble Tea waits for its first
// render tick.
func BenchmarkBuildForm(b *testing.B) {
	kb, _ := rules.Default()
	qs := toAsk(kb, &answerSet{})
	for b.Loop() {
		newForm(kb, qs, make([]string, len(qs)), nil).built()
	}
}
