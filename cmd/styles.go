package cmd

import (
	"io"

	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"
)

// styleErr and styleFaint colour the messages apiadvisor writes to
// stderr, and only on a colour terminal. Documents on stdout are styled
// by package report.
func styleErr(ios *IOStreams, msg string) string { return stderrStyle(ios, "1").Render(msg) }

func styleFaint(ios *IOStreams, msg string) string { return stderrStyle(ios, "8").Render(msg) }

// boldStyle is help's heading style on a colour stdout.
func boldStyle() lipgloss.Style {
	r := lipgloss.NewRenderer(io.Discard)
	r.SetHasDarkBackground(true)
	r.SetColorProfile(termenv.ANSI256)
	return r.NewStyle().Bold(true)
}

// stderrStyle is a fixed ANSI colour, never an adaptive one, which would
// make lipgloss ask the terminal for its background.
func stderrStyle(ios *IOStreams, color string) lipgloss.Style {
	r := lipgloss.NewRenderer(io.Discard)
	r.SetHasDarkBackground(true)
	r.SetColorProfile(termenv.Ascii)
	if ios.ColorErr() {
		r.SetColorProfile(termenv.ANSI256)
	}
	return r.NewStyle().Foreground(lipgloss.Color(color))
}
