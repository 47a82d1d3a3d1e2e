// Package noquery keeps Bubble Tea from querying the terminal when the
// program starts. Import it for its side effect, from main.
//
// Bubble Tea v1 calls lipgloss.HasDarkBackground from a package init, so
// any binary that links it sends an OSC 11 query to a stdout terminal on
// every start and waits up to five seconds (termenv's fixed OSCTimeout)
// for an answer that some terminals never give. This package's init
// settles the answer first. It runs before Bubble Tea's because Go
// initialises packages in import-path order once their own imports are
// ready: "github.com/apiadvisor/…" sorts before
// "github.com/charmbracelet/bubbletea", and both wait only on lipgloss.
// apiadvisor never needs the real answer: its colours read on light and
// dark backgrounds alike.
package noquery

import "github.com/charmbracelet/lipgloss"

func init() {
	lipgloss.SetHasDarkBackground(true)
}
