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

// DarkBackground asks the terminal on f for its background colour and
// reports whether it is dark. It falls back to COLORFGBG and then to dark
// when the terminal does not answer within QueryTimeout. termenv does the
// same query but with a fixed five-second timeout, which is why it is
// written here.
func DarkBackground(f *os.File) bool {
	fallback := fromColorFGBG(os.Getenv("COLORFGBG"))
	t := os.Getenv("TERM")
	if t == "dumb" || strings.HasPrefix(t, "screen") || strings.HasPrefix(t, "tmux") || !IsTerminal(f) {
		return fallback
	}
	if dark, ok := queryBackground(f); ok {
		return dark
	}
	return fallback
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
// and 8 are dark.
func fromColorFGBG(v string) bool {
	parts := strings.Split(v, ";")
	bg, err := strconv.Atoi(parts[len(parts)-1])
	if v == "" || err != nil {
		return true
	}
	return bg < 7 || bg == 8
}
