package cmd

import (
	"io"
	"os"
	"strings"

	"github.com/apiadvisor/apiadvisor/internal/term"
)

// IOStreams is the only door to the process's standard streams. It knows
// which of them are terminals, so commands can decide whether to prompt
// and whether to colour without touching os themselves.
type IOStreams struct {
	In     io.Reader
	Out    io.Writer
	ErrOut io.Writer

	inTTY, outTTY, errTTY bool
	// env is read once; tests replace it.
	env func(string) string
}

// System returns streams bound to the process's stdin, stdout and stderr.
func System() *IOStreams {
	return &IOStreams{
		In: os.Stdin, Out: os.Stdout, ErrOut: os.Stderr,
		inTTY:  term.IsTerminal(os.Stdin),
		outTTY: term.IsTerminal(os.Stdout),
		errTTY: term.IsTerminal(os.Stderr),
		env:    os.Getenv,
	}
}

// Getenv reads an environment variable.
func (s *IOStreams) Getenv(key string) string {
	if s.env == nil {
		return ""
	}
	return s.env(key)
}

// CanPrompt reports whether a form may be shown: it needs a terminal to
// read keys from and one to draw on, and the user must not have opted out.
func (s *IOStreams) CanPrompt() bool {
	return s.inTTY && s.errTTY && !truthy(s.Getenv("APIADVISOR_NO_INPUT"))
}

// ColorOut reports whether stdout should be coloured.
func (s *IOStreams) ColorOut() bool { return s.outTTY && s.colorAllowed() }

// ColorErr reports whether stderr should be coloured.
func (s *IOStreams) ColorErr() bool { return s.errTTY && s.colorAllowed() }

// colorAllowed honours the NO_COLOR convention (any non-empty value),
// CLICOLOR=0 and TERM=dumb.
func (s *IOStreams) colorAllowed() bool {
	return s.Getenv("NO_COLOR") == "" && s.Getenv("CLICOLOR") != "0" && s.Getenv("TERM") != "dumb"
}

// StderrFile returns stderr as a file when it is the process's own, for
// the form and the terminal query; nil in tests.
func (s *IOStreams) StderrFile() *os.File {
	f, _ := s.ErrOut.(*os.File)
	return f
}

// ErrSize is the size of the terminal stderr is on, where the form draws;
// 0×0 when stderr is not a terminal or its size is unknown.
func (s *IOStreams) ErrSize() (cols, rows int) {
	if !s.errTTY {
		return 0, 0
	}
	return term.Size(s.StderrFile())
}

func truthy(v string) bool {
	switch strings.ToLower(strings.TrimSpace(v)) {
	case "", "0", "false", "no", "off":
		return false
	}
	return true
}
