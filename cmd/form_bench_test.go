package cmd

import (
	"testing"

	"github.com/apiadvisor/apiadvisor/rules"
	"github.com/charmbracelet/huh"
)

// BenchmarkBuildForm is the cost of building the ten-question form the
// way askForm does, before Bubble Tea draws its first frame.
func BenchmarkBuildForm(b *testing.B) {
	kb, _ := rules.Default()
	for b.Loop() {
		values := make([]string, len(kb.Questions))
		groups := make([]*huh.Group, len(kb.Questions))
		theme := formTheme()
		for i := range kb.Questions {
			groups[i] = huh.NewGroup(field(kb, &kb.Questions[i], &values[i], theme))
		}
		huh.NewForm(groups...).WithTheme(theme)
	}
}
