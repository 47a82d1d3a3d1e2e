package term

import (
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/charmbracelet/lipgloss"
	xterm "golang.org/x/term"
)

func init() {
	lipgloss.SetHasDarkBackground(true)
}

// IsTerminal reports whether f is a terminal. It is an ioctl, not a query:
// nothing is written to the terminal.
func IsTerminal(f *os.File) bool {
	return f != nil && xterm.IsTerminal(int(f.Fd()))
}

// QueryTimeout bounds the background query. Terminals that answer do so
// within a few milliseconds; one that does not must not delay the form.
const QueryTimeout = 150 * time.Millisecond

// BackgroundQuery is a light-or-dark question sent to the terminal and
// not yet answered. Sending it before building the form and reading the
// answer after lets the terminal reply while the form is built, so a
// terminal that answers adds no time before the first prompt.
type BackgroundQuery struct {
	finish func() (dark, ok bool) // nil when nothing was sent
	dark   bool
}

// StartBackgroundQuery asks the terminal on f for its background colour.
// It sends nothing when COLORFGBG already tells (the terminal sets it),
// when f is not a terminal, or under screen and tmux, which do not pass
// the query on; the answer is then COLORFGBG's, else dark. termenv asks
// the same but waits up to five seconds for a silent terminal, which is
// why this is written here.
func StartBackgroundQuery(f *os.File) *BackgroundQuery {
	env := os.Getenv("COLORFGBG")
	q := &BackgroundQuery{dark: fromColorFGBG(env)}
	if env != "" {
		return q
	}
	t := os.Getenv("TERM")
	if t == "dumb" || strings.HasPrefix(t, "screen") || strings.HasPrefix(t, "tmux") || !IsTerminal(f) {
		return q
	}
	q.finish = startQuery(f)
	return q
}

// Dark waits for the terminal's answer — at most QueryTimeout after the
// query was sent — restores the terminal and reports whether the
// background is dark. Later calls return the same answer at once; a nil
// query, one never sent, answers dark.
func (q *BackgroundQuery) Dark() bool {
	if q == nil {
		return true
	}
	if q.finish != nil {
		if dark, ok := q.finish(); ok {
			q.dark = dark
		}
		q.finish = nil
	}
	return q.dark
}

// parseOSC11 reads "\x1b]11;rgb:RRRR/GGGG/BBBB" and reports darkness by
// perceived luminance.
func parseOSC11(s string) (dark, ok bool) {
	i := strings.Index(s, "]11;rgb:")
	if i < 0 {
		return false, false
	}
	s = s[i+len("]11;rgb:"):]
	parts := strings.SplitN(s, "/", 3)
	if len(parts) != 3 {
		return false, false
	}
	var rgb [3]float64
	for j, p := range parts {
		end := 0
		for end < len(p) && strings.IndexByte("0123456789abcdefABCDEF", p[end]) >= 0 {
			end++
		}
		if end == 0 {
			return false, false
		}
		v, err := strconv.ParseUint(p[:end], 16, 64)
		if err != nil {
			return false, false
		}
		rgb[j] = float64(v) / float64(uint64(1)<<(4*end)-1)
	}
	lum := 0.2126*rgb[0] + 0.7152*rgb[1] + 0.0722*rgb[2]
	return lum < 0.5, true
}

// fromColorFGBG reads rxvt's "fg;bg" convention: background colours 0–6
// and 8 are dark; unset or unreadable counts as dark.
func fromColorFGBG(v string) bool {
	parts := strings.Split(v, ";")
	bg, err := strconv.Atoi(parts[len(parts)-1])
	if v == "" || err != nil {
		return true
	}
	return bg < 7 || bg == 8
}
