//go:build unix

package term

import (
	"os"
	"strings"
	"time"

	"golang.org/x/sys/unix"
	xterm "golang.org/x/term"
)

// queryBackground writes the OSC 11 query and reads the reply in raw
// mode, giving up after QueryTimeout.
func queryBackground(f *os.File) (dark, ok bool) {
	fd := int(f.Fd())
	state, err := xterm.MakeRaw(fd)
	if err != nil {
		return false, false
	}
	defer xterm.Restore(fd, state) //nolint:errcheck
	// The cursor position request follows the OSC query because every
	// terminal answers it: its reply marks the end of what to read.
	if _, err := f.WriteString("\x1b]11;?\x1b\\\x1b[6n"); err != nil {
		return false, false
	}
	return parseOSC11(readReply(fd, time.Now().Add(QueryTimeout)))
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
