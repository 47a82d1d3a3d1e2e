package cmd

import (
	"io"
	"os"
	"runtime"
	"strings"

	"github.com/apiadvisor/apiadvisor/report"
	xterm "golang.org/x/term"
)

// IOStreams is the only door to the process's standard streams. It knows
// which of them are terminals and how wide, so commands can decide
// whether to prompt, whether to colour and where to wrap without touching
// os themselves.
type IOStreams struct {
	In     io.Reader
	Out    io.Writer
	ErrOut io.Writer

	inTTY, outTTY, errTTY bool
	// outCols and errCols are the terminals' widths, 0 when unknown.
	outCols, errCols int
	// env is read once; tests replace it.
	env func(string) string
	// out is Out as System makes it: it remembers the first failed write.
	out *stickyWriter
}

// stickyWriter remembers the first error a write returned, and fails
// every write after it, so that output whose errors nothing can return
// (cobra's help) still fails the run: help written to a full disk must
// not exit 0.
type stickyWriter struct {
	w   io.Writer
	err error
}

// Write implements io.Writer.
func (s *stickyWriter) Write(p []byte) (int, error) {
	if s.err != nil {
		return 0, s.err
	}
	n, err := s.w.Write(p)
	if err != nil {
		s.err = err
	}
	return n, err
}

// WriteErr is the first error writing to stdout met, nil when none did.
func (s *IOStreams) WriteErr() error {
	if s.out == nil {
		return nil
	}
	return s.out.err
}

// System returns streams bound to the process's stdin, stdout and stderr.
// Finding out whether a stream is a terminal, and its size, are ioctls:
// nothing is written to the terminal.
func System() *IOStreams {
	// A stdout closed before the start cannot be told apart: the Go
	// runtime opens /dev/null read-write in its place, as Python's
	// subprocess.DEVNULL and Rust's Stdio::null open it for scripts and
	// benchmarks that discard the output on purpose.
	out := &stickyWriter{w: os.Stdout}
	s := &IOStreams{
		In: os.Stdin, Out: out, ErrOut: os.Stderr, out: out,
		inTTY:  isTerminal(os.Stdin),
		outTTY: isTerminal(os.Stdout),
		errTTY: isTerminal(os.Stderr),
		env:    os.Getenv,
	}
	if s.outTTY {
		s.outCols, _, _ = xterm.GetSize(int(os.Stdout.Fd()))
	}
	if s.errTTY {
		s.errCols, _, _ = xterm.GetSize(int(os.Stderr.Fd()))
	}
	return s
}

// NewStreams returns streams that are not terminals, with the environment
// read from env (nil: empty): for running commands in-process, as tests
// and tools that embed apiadvisor do.
func NewStreams(in io.Reader, out, errOut io.Writer, env func(string) string) *IOStreams {
	return &IOStreams{In: in, Out: out, ErrOut: errOut, env: env}
}

func isTerminal(f *os.File) bool { return xterm.IsTerminal(int(f.Fd())) }

// StderrFile returns stderr as a file when it is the process's own, for
// the form; nil in tests.
func (s *IOStreams) StderrFile() *os.File {
	f, _ := s.ErrOut.(*os.File)
	return f
}

// ErrSize is the size of the terminal stderr is on, where the form draws;
// 0×0 when stderr is not a terminal or its size is unknown (script(1) and
// docker exec -t report 0×0 until a size is set). It is an ioctl, not a
// query.
func (s *IOStreams) ErrSize() (cols, rows int) {
	f := s.StderrFile()
	if !s.errTTY || f == nil {
		return 0, 0
	}
	cols, rows, err := xterm.GetSize(int(f.Fd()))
	if err != nil {
		return 0, 0
	}
	return cols, rows
}

// savedTerminal records the mode of r's terminal and returns what puts it
// back, or nil when r is not a terminal.
func savedTerminal(r io.Reader) (restore func()) {
	f, ok := r.(*os.File)
	if !ok || !isTerminal(f) {
		return nil
	}
	state, err := xterm.GetState(int(f.Fd()))
	if err != nil {
		return nil
	}
	return func() { _ = xterm.Restore(int(f.Fd()), state) }
}

// Getenv reads an environment variable.
func (s *IOStreams) Getenv(key string) string {
	if s.env == nil {
		return ""
	}
	return s.env(key)
}

// OutWidth is where stdout wraps: the terminal's width, or 80 columns
// when stdout is not a terminal (or its size is unknown).
func (s *IOStreams) OutWidth() int { return widthOr(s.outCols) }

// ErrWidth is OutWidth for stderr.
func (s *IOStreams) ErrWidth() int { return widthOr(s.errCols) }

func widthOr(cols int) int {
	if cols <= 0 {
		return report.DefaultWidth
	}
	return cols
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
// CLICOLOR=0 and TERM=dumb; on Unix an unset TERM is a terminal of
// unknown kind, which gets no colour either. Windows consoles set no TERM.
func (s *IOStreams) colorAllowed() bool {
	term := s.Getenv("TERM")
	if term == "" && runtime.GOOS != "windows" {
		return false
	}
	return s.Getenv("NO_COLOR") == "" && s.Getenv("CLICOLOR") != "0" && term != "dumb"
}

func truthy(v string) bool {
	switch strings.ToLower(strings.TrimSpace(v)) {
	case "", "0", "false", "no", "off":
		return false
	}
	return true
}
