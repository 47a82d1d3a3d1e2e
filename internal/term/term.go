package term

import (
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/charmbracelet/lipgloss"
	"golang.org/x/sys/unix"
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
	fd := int(f.Fd())
	state, err := xterm.MakeRaw(fd)
	if err != nil {
		return fallback
	}
	defer xterm.Restore(fd, state) //nolint:errcheck
	// The cursor position request follows the OSC query because every
	// terminal answers it: its reply marks the end of what to read.
	if _, err := f.WriteString("\x1b]11;?\x1b\\\x1b[6n"); err != nil {
		return fallback
	}
	reply := readReply(fd, time.Now().Add(QueryTimeout))
	if dark, ok := parseOSC11(reply); ok {
		return dark
	}
	return fallback
}

// readReply reads until the cursor-position answer ('R') or the deadline.
func readReply(fd int, deadline time.Time) string {
	var buf []byte
	chunk := make([]byte, 64)
	for len(buf) < 1024 {
		left := time.Until(deadline)
		if left <= 0 {
			break
		}
		fds := []unix.PollFd{{Fd: int32(fd), Events: unix.POLLIN}}
		n, err := unix.Poll(fds, int(left.Milliseconds())+1)
		if err != nil && err != unix.EINTR {
			break
		}
		if n <= 0 {
			continue
		}
		m, err := unix.Read(fd, chunk)
		if err != nil || m <= 0 {
			break
		}
		buf = append(buf, chunk[:m]...)
		if i := strings.LastIndexByte(string(buf), 'R'); i >= 0 && strings.Contains(string(buf[:i]), "\x1b[") {
			break
		}
	}
	return string(buf)
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
