//go:build unix

package cmd

import (
	"net"
	"os"
	"path/filepath"
	"syscall"
	"testing"
)

// specialFileCases names a FIFO (with no writer: reading it would wait
// for ever), a socket and devices wherever a file is expected: each must
// be refused at once, before it is read, with one line naming the kind of
// file.
func specialFileCases(t *testing.T, dir string) []hostileCase {
	fifo := filepath.Join(dir, "fifo")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Fatal(err)
	}
	// A socket path short enough for sun_path, which dir may not be.
	sdir, err := os.MkdirTemp("", "sock")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(sdir) })
	sock := filepath.Join(sdir, "s")
	l, err := net.Listen("unix", sock)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { l.Close() })
	env := func(path string) map[string]string { return map[string]string{"APIADVISOR_RULES": path} }
	return []hostileCase{
		{"fifo: --rules", []string{"advise", "--rules", fifo, "--no-input"}, 2, `rules file "` + fifo + `" is not a regular file (a named pipe)`, nil},
		{"fifo: --answers", []string{"advise", "--answers", fifo, "--no-input"}, 2, "is not a regular file (a named pipe)", nil},
		{"fifo: --check-against", []string{"advise", "--no-input", "--check-against", fifo}, 2, "is not a regular file (a named pipe)", nil},
		{"fifo: rules validate", []string{"rules", "validate", fifo}, 2, "is not a regular file (a named pipe)", nil},
		{"fifo: rules test", []string{"rules", "test", fifo}, 2, `scenario file "` + fifo + `" is not a regular file (a named pipe)`, nil},
		{"fifo: APIADVISOR_RULES", []string{"questions"}, 2, "is not a regular file (a named pipe)", env(fifo)},
		{"fifo: version reads nothing it cannot", []string{"version"}, 0, "", env(fifo)},
		{"fifo: completion script", []string{"completion", "bash"}, 0, "", env(fifo)},
		{"fifo: completing an answer", []string{"__complete", "advise", "--answer", ""}, 0, "", env(fifo)},
		{"socket: --rules", []string{"advise", "--rules", sock, "--no-input"}, 2, "is not a regular file (a socket)", nil},
		{"device: --rules /dev/zero", []string{"advise", "--rules", "/dev/zero", "--no-input"}, 2, "is not a regular file (a device)", nil},
		{"device: --answers /dev/null", []string{"advise", "--answers", "/dev/null", "--no-input"}, 2, "is not a regular file (a device)", nil},
		{"device: --answers /dev/tty", []string{"advise", "--answers", "/dev/tty", "--no-input"}, 2, `answers file "/dev/tty"`, nil},
		{"device: APIADVISOR_RULES /dev/urandom", []string{"rules", "list"}, 2, "is not a regular file (a device)", env("/dev/urandom")},
		{"device: /dev/stdin is not -", []string{"rules", "validate", "/dev/stdin"}, 2, `rules file "/dev/stdin"`, nil},
	}
}
