package term

import (
	"io"
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

// Size returns the width and height f's terminal reports, 0×0 when f is
// not a terminal or reports none (script(1) and docker exec -t report 0×0
// until a size is set). Like IsTerminal it is an ioctl, not a query.
func Size(f *os.File) (cols, rows int) {
	if f == nil {
		return 0, 0
	}
	cols, rows, err := xterm.GetSize(int(f.Fd()))
	if err != nil {
		return 0, 0
	}
	return cols, rows
}

// Saved records the mode of r's terminal and returns what puts it back,
// or nil when r is not a terminal.
func Saved(r io.Reader) (restore func()) {
	f, ok := r.(*os.File)
	if !ok || !IsTerminal(f) {
		return nil
	}
	state, err := xterm.GetState(int(f.Fd()))
	if err != nil {
		return nil
	}
	return func() { _ = xterm.Restore(int(f.Fd()), state) }
}
