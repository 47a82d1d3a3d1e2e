// Package term keeps apiadvisor from querying the terminal behind the
// user's back: apiadvisor sends a terminal no query at all.
//
// Bubble Tea v1 calls lipgloss.HasDarkBackground from a package init, so
// any binary that links it sends an OSC 11 query to a stdout terminal on
// every start and waits up to five seconds (termenv's fixed OSCTimeout)
// for an answer that silent terminals never give. This package's init
// runs first: Go initialises packages in import-path order once their own
// imports are ready, and "github.com/apiadvisor/…" sorts before
// "github.com/charmbracelet/bubbletea", whose only way to be ready is
// after lipgloss — which is this package's only non-standard import. It
// marks the background as known so that init queries nothing.
package term
