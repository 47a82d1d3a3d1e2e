//go:build unix

package cmd

import "golang.org/x/sys/unix"

// stdoutClosed reports whether stdout was closed when the program
// started (`apiadvisor version >&-`). The Go runtime then opens /dev/null
// read-write in its place, so writes would succeed and the output vanish
// with exit 0 where other tools report "Bad file descriptor". A shell's
// redirection to /dev/null opens it write-only; a daemon that points all
// three streams at a read-write /dev/null is told apart by stderr being
// one too.
func stdoutClosed() bool {
	return runtimeDevNull(1) && !runtimeDevNull(2)
}

// runtimeDevNull reports whether fd is /dev/null opened read-write. It
// only asks the kernel: wrapping fd in an os.File would close it when
// the File is collected.
func runtimeDevNull(fd int) bool {
	var st, null unix.Stat_t
	if unix.Fstat(fd, &st) != nil || st.Mode&unix.S_IFMT != unix.S_IFCHR {
		return false
	}
	flags, err := unix.FcntlInt(uintptr(fd), unix.F_GETFL, 0)
	if err != nil || flags&unix.O_ACCMODE != unix.O_RDWR {
		return false
	}
	return unix.Stat("/dev/null", &null) == nil && st.Rdev == null.Rdev
}
