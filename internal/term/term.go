package term

import (
	"os"

	"github.com/charmbracelet/lipgloss"
	xterm "golang.org/x/term"
)

// init settles the background as dark before Bubble Tea's package init
// can ask the terminal (see the package comment). apiadvisor never needs
// the answer: its form takes its colours from the terminal's own palette.
func init() {
	lipgloss.SetHasDarkBackground(true)
}

// IsTerminal reports whether f is a terminal. It is an ioctl, not a query:
// nothing is written to the terminal.
func IsTerminal(f *os.File) bool {
	return f != nil && xterm.IsTerminal(int(f.Fd()))
}
