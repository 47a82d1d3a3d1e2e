// Package cmd is apiadvisor's command line: one file per command, each
// with an options struct, a constructor that wires flags, and a run
// function that does the work. It is the only package that touches the
// terminal, flags, files and styling.
package cmd
