package cmd

import (
	"github.com/apiadvisor/apiadvisor/report"
	"github.com/charmbracelet/lipgloss"
)

// styleErr and styleFaint colour the messages apiadvisor writes to
// stderr, and only on a colour terminal. Documents on stdout are styled
// by package report.
func styleErr(ios *IOStreams, msg string) string { return stderrStyle(ios, "1").Render(msg) }

func styleFaint(ios *IOStreams, msg string) string { return stderrStyle(ios, "8").Render(msg) }

// boldStyle is help's heading style on a colour stdout.
func boldStyle() lipgloss.Style { return report.Renderer(true).NewStyle().Bold(true) }

// stderrStyle is a fixed ANSI colour, never an adaptive one, which would
// make lipgloss ask the terminal for its background.
func stderrStyle(ios *IOStreams, color string) lipgloss.Style {
	return report.Renderer(ios.ColorErr()).NewStyle().Foreground(lipgloss.Color(color))
}
