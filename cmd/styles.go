package cmd

import (
	"io"

	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"
)

// styles are built per output stream, only when text is rendered: fixed
// ANSI colours (no AdaptiveColor, which would query the terminal) and the
// Ascii profile whenever colour is off, so pipes get plain text.
type styles struct {
	title, heading, accent, faint, warn, bad, ok lipgloss.Style
}

// newStyles returns a pointer: seven lipgloss styles make an 8 KB value,
// and holding it in a caller's frame grew the stack of every run that
// passed through, styled or not.
func newStyles(w io.Writer, color bool) *styles {
	r := lipgloss.NewRenderer(w)
	r.SetHasDarkBackground(true)
	if color {
		r.SetColorProfile(termenv.ANSI256)
	} else {
		r.SetColorProfile(termenv.Ascii)
	}
	s := r.NewStyle()
	return &styles{
		title:   s.Bold(true).Foreground(lipgloss.Color("13")),
		heading: s.Bold(true),
		accent:  s.Foreground(lipgloss.Color("6")),
		faint:   s.Foreground(lipgloss.Color("8")),
		warn:    s.Foreground(lipgloss.Color("3")),
		bad:     s.Foreground(lipgloss.Color("1")),
		ok:      s.Foreground(lipgloss.Color("2")),
	}
}

func styleErr(io *IOStreams, msg string) string {
	if !io.ColorErr() {
		return msg
	}
	return newStyles(io.ErrOut, true).bad.Render(msg)
}

func styleFaint(io *IOStreams, msg string) string {
	if !io.ColorErr() {
		return msg
	}
	return newStyles(io.ErrOut, true).faint.Render(msg)
}
