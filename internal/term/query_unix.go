//go:build unix

package term

import (
	"os"
	"strings"
	"time"

	"golang.org/x/sys/unix"
	xterm "golang.org/x/term"
)

// startQuery puts the terminal in raw mode (so the reply is not echoed
// and arrives unbuffered) and writes the OSC 11 query. The function it
// returns reads the reply, giving up QueryTimeout after the query was
// sent, and restores the terminal; nil means nothing was sent.
func startQuery(f *os.File) func() (dark, ok bool) {
	fd := int(f.Fd())
	state, err := xterm.MakeRaw(fd)
	if err != nil {
		return nil
	}
	// The cursor position request follows the OSC query because every
	// terminal answers it: its reply marks the end of what to read.
	if _, err := f.WriteString("\x1b]11;?\x1b\\\x1b[6n"); err != nil {
		xterm.Restore(fd, state) //nolint:errcheck
		return nil
	}
	deadline := time.Now().Add(QueryTimeout)
	return func() (dark, ok bool) {
		defer xterm.Restore(fd, state) //nolint:errcheck
		return parseOSC11(readReply(fd, deadline))
	}
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
